"""Each output format, on one fixed report, compared as exact text."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from casegate.core.model import CaseReport, PolicyInfo, Problem, RunReport, Verdict
from casegate.errors import EXIT_ENGINE, EXIT_INPUT, EXIT_OK, EXIT_VIOLATION
from casegate.report import rendered
from support.sample_reports import ABROAD, COMMA, UNDECIDED

# The reviewer formats' shared sample findings; this report keeps to the three the text
# format's exact output below spells out.
FINDING, WARNING, PROBLEM = ABROAD, UNDECIDED, COMMA
REPORT = RunReport(
    command="check",
    as_of=dt.date(2026, 11, 27),
    policy=PolicyInfo("2026.11.0", ("sha256:0123456789abcdef",)),
    schema_version="1.0",
    cases=(
        CaseReport(
            "cases/a.json", "a", Verdict.FAIL, violations=(FINDING,), warnings=(WARNING,), sha256="aa"
        ),
        CaseReport("cases/b.json", None, Verdict.ERROR, problems=(PROBLEM,)),
        CaseReport("cases/c.json", "c", Verdict.PASS, sha256="cc"),
    ),
)


def test_text_japanese():
    assert rendered("text", REPORT, "ja") == (
        "✗ 不合格  cases/a.json (a)  警告 1件\n"
        "  - 違反 domestic-location-abroad [EC-P-SY-11, EC-W-SY-11]\n"
        "    所在国が US です。\n"
        "    指紋: domestic-location-abroad@/data_locations/1/country#9a2f1c3b4d5e6f70\n"
        "    場所: cases/a.json:38:18 (/data_locations/1/country)\n"
        "  - 警告 contractor-undecided [OS-W-OP-01]\n"
        "    委託先が未定です。\n"
        "    指紋: contractor-undecided@/outsourcing/contractor#fedcba9876543210\n"
        "    場所: cases/a.json:200:19 (/outsourcing/contractor)\n"
        "! エラー  cases/b.json\n"
        "  - 要修正 invalid-json\n"
        "    カンマがありません。\n"
        "    場所: cases/b.json:3:3\n"
        "✓ 合格  cases/c.json (c)\n"
        "\n"
        "3件中 合格 1件、不合格 1件、エラー 1件 — 基準日 令和8年11月27日（2026-11-27） / 方針 2026.11.0（版 sha256:0123456789abcdef）\n"
    )


def test_text_english():
    text = rendered("text", REPORT, "en")
    assert text.splitlines()[0] == "✗ FAIL  cases/a.json (a)  1 warning(s)"
    assert "    The country is US." in text
    assert text.endswith(
        "3 case(s): 1 passed, 1 failed, 1 error(s) — as of 2026-11-27 / policy 2026.11.0 (revision sha256:0123456789abcdef)\n"
    )


def test_json_document():
    document = json.loads(rendered("json", REPORT, "en"))
    assert document["exit_code"] == EXIT_INPUT
    assert document["policy"] == {
        "version": "2026.11.0",
        "revisions": ["sha256:0123456789abcdef"],
        "opa": None,
    }
    assert document["summary"] == {"cases": 3, "pass": 1, "fail": 1, "error": 1, "warnings": 1}
    first = document["cases"][0]
    assert first["violations"] == [
        {
            "rule_id": "domestic-location-abroad",
            "title": "国内サーバ",
            "checklist_ids": ["EC-P-SY-11", "EC-W-SY-11"],
            "severity": "error",
            "message": "The country is US.",
            "message_ja": "所在国が US です。",
            "message_en": "The country is US.",
            "pointer": "/data_locations/1/country",
            "line": 38,
            "column": 18,
            "fingerprint": "domestic-location-abroad@/data_locations/1/country#9a2f1c3b4d5e6f70",
        }
    ]
    assert document["cases"][1]["errors"][0]["code"] == "invalid-json"


def _report(*cases: CaseReport, fail_on_warn: bool = False, engine: Problem | None = None) -> RunReport:
    return RunReport("check", cases, dt.date(2026, 1, 1), fail_on_warn=fail_on_warn, engine_problem=engine)


@pytest.mark.parametrize(
    ("report", "code"),
    [
        (_report(), EXIT_OK),
        (_report(CaseReport("a", None, Verdict.PASS)), EXIT_OK),
        (_report(CaseReport("a", None, Verdict.PASS, warnings=(WARNING,))), EXIT_OK),
        (
            _report(CaseReport("a", None, Verdict.PASS, warnings=(WARNING,)), fail_on_warn=True),
            EXIT_VIOLATION,
        ),
        (_report(CaseReport("a", None, Verdict.FAIL, violations=(FINDING,))), EXIT_VIOLATION),
        (_report(CaseReport("a", None, Verdict.FAIL), CaseReport("b", None, Verdict.ERROR)), EXIT_INPUT),
        (_report(CaseReport("a", None, Verdict.ERROR), engine=PROBLEM), EXIT_ENGINE),
    ],
    ids=["empty", "pass", "warn", "fail-on-warn", "fail", "input-beats-fail", "engine-beats-all"],
)
def test_the_report_decides_the_exit_code(report, code):
    assert report.exit_code() == code
