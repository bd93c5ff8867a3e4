"""Command line: one module per command; each parses options, calls the library, prints."""
