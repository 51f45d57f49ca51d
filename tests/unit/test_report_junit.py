"""`--format junit`: JUnit XML for CI test-report views, compared as exact text."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET

from casegate.core.model import CaseReport, Finding, Location, PolicyInfo, RunReport, Verdict
from casegate.report import rendered
from support.sample_reports import ENGINE_REPORT, REPORT, UNDECIDED


def test_junit_japanese():
    assert rendered("junit", REPORT, "ja") == (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<testsuite name="casegate check" tests="4" errors="1" failures="1" skipped="0" time="0">\n'
        "\t<properties>\n"
        '\t\t<property name="as_of" value="2026-11-27"/>\n'
        '\t\t<property name="policy_version" value="2026.11.0"/>\n'
        '\t\t<property name="policy_revision" value="sha256:0123456789abcdef"/>\n'
        '\t\t<property name="exit_code" value="2"/>\n'
        "\t</properties>\n"
        '\t<testcase name="a" classname="cases/a.json">\n'
        '\t\t<failure message="違反 2件" type="violation">違反 domestic-location-abroad [EC-P-SY-11, EC-W-SY-11]\n'
        "所在国が US です。\n"
        "指紋：domestic-location-abroad@/data_locations/1/country#9a2f1c3b4d5e6f70\n"
        "cases/a.json:38:18 (/data_locations/1/country)\n"
        "\n"
        "違反 ledger-incomplete\n"
        "管理簿に「氏名|住所」がありません。\n"
        "100% 記入してください &lt;b&gt;必須&lt;/b&gt;。\n"
        "指紋：ledger-incomplete@/ledger/fields#0123456789abcdef\n"
        "cases/a.json (/ledger/fields)</failure>\n"
        "\t\t<system-out>警告 contractor-undecided [OS-W-OP-01]\n"
        "委託先が未定です。\n"
        "指紋：contractor-undecided@/outsourcing/contractor#fedcba9876543210\n"
        "cases/a.json:200:19 (/outsourcing/contractor)</system-out>\n"
        "\t</testcase>\n"
        '\t<testcase name="cases/b.json" classname="cases/b.json">\n'
        '\t\t<error message="要修正 1件" type="input">要修正 invalid-json\n'
        "カンマがありません。\n"
        "cases/b.json:3:3</error>\n"
        "\t</testcase>\n"
        '\t<testcase name="c" classname="cases/c.json"/>\n'
        '\t<testcase name="d" classname="cases/d.json">\n'
        "\t\t<system-out>免除 partner-uncertified [OS-P-OP-02]\n"
        "委託先に認証がありません。\n"
        "指紋：partner-uncertified@/outsourcing/partner/certifications#5555aaaa5555aaaa\n"
        "免除：ISMS 認証は 2027年3月に取得予定（承認 情報政策課長、期限 令和9年3月31日（2027-03-31）、waivers/2026.json#/waivers/0）\n"
        "cases/d.json:120:5 (/outsourcing/partner/certifications)</system-out>\n"
        "\t</testcase>\n"
        "</testsuite>\n"
    )


def test_junit_english_engine_failure():
    assert rendered("junit", ENGINE_REPORT, "en") == (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<testsuite name="casegate check" tests="2" errors="2" failures="0" skipped="0" time="0">\n'
        "\t<properties>\n"
        '\t\t<property name="as_of" value="2026-11-27"/>\n'
        '\t\t<property name="engine_error" value="opa-unreachable"/>\n'
        '\t\t<property name="exit_code" value="3"/>\n'
        "\t</properties>\n"
        '\t<testcase name="cases/b.json" classname="cases/b.json">\n'
        '\t\t<error message="1 problem(s)" type="input">fix invalid-json\n'
        "A comma is missing.\n"
        "cases/b.json:3:3</error>\n"
        "\t</testcase>\n"
        '\t<testcase name="c" classname="cases/c.json">\n'
        '\t\t<error message="could not judge" type="engine">could not judge opa-unreachable\n'
        "Cannot reach OPA (http://127.0.0.1:8181).\n"
        "cases/c.json</error>\n"
        "\t</testcase>\n"
        "</testsuite>\n"
    )


def test_fail_on_warn_makes_the_warnings_the_failure():
    """The report agrees with the exit code: with --fail-on-warn a warned case is a failed test."""
    report = RunReport(
        "check",
        (CaseReport("cases/w.json", "w", Verdict.PASS, warnings=(UNDECIDED,)),),
        dt.date(2026, 11, 27),
    )
    strict = RunReport(report.command, report.cases, report.as_of, fail_on_warn=True)
    assert "<failure" not in rendered("junit", report, "en")
    testcase = ET.fromstring(rendered("junit", strict, "en").encode()).find("testcase")
    assert testcase is not None
    failure = testcase.find("failure")
    assert failure is not None
    assert failure.attrib == {"message": "1 warning(s) (--fail-on-warn)", "type": "warning"}
    assert failure.text == (
        "warning contractor-undecided [OS-W-OP-01]\nThe contractor is undecided.\n"
        "fingerprint: contractor-undecided@/outsourcing/contractor#fedcba9876543210\n"
        "cases/w.json:200:19 (/outsourcing/contractor)"
    )
    assert testcase.find("system-out") is None  # said once, as the failure


def test_characters_xml_cannot_carry_are_replaced():
    """A JSON string may hold control characters that XML 1.0 forbids; the report stays parseable."""
    odd = Finding("r", "t", (), "error", "bell\x07 here", "bell\x07 here", Location("/x", 1, 1))
    report = RunReport(
        "check", (CaseReport("cases/o.json", "o", Verdict.FAIL, violations=(odd,)),), dt.date(2026, 1, 1)
    )
    failure = ET.fromstring(rendered("junit", report, "en").encode()).find("testcase/failure")
    assert failure is not None
    assert failure.text == "violation r\nbell\ufffd here\ncases/o.json:1:1 (/x)"


def test_a_file_name_that_is_not_utf8_stays_parseable():
    """A file name with bytes that are not UTF-8 reaches Python as lone surrogates (os.fsdecode),
    which no XML can carry: the report replaces them instead of failing the whole run."""
    name = "cases/o\udcff.json"  # the byte 0xff of a name on disk
    odd = Finding("r", "t", (), "error", "m", "m", Location("/x", 1, 1))
    report = RunReport(
        "check", (CaseReport(name, None, Verdict.FAIL, violations=(odd,)),), dt.date(2026, 1, 1)
    )
    suite = ET.fromstring(rendered("junit", report, "en").encode())
    case = suite.find("testcase")
    assert case is not None
    assert case.attrib == {"name": "cases/o\ufffd.json", "classname": "cases/o\ufffd.json"}
    failure = case.find("failure")
    assert failure is not None and "cases/o\ufffd.json:1:1 (/x)" in (failure.text or "")


def test_control_characters_in_names_and_policy_are_replaced():
    """The path, a schema-invalid case's case_id and a central OPA's policy strings become XML too."""
    report = RunReport(
        "check",
        (CaseReport("cases/o\x01.json", "id\x02", Verdict.PASS),),
        dt.date(2026, 1, 1),
        policy=PolicyInfo("v\x03", ("rev\x04",)),
    )
    suite = ET.fromstring(rendered("junit", report, "en").encode())
    assert suite.find("testcase").attrib == {"name": "id\ufffd", "classname": "cases/o\ufffd.json"}
    properties = [(item.attrib["name"], item.attrib["value"]) for item in suite.iter("property")]
    assert ("policy_version", "v\ufffd") in properties
    assert ("policy_revision", "rev\ufffd") in properties


def test_validate_in_junit_of_a_path_with_a_control_character(run_cli, tmp_path, seed_case):
    path = tmp_path / "x\x01y.json"
    path.write_text(json.dumps(seed_case, ensure_ascii=False), encoding="utf-8")
    result = run_cli("validate", "--format", "junit", str(path))
    assert result.exit_code == 0, result.output
    [testcase] = ET.fromstring(result.output.encode()).findall("testcase")
    assert testcase.attrib["classname"] == f"{tmp_path}/x\ufffdy.json"


def test_validate_names_no_as_of_date():
    report = RunReport("validate", (CaseReport("cases/c.json", "c", Verdict.PASS),), dt.date(2026, 11, 27))
    suite = ET.fromstring(rendered("junit", report, "en").encode())
    assert suite.attrib["name"] == "casegate validate"
    assert {item.attrib["name"] for item in suite.iter("property")} == {"exit_code"}
