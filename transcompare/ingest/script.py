"""Chinese script detection and the normalised view used for matching.

``normalize`` maps Traditional to Simplified (OpenCC), full-width ASCII to half-width and all
quote marks to one set, keeping one output character per input character wherever it can, so
an offset in the normalised text is an offset in the original.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..langs import is_chinese

_QUOTES = str.maketrans({"「": "“", "『": "“", "」": "”", "』": "”", "〝": "“", "〞": "”", "＂": '"', "﹁": "“", "﹂": "”"})


@functools.lru_cache(maxsize=4)
def _converter(config: str):
    import opencc  # lazy: a C extension with its own dictionaries

    return opencc.OpenCC(config)


def is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def detect_script(text: str) -> str | None:
    """Return "Hant", "Hans" or None (no Han characters). Counts characters each direction changes."""
    han = "".join(ch for ch in text[:20000] if is_cjk(ch))
    if not han:
        return None
    to_simp = _converter("t2s").convert(han)
    to_trad = _converter("s2t").convert(han)
    traditional_only = sum(a != b for a, b in zip(han, to_simp))
    simplified_only = sum(a != b for a, b in zip(han, to_trad))
    return "Hant" if traditional_only > simplified_only else "Hans"


def to_simplified(text: str) -> str:
    """OpenCC Traditional->Simplified (phrase-aware, Taiwan vocabulary included), same length when possible."""
    converted = _converter("tw2sp").convert(text)
    if len(converted) == len(text):
        return converted
    # Phrase conversions changed the length: fall back to per-character so offsets stay exact.
    plain = _converter("t2s")
    return "".join(c if len(c := plain.convert(ch)) == 1 else ch for ch in text)


def fold_width(text: str) -> str:
    """Full-width digits, letters, % . + - and the ideographic space to half-width, one char for one.

    Chinese punctuation (，。：) stays: segmentation and quote matching rely on it."""
    out = []
    for ch in text:
        code = ord(ch)
        if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A or ch in "％．＋－":
            out.append(chr(code - 0xFEE0))
        elif ch == "\u3000":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


@dataclass(frozen=True)
class NormalizedText:
    """A matching view of ``original``; ``text[i]`` comes from ``original[i]`` (same length)."""

    original: str
    text: str


def normalize(text: str, lang: str = "zh") -> NormalizedText:
    out = fold_width(text).translate(_QUOTES)
    if is_chinese(lang):
        out = to_simplified(out)
    return NormalizedText(original=text, text=out)
