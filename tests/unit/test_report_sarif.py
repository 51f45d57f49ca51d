"""`--format sarif`: exact documents on fixed reports, and every output valid against SARIF 2.1.0."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest

from casegate.core.model import CaseReport, RunReport, Verdict
from casegate.report import rendered
from casegate.report.sarif import artifact_uri
from casegate.report.vocabulary import workspace_path
from support.sample_reports import ENGINE_REPORT, REPORT
from support.sarif import SCHEMA_URI, assert_valid_sarif
from support.sarif import location as _location


def _rule(rule_id: str, title: str, level: str) -> dict[str, object]:
    return {"id": rule_id, "shortDescription": {"text": title}, "defaultConfiguration": {"level": level}}


EXPECTED_JA = {
    "$schema": SCHEMA_URI,
    "version": "2.1.0",
    "runs": [
        {
            "tool": {
                "driver": {
                    "name": "casegate",
                    "version": "0.1.0",
                    "semanticVersion": "0.1.0",
                    "rules": [
                        _rule("domestic-location-abroad", "国内サーバ", "error"),
                        _rule("ledger-incomplete", "管理簿の項目", "error"),
                        _rule("contractor-undecided", "委託先未定", "warning"),
                        _rule("casegate/invalid-json", "入力の誤り（invalid-json）", "error"),
                        _rule("partner-uncertified", "委託先の認証", "error"),
                    ],
                }
            },
            "invocations": [{"executionSuccessful": True, "exitCode": 2}],
            "language": "ja",
            "columnKind": "unicodeCodePoints",
            "artifacts": [
                {"location": {"uri": "cases/a.json"}, "hashes": {"sha-256": "aa"}},
                {"location": {"uri": "cases/c.json"}, "hashes": {"sha-256": "cc"}},
                {"location": {"uri": "cases/d.json"}, "hashes": {"sha-256": "dd"}},
            ],
            "results": [
                {
                    "ruleId": "domestic-location-abroad",
                    "ruleIndex": 0,
                    "level": "error",
                    "message": {"text": "所在国が US です。"},
                    "locations": [_location("cases/a.json", 38, 18)],
                    "fingerprints": {
                        "casegate/v1": "domestic-location-abroad@/data_locations/1/country#9a2f1c3b4d5e6f70"
                    },
                    "properties": {
                        "checklistIds": ["EC-P-SY-11", "EC-W-SY-11"],
                        "pointer": "/data_locations/1/country",
                        "caseId": "a",
                    },
                },
                {
                    "ruleId": "ledger-incomplete",
                    "ruleIndex": 1,
                    "level": "error",
                    "message": {
                        "text": "管理簿に「氏名|住所」がありません。\n100% 記入してください <b>必須</b>。"
                    },
                    "locations": [_location("cases/a.json")],
                    "fingerprints": {"casegate/v1": "ledger-incomplete@/ledger/fields#0123456789abcdef"},
                    "properties": {"checklistIds": [], "pointer": "/ledger/fields", "caseId": "a"},
                },
                {
                    "ruleId": "contractor-undecided",
                    "ruleIndex": 2,
                    "level": "warning",
                    "message": {"text": "委託先が未定です。"},
                    "locations": [_location("cases/a.json", 200, 19)],
                    "fingerprints": {
                        "casegate/v1": "contractor-undecided@/outsourcing/contractor#fedcba9876543210"
                    },
                    "properties": {
                        "checklistIds": ["OS-W-OP-01"],
                        "pointer": "/outsourcing/contractor",
                        "caseId": "a",
                    },
                },
                {
                    "ruleId": "casegate/invalid-json",
                    "ruleIndex": 3,
                    "level": "error",
                    "message": {"text": "カンマがありません。"},
                    "locations": [_location("cases/b.json", 3, 3)],
                    "properties": {"pointer": ""},
                },
                {
                    "ruleId": "partner-uncertified",
                    "ruleIndex": 4,
                    "level": "note",
                    "message": {"text": "委託先に認証がありません。"},
                    "locations": [_location("cases/d.json", 120, 5)],
                    "fingerprints": {
                        "casegate/v1": "partner-uncertified@/outsourcing/partner/certifications#5555aaaa5555aaaa"
                    },
                    "properties": {
                        "checklistIds": ["OS-P-OP-02"],
                        "pointer": "/outsourcing/partner/certifications",
                        "caseId": "d",
                    },
                    "suppressions": [
                        {
                            "kind": "external",
                            "status": "accepted",
                            "justification": "ISMS 認証は 2027年3月に取得予定",
                            "properties": {
                                "approver": "情報政策課長",
                                "fingerprint": "partner-uncertified@/outsourcing/partner/certifications#5555aaaa5555aaaa",
                                "expires": "2027-03-31",
                                "source": "waivers/2026.json#/waivers/0",
                            },
                        }
                    ],
                },
            ],
            "properties": {
                "command": "check",
                "asOf": "2026-11-27",
                "failOnWarn": False,
                "schemaVersion": "1.0",
                "policyVersion": "2026.11.0",
                "policyRevisions": ["sha256:0123456789abcdef"],
            },
        }
    ],
}

EXPECTED_ENGINE_EN = {
    "$schema": SCHEMA_URI,
    "version": "2.1.0",
    "runs": [
        {
            "tool": {
                "driver": {
                    "name": "casegate",
                    "version": "0.1.0",
                    "semanticVersion": "0.1.0",
                    "rules": [_rule("casegate/invalid-json", "Invalid input (invalid-json)", "error")],
                }
            },
            "invocations": [
                {
                    "executionSuccessful": False,
                    "exitCode": 3,
                    "toolExecutionNotifications": [
                        {
                            "level": "error",
                            "message": {"text": "Cannot reach OPA (http://127.0.0.1:8181)."},
                            "descriptor": {"id": "casegate/opa-unreachable"},
                            "locations": [_location("cases/c.json")],
                        }
                    ],
                }
            ],
            "language": "en",
            "columnKind": "unicodeCodePoints",
            "artifacts": [{"location": {"uri": "cases/c.json"}, "hashes": {"sha-256": "cc"}}],
            # The unjudged case is no result: the engine's failure is not a finding about it.
            "results": [
                {
                    "ruleId": "casegate/invalid-json",
                    "ruleIndex": 0,
                    "level": "error",
                    "message": {"text": "A comma is missing."},
                    "locations": [_location("cases/b.json", 3, 3)],
                    "properties": {"pointer": ""},
                }
            ],
            "properties": {
                "command": "check",
                "asOf": "2026-11-27",
                "failOnWarn": False,
                "schemaVersion": "1.0",
            },
        }
    ],
}


def test_sarif_japanese_is_exact():
    assert rendered("sarif", REPORT, "ja") == json.dumps(EXPECTED_JA, ensure_ascii=False, indent=2) + "\n"


def test_sarif_engine_failure_is_a_notification_not_a_result():
    output = rendered("sarif", ENGINE_REPORT, "en")
    assert output == json.dumps(EXPECTED_ENGINE_EN, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("report", [REPORT, ENGINE_REPORT], ids=["findings", "engine-failure"])
def test_sarif_validates_against_the_published_schema(report, lang):
    assert_valid_sarif(json.loads(rendered("sarif", report, lang)))


def test_the_vendored_schema_rejects_what_sarif_forbids():
    """The validation above can fail: a level SARIF does not know, or a region without a start."""
    broken = copy.deepcopy(EXPECTED_JA)
    broken["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(AssertionError):
        assert_valid_sarif(broken)
    broken = copy.deepcopy(EXPECTED_JA)
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"] = {"startColumn": 3}
    with pytest.raises(AssertionError):
        assert_valid_sarif(broken)


def test_uris_are_relative_to_the_current_directory_with_forward_slashes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    inside = tmp_path / "cases" / "令和8年 案件.json"
    assert workspace_path(str(inside)) == "cases/令和8年 案件.json"
    assert workspace_path("./cases/a.json") == "cases/a.json"
    # A URI may not hold spaces or raw non-ASCII: they are percent-encoded (UTF-8).
    assert artifact_uri(str(inside)) == "cases/%E4%BB%A4%E5%92%8C8%E5%B9%B4%20%E6%A1%88%E4%BB%B6.json"
    outside = tmp_path.parent / "elsewhere.json"
    assert artifact_uri(str(outside)) == outside.as_uri()


def test_validate_names_no_as_of_date():
    report = RunReport(
        "validate", (CaseReport("cases/c.json", "c", Verdict.PASS, sha256="cc"),), dt.date(2026, 11, 27)
    )
    document = json.loads(rendered("sarif", report, "ja"))
    assert_valid_sarif(document)
    assert document["runs"][0]["properties"] == {
        "command": "validate",
        "failOnWarn": False,
        "schemaVersion": None,
    }
    assert document["runs"][0]["results"] == []
