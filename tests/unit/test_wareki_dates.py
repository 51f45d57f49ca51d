"""和暦 in and out."""

from __future__ import annotations

import datetime as dt

import pytest

from casegate.core.dates import format_date, format_wareki, parse_date


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2026, 5, 1), "令和8年5月1日"),
        (dt.date(2019, 5, 1), "令和元年5月1日"),
        (dt.date(2019, 4, 30), "平成31年4月30日"),
    ],
)
def test_format_wareki(day, text):
    assert format_wareki(day) == text
    assert parse_date(text) == day


def test_format_date_by_language():
    assert format_date(dt.date(2027, 3, 31), "ja") == "令和9年3月31日（2027-03-31）"
    assert format_date(dt.date(2027, 3, 31), "en") == "2027-03-31"


@pytest.mark.parametrize("text", ["2027-05-01", "令和9年5月1日", "令和９年５月１日", " 令和9年05月01日 "])
def test_parse_accepts_iso_and_wareki(text):
    assert parse_date(text) == dt.date(2027, 5, 1)


@pytest.mark.parametrize(
    "text", ["平成32年1月1日", "令和9年2月30日", "明日", "2027/05/01", "昭和100年1月1日"]
)
def test_parse_rejects_what_is_not_a_date(text):
    with pytest.raises(ValueError):
        parse_date(text)


@pytest.mark.parametrize(
    "text",
    [
        "20260501",  # date.fromisoformat takes these; nobody writing a date means them
        "2026-W18-5",
        "0001-01-01",  # the policy cannot read a year below 1000: every date rule would be off
        "1899-12-31",
        "2200-01-01",  # OPA could not add days to it safely (its time ends in 2262)
        "2999-12-31",
        "9999-12-31",  # japanera has no era for it
        "明治10年1月1日",
    ],
)
def test_parse_takes_only_yyyy_mm_dd_in_the_years_of_a_case(text):
    with pytest.raises(ValueError):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("1900-01-01", dt.date(1900, 1, 1)),
        ("2199-12-31", dt.date(2199, 12, 31)),
        ("明治33年1月1日", dt.date(1900, 1, 1)),
        ("２０２６－０５－０１", dt.date(2026, 5, 1)),  # full width, as an IME writes it
    ],
)
def test_parse_takes_the_first_and_last_years(text, day):
    assert parse_date(text) == day


@pytest.mark.parametrize("day", [dt.date(9999, 12, 31), dt.date(1, 1, 1), dt.date(1899, 12, 31)])
def test_format_wareki_falls_back_to_the_iso_date(day):
    assert format_wareki(day) == day.isoformat()
    assert format_date(day, "ja") == day.isoformat()
