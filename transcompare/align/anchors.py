"""Anchors: numbers, Latin-letter tokens and quotation marks, which survive translation unchanged.

A shared anchor is strong evidence two sentences belong together; numbers on both sides that
share nothing are evidence against.
"""

from __future__ import annotations

import re

from ..langs import is_chinese

_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000, "亿": 100000000}
_ZH_NUM = re.compile(r"[零〇一二两三四五六七八九十百千万亿]{2,}")
_ARABIC = re.compile(r"\d+(?:[.,]\d+)*")
_LATIN = re.compile(r"[A-Za-z][A-Za-z\-]+")
_EN_NUMBER_WORDS = {
    w: i for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}
_EN_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                         "ninety": 90, "hundred": 100})
_ZH_QUOTES = "“”「」『』\""
_EN_QUOTES = "\"“”"


def zh_number(text: str) -> int | None:
    """二十三 -> 23, 一九六八 -> 1968, 三万五千 -> 35000; None when it is not a number."""
    if all(ch in _ZH_DIGITS for ch in text):
        return int("".join(str(_ZH_DIGITS[ch]) for ch in text))
    total, section, digit = 0, 0, 0
    for ch in text:
        if ch in _ZH_DIGITS:
            digit = _ZH_DIGITS[ch]
        elif ch in ("万", "亿"):
            total = (total + section + digit) * _ZH_UNITS[ch]
            section, digit = 0, 0
        else:
            section += (digit or 1) * _ZH_UNITS[ch]
            digit = 0
    return total + section + digit


def _arabic(token: str) -> str:
    return token.replace(",", "")


_SCALES = {"万": 10_000, "亿": 100_000_000, "million": 1_000_000, "billion": 1_000_000_000, "thousand": 1000}
_ARABIC_UNIT = re.compile(r"(\d+(?:[.,]\d+)*)\s*多?\s*(万|亿|million|billion|thousand)")


def _scaled(number: str, unit: str) -> str:
    """3.5万 -> #35000, 6 million -> #6000000: the same quantity written either way."""
    value = float(number.replace(",", "")) * _SCALES[unit]
    return f"#{int(round(value))}"


def anchors(text: str, lang: str) -> frozenset[str]:
    """Normalised anchor tokens of one sentence: "#23" numbers, "~nasa" Latin words."""
    found: set[str] = set()
    for match in _ARABIC_UNIT.finditer(text):
        found.add(_scaled(match.group(1), match.group(2)))
    for token in _ARABIC.findall(_ARABIC_UNIT.sub(" ", text)):
        found.add("#" + _arabic(token))
    if is_chinese(lang):
        for token in _ZH_NUM.findall(text):
            value = zh_number(token)
            if value is not None and value > 1:
                found.add(f"#{value}")
        for token in _LATIN.findall(text):
            found.add("~" + token.lower())
    else:
        for token in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)?", text):
            parts = [_EN_NUMBER_WORDS.get(p) for p in token.lower().split("-")]
            value = sum(parts) if all(p is not None for p in parts) else None  # type: ignore[misc]
            if value is not None and value > 1:
                found.add(f"#{value}")
        for token in _LATIN.findall(text):
            if token.isupper() or any(c.isupper() for c in token[1:]):
                found.add("~" + token.lower())
    return frozenset(found)


def has_quote(text: str, lang: str) -> bool:
    marks = _ZH_QUOTES if is_chinese(lang) else _EN_QUOTES
    return any(ch in text for ch in marks) or (not is_chinese(lang) and _EN_SINGLE_QUOTE.search(text) is not None)


_EN_SINGLE_QUOTE = re.compile(r"(?:^|\s)['‘]\w|\w[.,!?]?['’](?:\s|$)")
_OPEN = "“「『\"'‘(（"
_CLOSE = "”」』\"'’)）"


def edges(text: str) -> tuple[int, int, int, int]:
    """Punctuation at a sentence's edges, which translations keep: opens a quote, closes one,
    ends in a question mark, ends in an exclamation mark."""
    t = text.strip()
    if not t:
        return (0, 0, 0, 0)
    opens = int(t[0] in _OPEN)
    closes = int(t[-1] in _CLOSE)
    end = t.rstrip(_CLOSE + " ")
    last = end[-1] if end else ""
    return (opens, closes, int(last in "?？"), int(last in "!！"))
