"""`casegate impact`: what a policy change, or a future date, does to every existing case.

The same cases are judged twice by a real OPA: BEFORE with the policies at --base REF (else
the working tree's) as of today, AFTER with the working tree's policies as of --as-of (else
today). Cases whose verdict or violations differ are listed; the rest are counted.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from casegate.core import git
from casegate.core.model import CaseReport, Finding, RunReport, Verdict
from casegate.core.run import RunSettings, check
from casegate.engine.staging import staging_folder
from casegate.errors import EXIT_ENGINE, EXIT_INPUT, EXIT_OK, EXIT_VIOLATION


@dataclass(frozen=True)
class Side:
    """One of the two judgements compared."""

    label: str  # "HEAD~1 (1a2b3c4d5e6f)" or "working tree"
    as_of: dt.date
    report: RunReport


@dataclass(frozen=True)
class CaseChange:
    path: str
    case_id: str | None
    before: Verdict
    after: Verdict
    new: tuple[Finding, ...]  # violations only AFTER has
    gone: tuple[Finding, ...]  # violations only BEFORE had


@dataclass(frozen=True)
class ImpactReport:
    before: Side
    after: Side
    changes: tuple[CaseChange, ...]
    unchanged: int
    fail_on_change: bool = False

    @property
    def problem_report(self) -> RunReport | None:
        """A side that could not judge every case: its report explains why."""
        for side in (self.before, self.after):
            if side.report.exit_code() in (EXIT_INPUT, EXIT_ENGINE):
                return side.report
        return None

    def exit_code(self) -> int:
        """3/2 when a side could not judge, 1 with --fail-on-change and a change, else 0."""
        if (problem := self.problem_report) is not None:
            return problem.exit_code()
        return EXIT_VIOLATION if self.fail_on_change and self.changes else EXIT_OK


def _key(finding: Finding) -> tuple[str, str]:
    return (finding.rule_id, finding.location.pointer)


def compare(before: RunReport, after: RunReport) -> tuple[list[CaseChange], int]:
    """The cases (matched by path) whose verdict or set of violations differs."""
    earlier = {case.path: case for case in before.cases if case.kind == "case"}
    changes: list[CaseChange] = []
    unchanged = 0
    for case in (c for c in after.cases if c.kind == "case"):
        old = earlier.get(case.path, CaseReport(case.path, case.case_id, Verdict.ERROR))
        old_keys = {_key(f) for f in old.violations}
        new_keys = {_key(f) for f in case.violations}
        new = tuple(f for f in case.violations if _key(f) not in old_keys)
        gone = tuple(f for f in old.violations if _key(f) not in new_keys)
        if new or gone or old.verdict is not case.verdict:
            changes.append(CaseChange(case.path, case.case_id, old.verdict, case.verdict, new, gone))
        else:
            unchanged += 1
    return changes, unchanged


def impact(
    settings: RunSettings,
    base: str | None,
    today: dt.date,
    fail_on_change: bool = False,
) -> ImpactReport:
    """Judge settings.paths BEFORE and AFTER; settings.as_of is the AFTER date."""
    assert settings.policies is not None
    # Waivers are left out on purpose: impact shows what the policy does, not what is excused.
    after_settings = dataclasses.replace(settings, waivers=())
    with staging_folder("impact") as scratch:  # a SIGKILLed run's folder is removed by the next
        if base is None:
            before_policies, label = settings.policies, "working tree"
        else:
            repo = git.toplevel(settings.policies)
            commit = git.resolve(repo, base)
            relative = settings.policies.resolve().relative_to(repo.resolve()).as_posix()
            before_policies = git.export_tree(repo, commit, relative, Path(scratch))
            label = f"{base} ({commit[:12]})"
        before = check(dataclasses.replace(after_settings, policies=before_policies, as_of=today))
    after = check(after_settings)
    changes, unchanged = compare(before, after)
    return ImpactReport(
        before=Side(label, today, before),
        after=Side("working tree", settings.as_of, after),
        changes=tuple(changes),
        unchanged=unchanged,
        fail_on_change=fail_on_change,
    )
