"""Waivers too wide (issue 9, problem 3): each attack performed through the real CLI and OPA.

A waiver now names one finding by fingerprint (rule + JSON pointer + hash of the value there),
so it covers neither a second finding of its rule nor the same place with another value; and a
waiver approved after its expiry, running for years, or signed by an invisible approver is refused.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest

from casegate.core.model import Waiver
from casegate.core.run import RunSettings, check
from casegate.core.waivers import MAX_WAIVER_DAYS, fingerprint, refusals
from casegate.report import FORMATS, rendered
from support.paths import REPO, VARIANTS

AS_OF = "2026-11-27"
ABROAD_CASE = VARIANTS / "server-abroad.json"
RULE = "domestic-location-foreign"


def _case() -> dict[str, Any]:
    return json.loads(ABROAD_CASE.read_text(encoding="utf-8"))


def _waiver(case: dict[str, Any], path: Path, **overrides: str) -> dict[str, str]:
    waiver = {
        "rule_id": RULE,
        # Copied from the output, as security staff do; computed here the same way.
        "fingerprint": fingerprint(RULE, "/data_locations/1", case),
        "case_id": case["case_id"],
        "file": os.path.relpath(path, REPO),  # relative to the repository root, where the CLI runs
        "reason": "会議で、Box の国内リージョン移行（令和9年3月）を条件に承認",
        "approver": "情報政策課 情報セキュリティ担当",
        "approved_on": "2026-11-20",
        "expires": "2027-03-31",
    }
    waiver.update(overrides)
    return waiver


def _run(run_cli, tmp_path: Path, case: dict[str, Any], waivers: list[dict[str, str]], *extra: str):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case, ensure_ascii=False, indent=2), encoding="utf-8")
    waiver_file = tmp_path / "waivers.json"
    waiver_file.write_text(json.dumps({"waivers": waivers}, ensure_ascii=False), encoding="utf-8")
    result = run_cli(
        "check", "--as-of", AS_OF, "--waivers", str(waiver_file), "--format", "json", *extra, str(path)
    )
    report = json.loads(result.stdout) if result.stdout.startswith("{") else None
    return result, report


def _by_kind(report: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    cases = {case["kind"]: case for case in report["cases"]}
    return cases["case"], cases["waivers"]


def _rules(findings: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(item["rule_id"], item["pointer"]) for item in findings]


def test_the_waiver_covers_the_one_finding_it_names(run_cli, tmp_path):
    case = _case()
    result, report = _run(run_cli, tmp_path, case, [_waiver(case, tmp_path / "case.json")])
    assert result.exit_code == 1  # the variant's other findings still fail it
    judged, waivers = _by_kind(report)
    assert _rules(judged["waived"]) == [(RULE, "/data_locations/1")]
    assert (RULE, "/data_locations/1") not in _rules(judged["violations"])
    assert waivers["verdict"] == "pass" and waivers["warnings"] == []


def test_a_second_location_abroad_added_later_is_not_waived(run_cli, tmp_path):
    """The attack: a waiver approved for one location abroad silently covered every later one."""
    case = _case()
    waiver = _waiver(case, tmp_path / "case.json")
    second = copy.deepcopy(case["data_locations"][1])
    second.update(id="second-abroad", name="追加した海外サーバ")
    case["data_locations"].append(second)
    result, report = _run(run_cli, tmp_path, case, [waiver])
    assert result.exit_code == 1, result.output
    judged, _ = _by_kind(report)
    assert _rules(judged["waived"]) == [(RULE, "/data_locations/1")]
    assert (RULE, "/data_locations/3") in _rules(judged["violations"])


def test_the_approved_location_swapped_for_another_in_the_same_country_is_not_waived(run_cli, tmp_path):
    """Same rule, same pointer, same offending value ("US"): only the location around it changed."""
    case = _case()
    waiver = _waiver(case, tmp_path / "case.json")
    case["data_locations"][1].update(id="other-cloud", name="別のクラウド", operator="Unknown LLC")
    assert case["data_locations"][1]["country"] == "US"
    result, report = _run(run_cli, tmp_path, case, [waiver])
    assert result.exit_code == 1, result.output
    judged, waivers = _by_kind(report)
    assert judged["waived"] == []
    assert (RULE, "/data_locations/1") in _rules(judged["violations"])
    assert [w["rule_id"] for w in waivers["warnings"]] == ["waiver-no-longer-matches"]


def test_a_changed_value_at_the_waived_place_is_not_waived_and_the_waiver_no_longer_matches(
    run_cli, tmp_path
):
    case = _case()
    waiver = _waiver(case, tmp_path / "case.json")
    case["data_locations"][1]["country"] = "CN"  # approved for US; now somewhere else
    result, report = _run(run_cli, tmp_path, case, [waiver])
    assert result.exit_code == 1, result.output
    judged, waivers = _by_kind(report)
    assert judged["waived"] == []
    assert (RULE, "/data_locations/1") in _rules(judged["violations"])
    [stale] = waivers["warnings"]
    assert stale["rule_id"] == "waiver-no-longer-matches"
    assert f"{tmp_path / 'waivers.json'}#/waivers/0" in stale["message_en"]
    assert "changed (value or place) or went away" in stale["message_en"]
    now = fingerprint(RULE, "/data_locations/1", case)
    assert now in stale["message_en"]  # what to re-approve, if security staff agree


def _refused(report: dict[str, Any]) -> dict[str, Any]:
    judged, waivers = _by_kind(report)
    assert judged["waived"] == []  # a refused waiver lets nothing pass
    assert waivers["verdict"] == "fail"
    [refused] = waivers["violations"]
    assert refused["rule_id"] == "waiver-refused"
    return refused


def test_a_waiver_approved_after_its_own_expiry_is_refused(run_cli, tmp_path):
    case = _case()
    waiver = _waiver(case, tmp_path / "case.json", approved_on="2026-11-20", expires="2026-12-31")
    waiver["approved_on"] = "2027-01-15"
    result, report = _run(run_cli, tmp_path, case, [waiver])
    assert result.exit_code == 1
    refused = _refused(report)
    assert "approved_on 2027-01-15 is after expires 2026-12-31" in refused["message_en"]


def test_a_waiver_approved_in_the_future_is_refused(run_cli, tmp_path):
    """Otherwise approved_on 2199-01-01, expires 2199-12-31 would pass the lifetime check for decades."""
    case = _case()
    waiver = _waiver(case, tmp_path / "case.json", approved_on="2199-01-01", expires="2199-12-31")
    result, report = _run(run_cli, tmp_path, case, [waiver])
    assert result.exit_code == 1
    assert "is after the date judged for, 2026-11-27" in _refused(report)["message_en"]


def test_a_waiver_expiring_in_2999_is_refused_by_the_schema(run_cli, tmp_path):
    case = _case()
    result, report = _run(
        run_cli, tmp_path, case, [_waiver(case, tmp_path / "case.json", expires="2999-12-31")]
    )
    assert result.exit_code == 2
    _, waivers = _by_kind(report)
    assert [(e["code"], e["pointer"]) for e in waivers["errors"]] == [
        ("schema-pattern", "/waivers/0/expires")
    ]


def test_a_waiver_longer_than_a_year_is_refused(run_cli, tmp_path):
    case = _case()
    waiver = _waiver(case, tmp_path / "case.json", approved_on="2026-11-20", expires="2027-11-21")
    result, report = _run(run_cli, tmp_path, case, [waiver])
    assert result.exit_code == 1
    assert "runs 366 days" in _refused(report)["message_en"]
    ok = _waiver(case, tmp_path / "case.json", approved_on="2026-11-20", expires="2027-11-20")
    assert _by_kind(_run(run_cli, tmp_path, case, [ok])[1])[0]["waived"]  # 365 days: allowed


def test_the_limit_can_be_shortened_but_not_lengthened(run_cli, tmp_path):
    case = _case()
    waiver = _waiver(case, tmp_path / "case.json")  # 131 days
    result, report = _run(run_cli, tmp_path, case, [waiver], "--waiver-max-days", "90")
    assert "more than the limit of 90 days" in _refused(report)["message_en"]
    result, _ = _run(run_cli, tmp_path, case, [waiver], "--waiver-max-days", "3650")
    assert result.exit_code == 2  # a department cannot widen the security team's limit
    assert "--waiver-max-days" in result.output


def test_an_invisible_approver_is_refused_and_the_character_named(run_cli, tmp_path):
    case = _case()
    waiver = _waiver(case, tmp_path / "case.json", approver="\u200b")
    result, report = _run(run_cli, tmp_path, case, [waiver])
    assert result.exit_code == 1, result.output
    refused = _refused(report)
    assert "approver has no visible character (U+200B ZERO WIDTH SPACE)" in refused["message_en"]
    assert "承認者（approver）に見える文字がありません（U+200B ZERO WIDTH SPACE）" in refused["message_ja"]


@pytest.mark.parametrize(
    ("approver", "named"),
    [
        ("\u3164\u3164", "U+3164 HANGUL FILLER"),
        ("\u2800", "U+2800 BRAILLE PATTERN BLANK"),
        ("\u115f\u1160", "U+115F HANGUL CHOSEONG FILLER, U+1160 HANGUL JUNGSEONG FILLER"),
        ("\uffa0", "U+FFA0 HALFWIDTH HANGUL FILLER"),
        (
            "\u3000\u200d\ufeff",
            "U+3000 IDEOGRAPHIC SPACE, U+200D ZERO WIDTH JOINER, U+FEFF ZERO WIDTH NO-BREAK SPACE",
        ),
        ("\u202e\u2066", "U+202E RIGHT-TO-LEFT OVERRIDE, U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("\u0301\ufe0f", "U+0301 COMBINING ACUTE ACCENT, U+FE0F VARIATION SELECTOR-16"),
    ],
)
def test_other_blank_looking_approvers_are_refused_too(approver, named):
    """The same check as above on the waiver record, without a run of OPA per character."""
    case = _case()
    waiver = Waiver(**{**_record(case), "approver": approver})
    [(ja, en)] = refusals(waiver, dt.date(2026, 11, 27), MAX_WAIVER_DAYS)
    assert f"approver has no visible character ({named})" in en
    assert named in ja


def test_a_visible_name_among_invisible_characters_is_accepted():
    waiver = Waiver(**{**_record(_case()), "approver": "\u200b山田\u200b"})
    assert refusals(waiver, dt.date(2026, 11, 27), MAX_WAIVER_DAYS) == []


def _record(case: dict[str, Any]) -> dict[str, Any]:
    entry = _waiver(case, REPO / "case.json")
    return {
        **entry,
        "approved_on": dt.date.fromisoformat(entry["approved_on"]),
        "expires": dt.date.fromisoformat(entry["expires"]),
        "source": "waivers.json#/waivers/0",
    }


def test_an_invisible_reason_is_refused(run_cli, tmp_path):
    case = _case()
    result, report = _run(
        run_cli, tmp_path, case, [_waiver(case, tmp_path / "case.json", reason=" \u200c\u2060")]
    )
    assert result.exit_code == 1
    assert (
        "reason has no visible character (U+0020 SPACE, U+200C ZERO WIDTH NON-JOINER, U+2060 WORD JOINER)"
        in (_refused(report)["message_en"])
    )


def test_the_fingerprint_hash_is_long_enough_that_no_two_values_can_be_prepared_to_share_it():
    """A department could otherwise have a harmless value waived and swap in a prepared twin
    (64 bits fall to a birthday search in hours); 128 bits do not."""
    case = _case()
    digest = fingerprint(RULE, "/data_locations/1", case).rpartition("#")[2]
    assert len(digest) == 32 and int(digest, 16) >= 0


def test_a_waiver_without_a_fingerprint_is_invalid(run_cli, tmp_path):
    case = _case()
    waiver = _waiver(case, tmp_path / "case.json")
    del waiver["fingerprint"]
    result, report = _run(run_cli, tmp_path, case, [waiver])
    assert result.exit_code == 2
    _, waivers = _by_kind(report)
    assert waivers["errors"][0]["pointer"] == "/waivers/0/fingerprint"


def test_every_format_shows_the_fingerprint_to_copy(run_cli):
    case = _case()
    expected = fingerprint(RULE, "/data_locations/1", case)
    result = run_cli("check", "--as-of", AS_OF, "--format", "json", str(ABROAD_CASE))
    assert result.exit_code == 1
    assert expected in result.stdout
    # The other formats from the same judged report (one OPA run, not six).
    settings = RunSettings(
        paths=(ABROAD_CASE,),
        schema=REPO / "schemas" / "case.schema.json",
        policies=REPO / "policies",
        repo_root=REPO,
        as_of=dt.date(2026, 11, 27),
    )
    report = check(settings)
    for name in FORMATS:
        assert expected in rendered(name, report, "ja"), name
