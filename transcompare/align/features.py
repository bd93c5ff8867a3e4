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
    plain: np.ndarray | None = None  # (n, d) the encoder's vectors before centring, if vecs are centred

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


def centred(vecs: np.ndarray | None) -> np.ndarray | None:
    """Rows minus the side's mean, renormalised. Sentence encoders put a language's
    sentences in a narrow cone, so unrelated neighbours look alike; without the common direction
    a sentence's counterpart stands out more from its neighbours."""
    if vecs is None or not len(vecs):
        return vecs
    mean = vecs.mean(0)
    return _normalise(vecs - mean[None, :])


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


def pair_counts(src: Side, tgt: Side, r0: int, r1: int, c0: int, c1: int) -> tuple[np.ndarray, ...]:
    """For units src[r0:r1] x tgt[c0:c1]: src words found in tgt, tgt words found in src, shared
    anchors, and the first two IDF-weighted."""
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


NULL_FEATURES = ("bias", "uncovered", "empty", "mass", "edition", "edition_uncovered")
FEATURES = ("cos", "plain_cos", "margin", "row_gap", "col_gap", "lex_src", "lex_tgt", "idf_src", "idf_tgt",
            "anchor", "anchor_miss", "anchor_extra", "quote", "length", "open", "close", "question", "exclaim",
            "split_gap", "member_src", "member_tgt", "member_cos", "cross_lex", "cross_cos",
            "miss_src", "miss_tgt", "edge_lex", "edge_cos")


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
    pairs: tuple | None = None  # ((r0, r1, c0, c1), pair_counts(...)) when computed for the whole grid
    src_unit: float = 1.0  # a side's mean IDF mass per sentence
    tgt_unit: float = 1.0
    cos_mean: float = 0.0  # cosine of sentence pairs near each other, by chance: mean and SD
    cos_sd: float = 1.0
    src_plain: dict | None = None  # size -> window vectors of the uncentred embeddings
    tgt_plain: dict | None = None


def _prefix(values) -> np.ndarray:
    return np.concatenate([[0.0], np.cumsum(np.asarray(values, dtype=np.float64))])


def prepare(src: Side, tgt: Side, shapes, lo: np.ndarray, hi: np.ndarray, vectors_from: Prepared | None = None) -> Prepared:
    """Per-document values for a search over band ``lo``/``hi``. ``vectors_from``: a Prepared of the
    same sentences and band whose vector values (windows, margins, chance cosine) are reused when
    only the words changed."""
    max_a = max(a for a, _ in shapes)
    max_b = max(b for _, b in shapes)
    src_win: dict[int, np.ndarray] = {}
    tgt_win: dict[int, np.ndarray] = {}
    src_margin: dict[int, np.ndarray] = {}
    tgt_margin: dict[int, np.ndarray] = {}
    n, m = len(src), len(tgt)
    # Band of sentence i (row i+1 of the grid) against the edition, and its transpose.
    s_lo = np.clip(lo[1:] - 1, 0, m)
    s_hi = np.clip(hi[1:], 1, m)
    s_hi = np.maximum(s_hi, s_lo + 1)
    t_lo = np.clip(np.searchsorted(hi, np.arange(1, m + 1), side="right") - 1, 0, max(n - 1, 0))
    t_hi = np.clip(np.searchsorted(lo, np.arange(1, m + 1), side="right"), 1, max(n, 1))
    t_hi = np.maximum(t_hi, t_lo + 1)
    near = _near(s_lo, s_hi, t_lo, t_hi, n, m)
    src_cover, tgt_cover, pairs = _lexical_cover(src, tgt, *near)
    cos_mean, cos_sd = 0.0, 1.0
    if vectors_from is not None:
        v = vectors_from
        src_win, tgt_win, src_margin, tgt_margin = v.src_win, v.tgt_win, v.src_margin, v.tgt_margin
        cos_mean, cos_sd = v.cos_mean, v.cos_sd
    elif src.vecs is not None and tgt.vecs is not None and len(src) and len(tgt):
        src_nb = neighbour_means(src.vecs, tgt.vecs, s_lo, s_hi)
        cos_mean, cos_sd = _chance_cosine(src.vecs, tgt.vecs, near[0], near[1])
        tgt_nb = neighbour_means(tgt.vecs, src.vecs, t_lo, t_hi)
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

    src_unit, tgt_unit = _unit(src), _unit(tgt)
    src_null = _null_features(src, src_cover, src_unit, edition=False)
    tgt_null = _null_features(tgt, tgt_cover, tgt_unit, edition=True)
    plain = (vectors_from.src_plain, vectors_from.tgt_plain) if vectors_from is not None else \
        (_plain_windows(src, max_a), _plain_windows(tgt, max_b))
    return Prepared(src_win, tgt_win, src_margin, tgt_margin, cums(src), cums(tgt), ratio, src_null, tgt_null, pairs,
                    src_unit, tgt_unit, cos_mean, cos_sd, *plain)


def _plain_windows(side: Side, size: int) -> dict | None:
    if side.plain is None:
        return None
    return {k: window_vectors(side.plain, k) for k in range(1, min(size, len(side)) + 1)}


def _chance_cosine(a: np.ndarray, b: np.ndarray, lo: np.ndarray, hi: np.ndarray, rows: int = 200) -> tuple[float, float]:
    """Mean and SD of the cosines between sentences and the other side's sentences near them
    (a sample of rows): what unrelated neighbours score with this encoder in this document."""
    picked = np.unique(np.linspace(0, a.shape[0] - 1, min(rows, a.shape[0])).astype(np.int64))
    values = np.concatenate([b[lo[i]:hi[i]] @ a[i] for i in picked])
    if values.size < 2:
        return 0.0, 1.0
    return float(values.mean()), float(max(values.std(), 1e-3))


def _unit(side: Side) -> float:
    return max(float(np.mean([x.sum() for x in side.idf])) if len(side) else 1.0, 1e-3)


def _null_features(side: Side, cover: np.ndarray, unit: float, edition: bool) -> np.ndarray:
    """Per sentence, in NULL_FEATURES order: 1, the share of its (IDF-weighted) words found nowhere
    near it on the other side, whether it has no content words at all (then only the other signals
    speak), its content in average sentences (leaving out a long sentence costs more than a short
    one), and the first two again for edition sentences only (English words meet dictionary glosses
    more loosely than Chinese words meet English ones, and literary editions add less than they drop)."""
    mass = np.array([float(x.sum()) for x in side.idf]) if len(side) else np.zeros(0)
    has = mass > 0
    uncovered = np.where(has, 1.0 - np.minimum(cover, 1.0), 0.0)
    ones = np.ones(len(side))
    flag = 1.0 if edition else 0.0
    return np.stack([ones, uncovered, (~has).astype(np.float64), mass / unit, flag * ones, flag * uncovered],
                    1).reshape(-1, len(NULL_FEATURES))


#: "Near" a sentence, for no-counterpart evidence: this many sentences (or this share of the other
#: side, if more) either side of the document's diagonal, inside the search band.
NEAR_SENTENCES, NEAR_SHARE = 20, 0.1


def _near(s_lo, s_hi, t_lo, t_hi, n, m):
    """The search band narrowed to the neighbourhood of the diagonal (a full-grid band says nothing
    about where a sentence's counterpart should be; a banded one already does)."""
    if n == 0 or m == 0:
        return s_lo, s_hi, t_lo, t_hi
    reach_t = max(NEAR_SENTENCES, int(NEAR_SHARE * m))
    reach_s = max(NEAR_SENTENCES, int(NEAR_SHARE * n))
    diag_t = ((np.arange(n) + 0.5) * m / n).astype(np.int64)
    diag_s = ((np.arange(m) + 0.5) * n / m).astype(np.int64)
    a_lo, a_hi = np.maximum(s_lo, diag_t - reach_t), np.minimum(s_hi, diag_t + reach_t + 1)
    b_lo, b_hi = np.maximum(t_lo, diag_s - reach_s), np.minimum(t_hi, diag_s + reach_s + 1)
    # keep the search band where the diagonal falls outside it
    a_lo, a_hi = np.where(a_hi > a_lo, a_lo, s_lo), np.where(a_hi > a_lo, a_hi, s_hi)
    b_lo, b_hi = np.where(b_hi > b_lo, b_lo, t_lo), np.where(b_hi > b_lo, b_hi, t_hi)
    return a_lo, a_hi, b_lo, b_hi


def _lexical_cover(src: Side, tgt: Side, s_lo, s_hi, t_lo, t_hi, reach: int = 1):
    """Each sentence's best IDF-weighted word coverage by a run of 2 * reach + 1 consecutive
    sentences of the other side inside its band (a sentence split in translation is still found).

    Returns (src cover, tgt cover, pairs) where pairs caches the pair counts when one chunk
    covered the whole grid (short documents), for block_features to reuse."""
    n, m = len(src), len(tgt)
    src_cover, tgt_cover = np.zeros(n), np.zeros(m)
    if n == 0 or m == 0:
        return src_cover, tgt_cover, None
    sidf = np.array([float(x.sum()) for x in src.idf])
    tidf = np.array([float(x.sum()) for x in tgt.idf])
    pairs = None
    width = 2 * reach + 1
    chunk = n if n * m <= 250_000 else 256  # one chunk when the search also takes the grid in one block
    for r0 in range(0, n, chunk):
        r1 = min(n, r0 + chunk)
        c0, c1 = int(s_lo[r0:r1].min()), int(s_hi[r0:r1].max())
        counts = pair_counts(src, tgt, r0, r1, c0, c1)
        if r0 == 0 and r1 == n and c0 == 0 and c1 == m:
            pairs = ((0, n, 0, m), counts)
        w1, w2 = counts[3], counts[4]
        # src rows: sum over a run of columns, then the best run inside the row's band
        run = _runs(w1, width, axis=1)
        cols = np.arange(c0, c1)[None, :]
        inside = (cols >= s_lo[r0:r1, None]) & (cols < s_hi[r0:r1, None])
        src_cover[r0:r1] = np.where(inside, run, 0.0).max(1) / np.maximum(sidf[r0:r1], 1e-9)
        # tgt columns: runs of rows, best inside each column's band rows
        run = _runs(w2, width, axis=0)
        rows = np.arange(r0, r1)[:, None]
        inside = (rows >= t_lo[None, c0:c1]) & (rows < t_hi[None, c0:c1])
        best = np.where(inside, run, 0.0).max(0) / np.maximum(tidf[c0:c1], 1e-9)
        tgt_cover[c0:c1] = np.maximum(tgt_cover[c0:c1], best)
    return src_cover, tgt_cover, pairs


def _runs(x: np.ndarray, width: int, axis: int) -> np.ndarray:
    """Centred moving sums of ``width`` along ``axis`` (shorter at the edges)."""
    half = width // 2
    cum = np.cumsum(x, axis=axis)
    cum = np.concatenate([np.zeros_like(np.take(cum, [0], axis=axis)), cum], axis=axis)
    size = x.shape[axis]
    hi = np.minimum(np.arange(size) + half + 1, size)
    lo = np.maximum(np.arange(size) - half, 0)
    return np.take(cum, hi, axis=axis) - np.take(cum, lo, axis=axis)


def block_features(src: Side, tgt: Side, prep: Prepared, shapes, r0: int, r1: int, c0: int, c1: int) -> dict[str, np.ndarray]:
    """Features[name][shape, i - r0, j - c0] of the bead src[i-a:i] ~ tgt[j-b:j]; valid mask under "valid"."""
    max_a = max(a for a, _ in shapes)
    max_b = max(b for _, b in shapes)
    R, C = r1 - r0, c1 - c0
    S = len(shapes)
    out = {name: np.zeros((S, R, C), np.float32) for name in FEATURES}
    valid = np.zeros((S, R, C), bool)
    # Units that can take part, and the neighbour on either side: src[er0:er1], tgt[ec0:ec1].
    er0, er1 = max(0, r0 - max_a - 1), max(0, min(len(src), r1))
    ec0, ec1 = max(0, c0 - max_b - 1), max(0, min(len(tgt), c1))
    w1 = w2 = None
    if er1 > er0 and ec1 > ec0:
        if prep.pairs is not None and prep.pairs[0] == (er0, er1, ec0, ec1):
            m1, m2, shared, w1, w2 = prep.pairs[1]
        else:
            m1, m2, shared, w1, w2 = pair_counts(src, tgt, er0, er1, ec0, ec1)
        cm1, cm2, csh, cw1, cw2 = _cum2(m1), _cum2(m2), _cum2(shared), _cum2(w1), _cum2(w2)
    ii = np.arange(r0, r1)[:, None]
    jj = np.arange(c0, c1)[None, :]
    sc, tc = prep.src_cum, prep.tgt_cum
    pairs = _PairEvidence(src, tgt, prep, er0, er1, ec0, ec1, w1, w2) if er1 > er0 and ec1 > ec0 else None
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
            if prep.src_plain is not None and prep.tgt_plain is not None:
                out["plain_cos"][k] = prep.src_plain[a][i_beg[:, 0]] @ prep.tgt_plain[b][j_beg[0, :]].T
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
            # content the other side leaves unexplained, in average sentences (grows with what a bead swallows)
            out["miss_src"][k] = np.maximum(0.0, ws - wsum(cw1)) / prep.src_unit
            out["miss_tgt"][k] = np.maximum(0.0, wt - wsum(cw2)) / prep.tgt_unit
            sh = wsum(csh)
            na = sc["anchors"][i_end] - sc["anchors"][i_beg]
            nb = tc["anchors"][j_end] - tc["anchors"][j_beg]
            out["anchor"][k] = np.where(na + nb > 0, 2 * sh / np.maximum(na + nb, 1), 0.0)
            nn_s = sc["numbers"][i_end] - sc["numbers"][i_beg]
            nn_t = tc["numbers"][j_end] - tc["numbers"][j_beg]
            out["anchor_miss"][k] = ((nn_s > 0) & (nn_t > 0) & (sh == 0)).astype(np.float32)
            out["anchor_extra"][k] = np.minimum(3.0, np.maximum(0.0, na + nb - 2 * sh))
        if pairs is not None:
            pairs.members(out, k, a, b, i_beg[:, 0], j_beg[0, :])
            pairs.edges(out, k, a, b, i_beg[:, 0], j_beg[0, :])
            if a >= 2 and b >= 2:
                pairs.cross(out, k, a, b, i_beg[:, 0], j_beg[0, :])
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


class _PairEvidence:
    """Sentence-by-sentence evidence inside a block, for features that look at a bead's members.

    A bead's summed features cannot tell whether every member takes part: an extra sentence
    that shares nothing with the other side dilutes a 1-2 bead only a little. Member features
    take the weakest member's coverage by the other side; cross features measure how much
    evidence a many-to-many bead would lose if cut into two beads (crossing content)."""

    def __init__(self, src: Side, tgt: Side, prep: "Prepared", er0, er1, ec0, ec1, w1, w2):
        self.src, self.tgt, self.prep = src, tgt, prep
        self.er0, self.er1, self.ec0, self.ec1 = er0, er1, ec0, ec1
        sidf = np.diff(prep.src_cum["idf"])[er0:er1]
        tidf = np.diff(prep.tgt_cum["idf"])[ec0:ec1]
        self.src_has = sidf > 0
        self.tgt_has = tidf > 0
        # src sentence s covered by tgt units [c, c'): (w1c[s, c'] - w1c[s, c]) / idf(s)
        self.w1c = np.zeros((er1 - er0, ec1 - ec0 + 1))
        self.w1c[:, 1:] = np.cumsum(w1 / np.maximum(sidf, 1.0)[:, None], axis=1)
        self.w2c = np.zeros((er1 - er0 + 1, ec1 - ec0))
        self.w2c[1:] = np.cumsum(w2 / np.maximum(tidf, 1.0)[None, :], axis=0)
        lex = w1 / np.maximum(sidf, 1.0)[:, None] + w2 / np.maximum(tidf, 1.0)[None, :]
        self.pair = {"lex": lex}
        self.has_vecs = src.vecs is not None and tgt.vecs is not None and 1 in prep.src_win and 1 in prep.tgt_win
        if self.has_vecs:
            cos = src.vecs[er0:er1] @ tgt.vecs[ec0:ec1].T
            self.pair["cos"] = np.maximum(0.0, (cos - prep.cos_mean) / prep.cos_sd)  # above chance, in SDs
        self._src_vs_win: dict[int, np.ndarray] = {}
        self._tgt_vs_win: dict[int, np.ndarray] = {}

    def _rows(self, starts, u):
        return np.clip(starts + u - self.er0, 0, self.er1 - self.er0 - 1)

    def _cols(self, starts, v):
        return np.clip(starts + v - self.ec0, 0, self.ec1 - self.ec0 - 1)

    def src_vs_win(self, b):
        """cos(src sentence, tgt window of b starting at c) minus their neighbour means."""
        if b not in self._src_vs_win:
            win = self.prep.tgt_win[b]
            c1 = min(self.ec1, win.shape[0])
            cos = self.src.vecs[self.er0:self.er1] @ win[self.ec0:c1].T
            base = 0.5 * (self.prep.src_margin[1][self.er0:self.er1][:, None] + self.prep.tgt_margin[b][self.ec0:c1][None, :])
            full = np.zeros((self.er1 - self.er0, self.ec1 - self.ec0), np.float32)
            full[:, : c1 - self.ec0] = cos - base
            self._src_vs_win[b] = full
        return self._src_vs_win[b]

    def tgt_vs_win(self, a):
        if a not in self._tgt_vs_win:
            win = self.prep.src_win[a]
            r1 = min(self.er1, win.shape[0])
            cos = win[self.er0:r1] @ self.tgt.vecs[self.ec0:self.ec1].T
            base = 0.5 * (self.prep.src_margin[a][self.er0:r1][:, None] + self.prep.tgt_margin[1][self.ec0:self.ec1][None, :])
            full = np.zeros((self.er1 - self.er0, self.ec1 - self.ec0), np.float32)
            full[: r1 - self.er0] = cos - base
            self._tgt_vs_win[a] = full
        return self._tgt_vs_win[a]

    def members(self, out, k, a, b, i_beg, j_beg):
        """Weakest member's (IDF-weighted) word coverage by the other side, per side; weakest
        member's cosine margin with the other side's window, both sides together. A member
        without content words takes the bead's own coverage (it neither helps nor hurts)."""
        cj0, cj1 = self._cols(j_beg, 0), np.clip(j_beg + b - self.ec0, 0, self.ec1 - self.ec0)
        ri0, ri1 = self._rows(i_beg, 0), np.clip(i_beg + a - self.er0, 0, self.er1 - self.er0)
        weakest = None
        for u in range(a):
            r = self._rows(i_beg, u)
            cover = np.minimum(1.0, self.w1c[r][:, cj1] - self.w1c[r][:, cj0])
            cover = np.where(self.src_has[r][:, None], cover, out["idf_src"][k])
            weakest = cover if weakest is None else np.minimum(weakest, cover)
        out["member_src"][k] = weakest
        weakest = None
        for v in range(b):
            c = self._cols(j_beg, v)
            cover = np.minimum(1.0, self.w2c[ri1][:, c] - self.w2c[ri0][:, c])
            cover = np.where(self.tgt_has[c][None, :], cover, out["idf_tgt"][k])
            weakest = cover if weakest is None else np.minimum(weakest, cover)
        out["member_tgt"][k] = weakest
        if not self.has_vecs or a not in self.prep.src_win or b not in self.prep.tgt_win:
            return
        weakest = None
        sv, tv = self.src_vs_win(b), self.tgt_vs_win(a)
        for u in range(a):
            x = sv[self._rows(i_beg, u)][:, cj0]
            weakest = x if weakest is None else np.minimum(weakest, x)
        for v in range(b):
            x = tv[ri0][:, self._cols(j_beg, v)]
            weakest = np.minimum(weakest, x)
        out["member_cos"][k] = weakest

    def edges(self, out, k, a, b, i_beg, j_beg):
        """How much better the neighbouring beads' sentences explain the bead's edge sentences than the
        bead does: the first (last) edition sentence against the original sentence before (after) the
        bead rather than the bead's first (last) one, and the same for the original's edge sentences.
        A sentence on the boundary between two beads is the commonest error, and the path compares
        the two sides of a boundary only through whole-bead sums."""
        first_r, last_r = i_beg, i_beg + a - 1
        first_c, last_c = j_beg, j_beg + b - 1

        def at(pair, r, c):  # pair[r, c] for every row x column, 0 outside the evidence block
            ok = ((r >= self.er0) & (r < self.er1))[:, None] & ((c >= self.ec0) & (c < self.ec1))[None, :]
            rr = np.clip(r - self.er0, 0, self.er1 - self.er0 - 1)
            cc = np.clip(c - self.ec0, 0, self.ec1 - self.ec0 - 1)
            return np.where(ok, pair[np.ix_(rr, cc)], 0.0)

        for kind, name in (("lex", "edge_lex"), ("cos", "edge_cos")):
            pair = self.pair.get(kind)
            if pair is None:
                continue
            own_first, own_last = at(pair, first_r, first_c), at(pair, last_r, last_c)
            total = np.maximum(0.0, at(pair, first_r - 1, first_c) - own_first)
            total += np.maximum(0.0, at(pair, last_r + 1, last_c) - own_last)
            total += np.maximum(0.0, at(pair, first_r, first_c - 1) - own_first)
            total += np.maximum(0.0, at(pair, last_r, last_c + 1) - own_last)
            out[name][k] = total

    def cross(self, out, k, a, b, i_beg, j_beg):
        """Evidence a many-to-many bead loses in its best cut into two consecutive beads."""
        for kind, name in (("lex", "cross_lex"), ("cos", "cross_cos")):
            pair = self.pair.get(kind)
            if pair is None:
                continue
            cells = [[pair[self._rows(i_beg, u)][:, self._cols(j_beg, v)] for v in range(b)] for u in range(a)]
            total = sum(cells[u][v] for u in range(a) for v in range(b))
            kept = None
            for p in range(1, a):
                for q in range(1, b):
                    x = sum(cells[u][v] for u in range(p) for v in range(q)) + \
                        sum(cells[u][v] for u in range(p, a) for v in range(q, b))
                    kept = x if kept is None else np.maximum(kept, x)
            out[name][k] = total - kept


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
