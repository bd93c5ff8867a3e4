"""dates.v1: dates resolved against the publication date and compared as calendar days."""

from __future__ import annotations

import datetime as dt

import pytest

from transcompare.checks._dateparse import extract_dates, parse_iso, publication_date_from_text, resolve, same_date
from transcompare.checks.base import CheckContext
from transcompare.checks.dates import DateCheck
from transcompare.model import Bead, Edition, Sentence


def edition(eid: str, lang: str, sentences: list[str], date: str | None = None) -> Edition:
    out, pos = [], 0
    for i, s in enumerate(sentences):
        out.append(Sentence(i, pos, pos + len(s), s, 0))
        pos += len(s) + 1
    return Edition(eid, eid, lang, "\n".join(sentences), date=date, sentences=tuple(out))


def run(zh, ed, date="2026-03-05", lang="en", beads=None, original_date=None):
    beads = beads or [Bead((i,), (i,), 0.9) for i in range(len(zh))]
    ctx = CheckContext(edition("original", "zh", zh, original_date), edition("edition", lang, ed), beads, publication_date=date)
    return list(DateCheck().run(ctx)), ctx


PUB = dt.date(2026, 3, 5)  # a Thursday


@pytest.mark.parametrize("text,lang,expected", [
    ("哈特利3月4日表示", "zh", (2026, 3, 4)),
    ("今年1月12日，美国", "zh", (2026, 1, 12)),
    ("去年12月3日", "zh", (2025, 12, 3)),
    ("2026年3月5日讯", "zh", (2026, 3, 5)),
    ("他5日表示", "zh", (2026, 3, 5)),
    ("昨天", "zh", (2026, 3, 4)),
    ("上周三", "zh", (2026, 2, 25)),
    ("周一", "zh", (2026, 3, 2)),
    ("said on March 14", "en", (2026, 3, 14)),
    ("On Jan. 12, the", "en", (2026, 1, 12)),
    ("4 March 2026", "en", (2026, 3, 4)),
    ("in a bulletin on Monday", "en", (2026, 3, 2)),
    ("yesterday", "en", (2026, 3, 4)),
    ("police said the day before yesterday", "en", (2026, 3, 3)),
    ("The Day After Tomorrow", "en", (2026, 3, 7)),
    ("on Dec. 28", "en", (2025, 12, 28)),
])
def test_resolve(text, lang, expected):
    (m,) = extract_dates(text, lang)
    r = resolve(m, PUB)
    assert (r.year, r.month, r.day) == expected


@pytest.mark.parametrize("text,lang", [("78个月", "zh"), ("3个月内", "zh"), ("you may go", "en"), ("2,000 people", "en")])
def test_not_dates(text, lang):
    assert extract_dates(text, lang) == []


def test_weekday_without_publication_date_matches_anything():
    (m,) = extract_dates("on Monday", "en")
    (d,) = extract_dates("3月4日", "zh")
    assert same_date(resolve(m, None), resolve(d, None))


def test_publication_date_from_dateline():
    assert publication_date_from_text("【华观新闻网2026年3月5日讯】中南海") == PUB
    assert publication_date_from_text("[Huaguan News, March 5, 2026] Beneath") == PUB
    assert parse_iso("2026-03-05T10:00:00+08:00") == PUB


@pytest.mark.parametrize("zh,en,date", [
    ("中纪委3月2日发布通报。", "The CCDI said in a bulletin on Monday.", "2026-03-05"),
    ("今年1月12日，美国发布视频。", "On Jan. 12, the U.S. released videos.", "2026-03-05"),
    ("截至2024年4月。", "As of April 2024.", "2026-03-05"),
    ("郑国栋1月21日晚被宣布接受调查。", "Zheng was placed under investigation on Wednesday evening.", "2026-01-22"),
    ("海关总署3月9日公布数据。", "Customs released data on Monday.", "2026-03-10"),
    ("自2012年上台以来。", "Since coming to power in 2012.", None),
    ("警方前天拘留了三名嫌疑人。", "Police detained three suspects the day before yesterday.", "2026-03-05"),
    ("他于4月14日至15日出访。", "He visited on April 14-15.", "2026-04-16"),
    ("他于4月14日至15日出访。", "He visited from April 14 to 15, 2026.", "2026-04-16"),
    # "last Tuesday" in a Thursday story may be this week's Tuesday or the one before (上周二)
    ("事故发生在上周二。", "The accident happened last Tuesday.", "2026-04-16"),
    ("事故发生在4月14日。", "The accident happened last Tuesday.", "2026-04-16"),
    ("事故发生在上周四。", "The accident happened last Thursday.", "2026-04-16"),
])
def test_equivalents_are_quiet(zh, en, date):
    findings, _ = run([zh], [en], date)
    assert findings == []


@pytest.mark.parametrize("zh,en", [
    # A bare weekday in a clause about the future is the coming one: in a Tuesday story, "are due to meet on
    # Wednesday" is tomorrow (明天), and 本周四 is this week's Thursday, not last week's.
    ("双方预计明天再次会面。", "The two sides are due to meet again on Wednesday."),
    ("一艘补给船预计本周四抵达。", "A supply ship is expected to arrive on Thursday."),
    ("议会将在本周五表决。", "Parliament will vote on Friday."),
    ("议会本周一已经表决。", "Parliament voted on Monday."),
    # 将 marking the object and 计划 as a noun speak of the past
    ("警方将两名嫌犯于周一带走。", "Police took the two suspects away on Monday."),
    ("该计划周一公布后引发争议。", "The plan, published on Monday, drew criticism."),
    # a future cue in another clause of the sentence does not carry over
    ("负责复核此案的委员会周一表示，该公司将于明年上市。", "The committee, which will review the case, said on Monday the firm will list next year."),
    ("该公司将于明年上市，周一股价大涨。", "The company will list next year, and its shares jumped on Monday."),
])
def test_a_weekday_to_come_is_the_coming_one(zh, en):
    findings, _ = run([zh], [en], "2026-11-24")
    assert findings == []


def test_a_weekday_to_come_resolved_as_the_past_one_is_changed():
    # 本周三 in a Tuesday Nov. 24 story is Nov. 25, as is "on Wednesday" in a clause about the future
    findings, _ = run(["双方将于本周三会面。"], ["The two sides will meet on Nov. 18."], "2026-11-24")
    assert [f.subtype for f in findings] == ["changed"]
    (m,) = extract_dates("The committee will meet on Wednesday.", "en")
    assert resolve(m, dt.date(2026, 11, 24)).as_date() == dt.date(2026, 11, 25)
    (m,) = extract_dates("The committee met on Wednesday.", "en")
    assert resolve(m, dt.date(2026, 11, 24)).as_date() == dt.date(2026, 11, 18)


def test_changed_day_after_publication():
    findings, ctx = run(["发言人3月4日表示。"], ["The spokesman said on March 14."])
    (f,) = findings
    assert (f.kind, f.subtype, f.severity) == ("date", "changed", "high")
    assert ctx.edition.text[f.edition_spans[0].start:f.edition_spans[0].end] == "March 14"
    assert "after the publication date (2026-03-05)" in f.explanation


def test_day_before_yesterday_is_not_yesterday():
    findings, _ = run(["警方昨天拘留了三名嫌疑人。"], ["Police detained three suspects the day before yesterday."])
    assert [f.subtype for f in findings] == ["changed"]


@pytest.mark.parametrize("zh,en", [
    ("他于4月14日至15日出访。", "He visited from April 14 to 16."),  # the range's end changed
    ("事故发生在4月13日。", "The accident happened last Tuesday."),  # a Monday
    ("事故发生在4月16日。", "The accident happened last Thursday."),  # a week before the Thursday story
])
def test_ranges_and_last_weekday_changed(zh, en):
    findings, _ = run([zh], [en], "2026-04-16")
    assert [f.subtype for f in findings] == ["changed"]


def test_weekday_that_is_not_the_date():
    findings, _ = run(["中纪委3月2日发布通报。"], ["The CCDI said in a bulletin on Tuesday."])
    assert [f.subtype for f in findings] == ["changed"]


def test_publication_date_taken_from_the_dateline():
    zh = ["【华观新闻网2026年3月5日讯】", "中纪委3月2日发布通报。"]
    en = ["[Huaguan News, March 5, 2026]", "The CCDI said in a bulletin on Monday."]
    assert run(zh, en, date=None)[0] == []


def test_dropped_day():
    findings, _ = run(["他3月4日表示，视频播放量很高。"], ["He said the videos were widely viewed."])
    assert [(f.subtype, f.severity) for f in findings] == [("dropped", "low")]


def test_traditional_edition():
    findings, _ = run(["他1月9日主持会议。"], ["他1月19日主持會議。"], lang="zh")
    assert [f.subtype for f in findings] == ["changed"]
    assert run(["他1月9日主持会议。"], ["他1月9號主持會議。"], lang="zh")[0] == []


def test_unpinned_mention_is_no_wildcard():
    """Without a publication date, "today" names no calendar day: it neither equals 6月1日 nor
    is a change of it, so a changed date nearby cannot hide behind it."""
    (today,) = extract_dates("Today we rest.", "en")
    (june,) = extract_dates("6月1日", "zh")
    (tomorrow,) = extract_dates("明天", "zh")
    assert not same_date(resolve(today, None), resolve(june, None))
    assert not same_date(resolve(today, None), resolve(tomorrow, None))
    assert same_date(resolve(tomorrow, None), resolve(extract_dates("Tomorrow he goes.", "en")[0], None))


def test_changed_date_next_to_an_unpinned_one():
    zh = ["他说很忙。", "6月1日，他们出发了。"]
    en = ["He said he was busy today.", "On June 11, they set off."]
    findings, _ = run(zh, en, date=None)
    (f,) = findings
    assert f.subtype == "changed" and f.bead == 1


def test_relative_day_against_a_date_without_publication_date_is_quiet():
    findings, _ = run(["昨天他到了。"], ["He arrived on March 3."], date=None)
    assert findings == []


@pytest.mark.parametrize("zh,en,changed", [
    ("該法案於民國114年7月22日通過。", "The bill was passed on July 22, 2025.", False),  # Taiwan's calendar: 民國114年 = 2025
    ("該法案於民國113年通過。", "The bill was passed in 2024.", False),
    ("該法案於民國114年7月22日通過。", "The bill was passed on July 22, 2026.", True),
])
def test_taiwan_minguo_years(zh, en, changed):
    findings, _ = run([zh], [en], date="2026-07-24")
    assert [f.subtype for f in findings] == (["changed"] if changed else [])


def test_a_month_in_the_next_sentence_does_not_swallow_a_changed_day():
    """2月20日 rendered "Feb. 10", and the next sentence's 2月初 ("early February", no date in
    English): the month matches February 10 loosely, but that is no alignment slip."""
    zh = ["他2月20日接受采访时说，工厂将会关闭。", "公司已于2月初停产。"]
    en = ["He said in an interview on Feb. 10 that the plant would close.", "The company halted production in early February."]
    findings, _ = run(zh, en)
    assert [(f.subtype, f.evidence["edition"][0]["text"]) for f in findings] == [("changed", "Feb. 10")]


@pytest.mark.parametrize("text,lang,expected", [
    ("The rules take effect on April 1 next year.", "en", (2027, 4, 1)),  # not April 1 of the publication year
    ("Rents rose on April 1 last year.", "en", (2025, 4, 1)),
    ("It opens on 1 April next year.", "en", (2027, 4, 1)),
    ("It closed in December of last year.", "en", (2025, 12, None)),
    ("Work starts in May next year.", "en", (2027, 5, None)),
    ("明年4月1日起实施", "zh", (2027, 4, 1)),
    ("去年4月1日起实施", "zh", (2025, 4, 1)),
    ("Sales fell last year.", "en", (2025, None, None)),  # a year on its own, as 去年
    ("Last year, sales fell.", "en", (2025, None, None)),
    ("去年销量下降。", "zh", (2025, None, None)),
    ("明年将扩建。", "zh", (2027, None, None)),
])
def test_years_counted_from_publication(text, lang, expected):
    (m,) = extract_dates(text, lang)
    r = resolve(m, PUB)
    assert (r.year, r.month, r.day) == expected


@pytest.mark.parametrize("text", ["Prices rose over the last year.", "The next year was harder."])
def test_the_last_year_is_a_span_not_a_date(text):
    assert extract_dates(text, "en") == []


@pytest.mark.parametrize("zh,en", [
    ("新规明年4月1日起实施。", "The new rules take effect on April 1 next year."),
    ("新规明年4月1日起实施。", "The new rules take effect on April 1, 2027."),
    ("去年销量下降了。", "Sales fell last year."),
    ("去年销量下降了。", "Sales fell in 2025."),
])
def test_relative_years_are_quiet(zh, en):
    assert run([zh], [en])[0] == []


@pytest.mark.parametrize("zh,en", [
    ("新规明年4月1日起实施。", "The new rules take effect on April 1."),  # this year's April 1
    ("新规今年4月1日起实施。", "The new rules take effect on April 1 next year."),
    ("去年销量下降了。", "Sales fell this year."),
])
def test_relative_years_changed(zh, en):
    assert [f.subtype for f in run([zh], [en])[0]] == ["changed"]


def test_a_year_does_not_slip_onto_a_day_in_the_next_bead():
    """今年 left without a counterpart does not take the "Jan. 19" of the sentence before (same
    year, so equal inside one bead): that date is a changed 1月9日, not a slipped 今年."""
    zh = ["1月9日他还在主持会议。", "今年还将有更多官员被问责。"]
    en = ["On Jan. 19 he was still chairing a meeting.", "More officials will be held to account."]
    assert [f.subtype for f in run(zh, en)[0]] == ["changed"]


def test_a_year_in_the_same_bead_does_not_swallow_a_changed_day():
    """今年 and a day in one sentence, the day rendered wrongly: "this year" pairs with 今年 first
    (any day of this year equals "this year"), so the day is reported changed."""
    zh = ["他2月20日说，今年的利润会下降。"]
    en = ["He said on Feb. 10 that this year's profits would fall."]
    assert [f.subtype for f in run(zh, en)[0]] == ["changed"]


@pytest.mark.parametrize("text", ["平均療程由6.5日縮短至4.5日。", "工期约为2.5日", "存款期1.5月"])
def test_a_decimal_before_day_or_month_is_a_quantity_not_a_date(text):
    """6.5日 is six and a half days (Hong Kong and Taiwan write 日 for a day's duration), not the
    5th of the month; a decimal is never a day or a month of the calendar."""
    assert extract_dates(text, "zh") == []


def test_a_decimal_duration_in_days_is_not_a_dropped_date():
    findings, _ = run(["病人平均住院日数由8.3日缩短至6.4日。"], ["Patients stayed 6.4 days on average, down from 8.3."])
    assert findings == []


def test_a_wrong_weekday_is_a_change_not_a_drop_beside_this_year():
    """本月12日 (Thursday, Nov. 12) told as "on Wednesday" beside 今年: the year took the weekday as its
    match (any day this year equals it) and left the day looking dropped, its wrong weekday unreported."""
    zh = ["水利厅本月12日发布的通报显示，今年前10个月降水量偏少。"]
    en = ["Rainfall in the first 10 months was low, according to a bulletin released on Wednesday."]
    findings, _ = run(zh, en, date="2026-11-13")
    assert [(f.subtype, f.evidence["edition"][0]["text"]) for f in findings] == [("changed", "Wednesday")]
    findings, _ = run(zh, [en[0].replace("Wednesday", "Thursday")], date="2026-11-13")
    assert findings == []


@pytest.mark.parametrize("en,subtypes", [
    ("Rain has been scarce since mid-July.", []),
    ("Rain has been scarce since mid-June.", ["changed"]),
    ("Rain has been scarce in early June.", ["changed"]),
    ("Officials said in July that rain may fall.", []),
])
def test_a_bare_month_after_a_preposition_is_a_date(en, subtypes):
    findings, _ = run(["7月中旬以来，降雨持续偏少。"], [en], date="2026-11-13")
    assert [f.subtype for f in findings] == subtypes


@pytest.mark.parametrize("zh,en,subtypes", [
    # a month without a year in a clause about the future is the coming one: January in a December story is next January
    ("行政院须在明年1月底前提出计划。", "The Executive Yuan must submit the plan by the end of January.", []),
    ("工程预计明年1月5日完工。", "The work is expected to be finished by Jan. 5.", []),
    ("行政院须在1月底前提出计划。", "The Executive Yuan must submit the plan by the end of January.", []),
    ("行政院须在明年2月底前提出计划。", "The Executive Yuan must submit the plan by the end of January.", ["changed"]),
    # reported speech about the future: "would" is the "will" of what someone said
    ("他说，工作组将于明年1月31日前提交报告。", "He said the group would report back by Jan. 31.", []),
    ("今年1月5日，工厂本应停工。", "The factory would have stopped work on Jan. 5.", []),
    # a month of the past stays in the publication's year
    ("今年1月以来，销量持续下滑。", "Sales have fallen since January.", []),
    ("今年1月5日，工厂停工。", "The factory stopped work on Jan. 5.", []),
])
def test_a_month_to_come_is_the_coming_one(zh, en, subtypes):
    findings, _ = run([zh], [en], date="2026-12-18")
    assert [f.subtype for f in findings] == subtypes
