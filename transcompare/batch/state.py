"""The record of finished cases: one SQLite file in OUTDIR, written only by the run's client.

A case's row changes in one transaction, after its reports are on disk, so a run killed at any
moment leaves either the old row or the new one. ``attempts`` counts submissions and
``completions`` counts recorded results, which is how the tests check "exactly once".
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import OptionError

_COLUMNS = ("id", "key", "status", "error", "outputs", "summary", "notes", "attempts", "completions", "seconds",
            "cpu_seconds", "worker", "finished_at")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS cases (
    id TEXT PRIMARY KEY,
    key TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'pending',
    error TEXT NOT NULL DEFAULT '',
    outputs TEXT NOT NULL DEFAULT '{}',
    summary TEXT NOT NULL DEFAULT '{}',
    notes TEXT NOT NULL DEFAULT '[]',
    attempts INTEGER NOT NULL DEFAULT 0,
    completions INTEGER NOT NULL DEFAULT 0,
    seconds REAL NOT NULL DEFAULT 0,
    cpu_seconds REAL NOT NULL DEFAULT 0,
    worker TEXT NOT NULL DEFAULT '',
    finished_at TEXT NOT NULL DEFAULT ''
)
"""


@dataclass(frozen=True)
class CaseRecord:
    id: str
    key: str
    status: str  # pending | ok | error
    error: str = ""
    outputs: dict[str, str] = field(default_factory=dict)  # format -> path relative to OUTDIR
    summary: dict[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    attempts: int = 0
    completions: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    worker: str = ""
    finished_at: str = ""


class StateStore:
    """Finished cases by id, in ``OUTDIR/state.sqlite``."""

    def __init__(self, path: str | Path):
        """Open or create the state; a file that is not one (or is damaged) is a one-line error."""
        self.path = Path(path)
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute(_SCHEMA)
            (check,) = self._db.execute("PRAGMA quick_check").fetchone()
            if check != "ok":
                raise sqlite3.DatabaseError(check)
        except sqlite3.DatabaseError as err:
            raise OptionError(f"{self.path}: not a usable batch state file ({err}); move it away to redo every case, "
                              "or choose another folder") from None

    def get(self, case_id: str) -> CaseRecord | None:
        row = self._db.execute(f"SELECT {', '.join(_COLUMNS)} FROM cases WHERE id = ?", (case_id,)).fetchone()
        return _record(row) if row else None

    def all(self) -> dict[str, CaseRecord]:
        return {row[0]: _record(row) for row in self._db.execute(f"SELECT {', '.join(_COLUMNS)} FROM cases ORDER BY id")}

    def begin(self, case_id: str, key: str) -> None:
        """Count a submission; the old result, if any, stays until the new one is recorded."""
        self._db.execute(
            "INSERT INTO cases (id, key, attempts) VALUES (?, ?, 1) "
            "ON CONFLICT(id) DO UPDATE SET attempts = attempts + 1",
            (case_id, key),
        )

    def finish(self, case_id: str, key: str, status: str, error: str = "", outputs: dict | None = None,
               summary: dict | None = None, notes: tuple[str, ...] = (), seconds: float = 0.0, cpu_seconds: float = 0.0,
               worker: str = "") -> None:
        """Record a result in one transaction (call only once its reports are written)."""
        import datetime

        now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
        self._db.execute(
            "INSERT INTO cases (id, key, status, error, outputs, summary, notes, attempts, completions, seconds, cpu_seconds, "
            "worker, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, 1, ?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET key = excluded.key, status = excluded.status, error = excluded.error, "
            "outputs = excluded.outputs, summary = excluded.summary, notes = excluded.notes, "
            "completions = completions + 1, seconds = excluded.seconds, cpu_seconds = excluded.cpu_seconds, "
            "worker = excluded.worker, "
            "finished_at = excluded.finished_at",
            (case_id, key, status, error, _dump(outputs or {}), _dump(summary or {}), _dump(list(notes)),
             seconds, cpu_seconds, worker, now),
        )

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "StateStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _record(row: tuple) -> CaseRecord:
    (case_id, key, status, error, outputs, summary, notes, attempts, completions, seconds, cpu_seconds, worker,
     finished_at) = row
    return CaseRecord(case_id, key, status, error, json.loads(outputs), json.loads(summary), tuple(json.loads(notes)),
                      attempts, completions, seconds, cpu_seconds, worker, finished_at)
