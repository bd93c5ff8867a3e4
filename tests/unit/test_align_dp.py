"""The banded search on hand-made score tables: every bead shape comes out where the scores put it."""

from __future__ import annotations

import numpy as np
import pytest

from transcompare.align.dp import full_band, search

SHAPES = [(1, 1), (1, 2), (2, 1), (1, 3), (3, 1), (1, 4), (4, 1), (2, 2), (2, 3), (3, 2)]


def planted(n: int, m: int, beads: list[tuple[tuple[int, ...], tuple[int, ...]]], delete: float = 1.0):
    """Scores that reward exactly the planted beads (+2 each) and punish every other bead (-1)."""
    table = np.full((len(SHAPES), n + 1, m + 1), -1.0)
    for src, tgt in beads:
        if src and tgt:
            table[SHAPES.index((len(src), len(tgt))), src[-1] + 1, tgt[-1] + 1] = 2.0
    lo, hi = full_band(n, m)
    raw = search(n, m, SHAPES, lambda r0, r1, c0, c1: table[:, r0:r1, c0:c1],
                 np.full(n, delete), np.full(m, delete), lo, hi)
    return [(tuple(range(ie - a, ie)), tuple(range(je - b, je))) for a, b, ie, je, _ in raw]


CASES = [
    ("1-1", [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]),
    ("1-2", [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))]),
    ("2-1", [((0, 1), (0,)), ((2,), (1,))]),
    ("1-3", [((0,), (0, 1, 2)), ((1,), (3,))]),
    ("3-1", [((0,), (0,)), ((1, 2, 3), (1,))]),
    ("1-4", [((0,), (0, 1, 2, 3))]),
    ("4-1", [((0, 1, 2, 3), (0,)), ((4,), (1,))]),
    ("2-2", [((0, 1), (0, 1)), ((2,), (2,))]),
    ("2-3", [((0,), (0,)), ((1, 2), (1, 2, 3))]),
    ("3-2", [((0, 1, 2), (0, 1)), ((3,), (2,))]),
    ("1-0", [((0,), (0,)), ((1,), ()), ((2,), (1,))]),
    ("0-1", [((0,), (0,)), ((), (1,)), ((1,), (2,))]),
    ("dropped paragraph", [((0,), (0,)), ((1,), ()), ((2,), ()), ((3,), ()), ((4,), (1,))]),
]


@pytest.mark.parametrize("name,beads", CASES, ids=[c[0] for c in CASES])
def test_search_finds_planted_beads(name, beads):
    n = 1 + max([i for s, _ in beads for i in s], default=-1)
    m = 1 + max([j for _, t in beads for j in t], default=-1)
    assert planted(n, m, beads, delete=0.5) == beads


def test_band_keeps_to_its_rows():
    n = m = 6
    beads = [((i,), (i,)) for i in range(n)]
    table = np.full((len(SHAPES), n + 1, m + 1), -1.0)
    for i in range(1, n + 1):
        table[0, i, i] = 2.0
    lo = np.array([max(0, i - 1) for i in range(n + 1)])
    hi = np.array([min(m + 1, i + 2) for i in range(n + 1)])
    raw = search(n, m, SHAPES, lambda r0, r1, c0, c1: table[:, r0:r1, c0:c1], np.ones(n), np.ones(m), lo, hi, block_rows=2)
    assert [(tuple(range(ie - a, ie)), tuple(range(je - b, je))) for a, b, ie, je, _ in raw] == beads


def test_every_sentence_once_in_order():
    rng = np.random.default_rng(3)
    n, m = 9, 13
    table = rng.normal(size=(len(SHAPES), n + 1, m + 1))
    lo, hi = full_band(n, m)
    raw = search(n, m, SHAPES, lambda r0, r1, c0, c1: table[:, r0:r1, c0:c1], np.ones(n), np.ones(m), lo, hi)
    src = [i for a, b, ie, je, _ in raw for i in range(ie - a, ie)]
    tgt = [j for a, b, ie, je, _ in raw for j in range(je - b, je)]
    assert src == list(range(n)) and tgt == list(range(m))


def _all_paths(n, m, table, ds, dt, lo, hi):
    """Every monotone path inside the band, by brute force: (score, beads)."""
    codes = SHAPES + [(1, 0), (0, 1)]
    out = []

    def walk(i, j, total, beads):
        if (i, j) == (n, m):
            out.append((total, beads))
            return
        for k, (a, b) in enumerate(codes):
            ie, je = i + a, j + b
            if ie > n or je > m or not (lo[ie] <= je < hi[ie]):
                continue
            s = -ds[i] if (a, b) == (1, 0) else -dt[j] if (a, b) == (0, 1) else table[k, ie, je]
            walk(ie, je, total + s, beads + [(k, ie, je)])

    walk(0, 0, 0.0, [])
    return out


@pytest.mark.parametrize("banded", [False, True])
def test_posteriors_match_brute_force(banded):
    from transcompare.align.dp import posteriors

    rng = np.random.default_rng(1)
    n, m = 4, 5
    table = rng.normal(size=(len(SHAPES), n + 1, m + 1))
    ds, dt = rng.normal(size=n) + 1, rng.normal(size=m) + 1
    lo, hi = full_band(n, m)
    if banded:
        lo, hi = np.array([0, 0, 1, 2, 3]), np.array([3, 4, 5, 6, 6])
    paths = _all_paths(n, m, table, ds, dt, lo, hi)
    scores = np.array([s for s, _ in paths])
    log_z = np.logaddexp.reduce(scores)
    post, null_src, null_tgt = np.zeros_like(table), np.zeros(n), np.zeros(m)
    for s, beads in paths:
        p = np.exp(s - log_z)
        for k, i, j in beads:
            if k < len(SHAPES):
                post[k, i, j] += p
            elif k == len(SHAPES):
                null_src[i - 1] += p
            else:
                null_tgt[j - 1] += p
    got = posteriors(n, m, SHAPES, table, ds, dt, lo, hi)
    assert got[0] == pytest.approx(log_z)
    assert np.allclose(got[1], post) and np.allclose(got[2], null_src) and np.allclose(got[3], null_tgt)


def test_centring_separates_a_narrow_cone():
    """Vectors sharing one strong common direction look alike; without it, each sentence's own
    direction decides which is nearest."""
    from transcompare.align.features import centred

    common = np.array([1.0, 0, 0, 0])
    src = np.array([common + 0.3 * np.array([0, 1, 0, 0]), common + 0.3 * np.array([0, 0, 1, 0])], np.float32)
    tgt = np.array([common + 0.2 * np.array([0, 1, 0, 0]) + 0.15 * np.array([0, 0, 0, 1]),
                    common + 0.2 * np.array([0, 0, 1, 0]) - 0.15 * np.array([0, 0, 0, 1])], np.float32)
    src /= np.linalg.norm(src, axis=1, keepdims=True)
    tgt /= np.linalg.norm(tgt, axis=1, keepdims=True)
    raw = src @ tgt.T
    cs, ct = centred(src), centred(tgt)
    assert np.allclose(np.linalg.norm(cs, axis=1), 1.0) and abs(cs.sum(0)[0]) < 1e-5
    cos = cs @ ct.T
    assert raw.min() > 0.8  # everything alike before
    assert cos[0, 0] > 0.5 > cos[0, 1] and cos[1, 1] > 0.5 > cos[1, 0]
    assert centred(None) is None
