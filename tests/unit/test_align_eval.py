"""The evaluation metric on tiny hand-made gold/prediction pairs (Vecalign's strict/lax definition)."""

from __future__ import annotations

import math

import pytest

from transcompare.align.evaluate import Counts, bead_class, format_beads, read_beads


def score(gold, pred):
    c = Counts()
    c.add(gold, pred)
    return c.report()


def test_perfect():
    gold = [((0,), (0,)), ((1, 2), (1,)), ((3,), ())]
    r = score(gold, gold)
    assert r["strict_f1"] == 1.0 and r["lax_f1"] == 1.0 and r["omission_f1"] == 1.0


def test_strict_and_lax():
    gold = [((0,), (0, 1)), ((1,), (2,))]
    pred = [((0,), (0,)), ((), (1,)), ((1,), (2,))]
    r = score(gold, pred)
    # precision: 3 predicted; (1)-(2) strict; (0)-(0) lax; 0-1 bead not in gold = miss
    assert r["strict_p"] == pytest.approx(1 / 3) and r["lax_p"] == pytest.approx(2 / 3)
    # recall: 2 gold beads with both sides; one strict, both lax
    assert r["strict_r"] == 0.5 and r["lax_r"] == 1.0
    assert r["omission_en_f1"] == 0.0


def test_no_nulls_anywhere_is_nan():
    gold = [((0,), (0,))]
    assert math.isnan(score(gold, gold)["omission_f1"])


@pytest.mark.parametrize("bead,cls", [
    (((0,), (0,)), "1-1"), (((0,), (0, 1)), "1-2"), (((0, 1), (0,)), "2-1"), (((0,), (0, 1, 2, 3)), "1-3+"),
    (((0, 1, 2), (0,)), "3+-1"), (((0, 1), (0, 1, 2)), "many-many"), (((0,), ()), "1-0/0-1"), (((), (0,)), "1-0/0-1"),
])
def test_classes(bead, cls):
    assert bead_class(bead) == cls


def test_round_trip(tmp_path):
    beads = [((0, 1), (0,)), ((2,), ()), ((), (1,))]
    path = tmp_path / "pred.align"
    path.write_text(format_beads(beads))
    assert read_beads(path) == beads
