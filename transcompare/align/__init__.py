"""Sentence alignment: aligners behind one interface, chosen by name.

Names map to ``"module:Class"`` strings imported on first use (sacrebleu's _TOKENIZERS habit),
so choosing an aligner never imports another one's heavy dependencies.
"""

from __future__ import annotations

import importlib

from ..errors import OptionError
from ..protocols import Aligner

ALIGNERS: dict[str, str] = {
    "gale-church": "transcompare.align.gale_church:GaleChurchAligner",
    "engine": "transcompare.align.engine:EngineAligner",
    "engine-centred": "transcompare.align.engine:CentredEngineAligner",
}
DEFAULT_ALIGNER = "engine"


def check_aligner(name: str) -> None:
    """A one-line OptionError for an aligner name not in ALIGNERS (nothing is imported)."""
    if name not in ALIGNERS:
        raise OptionError(f"unknown aligner {name!r}; choose from {', '.join(sorted(ALIGNERS))}")


def get_aligner(name: str | None = None, **options) -> Aligner:
    name = name or DEFAULT_ALIGNER
    check_aligner(name)
    module_name, _, cls_name = ALIGNERS[name].partition(":")
    return getattr(importlib.import_module(module_name), cls_name)(**options)
