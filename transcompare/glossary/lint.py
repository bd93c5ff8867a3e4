"""Lint glossaries: duplicates, conflicts, self-contradictions, and implausible English.

"Plausible" is lenient on purpose: a name passes if any English word spells romanisations of
its characters (pinyin, Wade-Giles, Gwoyeu Romatzyh, Cantonese and the surname spellings of
transcompare.names), or sounds like a transliteration of it; a term passes if most of its words
are in the CC-CEDICT glosses of the term or its parts. Only clear misses are reported, as warnings.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from .english import fold, tidy
from .store import Entry, Glossary, Origin, term_key

_STOP = frozenset(
    "the of and for to in on at by an a as or with from its their our this that is are was be "
    "abbr name used also see variant old china chinese prc".split()
)

# Sound classes for the transliteration test (Trump ~ 特朗普: t-l-n-p).
_CLASS = {}
for _letters, _cls in (("bp", "B"), ("dt", "T"), ("gkqjc", "K"), ("szx", "S"), ("lr", "L"), ("mn", "N"),
                       ("fvw", "W"), ("h", "H"), ("y", "")):
    for _ch in _letters:
        _CLASS[_ch] = _cls


@dataclass(frozen=True)
class LintIssue:
    level: str  # error | warning
    code: str  # G001 ...
    message: str
    where: str = ""  # file:line when known

    def format(self) -> str:
        prefix = f"{self.where}: " if self.where else ""
        return f"{prefix}{self.level} [{self.code}] {self.message}"


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def romanisations(ch: str) -> frozenset[str]:
    """Spellings of one character in names: pinyin, Wade-Giles, Gwoyeu Romatzyh, Cantonese, and
    the surname spellings in use (transcompare.names)."""
    from ..names.romanize import surname_forms, syllable_forms

    return syllable_forms(ch) | surname_forms(ch)


def _decomposes(token: str, syllables: frozenset[str]) -> bool:
    """Can ``token`` be written as a run of the given syllables (jinping = jin + ping)?"""

    @functools.lru_cache(maxsize=None)
    def rest(i: int) -> bool:
        if i == len(token):
            return True
        return any(token.startswith(s, i) and rest(i + len(s)) for s in syllables)

    return rest(0)


def _skeleton_en(text: str) -> str:
    letters = re.sub(r"[^a-z]", "", fold(text))
    letters = re.sub(r"c(?=[eiy])", "s", letters)
    letters = letters.replace("ph", "f").replace("ch", "s").replace("sh", "s").replace("th", "t")
    out = ""
    for ch in letters:
        cls = _CLASS.get(ch, "")
        if cls and not out.endswith(cls):
            out += cls
    return out


def _skeleton_zh(chars: str) -> str:
    from pypinyin import Style, lazy_pinyin

    out = ""
    for syllable in lazy_pinyin(chars, style=Style.NORMAL, errors="ignore"):
        head = re.match(r"(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?", syllable).group(0)
        parts = [head] if head else []
        if syllable.endswith(("n", "ng")) and len(syllable) > 1:
            parts.append("n")
        for part in parts:
            cls = "S" if part in ("zh", "ch", "sh") else _CLASS.get(part[0], "")
            if cls and not out.endswith(cls):
                out += cls
    return out


def _lcs(a: str, b: str) -> int:
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def sounds_like(zh: str, english: str) -> bool:
    """A transliteration test: one English word's consonant skeleton matches (Rubio ~ 鲁比奥)."""
    a = _skeleton_zh("".join(ch for ch in zh if _is_han(ch)))
    if len(a) < 2:
        return False
    for word in re.findall(r"[a-z]{3,}", fold(english)):
        b = _skeleton_en(word)
        if b and _lcs(a, b) >= 0.6 * max(len(a), len(b)):
            return True
    return False


def glosses(term: str) -> list[str]:
    """CC-CEDICT definitions of a term, of each dictionary word inside it, and of its characters."""
    from ..ingest.script import to_simplified
    from ..names.cedict import definitions

    text = to_simplified(term)
    found: list[str] = []
    for size in range(len(text), 0, -1):
        for start in range(0, len(text) - size + 1):
            found.extend(definitions(text[start : start + size]))
    return found


def _stem(word: str) -> str:
    return word[:5] if len(word) > 5 else word


def _content_words(text: str) -> set[str]:
    """Stemmed words that carry meaning; acronyms (CCP) carry none a dictionary can confirm."""
    plain = " ".join(w for w in text.split() if not (sum(c.isupper() for c in w) >= 2 and w.upper() == w))
    return {_stem(w) for w in re.findall(r"[a-z]+", fold(plain)) if len(w) >= 3 and w not in _STOP}


def plausible(entry: Entry, english: str) -> tuple[bool, str]:
    """Is ``english`` a plausible rendering of the entry's term? (verdict, reason when not)."""
    forms = entry.zh_forms()
    han = "".join(ch for f in forms for ch in f if _is_han(ch))
    if not han or not re.search(r"[A-Za-z]", english):
        return True, ""
    syllables = frozenset(s for ch in han for s in romanisations(ch))
    tokens = [t for t in re.split(r"[^a-z]+", fold(english)) if len(t) >= 2]
    if any(_decomposes(t, syllables) for t in tokens):
        return True, ""
    if re.fullmatch(r"[A-Za-z.&]+", english) and sum(c.isupper() for c in english) >= 2:
        return True, ""  # an acronym alone (CIA, PBoC): nothing to judge it by
    words = _content_words(english)
    all_glosses = [g for f in forms for g in glosses(f)]
    gloss_words = set().union(*(_content_words(g) for g in all_glosses)) if all_glosses else set()
    if words and len(words & gloss_words) > len(words) / 2:
        return True, ""
    if any(tidy(english).lower() in g.lower() for g in all_glosses):
        return True, ""
    if entry.type in ("person", "place") and any(sounds_like(f, english) for f in forms):
        return True, ""
    if not words:
        return True, ""
    if entry.type in ("person", "place"):
        return False, f"no word of {english!r} spells a romanisation of {entry.source} (pinyin, Wade-Giles, HK/TW forms)"
    return False, f"most words of {english!r} are not in the CC-CEDICT glosses of {entry.source}, nor does it spell its pinyin"


def lint_entries(entries: Sequence[Entry], origins: Sequence[Origin] = (), plausibility: bool = True) -> list[LintIssue]:
    """Every problem in a set of entries (one glossary or several loaded together)."""
    where = {id(e): str(o) for e, o in zip(entries, origins)}
    issues: list[LintIssue] = []
    by_key: dict[str, list[Entry]] = {}
    for entry in entries:
        at = where.get(id(entry), "")
        keys = []
        for form in entry.zh_forms():
            key = term_key(form)
            if key in keys:
                if form != entry.source:
                    issues.append(LintIssue("warning", "G004", f"{entry.source}: variant {form!r} is the same term as {entry.source!r} in another script; matching handles scripts already", at))
                continue
            keys.append(key)
            by_key.setdefault(key, []).append(entry)
        ok = {tidy(x).lower() for x in entry.english_ok()}
        for bad in entry.forbidden:
            if tidy(bad).lower() in ok:
                issues.append(LintIssue("error", "G003", f"{entry.source}: {bad!r} is both allowed and forbidden", at))
        seen: set[str] = set()
        for value in (*entry.accepted, *entry.forbidden):
            low = tidy(value).lower()
            if low in seen or low == tidy(entry.preferred).lower() and value in entry.accepted:
                issues.append(LintIssue("warning", "G004", f"{entry.source}: {value!r} is listed twice", at))
            seen.add(low)
        if plausibility:
            for english in entry.english_ok():
                fine, reason = plausible(entry, english)
                if not fine:
                    issues.append(LintIssue("warning", "G005", f"{entry.source} → {english!r} looks implausible: {reason}", at))
    reported: set[tuple[int, int]] = set()
    for key, group in sorted(by_key.items()):
        for i, first in enumerate(group):
            for second in group[i + 1 :]:
                pair = (id(first), id(second))
                if pair in reported or first is second:
                    continue
                reported.add(pair)
                at = where.get(id(second), "")
                also = f" (first at {where[id(first)]})" if id(first) in where else ""
                if tidy(first.preferred) == tidy(second.preferred):
                    issues.append(LintIssue("warning", "G001", f"duplicate entry for {key}: {second.source} → {second.preferred!r}{also}", at))
                else:
                    issues.append(LintIssue("error", "G002", f"conflict for {key}: {first.source} → {first.preferred!r} but {second.source} → {second.preferred!r}{also}", at))
    # A rendering one entry forbids and another prefers is a contradiction too.
    allowed = {tidy(x).lower(): e for e in entries for x in e.english_ok()}
    for entry in entries:
        for bad in entry.forbidden:
            other = allowed.get(tidy(bad).lower())
            if other is not None and other is not entry:
                issues.append(LintIssue("warning", "G006", f"{entry.source} forbids {bad!r}, which {other.source} allows", where.get(id(entry), "")))
    return sorted(issues, key=lambda i: (i.where.split(":")[0], _line(i.where), i.code, i.message))


def _line(where: str) -> int:
    tail = where.rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def lint_glossary(glossary: Glossary, plausibility: bool = True) -> list[LintIssue]:
    return lint_entries(glossary.entries, glossary.origins, plausibility)


def summarise(issues: Iterable[LintIssue]) -> tuple[int, int]:
    issues = list(issues)
    return sum(i.level == "error" for i in issues), sum(i.level == "warning" for i in issues)
