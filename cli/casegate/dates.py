"""Dates as the ward writes them: 西暦 ISO dates in files, 和暦 where people read them.

The 和暦 arithmetic is japanera's (a maintained era table, so a future era change is a
dependency update, not a code change); this module only adapts its formats.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from japanera import EraDate

# 「令和9年5月1日」「令和元年五月一日」 are not both parsed by japanera's strptime, so the
# parts are taken apart here and handed to it in the one spelling it accepts.
_WAREKI = re.compile(
    r"^\s*(?P<era>\D+?)\s*(?P<year>元|\d{1,2})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日\s*$"
)


def format_wareki(day: dt.date) -> str:
    """令和8年5月1日 for 2026-05-01; the first year of an era is 元年."""
    era_date = EraDate.from_date(day)
    year = era_date.strftime("%-Y")
    return f"{era_date.strftime('%-K')}{'元' if year == '1' else year}年{day.month}月{day.day}日"


def format_date(day: dt.date, lang: str) -> str:
    """The date as the reader expects it: 和暦 with the ISO date for Japanese, ISO for English."""
    return f"{format_wareki(day)}（{day.isoformat()}）" if lang == "ja" else day.isoformat()


def parse_date(text: str) -> dt.date:
    """Parse 2026-05-01, or 令和8年5月1日 (full-width digits too). Raises ValueError."""
    normalised = unicodedata.normalize("NFKC", text).strip()
    match = _WAREKI.match(normalised)
    if match is None:
        return dt.date.fromisoformat(normalised)
    year = 1 if match["year"] == "元" else int(match["year"])
    spelled = f"{match['era']}{year:02d}年{int(match['month']):02d}月{int(match['day']):02d}日"
    try:
        candidates = EraDate.strptime(spelled, "%-K%-y年%m月%d日")
    except ValueError as error:
        raise ValueError(f"unknown era or date: {text}") from error
    if not candidates:
        raise ValueError(f"unknown era or date: {text}")
    parsed: dt.date = candidates[0].to_date()
    # japanera accepts e.g. 令和99年; reject a date outside the era it names.
    if format_wareki(parsed).split("年")[0] != f"{match['era']}{'元' if year == 1 else year}":
        raise ValueError(f"date outside the era: {text}")
    return parsed
