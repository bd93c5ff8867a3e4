"""Language tags as the pipeline uses them: a bare primary subtag ("zh", "en")."""

from __future__ import annotations

from typing import Any


def normalise_lang(lang: Any) -> str | None:
    """"zh-Hant", "zh_TW", "ZH" -> "zh"; "en-US" -> "en": the pipeline detects the script itself,
    and a tag it keeps whole ("zh-Hant") would be read as a language it does not know."""
    if not lang or not isinstance(lang, str):
        return None
    return lang.strip().split("-")[0].split("_")[0].lower() or None


# The languages a comparison reads (aligner dictionary, checks' extractors); others would be split
# and checked as if they were English.
COMPARED = ("zh", "en")


def compared_lang(lang: Any, option: str) -> str | None:
    """``lang`` normalised, or an error naming ``option`` when a comparison cannot read it: Chinese
    text declared as "fr" was split with the English rules and aligned as French, without a word."""
    code = normalise_lang(lang)
    if code is None or code in COMPARED:
        return code
    from .errors import OptionError

    raise OptionError(f"{option} {lang!r}: a comparison reads zh (Simplified or Traditional) and en; give one of those, or omit it to detect")
