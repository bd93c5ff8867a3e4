"""Reporting periods of the year in Chinese and English text: 前三季度 (January to September), 三季度 / "Q3"
(July to September), 上半年 / "first half", 1至8月, "in August". A figure's period is what it covers, so a
cumulative 前三季度 figure told as the third quarter's is a different figure.

Periods are (first month, last month) of one year. A period a figure is compared with (比二季度, 与8月份持平,
"than in the second quarter", "from August") or one of another year (去年三季度, "third quarter of last
year") is not the figure's own and is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ZH_N = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12}
_EN_N = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
         "eleven": 11, "twelve": 12, "first": 1, "second": 2, "third": 3, "fourth": 4}
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]


@dataclass(frozen=True)
class Period:
    start: int  # offsets in the text
    end: int
    text: str
    months: tuple[int, int]  # (first, last), 1-12


def _n(token: str) -> int | None:
    token = token.lower()
    if token.isdigit():
        return int(token)
    return _ZH_N.get(token) or _EN_N.get(token)


_ZHN = r"(1[0-2]|[1-9]|十[一二]?|[一二两三四五六七八九])"
_ZH_PATTERNS = [
    (re.compile(rf"(?:前|头){_ZHN}个?季度"), lambda a: (1, 3 * a)),
    (re.compile(rf"{_ZHN}(?:季度)?(?:至|到|-|—|～|~){_ZHN}季度"), lambda a, b: (3 * a - 2, 3 * b)),
    (re.compile(r"上半年|前半年"), lambda: (1, 6)),
    (re.compile(r"下半年|后半年"), lambda: (7, 12)),
    (re.compile(rf"前{_ZHN}个?月"), lambda a: (1, a)),  # 前两月, 前8个月
    (re.compile(rf"{_ZHN}(?:月份?)?(?:至|到|-|—|～|~){_ZHN}月份?(?![0-9一二三四五六七八九十日号])"), lambda a, b: (a, b)),
    (re.compile(r"(?:第)?([一二三四1-4])季度|[Qq]([1-4])(?![0-9])"), lambda a: (3 * a - 2, 3 * a)),
    # a month by name: 8月, 8月份, 十二月 (二月 is February; 两月 is "two months")
    (re.compile(r"(?<![0-9至到\-—～~个前头])(1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月份?(?![0-9一二三四五六七八九十日号])"),
     lambda a: (a, a)),
]
#: 比二季度, 较上半年, 低于一季度, 与8月份持平, 同二季度相比: the period compared with.
_ZH_COMPARED = re.compile(r"(?:比|较|于|与|同)$")
_ZH_OTHER_YEAR = re.compile(r"(?:去年|上年|前年|明年|[0-9]{4}年)(?:第|同期)?$")

_EW = r"(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_MONTH_RE = "|".join(m.capitalize() for m in _MONTHS)
_EN_PATTERNS = [
    (re.compile(rf"\bfirst {_EW} quarters\b", re.I), lambda a: (1, 3 * a)),
    (re.compile(rf"\bfirst {_EW} months\b", re.I), lambda a: (1, a)),
    (re.compile(rf"\b{_EW}-month\b", re.I), lambda a: (1, a)),
    (re.compile(r"\bfirst half\b", re.I), lambda: (1, 6)),
    (re.compile(r"\bsecond half\b", re.I), lambda: (7, 12)),
    (re.compile(rf"\b({_MONTH_RE})\s*(?:-|–|to|through)\s*({_MONTH_RE})\b"), None),
    (re.compile(r"\b(first|second|third|fourth) quarter\b|\bQ([1-4])\b", re.I), lambda a: (3 * a - 2, 3 * a)),
    (re.compile(rf"\b(?:in|for|during) ({_MONTH_RE})\b(?!\s+[0-9])"), None),
]
_EN_COMPARED = re.compile(r"\b(?:than|from|compared (?:with|to)|versus|vs\.?)\s+(?:in\s+|during\s+)?(?:the\s+)?$", re.I)
_EN_OTHER_YEAR = re.compile(r"^\s*(?:of\s+)?(?:last year|the previous year|a year (?:earlier|ago)|(?:19|20)[0-9]{2})\b", re.I)


def _month(name: str) -> int:
    return _MONTHS.index(name.lower()) + 1


def zh_periods(text: str) -> list[Period]:
    """The figures' own periods in a (normalised) Chinese sentence."""
    out: list[Period] = []
    taken: list[tuple[int, int]] = []
    for pattern, months in _ZH_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            values = [_n(g) for g in m.groups() if g]
            if None in values or any(not 1 <= v <= 12 for v in values):
                continue
            span = months(*values)
            before = text[max(0, m.start() - 4):m.start()]
            if not 1 <= span[0] <= span[1] <= 12 or _ZH_COMPARED.search(before) or _ZH_OTHER_YEAR.search(before):
                continue
            out.append(Period(m.start(), m.end(), m.group(0), span))
    return sorted(out, key=lambda p: p.start)


def en_periods(text: str) -> list[Period]:
    """The figures' own periods in an English sentence."""
    out: list[Period] = []
    taken: list[tuple[int, int]] = []
    for pattern, months in _EN_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            groups = [g for g in m.groups() if g]
            if months is None:
                names = [_month(g) for g in groups]
                span = (names[0], names[-1])
            else:
                values = [_n(g) for g in groups]
                if None in values:
                    continue
                span = months(*values)
            if (not 1 <= span[0] <= span[1] <= 12 or _EN_COMPARED.search(text[max(0, m.start() - 24):m.start()])
                    or _EN_OTHER_YEAR.match(text[m.end():])):
                continue
            out.append(Period(m.start(), m.end(), m.group(0), span))
    return sorted(out, key=lambda p: p.start)


def describe(months: tuple[int, int]) -> str:
    """(1, 9) -> "January–September", (8, 8) -> "August"."""
    first, last = (_MONTHS[m - 1].capitalize() for m in months)
    return first if months[0] == months[1] else f"{first}–{last}"
