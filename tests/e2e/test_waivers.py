"""Waivers through the real CLI and OPA: waived is shown, expired fails, unused warns, malformed is bad input."""

from __future__ import annotations

import json
import shutil

from support.cases import FINGERPRINT
from support.paths import VARIANTS

# Before the variant's start date (2026-05-01), where its seed unknowns are warnings, not failures.
AS_OF = "2026-04-27"
VARIANT = str(VARIANTS / "partner-uncertified.json")


def _waiver(**overrides):
    waiver = {
        "rule_id": "partner-certification-missing",
        "fingerprint": FINGERPRINT,
        "case_id": "variant-partner-uncertified",
        "file": "tests/variants/partner-uncertified.json",
        "reason": "認証取得予定を条件に会議で承認",
        "approver": "情報セキュリティ担当",
        "approved_on": "2026-04-20",
        "expires": "2027-03-31",
    }
    waiver.update(overrides)
    return waiver


def _check(run_cli, tmp_path, waivers, *paths, extra=()):
    waiver_file = tmp_path / "waivers.json"
    waiver_file.write_text(json.dumps({"waivers": waivers}, ensure_ascii=False, indent=2), encoding="utf-8")
    result = run_cli(
        "check", "--as-of", AS_OF, "--waivers", str(waiver_file), "--format", "json", *extra, *paths
    )
    return result, json.loads(result.stdout), str(waiver_file)


def test_a_valid_waiver_lets_the_violation_pass_and_shows_it(run_cli, tmp_path):
    result, report, waiver_file = _check(run_cli, tmp_path, [_waiver()], VARIANT)
    assert result.exit_code == 0, result.output
    case, waivers = report["cases"]
    assert case["verdict"] == "pass"
    assert case["violations"] == []
    [waived] = case["waived"]
    assert waived["rule_id"] == "partner-certification-missing"
    assert waived["waiver"] == {
        "file": "tests/variants/partner-uncertified.json",
        "fingerprint": FINGERPRINT,
        "reason": "認証取得予定を条件に会議で承認",
        "approver": "情報セキュリティ担当",
        "approved_on": "2026-04-20",
        "expires": "2027-03-31",
        "source": f"{waiver_file}#/waivers/0",
    }
    assert waived["fingerprint"] == FINGERPRINT
    assert waivers == {**waivers, "kind": "waivers", "verdict": "pass", "violations": [], "warnings": []}


def test_text_output_shows_the_waiver(run_cli, tmp_path):
    waiver_file = tmp_path / "w.json"
    waiver_file.write_text(json.dumps({"waivers": [_waiver()]}, ensure_ascii=False), encoding="utf-8")
    result = run_cli("check", "--as-of", AS_OF, "--waivers", str(waiver_file), VARIANT)
    assert result.exit_code == 0
    assert "免除 partner-certification-missing" in result.stdout
    assert "承認 情報セキュリティ担当、期限 令和9年3月31日" in result.stdout


def test_an_expired_waiver_fails_and_does_not_apply(run_cli, tmp_path):
    result, report, _ = _check(run_cli, tmp_path, [_waiver(expires="2026-04-26")], VARIANT)
    assert result.exit_code == 1
    case, waivers = report["cases"]
    assert case["verdict"] == "fail"
    assert case["waived"] == []
    assert waivers["verdict"] == "fail"
    [expired] = waivers["violations"]
    assert expired["rule_id"] == "waiver-expired"
    assert expired["pointer"] == "/waivers/0"
    assert expired["line"] == 3  # the entry's opening brace


def test_a_waiver_is_valid_through_its_expiry_day(run_cli, tmp_path):
    result, _, _ = _check(run_cli, tmp_path, [_waiver(expires=AS_OF)], VARIANT)
    assert result.exit_code == 0


def test_an_unused_waiver_warns(run_cli, tmp_path):
    result, report, _ = _check(
        run_cli,
        tmp_path,
        [_waiver(case_id="R8-kikaku-tape-hanyaku", file="cases/R8-kikaku-tape-hanyaku.json")],
        "cases/",
    )
    assert result.exit_code == 0
    [unused] = report["cases"][1]["warnings"]
    assert unused["rule_id"] == "waiver-no-longer-matches"
    result, _, _ = _check(
        run_cli,
        tmp_path,
        [_waiver(case_id="R8-kikaku-tape-hanyaku", file="cases/R8-kikaku-tape-hanyaku.json")],
        "cases/",
        extra=("--fail-on-warn",),
    )
    assert result.exit_code == 1


def test_a_waiver_for_a_case_not_in_the_run_is_not_called_unused(run_cli, tmp_path):
    result, report, _ = _check(run_cli, tmp_path, [_waiver(case_id="some-other-case")], "cases/")
    assert result.exit_code == 0
    assert report["cases"][1]["warnings"] == []


def test_a_waiver_only_covers_its_own_rule(run_cli, tmp_path):
    other = _waiver(rule_id="domestic-location-foreign", fingerprint="domestic-location-foreign@#" + "0" * 32)
    result, report, _ = _check(run_cli, tmp_path, [other], VARIANT)
    assert result.exit_code == 1
    assert report["cases"][0]["violations"][0]["rule_id"] == "partner-certification-missing"


def test_a_malformed_waiver_is_invalid_input(run_cli, tmp_path):
    broken = _waiver()
    del broken["approver"]
    result, report, waiver_file = _check(run_cli, tmp_path, [broken], VARIANT)
    assert result.exit_code == 2
    waivers = report["cases"][1]
    assert waivers["path"] == waiver_file
    assert waivers["verdict"] == "error"
    assert "承認者" in waivers["errors"][0]["message_ja"]


def test_a_case_repository_waivers_folder_is_read_only_when_named(run_cli, case_repo):
    """A department's waivers/ is its own writing: by default only the policy repository's count."""
    shutil.copy(VARIANTS / "partner-uncertified.json", case_repo / "cases" / "uncertified.json")
    waiver = _waiver(file="cases/uncertified.json")
    (case_repo / "waivers" / "2026.json").write_text(
        json.dumps({"waivers": [waiver]}, ensure_ascii=False), encoding="utf-8"
    )
    unnamed = run_cli("check", "--as-of", AS_OF, "--format", "json", "cases/", cwd=case_repo)
    assert unnamed.exit_code == 1, unnamed.output
    result = run_cli(
        "check", "--as-of", AS_OF, "--waivers", "waivers", "--format", "json", "cases/", cwd=case_repo
    )
    assert result.exit_code == 0, result.output
    waived = {case["path"]: case["waived"] for case in json.loads(result.stdout)["cases"]}
    assert [w["rule_id"] for w in waived["cases/uncertified.json"]] == ["partner-certification-missing"]


def test_a_copy_of_a_waived_case_elsewhere_is_not_waived(run_cli, tmp_path):
    copy = tmp_path / "copy.json"
    shutil.copy(VARIANTS / "partner-uncertified.json", copy)  # same case_id, another file
    result, report, _ = _check(run_cli, tmp_path, [_waiver()], VARIANT, str(copy))
    assert result.exit_code == 1
    verdicts = {case["path"]: case["verdict"] for case in report["cases"] if case["kind"] == "case"}
    assert verdicts == {VARIANT: "pass", str(copy): "fail"}
