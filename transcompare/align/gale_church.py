"""Length-based alignment (Gale & Church 1993) with 1-0/0-1/1-1/1-2/2-1/2-2 beads.

The expected length ratio is estimated from the document pair itself, so zh (characters)
against en (characters) works without a per-language table.
"""

from __future__ import annotations

import math
from typing import Sequence

from ..model import Bead

# Prior probabilities of bead shapes (Gale & Church's table, 2-2 kept rare).
SHAPES: dict[tuple[int, int], float] = {
    (1, 1): 0.89,
    (1, 0): 0.0099,
    (0, 1): 0.0099,
    (2, 1): 0.089 / 2,
    (1, 2): 0.089 / 2,
    (2, 2): 0.011,
}
VARIANCE = 6.8


def _length(text: str) -> int:
    return len("".join(text.split()))


def _norm_cdf(x: float) -> float:
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


class GaleChurchAligner:
    name = "gale-church"

    def signature(self) -> str:
        return "gale-church.v1"

    def align(self, src: Sequence[str], tgt: Sequence[str], src_lang: str = "zh", tgt_lang: str = "en") -> list[Bead]:
        src_len = [_length(s) for s in src]
        tgt_len = [_length(t) for t in tgt]
        ratio = (sum(tgt_len) or 1) / (sum(src_len) or 1)
        n, m = len(src), len(tgt)
        inf = float("inf")
        cost = [[inf] * (m + 1) for _ in range(n + 1)]
        back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
        cost[0][0] = 0.0
        penalties = {shape: -math.log(p) for shape, p in SHAPES.items()}
        for i in range(n + 1):
            for j in range(m + 1):
                if i == 0 and j == 0:
                    continue
                best, best_shape = inf, None
                for (di, dj), penalty in penalties.items():
                    if di > i or dj > j or cost[i - di][j - dj] == inf:
                        continue
                    c = cost[i - di][j - dj] + penalty + self._match_cost(
                        sum(src_len[i - di:i]), sum(tgt_len[j - dj:j]), ratio
                    )
                    if c < best:
                        best, best_shape = c, (di, dj)
                cost[i][j], back[i][j] = best, best_shape
        beads: list[Bead] = []
        i, j = n, m
        while i > 0 or j > 0:
            di, dj = back[i][j]  # type: ignore[misc]
            step = cost[i][j] - cost[i - di][j - dj]
            beads.append(Bead(tuple(range(i - di, i)), tuple(range(j - dj, j)), round(math.exp(-step / 4), 4)))
            i, j = i - di, j - dj
        beads.reverse()
        return beads

    @staticmethod
    def _match_cost(len_src: int, len_tgt: int, ratio: float) -> float:
        if len_src == 0 and len_tgt == 0:
            return 0.0
        mean = (len_src + len_tgt / ratio) / 2
        z = (ratio * len_src - len_tgt) / math.sqrt(VARIANCE * ratio * mean)
        prob = 2 * (1 - _norm_cdf(abs(z)))
        return -math.log(max(prob, 1e-12))
