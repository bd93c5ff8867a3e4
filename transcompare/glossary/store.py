"""Glossary entries and a TSV loader. (The full store with locking, lint and TBX lives here too.)"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from ..errors import GlossaryError

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "glossaries"
COLUMNS = ("source", "variants", "preferred", "accepted", "forbidden", "type", "note", "ref", "status")


@dataclass(frozen=True)
class Entry:
    source: str  # the zh term as written in the glossary
    preferred: str  # preferred English rendering
    variants: tuple[str, ...] = ()  # other zh script/spelling forms of the term
    accepted: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    type: str = "term"  # person | organisation | place | term
    note: str = ""
    ref: str = ""
    status: str = "approved"


@dataclass
class Glossary:
    entries: list[Entry] = field(default_factory=list)
    paths: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        from ..ingest.script import to_simplified

        self._index: dict[str, Entry] = {}
        for entry in self.entries:
            for form in (entry.source, *entry.variants):
                self._index.setdefault(to_simplified(form), entry)

    def lookup(self, term: str) -> Entry | None:
        from ..ingest.script import to_simplified

        return self._index.get(to_simplified(term))

    def terms(self) -> Iterable[str]:
        return self._index.keys()

    def signature(self) -> str:
        return f"{len(self.entries)}terms"


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(x.strip() for x in (cell or "").split("|") if x.strip())


def read_tsv(path: str | Path) -> list[Entry]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise GlossaryError(f"{path}: cannot read glossary ({err})") from None
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    missing = {"source", "preferred"} - set(rows.fieldnames or ())
    if missing:
        raise GlossaryError(f"{path}:1: header lacks column(s) {', '.join(sorted(missing))}")
    entries = []
    for line, row in enumerate(rows, start=2):
        if not (row.get("source") or "").strip():
            continue
        if not (row.get("preferred") or "").strip():
            raise GlossaryError(f"{path}:{line}: entry {row['source']!r} has no preferred rendering")
        entries.append(
            Entry(
                source=row["source"].strip(),
                preferred=row["preferred"].strip(),
                variants=_split(row.get("variants")),
                accepted=_split(row.get("accepted")),
                forbidden=_split(row.get("forbidden")),
                type=(row.get("type") or "term").strip(),
                note=(row.get("note") or "").strip(),
                ref=(row.get("ref") or "").strip(),
                status=(row.get("status") or "approved").strip(),
            )
        )
    return entries


def load_glossaries(paths: Sequence[str] = (), defaults: bool = True) -> Glossary | None:
    files = [Path(p) for p in paths]
    if defaults and DEFAULT_DIR.is_dir():
        files = sorted(DEFAULT_DIR.glob("*.tsv")) + files
    if not files:
        return None
    entries: list[Entry] = []
    for path in files:
        entries.extend(read_tsv(path))
    return Glossary(entries, tuple(str(p) for p in files))
