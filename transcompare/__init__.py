"""transcompare: compare editions of the same news story across languages."""

__version__ = "0.1.0"
