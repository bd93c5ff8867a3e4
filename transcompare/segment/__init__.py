"""Paragraphs and sentences, each keeping offsets into the original text.

Headlines, bylines, datelines and photo captions become units of their own, so an aligner
never glues a caption to the lead sentence.
"""

from __future__ import annotations

import re
from typing import Callable

from ..errors import EmptyInputError, InputError
from ..ingest.reader import RawDocument
from ..ingest.script import detect_script, is_cjk
from ..langs import normalise_lang
from ..model import Edition, Paragraph, Sentence
from . import en, zh
from ._spans import trim
from ._dateline import dateline_date

Splitter = Callable[[str], "list[tuple[int, int]]"]
# Languages written without spaces between words use the CJK rules; the rest the Latin ones.
_CJK_LANGS = {"zh", "ja", "ko", "yue", "wuu"}

_DATELINE = re.compile(r"\s*(?:【[^】]{2,40}】|\[[^\]]{2,40}\]|（[^）]{2,30}(?:讯|訊|电|電)）|[A-Z][A-Za-z .]{1,30}\s[–—-]\s)")
_DATELINE_PARAGRAPHS = 4  # a dateline opens the story: after a headline, byline or caption or two
_BYLINE = re.compile(r"^\s*(?:By\s+[A-Z]|作者[:：]|记者|記者|文[/／]|撰文|编译|編譯|责任编辑|責任編輯)")
_CAPTION = re.compile(
    r"(?:[（(][^（）()]{0,30}(?:截图|截圖|图片|圖片|摄影|攝影|照片|photo|screenshot|image|getty|afp|reuters|ap|file)[^（）()]{0,30}[）)]\s*$)"
    r"|^\s*(?:photo|picture|图|圖|图片|圖片)[:：]",
    re.I,
)


# ASCII only, so a URL or address glued to the Chinese around it does not swallow that text.
_URL_OR_EMAIL = re.compile(r"(?:https?://|www\.)[!-~]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+", re.I)
_WORD = re.compile(r"[^\W_]+")


def detect_lang(text: str) -> str:
    """"zh" when Han characters are over 40% of the units, a Han character counting like a word
    (it carries about one), not like a letter: letter counts let one long URL, e-mail address or
    English product name outweigh a Chinese paragraph. URLs and e-mail addresses do not count."""
    return "zh" if han_share(text) > 0.4 else "en"


def han_share(text: str) -> float:
    """Han characters over Han characters plus other words, in the first 5,000 characters."""
    sample = _URL_OR_EMAIL.sub(" ", text[:5000])
    han = sum(is_cjk(ch) for ch in sample)
    words = len(_WORD.findall("".join(" " if is_cjk(ch) else ch for ch in sample)))
    return han / (han + words) if han else 0.0


def _check_declared(lang: str, text: str, source: str) -> None:
    """A declared language the text plainly is not (Chinese declared "en", English declared "zh")
    would be split and compared by the wrong rules, in silence: say so instead."""
    share = han_share(text)
    if lang in _CJK_LANGS and share == 0.0:
        raise InputError(f"{source} was declared {lang}, but it has no Chinese characters; omit the language to detect it")
    if lang not in _CJK_LANGS and share > 0.8:
        raise InputError(f"{source} was declared {lang}, but it is Chinese text; omit the language to detect it")


def splitter_for(lang: str) -> Splitter:
    return zh.split_sentences if lang in _CJK_LANGS else en.split_sentences


def segment(raw: RawDocument, edition_id: str, lang: str | None = None, presplit: bool = False) -> Edition:
    """Split a RawDocument into paragraphs and sentences; ``presplit`` keeps one line = one sentence."""
    text = raw.text
    declared = normalise_lang(lang)
    if declared:
        _check_declared(declared, text, "standard input" if raw.source == "-" else raw.source)
    lang = declared or detect_lang(text)  # "zh-Hant" is zh: its script is detected
    script = detect_script(text) if lang in ("zh", "yue", "wuu") else None
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    if presplit:
        # Each non-blank line is a sentence; blank lines are paragraph breaks, not empty sentences
        # (which MT, aligners and checks would all have to guard); ``on_lines`` puts them back.
        groups: list[list[tuple[int, int]]] = []
        for a, b in _lines(text):
            if not groups or text.count("\n", groups[-1][-1][1], a) > 1:
                groups.append([])
            groups[-1].append((a, b))
        for pid, spans in enumerate(groups):
            paragraphs.append(Paragraph(pid, spans[0][0], spans[-1][1]))
            for a, b in spans:
                sentences.append(Sentence(len(sentences), a, b, text[a:b], pid))
    else:
        split = splitter_for(lang)
        for a, b in _paragraph_spans(text, lang):
            pid = len(paragraphs)
            kind = _paragraph_kind(text[a:b], pid, raw.title, lang)
            paragraphs.append(Paragraph(pid, a, b, kind))
            for sa, sb, skind in _units(text, a, b, kind, split):
                sentences.append(Sentence(len(sentences), sa, sb, text[sa:sb], pid, skind))
    if not sentences:
        raise EmptyInputError(f"{raw.source} has no sentences")
    title = raw.title or (sentences[0].text if paragraphs and paragraphs[0].kind == "headline" else None)
    return Edition(
        id=edition_id,
        source=raw.source,
        lang=lang,
        text=text,
        script=script,
        title=title,
        # metadata's date as an ISO date ("yesterday" from front matter is none), else the dateline's
        date=(dateline_date(str(raw.date)) if raw.date else None) or _dateline_date(sentences),
        encoding=raw.encoding,
        paragraphs=tuple(paragraphs),
        sentences=tuple(sentences),
        meta=dict(raw.meta, format=raw.format),
    )


def _dateline_date(sentences: list[Sentence]) -> str | None:
    """The date of the article's dateline (near the top), for a text whose metadata gives none."""
    for s in sentences:
        if s.paragraph > _DATELINE_PARAGRAPHS:
            break
        if s.kind == "dateline":
            return dateline_date(s.text)
    return None


def on_lines(edition: Edition, texts: list[str]) -> list[str]:
    """``texts`` (one per sentence of a ``presplit`` edition) on the input's own lines: line N of
    the result belongs to line N of the input, blank lines stay blank."""
    lines = [""] * (edition.text.count("\n") + (not edition.text.endswith("\n")))
    line, pos = 0, 0
    for s, t in zip(edition.sentences, texts):
        line += edition.text.count("\n", pos, s.start)
        pos = s.start
        lines[line] = t
    return lines


def _lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            spans.append((pos + lead, pos + len(line.rstrip())))
        pos += len(line) + 1
    return spans


def _paragraph_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Blank lines separate paragraphs. Without any, every line is one. In CJK text a single
    newline is a paragraph break too (Chinese prose is not hard-wrapped); in Latin text a
    single newline breaks only after a sentence end."""
    blocks = [(m.start(), m.end()) for m in re.finditer(r"\S(?:.|\n(?!\s*\n))*", text)]
    if len(blocks) <= 1 or lang in _CJK_LANGS:
        return _unmarked(text, _lines(text))
    spans = []
    for a, b in blocks:
        start = a
        longest = max(len(line.strip()) for line in text[a:b].split("\n"))
        for m in re.finditer(r"\n", text[a:b]):
            cut = a + m.start()
            before = text[start:cut].rstrip()
            after = text[cut + 1:b].lstrip()
            if (before.endswith((".", "!", "?", "”", '"', ":")) and after[:1].isupper() or _is_short_line(before, longest)
                    or _LIST_ITEM.match(after)):
                spans.append((start, cut))
                start = cut + 1
        spans.append((start, b))
    return _unmarked(text, [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in spans if text[a:b].strip()])


#: A list item's marker at the start of a line ("- ", "* ", "• ", "3. ", "3) "): a plain-text list
#: of key figures has no end punctuation, so its items would run together into one sentence.
_LIST_ITEM = re.compile(r"(?:[-*•‣◦]|[0-9]{1,2}[.)])[ \t]+(?=\S)")


def _unmarked(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Paragraph spans without a leading list marker: the item's words are its sentence."""
    out = []
    for a, b in spans:
        m = _LIST_ITEM.match(text, a, b)
        out.append((m.end(), b) if m and m.end() < b else (a, b))
    return out


def _is_short_line(line: str, longest: int) -> bool:
    """A headline or byline line above the text it belongs to. Not the first line of a paragraph
    hard-wrapped at 60-80 columns ("The Commission said on Monday that"), which is about as long
    as the block's longest line: that made it a paragraph and a sentence of its own."""
    short = len(line) < 40 or len(line) < 0.75 * longest
    return 0 < len(line) < 80 and short and not line.endswith((",", ";")) and line[:1].isupper() and "." not in line[-2:]


def _paragraph_kind(para: str, index: int, title: str | None, lang: str) -> str:
    stripped = para.strip()
    if _BYLINE.match(stripped) and len(stripped) < 80:
        return "byline"
    if _CAPTION.search(stripped) and len(stripped) < 300:
        return "caption"
    short = len(stripped) <= (60 if lang in _CJK_LANGS else 200)
    ends = stripped.endswith(("。", ".", "！", "？", "!", "?", "”", "」", '"', "…"))
    if (title and stripped == title.strip()) or (index == 0 and short and not ends):
        return "headline"
    return "body"


def _units(text: str, a: int, b: int, kind: str, split: Splitter) -> list[tuple[int, int, str]]:
    if kind != "body":
        return [(a, b, kind)]
    units = []
    dateline = _DATELINE.match(text, a, b) if kind == "body" else None
    if dateline and dateline.end() < b:
        units.append((a, len(text[a:dateline.end()].rstrip()) + a, "dateline"))  # "BEIJING — " ends at the dash
        a = dateline.end()
        while a < b and text[a].isspace():
            a += 1
    for s, e in split(text[a:b]):
        units.extend((x, y, "body") for x, y in _capped(text, a + s, a + e))
    return units


MAX_SENTENCE = 1000  # characters; a news sentence is a tenth of that, a run-on page is not one sentence
_CLAUSE_END = re.compile(r"[，,；;：:、]\s*|\s+")


def _capped(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """``[a, b)`` in pieces of at most MAX_SENTENCE characters, cut after the last clause mark or
    space in each stretch (hard only where there is none). A 'sentence' of megabytes (a page with
    no full stop) otherwise went whole to the encoder, which took minutes per 50,000 characters."""
    pieces = []
    while b - a > MAX_SENTENCE:
        cut = None
        for m in _CLAUSE_END.finditer(text, a + MAX_SENTENCE // 2, a + MAX_SENTENCE):
            cut = m.end()
        cut = cut if cut and cut < b else a + MAX_SENTENCE
        piece = trim(text, a, cut)
        if piece:
            pieces.append(piece)
        a = cut
    rest = trim(text, a, b)
    return pieces + ([rest] if rest else [])
