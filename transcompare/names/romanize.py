"""Romanisations of Chinese names: Hanyu Pinyin, Wade-Giles, Gwoyeu Romatzyh (pypinyin styles),
Hong Kong Government Cantonese (cantoroman), and the surname spellings in surnames.py.

Matching works on *letter keys*: lower case, no accents, no hyphens, apostrophes or spaces, so
"Chih-heng", "Chihheng" and "Chih Heng" all read "chihheng".
"""

from __future__ import annotations

import functools
import itertools
import unicodedata

from .surnames import split_name, surname_table

SYSTEMS = ("pinyin", "wade-giles", "gwoyeu", "cantonese")
_MAX_COMBOS = 400


@functools.lru_cache(maxsize=100000)
def letters(text: str) -> str:
    """Letter key: 'Lü Zhen-hua' -> 'luzhenhua'; 'Ts’ai' -> 'tsai'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if "a" <= ch <= "z")


def _u_variants(syllable: str) -> set[str]:
    """pypinyin writes ü as 'v' or 'ü'; names use u, yu or (rarely) v."""
    out = {syllable}
    if "v" in syllable or "ü" in syllable:
        plain = syllable.replace("ü", "v")
        out |= {plain.replace("v", "u"), plain.replace("v", "yu")}
    return {letters(s) for s in out if letters(s)}


@functools.lru_cache(maxsize=1)
def _cantonese():
    from cantoroman import Cantonese  # lazy: loads a few JSON tables

    return Cantonese()


@functools.lru_cache(maxsize=2)
def _opencc(config: str):
    import opencc

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    return _opencc("t2s").convert(text)


def to_traditional(text: str) -> str:
    return _opencc("s2t").convert(text)


@functools.lru_cache(maxsize=20000)
def syllable_forms(char: str) -> frozenset[str]:
    """Every letter key one character may take in a name, over all systems and readings."""
    from pypinyin import Style, pinyin
    from pypinyin.style import convert

    forms: set[str] = set()
    for reading in pinyin(char, style=Style.NORMAL, heteronym=True)[0]:
        if not reading.isascii() and not any(c in reading for c in "üv"):
            continue  # pypinyin returns the character itself when it has no reading
        forms |= _u_variants(reading)
        for style in (Style.WADEGILES, Style.GWOYEU):
            try:
                forms |= _u_variants(convert(reading, style, strict=True))
            except Exception:  # pypinyin raises on syllables a style cannot spell
                pass
    for style in (Style.WADEGILES, Style.GWOYEU):
        for reading in pinyin(char, style=style, heteronym=True)[0]:
            forms |= _u_variants(reading)
    for reading in _cantonese().getRoman(to_traditional(char))[0]:
        forms.add(letters(reading))
    return frozenset(f for f in forms if f and f.isascii())


@functools.lru_cache(maxsize=4096)
def surname_forms(surname: str) -> frozenset[str]:
    """Letter keys of a surname: the name reading in every system plus the spellings in use."""
    from pypinyin import Style
    from pypinyin.style import convert

    surname = to_simplified(surname)
    entry = surname_table().get(surname)
    if entry is None:
        return _given_forms(surname)
    reading, spellings = entry
    forms = {letters(s) for s in spellings} | _u_variants(reading)
    if len(surname) == 1:
        for style in (Style.WADEGILES, Style.GWOYEU):
            try:
                forms |= _u_variants(convert(reading.replace("ü", "v"), style, strict=True))
            except Exception:
                pass
        for reading_hk in _cantonese().getRoman(to_traditional(surname))[0]:
            forms.add(letters(reading_hk))
    return frozenset(f for f in forms if f)


@functools.lru_cache(maxsize=4096)
def _given_forms(given: str) -> frozenset[str]:
    """Letter keys of a given name: each syllable in any system, joined (mixed systems allowed)."""
    per_char = [sorted(syllable_forms(ch)) or [""] for ch in given]
    combos: set[str] = set()
    for parts in itertools.islice(itertools.product(*per_char), _MAX_COMBOS):
        combos.add("".join(parts))
    return frozenset(c for c in combos if c)


def given_forms(given: str) -> frozenset[str]:
    return _given_forms(to_simplified(given))


def is_han_name(name: str) -> bool:
    return 2 <= len(name) <= 4 and all("\u3400" <= ch <= "\u9fff" for ch in name)


def _style_syllables(text: str, system: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    style = {"pinyin": Style.NORMAL, "wade-giles": Style.WADEGILES, "gwoyeu": Style.GWOYEU}[system]
    out = lazy_pinyin(text, style=style, v_to_u=system == "pinyin")
    return [s.replace("v", "ü") for s in out]


def romanise(name: str, system: str = "pinyin") -> str:
    """Display form of a Chinese personal name: 'Lin Zhiheng' (pinyin), 'Lin Chih-heng' (Wade-Giles),
    'Lin Jyhherng' (Gwoyeu Romatzyh), 'Lam Chi-hang' (Cantonese)."""
    surname, given = split_name(to_simplified(name))
    entry = surname_table().get(surname)
    if system == "cantonese":
        readings = [(r[0] if r else "?") for r in _cantonese().getRoman(to_traditional(surname + given))]
        s_len = len(surname)
        sur = "".join(readings[:s_len])
        giv = "-".join(readings[s_len:])
    else:
        if entry and system == "pinyin":
            sur = entry[0]
        elif entry and system == "wade-giles":
            from pypinyin import Style
            from pypinyin.style import convert

            sur = convert(entry[0].replace("ü", "v"), Style.WADEGILES, strict=True).replace("v", "ü") if len(surname) == 1 else "-".join(_style_syllables(surname, system))
        else:
            sur = "".join(_style_syllables(surname, system))
        syllables = _style_syllables(given, system)
        giv = "".join(syllables) if system in ("pinyin", "gwoyeu") else "-".join(syllables)
    return f"{sur[:1].upper()}{sur[1:]} {giv[:1].upper()}{giv[1:]}".strip()


def candidates(name: str) -> list[str]:
    """Display candidates in every system, for explanations and fuzzy matching."""
    out: list[str] = []
    for system in SYSTEMS:
        form = romanise(name, system)
        if form not in out:
            out.append(form)
    return out
