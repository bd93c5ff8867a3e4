"""Generated corpora for tests and benchmarks: variations on the project's demo cases.

Each generated case takes a demo original and edition (plain-text cases only), keeps a prefix of
their paragraphs, and plants a variation in the edition: a dropped paragraph, a changed number,
or two paragraphs swapped. Seeded, so the same arguments give the same corpus.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

OUTLETS = ("Huaguan News", "Huaguan English Service", "Harbour Wire")
MONTHS = ("2026-01", "2026-02", "2026-03")
VARIATIONS = ("none", "drop", "number", "swap")


def demo_pairs(corpora: Path) -> list[tuple[str, str, str, str]]:
    """(case name, original text, edition text, edition file name) for each plain-text demo edition."""
    pairs = []
    for case_dir in sorted(p for p in corpora.iterdir() if (p / "case.json").is_file()):
        case = json.loads((case_dir / "case.json").read_text(encoding="utf-8"))
        original = case["original"]
        if original.get("format") == "html":
            continue
        original_text = (case_dir / original["path"]).read_text(encoding="utf-8")
        for edition in case["editions"]:
            if edition.get("format") != "html":
                pairs.append((case_dir.name, original_text, (case_dir / edition["path"]).read_text(encoding="utf-8"),
                              edition["path"]))
    return pairs


def make_corpus(corpora: Path, out: Path, cases: int, seed: int = 0, paragraphs: int | None = 4,
                manifest_name: str = "manifest.jsonl") -> Path:
    """Write ``cases`` generated cases and a JSONL manifest into ``out``; return the manifest path."""
    pairs = demo_pairs(corpora)
    if not pairs:
        raise FileNotFoundError(f"no plain-text demo cases under {corpora}")
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for n in range(cases):
        rng = random.Random(seed * 100_003 + n)
        name, original, edition, edition_file = pairs[n % len(pairs)]
        zh, en = _paragraphs(original), _paragraphs(edition)
        if paragraphs:
            keep = min(len(zh), len(en), paragraphs + rng.randint(0, 2))
            zh, en = zh[:keep], en[:keep]
        variation = VARIATIONS[n % len(VARIATIONS)]
        en = _vary(en, variation, rng)
        case_id = f"case-{n:04d}"
        folder = out / case_id
        folder.mkdir(exist_ok=True)
        (folder / "original.zh.txt").write_text("\n\n".join(zh) + "\n", encoding="utf-8")
        edition_name = Path(edition_file).name
        (folder / edition_name).write_text("\n\n".join(en) + "\n", encoding="utf-8")
        month = MONTHS[n % len(MONTHS)]
        rows.append({
            "id": case_id,
            "original": f"{case_id}/original.zh.txt",
            "editions": [f"{case_id}/{edition_name}"],
            "outlet": OUTLETS[(n // len(MONTHS)) % len(OUTLETS)],
            "date": f"{month}-{1 + n % 28:02d}",
            "meta": {"base": name, "variation": variation},
        })
    manifest = out / manifest_name
    manifest.write_text("".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows), encoding="utf-8")
    return manifest


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def _vary(paras: list[str], variation: str, rng: random.Random) -> list[str]:
    paras = list(paras)
    body = range(1, len(paras))  # the headline stays
    if variation == "drop" and len(paras) > 2:
        del paras[rng.choice(body)]
    elif variation == "number":
        for i in rng.sample(list(body), len(body)) if len(paras) > 1 else ():
            if re.search(r"\d", paras[i]):
                paras[i] = re.sub(r"\d+", lambda m: str(int(m.group()) + 7), paras[i], count=1)
                break
    elif variation == "swap" and len(paras) > 3:
        i = rng.choice(range(1, len(paras) - 1))
        paras[i], paras[i + 1] = paras[i + 1], paras[i]
    return paras
