"""`--format github`: GitHub Actions workflow commands, compared as exact text."""

from __future__ import annotations

import datetime as dt

from casegate.core.model import CaseReport, Location, Problem, RunReport, Verdict
from casegate.report import rendered
from casegate.report.github import escape_data, escape_property
from support.sample_reports import ENGINE_REPORT, REPORT


def test_github_japanese():
    assert rendered("github", REPORT, "ja") == (
        "::error file=cases/a.json,line=38,col=18,title=domestic-location-abroad::[EC-P-SY-11, EC-W-SY-11] 所在国が US です。（指紋 domestic-location-abroad@/data_locations/1/country#9a2f1c3b4d5e6f70）\n"
        # No line is known: file only. The newline and % of the message are encoded.
        "::error file=cases/a.json,title=ledger-incomplete::管理簿に「氏名|住所」がありません。%0A100%25 記入してください <b>必須</b>。（指紋 ledger-incomplete@/ledger/fields#0123456789abcdef）\n"
        "::warning file=cases/a.json,line=200,col=19,title=contractor-undecided::[OS-W-OP-01] 委託先が未定です。（指紋 contractor-undecided@/outsourcing/contractor#fedcba9876543210）\n"
        "::error file=cases/b.json,line=3,col=3,title=casegate/invalid-json::カンマがありません。\n"
        "::notice file=cases/d.json,line=120,col=5,title=partner-uncertified::免除：[OS-P-OP-02] 委託先に認証がありません。（指紋 partner-uncertified@/outsourcing/partner/certifications#5555aaaa5555aaaa）（理由：ISMS 認証は 2027年3月に取得予定、承認：情報政策課長、期限：令和9年3月31日（2027-03-31））\n"
        "casegate: 4件中 合格 2件、不合格 1件、エラー 1件（警告 1件、免除 1件） — 基準日 令和8年11月27日（2026-11-27） / 方針 2026.11.0（版 sha256:0123456789abcdef）\n"
    )


def test_github_english_engine_failure_is_said_once():
    assert rendered("github", ENGINE_REPORT, "en") == (
        "::error title=casegate/opa-unreachable::Cannot reach OPA (http://127.0.0.1:8181).\n"
        "::error file=cases/b.json,line=3,col=3,title=casegate/invalid-json::A comma is missing.\n"
        "casegate: 2 case(s): 0 passed, 0 failed, 2 error(s) (0 warning(s), 0 waived) — as of 2026-11-27\n"
    )


def test_escaping_follows_the_actions_toolkit():
    assert escape_data("100%\r\nnext: a, b") == "100%25%0D%0Anext: a, b"
    assert escape_property("C:\\cases\\a,b.json") == "C%3A\\cases\\a%2Cb.json"
    assert escape_property("50%\n") == "50%25%0A"


def test_a_case_file_cannot_inject_a_command():
    """A message or path from a case file stays inside its own command and its own property."""
    evil = Problem(
        "schema-type",
        "x\n::error file=other.json::forged",
        "x\n::error file=other.json::forged",
        Location("/a", 1, 1),
    )
    report = RunReport(
        "validate",
        (CaseReport("cases/a,title=x:y.json", None, Verdict.ERROR, problems=(evil,)),),
        dt.date(2026, 1, 1),
    )
    first, summary = rendered("github", report, "en").splitlines()
    assert first == (
        "::error file=cases/a%2Ctitle=x%3Ay.json,line=1,col=1,title=casegate/schema-type"
        "::x%0A::error file=other.json::forged"
    )
    assert summary.startswith("casegate: 1 case(s)")
