"""English (and other space-delimited) sentence boundaries with abbreviations, initials,
decimals, ellipses and quotes handled. Returns ``(start, end)`` ranges into the text."""

from __future__ import annotations

import re

from ._spans import trim

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gen col lt sgt capt maj cmdr adm gov pres rev st jr sr fr hon
    inc co corp ltd llc plc bros dept univ assn est approx vs etc cf al fig no nos vol pp op art
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    e.g i.e a.m p.m u.s u.k u.n e.u u.s.a d.c ph.d b.a m.a mt ft ave blvd rd""".split()
)
# Abbreviations that are also everyday words ("he said no.", "studied art."): abbreviations
# only when a number follows (No. 5, Art. 23, Fig. 3).
_ALSO_WORDS = frozenset("no art sat sun wed fig".split())
# Words that usually start a sentence: after "U.S." they mean the abbreviation also ended one.
_STARTERS = frozenset(
    "the a an he she it they we i in on at but and this that these those his her its their there "
    "however meanwhile yet so after before when while if as since then now later".split()
)
_CANDIDATE = re.compile(r"""(?:\.{3}|…|[.!?])+['"”’)\]]*(?=\s+|$)""")
_NEXT = re.compile(r"""\s+(['"“‘(\[]*)(\S+)""")


def split_sentences(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _CANDIDATE.finditer(text):
        end = match.end()
        if _is_boundary(text, match.start(), end):
            spans.append((start, end))
            start = end
    if start < len(text):
        spans.append((start, len(text)))
    return [s for s in (trim(text, a, b) for a, b in spans) if s]


def _is_boundary(text: str, dot: int, end: int) -> bool:
    nxt = _NEXT.match(text, end)
    if not nxt:
        return True  # end of text
    opener, word = nxt.group(1), nxt.group(2)
    first = word[0]
    mark = text[dot:end]
    if mark.startswith(("...", "…")):
        # An ellipsis ends a sentence only if a capitalised word or a new quote follows.
        return first.isupper() or bool(opener)
    if mark[0] in "!?":
        return not first.islower()
    # A period: look at the token it ends.
    token_match = re.search(r"(\S+)$", text[:dot])
    token = token_match.group(1) if token_match else ""
    token = token.lstrip("\"'“‘([")
    lower = token.lower()
    if first.islower() or first in ",;:":
        return False
    if first.isdigit() and lower in ("no", "nos", "art", "vol", "pp"):
        return False
    if lower in _ALSO_WORDS and not first.isdigit():
        return True
    if re.fullmatch(r"[A-Z]", token):  # an initial: John F. Kennedy
        return False
    if lower in ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)+[a-z]", lower):
        # "in the U.S. The president ..." — an abbreviation can also close a sentence.
        return lower in ("u.s", "u.k", "u.n", "e.u", "etc", "d.c", "a.m", "p.m", "inc", "co", "ltd") and (
            word.lower().strip("\"'“‘") in _STARTERS or bool(opener)
        )
    return True

