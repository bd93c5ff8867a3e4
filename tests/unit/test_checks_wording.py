"""wording.v1: beads whose meaning departs, as outliers against the rest of the document."""

from __future__ import annotations

import pytest

from transcompare.checks.base import CheckContext
from transcompare.checks.wording import WordingCheck
from transcompare.model import Bead, Edition, Sentence

ZH = [
    "禁用软件名单由信息科技部门统一发布。", "各单位须在月底前完成自查。", "检查预计覆盖全省所有县市。",
    "工作人员须打印检查记录并签字。", "违规者将在年底考核中被扣分。", "有官员担心敏感数据外泄。",
    "部分职员正通过手机软件与境外联系。", "当局表示将定期抽查。", "此举引发基层不满。", "专家认为这会影响办公效率。",
]
HANT = [
    "禁用軟體名單由資訊科技部門統一發布。", "各單位須在月底前完成自查。", "檢查預計涵蓋全省所有縣市。",
    "工作人員須列印檢查紀錄並簽名。", "違規者將在年底考核中被扣分。", "有官員擔心敏感資料外洩。",
    "部分職員正透過手機軟體與境外聯繫。", "當局表示將定期抽查。", "此舉引發基層不滿。", "專家認為這會影響辦公效率。",
]


def edition(eid: str, lang: str, sentences: list[str]) -> Edition:
    out, pos = [], 0
    for i, s in enumerate(sentences):
        out.append(Sentence(i, pos, pos + len(s), s, 0))
        pos += len(s) + 1
    return Edition(eid, eid, lang, "\n".join(sentences), sentences=tuple(out))


def run(zh, ed, lang="zh", mt_scores=None, translations=None):
    beads = [Bead((i,), (i,), 0.9) for i in range(len(zh))]
    ctx = CheckContext(edition("original", "zh", zh), edition("edition", lang, ed), beads,
                       translations=translations, mt_scores=mt_scores)
    return list(WordingCheck().run(ctx))


def test_regional_vocabulary_is_not_a_departure():
    assert run(ZH, HANT) == []


def test_replaced_sentence_is_flagged_low():
    ed = list(HANT)
    ed[4] = "天氣預報說明天北方將有大風降溫。"
    (f,) = run(ZH, ed)
    assert (f.kind, f.severity, f.bead) == ("wording", "low", 4)
    assert f.evidence["scorer"] == "zh-chrf"


def test_mt_scores_are_used_when_present():
    scores = [62.0, 58.0, 60.0, 65.0, 12.0, 61.0, 59.0, 63.0, 60.0, 64.0]
    findings = run(ZH, ["x"] * 10, lang="en", mt_scores=scores, translations=["t"] * 10)
    assert [f.bead for f in findings] == [4] and findings[0].evidence["scorer"] == "mt-chrf"


def test_never_more_than_a_few():
    scores = [60.0] * 30 + [5.0] * 10
    findings = run(ZH * 4, ["x"] * 40, lang="en", mt_scores=scores, translations=["t"] * 40)
    assert len(findings) == 2  # 5% of 40 beads


def test_short_documents_are_left_alone():
    assert run(ZH[:3], ["天氣很好。", "我們去公園。", "下雨了。"]) == []


EN = [
    "The list of banned software is issued by the IT department.", "Every unit must finish its self-inspection by the end of the month.",
    "The inspection is expected to cover every county and city in the province.", "Staff must print the inspection record and sign it.",
    "Offenders will lose points in the year-end assessment.", "Some officials worry that sensitive data could leak.",
    "Some staff are contacting people abroad through phone apps.", "The authorities said they would carry out regular spot checks.",
    "The move has caused discontent at the grassroots.", "Experts believe it will hurt office efficiency.",
]
UNRELATED = "The weather forecast says strong winds and falling temperatures are coming to the north tomorrow."


@pytest.fixture
def real_encoder(tmp_path, monkeypatch):
    monkeypatch.setenv("TRANSCOMPARE_CACHE", str(tmp_path))
    from transcompare.checks import wording

    wording._default_encoder.cache_clear()
    yield
    wording._default_encoder.cache_clear()


def test_cross_lingual_evidence_without_mt(real_encoder):
    """An unrelated sentence is flagged; a free rendering of another ("not happy" for 不满) is not."""
    en = list(EN)
    en[4] = UNRELATED
    en[8] = "Grassroots staff are not happy about it."
    findings = run(ZH, en, lang="en")
    assert [f.bead for f in findings] == [4]
    evidence = findings[0].evidence
    assert evidence["scorer"] == "embedding+lexical" and evidence["words_found"] == 0
    assert "dictionary words" in findings[0].explanation


def test_faithful_translation_is_quiet(real_encoder):
    assert run(ZH, EN, lang="en") == []


def test_short_document_flags_only_what_is_unrelated_outright(real_encoder):
    """Three beads leave nothing to compare with: only a bead that renders none of many (eight or
    more) dictionary words, at a cosine of unrelated sentences, is reported."""
    (f,) = run(ZH[:3], [UNRELATED, EN[1], EN[2]], lang="en")
    assert f.bead == 0 and f.evidence["unrelated"] is True and f.evidence["words"] >= 8
    assert run(ZH[:3], [EN[0], UNRELATED, EN[2]], lang="en") == []  # too few words to be sure
    assert run(ZH[:3], EN[:3], lang="en") == []


class TopicEncoder:
    """A stand-in encoder: each text points along its topic's axis, so a bead's two sides agree
    exactly when they share a topic; texts of no known topic point elsewhere."""

    def __init__(self, topics: dict[str, int], dim: int = 32):
        self.topics, self.dim = topics, dim

    def encode(self, texts):
        import numpy as np

        out = np.full((len(texts), self.dim), 0.1, dtype=np.float32)
        for row, text in enumerate(texts):
            out[row, self.topics.get(text, self.dim - 1)] += 1.0
        return out


def test_departure_is_judged_against_the_neighbours():
    """With a stand-in encoder (no absolute cosine floor applies), an ordinary bead scores about 1
    and a bead whose sides share no topic about 0."""
    from transcompare.checks.wording import departure_evidence

    en = list(EN)
    en[6] = UNRELATED
    topics = {t: i for i, t in enumerate(ZH)} | {t: i for i, t in enumerate(EN)}
    beads = [Bead((i,), (i,), 0.9) for i in range(len(ZH))]
    ctx = CheckContext(edition("original", "zh", ZH), edition("edition", "en", en), beads,
                       options={"encoder": TopicEncoder(topics)})
    evidence = departure_evidence(ctx, range(len(ZH)))
    assert evidence[6].embedding < 0.1 and not evidence[6].unrelated
    assert all(e.embedding > 0.9 for i, e in enumerate(evidence) if i != 6)
    assert [f.bead for f in WordingCheck().run(ctx)] == [6]


def test_without_an_encoder_alignment_confidence_is_used():
    from transcompare.errors import ModelError

    class Broken:
        def encode(self, texts):
            raise ModelError("no model")

    beads = [Bead((i,), (i,), 0.9) for i in range(10)]
    beads[3] = Bead((3,), (3,), 0.05)
    ctx = CheckContext(edition("original", "zh", ZH), edition("edition", "en", EN), beads, options={"encoder": Broken()})
    (f,) = WordingCheck().run(ctx)
    assert f.bead == 3 and f.evidence["scorer"] == "aligner"


def test_departures_are_capped_to_the_nearest_share():
    """A tenth of 18 beads rounds to two reports, not one (with a stand-in encoder and an edition
    in a language without dictionary evidence, only the embedding margin counts)."""
    zh = [f"第{i}句。" for i in range(18)]
    ed = [f"phrase {i}." for i in range(18)]
    topics = {t: i for i, t in enumerate(zh)} | {t: i for i, t in enumerate(ed)}
    ed[5], ed[12] = "autre chose.", "encore autre chose."  # of no topic
    beads = [Bead((i,), (i,), 0.9) for i in range(18)]
    ctx = CheckContext(edition("original", "zh", zh), edition("edition", "fr", ed), beads,
                       options={"encoder": TopicEncoder(topics)})
    assert sorted(f.bead for f in WordingCheck().run(ctx)) == [5, 12]


def test_romanised_names_leave_out_words_a_sentence_capitalises():
    from transcompare.checks.wording import _romanised_names

    assert _romanised_names("Yesterday Tang Xiaoyu met Zheng Haiyang in the Palace.") == ("Tang Xiaoyu", "Zheng Haiyang")
    assert _romanised_names("He said: Go home, Wang.") == ()  # opening capitals and a lone syllable
    assert _romanised_names("Haiyang said nothing with great Patience.") == ()  # an English word is no name


def test_a_name_no_original_nearby_spells_is_foreign():
    """A name its own original spells, or a neighbour's (a translator's name for a pronoun), or one
    the edition uses elsewhere is at home; a name none of them has comes from another story."""
    from transcompare.checks.wording import _foreign_names

    pairs = [
        ("郑海洋昨天到了。", "Zheng Haiyang arrived yesterday."),
        ("他说会议推迟了。", "Zheng Haiyang said the meeting was put off."),
        ("会议讨论了预算。", "The budget was discussed by Tang Xiaoyu."),
        ("大家都同意。", "Everyone agreed."),
    ]
    assert _foreign_names(pairs) == [(), (), ("Tang Xiaoyu",), ()]
    pairs[3] = ("大家都同意。", "Everyone agreed with Xiaoyu.")
    assert _foreign_names(pairs)[2] == ()  # the edition's own way of writing a name recurs
    # a place the dictionary renders is no stranger, though pinyin does not spell it
    assert _foreign_names([("他从香港回来。", "He came back from Hong Kong."), ("大家都同意。", "Everyone agreed.")]) == [(), ()]


def test_evidence_counts_unrendered_words_and_foreign_names_against_a_bead():
    """The combined evidence is the margins' weighted mean less the penalties: here, none of many
    dictionary words rendered and a name from another story."""
    from transcompare.checks import wording

    en = list(EN)
    en[4] = "So said Tang Xiaoyu."
    topics = {t: i for i, t in enumerate(ZH)} | {t: i for i, t in enumerate(en)}
    zh = list(ZH)
    zh[4] = "违规者将在年底考核中被扣分，有关部门负责人表示处罚标准统一公开执行。"
    topics[zh[4]] = 4
    beads = [Bead((i,), (i,), 0.9) for i in range(len(zh))]
    ctx = CheckContext(edition("original", "zh", zh), edition("edition", "en", en), beads,
                       options={"encoder": TopicEncoder(topics)})
    e = wording.departure_evidence(ctx, range(len(zh)))[4]
    assert e.words >= wording._UNRELATED_WORDS and e.words_found == 0 and e.foreign_names == ("Tang Xiaoyu",)
    margins = (e.embedding + wording._LEX_WEIGHT * e.lexical) / (1 + wording._LEX_WEIGHT)
    penalties = wording._LENGTH_PENALTY * e.length_z + wording._UNRENDERED_PENALTY + wording._NAME_PENALTY
    assert e.score == pytest.approx(margins - penalties)


def _degree(zh: list[str], ed: list[str], lang: str = "en"):
    ctx = CheckContext(edition("original", "zh", zh), edition("edition", lang, ed), [Bead((i,), (i,), 0.9) for i in range(len(zh))])
    return list(WordingCheck()._degree(ctx, range(len(zh))))


@pytest.mark.parametrize("zh,ed,lang,found", [
    ("新规定严重打击了小型出版社。", "The new rules have somewhat hurt small publishers.", "en", ("严重", "somewhat")),
    ("暴雨使农作物大幅减产。", "The rainstorm caused a slight fall in crop yields.", "en", ("大幅", "slight")),
    ("新規定嚴重打擊了小型出版社。", "新規定對小型出版社造成了一定程度的影響。", "zh-Hant", ("嚴重", "一定程度")),
    ("油价上涨对航空业的冲击明显加大。", "Higher oil prices hit airlines somewhat harder.", "en", ("明显", "somewhat")),
    ("油价上涨对航空业的冲击明显加大。", "油價上漲對航空業的衝擊略有加大。", "zh-Hant", ("明显", "略有")),
])
def test_a_claim_softened_by_degree_words(zh, ed, lang, found):
    (f,) = _degree([zh], [ed], lang)
    assert (f.kind, f.subtype, f.severity) == ("wording", "softened", "medium")
    assert (f.evidence["original"], f.evidence["edition"]) == found  # as written (嚴重), read as Simplified


@pytest.mark.parametrize("zh,ed", [
    ("新规定严重打击了小型出版社。", "The new rules have seriously hurt small publishers."),  # kept
    ("销量大幅下降，价格略有回升。", "Sales fell sharply and prices rose slightly."),  # both degrees on both sides
    ("销量大幅下降，价格略有回升。", "Sales fell steeply; prices recovered a little."),
    ("这一战略十分重要。", "The strategy matters a great deal."),  # 略 inside 战略 is no degree word
    ("他有点喜欢这部电影。", "He took the film seriously."),  # a stronger edition is not reported
    ("油价上涨对航空业的冲击明显加大。", "Higher oil prices hit airlines noticeably harder."),  # 明显 kept
])
def test_degree_kept_or_mixed_is_quiet(zh, ed):
    assert _degree([zh], [ed]) == []


def _degree_en_original(en: list[str], zh: list[str], lang: str = "zh"):
    ctx = CheckContext(edition("original", "en", en), edition("edition", lang, zh), [Bead((i,), (i,), 0.9) for i in range(len(en))])
    return list(WordingCheck()._degree(ctx, range(len(en))))


@pytest.mark.parametrize("en,zh,found", [
    ("Gross margin improved slightly in the third quarter.", "第三季度毛利率大幅改善。", ("slightly", "大幅")),
    ("The storm somewhat reduced the harvest.", "暴风雨使收成锐减。", ("somewhat", "锐减")),
])
def test_english_original_a_claim_strengthened_by_degree_words(en, zh, found):
    """An English original's weak degree word told with a strong one: on mac-dev's 1,316 gold beads
    read the other way (English as the original) this flags none; the Chinese weak words (有点,
    有些: also "some") that kept the rule one-way for Chinese originals are on the edition side here."""
    (f,) = _degree_en_original([en], [zh])
    assert (f.kind, f.subtype, f.severity) == ("wording", "strengthened", "medium")
    assert (f.evidence["original"], f.evidence["edition"]) == found


@pytest.mark.parametrize("en,zh", [
    ("Gross margin improved slightly.", "毛利率略有改善。"),  # kept
    ("Sales fell sharply and prices rose slightly.", "销量大幅下降，价格略有回升。"),  # both degrees
    ("She said sales had “slightly” improved.", "她说销量“大幅”改善。"),  # a quote is the quote check's
])
def test_english_original_degree_kept_or_quoted_is_quiet(en, zh):
    assert _degree_en_original([en], [zh]) == []


def _modal(zh: list[str], ed: list[str], lang: str = "en"):
    ctx = CheckContext(edition("original", "zh", zh), edition("edition", lang, ed), [Bead((i,), (i,), 0.9) for i in range(len(zh))])
    return list(WordingCheck()._modal(ctx, range(len(zh))))


@pytest.mark.parametrize("zh,ed,word", [
    ("专家认为，新药可能导致肝脏受损。", "Experts say the new drug causes liver damage.", "可能"),
    ("这一政策或许会加剧住房短缺。", "The policy will worsen the housing shortage.", "或许"),
    ("明年的出口增速或将放缓。", "Export growth will slow next year.", "或将"),
])
def test_a_claim_strengthened_by_dropping_its_modal(zh, ed, word):
    (f,) = _modal([zh], [ed])
    assert (f.kind, f.subtype, f.severity, f.evidence["original"]) == ("wording", "strengthened", "medium", word)


@pytest.mark.parametrize("zh,ed", [
    ("专家认为，新药可能导致肝脏受损。", "Experts say the new drug may cause liver damage."),
    ("专家认为，新药可能导致肝脏受损。", "Experts say the new drug is likely to damage the liver."),
    ("专家认为，新药可能导致肝脏受损。", "Experts warn of liver damage from the new drug."),
    ("这是不可能的事。", "That is out of the question."),  # 不可能: impossible, no modal
    ("我们会尽可能帮助他们。", "We will do all we need to help them."),  # 尽可能: as far as possible
    ("他们在研究合作的可能性。", "They are studying a partnership."),  # 可能性: a possibility, a noun
])
def test_a_modal_kept_or_no_modal_is_quiet(zh, ed):
    assert _modal([zh], [ed]) == []


def test_modal_between_two_chinese_editions_is_left_to_the_character_comparison():
    assert _modal(["新药可能导致肝脏受损。"], ["新藥會導致肝臟受損。"], "zh-Hant") == []


def test_a_bead_the_omission_check_reads_as_a_drop_and_an_addition_is_not_a_departure():
    """The aligner paired an added sentence closing one paragraph with the first sentence of a dropped one;
    omissions.v1 reports the two as a dropped and an added sentence, so the bead is no loose rendering too."""
    def paragraphs(eid, lang, groups):
        out, pos, sid = [], 0, 0
        for pid, group in enumerate(groups):
            for s in group:
                out.append(Sentence(sid, pos, pos + len(s), s, pid))
                pos += len(s) + 1
                sid += 1
        return Edition(eid, eid, lang, "\n".join(s.text for s in out), sentences=tuple(out))

    en = list(EN)
    en[6] = UNRELATED
    topics = {t: i for i, t in enumerate(ZH)} | {t: i for i, t in enumerate(EN)}
    original = paragraphs("original", "zh", [ZH[0:3], ZH[3:6], ZH[6:8], ZH[8:]])
    edition_ = paragraphs("edition", "en", [en[0:3], en[3:7], en[7:8], en[8:]])
    beads = [Bead((i,), (i,), 0.9) for i in range(len(ZH))]
    ctx = CheckContext(original, edition_, beads, options={"encoder": TopicEncoder(topics)})
    assert [f.bead for f in WordingCheck().run(ctx)] == []
    flat = CheckContext(edition("original", "zh", ZH), edition("edition", "en", en), beads,
                        options={"encoder": TopicEncoder(topics)})
    assert [f.bead for f in WordingCheck().run(flat)] == [6]  # one paragraph: no seam, a departure


def test_some_measures_an_effect_only():
    """'some impact' is a weak degree ('had some impact' for 严重影响); 'some areas' is no degree at all."""
    (f,) = _degree(["干旱对晚稻生产造成了严重影响。"], ["The drought has had some impact on late rice production."])
    assert f.evidence["edition"] == "some impact"
    assert _degree(["干旱对部分地区造成了严重影响。"], ["The drought has seriously hit some areas."]) == []


def test_a_softened_quote_is_left_to_the_quote_check():
    assert _degree(["他说：“旱情造成了严重影响。”"], ["\"The drought has had some impact,\" he said."]) == []
