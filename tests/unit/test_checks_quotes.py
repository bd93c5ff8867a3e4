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


def test_a_changed_figure_in_a_quote_is_shown_whole():
    """12月5日 -> 12月15日 differs by one inserted character; the finding shows the figures, not “1”."""
    zh = "局长说：“我们有信心在12月5日前完工。”"
    orig, ed, findings = run(zh, "局長說：「我們有信心在12月15日前完工。」", lang="zh")
    (f,) = findings
    assert f.evidence["changed_from"] == "5日" and f.evidence["changed_to"] == "15日"
    assert ed.text[f.edition_spans[0].start:f.edition_spans[0].end] == "15日"
    assert "“5日” in the original but “15日”" in f.explanation
    (f,) = run("局长说：“工程进度已经完成了30%。”", "局長說：「工程進度已經完成了80%。」", lang="zh")[2]
    assert (f.evidence["changed_from"], f.evidence["changed_to"]) == ("30%", "80%")


def test_same_language_compares_after_script_and_region_folding():
    assert run(ZH, TRAD, lang="zh")[2] == []
    _, ed, findings = run(ZH, TRAD.replace("就能說服高官倒戈", "也許能說服一些官員"), lang="zh")
    (f,) = findings
    assert f.subtype == "altered" and "也許能說服一些官員" in ed.text[f.edition_spans[0].start : f.edition_spans[0].end]


@pytest.mark.parametrize(
    "text,lang,expected",
    [("我们就能说服高官倒戈", "zh", False), ("我们不能说服", "zh", True), ("去不去？", "zh", False), ("不过他来了", "zh", False),
     ("we will never persuade", "en", True), ("we can persuade", "en", False), ("it isn’t so", "en", True)],
)
def test_negation(text, lang, expected):
    assert negated(text, lang) is expected


def test_quotes_and_speakers_found():
    quotes = find_quotes(edition(ZH, "zh"), GLOSSARY)
    assert [q.speaker for q in quotes] == ["孙立民", "林", "吕振华"]
    en = find_quotes(edition("'Well, he's no braver than I am!' thought Pebble to herself. She didn't say it.", "en", "e"))
    assert [q.text for q in en] == ["Well, he's no braver than I am!"]



def test_quoted_name_inside_a_sentence_is_not_speech():
    # A group's name in quote marks is part of the sentence: the verb after it reports the next clause,
    # so rendering the name without marks is no paraphrased quote.
    zh = "香港劳工组织“工友同行”研究员李婉仪对本网表示，许多工厂仍在使用易燃厂房。“这场悲剧本来可以避免，”她说。"
    quotes = find_quotes(edition(zh, "zh"), GLOSSARY)
    assert [(q.text, q.speech) for q in quotes] == [("工友同行", False), ("这场悲剧本来可以避免，", True)]
    en = ("Li Wanyi, a researcher with the Hong Kong labor group Workers Together, told Huaguan News that many factories still use "
          "flammable buildings. “This tragedy could have been avoided,” she said.")
    assert [f for f in run(zh, en)[2] if f.subtype == "paraphrased"] == []

def run_beads(zh_lines: list[str], en_lines: list[str], threshold: float | None = None):
    """One sentence per line, bead i = line i on both sides (as with gold alignments)."""
    orig, ed = edition("\n".join(zh_lines), "zh"), edition("\n".join(en_lines), "en", "edition")
    assert len(orig.sentences) == len(zh_lines) and len(ed.sentences) == len(en_lines)
    beads = [Bead((i,), (i,), 0.9) for i in range(len(zh_lines))]
    options = {} if threshold is None else {"quote_min_confidence": threshold}
    ctx = CheckContext(orig, ed, beads, glossary=GLOSSARY, options=options)
    return orig, ed, list(QuoteCheck().run(ctx))


DIALOGUE_ZH = ["王明推开门走了进来。", "“我明天一定去北京。”", "李华点点头。", "“那我们在车站见面。”", "两人都笑了。"]
DIALOGUE_EN = ["Wang Ming pushed the door open and came in.", "“I will definitely go to Beijing tomorrow.”",
               "Li Hua nodded.", "“Then we will meet at the station.”", "They both laughed."]


def test_dialogue_without_reporting_verb():
    assert run_beads(DIALOGUE_ZH, DIALOGUE_EN)[2] == []
    dropped = DIALOGUE_EN[:1] + ["He said so."] + DIALOGUE_EN[2:]
    (f,) = run_beads(DIALOGUE_ZH, dropped)[2]
    assert (f.subtype, f.bead) == ("missing", 1)


def test_flip_in_a_freely_worded_line_of_dialogue():
    flipped = DIALOGUE_EN[:3] + ["“Then we will meet nowhere, nothing at all.”"] + DIALOGUE_EN[4:]
    (f,) = run_beads(DIALOGUE_ZH, flipped)[2]
    assert (f.subtype, f.bead, f.evidence.get("negation_flip")) == ("altered", 3, True)


@pytest.mark.parametrize("zh,en", [
    ("“难道你不知道吗？”", "“You know that, surely?”"),  # a question that denies by asking
    ("“快走，要不我就报警了！”", "“Leave now, or if you don't, I'll call the police!”"),  # 'or else'
    ("“罢了，你先回去吧。”", "“Doesn't matter, you go home first.”"),  # a dismissal
    ("“不许动，动一下我就喊人！”", "“Keep still if you know what is good for you!”"),  # a warning recast
    ("“他不会来的。”", "“Is he coming, really?”"),  # a denial turned into a doubting question
])
def test_recast_negations_stay_quiet(zh, en):
    assert run_beads(DIALOGUE_ZH[:1] + [zh], DIALOGUE_EN[:1] + [en])[2] == []


def test_quote_split_by_its_speaker_is_one_quote():
    zh = ["王明说：“你如果不来，我们就不能开始。”"]
    en = ["“If you don't come,” said Wang Ming, “we can't start.”"]
    assert run_beads(zh, en)[2] == []


def test_translators_own_name_for_a_speaker_is_learned():
    zh = ["阿福道：“我先走了。”", "阿福道：“明天见。”", "阿福道：“别忘了带伞。”", "王明推开门走了进来。"]
    en = ["“I'm off,” said Lucky.", "“See you tomorrow,” said Lucky.", "“Don't forget your umbrella,” said Lucky.",
          "Wang Ming pushed the door open and came in."]
    assert [f for f in run_beads(zh, en)[2] if f.subtype == "speaker"] == []


def test_quote_given_to_another_person_of_the_scene():
    zh = ["李华站在门口。", "王明说：“我明天一定去北京。”", "两人都笑了。"]
    en = ["Li Hua stood at the door.", "“I will definitely go to Beijing tomorrow,” said Li Hua.", "They both laughed."]
    (f,) = [f for f in run_beads(zh, en)[2] if f.subtype == "speaker"]
    assert f.confidence >= 0.9 and f.evidence == {"original_speaker": "王明", "edition_speaker": "Li Hua"}


def test_dialogue_reported_in_other_words_is_a_quiet_paraphrase():
    zh = ["王明推开门，看了看屋里的人，问：“谁在那儿？”"]
    en = ["Wang Ming pushed the door open, looked around at the people in the room and asked who it was."]
    assert run_beads(zh, en)[2] == []
    (f,) = run_beads(zh, en, threshold=0.4)[2]
    assert (f.subtype, f.severity) == ("paraphrased", "low")


def test_unmarked_direct_speech_in_the_original_is_not_an_added_quote():
    zh = ["她放下碗说：我是说你明天早点来，别又让大家等你！"]
    en = ["She put down her bowl and said, “I mean, come early tomorrow, don't keep us all waiting again!”"]
    assert run_beads(zh, en)[2] == []


def test_quote_cut_short_in_a_close_translation():
    cut = EN.replace("we can persuade senior officials to defect.”", "we”")
    findings = [f for f in run(ZH, cut)[2] if f.subtype == "altered"]
    assert findings and "说服高官倒戈" in findings[0].evidence["left_out"]


def test_quote_marks_in_english():
    from transcompare.checks.quotes import _single, _straight

    text = 'He said, "Fine.\nIt is easy." Then "Go."\n"Then you must know\nthat it runs on'
    assert [text[a:b] for a, b in _straight(text, '"')] == ["Fine.\nIt is easy.", "Go.", "Then you must know\nthat it runs on"]
    text = "She talked about 'difficulties' all day.\n'The officials' meeting ran late,' he said.\n'It goes on"
    assert [text[a:b] for a, b in _single(text)] == ["difficulties", "The officials' meeting ran late,", "It goes on"]


def test_quote_within_a_quote():
    zh = ["他笑着说：“俗话说：‘人多力量大’，我们一起干吧。”"]
    en = "“As the saying goes, ‘There is strength in numbers,’ so let's do it together,” he laughed."
    assert run_beads(zh, [en])[2] == []
    (f,) = run_beads(zh, [en.replace(" ‘There is strength in numbers,’", "")])[2]
    assert (f.subtype, f.evidence["original"]) == ("missing", "人多力量大")
    (f,) = run_beads(zh, [en.replace("There is strength", "There is no strength")])[2]  # reported once, where it flips
    assert f.subtype == "altered" and f.evidence["original"] == "人多力量大"


def test_negative_question_given_a_second_negation_is_altered():
    zh = DIALOGUE_ZH[:1] + ["“你就不能等我一下吗？”"]
    assert run_beads(zh, DIALOGUE_EN[:1] + ["“Can't you wait for me a moment?”"])[2] == []
    assert run_beads(zh, DIALOGUE_EN[:1] + ["“Wait for me a moment.”"])[2] == []  # the 'not' dropped: a recast question
    (f,) = run_beads(zh, DIALOGUE_EN[:1] + ["“You can't wait for nothing at all.”"])[2]
    assert (f.subtype, f.evidence.get("negation_flip")) == ("altered", True)


def test_caption_gone_though_the_sentence_shares_a_word_with_it():
    zh = ["其中一张照片登上了《上海晚报》的头版，以“申城佳人”为题。"]  # 申城: Shanghai
    en = "One of the photos made the front page of the Shanghai Evening News under the title “A Beauty of Shanghai.”"
    assert run_beads(zh, [en])[2] == []
    # the one 'Shanghai' left renders the newspaper's name, not the caption
    (f,) = run_beads(zh, [en.replace(" under the title “A Beauty of Shanghai.”", ", with a title.")])[2]
    assert (f.subtype, f.evidence["original"]) == ("missing", "申城佳人")


def test_traditional_original_reads_like_a_simplified_one():
    """A Traditional-script original (Hong Kong, Taiwan): 說 is a reporting verb and 沒 a negation, as 说 and 没."""
    zh = "前區議員區家明批評說：「政府根本沒有諮詢市民。」\n\n局長回應說：「我們已經諮詢了很多團體。」"
    en = ("Former district councillor Au Ka-ming said: “The government did not consult the public at all.”\n\n"
          "The secretary replied: “We have consulted many groups.”")
    orig, _, findings = run(zh, en)
    assert findings == []
    (q, _) = find_quotes(orig)
    assert q.verb == "说" and q.speaker == "区家明"
    orig, ed, findings = run(zh, en.replace("did not consult the public at all", "consulted the public thoroughly"))
    (f,) = findings
    assert (f.subtype, f.evidence["negation_flip"]) == ("altered", True)
    assert "政府根本沒有諮詢市民" in orig.text[f.original_spans[0].start : f.original_spans[0].end]


@pytest.mark.parametrize("text,expected", [("很多果農一整年的收成都沒了。", False), ("钱没有了", False), ("我们没了办法", True), ("他没来", True)])
def test_gone_at_the_end_of_a_clause_is_no_negation(text, expected):
    """都沒了 'all gone' is rendered 'lost', not with a 'not'; 没了办法 still negates."""
    from transcompare.ingest.script import normalize

    assert negated(normalize(text, "zh").text, "zh") is expected


@pytest.mark.parametrize("en,speaker", [
    # spaCy reads a lone surname that is also a people (Han, Hui) as a group, not a person.
    ("“Prices will keep falling,” Han said.", "Han"),
    ("“Prices will keep falling,” said Hui.", "Hui"),
    # a company and a title before the name
    ("“Prices will keep falling,” Luxin chairman Han Jianye told reporters.", "Han Jianye"),
])
def test_english_speakers_named_by_surname_or_after_a_title(en, speaker):
    (q,) = find_quotes(edition(en, "en", "e"))
    assert (q.speaker, q.speaker_explicit) == (speaker, True)


def test_quote_given_to_a_speaker_named_by_a_surname_that_is_also_a_people():
    zh = "经济学家孙家伟认为，价格战难以持续。“价格还会继续下跌，”孙家伟说。"
    en = "Economist Sun Jiawei believes the price war cannot last. “Prices will keep falling,” Han said."
    (f,) = [f for f in run(zh, en)[2] if f.subtype == "speaker"]
    assert (f.evidence["original_speaker"], f.evidence["edition_speaker"]) == ("孙家伟", "Han")


@pytest.mark.parametrize("speaker,given", [("Leung Ka-long", False), ("Lau Ka-long", True), ("Liang Jialang", False)])
def test_speaker_whose_name_the_word_cut_splits(speaker, given):
    """jieba cuts 梁家朗 as 梁家/朗 and reads 梁家 as the speaker; the edition's 'Leung Ka-long' (or
    pinyin 'Liang Jialang') is spelt by the characters where the original names him: the same person."""
    zh = ["儿科主管梁家朗医生表示：“这种药物不能代替疫苗。”"]
    en = [f"“This drug cannot replace vaccines,” said Dr. {speaker}, the head of paediatrics."]
    found = [f for f in run_beads(zh, en)[2] if f.subtype == "speaker"]
    assert bool(found) == given


def test_rather_than_renders_er_bu_shi_without_a_flip():
    # 而不是 'rather than' rejects what follows; the English keeps it, so no negation is dropped
    zh = ["他说：“我们要的是合作，而不是对抗。”"]
    en = ["“We want cooperation rather than confrontation,” he said."]
    assert [f for f in run_beads(zh, en)[2] if f.evidence.get("negation_flip")] == []


def test_lexical_negative_is_no_negation():
    # 非法 is 'illegal', a word of its own: the English 'illegally' has no 'not' to match it
    zh = ["警方称，这些人“在保护区内非法采矿”。"]
    en = ["Police said the men had been “mining illegally in the reserve”."]
    assert [f for f in run_beads(zh, en)[2] if f.evidence.get("negation_flip")] == []


def test_next_sentences_reporting_verb_is_not_a_closed_quotes():
    # A quoted phrase closing its sentence ('…homes.”') is not reported by the verb of the sentence
    # after it, so it stays a phrase, and a phrase turned into its opposite is flagged.
    zh = ["该组织在网上发布视频，号召年轻人“守护自己的家园”。", "发言人王建国说，视频已被观看一百万次。"]
    en = ["The group posted a video online urging young people to “protect their own homes.”",
          "Spokesman Wang Jianguo said the video had been viewed a million times."]
    quotes = find_quotes(edition("\n".join(en), "en", "e"))
    assert [(q.text, q.verb) for q in quotes] == [("protect their own homes.", None)]
    assert run_beads(zh, en)[2] == []
    (f,) = run_beads(zh, [en[0].replace("their own homes.", "nothing at all"), en[1]])[2]
    assert (f.subtype, f.bead) == ("altered", 0)



def test_benchmark_speaker_guard_reads_no_name_in_a_word():
    # scripts/eval_checks.py: 证明 'prove' reads like a surname Cheng with a given name, but it is a
    # word that names no one; the person the sentence names (何咏诗 here) is still recognised
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
    eval_checks = pytest.importorskip("eval_checks")
    zh = "“数据只能说明趋势，并不能证明原因，”何咏诗说。"
    assert not eval_checks._names_in(zh, "Cheng")
    assert eval_checks._names_in(zh, "Ho Wing-sze")
    assert eval_checks._names_in("郑家朗医生表示", "Cheng Ka-long")


def test_dropped_legal_term_is_not_rendered_by_a_preposition():
    # 监视居住's gloss reads 'residential surveillance (… under …)': the 'under' left in the
    # sentence is a preposition, no rendering of the quoted term
    zh = ["当局以“指定居所监视居住”为由关押了这名记者。"]
    kept = ["The authorities held the reporter under “residential surveillance at a designated location.”"]
    dropped = ["The authorities held the reporter under  for months."]
    assert run_beads(zh, kept)[2] == []
    (f,) = run_beads(zh, dropped)[2]
    assert (f.subtype, f.bead) == ("missing", 0)


def test_dropped_event_name_with_a_number():
    # a number counts as a word of a quoted name: “412大清洗” is long enough to be missed
    zh = ["自“412大清洗”以来，许多人离开了这座城市。"]
    kept = ["Since the “April 12 purge” many people have left the city."]
    dropped = ["Since the  many people have left the city."]
    assert run_beads(zh, kept)[2] == []
    (f,) = run_beads(zh, dropped)[2]
    assert (f.subtype, f.bead) == ("missing", 0)


def test_cut_quote_is_measured_against_the_other_quotes():
    # The translator's usual share of a quote rendered is taken from the other quotes (leave one
    # out): the quote cut short, counted in, pulled it under the close-translation gate
    zh = ["气象局局长王建国说：“我们预计今年的雨季会比往年提前到来，农民不应等到六月才去修水渠。”",
          "“这种天气在过去十年里只出现过两次，大家一定要做好防洪准备，”他说。",
          "“水库的水位已经很高了，下游的村庄必须马上撤离，”他补充说。"]
    full = ["“We expect this year’s rainy season to come earlier than in past years, and farmers should not wait until June "
            "to repair the canals,” said Wang Jianguo, head of the weather bureau.",
            "“We have seen weather like this only twice in ten years; everyone must prepare for floods,” he said.",
            "“The water level of the reservoir is already very high, and villages downstream must evacuate at once,” he added."]
    cut = ["“We expect this year’s rainy season nothing at all,” said Wang Jianguo, head of the weather bureau."] + full[1:]
    assert run_beads(zh, full)[2] == []
    (f,) = run_beads(zh, cut)[2]
    assert (f.subtype, f.bead) == ("altered", 0) and "农民" in f.evidence["left_out"]


def test_dropped_quote_finds_no_room_in_an_unrelated_sentence_of_its_bead():
    # 'Li Hua said.' is all that is left of the quote; the bead's other edition sentence says
    # something else and leaves no room for the quote reported in other words
    orig = edition("李华呼吁：“我们希望大家尽快报名参加今年的比赛。”", "zh")
    kept = "“We hope everyone will sign up for this year’s contest soon,” Li Hua said. The contest is held every spring in the old town."
    dropped = "Li Hua said. The contest is held every spring in the old town."
    for text, expected in ((kept, []), (dropped, ["missing"])):
        ed = edition(text, "en", "edition")
        assert len(ed.sentences) == 2
        ctx = CheckContext(orig, ed, [Bead((0,), (0, 1), 0.9)], glossary=GLOSSARY)
        assert [f.subtype for f in QuoteCheck().run(ctx)] == expected


def test_dropped_quote_is_not_excused_by_omitted_sentences_or_by_itself():
    # Quotes lost with their whole sentence (omitted, the omissions check's business) and the
    # dropped quote itself are no evidence of a translator who quotes differently throughout:
    # 'Zhao Min said.' is a quote gone, reported at full confidence.
    zh = ["王明说：“我们明天一定会去北京开会。”", "李华说：“今年的粮食产量比去年高了很多。”",
          "张伟说：“学校下个月将开放新的图书馆。”", "“那我们就在火车站见面吧，”赵敏说。",
          "“这个计划需要更多的时间和资金，”刘洋说。", "“我们会在下周公布结果，”孙丽说。"]
    en = ["“We will definitely go to Beijing for the meeting tomorrow,” Wang Ming said.",
          "“Then let us meet at the railway station,” Zhao Min said.",
          "“This plan needs more time and money,” Liu Yang said.", "Sun Li said the results would come out next week."]
    orig = edition("\n".join(zh), "zh")
    beads = [Bead((0,), (0,), 0.9), Bead((1,), (), 0.9), Bead((2,), (), 0.9), Bead((3,), (1,), 0.9),
             Bead((4,), (2,), 0.9), Bead((5,), (3,), 0.9)]
    for text, expected in ((en, []), (en[:1] + ["Zhao Min said."] + en[2:], [("missing", 3)])):
        ed = edition("\n".join(text), "en", "edition")
        assert len(orig.sentences) == 6 and len(ed.sentences) == 4
        found = list(QuoteCheck().run(CheckContext(orig, ed, beads, glossary=GLOSSARY)))
        assert [(f.subtype, f.bead) for f in found if f.subtype == "missing"] == expected


def test_a_dropped_quote_is_not_excused_by_a_sentence_far_away():
    """The quote's words (the city government, the port workers, their jobs) are the story's words: a sentence
    seven beads back that uses them is no alignment slip, so the quote dropped here is reported; the same
    rendering one bead away is a slip."""
    zh = ["港口工人今天在市政府门前抗议，要求保住他们的饭碗。", "抗议从早上八点持续到中午。", "警方在现场维持秩序。",
          "码头的货运一度停顿。", "几家航运公司表示损失不大。", "市长没有出面回应。", "工会已经向法院提出申请。",
          "工会主席说：“市政府根本是在拿港口工人的饭碗开玩笑。”"]
    en = ["Port workers protested outside the city government today, demanding to keep their jobs.",
          "The protest lasted from eight in the morning until noon.", "Police kept order at the scene.",
          "Cargo handling at the docks stopped for a while.", "Several shipping companies said their losses were small.",
          "The mayor did not come out to respond.", "The union has filed an application with the court.",
          "The union chairman said so."]
    _, _, findings = run_beads(zh, en)
    assert [(f.subtype, f.bead) for f in findings] == [("missing", 7)]
    slipped = en[:6] + ["“The city government is making a joke of the port workers’ jobs,” the union chairman said.",
                        "The union has filed an application with the court."]
    _, _, findings = run_beads(zh, slipped)
    assert [f.subtype for f in findings if f.subtype == "missing"] == []



@pytest.mark.parametrize("zh,en", [
    (["工作人员以“资金不足”为由拒绝了他。"], ["Staff turned him away, citing “insufficient funds.”"]),
    (["工作人员以“人手不足”为由关闭了窗口。"], ["Staff closed the window, citing “inadequate staffing.”"]),
    (["工作人员以“资金不足”为由拒绝了他。"], ["Staff turned him away, citing “not enough funds.”"]),
])
def test_insufficient_renders_bu_zu_without_a_flip(zh, en):
    # 不足 'not enough' is a negation; its English 'insufficient' / 'inadequate' carries one too
    assert [f for f in run_beads(zh, en)[2] if f.evidence.get("negation_flip")] == []


def test_guarantee_turned_into_a_possibility_is_altered():
    # 一分钱都不会少 ('not a cent will be lost'), a guarantee, told as 'may not get it all back'
    zh = ["“工厂的债务很重，但工人的工资一分钱都不会少，我向大家保证。”厂长说。"]
    en = ["“The factory's debts are heavy, but workers may not get all of their wages, I promise you,” the director said."]
    (f,) = [f for f in run_beads(zh, en)[2] if f.subtype == "altered"]
    assert "possib" in f.explanation
    faithful = ["“The factory's debts are heavy, but workers will not lose a cent of their wages, I promise you,” the director said."]
    assert [f for f in run_beads(zh, faithful)[2] if f.subtype == "altered"] == []
    stressed = ["“The factory's debts are heavy, but nothing could possibly cut the workers' wages, I promise you,” the director said."]
    assert [f for f in run_beads(zh, stressed)[2] if f.evidence.get("guarantee_weakened")] == []
    # the original's own modal: no guarantee to lose
    zh_may = ["“工厂的债务很重，工人的工资可能一分钱都不会少，但我不能保证。”厂长说。"]
    en_may = ["“The factory's debts are heavy; workers may not lose a cent of their wages, but I cannot promise,” the director said."]
    assert [f for f in run_beads(zh_may, en_may)[2] if f.subtype == "altered" and "possib" in f.explanation] == []


def test_praise_is_no_guarantee():
    # 肯定了 'affirmed, praised' is no guarantee: a 'may' elsewhere in the rendering weakens nothing
    zh = ["“上级部门充分肯定了我们的工作，明年的预算会增加。”局长说。"]
    en = ["“Higher authorities have fully recognised our work, and next year's budget may grow,” the director said."]
    assert [f for f in run_beads(zh, en)[2] if f.evidence.get("guarantee_weakened")] == []


def test_a_dropped_quote_none_of_whose_words_remain_is_missing_however_long_the_bead():
    # The edition's bead is long enough to hold the quote reported in other words (an added
    # sentence makes it longer), but not one of the quote's dictionary words is there: the quote is
    # gone, not paraphrased
    zh = "四月八日，银行的手机应用突然显示“系统升级，暂停服务”。储户起初以为只是例行维护，直到一周后柜台也开始拒绝大额取款，理由是额度不足。"
    kept = ("Riverton, a farming county of about 400,000 people, has no other bank of its own. On April 8, the bank's "
            "mobile app suddenly displayed the message “System upgrade, service suspended.” Depositors at first took it "
            "for routine maintenance, until a week later the counters also began refusing large withdrawals, citing a quota.")
    dropped = kept.replace(" the message “System upgrade, service suspended.”", " the message")
    orig = edition(zh, "zh")
    for text, expected in ((kept, []), (dropped, ["missing"])):
        ed = edition(text, "en", "edition")
        ctx = CheckContext(orig, ed, [Bead(tuple(range(len(orig.sentences))), tuple(range(len(ed.sentences))), 0.9)], glossary=GLOSSARY)
        assert [f.subtype for f in QuoteCheck().run(ctx)] == expected
def run_en_original(en: str, zh: str, lang: str = "zh"):
    """An English original with a Chinese edition: the other direction."""
    orig, ed = edition(en, "en"), edition(zh, lang, "edition")
    n = min(len(orig.sentences), len(ed.sentences))
    ctx = CheckContext(orig, ed, [Bead((i,), (i,), 0.9) for i in range(n)], glossary=GLOSSARY)
    return orig, ed, list(QuoteCheck().run(ctx))


def test_english_original_faithful_quotes_are_quiet():
    assert run_en_original(EN, ZH)[2] == []


@pytest.mark.parametrize("lang,zh", [
    ("zh", ZH.replace("我们就能说服高官倒戈", "我们永远无法说服高官倒戈")),
    ("zh-Hant", "林教授表示：「只要口號對了，我們永遠無法說服高官倒戈。」"),
])
def test_english_original_negation_flip_is_altered(lang, zh):
    en = EN if lang == "zh" else EN.split("\n\n")[1]
    orig, ed, findings = run_en_original(en, zh, lang)
    (f,) = findings
    assert (f.kind, f.subtype, f.severity, f.edition) == ("quote", "altered", "high", "edition")
    assert "we can persuade" in orig.text[f.original_spans[0].start : f.original_spans[0].end]
    assert "永" in ed.text[f.edition_spans[0].start : f.edition_spans[0].end]
    assert "the edition adds a negation" in f.explanation


@pytest.mark.parametrize("zh,en,expected", [
    # the same clauses on each side, and the 'not' of one clause gone: a reversal, though both sides negate
    ("我们可以放弃这个项目，但不能放弃员工", "We cannot give up this project, but we cannot give up our staff", True),
    ("我们不能放弃这个项目，也不能放弃员工", "We cannot give up this project, and we cannot give up our staff", False),
    # a 'not' moved from one clause to another: free wording, not a reversal
    ("这不是第一次，也不会是最后一次", "This is not the first time, and it will not be the last", False),
    ("这不是我们的错，而是他们的错", "It is their fault, not ours, and we did not cause it", False),  # clauses differ in number
])
def test_a_clause_that_loses_its_negation_is_a_flip(zh, en, expected):
    from transcompare.checks.quotes import _flipped

    assert _flipped(zh, en) is expected


@pytest.mark.parametrize("en,zh,reversed_", [
    ("She said the rule was “narrower than the market had feared.”", "她表示，新规「比市场预期的更广」。", True),
    ("She said the rule was “narrower than the market had feared.”", "她表示，新规「比市场担心的要窄」。", False),
    ("He said the checks would be “much stricter than before.”", "他说，检查将「比以前宽松得多」。", True),
    ("He said the checks would be “much stricter than before.”", "他说，检查将「比以前严格得多」。", False),
])
def test_english_original_quote_given_the_opposite_adjective(en, zh, reversed_):
    orig, ed, findings = run_en_original(en, zh)
    assert [(f.kind, f.subtype) for f in findings] == ([("quote", "altered")] if reversed_ else [])


SPEAKERS_EN = ("Sarah Klein, an analyst in London, said the gain was fragile.\n\n"
               "Daniel Okafor, an analyst in Hong Kong, was more upbeat. "
               "“The company is the only battery maker big enough for a plant of this size,” Okafor said.")


@pytest.mark.parametrize("speaker,given", [("奥卡福", False), ("克莱因", True)])
def test_english_original_quote_given_to_another_speaker(speaker, given):
    zh = ("伦敦分析师莎拉·克莱因表示，利润率的提升很脆弱。\n\n香港分析师丹尼尔·奥卡福则较为乐观。"
          f"“该公司是唯一一家规模大到足以支撑如此规模工厂的电池制造商，”{speaker}说。")
    orig, ed, findings = run_en_original(SPEAKERS_EN, zh)
    assert [(f.kind, f.subtype) for f in findings] == ([("quote", "speaker")] if given else [])
    if given:
        (f,) = findings
        assert "Okafor" in f.explanation and "克莱因" in f.explanation
        assert f.explanation.index("Okafor") < f.explanation.index("克莱因")  # the original's speaker first
        assert any("only battery maker" in orig.text[s.start:s.end] for s in f.original_spans)
        assert any("克莱因" in ed.text[s.start:s.end] for s in f.edition_spans)


@pytest.mark.parametrize("speaker,given", [("法里德", False), ("王守康", True)])
def test_english_original_speaker_whose_transliteration_the_word_cut_splits(speaker, given):
    """jieba cuts 法里德说 as 法/里德/说: the characters still sound out 'Farid', so the quote is his."""
    en = ("Wang Shoukang, a vice minister, spoke first.\n\n"
          "Farid Hakimi chaired the meeting. “We came here to lower walls, not to build new ones,” Farid said.")
    zh = ("副部长王守康首先发言。\n\n法里德·哈基米主持了会议。"
          f"“我们来这里是为了降低壁垒，而不是筑起新的壁垒，”{speaker}说。")
    findings = run_en_original(en, zh)[2]
    assert [(f.kind, f.subtype) for f in findings] == ([("quote", "speaker")] if given else [])


@pytest.mark.parametrize("en,zh,hedged", [
    ("“The plant will make money from its first full year,” he added.", "他还表示：“工厂有望在投产几年后实现盈利。”", "有望"),
    ("“The plant will make money from its first full year,” he added.", "他还表示：“工厂可能在投产第一年就实现盈利。”", "可能"),
    ("“The plant will make money from its first full year,” he added.", "他还表示：“工厂将在投产第一个完整年度实现盈利。”", None),
    ("“The plant could make money from its first full year,” he added.", "他还表示：“工厂可能在投产第一年就实现盈利。”", None),
    ("“If prices hold, the plant will make money,” he added.", "他还表示：“如果价格稳定，工厂有望盈利。”", None),
])
def test_english_original_certainty_told_as_a_possibility(en, zh, hedged):
    """“will” with no doubt of its own told with 有望 or 可能 (a certainty softened); the English
    original's own could / if leaves the claim open, and 将 keeps it."""
    orig, ed, findings = run_en_original(en, zh)
    assert [f.evidence.get("hedged") for f in findings] == ([hedged] if hedged else [])
    if hedged:
        (f,) = findings
        assert (f.kind, f.subtype) == ("quote", "altered") and "“will”" in f.explanation
        assert "will make money" in orig.text[f.original_spans[0].start:f.original_spans[0].end]


def test_opposite_adjective_in_a_chinese_original():
    orig, ed, findings = run("她表示，新规“比市场担心的要窄”。", "She said the rule was “wider than the market had feared.”")
    assert [(f.kind, f.subtype) for f in findings] == [("quote", "altered")]


def test_opposite_adjective_is_shown_as_written():
    orig, ed, findings = run_en_original("She said the rule was “narrower than the market had feared.”", "她表示，新規「比市場預期的更廣」。", "zh-Hant")
    (f,) = findings
    assert "更廣" in f.explanation and "narrower" in f.explanation


def test_speaker_named_in_full_before_and_cut_by_the_word_cut_after():
    """「…」葉美玲說: jieba reads 美玲 (a dictionary given name) as the speaker; the edition's 'Yip' (Cantonese for
    葉) is her, named in full (葉美玲) the sentence before."""
    zh = ["投反對票的議員葉美玲批評，條例沒有管制租金。", "「這條例草案無法保障基層租戶。」葉美玲說。"]
    en = ["Yip Mei-ling, who voted against the bill, criticised it for not controlling rents.",
          "“The bill cannot protect grassroots tenants,” Yip said."]
    assert [f for f in run_beads(zh, en)[2] if f.subtype == "speaker"] == []


@pytest.mark.parametrize("zh,en,weakened", [
    # 根本无法 'simply cannot' is flat certainty: told as 'may not fully' it is softened
    ("“这项计划根本无法保障基层租户。”议员说。", "“The plan may not fully protect grassroots tenants,” the lawmaker said.", True),
    ("“这项计划根本无法保障基层租户。”议员说。", "“The plan simply cannot protect grassroots tenants,” the lawmaker said.", False),
    # 根本 as 'fundamental' (根本原因, 从根本上) asserts nothing absolute
    ("“这是问题的根本原因，租金可能继续上升。”议员说。", "“This is the root cause, and rents may keep rising,” the lawmaker said.", False),
    ("“政府要从根本上解决问题。”议员说。", "“The government may have to solve the problem at its root,” the lawmaker said.", False),
])
def test_flat_denial_turned_into_a_possibility_is_altered(zh, en, weakened):
    found = [f for f in run_beads([zh], [en])[2] if f.evidence.get("guarantee_weakened")]
    assert bool(found) == weakened


def test_a_quote_softened_by_degree_words_is_altered():
    """造成了严重影响 ('a serious impact') told as 'some impact' inside the quote: the quote is softened;
    the wording check leaves quoted words to this one."""
    zh = ["省水利厅副厅长邓海川表示：“这次旱情对全省晚稻生产造成了严重影响，晚稻预计减产五成以上。”"]
    en = ["\"The drought has had some impact on late rice production, with yields expected to fall more than 50 percent,\" "
          "said Deng Haichuan, a deputy director of the provincial water department."]
    (f,) = [f for f in run_beads(zh, en)[2] if f.subtype == "altered"]
    assert f.evidence["softened"] == ["严重", "some impact"]
    kept = [en[0].replace("some impact", "a serious impact")]
    assert [f for f in run_beads(zh, kept)[2] if f.subtype == "altered"] == []


def test_free_of_charge_is_no_negation():
    # 可以免费 'can … free of charge' holds 以免 'so as not to' across its words: no 'not' to lose
    assert not negated("附近的居民也可以免费使用", "zh")
    assert negated("大家早点出发，以免迟到", "zh")


SCHOOL_ZH = ["校长周文华说：“我们计划明年在学校旁边新建一座三层的图书馆，还要买五千本新书，学生以后可以在周末借书。”",
             "“这个项目的资金主要来自家长和校友的捐款，”她说。",
             "“图书馆建成以后，附近的居民也可以进来看书，”她补充说。"]
SCHOOL_EN = ["“We plan to build a new three-storey library next to the school next year and buy five thousand new books, "
             "and students will be able to borrow books at weekends,” said Zhou Wenhua, the principal.",
             "“The funds for this project come mainly from donations by parents and alumni,” she said.",
             "“After the library is completed, residents nearby can also come in to read books,” she added."]


def test_quote_cut_at_its_head_in_a_close_translation():
    # Only the quote's second half is kept: its beginning is gone, as a tail can be
    assert run_beads(SCHOOL_ZH, SCHOOL_EN)[2] == []
    head_cut = ["“Students will be able to borrow books at weekends,” said Zhou Wenhua, the principal."] + SCHOOL_EN[1:]
    (f,) = run_beads(SCHOOL_ZH, head_cut)[2]
    assert (f.subtype, f.evidence["cut"]) == ("altered", "head") and "图书馆" in f.evidence["left_out"]
    assert "beginning" in f.explanation and "借书" not in f.evidence["left_out"]
    # the opening said in the sentence around the quote, out of its marks: moved, not cut
    moved = ["Zhou Wenhua, the principal, said the school plans to build a new three-storey library next to it next year "
             "and buy five thousand new books: “Students will be able to borrow books at weekends.”"] + SCHOOL_EN[1:]
    assert run_beads(SCHOOL_ZH, moved)[2] == []


@pytest.mark.parametrize("flags,expected", [
    ("++--", ("tail", 2, 4)), ("--++", ("head", 0, 2)), ("+-+-", None), ("----", None),
    ("--+-", None),  # one word rendered after an unrendered opening: a stray match, no kept half
    ("++++++----", ("tail", 6, 10)), ("+++++++---", None),  # three of ten words: free translation, not a cut
])
def test_cut_end_is_a_run_of_unrendered_words_at_one_end(flags, expected):
    from transcompare.checks._quote_words import Word, cut_end

    assert cut_end([Word(i, i + 1, c == "+") for i, c in enumerate(flags)]) == expected


def run_en_beads(en_lines: list[str], zh_lines: list[str]):
    """An English original and a Chinese edition, one sentence per line, bead i = line i on both sides."""
    orig, ed = edition("\n".join(en_lines), "en"), edition("\n".join(zh_lines), "zh", "edition")
    assert len(orig.sentences) == len(en_lines) and len(ed.sentences) == len(zh_lines)
    ctx = CheckContext(orig, ed, [Bead((i,), (i,), 0.9) for i in range(len(en_lines))], glossary=GLOSSARY)
    return orig, ed, list(QuoteCheck().run(ctx))


PORT_EN = ["Harbour master Chen Yuming said: “The new crane will double the number of containers we can handle each day.”",
           "“Ships will no longer wait three days outside the port, and farmers will get their fruit to market sooner,” Chen said.",
           "Dock worker Liu Fang said: “We were trained for two weeks before the crane arrived, and now the work is safer and the pay is better.”",
           "The crane was built in Shanghai and cost 40 million yuan."]
PORT_ZH = ["港务局局长陈玉明说：“新起重机将使我们每天能处理的集装箱数量增加一倍。”",
           "“船只将不再需要在港外等待三天，农民也能更快把水果运到市场，”陈玉明说。",
           "码头工人刘芳说：“起重机到港之前，我们接受了两个星期的培训，现在工作更安全，工资也更高了。”",
           "这台起重机在上海制造，造价4000万元。"]


def test_english_original_quote_dropped_by_the_edition_is_missing():
    assert run_en_beads(PORT_EN, PORT_ZH)[2] == []
    dropped = PORT_ZH[:1] + ["陈玉明随后离开了会场。"] + PORT_ZH[2:]  # 'Chen then left the hall': none of the quote's words
    orig, ed, findings = run_en_beads(PORT_EN, dropped)
    (f,) = findings
    assert (f.subtype, f.bead, f.edition, f.confidence) == ("missing", 1, "edition", 0.75)
    assert orig.text[f.original_spans[-1].start:f.original_spans[-1].end].startswith("Ships will no longer wait")
    assert ed.text[f.edition_spans[0].start:f.edition_spans[0].end] == "陈玉明随后离开了会场。"


def test_english_original_quote_in_faithful_reported_speech_is_quiet():
    reported = PORT_ZH[:1] + ["陈玉明说，船只将不再需要在港外等待三天，农民也能更快把水果运到市场。"] + PORT_ZH[2:]
    assert run_en_beads(PORT_EN, reported)[2] == []


def test_english_original_quote_cut_short():
    cut = PORT_ZH[:2] + ["码头工人刘芳说：“起重机到港之前，我们接受了两个星期的培训。”"] + PORT_ZH[3:]
    orig, ed, findings = run_en_beads(PORT_EN, cut)
    (f,) = findings
    assert (f.subtype, f.bead, f.evidence["cut"]) == ("altered", 2, "tail")
    assert orig.text[f.original_spans[0].start:f.original_spans[0].end].endswith("the pay is better")
    # the dropped words said in the sentence, out of the quote marks: not cut
    moved = PORT_ZH[:2] + ["码头工人刘芳表示现在工作更安全，工资也更高了，并说：“起重机到港之前，我们接受了两个星期的培训。”"] + PORT_ZH[3:]
    assert run_en_beads(PORT_EN, moved)[2] == []


def test_english_original_dropped_quote_is_not_excused_by_the_storys_words_nearby():
    # A sentence two beads on shares most of the quote's words (farmers, fruit, the port), but its own
    # English says them: no slipped rendering of the quote, which is still missing
    farm_en, farm_zh = "Farmers often wait days to bring their fruit to the port market by ship.", "农民常常要等好几天才能用船把水果运到港口市场。"
    dropped = PORT_ZH[:1] + ["陈玉明随后离开了会场。"] + PORT_ZH[2:]
    (f,) = run_en_beads(PORT_EN + [farm_en], dropped + [farm_zh])[2]
    assert (f.subtype, f.bead) == ("missing", 1)


@pytest.mark.parametrize("text,expected", [
    # 别 inside a word is no 'don't': 特别 'special', 别人 'others', 区别 'difference'
    ("特别预算", False), ("我们不能把眼睛交给别人", True), ("两者没有区别", True), ("别去", True),
    # a dictionary word of three or more characters whose glosses say no 'not' is a word of its own:
    # 不对称 'asymmetric', 无人机 'drone', 不平等 'inequality'; 不可能 'impossible' still negates
    ("转向不对称作战", False), ("采购无人机", False), ("这很不平等", False), ("这不可能", True), ("我们不支持", True),
])
def test_negation_characters_inside_words(text, expected):
    assert negated(text, "zh") is expected


def test_a_name_with_a_negation_character_inside_a_word_is_no_flip():
    zh = ["学者分析，台湾正转向“不对称作战”。"]
    en = ["The scholar said Taiwan was shifting to “asymmetric warfare.”"]
    assert [f for f in run_beads(zh, en)[2] if f.evidence.get("negation_flip")] == []


ADDED_EN = ("The port authority said on Monday that cargo volumes rose in the third quarter.\n\n"
            "Its director, Maria Soto, said the new cranes had cut waiting times for ships.")


@pytest.mark.parametrize("zh,expected", [
    # an invented quote: the original has no such words
    ("港务局周一表示，第三季度货运量有所上升。\n\n局长玛丽亚·索托说：“我们明年一定会把港口费用降低一半，请大家放心。”", ("added", "medium", 0.75)),
    # the original's reported speech made a direct quote: a lower confidence
    ("港务局周一表示，第三季度货运量有所上升。\n\n局长玛丽亚·索托说：“新的起重机缩短了船只的等待时间。”", ("added", "low", 0.65)),
    # the same words, reported as in the original
    ("港务局周一表示，第三季度货运量有所上升。\n\n局长玛丽亚·索托说，新的起重机缩短了船只的等待时间。", None),
    # a quoted term is no speech; a book title in 《》 is no quote
    ("港务局周一表示，第三季度货运量在“一带一路”框架下有所上升。\n\n局长玛丽亚·索托在《港口年鉴》中说，新的起重机缩短了船只的等待时间。", None),
])
def test_english_original_quote_added_by_the_edition(zh, expected):
    orig, ed, findings = run_en_original(ADDED_EN, zh)
    assert [(f.subtype, f.severity, f.confidence) for f in findings] == ([expected] if expected else [])
    if expected:
        (f,) = findings
        assert f.edition == "edition" and "索托说" not in ed.text[f.edition_spans[0].start:f.edition_spans[0].end]
        assert ed.text[f.edition_spans[0].start:f.edition_spans[0].end].startswith(("我们", "新的"))
        assert "Maria Soto" in orig.text[f.original_spans[0].start:f.original_spans[0].end]


def test_english_original_quote_the_edition_keeps_is_quiet():
    en = ADDED_EN.replace("said the new cranes had cut waiting times for ships.",
                          "said: “The new cranes have cut waiting times for ships.”")
    zh = "港务局周一表示，第三季度货运量有所上升。\n\n局长玛丽亚·索托说：“新的起重机缩短了船只的等待时间。”"
    assert run_en_original(en, zh)[2] == []


def test_english_original_quote_added_is_shown_as_the_edition_writes_it():
    zh = "港務局週一表示，第三季度貨運量有所上升。\n\n局長瑪麗亞·索托說：「我們明年一定會把港口費用降低一半，請大家放心。」"
    (f,) = run_en_original(ADDED_EN, zh, "zh-Hant")[2]
    assert f.subtype == "added" and "我們明年" in f.explanation and f.evidence["edition"].startswith("我們明年")
