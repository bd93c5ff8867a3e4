"""The small interfaces every backend implements, so a user can plug in their own.

Each backend also has a ``name`` and a ``signature()`` string that goes into reports,
so a number in a report always says what produced it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Protocol, Sequence, runtime_checkable

if TYPE_CHECKING:  # numpy stays out of import time
    import numpy as np

    from .model import Bead, Finding


@runtime_checkable
class Encoder(Protocol):
    """Cross-lingual sentence embeddings: one L2-normalised row per text."""

    name: str

    def encode(self, texts: Sequence[str]) -> "np.ndarray": ...

    def signature(self) -> str: ...


@runtime_checkable
class Aligner(Protocol):
    """Sentence alignment of two lists of sentences into beads covering every sentence once."""

    name: str

    def align(self, src: Sequence[str], tgt: Sequence[str], src_lang: str, tgt_lang: str) -> list["Bead"]: ...

    def signature(self) -> str: ...


@runtime_checkable
class Translator(Protocol):
    """Machine translation of sentences, order preserved."""

    name: str

    def translate(self, texts: Sequence[str], src_lang: str, tgt_lang: str) -> list[str]: ...

    def signature(self) -> str: ...


@runtime_checkable
class Check(Protocol):
    """A divergence check: reads a CheckContext, yields findings. ``name`` is versioned ("numbers.v1")."""

    name: str
    requires: frozenset[str]  # e.g. {"beads"}, {"beads", "mt"}

    def run(self, ctx: Any) -> Iterable["Finding"]: ...


@runtime_checkable
class Exporter(Protocol):
    """Renders ``Comparison.to_dict()`` into one file's bytes."""

    name: str
    extension: str

    def render(self, data: dict) -> bytes: ...


@runtime_checkable
class Executor(Protocol):
    """Runs ``fn`` over items (maybe elsewhere); yields results in input order."""

    name: str

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]: ...
