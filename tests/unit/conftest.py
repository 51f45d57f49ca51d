"""Unit tests run in this process: no OPA, no git, no other program. The guard below makes that a
fact rather than a hope: a test here that starts a process fails and says where it belongs."""

from __future__ import annotations

import os
import subprocess
from typing import NoReturn

import pytest


def _refuse(*args: object, **kwargs: object) -> NoReturn:
    raise AssertionError(
        "a unit test started a process; a test that needs OPA, git or another program belongs in tests/e2e/"
    )


@pytest.fixture(autouse=True)
def no_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(subprocess.Popen, "__init__", _refuse)
    monkeypatch.setattr(os, "system", _refuse)
    monkeypatch.setattr(os, "posix_spawn", _refuse)
    monkeypatch.setattr(os, "posix_spawnp", _refuse)
