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
