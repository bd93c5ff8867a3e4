"""Span helpers shared by the sentence splitters."""

from __future__ import annotations


def trim(text: str, a: int, b: int) -> tuple[int, int] | None:
    """``[a, b)`` without surrounding white space, or None if nothing is left."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return (a, b) if a < b else None
