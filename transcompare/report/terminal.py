"""Terminal summary: findings by kind and severity, then the top findings with both sides' text."""

from __future__ import annotations

from collections import Counter

from ..model import FINDING_KINDS, SEVERITIES, Comparison, Finding

_SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "dim"}
_SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}


def _excerpt(text: str, spans, width: int = 90) -> str:
    if not spans:
        return "—"
    piece = " ".join(text[s.start:s.end] for s in spans).replace("\n", " ")
    return piece if len(piece) <= width else piece[: width - 1] + "…"


def top_findings(comparison: Comparison, limit: int) -> list[tuple[str, Finding]]:
    ranked = sorted(
        ((ec.edition.id, f) for ec in comparison.editions for f in ec.findings),
        key=lambda pair: (_SEVERITY_RANK.get(pair[1].severity, 9), -pair[1].confidence, pair[1].id),
    )
    return ranked[:limit]


def print_summary(comparison: Comparison, console=None, top: int = 10) -> None:
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    orig = comparison.original
    console.print(f"[bold]{orig.title or orig.source}[/bold]  ({orig.lang}{'-' + orig.script if orig.script else ''}, {len(orig.sentences)} sentences)")
    for ec in comparison.editions:
        counts = Counter((f.kind, f.severity) for f in ec.findings)
        table = Table(title=f"{ec.edition.id}: {ec.edition.source} ({ec.edition.lang}, {len(ec.edition.sentences)} sentences, {len(ec.beads)} beads)")
        table.add_column("kind")
        for severity in SEVERITIES:
            table.add_column(severity, justify="right", style=_SEVERITY_STYLE[severity])
        table.add_column("total", justify="right")
        for kind in FINDING_KINDS:
            row = [counts.get((kind, s), 0) for s in SEVERITIES]
            if sum(row):
                table.add_row(kind, *map(str, row), str(sum(row)))
        if not ec.findings:
            table.add_row("(no findings)", "", "", "", "0")
        console.print(table)
        for key, value in sorted(ec.scores.items()):
            if isinstance(value, (int, float)):
                console.print(f"  MT {key}: {value:.2f}")
        for note in ec.notes:
            console.print(f"  [dim]{note}[/dim]")
    pairs = top_findings(comparison, top)
    if pairs:
        eds = {ec.edition.id: ec.edition for ec in comparison.editions}
        table = Table(title="Top findings", show_lines=True)
        for name in ("edition", "kind", "severity", "what", "original", "edition text"):
            table.add_column(name, overflow="fold")
        for eid, f in pairs:
            table.add_row(
                eid,
                f"{f.kind}/{f.subtype}",
                f"[{_SEVERITY_STYLE.get(f.severity, '')}]{f.severity}[/] {f.confidence:.2f}",
                f.explanation,
                _excerpt(orig.text, f.original_spans),
                _excerpt(eds[eid].text, f.edition_spans),
            )
        console.print(table)
    console.print(f"[dim]signature: {comparison.signature}[/dim]")
