"""Bytes -> article text: encodings, HTML/Markdown extraction, script detection."""

from .reader import RawDocument, read_source
from .script import detect_script, normalize

__all__ = ["RawDocument", "read_source", "detect_script", "normalize"]
