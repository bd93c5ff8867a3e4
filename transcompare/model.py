"""Plain dataclasses for everything a comparison is made of, and their JSON round trip.

Nothing here imports the rest of the package: every other module builds on these types.
Offsets are always character offsets into ``Edition.text`` (the decoded original text),
never into a normalised view.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Iterable

SCHEMA_VERSION = "1.0"

#: Kinds of finding, in display order. Each check emits one or more of these.
FINDING_KINDS = (
    "omission",  # original content with no counterpart in the edition
    "addition",  # edition content with no source in the original
    "number",  # a number, quantity, percentage or amount that differs or is dropped
    "date",  # a date or time expression that differs or is dropped
    "entity",  # a name dropped, added, rendered differently or against the glossary
    "quote",  # a quote missing, added, altered, paraphrased or given to another speaker
    "attribution",  # a hedge or source (据称, reportedly, 据美联社报道) that appears or vanishes
    "wording",  # a sentence whose meaning departs from the source
)
SEVERITIES = ("high", "medium", "low")


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` in one edition's text."""

    start: int
    end: int

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Paragraph:
    id: int
    start: int
    end: int
    kind: str = "body"  # body | headline | byline | caption | dateline


@dataclass(frozen=True)
class Sentence:
    """One segmentation unit; ``text == edition.text[start:end]``."""

    id: int
    start: int
    end: int
    text: str
    paragraph: int
    kind: str = "body"  # body | headline | byline | caption | dateline


@dataclass(frozen=True)
class Edition:
    """One version of the story, as read and segmented."""

    id: str  # stable within a comparison: "original", "edition-1", ... or a file stem
    source: str  # path, URL or "-"
    lang: str  # ISO 639-1: "zh", "en", ...
    text: str  # the decoded article text every offset points into
    script: str | None = None  # "Hans" | "Hant" for Chinese, else None
    title: str | None = None
    date: str | None = None  # ISO date of publication when known
    encoding: str | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)

    def sentence_texts(self) -> list[str]:
        return [s.text for s in self.sentences]


@dataclass(frozen=True)
class Bead:
    """Original sentence ids : edition sentence ids. ``()`` on one side = no counterpart."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float = 0.0  # confidence in [0, 1]

    @property
    def shape(self) -> str:
        return f"{len(self.src)}-{len(self.tgt)}"


@dataclass(frozen=True)
class Finding:
    """One divergence: where, what, why, and how sure."""

    kind: str  # one of FINDING_KINDS
    subtype: str  # e.g. "changed", "dropped", "speaker", "glossary", "hedge-removed"
    severity: str  # high | medium | low
    confidence: float  # [0, 1]
    explanation: str  # one line a journalist understands
    check: str  # versioned name of the check that produced it, e.g. "numbers.v1"
    edition: str  # id of the edition compared with the original
    original_spans: tuple[Span, ...] = ()
    edition_spans: tuple[Span, ...] = ()
    bead: int | None = None  # index into EditionComparison.beads
    evidence: dict[str, Any] = field(default_factory=dict)
    id: str = ""  # stable id, assigned by the pipeline after sorting

    def sort_key(self) -> tuple:
        first = self.original_spans[0].start if self.original_spans else -1
        second = self.edition_spans[0].start if self.edition_spans else -1
        return (self.edition, first, second, self.kind, self.subtype, self.explanation)


@dataclass(frozen=True)
class EditionComparison:
    """The original against one edition: the alignment, MT and findings."""

    edition: Edition
    beads: tuple[Bead, ...]
    findings: tuple[Finding, ...] = ()
    translations: tuple[str, ...] | None = None  # MT of each original sentence, if run
    scores: dict[str, Any] = field(default_factory=dict)  # document-level scores
    notes: tuple[str, ...] = ()  # e.g. "MT comparison skipped: ..."


@dataclass(frozen=True)
class Comparison:
    original: Edition
    editions: tuple[EditionComparison, ...]
    signature: str = ""
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def findings(self) -> list[Finding]:
        return [f for ec in self.editions for f in ec.findings]

    def to_dict(self) -> dict[str, Any]:
        return {"schema_version": SCHEMA_VERSION, **_plain(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Comparison":
        version = str(data.get("schema_version", ""))
        if version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
            raise ValueError(f"unsupported schema_version {version!r} (expected {SCHEMA_VERSION})")
        return Comparison(
            original=_edition(data["original"]),
            editions=tuple(
                EditionComparison(
                    edition=_edition(ec["edition"]),
                    beads=tuple(Bead(tuple(b["src"]), tuple(b["tgt"]), b.get("score", 0.0)) for b in ec["beads"]),
                    findings=tuple(_finding(f) for f in ec.get("findings", ())),
                    translations=tuple(ec["translations"]) if ec.get("translations") is not None else None,
                    scores=dict(ec.get("scores", {})),
                    notes=tuple(ec.get("notes", ())),
                )
                for ec in data["editions"]
            ),
            signature=data.get("signature", ""),
            meta=dict(data.get("meta", {})),
        )


def _plain(obj: Any) -> Any:
    """asdict, but tuples become lists, so JSON and from_dict agree."""
    if hasattr(obj, "__dataclass_fields__"):
        return {f.name: _plain(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [_plain(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    return obj


def _spans(items: Iterable[dict]) -> tuple[Span, ...]:
    return tuple(Span(s["start"], s["end"]) for s in items)


def _edition(d: dict[str, Any]) -> Edition:
    return Edition(
        id=d["id"],
        source=d["source"],
        lang=d["lang"],
        text=d["text"],
        script=d.get("script"),
        title=d.get("title"),
        date=d.get("date"),
        encoding=d.get("encoding"),
        paragraphs=tuple(Paragraph(**p) for p in d.get("paragraphs", ())),
        sentences=tuple(Sentence(**s) for s in d.get("sentences", ())),
        meta=dict(d.get("meta", {})),
    )


def _finding(d: dict[str, Any]) -> Finding:
    d = dict(d)
    d["original_spans"] = _spans(d.get("original_spans", ()))
    d["edition_spans"] = _spans(d.get("edition_spans", ()))
    return Finding(**d)


__all__ = [
    "SCHEMA_VERSION",
    "FINDING_KINDS",
    "SEVERITIES",
    "Span",
    "Paragraph",
    "Sentence",
    "Edition",
    "Bead",
    "Finding",
    "EditionComparison",
    "Comparison",
    "asdict",
]
