"""`--format sarif`: SARIF 2.1.0 for code-scanning views (GitHub code scanning, VS Code's SARIF viewer).

Built as plain dicts in small functions rather than with `sarif-om`: that object model was last
released in 2019, has no serializer of its own (it needs `jschema-to-python` and `jsonpickle`),
drags `pbr` in at run time and is untyped. The shape is checked instead by a test that validates
every output against the published OASIS schema (tests/data/sarif-schema-2.1.0.json).

Each finding and each input problem is a result pointing at the case file and, when known, the
line and column of the offending field. A waived finding stays a result (level "note") with an
external suppression carrying the waiver's justification: waived is shown, never hidden. A failed
engine is not a finding about a case: it is a tool execution notification and makes the
invocation unsuccessful.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from casegate import __version__
from casegate.core.model import CaseReport, Finding, Location, Problem, RunReport
from casegate.messages import by_language
from casegate.messages import report as messages
from casegate.report import jsonstream
from casegate.report.vocabulary import workspace_path

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

#: casegate's columns count code points (see casegate.core.locate), not UTF-16 units, SARIF's default.
COLUMN_KIND = "unicodeCodePoints"

_WORDS: dict[str, dict[str, str]] = by_language({"problem_rule": messages.SARIF_PROBLEM_RULE})

Json = dict[str, Any]


def artifact_uri(path: str) -> str:
    """A URI reference for the case file: relative and percent-encoded, or file:// when outside.

    A name's undecodable bytes (lone surrogates, os.fsdecode) are percent-encoded as the bytes
    they were, as Path.as_uri does for the file:// form: the URI names the file on disk.
    """
    relative = workspace_path(path)
    if Path(relative).is_absolute():
        return Path(relative).as_uri()
    return quote(relative, safe="/", errors="surrogateescape")


def _physical(path: str, location: Location | None) -> Json:
    physical: Json = {"artifactLocation": {"uri": artifact_uri(path)}}
    if location is not None and location.line is not None:
        region: Json = {"startLine": location.line}
        if location.column is not None:
            region["startColumn"] = location.column
        physical["region"] = region
    return {"physicalLocation": physical}


def _case_id(case: CaseReport) -> Json:
    return {} if case.case_id is None else {"caseId": case.case_id}


class _Rules:
    """tool.driver.rules in order of first use, so results can name their rule by index too."""

    def __init__(self) -> None:
        self.rules: list[Json] = []
        self._index: dict[str, int] = {}

    def index(self, rule_id: str, title: str, level: str) -> int:
        if rule_id not in self._index:
            self._index[rule_id] = len(self.rules)
            self.rules.append(
                {
                    "id": rule_id,
                    "shortDescription": {"text": title},
                    "defaultConfiguration": {"level": level},
                }
            )
        return self._index[rule_id]


def _finding(case: CaseReport, finding: Finding, level: str, lang: str, rules: _Rules) -> Json:
    rule_level = "error" if finding.severity == "error" else "warning"
    result: Json = {
        "ruleId": finding.rule_id,
        "ruleIndex": rules.index(finding.rule_id, finding.title, rule_level),
        "level": level,
        "message": {"text": finding.message(lang)},
        "locations": [_physical(case.path, finding.location)],
        # What a waiver names (rule, pointer, value hash); code scanning also tracks results by it.
        **({"fingerprints": {"casegate/v1": finding.fingerprint}} if finding.fingerprint else {}),
        "properties": {
            "checklistIds": list(finding.checklist_ids),
            "pointer": finding.location.pointer,
            **_case_id(case),
        },
    }
    waiver = finding.waiver
    if waiver is not None:
        result["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": waiver.reason,
                "properties": {
                    "approver": waiver.approver,
                    "fingerprint": waiver.fingerprint,
                    "expires": waiver.expires.isoformat(),
                    "source": waiver.source,
                },
            }
        ]
    return result


def _problem(case: CaseReport, problem: Problem, lang: str, rules: _Rules) -> Json:
    rule_id = f"casegate/{problem.code}"
    properties: Json = _case_id(case)
    if problem.location is not None:
        properties["pointer"] = problem.location.pointer
    return {
        "ruleId": rule_id,
        "ruleIndex": rules.index(rule_id, _WORDS[lang]["problem_rule"].format(code=problem.code), "error"),
        "level": "error",
        "message": {"text": problem.message(lang)},
        "locations": [_physical(case.path, problem.location)],
        "properties": properties,
    }


def _results(report: RunReport, lang: str, rules: _Rules) -> Iterator[Json]:
    """Every result, a case at a time, in the order they are written."""
    for case in report.cases:
        for problem in case.problems:
            if problem != report.engine_problem:  # the engine's failure is a notification
                yield _problem(case, problem, lang, rules)
        yield from (_finding(case, item, "error", lang, rules) for item in case.violations)
        yield from (_finding(case, item, "warning", lang, rules) for item in case.warnings)
        yield from (_finding(case, item, "note", lang, rules) for item in case.waived)


def _unique(items: Iterable[Json]) -> list[Json]:
    """The schema wants some arrays without repeats; the same path may be given twice."""
    seen: set[str] = set()
    kept: list[Json] = []
    for item in items:
        key = json.dumps(item, sort_keys=True)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def _invocation(report: RunReport, lang: str) -> Json:
    invocation: Json = {"executionSuccessful": report.engine_problem is None, "exitCode": report.exit_code()}
    problem = report.engine_problem
    if problem is not None:
        unjudged = [case.path for case in report.cases if problem in case.problems]
        invocation["toolExecutionNotifications"] = [
            {
                "level": "error",
                "message": {"text": problem.message(lang)},
                "descriptor": {"id": f"casegate/{problem.code}"},
                "locations": _unique([_physical(path, None) for path in unjudged]),
            }
        ]
    return invocation


def _run_properties(report: RunReport) -> Json:
    properties: Json = {"command": report.command}
    if report.command == "check":  # validate judges no dates: its as_of is only today
        properties["asOf"] = report.as_of.isoformat()
        if report.as_of_zone:
            properties["asOfZone"] = report.as_of_zone
    properties.update(failOnWarn=report.fail_on_warn, schemaVersion=report.schema_version)
    if report.policy is not None:
        properties["policyVersion"] = report.policy.version
        properties["policyRevisions"] = list(report.policy.revisions)
    if report.source is not None:
        properties["policySource"] = report.source.document()
    return properties


def _skeleton(report: RunReport, lang: str, rules: _Rules, results: list[Any]) -> Json:
    artifacts = _unique(
        {"location": {"uri": artifact_uri(case.path)}, "hashes": {"sha-256": case.sha256}}
        for case in report.cases
        if case.sha256 is not None
    )
    run: Json = {
        "tool": {
            "driver": {
                "name": "casegate",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": rules.rules,
            }
        },
        "invocations": [_invocation(report, lang)],
        "language": lang,
        "columnKind": COLUMN_KIND,
        "artifacts": artifacts,
        "results": results,
        "properties": _run_properties(report),
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def document(report: RunReport, lang: str) -> Json:
    """The whole document at once (what `write` writes, for a caller that wants the dicts)."""
    rules = _Rules()
    results = list(_results(report, lang, rules))
    return _skeleton(report, lang, rules, results)


def write(report: RunReport, stream: TextIO, lang: str) -> None:
    """Written a result at a time (casegate.report.jsonstream). tool.driver.rules comes before
    the results and lists rules in order of first use, so a first pass over the results fills it."""
    rules = _Rules()
    for _result in _results(report, lang, rules):
        pass
    jsonstream.write(
        stream, lambda marker: _skeleton(report, lang, rules, [marker]), _results(report, lang, rules)
    )
