"""Dates: a day, month or year that differs between original and edition, or one the edition drops.

Dates are compared as calendar dates, resolved against the publication date (option, metadata or
dateline): 3月2日 and "on Monday" agree when that Monday is 2 March; 今年1月12日 and "Jan. 12" agree.
"""

from __future__ import annotations

from typing import Iterable

from ..model import Finding
from ._dateparse import DateMention, Resolved, extract_dates, resolve, same_date
from ._numalign import located, per_sentence, pub_date, reconcile, with_moves
from .base import CheckContext, new_finding


class DateCheck:
    name = "dates.v1"
    requires = frozenset({"beads"})

    def run(self, ctx: CheckContext) -> Iterable[Finding]:
        pub = pub_date(ctx)
        orig = per_sentence(ctx, "dates", ctx.original, extract_dates)
        edit = per_sentence(ctx, "dates", ctx.edition, extract_dates)

        def res(items):
            return [[(m, resolve(m, pub)) for m in sentence] for sentence in items]

        orig_r, edit_r = res(orig), res(edit)
        equal = lambda a, b: same_date(a[1], b[1])  # noqa: E731
        # A date the text pins down is not "changed" into a mention nothing pins down (昨天, no pub date).
        comparable = lambda a, b: a[0].granularity == b[0].granularity and a[1].pinned == b[1].pinned  # noqa: E731
        # Across beads (an alignment slip) only a mention as fine as the other: 今年 is not the
        # "Jan. 19" of the next sentence, though it equals it inside one bead.
        # Inside a bead too, mentions as fine as each other pair first.
        as_fine = lambda a, b: a[0].granularity == b[0].granularity  # noqa: E731
        slipped = lambda o, e: as_fine(o[2], e[2])  # noqa: E731
        # Inside a bead, mentions as fine as each other and unequal are a change before a coarser one takes
        # the edition's (今年 equals "on Wednesday", any day this year, and left 本月12日 looking dropped).
        _, changed, dropped, _ = reconcile(with_moves(ctx), orig_r, edit_r, equal, comparable, slipped=slipped, prefer=as_fine,
                                           close=comparable)
        for (i, osid, (om, o)), (_, esid, (em, e)) in changed:
            explanation = f"The original says {_says(om, o)}; this edition says {_says(em, e)}."
            when = e.as_date()
            if pub is not None and when is not None and when > pub:
                explanation = explanation[:-1] + f", which is after the publication date ({pub.isoformat()})."
            severity = "high" if om.granularity == "day" else "medium"
            yield self._finding(ctx, i, "changed", severity, 0.85, explanation, [(osid, om, o)], [(esid, em, e)])
        for i, osid, (om, o) in dropped:
            if om.granularity == "day" and not om.relative.startswith("day") and o.month is not None and o.day is not None:
                yield self._finding(
                    ctx, i, "dropped", "low", 0.55,
                    f"The original dates this to {_says(om, o)}; this edition gives no date.", [(osid, om, o)], [],
                )

    def _finding(self, ctx, index, subtype, severity, confidence, explanation, o_items, e_items) -> Finding:
        return new_finding(
            self, ctx, "date", subtype, severity, confidence, explanation,
            original_spans=tuple(located(ctx.original, s, m.start, m.end) for s, m, _ in o_items),
            edition_spans=tuple(located(ctx.edition, s, m.start, m.end) for s, m, _ in e_items),
            bead=index,
            evidence={
                "original": [{"text": m.text, "resolved": r.label()} for _, m, r in o_items],
                "edition": [{"text": m.text, "resolved": r.label()} for _, m, r in e_items],
                "publication_date": pub_date(ctx).isoformat() if pub_date(ctx) else None,
            },
        )


def _says(m: DateMention, r: Resolved, own: bool = False) -> str:
    """"March 4, 2026 (3月4日)": the resolved date, with the text's own words when they differ."""
    label = r.label()
    return label if label.startswith(m.text) or label == "?" and not m.text else f"{label} ({m.text})"
