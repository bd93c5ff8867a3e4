"""Alignment as translation memory: TMX 1.4 and XLIFF 1.1, written by translate-toolkit.

Only beads with text on both sides become TMX units (a memory pairs translations); XLIFF
also keeps original sentences the edition left out, as units with no target.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from ..langs import normalise_lang
from ..model import Bead, Edition
from .json import bead_id


@dataclass(frozen=True)
class Unit:
    id: str
    source: str
    target: str
    note: str = ""


def lang_tag(lang: str, script: str | None) -> str:
    """BCP 47, so tools tell Simplified from Traditional: zh-Hans, zh-Hant, en."""
    return f"{lang}-{script}" if script else lang


def joined(lang: str, texts: Iterable[str]) -> str:
    return ("" if normalise_lang(lang) in ("zh", "ja") else " ").join(texts)  # zh-Hant too


def units_from_editions(src: Edition, tgt: Edition, beads: Sequence[Bead]) -> list[Unit]:
    return [
        Unit(
            bead_id(tgt.id, i),
            joined(src.lang, (src.sentences[s].text for s in b.src)),
            joined(tgt.lang, (tgt.sentences[t].text for t in b.tgt)),
            f"{b.shape} score={b.score:.3f}",
        )
        for i, b in enumerate(beads)
    ]


def units_from_dict(ec: dict, original: dict) -> list[Unit]:
    edition = ec["edition"]
    return [
        Unit(
            bead_id(edition["id"], i),
            joined(original["lang"], (original["sentences"][s]["text"] for s in b["src"])),
            joined(edition["lang"], (edition["sentences"][t]["text"] for t in b["tgt"])),
            f"{len(b['src'])}-{len(b['tgt'])} score={float(b.get('score', 0.0)):.3f}",
        )
        for i, b in enumerate(ec["beads"])
    ]


def tmx_bytes(src_lang: str, sections: Sequence[tuple[str, str, list[Unit]]]) -> bytes:
    """``sections``: (edition id, target language, units); one-sided units are left out."""
    from translate.storage.tmx import tmxfile

    store = tmxfile(sourcelanguage=src_lang)
    for edition_id, tgt_lang, units in sections:
        for unit in units:
            if not unit.source or not unit.target:
                continue
            tu = store.addsourceunit(unit.source, src_lang)
            tu.settarget(unit.target, tgt_lang, append=True)
            tu.xmlelement.set("tuid", unit.id)
            tu.addnote(f"edition={edition_id} {unit.note}".strip())
    return bytes(store)


def xliff_bytes(src_lang: str, sections: Sequence[tuple[str, str, list[Unit]]]) -> bytes:
    """One <file> per edition; an omitted original sentence is a unit without a target."""
    from translate.storage.xliff import xlifffile

    store = xlifffile(sourcelanguage=src_lang)
    for edition_id, tgt_lang, units in sections:
        created = False
        for unit in units:
            if not unit.source:
                continue
            tu = store.addsourceunit(unit.source, filename=edition_id, createifmissing=True)
            if not created:
                store.getfilenode(edition_id).set("target-language", tgt_lang)
                created = True
            tu.setid(unit.id)
            if unit.target:
                tu.target = unit.target
            else:
                tu.xmlelement.set("approved", "no")  # nothing in the edition corresponds
            tu.addnote(unit.note, origin="transcompare")
    return bytes(store)


def render_tmx(src: Edition, tgt: Edition, beads: Sequence[Bead]) -> bytes:
    """TMX of one alignment (``transcompare align --format tmx``)."""
    return tmx_bytes(lang_tag(src.lang, src.script), [(tgt.id, lang_tag(tgt.lang, tgt.script), units_from_editions(src, tgt, beads))])


def render_xliff(src: Edition, tgt: Edition, beads: Sequence[Bead]) -> bytes:
    return xliff_bytes(lang_tag(src.lang, src.script), [(tgt.id, lang_tag(tgt.lang, tgt.script), units_from_editions(src, tgt, beads))])


def _sections(data: dict) -> tuple[str, list[tuple[str, str, list[Unit]]]]:
    original = data["original"]
    return lang_tag(original["lang"], original.get("script")), [
        (ec["edition"]["id"], lang_tag(ec["edition"]["lang"], ec["edition"].get("script")), units_from_dict(ec, original))
        for ec in data["editions"]
    ]


class TmxExporter:
    name = "tmx"
    extension = ".tmx"

    def render(self, data: dict) -> bytes:
        return tmx_bytes(*_sections(data))


class XliffExporter:
    name = "xliff"
    extension = ".xlf"

    def render(self, data: dict) -> bytes:
        return xliff_bytes(*_sections(data))
