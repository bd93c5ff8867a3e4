"""transcompare models list|pull|convert|path"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(help="Manage MT models: list, pull, convert, path.", no_args_is_help=True)


@app.command("list")
def list_models() -> None:
    """Show the configured model, converted and pulled models, and seq2seq models in the HF cache."""
    from ..translate.config import DEFAULT_MODEL, config_path, models_dir, resolve_settings
    from ..translate.models import available_models

    settings = resolve_settings()
    typer.echo(f"configured: {settings.model or '(none)'} (from {settings.source}; backend {settings.backend}, beam {settings.beam_size})")
    typer.echo(f"config file: {config_path()}")
    typer.echo(f"models dir: {models_dir()}")
    rows = available_models()
    if not rows:  # a configured model directory may well exist: say where nothing was found
        hint = "" if settings.model else f"; `transcompare models pull {DEFAULT_MODEL}` where there is a network"
        typer.echo(f"no converted or pulled models in the models dir or the Hugging Face cache{hint}")
        return
    for row in rows:
        typer.echo(f"{row.kind:12} {row.name:40} {row.identity}  {row.path}")


@app.command("pull")
def pull(
    model: str = typer.Argument(..., help="Hub id, e.g. Helsinki-NLP/opus-mt-zh-en."),
    revision: Optional[str] = typer.Option(None, "--revision", help="Branch, tag or commit."),
    convert: bool = typer.Option(False, "--convert", help="Also convert it to CTranslate2 (int8)."),
) -> None:
    """Download a model into the Hugging Face cache (needs a network; shows progress)."""
    from ..translate.models import pull_model

    path = pull_model(model, revision)
    typer.echo(f"pulled {model} to {path}")
    if convert:
        from ..translate.engine import convert_model

        typer.echo(f"converted to {convert_model(model, force=True)}")


@app.command("convert")
def convert(
    model: str = typer.Argument(..., help="Transformers model: directory or hub id already pulled."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Output directory (default: in the models dir)."),
    quantization: str = typer.Option("int8", "--quantization", help="int8 | int8_float32 | float32 | float16 ..."),
    force: bool = typer.Option(False, "--force", help="Replace an existing output directory."),
) -> None:
    """Convert a transformers model to CTranslate2; `auto` then prefers the converted copy."""
    from ..translate.engine import convert_model

    typer.echo(str(convert_model(model, output, quantization, force)))


@app.command("path")
def path(
    model: Optional[str] = typer.Argument(None, help="Model (default: the configured one)."),
    backend: Optional[str] = typer.Option(None, "--backend", help="auto | ct2 | transformers."),
) -> None:
    """Print the directory and backend a model resolves to, offline."""
    from ..translate.config import resolve_settings
    from ..translate.engine import choose_backend
    from ..translate.locate import locate
    from ..errors import ModelError

    settings = resolve_settings(model, backend)
    if not settings.model:
        raise ModelError("no MT model configured; name one or set TRANSCOMPARE_MT_MODEL")
    ref, chosen = choose_backend(locate(settings.model), settings.backend)
    typer.echo(f"{ref.path}\t{chosen}\t{ref.identity}")
