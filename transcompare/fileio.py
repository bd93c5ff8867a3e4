"""Atomic file writes: a temp file in the same folder, fsync, then os.replace."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def atomic_write(path: str | os.PathLike, data: bytes | str, encoding: str = "utf-8") -> None:
    """Write ``data`` so readers see the old file or the new one, never half of it.

    An OSError (no permission, a parent that is a file, a full disk) becomes an OutputError:
    one line naming the path, not an internal error."""
    from .errors import OutputError

    target = Path(path)
    payload = data.encode(encoding) if isinstance(data, str) else data
    if _is_special(target):  # /dev/stdout, /dev/null, a named pipe: write through, never replace it
        try:
            with open(target, "wb") as fh:
                fh.write(payload)
        except OSError as err:
            raise OutputError(f"{target}: cannot write ({err.strerror or err})") from None
        return
    if target.is_symlink():  # replace the file it points to, not the link
        target = Path(os.path.realpath(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as err:
        reason = output_problem(target) or err.strerror or err
        raise OutputError(f"{target}: cannot write in {target.parent} ({reason})") from None
    try:
        os.fchmod(fd, _mode_for(target))
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException as err:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(err, OSError):
            raise OutputError(f"{target}: cannot write ({err.strerror or err})") from None
        raise


def output_problem(target: str | os.PathLike) -> str | None:
    """Why no file can be written at ``target``, as far as its nearest existing folder tells
    before any work (a parent that is a file, a folder without write permission); else None."""
    if _is_special(Path(target)):
        return None if os.access(target, os.W_OK) else f"no permission to write {target}"
    if Path(target).is_symlink():
        target = os.path.realpath(target)
    for parent in Path(target).parents:
        if parent.exists():
            if not parent.is_dir():
                return f"{parent} is a file, not a folder"
            if not os.access(parent, os.W_OK | os.X_OK):
                return f"no permission to write in {parent}"
            return None
    return None


def _is_special(target: Path) -> bool:
    """An existing output that is neither a file nor a folder (a device, a FIFO, /dev/stdout's
    link to one): the atomic rename would put a regular file in its place (as root, even over
    /dev/null), and mkstemp in /dev fails for everyone else."""
    import stat

    try:
        mode = os.stat(target).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _mode_for(target: Path) -> int:
    """Keep an existing file's mode; a new file gets the usual 0666 & ~umask (mkstemp's 0600 would hide it)."""
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def cache_dir() -> Path:
    """Where caches live: $TRANSCOMPARE_CACHE (a folder, or a .sqlite file whose folder is used) or ~/.cache/transcompare."""
    env = os.environ.get("TRANSCOMPARE_CACHE")
    base = Path(env).expanduser() if env else Path.home() / ".cache" / "transcompare"
    return base.parent if base.suffix == ".sqlite" else base


def open_shared_sqlite(path: str | os.PathLike):
    """A SQLite connection several processes can share: WAL journal, a long busy timeout, autocommit
    (callers wrap each batch in ``BEGIN IMMEDIATE`` so it lands whole or not at all)."""
    import sqlite3

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(target), timeout=60, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout=60000")
    conn.execute("PRAGMA journal_mode=WAL")
    return conn


def select_by_keys(conn, query: str, first: str, keys) -> list[tuple]:
    """Rows of ``query`` (``... WHERE <col> = ? AND key IN ({marks})``) for many keys, in chunks
    that stay under SQLite's limit on bound parameters."""
    unique = sorted(set(keys))
    rows: list[tuple] = []
    for start in range(0, len(unique), 500):
        chunk = unique[start:start + 500]
        rows.extend(conn.execute(query.format(marks=",".join("?" * len(chunk))), [first, *chunk]))
    return rows


def fill_from_cache(keys, texts, found: dict, compute, store, batch_size: int, progress=None) -> dict:
    """Compute each distinct missing text once, in batches, storing every batch as it lands (an
    interrupted run keeps its work); ``found`` (key -> cached value) is completed and returned."""
    missing: dict[str, str] = {}
    for key, text in zip(keys, texts):
        if key not in found and key not in missing:
            missing[key] = text
    todo = list(missing.items())
    for start in range(0, len(todo), batch_size):
        batch = todo[start:start + batch_size]
        fresh = dict(zip((k for k, _ in batch), compute([t for _, t in batch])))
        store(fresh)
        found.update(fresh)
        if progress:
            progress(min(start + batch_size, len(todo)), len(todo))
    return found
