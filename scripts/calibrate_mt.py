"""How the wording-candidate cutoff in transcompare/translate/scores.py behaves, measured
without an MT model: where a case has two English editions of one original, each edition
stands in for a faithful "MT" of the other, bead by bead. Beads that carry a planted
divergence (expected.json) should fall below the cutoff; the rest should not.

    .venv/bin/python scripts/calibrate_mt.py
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    from sacrebleu.metrics import CHRF

    from transcompare.align import get_aligner
    from transcompare.pipeline import read_edition
    from transcompare.translate.scores import divergence_cutoff

    chrf = CHRF()
    aligner = get_aligner(None)
    all_scores: list[tuple[float, bool]] = []
    for case in sorted((ROOT / "corpora").iterdir()):
        if not (case / "case.json").is_file():
            continue
        meta = json.loads((case / "case.json").read_text(encoding="utf-8"))
        english = [e for e in meta.get("editions", []) if e["lang"] == "en"]
        if len(english) < 2:
            continue
        expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
        orig = read_edition(str(case / meta["original"]["path"]), "original", "zh")
        eds = [read_edition(str(case / e["path"]), f"e{i}", "en") for i, e in enumerate(english)]
        beads = [aligner.align(orig.sentence_texts(), ed.sentence_texts(), "zh", "en") for ed in eds]
        for a, b in ((0, 1), (1, 0)):
            planted = [f for f in expected["findings"] if f["edition"] == english[a]["path"] and f.get("en")]
            rows = []
            for bead in beads[a]:
                if not bead.src or not bead.tgt:
                    continue
                text = " ".join(eds[a].sentences[j].text for j in bead.tgt)
                other = sorted({j for ob in beads[b] if set(ob.src) & set(bead.src) for j in ob.tgt})
                stand_in = " ".join(eds[b].sentences[j].text for j in other)
                if not stand_in:
                    continue
                kinds = [f["kind"] for f in planted if f["en"] in text]
                rows.append((round(chrf.sentence_score(text, [stand_in]).score, 1), kinds, text))
            cutoff = divergence_cutoff([r[0] for r in rows])
            values = [r[0] for r in rows]
            print(f"{case.name}: {english[a]['path']} against {english[b]['path']} as stand-in MT: "
                  f"{len(rows)} beads, median chrF {statistics.median(values):.1f}, cutoff {cutoff:.1f}")
            for score, kinds, text in sorted(rows):
                mark = "FLAG" if score < cutoff else "    "
                print(f"  {mark} {score:5.1f}  {','.join(kinds) or '-':10} {text[:80]}")
            all_scores.extend((s, bool(k)) for s, k, _ in rows)
    clean = [s for s, planted in all_scores if not planted]
    dirty = [s for s, planted in all_scores if planted]
    if clean:
        print(f"beads without a planted divergence: n={len(clean)}, median {statistics.median(clean):.1f}, "
              f"min {min(clean):.1f}, 10th percentile {sorted(clean)[len(clean) // 10]:.1f}")
    if dirty:
        print(f"beads with a planted divergence: n={len(dirty)}, median {statistics.median(dirty):.1f}, "
              f"scores {sorted(dirty)}")


if __name__ == "__main__":
    main()
