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
import secrets
from typing import TYPE_CHECKING, TextIO

from casegate.core.model import CaseReport, Finding, Problem, RunReport
from casegate.messages import by_language
from casegate.messages import report as messages
from casegate.report.vocabulary import WORDS, place, waiver_terms

if TYPE_CHECKING:  # junitparser is imported when this format is asked for: every run imports this module
    from junitparser import TestCase, TestSuite
    from junitparser.junitparser import FinalResult

_OWN: dict[str, dict[str, str]] = by_language(
    {
        "violations_n": messages.JUNIT_VIOLATIONS,
        "warnings_n": messages.JUNIT_WARNINGS,
        "problems_n": messages.JUNIT_PROBLEMS,
        "fingerprint": messages.JUNIT_FINGERPRINT,
    }
)

# XML 1.0 cannot carry most control characters at all; a case file's JSON string can.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _finding(path: str, finding: Finding, label: str, lang: str) -> str:
    ids = f" [{', '.join(finding.checklist_ids)}]" if finding.checklist_ids else ""
    lines = [f"{label} {finding.rule_id}{ids}", finding.message(lang)]
    if finding.fingerprint:
        lines.append(_OWN[lang]["fingerprint"].format(fingerprint=finding.fingerprint))
    if finding.waiver is not None:
        lines.append(waiver_terms(finding.waiver, lang))
    lines.append(place(path, finding.location))
    return "\n".join(lines)


def _problem(path: str, problem: Problem, label: str, lang: str) -> str:
    return "\n".join([f"{label} {problem.code}", problem.message(lang), place(path, problem.location)])


def _testcase(case: CaseReport, report: RunReport, lang: str) -> TestCase:
    words = {**WORDS[lang], **_OWN[lang]}
    # A file name, and the case_id of a file that failed the schema, may hold control characters too.
    from junitparser import Error, Failure, TestCase

    testcase = TestCase(name=_xml_text(case.case_id or case.path), classname=_xml_text(case.path))
    results: list[FinalResult] = []
    if case.problems:
        engine = report.engine_problem is not None and report.engine_problem in case.problems
        error = Error(
            _xml_text(words["unjudged"] if engine else words["problems_n"].format(n=len(case.problems))),
            "engine" if engine else "input",
        )
        error.text = _xml_text(
            "\n\n".join(
                _problem(
                    case.path,
                    item,
                    words["unjudged"] if item == report.engine_problem else words["problem"],
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


def _suite(report: RunReport) -> TestSuite:
    """The testsuite with its properties and no testcase yet."""
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
    return suite


def _pretty(suite: TestSuite) -> str:
    buffer = io.BytesIO()
    suite.write(buffer, pretty=True)
    return buffer.getvalue().decode("utf-8")


#: Testcases pretty-printed together: one minidom document each costs more than its cases.
_CHUNK = 200


def _testcases_text(testcases: list[TestCase]) -> str:
    """The testcases' lines as the whole suite's pretty print has them (minidom indents an element
    by its depth and lays out its children by themselves alone, never by its siblings)."""
    from junitparser import TestSuite

    alone = TestSuite("-")
    alone.add_testcases(testcases)
    text = _pretty(alone)
    return text[text.index("\n", text.index("<testsuite")) + 1 : text.rindex("</testsuite>")]


def write(report: RunReport, stream: TextIO, lang: str) -> None:
    """The suite a few testcases at a time: what junitparser's pretty print of the whole suite
    writes, without the whole tree, its text and minidom's copy of it in memory at once (96 MiB at
    10,000 cases). The suite's counts come first, so they are counted first."""
    suite = _suite(report)
    if not report.cases:
        suite.update_statistics()  # type: ignore[no-untyped-call]  # tests="0" errors="0" ...
        stream.write(_pretty(suite))
        return
    # As _testcase decides: an <error> for input problems, a <failure> for what blocks; never
    # <skipped>. (A test compares these with junitparser's own count of the whole suite.)
    errors = sum(1 for case in report.cases if case.problems)
    failures = sum(1 for case in report.cases if case.violations or (report.fail_on_warn and case.warnings))
    marker = "casegate-testcases-" + secrets.token_hex(16)
    from junitparser import TestCase

    suite.add_testcase(TestCase(name=marker))
    suite.tests, suite.failures, suite.errors, suite.skipped = (
        len(report.cases),
        failures,
        errors,
        0,
    )
    head, found, tail = _pretty(suite).partition(f'\t<testcase name="{marker}"/>\n')
    if not found:  # cannot happen with junitparser's layout; never write a suite without its cases
        raise ValueError("the testcase marker was not found")
    stream.write(head)
    for start in range(0, len(report.cases), _CHUNK):
        chunk = report.cases[start : start + _CHUNK]
        stream.write(_testcases_text([_testcase(case, report, lang) for case in chunk]))
    stream.write(tail)
