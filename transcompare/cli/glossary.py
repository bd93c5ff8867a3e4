"""transcompare glossary ..."""

import typer

app = typer.Typer(help="Maintain terminology glossaries.", no_args_is_help=True)
