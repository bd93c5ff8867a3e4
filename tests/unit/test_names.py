"""Chinese name romanisation: every system, the surname readings pypinyin gets wrong, and the
spellings Taiwan and Hong Kong editions use."""

from __future__ import annotations

import pytest

from transcompare.names import candidates, looks_romanised, match_person, romanise, split_name, surname_forms


@pytest.mark.parametrize(
    "name,system,expected",
    [
        ("林志恒", "pinyin", "Lin Zhiheng"),
        ("林志恒", "wade-giles", "Lin Chih-heng"),
        ("林志恒", "gwoyeu", "Lin Jyhherng"),
        ("曾荫权", "pinyin", "Zeng Yinquan"),  # 曾 as a surname is Zeng, not Ceng
        ("单田芳", "pinyin", "Shan Tianfang"),  # 单 Shan, not Dan
        ("解缙", "pinyin", "Xie Jin"),  # 解 Xie, not Jie
        ("仇英", "pinyin", "Qiu Ying"),  # 仇 Qiu, not Chou
        ("欧阳修", "pinyin", "Ouyang Xiu"),
    ],
)
def test_romanise(name, system, expected):
    assert romanise(name, system) == expected


@pytest.mark.parametrize(
    "surname,spelling",
    [("陈", "chan"), ("李", "lee"), ("张", "cheung"), ("张", "chang"), ("黄", "wong"), ("林", "lam"), ("吴", "ng"),
     ("刘", "lau"), ("蔡", "tsai"), ("蔡", "choi"), ("周", "chow"), ("徐", "hsu"), ("徐", "tsui"), ("谢", "hsieh"),
     ("谢", "tse"), ("许", "hui"), ("何", "ho"), ("邓", "teng"), ("梁", "leung"), ("杨", "yeung"), ("赵", "chiu"),
     ("曾", "tsang"), ("吕", "lu"), ("吕", "lyu")],
)
def test_surname_spellings(surname, spelling):
    assert spelling in surname_forms(surname)


@pytest.mark.parametrize(
    "zh,en,how",
    [
        ("林志恒", "Lin Chih-heng", "full"),
        ("林志恒", "Lin Zhiheng", "full"),
        ("蔡英文", "Tsai Ing-wen", "full"),
        ("蔡英文", "Ing-wen Tsai", "reversed"),
        ("明居正", "Ming Chu-cheng", "full"),
        ("陈家豪", "Chan Ka-ho", "full"),
        ("吕振华", "Lü Zhenhua", "full"),
        ("吕振华", "Lu Zhenhua", "full"),
        ("黎智英", "Jimmy Lai", "western-given"),
        ("林志恒", "Prof. Lin", "surname"),
        ("孙立民", "Sun Liming", "fuzzy"),
    ],
)
def test_match_person(zh, en, how):
    match = match_person(zh, en)
    assert match is not None and match.how == how


@pytest.mark.parametrize("zh,en", [("孙立民", "Tsai Shen-chih"), ("林志恒", "Wang Jianguo"), ("蔡英文", "John Smith")])
def test_different_people_do_not_match(zh, en):
    assert match_person(zh, en) is None


def test_split_name_and_candidates():
    assert split_name("欧阳修") == ("欧阳", "修")
    assert split_name("林志恒") == ("林", "志恒")
    assert "Lin Chih-heng" in candidates("林志恒")


def test_looks_romanised():
    assert looks_romanised("Wang Jianguo") and looks_romanised("Tsai Shen-chih")
    assert not looks_romanised("Pebble") and not looks_romanised("Hartley")


def test_english_words_do_not_look_romanised():
    assert not looks_romanised("Leadership") and not looks_romanised("Harbor") and not looks_romanised("Around")
    assert looks_romanised("Ng") and looks_romanised("Chan Ka-ho") and looks_romanised("Hsi Chin-p'ing")


def test_spelled_runs_read_whole_characters_in_chinese_order():
    from transcompare.names import spelled_runs

    text = "村里没人见过王小二。林海洋拉住我。欧阳修说"
    found = lambda phrase: [text[a:b] for a, b in spelled_runs(text, phrase)]  # noqa: E731
    assert found("Wang Xiaoer") == ["王小二"]
    assert found("Haiyang Lin") == ["林海洋"]  # Western order
    assert found("Ouyang Xiu") == ["欧阳修"]
    assert found("Wang Jianguo") == []  # 见过王 would be read backwards from a non-surname


@pytest.mark.parametrize(
    "zh,en",
    [("丽姐", "Wang Mei-li"), ("张大娘", "Mrs Zhang"), ("老王", "Old Wang"), ("李强家的", "Li Qiang"), ("林涛", "Master Tao")],
)
def test_forms_of_address(zh, en):
    assert match_person(zh, en) is not None


def test_a_form_of_address_does_not_excuse_another_given_name():
    assert match_person("张大娘", "Zhang Tao") is None


def test_cedict_classifiers_and_formulas_are_no_proper_names():
    from transcompare.names.cedict import person_sense, proper_renderings

    assert proper_renderings("卫星") == () and proper_renderings("石青") == ()
    assert "CIA" in proper_renderings("中情局")
    assert person_sense("习近平") and not person_sense("向阳")


def test_names_in_a_cedict_description_are_not_renderings_of_the_term():
    """'Legislative Yuan, the legislative branch of government under the constitution of Republic of China, then
    of Taiwan': the clause describes 立法院, so 'Taiwan' is no rendering of it (nor Cambodia of 金边); another
    name given in lower case ('formerly SAPPRFT') still is."""
    from transcompare.names.cedict import proper_renderings

    assert proper_renderings("立法院") == ("Legislative Yuan",)
    assert "Taiwan" not in proper_renderings("行政院") and "Cambodia" not in proper_renderings("金边")
    assert "SAPPRFT" in proper_renderings("国家广播电视总局")


@pytest.mark.parametrize("zh,en", [("马丁", "Martin"), ("奥尔德里奇", "Aldridge"), ("兰伯特", "Lambert"),
                                   ("哈斯韦尔", "Haswell"), ("哈斯韦尔", "Hazwell"), ("克罗夫特", "Croft"),
                                   ("马什", "Marsh"), ("布什", "Bush")])
def test_a_transliteration_sounds_like_its_latin_spelling(zh, en):
    from transcompare.names.phonetic import sound_similarity

    assert sound_similarity(zh, en) >= 0.7


@pytest.mark.parametrize("zh,en", [("哈斯韦尔", "Earlier"), ("哈斯韦尔", "Kestria"), ("克罗夫特", "Foreign"),
                                   ("奥尔德里奇", "Wednesday")])
def test_a_capitalised_ordinary_word_does_not_sound_like_a_transliteration(zh, en):
    from transcompare.names.phonetic import sound_similarity

    assert sound_similarity(zh, en) < 0.5


def test_cedict_indexes_are_kept_in_the_cache_dir(tmp_path, monkeypatch):
    """Parsing CC-CEDICT and deriving the reverse index took about 8 s of every run: a second run
    reads what the first saved, under a name tied to the code that built it."""
    from transcompare.names.cedict import _pickled

    monkeypatch.setenv("TRANSCOMPARE_CACHE", str(tmp_path))
    builds = []

    def build():
        builds.append(1)
        return {"cia": frozenset({"中情局"})}

    assert _pickled("cedict-test", build) == _pickled("cedict-test", build) == {"cia": frozenset({"中情局"})}
    assert len(builds) == 1
    (saved,) = tmp_path.glob("cedict-test-*.pickle")
    saved.write_bytes(b"damaged")
    assert _pickled("cedict-test", build) == {"cia": frozenset({"中情局"})} and len(builds) == 2


def test_a_rebuilt_cedict_index_replaces_the_old_versions_copy(tmp_path, monkeypatch):
    """Each code change names a new pickle (tens of MB): the copies of earlier versions go."""
    from transcompare.names.cedict import _pickled

    monkeypatch.setenv("TRANSCOMPARE_CACHE", str(tmp_path))
    (tmp_path / "cedict-test-0.0-000000000000.pickle").write_bytes(b"an earlier version's copy")
    (tmp_path / "cedict-other-0.0-000000000000.pickle").write_bytes(b"another index")
    assert _pickled("cedict-test", lambda: {"a": 1}) == {"a": 1}
    assert sorted(p.name.split("-")[1] for p in tmp_path.glob("cedict-*.pickle")) == ["other", "test"]
    assert not (tmp_path / "cedict-test-0.0-000000000000.pickle").exists()
