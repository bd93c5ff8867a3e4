"""transcompare batch MANIFEST -o OUTDIR"""

from __future__ import annotations

import contextlib
import re
import sys
from pathlib import Path
from typing import Callable, Iterator, List, Optional

import typer

NAME = "batch"
HELP = "Compare every case of a corpus manifest (CSV or JSONL); resumable, local or on a Dask cluster."


def command(
    manifest: Path = typer.Argument(..., help="Manifest: CSV or JSONL, one case per row (id, original, editions, outlet, date)."),
    outdir: str = typer.Option(..., "-o", "--outdir", help="Folder for per-case reports, run.json, the aggregate and state."),
    engine: str = typer.Option("local", "--engine", help="serial | local (process pool) | dask."),
    workers: Optional[int] = typer.Option(None, "--workers", "-j", help="Worker processes (default: one per core). With --engine dask and no --scheduler: LocalCluster size."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address (tcp://HOST:8786) for --engine dask."),
    html: bool = typer.Option(False, "--html", help="Also write each case's HTML report."),
    fetch: bool = typer.Option(False, "--fetch", help="Allow http(s) URLs in the manifest; workers download them."),
    force: bool = typer.Option(False, "--force", help="Redo cases that are already finished."),
    max_rate: Optional[float] = typer.Option(None, "--max-rate", help="Start at most this many cases per second (polite fetching)."),
    top: int = typer.Option(20, "--top", min=0, help="How many most-divergent cases the aggregate lists."),
    aligner: Optional[str] = typer.Option(None, "--aligner", help="Aligner: engine (default), engine-centred, gale-church."),
    check: List[str] = typer.Option([], "--check", help="Run only these checks (repeatable)."),
    skip: List[str] = typer.Option([], "--skip", help="Skip these checks (repeatable)."),
    mt_model: Optional[str] = typer.Option(None, "--mt-model", help="MT model directory or hub id (env TRANSCOMPARE_MT_MODEL)."),
    glossary: List[str] = typer.Option([], "--glossary", "-g", help="Extra glossary TSV (repeatable); wins over the defaults."),
    no_default_glossaries: bool = typer.Option(False, "--no-default-glossaries", help="Do not load glossaries/*.tsv."),
    presplit: bool = typer.Option(False, "--presplit", help="Inputs are one sentence per line."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Override encoding detection for every input."),
) -> None:
    from ..batch.runner import BatchOptions, run_batch
    from ..errors import OptionError
    from ..pipeline import CompareOptions

    if max_rate is not None and max_rate <= 0:
        raise OptionError("--max-rate must be above 0")
    outdir = Path(outdir)
    options = BatchOptions(
        compare=CompareOptions(
            encoding=encoding,
            presplit=presplit,
            aligner=aligner,
            checks=tuple(check),
            skip_checks=tuple(skip),
            mt_model=mt_model,
            glossaries=tuple(str(Path(g).resolve()) for g in glossary),
            use_default_glossaries=not no_default_glossaries,
        ),
        formats=("json", "html") if html else ("json",),
        engine=engine,
        workers=workers,
        scheduler=scheduler,
        fetch=fetch,
        force=force,
        max_rate=max_rate,
        top=top,
    )
    with progress_bar() as progress:
        report = run_batch(manifest, outdir, options, progress=progress)
    for note in report.notes:
        typer.echo(f"note: {note}", err=True)
    for case_id, error in report.failures[:10]:
        typer.echo(failure_line(case_id, error), err=True)
    if len(report.failures) > 10:
        typer.echo(f"... and {len(report.failures) - 10} more failures (see {outdir / 'run.json'})", err=True)
    rate = report.ran / report.seconds if report.seconds > 0 else 0.0
    plural = "" if report.workers == 1 else "s"
    how = f"{report.engine}, {report.workers} worker{plural}, " if report.workers else ""
    typer.echo(
        f"{report.cases} case{'' if report.cases == 1 else 's'}: {report.ok} done, {report.skipped} already done, {report.failed} failed "
        f"({how}{report.seconds:.1f} s, {rate:.2f} cases/s)"
    )
    typer.echo(f"wrote {outdir / 'index.html'}")
    if report.failed:  # the run went on past them, but a script must be able to tell
        raise typer.Exit(1)


_PREFIX = re.compile(r"(error \[E\d+\]|internal error): ")


def failure_line(case_id: str, error: str) -> str:
    """A failed case in the single commands' style, ``error [E101]: case ID: MESSAGE``: the lines
    mixed ``failed ID: PATH: no such file`` with ``failed ID: error [E103]: ...``."""
    match = _PREFIX.match(error)
    prefix, message = (match.group(1), error[match.end():]) if match else ("error", error)
    return f"{prefix}: case {case_id}: {message}"


@contextlib.contextmanager
def progress_bar() -> Iterator[Callable]:
    """A rich progress bar with rate and ETA on a terminal; a line per 10% elsewhere."""
    from ..batch.runner import ProgressEvent

    if not sys.stderr.isatty():
        state = {"next": 0.0}

        def plain(event: ProgressEvent) -> None:
            if event.kind == "start":
                typer.echo(f"{event.total} case{'' if event.total == 1 else 's'} to run, {event.skipped} already done", err=True)
            elif event.total and event.done / event.total >= state["next"]:
                state["next"] = event.done / event.total + 0.1
                typer.echo(f"{event.done}/{event.total} cases", err=True)

        yield plain
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

    class Rate(TextColumn):
        def __init__(self) -> None:
            super().__init__("")

        def render(self, task):
            from rich.text import Text

            return Text(f"{task.speed:.2f} cases/s" if task.speed else "- cases/s")

    columns = (TextColumn("[bold]batch"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(), Rate(),
               TextColumn("ETA"), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
        task = bar.add_task("batch", total=None)

        def rich_update(event: ProgressEvent) -> None:
            if event.kind == "start":
                bar.update(task, total=event.total, completed=0)
            else:
                bar.update(task, completed=event.done)

        yield rich_update
