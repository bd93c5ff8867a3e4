"""Attribution: hedges and sources (据称, 据报道, 据美联社报道, reportedly, it is said, 所谓“…”) that appear or vanish.

A claim the original hedges ("it is said that ...") reads as fact once the hedge is gone; a named
source cut to "reportedly" (据美联社报道 -> 据报道) hides where a claim came from. Each side's
hedges are matched across the alignment (neighbouring beads included, so a slipped alignment is
not a finding, when the neighbour renders the hedged claim); what is left over is reported.
Hedges inside quoted speech count too: a hedge dropped from or put into a speaker's words changes
what the speaker is quoted as asserting, and the quote check does not see one word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from ..langs import is_chinese
from ..model import Finding, Span
from ._numalign import is_zh, located, matching_text, per_sentence, reconcile
from .base import CheckContext, new_finding, sentence_spans

#: Chinese hedges without a named source; the weak ones ("it is learned") are often left out of
#: translations on purpose, so losing one matters less.
_ZH_HEDGES = {
    "据称": "strong", "据说": "strong", "据传": "strong", "传闻": "strong", "传言": "strong", "据报道": "strong",
    "据报导": "strong", "据报": "strong", "有消息称": "strong", "有消息指": "strong", "消息称": "strong",
    "有报道称": "strong", "报道称": "strong", "据媒体报道": "strong", "据外媒报道": "strong", "据闻": "strong",
    "据指": "strong", "被指": "strong", "涉嫌": "strong", "疑似": "strong", "据知情人士": "strong",
    "知情人士称": "strong", "知情人士透露": "strong", "消息人士称": "strong", "消息人士透露": "strong",
    "知情人士说": "strong", "消息人士说": "strong", "网传": "strong",
    "消息人士指出": "strong", "知情人士指出": "strong", "消息人士表示": "strong", "知情人士表示": "strong",
    "消息人士指": "strong", "知情人士指": "strong", "据消息人士": "strong",
    "消息指": "strong",  # Hong Kong papers' bare "word is that", without 有 or 人士
    "据悉": "weak", "据了解": "weak", "据信": "weak", "谣言": "weak", "流言": "weak", "谣传": "strong", "传说": "weak", "有人称": "strong", "外界传": "strong",
}
_ZH_HEDGE_RE = re.compile("|".join(sorted(map(re.escape, _ZH_HEDGES), key=len, reverse=True)))
#: 所谓 ('so-called') before a quoted term: the writer keeps the term at a distance (所谓“国防预算”);
#: not 无所谓 ('does not matter'), nor a bare 所谓 that introduces a definition (所谓韧性，就是…)
_ZH_SO_CALLED = re.compile(r"(?<![无何])所谓的?(?=[“「『\"])")
_ZH_SOURCE_RE = re.compile(
    r"据(?P<src>[^，。、；;,\s“”]{2,14}?)(?:的)?(?:报道|报导|消息|透露|披露|援引|引述)"
    r"|(?P<src2>美联社|路透社|法新社|彭博社|新华社|中新社|共同社|德新社|《[^》]{1,12}》)(?:报道|报导|援引|引述)(?:称|说)?"
)
_GENERIC_SOURCES = {"媒体", "外媒", "官媒", "港媒", "台媒", "陆媒", "报道", "报导", "知情人士", "消息人士", "有关方面", "相关报道", "了解"}

_EN_HEDGES = {
    "reportedly": "strong", "allegedly": "strong", "purportedly": "strong", "reputedly": "strong",
    "supposedly": "strong", "it is said": "strong", "is said to": "strong", "are said to": "strong",
    "was said to": "strong", "were said to": "strong", "it was said": "strong", "is believed to": "weak",
    "are believed to": "weak", "was believed to": "weak", "it is understood": "weak", "it is believed": "weak",
    "is understood to": "weak", "rumored": "strong", "rumoured": "strong", "rumors": "weak", "rumours": "weak", "rumor": "weak", "rumour": "weak",
    "it was reported": "strong", "it is reported": "strong", "reports say": "strong", "reports said": "strong",
    "according to reports": "strong", "according to media reports": "strong", "according to sources": "strong",
    "sources said": "strong", "sources say": "strong", "people familiar with": "strong", "alleged": "strong",
    "suspected of": "strong", "accused of": "strong", "claimed to": "weak", "was reported": "strong",
    "were reported": "strong", "have been reported": "strong", "has been reported": "strong",
    "is reported to": "strong", "are reported to": "strong", "is thought to": "weak", "are thought to": "weak",
    "was thought to": "weak", "were thought to": "weak", "it is thought": "weak",
    # unnamed sources (知情人士透露, 消息人士称, 据当地媒体报道)
    "person familiar with": "strong", "source close to": "strong", "sources close to": "strong",
    "a source said": "strong", "sources told": "strong", "a source told": "strong", "according to a source": "strong",
    "informed source": "strong", "informed sources": "strong", "according to local media": "strong",
    "according to state media": "strong", "local media reported": "strong", "state media reported": "strong",
    # 有消息称 told as a single or unconfirmed report; 涉嫌 as "on suspicion of"
    "according to a report": "strong", "according to one report": "strong", "unconfirmed report": "strong",
    "unconfirmed reports": "strong", "unverified report": "strong", "unverified reports": "strong",
    "on suspicion of": "strong",
    # 疑似纵火 -> "suspected arson"; weak, since "she suspected that ..." added in translation is no news
    "suspected": "weak",
    # 所谓“…”: a term kept at a distance
    "so-called": "strong",
}
#: Weak hedges that still recast a plain fact as belief when a translation adds them ("he is believed
#: to have been held" for 他被羁押); weak only in that losing them (据信, 据悉) matters less.
_PASSIVE_HEDGE = re.compile(r"\b(?:believed|thought|understood)\b", re.I)
_EN_HEDGE_RE = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, _EN_HEDGES), key=len, reverse=True)) + r")\b", re.I)
_EN_SOURCE_RE = re.compile(
    r"\baccording to (?P<src>(?:the )?[A-Z][\w.&'’-]*(?:\s+(?:of\s+)?[A-Z][\w.&'’-]*)*)"
    r"|(?P<src2>(?:the )?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*)*)\s+(?:reported|reports|has reported|said in a report|quoted)\b"
)

#: "according to Australian customs data": the source's words run on into the data it publishes
_EN_DATA_AFTER = re.compile(r"(?:\s+[a-z]+){0,2}\s+(?:data|figures|statistics|estimates)\b")


@dataclass(frozen=True)
class Hedge:
    """One hedge or named source in a sentence."""

    start: int
    end: int
    text: str
    kind: str  # "hedge" (no source named) | "source" (a named source)
    strength: str  # "strong" | "weak"
    source: str = ""


def hedges(text: str, lang: str) -> list[Hedge]:
    """The hedges and named sources in one sentence (Chinese: the normalised view)."""
    out: list[Hedge] = []
    if is_chinese(lang):
        for m in _ZH_SOURCE_RE.finditer(text):
            src = m.group("src") or m.group("src2")
            if src.startswith(("了解", "悉", "称", "说", "传")):
                continue
            if src in _GENERIC_SOURCES or src.endswith(("媒体", "人士")):  # 据当地媒体报道, 据内部人士透露: no named source
                out.append(Hedge(m.start(), m.end(), m.group(0), "hedge", "strong"))
                continue
            out.append(Hedge(m.start(), m.end(), m.group(0), "source", "strong", src))
        for m in _ZH_HEDGE_RE.finditer(text):
            if not any(h.start <= m.start() < h.end for h in out):
                out.append(Hedge(m.start(), m.end(), m.group(0), "hedge", _ZH_HEDGES[m.group(0)]))
        out += [Hedge(m.start(), m.end(), m.group(0), "hedge", "strong") for m in _ZH_SO_CALLED.finditer(text)]
    else:
        for m in _EN_SOURCE_RE.finditer(text):
            src = (m.group("src") or m.group("src2")).removeprefix("the ")
            if src.split()[0] in ("He", "She", "It", "They", "This", "That", "Reports", "Sources"):
                continue
            if _EN_DATA_AFTER.match(text, m.end()):
                continue  # figures cited from their data, not hearsay: 据海关统计 is no source on the Chinese side either
            out.append(Hedge(m.start(), m.end(), m.group(0), "source", "strong", src))
        for m in _EN_HEDGE_RE.finditer(text):
            if not any(h.start <= m.start() < h.end for h in out):
                out.append(Hedge(m.start(), m.end(), m.group(0), "hedge", _EN_HEDGES[m.group(0).lower()]))
    out.sort(key=lambda h: h.start)
    return out


class AttributionCheck:
    name = "attribution.v1"
    requires = frozenset({"beads"})

    def run(self, ctx: CheckContext) -> Iterable[Finding]:
        orig = per_sentence(ctx, "hedges", ctx.original, hedges)
        edit = per_sentence(ctx, "hedges", ctx.edition, hedges)
        same_lang = is_zh(ctx.original) == is_zh(ctx.edition)

        def equal(a: Hedge, b: Hedge) -> bool:
            if a.kind != b.kind:
                return False
            return a.kind == "hedge" or not same_lang or a.source == b.source

        def pairable(a: Hedge, b: Hedge) -> bool:
            return True

        def slipped(o, e) -> bool:
            return _renders_claim_elsewhere(ctx, o[1], o[2], e[0], e[1])

        def prefer(a: Hedge, b: Hedge) -> bool:
            # a suspicion (涉嫌 / "on suspicion of") answers for a suspicion before a report's hedge can take it
            return _suspicion(a) == _suspicion(b)

        _, changed, dropped, added = reconcile(ctx.beads, orig, edit, equal, pairable, radius=1, lenient=False, slipped=slipped,
                                               prefer=prefer)
        for (i, osid, o), (_, esid, e) in changed:
            if o.kind == "source" and e.kind == "hedge":
                yield self._finding(
                    ctx, i, "source-removed", "medium", 0.75,
                    f"The original names its source ({o.text}); this edition only says “{e.text}”.",
                    (located(ctx.original, osid, o.start, o.end),), (located(ctx.edition, esid, e.start, e.end),), o, e,
                )
            elif o.kind == "source" and e.kind == "source" and same_lang:
                yield self._finding(
                    ctx, i, "source-changed", "medium", 0.7,
                    f"The original credits {o.source} ({o.text}); this edition credits {e.source} ({e.text}).",
                    (located(ctx.original, osid, o.start, o.end),), (located(ctx.edition, esid, e.start, e.end),), o, e,
                )
        for i, osid, o in dropped:
            if not same_lang and not _claim_rendered(ctx, i, matching_text(ctx.original, osid)[o.end:]):
                continue  # the edition drops the claim itself, not just its hedge: not "stated as fact"
            claim = _bead_spans(ctx, i, edition_side=True)
            if o.kind == "source":
                text = f"The original attributes this to {o.source} ({o.text}); this edition gives no source, so it reads as fact."
            else:
                text = f"The original hedges this claim with “{o.text}”; this edition states it as fact."
            yield self._finding(
                ctx, i, "hedge-removed", "high" if o.strength == "strong" else "medium", 0.8 if o.strength == "strong" else 0.6,
                text, (located(ctx.original, osid, o.start, o.end),), claim, o, None,
            )
        for i, esid, e in added:
            if e.kind != "hedge" or e.strength != "strong" and not _PASSIVE_HEDGE.search(e.text):
                continue  # a named source, "suspected", "rumours" added in translation is normal editing
            yield self._finding(
                ctx, i, "hedge-added", "medium" if e.strength == "strong" else "low", 0.6,
                f"This edition adds “{e.text}”, casting doubt the original does not express.",
                _bead_spans(ctx, i, edition_side=False), (located(ctx.edition, esid, e.start, e.end),), None, e,
            )

    def _finding(self, ctx, index, subtype, severity, confidence, explanation, o_spans, e_spans, o, e) -> Finding:
        return new_finding(
            self, ctx, "attribution", subtype, severity, confidence, explanation,
            original_spans=o_spans, edition_spans=e_spans, bead=index,
            evidence={"original": o.text if o else None, "edition": e.text if e else None},
        )


_SUSPICION = re.compile(r"涉嫌|疑似|被指|suspicion|suspected|accused|alleged", re.I)


def _suspicion(h: Hedge) -> bool:
    """A hedge that casts a charge as suspected (涉嫌, "on suspicion of"), not a report's claim as hearsay."""
    return bool(_SUSPICION.search(h.text))


_CLAIM_END = re.compile(r"[。；！？;!?\s]")


def _claim_rendered(ctx: CheckContext, index: int, after_hedge: str) -> bool:
    """Does the edition's bead render any word of the claim the hedge governs (据称，X… / 涉嫌X)?
    The claim runs to the end of the sentence (a headline's segment ends at a space), not to the
    next comma: in 据称，分析人士预计，… the claim is everything after the hedge. Judged by CC-CEDICT
    glosses of its words, then by the aligner's lexicon (character glosses for words CC-CEDICT
    lacks, pinyin for names); with fewer than three glossed words, assume it does."""
    from ..align.lexical import en_words, zh_words
    from ..names.cedict import glosses, stem
    from ..zhwords import jieba

    clause = _CLAIM_END.split(after_hedge.lstrip("，,：: "), 1)[0]
    wanted = [g for g in (glosses(w) for w in jieba().lcut(clause) if len(w) > 1) if g]
    if len(wanted) < 3:
        return True
    bead = ctx.beads[index]
    english = " ".join(ctx.edition.sentences[j].text for j in bead.tgt)
    present = {stem(w) for w in re.findall(r"[a-z]+", english.lower())}
    if any(g & present for g in wanted):
        return True
    rendered = frozenset().union(*en_words(english))
    return any(w & rendered for w in zh_words(clause))


def _claim_words(ctx: CheckContext, osid: int, hedge: Hedge) -> list[frozenset[str]]:
    """The words of the claim a hedge governs (to the end of the sentence), each as the set of forms
    that render it: English stems through the aligner's lexicon, or for a Chinese edition its
    character bigrams."""
    clause = _CLAIM_END.split(matching_text(ctx.original, osid)[hedge.end:].lstrip("，,：: "), 1)[0]
    if is_zh(ctx.edition):
        return [frozenset({clause[k:k + 2]}) for k in range(len(clause) - 1)]
    from ..align.lexical import zh_words

    return zh_words(clause)


def _forms(ctx: CheckContext, edition_side: bool, sids) -> frozenset[str]:
    """Every form the sentences ``sids`` of one side carry, in the terms of ``_claim_words``."""
    from ..align.lexical import en_words, zh_words

    doc = ctx.edition if edition_side else ctx.original
    out: set[str] = set()
    for sid in sids:
        text = matching_text(doc, sid)
        if is_zh(ctx.edition):
            out.update(text[k:k + 2] for k in range(len(text) - 1))
        else:
            for word in (en_words if edition_side else zh_words)(text):
                out |= word
    return frozenset(out)


def _renders_claim_elsewhere(ctx: CheckContext, osid: int, hedge: Hedge, e_bead: int, esid: int) -> bool:
    """Could the alignment have slipped, so that the edition sentence ``esid`` (in another bead)
    carries the original's hedge? Only if it renders words of the hedged claim that the original
    side of its own bead does not explain: "It is said that fire officials found hazards at the
    plant" shares "fire" and "plant" with 该厂的两条消防通道长期被堵塞 only through its own
    original (消防部门 ... 该厂). Two such edition words at least: a sentence that slipped carries
    the claim, not one word of it that a gloss happens to share ("first"). A claim of fewer than three
    words cannot be judged: assume it can."""
    wanted = _claim_words(ctx, osid, hedge)
    if len(wanted) < 3:
        return True
    rendered = _forms(ctx, True, (esid,))
    own = _forms(ctx, False, ctx.beads[e_bead].src)
    shared = set().union(*((w & rendered) - own for w in wanted))
    if is_zh(ctx.edition):
        return len(shared) >= 2
    from ..align.lexical import en_words

    # counted by edition word: one word can answer two claim words (正 and 首次 both gloss "first")
    return len({ew for ew in en_words(matching_text(ctx.edition, esid)) if ew & shared}) >= 2


def _bead_spans(ctx: CheckContext, index: int, edition_side: bool) -> tuple[Span, ...]:
    """The sentences of one side of a bead: where the claim now stands unhedged (or hedged)."""
    doc, sids = (ctx.edition, ctx.beads[index].tgt) if edition_side else (ctx.original, ctx.beads[index].src)
    return sentence_spans(doc, sids)
