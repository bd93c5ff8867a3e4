"""The lexical and anchor signals on hand-made words and sentences."""

from __future__ import annotations

import pytest

from transcompare.align.anchors import anchors, edges, zh_number
from transcompare.align.lexical import en_words, stem, zh_words


@pytest.mark.parametrize("word,expected", [
    ("called", "call"), ("stopped", "stop"), ("walking", "walk"), ("stories", "story"), ("friends", "friend"),
    ("classes", "class"), ("true", "true"),
])
def test_stem(word, expected):
    assert stem(word) == expected


@pytest.mark.parametrize("text,value", [("二十三", 23), ("一九六八", 1968), ("三万五千", 35000), ("两百", 200), ("十", 10)])
def test_zh_number(text, value):
    assert zh_number(text) == value


def test_anchors_meet_across_languages():
    zh = anchors("他在1968年买了三十五本书，NASA说。", "zh")
    en = anchors("In 1968 he bought thirty-five books, NASA said.", "en")
    assert {"#1968", "#35", "~nasa"} <= zh & en


def test_dictionary_words_meet():
    zh = set().union(*zh_words("我们的友谊很伟大。"))
    en = set().union(*en_words("Our friendship is great."))
    assert {"friendship", "great"} <= zh & en


def test_names_meet_through_pinyin():
    zh = set().union(*zh_words("周启明笑了。"))
    en = set().union(*en_words("Zhou Qiming laughed."))
    assert "@zhouqiming" in zh & en


def test_edges():
    assert edges("“你去不去？”") == (1, 1, 1, 0)
    assert edges("'Will you go?'") == (1, 1, 1, 0)
    assert edges("He left!") == (0, 0, 0, 1)


def test_lexicon_stems_glosses_on_lookup():
    from transcompare.align.lexical import Lexicon

    lex = Lexicon({"地铁": "subway\nmetro (rail system)", "之": "(possessive particle, literary equivalent of 的)",
                   "乘客": "passenger\nsee also 旅客[lv3 ke4]"})
    assert lex.get("地铁") == frozenset({"subway", "metro", "rail", "system"})
    assert lex.get("乘客") == frozenset({"passenger"})
    assert lex.get("之") == frozenset({"possessive", "literary", "equivalent"})
    assert lex.get("没有的词") is None and lex.get("没有的词", frozenset()) == frozenset()
    assert Lexicon({"了": "see 了[le5]"}).get("了", "none") == "none"  # no content stem: as if absent
