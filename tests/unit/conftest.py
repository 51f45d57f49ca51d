"""Unit tests run in this process: no OPA, no git, no other program. The guard below makes that a
fact rather than a hope: a test here that starts a process fails and says where it belongs, even
when the code under test catches the refusal (an engine error would otherwise look like a pass)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from typing import NoReturn

import pytest

_WHERE = "a test that needs OPA, git or another program belongs in tests/e2e/"


@pytest.fixture(autouse=True)
def no_processes(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    started: list[str] = []

    def refuse(*args: object, **kwargs: object) -> NoReturn:
        # Popen.__init__ gets the unfinished Popen first, whose repr fails: name the command only.
        command = args[1] if isinstance(args[0], subprocess.Popen) and len(args) > 1 else args[:1]
        started.append(repr(command)[:200])
        raise AssertionError(f"a unit test started a process; {_WHERE}")

    monkeypatch.setattr(subprocess.Popen, "__init__", refuse)
    for name in ("system", "posix_spawn", "posix_spawnp", "fork", "execv", "execve"):
        monkeypatch.setattr(os, name, refuse)
    yield
    assert started == [], f"a unit test tried to start {started}; {_WHERE}"
