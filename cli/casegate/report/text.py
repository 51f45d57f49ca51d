"""`--format text` (the default): what a ward clerk reads in a terminal or a CI log.

One verdict line per case, then each finding with its checklist ids, the message, its
fingerprint (what a waiver names), and file:line:column with the JSON pointer, so an editor can
jump to the place. Every line goes through escape.visible: a newline or an ANSI escape in a value
or a file name is printed as `\\n` / `\\x1b`, never as a line or a colour of its own. Written a
case at a time.
"""

from __future__ import annotations

from typing import TextIO

from casegate.core.model import CaseReport, Finding, Location, Problem, RunReport, Verdict
from casegate.messages import by_language, in_language
from casegate.messages import report as messages
from casegate.report.escape import visible
from casegate.report.vocabulary import (
    WORDS,
    as_of_line,
    counts,
    place,
    policy_line,
    verdict_label,
    waiver_terms,
)

_OWN: dict[str, dict[str, str]] = by_language(
    {
        "where": messages.TEXT_WHERE,
        "warnings_n": messages.TEXT_WARNINGS,
        "engine": messages.TEXT_UNJUDGED,
        "none": messages.TEXT_NO_CASES,
        "fail_on_warn": messages.TEXT_FAIL_ON_WARN,
    }
)

_MARK = {Verdict.PASS: "✓", Verdict.FAIL: "✗", Verdict.ERROR: "!"}


def _where(path: str, location: Location | None, lang: str) -> str:
    return f"    {_OWN[lang]['where']}: {place(path, location)}"


def _finding(path: str, finding: Finding, lang: str) -> list[str]:
    words = WORDS[lang]
    ids = f" [{', '.join(finding.checklist_ids)}]" if finding.checklist_ids else ""
    label = (
        words["waived"]
        if finding.waiver
        else words["violation" if finding.severity == "error" else "warning"]
    )
    lines = [f"  - {label} {finding.rule_id}{ids}", f"    {finding.message(lang)}"]
    if finding.fingerprint:
        lines.append(f"    {words['fingerprint']}: {finding.fingerprint}")
    if finding.waiver is not None:
        lines.append("    " + waiver_terms(finding.waiver, lang))
    return [*lines, _where(path, finding.location, lang)]


def _problem(path: str, problem: Problem, lang: str) -> list[str]:
    return [
        f"  - {WORDS[lang]['problem']} {problem.code}",
        f"    {problem.message(lang)}",
        _where(path, problem.location, lang),
    ]


def _case(case: CaseReport, report: RunReport, lang: str) -> list[str]:
    label = verdict_label(case.verdict, lang, validated=report.command == "validate")
    extra = f"  {_OWN[lang]['warnings_n'].format(n=len(case.warnings))}" if case.warnings else ""
    case_id = f" ({case.case_id})" if case.case_id else ""
    lines = [f"{_MARK[case.verdict]} {label}  {case.path}{case_id}{extra}"]
    engine_failed = report.engine_problem is not None
    for problem in case.problems:
        if not (engine_failed and problem is report.engine_problem):  # said once, at the end
            lines += _problem(case.path, problem, lang)
    for finding in (*case.violations, *case.warnings, *case.waived):
        lines += _finding(case.path, finding, lang)
    return lines


def _footer(report: RunReport, lang: str) -> list[str]:
    own = _OWN[lang]
    as_of = as_of_line(report, lang)
    details = [as_of] if as_of is not None else []
    if report.policy is not None:
        details.append(policy_line(report.policy, lang))
    lines = [""]
    if report.scope is not None:
        lines.append(in_language(lang, *report.scope))
    summary = counts(report, lang)
    lines.append(summary + (f" — {' / '.join(details)}" if details else ""))
    if report.policy is not None and report.policy.opa is not None:
        lines.append(in_language(lang, *report.policy.opa))  # which binary judged, and why that one
    if report.source is not None:  # which rules judged, and a warning when they are not released
        lines += report.source.sentences(lang)[::-1]  # the warning last: the line a reader sees
    if report.fail_on_warn:
        lines.append(own["fail_on_warn"].format(rule=WORDS[lang]["fail_on_warn"]))
    if report.engine_problem is not None:
        lines.append(own["engine"].format(message=report.engine_problem.message(lang)))
    return lines


class _Visible(dict[str, str]):
    """escape.visible of each line, remembered: most lines of a run (a rule's heading, its
    message, a fingerprint) repeat from case to case. Bounded by the characters it keeps, so a
    run whose lines never repeat (messages quote the cases) holds no more than a few MB besides."""

    ROOM = 1_000_000  # characters of lines kept

    def __init__(self) -> None:
        super().__init__()
        self._room = self.ROOM

    def __missing__(self, line: str) -> str:
        shown = visible(line)
        if len(line) <= self._room:
            self[line] = shown
            self._room -= len(line)
        return shown


def _write_lines(stream: TextIO, lines: list[str], shown: _Visible) -> None:
    stream.write("".join(shown[line] + "\n" for line in lines))


def write(report: RunReport, stream: TextIO, lang: str) -> None:
    shown = _Visible()
    for case in report.cases:
        _write_lines(stream, _case(case, report, lang), shown)
    if not report.cases:
        _write_lines(stream, [_OWN[lang]["none"]], shown)
    _write_lines(stream, _footer(report, lang), shown)
