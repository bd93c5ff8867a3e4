"""Omissions and additions: sentences (and whole paragraphs) the alignment left without a counterpart."""

from __future__ import annotations

import re
from typing import Iterable

from ..model import Edition, Finding, Span
from .base import CheckContext

_QUOTE = re.compile(r"[“”「」『』\"]")
_NUMBER = re.compile(r"\d|[一二三四五六七八九十百千万亿两]+[万亿%％]")


def _weight(text: str) -> tuple[str, list[str]]:
    """Severity by what a sentence carries: quotes and numbers matter more than connective prose."""
    carries = []
    if _QUOTE.search(text):
        carries.append("a quote")
    if _NUMBER.search(text):
        carries.append("numbers")
    if re.search(r"[A-Z][a-z]+ [A-Z][a-z]+", text):
        carries.append("names")
    severity = "high" if carries else "medium"
    return severity, carries


class OmissionCheck:
    name = "omissions.v1"
    requires = frozenset({"beads"})

    def run(self, ctx: CheckContext) -> Iterable[Finding]:
        yield from self._side(ctx, ctx.original, original_side=True)
        yield from self._side(ctx, ctx.edition, original_side=False)

    def _side(self, ctx: CheckContext, doc: Edition, original_side: bool) -> Iterable[Finding]:
        lonely = {}
        for index, bead in enumerate(ctx.beads):
            own, other = (bead.src, bead.tgt) if original_side else (bead.tgt, bead.src)
            if own and not other:
                for sid in own:
                    lonely[sid] = (index, bead.score)
        by_paragraph: dict[int, list[int]] = {}
        for sid in sorted(lonely):
            by_paragraph.setdefault(doc.sentences[sid].paragraph, []).append(sid)
        kind = "omission" if original_side else "addition"
        for pid, sids in by_paragraph.items():
            paragraph_sids = [s.id for s in doc.sentences if s.paragraph == pid]
            whole = sids == paragraph_sids and len(sids) > 0
            text = " ".join(doc.sentences[s].text for s in sids)
            severity, carries = _weight(text)
            spans = tuple(Span(doc.sentences[s].start, doc.sentences[s].end) for s in sids)
            what = "paragraph" if whole else ("sentences" if len(sids) > 1 else "sentence")
            verb = "has no counterpart in the edition" if original_side else "has no source in the original"
            extra = f" (it carries {', '.join(carries)})" if carries else ""
            yield Finding(
                kind=kind,
                subtype=f"{what}",
                severity="high" if whole else severity,
                confidence=round(min(0.99, 0.5 + 0.5 * (1 - min(lonely[s][1] for s in sids))), 3),
                explanation=f"This {what} {verb}{extra}.",
                check=self.name,
                edition=ctx.edition.id,
                original_spans=spans if original_side else (),
                edition_spans=() if original_side else spans,
                bead=lonely[sids[0]][0],
                evidence={"sentences": sids, "paragraph": pid, "whole_paragraph": whole, "text": text},
            )
