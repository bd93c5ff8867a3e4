"""transcompare compare ORIGINAL EDITION [EDITION...]"""

from __future__ import annotations

from typing import List, Optional

import typer

NAME = "compare"
HELP = "Compare an original article with one or more editions and report the divergences."


def command(
    original: str = typer.Argument(..., help="The original article: file, URL or - for stdin."),
    editions: List[str] = typer.Argument(..., help="One or more editions of it."),
    json_to: Optional[str] = typer.Option(None, "--json", help="Write the full comparison as JSON here (a folder: ORIGINAL's name .json in it)."),
    html_to: Optional[str] = typer.Option(None, "--html", help="Write a self-contained side-by-side HTML view here (a folder: ORIGINAL's name .html in it)."),
    fmt: str = typer.Option("summary", "--format", help="Standard output: summary (a table) or a machine-readable format: json | tsv | tmx | xliff | html."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Override encoding detection (utf-8, gb18030, big5, utf-16)."),
    original_lang: Optional[str] = typer.Option(None, "--original-lang", help="Language of the original, zh or en (zh-Hant, en-GB ... count as zh, en; detected if omitted)."),
    presplit: bool = typer.Option(False, "--presplit", help="Inputs are one sentence per line."),
    aligner: Optional[str] = typer.Option(None, "--aligner", help="Aligner: engine (default), engine-centred, gale-church."),
    check: List[str] = typer.Option([], "--check", help="Run only these checks (repeatable)."),
    skip: List[str] = typer.Option([], "--skip", help="Skip these checks (repeatable)."),
    mt_model: Optional[str] = typer.Option(None, "--mt-model", help="MT model directory or hub id (env TRANSCOMPARE_MT_MODEL)."),
    glossary: List[str] = typer.Option([], "--glossary", "-g", help="Extra glossary TSV (repeatable); wins over the defaults."),
    no_default_glossaries: bool = typer.Option(False, "--no-default-glossaries", help="Do not load glossaries/*.tsv."),
    date: Optional[str] = typer.Option(None, "--date", help="Publication date (YYYY-MM-DD) for resolving relative dates."),
    top: int = typer.Option(10, "--top", min=0, help="How many top findings the summary shows."),
) -> None:
    from ..pipeline import CompareOptions, compare
    from ..report import export
    from ..errors import OptionError
    from .common import output_path, progress_reporter, source_stem, validate_output_paths

    json_path = output_path(json_to, "--json", f"{source_stem(original)}.json")
    html_path = output_path(html_to, "--html", f"{source_stem(original)}.html")
    validate_output_paths(json_path, html_path, inputs=[original, *editions])
    for option, path in (("json", json_path), ("html", html_path)):
        if path is not None and str(path) == "-":  # not a file named "-"; stdout has its own option
            raise OptionError(f"--{option} takes a file; for standard output use --format {option}")
    if date is not None:
        import datetime
        import re

        try:  # strict: the dates check reads only YYYY-MM-DD, and ignored anything else in silence
            datetime.date.fromisoformat(date if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else "")
        except ValueError:
            raise OptionError(f"--date {date!r} is not a date; give YYYY-MM-DD") from None
    fmt = fmt.lower()  # --format JSON is json, as a glossary file's .TSV is .tsv
    if fmt != "summary":
        from ..report import get_exporter

        get_exporter(fmt)  # an unknown format fails before the work
    options = CompareOptions(
        encoding=encoding,
        original_lang=original_lang,
        presplit=presplit,
        aligner=aligner,
        checks=tuple(check),
        skip_checks=tuple(skip),
        mt_model=mt_model,
        glossaries=tuple(glossary),
        use_default_glossaries=not no_default_glossaries,
        publication_date=date,
    )
    with progress_reporter() as progress:
        result = compare(original, editions, options, progress=progress)
    data = result.to_dict()
    if json_path:
        export(data, "json", json_path)
    if html_path:
        export(data, "html", html_path)
    if fmt != "summary":
        from ..report import get_exporter

        typer.echo(get_exporter(fmt).render(data).decode("utf-8"), nl=False)
    else:
        from ..report.terminal import print_summary

        print_summary(result, top=top)
        for path in (json_path, html_path):
            if path:
                typer.echo(f"wrote {path}")
