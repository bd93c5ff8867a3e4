"""TSV: one bead a line, every edition, with the findings that touch it; for spreadsheets and scripts."""

from __future__ import annotations

from .json import bead_id
from .tmx import joined

COLUMNS = ("edition", "bead", "src_ids", "tgt_ids", "score", "original", "edition_text", "findings", "kinds")


# a tab, and everything str.splitlines() ends a line at (U+2028 comes with text pasted from a CMS)
_BREAKS = str.maketrans(dict.fromkeys("\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029", " "))


def cell(text: str) -> str:
    """Tabs and line breaks would break the row; the text is otherwise kept as is."""
    return text.translate(_BREAKS)


def _sentences_at(doc: dict, spans) -> set[int]:
    return {s["id"] for s in doc["sentences"] for sp in spans if s["start"] < sp["end"] and sp["start"] < s["end"]}


def finding_beads(finding: dict, ec: dict, original: dict) -> list[int]:
    """The beads a finding concerns: its own ``bead``, else those holding its spans."""
    if finding.get("bead") is not None:
        return [finding["bead"]]
    src = _sentences_at(original, finding.get("original_spans", ()))
    tgt = _sentences_at(ec["edition"], finding.get("edition_spans", ()))
    return [i for i, b in enumerate(ec["beads"]) if src.intersection(b["src"]) or tgt.intersection(b["tgt"])]


class TsvExporter:
    name = "tsv"
    extension = ".tsv"

    def render(self, data: dict) -> bytes:
        original = data["original"]
        lines = ["\t".join(COLUMNS)]
        for ec in data["editions"]:
            edition = ec["edition"]
            by_bead: dict[int, list[dict]] = {}
            for f in ec.get("findings", ()):
                for i in finding_beads(f, ec, original):
                    by_bead.setdefault(i, []).append(f)
            for i, b in enumerate(ec["beads"]):
                touching = by_bead.get(i, [])
                lines.append("\t".join([
                    cell(edition["id"]),
                    cell(bead_id(edition["id"], i)),
                    ",".join(map(str, b["src"])),
                    ",".join(map(str, b["tgt"])),
                    f"{float(b.get('score', 0.0)):.3f}",
                    cell(joined(original["lang"], (original["sentences"][s]["text"] for s in b["src"]))),
                    cell(joined(edition["lang"], (edition["sentences"][t]["text"] for t in b["tgt"]))),
                    ",".join(f["id"] for f in touching),
                    ",".join(sorted({f["kind"] for f in touching})),
                ]))
        return ("\n".join(lines) + "\n").encode("utf-8")
