"""`--format json`: the whole run as one JSON document (documented in docs/cli.md).

The document is written case by case (`write`): built whole and encoded with an indent, which
json does in pure Python, 10,000 cases took more memory than the run itself and seconds of
CPU. The text is the same as json.dumps(document, ensure_ascii=False, indent=2) would write.
"""

from __future__ import annotations

import io
import json
from typing import Any, TextIO

import orjson

from casegate import __version__
from casegate.core.model import CaseReport, Finding, Location, Problem, RunReport

#: Bumped when a field changes meaning or disappears; new fields do not bump it.
FORMAT_VERSION = 1


def _location(location: Location | None) -> dict[str, Any]:
    if location is None:
        return {"pointer": None, "line": None, "column": None}
    return {"pointer": location.pointer, "line": location.line, "column": location.column}


def finding_document(finding: Finding, lang: str) -> dict[str, Any]:
    waiver = finding.waiver
    return {
        "rule_id": finding.rule_id,
        "title": finding.title,
        "checklist_ids": list(finding.checklist_ids),
        "severity": finding.severity,
        "message": finding.message(lang),
        "message_ja": finding.message_ja,
        "message_en": finding.message_en,
        **_location(finding.location),
        "fingerprint": finding.fingerprint,  # what a waiver names to let this one finding pass
        **(
            {}
            if waiver is None
            else {
                "waiver": {
                    "file": waiver.file,
                    "fingerprint": waiver.fingerprint,
                    "reason": waiver.reason,
                    "approver": waiver.approver,
                    "approved_on": None if waiver.approved_on is None else waiver.approved_on.isoformat(),
                    "expires": waiver.expires.isoformat(),
                    "source": waiver.source,
                }
            }
        ),
    }


def _problem(problem: Problem, lang: str) -> dict[str, Any]:
    return {
        "code": problem.code,
        "message": problem.message(lang),
        "message_ja": problem.message_ja,
        "message_en": problem.message_en,
        **_location(problem.location),
    }


def _case(case: CaseReport, lang: str) -> dict[str, Any]:
    return {
        "path": case.path,
        "kind": case.kind,
        "case_id": case.case_id,
        "verdict": case.verdict.value,
        "sha256": case.sha256,
        "violations": [finding_document(item, lang) for item in case.violations],
        "warnings": [finding_document(item, lang) for item in case.warnings],
        "waived": [finding_document(item, lang) for item in case.waived],
        "errors": [_problem(item, lang) for item in case.problems],
    }


def document(report: RunReport, lang: str) -> dict[str, Any]:
    return {**_head(report, lang), "cases": [_case(case, lang) for case in report.cases]}


def _head(report: RunReport, lang: str) -> dict[str, Any]:
    """Everything but the cases; "cases" comes last, so the cases can follow it as they are written."""
    tally = report.tally()
    return {
        "format_version": FORMAT_VERSION,
        "tool": {"name": "casegate", "version": __version__},
        "command": report.command,
        "as_of": report.as_of.isoformat(),
        "as_of_zone": report.as_of_zone,  # the zone whose today it is, when no --as-of was given
        "exit_code": report.exit_code(),
        "policy": None
        if report.policy is None
        else {
            "version": report.policy.version,
            "revisions": list(report.policy.revisions),
            "opa": None if report.policy.opa is None else report.policy.opa[0 if lang == "ja" else 1],
        },
        "schema_version": report.schema_version,
        "source": None if report.source is None else report.source.document(),
        "scope": None if report.scope is None else report.scope[0 if lang == "ja" else 1],
        "engine_error": None if report.engine_problem is None else _problem(report.engine_problem, lang),
        "summary": {
            "cases": tally["total"],
            "pass": tally["passed"],
            "fail": tally["failed"],
            "error": tally["errors"],
            "warnings": tally["warnings"],
        },
    }


def _indented(value: Any) -> str:
    """json.dumps(value, ensure_ascii=False, indent=2), at C speed where orjson writes the same.

    orjson's OPT_INDENT_2 lays out and escapes as json does for the strings, integers, null and
    booleans of a report; what it refuses (a path with an undecodable byte, held as a lone
    surrogate; an integer past 64 bits) is written by json, as before.
    """
    try:
        return orjson.dumps(value, option=orjson.OPT_INDENT_2).decode("utf-8")
    except (orjson.JSONEncodeError, TypeError):
        return json.dumps(value, ensure_ascii=False, indent=2)


def write(report: RunReport, lang: str, stream: TextIO) -> None:
    """The document to `stream`, one case at a time: only one case's text is held at once."""
    head = _indented({**_head(report, lang), "cases": []})
    if not report.cases:
        stream.write(head + "\n")
        return
    stream.write(head.removesuffix("[]\n}") + "[\n")
    for index, case in enumerate(report.cases):
        # A case sits two levels deep; no line break is inside a JSON string, so every line moves.
        stream.write(
            ("" if index == 0 else ",\n") + "    " + _indented(_case(case, lang)).replace("\n", "\n    ")
        )
    stream.write("\n  ]\n}\n")


def render(report: RunReport, lang: str) -> str:
    buffer = io.StringIO()
    write(report, lang, buffer)
    return buffer.getvalue()
