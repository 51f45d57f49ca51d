"""The JSON shapes of a run, a case, a finding and a problem, shared by `--format json` and
impact's json (documented in docs/cli.md).

Plain dicts built by small functions; the formats decide how to write them (json streams a
case at a time). A field's meaning never changes without bumping FORMAT_VERSION.
"""

from __future__ import annotations

from typing import Any

from casegate import __version__
from casegate.core.model import CaseReport, Finding, Location, Problem, RunReport
from casegate.messages import in_language

#: Bumped when a field changes meaning or disappears; new fields do not bump it.
FORMAT_VERSION = 1

Json = dict[str, Any]


def _location(location: Location | None) -> Json:
    if location is None:
        return {"pointer": None, "line": None, "column": None}
    return {"pointer": location.pointer, "line": location.line, "column": location.column}


def finding(item: Finding, lang: str) -> Json:
    waiver = item.waiver
    return {
        "rule_id": item.rule_id,
        "title": item.title,
        "checklist_ids": list(item.checklist_ids),
        "severity": item.severity,
        "message": item.message(lang),
        "message_ja": item.message_ja,
        "message_en": item.message_en,
        **_location(item.location),
        "fingerprint": item.fingerprint,  # what a waiver names to let this one finding pass
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


def problem(item: Problem, lang: str) -> Json:
    return {
        "code": item.code,
        "message": item.message(lang),
        "message_ja": item.message_ja,
        "message_en": item.message_en,
        **_location(item.location),
    }


def case(item: CaseReport, lang: str) -> Json:
    return {
        "path": item.path,
        "kind": item.kind,
        "case_id": item.case_id,
        "verdict": item.verdict.value,
        "sha256": item.sha256,
        "violations": [finding(found, lang) for found in item.violations],
        "warnings": [finding(found, lang) for found in item.warnings],
        "waived": [finding(found, lang) for found in item.waived],
        "errors": [problem(found, lang) for found in item.problems],
    }


def run(report: RunReport, lang: str) -> Json:
    """Everything about the run but its cases (which follow under "cases", the last key)."""
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
            "opa": None if report.policy.opa is None else in_language(lang, *report.policy.opa),
        },
        "schema_version": report.schema_version,
        "source": None if report.source is None else report.source.document(),
        "scope": None if report.scope is None else in_language(lang, *report.scope),
        "engine_error": None if report.engine_problem is None else problem(report.engine_problem, lang),
        "summary": {
            "cases": tally["total"],
            "pass": tally["passed"],
            "fail": tally["failed"],
            "error": tally["errors"],
            "warnings": tally["warnings"],
        },
    }
