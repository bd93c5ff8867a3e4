"""Per-bead evidence for every bead shape in a block of the search grid: one signal per function.

A ``Side`` holds what each signal needs about one edition's units (sentences, or groups of
sentences in a coarse pass). ``block_features`` turns two sides and a block of bead end
positions into arrays ``[shape, row, col]`` the scorer weighs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import math

import numpy as np

NEG = -1e30


@dataclass
class Side:
    """One edition's units: embedding rows, lengths, lexical words, anchors, quote flags."""

    vecs: np.ndarray | None  # (n, d) L2-normalised, or None when no encoder is used
    lengths: np.ndarray  # (n,) characters without spaces
    words: list[list[frozenset[str]]]  # content words, each a set of stems
    anchors: list[frozenset[str]]
    quotes: np.ndarray  # (n,) 0/1
    windows: dict | None = None  # size -> (n - size + 1, d) embeddings of joined sentences, if made
    idf: list[np.ndarray] | None = None  # per unit, one weight per word (rare words count more)
    edges: np.ndarray | None = None  # (n, 4) opens quote, closes quote, ends in ?, ends in !

    def __post_init__(self):
        if self.idf is None:
            self.idf = word_idf(self.words)
        if self.edges is None:
            self.edges = np.zeros((len(self.lengths), 4))

    def __len__(self) -> int:
        return int(self.lengths.shape[0])

    def merged(self, bounds: Sequence[int]) -> "Side":
        """Coarse units: unit k is sentences bounds[k]..bounds[k+1]-1, everything summed or joined."""
        starts, ends = list(bounds[:-1]), list(bounds[1:])
        vecs = None
        if self.vecs is not None:
            cums = np.concatenate([np.zeros((1, self.vecs.shape[1]), np.float32), np.cumsum(self.vecs, 0)])
            vecs = _normalise(cums[ends] - cums[starts])
        lengths = np.array([self.lengths[s:e].sum() for s, e in zip(starts, ends)], dtype=np.float64)
        words = [[w for u in self.words[s:e] for w in u] for s, e in zip(starts, ends)]
        anchors = [frozenset().union(*self.anchors[s:e]) if e > s else frozenset() for s, e in zip(starts, ends)]
        quotes = np.array([self.quotes[s:e].max(initial=0) for s, e in zip(starts, ends)], dtype=np.float64)
        idf = [np.concatenate([self.idf[u] for u in range(s, e)] or [np.zeros(0)]) for s, e in zip(starts, ends)]
        edges = np.array([[self.edges[s, 0], self.edges[e - 1, 1], self.edges[e - 1, 2], self.edges[e - 1, 3]]
                          for s, e in zip(starts, ends)]).reshape(-1, 4)
        return Side(vecs, lengths, words, anchors, quotes, idf=idf, edges=edges)


def word_idf(words: list[list[frozenset[str]]]) -> list[np.ndarray]:
    """log(N / df) of each word within its own document (a word's identity is its stem set)."""
    df: dict[frozenset[str], int] = {}
    for unit in words:
        for w in set(unit):
            df[w] = df.get(w, 0) + 1
    n = max(len(words), 1)
    return [np.array([math.log((n + 1) / (df[w] + 0.5)) for w in unit], dtype=np.float64) for unit in words]


def lexical_vectors(side: "Side", dim: int = 2048) -> np.ndarray:
    """Each unit as a hashed bag of English stems (a zh word spreads its weight over its glosses),
    IDF-weighted and L2-normalised: a cheap cross-lingual vector for the coarse pass."""
    import zlib

    buckets: dict[str, int] = {}
    out = np.zeros((len(side), dim), np.float32)
    for u, (words, idf) in enumerate(zip(side.words, side.idf)):
        for word, weight in zip(words, idf):
            share = weight / len(word)
            for stem in word:
                b = buckets.get(stem)
                if b is None:
                    b = buckets[stem] = zlib.crc32(stem.encode("utf-8")) % dim
                out[u, b] += share
    return _normalise(out)


def _normalise(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return (x / np.maximum(norms, 1e-9)).astype(np.float32)


def window_vectors(vecs: np.ndarray, size: int) -> np.ndarray:
    """Row s = the normalised sum of vecs[s:s+size] (Vecalign-style overlap, no new embedding)."""
    if size == 1:
        return vecs
    cums = np.concatenate([np.zeros((1, vecs.shape[1]), np.float32), np.cumsum(vecs, 0, dtype=np.float32)])
    return _normalise(cums[size:] - cums[:-size])


def neighbour_means(a: np.ndarray, b: np.ndarray, lo: np.ndarray, hi: np.ndarray, k: int = 4, block: int = 256,
                    best: np.ndarray | None = None) -> np.ndarray:
    """For each row of ``a``, the mean of its k best cosines with rows ``b[lo[i]:hi[i]]`` (margin base).

    ``best``, if given, receives each row's single best cosine.
    """
    out = np.zeros(a.shape[0], dtype=np.float32)
    for r0 in range(0, a.shape[0], block):
        r1 = min(a.shape[0], r0 + block)
        c0, c1 = int(lo[r0:r1].min()), int(hi[r0:r1].max())
        if c1 <= c0:
            continue
        sims = a[r0:r1] @ b[c0:c1].T
        cols = np.arange(c0, c1)[None, :]
        sims = np.where((cols >= lo[r0:r1, None]) & (cols < hi[r0:r1, None]), sims, -1.0)
        kk = min(k, sims.shape[1])
        top = -np.partition(-sims, kk - 1, axis=1)[:, :kk]
        out[r0:r1] = np.where(top > -1.0, top, 0.0).sum(1) / np.maximum((top > -1.0).sum(1), 1)
        if best is not None:
            best[r0:r1] = np.maximum(top.max(1), 0.0)
    return out


def _cum2(m: np.ndarray) -> np.ndarray:
    out = np.zeros((m.shape[0] + 1, m.shape[1] + 1), dtype=np.float64)
    out[1:, 1:] = m.cumsum(0).cumsum(1)
    return out


def pair_counts(src: Side, tgt: Side, r0: int, r1: int, c0: int, c1: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For units src[r0:r1] x tgt[c0:c1]: src words found in tgt, tgt words found in src, shared anchors."""
    rows, cols = range(r0, r1), range(c0, c1)
    tgt_vocab: dict[str, int] = {}
    for j in cols:
        for w in tgt.words[j]:
            for s in w:
                tgt_vocab.setdefault(s, len(tgt_vocab))
    src_vocab = {s for i in rows for w in src.words[i] for s in w}
    vocab = {s: k for s, k in tgt_vocab.items() if s in src_vocab}
    remap = {s: n for n, s in enumerate(vocab)}
    nv = max(len(remap), 1)
    m1 = np.zeros((r1 - r0, c1 - c0))
    m2 = np.zeros((r1 - r0, c1 - c0))
    w1 = np.zeros((r1 - r0, c1 - c0))
    w2 = np.zeros((r1 - r0, c1 - c0))
    if remap:
        src_words, src_owner = _word_matrix(src.words, rows, remap, nv)
        tgt_words, tgt_owner = _word_matrix(tgt.words, cols, remap, nv)
        src_union = _union(src_words, src_owner, r1 - r0, nv)
        tgt_union = _union(tgt_words, tgt_owner, c1 - c0, nv)
        if src_words.shape[0]:
            hits = ((src_words @ tgt_union.T) > 0).astype(np.float64)  # (src words, tgt units)
            m1 = _segment(np.add, hits, src_owner, r1 - r0)
            weights = np.concatenate([src.idf[i] for i in rows])
            w1 = _segment(np.add, hits * weights[:, None], src_owner, r1 - r0)
        if tgt_words.shape[0]:
            hits = ((tgt_words @ src_union.T) > 0).astype(np.float64)  # (tgt words, src units)
            m2 = _segment(np.add, hits, tgt_owner, c1 - c0).T
            weights = np.concatenate([tgt.idf[j] for j in cols])
            w2 = _segment(np.add, hits * weights[:, None], tgt_owner, c1 - c0).T
    shared = np.zeros((r1 - r0, c1 - c0))
    anchor_vocab: dict[str, int] = {}
    for j in cols:
        for a in tgt.anchors[j]:
            anchor_vocab.setdefault(a, len(anchor_vocab))
    if anchor_vocab:
        ta = np.zeros((c1 - c0, len(anchor_vocab)), np.float32)
        for j in cols:
            for a in tgt.anchors[j]:
                ta[j - c0, anchor_vocab[a]] = 1
        sa = np.zeros((r1 - r0, len(anchor_vocab)), np.float32)
        for i in rows:
            for a in src.anchors[i]:
                if a in anchor_vocab:
                    sa[i - r0, anchor_vocab[a]] = 1
        shared = (sa @ ta.T).astype(np.float64)
    return m1, m2, shared, w1, w2


def _word_matrix(words, units, remap, nv):
    rows, owner = [], []
    for k, u in enumerate(units):
        for w in words[u]:
            idx = [remap[s] for s in w if s in remap]
            rows.append(idx)
            owner.append(k)
    mat = np.zeros((len(rows), nv), np.float32)
    for r, idx in enumerate(rows):
        if idx:
            mat[r, idx] = 1
    return mat, np.asarray(owner, dtype=np.int64)


def _union(mat, owner, n_units, nv):
    return _segment(np.maximum, mat, owner, n_units)


def _segment(op, mat, owner, n_units):
    """op-reduce the rows of ``mat`` per unit (``owner`` sorted); units without rows get zeros."""
    out = np.zeros((n_units,) + mat.shape[1:], mat.dtype)
    if mat.shape[0]:
        starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
        out[owner[starts]] = op.reduceat(mat, starts, axis=0)
    return out


NULL_FEATURES = ("bias", "low")


def _low(best: np.ndarray) -> np.ndarray:
    """How far a sentence's best match falls below the document's usual best match, in standard
    deviations beyond 1.5 (0 for most sentences): rank within the document, no fixed threshold."""
    if best.shape[0] < 3:
        return np.zeros_like(best, dtype=np.float64)
    z = (best - np.median(best)) / (best.std() + 1e-6)
    return np.maximum(0.0, -z - 1.5).astype(np.float64)
FEATURES = ("cos", "margin", "row_gap", "col_gap", "lex_src", "lex_tgt", "idf_src", "idf_tgt",
            "anchor", "anchor_miss", "anchor_extra", "quote", "length", "open", "close", "question", "exclaim",
            "split_gap")


@dataclass
class Prepared:
    """Per-document values the block features reuse: window vectors, margins, prefix sums."""

    src_win: dict[int, np.ndarray]
    tgt_win: dict[int, np.ndarray]
    src_margin: dict[int, np.ndarray]  # per window start
    tgt_margin: dict[int, np.ndarray]
    src_cum: dict[str, np.ndarray]  # prefix sums of lengths, word counts, anchor counts, numbers, quotes
    tgt_cum: dict[str, np.ndarray]
    ratio: float
    src_null: np.ndarray  # (n, NULL_FEATURES) evidence that a sentence has no counterpart
    tgt_null: np.ndarray


def _prefix(values) -> np.ndarray:
    return np.concatenate([[0.0], np.cumsum(np.asarray(values, dtype=np.float64))])


def prepare(src: Side, tgt: Side, shapes, lo: np.ndarray, hi: np.ndarray) -> Prepared:
    max_a = max(a for a, _ in shapes)
    max_b = max(b for _, b in shapes)
    src_win: dict[int, np.ndarray] = {}
    tgt_win: dict[int, np.ndarray] = {}
    src_margin: dict[int, np.ndarray] = {}
    tgt_margin: dict[int, np.ndarray] = {}
    src_null = np.stack([np.ones(len(src)), np.zeros(len(src))], 1)
    tgt_null = np.stack([np.ones(len(tgt)), np.zeros(len(tgt))], 1)
    if src.vecs is not None and tgt.vecs is not None and len(src) and len(tgt):
        n, m = len(src), len(tgt)
        # Band of sentence i (row i+1 of the grid) against the edition, and its transpose.
        s_lo = np.clip(lo[1:] - 1, 0, m)
        s_hi = np.clip(hi[1:], 1, m)
        s_hi = np.maximum(s_hi, s_lo + 1)
        t_lo = np.clip(np.searchsorted(hi, np.arange(1, m + 1), side="right") - 1, 0, n - 1)
        t_hi = np.clip(np.searchsorted(lo, np.arange(1, m + 1), side="right"), 1, n)
        t_hi = np.maximum(t_hi, t_lo + 1)
        src_top = np.zeros(n, np.float32)
        tgt_top = np.zeros(m, np.float32)
        src_nb = neighbour_means(src.vecs, tgt.vecs, s_lo, s_hi, best=src_top)
        tgt_nb = neighbour_means(tgt.vecs, src.vecs, t_lo, t_hi, best=tgt_top)
        src_null = np.stack([np.ones(n), _low(src_top)], 1)
        tgt_null = np.stack([np.ones(m), _low(tgt_top)], 1)
        for a in range(1, max_a + 1):
            if a <= n:
                src_win[a] = (src.windows or {}).get(a, window_vectors(src.vecs, a))
                if a == 1:
                    src_margin[a] = src_nb
                else:
                    src_margin[a] = neighbour_means(src_win[a], tgt.vecs, s_lo[: n - a + 1], np.minimum(s_hi[a - 1:] + a, m))
        for b in range(1, max_b + 1):
            if b <= m:
                tgt_win[b] = (tgt.windows or {}).get(b, window_vectors(tgt.vecs, b))
                if b == 1:
                    tgt_margin[b] = tgt_nb
                else:
                    tgt_margin[b] = neighbour_means(tgt_win[b], src.vecs, t_lo[: m - b + 1], np.minimum(t_hi[b - 1:] + b, n))
    ratio = float((tgt.lengths.sum() + 1) / (src.lengths.sum() + 1))

    def cums(side: Side) -> dict[str, np.ndarray]:
        return {
            "len": _prefix(side.lengths),
            "words": _prefix([len(w) for w in side.words]),
            "idf": _prefix([float(x.sum()) for x in side.idf]),
            "anchors": _prefix([len(a) for a in side.anchors]),
            "numbers": _prefix([sum(1 for x in a if x.startswith("#")) for a in side.anchors]),
            "quotes": _prefix(side.quotes),
        }

    return Prepared(src_win, tgt_win, src_margin, tgt_margin, cums(src), cums(tgt), ratio, src_null, tgt_null)


def block_features(src: Side, tgt: Side, prep: Prepared, shapes, r0: int, r1: int, c0: int, c1: int) -> dict[str, np.ndarray]:
    """Features[name][shape, i - r0, j - c0] of the bead src[i-a:i] ~ tgt[j-b:j]; valid mask under "valid"."""
    max_a = max(a for a, _ in shapes)
    max_b = max(b for _, b in shapes)
    R, C = r1 - r0, c1 - c0
    S = len(shapes)
    out = {name: np.zeros((S, R, C), np.float32) for name in FEATURES}
    valid = np.zeros((S, R, C), bool)
    # Units that can take part: src[er0:er1], tgt[ec0:ec1].
    er0, er1 = max(0, r0 - max_a), max(0, min(len(src), r1 - 1))
    ec0, ec1 = max(0, c0 - max_b), max(0, min(len(tgt), c1 - 1))
    if er1 > er0 and ec1 > ec0:
        m1, m2, shared, w1, w2 = pair_counts(src, tgt, er0, er1, ec0, ec1)
        cm1, cm2, csh, cw1, cw2 = _cum2(m1), _cum2(m2), _cum2(shared), _cum2(w1), _cum2(w2)
    ii = np.arange(r0, r1)[:, None]
    jj = np.arange(c0, c1)[None, :]
    sc, tc = prep.src_cum, prep.tgt_cum
    for k, (a, b) in enumerate(shapes):
        ok = (ii - a >= 0) & (jj - b >= 0) & (ii <= len(src)) & (jj <= len(tgt))
        if not ok.any():
            continue
        valid[k] = ok
        i_end = np.clip(ii, a, len(src))
        j_end = np.clip(jj, b, len(tgt))
        i_beg, j_beg = i_end - a, j_end - b
        if a in prep.src_win and b in prep.tgt_win:
            rows_v = prep.src_win[a][i_beg[:, 0]]
            cols_v = prep.tgt_win[b][j_beg[0, :]]
            cos = rows_v @ cols_v.T
            out["cos"][k] = cos
            masked = np.where(ok, cos, -1.0)
            out["row_gap"][k] = np.where(ok, cos - masked.max(1, keepdims=True), 0.0)
            out["col_gap"][k] = np.where(ok, cos - masked.max(0, keepdims=True), 0.0)
            out["margin"][k] = cos - 0.5 * (prep.src_margin[a][i_beg[:, 0]][:, None] + prep.tgt_margin[b][j_beg[0, :]][None, :])
        ls = sc["len"][i_end] - sc["len"][i_beg]
        lt = tc["len"][j_end] - tc["len"][j_beg]
        out["length"][k] = np.log((lt + 8.0) / (prep.ratio * ls + 8.0)) ** 2
        if er1 > er0 and ec1 > ec0:
            # window sums over the extended count block
            ri0 = np.clip(i_beg - er0, 0, er1 - er0)
            ri1 = np.clip(i_end - er0, 0, er1 - er0)
            cj0 = np.clip(j_beg - ec0, 0, ec1 - ec0)
            cj1 = np.clip(j_end - ec0, 0, ec1 - ec0)

            r_lo, r_hi, c_lo, c_hi = ri0[:, 0], ri1[:, 0], cj0[0, :], cj1[0, :]

            def wsum(c):
                top, bottom = c[r_lo], c[r_hi]  # gather rows once, then columns
                return bottom[:, c_hi] - top[:, c_hi] - bottom[:, c_lo] + top[:, c_lo]

            ws = sc["words"][i_end] - sc["words"][i_beg]
            wt = tc["words"][j_end] - tc["words"][j_beg]
            out["lex_src"][k] = np.minimum(1.0, wsum(cm1) / np.maximum(ws, 1.0))
            out["lex_tgt"][k] = np.minimum(1.0, wsum(cm2) / np.maximum(wt, 1.0))
            ws = sc["idf"][i_end] - sc["idf"][i_beg]
            wt = tc["idf"][j_end] - tc["idf"][j_beg]
            out["idf_src"][k] = np.minimum(1.0, wsum(cw1) / np.maximum(ws, 1.0))
            out["idf_tgt"][k] = np.minimum(1.0, wsum(cw2) / np.maximum(wt, 1.0))
            sh = wsum(csh)
            na = sc["anchors"][i_end] - sc["anchors"][i_beg]
            nb = tc["anchors"][j_end] - tc["anchors"][j_beg]
            out["anchor"][k] = np.where(na + nb > 0, 2 * sh / np.maximum(na + nb, 1), 0.0)
            nn_s = sc["numbers"][i_end] - sc["numbers"][i_beg]
            nn_t = tc["numbers"][j_end] - tc["numbers"][j_beg]
            out["anchor_miss"][k] = ((nn_s > 0) & (nn_t > 0) & (sh == 0)).astype(np.float32)
            out["anchor_extra"][k] = np.minimum(3.0, np.maximum(0.0, na + nb - 2 * sh))
        qs = (sc["quotes"][i_end] - sc["quotes"][i_beg]) > 0
        qt = (tc["quotes"][j_end] - tc["quotes"][j_beg]) > 0
        out["quote"][k] = np.where(qs == qt, 1.0, -1.0)
        se, te = src.edges, tgt.edges
        out["open"][k] = np.where(se[i_beg[:, 0], 0][:, None] == te[j_beg[0, :], 0][None, :], 1.0, -1.0)
        for x, name in ((1, "close"), (2, "question"), (3, "exclaim")):
            out[name][k] = np.where(se[i_end[:, 0] - 1, x][:, None] == te[j_end[0, :] - 1, x][None, :], 1.0, -1.0)
    _decomposition(out["margin"], out["split_gap"], shapes)
    out["valid"] = valid
    return out


#: Ways a many-to-many bead splits into two smaller beads: (first shape, second shape).
_SPLITS = {
    (2, 2): [((1, 1), (1, 1))],
    (2, 3): [((1, 1), (1, 2)), ((1, 2), (1, 1))],
    (3, 2): [((1, 1), (2, 1)), ((2, 1), (1, 1))],
}


def _decomposition(margin: np.ndarray, out: np.ndarray, shapes) -> None:
    """For m-n beads: own margin minus the best split into two consecutive beads (weaker half counts),
    so a bead that two separate beads explain as well scores low."""
    index = {s: k for k, s in enumerate(shapes)}
    R, C = margin.shape[1:]
    for shape, splits in _SPLITS.items():
        if shape not in index:
            continue
        best = np.full((R, C), -np.inf, np.float32)
        for first, second in splits:
            if first not in index or second not in index:
                continue
            a2, b2 = second
            tail = margin[index[second]]
            head = np.full((R, C), -np.inf, np.float32)
            head[a2:, b2:] = margin[index[first]][: R - a2, : C - b2]  # first bead ends where the second starts
            best = np.maximum(best, np.minimum(head, tail))
        k = index[shape]
        out[k] = np.where(np.isfinite(best), margin[k] - best, 0.0)
