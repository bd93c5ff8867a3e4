"""Alignment exports (TSV, TMX, XLIFF) and machine-readable --format output."""

from __future__ import annotations

import pytest

from test_report_samples import CORPORA, planted_comparison, synthetic_comparison, xss_comparison
from transcompare.report import EXPORTERS, get_exporter

CASE001 = [str(CORPORA / "001-cadre-loyalty" / "original.zh.txt"), str(CORPORA / "001-cadre-loyalty" / "edition.en.txt")]


def test_exporters_registered():
    assert {"json", "html", "tsv", "tmx", "xliff"} <= set(EXPORTERS)
    for name in EXPORTERS:
        exporter = get_exporter(name)
        assert exporter.name == name and exporter.extension.startswith(".")


def test_tsv_one_line_per_bead_with_findings():
    comparison = planted_comparison("003-two-editions")
    text = get_exporter("tsv").render(comparison.to_dict()).decode("utf-8")
    lines = text.splitlines()
    header = lines[0].split("\t")
    assert header[:2] == ["edition", "bead"]
    assert len(lines) == 1 + sum(len(ec.beads) for ec in comparison.editions)
    assert all(len(line.split("\t")) == len(header) for line in lines)
    rows = [dict(zip(header, line.split("\t"))) for line in lines[1:]]
    flagged = [r for r in rows if r["findings"]]
    assert {r["edition"] for r in flagged} == {"edition-a.en", "edition-b.en"}
    number = next(r for r in rows if "number" in r["kinds"].split(","))
    assert "2100多亿元" in number["original"] and "120 billion" in number["edition_text"]


def test_tsv_keeps_rows_intact_with_tabs_and_newlines():
    from dataclasses import replace

    comparison = xss_comparison()
    ec = comparison.editions[0]
    text = ec.edition.text.replace("Body", "Bo\tdy")  # same length, offsets unchanged
    sentences = tuple(replace(s, text=text[s.start:s.end]) for s in ec.edition.sentences)
    edition = replace(ec.edition, text=text, sentences=sentences)
    comparison = replace(comparison, editions=(replace(ec, edition=edition),))
    lines = get_exporter("tsv").render(comparison.to_dict()).decode("utf-8").splitlines()
    assert len(lines) == 1 + len(ec.beads)
    assert all(line.count("\t") == 8 for line in lines)



def test_tsv_cell_breaks_no_line_on_any_line_separator():
    """str.splitlines() and many readers also end a line at \\v, \\f, \\x1c-\\x1e, NEL and U+2028/9
    (text pasted from a CMS carries U+2028); the TSV replaced only tabs, CR and LF."""
    from transcompare.report.tsv import cell

    for sep in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029":
        assert cell(f"a{sep}b") == "a b"
    assert cell("第一句。") == "第一句。"


def test_align_tsv_rows_stay_whole_with_line_separators(run_cli, tmp_path):
    zh, en = tmp_path / "a.zh.txt", tmp_path / "a.en.txt"
    zh.write_text("第一句\u2028续行。\n第二句\x0b有竖表符。\n", encoding="utf-8")
    en.write_text("First\u2028line.\nSecond\x0cline.\n", encoding="utf-8")
    result = run_cli("align", zh, en, "--presplit", "--encoder", "none", "--format", "tsv", "-o", "-")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 3 and all(line.count("\t") == 4 for line in lines), lines


def test_tmx_pairs_beads_with_both_sides():
    from translate.storage.tmx import tmxfile

    comparison = synthetic_comparison(100, with_mt=False)
    payload = get_exporter("tmx").render(comparison.to_dict())
    store = tmxfile(payload)
    ec = comparison.editions[0]
    paired = [i for i, b in enumerate(ec.beads) if b.src and b.tgt]
    assert len(store.units) == len(paired)
    first = store.units[0]
    assert first.source == comparison.original.sentences[0].text
    assert first.target == ec.edition.sentences[0].text
    assert b'xml:lang="zh-Hans"' in payload and b'xml:lang="en"' in payload
    assert b'tuid="edition.en:b0000"' in payload


def test_tmx_escapes_markup():
    from translate.storage.tmx import tmxfile

    comparison = xss_comparison()
    store = tmxfile(get_exporter("tmx").render(comparison.to_dict()))
    assert store.units[0].source == comparison.original.sentences[0].text


def test_xliff_one_file_per_edition_and_untranslated_omissions():
    from translate.storage.xliff import xlifffile

    comparison = planted_comparison("003-two-editions")
    payload = get_exporter("xliff").render(comparison.to_dict())
    store = xlifffile(payload)
    assert sorted(store.getfilenames()) == ["edition-a.en", "edition-b.en"]
    expected = sum(1 for ec in comparison.editions for b in ec.beads if b.src)
    assert len(store.units) == expected
    assert b'id="edition-b.en:b0000"' in payload

    synthetic = xlifffile(get_exporter("xliff").render(synthetic_comparison(60, with_mt=False).to_dict()))
    missing = [u for u in synthetic.units if not u.target]
    assert len(missing) == 1 and "第17句" in missing[0].source
    assert not missing[0].isapproved()


def test_align_command_writes_tmx(run_cli, tmp_path):
    from translate.storage.tmx import tmxfile

    out = tmp_path / "a.tmx"
    result = run_cli("align", *CASE001, "--format", "tmx", "-o", out)
    assert result.exit_code == 0, result.stderr
    store = tmxfile(out.read_bytes())
    assert len(store.units) >= 15
    assert store.units[0].source.startswith("中南海")


def test_align_output_dash_is_stdout(run_cli, tmp_path, monkeypatch):
    """`align -o -` used to write a file named "-" in the current folder."""
    monkeypatch.chdir(tmp_path)
    result = run_cli("align", *CASE001, "--format", "tsv", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("src_ids\ttgt_ids\t")
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("fmt, marker", [("tsv", "edition\tbead\t"), ("tmx", "<tmx version"), ("xliff", "<xliff"), ("html", "<!doctype html>")])
def test_compare_format_writes_to_stdout(run_cli, fmt, marker):
    result = run_cli("compare", *CASE001, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert marker in result.stdout
    assert "signature:" not in result.stdout or fmt == "html"


def test_compare_unknown_format_is_a_one_line_error(run_cli):
    result = run_cli("compare", *CASE001, "--format", "yaml")
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and "yaml" in result.stderr


def test_compare_html_option(run_cli, tmp_path):
    out = tmp_path / "r.html"
    result = run_cli("compare", *CASE001, "--html", out)
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert f"wrote {out}" in result.stdout


def test_align_json_tells_simplified_from_traditional(run_cli, tmp_path):
    """The JSON said "lang": "zh" for both sides of a Simplified original and its Traditional edition."""
    import json

    case = CORPORA / "002-trad-edition"
    out = tmp_path / "a.json"
    result = run_cli("align", case / "original.zh.txt", case / "edition.zh-hant.txt", "--encoder", "none", "--format", "json", "-o", out)
    assert result.exit_code == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert (data["src"]["lang"], data["src"]["script"]) == ("zh", "Hans")
    assert (data["tgt"]["lang"], data["tgt"]["script"]) == ("zh", "Hant")
