"""`casegate check` end to end against the real OPA: the seed passes, each variant fails for its reason."""

from __future__ import annotations

import json

import pytest

from support.cases import POLICY_VERSION
from support.paths import SEED, VARIANTS

# Judged before the seed's start date (2026-05-01): its unknowns (contractor, subcontracting,
# measures the proposal does not state) are warnings until then and failures from then on.
AS_OF = "2026-04-27"
SY11 = {"EC-P-SY-11", "EC-W-SY-11", "OS-P-SY-11", "OS-W-SY-11"}
ERASURE = {"EC-P-OP-03", "EC-W-OP-03", "OS-P-OP-11", "OS-W-OP-11"}

#: variant → (rule ids that must be among its violations, exactly the checklist ids they name)
EXPECTED = {
    "server-abroad": ({"domestic-location-foreign"}, SY11),
    "plain-http": (
        {"encryption-transfer-unencrypted"},
        {"EC-P-SY-03", "EC-W-SY-03", "OS-P-SY-03", "OS-W-SY-03"},
    ),
    "tls-1-0": ({"encryption-tls-version-too-old"}, {"EC-P-SY-03", "EC-W-SY-03", "OS-P-SY-03", "OS-W-SY-03"}),
    "unencrypted-storage": (
        {"encryption-storage-unprotected"},
        {"EC-P-SY-07", "EC-W-SY-07", "OS-P-SY-07", "OS-W-SY-07"},
    ),
    "missing-answer": ({"checklist-answer-missing"}, {"OS-P-SY-05"}),
    "not-applicable-not-allowed": ({"checklist-not-applicable-not-allowed"}, {"EC-W-SY-03"}),
    "hand-carry-not-applicable-with-paper": ({"checklist-not-applicable-condition-unmet"}, {"OS-W-OP-08"}),
    "contractor-undecided-after-start": ({"contractor-undecided-at-submission"}, {"OS-W-OP-01"}),
    "erasure-report-overdue": ({"deletion-report-overdue"}, ERASURE),
    "no-erasure-report-clause": ({"contract-clause-missing"}, {"OS-P-OP-11", "OS-W-OP-11"}),
    "partner-uncertified": ({"partner-certification-missing"}, {"EC-P-OP-01", "EC-W-OP-01"}),
    "subcontracting-without-inspection": ({"contract-clause-missing"}, {"OS-P-OP-03", "OS-W-OP-03"}),
    "password-with-media": ({"media-password-not-separate"}, {"OS-P-OP-07", "OS-W-OP-07"}),
    "ledger-incomplete": ({"ledger-records-incomplete"}, {"OS-P-OP-09", "OS-W-OP-09"}),
    # Period validity is a fact of the form, not a checklist item: no checklist id to name.
    "start-after-end": ({"period-start-after-end"}, set()),
    # The place's country is unknown (SY-11) and so is the party talked to (SY-01).
    "transfer-to-undeclared-location": (
        {"transfer-endpoint-unknown"},
        {"EC-P-SY-01", "EC-W-SY-01", "EC-P-SY-11", "EC-W-SY-11"}
        | {"OS-P-SY-01", "OS-W-SY-01", "OS-P-SY-11", "OS-W-SY-11"},
    ),
    # issue 8: the bypasses a new user found, one variant each.
    "location-abroad-flagged-as-no-personal-data": ({"domestic-location-foreign"}, SY11),
    "connection-without-transfers": (
        {"connection-transfer-missing"},
        {"EC-P-SY-01", "EC-W-SY-01", "EC-P-SY-03", "EC-W-SY-03"},
    ),
    # OS-x-OP-08 answered ○: the fact (paper, no locked bag) contradicts it.
    "paper-without-locked-bag": ({"media-locked-bag-missing"}, {"OS-P-OP-08", "OS-W-OP-08"}),
    "erasure-report-before-end": ({"deletion-report-before-end"}, {"OS-P-OP-11", "OS-W-OP-11"}),
    "erasure-report-in-future": ({"deletion-report-date-in-future"}, {"EC-P-OP-03", "EC-W-OP-03"}),
    "subcontractors-while-not-allowed": (
        {"subcontracting-contradiction", "subcontractor-location-missing"},
        {"OS-P-OP-03", "OS-W-OP-03", "OS-P-SY-07", "OS-W-SY-07", "OS-P-SY-11", "OS-W-SY-11"},
    ),
    "shared-accounts": ({"measure-missing"}, {"EC-P-SY-06"}),
    "access-logs-not-kept": ({"measure-missing"}, {"OS-P-SY-08"}),
    "invisible-reason": ({"checklist-not-applicable-reason-missing"}, {"OS-W-OP-08"}),
    "handlers-not-reported": ({"contract-clause-missing"}, {"OS-P-OP-04", "OS-W-OP-04"}),
}

#: Variants whose dates put them after the start: their seed unknowns fail too (unknown is not false).
AFTER_START = {"erasure-report-overdue": {"fact-unknown-after-start", "contractor-undecided-after-start"}}

SEED_WARNINGS = {
    "case-assumptions",
    "contractor-undecided-before-start",
    "domestic-parent-company-foreign",
    "fact-unknown-before-start",
}


def _check_json(run_cli, *args):
    result = run_cli("check", "--as-of", AS_OF, "--format", "json", *args)
    return result, json.loads(result.stdout)


def test_the_seed_passes_before_its_start_with_its_warnings(run_cli):
    result, report = _check_json(run_cli, "cases/")
    assert result.exit_code == 0, result.output
    [case] = report["cases"]
    assert case["verdict"] == "pass"
    assert case["violations"] == []
    assert {w["rule_id"] for w in case["warnings"]} == SEED_WARNINGS
    unknown = {w["pointer"] for w in case["warnings"] if w["rule_id"] == "fact-unknown-before-start"}
    # What the proposal does not state: whether subcontracting is allowed, among others.
    assert "/outsourcing/subcontracting" in unknown
    assert {"/system_measures/ward", "/system_measures/partner", "/system_measures/contractor"} <= unknown


def test_the_seed_fails_after_its_start_on_what_is_still_unknown(run_cli):
    result, report = _check_json(run_cli, "cases/", "--as-of", "2026-11-27")
    assert result.exit_code == 1
    [case] = report["cases"]
    assert {v["rule_id"] for v in case["violations"]} == {
        "fact-unknown-after-start",
        "contractor-undecided-after-start",
    }
    assert report["policy"]["version"] == POLICY_VERSION
    [revision] = report["policy"]["revisions"]
    assert revision.startswith("sha256:")


def test_the_variants_folder_holds_exactly_the_expected_variants():
    assert {path.stem for path in VARIANTS.glob("*.json")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_variant_fails_for_its_named_reason(run_cli, name):
    rules, checklist_ids = EXPECTED[name]
    result, report = _check_json(run_cli, str(VARIANTS / f"{name}.json"))
    assert result.exit_code == 1, result.output
    [case] = report["cases"]
    assert case["verdict"] == "fail"
    found = {v["rule_id"] for v in case["violations"]}
    assert rules <= found
    assert found - rules <= AFTER_START.get(name, set())
    assert {
        cid for v in case["violations"] if v["rule_id"] in rules for cid in v["checklist_ids"]
    } == checklist_ids
    for violation in case["violations"]:
        assert violation["line"] is not None, violation  # every finding is placed in the file
        assert violation["message_ja"] and violation["message_en"]


def test_all_variants_in_one_run_take_one_engine_request(run_cli, monkeypatch):
    from casegate.engine import evaluate  # the module: the request is counted where it is made

    calls = []
    real = evaluate.query_decision

    def counting(client, endpoint, batch):
        calls.append(len(json.loads(batch)["input"]["cases"]))
        return real(client, endpoint, batch)

    monkeypatch.setattr(evaluate, "query_decision", counting)
    result, report = _check_json(run_cli, "cases/", str(VARIANTS))
    assert result.exit_code == 1
    assert calls == [len(EXPECTED) + 1]
    # The seed's warnings on every case but those judged after their start (unknowns then fail).
    assert report["summary"] == {"cases": 27, "pass": 1, "fail": 26, "error": 0, "warnings": 233}


def test_as_of_after_the_grace_period_fails_the_seed_on_erasure(run_cli):
    result, report = _check_json(run_cli, "cases/", "--as-of", "令和9年6月1日")
    assert result.exit_code == 1
    assert "deletion-report-overdue" in {v["rule_id"] for v in report["cases"][0]["violations"]}


def test_a_received_erasure_report_clears_it(run_cli, case, write_case):
    for section in ("external_connection", "outsourcing"):
        case[section]["deletion"]["erasure_report_received_on"] = "2027-04-10"
    result, report = _check_json(run_cli, str(write_case(case)), "--as-of", "2027-06-01")
    found = {v["rule_id"] for v in report["cases"][0]["violations"]}
    assert "deletion-report-overdue" not in found, result.output
    assert found == {"fact-unknown-after-start", "contractor-undecided-after-start"}  # the seed's unknowns


def test_fail_on_warn_blocks_the_seed(run_cli):
    result = run_cli("check", "--as-of", AS_OF, "--fail-on-warn", "cases/")
    assert result.exit_code == 1
    assert "--fail-on-warn" in result.stdout


def test_text_output_names_ids_message_and_place(run_cli):
    result = run_cli("check", "--as-of", AS_OF, str(VARIANTS / "server-abroad.json"))
    assert result.exit_code == 1
    assert "✗ 不合格" in result.stdout
    assert "domestic-location-foreign [EC-P-SY-11, EC-W-SY-11, OS-P-SY-11, OS-W-SY-11]" in result.stdout
    assert "tests/variants/server-abroad.json:" in result.stdout
    assert "(/data_locations/1)" in result.stdout


def test_english_on_request(run_cli):
    result = run_cli("check", "--as-of", AS_OF, "--lang", "en", str(VARIANTS / "partner-uncertified.json"))
    assert result.exit_code == 1
    assert "✗ FAIL" in result.stdout
    assert "certification" in result.stdout


def test_check_never_writes_to_a_case(run_cli, tmp_path):
    copy = tmp_path / "seed.json"
    copy.write_bytes(SEED.read_bytes())
    before = copy.stat().st_mtime_ns
    run_cli("check", "--as-of", AS_OF, str(copy))
    assert copy.read_bytes() == SEED.read_bytes()
    assert copy.stat().st_mtime_ns == before


def test_a_policy_that_does_not_compile_is_an_engine_failure(run_cli, tmp_path):
    import shutil

    from support.paths import REPO

    policies = tmp_path / "policies"
    shutil.copytree(REPO / "policies", policies)
    (policies / "casegate" / "rules" / "broken.rego").write_text(
        "package casegate.rules.broken\n\ndeny contains x if {", encoding="utf-8"
    )
    result = run_cli("check", "--as-of", AS_OF, "--policies", str(policies), "--format", "json", "cases/")
    assert result.exit_code == 3
    report = json.loads(result.stdout)
    assert report["engine_error"]["code"] == "opa-start-failed"
    assert (
        f"{policies}/casegate/rules/broken.rego:3: rego_parse_error" in report["engine_error"]["message_en"]
    )
