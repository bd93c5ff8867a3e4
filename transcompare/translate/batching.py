"""Length-bucketed batches and splitting of over-long sentences, shared by every backend.

Sorting by length keeps padding (wasted work) small; splitting a sentence that exceeds the
model's input budget at clause punctuation keeps its tail from being silently cut off.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

# Split after clause punctuation (Chinese and Latin), keeping the mark with its clause.
_CLAUSE_END = re.compile(r"(?<=[，,；;：:、。！？!?])")


def split_long(text: str, count_tokens: Callable[[str], int], max_tokens: int) -> list[str]:
    """``[text]`` if it fits, else clause-sized pieces that each fit (hard cuts as a last resort)."""
    if count_tokens(text) <= max_tokens:
        return [text]
    clauses = [c for c in _CLAUSE_END.split(text) if c]
    pieces: list[str] = []
    current = ""
    for clause in clauses:
        joined = current + clause
        if current and count_tokens(joined) > max_tokens:
            pieces.append(current)
            current = clause
        else:
            current = joined
    if current:
        pieces.append(current)
    out: list[str] = []
    for piece in pieces:
        out.extend(_hard_split(piece, count_tokens, max_tokens) if count_tokens(piece) > max_tokens else [piece])
    return [p for p in (p.strip() for p in out) if p]


def _hard_split(text: str, count_tokens: Callable[[str], int], max_tokens: int) -> list[str]:
    """Cut into equal parts (at spaces when the text has them) until every part fits."""
    words = text.split(" ") if " " in text.strip() else list(text)
    sep = " " if " " in text.strip() else ""
    parts = 2
    while True:
        size = -(-len(words) // parts)
        chunks = [sep.join(words[i:i + size]) for i in range(0, len(words), size)]
        if all(count_tokens(c) <= max_tokens for c in chunks) or size <= 1:
            return chunks
        parts += 1


def length_buckets(lengths: Sequence[int], max_batch_size: int, max_batch_tokens: int) -> list[list[int]]:
    """Indices grouped into batches of similar length; a batch's padded size stays in budget."""
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], i))
    batches: list[list[int]] = []
    current: list[int] = []
    for i in order:
        longest = max(lengths[i], 1)  # ascending order: the newcomer is the longest
        if current and (len(current) + 1 > max_batch_size or (len(current) + 1) * longest > max_batch_tokens):
            batches.append(current)
            current = []
        current.append(i)
    if current:
        batches.append(current)
    return batches
