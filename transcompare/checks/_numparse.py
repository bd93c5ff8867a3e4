"""Numbers, quantities, percentages, money and durations in Chinese and English text.

Pure functions over one string: every ``Quantity`` carries ``[start, end)`` offsets into the
string it was found in. Chinese text should be passed through ``ingest.script.normalize`` first
(Traditional -> Simplified, full-width digits -> ASCII); that view keeps offsets, so the spans
still point into the original. Date-like numbers (years, days of the month) are left to
``_dateparse`` and skipped here.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..langs import is_chinese

# --- qualifiers -----------------------------------------------------------------------------
# Groups: "lower" (more than / at least), "upper" (less than / nearly), "approx" (about),
# "upto" (as many as: emphasis, not a bound), "recent" (近十年来: the last ten years, or nearly ten).
# Equivalence of groups is decided by the check.
_ZH_PREFIX_QUAL = {
    "至少": "lower", "起码": "lower", "最少": "lower", "逾": "lower", "超过": "lower", "超": "lower", "多于": "lower",
    "突破": "lower",  # 营收突破1兆元: "revenue topped 1 trillion"
    "约": "approx", "大约": "approx", "大概": "approx", "约有": "approx",
    "近": "upper", "将近": "upper", "接近": "upper", "不到": "upper", "不足": "upper", "少于": "upper",
    "不超过": "upper", "最多": "upper",
    "多达": "upto", "高达": "upto", "达到": "upto",
}
_ZH_SUFFIX_QUAL = {
    "以上": "lower", "多": "lower", "余": "lower", "有余": "lower", "之多": "upto",
    "以下": "upper", "左右": "approx", "上下": "approx",
}
_EN_PREFIX_QUAL = {
    "more than": "lower", "over": "lower", "upwards of": "lower", "in excess of": "lower", "at least": "lower",
    "no fewer than": "lower", "no less than": "lower", "just over": "lower", "well over": "lower", "above": "lower",
    "nearly": "upper", "almost": "upper", "close to": "upper", "just under": "upper", "less than": "upper",
    "fewer than": "upper", "under": "upper", "below": "upper", "at most": "upper", "no more than": "upper",
    "not more than": "upper",
    "about": "approx", "around": "approx", "roughly": "approx", "some": "approx", "approximately": "approx",
    "an estimated": "approx", "estimated": "approx", "circa": "approx",
    "up to": "upto", "as many as": "upto", "as much as": "upto", "as high as": "upto",
}
_EN_SUFFIX_QUAL = {"or more": "lower", "and more": "lower", "plus": "lower", "or so": "approx", "or less": "upper"}
# "aged 65 and over" = 65歲以上, "children 12 or younger" = 12岁以下: a bound after the figure.
_EN_SUFFIX_QUAL.update({w: "lower" for w in ("and over", "or over", "and above", "or above", "and older", "or older",
                                             "and up", "or higher", "and upwards", "or upwards")})
_EN_SUFFIX_QUAL.update({w: "upper" for w in ("or fewer", "and under", "or under", "and below", "or below",
                                             "or younger", "and younger")})
#: "42 and over the next week": a preposition that starts a phrase, not a bound on the figure
_EN_POST = "|".join(sorted(_EN_SUFFIX_QUAL.keys() - {"plus"}, key=len, reverse=True))

# --- Chinese ----------------------------------------------------------------------------------
_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_SMALL = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG = {"万": 10_000, "亿": 100_000_000, "兆": 1_000_000_000_000}  # 兆: a trillion in Taiwan and Hong Kong (新台币2.9兆元)
_ZH_SCALE = {**_ZH_SMALL, **_ZH_BIG}  # the multipliers a scale suffix (3.5万, 12亿, 2.9兆) may chain

_CURRENCY_ZH = {
    "美元": "USD", "美金": "USD", "港元": "HKD", "港币": "HKD", "新台币": "TWD", "台币": "TWD", "欧元": "EUR",
    "日元": "JPY", "英镑": "GBP", "人民币": "CNY", "元人民币": "CNY", "元": "CNY",
    "澳门元": "MOP", "澳门币": "MOP", "葡币": "MOP",  # Macau patacas (澳元 alone is the Australian dollar)
    "澳元": "AUD", "加元": "CAD", "新加坡元": "SGD",
}
#: Duration units -> days (month and year as calendar averages; equality is checked with tolerance).
_DAYS = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 30.4375, "year": 365.25}
_DURATION_ZH = {
    "秒钟": "second", "秒": "second", "分钟": "minute", "个小时": "hour", "小时": "hour", "个钟头": "hour", "天": "day",
    "周": "week", "个星期": "week", "星期": "week", "个礼拜": "week", "个月": "month", "年": "year", "个年头": "year",
    "个多小时": "hour", "个多钟头": "hour", "个多月": "month", "个多星期": "week", "个多礼拜": "week", "年多": "year",
    "个半小时": "hour", "个半钟头": "hour", "个半月": "month", "年半": "year",
}
_MEASURES_ZH = (
    "个国家 个城市 个省 个县 个人 个 名 人次 人 位 次 条 段 股 家 款 项 件 种 台 辆 架次 架 艘 座 所 部 本 份 篇 张 只 头 匹 "
    "户 起 宗 例 票 枚 颗 公里 千米 平方公里 米 吨 公斤 千克 斤 英里 英尺 克 亩 批 轮 场 届 岁 国 省 市 县 处 间 层 道 集 页 字 "
    "单 笔 桩 栋 剂 针 支 枪 发 倍 成 英寸 厘米 公分 毫米 纳米 奈米 cm mm nm km kg "
    "平方千米 平方米 平方英里 公顷 英亩 摄氏度 华氏度 ℃ ℉ °C °F"
).split()
#: Weights and lengths -> SI base (kg, m), for unit conversions (60公斤 = about 130 pounds).
_DIMENSION = {"kg": "weight", "jin": "weight", "t": "weight", "lb": "weight", "km": "length", "m": "length", "li": "length",
              "mile": "length", "ft": "length", "in": "length", "cm": "length", "mm": "length",
              "nm": "length", "km2": "area", "m2": "area", "mi2": "area", "ft2": "area", "ha": "area", "mu": "area",
              "acre": "area", "C": "temperature", "F": "temperature", "deg": "temperature"}
#: Areas in square metres; 亩 (mu) is 1/15 of a hectare. Temperatures are compared in Celsius (``Quantity.canonical``).
_SI = {"kg": 1.0, "jin": 0.5, "t": 1000.0, "lb": 0.45359, "km": 1000.0, "m": 1.0, "li": 500.0, "mile": 1609.34, "ft": 0.3048,
       "in": 0.0254, "cm": 0.01, "mm": 0.001, "nm": 1e-9, "km2": 1e6, "m2": 1.0, "mi2": 2_589_988.0, "ft2": 0.092903,
       "ha": 10_000.0, "mu": 10_000 / 15, "acre": 4046.86, "C": 1.0}
_MEASURE_ZH = {"公斤": "kg", "千克": "kg", "斤": "jin", "吨": "t", "公里": "km", "千米": "km", "米": "m", "英里": "mile", "英尺": "ft",
               "英寸": "in", "厘米": "cm", "公分": "cm", "毫米": "mm", "cm": "cm", "mm": "mm", "km": "km", "kg": "kg",
               "纳米": "nm", "奈米": "nm", "nm": "nm",  # chip process nodes: 14纳米 (奈米 in Taiwan) = 14nm
               "平方公里": "km2", "平方千米": "km2", "平方米": "m2", "平方英里": "mi2", "公顷": "ha", "亩": "mu", "英亩": "acre",
               "摄氏度": "C", "℃": "C", "°C": "C", "华氏度": "F", "℉": "F", "°F": "F"}
#: 个百分点 / 百分点: percentage points, the difference of two rates (失业率下降0.3个百分点), not a percent change.
_POINTS_ZH = ("个百分点", "百分点", "个基点", "基点")  # 基点: basis points, hundredths of a percentage point
_UNITS_ZH = sorted(set(_MEASURES_ZH) | set(_CURRENCY_ZH) | set(_DURATION_ZH) | set(_POINTS_ZH), key=len, reverse=True)

_DIGIT_NUM = r"[0-9]+(?:[,，][0-9]{3})*(?:\.[0-9]+)?"
_ZH_NUM = r"[零〇一二三四五六七八九十百千万亿兆两]+(?:点[零〇一二三四五六七八九]+)?"
_SCALE_CHAR = r"(?:兆(?![瓦赫字帕焦比])|亿|万|千(?![米克瓦卡])|百(?!分))"
#: Digits between scale characters, as Taiwan and Hong Kong write large sums (1兆2000億, 3億5000萬,
#: 2万5千, 1亿2千万): one figure. A last bare group is read only after 万 and only with four digits
#: (1万2000); 3亿5000 is as often 350 million as 300,005,000.
_MIXED_NUM = rf"[0-9]+{_SCALE_CHAR}+(?:[0-9]+{_SCALE_CHAR}+)*(?:[0-9]+{_SCALE_CHAR}+|(?<=万)[0-9]{{4}}(?![0-9.]))"
_ZH_PRE = "|".join(sorted(_ZH_PREFIX_QUAL, key=len, reverse=True))
#: Between a bound and its figure: a verb of being or having, or a modal (最少须有80平方呎, 至少需要3年, 最多只有500个).
_ZH_TEMPLATE = (
    r"(?P<ord>第)?(?:(?P<pre>{pre})(?:有|存在|达到|达|为|是|了|共|需要|须|需|要|应|可|只){{0,2}})?(?P<cur>人民币|美元|港币|港元|新台币|澳门元|澳门币)?(?P<temp>摄氏|华氏)?(?P<pct>百分之)?"
    r"(?P<num>{num})"
    r"(?:(?P<sep>至|到|-|—|–|~|～)(?:百分之)?(?P<num2>{num}))?"
    r"(?P<more1>多|余)?(?P<scale>万亿|千亿|百亿|十亿|千万|百万|十万|{scale})?(?P<more2>多|余)?"
    r"(?P<unit>{units})?(?P<half>半)?(?P<pctsign>%)?"
    r"(?P<post>(?:及|或)?(?:以上|以下)|左右|上下|之多|有余)?"  # 14纳米及以下, 65岁或以上: the bound after 及/或
)

def _zh_figure_re(num: str) -> re.Pattern:
    return re.compile(_ZH_TEMPLATE.format(pre=_ZH_PRE, num=num, units="|".join(_UNITS_ZH), scale=_SCALE_CHAR))


_ZH_RE = _zh_figure_re(f"{_MIXED_NUM}|{_DIGIT_NUM}|{_ZH_NUM}")
#: The same without mixed figures: what a mixed match that does not parse (1万3亿) is read as instead.
_ZH_PLAIN_RE = _zh_figure_re(f"{_DIGIT_NUM}|{_ZH_NUM}")


def _zh_matches(text: str):
    """_ZH_RE's matches, left to right; a mixed figure out of order (1万3亿) is read piece by piece."""
    pos = 0
    while (m := _ZH_RE.search(text, pos)) is not None:
        if any(_is_mixed(tok) and _mixed_parts(tok) is None for tok in (m.group("num"), m.group("num2")) if tok):
            m = _ZH_PLAIN_RE.match(text, m.start())
        yield m
        pos = m.end()


def _is_mixed(token: str) -> bool:
    return bool(re.match(r"[0-9]", token)) and any(ch in _ZH_SCALE for ch in token)


def _mixed_parts(token: str) -> tuple[float, float] | None:
    """1兆2000亿 -> (1.2e12, 1e8): the value and its last written unit. None unless the groups
    descend as Chinese numerals do: a section of 千/百 (one digit each) or of up to four digits
    before each of 万 < 亿 < 兆 (万亿 = 兆)."""
    groups = re.findall(r"([0-9]+)([千百]?)([万亿兆]*)", token)
    if len(groups) < 2 or "".join(map("".join, groups)) != token:
        return None
    total, section, last_big, last_small, unit = 0.0, 0.0, float("inf"), 10_000, 1.0
    for n, (digits, small, bigs) in enumerate(groups):
        value = float(digits)
        if small:
            if value >= 10 or _ZH_SMALL[small] >= last_small:
                return None
            section += value * _ZH_SMALL[small]
            unit = last_small = float(_ZH_SMALL[small])
        elif section and value >= last_small or value >= 10_000 or not bigs and (n < len(groups) - 1 or total == 0):
            return None  # 2千3500万, 20000 after 万, a bare group not last
        else:
            section += value
            unit = 1.0
        if bigs:
            big = 1.0
            for ch in bigs:
                big *= _ZH_BIG[ch]
            if big >= last_big:
                return None
            total += section * big
            unit *= big
            section, last_big, last_small = 0.0, big, 10_000
    return total + section, unit


def parse_zh_number(token: str) -> float | None:
    """Chinese or Arabic numerals ("四十三万", "2100", "3.5", "一点五") -> value; None if not a number."""
    token = token.replace(",", "").replace("，", "")
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", token):
        return float(token)
    if re.match(r"[0-9]", token):
        mixed = _mixed_parts(token)  # 3亿5000万
        return mixed[0] if mixed else None
    if "点" in token:
        whole, _, frac = token.partition("点")
        head = parse_zh_number(whole) if whole else 0.0
        if head is None or not frac or any(ch not in _ZH_DIGITS for ch in frac):
            return None
        return head + float("0." + "".join(str(_ZH_DIGITS[ch]) for ch in frac))
    if not token or any(ch not in _ZH_DIGITS and ch not in _ZH_SMALL and ch not in _ZH_BIG for ch in token):
        return None
    if all(ch in _ZH_DIGITS for ch in token) and len(token) > 1:  # "二〇二四" digit by digit
        return float("".join(str(_ZH_DIGITS[ch]) for ch in token))
    total, section, digit = 0.0, 0.0, None
    for ch in token:
        if ch in _ZH_DIGITS:
            digit = _ZH_DIGITS[ch]
        elif ch in _ZH_SMALL:
            section += (1 if digit is None else digit) * _ZH_SMALL[ch]
            digit = None
        else:
            big = _ZH_BIG[ch]
            section += digit or 0
            if 10_000 < big and total < big:  # 三万亿: the 万 so far is multiplied, not a stray 1 added
                total = (total + (section or (0 if total else 1))) * big
            else:
                total += (section or 1) * big
            section, digit = 0.0, None
    return total + section + (digit or 0)


_RANK = {"lower": 3, "upper": 3, "approx": 2, "upto": 1, "recent": 1}


def _strongest(found: list[tuple[str | None, str | None]]) -> tuple[str, str]:
    """Of the hedges around one figure, the one that bounds it (多 in 达到600多万 beats 达到)."""
    best = ("", "")
    for text, group in found:
        if text and group and _RANK[group] > _RANK.get(best[1], 0):
            best = (text, group)
    return best


@dataclass(frozen=True)
class Quantity:
    """One figure in a text: its value in base units, what kind of figure, and any hedge on it."""

    start: int
    end: int
    text: str
    value: float  # plain value: 43万 -> 430000; percentages in percent; durations in their unit
    kind: str  # count | percent | money | duration | times | ordinal | fraction
    unit: str = ""  # currency code or duration unit
    qualifier: str = ""  # "" | lower | upper | approx | upto
    qualifier_text: str = ""
    high: float | None = None  # upper end of a range
    step: float = 1.0  # the figure's last written unit (43万 -> 10,000; 2.73 -> 0.01): rounding tolerance
    digits: bool = True  # written in digits (43万, 35,000) rather than words (四十三, thirty)

    @property
    def canonical(self) -> float:
        """Durations in days, weights in kg, lengths in m, everything else as is: 78 months == 6.5 years."""
        if self.kind == "duration" and self.unit in _DAYS:
            return self.value * _DAYS[self.unit]
        if self.kind == "measure" and self.unit == "F":
            return (self.value - 32) * 5 / 9
        if self.kind == "measure" and self.unit in _SI:
            return self.value * _SI[self.unit]
        return self.value


def _overlaps(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < e and s < b for s, e in spans)


def extract_zh(text: str, skip: list[tuple[int, int]] = ()) -> list[Quantity]:
    """Quantities in (normalised) Chinese text; ``skip`` are spans (dates) to leave alone."""
    out: list[Quantity] = []
    shares = _zh_fractions(text, skip) + _zh_quarters(text, skip)
    skip = list(skip) + [(q.start, q.end) for q in shares if q.kind == "duration" or "分之" in q.text]
    consumed = 0  # a height (一米八零) reads past its match
    for m in _zh_matches(text):
        num = m.group("num")
        value = parse_zh_number(num)
        if value is None or m.start() < consumed:
            continue
        start, end = m.start(), m.end()
        is_digits = num[0].isdigit()
        if not is_digits and len(num) > 1 and num[-1] == "两" and num[-2] in "十百千万":
            continue  # 五十两: fifty taels (两 the weight), not fifty-two
        if not is_digits and re.search(r"[一二三四五六七八九两]{2}", num.replace("〇", "").replace("零", "")) and not (len(num) >= 4 and re.fullmatch(r"[〇零一二三四五六七八九]+", num)):
            continue  # 一两天, 十七八个, 五六岁: "a day or two", a guess, not a figure
        unit = m.group("unit") or ""
        scale = m.group("scale") or ""
        if m.group("temp") and not unit and text[end:end + 1] == "度":
            unit, end = m.group("temp") + "度", end + 1  # 摄氏35度 = 35摄氏度
            consumed = end
        tenths = re.match(r"[一二三四五六七八九](?![零〇一二三四五六七八九十百千万亿两个名位次人家条])", text[end:]) if unit == "成" and not m.group("num2") else None
        if tenths:  # 三成三: 33 percent, not 30 and a stray 三
            end, consumed = end + 1, end + 1
        pct = bool(m.group("pct") or m.group("pctsign") or unit == "成" or unit in _POINTS_ZH)
        if not is_digits:
            if not any(ch in num for ch in "零〇一二三四五六七八九十两"):
                continue  # 百姓, 万一, 千万 (as "must")
            if not (unit or scale or pct or m.group("ord") or "万" in num or "亿" in num or "兆" in num):
                continue  # 一心, 十分, 两岸: not figures
        elif start > 0 and re.match(r"[A-Za-z\-_]", text[start - 1]):
            continue  # G20, COVID-19
        elif not m.group("unit") and (re.match(r"[:：][0-9]", text[end:end + 2]) or re.search(r"[0-9][:：]$", text[:start])):
            continue  # 1108:21:37, 8:30: a clock reading or a code, not a count
        if unit == "成" and text[end:end + 1] == "新":
            continue  # 七成新: a used item's condition ("fairly new"), not 70 percent
        if _in_idiom(text, start, end, unit):
            continue  # 三番五次, 十万八千里: set phrases, not figures
        if unit == "年" and is_digits and len(num) == 4 and not scale:
            continue  # a year: _dateparse's job
        if _overlaps(start, end, list(skip)):
            continue
        if unit in ("月", "日"):
            continue
        mult = 1.0
        for ch in scale:
            mult *= _ZH_SCALE[ch]
        if unit.endswith("基点"):
            mult *= 0.01  # 25个基点 = 0.25 percentage point
        mixed = is_digits and _is_mixed(num)  # 3亿5000万至4亿: the trailing 亿 is the range's end's alone
        value *= 1.0 if mixed else mult
        high = None
        if m.group("num2"):
            v2 = parse_zh_number(m.group("num2"))
            if v2 is not None:
                high = v2 * mult
        if m.group("half") or "半" in unit:
            value += 0.5 * mult
        height = re.match(r"[0-9]{1,2}(?![0-9.])|[零〇一二三四五六七八九]{1,2}(?![零〇一二三四五六七八九十百千万])", text[end:]) if unit == "米" and not m.group("num2") else None
        if height and not re.match(rf"(?:{'|'.join(_UNITS_ZH)})", text[height.end() + end:]):
            digits = height.group(0) if height.group(0).isdigit() else "".join(str(_ZH_DIGITS[c]) for c in height.group(0))
            value += float("0." + digits) * mult  # 一米八零, 1米75: a height in metres and centimetres
            end += height.end()
            consumed = end
        found = [(m.group("pre"), _ZH_PREFIX_QUAL.get(m.group("pre") or ""))]
        if m.group("pre") and m.group("pre").startswith("近") and start > 0 and text[start - 1] in "最附":
            found = []  # 最近三年: "in the last three years", not "nearly"
        elif m.group("pre") and m.group("pre").startswith("近") and _recent_period(text, end, unit):
            found = [(m.group("pre"), "recent")]  # 近十年来: "the past ten years" or "nearly ten years", either
        found += [(m.group(k), _ZH_SUFFIX_QUAL.get((m.group(k) or "").lstrip("及或"))) for k in ("more1", "more2", "post")]
        if "多" in unit:
            found.append(("多", "lower"))
        qual_text, qualifier = _strongest(found)
        if not qualifier and (share := _ZH_ABOUT_SHARE.search(text, max(0, start - 24), start)):
            qual_text, qualifier = share.group(1), "approx"  # 约占营收的27%: 约 hedges the share, 占 between
        if m.group("ord") and not pct:
            kind, unit_code = "ordinal", ""
            start = m.start("ord")
            if m.group("pre"):
                continue
        elif pct:
            kind, unit_code = "percent", "pp" if unit in _POINTS_ZH else ""
            if unit == "成":
                value = value * 10 + (_ZH_DIGITS[tenths.group(0)] if tenths else 0)
                high = high * 10 if high is not None else None
        elif unit == "倍":
            kind, unit_code = "times", ""
            growth = _ZH_GROWTH.search(text, max(0, start - 4), start)
            if growth and (growth.group(1) != "翻" or value == 1 and not m.group("num2")):
                # 增长了一倍 is up by 100 percent, doubled; 增加了两倍 up by 200 percent, tripled (是前一年的两倍
                # is twice as it stands); 翻了一番/一倍 is doubled, and a larger 翻 figure is read either way
                value += 1
                high = high + 1 if high is not None else None
                start = growth.start()
        elif unit in _CURRENCY_ZH or m.group("cur"):
            # 新台币12亿元, 港币5亿元: the named currency, not the bare 元 after the figure
            kind, unit_code = "money", _CURRENCY_ZH.get(m.group("cur") if m.group("cur") and unit == "元" else unit or m.group("cur"), "CNY")
        elif unit in _MEASURE_ZH:
            kind, unit_code = "measure", _MEASURE_ZH[unit]
        elif unit in _DURATION_ZH:
            kind, unit_code = "duration", _DURATION_ZH[unit]
        else:
            kind, unit_code = "count", ""
        if value == 1 and kind in ("count", "ordinal", "duration") and not scale and not is_digits:
            continue  # 一个, 一名, 第一: too common to be a figure worth checking
        if kind == "ordinal" and value < 3:
            continue
        decimals = len(num.split(".")[1]) if is_digits and "." in num else 0
        step = mult * 10 ** -decimals
        if mixed:
            step = _mixed_parts(num)[1]  # 1兆2000亿: rounded to 亿
        out.append(Quantity(start, end, text[start:end], value, kind, unit_code, qualifier, qual_text, high,
                            step=step, digits=is_digits))
    out += [q for q in shares if not _overlaps(q.start, q.end, [(x.start, x.end) for x in out])]
    for m in _ZH_READING_RE.finditer(text):
        if not _overlaps(m.start(), m.end(), [(q.start, q.end) for q in out] + list(skip)):
            out.append(Quantity(m.start(), m.end(), m.group(0), 3.0, "ordinal", ""))
    out.sort(key=lambda q: q.start)
    return _years_and_months(_ranges(out, text, _ZH_RANGE_JOINT), text, r"零?")


_NUMERALS = set("零〇一二三四五六七八九十百千万亿两半")
#: A growth verb right before a multiple: 增加了两倍 says "up by two times" (tripled), not "two times".
_ZH_GROWTH = re.compile(r"(增长|增加|提高|上升|上涨|扩大|翻)了?$")
#: 约占 (大约占, 约佔) before a share in the same clause: "about 27 percent of" (约占该协会营收的27%)
_ZH_ABOUT_SHARE = re.compile(r"((?:大)?约)[占佔][^，。；：！？、,;:!?0-9零〇一二三四五六七八九十百千万亿两]*$")


def _in_idiom(text: str, start: int, end: int, unit: str) -> bool:
    """Is the figure at [start, end) part of a set phrase in jieba's dictionary? A chengyu or
    idiom (三天打鱼, 十年寒窗), the two-numeral pattern of hyperbole (三番五次, 七嘴八舌, 三年五载),
    or a large round distance in 里 (十万八千里, 二万五千里). Multiples and percentages in set
    phrases (增加三倍, 身价十倍) are still figures."""
    if unit in ("倍", "成") or "%" in text[start:end] or "百分之" in text[start:end]:
        return False
    from ..zhwords import jieba

    freq = jieba().dt.FREQ
    tags = _word_tags()
    for size in range(4, 8):
        for i in range(max(0, start - size + 1), min(end, len(text) - size + 1)):
            word = text[i:i + size]
            if not freq.get(word):
                continue
            if tags.get(word) in ("i", "l") and any(ch not in _NUMERALS for ch in word[:start - i] + word[end - i:]):
                return True
            if (size == 4 and word[0] in _NUMERALS and word[2] in _NUMERALS and word[1] not in _NUMERALS
                    and word[3] not in _NUMERALS and word[1] not in "个多余"):
                return True
            if word.endswith("里") and i == start and "万" in word:
                return True
    return False


@functools.lru_cache(maxsize=1)
def _word_tags() -> dict[str, str]:
    """jieba's part-of-speech tag per dictionary word ("i" chengyu, "l" idiom)."""
    from ..zhwords import jieba

    return jieba().posseg.dt.word_tag_tab


#: 三读 (通过): a bill's third reading, a rank ("third") as 第三 is; 一读 and 二读 are ranks under 3, which are
#: not figures worth checking (as 第一, 第二)
_ZH_READING_RE = re.compile(r"(?<![0-9零〇一二三四五六七八九十百千万亿两第])三读(?![书者物音])")


def _recent_period(text: str, end: int, unit: str) -> bool:
    """近 + a span of time + 来 / 以来 / 内 (近十年来, 近五个月以来): the period up to now, "the past ten years"
    (translators also write "in nearly ten years")."""
    return unit.lstrip("个") in ("年", "月", "天", "日", "周", "星期") and bool(re.match(r"(?:以?来|内|间)", text[end:]))


_ZH_HALF_RE = re.compile(r"(?<![一二三四五六七八九十两0-9个])(?P<pre>将近|接近|超过|不到|不足|近|逾|约)?"
                         r"(?P<w>一半|半数|过半|半年|半个月)(?P<post>以上|以下|左右)?")
_ZH_FRACTION_NUM = r"[0-9]+|[一二三四五六七八九十两]+"
#: 三分之一, 五分之二 (not 百分之: percentages); a hedge before it (不足三分之一) or after (三分之一以上).
_ZH_FRACTION_RE = re.compile(rf"(?P<pre>{_ZH_PRE})?(?P<d>{_ZH_FRACTION_NUM})分之(?P<n>{_ZH_FRACTION_NUM})(?P<post>以上|以下|左右)?")
#: A hedge that governs a share a few words on, across 的: 不足常年同期的三分之一 ("less than a third of
#: the usual"), 超过全省的一半.
_ZH_HEDGED_SHARE = re.compile(r"(不足|不到|少于|超过|多于|逾|将近|接近|约为|约)[^，。；：,;:!?！？、0-9]{0,8}$")


#: 前三季度 "the first three quarters", 连续两个季度 "two quarters in a row": quarters counted, a duration of
#: three months each (so "the first nine months" renders it); 三季度 or 第三季度 alone is Q3, a period (_periods.py)
_ZH_QUARTERS_RE = re.compile(r"(?:(?<=[前头])(?P<a>[一二三四两1-4])个?|(?P<b>[一二三四五六七八九十两0-9]+)个)季度")


def _zh_quarters(text: str, skip) -> list[Quantity]:
    out = []
    for m in _ZH_QUARTERS_RE.finditer(text):
        n = parse_zh_number(m.group("a") or m.group("b"))
        if n and not _overlaps(m.start(), m.end(), list(skip)):
            out.append(Quantity(m.start(), m.end(), m.group(0), 3.0 * n, "duration", "month"))
    return out


def _zh_fractions(text: str, skip) -> list[Quantity]:
    """Fractions and halves (三分之一, 近半数, 一半以上) as shares between 0 and 1; 半年 as a duration."""
    out: list[Quantity] = []
    for m in _ZH_FRACTION_RE.finditer(text):
        d, n = parse_zh_number(m.group("d")), parse_zh_number(m.group("n"))
        if not d or not n or n > d or _overlaps(m.start(), m.end(), list(skip)) or m.group("d") == "百":
            continue
        qual_text = m.group("post") or m.group("pre") or ""
        qual = _ZH_SUFFIX_QUAL.get(m.group("post") or "") or _ZH_PREFIX_QUAL.get(m.group("pre") or "", "")
        out.append(_hedged_share(text, Quantity(m.start(), m.end(), m.group(0), n / d, "fraction", "", qual, qual_text)))
    for m in _ZH_HALF_RE.finditer(text):
        if _overlaps(m.start(), m.end(), [(q.start, q.end) for q in out] + list(skip)):
            continue
        word = m.group("w")
        pre = m.group("pre") or ""
        if pre.startswith("近") and m.start() > 0 and text[m.start() - 1] in "最附":
            pre = ""  # 最近半年: "the last six months", not "nearly"
        start = m.start() if pre else m.start("w")
        qual_text = m.group("post") or pre
        qual = _ZH_SUFFIX_QUAL.get(m.group("post") or "", "") or _ZH_PREFIX_QUAL.get(pre, "") or ("lower" if word == "过半" else "")
        if word in ("半年", "半个月"):
            out.append(Quantity(start, m.end(), text[start:m.end()], 0.5, "duration", "year" if word == "半年" else "month", qual, qual_text))
        else:
            q = Quantity(start, m.end(), text[start:m.end()], 0.5, "fraction", "", qual, qual_text or ("过" if word == "过半" else ""))
            out.append(_hedged_share(text, q))
    return out


def _hedged_share(text: str, q: Quantity) -> Quantity:
    """A plain share takes the hedge a few words before it (不足常年同期的三分之一)."""
    if q.qualifier:
        return q
    m = _ZH_HEDGED_SHARE.search(text, max(0, q.start - 12), q.start)
    if m is None:
        return q
    return Quantity(q.start, q.end, q.text, q.value, q.kind, q.unit, _ZH_PREFIX_QUAL[m.group(1)], m.group(1))


# --- English ----------------------------------------------------------------------------------
_MEASURE_EN = {
    "kilogram": "kg", "kilograms": "kg", "kilo": "kg", "kilos": "kg", "kg": "kg", "kilometer": "km", "kilometers": "km",
    "kilometre": "km", "kilometres": "km", "km": "km", "meter": "m", "meters": "m", "metre": "m", "metres": "m",
    "mile": "mile", "miles": "mile", "foot": "ft", "feet": "ft", "ton": "t", "tons": "t", "tonne": "t", "tonnes": "t",
    "pounds": "lb", "inch": "in", "inches": "in", "centimeter": "cm", "centimeters": "cm", "centimetre": "cm",
    "centimetres": "cm", "cm": "cm", "millimeter": "mm", "millimeters": "mm", "millimetre": "mm", "millimetres": "mm", "mm": "mm",
    "nanometer": "nm", "nanometers": "nm", "nanometre": "nm", "nanometres": "nm", "nm": "nm",
    "hectare": "ha", "hectares": "ha", "acre": "acre", "acres": "acre", "mu": "mu", "km2": "km2", "km²": "km2",
    "°c": "C", "℃": "C", "°f": "F", "℉": "F", "degrees": "deg", "degree": "deg",
}


def _en_measure(unit: str) -> str | None:
    """"square kilometers" -> km2, "sq mi" -> mi2, "degrees Fahrenheit" -> F: the unit code of an English measure."""
    unit = " ".join(unit.lower().replace(".", "").split())
    if unit in _MEASURE_EN:
        return _MEASURE_EN[unit]
    if unit.startswith(("square ", "sq ")):
        base = _MEASURE_EN.get(unit.split(" ", 1)[1], {"mi": "mile"}.get(unit.split(" ", 1)[1]))
        return {"km": "km2", "m": "m2", "mile": "mi2", "ft": "ft2"}.get(base or "")
    if unit.startswith("degree"):
        scale = unit.split()[-1]
        return {"celsius": "C", "centigrade": "C", "c": "C", "fahrenheit": "F", "f": "F"}.get(scale, "deg")
    return None
_EN_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_EN_SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_EN_ORDINALS = {
    "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "twentieth": 20,
}
_EN_TIMES = {"twice": 2, "double": 2, "doubled": 2, "doubling": 2, "triple": 3, "tripled": 3, "quadrupled": 4}
_CURRENCY_EN = {
    "us$": "USD", "$": "USD", "hk$": "HKD", "nt$": "TWD", "€": "EUR", "£": "GBP", "¥": "CNY", "rmb": "CNY",
    "yuan": "CNY", "renminbi": "CNY", "dollars": "USD", "dollar": "USD", "u.s. dollars": "USD",
    "hong kong dollars": "HKD", "taiwan dollars": "TWD", "euros": "EUR", "yen": "JPY", "mop$": "MOP",
    "patacas": "MOP", "pataca": "MOP", "a$": "AUD", "c$": "CAD", "s$": "SGD", "australian dollars": "AUD",
    "canadian dollars": "CAD", "singapore dollars": "SGD",
}
_DURATION_EN = {
    "seconds": "second", "second": "second", "minutes": "minute", "minute": "minute", "hours": "hour", "hour": "hour",
    "days": "day", "day": "day", "weeks": "week", "week": "week", "months": "month", "month": "month",
    "years": "year", "year": "year", "decade": "year", "decades": "year", "century": "year", "centuries": "year",
}
#: Durations counted in bigger units: "four decades" = 40 years.
_DURATION_SCALE = {"decade": 10, "decades": 10, "century": 100, "centuries": 100}
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TENS_RE = "|".join(_EN_TENS)
_UNITS_RE = "|".join(sorted(_EN_UNITS, key=len, reverse=True))
_WORD = rf"(?:(?:{_TENS_RE})(?:[- ](?:{_ONES}))?|{_UNITS_RE})"
_ORD_ONES = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9}
_WORD = rf"(?:{_WORD})(?!-(?:{'|'.join(_ORD_ONES)}|thirds?|quarters?|way)\b)"  # "twenty-first" an ordinal, "two-thirds" a fraction, "two-way" a kind
_WORD_NUM = rf"(?:{_WORD}(?:[ -]hundred(?:(?: and)? {_WORD})?)?|a hundred|a half|half)"
_EN_PRE = "|".join(sorted(_EN_PREFIX_QUAL, key=len, reverse=True))
_EN_RE = re.compile(
    rf"(?<![\w$.])(?:(?P<pre>{_EN_PRE})\s+)?(?P<between>between\s+)?(?P<cur>US\$|HK\$|NT\$|MOP\$|A\$|C\$|S\$|\$|€|£|¥|RMB\s?)?"
    rf"(?P<num>[0-9]+(?:,[0-9]{{3}})*(?:\.[0-9]+)?|{_WORD_NUM})(?P<andhalf> and a half)?"
    rf"(?:(?(between)\s+and\s+|\s?(?:-\s?to[\s-]|-|–|to)\s?)(?P<cur2>US\$|HK\$|\$)?(?P<num2>[0-9]+(?:,[0-9]{{3}})*(?:\.[0-9]+)?|(?(between){_WORD_NUM}|(?!))))?"
    r"(?:[ -]?(?P<scale>trillion|billion|million|thousand|bn|mn|m|k)\b)?"
    r"(?:[ -]?(?P<unit>percentage points?|basis points?|per ?cent|%|times|fold|(?:U\.S\. |Hong Kong |Taiwan )?dollars?|yuan|renminbi|euros|pounds|yen|patacas?|kilograms?|kilos?|kg|kilometers?|kilometres?|km|meters?|metres?|miles?|feet|foot|tons?|tonnes?|"
    r"inch(?:es)?|centimet(?:er|re)s?|cm|millimet(?:er|re)s?|mm|nanomet(?:er|re)s?|nm|seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|century|centuries|"
    r"(?:square|sq\.?) (?:kilomet(?:er|re)s?|km|miles?|mi|met(?:er|re)s?|feet|foot|ft)|km2|km²|hectares?|acres?|mu|"
    r"degrees? (?:Celsius|centigrade|Fahrenheit|C|F)|degrees?|°\s?[CF]|℃|℉))?"
    rf"(?:\s+(?P<post>{_EN_POST})(?!\s+(?:the|a|an|this|that|these|those|his|her|its|their|our|my|your)\b))?(?![\w])",
    re.I,
)
#: "two or three", "a day or two": a guess, not a figure (as 两三天 in Chinese).
_EN_VAGUE = re.compile(rf"\b(?:{_WORD_NUM}|[0-9]+|an?\s+[a-z]+)\s+or\s+(?:{_WORD_NUM}|[0-9]+)\b", re.I)
_EN_INCHES = re.compile(rf"\s+(?:and\s+)?([0-9]+|{_WORD})\s+inch(?:es)?\b", re.I)
_EN_WORDY = re.compile(
    r"\b(?P<pre>(?:more than|nearly|almost|about|over|at least|some) )?(?P<w>twice|double|doubled|doubling|triple|tripled|quadrupled|"
    + rf"(?:{_TENS_RE})-(?:{'|'.join(_ORD_ONES)})|"
    + "|".join(_EN_ORDINALS)
    + r")\b",
    re.I,
)


def parse_en_number(token: str) -> float | None:
    """"35,000", "six", "twenty-five", "two hundred and ten", "half" -> value."""
    token = token.lower().replace(",", "").strip()
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", token):
        return float(token)
    if token in ("half", "a half"):
        return 0.5
    if token == "a dozen":
        return 12.0
    if token == "a hundred":
        return 100.0
    total = 0.0
    for word in re.split(r"[\s-]+", token):
        if word == "and":
            continue
        if word in _EN_UNITS:
            total += _EN_UNITS[word]
        elif word in _EN_TENS:
            total += _EN_TENS[word]
        elif word == "hundred":
            total = (total or 1) * 100
        else:
            return None
    return total


_EN_FRACTIONS = {"third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
#: "a third of", "two-thirds", "one-fifth": a share. A singular "a third" is one only before "of" or a
#: comparison ("a third below normal"); "a third term" is an ordinal.
_EN_FRACTION_RE = re.compile(
    rf"(?:\b(?P<pre>{_EN_PRE})\s+)?\b(?P<n>a|one|two|three|four|five|six|seven|eight|nine)[\s-]"
    rf"(?P<d>{'|'.join(_EN_FRACTIONS)})(?P<pl>s)?\b(?=(?P<of>\s+(?:of|below|above|less|more|fewer|lower|higher|smaller|larger|bigger)\b)?)",
    re.I)


def _en_fractions(text: str) -> list[Quantity]:
    out = []
    for m in _EN_FRACTION_RE.finditer(text):
        n = 1 if m.group("n").lower() in ("a", "one") else _EN_UNITS[m.group("n").lower()]
        if (n == 1) == bool(m.group("pl")) or n == 1 and not m.group("of"):
            continue
        pre = (m.group("pre") or "").lower()
        start = m.start() if pre else m.start("n")
        out.append(Quantity(start, m.end(), text[start:m.end()], n / _EN_FRACTIONS[m.group("d").lower()], "fraction", "",
                            _EN_PREFIX_QUAL.get(pre, ""), pre))
    return out


#: "the first three quarters", "two straight quarters", "three quarters in a row": quarters of a year counted, a
#: duration of three months each, not a share ("three quarters of the vote")
_EN_QUARTERS_RE = re.compile(
    r"\b(?:(?P<when>first|last|past|previous|next|coming|recent|latest)\s+)?(?P<n>two|three|four|five|six|seven|eight|[2-9])"
    r"\s+(?:(?P<row>consecutive|straight|successive)\s+)?quarters\b(?!\s+of\b)(?P<after>\s+in\s+a\s+row\b)?", re.I)


def _en_quarters(text: str) -> list[Quantity]:
    out = []
    for m in _EN_QUARTERS_RE.finditer(text):
        if m.group("when") or m.group("row") or m.group("after"):
            n = m.group("n").lower()
            n = float(n) if n.isdigit() else float(_EN_UNITS[n])
            out.append(Quantity(m.start("n"), m.end(), text[m.start("n"):m.end()], 3.0 * n, "duration", "month"))
    return out


def extract_en(text: str, skip: list[tuple[int, int]] = ()) -> list[Quantity]:
    """Quantities in English text; ``skip`` are spans (dates) to leave alone."""
    quarters = [q for q in _en_quarters(text) if not _overlaps(q.start, q.end, list(skip))]
    skip = list(skip) + [(q.start, q.end) for q in quarters]
    out: list[Quantity] = quarters + [q for q in _en_fractions(text) if not _overlaps(q.start, q.end, list(skip))]
    taken: list[tuple[int, int]] = list(skip) + [(m.start(), m.end()) for m in _EN_VAGUE.finditer(text)]
    taken += [(q.start, q.end) for q in out]
    for m in _EN_RE.finditer(text):
        num = m.group("num")
        value = parse_en_number(num)
        if value is None:
            continue
        start, end = m.start("num") if not m.group("cur") else m.start("cur"), m.end()
        if m.group("pre"):
            start = m.start("pre")
        scale = (m.group("scale") or "").lower()
        unit = (m.group("unit") or "").lower()
        cur = (m.group("cur") or "").strip().lower()
        is_digits = num[0].isdigit()
        if scale in ("m", "k", "bn", "mn") and not cur:
            scale = ""  # "5 m" is metres, "3K" kelvin or the Three-K Party, more often than millions
        if _overlaps(m.start("num"), m.end("num"), taken):
            continue
        tail = text[m.end():m.end() + 12].lower()
        if re.match(r"\s*(a\.m\.|p\.m\.|am\b|pm\b|o'clock|:\d)", tail) or (is_digits and text[m.end():m.end() + 1] == ":"):
            continue  # a time of day
        if is_digits and not (scale or unit or cur) and len(num) == 4 and 1800 <= value <= 2100:
            continue  # a year
        kind_half = num.lower() in ("half", "a half") and not (unit or scale)
        if m.group("andhalf"):
            value += 0.5
        mult = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}.get(scale, 1.0)
        mult *= _DURATION_SCALE.get(unit, 1)
        if unit.startswith("basis point"):
            mult *= 0.01  # 25 basis points = 0.25 percentage point
        value *= mult
        high = None
        if m.group("num2"):
            v2 = parse_en_number(m.group("num2"))
            high = v2 * mult if v2 is not None else None
            if high is not None and high <= value:
                high = None  # a score (3-1) or odds, not a range
        qualifier, qual_text = "", ""
        if m.group("pre"):
            qual_text = m.group("pre").lower()
            qualifier = _EN_PREFIX_QUAL[qual_text]
        if m.group("post") and not qualifier:
            qual_text = m.group("post").lower()
            qualifier = _EN_SUFFIX_QUAL[qual_text]
        verb = None if qualifier else _exceeds(text, start)
        if verb is not None:  # "Farm Losses Top NT$1.2 Billion": 超过新台币12亿元
            start, qual_text, qualifier = verb
        if unit.startswith("percentage point"):
            kind, code = "percent", "pp"  # percentage points: a difference of two rates
        elif unit.startswith("basis point"):
            kind, code = "percent", "pp"  # hundredths of a percentage point (scaled with mult above)
        elif unit.startswith("percent") or unit in ("per cent", "%"):
            kind, code = "percent", ""
        elif unit in ("times", "fold") and not scale and value < 100:
            kind, code = "times", ""
        elif unit in ("times", "fold"):
            kind, code = "count", ""
        elif unit == "pounds" and cur != "£":
            kind, code = "measure", "lb"
        elif _en_measure(unit):
            kind, code = "measure", _en_measure(unit)
        elif cur or unit in _CURRENCY_EN:
            kind, code = "money", _CURRENCY_EN.get(cur or unit, "USD")
        elif unit in _DURATION_EN:
            kind, code = "duration", _DURATION_EN[unit]
        elif kind_half:
            kind, code = "fraction", ""
        else:
            kind, code = "count", ""
        if value == 1 and kind in ("count", "duration") and not is_digits:
            continue  # "one of them", "one day": a pronoun or an article more often than a figure (as 一天)
        if code == "ft":  # five feet four inches: one height
            inches = _EN_INCHES.match(text, end)
            if inches and parse_en_number(inches.group(1)) is not None:
                value += parse_en_number(inches.group(1)) / 12
                end = inches.end()
        if value == 0 and not is_digits:
            continue
        taken.append((m.start(), max(end, m.end())))
        decimals = len(num.split(".")[1]) if is_digits and "." in num else 0
        out.append(Quantity(start, end, text[start:end], value, kind, code, qualifier, qual_text, high,
                            step=mult * 10 ** -decimals, digits=is_digits))
    for m in _EN_WORDY.finditer(text):
        if _overlaps(m.start("w"), m.end("w"), taken):
            continue
        word = m.group("w").lower()
        if word in _EN_TIMES:
            value, kind = float(_EN_TIMES[word]), "times"
        elif "-" in word:  # twenty-first
            tens, _, ones = word.partition("-")
            value, kind = float(_EN_TENS[tens] + _ORD_ONES[ones]), "ordinal"
        else:
            value, kind = float(_EN_ORDINALS[word]), "ordinal"
        qualifier = _EN_PREFIX_QUAL.get((m.group("pre") or "").strip().lower(), "")
        start = m.start("pre") if m.group("pre") and qualifier else m.start("w")
        out.append(Quantity(start, m.end(), text[start:m.end()], value, kind, "", qualifier, (m.group("pre") or "").strip().lower() if qualifier else ""))
    for m in re.finditer(r"\b([0-9]+)(?:st|nd|rd|th)\b", text):
        if not _overlaps(m.start(), m.end(), taken) and int(m.group(1)) >= 3:
            out.append(Quantity(m.start(), m.end(), m.group(0), float(m.group(1)), "ordinal"))
    out.sort(key=lambda q: q.start)
    return _years_and_months(_ranges(out, text, _EN_RANGE_JOINT), text, r",? and |, ")


_ZH_RANGE_JOINT = re.compile(r"\s*(?:至|到|-|—|–|~|～)\s*")
_EN_RANGE_JOINT = re.compile(r"\s*(?:-|–|to)\s*|\s+and\s+")
#: "from 5% to 8%", 从5%到8%: a change from one figure to another, not a range.
_FROM = re.compile(r"(?:\bfrom|从|由)\s*$", re.I)


def _bare(q: Quantity) -> bool:
    """A number without a unit or measure word of its own (300万 in 300万至500万美元, "three" in "three to
    five years")."""
    if q.kind != "count" or q.unit:
        return False
    last = re.split(r"[\s-]+", q.text)[-1].lower()
    return bool(re.search(r"[0-9零〇一二三四五六七八九十百千万亿兆两]$", q.text)) or last in _EN_SCALES or parse_en_number(last) is not None


#: a currency named in words (not the bare 元 every Chinese sum ends in), from _CURRENCY_ZH
_ZH_CURRENCY_NAME = re.compile("|".join(sorted((n for n in _CURRENCY_ZH if not n.startswith("元")), key=len, reverse=True)))


def _currency_carried(prev: Quantity, q: Quantity) -> bool:
    """新台币3,000万至8,000万元: the currency named before a range's first figure is the second's too, whose
    bare 元 would otherwise read as yuan."""
    return (prev.kind == q.kind == "money" and prev.unit != q.unit and q.unit == "CNY"
            and bool(_ZH_CURRENCY_NAME.match(prev.text)) and q.text.endswith("元")
            and not _ZH_CURRENCY_NAME.search(q.text))


def _ranges(found: list[Quantity], text: str, joint: re.Pattern) -> list[Quantity]:
    """Two figures that each carry the unit, joined as a range (21.2%至32.8%, 5% to 8%, between 5% and 8%,
    300万至500万美元): one range, as 21.2至32.8% and "21.2 to 32.8 percent" already are. A bare number
    before the second figure takes its unit; "from 5% to 8%" is a change, not a range; plain counts
    join only in digits ("five to nine" is a time of day)."""
    out: list[Quantity] = []
    for q in found:
        prev = out[-1] if out else None
        gap = text[prev.end:q.start] if prev is not None else ""
        if (prev is not None and prev.high is None and q.high is None and q.value > prev.value
                and not q.qualifier and joint.fullmatch(gap)
                and (prev.kind == q.kind and prev.unit == q.unit or q.kind != "count" and _bare(prev)
                     or _currency_carried(prev, q))
                and q.kind != "ordinal" and (q.kind != "count" or prev.digits and q.digits)):
            before = text[:prev.start]
            if gap.strip().lower() == "and" and not re.search(r"\bbetween\s*$", before, re.I) or _FROM.search(before):
                out.append(q)  # "5% and 8% respectively", "from 5% to 8%"
                continue
            unit = prev.unit if _currency_carried(prev, q) else q.unit
            out[-1] = Quantity(prev.start, q.end, text[prev.start:q.end], prev.value, q.kind, unit,
                               prev.qualifier, prev.qualifier_text, q.value, max(prev.step, q.step),
                               prev.digits and q.digits)
            continue
        out.append(q)
    return out


#: Verbs that put a figure as a bound: "losses top NT$1.2 billion", "exceeded 500", "surpassed $3 million"
#: say more than (超过, 逾, 突破); "did not exceed" says at most.
_EN_EXCEED = re.compile(r"\b(?P<verb>top(?:s|ped|ping)?|exceed(?:s|ed|ing)?|surpass(?:es|ed|ing)?)\s+$", re.I)
_EN_NEGATION = re.compile(r"(?:\bnot|\b\w+n[’']t|\bnever)\s+$", re.I)
#: Words before a bare "top" that make it the adjective: "the top 10", "China's top three", "in top 5".
_TOP_ADJECTIVE_AFTER = {"the", "a", "an", "its", "their", "his", "her", "our", "my", "your", "this", "that", "these",
                        "those", "in", "of", "among", "into", "from"}


def _exceeds(text: str, start: int) -> tuple[int, str, str] | None:
    """A verb of exceeding right before the figure at ``start``: (its start, its words, qualifier)."""
    m = _EN_EXCEED.search(text, max(0, start - 40), start)
    if m is None:
        return None
    word = m.group("verb").lower()
    if word == "top":
        prev = re.search(r"([\w'’.]+)\s+$", text[:m.start("verb")])
        if prev is None or prev.group(1).lower() in _TOP_ADJECTIVE_AFTER or prev.group(1).lower().endswith(("'s", "’s")):
            return None  # "Top 10 universities", "the top 5%": a rank, not a verb
    neg = _EN_NEGATION.search(text, max(0, m.start() - 12), m.start())
    if neg is not None:
        return neg.start(), text[neg.start():m.end("verb")].lower(), "upper"
    return m.start("verb"), word, "lower"


def _years_and_months(found: list[Quantity], text: str, joint: str) -> list[Quantity]:
    """三年六个月 / four years and six months: one term of years (a prison sentence), so that it equals
    "three and a half years" rather than being a changed 3 years and a dropped 6 months."""
    out: list[Quantity] = []
    for q in found:
        prev = out[-1] if out else None
        if (prev is not None and prev.kind == q.kind == "duration" and prev.unit == "year" and q.unit == "month"
                and prev.high is None and q.high is None and not q.qualifier and re.fullmatch(joint, text[prev.end:q.start])):
            out[-1] = Quantity(prev.start, q.end, text[prev.start:q.end], prev.value + q.value / 12, "duration", "year",
                               prev.qualifier, prev.qualifier_text, step=q.step / 12, digits=prev.digits)
            continue
        out.append(q)
    return out


_ZH_RUN = re.compile(r"[0-9]+(?:\.[0-9]+)?|[零〇一二三四五六七八九十百千万亿两]+|[双俩]")
_EN_RUN = re.compile(rf"\b(?:[0-9]+(?:,[0-9]{{3}})*(?:\.[0-9]+)?|{_WORD_NUM}|a dozen|dozens?)\b", re.I)


def loose_numbers(text: str, lang: str, covered: list[tuple[int, int]]) -> set[float]:
    """Values of the numerals a sentence writes outside its figures and ``covered`` spans: 三十六 in
    《三十六计》, 三 in 一家三口, "one", "a dozen". A figure on the other side with such a value
    renders that numeral; it is neither changed nor added. 双 and 俩 count as two. One is left
    out: 一 and "a" are articles."""
    values: set[float] = set()
    if not is_chinese(lang):
        covered = list(covered) + [(m.start(), m.end()) for m in _EN_VAGUE.finditer(text)]
    for m in (_ZH_RUN if is_chinese(lang) else _EN_RUN).finditer(text):
        if _overlaps(m.start(), m.end(), covered):
            continue
        token = m.group(0)
        if is_chinese(lang):
            value = 2.0 if token in "双俩" else parse_zh_number(token)  # 一双 "a pair", 他们俩 "the two of them"
            guess = re.search(r"(?<![一二三四五六七八九两〇零])[一二三四五六七八九两]{2}(?![一二三四五六七八九两〇零])", token)
            if guess:  # 三四, 十七八: each of the guesses (not 一九六〇, a year read digit by digit)
                values.update(float(_ZH_DIGITS[ch]) for ch in guess.group(0))
        else:
            value = 12.0 if token.lower().startswith("dozen") else parse_en_number(token)
        if value is not None:
            values.add(value)
    values.discard(1.0)
    values.discard(0.0)
    return values


def format_value(q: Quantity) -> str:
    """A figure the way a journalist writes it: 430,000; 67.2 billion; 15%; 6.5 years."""
    def num(v: float) -> str:
        if v >= 1e9 and (v / 1e9) != int(v / 1e9) or v >= 1e10:
            return f"{v / 1e9:,.2f}".rstrip("0").rstrip(".") + " billion"
        if v == int(v):
            return f"{int(v):,}"
        return f"{v:,.2f}".rstrip("0").rstrip(".")

    if q.kind == "fraction":  # 五分之一 -> "1/5", 三分之二 -> "2/3", 半数 -> "1/2"
        from fractions import Fraction

        share = Fraction(q.value).limit_denominator(12)
        return _QUAL_PREFIX.get(q.qualifier, "") + f"{share.numerator}/{share.denominator}"
    body = num(q.value) + (f"–{num(q.high)}" if q.high is not None else "")
    if q.kind == "measure" and q.unit:
        body += " " + _UNIT_NAMES.get(q.unit, q.unit)
    if q.kind == "percent":
        body += " percentage points" if q.unit == "pp" else "%"
    elif q.kind == "times":
        body += " times"
    elif q.kind == "money":
        body += f" {q.unit}"
    elif q.kind == "duration":
        body += f" {q.unit}{'s' if q.value != 1 else ''}"
    elif q.kind == "ordinal":
        body = f"no. {body}"
    return _QUAL_PREFIX.get(q.qualifier, "") + body


_QUAL_PREFIX = {"lower": "more than ", "upper": "under ", "approx": "about ", "upto": "as many as "}
_UNIT_NAMES = {"km2": "square kilometers", "m2": "square meters", "mi2": "square miles", "ft2": "square feet", "ha": "hectares",
               "C": "°C", "F": "°F", "deg": "degrees", "t": "tonnes", "lb": "pounds", "in": "inches", "ft": "feet"}
