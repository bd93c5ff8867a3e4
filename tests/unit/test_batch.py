"""Batch runs: manifests, resumability, failures, executors and the corpus aggregate."""

from __future__ import annotations

import csv
import dataclasses
import os
import json
from pathlib import Path

import pytest

from transcompare.batch.aggregate import build_aggregate, write_aggregate
from transcompare.batch.executors import LocalExecutor, SerialExecutor, get_executor
from transcompare.batch.manifest import Case, CaseInput, load_manifest
from transcompare.batch.runner import BatchOptions, case_filename, run_batch
from transcompare.batch.state import CaseRecord, StateStore
from transcompare.batch.synth import make_corpus
from transcompare.batch.tasks import renderings, summarise
from transcompare.errors import ManifestError, OptionError

from transcompare.pipeline import CompareOptions

# One cheap check keeps these tests about the batch machinery, not the pipeline's speed.
CHEAP = CompareOptions(checks=("numbers",))
SERIAL = BatchOptions(engine="serial", compare=CHEAP)


@pytest.fixture
def corpus(tmp_path, corpora) -> Path:
    return make_corpus(corpora, tmp_path / "corpus", cases=6, seed=1)


def _run(manifest: Path) -> list[dict]:
    return json.loads((manifest.parent.parent / "out" / "run.json").read_text(encoding="utf-8"))["cases"]


# --- manifests ---------------------------------------------------------------------------------


def test_csv_manifest_resolves_paths_and_metadata(tmp_path):
    (tmp_path / "sub").mkdir()
    manifest = tmp_path / "sub" / "m.csv"
    manifest.write_text(
        "id,original,editions,edition_langs,outlet,date,desk\n"
        "a,zh/a.txt,en/a.txt;zh/a-hant.txt,en;zh-Hant,Huaguan,2026-03-05,china\n"
        "b,https://example.org/b.html,b.en.txt,,,2026-04,\n",
        encoding="utf-8",
    )
    a, b = load_manifest(manifest)
    assert a.id == "a" and a.outlet == "Huaguan" and a.month == "2026-03" and a.meta == {"desk": "china"}
    assert a.original.source == str(tmp_path / "sub" / "zh" / "a.txt")
    assert [e.lang for e in a.editions] == ["en", "zh"]
    assert [e.written for e in a.editions] == ["en/a.txt", "zh/a-hant.txt"]
    assert b.original.is_url and b.original.source == "https://example.org/b.html"
    assert b.outlet is None and b.month == "2026-04"


def test_jsonl_manifest_accepts_case_json_style_inputs(tmp_path):
    manifest = tmp_path / "m.jsonl"
    rows = [
        {"id": "x", "original": {"path": "o.txt", "lang": "zh"}, "editions": [{"path": "e.txt", "lang": "en"}],
         "published": "2026-01-22", "meta": {"desk": "d"}, "extra": 3},
        {"id": "y", "original": "o.txt", "editions": "e.txt"},
    ]
    manifest.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    x, y = load_manifest(manifest)
    assert x.original.lang == "zh" and x.date == "2026-01-22" and x.meta == {"desk": "d", "extra": 3}
    assert len(y.editions) == 1 and y.date is None and y.month == "unknown"


def test_jsonl_edition_langs_as_a_string_is_split_like_csv(tmp_path):
    """"edition_langs": "en" used to be read letter by letter: the edition's language became "e"."""
    manifest = tmp_path / "m.jsonl"
    manifest.write_text('{"id": "x", "original": "o.txt", "editions": ["a.txt", "b.txt"], "edition_langs": "en;zh-Hant"}\n',
                        encoding="utf-8")
    (case,) = load_manifest(manifest)
    assert [e.lang for e in case.editions] == ["en", "zh"]


@pytest.mark.parametrize(
    "text, message",
    [
        ('{"original": "o.txt", "editions": ["e.txt"]}\n', "no id"),
        ('{"id": "a", "original": "o.txt", "editions": []}\n', "no editions"),
        ('{"id": "a", "editions": ["e.txt"]}\n', "path or URL"),
        ('{"id": "a", "original": "o", "editions": ["e"], "date": "5 March"}\n', "YYYY-MM-DD"),
        ('{"id": "a", "original": "o", "editions": ["e"], "date": "2026-13-45"}\n', "YYYY-MM-DD"),
        ('{"id": "a", "original": "o", "editions": 5}\n', "editions must be a path"),
        ('{"id": "a", "original": "o", "editions": ["e"], "edition_langs": 7}\n', "edition_langs must be"),
        ('{"id": "a", "original": "o", "editions": ["e"]}\n{"id": "a", "original": "o", "editions": ["e"]}\n', "duplicate id"),
        ('{"id": "a", "original": \n', "invalid JSON"),
        ("", "no cases"),
        ('{"id": "a", "original": "o", "editions": ["e"], "edition_langs": ["en", "zh"]}\n', "2 edition_langs for 1 edition"),
        ('{"id": "a", "original": "o", "editions": ["e"], "original_lang": 5}\n', "must be a string"),
        ('{"id": "a", "original": {"path": "o", "lang": true}, "editions": ["e"]}\n', "must be a string"),
        ('{"id": "a", "original": "o", "editions": ["e"], "meta": 5}\n', "meta must be an object"),
    ],
)
def test_bad_manifests_name_the_problem(tmp_path, text, message):
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(text, encoding="utf-8")
    with pytest.raises(ManifestError, match=message):
        load_manifest(manifest)


def test_manifest_that_is_a_folder_or_an_empty_csv_says_so(tmp_path):
    with pytest.raises(ManifestError, match="is a directory"):
        load_manifest(tmp_path)
    empty = tmp_path / "m.csv"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="is empty"):  # not "CSV header lacks editions, id, original"
        load_manifest(empty)


def test_csv_row_with_more_cells_than_the_header_is_refused(tmp_path):
    """An unquoted comma in the last column (an outlet "Huaguan News, Inc.") lost the rest of the
    value in silence."""
    manifest = tmp_path / "m.csv"
    manifest.write_text("id,original,editions,outlet\na,o.txt,e.txt,Huaguan News, Inc.\n", encoding="utf-8")
    with pytest.raises(ManifestError, match=r"m.csv:2: more cells than the header"):
        load_manifest(manifest)
    manifest.write_text('id,original,editions,outlet\na,o.txt,e.txt,"Huaguan News, Inc."\n', encoding="utf-8")
    assert load_manifest(manifest)[0].outlet == "Huaguan News, Inc."


def test_csv_without_required_columns(tmp_path):
    manifest = tmp_path / "m.csv"
    manifest.write_text("id,original\na,o.txt\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="editions"):
        load_manifest(manifest)


@pytest.mark.parametrize(
    "case_id, expected",
    [("case-0001", "case-0001"), ("2026/03/story", None), ("<b>", None), ("新闻", None)],
)
def test_case_filenames_are_safe_and_distinct(case_id, expected):
    name = case_filename(case_id)
    assert "/" not in name and "<" not in name
    if expected:
        assert name == expected
    assert case_filename(case_id) == name
    assert case_filename(case_id + "x") != name


# --- runs ----------------------------------------------------------------------------------------


def test_serial_run_writes_every_case_and_aggregate(corpus):
    out = corpus.parent.parent / "out"
    report = run_batch(corpus, out, SERIAL)
    assert (report.cases, report.ok, report.failed, report.skipped) == (6, 6, 0, 0)
    cases = _run(corpus)
    assert [c["id"] for c in cases] == [f"case-{n:04d}" for n in range(6)]
    for case in cases:
        data = json.loads((out / case["outputs"]["json"]).read_text(encoding="utf-8"))
        assert data["meta"]["case"]["id"] == case["id"]
        assert data["editions"][0]["edition"]["source"].startswith(case["id"] + "/")
    for name in ("aggregate.csv", "renderings.csv", "aggregate.json", "index.html"):
        assert (out / name).is_file()
    rows = list(csv.DictReader((out / "aggregate.csv").open(encoding="utf-8")))
    assert {r["outlet"] for r in rows} == {"Huaguan News", "Huaguan English Service"}
    assert {r["month"] for r in rows} == {"2026-01", "2026-02", "2026-03"}


def test_rerun_skips_finished_and_redoes_changed_inputs(corpus):
    out = corpus.parent.parent / "out"
    run_batch(corpus, out, SERIAL)
    before = (out / "run.json").read_bytes()
    again = run_batch(corpus, out, SERIAL)
    assert (again.ran, again.skipped) == (0, 6)
    assert (out / "run.json").read_bytes() == before
    edition = corpus.parent / "case-0002" / "edition-a.en.txt"
    edition.write_text(edition.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    changed = run_batch(corpus, out, SERIAL)
    assert (changed.ran, changed.skipped) == (1, 5)
    other_options = run_batch(corpus, out, BatchOptions(engine="serial", compare=CompareOptions(checks=("numbers",), use_default_glossaries=False)))
    assert other_options.ran == 6
    with StateStore(out / "state.sqlite") as state:
        records = state.all()
    assert records["case-0002"].completions == 3 and records["case-0001"].completions == 2


def test_deleted_report_is_rewritten(corpus):
    out = corpus.parent.parent / "out"
    run_batch(corpus, out, SERIAL)
    (out / "cases" / "case-0003.json").unlink()
    again = run_batch(corpus, out, SERIAL)
    assert again.ran == 1 and (out / "cases" / "case-0003.json").is_file()


def _add_failing_cases(corpus) -> None:
    """Three cases that cannot run: a missing file, an empty one, a URL without --fetch."""
    lines = corpus.read_text(encoding="utf-8").splitlines()
    lines.append(json.dumps({"id": "missing", "original": "nowhere/o.txt", "editions": ["nowhere/e.txt"]}))
    lines.append(json.dumps({"id": "empty", "original": "empty.txt", "editions": ["case-0000/edition.en.txt"]}))
    lines.append(json.dumps({"id": "web", "original": "https://example.invalid/a", "editions": ["case-0000/edition.en.txt"]}))
    (corpus.parent / "empty.txt").write_text("   \n", encoding="utf-8")
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_failed_case_is_recorded_and_the_run_continues(corpus):
    out = corpus.parent.parent / "out"
    _add_failing_cases(corpus)
    report = run_batch(corpus, out, SERIAL)
    assert (report.ok, report.failed) == (6, 3)
    errors = {c["id"]: c["error"] for c in _run(corpus) if c["status"] == "error"}
    assert "no such file" in errors["missing"]
    assert errors["empty"].startswith("error [E103]")
    assert "empty.txt is empty" in errors["empty"] and "transcompare-batch-" not in errors["empty"]  # the manifest's name, not a temp copy's
    assert "--fetch" in errors["web"]
    assert "missing" in (out / "index.html").read_text(encoding="utf-8")
    # failures are tried again on a rerun; finished cases are not
    (corpus.parent / "empty.txt").write_text((corpus.parent / "case-0000" / "original.zh.txt").read_text(encoding="utf-8"), encoding="utf-8")
    again = run_batch(corpus, out, SERIAL)
    assert (again.ran, again.ok, again.failed) == (3, 1, 2)


def test_oversized_input_fails_its_case_without_being_read_whole(corpus, monkeypatch):
    """The client read every input whole to ship it: a manifest naming /dev/zero (or a 1 GB dump)
    never finished reading."""
    import transcompare.ingest.reader as reader

    monkeypatch.setattr(reader, "MAX_BYTES", 64)
    out = corpus.parent.parent / "out"
    report = run_batch(corpus, out, SERIAL)
    assert report.failed == 6
    errors = [c["error"] for c in _run(corpus)]
    assert all("is over" in e and "not an article" in e for e in errors)


def test_force_redoes_everything(corpus):
    out = corpus.parent.parent / "out"
    run_batch(corpus, out, SERIAL)
    assert run_batch(corpus, out, BatchOptions(engine="serial", compare=CHEAP, force=True)).ran == 6


def test_html_reports_on_request(corpus):
    out = corpus.parent.parent / "out"
    report = run_batch(corpus, out, BatchOptions(engine="serial", compare=CHEAP, formats=("json", "html")))
    from transcompare.report import EXPORTERS

    if "html" in EXPORTERS:
        assert all("html" in c["outputs"] for c in _run(corpus))
        assert not report.notes
    else:
        assert report.notes and all(set(c["outputs"]) == {"json"} for c in _run(corpus))


def test_stale_temp_files_are_swept(corpus):
    out = corpus.parent.parent / "out"
    (out / "cases").mkdir(parents=True)
    (out / "cases" / ".case-0000.json.abc123.tmp").write_text("half", encoding="utf-8")
    run_batch(corpus, out, SERIAL)
    assert not list(out.rglob("*.tmp"))


def test_outdir_must_be_a_folder(corpus, tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(OptionError, match="is a file"):
        run_batch(corpus, tmp_path / "file", SERIAL)


@pytest.mark.parametrize("damage", ["not a database", "truncated"])
def test_a_damaged_state_file_is_a_clear_error(tmp_path, damage):
    """A foreign or truncated state.sqlite used to end in 'internal error: DatabaseError'."""
    path = tmp_path / "state.sqlite"
    if damage == "truncated":
        with StateStore(path) as state:
            for n in range(40):
                state.finish(f"case-{n}", "k", "ok", summary={"pad": "x" * 1000})
        path.write_bytes(path.read_bytes()[:4096])
    else:
        path.write_text("these are notes, not a database\n" * 10, encoding="utf-8")
    with pytest.raises(OptionError, match="state.sqlite: not a usable batch state file .*move it away"):
        StateStore(path)


# --- executors -----------------------------------------------------------------------------------


def _square(x: int) -> int:
    return x * x


def _fail_on_three(x: int) -> int:
    if x == 3:
        raise ValueError("three")
    return x


def test_serial_executor_map_keeps_order_and_reports_exceptions():
    executor = SerialExecutor()
    assert list(executor.map(_square, range(5))) == [0, 1, 4, 9, 16]
    results = dict(executor.as_completed(_fail_on_three, range(5)))
    assert isinstance(results[3], ValueError) and results[4] == 4


def test_local_executor_map_keeps_input_order():
    with LocalExecutor(workers=2, window=3) as executor:
        assert list(executor.map(_square, range(12))) == [n * n for n in range(12)]


@pytest.mark.parametrize(
    "kwargs, message",
    [({"engine": "spark"}, "unknown engine"), ({"engine": "local", "address": "tcp://x:1"}, "only for --engine dask"),
     ({"engine": "local", "workers": 0}, "at least 1"), ({"engine": "serial", "workers": 3}, "one case at a time")],
)
def test_bad_executor_choices(kwargs, message):
    with pytest.raises(OptionError, match=message):
        get_executor(**kwargs)


# --- summaries and aggregate ---------------------------------------------------------------------


def _finding(kind: str, severity: str = "medium", confidence: float = 1.0, **evidence) -> dict:
    return {"kind": kind, "subtype": "changed", "severity": severity, "confidence": confidence,
            "explanation": f"{kind} differs", "id": f"e:{kind}", "evidence": evidence}


def test_summary_scores_and_collects_renderings():
    data = {"editions": [{"edition": {"id": "e"}, "findings": [
        _finding("number", "high", 0.5),
        _finding("entity", "low", 1.0, zh="郑国栋", en="Zheng Guodong"),
        _finding("entity", "medium", 1.0, term="中南海", rendering="Zhongnanhai", expected="Zhongnanhai compound"),
        _finding("entity", "low", 1.0, note="no names here"),
        _finding("entity", "low", 1.0, entity="王毅"),
        _finding("entity", "low", 1.0, entity="习近平", renderings=["Xi Jinping", "Xi Jin-ping"]),
    ]}], "original": {"title": "T"}, "signature": "s"}
    summary = summarise(data)
    assert summary["findings"] == 6 and summary["by_kind"] == {"entity": 5, "number": 1}
    assert summary["score"] == pytest.approx(1.5 + 1 + 2 + 1 + 1 + 1)
    assert summary["top"][0]["kind"] == "entity" and summary["top"][0]["severity"] == "medium"
    assert summary["renderings"] == [
        {"zh": "郑国栋", "en": "Zheng Guodong", "expected": "", "subtype": "changed"},
        {"zh": "中南海", "en": "Zhongnanhai", "expected": "Zhongnanhai compound", "subtype": "changed"},
        {"zh": "习近平", "en": "Xi Jinping / Xi Jin-ping", "expected": "", "subtype": "changed"},
    ]
    assert renderings([_finding("number", zh="5", en="6")]) == []


def _case(case_id: str, outlet: str | None, date: str | None) -> Case:
    return Case(case_id, CaseInput("/o", "o"), (CaseInput("/e", "e"),), outlet, date)


def _record(case_id: str, by_kind: dict, score: float, renders=(), status: str = "ok") -> CaseRecord:
    summary = {"findings": sum(by_kind.values()), "by_kind": by_kind, "score": score, "top": [],
               "renderings": list(renders), "title": f"title {case_id}"}
    return CaseRecord(case_id, "k", status, "boom" if status == "error" else "", {"json": f"cases/{case_id}.json"}, summary)


def test_aggregate_counts_by_outlet_month_kind_and_ranks_cases(tmp_path):
    cases = [_case("a", "Wire", "2026-01-03"), _case("b", "Wire", "2026-01-20"), _case("c", None, None),
             _case("d", "Wire", "2026-02-01"), _case("e", "Wire", "2026-02-02")]
    rendering = {"zh": "郑国栋", "en": "Zheng Guodong", "expected": ""}
    records = {
        "a": _record("a", {"number": 2, "omission": 1}, 5.0, [rendering]),
        "b": _record("b", {"number": 1}, 9.0, [rendering]),
        "c": _record("c", {"quote": 1}, 2.0),
        "d": _record("d", {"number": 5}, 99.0, status="error"),
    }
    data = build_aggregate(cases, records, top=2)
    table = {(r["outlet"], r["month"], r["kind"]): (r["findings"], r["cases"]) for r in data["table"]}
    assert table[("Wire", "2026-01", "number")] == (3, 2)
    assert table[("Wire", "2026-01", "omission")] == (1, 1)
    assert table[("Wire", "2026-01", "quote")] == (0, 0)
    assert table[("unknown", "unknown", "quote")] == (1, 1)
    assert ("Wire", "2026-02", "number") not in table  # only finished cases count
    assert [c["id"] for c in data["top_cases"]] == ["b", "a"]
    assert data["status"] == {"error": 1, "ok": 3, "pending": 1}
    assert data["renderings"] == [{**rendering, "cases": 2, "case_ids": ["a", "b"]}]
    write_aggregate(tmp_path, cases, records, top=2)
    again = (tmp_path / "aggregate.json").read_bytes()
    write_aggregate(tmp_path, list(reversed(cases))[::-1], dict(reversed(list(records.items()))), top=2)
    assert (tmp_path / "aggregate.json").read_bytes() == again


def test_index_links_every_case_and_escapes_text(tmp_path):
    from bs4 import BeautifulSoup

    cases = [_case("<script>alert(1)</script>", "<b>Wire</b>", "2026-01-01"), _case("plain", "Wire", "2026-01-02")]
    records = {c.id: _record(c.id, {"number": 1}, 1.0) for c in cases}
    write_aggregate(tmp_path, cases, records)
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    soup = BeautifulSoup(html, "html.parser")
    links = {a["href"] for a in soup.select("#cases a")}
    assert links == {f"cases/{c.id}.json" for c in cases}
    assert len(soup.select("#cases tr")) == 3


def test_index_has_the_reports_csp_and_marks_title_languages(tmp_path):
    """index.html had no Content-Security-Policy (each case's report has one) and no lang on titles."""
    from bs4 import BeautifulSoup

    from transcompare.report.html import CSP

    cases = [_case("zh", "Wire", "2026-01-01"), _case("hant", "Wire", "2026-01-02"), _case("old", "Wire", "2026-01-03")]
    records = {c.id: _record(c.id, {"number": 1}, 1.0) for c in cases}
    records["zh"].summary["title_lang"] = "zh-Hans"
    records["hant"].summary["title_lang"] = "zh-Hant"
    cases[2] = dataclasses.replace(cases[2], original=CaseInput("/o", "o", "zh"))  # a record from before title_lang: the manifest's
    write_aggregate(tmp_path, cases, records)
    soup = BeautifulSoup((tmp_path / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"] == CSP
    titles = {td.get_text(): td.get("lang") for td in soup.select("#cases td") if td.get_text().startswith("title ")}
    assert titles == {"title zh": "zh-Hans", "title hant": "zh-Hant", "title old": "zh"}


def test_summary_records_the_title_language():
    assert summarise({"original": {"title": "T", "lang": "zh", "script": "Hant"}})["title_lang"] == "zh-Hant"
    assert summarise({"original": {"title": "T", "lang": "en", "script": None}})["title_lang"] == "en"
    assert summarise({})["title_lang"] == ""


# --- CLI -----------------------------------------------------------------------------------------


def test_cli_batch_runs_and_reports(run_cli, corpus):
    out = corpus.parent.parent / "out"
    result = run_cli("batch", corpus, "-o", out, "--engine", "serial", "--check", "numbers")
    assert result.exit_code == 0, result.stderr
    assert "6 cases: 6 done, 0 already done, 0 failed" in result.stdout
    result = run_cli("batch", corpus, "-o", out, "--engine", "serial", "--check", "numbers")
    assert "0 done, 6 already done" in result.stdout


@pytest.mark.parametrize(
    "args, message",
    [(["--engine", "serial", "--scheduler", "tcp://127.0.0.1:1"], "only for --engine dask"),
     (["--engine", "nope"], "unknown engine"),
     (["--engine", "serial", "-j", "2"], "one case at a time"),
     (["--max-rate", "0"], "--max-rate")],
)
def test_cli_batch_option_errors_are_one_line(run_cli, corpus, args, message):
    result = run_cli("batch", corpus, "-o", corpus.parent.parent / "out", "--check", "numbers", *args)
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_cli_batch_bad_manifest(run_cli, tmp_path):
    manifest = tmp_path / "m.csv"
    manifest.write_text("id,original\n", encoding="utf-8")
    result = run_cli("batch", manifest, "-o", tmp_path / "out")
    assert result.exit_code == 2 and "E501" in result.stderr


def _die_on_five(x: int) -> int:
    if x == 5:
        os._exit(3)  # a crash in native code looks like this to the pool
    return x


def test_local_executor_survives_a_dying_worker():
    with LocalExecutor(workers=2, window=2) as executor:
        results = dict(executor.as_completed(_die_on_five, range(10)))
    assert sorted(results) == list(range(10))
    assert "BrokenProcessPool" in type(results[5]).__name__
    assert sum(results[n] == n for n in range(10) if n != 5) >= 8  # bystanders get another try


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has exited
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_local_workers_leave_when_the_client_is_killed():
    """kill -9 of a batch run used to leave its pool workers waiting forever, models loaded."""
    import signal
    import subprocess
    import sys
    import time

    script = (
        "import sys, time\n"
        "from transcompare.batch.executors import LocalExecutor\n"
        "from tests.unit.test_batch import _square\n"
        "ex = LocalExecutor(workers=2)\n"
        "list(ex.map(_square, range(4)))\n"
        "print(*ex._pool._processes, flush=True)\n"
        "time.sleep(600)\n"
    )
    root = Path(__file__).resolve().parents[2]
    client = subprocess.Popen([sys.executable, "-c", script], cwd=root, stdout=subprocess.PIPE, text=True)
    try:
        workers = [int(p) for p in client.stdout.readline().split()]
        assert len(workers) == 2 and all(_alive(p) for p in workers)
    finally:
        client.send_signal(signal.SIGKILL)
        client.wait()
    deadline = time.monotonic() + 60  # a bound on waiting, not a claim about speed
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(p) for p in workers)


def test_two_runs_cannot_share_an_outdir(corpus):
    from filelock import FileLock

    out = corpus.parent.parent / "out"
    out.mkdir()
    with FileLock(str(out / ".batch.lock")):
        with pytest.raises(OptionError, match="another batch run"):
            run_batch(corpus, out, SERIAL)
    assert run_batch(corpus, out, SERIAL).ok == 6


def test_urls_are_fetched_with_fetch(corpus):
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(corpus.parent))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        manifest = corpus.parent / "urls.csv"
        manifest.write_text(
            "id,original,editions\n"
            f"web,{base}/case-0000/original.zh.txt,{base}/case-0000/edition.en.txt\n"
            f"gone,{base}/nowhere.txt,case-0000/edition.en.txt\n",
            encoding="utf-8",
        )
        out = corpus.parent.parent / "out"
        report = run_batch(manifest, out, BatchOptions(engine="serial", compare=CHEAP, fetch=True))
    finally:
        server.shutdown()
    assert (report.ok, report.failed) == (1, 1)
    assert "HTTP 404" in dict(report.failures)["gone"]
    data = json.loads((out / "cases" / "web.json").read_text(encoding="utf-8"))
    assert data["original"]["source"] == f"{base}/case-0000/original.zh.txt"


def test_progress_events_count_up_to_the_cases_to_run(corpus):
    out = corpus.parent.parent / "out"
    run_batch(corpus, out, SERIAL)
    (out / "cases" / "case-0001.json").unlink()
    (out / "cases" / "case-0004.json").unlink()
    events = []
    run_batch(corpus, out, SERIAL, progress=events.append)
    assert (events[0].kind, events[0].total, events[0].skipped) == ("start", 2, 4)
    assert [(e.done, e.case_id, e.status) for e in events[1:]] == [(1, "case-0001", "ok"), (2, "case-0004", "ok")]


@pytest.mark.parametrize(
    "args, message",
    [(["--check", "nonsense"], "unknown check"),
     (["--aligner", "nonsense"], "unknown aligner"),
     (["--encoding", "nonsense"], "unknown encoding"),
     (["--glossary", "missing.tsv"], "cannot read glossary"),
     (["--mt-model", "./no-such-model"], "does not exist")],
)
def test_cli_batch_refuses_options_that_fail_every_case(run_cli, corpus, args, message):
    """These used to fail each case in turn (after the workers warmed up) and exit 0."""
    out = corpus.parent.parent / "out"
    result = run_cli("batch", corpus, "-o", out, "--engine", "serial", *args)
    assert result.exit_code == 2, result.stdout
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_cli_batch_exits_1_when_a_case_fails(run_cli, corpus):
    lines = corpus.read_text(encoding="utf-8").splitlines()
    broken = json.loads(lines[0])
    broken["original"] = "no-such-file.txt"
    corpus.write_text("\n".join([json.dumps(broken), *lines[1:]]) + "\n", encoding="utf-8")
    out = corpus.parent.parent / "out"
    result = run_cli("batch", corpus, "-o", out, "--engine", "serial", "--check", "numbers")
    assert result.exit_code == 1
    assert "5 done, 0 already done, 1 failed" in result.stdout and "no such file" in result.stderr


def test_cli_batch_failure_lines_have_one_style(run_cli, corpus):
    """A missing file read "failed ID: PATH: no such file", an empty one "failed ID: error [E103]: ..."."""
    _add_failing_cases(corpus)
    out = corpus.parent.parent / "out"
    result = run_cli("batch", corpus, "-o", out, "--engine", "serial", "--check", "numbers")
    assert result.exit_code == 1
    failures = sorted(line for line in result.stderr.splitlines() if "case " in line)
    assert len(failures) == 3, result.stderr
    assert failures[0].startswith("error [E101]: case missing: nowhere/o.txt: no such file")
    assert failures[1].startswith("error [E103]: case empty: ") and "empty.txt is empty" in failures[1]
    assert failures[2].startswith("error [E201]: case web: ") and "--fetch" in failures[2]
    errors = {c["id"]: c["error"] for c in _run(corpus) if c["status"] == "error"}
    assert all(e.startswith("error [E") for e in errors.values()), errors  # run.json and index.html alike


@pytest.mark.parametrize("error, line", [
    ("error [E101]: a.txt: no such file", "error [E101]: case c1: a.txt: no such file"),
    ("internal error: worker failed: KilledWorker: x", "internal error: case c1: worker failed: KilledWorker: x"),
    ("something uncoded", "error: case c1: something uncoded"),
])
def test_failure_line(error, line):
    from transcompare.cli.batch import failure_line

    assert failure_line("c1", error) == line


def test_mt_settings_from_config_or_env_change_the_key(tmp_path, monkeypatch):
    """A beam size, backend or model chosen by the config file or MT env variables changes every
    case's result, yet a rerun skipped the cases as done."""
    from transcompare.batch.runner import options_signature

    for var in ("TRANSCOMPARE_MT_MODEL", "TRANSCOMPARE_MT_BACKEND", "TRANSCOMPARE_MT_BEAM"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("TRANSCOMPARE_CONFIG", str(tmp_path / "none.toml"))
    plain = options_signature(CHEAP)
    assert "mt_settings" not in plain  # nothing configured: keys as before
    monkeypatch.setenv("TRANSCOMPARE_MT_BEAM", "4")
    beam4 = options_signature(CHEAP)
    assert beam4 != plain
    monkeypatch.delenv("TRANSCOMPARE_MT_BEAM")
    (tmp_path / "config.toml").write_text('[mt]\nmodel = "/models/zh-en"\n', encoding="utf-8")
    monkeypatch.setenv("TRANSCOMPARE_CONFIG", str(tmp_path / "config.toml"))
    assert options_signature(CHEAP) not in (plain, beam4)


def test_tab_separated_manifest_is_named_as_such(run_cli, tmp_path):
    manifest = tmp_path / "m.tsv"
    manifest.write_text("id\toriginal\teditions\n1\ta.txt\tb.txt\n", encoding="utf-8")
    result = run_cli("batch", manifest, "-o", tmp_path / "out")
    assert result.exit_code == 2 and "tab-separated" in result.stderr and "E501" in result.stderr


def test_outdir_under_a_file_is_one_line(run_cli, corpus, tmp_path):
    """It was an internal error (NotADirectoryError), exit 1."""
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    result = run_cli("batch", corpus, "-o", tmp_path / "afile" / "out", "--engine", "serial", "--check", "numbers")
    assert result.exit_code == 2 and "is a file, not a folder" in result.stderr and "internal error" not in result.stderr
