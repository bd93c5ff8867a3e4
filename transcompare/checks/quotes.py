"""Quotes: a direct quote missing or added, its content altered (a negation flipped, or cut short),
given to another speaker, or turned into reported speech.

Quotes are found in zh (“” 「」 『』) and en (“” "" and, in texts without double quotes, ‘’ '');
each gets its speaker from the reporting verb next to it (林教授表示：“…” / “…，”他说 / "…," said X),
pronouns resolving to the last named person. Quotes are compared bead by bead: a quote running over
several beads is cut into one piece per bead, and an English quote split by its speaker ('…,' said
Hai, '…') is joined again. A zh quote is matched to an en quote in its own bead (where one side has
a single quote it takes the other's, however freely worded: dialogue) or, by its words, in a
neighbouring one. Content is compared by MT chrF when the pipeline translated the original, else by
CC-CEDICT gloss overlap and negation, with the translator's own habits as the yardstick (how much of
a quote they render, how long, how often they recast a 'not'); speakers are compared with the
entity matcher and with the names the translator uses for the same people. Two Chinese editions
are compared after script and regional-vocabulary folding (see regional.py).
"""

from __future__ import annotations

import difflib
import re
import statistics
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..langs import is_chinese
from ..model import Edition, Finding, Span
from ._quote_words import EN_STOP as _EN_STOP
from ._quote_words import ZH_STOP as _ZH_STOP
from ._quote_words import cut_end, en_words, rendered_share, zh_glosses, zh_words
from .base import CheckContext, new_finding, sentence_spans
from .entities import Mention, _bead_of, _memo, en_mentions, score_rendering, zh_mentions
from .wording import degree_softened

ZH_PAIRS = {"“": "”", "「": "」", "『": "』", "﹁": "﹂"}
EN_DOUBLE = {"“": "”"}
ZH_VERBS = (
    "表示 指出 强调 透露 坦言 告诉 回应 认为 写道 补充 直言 警告 呼吁 宣布 声称 解释 感叹 心想 问道 笑道 答道 说道 说 称 问 道 想"
).split()
_ZH_VERB_RE = "|".join(sorted(ZH_VERBS, key=len, reverse=True))
EN_VERBS = (
    "said says say told tells added adds noted notes asked asks wrote writes explained argued warned stressed insisted "
    "replied answered declared claimed continued concluded thought cried shouted whispered murmured "
    "exclaimed protested retorted laughed muttered sighed called yelled screamed snapped panted chimed interrupted "
    "repeated agreed objected demanded begged pleaded suggested admitted announced remarked observed responded "
    "inquired enquired urged ordered joked teased scolded mused groaned gasped stammered"
).split()
_EN_VERB_RE = "|".join(EN_VERBS)
# what reported speech is reported with: "asked who it was", "offered a respectful salutation"
_EN_SPEECH_ACT = re.compile(
    rf"\b(?:{_EN_VERB_RE}|ask|tell|say|assur\w*|greet\w*|salut\w*|repl\w*|answer\w*|protest\w*|inquir\w*|enquir\w*|"
    r"wonder\w*|promis\w*|beg\w*|thank\w*|apolog\w*|invit\w*|request\w*|exclaim\w*|shout\w*|call\w*|cr(?:y|ied|ies)|"
    r"whisper\w*|murmur\w*|mutter\w*|suggest\w*|explain\w*|insist\w*|reassur\w*|comfort\w*)\b", re.I)
_ZH_PRONOUNS = ("他们", "她们", "他", "她")
_EN_PRONOUNS = ("he", "she", "they", "i", "we")
# Words with a negation character that do not negate (不过 = but, 不少 = many, 还不是 = rhetorical, 都没了 = all gone)
_ZH_NOT_NEGATION = re.compile(
    r"不过|不少|不同|不断|不久|不论|不管|无论|不禁|不得不|差不多|了不起|不仅|不但|不只|未来|无数|非常|除非|非洲|不停|"
    r"非法|不法|无辜|不幸|非正式|非政府|"  # lexical negatives: 'illegal', 'innocent' carry no English 'not'
    r"免费|免税|免签|免票|免检|免息|"  # 'free of charge' (可以免费 is no 以免 'so as not to')
    r"不然|要不|不如|对不起|不好意思|不得了|恨不得|巴不得|舍不得|忍不住|还不是|不就是|岂不是|何尝不|莫非|无比|无限|并不亚于|毫不犹豫|不由得|不一会|不得已|不成|要不|难道|那里还|哪里还|岂|何尝|不是吗|好不|怪不得|无论如何|不错|没错"
    r"|没有?了(?=[。，！？；…”」,.!?;]|$)"  # 收成都没了: 'gone' at the end of a clause, not 'not'
    r"|[特分区个级类告差识性辨鉴派送离判甄道职组有]别|别(?=[人的处墅名称具致针字扭])"  # 特别 'special', 别人 'others': no 'don't'
)
_ZH_NEGATION = re.compile(r"[不没未无别非勿莫否]|毫无|免得|以免|省得")  # 免得 'so as not to'
# a stammer repeats a word, not a negation: 非…… 非去不可, 不…… 不行
_STAMMER = re.compile(r"(\w{1,2})\s*(?:…+|⋯+|\.\s?\.\s?\.|——|-)\s*(?=\1)")
_EN_NEGATION = re.compile(
    r"\b(?:not|never|no|none|nobody|nothing|neither|nor|cannot|without|hardly|impossible|unable|insufficient(?:ly)?|inadequate(?:ly)?|unless|refused?|fail(?:ed|s)?|den(?:y|ied|ies)|lack(?:s|ed)?"
    r"|rather than|instead of)\b|n[’']t\b",  # 而不是/而非 'rather than' rejects what follows
    re.I,
)
# English phrases with a negation word that do not negate
_EN_NOT_NEGATION = re.compile(
    r"\b(?:nothing (?:would|could|will|can) \w+ \w+ (?:more|better)|no doubt|not only|no sooner|nothing but|no matter|not just|"
    r"(?:can(?:no|[’']|)t|couldn[’']t) help|never mind|no wonder|don[’']t (?:mind|worry))\b", re.I)
MIN_CONFIDENCE = 0.6
#: set in the swapped context of an English original (QuoteCheck._reversed): rules that read only that way round
_REVERSED = "quotes:reversed"
#: beads each side of a quote's own where its words may stand after an alignment slip (see QuoteCheck._anywhere)
SLIP_RADIUS = 5
#: A long zh quote rendered in full: share of its words glossed in the English, English characters per zh character
_USUAL_PAIR = (0.5, 4.0)
#: The same for an English quote rendered in Chinese: share of its dictionary words rendered, Chinese characters per English one
_USUAL_EN_PAIR = (0.6, 0.23)


@dataclass(frozen=True)
class Quote:
    """A quoted span; ``start``/``end`` cover the words inside the marks (offsets into Edition.text)."""

    start: int
    end: int
    text: str
    sentence: int
    speaker: str | None = None  # the name as written (or resolved from a pronoun)
    speaker_span: tuple[int, int] | None = None  # where the speaker and verb are written
    speaker_explicit: bool = False  # named next to the quote (not a pronoun)
    speaker_mention: Mention | None = None
    verb: str | None = None
    whole: tuple[int, int] | None = None  # the whole quote, where this is its part in one bead

    @property
    def speech(self) -> bool:
        """Reported speech, not a scare quote or a title: it has a reporting verb or is an utterance
        (a line of dialogue ends or breaks with punctuation: “这下该我了。”, “难道他早就……”)."""
        if self.verb is not None:
            return True
        words = re.sub(r"[\W_]", "", self.text)
        return len(words) >= 2 and bool(re.search(r"[。！？!?.,，…—]", self.text))

    @property
    def ident(self) -> tuple[int, int]:
        return self.whole or (self.start, self.end)


@dataclass
class _Matching:
    """zh quotes paired with en quotes: pairs (zh, en, similarity, bead), zh quotes left over."""

    pairs: list[tuple[Quote, Quote, float, int]]
    unmatched: list[tuple[Quote, int]]
    matched_en: set[int]
    taken_zh: dict[int, int]
    zh_bead: dict[int, int]
    in_order: set[tuple[int, int]]  # zh quotes paired by their places in the bead, not their words
    units: list[Quote]  # the en quotes as compared: joined parts, and the ones left over


# ----------------------------------------------------------------------------- finding quotes


def _pairs(text: str, openers: dict[str, str]) -> list[tuple[int, int]]:
    """Outermost (start, end) of each balanced quote, inner text only. A quote still open at a blank
    line (or the end) runs to there: a quote over several paragraphs opens each and closes the last."""
    out: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text + "\n\n"):
        if ch == "\n" and text[i - 1 : i] == "\n" or i == len(text):
            if stack and text[stack[0][1] + 1 : i].strip():
                out.append((stack[0][1] + 1, len(text[:i].rstrip())))
            stack.clear()
        elif i > len(text):
            break
        elif ch in openers:
            stack.append((ch, i))
        elif stack and ch == openers[stack[-1][0]]:
            _, at = stack.pop()
            if not stack:
                out.append((at + 1, i))
    return out


def _straight(text: str, mark: str) -> list[tuple[int, int]]:
    """Straight quotes pair up within a paragraph, an opening mark (after a space, before a word)
    with the next closing one, so a quote running over several sentences does not pair its closing
    mark with the next quote's opening one. A quote left open at a line that opens another ends
    with its line; a stray closing mark is dropped."""
    out = []
    for para in re.finditer(r"(?:[^\n]|\n(?!\s*\n))+", text):
        opened: int | None = None
        for m in re.finditer(re.escape(mark), para.group(0)):
            i = para.start() + m.start()
            before, after = text[i - 1 : i] or " ", text[i + 1 : i + 2] or " "
            opens = (before.isspace() or before in "([{—–-") and not after.isspace()
            closes = not before.isspace() and (after.isspace() or not after.isalnum())
            if opened is None:
                if not (closes and not opens):
                    opened = i
            elif opens and not closes and "\n" in text[opened:i]:
                line_end = text.rfind("\n", opened, i)
                if text[opened + 1 : line_end].strip():
                    out.append((opened + 1, line_end))
                opened = i
            else:
                if text.count("\n", opened, i) <= 6 and not re.search(r"[“”]", text[opened:i]):
                    out.append((opened + 1, i))
                opened = None
        if opened is not None:  # open to the paragraph's end (English leaves a quote running on into the next one open)
            stop = para.end() if text.count("\n", opened, para.end()) <= 6 else text.find("\n", opened)
            if text[opened + 1 : stop].strip() and not re.search(r"[“”]", text[opened:stop]):
                out.append((opened + 1, stop))
    return out


def _single(text: str) -> list[tuple[int, int]]:
    """‘…’ and '…' as quote marks, not apostrophes (don't, Xi’s, officials' ): opener after a space,
    closer before a space or punctuation with no letter after it (after an s only where the quote is
    that one word, 'difficulties': officials' is a plural's possessive)."""
    out = []
    for para in re.finditer(r"(?:[^\n]|\n(?!\s*\n))+", text):
        p = para.group(0)
        opened = None
        for i, ch in enumerate(p):
            if ch not in "'‘’":
                continue
            before = p[i - 1] if i else " "
            after = p[i + 1] if i + 1 < len(p) else " "
            if ch in "'‘" and not before.isalnum() and (after.isalpha() or after in "“\"") and (opened is None or before == "\n"):
                if opened is not None and p[opened + 1 : i - 1].strip():  # a quote running on into the next line opens again there
                    out.append((para.start() + opened + 1, para.start() + i - 1))
                opened = i
            elif opened is not None and ch in "'’" and not after.isalnum() and (before in ".,!?;:—–-…\"”" or (before.isalpha() and after in " \n,.;:!?" and (before != "s" or " " not in p[opened:i]))):
                if i - opened > 2:
                    out.append((para.start() + opened + 1, para.start() + i))
                opened = None
        if opened is not None and (opened == 0 or p[opened - 1] == "\n") and p.count("\n", opened) <= 6:
            out.append((para.start() + opened + 1, para.end()))  # open to the paragraph's end, as a line of dialogue
    return out


def _script_view(edition: Edition) -> Edition:
    """Chinese read through ``ingest.script.normalize`` (Traditional -> Simplified, full width, quote
    marks; same length, so offsets hold): the verbs (說), negations (沒) and glosses are matched in
    Simplified, and a Traditional original reads like a Simplified one."""
    if not is_chinese(edition.lang):
        return edition
    from dataclasses import replace

    from ..ingest.script import normalize

    text = normalize(edition.text, "zh").text
    if text == edition.text:
        return edition
    return replace(edition, text=text, sentences=tuple(replace(s, text=text[s.start : s.end]) for s in edition.sentences))


def find_quotes(edition: Edition, glossary=None) -> list[Quote]:
    """Every direct quote in an edition, with its speaker where one is written next to it."""
    edition = _script_view(edition)
    text = edition.text
    if is_chinese(edition.lang):
        spans = _pairs(text, ZH_PAIRS) + _straight(text, '"')
        mentions = [m for m in zh_mentions(edition, glossary) if m.type in ("person", "organisation")]
    else:
        spans = _pairs(text, EN_DOUBLE) + _straight(text, '"')
        singles = _single(text)
        if len(singles) > len(spans):  # British style: dialogue in single quotes
            spans = singles + [s for s in spans if not any(a <= s[0] and s[1] <= b for a, b in singles)]
        mentions = [m for m in en_mentions(edition) if m.type in ("person", "organisation", "other")]
        mentions = sorted(mentions + _surnames_read_as_groups(edition), key=lambda m: m.start)
    spans = sorted(set(s for s in spans if s[1] > s[0] and text[s[0] : s[1]].strip()))
    by_sentence = _sentence_index(edition)
    quotes = []
    for a, b in spans:
        sid = by_sentence(a)
        if sid is None:
            continue
        quotes.append(_with_speaker(edition, a, b, sid, mentions, spans))
    return quotes


def _surnames_read_as_groups(edition: Edition) -> list[Mention]:
    """'Han said', 'said Hu': spaCy reads a lone surname that is also a people (Han, Hui, Manchu) as a
    group. Spelt in Chinese syllables and not followed by a noun it qualifies (Han Chinese, Hui
    villagers), next to a reporting verb, it is the person speaking."""
    from dataclasses import replace

    from ..names import looks_romanised

    out = []
    for m in en_mentions(edition):
        if m.type != "group" or not looks_romanised(m.text) or len(m.text.split()) > 2:
            continue
        after = re.match(r"\s+([A-Za-z]+)", edition.text[m.end:])
        before = re.search(r"([A-Za-z]+)\s+$", edition.text[max(0, m.start - 30):m.start])
        verb_next = after is not None and re.fullmatch(_EN_VERB_RE, after.group(1))
        verb_before = before is not None and re.fullmatch(_EN_VERB_RE, before.group(1)) and (after is None or not after.group(1).islower())
        if verb_next or verb_before:
            out.append(replace(m, type="person", confidence=0.6))
    return out


def find_nested_quotes(edition: Edition, glossary=None) -> list[Quote]:
    """Quotes within quotes, one level down: 说道：“你真是‘好了伤疤忘了疼’” / 'As the saying
    goes: "Once the wound heals, the pain is forgotten."'. They carry no speaker of their own."""
    edition = _script_view(edition)
    text = edition.text
    zh = is_chinese(edition.lang)
    by_sentence = _sentence_index(edition)
    out = []
    for q in find_quotes(edition, glossary):
        inner = text[q.start : q.end]
        if zh:
            spans = _pairs(inner, {"‘": "’", "『": "』", "「": "」", "“": "”"})
        elif text[q.start - 1 : q.start] in "'‘":
            spans = _pairs(inner, EN_DOUBLE) + _straight(inner, '"')
        else:
            spans = _single(inner)
        for a, b in spans:
            if b > a and inner[a:b].strip() and (a, b) != (0, len(inner)):
                sid = by_sentence(q.start + a)
                if sid is not None:
                    out.append(Quote(q.start + a, q.start + b, inner[a:b], sid))
    return out


def _pieces(quotes: Sequence[Quote], edition: Edition, bead_of: dict[int, int]) -> list[Quote]:
    """A quote running over several beads (“…。 …。 …”) is compared bead by bead: one piece per bead,
    each keeping the quote's speaker."""
    import bisect
    from dataclasses import replace

    starts = [s.start for s in edition.sentences]
    out = []
    for q in quotes:
        first = max(bisect.bisect_right(starts, q.start) - 1, 0)
        groups: list[list[int]] = []  # [bead, start, end, sentence]
        for sent in edition.sentences[first:]:
            if sent.start >= q.end:
                break
            a, e = max(q.start, sent.start), min(q.end, sent.end)
            if e <= a or not edition.text[a:e].strip():
                continue
            bead = bead_of.get(sent.id)
            if groups and groups[-1][0] == bead:
                groups[-1][2] = e
            else:
                groups.append([bead, a, e, sent.id])
        if len(groups) <= 1:
            out.append(q)
            continue
        for _, a, e, sid in groups:
            out.append(replace(q, start=a, end=e, text=edition.text[a:e], sentence=sid, whole=(q.start, q.end)))
    return out


def _sentence_span(edition: Edition, q: Quote) -> range:
    """Indices of the sentences a quote runs over."""
    last = q.sentence
    while last + 1 < len(edition.sentences) and edition.sentences[last + 1].start < q.end:
        last += 1
    return range(q.sentence, last + 1)


def _sentence_index(edition: Edition):
    starts = [s.start for s in edition.sentences]

    def find(offset: int) -> int | None:
        import bisect

        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            return 0 if edition.sentences else None
        return edition.sentences[i].id

    return find


def _paragraph_bounds(edition: Edition, offset: int) -> tuple[int, int]:
    for p in edition.paragraphs:
        if p.start <= offset < p.end:
            return p.start, p.end
    return 0, len(edition.text)


def _with_speaker(edition: Edition, a: int, b: int, sid: int, mentions: list[Mention], spans) -> Quote:
    text = edition.text
    p_start, p_end = _paragraph_bounds(edition, a)
    prev_end = max([e + 1 for s, e in spans if e < a and s >= p_start] + [p_start])
    next_start = min([s - 1 for s, e in spans if s > b and s < p_end] + [p_end])
    zh = is_chinese(edition.lang)
    lead = text[prev_end : a - 1]
    tail = text[b + 1 : next_start]
    where = None
    if zh:
        # before, with a colon: 林教授表示：“…” / 郑州大学经济学教授孙立民说：“…”
        lead_clause = re.split(r"[。！？!?]", lead)[-1]
        m = re.search(rf"({_ZH_VERB_RE})(?:道)?\s*[：:]\s*$", lead_clause)
        if m:
            base = a - 1 - len(lead_clause)
            clause_start = max(lead_clause.rfind("，", 0, m.start()) + 1, 0)
            where = (base + clause_start, base + m.end(1), m.group(1))
        else:
            # after: “…，”他说。 / “…。”郑州大学经济学教授孙立民说。 Punctuation closes the quote (inside
            # the marks or a comma after them); without it the quote is part of the sentence, a name or a
            # term (劳工组织“工友同行”研究员李婉仪表示), and the verb after it is not its reporting verb.
            closed = bool(re.search(r"[。！？!?，,：:；;…—]\s*$", text[a:b])) or bool(re.match(r"\s*[，,]", tail))
            m = re.match(rf"^[，,]?\s*([^。！？!?“”「」，,]{{0,30}}?)({_ZH_VERB_RE})(?:道|着)?\s*[。，,！]", tail) if closed else None
            if m:
                where = (b + 1 + m.start(1), b + 1 + m.end(2), m.group(2))
            else:
                m = re.search(rf"({_ZH_VERB_RE})(?:道)?\s*[，,]?\s*$", lead_clause)
                m_any = None if m else re.match(rf"^\s*([^，,。]{{1,20}}?)({_ZH_VERB_RE})[，,：:]", lead_clause)
                if m:
                    base = a - 1 - len(lead_clause)
                    clause_start = max(lead_clause.rfind("，", 0, m.start()) + 1, 0)
                    where = (base + clause_start, base + m.end(1), m.group(1))
                elif m_any:  # 他说，川普政府将继续“…”: a partial quote inside reported speech
                    base = a - 1 - len(lead_clause)
                    where = (base + m_any.start(1), base + m_any.end(2), m_any.group(2))
        pronouns = _ZH_PRONOUNS
    else:
        lead_clause = re.split(r"(?<=[.!?])\s", lead)[-1]
        m = re.search(rf"\b({_EN_VERB_RE})\b(?:\s+[A-Za-z.’'\-]+){{0,4}}\s*:\s*$", lead_clause)
        m2 = re.search(r"\baccording to\b[^.!?:]{0,60}?[:,]\s*$", lead_clause, re.I)
        if m or m2:
            hit = m or m2
            base = a - 1 - len(lead_clause)
            where = (base, base + hit.end(), (hit.group(1) if m else "according to"))
        else:
            m_any = re.search(rf"(?:^|\s)((?:he|she|they|He|She|They|[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){{0,4}}))\s+({_EN_VERB_RE})\b(?!\s*:)", lead_clause)
            # after: "…," said X / "…?" Tom asked. A quote that closes a sentence with a full stop
            # ("…destiny." CIA spokesman X said …), or closes with no punctuation at all, is not
            # followed by its reporting clause: the next sentence's verb is not this quote's.
            inside = text[a:b].rstrip()
            closed = bool(re.search(r"(?:[,!?…—\-]|\.\.\.)$", inside)) or bool(re.match(r"\s*,", tail))
            m = re.match(rf"^[,.!?;:]?\s*(?:(?:[A-Za-z][\w\-’']*\s+){{0,3}}(\b(?:he|she|they|I|we)\b|[A-Z][^\s,;:!?\"“”]*(?:\s+[A-Z][^\s,;:!?\"“”]*){{0,4}})\s+({_EN_VERB_RE})\b|({_EN_VERB_RE})\s+((?:[A-Z][A-Za-z.\-’']*\s*){{1,5}}|he\b|she\b))", tail) if closed else None
            if m:
                where = (b + 1 + m.start(), b + 1 + m.end(), m.group(2) or m.group(3))
            elif m_any:
                base = a - 1 - len(lead_clause)
                where = (base + m_any.start(1), base + m_any.end(2), m_any.group(2))
        pronouns = _EN_PRONOUNS
    if where is None:
        return Quote(a, b, text[a:b], sid)
    s, e, verb = where
    chunk = text[s:e]
    named = [x for x in mentions if s <= x.start and x.end <= e]
    verb_at = s + chunk.find(verb) if verb else e
    people = [x for x in named if x.type == "person" and not (x.source == "caps" and x.confidence < 0.5)]
    named = people or named  # "Sun Limin, a professor at Zhengzhou University, said": the person speaks
    subject = [x for x in named if x.end <= verb_at]
    if zh or subject:
        named = subject or named
    if named:
        who = named[-1] if zh or subject else named[0]
        return Quote(a, b, text[a:b], sid, who.text, (s, e), True, who, verb)
    lowered = chunk.lower()
    if any((p in chunk) if zh else re.search(rf"\b{p}\b", lowered) for p in pronouns):
        before = [x for x in mentions if x.end <= s and x.type == "person" and x.source != "caps"]
        if before:
            who = before[-1]
            return Quote(a, b, text[a:b], sid, who.text, (s, e), False, who, verb)
        return Quote(a, b, text[a:b], sid, None, (s, e), False, None, verb)
    return Quote(a, b, text[a:b], sid, None, (s, e), False, None, verb)


# ----------------------------------------------------------------------------- comparing content


def _negations(text: str, lang: str) -> int:
    """How many negations a text has; a stammer (非…… 非) says one once, 去不去 none."""
    if is_chinese(lang):
        text = re.sub(r"(\w)[不没]\1", "", _STAMMER.sub("", text))
        return len(_ZH_NEGATION.findall(_lexical_negatives(_ZH_NOT_NEGATION.sub("", text))))
    text = re.sub(r"(?:^|(?<=[.!?“\"]\s)|(?<=[“\"]))No,", "", _STAMMER.sub("", text))  # "No, ma'am, …" answers
    return len(_EN_NEGATION.findall(_EN_NOT_NEGATION.sub("", text)))


def _lexical_negatives(text: str) -> str:
    """``text`` without the words that start with 不, 无 or 非 but say no 'not': a CC-CEDICT word of three or
    four characters none of whose glosses negates (不对称 'asymmetric', 无人机 'drone'; not 不可能 'impossible')."""
    from ..names.cedict import definitions

    out = []
    i = 0
    while i < len(text):
        if text[i] in "不无非":
            word = next((text[i:i + n] for n in (4, 3) if i + n <= len(text) and definitions(text[i:i + n])), None)
            if word and not any(_EN_NEGATION.search(g) for g in definitions(word)):
                out.append("_" * len(word))
                i += len(word)
                continue
        out.append(text[i])
        i += 1
    return "".join(out)


#: a speaker's guarantee: 一定 (not 一定程度 'to some extent'), 绝对, 肯定, 保证, 决不, 一分钱都不会少, and a flat
#: denial, 根本无法 / 根本不 'simply cannot' (not 根本原因 'root cause', 从根本上 'at the root')
_ZH_GUARANTEE = re.compile(r"(?<!在)一定(?!程度|的|范围|时间|数量|比例)|绝对|(?<!充分|给予|得到)肯定(?!了|和|与)|保证|决不|绝不|都不会|毫无疑问|必将|必然"
                           r"|根本(?=无法|不|没|就不|就没|就无)")
#: the original's own doubt: 可能 (not 不可能 / 尽可能), 或许, 也许, 恐怕, 未必, 不一定
_ZH_POSSIBLE = re.compile(r"(?<![不尽])可能|或许|也许|恐怕|说不定|未必|不一定|或将|或会|难保")
#: a possibility in English (lower case: "May" is a month; not "possibly", which also stresses a
#: guarantee: "nothing could possibly go wrong")
_EN_POSSIBLE = re.compile(r"\b(?:may|might|perhaps|maybe)\b|\b(?:Perhaps|Maybe)\b")


def _guarantee_weakened(zh: str, en: str) -> bool:
    """The original guarantees (一分钱都不会少, 绝对, 一定) with no doubt of its own, and the edition only
    says it may be so ("may not get all of it back")."""
    return bool(_ZH_GUARANTEE.search(zh) and not _ZH_POSSIBLE.search(zh) and _EN_POSSIBLE.search(en))


#: an English speaker's certainty: a plain "will" / "won't", or definitely, certainly, surely, no doubt
_EN_CERTAIN = re.compile(r"\b(?:will|won't|definitely|certainly|surely|no doubt|guarantee[sd]?)\b", re.I)
#: ... and the doubt that leaves it open (a conditional, a modal, a hope or an expectation)
_EN_DOUBT = re.compile(r"\b(?:may|might|could|would|should|perhaps|maybe|likely|unlikely|probably|possibly|hopes?|"
                       r"hopefully|expects?|expected|if|unless|think|believe)\b", re.I)
#: a possibility in Chinese, or a hope: 可能, 或许, 也许, 有望 ('is expected to'), 或可
_ZH_HEDGED = re.compile(_ZH_POSSIBLE.pattern + r"|有望|或可")


def _certainty_hedged(en: str, zh: str) -> str | None:
    """The Chinese word that turns an English quote's certainty ("Hungary will make money") into a
    possibility (有望, 可能), the English having no doubt of its own; None when it does not."""
    if not _EN_CERTAIN.search(en) or _EN_DOUBT.search(en):
        return None
    found = _ZH_HEDGED.search(zh)
    return found.group(0) if found else None


def negated(text: str, lang: str) -> bool:
    """Does the quote say 'not'? (Words like 不过 'but' or 不少 'many' do not count; two negations
    cancel: "nobody passes without paying" is positive.)"""
    return _negations(text, lang) % 2 == 1


def _flipped(zh: str, en: str) -> bool:
    """One side negates and the other does not: it says no 'not' at all, or, in a one-clause quote,
    cancels its 'not' with another ("It's not nothing"). (Where a longer quote negates on both
    sides, the counts say little: free translation moves a 'not' from clause to clause.)"""
    a, b = _negations(zh, "zh"), _negations(en, "en")
    one_clause = len(_bare(zh)) <= 12 and not re.search(r"[，,；;]", zh.strip("，,。！？!? "))
    return a % 2 != b % 2 and (a == 0 or b == 0 or one_clause or _clause_lost_negation(zh, en))


def _clause_lost_negation(zh: str, en: str) -> bool:
    """Both sides negate, in as many clauses each (two to four), and clause by clause the counts
    agree but in one clause, where one side has no 'not' at all: “we can X, but cannot Y” for
    "we cannot X, but we cannot Y". (A 'not' moved between clauses leaves two clauses apart.)"""
    zc = [c for c in re.split(r"[，,；;]", zh.strip("，,。！？!? ")) if c.strip()]
    ec = [c for c in re.split(r"[,;]", en.strip(",.!? ")) if c.strip()]
    if not 2 <= len(zc) == len(ec) <= 4:
        return False
    apart = [(_negations(z, "zh"), _negations(e, "en")) for z, e in zip(zc, ec)]
    apart = [(x, y) for x, y in apart if x % 2 != y % 2]
    return len(apart) == 1 and 0 in apart[0]


#: Gradable adjectives and their opposites: (English words, Chinese characters) for each pole. A quote
#: that says one pole on one side and only the other pole on the other is reversed ("narrower than
#: feared" / 比预期的更广). A short list, by design: each pole must be rare in the other's sense.
_OPPOSITES = (
    ((r"narrow(?:er|est)?", "窄"), (r"wid(?:e|er|est)|broad(?:er|est)?", "宽广")),
    ((r"strict(?:er|est)?|tough(?:er|est)?", "严"), (r"loose(?:r|st)?|lax(?:er)?|lenient", "松")),
)


def _opposite(zh: str, en: str) -> tuple[int, int, str] | None:
    """(where the Chinese pole stands in ``zh``, the English pole) where the two sides say opposite ends of one scale."""
    for pole_a, pole_b in _OPPOSITES:
        for (en_a, zh_a), (en_b, zh_b) in ((pole_a, pole_b), (pole_b, pole_a)):
            said = re.search(rf"\b(?:{en_a})\b", en, re.I)
            other = re.search(f"[{zh_b}]", zh)
            if said and other and not re.search(f"[{zh_a}]", zh) and not re.search(rf"\b(?:{en_b})\b", en, re.I):
                return max(0, other.start() - 1), min(len(zh), other.end() + 1), said.group(0)
    return None


def lexical_similarity(zh: str, en: str) -> float:
    """Share of words that CC-CEDICT says translate each other, averaged over both sides."""
    zh_cov, en_cov = coverage(zh, en)
    return round((zh_cov + en_cov) / 2, 3)


def coverage(zh: str, en: str) -> tuple[float, float]:
    """(share of zh words with a gloss in the English, share of English words among the glosses)."""
    from ..names.cedict import glosses, stem
    from .entities import _jieba

    words = [w for w in _jieba().lcut(zh) if any("\u3400" <= c <= "\u9fff" for c in w) and w not in _ZH_STOP]
    en_tokens = [stem(t) for t in re.findall(r"[a-z]+", en.lower()) if t not in _EN_STOP and len(t) > 1]
    if not words or not en_tokens:
        return 0.0, 0.0
    en_set = set(en_tokens)
    union: set[str] = set()
    hit = 0
    counted = 0
    for w in words:
        g = set(glosses(w))
        if not g and len(w) > 1:
            for ch in w:
                g |= glosses(ch)
        if not g:
            continue
        counted += 1
        union |= g
        if g & en_set:
            hit += 1
    zh_cov = hit / counted if counted else 0.0
    en_cov = sum(t in union for t in en_tokens) / len(en_tokens)
    return round(zh_cov, 3), round(en_cov, 3)


def _chrf(hyp: str, ref: str) -> float:
    from sacrebleu.metrics import CHRF

    return CHRF().sentence_score(hyp, [ref]).score / 100


class QuoteCheck:
    """quotes.v1: direct quotes across editions."""

    name = "quotes.v1"
    requires = frozenset({"beads"})

    def warm(self) -> None:
        """Load what the entity matcher needs (speakers are compared through it)."""
        from .entities import EntityCheck

        EntityCheck().warm()

    def run(self, ctx: CheckContext) -> Iterable[Finding]:
        o_zh, e_zh = is_chinese(ctx.original.lang), is_chinese(ctx.edition.lang)
        if o_zh and e_zh:
            yield from self._compare(ctx, same_language=True)
        elif o_zh:
            yield from self._compare(ctx, same_language=False)
        elif e_zh:
            yield from self._reversed(ctx)

    def _reversed(self, ctx: CheckContext) -> Iterable[Finding]:
        """An English original with a Chinese edition: the quotes are compared as for a Chinese
        original (the Chinese side read as such), then each finding of reversed meaning (a negation
        added or dropped, an opposite adjective) is turned back round. Its missing and cut quotes
        are read the wrong way round there (what the English adds), so they are found on their own
        (_lost_in_edition). A Chinese quote of speech left unmatched there is one the edition adds
        (_added_in_edition)."""
        from dataclasses import replace

        swapped = CheckContext(ctx.edition, ctx.original, [replace(b, src=b.tgt, tgt=b.src) for b in ctx.beads],
                               None, None, ctx.glossary, ctx.publication_date, {**ctx.options, _REVERSED: True}, {})  # MT runs the other way
        for f in self._compare(swapped, same_language=False):
            if f.subtype in ("missing", "paraphrased") and "speaker" in f.evidence:
                if added := self._added_in_edition(ctx, f):
                    yield added
                continue
            if f.subtype == "speaker":  # a quote given to another speaker reads the same both ways round
                said, given = f.evidence["edition_speaker"], f.evidence["original_speaker"]
                yield replace(
                    f, edition=ctx.edition.id, original_spans=f.edition_spans, edition_spans=f.original_spans,
                    explanation=f"The quote is {said}'s in the original but attributed to {given} in the edition.",
                    evidence={**f.evidence, "original_speaker": said, "edition_speaker": given},
                )
                continue
            if not (f.evidence.get("negation_flip") or f.evidence.get("opposite") or f.evidence.get("hedged")):
                continue
            en, zh = f.evidence["edition"], f.evidence["original"]
            which = "the edition adds a negation" if _negations(zh, "zh") > _negations(en, "en") else "the edition drops a negation"
            explanation = f.explanation if f.evidence.get("opposite") or f.evidence.get("hedged") else (
                f"The quote's meaning is reversed: {which} (“{_short(en)}” vs “{_short(zh, 60)}”).")
            yield replace(
                f, edition=ctx.edition.id, original_spans=f.edition_spans, edition_spans=f.original_spans,
                explanation=explanation,
                evidence={**f.evidence, "original": en, "edition": zh},
            )
        yield from self._lost_in_edition(ctx, swapped)

    @staticmethod
    def _added_in_edition(ctx: CheckContext, f: Finding) -> Finding | None:
        """A swapped finding of a Chinese quote of speech the English original does not quote, turned
        back round as added: its confidence is the one _missing gave (0.75 where the words are nowhere,
        0.65 where the original reports them without marks: a paraphrase made a direct quote). Only
        _missing's findings of speech carry a speaker (a quoted term or phrase does not); a quote of a
        few characters (“好！”) says too little to report, as _added's six-word floor."""
        from dataclasses import replace

        quoted = f.original_spans[-1]
        said = ctx.edition.text[quoted.start:quoted.end]  # as written (the swapped comparison reads a Simplified view)
        if len(re.findall(r"[\u3400-\u9fff]|\d+", said)) < 8:
            return None
        how = ("where the original reports it without quote marks" if f.subtype == "paraphrased"
               else "which is not quoted in the original")
        who = f" ({f.evidence['speaker']})" if f.evidence.get("speaker") else ""
        return replace(
            f, edition=ctx.edition.id, subtype="added", severity="medium" if f.subtype == "missing" else "low",
            original_spans=f.edition_spans, edition_spans=f.original_spans,
            explanation=f"The edition quotes “{_short(said)}”{who}, {how}.",
            evidence={"edition": said, "speaker": f.evidence.get("speaker"), "original_reports": f.subtype == "paraphrased"},
        )

    def _lost_in_edition(self, ctx: CheckContext, swapped: CheckContext) -> Iterable[Finding]:
        """An English original's quotes whose dictionary words the Chinese edition leaves out: a quote
        unmatched none (or hardly any) of whose words are in its bead, less the words that render the
        English around it there (a faithful rendering in reported speech keeps them), nor in a
        sentence a few beads away (an alignment slip); or a quote cut short (_cut_in_edition)."""
        threshold = float(ctx.options.get("quote_min_confidence", MIN_CONFIDENCE))
        src_bead, tgt_bead = _bead_of(ctx.beads, True), _bead_of(ctx.beads, False)
        eq = _pieces(_memo(swapped, f"quotes:{ctx.original.id}", lambda: find_quotes(ctx.original, ctx.glossary)), ctx.original, src_bead)
        zq = _pieces(_memo(swapped, f"quotes:{ctx.edition.id}", lambda: find_quotes(ctx.edition, ctx.glossary)), ctx.edition, tgt_bead)
        m = _memo(swapped, "quotes:matching", lambda: self._match(swapped, zq, eq, False))  # _compare's, on the same pieces

        def window(bead: int, radius: int) -> range:
            return range(max(0, bead - radius), min(len(ctx.beads), bead + radius + 1))

        # a translator who quotes differently throughout (dialogue reported, thoughts quoted) is a
        # style: the more of the other kept quotes go unmatched, the less each one means (as _compare)
        kept = [j for j, x in enumerate(eq) if x.speech and src_bead.get(x.sentence) is not None and ctx.beads[src_bead[x.sentence]].tgt]
        unmatched = [j for j in kept if j not in m.matched_en]
        for j in unmatched:
            x, bead = eq[j], src_bead[eq[j].sentence]
            n = len(en_words(x.text, set()))
            if n < 3:
                continue  # too few dictionary words to tell
            zh = _text(ctx.edition, ctx.beads[bead].tgt)
            narration = _text(ctx.original, ctx.beads[bead].src, " ").replace(x.text, " ", 1)
            share = rendered_share(en_words(x.text, zh_glosses(zh, narration)))
            if share >= 0.2:
                continue  # its words are there: reported speech, or a free rendering
            # an alignment slip: the words stand in a sentence a few beads away, where the English
            # of its own bead does not account for them (the story's words, China, trade, do)
            if any(rendered_share(en_words(x.text, zh_glosses(ctx.edition.sentences[s].text, _text(ctx.original, ctx.beads[b].src, " ")))) >= 0.5
                   for b in window(bead, SLIP_RADIUS) if b != bead for s in ctx.beads[b].tgt):
                continue
            # 0.75 where none of four or more words is there, as for a Chinese original's quote
            conf = (0.75 - 0.5 * share) * (1.0 if n >= 4 else 0.9)
            if len(kept) >= 4:
                conf *= _damp((len(unmatched) - 1) / (len(kept) - 1))
            if conf >= threshold:
                yield self._finding(ctx, "missing", "medium", conf,
                                    f"The quote “{_short(x.text)}”{f' ({x.speaker})' if x.speaker else ''} has no counterpart in the edition.",
                                    x, None, bead, {"original": x.text, "speaker": x.speaker, "rendered": round(share, 3)},
                                    extra_e=sentence_spans(ctx.edition, ctx.beads[bead].tgt))
        yield from self._cut_in_edition(ctx, m.pairs, eq, zq, threshold)

    def _cut_in_edition(self, ctx: CheckContext, pairs, eq, zq, threshold: float) -> Iterable[Finding]:
        """An English original's quote whose Chinese quote renders far fewer of its words than this
        translator's other quotes (leave one out, as _content), and whose tail or head is nowhere in
        the Chinese sentence: cut short."""
        src_bead, tgt_bead = _bead_of(ctx.beads, True), _bead_of(ctx.beads, False)
        en_count, zh_count = _count_by(eq, src_bead), _count_by(zq, tgt_bead)
        sure = [(z, x, bead) for z, x, _, bead in pairs if zh_count.get(bead) == 1 and en_count.get(bead) == 1
                and src_bead.get(x.sentence) == bead and len(en_words(x.text, set())) >= 5]
        measured = [(rendered_share(en_words(x.text, zh_glosses(z.text))), len(_bare(z.text)) / max(len(x.text), 1)) for z, x, _ in sure]
        for k, ((z, x, bead), (share, ratio)) in enumerate(zip(sure, measured)):
            others = [p for i, p in enumerate(measured) if i != k]
            real = list(others)
            others += [_USUAL_EN_PAIR] * max(0, 2 - len(others))
            usual_share, usual_ratio = statistics.median(p[0] for p in others), statistics.median(p[1] for p in others)
            lone = not any(c <= 0.75 * usual_share for c, _ in real)
            if not (lone and usual_share >= 0.45 and share <= 0.75 * usual_share and ratio <= 0.7 * usual_ratio):
                continue
            cut = cut_end(en_words(x.text, zh_glosses(z.text)))
            if cut is None:
                continue
            end, a, b = cut
            if rendered_share(en_words(x.text[a:b], zh_glosses(_text(ctx.edition, ctx.beads[bead].tgt)))) > 0.2:
                continue  # the words are in the sentence, out of the quote marks
            conf = 0.7
            if conf >= threshold:
                exact = ctx.original.text[x.start:x.end] == x.text  # a quote joined from parts is shown whole
                where = Span(x.start + a, x.start + b) if exact else Span(x.start, x.end)
                what = "leaves out" if end == "tail" else "leaves out the beginning,"
                yield new_finding(
                    self, ctx, "quote", "altered", "medium", conf,
                    f"The quote in the edition {what} “{_short(x.text[a:b])}” (“{_short(z.text, 60)}”).",
                    original_spans=(where,), edition_spans=(Span(z.start, z.end),), bead=bead,
                    evidence={"original": x.text, "edition": z.text, "left_out": x.text[a:b], "cut": end,
                              "original_covered": round(share, 3), "usual_covered": round(usual_share, 3)},
                )

    def _compare(self, ctx: CheckContext, same_language: bool) -> Iterable[Finding]:
        threshold = float(ctx.options.get("quote_min_confidence", MIN_CONFIDENCE))
        zq = _memo(ctx, f"quotes:{ctx.original.id}", lambda: find_quotes(ctx.original, ctx.glossary))
        eq = _memo(ctx, f"quotes:{ctx.edition.id}", lambda: find_quotes(ctx.edition, ctx.glossary))
        src_bead = _bead_of(ctx.beads, True)
        tgt_bead = _bead_of(ctx.beads, False)
        if not same_language:
            zq, eq = _pieces(zq, ctx.original, src_bead), _pieces(eq, ctx.edition, tgt_bead)
        m = _memo(ctx, "quotes:matching", lambda: self._match(ctx, zq, eq, same_language))  # _lost_in_edition reuses it
        nested: list[Finding] = []
        if not same_language:
            # a quote within a quote (a saying, a slogan): matched among themselves, bead by bead
            zn = _pieces(_memo(ctx, f"nested:{ctx.original.id}", lambda: find_nested_quotes(ctx.original, ctx.glossary)), ctx.original, src_bead)
            en = _pieces(_memo(ctx, f"nested:{ctx.edition.id}", lambda: find_nested_quotes(ctx.edition, ctx.glossary)), ctx.edition, tgt_bead)
            if zn:
                n = self._match(ctx, zn, en, False)
                nested = list(self._content(ctx, n.pairs, False, threshold, zn, n.units, n.in_order))
                for z, bead in n.unmatched:  # reported without marks is a translator's choice; words gone are not
                    nested += self._phrase_missing(ctx, z, bead, threshold, 1.0, frozenset())
        # a flip inside a quote within the quote is reported there, not again for the whole quote
        flipped_inside = [f.original_spans[0] for f in nested if f.evidence.get("negation_flip")]
        for f in self._content(ctx, m.pairs, same_language, threshold, zq, m.units, m.in_order):
            if not (f.evidence.get("negation_flip") and any(f.original_spans[-1].start <= s.start and s.end <= f.original_spans[-1].end for s in flipped_inside)):
                yield f
        yield from self._speakers(ctx, m.pairs, same_language, threshold)
        # A translator who quotes differently throughout (fiction: thoughts quoted, dialogue reported)
        # is a style, not a divergence: the more quotes go unmatched, the less each one means.
        # A quote whose whole sentence is omitted tells nothing of how the translator quotes (the
        # omissions check reports it), and a quote's own miss is no evidence of that style: it is
        # judged by how many of the *other* kept quotes go unmatched.
        kept = lambda z: bool(ctx.beads[src_bead[z.sentence]].tgt) if z.sentence in src_bead else True  # noqa: E731
        speech_zh = [z for z in zq if z.speech and kept(z)]
        missed = {(z.start, z.end) for z, b in m.unmatched if z.speech and ctx.beads[b].tgt}

        def miss_damp(z: Quote) -> float:
            if len(speech_zh) < 4:
                return 1.0
            own = (z.start, z.end) in missed
            return _damp((len(missed) - own) / (len(speech_zh) - own))
        speech_en = [j for j, x in enumerate(eq) if x.speech and x.verb]
        add_rate = sum(1 for j in speech_en if j not in m.matched_en) / len(speech_en) if len(speech_en) >= 4 else 0.0
        claimed = {ctx.edition.sentences[k].id for j in m.matched_en for k in _sentence_span(ctx.edition, eq[j])}
        quoted = ([z for z, _, _, _ in m.pairs], [x for _, x, _, _ in m.pairs])  # what matched quotes take of each side
        yield from self._missing(ctx, m.unmatched, same_language, threshold, miss_damp, claimed, quoted)
        lonely_zh = {m.zh_bead[i] for i in m.zh_bead if i not in m.taken_zh}
        yield from self._added(ctx, eq, m.matched_en, tgt_bead, lonely_zh, threshold, _damp(add_rate))
        yield from nested

    def _match(self, ctx: CheckContext, zq: list[Quote], eq: list[Quote], same_language: bool) -> "_Matching":
        src_bead = _bead_of(ctx.beads, True)
        tgt_bead = _bead_of(ctx.beads, False)
        en_by_bead: dict[int, list[int]] = {}
        for j, q in enumerate(eq):
            en_by_bead.setdefault(tgt_bead.get(q.sentence, -1), []).append(j)

        def sim(z: Quote, x: Quote) -> float:
            if same_language:
                from .regional import fold

                return difflib.SequenceMatcher(None, _bare(fold(z.text).text), _bare(fold(x.text).text)).ratio()
            score = lexical_similarity(z.text, x.text)
            if ctx.translations is not None:
                mt = " ".join(ctx.translations[s] for s in ctx.beads[src_bead[z.sentence]].src) if z.sentence in src_bead else ""
                if mt:
                    score = max(score, _chrf(x.text, mt))
            return score

        # Candidates in the quote's own bead (floor) or a neighbouring one (higher floor, and a
        # quote of the own bead comes first), then a greedy one-to-one assignment by score, so a
        # neighbour's quote is never taken twice. Where one side of a bead has a single quote, it
        # takes one of the other side's however freely translated (dialogue: “行，你先走！” / 'Fine!').
        floor = 0.5 if same_language else 0.12
        ratio = _length_ratio(ctx)
        own_bonus = 0.1 if same_language else 0.3
        zh_in_bead = _count_by(zq, src_bead)
        candidates: list[tuple[float, int, int, float]] = []  # (rank, zh, en, similarity)
        zh_bead: dict[int, int] = {}
        for i, z in enumerate(zq):
            bead = src_bead.get(z.sentence)
            if bead is None:
                continue
            zh_bead[i] = bead
            own = en_by_bead.get(bead, ())
            for b in (bead, bead - 1, bead + 1):
                for j in en_by_bead.get(b, ()):
                    s = sim(z, eq[j])
                    alone = b == bead and (len(own) == 1 or zh_in_bead.get(bead) == 1) and not same_language
                    if b != bead and not same_language and not 0.25 <= _ratio(z, eq[j]) / ratio <= 4:
                        continue  # a neighbour's quote of quite another length ('Print.' on a button) is not this one
                    if s >= (floor if b == bead else floor + 0.23) or alone:
                        candidates.append((s + (own_bonus if b == bead else 0.0), i, j, s))
        candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
        taken_zh: dict[int, int] = {}
        matched_en: set[int] = set()
        parts: dict[int, list[int]] = {}  # zh quote -> further parts of its en quote
        similarity = {(i, j): s for _, i, j, s in candidates}
        if not same_language:
            # a bead with one quote on each side: the two are each other's, whatever a neighbour says
            for i, bead in zh_bead.items():
                own = en_by_bead.get(bead, ())
                if zh_in_bead.get(bead) == 1 and len(own) == 1:
                    taken_zh[i] = own[0]
                    matched_en.add(own[0])
        for _, i, j, score in candidates:
            if j in matched_en and taken_zh.get(i) != j:
                continue
            if taken_zh.get(i) == j:
                continue
            if i in taken_zh:
                # a quote split in two (“…,” he said. “…”): the other part belongs to this quote too
                if score >= floor + 0.1 and tgt_bead.get(eq[j].sentence) == tgt_bead.get(eq[taken_zh[i]].sentence):
                    matched_en.add(j)
                    parts.setdefault(i, []).append(j)
                continue
            taken_zh[i] = j
            matched_en.add(j)
        in_order: set[tuple[int, int]] = set()  # pairs made by their places in the bead, not their words
        if not same_language:
            # What is left of a bead pairs up in reading order where both sides have as many quotes.
            left_zh: dict[int, list[int]] = {}
            left_en: dict[int, list[int]] = {}
            for i in zh_bead:
                if i not in taken_zh:
                    left_zh.setdefault(zh_bead[i], []).append(i)
            for j, x in enumerate(eq):
                if j not in matched_en and tgt_bead.get(x.sentence) is not None:
                    left_en.setdefault(tgt_bead[x.sentence], []).append(j)
            for b, zs in left_zh.items():
                if len(zs) == len(left_en.get(b, ())):
                    for i, j in zip(zs, left_en[b]):
                        taken_zh[i] = j
                        matched_en.add(j)
                        similarity[(i, j)] = sim(zq[i], eq[j])
                        in_order.add((zq[i].start, zq[i].end))
            # '…,' said Hai, 'and …': next to the only matched quote of a bead, an unmatched en part
            # continues it, however little its words say on their own
            owner = {zh_bead[i]: i for i, j in taken_zh.items() if zh_in_bead.get(zh_bead[i]) == 1 and tgt_bead.get(eq[j].sentence) == zh_bead[i]}
            for j, x in enumerate(eq):
                i = owner.get(tgt_bead.get(x.sentence, -1))
                if j in matched_en or i is None:
                    continue
                mine = [eq[taken_zh[i]]] + [eq[k] for k in parts.get(i, ())]
                after = max((q for q in mine if q.end < x.start), key=lambda q: q.end, default=None)
                before = min((q for q in mine if q.start > x.end), key=lambda q: q.start, default=None)
                gap = ctx.edition.text[after.end + 1 : x.start - 1] if after else ctx.edition.text[x.end + 1 : before.start - 1] if before else "\n"
                if len(gap) <= 60 and "\n" not in gap.strip() and re.search(rf"\b(?:{_EN_VERB_RE})\b", gap):
                    matched_en.add(j)
                    parts.setdefault(i, []).append(j)
        pairs: list[tuple[Quote, Quote, float, int]] = []
        unmatched: list[tuple[Quote, int]] = []
        for i, z in enumerate(zq):
            if i not in zh_bead:
                continue
            if i in taken_zh:
                j = taken_zh[i]
                score = similarity[(i, j)]
                pairs.append((z, _joined([eq[j]] + [eq[k] for k in parts.get(i, ())]), round(score, 3), zh_bead[i]))
            else:
                unmatched.append((z, zh_bead[i]))
        absorbed = {k for ks in parts.values() for k in ks}
        units = [x for _, x, _, _ in pairs] + [x for j, x in enumerate(eq) if j not in absorbed and j not in taken_zh.values()]
        return _Matching(pairs, unmatched, matched_en, taken_zh, zh_bead, in_order, units)

    def _finding(self, ctx, subtype, severity, conf, explanation, z: Quote | None, x: Quote | None, bead, evidence, extra_o=(), extra_e=()) -> Finding:
        o_spans = tuple(extra_o) + ((Span(z.start, z.end),) if z else ())
        e_spans = tuple(extra_e) + ((Span(x.start, x.end),) if x else ())
        return new_finding(self, ctx, "quote", subtype, severity, conf, explanation,
                           original_spans=o_spans, edition_spans=e_spans, bead=bead, evidence=evidence)

    def _content(self, ctx, pairs, same_language: bool, threshold: float, zq=(), eq=(), in_order=frozenset()) -> Iterable[Finding]:
        if same_language:
            from .regional import equivalent

            for z, x, score, bead in pairs:
                if equivalent(z.text, x.text):
                    continue
                conf = 0.9 if score >= 0.6 else 0.7
                if conf < threshold:
                    continue
                (oa, ob), (ea, eb) = _changed_part(z.text, x.text)
                # shown as written (the quotes' text is the Simplified view of each side)
                was, now = ctx.original.text[z.start + oa : z.start + ob], ctx.edition.text[x.start + ea : x.start + eb]
                yield new_finding(
                    self, ctx, "quote", "altered", "high", conf,
                    f"The quote says “{_short(was or '…')}” in the original but “{_short(now or '…')}” in the edition.",
                    original_spans=(Span(z.start + oa, z.start + max(ob, oa + 1)),),
                    edition_spans=(Span(x.start + ea, x.start + max(eb, ea + 1)),),
                    bead=bead, evidence={"original": z.text, "edition": x.text, "changed_from": was, "changed_to": now, "similarity": score},
                )
            return
        scores = [s for _, _, s, _ in pairs]
        typical = statistics.median(scores) if scores else 0.0
        flips = [_flipped(z.text, x.text) for z, x, _, _ in pairs]
        src_bead, tgt_bead = _bead_of(ctx.beads, True), _bead_of(ctx.beads, False)
        zh_count = _count_by(zq, src_bead)
        en_count = _count_by(eq, tgt_bead)
        ratio = _length_ratio(ctx)
        covered = [coverage(z.text, x.text) for z, x, _, _ in pairs]
        # How much of a quote this translator's quotes usually render, and at what length: a quote
        # cut short stands out against the document's own pairs, not against a fixed norm.
        # (A few typical pairs stand in where the document has fewer than three long quotes.)
        # Each quote is measured against the others (leave one out): a quote cut short would pull
        # the yardstick down with it. Its own place is not filled with a typical pair, and it must
        # be the only long quote rendered that little: a second one says the translator is free.
        long_pairs = {k: (c[0], _ratio(z, x)) for k, ((z, x, _, _), c) in enumerate(zip(pairs, covered)) if len(_bare(z.text)) >= 12}

        def usual(k: int) -> tuple[float, float, bool]:
            others = [p for i, p in long_pairs.items() if i != k]
            real = list(others)
            others += [_USUAL_PAIR] * max(0, (2 if k in long_pairs else 3) - len(others))
            cov, rat = statistics.median(c for c, _ in others), statistics.median(r for _, r in others)
            return cov, rat, not any(c <= 0.6 * cov for c, _ in real)

        # Free (literary) translation flips negations all the time ("不可能" / "that's out of the
        # question"); when many matched quotes flip, none of them is news.
        flip_rate = sum(flips) / len(flips) if flips else 0.0
        flip_damp = max(0.0, 1.0 - 3 * (flip_rate - 0.1)) if len(flips) >= 10 and flip_rate > 0.1 else 1.0
        for k, ((z, x, score, bead), flip, (zh_cov, en_cov)) in enumerate(zip(pairs, flips, covered)):
            usual_cov, usual_ratio, lone = usual(k)
            # the only quote on both sides of its bead (or in the same place among as many): matched
            # for sure, however free the wording
            sole = (zh_count.get(bead) == 1 and en_count.get(tgt_bead.get(x.sentence)) == 1 and tgt_bead.get(x.sentence) == bead) or (z.start, z.end) in in_order
            if not z.speech and (x.verb is not None or _ratio(z, x) > 3 * ratio):
                continue  # a scare quote matched to someone's words: no telling what the two share
            if flip and len(_bare(z.text)) <= 40 and not _rhetorical(z.text, x.text) and (score >= 0.3 or sole):
                which = "the edition adds a negation" if _negations(x.text, "en") else "the edition drops a negation"
                conf = (min(0.9, 0.6 + score / 2) if score >= 0.3 else 0.7) * flip_damp
                if conf >= threshold:
                    yield self._finding(
                        ctx, "altered", "high", conf,
                        f"The quote's meaning is reversed: {which} (“{_short(z.text)}” vs “{_short(x.text, 60)}”).",
                        z, x, bead, {"original": z.text, "edition": x.text, "similarity": score, "negation_flip": True},
                    )
            # weakened: a guarantee told as a possibility, a strong degree word told with a weak one
            weakened = []
            if _guarantee_weakened(z.text, x.text):
                weakened.append((f"The quote's guarantee becomes a possibility: the original is certain, the edition says "
                                 f"“{_EN_POSSIBLE.search(x.text).group(0)}”", {"guarantee_weakened": True}))
            softened = None if flip else degree_softened(z.text, x.text, ctx.edition.lang)
            if softened:
                weakened.append((f"The quote is softened: the original says {softened[0]} (strongly), the edition “{softened[1]}”",
                                 {"softened": list(softened)}))
            for said, evidence in weakened:
                conf = 0.65 * flip_damp
                if (score >= 0.3 or sole) and conf >= threshold:
                    yield self._finding(
                        ctx, "altered", "medium", conf, f"{said} (“{_short(z.text)}” vs “{_short(x.text, 60)}”).",
                        z, x, bead, {"original": z.text, "edition": x.text, "similarity": score, **evidence},
                    )
            opposite = None if flip else _opposite(z.text, x.text)
            if opposite and _negations(z.text, "zh") % 2 == _negations(x.text, "en") % 2 and (score >= 0.3 or sole):
                conf = 0.75 * flip_damp
                if conf >= threshold:
                    yield self._finding(
                        ctx, "altered", "high", conf,
                        f"The quote's meaning is reversed: “{ctx.original.text[z.start + opposite[0]:z.start + opposite[1]]}” "
                        f"on one side, “{opposite[2]}” on the other.",  # the Chinese pole as written (z.text is the Simplified view)
                        z, x, bead, {"original": z.text, "edition": x.text, "similarity": score, "opposite": opposite[2]},
                    )
                continue
            hedged = _certainty_hedged(x.text, z.text) if ctx.options.get(_REVERSED) and not flip else None
            if hedged and (score >= 0.3 or sole):  # read back round: the English original is certain
                conf = 0.65 * flip_damp
                if conf >= threshold:
                    yield self._finding(
                        ctx, "altered", "medium", conf,
                        f"The quote's certainty becomes a possibility: the original says “{_EN_CERTAIN.search(x.text).group(0)}”, "
                        f"the edition {hedged} (“{_short(x.text)}” vs “{_short(z.text, 60)}”).",
                        z, x, bead, {"original": z.text, "edition": x.text, "similarity": score, "hedged": hedged},
                    )
            alone = en_count.get(tgt_bead.get(x.sentence)) == 1
            # Cut short: far fewer words rendered, far fewer characters, than this translator's other
            # quotes, and what is missing is the quote's tail or its head. Only where the translator
            # renders quotes closely (free translation leaves words unrendered everywhere).
            short = lone and usual_cov >= 0.4 and zh_cov <= 0.6 * usual_cov and _ratio(z, x) <= 0.7 * usual_ratio
            cut = _uncovered(z.text, x.text) if alone and short and len(_bare(z.text)) >= 12 else None
            if cut and cut[0] == "head" and self._head_in_narration(ctx, z, bead, cut, usual_cov):
                cut = None
            if cut:
                conf = 0.75 * flip_damp
                if conf >= threshold:
                    end, a, b = cut
                    what = "leaves out" if end == "tail" else "leaves out the beginning,"
                    yield new_finding(
                        self, ctx, "quote", "altered", "medium", conf,
                        f"The quote in the edition {what} “{_short(z.text[a:b])}” (“{_short(x.text, 60)}”).",
                        original_spans=(Span(z.start + a, z.start + b),), edition_spans=(Span(x.start, x.end),), bead=bead,
                        evidence={"original": z.text, "edition": x.text, "left_out": z.text[a:b], "cut": end, "original_covered": zh_cov,
                                  "edition_covered": en_cov, "usual_covered": usual_cov},
                    )
                continue
            if flip:
                continue
            if ctx.translations is not None and len(pairs) >= 3 and score < 0.2 and score < typical / 3:
                conf = 0.65
                if conf >= threshold:
                    yield self._finding(
                        ctx, "altered", "medium", conf,
                        f"The quote in the edition shares little with the original's (“{_short(z.text)}”).",
                        z, x, bead, {"original": z.text, "edition": x.text, "similarity": score, "typical": typical},
                    )

    @staticmethod
    def _head_in_narration(ctx, z: Quote, bead: int, cut: tuple[str, int, int], usual_cov: float) -> bool:
        """Is the opening the edition's quote lacks said in the edition's sentence around it, half as
        closely as this translator renders a quote? ('This year's goal, he said, is "growth of 5
        percent"': the opening moved out of the marks, not cut.)"""
        around = _text(ctx.edition, ctx.beads[bead].tgt, " ")  # the quote renders none of it
        return rendered_share(zh_words(z.text[cut[1]:cut[2]], around)) >= 0.5 * usual_cov

    def _speakers(self, ctx, pairs, same_language: bool, threshold: float) -> Iterable[Finding]:
        zh_people = [m for m in zh_mentions(ctx.original, ctx.glossary)]
        src_bead, tgt_bead = _bead_of(ctx.beads, True), _bead_of(ctx.beads, False)

        def rendered(x: Quote, bead: int) -> list[Mention]:
            """The people the original names nearby whom the edition's speaker renders."""
            near = [m for m in zh_people if abs(src_bead.get(m.sentence, -99) - bead) <= 3]
            return [m for m in near if score_rendering(m, x.speaker, ctx.glossary, fuzzy=False)[0] >= 0.55]

        named = [(x, bead) for _, x, _, bead in pairs if x.speaker and x.speaker_explicit]
        # A translator who names speakers their own way (阿福 -> Lucky) is a style, not news.
        strangers = sum(not rendered(x, bead) for x, bead in named) / len(named) if len(named) >= 4 else 0.0
        style = _damp(strangers)
        reported: set[tuple[int, int]] = set()
        for z, x, score, bead in pairs:
            if not (z.speaker and x.speaker and z.speaker_mention and x.speaker_mention) or z.ident in reported:
                continue
            if same_language:
                from .regional import fold

                same = fold(z.speaker).text == fold(x.speaker).text or z.speaker[:1] == x.speaker[:1]
                others = []
            else:
                same = score_rendering(z.speaker_mention, x.speaker, ctx.glossary)[0] >= 0.55 or self._linked(ctx, z.speaker_mention, x.speaker)
                others = [m for m in rendered(x, bead) if m.key != z.speaker_mention.key]
                if not same and not others:
                    same = self._learned(ctx, z.speaker_mention, x.speaker, bead, src_bead, tgt_bead)
                if not same:
                    same = self._spelled_there(ctx, z, x.speaker)
            if same:
                continue
            if z.speaker_explicit and x.speaker_explicit and (z.speaker_mention.confidence >= 0.8 or others):
                conf = 0.9  # named on both sides, or the edition names another person of the scene
            elif x.speaker_explicit and not same_language and not others:
                conf = 0.75 * style  # the edition names a speaker the original does not name anywhere near
            else:
                conf = 0.5
            if conf < threshold:
                continue
            reported.add(z.ident)
            yield self._finding(
                ctx, "speaker", "high", conf,
                f"The quote is {z.speaker}'s in the original but attributed to {x.speaker} in the edition.",
                z, x, bead, {"original_speaker": z.speaker, "edition_speaker": x.speaker},
                extra_o=(Span(*z.speaker_span),) if z.speaker_span else (), extra_e=(Span(*x.speaker_span),) if x.speaker_span else (),
            )

    @staticmethod
    def _learned(ctx, zh_mention: Mention, en_name: str, bead: int, src_bead, tgt_bead) -> bool:
        """The translator's own name for the person (阿福 -> Lucky): the two are written in the
        same beads, twice or more besides this one."""
        zh_beads = {src_bead.get(m.sentence) for m in zh_mentions(ctx.original, ctx.glossary) if m.key == zh_mention.key}
        word = re.compile(rf"(?<![A-Za-z]){re.escape(en_name)}(?![A-Za-z])")
        en_beads = {tgt_bead.get(s.id) for s in ctx.edition.sentences if word.search(s.text)}
        return len((zh_beads & en_beads) - {None, bead}) >= 2

    @staticmethod
    def _spelled_there(ctx, z: Quote, en_name: str) -> bool:
        """The characters where the original names the speaker spell the edition's name, though the
        word cut read another name there (jieba's 郑家/朗 for 鄭家朗, rendered 'Cheng Ka-long'), or
        sound it out as a foreign name (法/里德 for 'Farid', in a Chinese edition of an English story)."""
        from ..names import looks_romanised, name_tokens, spelled_runs
        from ..names.phonetic import sound_similarity

        tokens = name_tokens(en_name)
        if not z.speaker_span or not tokens:
            return False
        a, b = z.speaker_span
        m = z.speaker_mention
        text = ctx.original.text[a:b]
        runs = spelled_runs(text, en_name, surname_first=True) if looks_romanised(en_name) else []
        runs += [(i, j) for i in range(len(text)) for j in range(i + 2, min(len(text), i + 5) + 1)
                 if all("\u4e00" <= c <= "\u9fff" for c in text[i:j])
                 and sound_similarity(text[i:j], tokens[-1]) >= 0.8]
        return any(b2 - a2 >= 2 and a + a2 < m.end and m.start < a + b2 for a2, b2 in runs)

    @staticmethod
    def _linked(ctx, zh_mention: Mention, en_name: str) -> bool:
        """The same person under a name the translator chose (learned by the entity matcher), or a pronoun."""
        return en_name.lower() in _EN_PRONOUNS

    def _missing(self, ctx, unmatched, same_language: bool, threshold: float, damp_for, claimed=frozenset(), quoted=((), ())) -> Iterable[Finding]:
        ratio = _length_ratio(ctx)
        for z, bead in unmatched:
            damp = damp_for(z)
            tgt = ctx.beads[bead].tgt
            if not tgt:
                continue  # the sentence is omitted: the omissions check reports it
            if same_language:
                yield from self._missing_same_language(ctx, z, bead, threshold)
                continue
            if not z.speech:
                yield from self._phrase_missing(ctx, z, bead, threshold, damp, claimed)
                continue
            window_tgt = [s for b in (bead - 1, bead, bead + 1) if 0 <= b < len(ctx.beads) for s in ctx.beads[b].tgt]
            bead_text = " ".join(ctx.edition.sentences[s].text for s in tgt)
            e_spans = sentence_spans(ctx.edition, tgt)
            reported = re.search(rf"\b({_EN_VERB_RE}|according to|said that)\b", bead_text) if not same_language else re.search(_ZH_VERB_RE, bead_text)
            overlap = _overlap(z.text, bead_text, same_language)
            if overlap < 0.15 and self._anywhere(ctx, z.text, same_language, claimed, bead):
                continue  # the words are elsewhere in the edition: an alignment slip, not a lost quote
            if reported and overlap >= 0.3:
                conf = 0.65 * damp
                if conf >= threshold:
                    yield self._finding(ctx, "paraphrased", "low", conf,
                                        f"A direct quote in the original (“{_short(z.text)}”) is reported in the edition without quote marks.",
                                        z, None, bead, {"original": z.text, "speaker": z.speaker, "window": window_tgt}, extra_e=e_spans)
                continue
            if overlap >= 0.12:
                continue  # some of the content is there, reworded: too weak to report
            # room for reported speech, unless not one of three or more looked-up words is there
            if (overlap > 0 or _glossed(z.text) < 3) and self._room(ctx, z, bead, ratio, quoted):
                # 问：“你还好吗？” / "…and asked whether she felt better": the edition's sentence is long
                # enough for the narration and the words of the quote; most likely reported speech
                conf = 0.5 * damp
                if conf >= threshold:
                    yield self._finding(ctx, "paraphrased", "low", conf,
                                        f"A direct quote in the original (“{_short(z.text)}”) seems to be reported in the edition in other words.",
                                        z, None, bead, {"original": z.text, "speaker": z.speaker}, extra_e=e_spans)
                continue
            conf = 0.75 * damp
            if conf >= threshold:
                yield self._finding(ctx, "missing", "medium", conf,
                                    f"The quote “{_short(z.text)}”{f' ({z.speaker})' if z.speaker else ''} has no counterpart in the edition.",
                                    z, None, bead, {"original": z.text, "speaker": z.speaker}, extra_e=e_spans)

    def _phrase_missing(self, ctx, z: Quote, bead: int, threshold: float, damp: float, claimed) -> Iterable[Finding]:
        """A quoted phrase (号召中共官员“掌握自己的命运”, a caption, a slogan) whose words are nowhere in
        the edition's sentence: lower confidence, a translator may render a scare quote freely."""
        if len(re.findall(r"[\u3400-\u9fff]|\d+", z.text)) < 4:
            return  # (a number counts as a word: “709大抓捕”)
        tgt = ctx.beads[bead].tgt
        if not tgt:
            return  # the sentence is omitted: the omissions check reports it
        bead_text = " ".join(ctx.edition.sentences[s].text for s in tgt)
        narration = "".join(ctx.original.sentences[s].text for s in ctx.beads[bead].src).replace(z.text, "", 1)
        zh_cov, _ = coverage(z.text, _left_for_quote(narration, bead_text))
        if zh_cov > 0 or _glossed(z.text) < 2:
            return  # some of its words are there (or too few can be looked up to tell)
        if self._anywhere(ctx, z.text, False, claimed):  # a phrase rendered freely may stand anywhere
            return
        conf = 0.65 * damp
        if conf >= threshold:
            yield self._finding(ctx, "missing", "low", conf, f"The quoted phrase “{_short(z.text)}” has no counterpart in the edition.",
                                z, None, bead, {"original": z.text}, extra_e=sentence_spans(ctx.edition, tgt))

    @staticmethod
    def _room(ctx, z: Quote, bead: int, ratio: float, quoted=((), ())) -> bool:
        """Does the edition's bead hold more than the narration around the quote needs: room for the
        quote's words, reported? (Only where there is narration to report them in; the bead's other,
        matched quotes take their own room on both sides.) Where the edition's bead has several
        sentences, only those with a speech act count: a sentence beside 'she said.' (an added one)
        is no room for the quote."""
        src, tgt = ctx.beads[bead].src, ctx.beads[bead].tgt
        if len(tgt) > 1:
            tgt = tuple(s for s in tgt if _EN_SPEECH_ACT.search(ctx.edition.sentences[s].text))
            src = tuple(s for s in src if s in _sentence_span(ctx.original, z)) if len(src) > 1 else src
        others_zh = sum(len(_bare(q.text)) for q in quoted[0] if q.sentence in src)
        others_en = sum(len(q.text) for q in quoted[1] if q.sentence in tgt)
        narration = len(_bare("".join(ctx.original.sentences[s].text for s in src))) - len(_bare(z.text)) - others_zh
        rendered = " ".join(ctx.edition.sentences[s].text for s in tgt)
        return narration > 0 and len(rendered) - others_en >= ratio * (narration + 0.5 * len(_bare(z.text))) and bool(_EN_SPEECH_ACT.search(rendered))

    def _missing_same_language(self, ctx, z: Quote, bead: int, threshold: float) -> Iterable[Finding]:
        """Two Chinese editions keep every quote, scare quotes included: a missing one is a change."""
        from .regional import fold

        sids = [s for b in (bead - 1, bead, bead + 1) if 0 <= b < len(ctx.beads) for s in ctx.beads[b].tgt]
        window = _bare(fold("".join(ctx.edition.sentences[s].text for s in sids)).text)
        words_kept = _bare(fold(z.text).text) in window
        subtype, severity, conf = ("paraphrased", "low", 0.65) if words_kept else ("missing", "medium", 0.8)
        if conf < threshold:
            return
        what = "is there without its quote marks" if words_kept else "has no counterpart in the edition"
        yield self._finding(ctx, subtype, severity, conf, f"The quote “{_short(z.text)}” {what}.", z, None, bead,
                            {"original": z.text, "speaker": z.speaker}, extra_e=sentence_spans(ctx.edition, ctx.beads[bead].tgt))

    @staticmethod
    def _anywhere(ctx, quote: str, same_language: bool, claimed=frozenset(), bead: int | None = None) -> bool:
        """Are the quote's words in some edition sentence not already rendering another quote?
        (Dialogue repeats its words: “该我们了吗？” / “这下该我了。”) Only within SLIP_RADIUS beads of the
        quote's own: an alignment slips by a few sentences, while a sentence far away that shares the
        story's words (its places, its institutions) is no rendering of the quote."""
        near = None
        if bead is not None:
            near = {s for b in range(max(0, bead - SLIP_RADIUS), min(len(ctx.beads), bead + SLIP_RADIUS + 1))
                    for s in ctx.beads[b].tgt}
        return any(_overlap(quote, s.text, same_language) >= 0.4 for s in ctx.edition.sentences
                   if s.id not in claimed and (near is None or s.id in near))

    def _added(self, ctx, eq: Sequence[Quote], matched_en: set[int], tgt_bead, zh_beads: set[int], threshold: float, damp: float) -> Iterable[Finding]:
        for j, x in enumerate(eq):
            if j in matched_en or not x.speech or x.verb is None:
                continue
            bead = tgt_bead.get(x.sentence)
            if bead is None or not ctx.beads[bead].src:
                continue  # an added sentence: the omissions check reports it
            if re.search(rf"(?:{_ZH_VERB_RE})(?:道)?\s*[：:]\s*[^“「『\s]", "".join(ctx.original.sentences[s].text for s in ctx.beads[bead].src)):
                continue  # 她放下碗说：我是说…: the original quotes them too, without marks
            if any(b in zh_beads for b in (bead - 1, bead, bead + 1)):
                conf = 0.5  # a zh quote is near: more likely a loose match than an invented quote
            else:
                conf = 0.75
            conf *= damp
            if len(x.text.split()) < 6 or conf < threshold:
                continue
            yield new_finding(
                self, ctx, "quote", "added", "medium", conf,
                f"The edition quotes “{_short(x.text)}”{f' ({x.speaker})' if x.speaker else ''}, which is not quoted in the original.",
                original_spans=sentence_spans(ctx.original, ctx.beads[bead].src), edition_spans=(Span(x.start, x.end),),
                bead=bead, evidence={"edition": x.text, "speaker": x.speaker},
            )


def _overlap(zh: str, other: str, same_language: bool) -> float:
    if same_language:
        from .regional import fold

        a, b = _bare(fold(zh).text), _bare(fold(other).text)
        return difflib.SequenceMatcher(None, a, b).find_longest_match(0, len(a), 0, len(b)).size / max(len(a), 1)
    return lexical_similarity(zh, other)


def _changed_part(a: str, b: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """Where two Chinese quotes differ once script and region are folded: (span in a, span in b)."""
    from .regional import fold

    fa, fb = fold(a), fold(b)
    ops = [op for op in difflib.SequenceMatcher(None, fa.text, fb.text, autojunk=False).get_opcodes() if op[0] != "equal"]
    if not ops:
        return (0, len(a)), (0, len(b))
    a0, a1 = fa.span(ops[0][1], ops[-1][2])
    b0, b1 = fb.span(ops[0][3], ops[-1][4])
    if any(c.isdigit() for c in a[a0:a1] + b[b0:b1]) or _touches_digit(a, a0, a1) and _touches_digit(b, b0, b1):
        # 12月5日 -> 12月15日 differs by one inserted "1": shown as the figures, 5日 and 15日
        return _whole_figure(a, a0, a1), _whole_figure(b, b0, b1)
    return (a0, a1), (b0, b1)


def _touches_digit(text: str, start: int, end: int) -> bool:
    return any(0 <= k < len(text) and text[k].isdigit() for k in (start - 1, end))


def _whole_figure(text: str, start: int, end: int) -> tuple[int, int]:
    """A changed part widened to the figures it cuts into, with a unit character after them."""
    while start > 0 and (text[start - 1].isdigit() or text[start - 1] in ".," and start > 1 and text[start - 2].isdigit()):
        start -= 1
    while end < len(text) and (text[end].isdigit() or text[end] in ".," and end + 1 < len(text) and text[end + 1].isdigit()):
        end += 1
    if end < len(text) and text[end] in _FIGURE_UNITS and end > 0 and text[end - 1].isdigit():
        end += 1
    return start, end


#: characters that end a figure in a quote (5日, 30%, 8成, 3亿)
_FIGURE_UNITS = "日号月年%％成万亿元倍岁点时分秒"


def _joined(parts: list[Quote]) -> Quote:
    """One quote from its parts, in reading order ('…,' said Hai, '…'), speaker from the part naming one."""
    from dataclasses import replace

    if len(parts) == 1:
        return parts[0]
    parts = sorted(parts, key=lambda q: q.start)
    voiced = next((q for q in parts if q.speaker_explicit), next((q for q in parts if q.speaker), parts[0]))
    return replace(voiced, start=parts[0].start, end=parts[-1].end, text=" ".join(q.text for q in parts), sentence=parts[0].sentence)


def _text(doc: Edition, sids: Sequence[int], sep: str = "") -> str:
    return sep.join(doc.sentences[s].text for s in sids)


def _length_ratio(ctx) -> float:
    """Edition characters per original character over the beads with both sides: this translator's measure."""
    zh = en = 0
    for b in ctx.beads:
        if b.src and b.tgt:
            zh += sum(len(_bare(ctx.original.sentences[s].text)) for s in b.src)
            en += sum(len(ctx.edition.sentences[s].text) for s in b.tgt)
    return en / zh if zh else _USUAL_PAIR[1]


def _count_by(quotes: Sequence[Quote], bead_of: dict[int, int]) -> dict[int, int]:
    out: dict[int, int] = {}
    for q in quotes:
        b = bead_of.get(q.sentence)
        if b is not None:
            out[b] = out.get(b, 0) + 1
    return out


def _ratio(z: Quote, x: Quote) -> float:
    """Length of the edition's quote per character of the original's."""
    return len(x.text.strip()) / max(len(_bare(z.text)), 1)


_EN_ASKING_NOT = re.compile(
    r"(?:^|[,;:—…]\s*|\.\s+)(?:is|are|was|were|do|does|did|can|could|will|wo|would|should|shall|have|has|had|must|may|might)n[’']t\s+"
    r"(?:I|you|he|she|it|we|they|there|that|this|the)\b|\bwhy not\b", re.I)


def _rhetorical(zh: str, en: str) -> bool:
    """A question whose negation asks rather than denies (难道…不成？, 不是…吗？, "Isn't it…?"), a
    rhetorical question that denies without a negation (哪里还有睡觉的工夫？ 'there was no time to sleep'), or
    an 'or else' (要不我就报警 'if you don't, I'll call the police'): free translation moves such a 'not' in and
    out at will."""
    zh_asks = bool(re.search(r"[？?]|[吗吧呢][！!。]?$", zh.strip()))
    en_asks = bool(re.search(r"[？?]", en))
    zh_negates = bool(_ZH_NEGATION.search(_ZH_NOT_NEGATION.sub("", zh)))
    denies = zh_negates or bool(re.search(r"[那哪]里还|怎么|怎能|怎会|岂|难道|何必|何苦|何尝", zh))
    or_else = bool(re.search(r"要不|不然|否则", zh))
    # 你要是再不还钱，我就去告你 / "Pay up this time, or I'll take you to court"; 不许动 / "Keep still
    # if you know what is good for you"; 罢了 'never mind' / "Forget it": a condition, a warning or a
    # dismissal is recast with or without its 'not'
    recast = bool(re.search(r"(?:如果|倘若|要是|若是|假如|万一)[^，,。！？]*[不没别]|[不没][^，,。！？]*[，,]\s*[便就才]|罢了|便罢|也罢|算了", zh)) or (
        bool(re.search(r"不许|不准|不要|不能让|别|莫|勿", zh)) and bool(re.search(r"\b(?:if|unless|or else)\b", en, re.I)))
    doubts = zh_negates and not zh_asks and en_asks  # 他未必会来 / "Will he come, though?"
    # A negative question recast as a statement may lose its 'not' ("Surely you know"), not gain a
    # second one: "你就不能等一下吗？" / "You can't wait for nothing" says something else.
    gains = 1 <= _negations(zh, "zh") < _negations(en, "en") and not en_asks
    return (zh_asks and denies and not gains) or or_else or recast or doubts or bool(en_asks and _EN_ASKING_NOT.search(en))


def _glossed(zh: str) -> int:
    """How many of a zh text's words CC-CEDICT glosses."""
    from ..names.cedict import glosses
    from .entities import _jieba

    words = [w for w in _jieba().lcut(zh) if any("\u3400" <= c <= "\u9fff" for c in w) and w not in _ZH_STOP]
    return sum(1 for w in words if glosses(w) or (len(w) > 1 and any(glosses(c) for c in w)))


def _left_for_quote(narration: str, en: str) -> str:
    """The edition's words less one for each word of the narration around a quote that renders it:
    what is left to render the quote (the Shanghai of 《上海晚报》 is not the 申城 of “申城佳人”)."""
    from ..names.cedict import glosses, stem
    from .entities import _jieba

    tokens = re.findall(r"[A-Za-z]+", en)
    stems = [stem(t.lower()) for t in tokens]
    used: set[int] = set()
    for w in _jieba().lcut(narration):
        g = glosses(w) if w not in _ZH_STOP else ()
        k = next((i for i, t in enumerate(stems) if i not in used and t in g), None) if g else None
        if k is not None:
            used.add(k)
    return " ".join(t for i, t in enumerate(tokens) if i not in used)


def _uncovered(zh: str, en: str) -> tuple[str, int, int] | None:
    """("tail" or "head", start, end) of the part of a zh quote that the English quote does not
    render, when the English renders the rest: a quote cut short (see _quote_words.cut_end)."""
    return cut_end(zh_words(zh, en))


def _damp(rate: float) -> float:
    """1 while at most a quarter of the quotes go unmatched, then falling: 0.5 unmatched -> 0.75."""
    return 1.0 if rate <= 0.25 else max(0.0, 1.0 - (rate - 0.25))


def _bare(text: str) -> str:
    return re.sub(r"[\s，。、；：！？,.;:!?“”\"'‘’「」『』（）()]", "", text)


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
