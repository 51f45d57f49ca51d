"""The department template's scope step, run by bash in a real git repository: every case is checked
when the release changes or git cannot tell.
"""

from __future__ import annotations

import os
import shlex
import subprocess

import pytest
import yaml

from support.git import git
from support.paths import REPO

TEMPLATES = [
    REPO / ".github" / "workflows" / "casegate.yml",
    REPO / ".gitlab-ci.yml",
    REPO / "templates" / "department" / ".github" / "workflows" / "casegate.yml",
    REPO / "templates" / "department" / ".gitlab" / "casegate-ci.yml",
]


def _workflow(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data, data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` as true


def _scope(repo, event: str) -> str:
    """Run the department template's scope step as Actions would, and read what it decided."""
    data, _ = _workflow(TEMPLATES[2])
    [step] = [step for step in data["jobs"]["casegate"]["steps"] if step.get("id") == "scope"]
    script = step["run"].replace("${{ github.event_name }}", event).replace("${{ github.base_ref }}", "main")
    output = repo / "github-output"
    output.write_text("", encoding="utf-8")
    done = subprocess.run(
        ["bash", "-e", "-c", script],
        cwd=repo,
        env={**os.environ, "GITHUB_OUTPUT": str(output)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return output.read_text(encoding="utf-8").strip()


@pytest.mark.parametrize(
    ("event", "changed", "decided"),
    [
        ("pull_request", "cases/a.json", "all=false"),
        ("pull_request", ".pre-commit-config.yaml", "all=true"),  # a new casegate release
        ("pull_request", ".github/workflows/casegate.yml", "all=true"),  # a new CASEGATE_REF
        ("schedule", "cases/a.json", "all=true"),
        ("workflow_dispatch", "cases/a.json", "all=true"),
    ],
)
def test_department_template_checks_every_case_when_the_release_changes(tmp_path, event, changed, decided):
    repo = tmp_path / "department"
    for name in ("cases/a.json", ".pre-commit-config.yaml", ".github/workflows/casegate.yml"):
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text("{}\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "add", ".")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "base")
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    (repo / changed).write_text("{}\n{}\n", encoding="utf-8")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-am", "change")
    assert _scope(repo, event) == decided


def test_department_template_checks_every_case_when_git_cannot_tell(tmp_path):
    repo = tmp_path / "department"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")  # no origin/main: the comparison fails
    assert _scope(repo, "pull_request") == "all=true"


def test_the_department_gate_writes_what_the_job_keeps(run_cli, tmp_path):
    """The GitLab template's gate line, run as written: JUnit and markdown files, text on the log."""
    template = REPO / "templates" / "department" / ".gitlab" / "casegate-ci.yml"
    job = yaml.safe_load(template.read_text(encoding="utf-8"))["casegate"]
    [line] = [line for line in job["script"][0].splitlines() if line.strip().startswith("casegate check")]
    args = shlex.split(line.replace("$scope", ""), comments=True)[1:]
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "a.json").write_bytes((REPO / "cases" / "R8-kikaku-tape-hanyaku.json").read_bytes())
    result = run_cli(*args, "--as-of", "2026-04-27", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "✓ 合格" in result.output
    assert set(job["artifacts"]["paths"]) <= {path.name for path in tmp_path.iterdir()}
    assert 'failures="0"' in (tmp_path / job["artifacts"]["reports"]["junit"]).read_text(encoding="utf-8")
