"""Reports with real machine translation: a tiny Marian trained at test time runs through compare."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "mt"))
from tiny_marian import PAIRS, tiny_marian_once  # noqa: E402

from transcompare.report.json import load_schema  # noqa: E402

pytestmark = pytest.mark.slow  # trains a tiny model


@pytest.fixture(scope="module")
def mt_run(tmp_path_factory, run_cli_module):
    model = tiny_marian_once(tmp_path_factory.mktemp("mt"))
    work = tmp_path_factory.mktemp("mt-report")
    original = work / "original.zh.txt"
    edition = work / "edition.en.txt"
    zh = [z for z, _ in PAIRS[:6]]
    en = [e for _, e in PAIRS[:6]]
    en[1] = en[1].replace("thirty thousand", "forty thousand")
    original.write_text("\n\n".join(zh) + "\n", encoding="utf-8")
    edition.write_text("\n\n".join(en) + "\n", encoding="utf-8")
    out_html, out_json = work / "r.html", work / "r.json"
    result = run_cli_module("compare", original, edition, "--mt-model", model, "--html", out_html, "--json", out_json)
    assert result[0] == 0, result[2]
    return out_html.read_text(encoding="utf-8"), json.loads(out_json.read_text(encoding="utf-8")), result[1]


@pytest.fixture(scope="module")
def run_cli_module():
    """The CLI through its real entry point, capturing output without the function-scoped capsys."""
    import contextlib
    import io

    from transcompare.cli.main import main

    def run(*args):
        out, err, code = io.StringIO(), io.StringIO(), 0
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main([str(a) for a in args])
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 0
        return code, out.getvalue(), err.getvalue()

    return run


def test_mt_under_each_original_sentence_and_word_diff(mt_run):
    html, data, _ = mt_run
    ec = data["editions"][0]
    assert ec["translations"] is not None
    soup = BeautifulSoup(html, "html.parser")
    assert len(soup.select("p.mt")) == len(data["original"]["sentences"])
    diffs = soup.select("p.diff")
    assert len(diffs) == sum(1 for b in ec["beads"] if b["src"] and b["tgt"])
    assert any("forty" in d.get_text() for d in diffs)
    assert soup.select_one("#show-mt") is not None
    assert "chrF" in soup.select_one("table.editions").get_text()
    assert any("chrF" in d.get_text() for d in diffs)


def test_mt_report_validates_and_summary_shows_scores(mt_run):
    import jsonschema

    _, data, stdout = mt_run
    jsonschema.validate(data, load_schema())
    assert data["editions"][0]["scores"], "MT scores reach the report"
    assert "MT vs edition: BLEU" in stdout
