"""`--format text` (the default): what a ward clerk reads in a terminal or a CI log.

One verdict line per case, then each finding with its checklist ids, the message, its
fingerprint (what a waiver names), and file:line:column with the JSON pointer, so an editor can
jump to the place. Every line goes through escape.visible: a newline or an ANSI escape in a value
or a file name is printed as `\n` / `\x1b`, never as a line or a colour of its own.
"""

from __future__ import annotations

from casegate.core.dates import format_date
from casegate.core.model import CaseReport, Finding, Location, Problem, RunReport, Verdict
from casegate.report.escape import visible

_WORDS: dict[str, dict[object, str]] = {
    "ja": {
        Verdict.PASS: "合格",
        Verdict.FAIL: "不合格",
        Verdict.ERROR: "エラー",
        "valid": "形式OK",
        "severity:error": "違反",
        "severity:warning": "警告",
        "waived": "免除",
        "waiver": "免除：{reason}（承認 {approver}、期限 {expires}、{source}）",
        "problem": "要修正",
        "where": "場所",
        "checklist": "チェックリスト",
        "warnings_n": "警告 {n}件",
        "summary": "{total}件中 合格 {passed}件、不合格 {failed}件、エラー {errors}件",
        "policy": "方針 {version}（版 {revisions}）",
        "as_of": "基準日 {date}",
        "zone": "（{zone} の今日）",
        "fingerprint": "指紋",
        "engine": "判定できませんでした：{message}",
        "none": "対象の案件はありません",
        "fail_on_warn": "（--fail-on-warn：警告も不合格として扱います）",
    },
    "en": {
        Verdict.PASS: "PASS",
        Verdict.FAIL: "FAIL",
        Verdict.ERROR: "ERROR",
        "valid": "VALID",
        "severity:error": "violation",
        "severity:warning": "warning",
        "waived": "waived",
        "waiver": "waived: {reason} (approved by {approver}, until {expires}, {source})",
        "problem": "fix",
        "where": "at",
        "checklist": "checklist",
        "warnings_n": "{n} warning(s)",
        "summary": "{total} case(s): {passed} passed, {failed} failed, {errors} error(s)",
        "policy": "policy {version} (revision {revisions})",
        "as_of": "as of {date}",
        "zone": " (today in {zone})",
        "fingerprint": "fingerprint",
        "engine": "Could not judge: {message}",
        "none": "no cases",
        "fail_on_warn": "(--fail-on-warn: warnings count as failures)",
    },
}


def _where(path: str, location: Location | None, words: dict[object, str]) -> str:
    if location is None:
        return f"    {words['where']}: {path}"
    position = f":{location.line}:{location.column}" if location.line is not None else ""
    pointer = f" ({location.pointer})" if location.pointer else ""
    return f"    {words['where']}: {path}{position}{pointer}"


def _finding(path: str, finding: Finding, lang: str, words: dict[object, str]) -> list[str]:
    ids = f" [{', '.join(finding.checklist_ids)}]" if finding.checklist_ids else ""
    label = words["waived"] if finding.waiver else words["severity:" + finding.severity]
    lines = [f"  - {label} {finding.rule_id}{ids}", f"    {finding.message(lang)}"]
    if finding.fingerprint:
        lines.append(f"    {words['fingerprint']}: {finding.fingerprint}")
    if finding.waiver is not None:
        waiver = finding.waiver
        lines.append(
            "    "
            + words["waiver"].format(
                reason=waiver.reason,
                approver=waiver.approver,
                expires=format_date(waiver.expires, lang),
                source=waiver.source,
            )
        )
    return [*lines, _where(path, finding.location, words)]


def _problem(path: str, problem: Problem, lang: str, words: dict[object, str]) -> list[str]:
    return [
        f"  - {words['problem']} {problem.code}",
        f"    {problem.message(lang)}",
        _where(path, problem.location, words),
    ]


def _case(case: CaseReport, report: RunReport, lang: str, words: dict[object, str]) -> list[str]:
    mark = {Verdict.PASS: "✓", Verdict.FAIL: "✗", Verdict.ERROR: "!"}[case.verdict]
    label = (
        words["valid"]
        if report.command == "validate" and case.verdict is Verdict.PASS
        else words[case.verdict]
    )
    extra = f"  {words['warnings_n'].format(n=len(case.warnings))}" if case.warnings else ""
    case_id = f" ({case.case_id})" if case.case_id else ""
    lines = [f"{mark} {label}  {case.path}{case_id}{extra}"]
    engine_failed = report.engine_problem is not None
    for problem in case.problems:
        if not (engine_failed and problem is report.engine_problem):  # said once, at the end
            lines += _problem(case.path, problem, lang, words)
    for finding in (*case.violations, *case.warnings, *case.waived):
        lines += _finding(case.path, finding, lang, words)
    return lines


def render(report: RunReport, lang: str) -> str:
    words = _WORDS[lang]
    lines: list[str] = []
    for case in report.cases:
        lines += _case(case, report, lang, words)
    if not report.cases:
        lines.append(words["none"])
    summary = words["summary"].format(**report.tally())
    details = []
    if report.command == "check":
        zone = words["zone"].format(zone=report.as_of_zone) if report.as_of_zone else ""
        details.append(words["as_of"].format(date=format_date(report.as_of, lang)) + zone)
    if report.policy is not None:
        details.append(
            words["policy"].format(
                version=report.policy.version, revisions=", ".join(report.policy.revisions) or "-"
            )
        )
    lines.append("")
    if report.scope is not None:
        lines.append(report.scope[0] if lang == "ja" else report.scope[1])
    lines.append(summary + (f" — {' / '.join(details)}" if details else ""))
    if report.policy is not None and report.policy.opa is not None:
        lines.append(report.policy.opa[0 if lang == "ja" else 1])  # which binary judged, and why that one
    if report.source is not None:  # which rules judged, and a warning when they are not released
        lines += report.source.sentences(lang)[::-1]  # the warning last: the line a reader sees
    if report.fail_on_warn:
        lines.append(words["fail_on_warn"])
    if report.engine_problem is not None:
        lines.append(words["engine"].format(message=report.engine_problem.message(lang)))
    return "\n".join(visible(line) for line in lines) + "\n"
