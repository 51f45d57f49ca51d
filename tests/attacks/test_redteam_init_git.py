"""Red team: `casegate init` ran the department folder's own `git` through a relative PATH entry.

init asked git for the branch it should write into the pipelines with `subprocess.run(["git",
...], cwd=target)`. With "." (or an empty entry) on PATH, the child looked for `./git` after it
had changed into the target, so a `git` committed there ran with casegate's environment, and what
it printed became the branch the pipelines and CODEOWNERS guard. init now asks through
core.git.run_git, which never searches a relative PATH entry or the folder it runs in.
"""

from __future__ import annotations

import os
import stat

import pytest

from support.git import git

FAKE = """#!/bin/sh
touch "$(dirname "$0")/FAKE-GIT-RAN"
echo evil
"""


@pytest.mark.parametrize("path_entry", ["", "."])
def test_init_never_runs_a_git_from_the_folder_it_sets_up(run_cli, tmp_path, monkeypatch, path_entry):
    department = tmp_path / "department"
    department.mkdir()
    git(department, "init", "-q", "-b", "trunk")
    fake = department / "git"
    fake.write_text(FAKE, encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{path_entry}{os.pathsep}{os.environ['PATH']}")

    result = run_cli("init", ".", "--repo-url", "https://example.invalid/casegate", cwd=department)

    assert result.exit_code == 0, result.output
    assert not (department / "FAKE-GIT-RAN").exists()
    workflow = (department / ".github" / "workflows" / "casegate.yml").read_text(encoding="utf-8")
    assert "branches: [trunk]" in workflow and "evil" not in workflow
