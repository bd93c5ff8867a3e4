"""Alignment scores as the evaluation sets define them (Vecalign's strict/lax P/R/F1, omission F1,
recall by bead type), micro-averaged: counts summed over documents before the ratios."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

BeadIds = tuple[tuple[int, ...], tuple[int, ...]]
CLASSES = ("1-1", "1-2", "2-1", "1-3+", "3+-1", "many-many", "1-0/0-1")


def read_beads(path: str | Path) -> list[BeadIds]:
    beads = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        left, right = line.split(":")[:2]
        beads.append((tuple(json.loads(left)), tuple(json.loads(right))))
    return beads


def format_beads(beads: Iterable[BeadIds]) -> str:
    return "".join(f"{list(s)}:{list(t)}\n" for s, t in beads)


def bead_class(bead: BeadIds) -> str:
    a, b = len(bead[0]), len(bead[1])
    if a == 0 or b == 0:
        return "1-0/0-1"
    if a == 1 and b == 1:
        return "1-1"
    if a == 1:
        return "1-2" if b == 2 else "1-3+"
    if b == 1:
        return "2-1" if a == 2 else "3+-1"
    return "many-many"


@dataclass
class Counts:
    """Summed counts; ratios come from ``report()``."""

    pred: int = 0
    strict_p: int = 0
    lax_p: int = 0
    gold: int = 0
    strict_r: int = 0
    lax_r: int = 0
    null_gold: dict = field(default_factory=lambda: {"zh": 0, "en": 0})
    null_pred: dict = field(default_factory=lambda: {"zh": 0, "en": 0})
    null_hit: dict = field(default_factory=lambda: {"zh": 0, "en": 0})
    type_gold: dict = field(default_factory=lambda: {c: 0 for c in CLASSES})
    type_gold_hit: dict = field(default_factory=lambda: {c: 0 for c in CLASSES})
    type_pred: dict = field(default_factory=lambda: {c: 0 for c in CLASSES})
    type_pred_hit: dict = field(default_factory=lambda: {c: 0 for c in CLASSES})

    def add(self, gold: Sequence[BeadIds], pred: Sequence[BeadIds]) -> None:
        gold_set, pred_set = set(gold), set(pred)
        gold_links = {(s, t) for ss, tt in gold for s in ss for t in tt}
        pred_links = {(s, t) for ss, tt in pred for s in ss for t in tt}
        for bead in pred_set:
            self.pred += 1
            if bead in gold_set:
                self.strict_p += 1
                self.lax_p += 1
            elif bead[0] and bead[1] and any((s, t) in gold_links for s in bead[0] for t in bead[1]):
                self.lax_p += 1
        for bead in gold_set:
            if not (bead[0] and bead[1]):
                continue
            self.gold += 1
            if bead in pred_set:
                self.strict_r += 1
                self.lax_r += 1
            elif any((s, t) in pred_links for s in bead[0] for t in bead[1]):
                self.lax_r += 1
        for side, k in (("zh", 0), ("en", 1)):
            g = {x for b in gold_set if not b[1 - k] for x in b[k]}
            p = {x for b in pred_set if not b[1 - k] for x in b[k]}
            self.null_gold[side] += len(g)
            self.null_pred[side] += len(p)
            self.null_hit[side] += len(g & p)
        for bead in gold_set:
            c = bead_class(bead)
            self.type_gold[c] += 1
            self.type_gold_hit[c] += bead in pred_set
        for bead in pred_set:
            c = bead_class(bead)
            self.type_pred[c] += 1
            self.type_pred_hit[c] += bead in gold_set

    def report(self) -> dict:
        def f1(p, r):
            return 2 * p * r / (p + r) if p + r else 0.0

        def ratio(a, b):
            return a / b if b else float("nan")

        sp, sr = ratio(self.strict_p, self.pred), ratio(self.strict_r, self.gold)
        lp, lr = ratio(self.lax_p, self.pred), ratio(self.lax_r, self.gold)
        out = {
            "strict_p": sp, "strict_r": sr, "strict_f1": f1(sp, sr),
            "lax_p": lp, "lax_r": lr, "lax_f1": f1(lp, lr),
        }
        for side in ("zh", "en", "all"):
            sides = ("zh", "en") if side == "all" else (side,)
            g = sum(self.null_gold[s] for s in sides)
            p = sum(self.null_pred[s] for s in sides)
            h = sum(self.null_hit[s] for s in sides)
            name = "omission" if side == "all" else f"omission_{side}"
            if g == 0 and p == 0:
                out[f"{name}_f1"] = float("nan")
            else:
                pp, rr = (h / p if p else 0.0), (h / g if g else 0.0)
                out[f"{name}_p"], out[f"{name}_r"], out[f"{name}_f1"] = pp, rr, f1(pp, rr)
        out["types"] = {
            c: {
                "gold": self.type_gold[c],
                "recall": ratio(self.type_gold_hit[c], self.type_gold[c]),
                "pred": self.type_pred[c],
                "precision": ratio(self.type_pred_hit[c], self.type_pred[c]),
            }
            for c in CLASSES
        }
        return out
