"""The README documents every command, sub-command, check and exporter (datasette's test_docs habit)."""

from pathlib import Path

import pytest

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands():
    import typer.main

    from transcompare.cli.main import app

    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        subs = getattr(command, "commands", None)
        if subs:
            for sub in subs:
                yield f"{name} {sub}"
        else:
            yield name


@pytest.mark.parametrize("command", sorted(_commands()))
def test_command_documented(command):
    assert f"transcompare {command}" in README or f"`{command}`" in README, command


def test_checks_documented():
    from transcompare.checks.base import CHECKS

    missing = [name for name in CHECKS if name not in README]
    assert not missing


def test_exporters_documented():
    from transcompare.report import EXPORTERS

    missing = [name for name in EXPORTERS if f"`{name}`" not in README and f"--format {name}" not in README]
    assert not missing


def test_two_setup_commands():
    section = README.split("## Fresh machine", 1)[1].split("\n## ", 1)[0]
    assert section.count("```bash") == 2
    assert "bash scripts/test.sh" in section
    assert "bash scripts/test.sh" in (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text()
