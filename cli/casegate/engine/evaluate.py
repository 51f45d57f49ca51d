"""Judging cases in batches: several requests at once, every answer checked field by field.

Policies are never uploaded: the local server loads them as a bundle at start-up, a central
server already holds them. An undefined decision or a result of the wrong shape raises
EngineError: a verdict the engine did not give is never a pass.
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from casegate.engine.client import (
    DECISION_PACKAGE,
    DECISION_RULE,
    engine_error,
    make_client,
    query_decision,
    settle,
)
from casegate.engine.endpoint import Endpoint, EngineSettings
from casegate.errors import EngineError
from casegate.messages import engine as messages

T = TypeVar("T")  # the caller's item a decision belongs to

if TYPE_CHECKING:  # importing opa_client costs ~0.2-0.4 s; `validate` never needs it
    from opa_client import OpaClient


@dataclass(frozen=True)
class Decision:
    violations: tuple[Mapping[str, Any], ...]
    warnings: tuple[Mapping[str, Any], ...]


@dataclass(frozen=True)
class Evaluation:
    """Which policy judged a run: known once every batch is decided."""

    policy_version: str
    revisions: tuple[str, ...]
    bundles: Mapping[str, str] = field(default_factory=dict)  # bundle name -> revision, as OPA holds them


class Judging(Generic[T]):
    """A run's decided batches, in case order, and then which policy decided them.

    Iterating asks OPA: each item is one batch, a list of (the caller's item, its Decision). A
    caller places each batch and lets it go, so 10,000 cases are never all held. `evaluation`
    is read after the last batch: the policy is only known to be one and the same then.
    """

    def __init__(self, batches: Iterator[list[tuple[T, Decision]]], summary: list[Evaluation]) -> None:
        self._batches = batches
        self._summary = summary

    def __iter__(self) -> Iterator[list[tuple[T, Decision]]]:
        return self._batches

    @property
    def evaluation(self) -> Evaluation:
        if not self._summary:
            raise RuntimeError("Judging.evaluation read before every batch was decided")
        return self._summary[0]

    def finish(self) -> Evaluation:
        """Decide every batch, keeping none (doctor only asks which policy answered)."""
        for _batch in self._batches:
            pass
        return self.evaluation

    def close(self) -> None:
        """Stop asking: requests in flight are cancelled, the connections closed."""
        close = getattr(self._batches, "close", None)
        if close is not None:
            close()


def evaluate(
    endpoint: Endpoint,
    cases: Iterable[tuple[T, bytes]],
    as_of: dt.date,
    settings: EngineSettings,
    expected_revision: str | None = None,
) -> Judging[T]:
    """Judge every (item, case as JSON bytes), in batches cut by the size limits.

    The cases arrive encoded (casegate.core.read encodes each once, at C speed) and a request
    is those bytes joined: json.dumps of the batch cost as much as parsing the cases. The item
    is the caller's own (whatever it needs to place the decision); OPA sees only the batch's
    positions as keys, never case text.

    Nothing is asked until the result is iterated. `settings.workers` batches are then evaluated
    at once, each on its own connection: OPA evaluates concurrent requests in parallel, and
    `cases` (which may be a generator reading files) is consumed while OPA works.
    """
    summary: list[Evaluation] = []
    return Judging(_decide(endpoint, cases, as_of, settings, expected_revision, summary), summary)


def _decide(
    endpoint: Endpoint,
    cases: Iterable[tuple[T, bytes]],
    as_of: dt.date,
    settings: EngineSettings,
    expected_revision: str | None,
    summary: list[Evaluation],
) -> Iterator[list[tuple[T, Decision]]]:
    deadline = time.monotonic() + settings.deadline
    tally = _Tally()
    clients: queue.SimpleQueue[OpaClient] = queue.SimpleQueue()
    made: list[OpaClient] = []
    pool = _Workers(settings.workers)
    in_flight: collections.deque[tuple[list[T], Future[list[Decision]]]] = collections.deque()

    def decided() -> list[tuple[T, Decision]]:
        items, future = in_flight.popleft()
        return list(zip(items, _result(future, deadline, settings), strict=True))

    try:
        for index, chunk in enumerate(_chunks(cases, settings)):
            if index < settings.workers:  # clients are made as needed: one case needs one
                made.append(make_client(endpoint, settings))
                clients.put(made[-1])
            _check_deadline(deadline, settings)
            batch = _batch_body(as_of, [case for _, case in chunk])
            future = pool.submit(
                functools.partial(_ask, clients, endpoint, batch, len(chunk), settings, deadline, tally)
            )
            in_flight.append(([item for item, _ in chunk], future))
            # One batch more than the workers: the next is ready the moment a worker is free.
            while len(in_flight) > settings.workers:
                yield decided()
        while in_flight:
            yield decided()
    finally:
        for _, future in in_flight:
            future.cancel()
        # Not waiting: a request still running ends at its own timeout (or at once when the
        # local OPA is stopped), if it ends at all, and an error or Ctrl-C should not wait for it.
        pool.shutdown()
        for client in made:
            client.close_connection()
    tally.check(expected_revision)
    summary.append(Evaluation(tally.version, tuple(sorted(tally.revisions)), dict(tally.bundles)))


R = TypeVar("R")


class _Workers:
    """`count` threads asking OPA, which never hold the process (unlike a ThreadPoolExecutor's).

    A request's timeout is per read: an answer sending a byte every few seconds never ends. The
    deadline still ends the run (_result), but a pool's worker stuck in that request was waited
    for, in the clean-up and again at exit (Python joins a thread pool's workers): casegate hung
    for ever after --deadline. These threads are daemons, and nothing waits for them.
    """

    def __init__(self, count: int) -> None:
        self._count = count
        self._tasks: queue.SimpleQueue[tuple[Future[Any], Callable[[], Any]] | None] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []

    def submit(self, call: Callable[[], R]) -> Future[R]:
        future: Future[R] = Future()
        self._tasks.put((future, call))
        if len(self._threads) < self._count:  # started as needed: one case needs one
            thread = threading.Thread(
                target=self._work, name=f"casegate-opa-{len(self._threads)}", daemon=True
            )
            self._threads.append(thread)
            thread.start()
        return future

    def _work(self) -> None:
        while (task := self._tasks.get()) is not None:
            future, call = task
            if future.set_running_or_notify_cancel():  # not cancelled while it waited
                settle(future, call)

    def shutdown(self) -> None:
        """Let each thread end once it is free; wait for none."""
        for _thread in self._threads:
            self._tasks.put(None)


@dataclass
class _Tally:
    """Which policy answered, gathered over the batches (from several threads)."""

    versions: set[str] = field(default_factory=set)
    revisions: set[str] = field(default_factory=set)
    bundles: dict[str, str] = field(default_factory=dict)
    changed: bool = False  # a bundle's revision differed between batches
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, version: str, bundles: Mapping[str, str]) -> None:
        with self.lock:
            self.versions.add(version)
            self.revisions.update(bundles.values())
            for name, revision in bundles.items():
                self.changed |= self.bundles.setdefault(name, revision) != revision

    @property
    def version(self) -> str:
        return next(iter(self.versions)) if self.versions else "?"

    def check(self, expected_revision: str | None) -> None:
        """The answers came from a known policy bundle, or they are not a verdict.

        A local OPA must hold the bundle staged for it (expected_revision). Otherwise (a central
        OPA, a built bundle) at least one bundle must name its revision: an OPA that loaded policy
        files instead of a bundle, or whose bundle names no revision, cannot say what judged.
        """
        held = ", ".join(sorted(self.revisions)) or "-"
        if expected_revision is not None and expected_revision not in self.revisions:
            raise engine_error(messages.REVISION_MISMATCH, held=held, expected=expected_revision)
        if expected_revision is None and not any(self.revisions):
            raise engine_error(messages.NO_BUNDLE_REVISION)
        if len(self.versions) > 1 or self.changed:
            raise engine_error(messages.POLICY_CHANGED)


def _deadline_error(settings: EngineSettings) -> EngineError:
    return engine_error(messages.DEADLINE_EXCEEDED, deadline=settings.deadline)


def _check_deadline(deadline: float, settings: EngineSettings) -> float:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _deadline_error(settings)
    return remaining


def _ask(
    clients: queue.SimpleQueue[OpaClient],
    endpoint: Endpoint,
    batch: bytes,
    count: int,
    settings: EngineSettings,
    deadline: float,
    tally: _Tally,
) -> list[Decision]:
    """One request, on a worker thread with a client of its own."""
    remaining = _check_deadline(deadline, settings)  # it may have waited in the queue
    client = clients.get()
    try:
        client.timeout = min(settings.timeout, remaining)
        try:
            body = query_decision(client, endpoint, batch)
        except EngineError as error:
            if error.code == "opa-timeout" and remaining < settings.timeout:
                raise _deadline_error(settings) from error  # the deadline cut this request short
            raise
    finally:
        clients.put(client)
    version, bundles, decisions = _read_batch(body, count)
    tally.add(version, bundles)
    return decisions


def _result(future: Future[list[Decision]], deadline: float, settings: EngineSettings) -> list[Decision]:
    # The request's own timeout normally ends it first; the second of grace lets its error,
    # which says more, arrive before this one.
    try:
        return future.result(timeout=max(0.0, deadline - time.monotonic()) + 1.0)
    except FutureTimeout:
        raise _deadline_error(settings) from None


def _chunks(cases: Iterable[tuple[T, bytes]], settings: EngineSettings) -> Iterator[list[tuple[T, bytes]]]:
    chunk: list[tuple[T, bytes]] = []
    size = 0
    for item in cases:
        if chunk and (size + len(item[1]) > settings.batch_bytes or len(chunk) >= settings.batch_cases):
            yield chunk
            chunk, size = [], 0
        chunk.append(item)
        size += len(item[1])
    if chunk:
        yield chunk


def _batch_body(as_of: dt.date, cases: list[bytes]) -> bytes:
    """{"input": {"as_of": …, "cases": {"0": case, "1": …}}} from the encoded cases, joined as bytes.

    OPA's batch rule takes an object; the keys are the cases' positions in this batch only.
    """
    members = b",".join(b'"%d":%s' % (index, case) for index, case in enumerate(cases))
    return b'{"input":{"as_of":"' + as_of.isoformat().encode() + b'","cases":{' + members + b"}}}"


_FINDING_FIELDS = {
    "rule_id": str,
    "title": str,
    "severity": str,
    "message_ja": str,
    "message_en": str,
    "pointer": str,
}


def _read_batch(body: Mapping[str, Any], count: int) -> tuple[str, dict[str, str], list[Decision]]:
    """Check the answer's shape field by field: an answer we cannot read is no answer."""
    if "result" not in body:
        raise engine_error(messages.UNDEFINED_DECISION, rule=f"{DECISION_PACKAGE}.{DECISION_RULE}")
    result = body["result"]
    bad = engine_error(messages.BAD_RESULT_SHAPE)
    if not isinstance(result, Mapping) or not isinstance(result.get("results"), Mapping):
        raise bad
    policy = result.get("policy")
    if not isinstance(policy, Mapping) or not isinstance(policy.get("version"), str):
        raise bad
    bundles = policy.get("bundles", {})
    if not isinstance(bundles, Mapping) or not all(isinstance(rev, str) for rev in bundles.values()):
        raise bad
    decisions: list[Decision] = []
    for key in map(str, range(count)):  # the positions _batch_body gave the cases
        entry = result["results"].get(key)
        if not isinstance(entry, Mapping):
            raise engine_error(messages.NO_DECISION_FOR_CASE, key=key)
        lists = [entry.get("violations"), entry.get("warnings")]
        if not all(isinstance(items, list) and all(_is_finding(item) for item in items) for items in lists):
            raise bad
        decisions.append(Decision(tuple(entry["violations"]), tuple(entry["warnings"])))
    return policy["version"], dict(bundles), decisions


def _is_finding(item: Any) -> bool:
    return (
        isinstance(item, Mapping)
        and all(isinstance(item.get(name), kind) for name, kind in _FINDING_FIELDS.items())
        and item["severity"] in ("error", "warning")
        and isinstance(item.get("checklist_ids"), list)
        and all(isinstance(cid, str) for cid in item["checklist_ids"])
    )
