"""Omissions and additions: sentences (and whole paragraphs) the alignment left without a counterpart,
ranked by what they carry: a dropped quote or figure matters more than a dropped connective."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from typing import Iterable

from ..langs import is_chinese
from ..model import Edition, Finding
from ._numalign import is_zh, matching_text, neighbours, text_lang
from .base import CheckContext, new_finding, sentence_spans

_QUOTE = re.compile(r"[“”「」『』\"]|(?:^|\s)'|'(?:\s|$)")
_ZH_SPEAKER = re.compile(r"(?:表示|说|称|指出|透露|认为|强调|坦言|直言)[：:，,]")
_ZH_PERSON = re.compile(
    r"[\u4e00-\u9fff]{1,8}(?:教授|发言人|主席|书记|部长|省长|市长|总统|总理|主任|局长|记者|学者|专家|先生|女士|议员|大使)"
    r"|[\u4e00-\u9fff]{1,4}·[\u4e00-\u9fff·A-Z]{1,8}"
)
_EN_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)+|\b(?:Mr|Ms|Mrs|Dr|Prof)\.\s[A-Z]")
PARTIAL_MAX_SCORE = 0.99  # beads at least this sure are not second-guessed (aligner scores are not calibrated)
PARTIAL_GAIN = 0.03  # cosine gain that marks a run as unrendered (none of mac-dev's 500 gold m-n beads reach it)
# Length evidence for the same test, on the original's side only (editions expand freely; on the edition
# side it cost 3-6 false additions on mac-dev): with the run the bead's lengths disagree by LENGTH_Z_WITH standard
# units or more, without it by LENGTH_Z_WITHOUT or less (10 of mac-dev's 546 gold many-sentence sides
# pass on length alone; the cosine must also not drop when the run goes).
LENGTH_Z_WITH = 3.0
LENGTH_Z_WITHOUT = 1.0
# On the edition side length alone is too loose, so an edge sentence counts as added when it is also redundant:
# it has REDUNDANT_MIN_WORDS content words, meets REDUNDANT_MIN_HITS of the original's dictionary words, and
# every one of them is met by the rest of the bead too (an explanatory sentence re-using the bead's terms). On
# mac-dev's 1,329 gold beads none passes all of these and the length test (3 do with REDUNDANT_Z_WITHOUT 1.6).
REDUNDANT_MIN_WORDS = 5
REDUNDANT_MIN_HITS = 2
# ... and only when the rest of the bead renders the original closely: it meets this share of the original's
# dictionary words (a quarter of mac-dev's free literary beads do; close news translation does, with the
# crude stemming of align.lexical, from about 0.55).
REDUNDANT_MIN_REST_COVERAGE = 0.5
REDUNDANT_Z_WITH = 2.5
REDUNDANT_Z_WITHOUT = 1.25
REDUNDANT_MAX_LOSS = 0.01  # the bead's cosine may drop this much without it (shared terms lift the cosine)
# Two Chinese editions (a Simplified re-edit of a Traditional original): an edge sentence of a many-to-one bead
# is unrendered when at most this share of its character pairs occur on the other side while the rest of the
# bead shares at least SAME_LANG_REST_MIN_COVER of its own (a re-edit with regional vocabulary keeps ~0.8-1.0).
SAME_LANG_MIN_BIGRAMS = 8
SAME_LANG_RUN_MAX_COVER = 0.35
SAME_LANG_REST_MIN_COVER = 0.6
# A one-to-one bead across a paragraph seam (see seam_beads) is a dropped sentence and an added one when the
# original has at least SEAM_MIN_WORDS dictionary words and the edition renders at most SEAM_MAX_COVER of them.
SEAM_MIN_WORDS = 6
SEAM_MAX_COVER = 0.15
# A sentence moved past its neighbour (a 1-0 and a 0-1 bead on either side of one paired bead, see
# moved_beads) renders the other lonely sentence: their cosine is at least MOVED_MIN_COSINE and beats by
# MOVED_MARGIN what each gets against the paired bead's other side (018: 0.89 against 0.81 and 0.81).
MOVED_MIN_COSINE = 0.85
MOVED_MARGIN = 0.04
FIGURES_RADIUS = 2  # beads each side where a figure of a folded sentence may sit (alignment slips, as numbers.v1)
_BOILERPLATE = re.compile(r"^\s*(?:责任编辑|編輯|编辑|責任編輯|来源|來源|Editor|Edited by|Source)[:：]", re.I)


def carries(text: str, lang: str) -> list[str]:
    """What a sentence holds that a reader would miss: a quote, figures, names."""
    from .numbers import quantities

    found = []
    if _QUOTE.search(text):
        found.append("a quote")
    if quantities(text, lang):
        found.append("figures")
    named = bool(_ZH_PERSON.search(text) or _ZH_SPEAKER.search(text)) if is_chinese(lang) else bool(_EN_NAME.search(text))
    if named:
        found.append("names")
    return found


def weight(text: str, lang: str, sentence_kind: str) -> float:
    """A rank for sorting: quotes > figures > names > length; boilerplate near zero."""
    if sentence_kind in ("byline", "caption", "dateline") or _BOILERPLATE.search(text):
        return 0.1
    what = carries(text, lang)
    size = min(len(text) / (60 if is_chinese(lang) else 150), 1.0)
    return round(1.0 + 2.0 * ("a quote" in what) + 1.5 * ("figures" in what) + 1.0 * ("names" in what) + 0.5 * size, 3)


class OmissionCheck:
    name = "omissions.v1"
    requires = frozenset({"beads"})

    def run(self, ctx: CheckContext) -> Iterable[Finding]:
        seams = seam_beads(ctx)
        yield from self._side(ctx, ctx.original, original_side=True, unpaired=seams)
        yield from self._side(ctx, ctx.edition, original_side=False, unpaired=seams)
        yield from self._inside_beads(ctx)

    def _inside_beads(self, ctx: CheckContext) -> Iterable[Finding]:
        """Sentences an aligner folded into a many-to-one bead although nothing renders them.

        Beads below ``PARTIAL_MAX_SCORE`` of a cross-lingual comparison are tested: drop a run of sentences from either end of the larger side; when the rest matches
        the other side clearly better (cosine gain >= ``PARTIAL_GAIN``), the run was not rendered."""
        if is_zh(ctx.original) and is_zh(ctx.edition):
            yield from self._inside_beads_by_characters(ctx)
            return
        if is_zh(ctx.original) == is_zh(ctx.edition):
            return
        from .wording import bead_similarity

        ratio = _length_ratio(ctx)
        for index, original_side, own, other, doc, other_doc in _many_sentence_sides(ctx, PARTIAL_MAX_SCORE):
            sep, other_sep = ("" if is_zh(doc) else " "), ("" if is_zh(other_doc) else " ")
            target = other_sep.join(other_doc.sentences[s].text for s in other)
            runs = [own[:k] for k in range(1, len(own))] + [own[-k:] for k in range(1, len(own))]
            texts = [sep.join(doc.sentences[s].text for s in own)]
            texts += [sep.join(doc.sentences[s].text for s in own if s not in run) for run in runs]
            sims = bead_similarity(texts, target)
            if sims is None:
                return
            gains = [x - sims[0] for x in sims[1:]]
            best = max(range(len(runs)), key=lambda k: gains[k])
            evidence = {"similarity_gain": round(gains[best], 4)}
            if gains[best] < PARTIAL_GAIN:
                best, evidence = self._by_length(ctx, doc, own, other_doc, other, runs, gains, ratio, original_side)
                if best is None:
                    best, evidence = self._by_paragraph(ctx, doc, own, other_doc, other, runs, gains, index, original_side)
                if best is None:
                    best, evidence = self._by_figures(ctx, doc, other_doc, runs, gains, index, original_side)
                if best is None:
                    continue
            yield self._finding(ctx, doc, list(runs[best]), original_side, index, 0.5, partial=True,
                                extra_evidence=evidence)

    def _inside_beads_by_characters(self, ctx: CheckContext) -> Iterable[Finding]:
        """Two Chinese editions: an edge sentence of a many-to-one bead whose characters the other side does
        not share. Both sides are read in Simplified (``matching_text``), so a re-edit shares most of a
        rendered sentence's character pairs (regional words change a few), while a sentence the aligner
        folded in without a counterpart shares almost none. Aligner scores are near 1 for any such pair, so
        no score gate applies."""
        for index, original_side, own, other, doc, other_doc in _many_sentence_sides(ctx):
            theirs = _bigrams("".join(matching_text(other_doc, s) for s in other))
            best = None
            for run in (own[:1], own[-1:]):
                mine = _bigrams(matching_text(doc, run[0]))
                rest = _bigrams("".join(matching_text(doc, s) for s in own if s not in run))
                if len(mine) < SAME_LANG_MIN_BIGRAMS or not rest:
                    continue
                run_cover, rest_cover = len(mine & theirs) / len(mine), len(rest & theirs) / len(rest)
                if run_cover <= SAME_LANG_RUN_MAX_COVER and rest_cover >= SAME_LANG_REST_MIN_COVER:
                    if best is None or run_cover < best[1]:
                        best = (run, run_cover, rest_cover)
            if best is not None:
                run, run_cover, rest_cover = best
                yield self._finding(ctx, doc, list(run), original_side, index, 0.85, partial=True,
                                    extra_evidence={"bigram_cover": [round(run_cover, 3), round(rest_cover, 3)]})

    @staticmethod
    def _by_length(ctx, doc, own, other_doc, other, runs, gains, ratio, original_side):
        """The run whose removal makes the bead's lengths agree (and costs no similarity), if any."""
        if ratio is None:
            return None, {}
        # lengths in edition characters on both sides
        own_scale, other_scale = (ratio, 1.0) if original_side else (1.0, ratio)
        other_len = sum(_chars(other_doc.sentences[s].text) for s in other) * other_scale
        own_len = {s: _chars(doc.sentences[s].text) * own_scale for s in own}

        def z(length: float) -> float:
            return abs(other_len - length) / math.sqrt(other_len + length)

        z_with = z(sum(own_len.values()))
        if z_with < (LENGTH_Z_WITH if original_side else REDUNDANT_Z_WITH):
            return None, {}
        for k, run in enumerate(runs):
            z_without = z(sum(v for s, v in own_len.items() if s not in run))
            evidence = {"similarity_gain": round(gains[k], 4), "length_z": [round(z_with, 2), round(z_without, 2)]}
            if original_side and gains[k] >= 0 and z_without <= LENGTH_Z_WITHOUT:
                return k, evidence
            if (not original_side and len(run) == 1 and gains[k] >= -REDUNDANT_MAX_LOSS
                    and z_without <= REDUNDANT_Z_WITHOUT):
                hits = _redundant_hits(doc, own, run[0], other_doc, other)
                if hits is not None:
                    return k, {**evidence, "redundant_dictionary_hits": hits}
        return None, {}

    @staticmethod
    def _by_figures(ctx, doc, other_doc, runs, gains, index, original_side):
        """The edge sentence whose figures written in digits appear nowhere on the other side,
        in this bead or the FIGURES_RADIUS beads around it, while the rest of the bead matches the other side
        no worse without it: a sentence of figures (26 outbreaks, about 310 people) folded into its
        neighbour's bead. A figure rendered in another form (43万 as 430,000, 60公斤 as 130 pounds) is
        the same figure."""
        from .numbers import quantities, same_value

        lang, other_lang = text_lang(doc), text_lang(other_doc)
        near = [s for j in (index, *neighbours(ctx.beads, index, FIGURES_RADIUS))
                for s in (ctx.beads[j].tgt if original_side else ctx.beads[j].src)]
        theirs = [q for s in near for q in quantities(matching_text(other_doc, s), other_lang)]
        for k, run in enumerate(runs):
            if len(run) != 1 or gains[k] < 0:
                continue
            # figures in digits only: 两周 / "two" are rendered too loosely to tell
            mine = [q for q in quantities(matching_text(doc, run[0]), lang) if any(c.isdigit() for c in q.text)]
            if not mine or any(same_value(q, t) or q.value == t.value for q in mine for t in theirs):
                continue
            return k, {"similarity_gain": round(gains[k], 4), "unmatched_figures": [q.text for q in mine]}
        return None, {}

    @staticmethod
    def _by_paragraph(ctx, doc, own, other_doc, other, runs, gains, index, original_side):
        """The edge run that sits in another paragraph than the rest of the bead, where that paragraph's
        other sentences pair with other paragraphs than the one the bead's other side is in (and the cosine
        does not drop without the run): a background sentence closing one paragraph, folded into the first
        bead of the next. Paragraphs a translator merges or splits still pair with the bead's paragraph,
        so they pass."""
        other_paras = {other_doc.sentences[s].paragraph for s in other}
        if len(other_paras) != 1 or len({doc.sentences[s].paragraph for s in own}) < 2:
            return None, {}
        (target,) = other_paras
        pairs: dict[int, set[int]] = {}  # own paragraph -> the other side's paragraphs its other beads pair with
        for j, b in enumerate(ctx.beads):
            mine, theirs = (b.src, b.tgt) if original_side else (b.tgt, b.src)
            if j == index or not mine or not theirs:
                continue
            for s in mine:
                pairs.setdefault(doc.sentences[s].paragraph, set()).update(other_doc.sentences[t].paragraph for t in theirs)
        for k, run in enumerate(runs):
            run_paras = {doc.sentences[s].paragraph for s in run}
            rest_paras = {doc.sentences[s].paragraph for s in own if s not in run}
            if len(run_paras) != 1 or run_paras & rest_paras or gains[k] < -REDUNDANT_MAX_LOSS:
                continue
            (para,) = run_paras
            if pairs.get(para) and target not in pairs[para] and all(target in pairs.get(p, {target}) for p in rest_paras):
                return k, {"similarity_gain": round(gains[k], 4), "paragraph_pairs": sorted(pairs[para]),
                           "bead_paragraph": target}
        return None, {}

    def _side(self, ctx: CheckContext, doc: Edition, original_side: bool, unpaired: frozenset[int] = frozenset()) -> Iterable[Finding]:
        """Runs of sentences without a counterpart: in 1-0 / 0-1 beads, or in ``unpaired`` beads (paired by
        the aligner, but rendering nothing of each other)."""
        lonely: dict[int, tuple[int, float]] = {}
        moved = moved_beads(ctx)
        moved = set(moved) | set(moved.values())
        for index, bead in enumerate(ctx.beads):
            own, other = (bead.src, bead.tgt) if original_side else (bead.tgt, bead.src)
            if own and (not other or index in unpaired) and index not in moved:
                for sid in own:
                    lonely[sid] = (index, bead.score)
        runs: list[list[int]] = []  # consecutive lonely sentences of one paragraph
        for sid in sorted(lonely):
            if runs and runs[-1][-1] == sid - 1 and doc.sentences[sid].paragraph == doc.sentences[sid - 1].paragraph:
                runs[-1].append(sid)
            else:
                runs.append([sid])
        for sids in runs:
            first, last = lonely[sids[0]][0], lonely[sids[-1]][0]
            yield self._finding(ctx, doc, sids, original_side, first, _gap_confidence(ctx.beads, first, last))

    def _finding(self, ctx: CheckContext, doc: Edition, sids: list[int], original_side: bool, bead: int,
                 confidence: float, partial: bool = False, extra_evidence: dict | None = None) -> Finding:
        kind = "omission" if original_side else "addition"
        lang = text_lang(doc)
        pid = doc.sentences[sids[0]].paragraph
        paragraph_sids = [s.id for s in doc.sentences if s.paragraph == pid]
        whole = sids == paragraph_sids and len(sids) > 1
        text = ("" if is_chinese(lang) else " ").join(doc.sentences[s].text for s in sids)
        view = "".join(matching_text(doc, s) for s in sids) if is_chinese(lang) else text
        sentence_kind = doc.sentences[sids[0]].kind
        rank = weight(view, lang, sentence_kind)
        what = carries(view, lang) if rank > 0.1 else []
        if rank <= 0.1:
            severity = "low"
        elif whole or rank >= 2.5:
            severity = "high"
        else:
            severity = "medium"
        if partial and severity == "high" and not whole:
            severity = "medium"
        unit = "paragraph" if whole else ("sentences" if len(sids) > 1 else "sentence")
        if sentence_kind in ("headline", "caption", "byline", "dateline") and len(sids) == 1:
            unit = sentence_kind
        plural = unit == "sentences"
        if original_side:
            verb = ("are" if plural else "is") + " not rendered in this edition" if partial else \
                ("have" if plural else "has") + " no counterpart in this edition"
        else:
            verb = ("do" if plural else "does") + " not render anything in the original" if partial else \
                ("have" if plural else "has") + " no source in the original"
        extra = f"; {'they carry' if plural else 'it carries'} {_and(what)}" if what else ""
        spans = sentence_spans(doc, sids)
        subject = f"These {len(sids)} sentences" if plural else f"This {unit}{f' ({len(sids)} sentences)' if whole else ''}"
        return new_finding(
            self, ctx, kind, ("partial-" if partial else "") + unit, severity, confidence,
            f"{subject} {verb}{extra}.",
            original_spans=spans if original_side else (),
            edition_spans=() if original_side else spans,
            bead=bead,
            evidence={"sentences": sids, "paragraph": pid, "whole_paragraph": whole, "carries": what, "weight": rank,
                      "text": text, **(extra_evidence or {})},
        )


def _many_sentence_sides(ctx: CheckContext, below_score: float = float("inf")):
    """(bead index, original_side, own ids, other ids, own doc, other doc) for each side of a paired bead
    (scoring under ``below_score``) that has two sentences or more: where a folded-in one can hide."""
    for index, bead in enumerate(ctx.beads):
        if bead.score >= below_score or not bead.src or not bead.tgt:
            continue
        for original_side in (True, False):
            own, other = (bead.src, bead.tgt) if original_side else (bead.tgt, bead.src)
            if len(own) >= 2:
                doc, other_doc = (ctx.original, ctx.edition) if original_side else (ctx.edition, ctx.original)
                yield index, original_side, own, other, doc, other_doc


def moved_beads(ctx: CheckContext) -> dict[int, int]:
    """Sentences swapped in translation: the aligner keeps order, so a sentence moved past its neighbour
    comes out as a 1-0 bead and a 0-1 bead on either side of the neighbour's bead. Such a pair that renders
    each other (see MOVED_MIN_COSINE) is no omission and no addition; the figure and date checks compare
    the two as one bead. Returns {0-1 bead index: 1-0 bead index}. Kept in ``ctx.cache``."""
    if "omissions:moved" not in ctx.cache:
        ctx.cache["omissions:moved"] = _moved(ctx)
    return ctx.cache["omissions:moved"]


def _moved(ctx: CheckContext) -> dict[int, int]:
    from .wording import bead_similarity

    beads, out = ctx.beads, {}
    for mid in range(1, len(beads) - 1):
        before, bead, after = beads[mid - 1], beads[mid], beads[mid + 1]
        if not (bead.src and bead.tgt) or len(bead.src) > 1 or len(bead.tgt) > 1:
            continue
        if before.src and not before.tgt and after.tgt and not after.src and len(before.src) == len(after.tgt) == 1:
            o, e, lone = before.src[0], after.tgt[0], (mid + 1, mid - 1)
        elif before.tgt and not before.src and after.src and not after.tgt and len(before.tgt) == len(after.src) == 1:
            o, e, lone = after.src[0], before.tgt[0], (mid - 1, mid + 1)
        else:
            continue
        o_text, e_text = ctx.original.sentences[o].text, ctx.edition.sentences[e].text
        pair_o, pair_e = ctx.bead_text(bead)
        to_e = bead_similarity([o_text, pair_o], e_text)
        to_o = bead_similarity([pair_e], o_text)
        if to_e is None or to_o is None:
            return {}
        cross, rivals = to_e[0], (to_e[1], to_o[0])
        if cross >= MOVED_MIN_COSINE and all(cross >= r + MOVED_MARGIN for r in rivals):
            out[lone[0]] = lone[1]
    return out


def seam_beads(ctx: CheckContext) -> frozenset[int]:
    """One-to-one beads the aligner made across a paragraph seam out of a dropped sentence and an added one:
    the edition sentence's paragraph pairs (through its other beads) with other paragraphs of the original than
    the original sentence's, the original sentence's paragraph with other paragraphs of the edition (or with
    none: the rest of it dropped too), and the edition renders almost none of the original sentence's dictionary
    words. A sentence a translator moved into the paragraph before renders its words, so it stands. Across
    languages only (the dictionary is Chinese-English). Kept in ``ctx.cache``: wording.v1 asks too."""
    if is_zh(ctx.original) == is_zh(ctx.edition):
        return frozenset()
    if "omissions:seams" not in ctx.cache:
        ctx.cache["omissions:seams"] = _seams(ctx)
    return ctx.cache["omissions:seams"]


def _seams(ctx: CheckContext) -> frozenset[int]:
    from ..align.lexical import en_words, zh_words

    para_o = lambda s: ctx.original.sentences[s].paragraph  # noqa: E731
    para_e = lambda s: ctx.edition.sentences[s].paragraph  # noqa: E731
    # paragraph -> how many beads pair it with each paragraph of the other side
    reach_o: dict[int, Counter] = defaultdict(Counter)
    reach_e: dict[int, Counter] = defaultdict(Counter)
    for b in ctx.beads:
        for p in {para_o(u) for u in b.src}:
            reach_o[p].update({para_e(u) for u in b.tgt})
        for p in {para_e(u) for u in b.tgt}:
            reach_e[p].update({para_o(u) for u in b.src})
    out = set()
    for index, bead in enumerate(ctx.beads):
        if len(bead.src) != 1 or len(bead.tgt) != 1:
            continue
        (s,), (t,) = bead.src, bead.tgt
        po, pe = para_o(s), para_e(t)
        # through its other beads, the edition sentence's paragraph pairs with some paragraph, never the original
        # sentence's, and the original sentence's paragraph never with the edition sentence's
        if reach_e[pe][po] > 1 or reach_o[po][pe] > 1 or not (reach_e[pe].keys() - {po}):
            continue
        zh_doc, zh_sid, en_doc, en_sid = (ctx.original, s, ctx.edition, t) if is_zh(ctx.original) else (ctx.edition, t, ctx.original, s)
        words = zh_words(matching_text(zh_doc, zh_sid))
        rendered = frozenset().union(*en_words(en_doc.sentences[en_sid].text))
        if len(words) >= SEAM_MIN_WORDS and sum(1 for w in words if w & rendered) <= SEAM_MAX_COVER * len(words):
            out.add(index)
    return frozenset(out)


def _gap_confidence(beads, first: int, last: int) -> float:
    """How sure a gap is: as sure as the alignment around it. A 1-0 bead's own score only says how
    costly the aligner found leaving a sentence out, so the nearest paired beads on each side speak."""
    def nearest(indices) -> float | None:
        return next((beads[i].score for i in indices if beads[i].src and beads[i].tgt), None)

    around = [x for x in (nearest(range(first - 1, -1, -1)), nearest(range(last + 1, len(beads)))) if x is not None]
    return round(min(0.95, max(0.3, sum(around) / len(around))) if around else 0.5, 3)


def _redundant_hits(doc: Edition, own, candidate: int, other_doc: Edition, other) -> int | None:
    """How many of the original's dictionary words an edition sentence meets, when the rest of its bead meets
    them all as well (it adds nothing of the original's); None when it is not such a sentence."""
    from ..align.lexical import en_words, zh_words

    if not is_zh(other_doc) or is_zh(doc):
        return None
    words = en_words(doc.sentences[candidate].text)
    if len(words) < REDUNDANT_MIN_WORDS:
        return None
    source = [w for s in other for w in zh_words(other_doc.sentences[s].text)]
    mine = frozenset().union(*words)
    rest = frozenset().union(*(w for s in own if s != candidate for w in en_words(doc.sentences[s].text)))
    hits = [w for w in source if w & mine]
    if len(hits) < REDUNDANT_MIN_HITS or any(not (w & rest) for w in hits):
        return None
    if sum(1 for w in source if w & rest) < REDUNDANT_MIN_REST_COVERAGE * len(source):
        return None
    return len(hits)


def _bigrams(text: str) -> set[str]:
    """Adjacent pairs of Chinese characters and digits (punctuation and spaces ignored)."""
    kept = "".join(c for c in text if "\u4e00" <= c <= "\u9fff" or c.isdigit())
    return {kept[i:i + 2] for i in range(len(kept) - 1)}


def _chars(text: str) -> int:
    return len("".join(text.split()))


def _length_ratio(ctx: CheckContext) -> float | None:
    """Edition characters per original character over the document's 1-1 beads."""
    pairs = [(b.src[0], b.tgt[0]) for b in ctx.beads if len(b.src) == 1 and len(b.tgt) == 1]
    src = sum(_chars(ctx.original.sentences[i].text) for i, _ in pairs)
    tgt = sum(_chars(ctx.edition.sentences[j].text) for _, j in pairs)
    return tgt / src if src and tgt and len(pairs) >= 3 else None


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
