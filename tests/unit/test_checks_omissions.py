"""omissions.v1: sentences and paragraphs without counterpart, ranked by what they carry."""

from __future__ import annotations

from transcompare.checks.base import CheckContext
from transcompare.checks.omissions import OmissionCheck, carries, weight
from transcompare.model import Bead, Edition, Sentence


def edition(eid: str, lang: str, paragraphs: list[list[str]], kinds: dict[int, str] | None = None) -> Edition:
    out, pos, sid = [], 0, 0
    sep = "" if lang == "zh" else " "
    text = ""
    for pid, sentences in enumerate(paragraphs):
        for s in sentences:
            out.append(Sentence(sid, pos, pos + len(s), s, pid, (kinds or {}).get(sid, "body")))
            text += s + sep
            pos += len(s) + len(sep)
            sid += 1
        text += "\n\n"
        pos += 2
    return Edition(eid, eid, lang, text, sentences=tuple(out))


ZH = [["林教授分析说，内部分歧很深。", "他指出，高层至少存在两股力量。"],
      ["有人希望中国走向民主，却仍然支持武力攻台。", "也有人对台湾抱有好感。"],
      ["林教授最后说：“中共最怕的是人心散了。”"]]
EN = [["Prof. Lin said the divisions run deep.", "He noted that at least two forces exist."],
      ["Prof. Lin concluded: “What the CCP fears most is its ranks falling apart.”", "The commission is the Party’s highest body."]]


def run(beads):
    ctx = CheckContext(edition("original", "zh", ZH), edition("edition", "en", EN), beads)
    return list(OmissionCheck().run(ctx))


def test_whole_paragraph_and_added_sentence():
    beads = [Bead((0,), (0,), 0.9), Bead((1,), (1,), 0.9), Bead((2, 3), (), 0.8), Bead((4,), (2,), 0.9), Bead((), (3,), 0.7)]
    omission, addition = sorted(run(beads), key=lambda f: f.kind, reverse=True)
    assert (omission.kind, omission.subtype, omission.severity) == ("omission", "paragraph", "high")
    assert len(omission.original_spans) == 2 and omission.evidence["whole_paragraph"]
    assert "2 sentences" in omission.explanation
    assert (addition.kind, addition.subtype) == ("addition", "sentence")
    assert addition.edition_spans and not addition.original_spans
    # A gap is as sure as the alignment around it: the paired beads next to it score 0.9.
    assert addition.confidence == 0.9 and omission.confidence == 0.9


def test_single_quote_sentence_is_high():
    beads = [Bead((0,), (0,)), Bead((1,), (1,)), Bead((2, 3), (2,)), Bead((4,), ())]
    (f,) = run(beads)
    assert f.subtype == "sentence" and f.severity == "high" and "a quote" in f.explanation


def test_rank_by_what_sentences_carry():
    assert carries("他说：“我们能赢。”", "zh") == ["a quote", "names"]
    assert "figures" in carries("已有43万名官员被立案审查。", "zh")
    assert weight("“We will win,” said Zhang Wei.", "en", "body") > weight("It was a cold day.", "en", "body")
    assert weight("(Video screenshot)", "en", "caption") < 0.5
    assert weight("责任编辑：高远", "zh", "body") < 0.5


def test_sentences_folded_into_an_uncertain_bead(tmp_path, monkeypatch):
    """The aligner glued an unrendered paragraph onto its neighbour (3-1 bead, low score)."""
    monkeypatch.setenv("TRANSCOMPARE_CACHE", str(tmp_path))
    from transcompare.checks import wording

    wording._default_encoder.cache_clear()
    zh = [["他指出，中共高层至少存在两股力量，一股主张推动民主化，另一股对台湾持友善态度。"],
          ["有人希望中国走向民主，却仍然支持武力攻台。", "也有人对台湾抱有好感，却未必赞成政治改革。"]]
    en = [["He noted that at least two forces exist within the CCP’s top ranks, one pushing for democratization "
           "and another friendly toward Taiwan."]]
    ctx = CheckContext(edition("original", "zh", zh), edition("edition", "en", en), [Bead((0, 1, 2), (0,), 0.03)])
    findings = list(OmissionCheck().run(ctx))
    wording._default_encoder.cache_clear()
    (f,) = findings
    assert (f.kind, f.subtype) == ("omission", "partial-paragraph")
    assert [s.start for s in f.original_spans] == [ctx.original.sentences[1].start, ctx.original.sentences[2].start]
    sure = CheckContext(ctx.original, ctx.edition, [Bead((0, 1, 2), (0,), 0.995)])
    assert list(OmissionCheck().run(sure)) == []


def test_sentence_folded_into_a_two_to_one_bead_is_found_by_length():
    """The aligner glued an unrendered sentence to its neighbour: lengths show the edition is too short for both."""
    from transcompare.checks.base import CheckContext
    from transcompare.checks.omissions import OmissionCheck
    from transcompare.ingest.reader import RawDocument
    from transcompare.model import Bead
    from transcompare.segment import segment

    zh = ("海关总署今天公布了前两个月的外贸数据。出口总额同比下降百分之十二。东盟继续保持第一大贸易伙伴地位。"
          "发言人在新闻发布会上表示，外部环境复杂严峻，但中国外贸基本盘依然稳固。他没有回答记者关于美国政府去年加征的关税对出口企业有何影响的提问。")
    en = ("The customs administration released foreign trade data for the first two months today. "
          "Total exports fell 12 percent from a year earlier. ASEAN remained the largest trading partner. "
          "The spokesman said the external environment was complex and severe, but the fundamentals of foreign trade remained solid.")
    original = segment(RawDocument("zh.txt", zh, "txt", "utf-8"), "original")
    edition = segment(RawDocument("en.txt", en, "txt", "utf-8"), "edition")
    beads = [Bead((0,), (0,), 0.99), Bead((1,), (1,), 0.99), Bead((2,), (2,), 0.99), Bead((3, 4), (3,), 0.9)]
    findings = list(OmissionCheck().run(CheckContext(original, edition, beads)))
    omitted = [f for f in findings if f.kind == "omission"]
    assert len(omitted) == 1 and omitted[0].subtype.startswith("partial")
    assert original.text[omitted[0].original_spans[0].start:omitted[0].original_spans[0].end].startswith("他没有回答")


def _split(zh: str, en: str):
    from transcompare.ingest.reader import RawDocument
    from transcompare.segment import segment

    return (segment(RawDocument("zh.txt", zh, "txt", "utf-8"), "original"),
            segment(RawDocument("en.txt", en, "txt", "utf-8"), "edition"))


TRADE_ZH = ("海关总署今天公布了前两个月的外贸数据。出口总额同比下降百分之十二。东盟继续保持第一大贸易伙伴地位。"
            "国家统计局周三发布报告称，一月份全国规模以上工业企业利润同比增长百分之八，其中高技术制造业利润增长较快。")
TRADE_EN = ("The customs administration released foreign trade data for the first two months today. "
            "Total exports fell 12 percent from a year earlier. ASEAN remained the largest trading partner. "
            "The National Bureau of Statistics said in a report on Wednesday that profits of industrial firms above "
            "designated size rose 8 percent year on year in January, with high-tech manufacturing growing faster. ")


def test_explanatory_sentence_folded_into_a_bead_is_an_addition():
    """An added sentence that only re-uses the bead's own terms, making the edition too long for the original."""
    original, edition = _split(TRADE_ZH, TRADE_EN + "The bureau is the country’s main official statistics agency.")
    beads = [Bead((0,), (0,), 0.99), Bead((1,), (1,), 0.99), Bead((2,), (2,), 0.99), Bead((3,), (3, 4), 0.97)]
    added = [f for f in OmissionCheck().run(CheckContext(original, edition, beads)) if f.kind == "addition"]
    assert len(added) == 1 and added[0].subtype == "partial-sentence"
    assert added[0].evidence["redundant_dictionary_hits"] >= 2
    span = added[0].edition_spans[0]
    assert edition.text[span.start:span.end].startswith("The bureau is")


def test_a_true_one_to_two_split_is_not_an_addition():
    """The second sentence renders the rest of the original sentence: it meets words the first does not."""
    en = TRADE_EN.replace(", with high-tech manufacturing growing faster. ",
                          ". Profits in high-tech manufacturing grew faster.")
    original, edition = _split(TRADE_ZH, en)
    beads = [Bead((0,), (0,), 0.99), Bead((1,), (1,), 0.99), Bead((2,), (2,), 0.99), Bead((3,), (3, 4), 0.97)]
    assert [f for f in OmissionCheck().run(CheckContext(original, edition, beads)) if f.kind == "addition"] == []


CROSS_ZH = [["海关总署今天公布了前两个月的外贸数据。", "出口总额同比下降百分之十二。"],
            ["国家统计局周三发布报告称，一月份工业企业利润同比增长百分之八。", "其中高技术制造业利润增长较快。"]]
CROSS_EN = [["The customs administration released foreign trade data for the first two months today.",
             "Total exports fell 12 percent from a year earlier.",
             "China is the world’s largest exporter, and its factories employ more than 100 million people."],
            ["The National Bureau of Statistics said on Wednesday that industrial profits rose 8 percent in January.",
             "Profits in high-tech manufacturing grew faster."]]


def test_sentence_closing_a_paragraph_folded_into_the_next_paragraphs_bead_is_an_addition():
    """The added background sentence ends the edition's first paragraph; the aligner put it with the
    second paragraph's first sentence. That paragraph's other sentences pair with the original's first
    paragraph, not the second: the sentence renders nothing of the bead."""
    original, edition_ = edition("original", "zh", CROSS_ZH), edition("edition", "en", CROSS_EN)
    beads = [Bead((0,), (0,), 0.99), Bead((1,), (1,), 0.99), Bead((2,), (2, 3), 0.9), Bead((3,), (4,), 0.99)]
    added = [f for f in OmissionCheck().run(CheckContext(original, edition_, beads)) if f.kind == "addition"]
    assert [(f.subtype, f.evidence["sentences"]) for f in added] == [("partial-sentence", [2])]


def test_paragraphs_merged_by_the_edition_are_no_addition():
    """The same bead where the edition ran the two paragraphs together: its paragraph pairs with both."""
    merged = [CROSS_EN[0][:2] + CROSS_EN[1]]
    zh = [CROSS_ZH[0], [CROSS_ZH[1][0]], [CROSS_ZH[1][1]]]
    original, edition_ = edition("original", "zh", zh), edition("edition", "en", merged)
    # the bead spans two of the original's paragraphs; the first (its run 出口总额…) pairs with the edition's only one
    beads = [Bead((0,), (0,), 0.99), Bead((1, 2), (1, 2), 0.9), Bead((3,), (3,), 0.99)]
    assert [f for f in OmissionCheck().run(CheckContext(original, edition_, beads)) if f.subtype.startswith("partial")] == []


OUTBREAK_ZH = ("教育局上周发布指引，要求学校加强通风。卫生署官员周二在记者会上表示，本港已进入流感季节，入院个案持续上升。"
               "她说，过去一个月全港共录得18宗学校流感爆发，涉及约240名学生。")
OUTBREAK_EN = ("The Education Bureau issued guidelines last week asking schools to improve ventilation. "
               "A Department of Health official told a press conference on Tuesday that the flu season had begun "
               "and that hospital admissions were still rising.")


def test_a_sentence_of_figures_folded_into_its_neighbours_bead_is_an_omission():
    """The aligner glued the sentence on 18 outbreaks and about 240 students to the one before it; the
    edition writes neither figure anywhere near, and the bead matches no worse without it."""
    original, edition_ = _split(OUTBREAK_ZH, OUTBREAK_EN)
    beads = [Bead((0,), (0,), 0.99), Bead((1, 2), (1,), 0.86)]
    omitted = [f for f in OmissionCheck().run(CheckContext(original, edition_, beads)) if f.kind == "omission"]
    assert [(f.subtype, f.evidence["sentences"]) for f in omitted] == [("partial-sentence", [2])]
    assert original.text[omitted[0].original_spans[0].start:].startswith("她说，过去一个月")


def test_a_folded_sentence_whose_figures_the_edition_writes_is_no_omission():
    en = OUTBREAK_EN.replace("were still rising.", "were still rising, with 18 flu outbreaks in schools in the past "
                             "month involving some 240 students.")
    original, edition_ = _split(OUTBREAK_ZH, en)
    beads = [Bead((0,), (0,), 0.99), Bead((1, 2), (1,), 0.86)]
    assert [f for f in OmissionCheck().run(CheckContext(original, edition_, beads)) if f.kind == "omission"] == []


def test_sentence_folded_into_a_bead_of_two_chinese_editions_is_an_omission():
    """A Simplified re-edit drops a one-sentence paragraph and the aligner folds it into the previous bead
    (sure, as zh-zh scores are): its characters are missing on the other side, the rest is rendered."""
    zh = [["市政府表示，明年將新增八條公車路線，並把夜間班次增加三成。"],
          ["交通局也指出，今年以來違規停車的罰單比去年同期增加近一倍。"]]
    hans = [["市政府表示，明年将新增八条公交路线，并把夜间班次增加三成。"]]
    ctx = CheckContext(edition("original", "zh-Hant", zh), edition("edition", "zh", hans), [Bead((0, 1), (0,), 0.995)])
    (f,) = list(OmissionCheck().run(ctx))
    assert (f.kind, f.subtype) == ("omission", "partial-sentence")
    assert [s.start for s in f.original_spans] == [ctx.original.sentences[1].start]
    # a faithful re-edit that splits one sentence into two is no omission
    split = [["市政府表示，明年将新增八条公交路线。", "市政府并把夜间班次增加三成。"]]
    ctx = CheckContext(edition("original", "zh-Hant", zh[:1]), edition("edition", "zh", split), [Bead((0,), (0, 1), 0.995)])
    assert list(OmissionCheck().run(ctx)) == []


def test_several_sentences_short_of_a_paragraph_read_as_a_plural():
    """Two of a paragraph's three sentences left out read 'This sentences has no counterpart'."""
    zh = [["林教授分析说，内部分歧很深。", "他指出，高层至少存在两股力量。", "有人希望中国走向民主。"]]
    en = [["Prof. Lin said the divisions run deep."]]
    ctx = CheckContext(edition("original", "zh", zh), edition("edition", "en", en), [Bead((0,), (0,)), Bead((1, 2), ())])
    (f,) = OmissionCheck().run(ctx)
    assert f.subtype == "sentences"
    assert f.explanation.startswith("These 2 sentences have no counterpart in this edition")


SEAM_ZH = [["市政府昨日宣布，明年起全市公交票价上调两成。", "交通局长王建华表示，调价是为了弥补燃油成本上涨。"],
           ["出租车司机协会会长李国平批评，政府没有事先征询业界意见。", "他说，协会将向议会提交请愿书。"],
           ["新票价将于明年1月1日实施。"]]
SEAM_EN = [["The city government announced on Thursday that bus fares will rise by 20 percent from next year.",
            "Transport chief Wang Jianhua said the rise would offset higher fuel costs.",
            "The city's buses carry about two million passengers a day."],
           ["The new fares take effect on January 1."]]


def test_an_added_sentence_paired_with_the_first_sentence_of_a_dropped_paragraph_is_both():
    """The edition drops a paragraph and adds a sentence that closes the paragraph before; the aligner pairs
    the two one to one across the seam. The bead's sentences sit in paragraphs that pair with other
    paragraphs, and the edition sentence renders none of the original's words: a dropped sentence and an
    added one, not a loose rendering."""
    original, edition_ = edition("original", "zh", SEAM_ZH), edition("edition", "en", SEAM_EN)
    beads = [Bead((0,), (0,), 0.99), Bead((1,), (1,), 0.99), Bead((2,), (2,), 0.55), Bead((3,), (), 0.3),
             Bead((4,), (3,), 0.99)]
    found = sorted((f.kind, f.subtype, f.evidence["sentences"]) for f in OmissionCheck().run(CheckContext(original, edition_, beads)))
    assert found == [("addition", "sentence", [2]), ("omission", "paragraph", [2, 3])]


def test_a_sentence_moved_into_the_paragraph_before_is_no_seam():
    """The same seam where the edition renders the first sentence of the next paragraph at the end of the one
    before: it renders the original's words, so the pair stands."""
    en = [SEAM_EN[0][:2] + ["Li Guoping, head of the taxi drivers' association, criticised the government for not "
                            "consulting the trade beforehand."], SEAM_EN[1]]
    original, edition_ = edition("original", "zh", SEAM_ZH), edition("edition", "en", en)
    beads = [Bead((0,), (0,), 0.99), Bead((1,), (1,), 0.99), Bead((2,), (2,), 0.8), Bead((3,), (), 0.3),
             Bead((4,), (3,), 0.99)]
    found = sorted((f.kind, f.evidence["sentences"]) for f in OmissionCheck().run(CheckContext(original, edition_, beads)))
    assert found == [("omission", [3])]


MOVED_EN = [["The mayor said the city expected to issue the final building permits by Dec. 14.",
             "“This is the largest investment our region has seen in 30 years,” she said."],
            ["The company also plans a recycling plant in Morocco."]]


def _moved(zh: list[list[str]], tmp_path, monkeypatch, check, en: list[list[str]] = MOVED_EN):
    monkeypatch.setenv("TRANSCOMPARE_CACHE", str(tmp_path))
    from transcompare.checks import wording

    wording._default_encoder.cache_clear()
    beads = [Bead((0,), ()), Bead((1,), (0,), 0.99), Bead((), (1,)), Bead((2,), (2,), 0.99)]
    ctx = CheckContext(edition("original", "en", en), edition("edition", "zh", zh), beads,
                       publication_date="2026-11-02")
    try:
        return list(check.run(ctx))
    finally:
        wording._default_encoder.cache_clear()


def test_a_sentence_moved_past_its_neighbour_is_no_omission_and_its_date_is_compared(tmp_path, monkeypatch):
    """The aligner keeps order, so two swapped sentences come out as a 1-0 bead, the neighbour's bead and a
    0-1 bead; the two lonely sentences render each other, so neither is dropped nor added, and a date
    changed between them is still a changed date."""
    from transcompare.checks.dates import DateCheck

    zh = [["“这是我们地区30年来最大的一笔投资，”市长说。", "她表示，该市预计在12月4日前发放最终建筑许可。"],
          ["该公司还计划在摩洛哥建设一座回收厂。"]]
    assert _moved(zh, tmp_path, monkeypatch, OmissionCheck()) == []
    (f,) = _moved(zh, tmp_path, monkeypatch, DateCheck())
    assert (f.kind, f.subtype) == ("date", "changed") and "12月4日" in f.explanation


def test_a_dropped_and_an_unrelated_added_sentence_around_a_bead_are_both_reported(tmp_path, monkeypatch):
    zh = [["“这是我们地区30年来最大的一笔投资，”市长说。", "该公司的股价今年以来已下跌约12%。"],
          ["该公司还计划在摩洛哥建设一座回收厂。"]]
    kinds = sorted(f.kind for f in _moved(zh, tmp_path, monkeypatch, OmissionCheck()))
    assert kinds == ["addition", "omission"]


def test_a_figure_changed_in_a_sentence_moved_past_its_neighbour_is_compared(tmp_path, monkeypatch):
    from transcompare.checks.numbers import NumberCheck

    zh = [["“这是我们地区30年来最大的一笔投资，”市长说。", "她表示，该市预计将发放40份最终建筑许可。"],
          ["该公司还计划在摩洛哥建设一座回收厂。"]]
    en = [["The mayor said the city expected to issue 14 final building permits.",
           "“This is the largest investment our region has seen in 30 years,” she said."],
          ["The company also plans a recycling plant in Morocco."]]
    (f,) = _moved(zh, tmp_path, monkeypatch, NumberCheck(), en)
    assert (f.kind, f.subtype) == ("number", "changed") and "40" in f.explanation
