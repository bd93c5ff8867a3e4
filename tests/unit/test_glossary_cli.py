"""`transcompare glossary ...` end to end, and the glossary check on the demo corpora."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from transcompare.glossary import Entry, Glossary
from transcompare.glossary.check import glossary_findings, scan_edition
from transcompare.glossary.store import read_tsv
from transcompare.glossary.suggest import en_candidates, load_units, suggest
from transcompare.model import Bead, Edition, Sentence

ROOT = Path(__file__).resolve().parents[2]
CASE1 = ROOT / "corpora" / "001-cadre-loyalty"


def edition(text: str, lang: str, sentences: list[str] | None = None, id_: str = "ed") -> Edition:
    parts = sentences or [text]
    out, start = [], 0
    for n, part in enumerate(parts):
        start = text.index(part, start)
        out.append(Sentence(n, start, start + len(part), part, 0))
        start += len(part)
    return Edition(id=id_, source=f"{id_}.txt", lang=lang, text=text, sentences=tuple(out))


# --------------------------------------------------------------------------------- the rules

GLOSSARY = Glossary(
    [
        Entry("林志恒", "Lin Chih-heng", accepted=("Prof. Lin",), forbidden=("Lin Zhiheng",), type="person"),
        Entry("中共中央纪律检查委员会", "Central Commission for Discipline Inspection", variants=("中纪委",), accepted=("CCDI",), type="organisation"),
        Entry("世界卫生组织", "World Health Organization", accepted=("WHO",), type="organisation"),
        Entry("特朗普", "Donald Trump", variants=("川普",), accepted=("Trump",), type="person"),
    ]
)


def test_scan_flags_forbidden_and_near_miss_spellings_only():
    text = "Lin Zhiheng spoke. Later lin chihheng and Lin Chih-heng agreed. Who asked WHO? The trump card."
    found = scan_edition(GLOSSARY, edition(text, "en"))
    rules = [(f.evidence["rule"], f.evidence["found"], f.severity) for f in found]
    assert rules == [("forbidden", "Lin Zhiheng", "medium")]  # lowercase "lin chihheng" is not a name
    found = scan_edition(GLOSSARY, edition("Prof. Lin Chihheng said so.", "en"))
    assert [(f.evidence["rule"], f.evidence["found"]) for f in found] == [("variant", "Lin Chihheng")]


def test_with_the_original_findings_point_at_both_texts():
    zh = edition("林志恒说，中纪委已处分12万人。川普政府表示欢迎。", "zh", ["林志恒说，中纪委已处分12万人。", "川普政府表示欢迎。"], "original")
    en = edition("Lin Zhiheng said the commission punished 120,000 people. The Trump administration welcomed it.", "en",
                 ["Lin Zhiheng said the commission punished 120,000 people.", "The Trump administration welcomed it."])
    found = glossary_findings(GLOSSARY, zh, en, [Bead((0,), (0,)), Bead((1,), (1,))])
    by_rule = {f.evidence["rule"]: f for f in found}
    assert set(by_rule) == {"forbidden", "missing"}
    forbidden = by_rule["forbidden"]
    assert forbidden.severity == "high" and forbidden.kind == "entity" and forbidden.subtype == "glossary"
    assert zh.text[forbidden.original_spans[0].start : forbidden.original_spans[0].end] == "林志恒"
    assert en.text[forbidden.edition_spans[0].start : forbidden.edition_spans[0].end] == "Lin Zhiheng"
    assert by_rule["missing"].evidence["term"] == "中共中央纪律检查委员会"  # "the commission" is no rendering


def test_traditional_edition_of_a_simplified_original_is_fine():
    zh = edition("中纪委表示。", "zh", id_="original")
    hant = edition("中紀委表示。", "zh")
    assert glossary_findings(GLOSSARY, zh, hant, [Bead((0,), (0,))]) == []
    other = edition("委員會表示。", "zh")
    (missing,) = glossary_findings(GLOSSARY, zh, other, [Bead((0,), (0,))])
    assert missing.evidence["rule"] == "missing"


def test_english_candidates_are_capitalised_runs():
    found = en_candidates("The CCP’s Central Commission for Discipline Inspection (CCDI) said on Monday that Prof. Lin left.", set())
    assert {"Central Commission for Discipline Inspection", "CCDI", "CCP", "Lin"} <= found
    assert not {"The", "Monday", "for Discipline", "Prof"} & found


def test_suggest_mines_names_from_a_demo_case():
    units = load_units([str(CASE1)])
    candidates = {c.zh: c for c in suggest(units, None)}
    assert candidates["中南海"].en == "Zhongnanhai"
    assert candidates["林志恒"].en == "Lin Zhiheng"  # what the edition wrote; suggest reports evidence, lint/check judge it
    assert candidates["中共中央纪律检查委员会"].en == "Central Commission for Discipline Inspection"
    assert candidates["中南海"].example.en.count("Zhongnanhai")


# ------------------------------------------------------------------------------------- the CLI


def test_add_list_show_remove(run_cli, tmp_path):
    g = tmp_path / "desk.tsv"
    result = run_cli("glossary", "add", "-g", g, "明居正", "Ming Chu-cheng", "-t", "person", "-a", "Ming Juzheng", "--note", "NTU")
    assert result.exit_code == 0, result.stderr
    assert run_cli("glossary", "add", "-g", g, "明居正", "Other").exit_code == 2
    assert run_cli("glossary", "add", "-g", g, "甲", "A", "-t", "persn").stderr.startswith("error [E401]")
    listed = run_cli("glossary", "list", "-g", g, "--no-default-glossaries", "--format", "json")
    (row,) = json.loads(listed.stdout)
    assert (row["source"], row["accepted"], row["glossary"]) == ("明居正", "Ming Juzheng", f"{g}:2")
    shown = run_cli("glossary", "show", "明居正", "-g", g, "--no-default-glossaries")
    assert "Ming Chu-cheng" in shown.stdout and "míng jū zhèng" in shown.stdout
    assert run_cli("glossary", "show", "無此詞").exit_code == 2
    assert run_cli("glossary", "remove", "-g", g, "明居正").exit_code == 0
    assert read_tsv(g) == []
    assert "--glossary FILE" in run_cli("glossary", "add", "甲", "A").stderr


def test_lint_exit_codes(run_cli, tmp_path):
    g = tmp_path / "g.tsv"
    g.write_text("source\tpreferred\ttype\n中纪委\tCCDI\torganisation\n中紀委\tDiscipline Commission\torganisation\n明居正\tJohn Smith\tperson\n", encoding="utf-8")
    result = run_cli("glossary", "lint", "-g", g, "--no-default-glossaries")
    assert result.exit_code == 1
    assert f"{g}:3: error [G002] conflict" in result.stdout
    assert f"{g}:4: warning [G005]" in result.stdout
    g.write_text("source\tpreferred\ttype\n明居正\tJohn Smith\tperson\n", encoding="utf-8")
    assert run_cli("glossary", "lint", "-g", g, "--no-default-glossaries").exit_code == 0
    assert run_cli("glossary", "lint", "-g", g, "--no-default-glossaries", "--strict").exit_code == 1
    assert run_cli("glossary", "lint").exit_code == 0  # the starter glossaries are clean


def test_export_import_merge(run_cli, tmp_path):
    for fmt in ("tbx", "csv"):
        out = tmp_path / f"all.{fmt}"
        assert run_cli("glossary", "export", out).exit_code == 0
        target = tmp_path / f"from-{fmt}.tsv"
        assert run_cli("glossary", "import", out, "-g", target).exit_code == 0
        assert run_cli("glossary", "export", tmp_path / "direct.tsv").exit_code == 0
        assert target.read_text(encoding="utf-8") == (tmp_path / "direct.tsv").read_text(encoding="utf-8")
        assert run_cli("glossary", "import", out, "-g", target).exit_code == 2  # already there
        assert "imported 0 of" in run_cli("glossary", "import", out, "-g", target, "--on-conflict", "skip").stdout
    a, b = tmp_path / "a.tsv", tmp_path / "b.tsv"
    a.write_text("source\tpreferred\n明居正\tMing Chu-cheng\n", encoding="utf-8")
    b.write_text("source\tpreferred\n明居正\tMing Juzheng\n林志恒\tLin Chih-heng\n", encoding="utf-8")
    assert run_cli("glossary", "merge", a, b, "-o", tmp_path / "m.tsv").exit_code == 2
    assert run_cli("glossary", "merge", a, b, "-o", tmp_path / "m.tbx", "--on-conflict", "first").exit_code == 0
    assert run_cli("glossary", "import", tmp_path / "m.tbx", "-g", tmp_path / "m.tsv").exit_code == 0
    merged = {e.source: e for e in read_tsv(tmp_path / "m.tsv")}
    assert merged["明居正"].accepted == ("Ming Juzheng",) and "林志恒" in merged


def test_merge_never_writes_a_rendering_both_allowed_and_forbidden(run_cli, tmp_path):
    """A desk glossary accepting 'Ming Juzheng' merged with one forbidding it gave an entry listing
    it under both accepted and forbidden (lint's G003 error), in silence and with exit 0."""
    from transcompare.glossary.lint import lint_entries

    a, b = tmp_path / "a.tsv", tmp_path / "b.tsv"
    a.write_text("source\tpreferred\taccepted\n明居正\tMing Chu-cheng\tMing Juzheng\n", encoding="utf-8")
    b.write_text("source\tpreferred\tforbidden\n明居正\tMing Chu-cheng\tMing Juzheng\n", encoding="utf-8")
    refused = run_cli("glossary", "merge", a, b, "-o", tmp_path / "m.tsv")
    assert refused.exit_code == 2 and "'Ming Juzheng' allowed in one glossary and forbidden in another" in refused.stderr
    assert not (tmp_path / "m.tsv").exists()
    for policy, accepted, forbidden in (("first", ("Ming Juzheng",), ()), ("last", (), ("Ming Juzheng",))):
        out = tmp_path / f"{policy}.tsv"
        assert run_cli("glossary", "merge", a, b, "-o", out, "--on-conflict", policy).exit_code == 0
        (entry,) = read_tsv(out)
        assert (entry.accepted, entry.forbidden) == (accepted, forbidden), policy
        assert not [i for i in lint_entries([entry], (), plausibility=False) if i.code == "G003"]


def test_suggest_accept_all_and_one_by_one(run_cli, tmp_path):
    to = tmp_path / "mined.tsv"
    result = run_cli("glossary", "suggest", CASE1, "--no-default-glossaries", "--accept-all", "--min-score", "0.9", "--to", to)
    assert result.exit_code == 0, result.stderr
    mined = {e.source: e for e in read_tsv(to)}
    assert mined["中南海"].preferred == "Zhongnanhai" and mined["中南海"].status == "proposed"
    assert "zh: " in result.stdout and "en: " in result.stdout  # shown with an example bead

    from typer.testing import CliRunner

    from transcompare.cli.main import app

    one = tmp_path / "one.tsv"
    runner = CliRunner()
    answer = runner.invoke(app, ["glossary", "suggest", str(CASE1), "--no-default-glossaries", "--top", "2", "--to", str(one)], input="y\nn\n")
    assert answer.exit_code == 0, answer.output
    assert len(read_tsv(one)) == 1


def test_suggest_answers_that_run_out_keep_the_accepted_ones(tmp_path):
    """Piped answers that ended before the questions did gave "Aborted.", exit 1, and lost the yeses."""
    from typer.testing import CliRunner

    from transcompare.cli.main import app

    to = tmp_path / "piped.tsv"
    result = CliRunner().invoke(app, ["glossary", "suggest", str(CASE1), "--no-default-glossaries", "--top", "3", "--to", str(to)], input="y\n")
    assert result.exit_code == 0, result.output
    assert "no answer for candidate 2" in result.output and "Aborted" not in result.output
    assert len(read_tsv(to)) == 1


@pytest.mark.parametrize("case_json", ["{bad", "{}", '{"original": "o.txt"}', "[]"])
def test_suggest_malformed_case_folder_is_one_line(run_cli, tmp_path, case_json):
    """A folder whose case.json was not JSON, or lacked "original", ended in an internal error."""
    (tmp_path / "case.json").write_text(case_json, encoding="utf-8")
    result = run_cli("glossary", "suggest", tmp_path)
    assert result.exit_code == 2 and result.stderr.startswith("error [E401]") and "case.json" in result.stderr
    assert "internal error" not in result.stderr


@pytest.mark.parametrize("payload", ["[]", "null", '"x"'])
def test_suggest_json_that_is_not_an_object_is_one_line(run_cli, tmp_path, payload):
    """A JSON list, string or null ended in 'internal error: AttributeError', exit 1."""
    path = tmp_path / "c.json"
    path.write_text(payload, encoding="utf-8")
    result = run_cli("glossary", "suggest", path)
    assert result.exit_code == 2 and "not a comparison written by" in result.stderr


def test_suggest_swapped_pair_says_so(run_cli):
    """--original EN --edition ZH forced the English text through the Chinese rules (and the
    reverse), then said 'no candidates'."""
    result = run_cli("glossary", "suggest", "--original", CASE1 / "edition.en.txt", "--edition", CASE1 / "original.zh.txt")
    assert result.exit_code == 2 and "reads as en" in result.stderr and "Chinese original with its English edition" in result.stderr


def test_suggest_unknown_status_is_refused_before_the_mining(run_cli, tmp_path, monkeypatch):
    """--status bogus aligned, listed every candidate, asked, and only then failed to add them."""
    monkeypatch.setattr("transcompare.glossary.suggest.load_units", lambda *a, **k: pytest.fail("mined"))
    result = run_cli("glossary", "suggest", CASE1, "--accept-all", "--status", "bogus", "--to", tmp_path / "m.tsv")
    assert result.exit_code == 2 and "--status 'bogus'" in result.stderr and result.stdout == ""
    assert not (tmp_path / "m.tsv").exists()


def test_check_an_edition_alone_and_against_its_original(run_cli, tmp_path):
    alone = run_cli("glossary", "check", CASE1 / "edition.en.txt")
    assert alone.exit_code == 1
    assert "Lin Zhiheng" in alone.stdout and "Lin Chih-heng" in alone.stdout
    report = tmp_path / "c.json"
    paired = run_cli("glossary", "check", CASE1 / "edition.en.txt", "--original", CASE1 / "original.zh.txt", "--json", report)
    assert paired.exit_code == 1
    (finding,) = json.loads(report.read_text())["findings"]  # 川普 → Trump and 中情局 → CIA pass
    assert "Lin Zhiheng" in finding["explanation"]
    assert finding["severity"] == "high" and finding["original_spans"]
    html = ROOT / "corpora" / "004-html-page" / "edition.en.html"
    assert run_cli("glossary", "check", html).exit_code == 0
    clean = tmp_path / "clean.en.txt"
    clean.write_text("Prof. Lin Chih-heng of National Chengchi University spoke.\n", encoding="utf-8")
    assert run_cli("glossary", "check", clean).exit_code == 0
    mine = tmp_path / "mine.tsv"
    mine.write_text("source\tpreferred\tforbidden\n国立政治大学\tNational Chengchi University\tChengchi University\n", encoding="utf-8")
    assert run_cli("glossary", "check", clean, "-g", mine, "--no-default-glossaries").exit_code == 0
    mine.write_text("source\tpreferred\tforbidden\n国立政治大学\tNCCU\tNational Chengchi University\n", encoding="utf-8")
    assert run_cli("glossary", "check", clean, "-g", mine, "--no-default-glossaries").exit_code == 1
    mine.write_text("source\tpreferred\n林志恒\tLin Zhiheng\n", encoding="utf-8")  # overrides the default entry
    assert run_cli("glossary", "check", CASE1 / "edition.en.txt", "-g", mine).exit_code == 0


def test_check_refuses_a_chinese_edition_and_swapped_arguments(run_cli):
    """A Chinese 'edition' (or the two articles swapped) came back '0 glossary finding(s)', exit 0:
    clean, though no rendering was checked."""
    trad = ROOT / "corpora" / "002-trad-edition"
    alone = run_cli("glossary", "check", trad / "edition.zh-hant.txt")
    assert alone.exit_code == 2 and "is Chinese text" in alone.stderr
    swapped = run_cli("glossary", "check", CASE1 / "original.zh.txt", "--original", CASE1 / "edition.en.txt")
    assert swapped.exit_code == 2 and "give the English edition first" in swapped.stderr
    assert len(swapped.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("case", ["001-cadre-loyalty"])
def test_compare_entity_check_reports_the_planted_glossary_violation(case):
    from transcompare.pipeline import CompareOptions, compare

    folder = ROOT / "corpora" / case
    result = compare(str(folder / "original.zh.txt"), [str(folder / "edition.en.txt")], CompareOptions(checks=("entities",)))
    glossary = [f for f in result.findings if f.subtype == "glossary"]
    assert any("Lin Zhiheng" in f.explanation for f in glossary)
    assert "glossary:" in result.signature and "terms-" in result.signature


def test_suggest_reads_comparison_json_and_pairs(run_cli, tmp_path):
    from transcompare.pipeline import CompareOptions, compare

    result = compare(str(CASE1 / "original.zh.txt"), [str(CASE1 / "edition.en.txt")], CompareOptions(checks=("omissions",)))
    saved = tmp_path / "001.json"
    saved.write_text(json.dumps(result.to_dict(), ensure_ascii=False), encoding="utf-8")
    from_json = run_cli("glossary", "suggest", saved, "--no-default-glossaries", "--min-score", "0.9")
    from_pair = run_cli("glossary", "suggest", "--original", CASE1 / "original.zh.txt", "--edition", CASE1 / "edition.en.txt",
                        "--no-default-glossaries", "--min-score", "0.9")
    assert "中南海 → Zhongnanhai" in from_json.stdout and "中南海 → Zhongnanhai" in from_pair.stdout
    with_defaults = run_cli("glossary", "suggest", saved, "--min-score", "0")
    assert "中南海 →" not in with_defaults.stdout  # known terms are not proposed again
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    assert run_cli("glossary", "suggest", bad).stderr.startswith("error [E401]")
    assert run_cli("glossary", "suggest", "--original", "x").exit_code == 2


def test_unwritable_glossary_or_export_path_is_one_line_exit_2(run_cli, tmp_path):
    """A folder in the way used to end in 'internal error: FileExistsError' with exit 1."""
    (tmp_path / "afile").write_text("x")
    for args in (("add", "甲", "A", "-g", tmp_path / "afile" / "g.tsv"),
                 ("export", tmp_path / "afile" / "g.csv")):
        result = run_cli("glossary", *args)
        lines = result.stderr.strip().splitlines()
        assert result.exit_code == 2 and len(lines) == 1, result.stderr
        assert "afile" in lines[0] and "cannot write" in lines[0] and "internal error" not in lines[0]


def test_import_conflict_names_the_import_option(run_cli, tmp_path):
    """import has no --replace; its conflict message pointed to one."""
    src, target = tmp_path / "in.tsv", tmp_path / "desk.tsv"
    src.write_text("source\tpreferred\n明居正\tMing Chu-cheng\n", encoding="utf-8")
    assert run_cli("glossary", "import", src, "-g", target).exit_code == 0
    result = run_cli("glossary", "import", src, "-g", target)
    assert result.exit_code == 2 and "--on-conflict" in result.stderr and "--replace" not in result.stderr
    result = run_cli("glossary", "add", "-g", target, "明居正", "Ming Chu-cheng")
    assert result.exit_code == 2 and "--replace" in result.stderr


@pytest.mark.parametrize(
    "args",
    [("check", str(CASE1 / "edition.en.txt"), "--json", "-"),
     ("export", "-", "--format", "tsv"),
     ("merge", str(ROOT / "glossaries" / "terms.tsv"), "-o", "-")],
)
def test_dash_is_no_output_file(run_cli, tmp_path, monkeypatch, args):
    """These wrote a file named "-"; standard output is not theirs to take."""
    monkeypatch.chdir(tmp_path)
    result = run_cli("glossary", *args)
    assert result.exit_code == 2 and "'-'" in result.stderr
    assert not (tmp_path / "-").exists()


def test_check_aligner_without_original_is_refused(run_cli):
    result = run_cli("glossary", "check", CASE1 / "edition.en.txt", "--aligner", "gale-church")
    assert result.exit_code == 2 and "--original" in result.stderr


def test_show_writes_wade_giles_umlaut(run_cli):
    result = run_cli("glossary", "show", "中纪委")
    line = next(l for l in result.stdout.splitlines() if l.startswith("wade-giles"))
    assert "lü" in line and "yüan" in line and "v" not in line.split(None, 1)[1]


def test_list_filters_are_checked(run_cli):
    """A misspelt --type or --status listed nothing, as if the glossaries had no such entries."""
    for args in (("--type", "persn"), ("--status", "aproved")):
        result = run_cli("glossary", "list", *args)
        assert result.exit_code == 2 and "choose" in result.stderr, args
    organisations = run_cli("glossary", "list", "--type", "organisation").stdout
    assert organisations and run_cli("glossary", "list", "--type", "organization").stdout == organisations


@pytest.mark.parametrize("name", ["desk.csv", "desk.tbx"])
def test_changing_a_csv_or_tbx_glossary_is_refused(run_cli, tmp_path, name):
    """add -g desk.csv wrote TSV into desk.csv; add -g desk.tbx said "header lacks column(s)"."""
    result = run_cli("glossary", "add", "-g", tmp_path / name, "张三", "Zhang San")
    assert result.exit_code == 2 and "glossary import" in result.stderr
    assert not (tmp_path / name).exists()


def test_glossary_under_a_file_names_the_file(run_cli, tmp_path):
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    result = run_cli("glossary", "add", "-g", tmp_path / "afile" / "g.tsv", "张三", "Zhang San")
    assert result.exit_code == 2 and "afile is a file, not a folder" in result.stderr
