"""Markdown -> plain article text (headings, emphasis, links and images reduced to their words)."""

from __future__ import annotations

import re

from .reader import RawDocument

# A link target, allowing one level of parentheses (https://en.wikipedia.org/wiki/Foo_(bar)).
_TARGET = r"\((?:[^()]|\([^()]*\))*\)"
_RULES = [
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]*", re.M), ""),  # heading marks (never \s: it eats the blank line before)
    (re.compile(rf"!\[([^\]]*)\]{_TARGET}"), r"\1"),  # images -> alt text
    (re.compile(rf"\[([^\]]+)\]{_TARGET}"), r"\1"),  # links -> their text
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])"), r"\2"),
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.M), ""),  # block quotes
    (re.compile(r"^[ \t]*([-*+]|\d+\.)[ \t]+", re.M), ""),  # list markers
    (re.compile(r"^[ \t]*(-{3,}|\*{3,}|_{3,})[ \t]*$", re.M), ""),  # rules
    (re.compile(r"`([^`]*)`"), r"\1"),
]


def extract_markdown(text: str, source: str, encoding: str) -> RawDocument:
    title = None
    front = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    meta: dict[str, str] = {}
    if front:
        for line in front.group(1).splitlines():
            key, _, value = line.partition(":")
            if value:
                meta[key.strip().lower()] = value.strip().strip("\"'")
        text = text[front.end():]
    heading = re.search(r"^\s{0,3}#\s+(.+)$", text, re.M)
    if heading:
        title = heading.group(1).strip()
    for pattern, repl in _RULES:
        text = pattern.sub(repl, text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
    return RawDocument(
        source=source,
        text=text,
        format="md",
        encoding=encoding,
        title=meta.get("title", title),
        date=meta.get("date"),
        meta=meta,
    )
