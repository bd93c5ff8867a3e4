"""The length-based baseline aligner: covers every sentence once, in order, with all its bead shapes."""

from transcompare.align import get_aligner


def _covers(beads, n, m):
    src = [i for b in beads for i in b.src]
    tgt = [j for b in beads for j in b.tgt]
    return src == list(range(n)) and tgt == list(range(m))


def test_one_to_one_and_coverage():
    zh = ["今天天气很好。", "我们去公园散步，看到了很多人在跳舞。", "晚上回家。"]
    en = ["The weather is fine today.", "We went for a walk in the park and saw many people dancing.", "We went home in the evening."]
    beads = get_aligner("gale-church").align(zh, en, "zh", "en")
    assert [b.shape for b in beads] == ["1-1", "1-1", "1-1"]
    assert all(0 <= b.score <= 1 for b in beads)


def test_two_to_one():
    zh = ["他来了。", "他走了。", "这是一个非常非常长的句子，里面讲了很多很多事情，包括天气、城市、人物和历史。", "短句。"]
    en = [
        "He came and went.",
        "This is a very, very long sentence that tells of many, many things: the weather, the city, the people and their history.",
    ]
    beads = get_aligner("gale-church").align(zh, en, "zh", "en")
    assert _covers(beads, len(zh), len(en))
    assert beads[0].src == (0, 1) and beads[0].tgt == (0,)
