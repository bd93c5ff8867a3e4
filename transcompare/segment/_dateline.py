"""The date a news dateline gives: 【某某网2026年3月5日讯】, [Outlet, March 5, 2026], (Outlet, 5 March 2026)."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(?P<{}>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DIGIT = "[0-9０-９]"
_PATTERNS = (
    re.compile(rf"(?P<y>{_DIGIT}{{4}})\s*年\s*(?P<m>{_DIGIT}{{1,2}})\s*月\s*(?P<d>{_DIGIT}{{1,2}})\s*[日号號]"),
    re.compile(rf"\b{_MONTH.format('mon')}\s+(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>[0-9]{{4}})\b", re.I),
    re.compile(rf"\b(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH.format('mon')},?\s+(?P<y>[0-9]{{4}})\b", re.I),
    re.compile(r"(?<![0-9])(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})(?![0-9])"),
)


def dateline_date(dateline: str) -> str | None:
    """The ISO date (YYYY-MM-DD) written in a dateline (or a metadata date: 2026-03-05T08:00+08:00,
    March 5, 2026), or None when it has no full, valid date."""
    for pattern in _PATTERNS:
        m = pattern.search(dateline)
        if not m:
            continue
        parts = m.groupdict()
        month = _MONTHS[parts["mon"][:3].lower()] if parts.get("mon") else int(parts["m"])
        try:
            return dt.date(int(parts["y"]), month, int(parts["d"])).isoformat()
        except ValueError:
            return None
    return None
