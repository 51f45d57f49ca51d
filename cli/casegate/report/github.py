"""`--format github`: GitHub Actions workflow commands, shown as annotations on the pull request.

One command a finding or problem: `::error` for a violation or invalid input, `::warning` for a
warning, `::notice` for a waived violation (shown, never hidden), then one plain summary line.
Values are escaped as the Actions toolkit does (`escapeData` / `escapeProperty`), so a message
from a case file can neither end the command early nor start a new one.
"""

from __future__ import annotations

from typing import TextIO

from casegate.core.dates import format_date
from casegate.core.model import CaseReport, Finding, Location, Problem, RunReport
from casegate.messages import by_language
from casegate.messages import report as messages
from casegate.report.escape import visible
from casegate.report.vocabulary import as_of_line, counts, policy_line, workspace_path

_WORDS: dict[str, dict[str, str]] = by_language(
    {
        "waived": messages.GITHUB_WAIVED,
        "fingerprint": messages.GITHUB_FINGERPRINT,
        "fail_on_warn": messages.GITHUB_FAIL_ON_WARN,
    }
)


def escape_data(text: str) -> str:
    """A command's message: %, CR and LF are encoded (actions/toolkit `escapeData`).

    Other controls (an ANSI escape colouring the log, U+2028, a bidi override) are shown as
    visible escapes first, as in the text format.
    """
    shown = visible(text, keep="\r\n")
    return shown.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A command's property value: also : and , which separate properties (`escapeProperty`)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(kind: str, message: str, title: str, path: str | None, location: Location | None) -> str:
    properties: list[tuple[str, str]] = []
    if path is not None:
        properties.append(("file", workspace_path(path)))
        if location is not None and location.line is not None:
            properties.append(("line", str(location.line)))
            if location.column is not None:
                properties.append(("col", str(location.column)))
    properties.append(("title", title))
    joined = ",".join(f"{name}={escape_property(value)}" for name, value in properties)
    return f"::{kind} {joined}::{escape_data(message)}"


def _finding(case: CaseReport, finding: Finding, kind: str, lang: str) -> str:
    ids = f"[{', '.join(finding.checklist_ids)}] " if finding.checklist_ids else ""
    message = ids + finding.message(lang)
    if finding.fingerprint:
        message += _WORDS[lang]["fingerprint"].format(fingerprint=finding.fingerprint)
    if finding.waiver is not None:
        waiver = finding.waiver
        message = _WORDS[lang]["waived"].format(
            message=message,
            reason=waiver.reason,
            approver=waiver.approver,
            expires=format_date(waiver.expires, lang),
        )
    return _command(kind, message, finding.rule_id, case.path, finding.location)


def _problem(path: str | None, problem: Problem, lang: str) -> str:
    return _command("error", problem.message(lang), f"casegate/{problem.code}", path, problem.location)


def _summary(report: RunReport, lang: str) -> str:
    line = "casegate: " + counts(report, lang, with_findings=True)
    as_of = as_of_line(report, lang)
    details = [as_of] if as_of is not None else []
    if report.policy is not None:
        details.append(policy_line(report.policy, lang))
    if report.fail_on_warn:
        details.append(_WORDS[lang]["fail_on_warn"])
    if report.source is not None:
        details.append(report.source.line(lang))
    return escape_data(line + (f" — {' / '.join(details)}" if details else ""))


def write(report: RunReport, stream: TextIO, lang: str) -> None:
    if report.engine_problem is not None:
        # Said once for the run, not once per unjudged case.
        stream.write(_problem(None, report.engine_problem, lang) + "\n")
    for case in report.cases:
        lines = [
            _problem(case.path, problem, lang)
            for problem in case.problems
            if problem != report.engine_problem
        ]
        lines += [_finding(case, item, "error", lang) for item in case.violations]
        lines += [_finding(case, item, "warning", lang) for item in case.warnings]
        lines += [_finding(case, item, "notice", lang) for item in case.waived]
        stream.write("".join(line + "\n" for line in lines))
    warning = report.source.warning(lang) if report.source is not None else None
    if warning is not None:  # an annotation when local, unreleased rules judged
        stream.write(_command("warning", warning, "casegate/unreleased-policy", None, None) + "\n")
    stream.write(_summary(report, lang) + "\n")
