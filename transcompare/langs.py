"""Language tags as the pipeline uses them: a bare primary subtag ("zh", "en")."""

from __future__ import annotations

from typing import Any


def normalise_lang(lang: Any) -> str | None:
    """"zh-Hant", "zh_TW", "ZH" -> "zh"; "en-US" -> "en": the pipeline detects the script itself,
    and a tag it keeps whole ("zh-Hant") would be read as a language it does not know."""
    if not lang or not isinstance(lang, str):
        return None
    return lang.strip().split("-")[0].split("_")[0].lower() or None


CHINESE = ("zh", "yue", "wuu")  # written without spaces between words; the script is detected apart


def is_chinese(lang: Any) -> bool:
    """True for any tag of written Chinese ("zh", "zh-Hant", "zh_TW", "ZH", "yue"): code that compared
    ``lang == "zh"`` read a zh-Hant edition as a language spaced like English."""
    return normalise_lang(lang) in CHINESE
