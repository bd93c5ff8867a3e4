"""Chinese personal names in Latin script: candidates in every romanisation and a matcher that
accepts the spellings real editions use (Tsai Ing-wen, Chan Ka-ho, Jimmy Lai, Prof. Lin)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .romanize import (
    SYSTEMS,
    candidates,
    given_forms,
    is_han_name,
    letters,
    romanise,
    surname_forms,
    syllable_forms,
    to_simplified,
)
from .surnames import is_surname, split_name, surname_table

#: Words that precede or follow a name without being part of it.
HONORIFICS = frozenset(
    "mr mrs ms miss dr prof professor sir madam mme president premier chairman chairwoman minister "
    "gen general col colonel capt captain rep sen senator gov governor mayor judge justice rev father "
    "vice deputy spokesman spokeswoman spokesperson lawmaker legislator ambassador director secretary "
    "host anchor reporter editor economist scholar analyst commentator".split()
)
_TRANSLIT_SEP = re.compile(r"[·•・‧]")


@dataclass(frozen=True)
class NameMatch:
    """How an English phrase renders a Chinese name: ``how`` is full, reversed, surname,
    western-given, given or fuzzy; ``score`` in [0, 1]."""

    score: float
    how: str


def name_tokens(phrase: str) -> list[str]:
    """'Prof. Lin Chih-heng' -> ['Lin', 'Chih-heng'] (honorifics and possessive 's dropped)."""
    phrase = re.sub(r"[’']s\b", "", phrase)
    tokens = [t.strip(".,;:!?()\"“”‘’") for t in phrase.split()]
    return [t for t in tokens if t and letters(t) and letters(t) not in HONORIFICS]


def match_person(zh_name: str, en_phrase: str, fuzzy: bool = True) -> NameMatch | None:
    """Does ``en_phrase`` render the Chinese personal name ``zh_name``? None when it does not."""
    zh_name = to_simplified(zh_name)
    tokens = name_tokens(en_phrase)
    if not tokens or not is_han_name(zh_name) and len(zh_name) != 1:
        return None
    key = "".join(letters(t) for t in tokens)
    surname, given = split_name(zh_name)
    if len(zh_name) == 1:  # a surname alone (林教授 -> 林)
        surname, given = zh_name, ""
    surnames = surname_forms(surname)
    givens = given_forms(given) if given else frozenset()
    for s in surnames:
        if givens and key.startswith(s) and key[len(s):] in givens:
            return NameMatch(1.0, "full")
        if givens and key.endswith(s) and key[: -len(s)] in givens:
            return NameMatch(0.95, "reversed")
    if not is_surname(surname) and key in given_forms(zh_name):
        return NameMatch(0.9, "given")  # 小薇 -> Xiaowei: no surname to split off
    last, first = letters(tokens[-1]), letters(tokens[0])
    if len(tokens) == 1 and key in surnames:
        return NameMatch(0.6, "surname")
    if givens and len(tokens) == 1 and key in givens:
        return NameMatch(0.55, "given")
    if len(tokens) >= 2 and last in surnames and not any(letters(t) in syllable_set(given) for t in tokens[:-1]):
        if all(t[:1].isupper() for t in tokens[:-1]):
            return NameMatch(0.7, "western-given")  # Jimmy Lai, Martin Lee
    if fuzzy and givens and len(tokens) >= 2:
        best = 0.0
        for s in surnames:
            for g in givens:
                for target in (s + g, g + s):
                    if abs(len(target) - len(key)) <= 3:
                        best = max(best, difflib.SequenceMatcher(None, key, target).ratio())
        if best >= 0.8 and (first in surnames or last in surnames):
            return NameMatch(round(best * 0.8, 3), "fuzzy")
    return None


def syllable_set(given: str) -> frozenset[str]:
    """Every syllable key of the given name's characters, and their joins (for Western-name tests)."""
    out: set[str] = set()
    for ch in given:
        out |= syllable_forms(ch)
    return frozenset(out | set(given_forms(given))) if given else frozenset()


def is_transliteration(zh_name: str) -> bool:
    """约翰·F·哈特利: a foreign name written with a middle dot."""
    return bool(_TRANSLIT_SEP.search(zh_name))


def transliteration_score(zh_name: str, en_phrase: str) -> float:
    """How well an English name sounds like a Chinese transliteration (last name weighted)."""
    from pypinyin import lazy_pinyin

    parts = [p for p in _TRANSLIT_SEP.split(zh_name) if p]
    tokens = name_tokens(en_phrase)
    if not parts or not tokens:
        return 0.0

    def sim(zh_part: str, en_token: str) -> float:
        if zh_part.isascii():
            return 1.0 if letters(zh_part) == letters(en_token)[: len(letters(zh_part))] else 0.0
        sound = "".join(lazy_pinyin(zh_part))
        return difflib.SequenceMatcher(None, sound, letters(en_token)).ratio()

    last = sim(parts[-1], tokens[-1])
    if len(parts) == 1 or len(tokens) == 1:
        return last
    first = sim(parts[0], tokens[0])
    return 0.7 * last + 0.3 * first


def looks_romanised(phrase: str) -> bool:
    """'Wang Jianguo' yes, 'Trinket' or 'John Smith' no: every token splits into Chinese syllables."""
    tokens = name_tokens(phrase)
    return bool(tokens) and all(_splits_into_syllables(letters(t)) for t in tokens)


_SYLLABLES: frozenset[str] | None = None


def _syllable_inventory() -> frozenset[str]:
    global _SYLLABLES
    if _SYLLABLES is None:
        onsets = ["", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "zh", "ch", "sh", "r", "z", "c", "s", "y", "w", "ts", "hs", "tz", "sz", "ss"]
        rimes = ["a", "o", "e", "i", "u", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "ong", "er", "ia", "ie", "iao", "iu", "ian", "in", "iang", "ing", "iong", "ua", "uo", "uai", "ui", "uan", "un", "uang", "ueng", "ue", "ve", "v", "ih", "u", "ueh", "ieh", "ung", "iung", "uei", "uen", "oh", "eh", "ik", "ok", "uk", "ak", "at", "it", "ut", "am", "im", "um", "ap", "ip", "oi", "oy", "eung", "eong", "oon", "oo", "ee", "ew", "ay"]
        _SYLLABLES = frozenset(o + r for o in onsets for r in rimes)
    return _SYLLABLES


def _splits_into_syllables(key: str, limit: int = 4) -> bool:
    inventory = _syllable_inventory()
    if not key:
        return False
    reach = {0: 0}
    for i in range(len(key)):
        if i not in reach or reach[i] >= limit:
            continue
        for j in range(i + 1, min(len(key), i + 6) + 1):
            if key[i:j] in inventory and (j not in reach or reach[j] > reach[i] + 1):
                reach[j] = reach[i] + 1
    return len(key) in reach


__all__ = [
    "HONORIFICS",
    "NameMatch",
    "SYSTEMS",
    "candidates",
    "given_forms",
    "is_han_name",
    "is_surname",
    "is_transliteration",
    "letters",
    "looks_romanised",
    "match_person",
    "name_tokens",
    "romanise",
    "split_name",
    "surname_forms",
    "surname_table",
    "transliteration_score",
]
