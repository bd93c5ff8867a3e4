"""transcompare models list|pull|convert|path"""

import typer

app = typer.Typer(help="Manage MT models: list, pull, convert, path.", no_args_is_help=True)
