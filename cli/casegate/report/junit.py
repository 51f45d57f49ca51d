"""`--format junit`: JUnit XML for CI test-report views (GitLab, Jenkins, Azure DevOps, ...).

One testsuite for the run and one testcase a case file (classname = the path, name = the case
id, or the path when the file has none). Violations make one <failure> listing every finding;
input problems and an engine failure make one <error>; warnings and waived findings go to
<system-out> (waived is shown, never hidden). With --fail-on-warn the warnings are the failure,
so the report agrees with the exit code.

The XML is built with junitparser (maintained, typed, Apache-2.0) rather than by hand, and
pretty-printed through the standard library's minidom, so the text is the same whether or not
lxml happens to be installed.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from casegate.core.dates import format_date
from casegate.core.model import CaseReport, Finding, Location, Problem, RunReport

if TYPE_CHECKING:  # junitparser is imported when this format is asked for: every run imports this module
    from junitparser import TestCase
    from junitparser.junitparser import FinalResult

_WORDS: dict[str, dict[str, str]] = {
    "ja": {
        "violation": "違反",
        "warning": "警告",
        "waived": "免除",
        "problem": "要修正",
        "violations_n": "違反 {n}件",
        "warnings_n": "警告 {n}件（--fail-on-warn）",
        "problems_n": "要修正 {n}件",
        "engine": "判定できませんでした",
        "waiver": "免除：{reason}（承認 {approver}、期限 {expires}、{source}）",
        "fingerprint": "指紋：{fingerprint}",
    },
    "en": {
        "violation": "violation",
        "warning": "warning",
        "waived": "waived",
        "problem": "fix",
        "violations_n": "{n} violation(s)",
        "warnings_n": "{n} warning(s) (--fail-on-warn)",
        "problems_n": "{n} problem(s)",
        "engine": "could not judge",
        "waiver": "waived: {reason} (approved by {approver}, until {expires}, {source})",
        "fingerprint": "fingerprint: {fingerprint}",
    },
}

# XML 1.0 cannot carry most control characters at all; a case file's JSON string can.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _where(path: str, location: Location | None) -> str:
    if location is None:
        return path
    position = f":{location.line}" if location.line is not None else ""
    position += f":{location.column}" if location.line is not None and location.column is not None else ""
    pointer = f" ({location.pointer})" if location.pointer else ""
    return f"{path}{position}{pointer}"


def _finding(path: str, finding: Finding, label: str, lang: str) -> str:
    ids = f" [{', '.join(finding.checklist_ids)}]" if finding.checklist_ids else ""
    lines = [f"{label} {finding.rule_id}{ids}", finding.message(lang)]
    if finding.fingerprint:
        lines.append(_WORDS[lang]["fingerprint"].format(fingerprint=finding.fingerprint))
    if finding.waiver is not None:
        waiver = finding.waiver
        lines.append(
            _WORDS[lang]["waiver"].format(
                reason=waiver.reason,
                approver=waiver.approver,
                expires=format_date(waiver.expires, lang),
                source=waiver.source,
            )
        )
    lines.append(_where(path, finding.location))
    return "\n".join(lines)


def _problem(path: str, problem: Problem, label: str, lang: str) -> str:
    return "\n".join([f"{label} {problem.code}", problem.message(lang), _where(path, problem.location)])


def _testcase(case: CaseReport, report: RunReport, lang: str) -> TestCase:
    from junitparser import Error, Failure, TestCase

    words = _WORDS[lang]
    # A file name, and the case_id of a file that failed the schema, may hold control characters too.
    testcase = TestCase(name=_xml_text(case.case_id or case.path), classname=_xml_text(case.path))
    results: list[FinalResult] = []
    if case.problems:
        engine = report.engine_problem is not None and report.engine_problem in case.problems
        error = Error(
            _xml_text(words["engine"] if engine else words["problems_n"].format(n=len(case.problems))),
            "engine" if engine else "input",
        )
        error.text = _xml_text(
            "\n\n".join(
                _problem(
                    case.path,
                    item,
                    words["engine"] if item == report.engine_problem else words["problem"],
                    lang,
                )
                for item in case.problems
            )
        )
        results.append(error)
    blocking = [(words["violation"], item) for item in case.violations]
    if report.fail_on_warn:
        blocking += [(words["warning"], item) for item in case.warnings]
    if blocking:
        message = (
            words["violations_n"].format(n=len(case.violations))
            if case.violations
            else words["warnings_n"].format(n=len(case.warnings))
        )
        failure = Failure(_xml_text(message), "violation" if case.violations else "warning")
        failure.text = _xml_text(
            "\n\n".join(_finding(case.path, item, label, lang) for label, item in blocking)
        )
        results.append(failure)
    if results:
        testcase.result = results
    shown = (
        []
        if report.fail_on_warn
        else [_finding(case.path, item, words["warning"], lang) for item in case.warnings]
    )
    shown += [_finding(case.path, item, words["waived"], lang) for item in case.waived]
    if shown:
        testcase.system_out = _xml_text("\n\n".join(shown))
    return testcase


def render(report: RunReport, lang: str) -> str:
    from junitparser import TestSuite

    suite = TestSuite(f"casegate {report.command}")
    if report.command == "check":  # validate judges no dates: its as_of is only today
        suite.add_property("as_of", report.as_of.isoformat())
        if report.as_of_zone:  # the zone whose today it is, when no --as-of was given
            suite.add_property("as_of_zone", _xml_text(report.as_of_zone))
    if report.policy is not None:
        # Whatever a central OPA answered, so not trusted to be XML either.
        suite.add_property("policy_version", _xml_text(report.policy.version))
        for revision in report.policy.revisions:
            suite.add_property("policy_revision", _xml_text(revision))
    if report.source is not None:  # which rules judged; "unreleased" when --policies or --schema did
        for name, value in report.source.document().items():
            if value is not None:
                suite.add_property(
                    f"policy_source_{name}",
                    _xml_text(str(value).lower() if isinstance(value, bool) else str(value)),
                )
    if report.engine_problem is not None:
        suite.add_property("engine_error", report.engine_problem.code)
    suite.add_property("exit_code", str(report.exit_code()))
    suite.add_testcases([_testcase(case, report, lang) for case in report.cases])
    buffer = io.BytesIO()
    suite.write(buffer, pretty=True)
    return buffer.getvalue().decode("utf-8")
