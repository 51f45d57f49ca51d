"""The core of `validate` and `check`: load, validate, evaluate, and place findings in files.

No printing and no Click here: a run returns a RunReport and the caller picks the output.
A file that cannot be read or does not fit the schema is recorded in its CaseReport and the
run goes on with the others (check-jsonschema does the same).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import gc
import itertools
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from casegate.core.discover import iter_case_paths
from casegate.core.model import CaseReport, Finding, Location, PolicyInfo, Problem, RunReport, Verdict
from casegate.core.pointer_walk import PointerPlaces
from casegate.core.provenance import PolicySource
from casegate.core.read import LoadedCase, load_case
from casegate.core.validate import CaseSchema
from casegate.core.waivers import (
    MAX_WAIVER_DAYS,
    apply_waivers,
    find_waiver_files,
    fingerprint,
    load_waiver_files,
)
from casegate.engine.central import confirm_central, confirm_local
from casegate.engine.endpoint import Endpoint, EngineSettings
from casegate.engine.evaluate import Decision, evaluate
from casegate.engine.local import BundleKey, local_opa
from casegate.engine.opa_locate import locate_opa
from casegate.errors import EngineError, InputError
from casegate.messages import core as messages


@dataclass(frozen=True)
class RunSettings:
    paths: tuple[Path, ...]
    schema: Path
    as_of: dt.date
    policies: Path | None = None  # None with a central OPA: it already holds the policies
    endpoint: Endpoint | None = None  # None: start a private OPA on the staged policies
    # With `endpoint`: the bundle revision that OPA must hold (serve's own long-lived OPA).
    expected_revision: str | None = None
    repo_root: Path | None = None  # the casegate policy repository (resources.policy_repository)
    fail_on_warn: bool = False
    waivers: tuple[Path, ...] = ()  # waiver files or folders; applied after OPA has judged
    waiver_schema: Path | None = None
    bundle_key: BundleKey | None = None  # required when `policies` is a built bundle file
    max_bytes: int = 1_000_000
    engine: EngineSettings = field(default_factory=EngineSettings)
    as_of_zone: str | None = None  # the zone whose today as_of is, when the user gave no date
    waiver_max_days: int = MAX_WAIVER_DAYS  # may only shorten the waivers' longest lifetime
    source: PolicySource | None = None  # where the policy and schema come from, for the report
    required_revision: str | None = None  # --require-revision: the deciding bundle must have exactly this


@dataclass(frozen=True)
class _Valid:
    """A case that passed loading and the schema, waiting for the engine."""

    index: int  # its place in the run's reports, which keep the order of the paths
    loaded: LoadedCase


def problem_from_error(error: InputError | EngineError) -> Problem:
    """The Problem a case report shows for an expected error (with its place, when it has one)."""
    location = None
    if error.pointer is not None or error.line is not None:
        location = Location(error.pointer or "", error.line, error.column)
    return Problem(error.code, error.message_ja, error.message_en, location)


def _case_id(data: Any) -> str | None:
    value = data.get("case_id") if isinstance(data, Mapping) else None
    return value if isinstance(value, str) else None


def _load_and_validate(path: Path, schema: CaseSchema, max_bytes: int) -> CaseReport | LoadedCase:
    try:
        loaded = load_case(path, max_bytes=max_bytes)
    except InputError as error:
        return CaseReport(
            path=str(path), case_id=None, verdict=Verdict.ERROR, problems=(problem_from_error(error),)
        )
    schema_problems = schema.problems(loaded.data)
    if not schema_problems:
        return loaded
    # SourceMap's answers, without mapping every value
    source = PointerPlaces(loaded.text, loaded.data, loaded.indented)
    problems = tuple(
        Problem(
            code=f"schema-{problem.keyword}",
            message_ja=problem.message_ja,
            message_en=problem.message_en,
            location=source.location(problem.pointer),
        )
        for problem in schema_problems
    )
    return CaseReport(
        path=str(path),
        case_id=_case_id(loaded.data),
        verdict=Verdict.ERROR,
        problems=problems,
        sha256=loaded.sha256,
    )


def _iter_valid(
    settings: RunSettings, schema: CaseSchema, reports: list[CaseReport | None]
) -> Iterator[_Valid]:
    """Load and validate file by file: a failure goes into `reports`, a valid case is yielded.

    A generator, so `check` holds only the cases the engine has not yet judged and `validate`
    only the one it reads: 10,000 parsed cases would take ~1 GB.
    """
    for path in iter_case_paths(list(settings.paths)):
        outcome = _load_and_validate(path, schema, settings.max_bytes)
        if isinstance(outcome, CaseReport):
            reports.append(outcome)
        else:
            reports.append(None)  # filled in after evaluation, keeping the order of the paths
            yield _Valid(len(reports) - 1, outcome)


P = ParamSpec("P")
R = TypeVar("R")

#: Python's first collection runs every 700 new containers; a case read is about 500 and a
#: batch in flight 150 cases, so it ran about once a case and walked every case in flight again,
#: a tenth of a run's CPU. Freed when judged, the cases leave no garbage a collection must find
#: (JSON values hold no cycles; explaining a refused case leaves a dozen small objects, its date
#: checker's exception and frames), so during a run it waits for this many instead.
_RUN_COLLECTION_THRESHOLD = 20_000
_collections_lock = threading.Lock()
_collections_held = [0, 0]  # runs under way (serve may run several at once), the threshold before


def _fewer_collections(run: Callable[P, R]) -> Callable[P, R]:
    """`run` with the garbage collector's first threshold raised while it runs (restored by the last)."""

    @functools.wraps(run)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with _collections_lock:
            if _collections_held[0] == 0:
                _collections_held[1] = gc.get_threshold()[0]
                gc.set_threshold(
                    max(_collections_held[1], _RUN_COLLECTION_THRESHOLD), *gc.get_threshold()[1:]
                )
            _collections_held[0] += 1
        try:
            return run(*args, **kwargs)
        finally:
            with _collections_lock:
                _collections_held[0] -= 1
                if _collections_held[0] == 0:
                    gc.set_threshold(_collections_held[1], *gc.get_threshold()[1:])

    return wrapper


@_fewer_collections
def validate(settings: RunSettings) -> RunReport:
    """Schema only: no engine is started. Cases stream through, as in `check`."""
    schema = CaseSchema(settings.schema)
    reports: list[CaseReport | None] = []
    for item in _iter_valid(settings, schema, reports):
        reports[item.index] = CaseReport(
            path=str(item.loaded.path),
            case_id=_case_id(item.loaded.data),
            verdict=Verdict.PASS,
            sha256=item.loaded.sha256,
        )
    return RunReport(
        command="validate",
        cases=tuple(report for report in reports if report is not None),
        as_of=settings.as_of,
        schema_version=schema.version,
        as_of_zone=settings.as_of_zone,
        source=settings.source,
    )


@contextlib.contextmanager
def _engine(settings: RunSettings) -> Iterator[tuple[Endpoint, str | None, tuple[str, str] | None]]:
    """The endpoint, the local bundle's revision, and (ja, en) naming the local OPA binary."""
    if settings.endpoint is not None:
        yield settings.endpoint, settings.expected_revision, None
        return
    assert settings.policies is not None  # the CLI resolves one or the other
    choice = locate_opa()
    with local_opa(choice.path, settings.policies, settings.engine, settings.bundle_key) as (
        endpoint,
        revision,
    ):
        yield endpoint, revision, (choice.describe("ja"), choice.describe("en"))


@_fewer_collections
def check(settings: RunSettings) -> RunReport:
    """Schema, then policy. Any engine failure turns every valid case into an error.

    Cases stream through: read and validated while OPA judges the ones before, placed in their
    files as their batch comes back, then let go.
    """
    schema = CaseSchema(settings.schema)
    reports: list[CaseReport | None] = []
    valid = _iter_valid(settings, schema, reports)
    first = next(valid, None)  # OPA starts only when there is a case to judge
    policy: PolicyInfo | None = None
    engine_problem: Problem | None = None
    source = settings.source
    if first is not None:
        to_send = itertools.chain((first,), valid)
        # What an engine failure turns into errors: small reports, not the cases, which are let
        # go once judged.
        sent: list[tuple[int, CaseReport]] = []
        shared = _Shared()

        def send() -> Iterator[tuple[_Valid, bytes]]:
            for item in to_send:
                sent.append((item.index, _unjudged(item.loaded)))
                yield item, item.loaded.json_bytes()

        try:
            with _engine(settings) as (endpoint, revision, opa):
                judging = evaluate(endpoint, send(), settings.as_of, settings.engine, revision)
                try:
                    for batch in judging:  # placed as each batch comes back, then let go
                        for item, decision in batch:
                            reports[item.index] = _judged(item.loaded, decision, shared)
                finally:
                    judging.close()
                evaluation = judging.evaluation
                # Inside the `with`: a central OPA is asked while the decisions are fresh. An endpoint
                # with an expected revision is a private OPA started by the caller (serve's).
                deciding = (
                    confirm_central(endpoint, settings.engine, evaluation, settings.required_revision)
                    if settings.endpoint is not None and settings.expected_revision is None
                    else confirm_local(evaluation, settings.required_revision)
                )
            policy = PolicyInfo(evaluation.policy_version, evaluation.revisions, opa)
            if source is not None:
                key_id = ", ".join(deciding.key_ids) or source.key_id
                source = dataclasses.replace(source, revision=deciding.revision, key_id=key_id)
        except EngineError as error:
            engine_problem = problem_from_error(error)
            # The rest of the files still get their own verdict on reading and the schema.
            sent.extend((item.index, _unjudged(item.loaded)) for item in to_send)
            for index, unjudged in sent:
                reports[index] = dataclasses.replace(unjudged, problems=(engine_problem,))
    cases = [report for report in reports if report is not None]
    if settings.waivers and settings.waiver_schema is not None:
        waiver_files, broken = load_waiver_files(
            find_waiver_files(settings.waivers), CaseSchema(settings.waiver_schema)
        )
        # A waiver names its case file relative to the case repository: the policy repository
        # when the run is inside it, else the folder the run started in.
        cwd = Path.cwd().resolve()
        root = settings.repo_root.resolve() if settings.repo_root else None
        base = root if root is not None and (root == cwd or root in cwd.parents) else cwd
        cases, waiver_reports = apply_waivers(
            cases, waiver_files, settings.as_of, base, settings.waiver_max_days
        )
        cases += waiver_reports + broken
    return RunReport(
        command="check",
        cases=tuple(cases),
        as_of=settings.as_of,
        fail_on_warn=settings.fail_on_warn,
        policy=policy,
        engine_problem=engine_problem,
        schema_version=schema.version,
        as_of_zone=settings.as_of_zone,
        source=source,
    )


def _unjudged(loaded: LoadedCase) -> CaseReport:
    """A valid case the engine did not judge (its problem is set when that is known)."""
    return CaseReport(
        path=str(loaded.path), case_id=_case_id(loaded.data), verdict=Verdict.ERROR, sha256=loaded.sha256
    )


#: A finding's message is cut to this many characters. A message may quote case values (a rule
#: listing every location abroad quotes all 200 names), so without a bound the reports grow with
#: the square of the case; cut, every format stays within a few times the case's size.
MAX_MESSAGE = 2_000


def _bounded(message: str, lang: str) -> str:
    if len(message) <= MAX_MESSAGE:
        return message
    cut = len(message) - MAX_MESSAGE
    note = messages.MESSAGE_CUT(lang, cut=cut)
    return message[:MAX_MESSAGE] + note


class _Shared(dict[Any, Any]):
    """One object for each value the findings of a run repeat (a rule's id, title and checklist
    items, often its message and place): every finding is kept until the report is written, and
    10,000 cases' copies of the same strings were most of a run's memory. Bounded, so a run
    whose findings never repeat holds no more than a small table besides."""

    LIMIT = 100_000

    def for_case(self) -> Callable[[Any, Any], Any]:
        """`one` for the findings of one case: the table's own setdefault, in C, while it has room
        (it may then pass the limit by that case's values, which the case's report holds anyway)."""
        return self.setdefault if len(self) < self.LIMIT else _itself


def _itself(value: Any, _default: Any = None) -> Any:
    return value


def _judged(loaded: LoadedCase, decision: Decision, shared: _Shared | None = None) -> CaseReport:
    has_findings = decision.violations or decision.warnings
    source = PointerPlaces(loaded.text, loaded.data, loaded.indented) if has_findings else None
    one = (shared if shared is not None else _Shared()).for_case()
    data, floatless = loaded.data, loaded.floatless

    def finding(raw: Mapping[str, Any]) -> Finding:
        pointer = raw["pointer"]
        rule_id = raw["rule_id"]
        message_ja, message_en = raw["message_ja"], raw["message_en"]
        if len(message_ja) > MAX_MESSAGE or len(message_en) > MAX_MESSAGE:
            message_ja, message_en = _bounded(message_ja, "ja"), _bounded(message_en, "en")
        location = source.location(pointer) if source else Location(pointer)
        return Finding(
            rule_id=one(rule_id, rule_id),
            title=one(raw["title"], raw["title"]),
            checklist_ids=one(ids := tuple(raw["checklist_ids"]), ids),
            severity=one(raw["severity"], raw["severity"]),
            message_ja=one(message_ja, message_ja),
            message_en=one(message_en, message_en),
            location=one(location, location),
            # Computed here from the case file, not taken from OPA: what a waiver names.
            fingerprint=one(mark := fingerprint(rule_id, pointer, data, floatless), mark),
        )

    violations = tuple(finding(raw) for raw in decision.violations)
    return CaseReport(
        path=str(loaded.path),
        case_id=_case_id(loaded.data),
        verdict=Verdict.FAIL if violations else Verdict.PASS,
        violations=violations,
        warnings=tuple(finding(raw) for raw in decision.warnings),
        sha256=loaded.sha256,
    )
