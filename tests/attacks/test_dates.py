"""Dates (issue 9, problem 5), each attack performed with the real OPA and shown closed.

- The daily run judged on the machine's UTC date, a day late until 09:00 in Japan: the default
  --as-of is now today in Asia/Tokyo (CASEGATE_TZ to change), and the report names the zone.
- Dates from 2262-04-12 to 2999 passed the schema, and the policies (OPA's nanosecond time
  overflows) called them "not a date". One range everywhere now: 1900-01-01..2199-12-31, in the
  schema, --as-of and the policies, tested at both edges.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest

import casegate.core.dates
from casegate.core.dates import FIRST_DATE, ISO_PATTERN, LAST_DATE
from support.paths import REPO, VARIANTS

OVERDUE = VARIANTS / "erasure-report-overdue.json"
RULE = "deletion-report-overdue"


def _with_dates(start: str, end: str, submitted: str) -> dict[str, Any]:
    case: dict[str, Any] = json.loads(OVERDUE.read_text(encoding="utf-8"))
    case["submitted_on"] = submitted
    for section in ("external_connection", "outsourcing"):
        case[section]["period"] = {**case[section]["period"], "start": start, "end": end}
    return case


def _check(run_cli, write_case, case: dict[str, Any], *args: str, env: dict[str, str] | None = None):
    result = run_cli("check", "--format", "json", *args, str(write_case(case)), env=env)
    return result, (json.loads(result.stdout) if result.stdout.startswith("{") else None)


def _overdue(report: dict[str, Any]) -> list[str]:
    return [v["message_en"] for v in report["cases"][0]["violations"] if v["rule_id"] == RULE]


# --- today in Japan --------------------------------------------------------------------------------


def _clock(monkeypatch: pytest.MonkeyPatch, utc: str) -> None:
    moment = dt.datetime.fromisoformat(utc)
    monkeypatch.setattr(casegate.core.dates, "_now", lambda: moment)


def test_at_six_in_the_morning_in_japan_the_gate_judges_on_japans_date(run_cli, write_case, monkeypatch):
    """The report was due 2026-11-30. At 06:30 JST on 12-01 (21:30 UTC on 11-30) it is overdue."""
    case = _with_dates("2026-04-01", "2026-10-31", "2026-03-01")  # due 30 days after: 2026-11-30
    _clock(monkeypatch, "2026-11-30T21:30:00+00:00")
    result, report = _check(run_cli, write_case, case)
    assert result.exit_code == 1, result.output
    assert report["as_of"] == "2026-12-01"
    assert report["as_of_zone"] == "Asia/Tokyo"
    assert _overdue(report)  # judged on Japan's day, not on the machine's UTC day
    text = run_cli("check", str(write_case(case)), env={"CASEGATE_LANG": "ja"}).stdout
    assert "基準日 令和8年12月1日（2026-12-01）（Asia/Tokyo の今日）" in text


def test_casegate_tz_names_another_zone(run_cli, write_case, monkeypatch):
    case = _with_dates("2026-04-01", "2026-10-31", "2026-03-01")
    _clock(monkeypatch, "2026-11-30T21:30:00+00:00")
    _, report = _check(run_cli, write_case, case, env={"CASEGATE_TZ": "UTC"})
    assert (report["as_of"], report["as_of_zone"]) == ("2026-11-30", "UTC")
    assert not _overdue(report)  # due today in UTC: not yet overdue


def test_an_unknown_zone_is_bad_input_not_utc(run_cli, write_case):
    case = _with_dates("2026-04-01", "2026-10-31", "2026-03-01")
    result = run_cli(
        "check", str(write_case(case)), env={"CASEGATE_TZ": "Mars/Olympus", "CASEGATE_LANG": "en"}
    )
    assert result.exit_code == 2
    assert "CASEGATE_TZ names an unknown time zone 'Mars/Olympus'" in result.stderr


def test_a_given_as_of_names_no_zone(run_cli, write_case):
    case = _with_dates("2026-04-01", "2026-10-31", "2026-03-01")
    _, report = _check(run_cli, write_case, case, "--as-of", "2026-11-27")
    assert (report["as_of"], report["as_of_zone"]) == ("2026-11-27", None)


# --- one date range, at both edges, with the real OPA -------------------------------------------------


def test_the_last_date_is_computed_on_by_the_policies(run_cli, write_case):
    """A period ending 2199-11-01 judged on 2199-12-31: the report was due 2199-12-01."""
    case = _with_dates("2199-01-01", "2199-11-01", "2198-12-01")
    result, report = _check(run_cli, write_case, case, "--as-of", LAST_DATE.isoformat())
    assert result.exit_code == 1, result.output
    assert all("2199-12-01" in message for message in _overdue(report))
    assert len(_overdue(report)) == 2
    # Ending on the last date itself: the deadline (2200-01-30) is computed, and not yet passed.
    case = _with_dates("2199-01-01", "2199-12-31", "2198-12-01")
    result, report = _check(run_cli, write_case, case, "--as-of", LAST_DATE.isoformat())
    assert not _overdue(report)
    assert not [v for v in report["cases"][0]["violations"] if "date" in v["rule_id"]]


def test_the_first_date_is_computed_on_by_the_policies(run_cli, write_case):
    case = _with_dates(FIRST_DATE.isoformat(), FIRST_DATE.isoformat(), FIRST_DATE.isoformat())
    result, report = _check(run_cli, write_case, case, "--as-of", "1900-03-01")
    assert result.exit_code == 1, result.output
    assert all("1900-01-31" in message for message in _overdue(report))
    assert len(_overdue(report)) == 2


@pytest.mark.parametrize("outside", ["1899-12-31", "2200-01-01", "2262-04-12", "2999-12-31"])
def test_a_date_outside_the_range_is_refused_by_the_schema_before_opa(run_cli, write_case, outside):
    case = _with_dates("2026-04-01", outside, "2026-03-01")
    result, report = _check(run_cli, write_case, case, "--as-of", "2026-11-27")
    assert result.exit_code == 2
    errors = {(e["code"], e["pointer"]) for e in report["cases"][0]["errors"]}
    assert ("schema-pattern", "/external_connection/period/end") in errors


@pytest.mark.parametrize("outside", ["1899-12-31", "2200-01-01", "2262-04-12"])
def test_an_as_of_outside_the_range_is_a_usage_error(run_cli, outside):
    result = run_cli("check", "--as-of", outside, "cases/")
    assert result.exit_code == 2
    assert "1900" in result.output and "2199" in result.output


def test_the_schema_cli_and_policies_share_one_range():
    pattern = f"^{ISO_PATTERN}$"
    case_schema = (REPO / "schemas" / "case.schema.json").read_text(encoding="utf-8")
    waiver_schema = json.loads((REPO / "schemas" / "waivers.schema.json").read_text(encoding="utf-8"))
    dates = re.findall(r'"pattern": "(\^\(19[^"]*)"', case_schema)
    assert dates and {json.loads(f'"{found}"') for found in dates} == {pattern}
    waiver = waiver_schema["properties"]["waivers"]["items"]["properties"]
    assert waiver["approved_on"]["pattern"] == waiver["expires"]["pattern"] == pattern
    rego = (REPO / "policies" / "casegate" / "lib" / "facts.rego").read_text(encoding="utf-8")
    assert "regex.match(`^(19[0-9]{2}|2[01][0-9]{2})-" in rego
    assert ISO_PATTERN.startswith("(19[0-9]{2}|2[01][0-9]{2})-")
    assert (dt.date(1900, 1, 1), dt.date(2199, 12, 31)) == (FIRST_DATE, LAST_DATE)


def test_every_format_names_the_zone_of_the_default_date():
    import dataclasses

    from casegate.report import FORMATS, rendered
    from support.sample_reports import REPORT

    report = dataclasses.replace(REPORT, as_of_zone="Asia/Tokyo")
    for name in FORMATS:
        assert "Asia/Tokyo" in rendered(name, report, "ja"), name
        assert "Asia/Tokyo" not in rendered(name, REPORT, "ja"), name  # a given --as-of names none
