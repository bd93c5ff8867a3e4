"""Numbers, quantities, percentages, money and durations: changed, dropped, added, or hedged differently.

Figures are compared by value, not by spelling: 43万 = 430,000, 3.5万 = 35,000, 百分之十五 = 15 percent,
78个月 = six and a half years, 两倍 = twice. 多/余/以上 = "more than" and 约 = "about" are kept as
qualifiers, so "at least" lost or "more than" turned into "under" is a finding of its own. A figure
the aligned edition sentences lack is looked for in neighbouring beads before it counts as changed.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable

from ..langs import is_chinese
from ..model import Finding
from ._dateparse import extract_dates
from ._numalign import is_zh, located, matching_text, per_sentence, reconcile, with_moves
from ._periods import Period, describe, en_periods, zh_periods
from ._numparse import _DIMENSION, Quantity, extract_en, extract_zh, format_value, loose_numbers
from .base import CheckContext, new_finding

#: Qualifier groups that say the same thing ("" = a plain figure).
_COMPATIBLE = {
    frozenset({""}), frozenset({"lower"}), frozenset({"upper"}), frozenset({"approx"}), frozenset({"upto"}),
    frozenset({"", "approx"}), frozenset({"", "upto"}), frozenset({"approx", "upto"}), frozenset({"approx", "upper"}),
    frozenset({"upper", "upto"}), frozenset({"lower", "upto"}),
    frozenset({"recent"}), frozenset({"", "recent"}), frozenset({"upper", "recent"}), frozenset({"approx", "recent"}),
}
_QUAL_WORDS = {"lower": "more than / at least", "upper": "under / nearly", "approx": "about", "upto": "as many as",
               "recent": "in the last / nearly"}


def quantities(text: str, lang: str) -> list[Quantity]:
    """Every figure in a sentence, dates left out (they are the date check's)."""
    skip = [(d.start, d.end) for d in extract_dates(text, lang)]
    return extract_zh(text, skip) if is_chinese(lang) else extract_en(text, skip)


def periods(text: str, lang: str) -> list[Period]:
    """Reporting periods (前三季度, "the third quarter") in a sentence."""
    return zh_periods(text) if is_chinese(lang) else en_periods(text)


def numerals(text: str, lang: str) -> set[float]:
    """Values of the numerals in a sentence that are not figures (三十六 in a title, 三 in 一家三口)."""
    covered = [(d.start, d.end) for d in extract_dates(text, lang)] + [(q.start, q.end) for q in quantities(text, lang)]
    return loose_numbers(text, lang, covered)


def same_value(a: Quantity, b: Quantity) -> bool:
    """Equal figures: exact up to the rounding either side wrote (43万 = 432,000), within 2% when
    either is hedged; durations compared in days, weights and lengths in SI units (within 3%); money
    only in a currency both can be (人民币50万元 is not $500,000)."""
    if (a.high is None) != (b.high is None):
        return False
    if a.kind == "money" and b.kind == "money" and not _currencies(a) & _currencies(b):
        return False
    if a.kind == "percent" and b.kind == "percent" and a.unit != b.unit:
        return False  # 2.5个百分点 (percentage points) is not 2.5 percent
    hedged = bool(a.qualifier or b.qualifier)
    tolerance = 0.02 if hedged else 1e-6
    step = 0.0 if "fraction" in (a.kind, b.kind) else max(a.step, b.step) / 2  # a fifth is not a quarter
    if a.kind == "measure" and b.kind == "measure":
        if _DIMENSION.get(a.unit) != _DIMENSION.get(b.unit):
            return False
        if _DIMENSION.get(a.unit) == "temperature":
            return _same_temperature(a, b, step)
        if a.unit != b.unit:
            tolerance += 0.03  # converted units are rounded
            if _DIMENSION.get(a.unit) == "area" and not (a.digits and b.digits):
                tolerance = max(tolerance, 0.5)  # 两亩 as "a half-acre": an area converted in words is a rough one
            x, y, step = a.canonical, b.canonical, 0.0
        else:
            x, y = a.value, b.value  # the rounding step is in the written unit
    elif a.kind == "duration" and b.kind == "duration":
        tolerance = max(tolerance, 0.01)
        x, y, step = a.canonical, b.canonical, 0.0
    else:
        x, y = a.value, b.value
    if not _close(x, y, tolerance, step):
        return False
    return a.high is None or _close(a.high, b.high, tolerance, step)


def _same_temperature(a: Quantity, b: Quantity, step: float) -> bool:
    """35摄氏度 = 95 degrees Fahrenheit, to within the rounding of a whole degree Fahrenheit; a bare
    "degrees" is either scale."""
    if a.high is not None or b.high is not None:
        return a.unit == b.unit and _close(a.value, b.value, 0, step) and _close(a.high, b.high, 0, step)
    if "deg" in (a.unit, b.unit):
        bare, other = (a, b) if a.unit == "deg" else (b, a)
        return any(abs(bare.value - v) <= max(step, 0.6) for v in (other.value, other.canonical, other.canonical * 9 / 5 + 32))
    return abs(a.canonical - b.canonical) <= (0.6 if a.unit != b.unit else max(step, 1e-9))


#: A bare 元 is yuan, or Taiwan or Hong Kong dollars in a story from there; a bare $ or "dollars"
#: is U.S. dollars, or the local dollar in a Hong Kong or Taiwan story.
_BARE_CURRENCY = {"CNY": ("人民币", "yuan", "rmb", "renminbi", "¥"), "USD": ("美元", "美金", "us$", "u.s.", "us dollar")}
_BARE_MEANS = {"CNY": {"CNY", "TWD", "HKD"}, "USD": {"USD", "TWD", "HKD"}}


def _currencies(q: Quantity) -> set[str]:
    """The currencies a sum of money can be in: its own when the text names it, more for a bare 元 or $."""
    explicit = _BARE_CURRENCY.get(q.unit)
    if explicit is None or any(word in q.text.lower() for word in explicit):
        return {q.unit}
    return _BARE_MEANS[q.unit]


#: Units of each currency to one U.S. dollar, roughly; a conversion is plausible within _RATE_SLACK of the
#: ratio (rates drift, and editions round).
_PER_USD = {"USD": 1.0, "CNY": 7.1, "HKD": 7.8, "MOP": 8.0, "TWD": 31.0, "EUR": 0.92, "GBP": 0.79, "JPY": 145.0,
            "AUD": 1.52, "CAD": 1.37, "SGD": 1.34}
_RATE_SLACK = 0.2
_CONVERSION_GAP = re.compile(r"\s*[(（]\s*|\s*,\s*or\s+")


def _converted(text: str, items: list[Quantity], e: Quantity) -> bool:
    """Is ``e`` a conversion the edition adds after a sum in another currency: "4.15 trillion yuan ($583
    billion)", "HK$300 million (US$38.5 million)"? Only at a plausible exchange rate. A measure in other
    units ("18.5 million mu (about 1.23 million hectares)", "35 degrees Celsius (95 degrees Fahrenheit)")
    is one when it is the same quantity."""
    if e.kind == "measure":
        return any(q.kind == "measure" and q.end <= e.start and q.unit != e.unit
                   and _DIMENSION.get(q.unit) == _DIMENSION.get(e.unit) and _CONVERSION_GAP.fullmatch(text[q.end:e.start])
                   and same_value(q, replace(e, qualifier=e.qualifier or "approx")) for q in items)
    if e.kind != "money" or e.unit not in _PER_USD:
        return False
    for q in items:
        if (q.kind == "money" and q.end <= e.start and q.unit in _PER_USD and q.unit != e.unit and q.value and e.value
                and _CONVERSION_GAP.fullmatch(text[q.end:e.start])):
            rate = (q.value / _PER_USD[q.unit]) / (e.value / _PER_USD[e.unit])
            if abs(rate - 1) <= _RATE_SLACK:
                return True
    return False


def _close(x: float, y: float, tolerance: float, step: float) -> bool:
    return abs(x - y) <= tolerance * max(abs(x), abs(y), 1e-9) or abs(x - y) <= step + 1e-9 * max(abs(x), 1)


def _reportable(q: Quantity) -> bool:
    """Figures worth reporting when one side simply lacks them: percentages, money, and figures
    written in digits from 100 up. Small and spelled-out counts (三个人, ten thousand) are rephrased
    or rhetorical too often."""
    return q.kind in ("percent", "money") or (q.digits and q.value >= 100 and q.kind in ("count", "measure"))


def _beside_its_twin(index: int, e: Quantity, matched) -> bool:
    """An extra figure next to a matched one of the same kind and unit (“five boats at the three
    piers” for 三条船): the original's figure was repeated once and changed once. A figure matched
    across kinds (4起 as “the fourth”) has no twin in a plain count (“the two countries”)."""
    return any(i == index and _close_kind(o, e) and o.kind == m.kind for (i, _, o), (_, _, m) in matched)


def _close_kind(a: Quantity, b: Quantity) -> bool:
    """Same kind and unit (lengths with lengths): 三只 and "six" in one bead are a change before
    any alignment slip."""
    same_unit = a.unit == b.unit or a.kind == "measure" and _DIMENSION.get(a.unit) == _DIMENSION.get(b.unit)
    if {a.kind, b.kind} == {"count", "ordinal"} and a.high is None and b.high is None:
        # 今年已发生3起 is "the third such incident this year": a running count told as a rank is
        # the same figure, and takes its partner before "the two countries" can be paired as a change
        return a.value == b.value
    return a.kind == b.kind and same_unit and (a.high is None) == (b.high is None)


def _same_kind(a: Quantity, b: Quantity) -> bool:
    """Figures of one kind and unit pair first: "third reading" takes 三读 before the vote count 3票 can
    (a count and a rank of equal value are the same figure only when nothing of their own kind is there)."""
    return a.kind == b.kind and _close_kind(a, b)


def _pairable(a: Quantity, b: Quantity) -> bool:
    """Two unmatched figures that plausibly render each other, so one was changed into the other."""
    if a.kind == b.kind:
        return True
    loose = {"count", "money", "times", "measure", "duration"}
    return a.kind in loose and b.kind in loose


class NumberCheck:
    name = "numbers.v1"
    requires = frozenset({"beads"})

    def run(self, ctx: CheckContext) -> Iterable[Finding]:
        orig = per_sentence(ctx, "numbers", ctx.original, quantities)
        edit = _unexplained(ctx, orig, per_sentence(ctx, "numbers", ctx.edition, quantities))
        matched, changed, dropped, added = reconcile(with_moves(ctx), orig, edit, _equal_strict_first, _pairable, close=_close_kind,
                                                     prefer=_same_kind)
        for (i, osid, o), (_, esid, e) in matched:
            finding = self._qualifier(ctx, i, osid, o, esid, e)
            if finding:
                yield finding
            finding = self._basis(ctx, i, osid, o, esid, e, orig[osid], edit[esid])
            if finding:
                yield finding
        yield from self._periods(ctx, matched)
        for (i, osid, o), (_, esid, e) in changed:
            yield self._finding(
                ctx, i, "changed", "high", 0.85,
                f"The original says {_says(o)}; this edition says {e.text}.", [(osid, o)], [(esid, e)],
            )
        restated = [(osid, o) for osid, items in enumerate(orig) for o in items if ctx.original.sentences[osid].kind != "headline"]
        for i, osid, o in dropped:
            if ctx.original.sentences[osid].kind == "headline" and any(_restates(o, q) for _, q in restated):
                continue  # a headline's figure the body restates (四亿多元, then 约4.6亿元): the body's is compared
            if _reportable(o):
                severity = "medium" if o.kind in ("percent", "money") or o.value >= 1000 else "low"
                yield self._finding(
                    ctx, i, "dropped", severity, 0.6,
                    f"The original gives {_says(o)}; this edition has no such figure.", [(osid, o)], [],
                )
        for i, esid, e in added:
            if _converted(matching_text(ctx.edition, esid), edit[esid], e):
                continue
            if _reportable(e) or _beside_its_twin(i, e, matched):
                yield self._finding(
                    ctx, i, "added", "low", 0.5,
                    f"This edition gives {e.text}, a figure the original does not have here.", [], [(esid, e)],
                )

    def _qualifier(self, ctx, index, osid, o: Quantity, esid, e: Quantity) -> Finding | None:
        if o.qualifier == "approx" and not e.qualifier and o.value == e.value:
            return self._finding(ctx, index, "qualifier-dropped", "low", 0.6,
                                 f"The original hedges the figure: {o.text} (about); this edition gives a plain “{e.text}”.",
                                 [(osid, o)], [(esid, e)])
        if frozenset({o.qualifier, e.qualifier}) in _COMPATIBLE:
            return None
        if o.qualifier and e.qualifier:
            subtype, severity = "qualifier-changed", "high"
            text = f"The original says {o.qualifier_text} ({_QUAL_WORDS[o.qualifier]}) {_plain(o)}; this edition says “{e.text}”."
        elif o.qualifier:
            subtype, severity = "qualifier-dropped", "medium"
            text = f"The original hedges the figure: {o.text} ({_QUAL_WORDS[o.qualifier]}); this edition gives a plain “{e.text}”."
        else:
            subtype, severity = "qualifier-added", "medium"
            text = f"This edition says “{e.text}” ({_QUAL_WORDS[e.qualifier]}); the original gives a plain {o.text}."
        return self._finding(ctx, index, subtype, severity, 0.7, text, [(osid, o)], [(esid, e)])

    def _periods(self, ctx, matched) -> Iterable[Finding]:
        """A figure of one period rendered as another's: 前三季度 (January to September) told as the third
        quarter's. The original's periods are those before the figure in its sentence; the edition's,
        those anywhere in its bead. Reported once a bead, and only when no period of the edition's bead
        is one the original gives the figure."""
        o_periods = per_sentence(ctx, "periods", ctx.original, periods)
        e_periods = per_sentence(ctx, "periods", ctx.edition, periods)
        done = set()
        for (i, osid, o), (j, esid, e) in matched:
            if i in done:
                continue
            own = [p for p in o_periods[osid] if p.end <= o.start]
            found = [(s, p) for s in ctx.beads[j].tgt for p in e_periods[s]]
            if not own or not found or {p.months for p in own} & {p.months for _, p in found}:
                continue
            done.add(i)
            op = own[-1]
            es, ep = min(found, key=lambda x: (x[0] != esid, abs(x[1].start - e.start)))
            text = (f"The original gives {o.text} for {op.text} ({describe(op.months)}); this edition gives "
                    f"{e.text} for {ep.text} ({describe(ep.months)}).")
            yield new_finding(
                self, ctx, "number", "period-changed", "high", 0.75, text,
                original_spans=(located(ctx.original, osid, op.start, op.end), located(ctx.original, osid, o.start, o.end)),
                edition_spans=(located(ctx.edition, es, ep.start, ep.end), located(ctx.edition, esid, e.start, e.end)),
                bead=i, evidence={"original": [_evidence(o)], "edition": [_evidence(e)],
                                  "periods": [list(op.months), list(ep.months)]},
            )

    def _basis(self, ctx, index, osid, o: Quantity, esid, e: Quantity, o_items, e_items) -> Finding | None:
        """同比 (on a year earlier) told as quarter-on-quarter, or 环比 (on the previous period) as year-on-year."""
        ob = _zh_basis(matching_text(ctx.original, osid), o_items, o)
        basis = _zh_basis if is_zh(ctx.edition) else _en_basis
        eb = basis(matching_text(ctx.edition, esid), e_items, e) if ob else None
        if not ob or not eb or ob[0] == eb[0]:
            return None
        text = (f"The original measures {o.text} {_BASIS_WORDS[ob[0]]} ({ob[1]}); "
                f"this edition says {e.text} {eb[1]} ({_BASIS_WORDS[eb[0]]}).")
        return self._finding(ctx, index, "basis-changed", "high", 0.8, text, [(osid, o)], [(esid, e)])

    def _finding(self, ctx, index, subtype, severity, confidence, explanation, o_items, e_items) -> Finding:
        return new_finding(
            self, ctx, "number", subtype, severity, confidence, explanation,
            original_spans=tuple(located(ctx.original, s, q.start, q.end) for s, q in o_items),
            edition_spans=tuple(located(ctx.edition, s, q.start, q.end) for s, q in e_items),
            bead=index,
            evidence={
                "original": [_evidence(q) for _, q in o_items],
                "edition": [_evidence(q) for _, q in e_items],
            },
        )


_BASIS_WORDS = {"year": "against a year earlier", "period": "against the previous period"}
#: What a change is measured against, right before the figure: 同比增长4.6%, 环比下降0.3%, 比去年同期提高3个百分点.
_ZH_BASIS = re.compile(r"(?P<year>同比|比上年同期|比去年同期|较上年同期|较去年同期|比上年|比去年|较上年|较去年)"
                       r"|(?P<period>环比|比上月|较上月|比上季度|较上季度|比上一季度|较上一季度)")
_EN_BASIS = re.compile(
    r"(?P<year>\byear[- ]on[- ]year\b|\byear[- ]over[- ]year\b|\b(?:from|than|on|over|compared with|compared to) "
    r"(?:a|one) year (?:earlier|ago|before)\b|\bfrom the same (?:period|quarter|month) (?:of |in )?last year\b|\by/y\b)"
    r"|(?P<period>\bquarter[- ]on[- ]quarter\b|\bmonth[- ]on[- ]month\b|\bweek[- ]on[- ]week\b|\bsequential(?:ly)?\b"
    r"|\b(?:from|over|on) the (?:previous|prior|preceding) (?:quarter|month|week)\b|\bq/q\b|\bm/m\b)", re.I)


def _zh_basis(text: str, items: list[Quantity], q: Quantity) -> tuple[str, str] | None:
    """The basis word (同比, 环比) that governs a Chinese figure: in its clause, at most six characters
    (a verb: 增长, 上涨了) before it."""
    window = text[max(0, q.start - 16):q.start]
    found = None
    for m in _ZH_BASIS.finditer(window):
        found = m
    if found is None:
        return None
    gap = window[found.end():]
    if len(gap) > 6 or re.search(r"[，,；;。：:、（）()]|[0-9]", gap):
        return None
    return found.lastgroup, found.group(0)


def _en_basis(text: str, items: list[Quantity], q: Quantity) -> tuple[str, str] | None:
    """The basis phrase ("year-on-year", "from the previous quarter") that goes with an English figure:
    after it before the next figure or clause break, else just before it."""
    nxt = min([x.start for x in items if x.start >= q.end] + [len(text)])
    after = text[q.end:nxt]
    stop = re.search(r"[;:.]\s|,\s(?:but|while|and|which)\b|\b(?:and|but|while|compared|versus|against)\b", after)
    after = after[:stop.start()] if stop else after
    m = _EN_BASIS.search(after[:60])
    if m:
        return m.lastgroup, m.group(0)
    prev = max([x.end for x in items if x.end <= q.start] + [0])
    before = text[max(prev, q.start - 30):q.start]
    found = None
    for m in _EN_BASIS.finditer(before):
        found = m
    return (found.lastgroup, found.group(0)) if found else None


def _unexplained(ctx: CheckContext, orig: list[list[Quantity]], edit: list[list[Quantity]]) -> list[list[Quantity]]:
    """The edition's figures less those that render a numeral the original bead writes without a
    unit (“Thirty-Six” for 《三十六计》, “the three of them” for 一家三口): neither changed nor added."""
    loose = per_sentence(ctx, "numerals", ctx.original, numerals)
    out = [list(items) for items in edit]
    for bead in ctx.beads:
        values = set().union(*(loose[s] for s in bead.src)) if bead.src else set()
        if not values:
            continue
        figures = [o for s in bead.src for o in orig[s]]
        for s in bead.tgt:
            out[s] = [e for e in out[s] if e.value not in values or any(_equal_strict_first(o, e) for o in figures)]
    return out


def _restates(head: Quantity, body: Quantity) -> bool:
    """Does a body figure restate a headline's rounder one: the same value, or inside the span a 多 / 超过
    leaves open (四亿多元 is from 4 up to 5 hundred million; 约4.6亿元 lies in it)?"""
    if head.kind != body.kind or head.high is not None or body.high is not None:
        return False
    if head.kind == "money" and not _currencies(head) & _currencies(body):
        return False
    if same_value(head, body):
        return True
    if head.qualifier == "lower" and head.value > 0:
        import math

        return head.value <= body.value < head.value + 10 ** math.floor(math.log10(head.value))
    return False


def _equal_strict_first(a: Quantity, b: Quantity) -> bool:
    """Equal values; a figure of another kind only when the values are equal too (两段 vs twice is not).
    A bare count equals a duration, length or rank of the same value: the unit is often left to the
    context (差五分钟 "five to three", 三十岁生日 "thirtieth birthday")."""
    if _age_and_years(a, b) or _age_and_years(b, a):
        return True
    kinds = {a.kind, b.kind}
    if kinds == {"fraction", "percent"}:  # 三分之一 = 33 percent, 半数 = 50%, 三成三 = a third
        share, pct = (a, b) if a.kind == "fraction" else (b, a)
        if pct.unit == "pp":
            return False
        as_pct = replace(share, kind="percent", value=share.value * 100, step=0.0,
                         high=share.high * 100 if share.high is not None else None)
        return same_value(as_pct, pct)
    return same_value(a, b) and (a.kind == b.kind or kinds <= {"count", "money", "times", "percent"}
                                 or "count" in kinds and kinds <= {"count", "duration", "measure", "ordinal"})


def _age_and_years(age: Quantity, years: Quantity) -> bool:
    """65岁 is "65-year-old" / "65 years old": an age in 岁 against the same number of years; 16至24岁
    is "16- to 24-year-olds"."""
    return (age.kind == "count" and age.text.endswith(("岁", "歲")) and years.kind == "duration"
            and years.unit == "year" and age.value == years.value and age.high == years.high)


def _plain(q: Quantity) -> str:
    return format_value(Quantity(q.start, q.end, q.text, q.value, q.kind, q.unit, "", "", q.high))


def _says(q: Quantity) -> str:
    """"430,000 (43万)": the value in plain figures, with the original wording when it differs."""
    value = format_value(q)
    return value if value == q.text else f"{value} ({q.text})"


def _evidence(q: Quantity) -> dict:
    return {"text": q.text, "value": q.value, "kind": q.kind, "unit": q.unit, "qualifier": q.qualifier, "high": q.high}
