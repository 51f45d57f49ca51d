"""Red team: a squatter that answers the health check one byte at a time holds casegate forever.

The private OPA's port can be read from OPA's command line (`--addr 127.0.0.1:PORT`, visible to
every user of the machine) while OPA loads the bundle, before it binds. A program that binds the
port first is no longer trusted with a case (test_redteam_port_squatter.py), but casegate still
asked it whether OPA was healthy, with a timeout per read, not per answer: an answer that never
ends, one byte every half second, kept that one health check, and so the run, waiting for ever.
casegate now sends nothing to the port until the OPA it started is seen holding it.
"""

from __future__ import annotations

import threading
import time

import pytest

from casegate.engine import local
from casegate.engine.endpoint import EngineSettings
from casegate.errors import EngineError
from support.fake_opa import dripping
from support.paths import OPA, REPO


def _starting_opa(outcome: list[BaseException | None]) -> threading.Thread:
    """A thread starting the private OPA (3 s to start); what came of it is put in `outcome`."""
    settings = EngineSettings(startup_timeout=3.0)

    def run() -> None:
        try:
            with local.local_opa(OPA, REPO / "policies", settings):
                outcome.append(None)
        except BaseException as error:  # noqa: BLE001 - handed to the test thread
            outcome.append(error)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    return worker


def test_a_squatter_that_never_finishes_its_answer_cannot_hold_the_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    outcome: list[BaseException | None] = []

    with dripping() as (port, connections):
        monkeypatch.setattr(local, "_free_port", lambda: port)
        started = time.monotonic()
        worker = _starting_opa(outcome)
        worker.join(timeout=15)
        held = worker.is_alive()
        elapsed = time.monotonic() - started
    worker.join(timeout=15)  # the squatter is gone: let the run end before the next test
    assert not held, "casegate was still waiting on the squatter's answer after 15 s"
    assert elapsed < 15
    assert connections == []  # nothing was sent to a port OPA was not seen holding
    [error] = outcome
    assert isinstance(error, EngineError)
    assert error.code == "opa-port-taken"


def test_a_squatter_after_the_check_cannot_hold_the_health_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """OPA stops right after it was seen holding the port, and another program takes the port:
    the health check it then answers a byte at a time is given up, not waited for."""
    outcome: list[BaseException | None] = []

    with dripping() as (port, connections):
        monkeypatch.setattr(local, "_free_port", lambda: port)
        monkeypatch.setattr(local, "_holds_port", lambda pid, port: True)  # as if OPA had held it
        worker = _starting_opa(outcome)
        worker.join(timeout=15)
        held = worker.is_alive()
    worker.join(timeout=15)
    assert not held, "casegate was still waiting on the squatter's health answer after 15 s"
    assert connections  # the health check did reach the squatter
    [error] = outcome
    assert isinstance(error, EngineError)
    assert error.code in ("opa-timeout", "opa-stopped")
