"""The pre-commit hooks as a department would use them: a throwaway git repository of cases.

The real pre-commit installs casegate from this repository (at its HEAD commit) into its own
environment, so the hook finds the policies and schemas the wheel carries; OPA comes from
$CASEGATE_OPA, as the README tells departments. The first install takes a while (pip).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from support.git import git
from support.paths import REPO, SEED, VARIANTS

pytestmark = pytest.mark.slow

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


@pytest.fixture(scope="module")
def hook_env(tmp_path_factory) -> dict[str, str]:
    env = dict(os.environ)
    env["PRE_COMMIT_HOME"] = str(tmp_path_factory.mktemp("pre-commit-home"))
    env["CASEGATE_OPA"] = str(REPO / ".tools" / "bin" / "opa")
    env.pop("CASEGATE_OPA_URL", None)
    return env


def _department_repo(root: Path, hook: str, head: str) -> Path:
    repo = root / "department"
    (repo / "cases").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "clerk@example.invalid")
    git(repo, "config", "user.name", "clerk")
    config = {
        "repos": [
            {"repo": str(REPO), "rev": head, "hooks": [{"id": hook, "args": ["--as-of", "2026-04-27"]}]}
        ]
    }
    (repo / ".pre-commit-config.yaml").write_text(json.dumps(config), encoding="utf-8")  # JSON is YAML
    git(repo, "add", ".pre-commit-config.yaml")
    git(repo, "commit", "-q", "--no-verify", "-m", "adopt casegate")
    return repo


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False)


def test_a_non_compliant_case_cannot_be_committed(tmp_path, hook_env):
    head = git(REPO, "rev-parse", "HEAD").strip()
    repo = _department_repo(tmp_path, "casegate-check", head)
    installed = _run([str(PRE_COMMIT), "install"], repo, hook_env)
    assert installed.returncode == 0, installed.stderr

    (repo / "cases" / "abroad.json").write_bytes((VARIANTS / "server-abroad.json").read_bytes())
    git(repo, "add", "cases/abroad.json")
    refused = _run(["git", "commit", "-m", "add a case with a server abroad"], repo, hook_env)
    assert refused.returncode != 0, refused.stdout + refused.stderr
    said = refused.stdout + refused.stderr  # git prints hook output on stderr
    assert "domestic-location-foreign" in said
    assert "不合格" in said
    assert git(repo, "rev-list", "--count", "HEAD").strip() == "1"  # nothing was committed

    git(repo, "rm", "-q", "--cached", "cases/abroad.json")
    (repo / "cases" / "abroad.json").unlink()
    (repo / "cases" / "seed.json").write_bytes(SEED.read_bytes())
    git(repo, "add", "cases/seed.json")
    accepted = _run(["git", "commit", "-m", "add the seed case"], repo, hook_env)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "casegate check" in accepted.stdout + accepted.stderr
    assert git(repo, "rev-list", "--count", "HEAD").strip() == "2"


def test_try_repo_against_this_repository(tmp_path, hook_env):
    repo = tmp_path / "try"
    (repo / "cases").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    (repo / "cases" / "seed.json").write_bytes(SEED.read_bytes())
    (repo / "cases" / "broken.json").write_text('{"case_id": "x",}', encoding="utf-8")
    git(repo, "add", ".")
    done = _run([str(PRE_COMMIT), "try-repo", str(REPO), "casegate-validate", "--all-files"], repo, hook_env)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "cases/broken.json" in done.stdout
    assert "invalid-json" in done.stdout
