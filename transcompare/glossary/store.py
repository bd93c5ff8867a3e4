"""Glossary entries, the TSV format, and a locked, atomic store for editing one glossary file.

Format (one file per glossary, UTF-8, tab-separated, one entry per line, sorted by source so
git diffs stay small)::

    # comment lines before the header are kept when the toolkit rewrites the file
    source	variants	preferred	accepted	forbidden	type	note	ref	status
    习近平	習近平	Xi Jinping	Xi	 	person	...	...	approved

Multi-valued cells (variants, accepted, forbidden) separate values with ``|``. ``ref`` says where
the entry comes from. Traditional and Simplified forms of a term match each other: lookups go
through OpenCC, so ``variants`` only needs forms that differ in more than script.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Sequence

from ..errors import GlossaryError


def _default_dir() -> Path:
    """The starter glossaries: ``glossaries/`` beside the package in a checkout (or an editable
    install); from a wheel, ``<prefix>/share/transcompare/glossaries`` (pyproject's data-files)."""
    import site
    import sys
    import sysconfig

    checkout = Path(__file__).resolve().parents[2] / "glossaries"
    prefixes = (sysconfig.get_path("data"), sys.prefix, getattr(site, "USER_BASE", None))
    candidates = [checkout] + [Path(p) / "share" / "transcompare" / "glossaries" for p in prefixes if p]
    return next((c for c in candidates if c.is_dir()), checkout)


DEFAULT_DIR = _default_dir()
COLUMNS = ("source", "variants", "preferred", "accepted", "forbidden", "type", "note", "ref", "status")
MULTI = ("variants", "accepted", "forbidden")
TYPES = ("person", "organisation", "place", "term")
STATUSES = ("approved", "proposed", "deprecated")
_TYPE_ALIASES = {"organization": "organisation", "org": "organisation", "location": "place"}


def canonical_type(kind: str) -> str:
    """An entry type as stored: lower case, with the usual aliases (organization, org, location)."""
    kind = kind.lower()
    return _TYPE_ALIASES.get(kind, kind)


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

    def zh_forms(self) -> tuple[str, ...]:
        return (self.source, *self.variants)

    def english_ok(self) -> tuple[str, ...]:
        """Renderings that satisfy the glossary: the preferred one first."""
        return (self.preferred, *self.accepted)

    def to_row(self) -> dict[str, str]:
        return {c: "|".join(getattr(self, c)) if c in MULTI else getattr(self, c) for c in COLUMNS}


@dataclass(frozen=True)
class Origin:
    """Where an entry was read from, so messages can name file and line."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Match:
    """A glossary term found in a Chinese text: ``text[start:end]`` is the form as written."""

    entry: Entry
    start: int
    end: int
    form: str


@functools.lru_cache(maxsize=65536)
def term_key(term: str) -> str:
    """The form lookups compare: Simplified script, no surrounding space (cached: the entities
    check looks up each name of a long article many times, and OpenCC is slow to call)."""
    from ..ingest.script import to_simplified

    return to_simplified(term.strip())


@dataclass
class Glossary:
    entries: list[Entry] = field(default_factory=list)
    paths: tuple[str, ...] = ()
    origins: tuple[Origin, ...] = ()  # parallel to entries when read from files

    def __post_init__(self) -> None:
        self._index: dict[str, Entry] = {}
        for entry in self.entries:
            for form in entry.zh_forms():
                self._index.setdefault(term_key(form), entry)

    def lookup(self, term: str) -> Entry | None:
        return self._index.get(term_key(term))

    def terms(self) -> Iterable[str]:
        return self._index.keys()

    def active_entries(self) -> list[Entry]:
        """Entries not overridden by an earlier glossary's entry for the same term."""
        return [e for e in self.entries if self._index.get(term_key(e.source)) is e]

    def origin(self, entry: Entry) -> Origin | None:
        for candidate, origin in zip(self.entries, self.origins):
            if candidate is entry:
                return origin
        return None

    def find_in(self, text: str) -> list[Match]:
        """Every glossary term in a zh text, longest first, without overlaps, in text order."""
        from ..ingest.script import to_simplified

        view = to_simplified(text)
        if len(view) != len(text):  # to_simplified keeps length; guard offsets all the same
            view = text
        taken = [False] * len(text)
        found: list[Match] = []
        for key in sorted(self._index, key=lambda k: (-len(k), k)):
            if not key:
                continue
            start = view.find(key)
            while start != -1:
                end = start + len(key)
                if not any(taken[start:end]):
                    taken[start:end] = [True] * (end - start)
                    found.append(Match(self._index[key], start, end, text[start:end]))
                start = view.find(key, start + 1)
        return sorted(found, key=lambda m: (m.start, m.end))

    def signature(self) -> str:
        """Entry count plus a content hash, so a report says which glossary judged it."""
        digest = hashlib.sha256()
        for entry in self.entries:
            digest.update("\t".join(entry.to_row()[c] for c in COLUMNS).encode("utf-8") + b"\n")
        return f"{len(self.entries)}terms-{digest.hexdigest()[:8]}"


# ---------------------------------------------------------------------------------------- TSV


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(x.strip() for x in (cell or "").split("|") if x.strip())


def _bad_chars(value: str) -> bool:
    """Tabs, control characters and U+2028/U+2029: ``splitlines`` breaks a line at several of
    them, so a value holding one would be written as a file the toolkit cannot read back."""
    import unicodedata

    return any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in value)


def make_entry(row: dict[str, str | Sequence[str] | None], where: str = "") -> Entry:
    """Build and validate an entry from column values (strings, or sequences for multi cells)."""
    prefix = f"{where}: " if where else ""

    def cell(name: str) -> str:
        value = row.get(name)
        if value is None:
            return ""
        if not isinstance(value, str):
            value = "|".join(value)
        if _bad_chars(value):
            raise GlossaryError(f"{prefix}column {name!r} contains a tab, line break or control character")
        return value.strip()

    source, preferred = cell("source"), cell("preferred")
    if not source:
        raise GlossaryError(f"{prefix}entry has no source term")
    if "|" in source or "|" in preferred:
        raise GlossaryError(f"{prefix}entry {source!r}: source and preferred take one value; put others in variants/accepted")
    if not preferred:
        raise GlossaryError(f"{prefix}entry {source!r} has no preferred rendering")
    kind = canonical_type(cell("type") or "term")
    if kind not in TYPES:
        raise GlossaryError(f"{prefix}entry {source!r}: unknown type {kind!r} (choose {', '.join(TYPES)})")
    status = cell("status").lower() or "approved"
    if status not in STATUSES:
        raise GlossaryError(f"{prefix}entry {source!r}: unknown status {status!r} (choose {', '.join(STATUSES)})")
    return Entry(
        source=source,
        preferred=preferred,
        variants=_split(cell("variants")),
        accepted=_split(cell("accepted")),
        forbidden=_split(cell("forbidden")),
        type=kind,
        note=cell("note"),
        ref=cell("ref"),
        status=status,
    )


@dataclass(frozen=True)
class TsvDocument:
    """A parsed glossary file: its leading comments, and entries with their line numbers."""

    preamble: tuple[str, ...]
    entries: tuple[Entry, ...]
    lines: tuple[int, ...]


def parse_tsv(text: str, path: str = "<glossary>") -> TsvDocument:
    """Parse glossary TSV; every error names ``path:line`` and what to fix."""
    preamble: list[str] = []
    header: list[str] | None = None
    entries: list[Entry] = []
    lines: list[int] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.lstrip("\ufeff") if number == 1 else raw
        if not line.strip():
            continue
        if line.lstrip().startswith("#"):
            if header is None:
                preamble.append(line)
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip().lower() for c in cells]
            missing = {"source", "preferred"} - set(header)
            if missing:
                other = next((f for f, sign in (("CSV", ","), ("TBX", "<")) if sign in line and "\t" not in line), None)
                hint = f"; this looks like {other}: `transcompare glossary import` it into a TSV" if other else ""
                raise GlossaryError(f"{path}:{number}: header lacks column(s) {', '.join(sorted(missing))} (expected: {' '.join(COLUMNS)}){hint}")
            unknown = [c for c in header if c not in COLUMNS]
            if unknown:
                raise GlossaryError(f"{path}:{number}: unknown column(s) {', '.join(unknown)} (expected: {' '.join(COLUMNS)})")
            if len(set(header)) != len(header):
                raise GlossaryError(f"{path}:{number}: a column name appears twice in the header")
            continue
        if len(cells) > len(header):
            raise GlossaryError(f"{path}:{number}: {len(cells)} cells but the header has {len(header)} columns (a stray tab?)")
        row = dict(zip(header, cells))
        entries.append(make_entry(row, where=f"{path}:{number}"))
        lines.append(number)
    if header is None:
        raise GlossaryError(f"{path}:1: no header line (expected: {' '.join(COLUMNS)})")
    return TsvDocument(tuple(preamble), tuple(entries), tuple(lines))


def read_glossary_bytes(path: str | Path) -> bytes:
    """A glossary file's bytes, read with ingest's cap on articles: a huge file or a device
    (/dev/zero, /dev/urandom) is refused in one line instead of filling memory or never ending."""
    from ..ingest.reader import MAX_BYTES, read_capped

    path = Path(path)
    too_big = f"{path} is over {MAX_BYTES // 2**20} MiB; that is not a glossary"
    try:
        if path.stat().st_size > MAX_BYTES:
            raise GlossaryError(too_big)
        data = read_capped(path)
    except OSError as err:
        raise GlossaryError(f"{path}: cannot read glossary ({err.strerror or err})") from None
    if len(data) > MAX_BYTES:
        raise GlossaryError(too_big)
    return data


def read_tsv_document(path: str | Path) -> TsvDocument:
    path = Path(path)
    try:
        text = read_glossary_bytes(path).decode("utf-8")
    except UnicodeDecodeError as err:
        raise GlossaryError(f"{path}: not UTF-8 (byte {err.start}); save the glossary as UTF-8") from None
    return parse_tsv(text, str(path))


def read_tsv(path: str | Path) -> list[Entry]:
    return list(read_tsv_document(path).entries)


def sort_entries(entries: Iterable[Entry]) -> list[Entry]:
    """The on-disk order: by source, then preferred; stable and diff-friendly."""
    return sorted(entries, key=lambda e: (e.source, e.preferred, e.type))


def format_tsv(entries: Iterable[Entry], preamble: Sequence[str] = ()) -> str:
    out = [*preamble, "\t".join(COLUMNS)]
    for entry in sort_entries(entries):
        row = entry.to_row()
        out.append("\t".join(row[c] for c in COLUMNS))
    return "\n".join(out) + "\n"


def write_tsv(path: str | Path, entries: Iterable[Entry], preamble: Sequence[str] = ()) -> None:
    """Write a whole glossary atomically (readers see the old file or the new one)."""
    from ..fileio import atomic_write

    atomic_write(path, format_tsv(entries, preamble))


def load_glossaries(paths: Sequence[str] = (), defaults: bool = True) -> Glossary | None:
    """The glossaries given plus, unless ``defaults`` is False, every glossaries/*.tsv.

    Where two entries claim one term, the first loaded wins: the glossaries given, in order,
    before the defaults, so a newsroom's own list overrides the starter lists."""
    files = [Path(p) for p in paths]
    if defaults and DEFAULT_DIR.is_dir():
        given = {p.resolve() for p in files}
        files = files + [p for p in sorted(DEFAULT_DIR.glob("*.tsv")) if p.resolve() not in given]
    if not files:
        return None
    entries: list[Entry] = []
    origins: list[Origin] = []
    for path in files:
        if path.is_dir():
            raise GlossaryError(f"{path}: is a directory; give a glossary .tsv file")
        doc = read_tsv_document(path)
        entries.extend(doc.entries)
        origins.extend(Origin(str(path), n) for n in doc.lines)
    return Glossary(entries, tuple(str(p) for p in files), tuple(origins))


# ---------------------------------------------------------------------------------- the store


def _same_term(a: Entry, b: Entry) -> bool:
    keys = {term_key(f) for f in a.zh_forms()}
    return any(term_key(f) in keys for f in b.zh_forms())


class GlossaryStore:
    """One glossary file, edited read-modify-write under a lock, written atomically.

    Two processes adding terms at once both land: each holds the lock while it reads, changes
    and replaces the file. A crash leaves the old file, never half of a new one."""

    def __init__(self, path: str | Path, timeout: float = 60.0):
        self.path = Path(path)
        self.timeout = timeout

    def _lock(self):
        from filelock import FileLock

        self.path.parent.mkdir(parents=True, exist_ok=True)
        return FileLock(str(self.path) + ".lock", timeout=self.timeout)

    def read(self) -> TsvDocument:
        if not self.path.exists():
            return TsvDocument((), (), ())
        return read_tsv_document(self.path)

    def entries(self) -> list[Entry]:
        return list(self.read().entries)

    def update(self, change: Callable[[list[Entry]], list[Entry]]) -> list[Entry]:
        """Apply ``change`` to the current entries under the lock and write the result."""
        from filelock import Timeout

        try:
            with self._lock():
                doc = self.read()
                entries = change(list(doc.entries))
                write_tsv(self.path, entries, doc.preamble)
                return entries
        except Timeout:
            raise GlossaryError(f"{self.path}: another process holds the glossary lock ({self.path}.lock); try again") from None
        except OSError as err:  # its folder or lock file cannot be created
            from ..fileio import output_problem

            reason = output_problem(self.path) or err.strerror or err
            raise GlossaryError(f"{self.path}: cannot write the glossary ({reason})") from None

    def add(self, entry: Entry, replace_existing: bool = False) -> Entry:
        """Add one entry; an existing entry for the same term is an error unless ``replace_existing``."""
        return self.add_many([entry], on_conflict="replace" if replace_existing else "error",
                             hint="use --replace to overwrite")[0]

    def add_many(self, new: Sequence[Entry], on_conflict: str = "error",
                 hint: str = "choose --on-conflict replace, skip or merge") -> list[Entry]:
        """Add entries in one locked write. ``on_conflict``: error | replace | skip | merge;
        ``hint`` ends the error for a term already there (``glossary add`` says --replace)."""
        if on_conflict not in ("error", "replace", "skip", "merge"):
            raise GlossaryError(f"unknown conflict policy {on_conflict!r} (choose error, replace, skip, merge)")
        added: list[Entry] = []

        def change(entries: list[Entry]) -> list[Entry]:
            added.clear()
            keys = [{term_key(f) for f in e.zh_forms()} for e in entries]
            for entry in new:
                mine = {term_key(f) for f in entry.zh_forms()}
                clash = [i for i, k in enumerate(keys) if k & mine]
                if clash and on_conflict == "error":
                    old = entries[clash[0]]
                    raise GlossaryError(f"{self.path}: {entry.source!r} is already there as {old.source!r} → {old.preferred!r}; {hint}")
                if clash and on_conflict == "skip":
                    continue
                if clash and on_conflict == "merge":
                    entries[clash[0]] = merge_pair(entries[clash[0]], entry)
                    keys[clash[0]] = {term_key(f) for f in entries[clash[0]].zh_forms()}
                    added.append(entries[clash[0]])
                    continue
                entries = [e for i, e in enumerate(entries) if i not in clash] + [entry]
                keys = [k for i, k in enumerate(keys) if i not in clash] + [mine]
                added.append(entry)
            return entries

        self.update(change)
        return list(added)

    def remove(self, term: str) -> Entry:
        """Remove the entry for ``term`` (any script or variant form)."""
        removed: list[Entry] = []
        key = term_key(term)

        def change(entries: list[Entry]) -> list[Entry]:
            hits = [e for e in entries if key in {term_key(f) for f in e.zh_forms()}]
            if not hits:
                raise GlossaryError(f"{self.path}: no entry for {term!r}")
            removed[:] = hits
            return [e for e in entries if e not in hits]

        self.update(change)
        return removed[0]


def _union(*groups: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for group in groups:
        for value in group:
            seen.setdefault(value, None)
    return tuple(seen)


def _fold(value: str) -> str:
    return " ".join(value.split()).lower()


def contradictions(a: Entry, b: Entry) -> tuple[str, ...]:
    """Renderings one entry allows (preferred or accepted) and the other forbids."""
    bad_a, bad_b = {_fold(x) for x in a.forbidden}, {_fold(x) for x in b.forbidden}
    return _union((x for x in a.english_ok() if _fold(x) in bad_b), (x for x in b.english_ok() if _fold(x) in bad_a))


def merge_pair(first: Entry, second: Entry) -> Entry:
    """Two entries for the same term as one: values united, and where they disagree (one allows a
    rendering the other forbids) ``first``'s ruling stands; a merged entry never allows and forbids
    one rendering at once (lint's G003)."""
    first_bad = {_fold(x) for x in first.forbidden}
    variants = tuple(v for v in _union(first.variants, (second.source,), second.variants) if v != first.source)
    theirs = second.accepted + ((second.preferred,) if second.preferred != first.preferred else ())
    accepted = tuple(a for a in _union(first.accepted, (t for t in theirs if _fold(t) not in first_bad))
                     if a != first.preferred)
    allowed = {_fold(x) for x in (first.preferred, *accepted)}
    return replace(
        first,
        variants=variants,
        accepted=accepted,
        forbidden=_union(first.forbidden, (f for f in second.forbidden if _fold(f) not in allowed)),
        note=first.note or second.note,
        ref=first.ref or second.ref,
    )


def merge_entries(groups: Sequence[Sequence[Entry]], on_conflict: str = "error") -> tuple[list[Entry], list[tuple[Entry, Entry]]]:
    """Merge glossaries. Same term and same preferred: one entry, values united.

    Same term, different preferred (or a rendering one allows and the other forbids): ``error``
    keeps the first as it is and reports the pair; ``first``/``last`` keep that side's preferred
    and rulings, and file the other's preferred as accepted (unless the kept side forbids it)."""
    if on_conflict not in ("error", "first", "last"):
        raise GlossaryError(f"unknown conflict policy {on_conflict!r} (choose error, first, last)")
    merged: list[Entry] = []
    conflicts: list[tuple[Entry, Entry]] = []
    for group in groups:
        for entry in group:
            clash = next((i for i, old in enumerate(merged) if _same_term(old, entry)), None)
            if clash is None:
                merged.append(entry)
                continue
            old = merged[clash]
            if old.preferred == entry.preferred and not contradictions(old, entry) or on_conflict == "first":
                merged[clash] = merge_pair(old, entry)
            elif on_conflict == "last":
                merged[clash] = merge_pair(entry, old)
            else:
                conflicts.append((old, entry))
    return sort_entries(merged), conflicts
