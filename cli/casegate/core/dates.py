"""Dates as the ward writes them: 西暦 ISO dates in files, 和暦 where people read them.

The 和暦 arithmetic is japanera's (a maintained era table, so a future era change is a
dependency update, not a code change); this module only adapts its formats.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
import zoneinfo
from collections.abc import Mapping

from japanera import EraDate

from casegate.errors import InputError

#: The one date range of casegate: the case schema (scripts/build_case_schema.py), --as-of and
#: the policies' date check all accept exactly 1900-01-01 .. 2199-12-31. OPA computes on dates as
#: int64 nanoseconds, which end at 2262-04-11; a range ending in 2199 leaves six decades for the
#: policies' arithmetic (an end date plus the erasure report's grace days, and the like), so no
#: date a case may hold can overflow into "not a date". Nothing the committee sees is older.
FIRST_YEAR = 1900
LAST_YEAR = 2199
FIRST_DATE = dt.date(FIRST_YEAR, 1, 1)
LAST_DATE = dt.date(LAST_YEAR, 12, 31)

#: The same range as a pattern for YYYY-MM-DD (the schema uses it; a test keeps them equal).
ISO_PATTERN = r"(19[0-9]{2}|2[01][0-9]{2})-[0-9]{2}-[0-9]{2}"

#: The zone whose today is the default --as-of: the ward judges on Japan's calendar day, whatever
#: zone the machine (often UTC in CI) runs in. CASEGATE_TZ names another IANA zone.
DEFAULT_ZONE = "Asia/Tokyo"

# Only this layout: date.fromisoformat also takes 20260501 and 2026-W18-5, which nobody means.
_ISO = re.compile(ISO_PATTERN)

# 「令和9年5月1日」「令和元年五月一日」 are not both parsed by japanera's strptime, so the
# parts are taken apart here and handed to it in the one spelling it accepts.
_WAREKI = re.compile(
    r"^\s*(?P<era>\D+?)\s*(?P<year>元|\d{1,2})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日\s*$"
)


def format_wareki(day: dt.date) -> str:
    """令和8年5月1日 for 2026-05-01; the first year of an era is 元年.

    Never raises: a date is printed after the verdict, and a date the era table does not cover
    (or one outside FIRST_YEAR..LAST_YEAR, where 和暦 means nothing to a reader) is shown as
    2026-05-01 rather than lose the report.
    """
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        return day.isoformat()
    try:
        era_date = EraDate.from_date(day)
        era, year = era_date.strftime("%-K"), era_date.strftime("%-Y")
    except ValueError:  # japanera's "Era not found"
        return day.isoformat()
    return f"{era}{'元' if year == '1' else year}年{day.month}月{day.day}日"


def format_date(day: dt.date, lang: str) -> str:
    """The date as the reader expects it: 和暦 with the ISO date for Japanese, ISO for English."""
    wareki = format_wareki(day)
    if lang != "ja" or wareki == day.isoformat():  # no 和暦 for it: the ISO date once
        return day.isoformat()
    return f"{wareki}（{day.isoformat()}）"


def parse_date(text: str) -> dt.date:
    """Parse 2026-05-01, or 令和8年5月1日 (full-width digits too), years FIRST_YEAR..LAST_YEAR.

    Raises ValueError for anything else.
    """
    normalised = unicodedata.normalize("NFKC", text).strip()
    match = _WAREKI.match(normalised)
    if match is None:
        if not _ISO.fullmatch(normalised):
            raise ValueError(f"not YYYY-MM-DD with a year from {FIRST_YEAR} to {LAST_YEAR}: {text}")
        return dt.date.fromisoformat(normalised)  # still refuses 2026-02-30
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
    if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        raise ValueError(f"not a year from {FIRST_YEAR} to {LAST_YEAR}: {text}")
    return parsed


def zone(environ: Mapping[str, str] | None = None) -> tuple[dt.tzinfo, str]:
    """The zone of the default --as-of and its name: CASEGATE_TZ, else Asia/Tokyo.

    An unknown CASEGATE_TZ is an input error (exit 2), never a silent fallback to UTC. Without a
    time-zone database (some Windows Pythons), Asia/Tokyo is UTC+9, which it has been since 1951.
    """
    name = (os.environ if environ is None else environ).get("CASEGATE_TZ") or DEFAULT_ZONE
    try:
        return zoneinfo.ZoneInfo(name), name
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        if name == DEFAULT_ZONE:
            return dt.timezone(dt.timedelta(hours=9), DEFAULT_ZONE), name
        shown = name.encode("unicode_escape").decode("ascii")[:80]
        raise InputError(
            code="bad-time-zone",
            message_ja=f"環境変数 CASEGATE_TZ の時間帯「{shown}」が分かりません。Asia/Tokyo のような IANA の名前にするか、"
            "CASEGATE_TZ を外してください（既定は Asia/Tokyo）。",
            message_en=f"CASEGATE_TZ names an unknown time zone '{shown}'. Use an IANA name such as Asia/Tokyo, "
            "or unset it (the default is Asia/Tokyo).",
        ) from None


def today(environ: Mapping[str, str] | None = None, now: dt.datetime | None = None) -> tuple[dt.date, str]:
    """Today's date in the zone of `zone()`, and that zone's name (the reports say which)."""
    tz, name = zone(environ)
    moment = now if now is not None else _now()
    return moment.astimezone(tz).date(), name


def _now() -> dt.datetime:
    """The clock, in one place a test can set."""
    return dt.datetime.now(dt.UTC)
