"""Shared CLI plumbing: empty option values, output paths and their checks, progress display."""

from __future__ import annotations

import contextlib
import os
import re
import sys
from pathlib import Path
from typing import Iterator, Sequence

from typer.core import TyperCommand

from ..errors import OptionError


class StrictCommand(TyperCommand):
    """A command that refuses an empty value (``--encoder ""``, ``batch "$UNSET"``): typer took it as
    given, so it fell back to a default in silence (``models path ""``), became Path('') = '.'
    ("glossary import ''": ". is a directory"), or failed later with a puzzling message. An option
    whose default is itself "" (``--note``) may be given empty."""

    def parse_args(self, ctx, args):
        if not ctx.resilient_parsing:
            opts, _, _ = self.make_parser(ctx).parse_args(args=list(args))
            for param in self.params:
                given = opts.get(param.name)
                values = given if isinstance(given, (list, tuple)) else [given]
                if getattr(param, "is_flag", False) or param.default == "" or not any(isinstance(v, str) and not v.strip() for v in values):
                    continue
                if param.param_type_name == "argument":
                    raise OptionError(f"{param.name.upper()} is empty (an unset shell variable?); give a value")
                flag = max(param.opts, key=len)
                raise OptionError(f"{flag} is empty (an unset shell variable?); give a value or leave the option out")
        return super().parse_args(ctx, args)


def output_path(raw: str | None, option: str, name: str | None = None) -> Path | None:
    """The file an output option names. A folder (``--json out/``, or one that exists) gets ``name``
    inside it: Path('out/') is 'out', so the report was written as a file named out. Where a command
    has no natural file name (``name`` None) a folder is refused."""
    if raw is None or raw == "-":
        return None if raw is None else Path(raw)
    folder = raw.endswith(("/", os.sep)) or bool(os.altsep and raw.endswith(os.altsep)) or Path(raw).is_dir()
    if not folder:
        return Path(raw)
    if name is None:
        raise OptionError(f"{option} {raw} names a folder; give a file name")
    return Path(raw) / name


def source_stem(source: str) -> str:
    """A file name for what is written about an input: original.zh for original.zh.txt, the page's
    name for a URL, stdin for -."""
    if source == "-":
        return "stdin"
    tail = re.split(r"[?#]", source)[0].rstrip("/").rsplit("/", 1)[-1] if "://" in source else Path(source).name
    return re.sub(r"[^\w.-]+", "_", Path(tail).stem).strip("._") or "article"


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
