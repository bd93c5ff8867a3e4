"""Chinese sentence boundaries: 。！？；…… plus closing quotes/brackets, with short attributions kept.

Returns ``(start, end)`` character ranges into the paragraph text, whitespace trimmed.
"""

from __future__ import annotations

import re

from ._spans import trim

_ENDERS = "。！？!?；;"
_CLOSERS = "”’」』）)】》〉\"'"
_OPENERS = "“‘「『（(【《〈"
# A boundary: enders (or an ellipsis) followed by any closers.
_BOUNDARY = re.compile(rf"(?:[{_ENDERS}]+|…{{1,2}}|\.{{3,}})[{re.escape(_CLOSERS)}]*")
# “……。”他说。 — a short speech tag after a closed quote belongs to the quote's sentence.
_SPEECH_TAG = re.compile(r"^\s*[^。！？；“「]{0,12}?(?:说|说道|表示|指出|称|道|问|回答|強調|强调|認為|认为|說|說道|表示說)[。！？，,]?$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        token = match.group()
        # An ellipsis followed by more text in the same clause (……的) is not an end; only split if
        # the ellipsis closes a quote or is followed by an opener or nothing.
        if token[0] in "….":
            rest = text[end:end + 1]
            if rest and rest not in _OPENERS and not token.endswith(tuple(_CLOSERS)):
                continue
        spans.append((start, end))
        start = end
    if start < len(text):
        spans.append((start, len(text)))
    spans = _merge_speech_tags(text, spans)
    return [s for s in (trim(text, a, b) for a, b in spans) if s]


def _merge_speech_tags(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        piece = text[a:b]
        if merged and text[merged[-1][1] - 1] in _CLOSERS and _SPEECH_TAG.match(piece):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged

