"""Sound skeletons for matching a Chinese transliteration of a foreign name (马丁·奥尔德里奇) with its
Latin spelling (Martin Aldridge).

Both sides are reduced to a string of consonant classes (vowels carry little: Chinese adds them to
break clusters, 斯 for s, 特 for t); a name that opens with a vowel starts with ``V``. The classes:

    P b p     T d t     K k g c q     J j ch dge zh (pinyin j q)     S s z sh x (pinyin x c z)
    L l r (pinyin er)   M m     N n ng     F f ph     W w v (pinyin w)     H h

The two skeletons are compared by an edit distance where the usual liberties of transliteration
cost half: a post-vocalic r that Chinese drops (Martin -> 马丁), m for n before b (Lambert -> 兰伯特),
v as 维 or 夫 (W/F), an h that is not heard.
"""

from __future__ import annotations

import functools
import re

_PINYIN_INITIALS = (
    ("zh", "J"), ("ch", "J"), ("sh", "S"), ("b", "P"), ("p", "P"), ("d", "T"), ("t", "T"), ("g", "K"),
    ("k", "K"), ("j", "J"), ("q", "J"), ("x", "S"), ("z", "S"), ("c", "S"), ("s", "S"), ("l", "L"),
    ("r", "L"), ("m", "M"), ("n", "N"), ("f", "F"), ("h", "H"), ("w", "W"), ("y", ""),
)
_EN_RULES = (
    ("dge", "J"), ("tch", "J"), ("sch", "S"), ("ch", "J"), ("sh", "S"), ("ph", "F"), ("th", "T"),
    ("ck", "K"), ("qu", "KW"), ("x", "KS"), ("j", "J"), ("z", "S"), ("s", "S"), ("b", "P"), ("p", "P"),
    ("d", "T"), ("t", "T"), ("k", "K"), ("q", "K"), ("l", "L"), ("r", "L"), ("m", "M"), ("n", "N"),
    ("f", "F"), ("v", "W"), ("w", "W"),
)
_VOWELS = frozenset("aeiouy")
#: readings a name takes where pypinyin picks the everyday one: 什 is shen in 什么 but shi in 布什 (Bush)
#: and 马什 (Marsh), and the stray n would cost a whole consonant
_NAME_READINGS = {"什": "shi"}
#: pairs of classes that transliteration swaps freely (cost 0.5 instead of 1)
_NEAR = frozenset({frozenset(p) for p in ("MN", "WF", "SJ", "KJ", "VW", "TS", "VJ", "HW")})
#: classes Chinese may drop or add (cost 0.5): r/l after a vowel, h, w (乌 for U)
_CHEAP_GAP = frozenset("LHW")


@functools.lru_cache(maxsize=20000)
def zh_skeleton(zh: str) -> str:
    """哈斯韦尔 -> 'HSWL', 奥尔德里奇 -> 'VLTLJ', 马丁 -> 'MTN'."""
    from pypinyin import lazy_pinyin

    out: list[str] = []
    syllables = lazy_pinyin(zh)
    if len(syllables) == len(zh):
        syllables = [_NAME_READINGS.get(ch, syl) for ch, syl in zip(zh, syllables)]
    for n, syl in enumerate(syllables):
        syl = syl.lower()
        if not syl.isascii() or not syl.isalpha():
            continue
        if syl in ("er", "r"):  # 尔, 儿: an r or l
            out.append("L")
            continue
        head = ""
        rest = syl
        for ini, cls in _PINYIN_INITIALS:
            if syl.startswith(ini):
                head, rest = cls, syl[len(ini):]
                break
        if n == 0 and not head and (syl[0] in _VOWELS or syl.startswith("y")):
            head = "V"  # 埃, 奥, 伊: the name opens with a vowel
        if head:
            out.append(head)
        if rest.endswith("ng") or rest.endswith("n"):
            out.append("N")
    return _collapse(out)


@functools.lru_cache(maxsize=20000)
def en_skeleton(word: str) -> str:
    """'Haswell' -> 'HSWL', 'Aldridge' -> 'VLTLJ', 'Martin' -> 'MLTN'."""
    w = re.sub(r"[^a-z]", "", word.lower())
    out: list[str] = []
    i = 0
    if w[:1] in _VOWELS and not w.startswith("y"):
        out.append("V")
    while i < len(w):
        ch = w[i]
        if ch in _VOWELS:
            i += 1
            continue
        if ch == "h":
            if i == 0 or w[i - 1] in _VOWELS and i + 1 < len(w) and w[i + 1] in _VOWELS:
                out.append("H")
            i += 1
            continue
        if ch in "cg":
            soft = i + 1 < len(w) and w[i + 1] in "eiy"
            if ch == "c" and not w.startswith("ch", i):
                out.append("S" if soft else "K")
                i += 1
                continue
            if ch == "g":
                out.append("J" if soft else "K")
                i += 1
                continue
        for pat, cls in _EN_RULES:
            if w.startswith(pat, i):
                out.extend(cls)
                i += len(pat)
                break
        else:
            i += 1
    return _collapse(out)


def _collapse(classes: list[str]) -> str:
    out: list[str] = []
    for c in classes:
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def _distance(a: str, b: str) -> float:
    prev = [0.0]
    for ch in b:
        prev.append(prev[-1] + (0.5 if ch in _CHEAP_GAP else 1.0))
    for i, ca in enumerate(a, 1):
        gap_a = 0.5 if ca in _CHEAP_GAP else 1.0
        cur = [prev[0] + gap_a]
        for j, cb in enumerate(b, 1):
            sub = 0.0 if ca == cb else 0.5 if frozenset((ca, cb)) in _NEAR else 1.0
            gap_b = 0.5 if cb in _CHEAP_GAP else 1.0
            cur.append(min(prev[j - 1] + sub, prev[j] + gap_a, cur[j - 1] + gap_b))
        prev = cur
    return prev[-1]


def sound_similarity(zh_part: str, en_word: str) -> float:
    """How alike a transliterated name part and an English word sound, in [0, 1]."""
    a, b = zh_skeleton(zh_part), en_skeleton(en_word)
    if not a or not b:
        return 0.0
    score = 1.0 - _distance(a, b) / max(len(a), len(b))
    if a[0] != b[0] and frozenset((a[0], b[0])) not in _NEAR:
        score -= 0.2  # names are recognised by their first sound: 'Earlier' is no 哈斯韦尔
    return max(0.0, score)
