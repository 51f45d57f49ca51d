"""A case file whose name is not UTF-8: every format writes it, none stops the run.

Python holds each undecodable byte of a name as a lone surrogate (os.fsdecode), which UTF-8
cannot carry. Written as it is, a JSON or SARIF document fails on a --report file (exit 3, the
whole run lost) or reaches stdout as bytes no JSON reader accepts. The text formats show the
byte as an escape; JSON, SARIF, JUnit and the audit log carry U+FFFD; a SARIF URI keeps the byte
percent-encoded, so it still names the file on disk.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import xml.etree.ElementTree as ET

import pytest

from casegate.core.impact import CaseChange, ImpactReport, Side
from casegate.core.model import CaseReport, Finding, Location, Problem, RunReport, Verdict
from casegate.report import FORMATS, IMPACT_FORMATS, rendered, write_impact
from casegate.report.audit import append_records
from casegate.report.escape import valid_unicode
from support.sarif import assert_valid_sarif

NAME = "cases/o\udcff.json"  # the byte 0xff of a name on disk
ODD = Finding("r", "t", (), "error", "m", "m", Location("/x", 1, 1), fingerprint="r@/x#0")
PROBLEM = Problem("invalid-json", "カンマがありません。", "A comma is missing.", Location("", 1, 2))
REPORT = RunReport(
    "check",
    (
        CaseReport(NAME, "o\udcfe", Verdict.FAIL, violations=(ODD,), sha256="aa"),
        CaseReport("cases/p\udcfe.json", None, Verdict.ERROR, problems=(PROBLEM,)),
    ),
    dt.date(2026, 1, 1),
)


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_writes_utf8(name: str, lang: str) -> None:
    text = rendered(name, REPORT, lang)
    text.encode("utf-8")  # what a --report file does: strict, so a lone surrogate would raise
    assert "o" in text


def test_json_names_the_file_with_a_replacement_character() -> None:
    document = json.loads(rendered("json", REPORT, "en"))
    assert [case["path"] for case in document["cases"]] == ["cases/o\ufffd.json", "cases/p\ufffd.json"]
    assert document["cases"][0]["case_id"] == "o\ufffd"


def test_sarif_keeps_the_bytes_percent_encoded_and_stays_valid() -> None:
    text = rendered("sarif", REPORT, "en")
    document = json.loads(text)
    assert_valid_sarif(document)
    uris = [
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for result in document["runs"][0]["results"]
    ]
    assert uris == ["cases/o%FF.json", "cases/p%FE.json"]
    assert document["runs"][0]["results"][0]["properties"]["caseId"] == "o\ufffd"


def test_the_text_formats_show_the_byte_as_an_escape() -> None:
    for name in ("text", "markdown", "github"):
        assert "o\\udcff.json" in rendered(name, REPORT, "ja"), name


def test_junit_replaces_it() -> None:
    suite = ET.fromstring(rendered("junit", REPORT, "en").encode())
    assert [case.attrib["classname"] for case in suite.iter("testcase")] == [
        "cases/o\ufffd.json",
        "cases/p\ufffd.json",
    ]


@pytest.mark.parametrize("name", sorted(IMPACT_FORMATS))
def test_impact_writes_utf8(name: str) -> None:
    side = Side("working tree", dt.date(2026, 1, 1), RunReport("check", (), dt.date(2026, 1, 1)))
    change = CaseChange(NAME, None, Verdict.PASS, Verdict.FAIL, (ODD,), ())
    stream = io.StringIO()
    write_impact(name, ImpactReport(side, side, (change,), 0), stream, "en")
    stream.getvalue().encode("utf-8")
    if name == "json":
        assert json.loads(stream.getvalue())["changes"][0]["path"] == "cases/o\ufffd.json"


def test_the_audit_log_records_it_instead_of_stopping(tmp_path) -> None:
    log = tmp_path / "audit.jsonl"
    assert append_records(log, REPORT, engine="local") == 2
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [record["case"]["path"] for record in records] == ["cases/o\ufffd.json", "cases/p\ufffd.json"]
    assert records[0]["case"]["sha256"] == "aa"


def test_valid_text_is_left_alone() -> None:
    assert valid_unicode("合格 😀 \ufffd ok") == "合格 😀 \ufffd ok"
    assert valid_unicode("\ud800x\udfff") == "\ufffdx\ufffd"


@pytest.mark.skipif(os.name != "posix", reason="names of raw bytes are a POSIX file system's")
@pytest.mark.parametrize("fmt", ["sarif", "json"])
def test_validate_on_such_a_file_reports_it_and_exits_2(run_cli, tmp_path, fmt: str) -> None:
    """The red team's case, through the command: a broken case named with the byte 0xff, the
    format on stdout and as a --report file; an input error (2), never a crash (3)."""
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / os.fsdecode(b"o\xff.json")).write_bytes(b'{"a": 1,,}')
    target = tmp_path / f"report.{fmt}"
    result = run_cli("validate", "--format", fmt, "--report", f"{fmt}={target}", "cases", cwd=tmp_path)
    assert result.exit_code == 2, result.output
    written = json.loads(target.read_text(encoding="utf-8"))
    if fmt == "sarif":
        location = written["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "cases/o%FF.json"
    else:
        assert written["cases"][0]["path"] == "cases/o\ufffd.json"


def test_doctor_json_names_an_opa_binary_whose_path_is_not_utf8() -> None:
    from casegate.engine.doctor import Diagnosis
    from casegate.report.doctor import render_json

    text = render_json(Diagnosis("local", "/opt/o\udcff/opa", ()), "en")
    text.encode("utf-8")
    assert json.loads(text)["target"] == "/opt/o\ufffd/opa"
