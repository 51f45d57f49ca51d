"""The live verdict: the bytes the page would save, judged by `casegate check`'s own runner.

One OPA, started by engine.started_opa exactly as `check` starts it, serves the whole session. Each
judgement writes the serialized case to a private scratch file and hands it to runner.check with
that OPA's endpoint: loader, schema, engine, answer checks and verdict are the ones `check` uses,
so the page cannot show a pass that `casegate check` on the saved file would not give.
Waivers are not applied here (the page judges the case itself): a waived violation shows as a
violation, which is the safe side.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casegate.core.model import CaseReport, Verdict
from casegate.core.run import RunSettings, check, problem_from_error
from casegate.engine.endpoint import Endpoint, EngineSettings
from casegate.engine.evaluate import evaluate
from casegate.engine.local import started_opa
from casegate.engine.opa_locate import find_opa
from casegate.errors import EngineError
from casegate.messages import engine as engine_messages


@dataclass(frozen=True)
class JudgeSettings:
    schema: Path
    policies: Path
    repo_root: Path | None
    max_bytes: int
    engine: EngineSettings
    as_of: dt.date | None = None  # None: the day of each judgement, as `check` without --as-of


class Judge:
    """Judges case bytes against the session's OPA; thread-safe (Starlette runs it in a pool)."""

    def __init__(
        self,
        settings: JudgeSettings,
        endpoint: Endpoint,
        revision: str | None,
        scratch: Path,
        running: Callable[[], bool] = lambda: True,
    ) -> None:
        self.settings = settings
        self.endpoint = endpoint
        self.revision = revision
        self._running = running  # the session's OPA still runs (engine.local.LocalOpa.running)
        self._scratch = scratch
        self._lock = threading.Lock()
        self._count = 0

    def judge(self, data: bytes) -> dict[str, Any]:
        as_of = self.settings.as_of or dt.date.today()
        with self._lock:
            self._count += 1
            path = self._scratch / f"case-{self._count}.json"
        path.write_bytes(data)
        try:
            report = check(
                RunSettings(
                    paths=(path,),
                    schema=self.settings.schema,
                    as_of=as_of,
                    endpoint=self.endpoint,
                    expected_revision=self.revision,
                    repo_root=self.settings.repo_root,
                    max_bytes=self.settings.max_bytes,
                    engine=self.settings.engine,
                )
            )
        finally:
            path.unlink(missing_ok=True)
        if not self._running():
            # The OPA seen holding the port stopped: whatever answered may be another program.
            problem = problem_from_error(EngineError.of(engine_messages.OPA_STOPPED_DURING_RUN))
            return _as_json(CaseReport(str(path), None, Verdict.ERROR, problems=(problem,)), True)
        case = report.cases[0] if len(report.cases) == 1 else None
        if case is None:  # never expected; a verdict we cannot read is no pass
            return {"verdict": Verdict.ERROR.value, "counts": _NO_COUNTS, "findings": []}
        result = _as_json(case, report.engine_problem is not None)
        if case.verdict is Verdict.ERROR and all(p.code.startswith("schema-") for p in case.problems):
            result["findings"].extend(self._provisional(data, as_of))
        return result

    def _provisional(self, data: bytes, as_of: dt.date) -> list[dict[str, Any]]:
        """The policy's findings on a case the schema still refuses, shown as a preview.

        `check` judges only schema-valid cases, so these never make a verdict: the verdict stays
        the schema's failure. They let a clerk filling a new case see the unanswered items and
        contradictions as they go. Whatever goes wrong here just shows no preview.
        """
        try:
            case = json.loads(data)
            judging = evaluate(
                self.endpoint,
                [(None, json.dumps(case, allow_nan=False).encode())],  # as requests encoded it
                as_of,
                self.settings.engine,
                self.revision,
            )
            decisions = [decision for batch in judging for _, decision in batch]
            judging.finish()  # the policy must be the one staged, as for a verdict
        except (EngineError, ValueError, RecursionError):
            return []
        if len(decisions) != 1:
            return []
        decision = decisions[0]
        return [
            {**_raw_finding(kind, raw), "provisional": True}
            for kind, items in (("violation", decision.violations), ("warning", decision.warnings))
            for raw in items
        ]


_NO_COUNTS = {"violations": 0, "warnings": 0, "problems": 1}


def _raw_finding(kind: str, raw: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "kind": kind,
        "rule_id": str(raw["rule_id"]),
        "title": str(raw["title"]),
        "checklist_ids": [str(cid) for cid in raw["checklist_ids"]],
        "pointer": str(raw["pointer"]),
        "line": None,
        "message_ja": str(raw["message_ja"]),
        "message_en": str(raw["message_en"]),
    }


def _as_json(case: CaseReport, engine_failed: bool) -> dict[str, Any]:
    findings: list[dict[str, Any]] = []
    for kind, items in (("violation", case.violations), ("warning", case.warnings)):
        findings.extend(
            {
                "kind": kind,
                "rule_id": item.rule_id,
                "title": item.title,
                "checklist_ids": list(item.checklist_ids),
                "pointer": item.location.pointer,
                "line": item.location.line,
                "message_ja": item.message_ja,
                "message_en": item.message_en,
            }
            for item in items
        )
    findings.extend(
        {
            "kind": "engine" if engine_failed else "problem",
            "rule_id": problem.code,
            "title": "",
            "checklist_ids": [],
            "pointer": problem.location.pointer if problem.location else "",
            "line": problem.location.line if problem.location else None,
            "message_ja": problem.message_ja,
            "message_en": problem.message_en,
        }
        for problem in case.problems
    )
    return {
        "verdict": case.verdict.value,
        "counts": {
            "violations": len(case.violations),
            "warnings": len(case.warnings),
            "problems": len(case.problems),
        },
        "findings": findings,
    }


@contextlib.contextmanager
def running_judge(settings: JudgeSettings) -> Iterator[Judge]:
    """Start the session's OPA (as `check` does) and a private scratch folder; stop both on exit."""
    binary = find_opa()  # the same choice as check's (CASEGATE_OPA, then PATH)
    with (
        tempfile.TemporaryDirectory(prefix="casegate-serve-") as scratch,
        started_opa(binary, settings.policies, settings.engine) as opa,
    ):
        Path(scratch).chmod(0o700)  # the cases being typed are personal-data descriptions
        yield Judge(settings, opa.endpoint, opa.revision, Path(scratch), opa.running)
