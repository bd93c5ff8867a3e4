"""Embeddings cached on disk, keyed by hash(text) + encoder signature, so no text is embedded twice.

One SQLite file shared by every process: WAL mode and a busy timeout make concurrent runs safe,
and each batch is written in one transaction (atomic: all rows or none). Within a process, a lock
lets threads share the connection (the engine segments words in one while it embeds in another).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from ..fileio import cache_dir, fill_from_cache, open_shared_sqlite, select_by_keys

if TYPE_CHECKING:
    import numpy as np

    from ..protocols import Encoder

Progress = Callable[[int, int], None]  # (done, total)


def default_cache_path() -> Path:
    env = os.environ.get("TRANSCOMPARE_CACHE", "")
    return Path(env).expanduser() if env.endswith(".sqlite") else cache_dir() / "embeddings.sqlite"


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    """``get_many`` / ``put_many`` of float32 vectors by (encoder signature, text hash)."""

    def __init__(self, path: str | os.PathLike | None = None):
        self.path = Path(path) if path else default_cache_path()
        try:
            self._conn = open_shared_sqlite(self.path)
        except (OSError, sqlite3.Error):  # a read-only or broken cache location only costs time
            self._conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        self._lock = threading.Lock()  # one transaction at a time on the shared connection
        self._conn.execute(
            "CREATE TABLE IF NOT EXISTS embeddings (encoder TEXT NOT NULL, key TEXT NOT NULL, "
            "dim INTEGER NOT NULL, vec BLOB NOT NULL, PRIMARY KEY (encoder, key)) WITHOUT ROWID"
        )
        self._conn.execute(
            "CREATE TABLE IF NOT EXISTS analyses (kind TEXT NOT NULL, key TEXT NOT NULL, "
            "value TEXT NOT NULL, PRIMARY KEY (kind, key)) WITHOUT ROWID"
        )

    def get_many(self, encoder: str, keys: Sequence[str]) -> dict[str, "np.ndarray"]:
        import numpy as np

        found: dict[str, np.ndarray] = {}
        query = "SELECT key, vec FROM embeddings WHERE encoder = ? AND key IN ({marks})"
        with self._lock:
            rows = select_by_keys(self._conn, query, encoder, keys)
        for key, blob in rows:
            found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_many(self, encoder: str, items: dict[str, "np.ndarray"]) -> None:
        import numpy as np

        rows = [(encoder, k, int(v.shape[0]), np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()]
        self._write("INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?, ?)", rows)

    def get_json_many(self, kind: str, keys: Sequence[str]) -> dict[str, object]:
        """Cached analyses (e.g. segmented words) by (kind + version, text hash)."""
        import json

        found: dict[str, object] = {}
        query = "SELECT key, value FROM analyses WHERE kind = ? AND key IN ({marks})"
        with self._lock:
            rows = select_by_keys(self._conn, query, kind, keys)
        for key, value in rows:
            found[key] = json.loads(value)
        return found

    def put_json_many(self, kind: str, items: dict[str, object]) -> None:
        import json

        rows = [(kind, k, json.dumps(v, ensure_ascii=False, sort_keys=True)) for k, v in items.items()]
        self._write("INSERT OR REPLACE INTO analyses VALUES (?, ?, ?)", rows)

    def _write(self, statement: str, rows: list[tuple]) -> None:
        with self._lock, self._conn:  # one transaction: all rows or none
            self._conn.execute("BEGIN IMMEDIATE")
            self._conn.executemany(statement, rows)

    def close(self) -> None:
        self._conn.close()


class CachedEncoder:
    """Wraps any Encoder: looks texts up in the cache and embeds only the missing ones, once each."""

    def __init__(self, encoder: "Encoder", cache: EmbeddingCache | None = None, batch_size: int = 64):
        self.encoder = encoder
        self.name = encoder.name
        self.cache = cache if cache is not None else EmbeddingCache()
        self.batch_size = batch_size

    def signature(self) -> str:
        return self.encoder.signature()

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> "np.ndarray":
        import numpy as np

        sig = self.encoder.signature()
        keys = [text_key(t) for t in texts]
        found = fill_from_cache(
            keys, texts, self.cache.get_many(sig, keys),
            lambda batch: np.asarray(self.encoder.encode(batch), dtype=np.float32),
            lambda fresh: self.cache.put_many(sig, fresh), self.batch_size, progress,
        )
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([found[k] for k in keys])
