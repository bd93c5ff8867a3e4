"""Read a path, URL or stdin into a RawDocument: decoded text plus title and date."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from .encoding import decode

URL_TIMEOUT_S = 20
MAX_BYTES = 50 * 1024 * 1024  # an article is never this big; refuse rather than hang


@dataclass(frozen=True)
class RawDocument:
    """Article text before segmentation. ``text`` is what every offset will point into."""

    source: str
    text: str
    format: str  # txt | md | html
    encoding: str
    title: str | None = None
    date: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


def read_source(source: str, encoding: str | None = None, fmt: str | None = None) -> RawDocument:
    """Read ``source`` (a path, an http(s) URL, or ``-`` for stdin) into a RawDocument."""
    data, name = _read_bytes(source)
    text, used = decode(data, encoding, source=name)
    fmt = fmt or _guess_format(source, text)
    if fmt == "html":
        from .html import extract_html

        return extract_html(text, source=source, encoding=used)
    if fmt == "md":
        from .markdown import extract_markdown

        return extract_markdown(text, source=source, encoding=used)
    return RawDocument(source=source, text=text, format="txt", encoding=used)


def read_capped(path: Path, limit: int | None = None) -> bytes:
    """At most ``limit`` (default MAX_BYTES) + 1 bytes of ``path``: more means "not an article". A
    device (/dev/zero) has no size to check first, and read_bytes on it never ends."""
    with path.open("rb") as fh:
        return fh.read((MAX_BYTES if limit is None else limit) + 1)


def _read_bytes(source: str) -> tuple[bytes, str]:
    if source == "-":
        return sys.stdin.buffer.read(MAX_BYTES + 1)[:MAX_BYTES], "standard input"
    if not source.strip():  # Path('') is '.', which read as "  is a directory"
        raise InputError("an article was given as an empty name; give a file, a URL or - for standard input")
    if re.match(r"^https?://", source, re.I):
        return _fetch(source), source
    path = Path(source)
    if not path.exists():
        raise InputError(f"{source}: no such file")
    if path.is_dir():
        raise InputError(f"{source} is a directory; give an article file")
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError(f"{source} is over {MAX_BYTES // 2**20} MiB; that is not an article")
        data = read_capped(path)
        if len(data) > MAX_BYTES:
            raise InputError(f"{source} is over {MAX_BYTES // 2**20} MiB; that is not an article")
        return data, source
    except PermissionError:
        raise InputError(f"{source}: permission denied") from None
    except OSError as err:
        raise InputError(f"{source}: cannot read ({err.strerror or err})") from None


def _fetch(url: str) -> bytes:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": "transcompare"})
    try:
        with urllib.request.urlopen(request, timeout=URL_TIMEOUT_S) as response:
            return response.read(MAX_BYTES)
    except urllib.error.HTTPError as err:
        raise InputError(f"{url}: HTTP {err.code} {err.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise InputError(f"{url}: cannot fetch ({reason}); are you offline?") from None


def _guess_format(source: str, text: str) -> str:
    suffix = Path(source.split("?")[0]).suffix.lower()
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "md"
    head = text.lstrip()[:500].lower()
    if head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text):
        return "html"
    return "txt"
