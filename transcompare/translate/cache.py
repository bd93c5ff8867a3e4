"""Translations cached in SQLite, keyed by the translator's signature and the source text, so a
rerun translates nothing twice.

One file shared by every process: WAL mode and a busy timeout let several runs read and
write at once, and each batch is written in one transaction (all rows or none).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Callable, Sequence

from ..fileio import fill_from_cache, open_shared_sqlite, select_by_keys
from .config import cache_path

Progress = Callable[[int, int], None]  # (done, total)


def text_key(text: str, src_lang: str, tgt_lang: str) -> str:
    return hashlib.sha256(f"{src_lang}\x1f{tgt_lang}\x1f{text}".encode("utf-8")).hexdigest()


class TranslationCache:
    """``get_many`` / ``put_many`` of translations by (translator signature, source key)."""

    def __init__(self, path: str | os.PathLike | None = None):
        self.path = Path(path) if path else cache_path()
        self._conn = open_shared_sqlite(self.path)
        self._conn.execute(
            "CREATE TABLE IF NOT EXISTS translations (translator TEXT NOT NULL, key TEXT NOT NULL, "
            "translation TEXT NOT NULL, PRIMARY KEY (translator, key)) WITHOUT ROWID"
        )

    def get_many(self, translator: str, keys: Sequence[str]) -> dict[str, str]:
        query = "SELECT key, translation FROM translations WHERE translator = ? AND key IN ({marks})"
        return dict(select_by_keys(self._conn, query, translator, keys))

    def put_many(self, translator: str, items: dict[str, str]) -> None:
        rows = [(translator, key, value) for key, value in sorted(items.items())]
        with self._conn:  # one transaction: all rows or none
            self._conn.execute("BEGIN IMMEDIATE")
            self._conn.executemany("INSERT OR REPLACE INTO translations VALUES (?, ?, ?)", rows)

    def count(self, translator: str | None = None) -> int:
        if translator is None:
            return self._conn.execute("SELECT COUNT(*) FROM translations").fetchone()[0]
        return self._conn.execute("SELECT COUNT(*) FROM translations WHERE translator = ?", (translator,)).fetchone()[0]

    def close(self) -> None:
        self._conn.close()


class CachedTranslator:
    """Wraps any Translator: serves cached sentences and translates only the missing ones, once each."""

    def __init__(self, translator, cache: TranslationCache | None = None, chunk: int = 64):
        self.translator = translator
        self.name = translator.name
        self.cache = cache if cache is not None else TranslationCache()
        self.chunk = chunk
        self.translated = 0  # sentences sent to the model by this wrapper (for tests and progress)

    def signature(self) -> str:
        return self.translator.signature()

    def translate(self, texts: Sequence[str], src_lang: str, tgt_lang: str, progress: Progress | None = None) -> list[str]:
        sig = self.translator.signature()
        keys = [text_key(t, src_lang, tgt_lang) for t in texts]

        def compute(batch: list[str]) -> list[str]:
            self.translated += len(batch)
            return self.translator.translate(batch, src_lang, tgt_lang)

        found = fill_from_cache(
            keys, texts, self.cache.get_many(sig, keys), compute,
            lambda fresh: self.cache.put_many(sig, fresh), self.chunk, progress,
        )
        return [found[k] for k in keys]
