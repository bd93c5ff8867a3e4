"""Self-contained side-by-side HTML: one file, no network, every piece of article text escaped.

The original is the spine: each row holds a group of original sentences and, in one column per
edition, what each edition aligned with them. Edition sentences with no counterpart get rows of
their own with a gap on the original side. Findings are split into the text at their exact spans
here in Python, piece by piece, so the template only ever escapes plain strings.
"""

from __future__ import annotations

import bisect
import difflib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Sequence

from ..langs import normalise_lang
from ..model import FINDING_KINDS, SEVERITIES
from ._inert import BIDI_SHOWN
from .json import bead_id

_SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}
_WORD = re.compile(r"\d+(?:[.,:]\d+)*%?|\w+(?:['’.-]\w+)*|[^\w\s]")
_WEAK_BEAD = 0.3  # below this alignment confidence a cell is drawn as uncertain
# nothing from outside the file; the corpus index (batch/aggregate.py) uses the same policy
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def shown(value: Any) -> Any:
    """Text with its bidi controls made visible and inert, through lists and dicts; the rest as it is.

    Applied as the page is written (Jinja's finalize and the findings data), after every offset is used."""
    from markupsafe import Markup

    if isinstance(value, str) and not isinstance(value, Markup):
        return value.translate(BIDI_SHOWN)  # the CSS isolates article text as well
    if isinstance(value, dict):
        return {k: shown(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [shown(v) for v in value]
    return value


@dataclass(frozen=True)
class Piece:
    """A run of sentence text covered by the same findings (indexes into the report's list)."""

    text: str
    findings: tuple[int, ...] = ()
    kind: str = ""  # colour: the kind of the most severe finding here
    severity: str = ""  # underline: its severity
    tip: str = ""



@dataclass(frozen=True)
class SentenceView:
    sid: int
    kind: str
    pieces: tuple[Piece, ...]
    mt: tuple[tuple[str, str], ...] = ()  # (lang, machine translation) under an original sentence


@dataclass
class CellView:
    bead_ids: list[str] = field(default_factory=list)
    sentences: list[SentenceView] = field(default_factory=list)
    gap: str = ""  # why the cell is empty, when it is
    chips: list[Piece] = field(default_factory=list)  # findings with no span on this side
    diff: list[tuple[str, str, str]] | None = None  # word_diff(MT, published)
    score: float | None = None
    chrf: float | None = None  # chrF of the published text against the MT, when scored


@dataclass
class RowView:
    id: str
    original: CellView
    editions: list[CellView]
    insertion: bool = False  # edition content with no counterpart in the original


@dataclass(frozen=True)
class FindingView:
    n: int
    id: str
    kind: str
    subtype: str
    severity: str
    confidence: float
    explanation: str
    check: str
    edition: str
    original_text: str
    edition_text: str
    evidence: dict
    row: str = ""  # id of the first row that shows it
    number: int = 0  # 1-based, in reading order: what the list and print-outs show
    original_lang: str = ""  # BCP 47 tags of the two excerpts, for fonts and screen readers
    edition_lang: str = ""

    def as_data(self) -> dict[str, Any]:
        return {
            "id": self.id, "kind": self.kind, "subtype": self.subtype, "severity": self.severity,
            "confidence": self.confidence, "explanation": self.explanation, "check": self.check,
            "edition": self.edition, "original": self.original_text, "published": self.edition_text,
            "evidence": self.evidence, "num": self.number,
            "original_lang": self.original_lang, "edition_lang": self.edition_lang,
        }


def _tokens(text: str) -> list[tuple[str, str]]:
    """(space before, token): words, numbers with their separators, and punctuation."""
    out, last = [], 0
    for m in _WORD.finditer(text):
        out.append((" " if m.start() > last and text[last:m.start()].isspace() else "", m.group()))
        last = m.end()
    return out


def word_diff(machine: str, published: str) -> list[tuple[str, str, str]]:
    """Word-level diff of the MT against the published text: (op, space before, token), op in eq | del | ins.

    ``del`` = only in the machine translation, ``ins`` = only in the published text.
    """
    a, b = _tokens(machine), _tokens(published)
    out: list[tuple[str, str, str]] = []
    matcher = difflib.SequenceMatcher(a=[t for _, t in a], b=[t for _, t in b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.extend(("eq", *b[j]) for j in range(j1, j2))
            continue
        out.extend(("del", *a[i]) for i in range(i1, i2))
        # the published text's first word has no space before it; after struck MT words it needs one
        out.extend(("ins", " " if j == 0 and out else b[j][0], b[j][1]) for j in range(j1, j2))
    if out:
        out[0] = (out[0][0], "", out[0][2])
    return out


def split_pieces(start: int, text: str, marks: Sequence[tuple[int, int, int]], findings: Sequence[FindingView]) -> tuple[Piece, ...]:
    """Cut ``text`` (which starts at ``start`` in its edition) at every finding boundary.

    ``marks`` are (start, end, finding index) in edition offsets; pieces keep the plain text
    and the findings that cover them, most severe first.
    """
    end = start + len(text)
    clipped = [(max(a, start) - start, min(b, end) - start, n) for a, b, n in marks if a < end and b > start and b > a]
    if not clipped:
        return (Piece(text),)
    cuts = sorted({0, len(text), *(a for a, _, _ in clipped), *(b for _, b, _ in clipped)})
    pieces: list[Piece] = []
    for lo, hi in zip(cuts, cuts[1:]):
        covering = sorted({n for a, b, n in clipped if a <= lo and hi <= b}, key=lambda n: (_SEVERITY_RANK.get(findings[n].severity, 9), n))
        piece = _piece(text[lo:hi], covering, findings)
        if pieces and pieces[-1].findings == piece.findings:
            pieces[-1] = _piece(pieces[-1].text + piece.text, list(piece.findings), findings)
        else:
            pieces.append(piece)
    return tuple(pieces)


def _piece(text: str, covering: Sequence[int], findings: Sequence[FindingView]) -> Piece:
    if not covering:
        return Piece(text)
    tip = " · ".join(f"{findings[n].kind} ({findings[n].severity}): {findings[n].explanation}" for n in covering)
    top = findings[covering[0]]
    return Piece(text, tuple(covering), top.kind, top.severity, tip)


class _Groups:
    """Union-find over original sentences: sentences any edition aligns together share a row."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _excerpt(text: str, spans: Sequence[dict], width: int = 240) -> str:
    piece = " … ".join(text[s["start"]:s["end"]] for s in spans).strip()
    return piece if len(piece) <= width else piece[: width - 1] + "…"


def _lang_tag(edition: dict) -> str:
    lang = normalise_lang(edition["lang"]) or edition["lang"]  # a tag given whole (zh-Hant) is not doubled
    return lang + (f"-{edition['script']}" if edition.get("script") else "")


def _joined(edition: dict, ids: Sequence[int]) -> str:
    sep = "" if normalise_lang(edition["lang"]) in ("zh", "ja") else " "
    return sep.join(edition["sentences"][i]["text"] for i in ids)


def _sentence_index(edition: dict) -> list[int]:
    return [s["start"] for s in edition["sentences"]]


def _marks_by_sentence(edition: dict, marks: list[tuple[int, int, int]]) -> dict[int, list[tuple[int, int, int]]]:
    """Which findings touch which sentence (a span may cross sentences)."""
    starts = _sentence_index(edition)
    sentences = edition["sentences"]
    out: dict[int, list[tuple[int, int, int]]] = {}
    for a, b, n in marks:
        i = max(0, bisect.bisect_right(starts, a) - 1)
        while i < len(sentences) and sentences[i]["start"] < max(b, a + 1):
            if sentences[i]["end"] > a:
                out.setdefault(i, []).append((a, b, n))
            i += 1
    return out


def build_view(data: dict) -> dict[str, Any]:
    """Everything the template shows, as plain values (strings stay unescaped until the template)."""
    original = data["original"]
    ecs = data["editions"]
    n_orig = len(original["sentences"])

    findings: list[FindingView] = []
    orig_marks: list[tuple[int, int, int]] = []
    ed_marks: list[list[tuple[int, int, int]]] = [[] for _ in ecs]
    bead_chips: list[dict[int, list[int]]] = [{} for _ in ecs]  # per edition: bead index -> findings without spans
    loose: list[int] = []  # findings with neither spans nor a bead
    for e, ec in enumerate(ecs):
        for f in ec.get("findings", ()):
            n = len(findings)
            findings.append(FindingView(
                n=n, id=f.get("id", ""), kind=f["kind"], subtype=f.get("subtype", ""), severity=f["severity"],
                confidence=float(f.get("confidence", 0.0)), explanation=f.get("explanation", ""), check=f.get("check", ""),
                edition=ec["edition"]["id"],
                original_text=_excerpt(original["text"], f.get("original_spans", ())),
                edition_text=_excerpt(ec["edition"]["text"], f.get("edition_spans", ())),
                evidence=f.get("evidence") or {},
                original_lang=_lang_tag(original), edition_lang=_lang_tag(ec["edition"]),
            ))
            orig_marks.extend((s["start"], s["end"], n) for s in f.get("original_spans", ()))
            ed_marks[e].extend((s["start"], s["end"], n) for s in f.get("edition_spans", ()))
            if not f.get("original_spans") and not f.get("edition_spans"):
                if f.get("bead") is not None and 0 <= f["bead"] < len(ec["beads"]):
                    bead_chips[e].setdefault(f["bead"], []).append(n)
                else:
                    loose.append(n)

    mt_by_lang: dict[str, list[str]] = {}
    for ec in ecs:
        if ec.get("translations") and len(ec["translations"]) == n_orig:
            mt_by_lang.setdefault(_lang_tag(ec["edition"]), ec["translations"])

    orig_by_sentence = _marks_by_sentence(original, orig_marks)
    ed_by_sentence = [_marks_by_sentence(ec["edition"], ed_marks[e]) for e, ec in enumerate(ecs)]

    def sentence_view(edition: dict, sid: int, marks: dict, with_mt: bool) -> SentenceView:
        s = edition["sentences"][sid]
        mt = tuple((lang, tr[sid]) for lang, tr in mt_by_lang.items()) if with_mt else ()
        return SentenceView(sid, s.get("kind", "body"), split_pieces(s["start"], s["text"], marks.get(sid, ()), findings), mt)

    # Rows: group original sentences that any edition aligns together.
    groups = _Groups(n_orig)
    for ec in ecs:
        for b in ec["beads"]:
            for x, y in zip(b["src"], b["src"][1:]):
                groups.union(x, y)
    members: dict[int, list[int]] = {}
    for sid in range(n_orig):
        members.setdefault(groups.find(sid), []).append(sid)
    order = sorted(members, key=lambda g: members[g][0])
    in_group: dict[int, list[tuple[int, int]]] = {g: [] for g in order}  # group -> (edition, bead index)
    insert_after: dict[int, list[tuple[int, int]]] = {}  # group (-1 = top) -> 0-n beads
    for e, ec in enumerate(ecs):
        last = -1
        for i, b in enumerate(ec["beads"]):
            if b["src"]:
                in_group[groups.find(b["src"][0])].append((e, i))
                last = max(last, *b["src"])
            else:
                insert_after.setdefault(groups.find(last) if last >= 0 else -1, []).append((e, i))

    rows: list[RowView] = []
    finding_row: dict[int, str] = {}

    def edition_cell(e: int, beads: list[int]) -> CellView:
        ec = ecs[e]
        edition = ec["edition"]
        cell = CellView(bead_ids=[bead_id(edition["id"], i) for i in beads])
        tgt = [t for i in beads for t in ec["beads"][i]["tgt"]]
        src = [s for i in beads for s in ec["beads"][i]["src"]]
        cell.sentences = [sentence_view(edition, t, ed_by_sentence[e], False) for t in tgt]
        cell.chips = [_piece(f"{findings[n].kind}: {findings[n].subtype}", [n], findings) for i in beads for n in bead_chips[e].get(i, ())]
        if beads:
            cell.score = min(float(ec["beads"][i].get("score", 0.0)) for i in beads)
        if not tgt:
            cell.gap = "not in this edition" if beads or src else "no counterpart"
        translations = ec.get("translations")
        if translations and len(translations) == n_orig and src and tgt and normalise_lang(edition["lang"]) not in ("zh", "ja"):
            cell.diff = word_diff(" ".join(translations[s] for s in src), _joined(edition, tgt))
            per_bead = ec.get("scores", {}).get("bead_chrf")
            if isinstance(per_bead, list):
                values = [per_bead[i] for i in beads if i < len(per_bead) and isinstance(per_bead[i], (int, float))]
                cell.chrf = min(values) if values else None
        return cell

    def add_row(row: RowView) -> None:
        rows.append(row)
        for cell in (row.original, *row.editions):
            for sv in cell.sentences:
                for p in sv.pieces:
                    for n in p.findings:
                        finding_row.setdefault(n, row.id)
            for p in cell.chips:
                for n in p.findings:
                    finding_row.setdefault(n, row.id)

    def add_insertions(g: int) -> None:
        for e, i in insert_after.get(g, ()):
            editions = [CellView(gap="—") for _ in ecs]
            editions[e] = edition_cell(e, [i])
            add_row(RowView(f"r{len(rows):04d}", CellView(gap="not in the original"), editions, insertion=True))

    add_insertions(-1)
    for g in order:
        orig_cell = CellView(sentences=[sentence_view(original, sid, orig_by_sentence, True) for sid in members[g]])
        editions = [edition_cell(e, [i for ee, i in in_group[g] if ee == e]) for e in range(len(ecs))]
        add_row(RowView(f"r{len(rows):04d}", orig_cell, editions))
        add_insertions(g)

    # a kind or severity from a newer check still gets a filter of its own
    kinds = tuple(FINDING_KINDS) + tuple(sorted({f.kind for f in findings} - set(FINDING_KINDS)))
    severities = tuple(SEVERITIES) + tuple(sorted({f.severity for f in findings} - set(SEVERITIES)))
    position = {row.id: i for i, row in enumerate(rows)}
    reading = sorted(range(len(findings)), key=lambda n: (position.get(finding_row.get(n, ""), -1), n))
    number = {n: i for i, n in enumerate(reading, 1)}
    findings = [FindingView(**{**f.__dict__, "row": finding_row.get(f.n, ""), "number": number[f.n]}) for f in findings]
    return {
        "title": original.get("title") or original.get("source") or "comparison",
        "original": original,
        "original_lang": _lang_tag(original),
        "editions": [
            {
                "id": ec["edition"]["id"], "edition": ec["edition"], "lang": _lang_tag(ec["edition"]),
                "beads": len(ec["beads"]), "findings": len(ec.get("findings", ())),
                "scores": _headline_scores(ec.get("scores", {})),
                "notes": list(ec.get("notes", ())), "mt": ec.get("translations") is not None,
            }
            for ec in ecs
        ],
        "rows": rows,
        "findings": findings,  # by index n, as the marks refer to them
        "listed": [findings[n] for n in reading],  # in reading order, for the list
        "loose": loose,
        "counts": _counts(findings, [ec["edition"]["id"] for ec in ecs], kinds, severities),
        "kinds": kinds,
        "severities": severities,
        "mt_langs": list(mt_by_lang),
        "signature": data.get("signature", ""),
        "schema_version": data.get("schema_version", ""),
        "meta": data.get("meta", {}),
        "weak": _WEAK_BEAD,
    }


def _headline_scores(scores: dict) -> dict[str, Any]:
    """The document-level MT scores worth a glance: BLEU, chrF, TER and how many beads depart."""
    out = {label: scores[key] for key, label in (("bleu", "BLEU"), ("chrf", "chrF"), ("ter", "TER")) if isinstance(scores.get(key), (int, float))}
    if isinstance(scores.get("divergent_beads"), list):
        out["beads departing"] = len(scores["divergent_beads"])
    return out


def _counts(findings: Sequence[FindingView], edition_ids: list[str], kinds: Sequence[str], severities: Sequence[str]) -> dict[str, Any]:
    by = Counter((f.kind, f.severity) for f in findings)
    by_edition = Counter((f.kind, f.edition) for f in findings)
    return {
        "by": {f"{k}|{s}": by.get((k, s), 0) for k in kinds for s in severities},
        "kind": {k: sum(by.get((k, s), 0) for s in severities) for k in kinds},
        "severity": {s: sum(by.get((k, s), 0) for k in kinds) for s in severities},
        "edition": {f"{k}|{e}": by_edition.get((k, e), 0) for k in kinds for e in edition_ids},
        "total": len(findings),
    }


def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("transcompare", "report/templates"),
        autoescape=True,  # article text is never marked safe
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=shown,
    )
    env.filters["pct"] = lambda x: f"{x:.0%}"
    env.filters["num"] = lambda x: f"{x:.2f}" if isinstance(x, float) else str(x)
    env.filters["counted"] = lambda n, noun: f"{n} {noun}{'' if n == 1 else 's'}"  # "1 finding", not "1 findings"
    return env


class HtmlExporter:
    name = "html"
    extension = ".html"

    def render(self, data: dict) -> bytes:
        view = build_view(data)
        data_json = [shown(f.as_data()) for f in view["findings"]]
        html = _environment().get_template("report.html.j2").render(**view, findings_data=data_json, json=json, csp=CSP)
        return html.encode("utf-8")
