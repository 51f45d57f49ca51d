"""Each reviewer format as `casegate check` writes it for a failing variant, judged by the real OPA."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from support.sarif import assert_valid_sarif
from support.sarif import location as _location


def test_check_in_github_format_end_to_end(run_cli):
    result = run_cli(
        "check", "--as-of", "2026-04-27", "--format", "github", "tests/variants/server-abroad.json"
    )
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert [line.split(" ", 1)[0] for line in lines[:-1]] == ["::error"] + ["::warning"] * 9
    assert (
        "::error file=tests/variants/server-abroad.json,line=45,col=5,title=domestic-location-foreign"
        "::[EC-P-SY-11, EC-W-SY-11, OS-P-SY-11, OS-W-SY-11] 個人情報が置かれる場所"
    ) in result.output
    assert lines[-1].startswith(
        "casegate: 1件中 合格 0件、不合格 1件、エラー 0件（警告 9件、免除 0件） — 基準日 令和8年4月27日"
    )


def test_check_in_junit_end_to_end(run_cli):
    result = run_cli(
        "check", "--as-of", "2026-04-27", "--format", "junit", "tests/variants/server-abroad.json"
    )
    assert result.exit_code == 1, result.output
    suite = ET.fromstring(result.output.encode())
    assert suite.tag == "testsuite"
    assert {key: suite.attrib[key] for key in ("tests", "failures", "errors")} == {
        "tests": "1",
        "failures": "1",
        "errors": "0",
    }
    properties = {item.attrib["name"]: item.attrib["value"] for item in suite.iter("property")}
    assert properties["as_of"] == "2026-04-27"
    assert properties["exit_code"] == "1"
    assert properties["policy_revision"].startswith("sha256:")
    [testcase] = suite.findall("testcase")
    assert testcase.attrib == {
        "name": "variant-server-abroad",
        "classname": "tests/variants/server-abroad.json",
    }
    failure = testcase.find("failure")
    assert failure is not None
    assert failure.attrib == {"message": "違反 1件", "type": "violation"}
    assert failure.text is not None
    assert (
        "違反 domestic-location-foreign [EC-P-SY-11, EC-W-SY-11, OS-P-SY-11, OS-W-SY-11]\n個人情報が置かれる場所"
        in failure.text
    )
    assert "tests/variants/server-abroad.json:45:5 (/data_locations/1)" in failure.text
    system_out = testcase.findtext("system-out")
    assert system_out is not None
    assert "警告 contractor-undecided-before-start [OS-W-OP-01]" in system_out


def test_check_in_markdown_end_to_end(run_cli):
    result = run_cli(
        "check", "--as-of", "2026-04-27", "--format", "markdown", "tests/variants/server-abroad.json"
    )
    assert result.exit_code == 1, result.output
    text = result.output
    assert text.startswith(
        "<!-- casegate-report -->\n## ❌ casegate：不合格\n\n1件中 合格 0件、不合格 1件、エラー 0件（警告 9件、免除 0件）\n"
    )
    assert "／ 基準日 令和8年4月27日（2026-04-27）\n" in text
    assert "### ❌ 不合格 — `tests/variants/server-abroad.json`（variant-server-abroad）\n" in text
    assert "**違反**（1件）" in text
    assert "**警告**（9件）" in text
    row = next(line for line in text.splitlines() if line.startswith("| `domestic-location-foreign`"))
    assert "EC-P-SY-11, EC-W-SY-11, OS-P-SY-11, OS-W-SY-11" in row
    assert row.endswith(
        " | `tests/variants/server-abroad.json:45` | `domestic-location-foreign@/data_locations/1#4b38252d205d82129c35f9da590e57d9` |"
    )


def test_check_in_sarif_end_to_end(run_cli):
    result = run_cli(
        "check", "--as-of", "2026-04-27", "--format", "sarif", "tests/variants/server-abroad.json"
    )
    assert result.exit_code == 1, result.output
    document = json.loads(result.output)
    assert_valid_sarif(document)
    run = document["runs"][0]
    assert run["invocations"] == [{"executionSuccessful": True, "exitCode": 1}]
    assert run["properties"]["asOf"] == "2026-04-27"
    assert run["properties"]["policyRevisions"][0].startswith("sha256:")
    by_rule = {result["ruleId"]: result for result in run["results"]}
    abroad = by_rule["domestic-location-foreign"]
    assert abroad["level"] == "error"
    assert abroad["locations"] == [_location("tests/variants/server-abroad.json", 45, 5)]
    assert abroad["properties"]["pointer"] == "/data_locations/1"
    assert abroad["properties"]["checklistIds"] == ["EC-P-SY-11", "EC-W-SY-11", "OS-P-SY-11", "OS-W-SY-11"]
    assert by_rule["contractor-undecided-before-start"]["level"] == "warning"
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert all(rule_ids[result["ruleIndex"]] == result["ruleId"] for result in run["results"])
