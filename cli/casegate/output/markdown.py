"""`--format markdown`: a pull-request comment for the reviewers (Japanese by default).

A header with the overall verdict (from the exit code, so it can never say more than the gate
does), the counts, the policy version and revision and the 基準日 in 和暦; an engine failure right
under it; then each case with its verdict and tables of violations, warnings, waived findings
(reason, approver, expiry: shown, never hidden) and input problems.

Tables are written by tabulate ("github" format, with wcwidth so Japanese columns line up in the
raw text too). Every cell is escaped first: HTML is neutralised and newlines become <br>, so a
value from a case file cannot break the comment's layout, and | is escaped so it cannot split a
cell.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from tabulate import tabulate

from casegate.dates import format_date
from casegate.errors import EXIT_ENGINE, EXIT_INPUT, EXIT_OK, EXIT_VIOLATION
from casegate.model import CaseReport, Finding, Location, Problem, RunReport, Verdict

#: Lets a CI job find and update its own earlier comment instead of adding another.
MARKER = "<!-- casegate-report -->"

_WORDS: dict[str, dict[object, str]] = {
    "ja": {
        EXIT_OK: "✅ casegate：合格",
        "validated": "✅ casegate：形式OK（方針は確かめていません）",
        EXIT_ENGINE: "⛔ casegate：判定できませんでした",
        EXIT_INPUT: "⚠️ casegate：入力に誤りがあります",
        EXIT_VIOLATION: "❌ casegate：不合格",
        Verdict.PASS: "✅ 合格",
        Verdict.FAIL: "❌ 不合格",
        Verdict.ERROR: "⚠️ エラー",
        "valid": "✅ 形式OK",
        "case_id": "（{case_id}）",
        "section": "**{title}**（{n}件）",
        "joiner": " ／ ",
        "counts": "{total}件中 合格 {passed}件、不合格 {failed}件、エラー {errors}件（警告 {warnings}件、免除 {waived}件）",
        "policy": "方針 {version}（版 {revisions}）",
        "as_of": "基準日 {date}",
        "fail_on_warn": "--fail-on-warn：警告も不合格として扱います。",
        "engine": "**判定エンジンが失敗したため、判定できませんでした**（{code}）：{message}",
        "unjudged": "判定エンジンの失敗のため判定していません（上記）。",
        "violations": "違反",
        "warnings": "警告",
        "waived": "免除",
        "problems": "入力の誤り",
        "rule": "ルール",
        "checklist": "チェックリスト",
        "message": "内容",
        "where": "場所",
        "reason": "理由",
        "approver": "承認",
        "expires": "期限",
        "code": "コード",
        "none": "対象の案件はありません。",
    },
    "en": {
        EXIT_OK: "✅ casegate: pass",
        "validated": "✅ casegate: valid (policies not checked)",
        EXIT_ENGINE: "⛔ casegate: could not judge",
        EXIT_INPUT: "⚠️ casegate: invalid input",
        EXIT_VIOLATION: "❌ casegate: fail",
        Verdict.PASS: "✅ PASS",
        Verdict.FAIL: "❌ FAIL",
        Verdict.ERROR: "⚠️ ERROR",
        "valid": "✅ VALID",
        "case_id": " ({case_id})",
        "section": "**{title}** ({n})",
        "joiner": " / ",
        "counts": "{total} case(s): {passed} passed, {failed} failed, {errors} error(s) ({warnings} warning(s), {waived} waived)",
        "policy": "policy {version} (revision {revisions})",
        "as_of": "as of {date}",
        "fail_on_warn": "--fail-on-warn: warnings count as failures.",
        "engine": "**The engine failed, so nothing could be judged** ({code}): {message}",
        "unjudged": "Not judged because the engine failed (see above).",
        "violations": "Violations",
        "warnings": "Warnings",
        "waived": "Waived",
        "problems": "Input problems",
        "rule": "rule",
        "checklist": "checklist",
        "message": "message",
        "where": "where",
        "reason": "reason",
        "approver": "approved by",
        "expires": "until",
        "code": "code",
        "none": "No cases.",
    },
}


def inline(text: str) -> str:
    """Text outside tables: no HTML from the data, newlines kept inside the line."""
    return html.escape(text, quote=False).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def cell(text: str) -> str:
    """A table cell: as `inline`, and | escaped so it cannot end the cell."""
    return inline(text).replace("|", "\\|")


def _code(text: str) -> str:
    """A code span (shown literally, so no HTML escaping), safe inside a table cell.

    A backtick in the text would end a single-backtick span: CommonMark's longer fence is used.
    """
    body = " ".join(text.splitlines()).replace("|", "\\|")
    if not body:
        return ""
    return f"`` {body} ``" if "`" in body else f"`{body}`"


def _where(path: str, location: Location | None) -> str:
    if location is not None and location.line is not None:
        return _code(f"{path}:{location.line}")
    if location is not None and location.pointer:
        return f"{_code(path)} {_code(location.pointer)}"
    return _code(path)


def _table(headers: Sequence[str], rows: list[list[str]]) -> list[str]:
    text: str = tabulate(rows, headers=list(headers), tablefmt="github", disable_numparse=True)
    return text.splitlines()


def _findings(path: str, findings: Sequence[Finding], lang: str) -> list[list[str]]:
    return [
        [
            _code(item.rule_id),
            cell(", ".join(item.checklist_ids)),
            cell(item.message(lang)),
            _where(path, item.location),
        ]
        for item in findings
    ]


def _waived(path: str, findings: Sequence[Finding], lang: str) -> list[list[str]]:
    rows = []
    for item in findings:
        waiver = item.waiver
        assert waiver is not None  # CaseReport.waived holds waived findings only
        [rule, checklist, message, where] = _findings(path, [item], lang)[0]
        rows.append(
            [
                rule,
                checklist,
                message,
                cell(waiver.reason),
                cell(waiver.approver),
                format_date(waiver.expires, lang),
                where,
            ]
        )
    return rows


def _problems(path: str, problems: Sequence[Problem], lang: str) -> list[list[str]]:
    return [[_code(item.code), cell(item.message(lang)), _where(path, item.location)] for item in problems]


def _case(case: CaseReport, report: RunReport, lang: str) -> list[str]:
    words = _WORDS[lang]
    validated = report.command == "validate" and case.verdict is Verdict.PASS
    label = words["valid"] if validated else words[case.verdict]
    case_id = words["case_id"].format(case_id=inline(case.case_id)) if case.case_id else ""
    lines = ["", f"### {label} — {_code(case.path)}{case_id}"]
    finding_headers = [words["rule"], words["checklist"], words["message"], words["where"]]
    problems = [item for item in case.problems if item != report.engine_problem]
    sections: list[tuple[str, Sequence[str], list[list[str]]]] = [
        (
            words["problems"],
            [words["code"], words["message"], words["where"]],
            _problems(case.path, problems, lang),
        ),
        (words["violations"], finding_headers, _findings(case.path, case.violations, lang)),
        (words["warnings"], finding_headers, _findings(case.path, case.warnings, lang)),
        (
            words["waived"],
            [*finding_headers[:3], words["reason"], words["approver"], words["expires"], words["where"]],
            _waived(case.path, case.waived, lang),
        ),
    ]
    if len(problems) < len(case.problems):
        lines += ["", words["unjudged"]]
    for title, headers, rows in sections:
        if rows:
            lines += ["", words["section"].format(title=title, n=len(rows)), ""]
            lines += _table(headers, rows)
    return lines


def _header(report: RunReport, lang: str) -> list[str]:
    words = _WORDS[lang]
    code = report.exit_code()
    # `validate` never asked OPA: a clean run is "valid", never "pass".
    title = words["validated"] if report.command == "validate" and code == EXIT_OK else words[code]
    lines = [MARKER, f"## {title}", ""]
    warning = report.source.warning(lang) if report.source is not None else None
    if warning is not None:  # local, unreleased rules judged: said before anything else
        lines += [f"> **{inline(warning)}**", ""]
    if report.engine_problem is not None:
        problem = report.engine_problem
        message = words["engine"].format(code=problem.code, message=inline(problem.message(lang)))
        lines += [f"> {message}", ""]
    lines.append(words["counts"].format(**report.tally()))
    details = []
    if report.policy is not None:
        revisions = ", ".join(f"`{inline(item)}`" for item in report.policy.revisions) or "-"
        details.append(words["policy"].format(version=inline(report.policy.version), revisions=revisions))
    if report.command == "check":
        details.append(words["as_of"].format(date=format_date(report.as_of, lang)))
    if details:
        lines += ["", words["joiner"].join(details)]
    if report.source is not None:
        lines += ["", inline(report.source.line(lang))]
    if report.fail_on_warn:
        lines += ["", words["fail_on_warn"]]
    return lines


def render(report: RunReport, lang: str) -> str:
    lines = _header(report, lang)
    for case in report.cases:
        lines += _case(case, report, lang)
    if not report.cases:
        lines += ["", _WORDS[lang]["none"]]
    return "\n".join(lines) + "\n"
