"""Finding English renderings in text: exact forms, and loose spellings of them.

A loose match ignores case, diacritics (Lü = Lu), apostrophe styles and hyphen/space choices
(Chih-heng = Chih heng = Chihheng), so a near-miss of the preferred form can be told apart
from a different rendering altogether.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212"})
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00a0": " "})


def _fold_char(ch: str) -> str:
    if ch.isascii():
        return ch.lower()
    base = unicodedata.normalize("NFD", ch)[0]
    return base.lower() if base.isascii() and base.isalpha() else ch.lower()[:1] or ch


def fold(text: str) -> str:
    """Lowercase, no diacritics, one apostrophe and one hyphen; same length as ``text``."""
    text = text.translate(_DASHES).translate(_QUOTES)
    folded = "".join(_fold_char(ch) for ch in text)
    return folded if len(folded) == len(text) else text.lower()


def tidy(text: str) -> str:
    """Punctuation styles and spacing made uniform, case kept: for 'is this exactly the form?'."""
    return re.sub(r"\s+", " ", text.translate(_DASHES).translate(_QUOTES)).strip()


@functools.lru_cache(maxsize=4096)
def loose_pattern(form: str) -> re.Pattern[str]:
    """A regex over ``fold(text)`` that finds ``form`` however it is hyphenated or spaced."""
    tokens = [t for t in re.split(r"[\s\-]+", fold(tidy(form))) if t]
    parts = [re.escape(t).replace("'", "'?") for t in tokens]
    body = r"[\s\-]*".join(parts) if parts else re.escape(form)
    return re.compile(r"(?<![a-z0-9])" + body + r"(?![a-z0-9])")


def is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def find_loose(text: str, form: str, folded: str | None = None) -> list[tuple[int, int]]:
    """Spans of ``form`` in ``text``, loosely matched.

    Acronyms (CIA, WHO) match only as written, and a capitalised form only where the text is
    capitalised too, so "who" and "trump card" are not names."""
    if is_acronym(form):
        pattern = re.compile(r"(?<![A-Za-z0-9])" + re.escape(tidy(form)).replace(r"\ ", r"\s+") + r"(?![A-Za-z0-9])")
        return [(m.start(), m.end()) for m in pattern.finditer(text.translate(_DASHES).translate(_QUOTES))]
    view = fold(text) if folded is None else folded
    spans = [(m.start(), m.end()) for m in loose_pattern(form).finditer(view)]
    if form[:1].isupper():
        spans = [(s, e) for s, e in spans if text[s].isupper()]
    return spans


def is_exact(found: str, form: str) -> bool:
    return tidy(found) == tidy(form)


def contains_word(text: str, word: str) -> bool:
    return bool(loose_pattern(word).search(fold(text)))
