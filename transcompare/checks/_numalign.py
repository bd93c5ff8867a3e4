"""What the number, date and attribution checks share: matching views of sentences, and
neighbouring beads, so an alignment that slipped by one sentence does not look like a change."""

from __future__ import annotations

from typing import Callable, Sequence, TypeVar

from ..langs import is_chinese
from ..model import Bead, Edition, Span
from .base import CheckContext

T = TypeVar("T")


def is_zh(edition: Edition) -> bool:
    return is_chinese(edition.lang)


def text_lang(edition: Edition) -> str:
    """The language the checks' extractors read the edition's ``matching_text`` in: "zh" for any
    Chinese (it is normalised to Simplified), else the edition's own."""
    return "zh" if is_zh(edition) else edition.lang


def matching_text(edition: Edition, sid: int) -> str:
    """The sentence as the checks read it: Simplified, half-width digits (same length, same offsets)."""
    text = edition.sentences[sid].text
    if is_zh(edition):
        from ..ingest.script import normalize

        return normalize(text, "zh").text
    return text


def per_sentence(ctx: CheckContext, key: str, edition: Edition, extract: Callable[[str, str], list[T]]) -> list[list[T]]:
    """``extract(text, lang)`` for every sentence of one side, memoised on the context."""
    memo_key = f"{key}:{edition.id}"
    if memo_key not in ctx.cache:
        lang = text_lang(edition)
        ctx.cache[memo_key] = [extract(matching_text(edition, s.id), lang) for s in edition.sentences]
    return ctx.cache[memo_key]


def located(edition: Edition, sid: int, start: int, end: int) -> Span:
    """An offset pair inside sentence ``sid`` -> a span in ``edition.text``."""
    base = edition.sentences[sid].start
    return Span(base + start, base + end)


def with_moves(ctx: CheckContext) -> list[Bead]:
    """The beads, a sentence moved past its neighbour (omissions.moved_beads) joined to the 1-0 bead of the
    sentence it renders; its own 0-1 bead is left empty, so bead indices stay the aligner's."""
    from .omissions import moved_beads

    beads = list(ctx.beads)
    for lone_e, lone_o in moved_beads(ctx).items():
        beads[lone_o] = Bead(beads[lone_o].src, beads[lone_e].tgt, beads[lone_o].score)
        beads[lone_e] = Bead((), (), beads[lone_e].score)
    return beads


def neighbours(beads: Sequence[Bead], index: int, radius: int = 2) -> list[int]:
    """Bead indices around ``index`` (itself excluded), nearest first."""
    out = []
    for step in range(1, radius + 1):
        for j in (index - step, index + step):
            if 0 <= j < len(beads):
                out.append(j)
    return out


def side_items(items: list[list[T]], sids: Sequence[int]) -> list[tuple[int, T]]:
    """(sentence id, item) for the sentences of one side of a bead."""
    return [(sid, item) for sid in sids for item in items[sid]]


def pub_date(ctx: CheckContext):
    """Publication date: the option, the original's metadata, its dateline, or the edition's."""
    from ._dateparse import parse_iso, publication_date_from_text

    if "pubdate" not in ctx.cache:
        date = parse_iso(ctx.publication_date) or parse_iso(ctx.original.date)
        date = date or publication_date_from_text(ctx.original.text) or parse_iso(ctx.edition.date)
        ctx.cache["pubdate"] = date
    return ctx.cache["pubdate"]


Located = tuple  # (bead index, sentence id, item)


def reconcile(beads: Sequence[Bead], orig: list[list[T]], edit: list[list[T]], equal: Callable[[T, T], bool],
              pairable: Callable[[T, T], bool], radius: int = 2, lenient: bool = True,
              close: Callable[[T, T], bool] | None = None, slipped: Callable[[Located, Located], bool] | None = None,
              prefer: Callable[[T, T], bool] | None = None):
    """Match items (figures, dates) across the alignment, tolerant of beads that slipped.

    1. one-to-one by ``equal`` inside each bead; 2. leftovers equal to an item in a bead nearby;
    3. leftovers that are ``pairable`` with a leftover on the other side (same bead first, then
    the next ones) are changes. Returns (matched, changed, dropped, added) as lists of
    ``(bead, sid, item)`` tuples (pairs for the first two). Sentences in beads without a
    counterpart are only candidates for matching, never dropped or added: omissions covers them.
    ``lenient`` also excuses a leftover equal to an item nearby that is already matched (a figure
    repeated on one side); hedges recur too often for that. With ``close`` (same kind and unit),
    step 1 runs in three passes: equal and close; then close leftovers paired as changes, those at
    the nearest places in the bead first (small figures recur nearby, so this comes before any slip);
    then equal across kinds ("ten" for 十分钟). With ``slipped``, an original and an edition item in
    different beads (steps 2 and 3) are paired only when ``slipped(o, e)`` says the alignment could
    have slipped between them: a hedge the edition dropped is not "found" in a neighbouring sentence
    that carries a hedge of its own about something else. With ``prefer``, step 1 first pairs the
    items that are equal and ``prefer`` each other: a year with a year, before 今年 takes the day
    beside it (any day of this year equals "this year")."""
    o_all = [(i, sid, item) for i, b in enumerate(beads) for sid in b.src for item in orig[sid]]
    e_all = [(i, sid, item) for i, b in enumerate(beads) for sid in b.tgt for item in edit[sid]]
    o_by_bead: dict[int, list] = {}
    e_by_bead: dict[int, list] = {}
    for x in o_all:
        o_by_bead.setdefault(x[0], []).append(x)
    for x in e_all:
        e_by_bead.setdefault(x[0], []).append(x)
    matched: list = []
    changed: list = []
    across = slipped or (lambda o, e: True)
    rank = _ranks(o_by_bead, e_by_bead)
    if prefer is not None:
        o_all, e_all = _match_in_bead(o_all, e_all, lambda o, e: prefer(o, e) and equal(o, e), matched)
    if close is None:
        o_left, e_left = _match_in_bead(o_all, e_all, equal, matched)
    else:
        # Same kind and unit first: 7cm takes "seven centimeters" before 七个 can, and 十英尺
        # is the "five-meter" figure changed before a bare 5 elsewhere counts as its match.
        o_left, e_left = _match_in_bead(o_all, e_all, lambda o, e: close(o, e) and equal(o, e), matched)
        pairs = _nearest_pairs(o_left, e_left, rank,
                               lambda o, e: close(o[2], e[2]) and not _swapped(o, e, o_left, e_left, equal))
        changed += pairs
        paired = {id(o) for o, _ in pairs} | {id(e) for _, e in pairs}
        o_left = [o for o in o_left if id(o) not in paired]
        e_left = [e for e in e_left if id(e) not in paired]
        o_left, e_left = _match_in_bead(o_left, e_left, equal, matched)
    # 2. an alignment slip: a leftover equal to a leftover in a bead nearby.
    still = []
    for o in o_left:
        near = [e for j in neighbours(beads, o[0], radius) for e in e_by_bead.get(j, [])]
        partner = _first([e for e in near if e in e_left], set(), lambda e: equal(o[2], e[2]) and across(o, e))
        if partner is not None:
            e_left.remove(partner)
            matched.append((o, partner))
        else:
            still.append(o)
    # 3. a change: a leftover on the other side of the same bead that renders it; then a figure
    # repeated nearby (lenient) excuses it; then a leftover in the next bead is the change.
    dropped, waiting = [], []
    for o in still:
        if not beads[o[0]].tgt:
            continue
        partner = _first([e for e in e_left if e[0] == o[0]], set(), lambda e: pairable(o[2], e[2]))
        if partner is not None:
            e_left.remove(partner)
            changed.append((o, partner))
        else:
            waiting.append(o)
    for o in waiting:
        near = [e for j in neighbours(beads, o[0], radius) for e in e_by_bead.get(j, [])]
        if lenient and any(equal(o[2], e[2]) for e in near):
            continue
        partner = None
        for j in neighbours(beads, o[0], 1):
            partner = _first([e for e in e_left if e[0] == j and beads[j].src], set(), lambda e: pairable(o[2], e[2]) and across(o, e))
            if partner is not None:
                break
        if partner is not None:
            e_left.remove(partner)
            changed.append((o, partner))
        else:
            dropped.append(o)
    if lenient:
        e_left = [e for e in e_left if not any(
            equal(o[2], e[2]) for j in [e[0], *neighbours(beads, e[0], radius)] for o in o_by_bead.get(j, []))]
    added = [e for e in e_left if beads[e[0]].src]
    return matched, changed, dropped, added


def _swapped(o: Located, e: Located, o_left: list, e_left: list, equal) -> bool:
    """Do both items of a close pair have an equal partner in their bead? Then the units were only
    worded apart (41个…高温日 is "41 days", 多17天 "17 more"), not a figure changed."""
    return (any(x is not e and x[0] == o[0] and equal(o[2], x[2]) for x in e_left)
            and any(x is not o and x[0] == e[0] and equal(x[2], e[2]) for x in o_left))


def _match_in_bead(o_items: list, e_items: list, equal, matched: list) -> tuple[list, list]:
    """One-to-one ``equal`` pairs inside each bead, appended to ``matched``; returns the leftovers."""
    e_used: set = set()
    o_left = []
    for o in o_items:
        partner = _first([e for e in e_items if e[0] == o[0]], e_used, lambda e: equal(o[2], e[2]))
        if partner is None:
            o_left.append(o)
        else:
            e_used.add(id(partner))
            matched.append((o, partner))
    return o_left, [e for e in e_items if id(e) not in e_used]


def _ranks(o_by_bead: dict, e_by_bead: dict) -> dict[int, float]:
    """Each item's place in its side of the bead, 0 (first) to 1 (last): figures keep their order
    in translation more often than not."""
    rank = {}
    for groups in (o_by_bead, e_by_bead):
        for items in groups.values():
            for n, x in enumerate(items):
                rank[id(x)] = n / (len(items) - 1) if len(items) > 1 else 0.5
    return rank


def _nearest_pairs(o_left: list, e_left: list, rank: dict, test) -> list:
    """Leftovers of one bead that ``test`` (on located items) pairs, the ones at the nearest places first."""
    candidates = sorted(
        ((abs(rank[id(o)] - rank[id(e)]), n, m) for n, o in enumerate(o_left) for m, e in enumerate(e_left)
         if e[0] == o[0] and test(o, e)),
    )
    pairs, used_o, used_e = [], set(), set()
    for _, n, m in candidates:
        if n not in used_o and m not in used_e:
            used_o.add(n)
            used_e.add(m)
            pairs.append((o_left[n], e_left[m]))
    return pairs


def _first(candidates, used, test):
    for c in candidates:
        if id(c) not in used and test(c):
            return c
    return None
