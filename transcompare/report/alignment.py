"""Alignment exports: TSV (one bead a line) and JSON (zero-based ids); TMX in tmx.py."""

from __future__ import annotations

import json
from typing import Sequence

from ..model import Bead, Edition
from .tmx import joined
from .tsv import cell


def _joined(edition: Edition, ids: Sequence[int]) -> str:
    return cell(joined(edition.lang, (edition.sentences[i].text for i in ids)))


def render_alignment(src: Edition, tgt: Edition, beads: Sequence[Bead], fmt: str, signature: str = "") -> bytes:
    if fmt == "json":
        data = {
            "signature": signature,
            # the script beside the language, as in a comparison's JSON: TMX and XLIFF say zh-Hans / zh-Hant
            "src": {"source": src.source, "lang": src.lang, "script": src.script, "sentences": len(src.sentences)},
            "tgt": {"source": tgt.source, "lang": tgt.lang, "script": tgt.script, "sentences": len(tgt.sentences)},
            "beads": [{"src": list(b.src), "tgt": list(b.tgt), "score": b.score} for b in beads],
        }
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if fmt == "tmx":
        from .tmx import render_tmx

        return render_tmx(src, tgt, beads)
    lines = ["src_ids\ttgt_ids\tscore\tsrc\ttgt"]
    for b in beads:
        lines.append(
            "\t".join(
                [",".join(map(str, b.src)), ",".join(map(str, b.tgt)), f"{b.score:.3f}",
                 _joined(src, b.src), _joined(tgt, b.tgt)]
            )
        )
    return ("\n".join(lines) + "\n").encode("utf-8")
