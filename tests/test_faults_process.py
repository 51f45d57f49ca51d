"""Faults of the engine process and of the connection: exit 3 (or 130), one line, never a pass.

test_engine_faults.py covers the answers a fake OPA can give (500, 401, not JSON, wrong shapes).
This file covers what is left: connections that break in the middle of an answer, how many
requests a fault costs (retries are bounded), the whole run's deadline, a real OPA killed while
the run is in progress, and Ctrl-C, SIGTERM and SIGKILL of the real `casegate check` process,
after which no OPA may be left behind.
"""

from __future__ import annotations

import copy
import functools
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

import casegate.cli
import casegate.runner
from casegate.engine import EngineSettings
from conftest import REPO
from fake_opa import Script, fake_opa

CASEGATE = Path(sys.executable).parent / "casegate"


def _write_cases(folder: Path, seed: dict, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        case = copy.deepcopy(seed)
        case["case_id"] = f"fault-{index:05d}"
        (folder / f"case-{index:05d}.json").write_text(json.dumps(case, ensure_ascii=False), "utf-8")
    return folder


def _answer_for(count: int) -> bytes:
    """A well-formed batch answer that holds a (clean) decision for the keys 0 .. count-1."""
    results = {str(key): {"violations": [], "warnings": []} for key in range(count)}
    return json.dumps({"result": {"policy": {"version": "v", "bundles": {}}, "results": results}}).encode()


def _small_batches(monkeypatch: pytest.MonkeyPatch, cases: int = 1) -> None:
    """Make the CLI send `cases` cases a request, so that a run takes many requests."""
    monkeypatch.setattr(casegate.cli, "EngineSettings", functools.partial(EngineSettings, batch_cases=cases))


def _json(result) -> dict:
    return json.loads(result.stdout)


# --- the whole run's deadline ----------------------------------------------------------------------


def test_deadline_stops_a_run_of_slow_but_timely_answers(run_cli, tmp_path, seed_case, monkeypatch):
    """Each answer comes within --timeout, but together they overrun --deadline: exit 3, not a pass."""
    folder = _write_cases(tmp_path / "cases", seed_case, 12)
    _small_batches(monkeypatch)
    script = Script(body=_answer_for(12), delay=0.1)
    with fake_opa(script) as url:
        started = time.monotonic()
        result = run_cli(
            "check", "--opa-url", url, "--timeout", "1", "--deadline", "0.35", "--format", "json",
            "--lang", "en", str(folder),
        )  # fmt: skip
        elapsed = time.monotonic() - started
    assert result.exit_code == 3, result.output
    report = _json(result)
    assert report["engine_error"]["code"] == "opa-timeout"
    assert "0.35 s deadline" in report["engine_error"]["message"]
    assert report["summary"]["pass"] == 0
    assert {case["verdict"] for case in report["cases"]} == {"error"}
    assert script.requests < 12  # it stopped asking
    assert elapsed < 2.5


def test_without_the_deadline_the_same_run_passes(run_cli, tmp_path, seed_case, monkeypatch):
    """The control for the test above: the answers are good, only the deadline made it fail."""
    folder = _write_cases(tmp_path / "cases", seed_case, 12)
    _small_batches(monkeypatch)
    script = Script(body=_answer_for(12), delay=0.02)
    with fake_opa(script) as url:
        result = run_cli("check", "--opa-url", url, "--timeout", "1", "--format", "json", str(folder))
    assert result.exit_code == 0, result.output
    assert _json(result)["summary"]["pass"] == 12
    assert script.requests == 12  # one request per case: the batches really were small


def test_deadline_is_a_usage_error_when_not_positive(run_cli):
    result = run_cli("check", "--deadline", "0", "cases/")
    assert result.exit_code == 2
    assert "--deadline" in result.stderr
