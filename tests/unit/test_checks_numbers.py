"""numbers.v1: figures compared by value across Chinese and English, on hand-made beads."""

from __future__ import annotations

import pytest

from transcompare.checks.base import CheckContext
from transcompare.checks.numbers import NumberCheck, quantities
from transcompare.checks._numparse import parse_en_number, parse_zh_number
from transcompare.ingest.script import normalize
from transcompare.model import Bead, Edition, Sentence


def edition(eid: str, lang: str, sentences: list[str]) -> Edition:
    out, pos = [], 0
    for i, s in enumerate(sentences):
        out.append(Sentence(i, pos, pos + len(s), s, 0))
        pos += len(s) + 1
    return Edition(eid, eid, lang, "\n".join(sentences), sentences=tuple(out))


def run(zh: list[str], ed: list[str], beads=None, lang: str = "en", date: str | None = None):
    beads = beads or [Bead((i,), (i,), 0.9) for i in range(len(zh))]
    ctx = CheckContext(edition("original", "zh", zh), edition("edition", lang, ed), beads, publication_date=date)
    return list(NumberCheck().run(ctx)), ctx


@pytest.mark.parametrize("token,value", [
    ("43", 43), ("四十三", 43), ("两千一百", 2100), ("一万二千", 12000), ("三点五", 3.5), ("二〇二四", 2024),
    ("一亿二千万", 120_000_000), ("十", 10), ("十五", 15),
    ("三万亿", 3_000_000_000_000), ("三亿零五万", 300_050_000),  # 三万亿 was 3,000,100,000,000
])
def test_parse_zh_number(token, value):
    assert parse_zh_number(token) == value


@pytest.mark.parametrize("token,value", [("35,000", 35000), ("six", 6), ("twenty-five", 25), ("two hundred and ten", 210), ("half", 0.5)])
def test_parse_en_number(token, value):
    assert parse_en_number(token) == value


@pytest.mark.parametrize("text,lang,value,kind,qualifier", [
    ("已有多达43万名官员", "zh", 430_000, "count", "upto"),
    ("600多万次", "zh", 6_000_000, "count", "lower"),
    ("3.5万条留言", "zh", 35_000, "count", ""),
    ("近5千名工人", "zh", 5_000, "count", "upper"),  # digits with 千 / 百, like 万 and 亿
    ("3百多名", "zh", 300, "count", "lower"),
    ("河道长5千米", "zh", 5, "measure", ""),  # 千米 stays the kilometre
    ("增加百分之十五", "zh", 15, "percent", ""),
    ("两千一百多亿元", "zh", 210e9, "money", "lower"),
    ("约800亿元", "zh", 80e9, "money", "approx"),
    ("672亿美元", "zh", 67.2e9, "money", ""),
    ("78个月", "zh", 78, "duration", ""),
    ("三成", "zh", 30, "percent", ""),
    ("至少存在两股力量", "zh", 2, "count", "lower"),
    ("６８萬人", "zh", 680_000, "count", ""),
    ("more than 6 million", "en", 6e6, "count", "lower"),
    ("$67.2 billion", "en", 67.2e9, "money", ""),
    ("some 12,000 companies", "en", 12_000, "count", "approx"),
    ("six and a half years", "en", 6.5, "duration", ""),
    ("15 percent", "en", 15, "percent", ""),
    ("twice that", "en", 2, "times", ""),
])
def test_quantities(text, lang, value, kind, qualifier):
    from transcompare.ingest.script import normalize

    view = normalize(text, "zh").text if lang == "zh" else text
    (q,) = quantities(view, lang)
    assert (q.value, q.kind, q.qualifier) == (pytest.approx(value), kind, qualifier)


@pytest.mark.parametrize("text,lang", [
    ("中共领导层并非铁板一块。", "zh"), ("两岸同文同种。", "zh"), ("2012年上台", "zh"), ("3月4日表示", "zh"),
    ("in 2012 he said", "en"), ("at 3 p.m. on March 4", "en"), ("one of them", "en"), ("十分重要", "zh"),
])
def test_not_figures(text, lang):
    assert quantities(text, lang) == []


@pytest.mark.parametrize("zh,en", [
    ("已有多达43万名官员被立案审查。", "As many as 430,000 officials have been investigated."),
    ("收到3.5万条留言。", "It drew 35,000 comments."),
    ("厂内有近5千名工人。", "There were nearly 5,000 workers at the plant."),
    ("销售额比去年增长了一倍。", "Sales doubled from last year."),  # up by one times = doubled
    ("他被判处有期徒刑三年六个月。", "He was sentenced to three and a half years in prison."),
    ("他被判处有期徒刑四年零六个月。", "He was sentenced to four years and six months in prison."),
    ("共处分12万人。", "They punished 120,000 people."),
    ("播放量已达600多万次。", "The videos were viewed more than 6 million times."),
    ("比前一年增加百分之十五。", "That is up 15 percent from the previous year."),
    ("人数是前一年的两倍。", "The number was twice that of the year before."),
    ("两段各长3分钟的宣传片。", "Two three-minute videos."),
    ("他在狱中度过了78个月。", "He spent six and a half years in prison."),
    ("总额约800亿元。", "The total was around 80 billion yuan."),
    ("排名第3名。", "It ranked third."),
    ("一半以上都是拍脑袋决定的。", "More than half were decided on a whim."),
    ("出口额为672亿美元。", "Exports were $67.2 billion."),
    ("约1.2万家企业。", "Some 12,000 companies."),
    ("65岁的王先生表示反对。", "Wang, 65, objected."),
    ("65岁的王先生表示反对。", "The 65-year-old Wang objected."),
    ("她今年八十岁。", "She is eighty years old this year."),
    ("他被罚款10万元。", "He was fined NT$100,000."),
    ("他被罚款10万元。", "He was fined $100,000."),
    ("公司获赔3亿港元。", "The company won HK$300 million."),
])
def test_equivalents_are_quiet(zh, en):
    findings, _ = run([zh], [en])
    assert findings == []


def test_changed_figure_points_at_both_numbers():
    zh = "据报道，已有多达43万名官员被立案审查。"
    en = "As many as 340,000 officials have reportedly been investigated."
    findings, ctx = run([zh], [en])
    (f,) = findings
    assert (f.kind, f.subtype, f.severity) == ("number", "changed", "high")
    assert ctx.original.text[f.original_spans[0].start:f.original_spans[0].end].find("43万") >= 0
    assert ctx.edition.text[f.edition_spans[0].start:f.edition_spans[0].end].endswith("340,000")
    assert "430,000" in f.explanation and "340,000" in f.explanation


@pytest.mark.parametrize("zh,en,subtype", [
    ("总额达2100多亿元。", "The total was more than 120 billion yuan.", "changed"),
    ("出口额为672亿美元。", "Exports were $76.2 billion.", "changed"),
    ("共有3千多人受影响。", "More than 300 people were affected.", "changed"),
    ("销售额比去年增长了一倍。", "Sales tripled from last year.", "changed"),
    ("他被判处有期徒刑三年六个月。", "He was sentenced to three years and eight months in prison.", "changed"),
    ("至少有30人死亡。", "Thirty people died.", "qualifier-dropped"),
    ("共有30人死亡。", "At least 30 people died.", "qualifier-added"),
    ("超过30人死亡。", "Fewer than 30 people died.", "qualifier-changed"),
    ("增加百分之十五。", "It rose.", "dropped"),
    ("65岁的王先生表示反对。", "The 56-year-old Wang objected.", "changed"),
    ("并处罚金人民币50万元。", "He was also fined $500,000.", "changed"),
])
def test_divergences(zh, en, subtype):
    findings, _ = run([zh], [en])
    assert [f.subtype for f in findings] == [subtype]


def test_traditional_edition_compared_after_normalisation():
    findings, _ = run(["禁用软件共27款，涉及68万人。"], ["禁用軟體共72款，涉及６８萬人。"], lang="zh")
    (f,) = findings
    assert f.subtype == "changed" and "27" in f.explanation and "72款" in f.explanation


def test_currency_changed_between_chinese_editions():
    findings, _ = run(["他曾接受资助约12万美元。"], ["他曾接受資助約12萬元。"], lang="zh")
    (f,) = findings
    assert f.subtype == "changed" and "USD" in f.explanation


def test_alignment_slip_is_not_a_change():
    zh = ["他说收到3.5万条留言。", "另有12万人受罚。"]
    en = ["He said there were", "35,000 comments, and 120,000 people were punished."]
    beads = [Bead((0,), (0,), 0.5), Bead((1,), (1,), 0.5)]
    findings, _ = run(zh, en, beads)
    assert findings == []


def test_unaligned_sentences_left_to_omissions():
    findings, _ = run(["共处分12万人。", "另有3万人。"], ["They punished 120,000 people."], [Bead((0,), (0,)), Bead((1,), ())])
    assert findings == []


@pytest.mark.parametrize("text,lang,value,kind,unit,high", [
    ("他身高一米七五", "zh", 1.75, "measure", "m", None),
    ("身高1米82的队员", "zh", 1.82, "measure", "m", None),
    ("five feet six inches tall", "en", 5.5, "measure", "ft", None),
    ("for three decades", "en", 30, "duration", "year", None),
    ("涨幅在百分之二至百分之四之间", "zh", 2, "percent", "", 4),
    ("between two and four percent", "en", 2, "percent", "", 4),
    ("长12cm的裂缝", "zh", 12, "measure", "cm", None),
    ("a twelve-centimeter crack", "en", 12, "measure", "cm", None),
    ("on her thirty-second birthday", "en", 32, "ordinal", "", None),
    ("wearing 1K lenses", "en", 1, "count", "", None),
])
def test_more_quantities(text, lang, value, kind, unit, high):
    (q,) = quantities(text, lang)
    assert (q.value, q.kind, q.unit, q.high) == (pytest.approx(value), kind, unit, high)


@pytest.mark.parametrize("text,lang", [
    ("他三番五次地打电话。", "zh"), ("两地相隔十万八千里。", "zh"), ("这辆车有八成新。", "zh"), ("编号是2041:17:05。", "zh"),
    ("it took a day or two", "en"), ("at six or seven o'clock", "en"), ("two or three of the guests", "en"),
    ("she rang a dozen times", "en"),
])
def test_more_not_figures(text, lang):
    assert quantities(text, lang) == []


@pytest.mark.parametrize("zh,en", [
    ("他三十一岁生日那天离开了家。", "He left home on his thirty-first birthday."),
    ("差五分钟九点，会议才结束。", "The meeting ended only at five to nine."),
    ("一家五口住在城里。", "The five of them lived in town."),
    ("他只认得《三十六计》这几个字。", "All he could read was the title, The Thirty-Six Stratagems."),
    ("他身高一米七五。", "He is five feet nine inches tall."),
    ("她穿着一双红鞋。", "She wore two red shoes."),
    ("旧楼高九米，新楼也高九米。", "Both buildings are nine meters tall."),
    ("这要花一两天。", "It will take a day or two."),
])
def test_more_equivalents_are_quiet(zh, en):
    findings, _ = run([zh], [en])
    assert findings == []


@pytest.mark.parametrize("zh,en,o_text,e_text", [
    ("他换了一台3K显示器。", "He got a 1K monitor.", "3", "1K"),  # a digit 1 is a figure
    ("三条船同时靠岸。", "Five boats landed at once at the three piers.", None, "Five"),  # a twin changed
    ("两人一起摔倒。", "The six of them fell down together.", "两人", "six"),
])
def test_small_figures_changed(zh, en, o_text, e_text):
    findings, _ = run([zh], [en])
    (f,) = findings
    assert f.evidence["edition"][0]["text"] == e_text
    assert [x["text"] for x in f.evidence["original"]] == ([o_text] if o_text else [])


def test_same_unit_is_matched_before_a_bare_count():
    """七个 (orders) and 7cm: "seven-centimeter" is the 7cm; "six" is the 七个 changed."""
    zh = "这台仪器把声音放大七个数量级，让7cm的喇叭响彻大厅。"
    en = "The device amplifies sound by six orders of magnitude, so a seven-centimeter speaker fills the hall."
    (f,) = run([zh], [en])[0]
    assert (f.subtype, f.evidence["original"][0]["text"], f.evidence["edition"][0]["text"]) == ("changed", "七个", "six")


def test_nearest_figure_is_the_changed_one():
    zh = "他在3号楼住了五年，家里有七个孩子。"
    en = "He lived in Building 3 for five years and had nine children."
    (f,) = run([zh], [en])[0]
    assert f.evidence["original"][0]["text"] == "七个"


def test_a_year_read_digit_by_digit_explains_no_figure():
    """一九八几年 is a year, not the guesses 1, 9, 8: "six" for 两个 is still a change."""
    (f,) = run(["一九八几年，两个渔民在河边捡到了它。"], ["Some time in the eighties, six fishermen picked it up by the river."])[0]
    assert f.subtype == "changed" and f.evidence["edition"][0]["text"] == "six"


def test_one_day_is_not_a_figure():
    assert quantities("One day he came back.", "en") == []


@pytest.mark.parametrize("zh,en", [
    ("中央政府總預算為新台幣2.9兆元。", "The central government budget is NT$2.9 trillion."),  # 兆: a trillion in Taiwan/HK
    ("總預算約為兩兆元。", "The budget is about NT$2 trillion."),
    ("總額為一兆二千億元。", "The total is 1.2 trillion yuan."),
    ("裝機容量為5兆瓦。", "The installed capacity is 5 megawatts."),  # 兆瓦: mega-, not a trillion
    ("初步規模約為新台幣80億元。", "It is initially worth about NT$8 billion."),
    ("博彩公司須投資合共1,180億澳門元。", "The casino operators must invest a combined 118 billion patacas."),
    ("罰款澳門幣500萬元。", "The fine was MOP$5 million."),
])
def test_taiwan_hong_kong_macau_money_is_quiet(zh, en):
    findings, _ = run([zh], [en])
    assert findings == []


@pytest.mark.parametrize("zh,en", [
    ("農業損失為新台幣12億元。", "Farm losses were 1.2 billion yuan."),  # 新台幣…元 names its currency
    ("博彩公司須投資1,180億澳門元。", "The operators must invest HK$118 billion."),
    ("總預算為新台幣2.9兆元。", "The budget is NT$2.9 billion."),
])
def test_taiwan_hong_kong_macau_money_changed(zh, en):
    findings, _ = run([zh], [en])
    assert [f.subtype for f in findings] == ["changed"]


@pytest.mark.parametrize("text,lang,value,kind,unit,high", [
    # A unit on both ends of a range is one range, as 百分之二至百分之四 and "21.2 to 32.8 percent" are.
    ("关税税率为15%至25%不等", "zh", 15, "percent", "", 25),
    ("增幅在3%到4.5%之间", "zh", 3, "percent", "", 4.5),
    ("损失在200万至300万美元之间", "zh", 2e6, "money", "USD", 3e6),
    ("刑期为三年至五年", "zh", 3, "duration", "year", 5),
    ("tariffs of 15% to 25%", "en", 15, "percent", "", 25),
    ("growth of 3%-4.5%", "en", 3, "percent", "", 4.5),
    ("between 3% and 4.5%", "en", 3, "percent", "", 4.5),
    ("a term of three to five years", "en", 3, "duration", "year", 5),
])
def test_range_with_the_unit_on_both_ends(text, lang, value, kind, unit, high):
    (q,) = quantities(text, lang)
    assert (q.value, q.kind, q.unit, q.high) == (pytest.approx(value), kind, unit, pytest.approx(high))


@pytest.mark.parametrize("text,lang", [
    ("失业率从5%升到8%", "zh"), ("unemployment rose from 5% to 8%", "en"), ("5% and 8% respectively", "en"),
])
def test_a_change_from_one_figure_to_another_is_not_a_range(text, lang):
    assert [q.high for q in quantities(text, lang)] == [None, None]


@pytest.mark.parametrize("zh,ed,lang,subtypes", [
    # 1 written in digits is a figure (9次 -> 1次, 8票 -> 1票); 一个, 一名 in words are not worth checking
    ("其中北區就占了9次。", "其中北区就占了1次。", "zh", ["changed"]),
    ("議案以8票對5票通過。", "议案以1票对5票通过。", "zh", ["changed"]),
    ("事故造成1人死亡。", "One person died in the accident.", "en", []),
    ("他在1年內3次出訪。", "He traveled abroad three times within a year.", "en", []),
])
def test_one_in_digits_is_a_figure(zh, ed, lang, subtypes):
    findings, _ = run([zh], [ed], lang=lang)
    assert [f.subtype for f in findings] == subtypes


@pytest.mark.parametrize("text,unit", [
    # A currency named before a range's first figure is the second's too; its bare 元 is not yuan.
    ("維修費用約在新台幣300萬至900萬元之間", "TWD"),
    ("罚款为港币2万至5万元", "HKD"),
    ("赔偿金在人民币3万至5万元之间", "CNY"),
])
def test_currency_named_once_before_a_range(text, unit):
    (q,) = quantities(normalize(text, "zh").text, "zh")
    assert (q.kind, q.unit, q.high is not None) == ("money", unit, True)


def test_range_in_named_currency_rendered_as_a_range_is_quiet():
    findings, _ = run(["每艘船的造價約在新台幣2,000萬至6,000萬元之間。"],
                      ["Each boat costs between NT$20 million and NT$60 million."])
    assert findings == []
    findings, _ = run(["每艘船的造價約在新台幣2,000萬至6,000萬元之間。"],
                      ["Each boat costs between NT$20 million and NT$90 million."])
    assert [f.subtype for f in findings] == ["changed"]


def test_range_rendered_with_the_unit_once_is_quiet_and_a_changed_end_is_not():
    zh = ["新关税的税率为15%至25%不等。"]
    findings, _ = run(zh, ["The new tariffs range from 15 to 25 percent."])
    assert findings == []
    findings, _ = run(zh, ["The new tariffs range from 15 to 35 percent."])
    assert [f.subtype for f in findings] == ["changed"]


@pytest.mark.parametrize("text,value,step", [
    ("總額達1兆2000億元", 1_200_000_000_000, 1e8),  # 1.2 trillion, not 1 trillion and 200 billion
    ("約3億5000萬人", 350_000_000, 1e4),
    ("共2万5千人", 25_000, 1e3),
    ("1亿2千万美元", 120_000_000, 1e7),
    ("12亿3456万元", 1_234_560_000, 1e4),
    ("1万2千5百人", 12_500, 100),
    ("1万2000人", 12_000, 1),
    ("3千5百万人", 35_000_000, 1e6),
    ("2万亿3000亿元", 2_300_000_000_000, 1e8),
])
def test_mixed_digits_and_scale_characters_are_one_figure(text, value, step):
    from transcompare.ingest.script import normalize

    (q,) = quantities(normalize(text, "zh").text, "zh")
    assert (q.value, q.step) == (pytest.approx(value), pytest.approx(step))


@pytest.mark.parametrize("text,values", [
    ("1万3亿人", [10_000, 300_000_000]),  # out of order: two figures, as before
    ("2千3500万", [2_000, 35_000_000]),
    ("3亿5000人", [300_000_000, 5_000]),  # a bare group after 亿 is not read into it (350 million or 300,005,000?)
    ("3亿5000万至4亿人", [350_000_000]),  # a range: 4亿 is its upper end
])
def test_mixed_figures_that_are_not_one_figure(text, values):
    assert [q.value for q in quantities(text, "zh")] == values


@pytest.mark.parametrize("zh,en", [
    ("總額為1兆2000億元。", "The total is 1.2 trillion yuan."),
    ("受災人數約3億5000萬。", "About 350 million people were affected."),
    ("共有2万5千人参加。", "In all 25,000 people took part."),
])
def test_mixed_figures_match_their_translation(zh, en):
    assert run([zh], [en])[0] == []


def test_mixed_figure_changed():
    findings, _ = run(["總額為1兆2000億元。"], ["The total is 1.3 trillion yuan."])
    assert [f.subtype for f in findings] == ["changed"]


@pytest.mark.parametrize("zh,en", [
    ("农业损失超过12亿元", "Farm Losses Top 1.2 Billion Yuan"),  # "top" the verb: 超过, kept
    ("出口额已超过5亿美元。", "Exports have topped $500 million."),
    ("营收突破3亿元。", "Revenue surpassed 300 million yuan."),
    ("死亡人数逾100人。", "The death toll exceeded 100."),
    ("支出不超过200万美元。", "Spending did not exceed $2 million."),  # not exceed: at most
])
def test_verbs_of_exceeding_are_qualifiers(zh, en):
    assert run([zh], [en])[0] == []


@pytest.mark.parametrize("text,qualifier", [
    ("Farm Losses Top NT$1.2 Billion", "lower"),
    ("Exports are expected to top $1 billion", "lower"),
    ("Spending didn't top $2 million", "upper"),
    ("The top 10 firms", ""),  # the adjective: a rank
    ("Top 10 Universities", ""),
    ("China's top three banks", ""),
    ("He is in the top 5% of earners", ""),
])
def test_top_the_verb_and_top_the_adjective(text, qualifier):
    (q,) = quantities(text, "en")
    assert q.qualifier == qualifier


def test_top_added_to_a_plain_figure_is_a_qualifier_added():
    findings, _ = run(["农业损失为12亿元。"], ["Farm losses topped 1.2 billion yuan."])
    assert [f.subtype for f in findings] == ["qualifier-added"]


@pytest.mark.parametrize("zh,en", [
    ("60岁以上的居民可免费检查。", "Residents aged 60 and over can be screened for free."),
    ("60岁以上的居民可免费检查。", "Residents 60 or older can be screened for free."),
    ("12岁以下的儿童免费入场。", "Children 12 and under get in free."),
    ("收入1万元以上的家庭不合资格。", "Households earning 10,000 yuan or above do not qualify."),
])
def test_a_bound_after_the_figure_keeps_the_qualifier(zh, en):
    """'aged 60 and over' is 60岁以上, 'children 12 and under' 12岁以下: the bound follows the figure."""
    findings, _ = run([zh], [en])
    assert findings == []


@pytest.mark.parametrize("zh,en,value,qualifier", [
    ("每個單位最少須有80平方呎。", "Every unit must have at least 80 square feet.", 80, "lower"),
    ("工程至少需要3年。", "The works will take at least three years.", 3, "lower"),
    ("名額最多只有500個。", "There are at most 500 places.", 500, "upper"),
    ("工程約需3年。", "The works will take about three years.", 3, "approx"),
])
def test_a_bound_before_a_modal_verb_still_qualifies_the_figure(zh, en, value, qualifier):
    """最少須有80平方呎 ('must have at least 80 square feet'): a modal (須, 需要, 可) between the bound and the
    figure leaves the bound on the figure, so 'at least 80' renders it."""
    (q,) = quantities(normalize(zh, "zh").text, "zh")
    assert (q.value, q.qualifier) == (value, qualifier)
    assert run([zh], [en])[0] == []


def test_a_bound_after_the_figure_is_read_and_a_phrase_after_it_is_not():
    (q,) = quantities("people aged 65 and older", "en")
    assert (q.value, q.qualifier) == (65, "lower")
    (q,) = quantities("It rose 42 and over the next week fell back.", "en")
    assert (q.value, q.qualifier) == (42, "")
    findings, _ = run(["至少有30人死亡。"], ["Thirty or fewer people died."])
    assert [f.subtype for f in findings] == ["qualifier-changed"]


def test_a_running_count_told_as_a_rank_is_the_same_figure():
    # 4起 this month = "the fourth such fire"; "the two countries" in the same bead is no partner
    findings, _ = run(["本月以来，该市已发生4起工厂火灾，引发邻国关注。"],
                      ["It is the fourth factory fire in the city this month, and the two countries next door are concerned."])
    assert findings == []



@pytest.mark.parametrize("zh,en", [
    ("出口占比提高2.5个百分点。", "The export share rose 2.5 percentage points."),
    ("失业率下降0.3个百分点。", "The jobless rate fell 0.3 percentage point."),
    ("利率下调0.25个百分点至3.1%。", "The rate was cut by 0.25 percentage points to 3.1 percent."),
])
def test_percentage_points_rendered_as_points_are_quiet(zh, en):
    findings, _ = run([zh], [en])
    assert findings == []


@pytest.mark.parametrize("zh,en", [
    ("出口占比提高2.5个百分点。", "The export share rose 2.5 percent."),
    ("出口占比提高2.5%。", "The export share rose 2.5 percentage points."),
])
def test_percentage_points_and_percent_are_different_figures(zh, en):
    """个百分点 (percentage points) is a difference of two rates; 'percent' a relative change."""
    findings, _ = run([zh], [en])
    assert [f.subtype for f in findings] == ["changed"]
    assert "percentage points" in findings[0].explanation


@pytest.mark.parametrize("zh,en", [
    ("16至24岁的青年失业率上升。", "Unemployment among 16- to 24-year-olds rose."),
    ("16至24岁的青年失业率上升。", "Unemployment among 16-to-24-year-olds rose."),
    ("16至24岁的青年失业率上升。", "Unemployment among people aged 16 to 24 rose."),
])
def test_an_age_range_written_as_a_compound_adjective_is_quiet(zh, en):
    """'16- to 24-year-olds' (a suspended hyphen) is the range 16至24岁, not 16 and a 24-year term."""
    findings, _ = run([zh], [en])
    assert findings == []


def test_an_age_range_changed_in_a_compound_adjective():
    findings, _ = run(["16至24岁的青年失业率上升。"], ["Unemployment among 16- to 29-year-olds rose."])
    assert [f.subtype for f in findings] == ["changed"]


@pytest.mark.parametrize("zh,en", [
    ("去年营收为71亿元。", "Revenue last year was 7.1 billion yuan (about $1 billion)."),
    ("零售总额为4.15万亿元。", "Retail sales came to 4.15 trillion yuan ($583 billion)."),
    ("罚款3亿港元。", "The fine was HK$300 million (US$38.5 million)."),
])
def test_a_currency_conversion_added_in_brackets_is_quiet(zh, en):
    """A dollar figure the edition adds in brackets after the original's sum, at a plausible rate, is a
    conversion for the reader, not a figure the original lacks."""
    findings, _ = run([zh], [en])
    assert findings == []


def test_an_implausible_conversion_is_still_reported():
    findings, _ = run(["去年营收为71亿元。"], ["Revenue last year was 7.1 billion yuan (about $10 billion)."])
    assert [f.subtype for f in findings] == ["added"]


@pytest.mark.parametrize("zh,en", [
    ("二季度销售额环比增长2.3%。", "Sales grew 2.3 percent year-on-year in the second quarter."),
    ("8月份出口同比下降4.1%。", "Exports fell 4.1 percent month-on-month in August."),
    ("8月份出口同比下降4.1%。", "Exports fell 4.1 percent from the previous month in August."),
])
def test_a_change_measured_against_another_period_is_reported(zh, en):
    """环比 (on the previous period) and 同比 (on a year earlier) are different measures of the same figure."""
    findings, _ = run([zh], [en])
    assert [f.subtype for f in findings] == ["basis-changed"]


@pytest.mark.parametrize("zh,en", [
    ("二季度销售额环比增长2.3%。", "Sales grew 2.3 percent quarter-on-quarter in the second quarter."),
    ("8月份出口同比下降4.1%。", "Exports fell 4.1 percent from a year earlier in August."),
    ("8月份出口同比下降4.1%，环比增长0.6%。", "Exports fell 4.1 percent year on year in August but rose 0.6 percent month on month."),
    ("利润比去年同期提高3个百分点。", "Profits were up 3 percentage points from the same period last year."),
    ("8月份出口同比下降4.1%。", "Exports fell 4.1 percent in August."),
])
def test_the_same_basis_or_none_is_quiet(zh, en):
    findings, _ = run([zh], [en])
    assert findings == []


def test_a_basis_changed_between_chinese_editions():
    findings, _ = run(["二季度销售额环比增长2.3%。"], ["二季度銷售額同比增長2.3%。"], lang="zh-Hant")
    assert [f.subtype for f in findings] == ["basis-changed"]
    findings, _ = run(["二季度销售额环比增长2.3%。"], ["二季度銷售額環比增長2.3%。"], lang="zh-Hant")
    assert findings == []


@pytest.mark.parametrize("zh,en", [
    ("前三季度，全市工业投资为820亿元。", "Industrial investment in the city came to 82 billion yuan in the third quarter."),
    ("上半年出口额为120亿元。", "Exports were worth 12 billion yuan in the second quarter."),
    ("今年1至8月，销量为3.2万辆。", "Sales reached 32,000 vehicles in August."),
])
def test_a_cumulative_figure_given_for_one_period_is_reported(zh, en):
    """前三季度 (January to September) is not the third quarter, 上半年 not the second quarter."""
    findings, _ = run([zh], [en])
    assert [f.subtype for f in findings] == ["period-changed"]


@pytest.mark.parametrize("zh,en", [
    ("前三季度，全市工业投资为820亿元。", "Industrial investment came to 82 billion yuan in the first three quarters."),
    ("前三季度，全市工业投资为820亿元。", "Industrial investment came to 82 billion yuan in the first nine months."),
    ("三季度增速为4.6%，比二季度回落0.4个百分点。", "Growth was 4.6 percent in Q3, 0.4 percentage points slower than in the second quarter."),
    ("今年一季度和二季度，增速分别为5.2%和5.0%。", "Growth was 5.2 percent in the first quarter and 5.0 percent in the second."),
    ("上半年出口额为120亿元。", "Exports were worth 12 billion yuan in the first half."),
    ("上半年出口额为120亿元。", "Exports were worth 12 billion yuan."),
])
def test_the_same_period_or_none_is_quiet(zh, en):
    findings, _ = run([zh], [en])
    assert findings == []


def test_first_two_months_without_a_measure_word():
    """前两月 is 'the first two months' (January-February), not February."""
    findings, _ = run(["今年前两月出口增长百分之十二。"], ["Exports Rose 12 Percent in First Two Months"])
    assert findings == []


@pytest.mark.parametrize("zh,en", [
    ("一季度GDP同比增长4.6%，环比增长1.1%。", "Q1 saw year-on-year growth of 4.6 percent and quarter-on-quarter growth of 1.1 percent."),
    ("一季度GDP同比增长4.6%，环比增长1.1%。", "GDP grew 1.1 percent on the previous quarter, compared with 4.6 percent year-on-year."),
])
def test_each_figure_takes_its_own_basis(zh, en):
    findings, _ = run([zh], [en])
    assert findings == []


@pytest.mark.parametrize("zh,en", [
    ("央行将政策利率下调0.25个百分点。", "The central bank cut its policy rate by 25 basis points."),
    ("央行将政策利率下调25个基点。", "The central bank cut its policy rate by 0.25 percentage point."),
    ("央行将政策利率下调25个基点。", "The central bank cut its policy rate by 25 basis points."),
])
def test_basis_points_are_hundredths_of_a_percentage_point(zh, en):
    findings, _ = run([zh], [en])
    assert findings == []


def test_basis_points_changed():
    findings, _ = run(["央行将政策利率下调0.25个百分点。"], ["The central bank cut its policy rate by 50 basis points."])
    assert [f.subtype for f in findings] == ["changed"]


def _with_headline(ed: Edition) -> Edition:
    from dataclasses import replace

    head = replace(ed.sentences[0], kind="headline")
    return replace(ed, sentences=(head, *ed.sentences[1:]))


@pytest.mark.parametrize("head_zh,body_zh,body_en,found", [
    # the edition's headline leaves out a figure the original's body restates, and the edition's body gives it
    ("三亿多元贷款无法收回", "该公司共有约3.2亿元贷款逾期。", "About 320 million yuan of the company's loans are overdue.", False),
    ("三亿元贷款无法收回", "该公司共有3亿元贷款逾期。", "The company has 300 million yuan in overdue loans.", False),
    # the body gives another figure: the headline's is dropped
    ("三亿多元贷款无法收回", "该公司共有约5.2亿元贷款逾期。", "About 520 million yuan of the company's loans are overdue.", True),
])
def test_headline_figure_restated_in_the_body_is_not_dropped(head_zh, body_zh, body_en, found):
    orig = _with_headline(edition("original", "zh", [head_zh, body_zh]))
    ed = _with_headline(edition("edition", "en", ["Loans Go Bad at a County Lender", body_en]))
    ctx = CheckContext(orig, ed, [Bead((0,), (0,), 0.9), Bead((1,), (1,), 0.9)])
    dropped = [f for f in NumberCheck().run(ctx) if f.subtype == "dropped"]
    assert bool(dropped) is found
def run_en_original(en: list[str], zh: list[str], lang: str = "zh"):
    """An English original with a Chinese edition (the other direction)."""
    beads = [Bead((i,), (i,), 0.9) for i in range(len(en))]
    ctx = CheckContext(edition("original", "en", en), edition("edition", lang, zh), beads)
    return list(NumberCheck().run(ctx)), ctx


@pytest.mark.parametrize("text,lang,value", [
    ("a 5nm process", "en", 5), ("chips of 7 nanometers", "en", 7), ("采用5纳米工艺", "zh", 5),
    ("採用5奈米製程", "zh-Hant", 5),
])
def test_nanometres_are_a_length(text, lang, value):
    (q,) = quantities(normalize(text).text if lang.startswith("zh") else text, lang)
    assert (q.value, q.kind, q.unit) == (value, "measure", "nm")


@pytest.mark.parametrize("en,zh,lang", [
    ("The plant makes 5nm and 7nm chips.", "该厂生产5纳米和7纳米芯片。", "zh"),
    ("The plant makes 5nm chips.", "該廠生產5奈米晶片。", "zh-Hant"),
    ("The plant makes 5nm chips.", "该厂生产5纳米芯片。", "zh"),
])
def test_nanometres_rendered_in_chinese_are_quiet(en, zh, lang):
    findings, _ = run_en_original([en], [zh], lang)
    assert findings == []


def test_nanometres_changed_is_reported():
    findings, _ = run_en_original(["The plant makes 5nm chips."], ["该厂生产7纳米芯片。"])
    assert [f.subtype for f in findings] == ["changed"]


@pytest.mark.parametrize("text,qualifier", [
    ("14纳米及以下的芯片", "upper"), ("65岁及以上的老人", "lower"), ("5万元或以上", "lower"), ("14纳米以下", "upper"),
])
def test_a_bound_joined_by_and_or_after_the_figure(text, qualifier):
    (q,) = quantities(text, "zh")
    assert q.qualifier == qualifier


def test_or_below_rendered_as_ji_yixia_is_quiet():
    findings, _ = run_en_original(["It bars tools for chips at 14nm or below."], ["禁止出口用于14纳米及以下芯片的设备。"])
    assert findings == []


def test_about_dropped_is_a_low_finding():
    findings, _ = run_en_original(["The rule covers about 140 firms."], ["该规定涵盖140家企业。"])
    assert [(f.subtype, f.severity) for f in findings] == [("qualifier-dropped", "low")]
    findings, _ = run(["该规定涵盖约140家企业。"], ["The rule covers 140 firms."])
    assert [(f.subtype, f.severity) for f in findings] == [("qualifier-dropped", "low")]


@pytest.mark.parametrize("en,zh,lang", [
    ("The rule covers about 140 firms.", "该规定涵盖约140家企业。", "zh"),
    ("They made up about 27 percent of revenue.", "它们约占营收的27%。", "zh"),
    ("They made up about 27 percent of revenue.", "它們約佔營收的百分之二十七。", "zh-Hant"),
    ("The rule covers 140 firms.", "该规定涵盖约140家企业。", "zh"),  # 'about' added for a round figure
])
def test_about_kept_or_added_is_quiet(en, zh, lang):
    findings, _ = run_en_original([en], [zh], lang)
    assert findings == []


def test_yue_zhan_hedges_the_share_after_it():
    (q,) = quantities("中国客户约占该协会会员营收的27%", "zh")
    assert (q.value, q.kind, q.qualifier) == (27, "percent", "approx")


def test_a_bills_third_reading_is_a_rank():
    """三读 (the third reading of a bill) is "third reading": a rank, so "third" renders it and is not left
    to answer for a vote count of 3."""
    (q,) = quantities(normalize("條例草案昨日三讀通過。", "zh").text, "zh")
    assert (q.value, q.kind) == (3, "ordinal")
    assert [q.kind for q in quantities("他每天读书两小时。", "zh")] == ["duration"]  # 读书: reading, no rank


def test_a_rank_takes_a_rank_before_a_count_can():
    """The vote count 3 changed to 13 in a sentence that also says "third reading": the rank pairs with 三读,
    and the 3 votes with the 13 as a change (not the 13 as an added figure)."""
    findings, ctx = run(["立法會以69票贊成、3票反對，三讀通過條例草案。"],
                        ["The council passed the bill at its third reading by 69 votes to 13."])
    assert [(f.subtype, f.evidence["original"][0]["text"], f.evidence["edition"][0]["text"]) for f in findings] == [
        ("changed", "3票", "13")]


@pytest.mark.parametrize("zh,en,subtypes", [
    ("灌溉用水缺口比去年同期增加了两倍。", "The irrigation shortfall tripled from a year earlier.", []),
    ("灌溉用水缺口比去年同期增加了两倍。", "The irrigation shortfall was three times last year's.", []),
    ("灌溉用水缺口比去年同期增加了两倍。", "The irrigation shortfall was double the figure a year earlier.", ["changed"]),
    ("饮水困难人口是去年同期的两倍。", "Twice as many people as a year earlier are short of water.", []),
    ("送水车数量比8月份增长了一倍。", "The number of water trucks has doubled since August.", []),
])
def test_a_growth_by_a_multiple_is_one_more_times(zh, en, subtypes):
    """增加了两倍 is "up by two times", i.e. tripled; 是…的两倍 is twice. Only 增长了一倍 was read so."""
    findings, _ = run([zh], [en])
    assert [f.subtype for f in findings] == subtypes


@pytest.mark.parametrize("text,lang,value,qualifier", [
    ("仅为库容的五分之一", "zh", 0.2, ""), ("不足常年同期的三分之一", "zh", 1 / 3, "upper"), ("三分之二以上", "zh", 2 / 3, "lower"),
    ("近半数已经干涸", "zh", 0.5, "upper"), ("偏少三成三", "zh", 33, ""),
    ("less than a third of normal", "en", 1 / 3, "upper"), ("two-thirds of voters", "en", 2 / 3, ""),
    ("only a quarter of its capacity", "en", 0.25, ""), ("a third below normal", "en", 1 / 3, ""),
])
def test_fractions_and_tenths_are_shares(text, lang, value, qualifier):
    (q,) = quantities(text, lang)
    assert q.value == pytest.approx(value) and q.qualifier == qualifier


def test_a_third_term_is_no_fraction():
    assert [q.kind for q in quantities("He won a third term.", "en")] == ["ordinal"]
    assert [q.kind for q in quantities("two-thirds of the vote", "en")] == ["fraction"]  # not the count two


@pytest.mark.parametrize("zh,en,subtypes", [
    ("面积不足常年同期的三分之一。", "The area is less than a third of its usual extent.", []),
    ("面积不足常年同期的三分之一。", "The area is under 33 percent of normal.", []),
    ("降水量较常年偏少三成三。", "Rainfall was a third below normal.", []),
    ("降水量较常年偏少三成三。", "Rainfall was 33 percent below normal.", []),
    ("全省近半数小型水库已经干涸。", "Nearly half of the small reservoirs have dried up.", []),
    ("蓄水量仅为库容的五分之一。", "It holds only a quarter of its capacity.", ["changed"]),
])
def test_fractions_compared_by_value(zh, en, subtypes):
    findings, _ = run([zh], [en])
    assert [f.subtype for f in findings] == subtypes


@pytest.mark.parametrize("zh,en,subtypes", [
    ("面积缩小至1920平方公里。", "The area shrank to 1,920 square kilometers.", []),
    ("面积缩小至1920平方公里。", "The area shrank to about 741 square miles.", []),
    ("面积缩小至1920平方公里。", "The area shrank to 1,920 square miles.", ["changed"]),
    ("受旱面积1850万亩。", "Drought hit 18.5 million mu (about 1.23 million hectares) of farmland.", []),
    ("受旱面积1850万亩。", "Drought hit 18.5 million mu (about 3 million hectares) of farmland.", ["added"]),
    ("受旱面积1850万亩。", "Drought hit about 1.23 million hectares of farmland.", []),
    ("他家有两亩地。", "His family had a half-acre plot.", []),  # a rough conversion in words (2 mu is a third of an acre)
    ("他家有两亩地。", "His family had a 2-acre plot.", ["changed"]),
])
def test_areas_are_measures(zh, en, subtypes):
    """平方公里, 亩 and 公顷 are areas, compared across units; a conversion added in brackets is quiet."""
    findings, _ = run([zh], [en])
    assert [f.subtype for f in findings] == subtypes


@pytest.mark.parametrize("zh,en,subtypes", [
    ("最高气温超过摄氏35度。", "Highs topped 95 degrees Fahrenheit.", []),
    ("最高气温超过摄氏35度。", "Highs were above 35 degrees Celsius.", []),
    ("最高气温达40.6℃。", "The high reached 105 degrees.", []),
    ("最高气温达40.6℃。", "The high reached 40.6°C (105°F).", []),
    ("最高气温超过摄氏35度。", "Highs topped 35 degrees Fahrenheit.", ["changed"]),
])
def test_temperatures_are_compared_in_either_scale(zh, en, subtypes):
    findings, _ = run([zh], [en])
    assert [f.subtype for f in findings] == subtypes


def test_figures_whose_units_are_only_worded_apart_are_not_swapped_changes():
    """41个…高温日 ("41 days") and 多17天 ("17 more"): each figure has its equal in the bead, so the
    two durations are not paired as a change (and the two counts neither)."""
    zh = "南昌共出现41个最高气温超过摄氏35度的高温日，比常年多17天。"
    en = "Nanchang recorded 41 days with highs above 35 degrees Celsius, 17 more than usual."
    findings, _ = run([zh], [en])
    assert findings == []


@pytest.mark.parametrize("zh,en,subtypes", [
    ("前三季度，全省地区生产总值同比增长5.2%。", "In the first three quarters, GDP grew 5.2 percent.", []),
    ("前三季度，全省地区生产总值同比增长5.2%。", "In the first nine months, GDP grew 5.2 percent.", []),
    ("前三季度，全省地区生产总值同比增长5.2%。", "In the first six quarters, GDP grew 5.2 percent.", ["changed"]),
    ("利润连续三个季度增长。", "Profit rose for three straight quarters.", []),
    ("利润连续三个季度增长。", "Profit rose for four quarters in a row.", ["changed"]),
    ("三季度，全省地区生产总值同比增长5.2%。", "In the third quarter, GDP grew 5.2 percent.", []),
    ("约四分之三的居民已经搬走。", "About three quarters of the residents have left.", []),
])
def test_quarters_of_a_year_counted_are_months_not_a_share(zh, en, subtypes):
    """"the first three quarters" (前三季度) is nine months, not the share 0.75; "six quarters" for it is a
    changed figure. 三季度 alone is Q3, a period, and "three quarters of" stays a share."""
    findings, _ = run([zh], [en])
    assert [f.subtype for f in findings] == subtypes


@pytest.mark.parametrize("zh,en,flagged", [
    # 近十年来 is "in the past ten years", a period up to now, not "nearly ten years"
    ("这是近十年来规模最大的预算。", "It is the largest budget in the past ten years.", False),
    ("近三年来，销量持续下滑。", "Sales have fallen over the last three years.", False),
    ("近五个月以来没有降雨。", "There has been no rain for the past five months.", False),
    ("这是近五年来最大的火灾。", "It was the deadliest fire in nearly five years.", False),
    ("这是近五年来最大的火灾。", "It was the deadliest fire in more than five years.", True),
    # a duration hedged with 近 still is one
    ("他在狱中度过了近十年。", "He spent ten years in prison.", True),
])
def test_recent_period_is_no_hedge(zh, en, flagged):
    findings, _ = run([zh], [en])
    assert bool(findings) is flagged


def test_two_way_trade_is_no_count():
    """'two-way trade' names a kind of trade, like 'two-thirds' a fraction: no count two to compare."""
    assert quantities("two-way trade of $310 billion", "en")[0].value == 310e9
    assert [q.text for q in quantities("a two-way street", "en")] == []


@pytest.mark.parametrize("en,zh", [("about A$310 billion", "约为3100亿澳元"), ("C$2 billion", "20亿加元"),
                                   ("S$45 million", "4500万新加坡元")])
def test_australian_canadian_and_singapore_dollars(en, zh):
    (e,), (z,) = quantities(en, "en"), quantities(zh, "zh")
    assert (e.kind, e.unit, e.value) == (z.kind, z.unit, z.value) == ("money", e.unit, z.value)
    assert e.unit in ("AUD", "CAD", "SGD")
    assert run_en_original([f"Two-way trade was {en} last year."], [f"去年双边贸易额{zh}。"])[0] == []
