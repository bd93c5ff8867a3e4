"""Glossary import and export: CSV (the csv module) and TBX-Basic (translate-toolkit plus lxml).

Both carry every field of an entry, so export followed by import gives back the same glossary.

TBX mapping, one ``termEntry`` per entry::

    termEntry
      descrip type="subjectField"     entry type (person, organisation, place, term)
      note                            note
      admin type="source"             ref: where the entry comes from
      admin type="entryStatus"        approved | proposed | deprecated
      langSet xml:lang="zh"           tig per form: source (preferredTerm), variants (admittedTerm)
      langSet xml:lang="en"           tig per rendering: preferred (preferredTerm-admn-sts),
                                      accepted (admittedTerm-admn-sts), forbidden (deprecatedTerm-admn-sts)
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Sequence

from ..errors import GlossaryError
from .store import COLUMNS, Entry, format_tsv, make_entry, parse_tsv, read_glossary_bytes, sort_entries

FORMATS = ("tsv", "csv", "tbx")
PREFERRED, ADMITTED, DEPRECATED = "preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts"
_FORBIDDEN_STATUSES = {"deprecatedterm-admn-sts", "supersededterm-admn-sts", "deprecated", "superseded"}


def format_for(path: str | Path, fmt: str | None = None) -> str:
    """The format named, or the one the file extension says."""
    chosen = (fmt or Path(path).suffix.lstrip(".")).lower()
    if chosen not in FORMATS:
        raise GlossaryError(f"{path}: cannot tell the glossary format; use --format {'|'.join(FORMATS)}")
    return chosen


def dumps(entries: Sequence[Entry], fmt: str) -> bytes:
    if fmt == "tsv":
        return format_tsv(entries).encode("utf-8")
    if fmt == "csv":
        return to_csv(entries).encode("utf-8")
    if fmt == "tbx":
        return to_tbx(entries)
    raise GlossaryError(f"unknown glossary format {fmt!r} (choose {', '.join(FORMATS)})")


def loads(data: bytes, fmt: str, name: str = "<glossary>") -> list[Entry]:
    if fmt == "tbx":
        return from_tbx(data, name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise GlossaryError(f"{name}: not UTF-8 (byte {err.start}); save it as UTF-8") from None
    if fmt == "tsv":
        return list(parse_tsv(text, name).entries)
    if fmt == "csv":
        return from_csv(text, name)
    raise GlossaryError(f"unknown glossary format {fmt!r} (choose {', '.join(FORMATS)})")


def export_file(entries: Sequence[Entry], path: str | Path, fmt: str | None = None) -> None:
    from ..fileio import atomic_write

    atomic_write(path, dumps(entries, format_for(path, fmt)))


def import_file(path: str | Path, fmt: str | None = None) -> list[Entry]:
    path = Path(path)
    return loads(read_glossary_bytes(path), format_for(path, fmt), str(path))


# ---------------------------------------------------------------------------------------- CSV


def to_csv(entries: Sequence[Entry]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for entry in sort_entries(entries):
        writer.writerow(entry.to_row())
    return out.getvalue()


def from_csv(text: str, name: str = "<csv>") -> list[Entry]:
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in reader.fieldnames or ()]
    missing = {"source", "preferred"} - set(header)
    if missing:
        raise GlossaryError(f"{name}:1: header lacks column(s) {', '.join(sorted(missing))} (expected: {','.join(COLUMNS)})")
    reader.fieldnames = header
    entries = []
    for row in reader:
        if None in row:
            raise GlossaryError(f"{name}:{reader.line_num}: more cells than the header has columns")
        if not any((v or "").strip() for v in row.values()):
            continue
        entries.append(make_entry({k: v for k, v in row.items() if k in COLUMNS}, where=f"{name}:{reader.line_num}"))
    return entries


# ---------------------------------------------------------------------------------------- TBX


def to_tbx(entries: Sequence[Entry], source_lang: str = "zh", target_lang: str = "en") -> bytes:
    """TBX-Basic: terms through translate-toolkit's tbx store, the data categories through lxml."""
    from lxml import etree
    from translate.storage.tbx import tbxfile

    store = tbxfile(sourcelanguage=source_lang, targetlanguage=target_lang)
    root = store.document.getroot()
    root.set("type", "TBX-Basic")
    source_desc = root.find(f".//{store.namespaced('sourceDesc')}")
    if source_desc is not None:
        for child in list(source_desc):
            source_desc.remove(child)
        etree.SubElement(source_desc, store.namespaced("p")).text = "transcompare glossary"
    for n, entry in enumerate(sort_entries(entries), 1):
        unit = store.addsourceunit(entry.source)
        unit.setid(f"c{n}")
        unit.set_source_terms(list(entry.zh_forms()))
        renderings = [entry.preferred, *entry.accepted, *entry.forbidden]
        unit.set_target_terms(renderings, target_lang)
        element = unit.xmlelement
        first_lang = element.find(store.namespaced("langSet"))
        for tag, kind, value in (
            ("descrip", "subjectField", entry.type),
            ("note", None, entry.note),
            ("admin", "source", entry.ref),
            ("admin", "entryStatus", entry.status),
        ):
            if not value:
                continue
            node = etree.Element(store.namespaced(tag))
            if kind:
                node.set("type", kind)
            node.text = value
            first_lang.addprevious(node)
        statuses = {
            "zh": [PREFERRED] + [ADMITTED] * len(entry.variants),
            "en": [PREFERRED] + [ADMITTED] * len(entry.accepted) + [DEPRECATED] * len(entry.forbidden),
        }
        for lang_set in element.findall(store.namespaced("langSet")):
            lang = _lang_of(lang_set)
            side = "zh" if lang.startswith("zh") else "en"
            for tig, status in zip(lang_set.findall(store.namespaced("tig")), statuses[side]):
                note = etree.SubElement(tig, store.namespaced("termNote"))
                note.set("type", "administrativeStatus")
                note.text = status
    out = io.BytesIO()
    store.serialize(out)
    return out.getvalue()


def _lang_of(node) -> str:
    return (node.get("{http://www.w3.org/XML/1998/namespace}lang") or node.get("lang") or "").lower()


def from_tbx(data: bytes, name: str = "<tbx>") -> list[Entry]:
    """Read TBX (TBX-Basic or plain TBX): zh langSet = source and variants, en langSet = renderings."""
    from lxml import etree
    from translate.storage.tbx import tbxfile

    try:
        probe = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as err:
        raise GlossaryError(f"{name}:{err.lineno}: not well-formed XML ({err.msg})") from None
    langs = {_lang_of(n) for n in probe.iter() if isinstance(n.tag, str) and etree.QName(n).localname == "langSet"}
    source_lang = next((l for l in sorted(langs) if l.startswith("zh")), None)
    target_lang = next((l for l in sorted(langs) if l.startswith("en")), None)
    if source_lang is None or target_lang is None:
        raise GlossaryError(f"{name}: TBX needs a zh and an en langSet per entry (found: {', '.join(sorted(langs)) or 'none'})")
    store = tbxfile.parsestring(data, sourcelanguage=source_lang, targetlanguage=target_lang)
    entries = []
    for unit in store.units:
        line = unit.xmlelement.sourceline or 0
        # Each entry's own tags: one file may mix zh, zh-Hans, zh-Hant, zh-TW (and en, en-GB);
        # reading only the file's first zh and en tag dropped the other entries without a word.
        langs = list(dict.fromkeys(_lang_of(n) for n in unit.getlanguageNodes()))
        zh_terms = [t for lang in langs if lang.startswith("zh") for t in unit.get_target_terms(lang) if t.text]
        en_terms = [t for lang in langs if lang.startswith("en") for t in unit.get_target_terms(lang) if t.text]
        if not zh_terms or not en_terms:
            continue
        preferred, accepted, forbidden = None, [], []
        for term in en_terms:
            status = (term.administrative_status or "").strip().lower()
            if status in _FORBIDDEN_STATUSES:
                forbidden.append(term.text)
            elif status.startswith("preferred") and preferred is None:
                preferred = term.text
            else:
                accepted.append(term.text)
        if preferred is None:
            if not accepted:
                raise GlossaryError(f"{name}:{line}: entry {zh_terms[0].text!r} has only forbidden renderings")
            preferred = accepted.pop(0)
        zh_sorted = sorted(zh_terms, key=lambda t: not (t.administrative_status or "").lower().startswith("preferred"))
        fields = {"type": "", "note": "", "ref": "", "status": ""}
        for child in unit.xmlelement:
            if not isinstance(child.tag, str):
                continue
            tag, kind, text = etree.QName(child).localname, child.get("type"), (child.text or "").strip()
            if tag == "descrip" and kind == "subjectField":
                fields["type"] = text
            elif tag == "note" and not fields["note"]:
                fields["note"] = text
            elif tag == "descrip" and kind == "definition" and not fields["note"]:
                fields["note"] = text  # other tools' definitions become our note
            elif tag == "admin" and kind == "source":
                fields["ref"] = text
            elif tag == "admin" and kind == "entryStatus":
                fields["status"] = text
        row = {
            "source": zh_sorted[0].text,
            "variants": [t.text for t in zh_sorted[1:]],
            "preferred": preferred,
            "accepted": accepted,
            "forbidden": forbidden,
            **fields,
        }
        entries.append(make_entry(row, where=f"{name}:{line}"))
    return sort_entries(entries)
