"""Years, month spans (1-10月份, 上半年, 前三季度, 截至6月底) and relative years (今年, 明年).

>>> period_before("2025年元至11月份实现营业收入146亿元", 16)
Period(year=2025, months='01-11', relative=None, cumulative=False)
>>> period_before("1－10月份，投资5000万元".replace("－", "-"), 8)
Period(year=None, months='01-10', relative=None, cumulative=False)
>>> period_before("力争明年引进企业10家", 10)
Period(year=None, months=None, relative=1, cumulative=False)
>>> period_before("截至6月底，入驻企业50家", 12).months
'01-06'
>>> period_before("9月份工业产值达106亿元", 12).months
'09-09'
>>> period_before("1800年入驻企业20家", 10).year
1800
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from .numerals import parse_any

_NUM = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_CN_YEAR = r"[一二三四五六七八九〇零○]{4}"
# A year token, unless it is a base year (较2020年, 比上年) or a span start (2021-2025年).
# Any four digits from 1000 are read as the year they say (1800年, 2099年), so that the
# quality checks can flag a year outside what a report can be about instead of losing it;
# 1500年历史 is an age, not a date.
YEAR = re.compile(rf"(?<![较比与同由\d-])(?P<year>[12]\d{{3}}|{_CN_YEAR})\s*+年(?!以前|前|的?历史)")
# An ROC year (民国113年, or 113年 in a report that writes them: Taiwan's, in traditional script or naming 民国):
# two or three digits from 60 to 150 (1971-2061), never a length of time (15年来, 70年代, 使用期限70年, 成立70年,
# 建党100年).
ROC_YEAR = re.compile(
    r"(?<![较比与同由限期满近逾约达共立党国\d.-])(?P<roc>民国)?(?P<year>\d{2,3}+)\s*+年"
    r"(?!以前|前|的?历史|来|间|内|代|以上|以来|左右|后|之后|期|限)"
)
ROC_FIRST, ROC_LAST, ROC_OFFSET = 60, 150, 1911
RELATIVE_YEARS = {"今年": 0, "本年": 0, "当年": 0, "年内": 0, "明年": 1, "来年": 1, "去年": -1, "上年": -1, "前年": -2}
# A relative year after 较/比/与/同 is the base a change is measured against (比去年增长12%: this year's growth),
# no period of the figures after it, as the same words before a written year (较2020年) are.
RELATIVE = re.compile("(?<![较比与同])(?:" + "|".join(RELATIVE_YEARS) + ")")
NAMED_SPANS = {
    "上半年": "01-06",
    "下半年": "07-12",
    "前三季度": "01-09",
    "前两季度": "01-06",
    "一季度": "01-03",
    "第一季度": "01-03",
    "首季度": "01-03",
    "二季度": "04-06",
    "第二季度": "04-06",
    "三季度": "07-09",
    "第三季度": "07-09",
    "四季度": "10-12",
    "第四季度": "10-12",
    "前三个季度": "01-09",
}
SPAN = re.compile(
    # Possessive spaces: around an optional 月, two plain \s* would split a run of spaces
    # every possible way before failing.
    rf"(?P<a>{_NUM}|元)\s*+月?\s*+[-~至到]\s*+(?P<b>{_NUM})\s*+月"
    rf"|前(?P<n>{_NUM})个?月"
    rf"|截[至止](?:\d{{4}}年|今年|本年|当年)?(?P<end>{_NUM})月(?:底|末|份)?"
    rf"|(?:截[至止]|到)(?:\d{{4}}年)?(?P<year_end>年?底|年末)"
    rf"|截[至止](?:\d{{4}}年|今年|本年|当年)?(?:第)?(?P<quarter>[一二三四1-4])季度末"
    rf"|(?P<named>{'|'.join(sorted(NAMED_SPANS, key=len, reverse=True))})"
    # One month alone, written with 份 (9月份工业产值106亿元); a date (6月28日) has no 份.
    rf"|(?<!\d)(?P<single>{_NUM})月份"
)
# Every span holds one of these (…月, 截至年底, 年末, 一季度, 上半年), and every year and relative
# year holds 年: a sentence without them is not searched (most sentences name no period).
_SPAN_MARK = re.compile("[月季半底末]")
if not all(_SPAN_MARK.search(name) for name in NAMED_SPANS) or not all("年" in word for word in RELATIVE_YEARS):
    raise ValueError("periods: each NAMED_SPANS name needs a character of _SPAN_MARK, each relative year 年")


@dataclass(frozen=True)
class Period:
    year: int | None
    months: str | None
    relative: int | None
    cumulative: bool


def leading_date(*more: str) -> str:
    """The date a clause may open on before its subject (2023年，1-8月，上半年，今年 …), as a pattern to build
    on: optional, so a clause with no date matches it too. `more` adds words that stand where a date would (目前)."""
    words = "|".join(("上半年", "[一二三四]季度", "前三季度", "全年", "今年", "去年", *more))
    return rf"\s*(?:(?:19|20)\d{{2}}年(?:度)?)?(?:\d{{1,2}}\s*[-－—–至~]\s*\d{{1,2}}月份?|{words})?"


def _month(text: str) -> int:
    return 1 if text == "元" else int(parse_any(text))


def _months(match: re.Match) -> tuple[str | None, bool]:
    if match["quarter"]:
        return f"01-{3 * int(parse_any(match['quarter'])):02d}", True  # 截至一季度末
    if match["year_end"]:
        return None, True  # 截止2025年底: a to-date figure for the whole year
    if match["named"]:
        return NAMED_SPANS[match["named"]], False
    if match["end"]:
        return f"01-{_month(match['end']):02d}", True
    if match["n"]:
        return f"01-{_month(match['n']):02d}", False
    if match["single"]:
        month = _month(match["single"])
        return (f"{month:02d}-{month:02d}" if 1 <= month <= 12 else None), False
    first, last = _month(match["a"]), _month(match["b"])
    if not (1 <= first <= last <= 12):
        return None, False
    return f"{first:02d}-{last:02d}", False


def _read_tokens(sentence: str, roc: bool = False):
    """Year, month-span and relative-year tokens of a sentence with their end offsets (`roc`: the report writes
    ROC years, 113年)."""
    if "年" in sentence:
        years = [(match.end(), match.start(), int(parse_any(match["year"]))) for match in YEAR.finditer(sentence)
                 if not _a_rise_s_start(sentence, match)]
        if roc or "民国" in sentence:
            years = sorted(years + _roc_years(sentence, roc))
        relatives = [(match.end(), match.start(), RELATIVE_YEARS[match.group()]) for match in RELATIVE.finditer(sentence)]
    else:
        years, relatives = [], []
    spans = [(match.end(), *_months(match)) for match in SPAN.finditer(sentence)] if _SPAN_MARK.search(sentence) else []
    return years, spans, relatives


_NO_PERIOD = Period(None, None, None, False)


def _a_rise_s_start(sentence: str, match: re.Match) -> bool:
    """从2020年的56家增加到128家: the year of the amount a rise started from, no period of the figures after it
    (由2020年 is never read as one; 从2020年开始 still is)."""
    return sentence[match.start() - 1 : match.start()] == "从" and sentence.startswith("的", match.end())


def _roc_years(sentence: str, roc: bool) -> list[tuple[int, int, int]]:
    """民国113年 anywhere, 113年 in a report that writes ROC years: the year it says (2024)."""
    found = []
    for match in ROC_YEAR.finditer(sentence):
        year = int(match["year"])
        if (roc or match["roc"]) and ROC_FIRST <= year <= ROC_LAST:
            found.append((match.end(), match.start(), year + ROC_OFFSET))
    return found


def period_before(sentence: str, position: int) -> Period:
    """The period that governs a figure at `position`: the last year, span and 今年/明年 before it."""
    return period_at(sentence_periods(sentence), position)


@lru_cache(maxsize=4096)  # a report may say one sentence many times (a table line, a repeated section)
def sentence_periods(sentence: str, roc: bool = False) -> tuple[tuple[int, ...], tuple[Period, ...]]:
    """A sentence read once for all its figures: the offsets where the governing period changes (the
    ends of its period tokens, ascending) and the period from each on; see `period_at`.

    >>> period_at(sentence_periods("2024年1-6月产值5亿元，明年力争8亿元"), 14)
    Period(year=2024, months='01-06', relative=None, cumulative=False)
    >>> period_at(sentence_periods("2024年1-6月产值5亿元，明年力争8亿元"), 19).relative
    1
    """
    # One sweep over the tokens in the order they end (a table line may hold hundreds of years).
    events = sorted(
        ((token[0], kind, token) for kind, found in enumerate(_read_tokens(sentence, roc)) for token in found),
        key=lambda event: event[0],
    )
    last: list = [None, None, None]  # the last year, span and relative year ended so far
    ends: list[int] = []
    periods: list[Period] = []
    for end, kind, token in events:
        last[kind] = token
        if ends and ends[-1] == end:
            periods[-1] = _governing(*last)
        else:
            ends.append(end)
            periods.append(_governing(*last))
    return tuple(ends), tuple(periods)


def period_at(periods: tuple[tuple[int, ...], tuple[Period, ...]], position: int) -> Period:
    """The period of a figure at `position` of a sentence read by `sentence_periods` (= period_before)."""
    ends, found = periods
    index = bisect.bisect_right(ends, position)
    return found[index - 1] if index else _NO_PERIOD


def _governing(year, span, relative) -> Period:
    """The period said by the last year, span and relative-year tokens before a figure (None: none)."""
    months, cumulative = (span[1], span[2]) if span else (None, False)
    if relative and (not year or relative[1] > year[1]):
        return Period(None, months, relative[2], cumulative)  # the later of the two governs
    return Period(year[2] if year else None, months, None, cumulative)


def base_year(window: str) -> str | None:
    """The basis of a growth rate: 'yoy' for 同比, the year for 较2020年, None when not stated."""
    match = re.search(r"(?:较|比|与)((?:19|20)\d{2})\s*年", window)
    if match:
        return match.group(1)
    if re.search(r"同比|比上年|较上年|比去年|较去年|比上年同期|较上年同期|比增|比降|[比较]上一年|[比较]前一年", window):
        return "yoy"
    if "环比" in window:
        return "mom"
    return None
