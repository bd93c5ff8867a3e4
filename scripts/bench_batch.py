"""Batch throughput with 1 and 2 workers on the same generated corpus, and the scaling ratio.

    .venv/bin/python scripts/bench_batch.py --cases 40 --engine local

Each run starts from an empty output folder and an empty embedding cache, so every case is
computed. "seconds" and "cases/s" include starting the workers and loading their models (what a
user waits for); "first" is the time to the first finished case; "steady" is the rate between
the first and the last finished case; "cpu/case" the median CPU seconds a worker spent on a case;
"cores" the cases' CPU time over the run's wall time: how many cores the workers actually got.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=40, help="generated cases (default 40)")
    parser.add_argument("--paragraphs", type=int, default=4, help="paragraphs kept per case, roughly (default 4)")
    parser.add_argument("--engine", default="local", choices=("local", "dask"), help="executor (default local)")
    parser.add_argument("--workers", default="1,2", help="worker counts to compare (default 1,2)")
    parser.add_argument("--aligner", default=None, help="aligner name (default: the pipeline's default)")
    parser.add_argument("--aligner-option", action="append", default=[], metavar="KEY=VALUE",
                        help="aligner option, repeatable (e.g. cache_path=:memory: so no case reuses another's embeddings)")
    parser.add_argument("--repeat", type=int, default=1, help="rounds, interleaved; the median is reported (default 1)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    from transcompare.align import DEFAULT_ALIGNER
    from transcompare.batch.runner import BatchOptions, run_batch
    from transcompare.batch.synth import make_corpus
    from transcompare.pipeline import CompareOptions

    counts = [int(n) for n in args.workers.split(",")]
    aligner_options = dict(item.split("=", 1) for item in args.aligner_option)
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        manifest = make_corpus(ROOT / "corpora", Path(tmp) / "corpus", args.cases, seed=args.seed, paragraphs=args.paragraphs)
        sentences = _sentences(manifest)
        print(f"corpus: {args.cases} cases, {sentences} sentences; aligner {args.aligner or DEFAULT_ALIGNER} {aligner_options or ''}; "
              f"engine {args.engine}; {os.cpu_count()} cores; {platform.processor() or platform.machine()}")
        print(f"{'round':>5} {'workers':>7} {'seconds':>8} {'cases/s':>8} {'sent/s':>8} {'first':>6} {'steady':>8} {'cpu/case':>8} {'cores':>5} {'failed':>6}")
        rates: dict[int, list[float]] = {n: [] for n in counts}
        steady: dict[int, list[float]] = {n: [] for n in counts}
        for r in range(args.repeat):
            for n in counts:
                os.environ["TRANSCOMPARE_CACHE"] = str(Path(tmp) / f"cache-{r}-{n}")  # workers inherit it
                options = BatchOptions(compare=CompareOptions(aligner=args.aligner, aligner_options=aligner_options), engine=args.engine, workers=n)
                finished: list[float] = []
                start = time.perf_counter()
                report = run_batch(manifest, Path(tmp) / f"out-{r}-{n}", options,
                                   progress=lambda e: finished.append(time.perf_counter()) if e.kind == "case" else None)
                seconds = time.perf_counter() - start
                records = _records(Path(tmp) / f"out-{r}-{n}")
                cpu = statistics.median(rec.cpu_seconds for rec in records)
                cores = sum(rec.cpu_seconds for rec in records) / seconds
                span = finished[-1] - finished[0] if len(finished) > 1 else 0.0
                rates[n].append(report.ran / seconds)
                steady[n].append((len(finished) - 1) / span if span > 0 else float("nan"))
                print(f"{r + 1:>5} {n:>7} {seconds:>8.2f} {rates[n][-1]:>8.2f} {sentences / seconds:>8.1f} "
                      f"{(finished[0] - start) if finished else float('nan'):>6.1f} {steady[n][-1]:>8.2f} {cpu:>8.2f} {cores:>5.2f} {report.failed:>6}", flush=True)
        for n in counts:
            print(f"median {n} worker(s): {statistics.median(rates[n]):.2f} cases/s overall, "
                  f"{statistics.median(steady[n]):.2f} cases/s steady")
        if len(counts) >= 2:
            base, top = counts[0], counts[-1]
            overall = statistics.median(rates[top]) / statistics.median(rates[base])
            steady_ratio = statistics.median(steady[top]) / statistics.median(steady[base])
            print(f"scaling {base} -> {top} workers: {overall:.2f}x overall, {steady_ratio:.2f}x steady")


def _records(out: Path):
    from transcompare.batch.state import StateStore

    with StateStore(out / "state.sqlite") as state:
        return list(state.all().values())


def _sentences(manifest: Path) -> int:
    """Sentences in all originals and editions: the unit the aligner's speed is quoted in."""
    from transcompare.batch.manifest import load_manifest
    from transcompare.pipeline import read_edition

    total = 0
    for case in load_manifest(manifest):
        for item in (case.original, *case.editions):
            total += len(read_edition(item.source, "x", item.lang).sentences)
    return total


if __name__ == "__main__":
    main()
