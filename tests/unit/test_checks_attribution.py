"""attribution.v1: hedges and named sources that appear or vanish between editions."""

from __future__ import annotations

import pytest

from transcompare.checks.attribution import AttributionCheck, hedges
from transcompare.checks.base import CheckContext
from transcompare.model import Bead, Edition, Sentence


def edition(eid: str, lang: str, sentences: list[str]) -> Edition:
    out, pos = [], 0
    for i, s in enumerate(sentences):
        out.append(Sentence(i, pos, pos + len(s), s, 0))
        pos += len(s) + 1
    return Edition(eid, eid, lang, "\n".join(sentences), sentences=tuple(out))


def run(zh, ed, lang="en", beads=None):
    beads = beads or [Bead((i,), (i,), 0.9) for i in range(len(zh))]
    ctx = CheckContext(edition("original", "zh", zh), edition("edition", lang, ed), beads)
    return list(AttributionCheck().run(ctx)), ctx


@pytest.mark.parametrize("text,lang,kind,source", [
    ("据称，国家安全部近期已要求", "zh", "hedge", ""),
    ("据美联社报道，他已离职", "zh", "source", "美联社"),
    ("路透社报道称，谈判破裂", "zh", "source", "路透社"),
    ("officials have reportedly been placed", "en", "hedge", ""),
    ("according to the Associated Press, he", "en", "source", "Associated Press"),
    ("Reuters reported that talks collapsed", "en", "source", "Reuters"),
    ("he is said to have left", "en", "hedge", ""),
])
def test_hedges(text, lang, kind, source):
    (h,) = hedges(text, lang)
    assert (h.kind, h.source) == (kind, source)


@pytest.mark.parametrize("text,lang", [("He said the talks failed.", "en"), ("according to a notice", "en"), ("他说，谈判失败。", "zh"),
                                       ("Imports rose, according to Australian customs data.", "en"),
                                       ("Sales fell, according to China Passenger Car Association figures.", "en")])
def test_no_hedges(text, lang):
    assert hedges(text, lang) == []


def test_hedge_removed_points_at_hedge_and_claim():
    zh = "据称，国家安全部近期已要求部分高级干部上交证件。"
    en = "China’s Ministry of State Security has recently ordered some senior cadres to hand in their passports."
    findings, ctx = run([zh], [en])
    (f,) = findings
    assert (f.kind, f.subtype, f.severity) == ("attribution", "hedge-removed", "high")
    assert ctx.original.text[f.original_spans[0].start:f.original_spans[0].end] == "据称"
    assert f.edition_spans[0].start == 0 and "states it as fact" in f.explanation


@pytest.mark.parametrize("zh,ed,lang", [
    ("据报道，已有43万名官员被立案审查。", "430,000 officials have reportedly been investigated.", "en"),
    ("据报道，已有43万名官员被立案审查。", "據報導，已有43萬名官員被立案審查。", "zh"),
    ("据美联社报道，他已离职。", "He has left, according to the Associated Press.", "en"),
    ("他说，谈判失败。", "He said talks failed, according to Reuters.", "en"),
    # unnamed sources, 据信 and 疑似 in their usual English forms
    ("警方称，火灾疑似人为纵火。", "Police said the fire was suspected arson.", "en"),
    ("据信，他已逃往国外。", "He is thought to have fled abroad.", "en"),
    ("据报道，他已辞职。", "He is reported to have resigned.", "en"),
    ("据知情人士透露，董事长已被带走调查。", "The chairman has been taken away for investigation, a person familiar with the matter said.", "en"),
    ("据知情人士透露，董事长已被带走调查。", "According to a source, the chairman has been taken away for investigation.", "en"),
    ("据当地媒体报道，工厂已停产。", "According to local media, the factory has halted production.", "en"),
    ("一位不愿具名的消息人士说，工厂已停产。", "Sources said the factory has halted production.", "en"),
])
def test_kept_hedges_are_quiet(zh, ed, lang):
    assert run([zh], [ed], lang)[0] == []


@pytest.mark.parametrize("zh,ed", [
    ("据当地媒体报道，工厂已停产。", "The factory has halted production."),
    ("警方称，火灾疑似人为纵火。", "Police said the fire was arson."),
])
def test_unnamed_source_or_suspicion_dropped(zh, ed):
    assert [f.subtype for f in run([zh], [ed])[0]] == ["hedge-removed"]


def test_unnamed_source_pointing_out_is_a_hedge():
    """消息人士指出 ('a source pointed out') hedges as 消息人士称 does: dropped in a Chinese re-edit, the claim
    reads as fact; and it no longer leaves the English "according to a source" free to answer for a 据了解
    dropped from the sentence before."""
    (h,) = hedges("消息人士指出，该船曾在附近徘徊", "zh")
    assert (h.kind, h.strength) == ("hedge", "strong")
    findings, _ = run(["消息人士指出，該船曾在附近海域徘徊。"], ["该船曾在附近海域徘徊。"], lang="zh")
    assert [f.subtype for f in findings] == ["hedge-removed"]
    zh = ["據了解，這家工廠的老闆登記在國外。", "知情人士指出，工廠上月已經停產。"]
    en = ["The factory's owner is registered abroad.", "According to a source, the factory halted production last month."]
    findings, _ = run(zh, en)
    assert [(f.subtype, f.evidence["original"]) for f in findings] == [("hedge-removed", "据了解")]


@pytest.mark.parametrize("zh,en,subtypes", [
    ("消息指，政府正研究新一輪計劃。", "According to sources, the government is studying a new round of the scheme.", []),
    ("消息指，政府正研究新一輪計劃。", "The government is studying a new round of the scheme.", ["hedge-removed"]),
])
def test_hong_kong_bare_news_says_is_a_hedge(zh, en, subtypes):
    """Hong Kong papers write a bare 消息指 ('word is that') for an unnamed source, without 有 or 人士: kept as
    "according to sources" it is no added doubt, and dropped the claim reads as fact."""
    assert [f.subtype for f in run([zh], [en])[0]] == subtypes


def test_suspected_added_in_translation_is_quiet():
    assert run(["他怀疑有人在背后捣鬼。"], ["He suspected that someone was making trouble behind his back."])[0] == []


def test_source_stripped_same_language():
    findings, _ = run(["据美联社报道，他已离职。"], ["據報導，他已離職。"], lang="zh")
    assert [f.subtype for f in findings] == ["source-removed"]


def test_source_stripped_to_reportedly():
    findings, _ = run(["据美联社报道，他已离职。"], ["He has reportedly left."])
    assert [f.subtype for f in findings] == ["source-removed"]


def test_hedge_added():
    findings, _ = run(["他已离职。"], ["He has allegedly left."])
    assert [(f.subtype, f.severity) for f in findings] == [("hedge-added", "medium")]


def test_weak_passive_hedge_added():
    """他被羁押超过两年 as "he is believed to have been held": the fact now reads as a belief."""
    findings, _ = run(["此后他被羁押超过两年。"], ["He is believed to have been held for more than two years since then."])
    assert [(f.subtype, f.severity) for f in findings] == [("hedge-added", "low")]
    assert run(["据信他已被羁押两年。"], ["He is believed to have been held for two years."])[0] == []


def test_hedge_found_in_the_neighbouring_bead():
    zh = ["据报道，他已离职。", "公司没有回应。"]
    en = ["The company did not respond; he has reportedly left.", "No comment."]
    beads = [Bead((0,), (1,)), Bead((1,), (0,))]
    assert run(zh, en, beads=beads)[0] == []


def test_dropped_claim_is_not_a_removed_hedge():
    """涉嫌严重违纪违法 left out whole: the edition did not state the charge as fact; it dropped it."""
    findings, _ = run(["河南副省长郑国栋落马 涉嫌严重违纪违法"], ["Henan Vice Governor Zheng Guodong Placed Under Investigation"])
    assert [f for f in findings if f.subtype == "hedge-removed"] == []
    kept, _ = run(["他涉嫌严重违纪违法。"], ["He committed serious violations of discipline and law."])
    assert [f.subtype for f in kept] == ["hedge-removed"]


def test_claim_runs_to_the_end_of_the_sentence():
    """据称，分析人士预计，…: the claim is all that follows the hedge, not its first clause, so an
    edition that renders the rest ("more local officials ... this year") states it as fact."""
    zh = ["据称，分析人士预计，随着地方债务问题持续发酵，今年还将有更多地方官员被问责。"]
    en = ["Analysts expect more local officials to be held to account this year as the local debt problem continues to ferment."]
    findings, _ = run(zh, en)
    assert [f.subtype for f in findings] == ["hedge-removed"]


def test_claim_rendered_by_single_character_words():
    """No CC-CEDICT word of 那批货物最终下落不明，只剩一只箱子 is in the edition, but 剩 (left) is:
    the claim is rendered, so the dropped hedge is reported."""
    findings, _ = run(["据说，那批货物最终下落不明，只剩一只箱子。"], ["In the end the shipment vanished; only one crate was left."])
    assert [f.subtype for f in findings] == ["hedge-removed"]


def test_hedge_added_next_to_a_dropped_weak_hedge():
    """The edition drops 据悉 from one sentence and adds "It is said that" to the next: two changes,
    not one hedge that slipped a sentence, since the next sentence says nothing of the first's
    claim (roads, residents) that its own original (消防部门, 直升机) does not explain."""
    zh = ["据悉，山区一条公路仍然中断，一百多名村民被困。", "消防部门已派出直升机运送饮水和粮食。"]
    en = ["A mountain highway remains cut off, with more than 100 villagers trapped.",
          "It is said that firefighters have sent helicopters to deliver water and food."]
    findings, _ = run(zh, en)
    assert sorted((f.subtype, f.bead) for f in findings) == [("hedge-added", 1), ("hedge-removed", 0)]


def test_hedge_added_before_a_quotation_counts():
    """"Reportedly," put before quoted speech, outside its quote marks, is the outlet's hedge."""
    zh = ["“这场悲剧本来完全可以避免，”她说。"]
    en = ["Reportedly, “this tragedy was entirely avoidable,” she said."]
    assert [f.subtype for f in run(zh, en)[0]] == ["hedge-added"]


@pytest.mark.parametrize("zh,en,subtype", [
    ("他说：“据说工厂已经停产。”", "He said: “The factory has halted production.”", "hedge-removed"),
    ("他说：“工厂已经停产。”", "He said: “The factory has reportedly halted production.”", "hedge-added"),
])
def test_hedge_inside_quoted_speech_counts(zh, en, subtype):
    """A hedge dropped from or put into a speaker's words changes what the speaker is quoted as
    asserting, and the quote check does not see one adverb: the attribution check reports it."""
    assert [f.subtype for f in run([zh], [en])[0]] == [subtype]


def test_one_shared_gloss_does_not_make_a_neighbouring_hedge_a_slip():
    """A hedge added one sentence before a hedge dropped is two changes, not one hedge that slipped,
    when the hedged sentence shares a single word with the neighbour's claim ("first", 首次)."""
    zh = ["王明说，医生应该在病人出现症状时开药。", "据了解，卫生局正考虑明年首次把这项研究写入指南。"]
    en = ["Reportedly, doctors should prescribe the drug at the first symptoms, Wang Ming said.",
          "The health bureau is considering putting the study into its guidelines for the first time next year."]
    findings, _ = run(zh, en)
    assert sorted((f.subtype, f.bead) for f in findings) == [("hedge-added", 0), ("hedge-removed", 1)]


@pytest.mark.parametrize("zh,en", [
    # 有消息称 kept as an unconfirmed / single report
    ("有消息称，该厂厂长已于上月离开本市。", "According to one unconfirmed report, the plant's director left the city last month."),
    ("有消息称，该厂厂长已于上月离开本市。", "The plant's director left the city last month, according to a report."),
    # 涉嫌 kept as "on suspicion of"
    ("警方已拘留两名男子，他们涉嫌非法集资。", "Police have detained two men on suspicion of illegal fundraising."),
])
def test_single_report_and_suspicion_hedges_kept(zh, en):
    findings, _ = run([zh], [en])
    assert findings == []


def test_suspicion_kept_does_not_answer_for_a_dropped_media_hedge():
    # 涉嫌 is kept as "on suspicion of"; the media hedge before it is dropped and must still be reported
    zh = "据当地媒体报道，警方已拘留该公司两名前经理，他们涉嫌非法集资。"
    en = "Police have detained two former managers of the company on suspicion of illegal fundraising."
    findings, ctx = run([zh], [en])
    (f,) = findings
    assert f.subtype == "hedge-removed"
    assert ctx.original.text[f.original_spans[0].start:f.original_spans[0].end] == "据当地媒体报道"


@pytest.mark.parametrize("zh,ed,lang,subtypes", [
    # 所谓 ('so-called') before a quoted term distances the writer from it: adding it is a hedge added
    ("立法院三读通过“国防韧性特别预算”。", "立法院三读通过所谓“国防韧性特别预算”。", "zh", ["hedge-added"]),
    ("立法院三讀通過「國防韌性特別預算」。", "立法院三读通过所谓的“国防韧性特别预算”。", "zh", ["hedge-added"]),
    ("立法院三读通过“国防韧性特别预算”。", "The legislature passed the so-called “Defense Resilience Special Budget.”", "en", ["hedge-added"]),
    # kept, or a 所谓 that defines a term or means 'does not matter', is quiet
    ("他批评所谓“改革”。", "He criticized the so-called “reform.”", "en", []),
    ("他批评所谓“改革”。", "他批评所谓“改革”。", "zh", []),
    ("所谓韧性，就是遭到攻击后仍能运作。", "所谓韧性，就是遭到攻击后仍能运作。", "zh", []),
    ("他说，输赢无所谓。", "他说，输赢无所谓。", "zh", []),
])
def test_so_called_is_a_distancing_hedge(zh, ed, lang, subtypes):
    findings, _ = run([zh], [ed], lang=lang)
    assert [f.subtype for f in findings] == subtypes


def test_so_called_that_defines_is_no_hedge():
    assert hedges("所谓韧性，就是遭到攻击后仍能运作", "zh") == []
    assert hedges("输赢无所谓", "zh") == []
    assert [h.strength for h in hedges("通过所谓“国防韧性特别预算”", "zh")] == ["strong"]
