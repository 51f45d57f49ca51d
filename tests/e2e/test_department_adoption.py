"""A department adopts casegate as the docs say: `casegate init`, `pre-commit install`, commit.

The hook repository is a clone of this working tree (uncommitted changes included) tagged with
this release, so the `rev:` that init writes is the tag pre-commit checks out, and pre-commit
really pip-installs casegate from it. OPA comes from $CASEGATE_OPA (in a department:
`casegate install-opa`). The first install of the hook environment takes a while (pip).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from casegate import __version__
from support.git import git
from support.paths import REPO, SEED, VARIANTS

pytestmark = pytest.mark.slow

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
CASEGATE = Path(sys.executable).parent / "casegate"
SEED_AS_OF = dt.date(2026, 4, 27)  # before the seed's start: its unknowns (案件 2.0) only warn


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    """This working tree as a git repository with the tag v<version> on it."""
    clone = tmp_path_factory.mktemp("hook") / "casegate"
    git(REPO.parent, "clone", "-q", "--no-hardlinks", str(REPO), str(clone))
    listed = git(REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    for relative in filter(None, listed):
        source, target = REPO / relative, clone / relative
        if source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
        elif target.exists():
            target.unlink()
    git(clone, "add", "-A")
    git(
        clone,
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@example.invalid",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "now",
    )
    git(clone, "tag", f"v{__version__}")
    return clone


@pytest.fixture(scope="module")
def hook_env(tmp_path_factory) -> dict[str, str]:
    env = dict(os.environ)
    env["PRE_COMMIT_HOME"] = str(tmp_path_factory.mktemp("pre-commit-home"))
    env["CASEGATE_OPA"] = str(REPO / ".tools" / "bin" / "opa")
    env.pop("CASEGATE_OPA_URL", None)
    return env


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900, check=False)


def _shift_dates(value: Any, days: int) -> Any:
    """The case moved in time, so it is judged today as the seed is on SEED_AS_OF (hooks judge today)."""
    if isinstance(value, dict):
        return {key: _shift_dates(item, days) for key, item in value.items()}
    if isinstance(value, list):
        return [_shift_dates(item, days) for item in value]
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return (dt.date.fromisoformat(value) + dt.timedelta(days=days)).isoformat()
    return value


def _case_for_today(path: Path) -> str:
    case = json.loads(path.read_text(encoding="utf-8"))
    case.pop("$schema", None)
    shifted = _shift_dates(case, (dt.date.today() - SEED_AS_OF).days)
    return json.dumps(shifted, ensure_ascii=False, indent=2) + "\n"


def test_init_then_commit_a_compliant_and_a_non_compliant_case(tmp_path, hook_repo, hook_env):
    department = tmp_path / "department"
    department.mkdir()
    git(department, "init", "-q", "-b", "main")
    git(department, "config", "user.email", "clerk@example.invalid")
    git(department, "config", "user.name", "clerk")
    initialised = _run([str(CASEGATE), "init", "--repo-url", str(hook_repo)], department, hook_env)
    assert initialised.returncode == 0, initialised.stderr
    assert "次にすること" in initialised.stdout
    installed = _run([str(PRE_COMMIT), "install"], department, hook_env)
    assert installed.returncode == 0, installed.stderr

    git(department, "add", ".")
    first = _run(["git", "commit", "-m", "adopt casegate"], department, hook_env)
    assert first.returncode == 0, first.stdout + first.stderr  # no case yet; the schema copy is in step

    (department / "cases" / "seed.json").write_text(_case_for_today(SEED), encoding="utf-8")
    git(department, "add", "cases/seed.json")
    accepted = _run(["git", "commit", "-m", "add the seed case"], department, hook_env)
    said = accepted.stdout + accepted.stderr
    assert accepted.returncode == 0, said
    assert "contractor-undecided-before-start" in said  # verbose: the warnings of a pass are shown
    assert "合格" in said
    assert git(department, "rev-list", "--count", "HEAD").strip() == "2"

    (department / "cases" / "abroad.json").write_text(
        _case_for_today(VARIANTS / "server-abroad.json"), encoding="utf-8"
    )
    git(department, "add", "cases/abroad.json")
    refused = _run(["git", "commit", "-m", "add a case with a server abroad"], department, hook_env)
    said = refused.stdout + refused.stderr
    assert refused.returncode != 0, said
    assert "domestic-location-foreign" in said
    assert "不合格" in said
    assert git(department, "rev-list", "--count", "HEAD").strip() == "2"  # nothing was committed

    # A later release's schema would come in through the hook; a stale editor copy is put back.
    git(department, "rm", "-q", "--cached", "cases/abroad.json")
    copy = department / ".vscode" / "casegate" / "case.schema.json"
    copy.write_text("{}\n", encoding="utf-8")
    git(department, "add", str(copy))
    stale = _run(["git", "commit", "-m", "a hand-edited schema copy"], department, hook_env)
    assert stale.returncode != 0, stale.stdout + stale.stderr
    assert copy.read_bytes() == (REPO / "schemas" / "case.schema.json").read_bytes()
