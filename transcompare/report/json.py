"""JSON: the comparison dict as written, sorted keys, so two runs diff cleanly."""

from __future__ import annotations

import json


class JsonExporter:
    name = "json"
    extension = ".json"

    def render(self, data: dict) -> bytes:
        return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
