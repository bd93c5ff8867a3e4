"""The dictionary words of a quote, each marked rendered or not by the other side's text, and the
run of unrendered words at one end of a quote (a quote cut short at its tail or its head).

CC-CEDICT (names.cedict) is the dictionary both ways: a Chinese word is rendered where one of its
glosses stands among the English words; an English word where it is among the glosses of the
Chinese words. A word the dictionary cannot gloss (a name, a coinage) says nothing either way and
is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

EN_STOP = frozenset(
    "a an the of to in on at by for with from and or but as is be are was were been it its this that these those "
    "i we you he she they me us him her them my our your his their what which who whom there here if then so than "
    "do does did have has had will would can could should may might must not no just also even very more most all "
    "any some such only own same into over about up out "
    # prepositions: a gloss's 'under' (监视居住 'residential surveillance under …') renders nothing
    "under after before between through against within during across upon onto toward towards among around "
    "behind beneath beside via per".split()
)
ZH_STOP = frozenset("的 了 是 在 和 也 就 都 而 及 与 把 被 让 给 对 向 从 之 着 过 吧 呢 吗 啊 呀 嘛 这 那 个 一 我 你 他 她 它 们".split())
_HAN = re.compile(r"[\u3400-\u9fff]")
_EN_TOKEN = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True)
class Word:
    """A dictionary word of a quote: where it stands in the quote, and whether the other side renders it."""

    start: int
    end: int
    rendered: bool


def _glosses_of(word: str) -> frozenset[str]:
    """A Chinese word's gloss stems; a word CC-CEDICT lacks is read by its characters."""
    from ..names.cedict import glosses

    g = glosses(word)
    if not g and len(word) > 1:
        g = frozenset(x for ch in word for x in glosses(ch))
    return g


def _zh_tokens(zh: str) -> list[tuple[int, int, frozenset[str]]]:
    """(start, end, gloss stems) of each content word of a Chinese text that the dictionary glosses."""
    from .entities import _jieba

    out, at = [], 0
    for w in _jieba().lcut(zh):
        a, at = at, at + len(w)
        if _HAN.search(w) and w not in ZH_STOP:
            g = _glosses_of(w)
            if g:
                out.append((a, at, g))
    return out


def en_stems(en: str) -> set[str]:
    """The stems of an English text's content words."""
    from ..names.cedict import stem

    return {stem(t) for t in re.findall(r"[a-z]+", en.lower()) if t not in EN_STOP and len(t) > 1}


def zh_words(zh: str, en: str) -> list[Word]:
    """The glossed words of a Chinese quote, each rendered where a gloss of it is among ``en``'s words."""
    found = en_stems(en)
    return [Word(a, b, bool(g & found)) for a, b, g in _zh_tokens(zh)]


def zh_glosses(zh: str, narration_en: str = "") -> set[str]:
    """Every gloss stem of a Chinese text's words, less the words that render the English narration
    (one Chinese word per narration word): what is left to render a quote that stood in it."""
    from ..names.cedict import stem

    tokens = [g for _, _, g in _zh_tokens(zh)]
    for t in re.findall(r"[a-z]+", narration_en.lower()):
        if t in EN_STOP or len(t) < 2:
            continue
        s = stem(t)
        k = next((i for i, g in enumerate(tokens) if s in g), None)
        if k is not None:
            del tokens[k]
    return {x for g in tokens for x in g}


def en_words(en: str, glosses: set[str]) -> list[Word]:
    """The dictionary words of an English quote, each rendered where it is among ``glosses`` (see zh_glosses)."""
    from ..names.cedict import gloss_vocabulary, stem

    vocabulary = gloss_vocabulary()
    out = []
    for m in _EN_TOKEN.finditer(en):
        t = m.group(0).lower()
        if t in EN_STOP or len(t) < 2 or stem(t) not in vocabulary:
            continue
        out.append(Word(m.start(), m.end(), stem(t) in glosses))
    return out


def cut_end(words: Sequence[Word]) -> tuple[str, int, int] | None:
    """("tail" or "head", start, end) of the unrendered words at one end of a quote, where they are at
    least two and 40 % of its dictionary words and the rest renders something: a quote cut short.
    Free translation leaves words out here and there, not a whole end. A head needs two words of the
    rest rendered: a quote opens with the words the English says with its stop words (能 'can', 将
    'will', 我们 'we'), which never count as rendered, so one stray match after them proves nothing."""
    n = len(words)
    for end, ordered, kept in (("tail", list(reversed(words)), 1), ("head", list(words), 2)):
        run = next((i for i, w in enumerate(ordered) if w.rendered), n)
        if run >= max(2, 0.4 * n) and sum(w.rendered for w in ordered[run:]) >= kept:
            lost = ordered[:run]
            return end, min(w.start for w in lost), max(w.end for w in lost)
    return None


def rendered_share(words: Sequence[Word]) -> float:
    return sum(w.rendered for w in words) / len(words) if words else 0.0
