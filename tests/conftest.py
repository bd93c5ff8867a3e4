"""Shared fixtures: paths to the corpora and evaluation data, and a CLI runner that goes
through the real entry point (so error handling and exit codes are what users get)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture
def corpora() -> Path:
    return CORPORA


def load_case(case_dir: Path) -> dict:
    return json.loads((case_dir / "case.json").read_text(encoding="utf-8"))


class CliResult:
    def __init__(self, code: int, out: str, err: str):
        self.exit_code, self.stdout, self.stderr = code, out, err


@pytest.fixture
def run_cli(capsys):
    """Call transcompare.cli.main.main(argv) and capture exit code, stdout and stderr."""
    from transcompare.cli.main import main

    def run(*args: str) -> CliResult:
        code = 0
        try:
            main([str(a) for a in args])
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
