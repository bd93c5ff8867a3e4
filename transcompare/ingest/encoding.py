"""Decode bytes in any common encoding (UTF-8 +/- BOM, UTF-16, GB18030/GBK, Big5)."""

from __future__ import annotations

import codecs
import re

from ..errors import EmptyInputError, EncodingError, InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Zero-width space, word joiner, BOM, soft hyphen: invisible, yet they glue sentences together
# ("left.\u200b Then") and make blank-looking sentences; article text never needs them.
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"))
# Order matters on ties: GB18030 is a superset of GBK/GB2312 and decodes most byte strings.
# Big5-HKSCS is a superset of Big5 that adds Hong Kong's characters (佢, 嘅, 咗): plain Big5 reads the same.
_CJK_CANDIDATES = ("gb18030", "big5hkscs")


def check_encoding(encoding: str) -> None:
    """A one-line EncodingError for a codec name Python does not know."""
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise EncodingError(f"unknown encoding {encoding!r}; try utf-8, gb18030, big5 or utf-16") from None


def decode(data: bytes, encoding: str | None = None, source: str = "input") -> tuple[str, str]:
    """Return ``(text, encoding_used)``; raise a one-line InputError on anything unreadable."""
    if not data.strip():
        raise EmptyInputError(f"{source} is empty")
    if encoding:
        check_encoding(encoding)
        try:
            text = data.decode(encoding)
        except UnicodeError as err:  # punycode and friends raise the base class, without a position
            where = f" (byte {err.start})" if isinstance(err, UnicodeDecodeError) else ""
            raise EncodingError(f"{source} is not valid {encoding}{where}; omit --encoding to detect it") from None
        if _utf8_read_otherwise(data, text):
            raise EncodingError(f"{source} is UTF-8 text; read as {encoding} it would be gibberish; omit --encoding to detect it")
        return _clean(text, source), encoding
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return _clean(data.decode(name), source), name
            except UnicodeDecodeError:  # a BOM followed by broken or truncated data
                raise EncodingError(f"{source} starts with a {name} byte-order mark but is not valid {name}") from None
    guess16 = _utf16_without_bom(data)
    if guess16:
        try:
            return _clean(data.decode(guess16), source), guess16
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise InputError(f"{source} looks like a binary file, not an article")
    try:
        return _clean(data.decode("utf-8"), source), "utf-8"
    except UnicodeDecodeError:
        pass
    return _decode_cjk(data, source)


def _utf8_read_otherwise(data: bytes, text: str) -> bool:
    """Bytes that are UTF-8 text, which a forced encoding reads as other characters: utf-16 turns
    any UTF-8 file into Han and Hangul soup, latin-1 turns its Chinese into 'ä¸å'. (Real GB18030 or
    Big5 articles are never valid UTF-8; ASCII reads the same in every one of them.)"""
    if b"\x00" in data:
        return False
    try:
        utf8 = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return text.lstrip("\ufeff") != utf8


def _plausible(ch: str) -> bool:
    code = ord(ch)
    return (
        32 <= code < 127 or ch in "\n\t" or 0x3000 <= code <= 0x303F or 0x4E00 <= code <= 0x9FFF
        or 0xFF00 <= code <= 0xFFEF or 0x2000 <= code <= 0x206F or 0xA0 <= code <= 0x24F
    )


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: the byte order whose strict decoding reads as text (ASCII, CJK, punctuation)."""
    if len(data) < 4 or len(data) % 2 or b"\x00" not in data:
        return None
    sample = data[:8000]
    zeros = [i for i, byte in enumerate(sample) if byte == 0]
    for name, parity in (("utf-16-le", 1), ("utf-16-be", 0)):
        # Most of a text's zero bytes are the high halves of ASCII characters (a few are the low
        # halves of CJK characters such as U+4E00), so they sit mostly on one side of each pair.
        if 2 * sum(i % 2 == parity for i in zeros) <= len(zeros):
            continue
        try:
            text = sample.decode(name)
        except UnicodeDecodeError:
            continue
        if sum(map(_plausible, text)) / len(text) > 0.9:
            return name
    return None


def _decode_cjk(data: bytes, source: str) -> tuple[str, str]:
    """Pick among the legacy CJK encodings: strict decodes first, charset-normalizer on ties."""
    decoded = {}
    for name in _CJK_CANDIDATES:
        try:
            decoded[name] = data.decode(name)
        except UnicodeDecodeError:
            continue
    if not decoded:
        raise EncodingError(
            f"{source} is not UTF-8, UTF-16, GB18030 or Big5; pass --encoding if you know it"
        )
    if len(decoded) == 1:
        name = next(iter(decoded))
        return _clean(decoded[name], source), name
    declared = _declared_charset(data)
    if declared in decoded:  # an HTML page that names its charset is right more often than a guess
        return _clean(decoded[declared], source), declared
    from charset_normalizer import from_bytes  # lazy: only legacy files need it

    best = from_bytes(data, cp_isolation=list(decoded)).best()
    name = best.encoding if best is not None and best.encoding in decoded else _by_common_chars(decoded)
    return _clean(decoded[name], source), name


def _declared_charset(data: bytes) -> str | None:
    """The candidate named by ``<meta charset=...>`` (or http-equiv) in the first 4 KiB, if any."""
    found = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([\w-]+)", data[:4096], re.I)
    if not found:
        return None
    name = found.group(1).decode("ascii").lower()
    return "gb18030" if name in ("gb2312", "gbk", "gb18030", "x-gbk") else "big5hkscs" if name.startswith("big5") else None


def _by_common_chars(decoded: dict[str, str]) -> str:
    """Fallback: the decoding with the most characters from the basic CJK block wins."""
    return max(decoded, key=lambda n: sum("\u4e00" <= ch <= "\u9fff" for ch in decoded[n]))


def _clean(text: str, source: str) -> str:
    text = text.translate(INVISIBLE).replace("\r\n", "\n").replace("\r", "\n")
    if not any(ch.isalnum() for ch in text):  # blank, or only punctuation: nothing to compare
        raise EmptyInputError(f"{source} has no text (no letters or digits)")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\t\f")
    if controls > max(8, len(text) // 50):
        raise InputError(f"{source} looks like a binary file, not an article")
    return text
