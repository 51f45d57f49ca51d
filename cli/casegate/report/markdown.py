"""`--format markdown`: a pull-request comment for the reviewers (Japanese by default).

A header with the overall verdict (from the exit code, so it can never say more than the gate
does), the counts, the policy version and revision and the 基準日 in 和暦; an engine failure right
under it; then each case with its verdict and tables of violations, warnings, waived findings
(reason, approver, expiry: shown, never hidden) and input problems.

Every value is escaped by casegate.report.escape (one module for all formats): no line break,
link, image, @mention or HTML comes from a case file or an OPA answer. Rows are written by hand,
unpadded: padding every row to the widest cell (as tabulate does) made a 533 KB case a 487 MB
comment. The comment is bounded to MAX_CHARS (GitHub refuses longer ones): what does not fit is
counted at the end, with the name of the SARIF / JSON artefact that has everything.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import TextIO

from casegate.core.dates import format_date
from casegate.core.model import CaseReport, Finding, Location, Problem, RunReport, Verdict
from casegate.errors import EXIT_ENGINE, EXIT_INPUT, EXIT_OK, EXIT_VIOLATION
from casegate.messages import by_language
from casegate.messages import report as messages
from casegate.report.escape import MAX_CELL, md_cell, md_code, md_text
from casegate.report.vocabulary import (
    MAX_CHARS,
    WORDS,
    as_of_line,
    counts,
    policy_line,
    verdict_label,
)

#: Lets a CI job find and update its own earlier comment instead of adding another.
MARKER = "<!-- casegate-report -->"

#: What has the whole report when the comment is cut; a pipeline names its own artefact here.
ARTIFACT_ENV = "CASEGATE_REPORT_ARTIFACT"
DEFAULT_ARTIFACT = "casegate.sarif"

_WORDS: dict[str, dict[object, str]] = by_language(
    {
        EXIT_OK: messages.MARKDOWN_PASS,
        "validated": messages.MARKDOWN_VALID,
        EXIT_ENGINE: messages.MARKDOWN_ENGINE,
        EXIT_INPUT: messages.MARKDOWN_INPUT,
        EXIT_VIOLATION: messages.MARKDOWN_FAIL,
        "case_id": messages.MARKDOWN_CASE_ID,
        "section": messages.MARKDOWN_SECTION,
        "joiner": messages.MARKDOWN_JOINER,
        "truncated": messages.MARKDOWN_TRUNCATED,
        "fail_on_warn": messages.MARKDOWN_FAIL_ON_WARN,
        "engine": messages.MARKDOWN_ENGINE_FAILED,
        "unjudged": messages.MARKDOWN_UNJUDGED,
        "violations": messages.MARKDOWN_VIOLATIONS,
        "warnings": messages.MARKDOWN_WARNINGS,
        "waived": messages.MARKDOWN_WAIVED,
        "problems": messages.MARKDOWN_PROBLEMS,
        "rule": messages.MARKDOWN_RULE,
        "checklist": messages.MARKDOWN_CHECKLIST,
        "message": messages.MARKDOWN_MESSAGE,
        "where": messages.MARKDOWN_WHERE,
        "reason": messages.MARKDOWN_REASON,
        "approver": messages.MARKDOWN_APPROVER,
        "expires": messages.MARKDOWN_EXPIRES,
        "code": messages.MARKDOWN_CODE,
        "none": messages.MARKDOWN_NO_CASES,
    }
)


_MARK = {Verdict.PASS: "✅", Verdict.FAIL: "❌", Verdict.ERROR: "⚠️"}


def inline(text: str) -> str:
    """Text outside tables, escaped like a cell (casegate.report.escape.md_text)."""
    return md_text(text)


def _code(text: str) -> str:
    """A code span, shown literally on one line (casegate.report.escape.md_code)."""
    return md_code(text[:MAX_CELL])


def _where(path: str, location: Location | None) -> str:
    if location is not None and location.line is not None:
        return _code(f"{path}:{location.line}")
    if location is not None and location.pointer:
        return f"{_code(path)} {_code(location.pointer)}"
    return _code(path)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(headers: Sequence[str], rows: list[list[str]]) -> list[str]:
    return [_row(headers), _row(["---"] * len(headers)), *(_row(row) for row in rows)]


def _finding_row(path: str, item: Finding, lang: str) -> list[str]:
    return [
        _code(item.rule_id),
        md_cell(", ".join(item.checklist_ids), lang),
        md_cell(item.message(lang), lang),
        _where(path, item.location),
        _code(item.fingerprint),
    ]


def _waived_row(path: str, item: Finding, lang: str) -> list[str]:
    waiver = item.waiver
    assert waiver is not None  # CaseReport.waived holds waived findings only
    rule, checklist, message, where, fingerprint = _finding_row(path, item, lang)
    return [
        rule,
        checklist,
        message,
        md_cell(waiver.reason, lang),
        md_cell(waiver.approver, lang),
        format_date(waiver.expires, lang),
        where,
        fingerprint,
    ]


def _problem_row(path: str, item: Problem, lang: str) -> list[str]:
    return [_code(item.code), md_cell(item.message(lang), lang), _where(path, item.location)]


#: A piece of the comment: its lines, and how many findings or problems it shows (for the count
#: of what was left out when the comment is cut).
_Piece = tuple[list[str], int]


def _case(case: CaseReport, report: RunReport, lang: str) -> Iterator[_Piece]:
    """A case's heading, then its tables row by row, so the comment can stop between any two."""
    words = _WORDS[lang]
    label = (
        f"{_MARK[case.verdict]} {verdict_label(case.verdict, lang, validated=report.command == 'validate')}"
    )
    case_id = words["case_id"].format(case_id=inline(case.case_id)) if case.case_id else ""
    heading = ["", f"### {label} — {_code(case.path)}{case_id}"]
    problems = [item for item in case.problems if item != report.engine_problem]
    if len(problems) < len(case.problems):
        heading += ["", words["unjudged"]]
    yield heading, 0
    finding_headers = [
        words["rule"],
        words["checklist"],
        words["message"],
        words["where"],
        WORDS[lang]["fingerprint"],
    ]
    waived_headers = [
        *finding_headers[:3],
        words["reason"],
        words["approver"],
        words["expires"],
        words["where"],
        WORDS[lang]["fingerprint"],
    ]
    sections = [
        (words["problems"], [words["code"], words["message"], words["where"]], problems, _problem_row),
        (words["violations"], finding_headers, case.violations, _finding_row),
        (words["warnings"], finding_headers, case.warnings, _finding_row),
        (words["waived"], waived_headers, case.waived, _waived_row),
    ]
    for title, headers, items, make_row in sections:
        if not items:
            continue
        yield ["", words["section"].format(title=title, n=len(items)), "", *_table(headers, [])], 0
        for item in items:
            yield [_row(make_row(case.path, item, lang))], 1  # type: ignore[operator]


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
    lines.append(counts(report, lang, with_findings=True))
    details = []
    if report.policy is not None:
        details.append(policy_line(report.policy, lang, inline, _code))
    as_of = as_of_line(report, lang, inline)
    if as_of is not None:
        details.append(as_of)
    if details:
        lines += ["", words["joiner"].join(details)]
    if report.source is not None:
        lines += ["", inline(report.source.line(lang))]
    if report.fail_on_warn:
        lines += ["", str(words["fail_on_warn"]).format(rule=WORDS[lang]["fail_on_warn"])]
    return lines


def _size(line: str) -> int:
    """Characters as GitHub counts them at most (UTF-16 units: an emoji is two), plus the newline."""
    return len(line) + sum(1 for char in line if ord(char) > 0xFFFF) + 1


def _items(case: CaseReport, report: RunReport) -> int:
    problems = sum(item != report.engine_problem for item in case.problems)
    return problems + len(case.violations) + len(case.warnings) + len(case.waived)


def write(report: RunReport, stream: TextIO, lang: str) -> None:
    """The comment, at most MAX_CHARS characters: pieces are added while they fit, then counted."""
    limit = MAX_CHARS
    words = _WORDS[lang]
    artifact = os.environ.get(ARTIFACT_ENV) or DEFAULT_ARTIFACT
    truncated = str(words["truncated"]).format(limit=limit, cases="\0c", items="\0i", artifact="\0a")
    footer = ["", "---", "", truncated.replace("\0a", md_code(artifact))]
    reserve = sum(_size(line) for line in footer) + 40  # the counts' digits
    lines = _header(report, lang)
    used = sum(_size(line) for line in lines)
    left_cases = left_items = 0
    full = False
    for case in report.cases:
        if full:
            left_cases += 1
            left_items += _items(case, report)
            continue
        shown = 0
        for index, (piece, count) in enumerate(_case(case, report, lang)):
            size = sum(_size(line) for line in piece)
            if used + size > limit - reserve:
                full = True
                left_cases += index == 0
                left_items += _items(case, report) - shown
                break
            lines += piece
            used += size
            shown += count
    if not report.cases:
        lines += ["", str(words["none"])]
    if full:
        lines += [line.replace("\0c", str(left_cases)).replace("\0i", str(left_items)) for line in footer]
    stream.write("\n".join(lines) + "\n")
