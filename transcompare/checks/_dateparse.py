"""Dates in Chinese and English text, resolved against a publication date when one is known.

``extract_dates`` finds absolute dates (2026年3月4日, March 4, Jan. 12, April 2024, 2012), days of
the month (4日), weekdays (on Monday, 周一, 上周三) and relative days (昨天, yesterday). ``resolve``
turns each into a concrete (year, month, day) where it can: a weekday is the last such day on or
before the publication date (the coming one in a clause about the future: will, is expected to, 预计, 将;
本周四 the one of the publication's week), a month and day without a year take the publication year (the
coming one in a clause about the future or an obligation: January in a December story is next January).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..langs import is_chinese

_ZH_NUM = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _zh_int(token: str) -> int | None:
    """"12", "十二", "二十一", "二〇二六" -> int."""
    if token.isdigit():
        return int(token)
    if all(ch in _ZH_NUM for ch in token):
        return int("".join(str(_ZH_NUM[ch]) for ch in token))
    if "十" in token:
        tens, _, ones = token.partition("十")
        t = _ZH_NUM.get(tens, None) if tens else 1
        o = _ZH_NUM.get(ones, None) if ones else 0
        return None if t is None or o is None else t * 10 + o
    return None


@dataclass(frozen=True)
class DateMention:
    """A date expression: what it names, and where it is in the text it came from."""

    start: int
    end: int
    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # 0 = Monday
    relative: str = ""  # "", "this-year", "last-year", "next-year", "week-last", "week-this", "day-offset", "coming"
    offset: int = 0  # days from publication for "day-offset"

    @property
    def granularity(self) -> str:
        if self.day is not None or self.weekday is not None or self.relative == "day-offset":
            return "day"
        if self.month is not None:
            return "month"
        return "year"


_ZN = r"[0-9]{1,2}|[一二三四五六七八九十]{1,3}"
_ZH_DATE = re.compile(
    rf"(?:(?P<y>[0-9]{{4}}|[〇零一二三四五六七八九]{{4}})年|民国(?P<roc>[0-9]{{2,3}})年|(?P<ry>今年|去年|明年|前年))?"
    rf"(?:(?P<rm>本月|上月|同月|当月)|(?<!个)(?<![0-9一二三四五六七八九十.．])(?P<m>{_ZN})月)"
    rf"(?:(?P<d>{_ZN})[日号])?"
    rf"|(?:(?P<y2>[0-9]{{4}}|[〇零一二三四五六七八九]{{4}})|民国(?P<roc2>[0-9]{{2,3}}))年(?![0-9一二三四五六七八九十]{{1,2}}月)(?!代)"
    rf"|(?<![0-9一二三四五六七八九十月个.．])(?P<d2>[0-9]{{1,2}})[日号](?![0-9])"  # 7.2日 is 7.2 days, not the 2nd
    r"|(?P<wk>上|本|这|下)?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天])"
    r"|(?P<rel>前天|前日|昨天|昨日|今天|今日|明天|明日)"
    r"|(?P<ry2>今年|去年|明年|前年)"  # a year of its own (去年销量下降); 去年4月 is read above
)
_ZH_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_ZH_REL = {"前天": -2, "前日": -2, "昨天": -1, "昨日": -1, "今天": 0, "今日": 0, "明天": 1, "明日": 1}
_ZH_RY = {"今年": "this-year", "去年": "last-year", "明年": "next-year", "前年": "year-before"}

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_MON = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
#: "April 1 next year", "December of last year": a year counted from publication, as 明年 / 去年.
_REL_YEAR = r",?\s+(?:of\s+)?(?P<{name}>(?i:next|last|this))\s+year\b"
#: Words after which a bare month name is a month ("since mid-July", "in early June", "by May"), each a
#: fixed-width lookbehind; elsewhere March, May and August are words too often.
_MONTH_AFTER = "(?:" + "|".join(rf"(?<=\b{w} )" for w in (
    "early", "late", "in", "since", "by", "until", "till", "from", "through", "throughout", "end of", "middle of",
    "beginning of", "start of")) + r"|(?<=\bmid-))"
_EN_DATE = re.compile(
    rf"\b(?P<m>{_MON})\s+(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?\b"
    rf"(?:\s*(?:-|–|to|through)\s*(?P<dr>[0-9]{{1,2}})(?:st|nd|rd|th)?\b(?![.,]?[0-9]))?(?:,?\s+(?P<y>[0-9]{{4}})\b|{_REL_YEAR.format(name='ry')})?"
    rf"|\b(?P<d2>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MON})(?:,?\s+(?P<y2>[0-9]{{4}})\b|{_REL_YEAR.format(name='ry2')})?"
    rf"|\b(?P<m3>{_MON})(?:(?:\s+of)?,?\s+(?P<y3>[0-9]{{4}})\b|{_REL_YEAR.format(name='ry3')})"
    rf"|{_MONTH_AFTER}(?P<m4>{_MON})(?![\w-]|\s+[0-9])"  # since mid-July, in early June: a month of the publication's year
    r"|\b(?P<wk>last |this |next )?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\b(?P<rel>(?i:(?:the\s+)?day\s+before\s+yesterday|(?:the\s+)?day\s+after\s+tomorrow|yesterday|today|tomorrow))\b"
    r"|(?<![\d,.$])\b(?P<y4>(?:18|19|20)[0-9]{2})\b(?![,.]?[0-9])(?!\s*(?:percent|%|people|yuan|dollars))"
    r"|(?<!\bthe )(?<!\bThe )\b(?P<ry4>(?i:next|last|this))\s+year\b"  # not "over the last year": the past twelve months
)
_EN_RY = {"next": "next-year", "last": "last-year", "this": "this-year"}


#: A clause that speaks of what is to come: a bare weekday in it is the coming one (on or after publication).
_EN_FUTURE = re.compile(
    r"\b(?:will|shall|(?:is|are|be)\s+(?:expected|due|scheduled|set|slated|planned|likely|going)\s+to"
    r"|(?:is|are)\s+to|expects?|plans?\s+to|intends?\s+to)\b", re.I)
# 将 and 计划 alone are no cue: 警方周一将嫌犯带走 (将 marks the object), 该计划周一公布 (a noun).
_ZH_FUTURE = re.compile(r"将[于在会要]|即将|预计|预定|计划[于在]|拟[于在]|准备[于在]|打算")
#: An obligation is to come too: a month without a year in such a clause is the coming one (须在1月底前提出).
_EN_DUE = re.compile(r"\b(?:must|(?:has|have|need|needs|is\s+required|are\s+required)\s+to)\b", re.I)
_ZH_DUE = re.compile(r"[必须需应][在于]|必须")
#: Reported speech about the future ("said the group would report back by Jan. 31"); not "would have".
_EN_WOULD = re.compile(r"\bwould\b(?!\s+have\b)", re.I)


def _clause_before(text: str, start: int, stops: str) -> str:
    """The text before ``start`` back to the last sentence or clause stop."""
    cut = max(text.rfind(c, 0, start) for c in stops)
    return text[cut + 1:start]


def _to_come(text: str, start: int, lang: str) -> bool:
    """Does the clause before ``start`` speak of what is to come (will, must, would, 预计, 须在)? Months
    only: a weekday after "would" is left to _EN_FUTURE ("said it would vote on Monday" may be past)."""
    if lang == "zh":
        clause = _clause_before(text, start, "。！？；，")
        return bool(_ZH_FUTURE.search(clause) or _ZH_DUE.search(clause))
    clause = _clause_before(text, start, ".!?;,")
    return bool(_EN_FUTURE.search(clause) or _EN_DUE.search(clause) or _EN_WOULD.search(clause))


def extract_dates(text: str, lang: str) -> list[DateMention]:
    """Date mentions in one sentence or document (Chinese should be the normalised view)."""
    return _extract_zh(text) if is_chinese(lang) else _extract_en(text)


def _extract_zh(text: str) -> list[DateMention]:
    out = []
    for m in _ZH_DATE.finditer(text):
        g = m.group
        if g("m") is not None or g("rm"):
            month = _zh_int(g("m")) if g("m") else None
            day = _zh_int(g("d")) if g("d") else None
            if month is not None and not 1 <= month <= 12 or day is not None and not 1 <= day <= 31:
                continue
            year = _zh_int(g("y")) if g("y") else int(g("roc")) + 1911 if g("roc") else None  # 民国115年: Taiwan's calendar, 2026
            rel = _ZH_RY.get(g("ry") or "", "")
            if g("rm"):
                rel = rel or {"本月": "month-this", "当月": "month-this", "同月": "month-this", "上月": "month-last"}[g("rm")]
            if not rel and year is None and month is not None and _to_come(text, m.start(), "zh"):
                rel = "coming"  # 须在1月底前: in a December story, next January
            out.append(DateMention(m.start(), m.end(), m.group(0), year, month, day, relative=rel))
        elif g("y2") or g("roc2"):
            year = _zh_int(g("y2")) if g("y2") else int(g("roc2")) + 1911
            if year and 1000 <= year <= 2999:
                out.append(DateMention(m.start(), m.end(), m.group(0), year))
        elif g("d2"):
            day = _zh_int(g("d2"))
            if day and 1 <= day <= 31:
                out.append(DateMention(m.start(), m.end(), m.group(0), day=day, relative="dom"))
        elif g("wd"):
            rel = {"上": "week-last", "下": "week-next", "本": "week-this", "这": "week-this"}.get(g("wk") or "", "")
            if not rel and _ZH_FUTURE.search(_clause_before(text, m.start(), "。！？；，")):
                rel = "week-coming"  # 预计周五表决: the coming Friday, not the last one
            out.append(DateMention(m.start(), m.end(), m.group(0), weekday=_ZH_WEEKDAY[g("wd")], relative=rel))
        elif g("rel"):
            out.append(DateMention(m.start(), m.end(), m.group(0), relative="day-offset", offset=_ZH_REL[g("rel")]))
        elif g("ry2"):
            out.append(DateMention(m.start(), m.end(), m.group(0), relative=_ZH_RY[g("ry2")]))
    return out


def _month(token: str) -> int:
    return _MONTHS[token.lower().rstrip(".")]


def _extract_en(text: str) -> list[DateMention]:
    out = []
    for m in _EN_DATE.finditer(text):
        g = m.group
        if g("m") or g("m2"):
            month = _month(g("m") or g("m2"))
            day = int(g("d") or g("d2"))
            year = g("y") or g("y2")
            if not 1 <= day <= 31:
                continue
            rel = _EN_RY[(g("ry") or g("ry2")).lower()] if g("ry") or g("ry2") else ""
            if not rel and not year and _to_come(text, m.start(), "en"):
                rel = "coming"  # "is expected to be finished by Jan. 5" in a December story: next January
            out.append(DateMention(m.start(), m.end(), m.group(0), int(year) if year else None, month, day, relative=rel))
            if g("dr") and day < int(g("dr")) <= 31:  # April 14-15 = 4月14日至15日: the range's last day too
                out.append(DateMention(m.start("dr"), m.end("dr"), g("dr"), int(year) if year else None, month, int(g("dr")),
                                       relative=rel))
        elif g("m3"):
            if g("m3") == "May" and not g("ry3") and not re.match(r"May,? [12][0-9]{3}", m.group(0)):
                continue
            if g("ry3"):
                out.append(DateMention(m.start(), m.end(), m.group(0), month=_month(g("m3")), relative=_EN_RY[g("ry3").lower()]))
                continue
            out.append(DateMention(m.start(), m.end(), m.group(0), int(g("y3")), _month(g("m3"))))
        elif g("m4"):
            rel = "coming" if _to_come(text, m.start(), "en") else ""
            out.append(DateMention(m.start(), m.end(), m.group(0), month=_month(g("m4")), relative=rel))
        elif g("wd"):
            rel = {"last ": "week-last-en", "next ": "week-next", "this ": "week-this"}.get((g("wk") or "").lower(), "")
            if not rel and _EN_FUTURE.search(_clause_before(text, m.start(), ".!?;,")):
                rel = "week-coming"  # "is expected to vote on Friday": the coming Friday, not the last one
            out.append(DateMention(m.start(), m.end(), m.group(0), weekday=_WEEKDAYS[g("wd").lower()], relative=rel))
        elif g("rel"):
            word = " ".join(g("rel").lower().split()).removeprefix("the ")
            offset = {"day before yesterday": -2, "yesterday": -1, "today": 0, "tomorrow": 1, "day after tomorrow": 2}[word]
            out.append(DateMention(m.start(), m.end(), m.group(0), relative="day-offset", offset=offset))
        elif g("y4"):
            out.append(DateMention(m.start(), m.end(), m.group(0), int(g("y4"))))
        elif g("ry4"):
            out.append(DateMention(m.start(), m.end(), m.group(0), relative=_EN_RY[g("ry4").lower()]))
    return out


def parse_iso(value: str | None) -> dt.date | None:
    """"2026-03-05" (or a longer ISO timestamp) -> date; None when absent or unreadable."""
    if not value:
        return None
    match = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", str(value))
    if not match:
        return None
    try:
        return dt.date(*(int(x) for x in match.groups()))
    except ValueError:
        return None


@dataclass(frozen=True)
class Resolved:
    """A mention pinned down as far as it goes: year/month/day may stay None."""

    year: int | None
    month: int | None
    day: int | None
    weekday: int | None = None  # kept when the day itself could not be resolved
    offset: int | None = None  # kept for 昨天/yesterday when there is no publication date

    @property
    def pinned(self) -> bool:
        """Does it name any calendar field or weekday? 昨天 without a publication date does not."""
        return any(v is not None for v in (self.year, self.month, self.day, self.weekday))

    def as_date(self) -> dt.date | None:
        if None in (self.year, self.month, self.day):
            return None
        try:
            return dt.date(self.year, self.month, self.day)
        except ValueError:
            return None

    def label(self) -> str:
        names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        if self.month and self.day:
            return f"{names[self.month - 1]} {self.day}" + (f", {self.year}" if self.year else "")
        if self.month:
            return names[self.month - 1] + (f" {self.year}" if self.year else "")
        if self.year:
            return str(self.year)
        if self.weekday is not None:
            return ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][self.weekday]
        return "?"


def resolve(m: DateMention, pub: dt.date | None) -> Resolved:
    """Pin a mention to a calendar date using the publication date for what the text leaves out."""
    if m.relative == "day-offset":
        if pub is None:
            return Resolved(None, None, None, offset=m.offset)
        d = pub + dt.timedelta(days=m.offset)
        return Resolved(d.year, d.month, d.day)
    if m.weekday is not None:
        if pub is None:
            return Resolved(None, None, None, m.weekday)
        if m.relative in ("week-last",):  # 上周三: that weekday in the calendar week before
            d = pub - dt.timedelta(days=pub.weekday() + 7 - m.weekday)
        elif m.relative == "week-last-en" and m.weekday < pub.weekday():
            # "last Tuesday" in a Thursday story: this week's Tuesday or the week before's (上周二), as
            # readers take it either way; only the weekday is sure
            return Resolved(None, None, None, m.weekday)
        elif m.relative == "week-last-en" and m.weekday == pub.weekday():
            d = pub - dt.timedelta(days=7)  # "last Thursday" in a Thursday story: a week before
        elif m.relative == "week-next":
            d = pub + dt.timedelta(days=(m.weekday - pub.weekday()) % 7 or 7)
        elif m.relative == "week-this":  # 本周四: that weekday in the publication's calendar week
            d = pub + dt.timedelta(days=m.weekday - pub.weekday())
        elif m.relative == "week-coming":  # "is expected to vote on Friday": on or after publication
            d = pub + dt.timedelta(days=(m.weekday - pub.weekday()) % 7)
        else:  # "on Monday", 周一, "last Friday" in a Thursday story: the last such day on or before publication
            d = pub - dt.timedelta(days=(pub.weekday() - m.weekday) % 7)
        return Resolved(d.year, d.month, d.day)
    if m.relative == "dom":
        if pub is None:
            return Resolved(None, None, m.day)
        year, month = pub.year, pub.month
        if m.day > pub.day + 1:
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        return Resolved(year, month, m.day)
    year, month = m.year, m.month
    if m.relative == "coming" and pub is not None and month is not None:
        # the month to come: this year's when it has not passed, else next year's (January in a December story)
        return Resolved(pub.year + (month < pub.month), month, m.day)
    if m.relative.startswith("month-") and pub is not None:
        year, month = pub.year, pub.month
        if m.relative == "month-last":
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    if year is None and pub is not None:
        shift = {"this-year": 0, "last-year": -1, "next-year": 1, "year-before": -2}.get(m.relative)
        if shift is not None:
            year = pub.year + shift
        elif month is not None:
            year = pub.year
            try:
                if dt.date(year, month, m.day or 1) > pub + dt.timedelta(days=62):
                    year -= 1  # "December 28" in a January story is last December
            except ValueError:
                pass
    return Resolved(year, month, m.day)


def same_date(a: Resolved, b: Resolved) -> bool:
    """Equal on every field both sides know; a bare weekday equals a date on that weekday. A mention
    that cannot be pinned down (昨天 without a publication date) equals only another such mention
    with the same offset: were it a wildcard, "today" in a nearby bead would swallow a changed date."""
    if a.offset is not None and b.offset is not None:
        return a.offset == b.offset
    if not a.pinned or not b.pinned:
        return not a.pinned and not b.pinned
    if a.weekday is not None and a.day is None or b.weekday is not None and b.day is None:
        wd, other = (a.weekday, b) if a.weekday is not None and a.day is None else (b.weekday, a)
        date = other.as_date()
        return date is None or date.weekday() == wd
    pairs = [(a.year, b.year), (a.month, b.month), (a.day, b.day)]
    known = [(x, y) for x, y in pairs if x is not None and y is not None]
    return bool(known) and all(x == y for x, y in known)


def publication_date_from_text(edition_text: str) -> dt.date | None:
    """The dateline's date (【某某网2026年3月5日讯】, [Outlet, March 5, 2026]) when metadata has none:
    the first full date near the top, read as the segmenter reads a dateline."""
    from ..segment._dateline import dateline_date

    return parse_iso(dateline_date(edition_text[:300]))
    return None
