"""The results of a run, and the one place that turns them into an exit code.

Records are frozen so an output format can only read them; conftest's `output/result.go`
is the model: the result decides the exit code, not the printer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from casegate.core.provenance import PolicySource
from casegate.errors import EXIT_ENGINE, EXIT_INPUT, EXIT_OK, EXIT_VIOLATION, in_language


class Verdict(StrEnum):
    PASS = "pass"  # noqa: S105 - a verdict, not a password
    FAIL = "fail"
    ERROR = "error"


@dataclass(frozen=True)
class Location:
    """Where in a case file: RFC 6901 pointer, and 1-based line/column when known."""

    pointer: str
    line: int | None = None
    column: int | None = None


@dataclass(frozen=True)
class Waiver:
    """Security staff's permission to let one rule's violation pass for one case, until a date."""

    rule_id: str
    case_id: str
    file: str  # the case file, relative to the repository root: a copy elsewhere is not waived
    reason: str
    approver: str
    expires: dt.date
    source: str  # the waivers file and JSON pointer it came from, e.g. "waivers/2026.json#/waivers/0"
    # The one finding it is for (casegate.core.waivers.fingerprint): rule, place and offending value.
    fingerprint: str = ""
    approved_on: dt.date | None = None


@dataclass(frozen=True)
class Finding:
    """A policy violation or warning, as OPA reported it, placed in the file."""

    rule_id: str
    title: str
    checklist_ids: tuple[str, ...]
    severity: str  # "error" blocks, "warning" is shown (and blocks with --fail-on-warn)
    message_ja: str
    message_en: str
    location: Location
    waiver: Waiver | None = None  # set on findings listed in CaseReport.waived
    # rule id + pointer + hash of the offending value, what a waiver names (casegate.core.waivers)
    fingerprint: str = ""

    def message(self, lang: str) -> str:
        return in_language(lang, self.message_ja, self.message_en)


@dataclass(frozen=True)
class Problem:
    """Why a case could not be judged: unreadable, not JSON, not fitting the schema, engine down."""

    code: str
    message_ja: str
    message_en: str
    location: Location | None = None

    def message(self, lang: str) -> str:
        return in_language(lang, self.message_ja, self.message_en)


@dataclass(frozen=True)
class CaseReport:
    path: str
    case_id: str | None
    verdict: Verdict
    violations: tuple[Finding, ...] = ()
    warnings: tuple[Finding, ...] = ()
    problems: tuple[Problem, ...] = ()
    sha256: str | None = None
    waived: tuple[Finding, ...] = ()  # violations a valid waiver lets pass: reported, never hidden
    kind: str = "case"  # "case", or "waivers" for a waivers file (its findings: expired or unused waivers)


@dataclass(frozen=True)
class PolicyInfo:
    """Which policy decided: its declared version and the bundle revision(s) OPA holds."""

    version: str
    revisions: tuple[str, ...]
    opa: tuple[str, str] | None = None  # (ja, en) naming the local OPA binary and its route; None centrally


@dataclass(frozen=True)
class RunReport:
    command: str  # "check" or "validate"
    cases: tuple[CaseReport, ...]
    as_of: dt.date
    fail_on_warn: bool = False
    policy: PolicyInfo | None = None
    engine_problem: Problem | None = None
    schema_version: str | None = None
    scope: tuple[str, str] | None = None  # (ja, en) when not every case given was checked, and why
    as_of_zone: str | None = None  # the time zone whose today as_of is, when it was not given
    source: PolicySource | None = None  # where the policy and schema came from (every format shows it)

    def tally(self) -> dict[str, int]:
        """The figures every format's summary prints: files by verdict, warnings, waived findings."""
        return {
            "total": len(self.cases),
            "passed": sum(case.verdict is Verdict.PASS for case in self.cases),
            "failed": sum(case.verdict is Verdict.FAIL for case in self.cases),
            "errors": sum(case.verdict is Verdict.ERROR for case in self.cases),
            "warnings": sum(len(case.warnings) for case in self.cases),
            "waived": sum(len(case.waived) for case in self.cases),
        }

    def exit_code(self) -> int:
        """3 engine failed > 2 invalid input > 1 policy violated > 0 every case passed."""
        if self.engine_problem is not None:
            return EXIT_ENGINE
        if any(case.verdict is Verdict.ERROR for case in self.cases):
            return EXIT_INPUT
        if any(case.verdict is Verdict.FAIL for case in self.cases):
            return EXIT_VIOLATION
        if self.fail_on_warn and any(case.warnings for case in self.cases):
            return EXIT_VIOLATION
        return EXIT_OK
