"""Chinese personal names in Latin script: candidates in every romanisation and a matcher that
accepts the spellings real editions use (Tsai Ing-wen, Chan Ka-ho, Jimmy Lai, Prof. Lin)."""

from __future__ import annotations

import difflib
import functools
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
from .phonetic import sound_similarity
from .surnames import is_surname, split_name, surname_table

#: Words that precede or follow a name without being part of it.
HONORIFICS = frozenset(
    "mr mrs ms miss dr prof professor sir madam mme president premier chairman chairwoman minister "
    "gen general col colonel capt captain rep sen senator gov governor mayor judge justice rev father "
    "vice deputy spokesman spokeswoman spokesperson lawmaker legislator ambassador director secretary "
    "host anchor reporter editor economist scholar analyst commentator "
    # forms of address in fiction and speech: Uncle Wang, Master Tao, Granny Zhang, Old Wang
    "uncle aunt auntie aunty grandma grandpa granny grannie grandfather grandmother master mistress lady lord "
    "madame madam nanny brother sister cousin old little".split()
)
#: Forms of address around a Chinese name (老王, 小李, 阿Q; 丽姐, 张大娘, 李强家的, 林二爷), longest first.
ADDRESS_PREFIXES = ("老", "小", "阿")
ADDRESS_SUFFIXES = tuple(sorted(
    "大娘 大妈 大爷 大哥 大姐 大嫂 姑娘 奶奶 爷爷 姐姐 哥哥 妹妹 弟弟 阿姨 先生 太太 小姐 师傅 老爷 夫人 嫂子 丫头 家的 "
    "二爷 三爷 娘子 姐 哥 嫂 妹 弟 叔 伯 姨 婶 爷 娘 婆 公 儿 氏 家".split(), key=len, reverse=True))
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
    core = strip_address(zh_name)
    if core != zh_name:  # 丽姐 -> Mei-li, 张大娘 -> Mrs Zhang, 老王 -> Old Wang, 李强家的 -> Li Qiang
        inner = match_person(core, en_phrase, fuzzy=False) if len(core) >= 2 else None
        if inner is not None and inner.how in ("full", "reversed", "given"):
            return NameMatch(min(inner.score, 0.8), "address")
        if _address_match(core, tokens):
            return NameMatch(0.6, "address")
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


def spelled_runs(text: str, phrase: str, surname_first: bool = True, max_chars: int = 4) -> list[tuple[int, int]]:
    """Runs of Han characters in ``text`` that spell the romanised ``phrase`` token by token, in
    Chinese order: 'Wang Jianguo' and 'Jianguo Wang' both find 王建国. Each token must be spelt by
    whole characters, so 'Xu Ming' is not found in 虚明 read across a token boundary. With
    ``surname_first`` a run for a phrase of two or more tokens must open with a surname (a name
    read backwards from 见过王 is no 'Wang Jianguo'); a run read in Western order must do so always."""
    tokens = [letters(t) for t in name_tokens(phrase)]
    tokens = [t for t in tokens if t]
    if not tokens:
        return []
    orders = [(tokens, surname_first and len(tokens) >= 2)]
    if len(tokens) >= 2:
        orders.append((tokens[-1:] + tokens[:-1], True))  # 'Jianguo Wang': the surname comes last
    text = to_simplified(text)
    out: set[tuple[int, int]] = set()
    for order, need_surname in orders:
        for start in range(len(text)):
            if not _han(text[start]):
                continue
            for end in _spell(text, start, order, max_chars, need_surname):
                out.add((start, end))
    return sorted(out)


def _spell(text: str, start: int, tokens: list[str], budget: int, need_surname: bool) -> set[int]:
    """End offsets of runs from ``start`` spelling ``tokens`` in at most ``budget`` characters."""
    ends: set[int] = set()
    for end in _token_ends(text, start, tokens[0], budget):
        if need_surname and not (is_surname(text[start:end]) and tokens[0] in surname_forms(text[start:end])):
            continue
        if len(tokens) == 1:
            ends.add(end)
        else:
            ends |= _spell(text, end, tokens[1:], budget - (end - start), False)
    return ends


def _token_ends(text: str, start: int, token: str, budget: int) -> list[int]:
    """Where a run of whole characters from ``start`` spelling exactly ``token`` ends."""
    out = []
    frontier = [(start, 0)]
    while frontier:
        pos, done = frontier.pop()
        if done == len(token):
            out.append(pos)
            continue
        if pos >= len(text) or pos - start >= budget or not _han(text[pos]):
            continue
        for form in syllable_forms(text[pos]):
            if token.startswith(form, done):
                frontier.append((pos + 1, done + len(form)))
    return out


def _han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def strip_address(name: str) -> str:
    """The name inside a form of address: 丽姐 -> 丽, 张大娘 -> 张, 老王 -> 王, 李强家的 -> 李强."""
    core = name
    for suffix in ADDRESS_SUFFIXES:
        if core.endswith(suffix) and len(core) > len(suffix):
            core = core[: -len(suffix)]
            break
    if len(core) > 1 and core[0] in ADDRESS_PREFIXES:
        core = core[1:]
    return core


def _address_match(core: str, tokens: list[str]) -> bool:
    """The core of an address form is the whole name ('Mrs Zhang' for 张大娘) or opens or closes
    a hyphenated given name ('Wang Mei-li' for 丽姐); 'Zhang Tao' names someone else."""
    forms = {f for f in (surname_forms(core) | given_forms(core)) if len(f) >= 2}
    if len(tokens) == 1 and letters(tokens[0]) in forms:
        return True
    for token in tokens:
        parts = [letters(p) for p in re.split(r"[-‐’']", token) if letters(p)]
        if len(parts) >= 2 and (parts[0] in forms or parts[-1] in forms):
            return True
    return False


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
    """How well an English name sounds like a Chinese transliteration (last name weighted), by
    consonant skeletons (names/phonetic.py): 马丁·奥尔德里奇 ~ 'Martin Aldridge', 哈斯韦尔 ~ 'Haswell'
    and 'Hazwell', but not 'Earlier'."""

    parts = [p for p in _TRANSLIT_SEP.split(zh_name) if p]
    tokens = name_tokens(en_phrase)
    if not parts or not tokens:
        return 0.0

    def sim(zh_part: str, en_token: str) -> float:
        if zh_part.isascii():
            return 1.0 if letters(zh_part) == letters(en_token)[: len(letters(zh_part))] else 0.0
        return sound_similarity(zh_part, en_token)

    last = sim(parts[-1], tokens[-1])
    if len(parts) == 1 or len(tokens) == 1:
        return last
    first = sim(parts[0], tokens[0])
    return 0.7 * last + 0.3 * first


def looks_romanised(phrase: str) -> bool:
    """'Wang Jianguo' yes, 'Pebble' or 'John Smith' no: every token splits into Chinese syllables."""
    tokens = name_tokens(phrase)
    return bool(tokens) and all(_splits_into_syllables(letters(t)) for t in tokens)


def one_syllable(word: str) -> bool:
    """'Wang', 'He', 'Go': a word one Chinese syllable spells, too often an English word to be taken for a name."""
    return _splits_into_syllables(letters(word), limit=1)


@functools.lru_cache(maxsize=1)
def _syllable_inventory() -> frozenset[str]:
    """Every syllable a Chinese name may be spelt with: Hanyu Pinyin (every reading pypinyin
    knows), its Wade-Giles and Gwoyeu Romatzyh forms, Hong Kong Cantonese, and the surname
    spellings in use ('Leadership' must not pass as le-a-der-ship)."""
    from pypinyin import Style
    from pypinyin.pinyin_dict import pinyin_dict
    from pypinyin.style import convert

    from .romanize import _cantonese, _u_variants

    plain = {letters(r) for readings in pinyin_dict.values() for r in readings.split(",")}
    out: set[str] = set()
    for reading in plain:
        out |= _u_variants(reading)
        for style in (Style.WADEGILES, Style.GWOYEU):  # Gwoyeu's tone spellings (har, bor) are left out
            try:
                out |= _u_variants(convert(reading, style, strict=True))
            except Exception:  # pypinyin raises on syllables a style cannot spell
                pass
    out |= {letters(r) for r in _cantonese().romanToChar}
    for _, spellings in surname_table().values():
        for spelling in spellings:
            out |= {letters(part) for part in re.split(r"[-\s]", spelling)}
    # interjections (呣 m, 哼 hng) are no name syllables; 吴 Ng is
    return frozenset(x for x in out if x and (re.search(r"[aeiouy]", x) or x == "ng"))


def _splits_into_syllables(key: str, limit: int = 3) -> bool:
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
    "one_syllable",
    "romanise",
    "strip_address",
    "spelled_runs",
    "split_name",
    "surname_forms",
    "surname_table",
    "transliteration_score",
]
