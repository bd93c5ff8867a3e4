"""transcompare segment FILE"""

from __future__ import annotations

from typing import Optional

import typer

NAME = "segment"
HELP = "Split an article into paragraphs and sentences (with offsets) and print them."


def command(
    source: str = typer.Argument(..., help="Article file, URL or - for stdin."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Language, zh or en (zh-Hant, en-GB ... count as zh, en; detected if omitted)."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Override encoding detection."),
    fmt: str = typer.Option("text", "--format", help="text | tsv | json"),
    presplit: bool = typer.Option(False, "--presplit", help="Input is one sentence per line."),
) -> None:
    import json

    from ..errors import OptionError
    from ..model import _plain
    from ..pipeline import read_edition

    fmt = fmt.lower()  # --format JSON is json, as a glossary file's .TSV is .tsv
    if fmt not in ("text", "tsv", "json"):
        raise OptionError(f"unknown --format {fmt!r}; choose text, tsv or json")
    edition = read_edition(source, "document", lang, encoding, presplit)
    if fmt == "json":
        typer.echo(json.dumps(_plain(edition), ensure_ascii=False, indent=2))
        return
    from ..report.terminal import shown
    from ..report.tsv import cell

    if fmt == "tsv":
        typer.echo("id\tparagraph\tkind\tstart\tend\ttext")
    for s in edition.sentences:
        text = cell(s.text)  # one sentence a line: a wrapped line's newline or a tab would break the row
        if fmt == "tsv":
            typer.echo(f"{s.id}\t{s.paragraph}\t{s.kind}\t{s.start}\t{s.end}\t{text}")
        else:
            typer.echo(f"[{s.id}] p{s.paragraph} {s.kind} {s.start}-{s.end}  {shown(text)}")  # for a reader, as the summary
