"""transcompare align ORIGINAL EDITION"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

NAME = "align"
HELP = "Align the sentences of an original and an edition; write beads as TSV, JSON or TMX."


def command(
    original: str = typer.Argument(..., help="Original article (file, URL or -)."),
    edition: str = typer.Argument(..., help="The edition to align with it."),
    fmt: str = typer.Option("tsv", "--format", help="tsv | json | tmx"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write here instead of stdout."),
    presplit: bool = typer.Option(False, "--presplit", help="Inputs are one sentence per line; keep those lines."),
    aligner: Optional[str] = typer.Option(None, "--aligner", help="Aligner name."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Override encoding detection."),
) -> None:
    from ..align import get_aligner
    from ..errors import OptionError
    from ..fileio import atomic_write
    from ..pipeline import read_edition
    from ..report.alignment import render_alignment

    if fmt not in ("tsv", "json", "tmx"):
        raise OptionError(f"unknown --format {fmt!r}; choose tsv, json or tmx")
    src = read_edition(original, "original", None, encoding, presplit)
    tgt = read_edition(edition, "edition", None, encoding, presplit)
    engine = get_aligner(aligner)
    beads = engine.align(src.sentence_texts(), tgt.sentence_texts(), src.lang, tgt.lang)
    payload = render_alignment(src, tgt, beads, fmt, engine.signature())
    if output:
        atomic_write(output, payload)
    else:
        typer.echo(payload.decode("utf-8"), nl=False)
