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

from casegate.commands.main import main

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


#: The policy version policies/ carries (raised whenever a verdict can change).
POLICY_VERSION: str = json.loads((REPO / "policies/casegate/settings/data.json").read_text(encoding="utf-8"))[
    "policy_version"
]


def settled(seed: dict[str, Any]) -> dict[str, Any]:
    """The seed as the ward would write it once every 不明 is known: it passes on any date until
    its erasure report falls due, so tests about something else can judge it "today"."""
    case = copy.deepcopy(seed)
    case["outsourcing"]["contractor"] = {"status": "決定", "name": "株式会社テスト反訳"}
    case["outsourcing"]["subcontracting"] = {"allowed": False}
    box, contractor_pc = case["data_locations"][1], case["data_locations"][2]
    box["data_residency_commitment"] = True
    contractor_pc.update(
        operator="株式会社テスト反訳",
        encrypted_at_rest=True,
        key_management="運用者が管理",
        parent_company_country="JP",
        data_residency_commitment=True,
    )
    case["data_locations"].append(
        {**box, "id": "box-replica", "name": "Box の複製", "role": "backup", "description": "Box の冗長化"}
    )
    known = {
        "public_share_links_disabled": True,
        "patch_within_days": 14,
        "shared_accounts": False,
        "mfa_outside_lgwan": True,
        "password_rules": "12文字以上、英数記号を混在",
        "retention_days": 365,
        "review": "毎月",
    }
    for measures in case["system_measures"].values():
        for group in measures.values():
            group.update({key: value for key, value in known.items() if key in group})
        measures["backup"]["location_ids"] = ["box-replica"]
    return case


@pytest.fixture
def case_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A real git repository of cases: this project's policies/, schemas/ and cases/, one commit.

    CASEGATE_OPA points at the project's pinned OPA, since the new repository has no .tools/.
    """
    import shutil

    repo = tmp_path / "repo"
    for folder in ("policies", "schemas", "cases", "waivers"):
        shutil.copytree(REPO / folder, repo / folder)
    # The seed with its unknowns settled, so that it passes "today" (after its start date).
    seed = json.loads(SEED.read_text(encoding="utf-8"))
    (repo / "cases" / SEED.name).write_text(
        json.dumps(settled(seed), ensure_ascii=False, indent=2), encoding="utf-8"
    )
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
