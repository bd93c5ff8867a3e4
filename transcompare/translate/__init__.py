"""Machine translation for comparison: optional, cached, and never waiting on a network."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

from ..errors import ModelError
from ..langs import is_chinese, normalise_lang
from ..model import Edition
from .config import DEFAULT_MODEL, ENV_MODEL

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
    """Translate the original's sentences when a model is available; otherwise say why not.

    A model named by flag must load (else ModelError). One named by environment or config
    file that is not on this machine is skipped with a note, as is the default model
    (``Helsinki-NLP/opus-mt-zh-en``), which is used only when already downloaded.
    """
    if normalise_lang(original.lang) == normalise_lang(target_lang):
        return MTResult(None, target_lang)
    from .config import resolve_settings
    from .engine import load_translator

    settings = resolve_settings(model)
    if settings.model is None:
        from .locate import hub_snapshot, local_copy

        if local_copy(DEFAULT_MODEL) is None and hub_snapshot(DEFAULT_MODEL) is None:
            return MTResult(None, target_lang, note=SKIPPED_NOTE)
        settings = replace(settings, model=DEFAULT_MODEL, source="default")
    try:
        translator = load_translator(settings=settings)
    except ModelError as err:
        if settings.source == "flag":
            raise
        return MTResult(None, target_lang, note=f"MT comparison skipped: {err.message} (model from {settings.source}).")
    src_lang = "zh-Hant" if is_chinese(original.lang) and original.script == "Hant" else original.lang
    try:
        translations = translator.translate(original.sentence_texts(), src_lang, target_lang)
    except ModelError as err:  # a one-pair model for other languages (zh-en given an English original)
        if settings.source == "flag":
            raise
        return MTResult(None, target_lang, note=f"MT comparison skipped: {err.message} (model from {settings.source}).")
    return MTResult(tuple(translations), target_lang, translator.signature())
