"""How far the published edition departs from a faithful MT of the original, via sacrebleu.

Per bead: chrF of the edition's text (hypothesis) against the MT of the bead's original
sentences (reference). chrF weighs recall twice (beta=2), so meaning the MT carries and the
edition drops costs most. Per document: BLEU, chrF and TER over the beads with both sides,
with sacrebleu's signatures so a number always says how it was made.

Wording candidates: a bead is a candidate when its chrF is below a cutoff set per document:
the document's median minus ``SPREAD`` robust deviations (1.4826 x MAD), clamped to
[``FLOOR``, ``CEILING``]. Ranking within the document, not one absolute number, carries over
between MT models and editions that translate more or less freely (vecalign's habit of
percentile knobs); the floor always flags beads that share almost nothing with the MT, and the
ceiling never flags a bead that mostly agrees. See README section "mt" for how they were set.
"""

from __future__ import annotations

import statistics
from typing import Sequence

from ..langs import is_chinese
from ..model import Bead, Edition

FLOOR = 20.0
CEILING = 35.0
SPREAD = 2.0


def bead_texts(translations: Sequence[str], edition: Edition, bead: Bead) -> tuple[str, str]:
    """(MT of the bead's original sentences joined by a space, the bead's edition text)."""
    mt = " ".join(t for t in (translations[i] for i in bead.src) if t)
    sep = "" if is_chinese(edition.lang) else " "
    return mt, sep.join(edition.sentences[j].text for j in bead.tgt)


def _tokenize(lang: str) -> str:
    """BLEU tokenisation for the edition's language: 13a for English (both sides are English)."""
    return "zh" if is_chinese(lang) else "13a"


def divergence_cutoff(per_bead: Sequence[float | None]) -> float:
    """The chrF below which a bead counts as departing from the MT, for this document."""
    values = [v for v in per_bead if v is not None]
    if not values:
        return FLOOR
    median = statistics.median(values)
    mad = statistics.median(abs(v - median) for v in values)
    return min(CEILING, max(FLOOR, median - SPREAD * 1.4826 * mad))


def divergent_beads(per_bead: Sequence[float | None]) -> list[int]:
    """Indices of beads whose edition text departs from the MT: wording-divergence candidates."""
    cutoff = divergence_cutoff(per_bead)
    return [i for i, v in enumerate(per_bead) if v is not None and v < cutoff]


def score_beads(translations: Sequence[str], edition: Edition, beads: Sequence[Bead]) -> tuple[dict, list[float | None]]:
    """(document scores with signatures, chrF per bead; None for beads missing a side)."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    chrf = CHRF()
    per_bead: list[float | None] = []
    hyps: list[str] = []
    refs: list[str] = []
    for bead in beads:
        if not bead.src or not bead.tgt:
            per_bead.append(None)
            continue
        mt, published = bead_texts(translations, edition, bead)
        per_bead.append(round(chrf.sentence_score(published, [mt]).score, 2))
        hyps.append(published)
        refs.append(mt)
    bleu = BLEU(tokenize=_tokenize(edition.lang))
    ter = TER(asian_support=is_chinese(edition.lang))
    doc: dict = {"beads_scored": len(hyps), "bead_chrf": per_bead}
    if hyps:
        doc.update(
            bleu=round(bleu.corpus_score(hyps, [refs]).score, 2),
            chrf=round(chrf.corpus_score(hyps, [refs]).score, 2),
            ter=round(ter.corpus_score(hyps, [refs]).score, 2),
        )
    doc["signatures"] = {
        "bleu": bleu.get_signature().format(),
        "chrf": chrf.get_signature().format(),
        "ter": ter.get_signature().format(),
    }
    doc["divergence_cutoff"] = round(divergence_cutoff(per_bead), 2)
    doc["divergent_beads"] = divergent_beads(per_bead)
    return doc, per_bead


def summary_line(doc: dict) -> str:
    """One terminal line: document scores and how many beads depart from the MT."""
    parts = [f"{label} {doc[key]:.1f}" for key, label in (("bleu", "BLEU"), ("chrf", "chrF"), ("ter", "TER")) if isinstance(doc.get(key), (int, float))]
    line = "MT vs edition: " + (", ".join(parts) if parts else "no beads with both sides")
    flagged = doc.get("divergent_beads")
    if flagged is not None:
        line += f"; {len(flagged)} of {doc.get('beads_scored', 0)} beads depart from the MT (chrF < {doc.get('divergence_cutoff', FLOOR):.1f})"
    return line
