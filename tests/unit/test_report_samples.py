"""Comparisons for the report tests: the demo corpora with their planted findings, a 1,000-bead
synthetic story, and one whose article text is an XSS payload. Built through the real model."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from transcompare.model import Bead, Comparison, Edition, EditionComparison, Finding, Paragraph, Sentence, Span

CORPORA = Path(__file__).resolve().parents[2] / "corpora"
_SEVERITY = {"omission": "high", "number": "high", "quote": "high", "date": "high", "addition": "medium"}

XSS = [
    "<script>window.__pwned = 1; console.error('xss')</script>",
    '<img src=x onerror="window.__pwned = 2">',
    '<a href="javascript:window.__pwned = 3">click</a>',
    '"><svg onload="window.__pwned = 4">',
    "</textarea></script><script>window.__pwned = 5</script>",
]


def planted_comparison(case: str, with_mt: bool = False) -> Comparison:
    """Run the real pipeline on a demo case, then put its answer key in as findings.

    The checks are other people's work; the reports must show findings at their exact spans,
    and the answer key says where the planted divergences are.
    """
    from transcompare.pipeline import compare, edition_ids

    case_dir = CORPORA / case
    meta = json.loads((case_dir / "case.json").read_text(encoding="utf-8"))
    paths = [str(case_dir / e["path"]) for e in meta["editions"]]
    result = compare(str(case_dir / meta["original"]["path"]), paths)
    ids = dict(zip((e["path"] for e in meta["editions"]), edition_ids(paths)))
    expected = json.loads((case_dir / "expected.json").read_text(encoding="utf-8"))
    editions = []
    for ec in result.editions:
        findings = []
        for item in expected["findings"]:
            if ids.get(item["edition"]) != ec.edition.id:
                continue
            o = _span(result.original.text, item.get("zh"))
            e = _span(ec.edition.text, item.get("en"))
            findings.append(Finding(
                kind=item["kind"], subtype="planted", severity=_SEVERITY.get(item["kind"], "medium"),
                confidence=0.9, explanation=item["note"], check="planted.v1", edition=ec.edition.id,
                original_spans=o, edition_spans=e, bead=_bead_of(ec, result.original, o, e),
                evidence={"zh": item.get("zh"), "en": item.get("en")},
            ))
        findings.sort(key=Finding.sort_key)
        findings = [replace(f, id=f"{ec.edition.id}:f{n:04d}") for n, f in enumerate(findings, 1)]
        translations = None
        if with_mt and ec.edition.lang == "en":
            translations = tuple(_fake_mt(result.original, ec, s.id) for s in result.original.sentences)
        editions.append(replace(ec, findings=tuple(findings), translations=translations))
    return replace(result, editions=tuple(editions))


def _span(text: str, needle: str | None) -> tuple[Span, ...]:
    if not needle or needle not in text:
        return ()
    start = text.index(needle)
    return (Span(start, start + len(needle)),)


def _bead_of(ec: EditionComparison, original: Edition, o: tuple[Span, ...], e: tuple[Span, ...]) -> int | None:
    for i, b in enumerate(ec.beads):
        for sid in b.src:
            s = original.sentences[sid]
            if any(Span(s.start, s.end).overlaps(x) for x in o):
                return i
        for tid in b.tgt:
            s = ec.edition.sentences[tid]
            if any(Span(s.start, s.end).overlaps(x) for x in e):
                return i
    return None


def _fake_mt(original: Edition, ec: EditionComparison, sid: int) -> str:
    """A stand-in 'machine translation': the aligned English with a few words changed, so the diff shows."""
    for b in ec.beads:
        if sid in b.src and b.tgt:
            if b.src[0] != sid:
                return ""
            words = " ".join(ec.edition.sentences[t].text for t in b.tgt).split()
            return " ".join("the" if i % 7 == 3 else w for i, w in enumerate(words))
    return f"[untranslated {sid}]"


def _edition(eid: str, lang: str, sentences: list[str], kinds: dict[int, str] | None = None) -> Edition:
    sep = "" if lang == "zh" else " "
    text, sents, paras = "", [], []
    for i, s in enumerate(sentences):
        if i and i % 4 == 0:
            text += "\n\n"
        elif i:
            text += sep
        start = len(text)
        text += s
        sents.append(Sentence(i, start, len(text), s, i // 4, (kinds or {}).get(i, "body")))
    for p in range((len(sentences) + 3) // 4):
        members = [s for s in sents if s.paragraph == p]
        paras.append(Paragraph(p, members[0].start, members[-1].end))
    return Edition(id=eid, source=f"{eid}.txt", lang=lang, text=text, script="Hans" if lang == "zh" else None,
                   title=sentences[0], paragraphs=tuple(paras), sentences=tuple(sents))


def synthetic_comparison(n_beads: int = 1000, with_mt: bool = True) -> Comparison:
    """A long story: mostly 1-1 beads, every 50th an omission, every 50th an addition, a finding every 5th bead."""
    zh, en, beads = [], [], []
    for i in range(n_beads):
        if i % 50 == 17:  # original sentence left out of the edition
            beads.append(Bead((len(zh),), (), 0.1))
            zh.append(f"第{i}句：据称有{i}万人参加了会议。")
        elif i % 50 == 33:  # edition sentence with no source
            beads.append(Bead((), (len(en),), 0.1))
            en.append(f"Sentence {i} is background the edition added.")
        else:
            beads.append(Bead((len(zh),), (len(en),), 0.9))
            zh.append(f"第{i}句：有{i}万人参加了会议。")
            en.append(f"In sentence {i}, {i * 10},000 people attended the meeting.")
    original = _edition("original", "zh", zh, {0: "headline"})
    edition = _edition("edition.en", "en", en, {0: "headline"})
    kinds = ("number", "entity", "quote", "date", "wording", "attribution")
    findings = []
    for i, b in enumerate(beads):
        if not b.src or not b.tgt:
            kind = "omission" if b.src else "addition"
            o = tuple(Span(original.sentences[s].start, original.sentences[s].end) for s in b.src)
            e = tuple(Span(edition.sentences[t].start, edition.sentences[t].end) for t in b.tgt)
            findings.append(Finding(kind, "sentence", "high", 0.8, f"bead {i} has no counterpart", "omissions.v1", edition.id, o, e, i))
        elif i % 5 == 0:
            kind = kinds[(i // 5) % len(kinds)]
            so, se = original.sentences[b.src[0]], edition.sentences[b.tgt[0]]
            o = so.start + so.text.index(str(i)), so.start + so.text.index(str(i)) + len(str(i))
            digits = f"{i * 10},000"
            e = se.start + se.text.index(digits), se.start + se.text.index(digits) + len(digits)
            severity = ("high", "medium", "low")[i % 3]
            findings.append(Finding(kind, "changed", severity, 0.7, f"{kind} differs in bead {i}", f"{kind}.v1", edition.id, (Span(*o),), (Span(*e),), i))
        elif i % 5 == 2 and i % 10 == 2:
            findings.append(Finding("wording", "departs", "low", 0.5, f"bead {i} reads differently", "wording.v1", edition.id, (), (), i))
    findings.sort(key=Finding.sort_key)
    findings = [replace(f, id=f"{edition.id}:f{n:04d}") for n, f in enumerate(findings, 1)]
    translations = tuple(f"MT of sentence {s.id}: {s.id} people attended." for s in original.sentences) if with_mt else None
    ec = EditionComparison(edition, tuple(beads), tuple(findings), translations, {"chrf": 51.5} if with_mt else {})
    return Comparison(original, (ec,), "version:test|aligner:synthetic|mt:none|checks:test|glossary:none")


def xss_comparison() -> Comparison:
    """Article text, titles, sources and explanations that try to run script."""
    zh = ["标题" + XSS[0], "正文" + XSS[1], "结尾" + XSS[2]]
    en = ["Headline " + XSS[0], "Body " + XSS[1], "End " + XSS[2], "Extra " + XSS[3] + XSS[4]]
    original = replace(_edition("original", "zh", zh), source=XSS[3], title=XSS[4])
    edition = replace(_edition('ed"<x>', "en", en), source=XSS[1])
    beads = (Bead((0,), (0,), 0.9), Bead((1,), (1,), 0.9), Bead((2,), (2,), 0.9), Bead((), (3,), 0.1))
    s1, e1 = original.sentences[1], edition.sentences[1]
    findings = (
        Finding("number", "changed", "high", 0.9, "explanation " + XSS[0], "numbers.v1", edition.id,
                (Span(s1.start, s1.end),), (Span(e1.start + 2, e1.end - 3),), 1, {"note": XSS[1]}, f"{edition.id}:f0001"),
        Finding("addition", "sentence", "medium", 0.8, XSS[2], "omissions.v1", edition.id,
                (), (Span(edition.sentences[3].start, edition.sentences[3].end),), 3, {}, f"{edition.id}:f0002"),
        Finding("wording", XSS[3], "low", 0.4, XSS[4], "wording.v1", edition.id, (), (), 2, {}, f"{edition.id}:f0003"),
    )
    translations = tuple("MT " + x for x in XSS[:3])
    ec = EditionComparison(edition, beads, findings, translations, {}, (XSS[0],))
    return Comparison(original, (ec,), "sig" + XSS[0], meta={"x": XSS[1]})


def test_planted_findings_land_on_their_text():
    comparison = planted_comparison("001-cadre-loyalty")
    ec = comparison.editions[0]
    assert len(ec.findings) == 7
    located = [f for f in ec.findings if f.original_spans or f.edition_spans]
    assert len(located) == 7
    number = next(f for f in ec.findings if f.kind == "number")
    assert comparison.original.text[number.original_spans[0].start:number.original_spans[0].end] == "43万"


def test_synthetic_comparison_has_gaps_both_ways():
    comparison = synthetic_comparison(200)
    shapes = {b.shape for b in comparison.editions[0].beads}
    assert shapes == {"1-1", "1-0", "0-1"}
    assert len(comparison.editions[0].beads) == 200


RLO = "\u202e"


def bidi_comparison() -> Comparison:
    """An original and an edition each with an unclosed right-to-left override, and a finding whose
    explanation quotes it: the override reversed the rest of its block in the report."""
    original = _edition("original", "zh", ["标题。", f"他说{RLO}四十人到场。", "结尾。"])
    edition = _edition("edition.en", "en", ["Headline.", f"He said {RLO}forty people came.", "The end."])
    s1, e1 = original.sentences[1], edition.sentences[1]
    finding = Finding("quote", "changed", "high", 0.9, f'quote "{RLO}forty" then plain tail words', "quotes.v1", edition.id,
                      (Span(s1.start, s1.end),), (Span(e1.start, e1.end),), 1, {}, f"{edition.id}:f0001")
    beads = (Bead((0,), (0,), 0.9), Bead((1,), (1,), 0.9), Bead((2,), (2,), 0.9))
    ec = EditionComparison(edition, beads, (finding,), None, {})
    return Comparison(original, (ec,), "version:test|aligner:test|mt:none|checks:test|glossary:none")
