"""quotes.v1 on small hand-written editions: a quote missing, added, inverted, given to another
speaker or turned into reported speech; faithful quotes (and Taiwan-style 「」) left alone."""

from __future__ import annotations

import pytest

from transcompare.checks.base import CheckContext
from transcompare.checks.quotes import QuoteCheck, find_quotes, negated
from transcompare.glossary.store import Entry, Glossary
from transcompare.ingest.reader import RawDocument
from transcompare.model import Bead
from transcompare.segment import segment

GLOSSARY = Glossary([Entry("蔡慎之", "Tsai Shen-chih", accepted=("Dr. Tsai",), type="person")])


def edition(text: str, lang: str, eid: str = "original"):
    return segment(RawDocument(f"{eid}.txt", text, "txt", "utf-8"), edition_id=eid, lang=lang)


def run(zh: str, other: str, lang: str = "en"):
    orig, ed = edition(zh, "zh"), edition(other, lang, "edition")
    n = min(len(orig.sentences), len(ed.sentences))
    beads = [Bead((i,), (i,), 0.9) for i in range(n)]
    ctx = CheckContext(orig, ed, beads, glossary=GLOSSARY)
    return orig, ed, list(QuoteCheck().run(ctx))


ZH = (
    "郑州大学经济学教授孙立民说：“地方官员为了政绩盲目举债，最后埋单的还是老百姓。”\n\n"
    "林教授表示：“只要口号对了，我们就能说服高官倒戈。”\n\n"
    "“外部环境复杂严峻，但中国外贸的基本盘依然稳固。”海关总署发言人吕振华说。"
)
EN = (
    "Sun Limin, an economics professor at Zhengzhou University, said: “Local officials borrow blindly to pad their records, and in the end ordinary people pay.”\n\n"
    "Prof. Lin said: “If we get the slogans right, we can persuade senior officials to defect.”\n\n"
    "“The external environment is complex and severe, but the fundamentals of China’s foreign trade remain solid,” customs spokesman Lü Zhenhua said."
)


def test_faithful_quotes_are_quiet():
    assert run(ZH, EN)[2] == []


def test_negation_flip_is_altered():
    orig, ed, findings = run(ZH, EN.replace("we can persuade", "we will never persuade"))
    (f,) = findings
    assert (f.kind, f.subtype, f.severity) == ("quote", "altered", "high")
    assert "we will never persuade" in ed.text[f.edition_spans[0].start : f.edition_spans[0].end]
    assert "我们就能说服高官倒戈" in orig.text[f.original_spans[0].start : f.original_spans[0].end]


def test_other_speaker():
    en = EN.replace("Sun Limin, an economics professor at Zhengzhou University, said:", "Dr. Tsai Shen-chih, a U.S.-based political scientist, said:")
    orig, ed, findings = run(ZH, en)
    (f,) = findings
    assert f.subtype == "speaker"
    spans_o = [orig.text[s.start : s.end] for s in f.original_spans]
    spans_e = [ed.text[s.start : s.end] for s in f.edition_spans]
    assert any("孙立民" in s for s in spans_o) and any("Tsai Shen-chih" in s for s in spans_e)


def test_quote_turned_into_reported_speech():
    en = EN.replace("said: “Local officials borrow blindly to pad their records, and in the end ordinary people pay.”",
                    "said local officials borrow blindly to pad their records, and in the end ordinary people pay.")
    (f,) = run(ZH, en)[2]
    assert (f.subtype, f.severity) == ("paraphrased", "low")


def test_missing_and_added_quotes():
    en = EN.replace("said: “Local officials borrow blindly to pad their records, and in the end ordinary people pay.”",
                    "spoke at a conference in Zhengzhou on Tuesday.")
    assert [f.subtype for f in run(ZH, en)[2]] == ["missing"]
    zh = ZH.replace("郑州大学经济学教授孙立民说：“地方官员为了政绩盲目举债，最后埋单的还是老百姓。”", "郑州大学经济学教授孙立民出席了会议。")
    en2 = EN.replace("said: “Local officials borrow blindly to pad their records, and in the end ordinary people pay.”",
                     "attended the meeting and said: “Nobody in this province believes the official growth figures any more.”")
    assert [f.subtype for f in run(zh, en2)[2]] == ["added"]


TRAD = (
    "鄭州大學經濟學教授孫立民說：「地方官員為了政績盲目舉債，最後埋單的還是老百姓。」\n\n"
    "林教授表示：「只要口號對了，我們就能說服高官倒戈。」\n\n"
    "「外部環境複雜嚴峻，但中國外貿的基本盤依然穩固。」海關總署發言人呂振華說。"
)


def test_same_language_compares_after_script_and_region_folding():
    assert run(ZH, TRAD, lang="zh")[2] == []
    _, ed, findings = run(ZH, TRAD.replace("就能說服高官倒戈", "也許能說服一些官員"), lang="zh")
    (f,) = findings
    assert f.subtype == "altered" and "也許能說服一些官員" in ed.text[f.edition_spans[0].start : f.edition_spans[0].end]


@pytest.mark.parametrize(
    "text,lang,expected",
    [("我们就能说服高官倒戈", "zh", False), ("我们不能说服", "zh", True), ("投不投降？", "zh", False), ("不过他来了", "zh", False),
     ("we will never persuade", "en", True), ("we can persuade", "en", False), ("it isn’t so", "en", True)],
)
def test_negation(text, lang, expected):
    assert negated(text, lang) is expected


def test_quotes_and_speakers_found():
    quotes = find_quotes(edition(ZH, "zh"), GLOSSARY)
    assert [q.speaker for q in quotes] == ["孙立民", "林", "吕振华"]
    en = find_quotes(edition("'Why, he's just another scavenger like me!' thought Trinket to himself. He didn't dare.", "en", "e"))
    assert [q.text for q in en] == ["Why, he's just another scavenger like me!"]
