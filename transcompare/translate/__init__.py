"""Machine translation for comparison: optional, cached, and never waiting on a network."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Sequence

from ..model import Edition

ENV_MODEL = "TRANSCOMPARE_MT_MODEL"
SKIPPED_NOTE = (
    "MT comparison skipped: no MT model configured. Pass --mt-model PATH (a transformers or "
    f"CTranslate2 model directory) or set {ENV_MODEL}; see `transcompare models --help`."
)


@dataclass(frozen=True)
class MTResult:
    translations: Sequence[str] | None
    target_lang: str
    signature: str = "none"
    note: str = ""


def maybe_translate(original: Edition, model: str | None, target_lang: str = "en") -> MTResult:
    """Translate the original's sentences when a model is configured; otherwise say why not."""
    model = model or os.environ.get(ENV_MODEL)
    if not model or original.lang == target_lang:
        note = "" if original.lang == target_lang else SKIPPED_NOTE
        return MTResult(None, target_lang, note=note)
    from .engine import load_translator

    translator = load_translator(model)
    texts = original.sentence_texts()
    return MTResult(translator.translate(texts, original.lang, target_lang), target_lang, translator.signature())
