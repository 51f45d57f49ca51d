"""`--format markdown`: the pull-request comment, compared as exact text."""

from __future__ import annotations

import datetime as dt

from casegate.core.model import CaseReport, Finding, Location, RunReport, Verdict
from casegate.report import rendered
from casegate.report.escape import md_cell as cell
from support.sample_reports import ENGINE_REPORT, REPORT


def test_markdown_japanese():
    assert rendered("markdown", REPORT, "ja") == (
        "<!-- casegate-report -->\n"
        "## ⚠️ casegate：入力に誤りがあります\n"
        "\n"
        "4件中 合格 2件、不合格 1件、エラー 1件（警告 1件、免除 1件）\n"
        "\n"
        "方針 2026.11.0（版 `sha256:0123456789abcdef`） ／ 基準日 令和8年11月27日（2026-11-27）\n"
        "\n"
        "### ❌ 不合格 — `cases/a.json`（a）\n"
        "\n"
        "**違反**（2件）\n"
        "\n"
        "| ルール | チェックリスト | 内容 | 場所 | 指紋 |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| `domestic-location-abroad` | EC-P-SY-11, EC-W-SY-11 | 所在国が US です。 | `cases/a.json:38` | `domestic-location-abroad@/data_locations/1/country#9a2f1c3b4d5e6f70` |\n"
        "| `ledger-incomplete` |  | 管理簿に「氏名\\|住所」がありません。<br>100% 記入してください &lt;b&gt;必須&lt;/b&gt;。 | `cases/a.json` `/ledger/fields` | `ledger-incomplete@/ledger/fields#0123456789abcdef` |\n"
        "\n"
        "**警告**（1件）\n"
        "\n"
        "| ルール | チェックリスト | 内容 | 場所 | 指紋 |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| `contractor-undecided` | OS-W-OP-01 | 委託先が未定です。 | `cases/a.json:200` | `contractor-undecided@/outsourcing/contractor#fedcba9876543210` |\n"
        "\n"
        "### ⚠️ エラー — `cases/b.json`\n"
        "\n"
        "**入力の誤り**（1件）\n"
        "\n"
        "| コード | 内容 | 場所 |\n"
        "| --- | --- | --- |\n"
        "| `invalid-json` | カンマがありません。 | `cases/b.json:3` |\n"
        "\n"
        "### ✅ 合格 — `cases/c.json`（c）\n"
        "\n"
        "### ✅ 合格 — `cases/d.json`（d）\n"
        "\n"
        "**免除**（1件）\n"
        "\n"
        "| ルール | チェックリスト | 内容 | 理由 | 承認 | 期限 | 場所 | 指紋 |\n"
        "| --- | --- | --- | --- | --- | --- | --- | --- |\n"
        "| `partner-uncertified` | OS-P-OP-02 | 委託先に認証がありません。 | ISMS 認証は 2027年3月に取得予定 | 情報政策課長 | 令和9年3月31日（2027-03-31） | `cases/d.json:120` | `partner-uncertified@/outsourcing/partner/certifications#5555aaaa5555aaaa` |\n"
    )


def test_markdown_english_engine_failure_comes_first():
    assert rendered("markdown", ENGINE_REPORT, "en") == (
        "<!-- casegate-report -->\n"
        "## ⛔ casegate: could not judge\n"
        "\n"
        "> **The engine failed, so nothing could be judged** (opa-unreachable): Cannot reach OPA \\(http\u2060://127.0.0.1:8181\\).\n"
        "\n"
        "2 case(s): 0 passed, 0 failed, 2 error(s) (0 warning(s), 0 waived)\n"
        "\n"
        "as of 2026-11-27\n"
        "\n"
        "### ⚠️ ERROR — `cases/b.json`\n"
        "\n"
        "**Input problems** (1)\n"
        "\n"
        "| code | message | where |\n"
        "| --- | --- | --- |\n"
        "| `invalid-json` | A comma is missing. | `cases/b.json:3` |\n"
        "\n"
        "### ⚠️ ERROR — `cases/c.json` (c)\n"
        "\n"
        "Not judged because the engine failed (see above).\n"
    )


def test_cells_cannot_break_the_table_or_the_comment():
    assert cell("a|b\r\nc\nd") == "a\\|b<br>c<br>d"
    assert cell("<details><summary>x") == "&lt;details&gt;&lt;summary&gt;x"
    assert cell("A & B") == "A &amp; B"


def test_a_backtick_in_a_path_keeps_its_code_span():
    finding = Finding("r", "t", (), "error", "m", "m", Location("/x", 2, 1))
    report = RunReport(
        "check",
        (CaseReport("cases/a`b|c.json", None, Verdict.FAIL, violations=(finding,)),),
        dt.date(2026, 1, 1),
    )
    text = rendered("markdown", report, "en")
    assert "### ❌ FAIL — `` cases/a`b\\|c.json ``\n" in text
    assert "| `` cases/a`b\\|c.json:2 `` |" in text


def test_validate_says_valid_not_pass():
    report = RunReport("validate", (CaseReport("cases/c.json", "c", Verdict.PASS),), dt.date(2026, 11, 27))
    assert rendered("markdown", report, "ja") == (
        "<!-- casegate-report -->\n"
        "## ✅ casegate：形式OK（方針は確かめていません）\n"
        "\n"
        "1件中 合格 1件、不合格 0件、エラー 0件（警告 0件、免除 0件）\n"
        "\n"
        "### ✅ 形式OK — `cases/c.json`（c）\n"
    )
