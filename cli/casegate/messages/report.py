"""Messages of casegate.report: Japanese and English side by side (see casegate.messages)."""

from __future__ import annotations

from casegate.messages import Message

# --- report/doctor.py: casegate doctor's diagnosis as text ---

DOCTOR_CHECK = {
    "opa": Message(ja="OPA", en="OPA"),
    "decision": Message(ja="判定", en="decision"),
    "bundles": Message(ja="バンドル", en="bundles"),
    "signature": Message(ja="署名の検証", en="signature"),
}
DOCTOR_MODE = {
    "local": Message(ja="ローカルの OPA", en="local OPA"),
    "central": Message(ja="中央の OPA", en="central OPA"),
}
DOCTOR_HEADING = Message(ja="casegate doctor — {mode} {target}", en="casegate doctor — {mode} {target}")
DOCTOR_HEALTHY = Message(ja="結果：正常", en="result: healthy")
DOCTOR_UNHEALTHY = Message(ja="結果：問題あり（終了コード 3）", en="result: unhealthy (exit 3)")

# --- report/vocabulary.py: the words more than one format says ---
# A format says most of these once per case or per finding, so it looks them up in a table
# resolved once per language (casegate.messages.by_language), never fills a Message per finding.

VERDICT = {
    "pass": Message(ja="合格", en="PASS"),
    "fail": Message(ja="不合格", en="FAIL"),
    "error": Message(ja="エラー", en="ERROR"),
}
# A case `validate` passed: it never asked OPA, so it must never read as a pass.
VALID = Message(ja="形式OK", en="VALID")
VIOLATION = Message(ja="違反", en="violation")
WARNING = Message(ja="警告", en="warning")
WAIVED = Message(ja="免除", en="waived")
PROBLEM = Message(ja="要修正", en="fix")
FINGERPRINT = Message(ja="指紋", en="fingerprint")
UNJUDGED = Message(ja="判定できませんでした", en="could not judge")
WAIVER_TERMS = Message(
    ja="免除：{reason}（承認 {approver}、期限 {expires}、{source}）",
    en="waived: {reason} (approved by {approver}, until {expires}, {source})",
)
COUNTS = Message(
    ja="{total}件中 合格 {passed}件、不合格 {failed}件、エラー {errors}件",
    en="{total} case(s): {passed} passed, {failed} failed, {errors} error(s)",
)
COUNTS_FINDINGS = Message(
    ja="（警告 {warnings}件、免除 {waived}件）", en=" ({warnings} warning(s), {waived} waived)"
)
POLICY = Message(ja="方針 {version}（版 {revisions}）", en="policy {version} (revision {revisions})")
AS_OF = Message(ja="基準日 {date}", en="as of {date}")
AS_OF_ZONE = Message(ja="（{zone} の今日）", en=" (today in {zone})")
FAIL_ON_WARN = Message(
    ja="--fail-on-warn：警告も不合格として扱います", en="--fail-on-warn: warnings count as failures"
)
# A table cell or value longer than escape.MAX_CELL, cut (report/escape.py).
CUT = Message(ja="…（{n:,}文字省略）", en="… ({n:,} characters cut)")

# --- report/text.py: --format text ---

TEXT_WHERE = Message(ja="場所", en="at")
TEXT_WARNINGS = Message(ja="警告 {n}件", en="{n} warning(s)")
TEXT_UNJUDGED = Message(ja="判定できませんでした：{message}", en="Could not judge: {message}")
TEXT_NO_CASES = Message(ja="対象の案件はありません", en="no cases")
TEXT_FAIL_ON_WARN = Message(ja="（{rule}）", en="({rule})")

# --- report/github.py: --format github (workflow commands) ---

GITHUB_WAIVED = Message(
    ja="免除：{message}（理由：{reason}、承認：{approver}、期限：{expires}）",
    en="waived: {message} (reason: {reason}; approved by {approver}; until {expires})",
)
GITHUB_FINGERPRINT = Message(ja="（指紋 {fingerprint}）", en=" (fingerprint {fingerprint})")
GITHUB_FAIL_ON_WARN = Message(ja="--fail-on-warn：警告も不合格", en="--fail-on-warn: warnings fail")

# --- report/junit.py: --format junit ---

JUNIT_VIOLATIONS = Message(ja="違反 {n}件", en="{n} violation(s)")
JUNIT_WARNINGS = Message(ja="警告 {n}件（--fail-on-warn）", en="{n} warning(s) (--fail-on-warn)")
JUNIT_PROBLEMS = Message(ja="要修正 {n}件", en="{n} problem(s)")
JUNIT_FINGERPRINT = Message(ja="指紋：{fingerprint}", en="fingerprint: {fingerprint}")

# --- report/sarif.py: --format sarif ---

SARIF_PROBLEM_RULE = Message(ja="入力の誤り（{code}）", en="Invalid input ({code})")

# --- report/markdown.py: --format markdown (a pull-request comment) ---

# The comment's title, from the run's exit code.
MARKDOWN_PASS = Message(ja="✅ casegate：合格", en="✅ casegate: pass")
MARKDOWN_VALID = Message(
    ja="✅ casegate：形式OK（方針は確かめていません）", en="✅ casegate: valid (policies not checked)"
)
MARKDOWN_ENGINE = Message(ja="⛔ casegate：判定できませんでした", en="⛔ casegate: could not judge")
MARKDOWN_INPUT = Message(ja="⚠️ casegate：入力に誤りがあります", en="⚠️ casegate: invalid input")
MARKDOWN_FAIL = Message(ja="❌ casegate：不合格", en="❌ casegate: fail")
MARKDOWN_CASE_ID = Message(ja="（{case_id}）", en=" ({case_id})")
MARKDOWN_SECTION = Message(ja="**{title}**（{n}件）", en="**{title}** ({n})")
MARKDOWN_JOINER = Message(ja=" ／ ", en=" / ")
MARKDOWN_TRUNCATED = Message(
    ja="**この報告は {limit:,} 文字の上限で切りました。** 表示しなかったもの：案件 {cases}件、指摘・入力の誤り {items}件。"
    "すべては SARIF / JSON の報告 {artifact} にあります（`casegate check --format sarif` / `--format json`）。",
    en="**This report was cut at the {limit:,}-character limit.** Not shown: {cases} case(s), {items} finding(s) "
    "or input problem(s). The SARIF / JSON report {artifact} has everything "
    "(`casegate check --format sarif` / `--format json`).",
)
MARKDOWN_FAIL_ON_WARN = Message(ja="{rule}。", en="{rule}.")
MARKDOWN_ENGINE_FAILED = Message(
    ja="**判定エンジンが失敗したため、判定できませんでした**（{code}）：{message}",
    en="**The engine failed, so nothing could be judged** ({code}): {message}",
)
MARKDOWN_UNJUDGED = Message(
    ja="判定エンジンの失敗のため判定していません（上記）。",
    en="Not judged because the engine failed (see above).",
)
MARKDOWN_NO_CASES = Message(ja="対象の案件はありません。", en="No cases.")
# Section titles and table headings.
MARKDOWN_VIOLATIONS = Message(ja="違反", en="Violations")
MARKDOWN_WARNINGS = Message(ja="警告", en="Warnings")
MARKDOWN_WAIVED = Message(ja="免除", en="Waived")
MARKDOWN_PROBLEMS = Message(ja="入力の誤り", en="Input problems")
MARKDOWN_RULE = Message(ja="ルール", en="rule")
MARKDOWN_CHECKLIST = Message(ja="チェックリスト", en="checklist")
MARKDOWN_MESSAGE = Message(ja="内容", en="message")
MARKDOWN_WHERE = Message(ja="場所", en="where")
MARKDOWN_REASON = Message(ja="理由", en="reason")
MARKDOWN_APPROVER = Message(ja="承認", en="approved by")
MARKDOWN_EXPIRES = Message(ja="期限", en="until")
MARKDOWN_CODE = Message(ja="コード", en="code")

# --- report/impact.py: casegate impact's text and markdown ---

IMPACT_TITLE = Message(ja="方針の変更の影響", en="Impact of the policy change")
IMPACT_BEFORE = Message(ja="変更前", en="before")
IMPACT_AFTER = Message(ja="変更後", en="after")
# One side of the comparison: its label, its date and the policy that judged it.
IMPACT_SIDE = Message(ja="{label}（基準日 {as_of}{revision}）", en="{label} (as of {as_of}{revision})")
IMPACT_CHANGED = Message(
    ja="{n}件の案件の判定が変わります（変わらない案件 {same}件）", en="{n} case(s) change ({same} unchanged)"
)
IMPACT_NONE = Message(ja="判定が変わる案件はありません（{same}件）", en="No case changes ({same} unchanged)")
IMPACT_NEW = Message(ja="新しい違反", en="new violation")
IMPACT_GONE = Message(ja="なくなった違反", en="gone violation")
# The label core.impact gives the side judged with the working tree's policy.
IMPACT_WORKING_TREE = Message(ja="作業ツリー", en="working tree")
# A verdict inside a sentence ("pass → fail"): in English the verdict's own lower-case name.
IMPACT_VERDICT = {
    "pass": Message(ja="合格", en="pass"),
    "fail": Message(ja="不合格", en="fail"),
    "error": Message(ja="エラー", en="error"),
}
IMPACT_TRUNCATED = Message(
    ja="**{limit:,} 文字の上限で切りました。** 表示しなかった案件 {n}件。すべては `--format json` の出力にあります。",
    en="**Cut at the {limit:,}-character limit.** {n} case(s) not shown; `--format json` has everything.",
)

# --- report/files.py: --report FORMAT=PATH ---

REPORT_NOT_A_FILE = Message(
    code="report-not-a-file",
    ja="--report の書き込み先 {file} は{what}です。上書きせずに止めました。"
    "通常のファイル（まだないファイルでも可）を指定してください。",
    en="The --report destination {file} is {what}; it was not overwritten. "
    "Name a regular file (or one that does not exist yet).",
)
REPORT_UNWRITABLE = Message(
    code="report-unwritable",
    ja="--report の書き込み先 {file} に書き込めません（{reason}）。"
    "フォルダがあり書き込めることを確かめるか、別の場所を指定してください。報告を書けなかった判定は合格にしません。",
    en="Cannot write the --report destination {file} ({reason}). "
    "Make sure its folder exists and is writable, or name another file. "
    "A run whose report could not be written does not pass.",
)
# What a folder of PATH below the current one is, when it is a symlink (REPORT_NOT_A_FILE's {what}).
REPORT_LINKED_FOLDER = Message(ja="シンボリックリンクのフォルダ", en="a folder that is a symlink")
REPORT_NO_FOLDER = Message(ja="フォルダがありません", en="no such folder")
REPORT_FOLDER_READ_ONLY = Message(ja="フォルダに書き込む権限がありません", en="the folder is not writable")
