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


def test_learned_associations_find_a_translated_name():
    """A nickname the dictionary cannot spell ("阿福" rendered "Lucky") travels with its rendering
    through a document's sure beads; words that merely share a few beads are not paired."""
    from transcompare.align.lexical import learn_associations, with_associations

    name, other = frozenset({"@afu"}), frozenset({"water"})
    src = [[name] if k % 3 == 0 else [frozenset({f"w{k}"})] for k in range(30)]
    tgt = [[frozenset({"@lucky"})] if k % 3 == 0 else [frozenset({f"e{k}"})] for k in range(30)]
    src[1].append(other)
    tgt[2].append(frozenset({"river"}))
    beads = [((k,), (k,)) for k in range(30)]
    learned = learn_associations(src, tgt, beads)
    assert learned[name] == {"@lucky"}
    assert other not in learned
    words = with_associations(src, learned)
    assert words[0] == [name | {"@lucky"}] and words[1] == src[1]


def test_learned_associations_need_more_than_chance():
    """Five beads: two words that meet twice are no evidence of anything."""
    from transcompare.align.lexical import learn_associations

    src = [[frozenset({"jiang"})], [frozenset({"jiang"})], [frozenset({"a"})], [frozenset({"jiang"})], [frozenset({"b"})]]
    tgt = [[frozenset({"new"})], [frozenset({"new"})], [frozenset({"c"})], [frozenset({"d"})], [frozenset({"new"})]]
    assert learn_associations(src, tgt, [((k,), (k,)) for k in range(5)]) == {}


def _side(words):
    import numpy as np

    from transcompare.align.features import Side

    units = [[frozenset({w}) for w in unit] for unit in words]
    return Side(None, np.array([10.0] * len(words)), units, [frozenset()] * len(words), np.zeros(len(words)))


def _features(src_words, tgt_words):
    from transcompare.align.dp import full_band
    from transcompare.align.engine import SHAPES
    from transcompare.align.features import block_features, prepare

    src, tgt = _side(src_words), _side(tgt_words)
    lo, hi = full_band(len(src), len(tgt))
    prep = prepare(src, tgt, SHAPES, lo, hi)
    return block_features(src, tgt, prep, SHAPES, 0, len(src) + 1, 0, len(tgt) + 1), SHAPES


def test_edge_sentence_explained_by_the_neighbour():
    """The 1-2 bead taking edition sentence 1 (which renders original sentence 0) scores an edge
    penalty; the 1-2 bead that keeps to its own sentences does not."""
    feats, shapes = _features([["a", "b"], ["c", "d"], ["e", "f"]], [["a", "b"], ["c"], ["d"], ["e", "f"]])
    k = shapes.index((1, 2))
    assert feats["edge_lex"][k, 2, 3] == 0.0  # original 1 ~ edition 1-2
    feats, _ = _features([["a", "b"], ["c", "d"], ["e", "f"]], [["a"], ["b"], ["c", "d"], ["e", "f"]])
    assert feats["edge_lex"][k, 2, 3] > 0.5  # original 1 ~ edition 1-2, but edition 1 is original 0's


def test_rare_shape_borrows_its_trained_shapes_bias():
    import numpy as np

    from transcompare.align.engine import Weights, combine

    shapes = [(1, 4), (1, 5), (2, 2)]
    feats = {"cos": np.ones((3, 2, 2), np.float32), "valid": np.ones((3, 2, 2), bool)}
    w = Weights.from_dict({"feature": {"cos": 1.0}, "sized": {"cos": 0.5}, "shape": {"1-4": 0.25}, "null": {}})
    # 1-4: 1 + 0.5 x 1.5 + 0.25; 1-5 takes the 1-4 bias while its size term grows; 2-2 has no bias: barred
    scores = combine(feats, shapes, w)[:, 0, 0].tolist()
    assert scores[:2] == [2.0, 2.25] and scores[2] < -40
