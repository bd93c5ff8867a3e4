"""Shared CLI plumbing: progress display and output-path checks."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Iterator, Sequence

from ..errors import OptionError


def validate_output_paths(*paths: Path | None, inputs: Sequence[str] = ()) -> None:
    """Fail before the work, not after: an output path must not be a directory, nor lie under
    a file or a folder we may not write in, nor be one of the ``inputs`` (it would replace the
    article) or another output. ``-`` (stdout, where a command allows it) passes."""
    from ..errors import OutputError
    from ..fileio import output_problem

    seen: list[Path] = []
    for path in paths:
        if path is None or str(path) == "-":
            continue
        for source in inputs:
            if source != "-" and _same_file(path, Path(source)):
                raise OptionError(f"{path} is one of the articles read; writing the report there would replace it")
        if any(_same_file(path, other) for other in seen):
            raise OptionError(f"{path} is named for two outputs; give each its own file")
        seen.append(path)
        if path.is_dir():
            raise OptionError(f"{path} is a directory; give a file name")
        problem = output_problem(path)
        if problem:
            raise OutputError(f"{path}: cannot write there ({problem})")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b) or os.path.abspath(a) == os.path.abspath(b)
    except OSError:
        return False


def refuse_stdout(path: Path | None, option: str) -> None:
    """``-`` is standard output only where a command says so (align -o, translate -o); elsewhere
    it would be written as a file named "-"."""
    if path is not None and str(path) == "-":
        raise OptionError(f"{option} takes a file name; '-' (standard output) is not supported here")


@contextlib.contextmanager
def progress_reporter() -> Iterator:
    """A rich status line on a terminal; silent when stderr is not one."""
    if not sys.stderr.isatty():
        yield lambda message: None
        return
    from rich.console import Console

    console = Console(stderr=True)
    with console.status("working…") as status:
        yield lambda message: status.update(f"{message}…")
