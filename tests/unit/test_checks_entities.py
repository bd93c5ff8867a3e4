"""entities.v1 on small hand-written editions: names dropped, added, against the glossary,
misspelt or rendered two ways; and the equivalents (Wade-Giles, Cantonese, 川普 = Trump) left alone."""

from __future__ import annotations

import pytest

from transcompare.checks.base import CheckContext
from transcompare.checks.entities import EntityCheck, en_mentions, zh_mentions
from transcompare.glossary.store import Entry, Glossary
from transcompare.ingest.reader import RawDocument
from transcompare.model import Bead
from transcompare.segment import segment


def edition(text: str, lang: str, eid: str = "original"):
    return segment(RawDocument(f"{eid}.txt", text, "txt", "utf-8"), edition_id=eid, lang=lang)


def diagonal(a, b):
    return [Bead((i,), (i,), 0.9) for i in range(min(len(a.sentences), len(b.sentences)))]


ZH = (
    "台湾政治大学教授林志恒日前表示，中共领导层并非铁板一块。\n\n"
    "郑州大学经济学教授孙立民说，地方债务问题严重。\n\n"
    "香港中文大学经济学者陈家豪表示，出口下降。\n\n"
    "他说，川普政府将继续施压。"
)
EN_FAITHFUL = (
    "Professor Lin Chih-heng of National Chengchi University in Taiwan said the CCP leadership is not monolithic.\n\n"
    "Sun Limin, an economics professor at Zhengzhou University, said local debt is a serious problem.\n\n"
    "Chan Ka-ho, an economist at the Chinese University of Hong Kong, said exports fell.\n\n"
    "He said the Trump administration would keep up the pressure."
)
GLOSSARY = Glossary([Entry("林志恒", "Lin Chih-heng", forbidden=("Lin Zhiheng",), type="person"), Entry("郑州大学", "Zhengzhou University", type="organisation")])


def run(zh: str, en: str, glossary=GLOSSARY, lang: str = "en"):
    orig, ed = edition(zh, "zh"), edition(en, lang, "edition")
    ctx = CheckContext(orig, ed, diagonal(orig, ed), glossary=glossary)
    return orig, ed, list(EntityCheck().run(ctx))


def test_faithful_edition_is_quiet():
    _, _, findings = run(ZH, EN_FAITHFUL)
    assert findings == []


def test_glossary_rendering_is_flagged_with_spans_in_both_texts():
    orig, ed, findings = run(ZH, EN_FAITHFUL.replace("Lin Chih-heng", "Lin Zhiheng"))
    (f,) = [f for f in findings if f.subtype == "glossary"]
    assert orig.text[f.original_spans[0].start : f.original_spans[0].end] == "林志恒"
    assert ed.text[f.edition_spans[0].start : f.edition_spans[0].end] == "Lin Zhiheng"
    assert "prefers 'Lin Chih-heng'" in f.explanation and f.kind == "entity"


def test_swapped_name_is_a_rendering_finding():
    orig, ed, findings = run(ZH, EN_FAITHFUL.replace("Sun Limin", "Wang Jianguo"))
    (f,) = findings
    assert (f.subtype, f.evidence["entity"], f.evidence["rendering"]) == ("rendering", "孙立民", "Wang Jianguo")
    assert orig.text[f.original_spans[0].start : f.original_spans[0].end] == "孙立民"
    assert ed.text[f.edition_spans[0].start : f.edition_spans[0].end] == "Wang Jianguo"


def test_dropped_name():
    en = EN_FAITHFUL.replace("Sun Limin, an economics professor at Zhengzhou University, said", "An economics professor at Zhengzhou University said")
    (f,) = run(ZH, en)[2]
    assert (f.subtype, f.evidence["entity"]) == ("dropped", "孙立民")


def test_added_name():
    en = EN_FAITHFUL.replace("said exports fell.", "said exports fell, as did Zhao Hongwei of Peking University.")
    _, ed, findings = run(ZH, en)
    assert [(f.subtype, f.evidence["entity"]) for f in findings] == [("added", "Zhao Hongwei")]


def test_misspelt_name_is_a_rendering_finding():
    _, ed, findings = run(ZH, EN_FAITHFUL.replace("Sun Limin", "Sun Liming"))
    (f,) = [f for f in findings if f.subtype == "rendering"]
    assert ed.text[f.edition_spans[0].start : f.edition_spans[0].end] == "Sun Liming"


def test_two_renderings_of_one_name_are_inconsistent():
    zh = ZH + "\n\n陈家豪认为，出口还会下降。"
    en = EN_FAITHFUL + "\n\nChen Jiahao expects exports to fall further."
    _, _, findings = run(zh, en)
    assert [f.subtype for f in findings] == ["inconsistent"]


def test_an_inconsistent_rendering_points_at_the_mention_it_renders():
    """The edition leaves the name out of one sentence (the quote's speaker is changed), so that mention
    finds the pinyin rendering only in the next bead; the finding points at the mention the pinyin renders."""
    zh = ("港务局长陈家豪指出，港口吞吐量下降。货轮平均要在港外等候两天。\n\n“码头不够，人也不够。”陈家豪说。"
          "陈家豪表示，港务局计划明年新建两座码头。")
    en = ("Port authority chief Chan Ka-ho said port throughput fell. Freighters wait two days outside the port on average."
          "\n\n\"We lack berths and people,\" the minister said. "
          "Chen Jiahao said the authority plans to build two new berths next year.")
    orig, ed, findings = run(zh, en, glossary=None)
    (f,) = [f for f in findings if f.subtype == "inconsistent"]
    said = [orig.text[s.start:s.end + 2] for s in f.original_spans]
    assert said == ["陈家豪表示"]
    assert [ed.text[s.start:s.end] for s in f.edition_spans] == ["Chen Jiahao"]
    assert f.evidence["usual"] == "Chan Ka-ho"  # the first mention's form, named but not marked


def test_the_first_mention_sets_the_form_and_the_later_one_is_the_slip():
    """Cantonese at first mention, pinyin after: the pinyin is reported where it stands, not the
    first (right) rendering; the other way round, the Cantonese one is."""
    zh = "港务局长陈家豪指出，港口吞吐量下降。\n\n陈家豪表示，港务局计划明年新建两座码头。"
    for first, later in (("Chan Ka-ho", "Chen Jiahao"), ("Chen Jiahao", "Chan Ka-ho")):
        en = f"Port authority chief {first} said port throughput fell.\n\n{later} said the authority plans two new berths."
        _, ed, findings = run(zh, en, glossary=None)
        (f,) = [f for f in findings if f.subtype == "inconsistent"]
        assert [ed.text[s.start:s.end] for s in f.edition_spans] == [later]


def test_two_chinese_editions_compare_after_folding():
    trad = "台灣政治大學教授林志恒日前表示，中共領導層並非鐵板一塊。\n\n鄭州大學經濟學教授孫立民說，地方債務問題嚴重。\n\n香港中文大學經濟學者陳家豪表示，出口下降。\n\n他說，特朗普政府將繼續施壓。"
    _, _, quiet = run(ZH, trad, lang="zh")
    assert quiet == []
    _, _, findings = run(ZH, trad.replace("孫立民", "王建國"), lang="zh")
    assert {f.subtype for f in findings} == {"dropped", "added"}


def test_mentions_with_offsets_into_the_original():
    orig = edition(ZH, "zh")
    people = {m.text for m in zh_mentions(orig, GLOSSARY) if m.type == "person"}
    assert {"林志恒", "孙立民", "陈家豪", "川普"} <= people
    for m in zh_mentions(orig, GLOSSARY):
        assert orig.text[m.start : m.end] == m.text
    ed = edition(EN_FAITHFUL, "en", "edition")
    names = {m.text for m in en_mentions(ed) if m.type == "person"}
    assert {"Lin Chih-heng", "Chan Ka-ho"} <= names


def test_check_is_registered():
    from transcompare.checks.base import resolve_checks

    assert [c.name for c in resolve_checks(["entities"])] == ["entities.v1"]


# A novel's names come without titles, and jieba cuts them wrongly (林/海洋, 李志/全身).
NOVEL_ZH = "林海洋拉住我，要我别走。\n\n我一直等着林海洋来找我。\n\n后来大家又说到李志全身上。\n\n李志全没有回答。"
NOVEL_EN = (
    "Lin Haiyang held on to me and told me not to go.\n\n"
    "I kept waiting for Lin Haiyang to look me up.\n\n"
    "Later everyone got talking about Li Zhiquan again.\n\n"
    "Li Zhiquan did not answer."
)


def test_names_the_edition_romanised_are_found_in_the_original():
    _, _, findings = run(NOVEL_ZH, NOVEL_EN, glossary=None)
    assert findings == []


def test_another_name_in_a_mis_segmented_names_place():
    _, ed, findings = run(NOVEL_ZH, NOVEL_EN.replace("talking about Li Zhiquan again", "talking about Sun Lili again"), glossary=None)
    (f,) = findings
    assert (f.subtype, f.evidence["entity"], f.evidence["rendering"]) == ("rendering", "李志全", "Sun Lili")


def test_a_shared_surname_does_not_excuse_another_name():
    zh = "村里没人见过王小二，也没人知道他去了哪里。\n\n王小二不在家。"
    en = "Nobody in the village had ever seen Wang Jianguo, and nobody knew where he had gone.\n\nWang Xiaoer was not at home."
    (f,) = run(zh, en, glossary=None)[2]
    assert (f.subtype, f.evidence["entity"], f.evidence["rendering"]) == ("rendering", "王小二", "Wang Jianguo")


def test_a_name_in_a_title_case_headline():
    zh = "中南海高层难言一心 习近平身边多有离心者"
    en = "Zhongnanhai Leadership Far From United: Many Around Liu Meiling Harbor Divided Loyalties"
    findings = run(zh, en, glossary=None)[2]
    assert [(f.subtype, f.evidence["entity"]) for f in findings] == [("rendering", "习近平")]
    assert run(zh, en.replace("Liu Meiling", "Xi Jinping"), glossary=None)[2] == []


def test_hyphenated_given_name_in_a_title_case_headline_is_whole():
    zh = "台中市长卢秀燕出席记者会\n\n【华观新闻网2026年4月16日讯】台中市长卢秀燕4月15日表示，市府将彻查火灾原因。"
    en = ("Taichung Mayor Lu Shiow-yen Holds Press Conference\n\n[Huaguan News, April 16, 2026] Taichung Mayor Lu Shiow-yen "
          "said on April 15 that the city government would thoroughly investigate the cause of the fire.")
    names = [m.text for m in en_mentions(edition(en, "en", "e")) if m.text.startswith("Lu")]
    assert names == ["Lu Shiow-yen", "Lu Shiow-yen"]
    assert [f for f in run(zh, en, glossary=None)[2] if f.subtype == "inconsistent"] == []


def test_a_verb_after_a_name_in_a_title_case_headline_is_no_part_of_it():
    """spaCy tags 'Mingyuan Sentenced' a person in a title-case headline; the verb is cut off."""
    zh = "湖南律师周明远被判刑\n\n【华观新闻网2026年5月14日讯】法院判处律师周明远有期徒刑。"
    en = ("Hunan Rights Lawyer Zhou Mingyuan Sentenced to Four and a Half Years\n\n[Huaguan News, May 14, 2026] "
          "The court sentenced lawyer Zhou Mingyuan to prison.")
    assert not any("Sentenced" in m.text for m in en_mentions(edition(en, "en", "e")))
    assert [f for f in run(zh, en, glossary=None)[2] if f.subtype == "rendering"] == []


@pytest.mark.parametrize("edition_text,lang,found", [
    ("Hunan Governor Chen Jianguo said the campaign would go on.", "en", "Governor"),
    ("Hunan Vice Governor Chen Jianguo said the campaign would go on.", "en", None),
    ("Chen Jianguo, a deputy governor of Hunan, said the campaign would go on.", "en", None),
    ("Chen Jianguo said the campaign would go on.", "en", None),
    ("湖南省省長陳建國表示，運動將繼續。", "zh-Hant", "省長"),
    ("湖南省副省長陳建國表示，運動將繼續。", "zh-Hant", None),
])
def test_a_deputy_promoted_in_the_title(edition_text, lang, found):
    findings = run("湖南省副省长陈建国表示，运动将继续。", edition_text, glossary=None, lang=lang)[2]
    titles = [f for f in findings if f.subtype == "title"]
    assert [f.evidence["edition"] for f in titles] == ([found] if found else [])


def test_forms_of_address_and_idioms_are_not_flagged():
    zh = "张大娘见小梅一身绸缎，插金戴银，便当是丽姐了。\n\n湖面上一片莫测的寂静。\n\n他抬头望着卫星。"
    en = ("Aunt Zhang saw a girl in silks and gold and took her for Wang Mei-li.\n\n"
          "An unfathomable stillness lay on the lake.\n\nHe looked up at the satellite.")
    assert [f for f in run(zh, en, glossary=None)[2] if f.subtype != "dropped" or f.evidence["entity"] != "小梅"] == []


def test_doubled_nicknames_and_wade_giles_after_an_adverb():
    zh = "他给两个女孩起了小名，一个叫“丽丽”，一个叫“圆圆”。\n\n丽丽笑了。\n\n周启明说，他什么也没看见。\n\n周启明走了。"
    en = ('He nicknamed the two girls "Li Li" and "Yuan Yuan."\n\nLi Li laughed.\n\n'
          "Later Chou Ch'i-ming said he had seen nothing.\n\nChou Ch'i-ming left.")
    assert run(zh, en, glossary=None)[2] == []
    (f,) = run(zh, en.replace("Li Li laughed", "Sun Tao laughed"), glossary=None)[2]
    assert (f.subtype, f.evidence["entity"], f.evidence["rendering"]) == ("rendering", "丽丽", "Sun Tao")


def test_hyphenated_cantonese_given_name_is_whole():
    """spaCy ends 'Chan Nok-hin' at 'Chan Nok'; the hyphenated syllable belongs to the name ('Trump-era' does not)."""
    en = "Former lawmaker Chan Nok-hin said the plan was rushed. He criticised Trump-era tariffs."
    names = [m.text for m in en_mentions(edition(en, "en", "e")) if m.type == "person"]
    assert "Chan Nok-hin" in names and not any(n.endswith("-era") for n in names)
    _, _, findings = run("前立法會議員陳諾軒表示，計劃過於倉促。", "Former lawmaker Chan Nok-hin said the plan was rushed.", glossary=None)
    assert findings == []


ORGS = Glossary([
    Entry("北大西洋公约组织", "NATO", variants=("北约",), accepted=("North Atlantic Treaty Organization",), type="organisation"),
    Entry("世界卫生组织", "World Health Organization", variants=("世卫组织",), accepted=("WHO",), type="organisation"),
])


def test_an_organisation_described_rather_than_named_is_not_dropped():
    """北约国家 as "North Atlantic allies": the glossary's long form names it by North and Atlantic
    beyond the generic words; the bead has them, so the organisation is rendered, by description."""
    zh = "北约国家的军费开支继续增加。"
    assert run(zh, "Military spending by the North Atlantic allies kept rising.", glossary=ORGS)[2] == []
    (f,) = run(zh, "Military spending by Western allies kept rising.", glossary=ORGS)[2]
    assert (f.subtype, f.evidence["entity"]) == ("dropped", "北约")


def test_one_generic_word_left_is_no_description():
    """世卫组织 names itself by "World Health" (two words) and "health" alone is not enough."""
    (f,) = run("世卫组织官员说，疫情仍在蔓延。", "Health officials said the outbreak was still spreading.", glossary=ORGS)[2]
    assert (f.subtype, f.evidence["entity"]) == ("dropped", "世卫组织")


def test_one_rendering_against_the_glossary_is_one_finding():
    """林志恒 twice in the original, and the edition names him once, against the glossary: the
    second mention finds the same 'Lin Zhiheng' in the neighbouring bead, and that is one finding."""
    zh = "教授林志恒日前表示，中共领导层并非铁板一块。\n\n“这是一场权力斗争，”林志恒说。"
    en = "Professor Lin Zhiheng said the CCP leadership is not monolithic.\n\n“This is a power struggle,” he said."
    findings = [f for f in run(zh, en)[2] if f.subtype == "glossary"]
    assert len(findings) == 1



def _with_byline(zh: str, en: str):
    """The edition opens with a byline the original's page lacks; the aligner folds it into the first bead."""
    orig, ed = edition(zh, "zh"), edition(en, "en", "edition")
    assert ed.sentences[0].kind == "byline"
    beads = [Bead((0,), (0, 1), 0.9)] + [Bead((i,), (i + 1,), 0.9) for i in range(1, len(ed.sentences) - 1)]
    beads += [Bead((i,), (), 0.5) for i in range(len(ed.sentences) - 1, len(orig.sentences))]
    return orig, ed, list(EntityCheck().run(CheckContext(orig, ed, beads, glossary=GLOSSARY)))


def test_a_byline_credit_is_no_person_of_the_story():
    """The English edition credits its reporter ('By Mary Cheung'), the original's page
    does not (or credits its editor, 责任编辑): credits are not people of the story, so not 'added'."""
    orig, _, findings = _with_byline(ZH + "\n\n责任编辑：马建新", "By Mary Cheung, Huaguan News\n\n" + EN_FAITHFUL)
    assert orig.sentences[-1].kind == "byline"
    assert findings == []


def test_a_name_in_the_story_is_still_added_next_to_a_byline():
    en = "By Peter Wong, Huaguan News\n\n" + EN_FAITHFUL.replace("said exports fell.", "said exports fell, as did Zhao Hongwei of Peking University.")
    _, ed, findings = _with_byline(ZH, en)
    assert [(f.subtype, ed.text[f.edition_spans[0].start:f.edition_spans[0].end]) for f in findings] == [("added", "Zhao Hongwei")]


def test_long_transliteration_is_one_mention_and_its_last_part_the_same_person():
    # jieba cuts 奥尔德/里奇 and 哈/斯韦尔: the dotted name runs over the name-tagged pieces, and the
    # last part standing alone later is the same foreign person, not a Chinese name ('Ha Siweier')
    zh = "大使马丁·奥尔德里奇18日被召见。外交部长埃莉诺·哈斯韦尔表示遗憾。哈斯韦尔17日在议会发言。"
    keys = [m.key for m in zh_mentions(edition(zh, "zh")) if m.type == "person"]
    assert "马丁·奥尔德里奇" in keys and keys.count("埃莉诺·哈斯韦尔") == 2


ZH_FOREIGN = (
    "驻华大使沃尔特·布里奇斯周一被召见。\n\n"
    "外长黛安娜·克罗夫特表示遗憾。\n\n"
    "此前，克罗夫特曾与中方通电话。"
)


def test_transliterated_foreign_names_match_their_latin_spelling_by_sound():
    en = (
        "Ambassador Walter Bridges was summoned on Monday.\n\n"
        "Foreign Minister Diana Croft expressed regret.\n\n"
        "Earlier, Croft had spoken with China by phone."
    )
    _, _, findings = run(ZH_FOREIGN, en, glossary=None)
    assert findings == []


def test_a_second_spelling_of_a_transliterated_surname_is_inconsistent():
    en = (
        "Ambassador Walter Bridges was summoned on Monday.\n\n"
        "Foreign Minister Diana Croft expressed regret.\n\n"
        "Earlier, Kroft had spoken with China by phone."
    )
    _, ed, findings = run(ZH_FOREIGN, en, glossary=None)
    (f,) = [f for f in findings if f.subtype == "inconsistent"]
    assert {ed.text[s.start:s.end] for s in f.edition_spans} >= {"Kroft"}


MINISTRY = Glossary([Entry("外交部", "Ministry of Foreign Affairs", accepted=("Foreign Ministry",), type="organisation")])
ZH_MINISTRY = "外交部发言人周一表示，双方将加强合作。\n\n外交学院教授王明说，合作对两国有益。"


def test_a_rendering_inside_a_longer_institution_name_is_no_rendering_of_the_term():
    en = ("A ministry spokesman said on Monday that the two sides would step up cooperation.\n\n"
          "Wang Ming, a professor at China Foreign Affairs University, said cooperation helps both countries.")
    _, _, findings = run(ZH_MINISTRY, en, glossary=MINISTRY)
    assert findings == []


def test_a_wrong_rendering_of_the_term_is_still_a_glossary_finding():
    en = ("A Foreign Affairs spokesman said on Monday that the two sides would step up cooperation.\n\n"
          "Wang Ming, a professor at China Foreign Affairs University, said cooperation helps both countries.")
    _, ed, findings = run(ZH_MINISTRY, en, glossary=MINISTRY)
    (f,) = [f for f in findings if f.subtype == "glossary"]
    assert ed.text[f.edition_spans[0].start:f.edition_spans[0].end] == "Foreign Affairs"


@pytest.mark.parametrize("zh,type_,en", [
    ("石桥镇", "person", "Shiqiao"),  # jieba may read 石桥镇 as a person's name
    ("石桥镇", "place", "Shiqiao Town"),
    ("清水乡", "place", "Qingshui"),
    ("白沙村", "place", "the village of Baisha"),
])
def test_place_rendered_without_its_administrative_suffix(zh, type_, en):
    # 镇 / 乡 / 村 / 县 are often left out ('Shiqiao') or translated ('Shiqiao Town'), not romanised
    from transcompare.checks.entities import Mention, score_rendering

    score, _ = score_rendering(Mention(zh, zh, 0, len(zh), 0, type_, "jieba", 0.7), en)
    assert score >= 0.8
def run_en_original(en: str, zh: str, lang: str = "zh"):
    """An English original with a Chinese edition: the other direction."""
    orig, ed = edition(en, "en"), edition(zh, lang, "edition")
    return list(EntityCheck().run(CheckContext(orig, ed, diagonal(orig, ed), glossary=GLOSSARY)))


EN_ORIGINAL = (
    "Ong Siew Ling, an analyst in Singapore, said the rule was narrow.\n\n"
    "She expects imports to fall next year.\n\n"
    "Margaret Ellison said the rule was aimed at the military. Ellison will testify on Tuesday."
)


def test_english_original_rendered_consistently_is_quiet():
    zh = ("新加坡分析师王秀玲说，这项规定范围较窄。\n\n王秀玲预计明年进口将下降。\n\n"
          "玛格丽特·埃利森表示，该规定针对军方。埃利森将于周二作证。")
    assert run_en_original(EN_ORIGINAL, zh) == []


def test_english_original_one_name_rendered_two_ways_is_inconsistent():
    zh = ("新加坡分析师王秀玲说，这项规定范围较窄。\n\n翁秀玲预计明年进口将下降。\n\n"
          "玛格丽特·埃利森表示，该规定针对军方。埃利森将于周二作证。")
    (f,) = run_en_original(EN_ORIGINAL, zh)
    assert (f.kind, f.subtype, f.edition) == ("entity", "inconsistent", "edition")
    assert [zh[s.start:s.end] for s in f.edition_spans] == ["翁秀玲"]
    assert EN_ORIGINAL[f.original_spans[0].start:f.original_spans[0].end].startswith("She expects")
    assert "王秀玲" in f.explanation and "翁秀玲" in f.explanation


def test_english_original_a_surname_transliterated_again_without_its_dot_is_inconsistent():
    """A later mention by surname alone carries no middle dot (埃里森 after 玛格丽特·埃利森), so it is no
    transliteration to the name matcher; by sound it is still the same person, written another way."""
    zh = ("新加坡分析师王秀玲说，这项规定范围较窄。\n\n王秀玲预计明年进口将下降。\n\n"
          "玛格丽特·埃利森表示，该规定针对军方。埃里森将于周二作证。")
    (f,) = run_en_original(EN_ORIGINAL, zh)
    assert f.subtype == "inconsistent"
    assert [zh[s.start:s.end] for s in f.edition_spans] == ["埃里森"]
    assert EN_ORIGINAL[f.original_spans[0].start:f.original_spans[0].end] == "Ellison will testify on Tuesday."


def test_the_whole_edition_search_scores_each_text_once(monkeypatch):
    """A long edition names the same people again and again: the search beyond a mention's bead
    scored every mention of the edition for every mention of the original (13 of 18 s on a
    50,000-character article); a repeated text scores the same, so it is scored once."""
    from transcompare.checks import entities

    calls, inside = [], []
    real_score, real_best = entities.score_rendering, EntityCheck._best_match

    def counting(zh, en_text, glossary=None, fuzzy=True):
        if inside:
            calls.append((zh.start, en_text, fuzzy))
        return real_score(zh, en_text, glossary, fuzzy)

    def best_match(self, *args):
        inside.append(1)
        try:
            return real_best(self, *args)
        finally:
            inside.pop()

    monkeypatch.setattr(entities, "score_rendering", counting)
    monkeypatch.setattr(EntityCheck, "_best_match", best_match)
    zh = "\n\n".join(["经济学教授孙立民说，地方债务问题严重。"] + ["今年雨水偏多。"] * 5)
    en = "\n\n".join(["An economist said local debt is serious."] + ["It rained a lot this year."] * 2
                       + ["Sun Limin was born in Henan."] * 3)
    orig, ed = edition(zh, "zh"), edition(en, "en", "edition")
    beads = [Bead((i,), (i,), 0.9) for i in range(6)]  # the name's own bead and its neighbours lack it
    list(EntityCheck().run(CheckContext(orig, ed, beads, glossary=GLOSSARY)))
    whole = [(start, text) for start, text, fuzzy in calls if not fuzzy]
    assert sorted(whole) == [(5, "Henan"), (5, "Sun Limin")]


def test_a_name_found_in_full_wins_over_a_dictionary_name_inside_it():
    """jieba cuts 葉美玲說 as 葉/美玲/說 and 美玲 is a CC-CEDICT given name (Meiling); 議員葉美玲 named her in full
    the sentence before, so the second mention is 葉美玲 too, not a second person 美玲."""
    zh = "投反對票的議員葉美玲批評，條例沒有管制租金。\n\n「這條例草案無法保障租戶。」葉美玲說。"
    orig = edition(zh, "zh-Hant")
    from transcompare.checks.entities import zh_mentions

    assert [m.text for m in zh_mentions(orig) if m.type == "person"] == ["葉美玲", "葉美玲"]


@pytest.mark.parametrize("edition_text,found", [
    ("Secretary for Housing Mak Ka-yan said more inspectors would be hired.", "Secretary"),
    ("Under Secretary for Housing Mak Ka-yan said more inspectors would be hired.", None),
    ("Mak Ka-yan, the under-secretary for housing, said more inspectors would be hired.", None),
])
def test_a_hong_kong_under_secretary_promoted_to_secretary(edition_text, found):
    """Hong Kong's 局長 is a bureau's Secretary and 副局長 its Under Secretary: "Secretary for Housing" for
    副局長 drops the deputy; the Cantonese name after "Secretary for Housing" is the person, not 'Housing Mak Ka-yan'."""
    findings = run("房屋局副局長麥嘉欣表示，署方將增聘巡查人員。", edition_text, glossary=None)[2]
    assert [f.evidence["edition"] for f in findings if f.subtype == "title"] == ([found] if found else [])
    assert [f for f in findings if f.subtype == "added"] == []


@pytest.mark.parametrize("text,name", [
    ("Secretary for Housing Mak Ka-yan said more inspectors would be hired.", "Mak Ka-yan"),
    ("Minister of Finance Wang Jianguo said the budget would grow.", "Wang Jianguo"),
])
def test_the_portfolio_of_a_title_is_no_part_of_the_name_after_it(text, name):
    """spaCy reads 'Housing Mak Ka-yan' after "Secretary for" as one name: the portfolio word is the title's."""
    from transcompare.checks.entities import en_mentions

    assert name in [m.text for m in en_mentions(edition(text, "en", "e")) if m.type == "person"]


@pytest.mark.parametrize("zh,edition_text,found", [
    ("政務司副司長陳國華表示，政府將增撥資源。", "Chief Secretary Chan Kwok-wah said the government would add resources.", "Secretary"),
    ("政務司副司長陳國華表示，政府將增撥資源。", "Deputy Chief Secretary Chan Kwok-wah said the government would add resources.", None),
    ("屋宇署副署長李家明表示，署方將增聘人手。", "Buildings Department Director Lee Ka-ming said more staff would be hired.", "Director"),
    ("屋宇署副署長李家明表示，署方將增聘人手。", "Deputy Director of Buildings Lee Ka-ming said more staff would be hired.", None),
])
def test_hong_kong_deputy_secretaries_and_directors_promoted(zh, edition_text, found):
    """Hong Kong's 司長 is a Secretary and 署長 a department's Director: their deputies (副司長, 副署長)
    rendered without "Deputy" are promoted, as 副局長 is."""
    findings = run(zh, edition_text, glossary=None)[2]
    assert [f.evidence["edition"] for f in findings if f.subtype == "title"] == ([found] if found else [])


@pytest.mark.parametrize("zh,edition_text,found", [
    # a Chinese edition that gives the same person another title: 总统 -> 台湾地区领导人
    ("赖清德总统肯定立法院的决定。", "台湾地区领导人赖清德肯定立法院的决定。", ("总统", "领导人")),
    ("總統賴清德肯定立法院的決定。", "台湾地区领导人赖清德肯定立法院的决定。", ("总统", "领导人")),
    ("市长王建国表示，工程将继续。", "区长王建国表示，工程将继续。", ("市长", "区长")),
    # the same title, in either place or another script, a title dropped, or a deputy promoted (its own finding)
    ("赖清德总统肯定立法院的决定。", "總統賴清德肯定立法院的決定。", None),
    ("新闻发言人王建国表示，工程将继续。", "发言人王建国表示，工程将继续。", None),
    ("赖清德总统肯定立法院的决定。", "赖清德肯定立法院的决定。", None),
    ("副市长王建国表示，工程将继续。", "市长王建国表示，工程将继续。", None),
])
def test_a_title_changed_in_a_chinese_edition(zh, edition_text, found):
    findings = run(zh, edition_text, glossary=None, lang="zh")[2]
    titles = [(f.evidence["original"], f.evidence["edition"]) for f in findings if f.subtype == "retitled"]
    assert titles == ([found] if found else [])


@pytest.mark.parametrize("zh,edition_text,found", [
    # an English edition that gives the same person another office: 总统 -> Taiwan leader, -> Premier
    ("总统赖清德周二表示，政府将增加国防预算。", "Taiwan leader Lai Ching-te said on Tuesday the government would raise defence spending.",
     ("总统", "leader")),
    ("总统赖清德周二表示，政府将增加国防预算。", "Premier Lai Ching-te said on Tuesday the government would raise defence spending.",
     ("总统", "Premier")),
    ("市长王建国表示，工程将继续。", "County chief Wang Jianguo said the works would go on.", ("市长", "County chief")),
    # the office in any of its English words, a compound office (行政院长 is the Premier), a title dropped
    ("总统赖清德周二表示，政府将增加国防预算。", "President Lai Ching-te said on Tuesday the government would raise defence spending.", None),
    ("主席王建国表示，工程将继续。", "Chairwoman Wang Jianguo said the works would go on.", None),
    ("行政院长卓荣泰表示，预算将送交立法院。", "Premier Cho Jung-tai said the budget would go to the legislature.", None),
    ("总统赖清德周二表示，政府将增加国防预算。", "Lai Ching-te said on Tuesday the government would raise defence spending.", None),
])
def test_a_title_changed_in_an_english_edition(zh, edition_text, found):
    orig, ed, findings = run(zh, edition_text, glossary=None)
    retitled = [f for f in findings if f.subtype == "retitled"]
    assert [(f.evidence["original"], f.evidence["edition"]) for f in retitled] == ([found] if found else [])
    if found:
        (f,) = retitled
        assert ed.text[f.edition_spans[0].start:f.edition_spans[0].end].startswith(found[1])
        assert found[0] in orig.text[f.original_spans[0].start:f.original_spans[0].end]


@pytest.mark.parametrize("zh,edition_text", [
    ("副县长王建国表示，工程将继续。", "Deputy County Head Wang Jianguo said the works would go on."),
    ("县长王建国表示，工程将继续。", "County Head Wang Jianguo said the works would go on."),
    ("市长王建国表示，工程将继续。", "Deputy Mayor Wang Jianguo said the works would go on."),
])
def test_a_deputy_or_a_plain_head_is_no_new_office(zh, edition_text):
    """A deputy's title is _deputy_titles' to judge, and 'head' renders many offices faithfully."""
    findings = run(zh, edition_text, glossary=None)[2]
    assert [f for f in findings if f.subtype == "retitled"] == []
