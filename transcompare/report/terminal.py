"""Terminal summary: findings by kind and severity, then the top findings with both sides' text.

Colour only when stdout is a terminal (rich decides; NO_COLOR is honoured), so a pipe gets plain text.
"""

from __future__ import annotations

import os
from collections import Counter
from typing import Sequence

from ..model import FINDING_KINDS, SEVERITIES, Comparison, Edition, EditionComparison, Finding, Span
from ._inert import BIDI_SHOWN

_SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "dim"}
_SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}
NO_COUNTERPART = "(no counterpart)"
# C0 controls as their Control Pictures (ESC as ␛), DEL as ␡, C1 controls (0x9b is a one-byte CSI) as �,
# bidi controls by name (as the HTML report shows them)
_CONTROLS = {**{c: 0x2400 + c for c in range(32) if chr(c) not in "\t\n"}, 0x7F: 0x2421, **{c: 0xFFFD for c in range(0x80, 0xA0)},
             **BIDI_SHOWN}


def shown(text: str) -> str:
    """Article text made inert for a terminal: rich passes escape sequences through, and one in a
    hostile page could hide text, retitle the window or rewrite earlier lines."""
    return text.translate(_CONTROLS)


def _clip(piece: str, width: int) -> str:
    piece = shown(" ".join(piece.split()))
    return piece if len(piece) <= width else piece[: width - 1] + "…"


def _excerpt(text: str, spans: Sequence[Span], width: int = 90) -> str:
    if not spans:
        return "—"
    return _clip(" … ".join(text[s.start:s.end] for s in spans), width)


def side_text(finding: Finding, ec: EditionComparison, original: Edition, original_side: bool, width: int = 90) -> str:
    """The finding's own span, else the sentences of its bead, else a plain statement that there is none."""
    doc = original if original_side else ec.edition
    spans = finding.original_spans if original_side else finding.edition_spans
    if spans:
        return _excerpt(doc.text, spans, width)
    if finding.bead is not None and 0 <= finding.bead < len(ec.beads):
        ids = ec.beads[finding.bead].src if original_side else ec.beads[finding.bead].tgt
        if not ids:
            return NO_COUNTERPART
        return _clip(" ".join(doc.sentences[i].text for i in ids), width)
    return "—"


def top_findings(comparison: Comparison, limit: int) -> list[tuple[str, Finding]]:
    """Most severe first, then most confident; ties in id order so the list is stable."""
    ranked = sorted(
        ((ec.edition.id, f) for ec in comparison.editions for f in ec.findings),
        key=lambda pair: (_SEVERITY_RANK.get(pair[1].severity, 9), -pair[1].confidence, pair[1].id),
    )
    return ranked[:limit]


def _lang(edition: Edition) -> str:
    return edition.lang + (f"-{edition.script}" if edition.script else "")


def counts_table(comparison: Comparison):
    """One row per kind that occurs; a column per severity, a total, and one per edition when there are several."""
    from rich.table import Table

    table = Table(title="Findings by kind and severity", title_justify="left")
    table.add_column("kind")
    for severity in SEVERITIES:
        table.add_column(severity, justify="right", style=_SEVERITY_STYLE[severity])
    table.add_column("total", justify="right")
    several = len(comparison.editions) > 1
    if several:
        for ec in comparison.editions:
            table.add_column(shown(ec.edition.id), justify="right")
    findings = comparison.findings
    by = Counter((f.kind, f.severity) for f in findings)
    by_edition = Counter((f.kind, f.edition) for f in findings)
    for kind in FINDING_KINDS:
        row = [by.get((kind, s), 0) for s in SEVERITIES]
        if sum(row):
            extra = [str(by_edition.get((kind, ec.edition.id), 0)) for ec in comparison.editions] if several else []
            table.add_row(kind, *map(str, row), str(sum(row)), *extra)
    if findings:
        extra = [str(len(ec.findings)) for ec in comparison.editions] if several else []
        table.add_row("all", *(str(sum(by.get((k, s), 0) for k in FINDING_KINDS)) for s in SEVERITIES), str(len(findings)), *extra, style="bold")
    else:
        table.add_row("(no findings)", *([""] * len(SEVERITIES)), "0", *([""] * (len(comparison.editions) if several else 0)))
    return table


def _count(n: int, noun: str) -> str:
    """"1 finding", "7 findings" (the summary said "1 findings", "1 sentences")."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


# off a terminal, lines are as long as their content: rich's 80 columns split finding ids and
# excerpts across lines that a script then cannot grep (the tables are not stretched to this)
UNWRAPPED_WIDTH = 10_000


def summary_console():
    """A console for stdout: a terminal's width (or COLUMNS), else no wrapping at all."""
    from rich.console import Console

    console = Console(highlight=False)
    if console.is_terminal or os.environ.get("COLUMNS", "").strip():
        return console
    return Console(highlight=False, width=UNWRAPPED_WIDTH)


def print_summary(comparison: Comparison, console=None, top: int = 10) -> None:
    from rich.table import Table
    from rich.text import Text

    console = console or summary_console()
    orig = comparison.original
    console.print(Text.assemble((shown(orig.title or orig.source), "bold"), f"  original, {_lang(orig)}, {_count(len(orig.sentences), 'sentence')}"))
    for ec in comparison.editions:
        ed = ec.edition
        line = Text.assemble(
            "  ", (shown(ed.id), "bold"), f": {shown(ed.source)} ({_lang(ed)}, {_count(len(ed.sentences), 'sentence')}, {_count(len(ec.beads), 'bead')}, "
            f"{_count(len(ec.findings), 'finding')})"
        )
        console.print(line)
        if ec.scores:
            from ..translate.scores import summary_line

            console.print(Text(f"    {summary_line(ec.scores)}"))
        for note in ec.notes:
            console.print(Text(f"    {shown(note)}", style="dim"))
    console.print(counts_table(comparison))
    pairs = top_findings(comparison, top)
    if pairs:
        ecs = {ec.edition.id: ec for ec in comparison.editions}
        table = Table(title=f"Top {len(pairs)} of {_count(len(comparison.findings), 'finding')}", title_justify="left", show_lines=True)
        for name in ("id", "kind", "severity", "what", "original", "edition"):
            table.add_column(name, overflow="fold")
        for eid, f in pairs:
            ec = ecs[eid]
            table.add_row(
                Text(shown(f.id)),
                Text(shown(f"{f.kind}/{f.subtype}")),
                Text(f"{f.severity} {f.confidence:.2f}", style=_SEVERITY_STYLE.get(f.severity, "")),
                Text(shown(f.explanation)),
                Text(side_text(f, ec, orig, True)),
                Text(side_text(f, ec, orig, False)),
            )
        console.print(table)
    console.print(Text(f"signature: {comparison.signature}", style="dim"), soft_wrap=True)  # one line, to copy
