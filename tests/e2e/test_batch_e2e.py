"""Batch runs end to end: a run killed midway and resumed, and a real local Dask cluster."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from transcompare.batch.runner import BatchOptions, run_batch
from transcompare.batch.synth import make_corpus
from transcompare.pipeline import CompareOptions

ROOT = Path(__file__).resolve().parents[2]


def _cli(*args: object, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # One cheap check keeps these tests about the batch machinery, not the pipeline's speed.
    argv = [sys.executable, "-m", "transcompare.cli.main", "batch", *map(str, args), "--check", "numbers"]
    return subprocess.Popen(argv,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT, **kwargs)


def _completions(state: Path) -> dict[str, tuple[str, int, int]]:
    if not state.exists():
        return {}
    try:
        with sqlite3.connect(f"file:{state}?mode=ro", uri=True, timeout=5) as db:
            rows = db.execute("SELECT id, status, attempts, completions FROM cases").fetchall()
    except sqlite3.OperationalError:  # the table is not created yet
        return {}
    return {case_id: (status, attempts, completions) for case_id, status, attempts, completions in rows}


def test_killed_run_resumes_with_every_case_done_once(tmp_path, corpora):
    manifest = make_corpus(corpora, tmp_path / "corpus", cases=20, seed=3)
    out = tmp_path / "out"
    state = out / "state.sqlite"
    # --max-rate paces submissions, so the kill lands midway however fast the machine is
    first = _cli(manifest, "-o", out, "--engine", "local", "--workers", "2", "--max-rate", "4", start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            done = [c for c, (status, _, n) in _completions(state).items() if n]
            if len(done) >= 3 or first.poll() is not None:
                break
            time.sleep(0.05)
        assert first.poll() is None, "the first run ended before it could be killed"
    finally:
        os.killpg(first.pid, signal.SIGKILL)  # the run and its worker processes, as a crash would
        first.communicate()
    killed = _completions(state)
    finished_before = {c for c, (_, _, n) in killed.items() if n}
    assert 3 <= len(finished_before) < 20

    second = _cli(manifest, "-o", out, "--engine", "local", "--workers", "2")
    stdout, stderr = second.communicate(timeout=300)
    assert second.returncode == 0, stderr.decode()
    assert f"{20 - len(finished_before)} done, {len(finished_before)} already done, 0 failed" in stdout.decode()

    final = _completions(state)
    assert sorted(final) == [f"case-{n:04d}" for n in range(20)]
    assert all(status == "ok" and completions == 1 for status, _, completions in final.values())
    for case_id in finished_before:  # finished before the kill: not run again
        assert final[case_id][1] == killed[case_id][1]
    assert not list(out.rglob("*.tmp"))
    with sqlite3.connect(state) as db:  # the pool's two processes took every case: models loaded twice, not per case
        second_run_workers = {w for (c, w) in db.execute("SELECT id, worker FROM cases") if c not in finished_before}
    assert 1 <= len(second_run_workers) <= 2
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert [c["status"] for c in run["cases"]] == ["ok"] * 20
    for case in run["cases"]:
        data = json.loads((out / case["outputs"]["json"]).read_text(encoding="utf-8"))
        assert data["meta"]["case"]["id"] == case["id"]


def test_dask_cluster_runs_the_corpus_like_serial(tmp_path, corpora):
    distributed = pytest.importorskip("distributed")
    manifest = make_corpus(corpora, tmp_path / "corpus", cases=8, seed=5)
    run_batch(manifest, tmp_path / "serial", BatchOptions(engine="serial", compare=CompareOptions(checks=("numbers",))))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        proc = _cli(manifest, "-o", tmp_path / "dask", "--engine", "dask", "--scheduler", cluster.scheduler_address)
        stdout, stderr = proc.communicate(timeout=300)
        assert proc.returncode == 0, stderr.decode()
        assert "8 done, 0 already done, 0 failed (dask, 2 workers" in stdout.decode()
        with distributed.Client(cluster) as client:
            assert len(client.scheduler_info()["workers"]) == 2
    for name in ("run.json", "aggregate.json", "aggregate.csv"):
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "serial" / name).read_bytes()
    for case in json.loads((tmp_path / "serial" / "run.json").read_text(encoding="utf-8"))["cases"]:
        path = case["outputs"]["json"]
        assert (tmp_path / "dask" / path).read_bytes() == (tmp_path / "serial" / path).read_bytes()
    with sqlite3.connect(tmp_path / "dask" / "state.sqlite") as db:
        workers = {row[0] for row in db.execute("SELECT worker FROM cases")}
    assert workers and all(":" in w for w in workers)


def test_unreachable_scheduler_is_one_line(tmp_path, corpora):
    pytest.importorskip("distributed")
    manifest = make_corpus(corpora, tmp_path / "corpus", cases=1)
    proc = _cli(manifest, "-o", tmp_path / "out", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9")
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 2
    lines = stderr.decode().strip().splitlines()
    assert lines[-1].startswith("error [E201]") and "Dask scheduler" in lines[-1]


@pytest.mark.slow
def test_demo_corpora_as_a_batch_with_the_default_pipeline(tmp_path, corpora):
    """Every demo case (HTML pages, two editions, Traditional script) through every default check."""
    rows = []
    for case_dir in sorted(p for p in corpora.iterdir() if (p / "case.json").is_file()):
        case = json.loads((case_dir / "case.json").read_text(encoding="utf-8"))
        rows.append({
            "id": case["id"], "outlet": case["outlet"], "published": case["published"],
            "original": {"path": str(case_dir / case["original"]["path"]), "lang": case["original"]["lang"]},
            "editions": [{"path": str(case_dir / e["path"]), "lang": e["lang"]} for e in case["editions"]],
        })
    manifest = tmp_path / "demo.jsonl"
    manifest.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    report = run_batch(manifest, tmp_path / "out", BatchOptions(engine="serial", formats=("json", "html")))
    assert (report.ok, report.failed) == (len(rows), 0), report.failures
    aggregate = json.loads((tmp_path / "out" / "aggregate.json").read_text(encoding="utf-8"))
    assert sum(aggregate["findings_by_kind"].values()) > 0
    assert aggregate["top_cases"] and aggregate["top_cases"][0]["score"] > 0
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    for row in rows:
        assert f'href="cases/{row["id"]}.' in index
