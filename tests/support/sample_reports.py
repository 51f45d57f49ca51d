"""Fixed RunReports for the exact-output tests of the reviewer formats (junit, sarif, github, markdown).

REPORT holds one of each thing a reviewer must see: a pass, a fail with two findings (one with
checklist ids and a position, one with neither, whose message carries characters every format
must escape), a warning, a waived finding, and an input problem. ENGINE_REPORT is a run whose
engine failed. Nothing here reads files or starts OPA.
"""

from __future__ import annotations

import datetime as dt

from casegate.core.model import CaseReport, Finding, Location, PolicyInfo, Problem, RunReport, Verdict, Waiver

ABROAD = Finding(
    rule_id="domestic-location-abroad",
    title="国内サーバ",
    checklist_ids=("EC-P-SY-11", "EC-W-SY-11"),
    severity="error",
    message_ja="所在国が US です。",
    message_en="The country is US.",
    location=Location("/data_locations/1/country", 38, 18),
    fingerprint="domestic-location-abroad@/data_locations/1/country#9a2f1c3b4d5e6f70",
)
# No checklist ids and no line: only the pointer is known. The message has |, %, :, a comma,
# a newline and HTML, which the formats must escape.
LEDGER = Finding(
    rule_id="ledger-incomplete",
    title="管理簿の項目",
    checklist_ids=(),
    severity="error",
    message_ja="管理簿に「氏名|住所」がありません。\n100% 記入してください <b>必須</b>。",
    message_en="The ledger lacks name|address.\nFill in 100%: name, address <b>required</b>.",
    location=Location("/ledger/fields"),
    fingerprint="ledger-incomplete@/ledger/fields#0123456789abcdef",
)
UNDECIDED = Finding(
    rule_id="contractor-undecided",
    title="委託先未定",
    checklist_ids=("OS-W-OP-01",),
    severity="warning",
    message_ja="委託先が未定です。",
    message_en="The contractor is undecided.",
    location=Location("/outsourcing/contractor", 200, 19),
    fingerprint="contractor-undecided@/outsourcing/contractor#fedcba9876543210",
)
WAIVER = Waiver(
    rule_id="partner-uncertified",
    case_id="d",
    file="cases/d.json",
    reason="ISMS 認証は 2027年3月に取得予定",
    approver="情報政策課長",
    expires=dt.date(2027, 3, 31),
    source="waivers/2026.json#/waivers/0",
    fingerprint="partner-uncertified@/outsourcing/partner/certifications#5555aaaa5555aaaa",
    approved_on=dt.date(2026, 11, 20),
)
UNCERTIFIED = Finding(
    rule_id="partner-uncertified",
    title="委託先の認証",
    checklist_ids=("OS-P-OP-02",),
    severity="error",
    message_ja="委託先に認証がありません。",
    message_en="The contractor holds no certification.",
    location=Location("/outsourcing/partner/certifications", 120, 5),
    waiver=WAIVER,
    fingerprint=WAIVER.fingerprint,
)
COMMA = Problem("invalid-json", "カンマがありません。", "A comma is missing.", Location("", 3, 3))

REPORT = RunReport(
    command="check",
    as_of=dt.date(2026, 11, 27),
    policy=PolicyInfo("2026.11.0", ("sha256:0123456789abcdef",)),
    schema_version="1.0",
    cases=(
        CaseReport(
            "cases/a.json",
            "a",
            Verdict.FAIL,
            violations=(ABROAD, LEDGER),
            warnings=(UNDECIDED,),
            sha256="aa",
        ),
        CaseReport("cases/b.json", None, Verdict.ERROR, problems=(COMMA,)),
        CaseReport("cases/c.json", "c", Verdict.PASS, sha256="cc"),
        CaseReport("cases/d.json", "d", Verdict.PASS, waived=(UNCERTIFIED,), sha256="dd"),
    ),
)

UNREACHABLE = Problem(
    "opa-unreachable",
    "OPA（http://127.0.0.1:8181）に接続できません。",
    "Cannot reach OPA (http://127.0.0.1:8181).",
)
ENGINE_REPORT = RunReport(
    command="check",
    as_of=dt.date(2026, 11, 27),
    schema_version="1.0",
    engine_problem=UNREACHABLE,
    cases=(
        CaseReport("cases/b.json", None, Verdict.ERROR, problems=(COMMA,)),
        CaseReport("cases/c.json", "c", Verdict.ERROR, problems=(UNREACHABLE,), sha256="cc"),
    ),
)
