"""The search: a banded dynamic programme over bead shapes. Pure numpy, no I/O.

Rows are original sentences, columns edition sentences. Row ``i`` keeps only the columns
``[lo[i], hi[i])`` (the band), so time and memory grow with n x band width, not n x m.
Bead scores come from a callback computed one block of rows at a time.
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

NEG = -1e30

#: (r0, r1, c0, c1) -> scores[shape, i - r0, j - c0] of the bead of that shape ending at (i, j).
ScoreBlock = Callable[[int, int, int, int], np.ndarray]


def full_band(n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    return np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m + 1, dtype=np.int64)


def search(
    n: int,
    m: int,
    shapes: Sequence[tuple[int, int]],
    score_block: ScoreBlock,
    del_src: np.ndarray,
    del_tgt: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    block_rows: int = 64,
    progress: Callable[[int, int], None] | None = None,
) -> list[tuple[int, int, int, int, float]]:
    """Best monotone path; returns beads as (a, b, i_end, j_end, bead_score) in order.

    ``shapes`` are the (a, b) bead shapes with a >= 1 and b >= 1; 1-0 beads cost ``del_src[i]``
    and 0-1 beads ``del_tgt[j]``.
    """
    shapes = list(shapes)
    codes = shapes + [(1, 0), (0, 1)]
    code_del_src, code_del_tgt = len(shapes), len(shapes) + 1
    max_a = max([a for a, _ in codes])
    rows_d: dict[int, np.ndarray] = {}
    back: list[np.ndarray] = []
    gain: list[np.ndarray] = []
    cum_tgt = np.concatenate([[0.0], np.cumsum(del_tgt, dtype=np.float64)])  # cum_tgt[j] = sum del_tgt[:j]
    for r0 in range(0, n + 1, block_rows):
        r1 = min(n + 1, r0 + block_rows)
        c0, c1 = int(lo[r0:r1].min()), int(hi[r0:r1].max())
        block = score_block(r0, r1, c0, c1) if shapes else np.zeros((0, r1 - r0, c1 - c0))
        for i in range(r0, r1):
            l, h = int(lo[i]), int(hi[i])
            cols = np.arange(l, h)
            best = np.full(h - l, NEG)
            arg = np.full(h - l, code_del_tgt, dtype=np.int8)
            step = np.zeros(h - l)
            if i == 0:
                if l == 0:
                    best[0] = 0.0
            else:
                for code, (a, b) in enumerate(codes[:-1]):
                    if a > i:
                        continue
                    prev = rows_d.get(i - a)
                    if prev is None:
                        continue
                    pl = int(lo[i - a])
                    idx = cols - b - pl
                    ok = (idx >= 0) & (idx < prev.shape[0])
                    if not ok.any():
                        continue
                    base = np.where(ok, prev[np.clip(idx, 0, prev.shape[0] - 1)], NEG)
                    if code == code_del_src:
                        s = np.full(h - l, -float(del_src[i - 1]))
                    else:
                        s = block[code, i - r0, l - c0:h - c0]
                    cand = base + s
                    better = cand > best
                    best = np.where(better, cand, best)
                    arg = np.where(better, code, arg)
                    step = np.where(better, s, step)
            # 0-1 beads: best[j] = max(best[j], best[j-1] - del_tgt[j-1]) as one running maximum.
            cum = cum_tgt[cols]
            lifted = best + cum
            running = np.maximum.accumulate(lifted)
            inserted = running > lifted
            if inserted.any():
                best = np.where(inserted, running - cum, best)
                arg = np.where(inserted, code_del_tgt, arg)
                step = np.where(inserted, -del_tgt[np.maximum(cols - 1, 0)], step)
            rows_d[i] = best
            rows_d.pop(i - max_a - 1, None)
            back.append(arg)
            gain.append(step)
        if progress:
            progress(r1, n + 1)
    if not (lo[n] <= m < hi[n]) or rows_d[n][m - lo[n]] <= NEG / 2:
        raise ValueError("the band holds no path to the end")
    beads = []
    i, j = n, m
    while i > 0 or j > 0:
        k = j - int(lo[i])
        code = int(back[i][k])
        a, b = codes[code]
        beads.append((a, b, i, j, float(gain[i][k])))
        i, j = i - a, j - b
    beads.reverse()
    return beads


def posteriors(
    n: int,
    m: int,
    shapes: Sequence[tuple[int, int]],
    scores: np.ndarray,
    del_src: np.ndarray,
    del_tgt: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
) -> tuple[float, np.ndarray, np.ndarray, np.ndarray]:
    """Forward-backward over the same lattice as ``search``, with path score = sum of bead scores.

    ``scores[k, i, j]`` is the (log) score of the bead of shape k ending at (i, j) on the full grid.
    Returns log Z (log-sum-exp over all paths), the posterior probability of every bead (same
    layout as ``scores``), and each original / edition sentence's probability of having no
    counterpart. Used to train the bead weights as a CRF.
    """
    codes = list(shapes) + [(1, 0)]
    null_code = len(codes) - 1
    ds, dt = np.asarray(del_src, np.float64), np.asarray(del_tgt, np.float64)
    cum = np.concatenate([[0.0], np.cumsum(dt)])
    lo, hi = [int(x) for x in lo], [int(x) for x in hi]

    def overlap(l, h, pl, ph, b):
        """Columns c in [l, h) whose partner c - b lies in [pl, ph)."""
        return max(l, pl + b), min(h, ph + b)

    def incoming(i):
        """Beads ending on row i: (code, a, b, columns [c0, c1) of row i they reach, the forward
        scores of where they start)."""
        for k, (a, b) in enumerate(codes):
            if a > i:
                continue
            pl = lo[i - a]
            c0, c1 = overlap(lo[i], hi[i], pl, hi[i - a], b)
            if c0 < c1:
                yield k, a, b, c0, c1, alpha[i - a][c0 - b - pl:c1 - b - pl]

    alpha: list[np.ndarray] = []
    for i in range(n + 1):
        l, h = lo[i], hi[i]
        acc = np.full(h - l, NEG)
        if i == 0 and l == 0:
            acc[0] = 0.0
        for k, a, b, c0, c1, base in incoming(i):
            s = -ds[i - 1] if k == null_code else scores[k, i, c0:c1]
            acc[c0 - l:c1 - l] = np.logaddexp(acc[c0 - l:c1 - l], base + s)
        c = cum[l:h]
        alpha.append(np.logaddexp.accumulate(acc + c) - c)
    if not (lo[n] <= m < hi[n]):
        raise ValueError("the band holds no path to the end")
    log_z = float(alpha[n][m - lo[n]])
    post = np.zeros(scores.shape, np.float64)
    null_src = np.zeros(n)
    null_tgt = np.zeros(m)
    beta: list[np.ndarray | None] = [None] * (n + 1)
    for i in range(n, -1, -1):
        l, h = lo[i], hi[i]
        acc = np.full(h - l, NEG)
        if i == n and h > m:
            acc[m - l] = 0.0
        for k, (a, b) in enumerate(codes):
            if i + a > n:
                continue
            nl = lo[i + a]
            # columns c with c + b in [nl, nh) and c + b <= m
            c0, c1 = overlap(l, h, nl, min(hi[i + a], m + 1), -b)
            if c0 >= c1:
                continue
            after = beta[i + a][c0 + b - nl:c1 + b - nl]
            s = -ds[i] if k == null_code else scores[k, i + a, c0 + b:c1 + b]
            acc[c0 - l:c1 - l] = np.logaddexp(acc[c0 - l:c1 - l], after + s)
        c = cum[l:h]
        row = np.logaddexp.accumulate((acc - c)[::-1])[::-1] + c
        beta[i] = row
        if i > 0:  # posteriors of the beads that end on this row
            for k, a, b, c0, c1, base in incoming(i):
                base = base + row[c0 - l:c1 - l] - log_z
                if k == null_code:
                    null_src[i - 1] = np.exp(base - ds[i - 1]).sum()
                else:
                    post[k, i, c0:c1] = np.exp(base + scores[k, i, c0:c1])
        if h - l > 1:  # 0-1 beads ending at (i, j): alpha[i][j-1] - dt[j-1] + beta[i][j]
            null_tgt[l:h - 1] += np.exp(alpha[i][:-1] - dt[l:h - 1] + row[1:] - log_z)
        if i + max(a for a, _ in codes) + 1 <= n:
            beta[i + max(a for a, _ in codes) + 1] = None
    return log_z, post, null_src, null_tgt
