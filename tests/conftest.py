"""Shared fixtures: the repository, the seed case, and a runner for the real CLI.

Tests that say `check` start a real OPA (the pinned binary from .tools/bin); nothing here
fakes the engine. Fault injection lives in test_engine_faults.py, with its own fake servers.
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
from click.testing import CliRunner, Result

from casegate.cli import main

REPO = Path(__file__).resolve().parent.parent

# casegate never takes OPA from the folder it runs in, so the tests name this repository's pinned
# OPA explicitly (as `make test` does), and keep `casegate install-opa` out of the user's real data
# folder: each test that installs gets its own XDG_DATA_HOME.
os.environ.setdefault("CASEGATE_OPA", str(REPO / ".tools" / "bin" / "opa"))
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="casegate-test-data-")
SEED = REPO / "cases" / "R8-kikaku-tape-hanyaku.json"
VARIANTS = REPO / "tests" / "variants"


@pytest.fixture(scope="session")
def seed_case() -> dict[str, Any]:
    return json.loads(SEED.read_text(encoding="utf-8"))


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
        monkeypatch.chdir(cwd)
        for name in ("CASEGATE_OPA_URL", "CASEGATE_LANG", "CASEGATE_OPA_TOKEN"):
            monkeypatch.delenv(name, raising=False)
        return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)

    return run


def git(repo: Path, *args: str) -> str:
    import subprocess

    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def case_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A real git repository of cases: this project's policies/, schemas/ and cases/, one commit.

    CASEGATE_OPA points at the project's pinned OPA, since the new repository has no .tools/.
    """
    import shutil

    repo = tmp_path / "repo"
    for folder in ("policies", "schemas", "cases", "waivers"):
        shutil.copytree(REPO / folder, repo / folder)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "test@example.invalid")
    git(repo, "config", "user.name", "casegate test")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "initial cases")
    monkeypatch.setenv("CASEGATE_OPA", str(REPO / ".tools" / "bin" / "opa"))
    return repo


@pytest.fixture
def released(monkeypatch: pytest.MonkeyPatch) -> None:
    """casegate as a department installs it: not inside the policy repository, carrying this
    checkout's policies/ and schemas/ as its release resources (casegate/_resources/)."""
    from casegate import resources

    monkeypatch.setattr(resources, "policy_repository", lambda: None)
    monkeypatch.setattr(resources, "packaged", lambda relative: REPO / relative)
