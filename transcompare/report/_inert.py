"""Article text made visible and inert where it is shown: bidi controls by name."""

from __future__ import annotations

# bidi embeddings, overrides and isolates as visible names: one left open in an article reverses the rest
# of its block (in a page, and in a terminal that does bidi), text that quotes it included
BIDI_NAMES = dict(zip("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
                      ("LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI")))
BIDI_SHOWN = {ord(c): f"[{name}]" for c, name in BIDI_NAMES.items()}
