"""The check interface, its context, and the registry of checks by versioned name."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Sequence

from ..errors import OptionError
from ..langs import is_chinese
from ..model import Bead, Edition, Finding, Span
from ..protocols import Check

#: name -> "module:Class"; imported on first use. Names carry versions (spaCy's habit).
CHECKS: dict[str, str] = {
    "omissions.v1": "transcompare.checks.omissions:OmissionCheck",
    "numbers.v1": "transcompare.checks.numbers:NumberCheck",
    "dates.v1": "transcompare.checks.dates:DateCheck",
    "attribution.v1": "transcompare.checks.attribution:AttributionCheck",
    "wording.v1": "transcompare.checks.wording:WordingCheck",
    "entities.v1": "transcompare.checks.entities:EntityCheck",
    "quotes.v1": "transcompare.checks.quotes:QuoteCheck",
}


@dataclass
class CheckContext:
    """What a check sees: the original, one edition, their beads, and optional extras."""

    original: Edition
    edition: Edition
    beads: Sequence[Bead]
    translations: Sequence[str] | None = None  # MT of each original sentence
    mt_scores: Sequence[float] | None = None  # chrF of each bead's edition text against MT
    glossary: Any = None  # a Glossary (see transcompare.glossary) or None
    publication_date: str | None = None  # ISO date to resolve relative dates against
    options: dict[str, Any] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict)  # shared per-context memo between checks

    def bead_text(self, bead: Bead) -> tuple[str, str]:
        src_sep = "" if is_chinese(self.original.lang) else " "
        sep = "" if is_chinese(self.edition.lang) else " "
        return src_sep.join(self.original.sentences[i].text for i in bead.src), sep.join(self.edition.sentences[j].text for j in bead.tgt)


def sentence_spans(doc: Edition, sids: Sequence[int]) -> tuple[Span, ...]:
    """Where these sentences of ``doc`` stand: one span each, offsets into its text."""
    return tuple(Span(doc.sentences[s].start, doc.sentences[s].end) for s in sids)


def new_finding(check: Check, ctx: CheckContext, kind: str, subtype: str, severity: str, confidence: float,
                explanation: str, **where: Any) -> Finding:
    """A finding of ``check`` on this context's edition; ``where``: original_spans, edition_spans, bead, evidence."""
    for side in ("original_spans", "edition_spans"):
        if side in where:
            where[side] = tuple(where[side])
    return Finding(kind=kind, subtype=subtype, severity=severity, confidence=round(confidence, 3),
                   explanation=explanation, check=check.name, edition=ctx.edition.id, **where)


def short_name(name: str) -> str:
    """"numbers.v1" -> "numbers"."""
    return name.rsplit(".v", 1)[0]


def resolve_checks(select: Sequence[str] | None = None, skip: Sequence[str] | None = None) -> list[Check]:
    """Instantiate the checks named in ``select`` (all by default) minus ``skip``; names with or without version."""
    by_short = {short_name(n): n for n in CHECKS}
    def full(name: str) -> str:
        if name in CHECKS:
            return name
        if name in by_short:
            return by_short[name]
        raise OptionError(f"unknown check {name!r}; choose from {', '.join(sorted(by_short))}")
    chosen = [full(n) for n in select] if select else list(CHECKS)
    skipped = {full(n) for n in (skip or ())}
    checks = []
    for name in chosen:
        if name in skipped:
            continue
        module_name, _, cls_name = CHECKS[name].partition(":")
        checks.append(getattr(importlib.import_module(module_name), cls_name)())
    if not checks:
        raise OptionError("--check and --skip leave no check to run")
    return checks


def run_checks(checks: Sequence[Check], ctx: CheckContext) -> list[Finding]:
    findings: list[Finding] = []
    for check in checks:
        if "mt" in check.requires and ctx.translations is None:
            continue
        findings.extend(check.run(ctx))
    return findings
