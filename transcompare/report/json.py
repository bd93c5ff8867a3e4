"""JSON: the comparison dict as written, with stable bead ids and sorted keys, so two runs diff cleanly.

The layout is documented by ``transcompare/schema/comparison.schema.json`` (see ``load_schema``).
"""

from __future__ import annotations

import json
from importlib import resources


def bead_id(edition_id: str, index: int) -> str:
    """A bead's stable id: the edition id plus its zero-based position in the alignment."""
    return f"{edition_id}:b{index:04d}"


def with_bead_ids(data: dict) -> dict:
    """A copy of ``data`` whose beads carry their ids; everything else is shared, not copied."""
    out = dict(data)
    editions = []
    for ec in data.get("editions", ()):
        eid = ec["edition"]["id"]
        editions.append({**ec, "beads": [{**b, "id": bead_id(eid, i)} for i, b in enumerate(ec.get("beads", ()))]})
    out["editions"] = editions
    return out


def load_schema() -> dict:
    """The JSON Schema every comparison file follows (packaged, so tools can validate offline)."""
    text = resources.files("transcompare").joinpath("schema/comparison.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


class JsonExporter:
    name = "json"
    extension = ".json"

    def render(self, data: dict) -> bytes:
        return (json.dumps(with_bead_ids(data), ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
