"""Hold an edition to the glossaries: forbidden renderings, near-miss spellings, missing renderings.

``scan_edition`` needs only the edition; ``glossary_findings`` also uses the original and the
beads, so a finding can point at the Chinese term and the English sentence side by side.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from ..langs import is_chinese, normalise_lang
from ..model import Bead, Edition, Finding, Span
from .english import find_loose, fold, is_exact
from .store import Entry, Glossary, Match

CHECK_NAME = "glossary.v1"
_SPELLED = ("person", "place")  # near-miss spellings matter for names, not for "the party"
_MISSING_SEVERITY = {"person": "medium", "organisation": "medium", "place": "low", "term": "low"}


@dataclass(frozen=True)
class Occurrence:
    """One English form of an entry found in the edition (absolute offsets)."""

    entry: Entry
    rule: str  # ok | forbidden | variant
    form: str  # the glossary form it matches
    text: str  # as written in the edition
    start: int
    end: int
    sentence: int


def _where(glossary: Glossary, entry: Entry) -> str:
    origin = glossary.origin(entry)
    return str(origin) if origin else ""


def english_occurrences(glossary: Glossary, edition: Edition) -> list[Occurrence]:
    """Every glossary rendering in an English edition, classified; overlaps resolved by rank."""
    rank = {"ok": 0, "forbidden": 1, "variant": 2}
    found: list[Occurrence] = []
    sentences = edition.sentences or ()
    units = [(s.id, s.start, s.text) for s in sentences] or [(0, 0, edition.text)]
    for sid, base, text in units:
        folded = fold(text)
        candidates: list[Occurrence] = []
        for entry in glossary.active_entries():
            forms = [("ok", f) for f in entry.english_ok()] + [("forbidden", f) for f in entry.forbidden]
            for rule, form in forms:
                for start, end in find_loose(text, form, folded):
                    written = text[start:end]
                    kind = rule
                    if rule == "ok" and entry.type in _SPELLED and not any(is_exact(written, f) for f in entry.english_ok()):
                        kind = "variant"
                    candidates.append(Occurrence(entry, kind, form, written, base + start, base + end, sid))
        # Longest, best-ranked first; a span already claimed (by any entry) is not reported again.
        candidates.sort(key=lambda o: (-(o.end - o.start), rank[o.rule], o.start, o.entry.source))
        claimed: list[tuple[int, int]] = []
        for occ in candidates:
            if any(occ.start < e and s < occ.end for s, e in claimed):
                continue
            claimed.append((occ.start, occ.end))
            found.append(occ)
    return sorted(found, key=lambda o: (o.start, o.end, o.entry.source))


def _finding(edition: Edition, occ: Occurrence, where: str, original: Span | None, bead: int | None, check: str) -> Finding:
    entry = occ.entry
    ok = " or ".join(repr(f) for f in entry.english_ok()[:3])
    if occ.rule == "forbidden":
        severity, confidence = ("high", 0.95) if original else ("medium", 0.8)
        text = f"{entry.source} is rendered {occ.text!r}, which the glossary forbids; use {ok}."
    else:
        severity, confidence = "low", 0.7
        text = f"{entry.source} is spelled {occ.text!r}; the glossary spells it {entry.preferred!r}."
    return Finding(
        kind="entity",
        subtype="glossary",
        severity=severity,
        confidence=confidence,
        explanation=text,
        check=check,
        edition=edition.id,
        original_spans=(original,) if original else (),
        edition_spans=(Span(occ.start, occ.end),),
        bead=bead,
        evidence={
            "rule": occ.rule,
            "term": entry.source,
            "preferred": entry.preferred,
            "accepted": list(entry.accepted),
            "found": occ.text,
            "glossary": where,
        },
    )


def scan_edition(glossary: Glossary, edition: Edition, check: str = CHECK_NAME) -> list[Finding]:
    """Without the original: forbidden renderings and near-miss spellings in an English edition."""
    if is_chinese(edition.lang):
        return []
    return [
        _finding(edition, occ, _where(glossary, occ.entry), None, None, check)
        for occ in english_occurrences(glossary, edition)
        if occ.rule != "ok"
    ]


def _zh_matches(glossary: Glossary, doc: Edition, sentence_ids: Iterable[int]) -> list[Match]:
    out = []
    for sid in sentence_ids:
        s = doc.sentences[sid]
        out.extend(Match(m.entry, s.start + m.start, s.start + m.end, m.form) for m in glossary.find_in(s.text))
    return out


def glossary_findings(
    glossary: Glossary,
    original: Edition,
    edition: Edition,
    beads: Sequence[Bead],
    check: str = CHECK_NAME,
) -> list[Finding]:
    """With the original and beads: every glossary violation, tied to the Chinese term when it can be."""
    bead_of_tgt = {j: n for n, bead in enumerate(beads) for j in bead.tgt}
    zh_by_bead = [_zh_matches(glossary, original, bead.src) for bead in beads]

    def near(n: int) -> list[Match]:
        return [m for k in (n, n - 1, n + 1) if 0 <= k < len(beads) for m in zh_by_bead[k]]

    findings: list[Finding] = []
    if is_chinese(edition.lang):
        return _zh_edition_findings(glossary, edition, beads, zh_by_bead, check)
    occurrences = english_occurrences(glossary, edition)
    for occ in occurrences:
        if occ.rule == "ok":
            continue
        n = bead_of_tgt.get(occ.sentence)
        match = next((m for m in near(n) if m.entry is occ.entry), None) if n is not None else None
        span = Span(match.start, match.end) if match else None
        findings.append(_finding(edition, occ, _where(glossary, occ.entry), span, n, check))

    # Missing: the original uses a term; the edition never uses any of its renderings.
    used = {id(o.entry) for o in occurrences}
    reported: set[int] = set()
    for n, bead in enumerate(beads):
        if not bead.tgt:
            continue  # dropped sentences are the omission check's business
        for m in zh_by_bead[n]:
            if id(m.entry) in used or id(m.entry) in reported:
                continue
            reported.add(id(m.entry))
            entry = m.entry
            span = Span(edition.sentences[bead.tgt[0]].start, edition.sentences[bead.tgt[-1]].end)
            findings.append(
                Finding(
                    kind="entity",
                    subtype="glossary",
                    severity=_MISSING_SEVERITY.get(entry.type, "low"),
                    confidence=0.5,
                    explanation=f"The original names {m.form}; the edition never uses its glossary rendering {entry.preferred!r}.",
                    check=check,
                    edition=edition.id,
                    original_spans=(Span(m.start, m.end),),
                    edition_spans=(span,),
                    bead=n,
                    evidence={
                        "rule": "missing",
                        "term": entry.source,
                        "preferred": entry.preferred,
                        "accepted": list(entry.accepted),
                        "found": None,
                        "glossary": _where(glossary, entry),
                    },
                )
            )
    return findings


def _zh_edition_findings(glossary: Glossary, edition: Edition, beads: Sequence[Bead], zh_by_bead: list[list[Match]], check: str) -> list[Finding]:
    """A Chinese edition: a glossary term of the original should appear in some script form."""
    present = {id(m.entry) for m in _zh_matches(glossary, edition, range(len(edition.sentences)))}
    findings: list[Finding] = []
    reported: set[int] = set()
    for n, bead in enumerate(beads):
        if not bead.tgt:
            continue
        for m in zh_by_bead[n]:
            if id(m.entry) in present or id(m.entry) in reported:
                continue
            reported.add(id(m.entry))
            span = Span(edition.sentences[bead.tgt[0]].start, edition.sentences[bead.tgt[-1]].end)
            findings.append(
                Finding(
                    kind="entity",
                    subtype="glossary",
                    severity="low",
                    confidence=0.5,
                    explanation=f"The original names {m.form}; the edition has none of its forms ({', '.join(m.entry.zh_forms())}).",
                    check=check,
                    edition=edition.id,
                    original_spans=(Span(m.start, m.end),),
                    edition_spans=(span,),
                    bead=n,
                    evidence={"rule": "missing", "term": m.entry.source, "preferred": m.entry.preferred, "found": None, "glossary": _where(glossary, m.entry)},
                )
            )
    return findings


def _same_finding(mine: Finding, theirs: Finding) -> bool:
    """Did the entity check already report what this glossary finding says?"""
    if mine.evidence.get("rule") == "missing":
        term = mine.evidence.get("term")
        return term in (theirs.evidence.get("entity"), theirs.evidence.get("term"))
    return any(x.overlaps(y) for x in mine.edition_spans for y in theirs.edition_spans)


def _expect(edition: Edition, lang: str, role: str) -> None:
    """The glossaries map Chinese terms to English renderings: a Chinese "edition" has none to hold
    to them (and came back clean, exit 0, though nothing was checked)."""
    from ..errors import InputError

    if normalise_lang(edition.lang) != lang:
        what = {"zh": "Chinese", "en": "English"}
        raise InputError(f"{edition.source} is {what.get(edition.lang, edition.lang)} text; glossary check reads "
                         f"{role} in {what[lang]} (an English edition, its Chinese original with --original)")


def check_edition(
    edition: str,
    glossaries: Sequence[str] = (),
    defaults: bool = True,
    original: str | None = None,
    aligner: str | None = None,
    encoding: str | None = None,
) -> tuple[Edition, list[Finding]]:
    """``transcompare glossary check``: an edition alone, or against its original.

    With the original, the pipeline's entity check runs and its glossary findings are kept;
    the glossary's own rules add what it did not report (forbidden forms anywhere, near-miss
    spellings, renderings never used)."""
    from ..errors import GlossaryError, InputError
    from ..pipeline import CompareOptions, check_stdin_once, compare_editions, edition_ids, read_edition
    from .store import load_glossaries

    glossary = load_glossaries(glossaries, defaults=defaults)
    if glossary is None:
        raise GlossaryError("no glossary to check against: give --glossary FILE or keep the defaults")
    if original is None:
        ed = read_edition(edition, "edition", encoding=encoding)
        _expect(ed, "en", "the edition")
        return ed, sorted(scan_edition(glossary, ed), key=Finding.sort_key)
    check_stdin_once([original, edition])
    orig = read_edition(original, "original", encoding=encoding)
    ed = read_edition(edition, edition_ids([edition])[0], encoding=encoding)
    if normalise_lang(orig.lang) == "en" and is_chinese(ed.lang):
        raise InputError(f"{ed.source} is Chinese and {orig.source} English: give the English edition first and the Chinese with --original")
    _expect(ed, "en", "the edition")
    _expect(orig, "zh", "--original")
    options = CompareOptions(
        encoding=encoding, aligner=aligner, checks=("entities",), glossaries=tuple(glossaries), use_default_glossaries=defaults
    )
    result = compare_editions(orig, [ed], options)
    ec = result.editions[0]
    found = [f for f in ec.findings if f.subtype == "glossary"]
    for extra in glossary_findings(glossary, result.original, ec.edition, ec.beads):
        if not any(_same_finding(extra, f) for f in found):
            found.append(extra)
    return ec.edition, sorted(found, key=Finding.sort_key)
