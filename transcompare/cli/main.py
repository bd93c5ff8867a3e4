"""The ``transcompare`` entry point. Imports only typer and our light command modules, so
``--help`` stays instant; every heavy library is imported inside the command that needs it."""

from __future__ import annotations

import errno
import os
import sys

import typer

from .. import __version__
from ..errors import EXIT_INTERNAL, OutputError, TranscompareError

_NO_ROOM = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}

app = typer.Typer(
    name="transcompare",
    help="Compare editions of the same news story across languages (zh <-> en first).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"transcompare {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """Compare editions of the same news story across languages (zh <-> en first)."""


def _register() -> None:
    from . import align, batch, compare, glossary, models, segment, translate
    from .common import StrictCommand

    for module in (compare, segment, align, translate):
        app.command(module.NAME, help=module.HELP)(module.command)
    app.add_typer(models.app, name="models")
    app.add_typer(glossary.app, name="glossary")
    app.command(batch.NAME, help=batch.HELP)(batch.command)
    for typer_app in (app, models.app, glossary.app):  # every command refuses an empty option value
        for info in typer_app.registered_commands:
            info.cls = StrictCommand


_register()


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; a TranscompareError becomes one line on stderr and its exit code."""
    try:
        app(args=argv, prog_name="transcompare", standalone_mode=True)
    except TranscompareError as err:
        typer.echo(str(err), err=True)
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
    except SystemExit as exit_:
        if exit_.code == 130:  # typer turns Ctrl-C inside a command into a silent exit 130
            typer.echo("interrupted", err=True)
        raise
    except Exception as err:  # the last line of defence: no traceback for users
        if os.environ.get("TRANSCOMPARE_DEBUG"):
            raise
        if isinstance(err, OSError) and err.errno in _NO_ROOM:
            # `> /dev/full`, a full disk or quota under standard output: the user's to fix, not a bug
            # (files go through atomic_write, which says so itself)
            typer.echo(str(OutputError(f"cannot write the output ({err.strerror})")), err=True)
            sys.exit(OutputError.exit_code)
        typer.echo(f"internal error: {type(err).__name__}: {err} (set TRANSCOMPARE_DEBUG=1 for a traceback)", err=True)
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":
    main()
