"""A corpus manifest (CSV or JSONL): one case per row, each an original, its editions and metadata.

Paths are relative to the manifest's folder; ``http(s)://`` URLs pass through untouched.

CSV columns: ``id``, ``original``, ``editions`` (``;``-separated), and optionally ``original_lang``,
``edition_langs`` (``;``-separated), ``outlet``, ``date`` (or ``published``); other columns become
metadata. JSONL: one object per line with the same keys; ``original`` and each edition may also be
``{"path": ..., "lang": ...}`` as in ``corpora/*/case.json``, and ``meta`` may hold a dict.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..errors import ManifestError
from ..langs import normalise_lang

_URL = re.compile(r"^https?://", re.I)
_DATE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")
_KNOWN = {"id", "original", "editions", "original_lang", "edition_langs", "outlet", "date", "published", "meta"}


@dataclass(frozen=True)
class CaseInput:
    """One article of a case: where to read it (resolved) and its language if the manifest says."""

    source: str  # absolute path or URL
    written: str  # as the manifest wrote it (names edition ids and reports)
    lang: str | None = None

    @property
    def is_url(self) -> bool:
        return bool(_URL.match(self.source))


@dataclass(frozen=True)
class Case:
    """One comparison to run: an original against one or more editions, plus metadata."""

    id: str
    original: CaseInput
    editions: tuple[CaseInput, ...]
    outlet: str | None = None
    date: str | None = None  # ISO date (YYYY-MM-DD or YYYY-MM)
    meta: dict[str, Any] = field(default_factory=dict)
    line: int = 0  # where the manifest defines it, for messages

    @property
    def month(self) -> str:
        return self.date[:7] if self.date else "unknown"


def load_manifest(path: str | Path) -> list[Case]:
    """Read and validate a manifest; any problem is a ManifestError naming file and line."""
    path = Path(path)
    if path.is_dir():
        raise ManifestError(f"{path} is a directory; give the manifest file (CSV or JSONL) in it")
    if not path.is_file():
        raise ManifestError(f"{path}: no such manifest file")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ManifestError(f"{path}: not UTF-8; save the manifest as UTF-8") from None
    except OSError as err:
        raise ManifestError(f"{path}: cannot read ({err.strerror or err})") from None
    if not text.strip():
        raise ManifestError(f"{path} is empty: no cases; add one row per case")
    rows = _rows(path, text)
    base = path.resolve().parent
    cases = [_case(path, line, row, base) for line, row in rows]
    if not cases:
        raise ManifestError(f"{path}: no cases; add one row per case")
    seen: dict[str, int] = {}
    for case in cases:
        if case.id in seen:
            raise ManifestError(f"{path}:{case.line}: duplicate id {case.id!r} (first on line {seen[case.id]})")
        seen[case.id] = case.line
    return cases


def _rows(path: Path, text: str) -> list[tuple[int, dict]]:
    suffix = path.suffix.lower()
    if suffix == ".csv" or (suffix not in (".jsonl", ".ndjson", ".json") and not text.lstrip().startswith(("{", "["))):
        return _csv_rows(path, text)
    if text.lstrip().startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as err:
            raise ManifestError(f"{path}:{err.lineno}: invalid JSON ({err.msg})") from None
        return [(n, _object(path, n, item)) for n, item in enumerate(items, 1)]
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as err:
            raise ManifestError(f"{path}:{n}: invalid JSON ({err.msg})") from None
        rows.append((n, _object(path, n, item)))
    return rows


def _object(path: Path, line: int, item: Any) -> dict:
    if not isinstance(item, dict):
        raise ManifestError(f"{path}:{line}: each case must be a JSON object")
    return item


def _csv_rows(path: Path, text: str) -> list[tuple[int, dict]]:
    reader = csv.DictReader(io.StringIO(text))
    missing = {"id", "original", "editions"} - set(reader.fieldnames or ())
    if missing:
        first = text.split("\n", 1)[0]
        hint = "; it looks tab-separated: write commas (CSV) or one JSON object a line (JSONL)" if "\t" in first and "," not in first else ""
        raise ManifestError(f"{path}:1: CSV header lacks {', '.join(sorted(missing))}{hint}")
    rows = []
    for row in reader:
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue
        if row.get(None):  # DictReader files cells past the header under None; they were dropped in silence
            raise ManifestError(f"{path}:{reader.line_num}: more cells than the header has columns "
                                "(quote a value that holds a comma)")
        row = {k: v for k, v in row.items() if k is not None}
        row["editions"] = _split(row.get("editions"))
        if "edition_langs" in row:
            row["edition_langs"] = _split(row.get("edition_langs"))
        rows.append((reader.line_num, row))
    return rows


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(";") if part.strip()]


def _case(path: Path, line: int, row: dict, base: Path) -> Case:
    where = f"{path}:{line}"
    case_id = str(row.get("id") or "").strip()
    if not case_id:
        raise ManifestError(f"{where}: case has no id")
    original = _input(where, row.get("original"), row.get("original_lang"), base)
    raw_editions = row.get("editions") or []
    if isinstance(raw_editions, (str, dict)):
        raw_editions = [raw_editions]
    if not isinstance(raw_editions, list):
        raise ManifestError(f"{where}: editions must be a path, an object or a list of them")
    if not raw_editions:
        raise ManifestError(f"{where}: case {case_id!r} lists no editions")
    langs = row.get("edition_langs") or []
    if isinstance(langs, str):  # JSONL "en" as in CSV, not the letters e, n
        langs = _split(langs)
    if not isinstance(langs, list):
        raise ManifestError(f"{where}: edition_langs must be a string or a list")
    if len(langs) > len(raw_editions):  # zip() dropped the extra ones: which edition was meant?
        raise ManifestError(f"{where}: {len(langs)} edition_langs for {len(raw_editions)} edition(s)")
    langs = langs + [None] * (len(raw_editions) - len(langs))
    editions = tuple(_input(where, item, lang, base) for item, lang in zip(raw_editions, langs))
    date = str(row.get("date") or row.get("published") or "").strip() or None
    if date and not (_DATE.match(date) and _real_date(date)):
        raise ManifestError(f"{where}: date {date!r} is not YYYY-MM-DD or YYYY-MM")
    if row.get("meta") is not None and not isinstance(row.get("meta"), dict):
        raise ManifestError(f"{where}: meta must be an object")
    meta = dict(row.get("meta") or {})
    meta.update({k: v for k, v in row.items() if k not in _KNOWN and v not in (None, "")})
    outlet = str(row.get("outlet") or "").strip() or None
    return Case(case_id, original, editions, outlet, date, meta, line)


def _real_date(date: str) -> bool:
    """2026-13-45 matches the pattern but is no date (and would make a month 2026-13)."""
    import datetime

    try:
        datetime.date.fromisoformat(date if len(date) == 10 else f"{date}-01")
    except ValueError:
        return False
    return True


def _input(where: str, item: Any, lang: Any, base: Path) -> CaseInput:
    if isinstance(item, dict):
        lang = item.get("lang", lang)
        item = item.get("path") or item.get("url")
    if not isinstance(item, str) or not item.strip():
        raise ManifestError(f"{where}: every original and edition needs a path or URL")
    written = item.strip()
    source = written if _URL.match(written) else str((base / written).resolve())
    if lang is not None and not isinstance(lang, str):  # 5 or true read as "no language" in silence
        raise ManifestError(f"{where}: a language must be a string such as \"zh\" or \"en\", not {lang!r}")
    return CaseInput(source, written, normalise_lang(lang))


def write_manifest(path: str | Path, rows: Iterable[dict]) -> None:
    """Write JSONL rows (generated corpora in tests and benchmarks use this)."""
    from ..fileio import atomic_write

    atomic_write(path, "".join(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n" for row in rows))
