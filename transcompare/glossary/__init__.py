"""Terminology glossaries: zh term <-> English renderings (see store.py for the TSV format)."""

from .store import Entry, Glossary, GlossaryStore, load_glossaries

__all__ = ["Entry", "Glossary", "GlossaryStore", "load_glossaries"]
