"""Fixtures only: the seed case, a case writer, the CLI in-process, a git repository of cases.

The helpers behind them live in the support package (tests/support/); tests import those from
there, never from this file. Tests that say `check` start a real OPA (the pinned binary from
.tools/bin); nothing here fakes the engine. Fault injection lives in support.fake_opa.
"""

from __future__ import annotations

import copy
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from support.cases import seed, write_case_repository
from support.cli import run_in_process
from support.paths import OPA, REPO

# casegate never takes OPA from the folder it runs in, so the tests name this repository's pinned
# OPA explicitly (as `make test` does), and keep `casegate install-opa` out of the user's real data
# folder: each test that installs gets its own XDG_DATA_HOME.
os.environ.setdefault("CASEGATE_OPA", str(OPA))
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="casegate-test-data-")


@pytest.fixture(scope="session")
def seed_case() -> dict[str, Any]:
    return seed()


@pytest.fixture
def case(seed_case: dict[str, Any]) -> dict[str, Any]:
    """A fresh, mutable copy of the seed proposal."""
    return copy.deepcopy(seed_case)


@pytest.fixture
def write_case(tmp_path: Path) -> Callable[..., Path]:
    def write(data: Any, name: str = "case.json") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        return path

    return write


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run `casegate ARGS` in-process, from the repository root unless told otherwise."""

    def run(*args: str, cwd: Path = REPO, env: dict[str, str] | None = None) -> Result:
        return run_in_process(monkeypatch, *args, cwd=cwd, env=env)

    return run


@pytest.fixture
def case_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A real git repository of cases: this project's policies/, schemas/ and cases/, one commit.

    CASEGATE_OPA points at the project's pinned OPA, since the new repository has no .tools/.
    """
    repo = write_case_repository(tmp_path / "repo")
    monkeypatch.setenv("CASEGATE_OPA", str(OPA))
    return repo


@pytest.fixture
def released(monkeypatch: pytest.MonkeyPatch) -> None:
    """casegate as a department installs it: not inside the policy repository, carrying this
    checkout's policies/ and schemas/ as its release resources (casegate/_resources/)."""
    from casegate import resources

    monkeypatch.setattr(resources, "policy_repository", lambda: None)
    monkeypatch.setattr(resources, "packaged", lambda relative: REPO / relative)
