"""Sentence and paragraph segmentation on hard cases; every unit keeps exact offsets."""

import pytest

from transcompare.ingest.reader import RawDocument
from transcompare.segment import detect_lang, en, segment, zh


def _pieces(text, splitter):
    return [text[a:b] for a, b in splitter(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("他来了。她走了！真的吗？", ["他来了。", "她走了！", "真的吗？"]),
        ("“如果共产党真的团结，早就攻打台湾了。”他说。明教授表示同意。",
         ["“如果共产党真的团结，早就攻打台湾了。”他说。", "明教授表示同意。"]),
        ("「我們不會改變立場。」李明表示。", ["「我們不會改變立場。」李明表示。"]),
        ("他指出两大派系；一是民主派。", ["他指出两大派系；", "一是民主派。"]),
        ("局势复杂……但他没有放弃。", ["局势复杂……但他没有放弃。"]),
        ("局势复杂……“我们会坚持。”", ["局势复杂……", "“我们会坚持。”"]),
        ("（据称，此事属实。）另一句。", ["（据称，此事属实。）", "另一句。"]),
        ("“第一句。第二句。”李明表示。", ["“第一句。", "第二句。”李明表示。"]),
    ],
)
def test_zh_sentences(text, expected):
    assert _pieces(text, zh.split_sentences) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Prof. Ming spoke. He left.", ["Prof. Ming spoke.", "He left."]),
        ("Dr. Smith met Mr. Lee in Jan. 2024 in Taipei.", ["Dr. Smith met Mr. Lee in Jan. 2024 in Taipei."]),
        ("Growth was 3.5 percent. Exports fell.", ["Growth was 3.5 percent.", "Exports fell."]),
        ("John F. Kennedy agreed. Others did not.", ["John F. Kennedy agreed.", "Others did not."]),
        ("The U.S. clearly sees it. The CIA agrees.", ["The U.S. clearly sees it.", "The CIA agrees."]),
        ("He lives in the U.S. He is fine.", ["He lives in the U.S.", "He is fine."]),
        ("It was... fine. Then it ended... Later, more.", ["It was... fine.", "Then it ended...", "Later, more."]),
        ("“Come to the CIA,” he said. “I’ll protect you.”", ["“Come to the CIA,” he said.", "“I’ll protect you.”"]),
        ('"Is it true?" she asked. Yes!', ['"Is it true?" she asked.', "Yes!"]),
        # Abbreviations that are also words end a sentence unless a number follows.
        ("He said no. Then he left.", ["He said no.", "Then he left."]),
        ("She studied art. The dog sat. It slept.", ["She studied art.", "The dog sat.", "It slept."]),
        ('"No." She laughed.', ['"No."', "She laughed."]),
        ("Room No. 5 under Art. 23 and Fig. 3 stays. Next.", ["Room No. 5 under Art. 23 and Fig. 3 stays.", "Next."]),
        ("It ended at 5 p.m. Then he left.", ["It ended at 5 p.m.", "Then he left."]),
    ],
)
def test_en_sentences(text, expected):
    assert _pieces(text, en.split_sentences) == expected


def _doc(text, title=None):
    return RawDocument(source="t.txt", text=text, format="txt", encoding="utf-8", title=title)


def test_units_and_offsets_zh():
    text = "中南海高层难言一心\n\n习近平在会议上。（视频截图）\n\n【新闻网2026年3月5日讯】据称，43万人受查。他说：“不会。”\n"
    ed = segment(_doc(text), "original")
    assert ed.lang == "zh" and ed.script == "Hans"
    kinds = [(s.kind, s.text) for s in ed.sentences]
    assert kinds[0] == ("headline", "中南海高层难言一心")
    assert kinds[1] == ("caption", "习近平在会议上。（视频截图）")
    assert kinds[2] == ("dateline", "【新闻网2026年3月5日讯】")
    assert [k for k, _ in kinds[3:]] == ["body", "body"]
    for s in ed.sentences:
        assert text[s.start:s.end] == s.text
    assert [p.kind for p in ed.paragraphs] == ["headline", "caption", "body"]


def test_units_and_offsets_en():
    text = "Leaders Not United\n\nBy Jane Doe\n\nProfessor Ming said the U.S. sees it.\nHe added more.\n\nA second paragraph. With two sentences.\n"
    ed = segment(_doc(text), "edition")
    assert ed.lang == "en" and ed.script is None
    assert [s.kind for s in ed.sentences][:2] == ["headline", "byline"]
    assert [s.paragraph for s in ed.sentences] == [0, 1, 2, 3, 4, 4]
    for s in ed.sentences:
        assert text[s.start:s.end] == s.text


def test_dateline_unit_is_trimmed():
    text = "Leaders Not United\n\nBEIJING — Officials denied it. They left.\n"
    ed = segment(_doc(text), "edition")
    assert [(s.kind, s.text) for s in ed.sentences][1:3] == [("dateline", "BEIJING —"), ("body", "Officials denied it.")]
    for s in ed.sentences:
        assert text[s.start:s.end] == s.text


def test_traditional_script_detected():
    ed = segment(_doc("中華民國國家安全局今天表示，據稱有四十三萬人受到調查。"), "x")
    assert ed.script == "Hant"


def test_presplit_keeps_lines():
    text = "第一句。第二句。\n\n第三句\n"
    ed = segment(_doc(text), "x", presplit=True)
    assert ed.sentence_texts() == ["第一句。第二句。", "第三句"]


def test_presplit_blank_lines_are_paragraph_breaks_that_on_lines_restores():
    """QA: --presplit dropped blank lines, so `translate --format txt` no longer lined up with the input."""
    from transcompare.segment import on_lines

    text = "\n一。\n二。\n\n \n三。\n\n"
    ed = segment(_doc(text), "x", presplit=True)
    assert ed.sentence_texts() == ["一。", "二。", "三。"]
    assert [(s.id, s.paragraph) for s in ed.sentences] == [(0, 0), (1, 0), (2, 1)]
    assert [text[p.start:p.end] for p in ed.paragraphs] == ["一。\n二。", "三。"]
    assert on_lines(ed, ["1", "2", "3"]) == ["", "1", "2", "", "", "3", ""]
    assert on_lines(segment(_doc("一。\n二。"), "x", presplit=True), ["1", "2"]) == ["1", "2"]


def test_detect_lang():
    assert detect_lang("这是中文。") == "zh"
    assert detect_lang("This is English.") == "en"


def test_detect_lang_ignores_urls_and_counts_han_like_words():
    """QA: a Chinese article with a long URL was detected as English (letters outweighed Han)."""
    url = "https://www.example.com/news/2024/03/15/provincial-government-announces-new-policy-on-rural-land-reform.html"
    assert detect_lang(f"省政府周三公布土地改革新政策。详情见{url}。") == "zh"
    assert detect_lang("如有疑问，请联系 press.office.provincial-government@example-news-agency.com.cn 。") == "zh"
    assert detect_lang("小米周三发布 Xiaomi Redmi Note 13 Pro Plus 5G 手机，售价一千九百九十九元。") == "zh"
    # An English article quoting a Chinese phrase stays English.
    assert detect_lang('Mr. Xi called it "共同富裕", or common prosperity, in a speech on Tuesday.') == "en"
    assert detect_lang(url) == "en" and detect_lang("") == "en"


@pytest.mark.parametrize("tag", ["zh", "zh-Hans", "zh-Hant", "zh_TW", "ZH", "zh-hk"])
def test_language_tags_read_as_their_language(tag):
    """A BCP 47 tag (as in the TMX/XLIFF exports) is its primary language: "zh-Hans" once
    selected the English sentence splitter and left 21 Chinese sentences as 12."""
    text = "他来了。她走了！真的吗？"
    edition = segment(RawDocument(text=text, source="t", encoding="utf-8", format="txt"), "t", lang=tag)
    assert edition.lang == "zh" and len(edition.sentences) == 3


def test_english_region_tag_reads_as_english():
    edition = segment(RawDocument(text="He came. She left.", source="t", encoding="utf-8", format="txt"), "t", lang="en-GB")
    assert edition.lang == "en" and len(edition.sentences) == 2


@pytest.mark.parametrize(
    "dateline, expected",
    [
        ("【新闻网2026年3月5日讯】", "2026-03-05"),
        ("【新聞網２０２６年１２月３１日訊】", "2026-12-31"),
        ("[Huaguan News, March 5, 2026]", "2026-03-05"),
        ("[Huaguan News, Jan. 22, 2026]", "2026-01-22"),
        ("[Huaguan News, Sept 9 2026]", "2026-09-09"),
        ("(Huaguan News, 5 March 2026)", "2026-03-05"),
        ("[Huaguan News, 2026-03-05]", "2026-03-05"),
        ("【新闻网2026年2月30日讯】", None),  # no such day
        ("【新闻网3月5日讯】", None),  # no year: not a full date
        ("BEIJING —", None),
    ],
)
def test_dateline_date(dateline, expected):
    from transcompare.segment._dateline import dateline_date

    assert dateline_date(dateline) == expected


def test_edition_date_comes_from_its_dateline_when_metadata_gives_none():
    """A text article's date was null (segment --format json, the report's header) though its
    dateline says it; metadata (an HTML page's, Markdown front matter) still wins."""
    text = "标题一句\n\n【新闻网2026年3月5日讯】据称，43万人受查。\n"
    assert segment(_doc(text), "original").date == "2026-03-05"
    en_text = "Leaders Not United\n\n[Huaguan News, March 5, 2026] Officials denied it.\n"
    assert segment(_doc(en_text), "edition").date == "2026-03-05"
    meta = RawDocument(source="t.html", text=text, format="html", encoding="utf-8", date="2026-03-04")
    assert segment(meta, "original").date == "2026-03-04"
    for written, expected in (("2026-03-04T08:00:00+08:00", "2026-03-04"), ("March 4, 2026", "2026-03-04"), ("yesterday", "2026-03-05")):
        front = RawDocument(source="t.md", text=text, format="md", encoding="utf-8", date=written)
        assert segment(front, "original").date == expected, written  # metadata read as a date, else the dateline's
    late = "标题一句\n\n第一段。\n\n第二段。\n\n第三段。\n\n第四段。\n\n【新闻网2026年3月5日讯】据称。\n"
    assert segment(_doc(late), "original").date is None  # a bracket deep in the story is no dateline
    assert segment(_doc("第一句。\n【新闻网2026年3月5日讯】\n"), "x", presplit=True).date is None


def test_declared_language_the_text_plainly_is_not_is_an_error():
    """--original-lang en on a Chinese article split it with the English rules and compared it as
    English (12 'sentences', a number finding per figure), exit 0."""
    from transcompare.errors import InputError

    zh_text = "中南海高层难言一心\n\n【新闻网2026年3月5日讯】据称，43万人受查。他说：“不会。”\n"
    with pytest.raises(InputError, match="declared en, but it is Chinese text"):
        segment(_doc(zh_text), "original", lang="en")
    with pytest.raises(InputError, match="declared zh, but it has no Chinese characters"):
        segment(_doc("Officials denied it. They left.\n"), "edition", lang="zh-Hant")
    # a declaration the text bears out, or one a mixed text leaves open, stands
    assert segment(_doc(zh_text), "original", lang="zh-Hans").lang == "zh"
    mixed = "The slogan 不忘初心，牢记使命 was everywhere in Beijing that week, officials said.\n"
    assert segment(_doc(mixed), "edition", lang="en").lang == "en"


def test_hard_wrapped_english_paragraph_stays_one():
    """A paragraph wrapped at ~70 columns lost its first line to a paragraph (and sentence) of its
    own: the line is under 80 characters and capitalised, as a headline is."""
    text = (
        "Leaders Not United\n\n"
        "The Central Commission for Discipline Inspection said on Monday that\n"
        "discipline bodies nationwide punished 610,000 people last year, twice\n"
        "the number of the year before. Professor Lin said the leadership was\n"
        "not monolithic.\n"
    )
    ed = segment(_doc(text), "edition")
    assert [s.kind for s in ed.sentences] == ["headline", "body", "body"]
    assert ed.sentences[1].text.startswith("The Central Commission") and ed.sentences[1].text.endswith("year before.")
    # a headline and byline on lines of their own above the text still are
    lines = segment(_doc("Leaders Not United\nBy Jane Doe\nThe Commission said on Monday that it punished 610,000 people.\n"), "e")
    assert [s.kind for s in lines.sentences] == ["headline", "byline", "body"]


def test_plain_text_list_items_are_sentences_of_their_own():
    """A plain-text list of key figures has no end punctuation: its items ran together into one
    sentence, which the aligner could pair with only one of the original's items."""
    text = (
        "Drought Deepens\n\n"
        "Key figures from the bulletin:\n\n"
        "- 1.18 million people are short of drinking water\n"
        "- Reservoirs hold 6.84 billion cubic meters, down 41 percent\n"
        "- 17 rivers have run dry\n\n"
        "Officials said the drought would last into spring.\n"
    )
    ed = segment(_doc(text), "edition")
    assert [s.text for s in ed.sentences][2:5] == [
        "1.18 million people are short of drinking water", "Reservoirs hold 6.84 billion cubic meters, down 41 percent",
        "17 rivers have run dry"]
    zh_text = "旱情通报\n\n主要数据：\n- 受旱面积1850万亩\n- 17条河流断流\n"
    assert [s.text for s in segment(_doc(zh_text), "x", lang="zh").sentences][2:] == ["受旱面积1850万亩", "17条河流断流"]


def test_a_run_on_line_is_cut_into_sentences_of_bounded_length():
    """A page with no full stop (a 2-million-character line) was one 'sentence': the encoder took
    a minute per 50,000 characters of it. It is now cut after clause marks or spaces."""
    from transcompare.segment import MAX_SENTENCE

    zh_text = "这是一个很长的句子，" * 500  # 5,000 characters, no full stop
    ed = segment(_doc(zh_text), "x", lang="zh")
    assert len(ed.sentences) == 5 and all(len(s.text) <= MAX_SENTENCE for s in ed.sentences)
    assert all(s.text.endswith("，") for s in ed.sentences[:-1])  # cut after a clause mark
    assert "".join(s.text for s in ed.sentences) == zh_text
    en_text = "word " * 3000
    en = segment(_doc(en_text), "x", lang="en")
    assert all(len(s.text) <= MAX_SENTENCE and s.text.endswith("word") for s in en.sentences)
    assert " ".join(s.text for s in en.sentences) == en_text.strip()
    solid = segment(_doc("字" * 2500), "x", lang="zh")  # nowhere to cut: hard cuts
    assert [len(s.text) for s in solid.sentences] == [1000, 1000, 500]
    for ed_ in (ed, en, solid):
        assert all(ed_.text[s.start:s.end] == s.text for s in ed_.sentences)
    lines = segment(_doc("这是一个很长的句子，" * 200 + "\n"), "x", presplit=True)  # --presplit keeps its lines
    assert len(lines.sentences) == 1
