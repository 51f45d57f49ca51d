"""Red team: a committed link in cases/ made the gate read any JSON on the machine running it.

`casegate check cases/` (the department pipeline) followed a linked file wherever it pointed. A
pull request adding `cases/x.json -> /home/runner/.docker/config.json` (or any JSON file of the
runner: credentials, the event payload) had casegate read that file and echo its values (the
case_id in the header, a wrong `schema_version` or enum value in the message) into the
pipeline's log and step summary, which the department reads. A folder run now refuses, without
reading it, a linked file whose target is outside the folder (exit 2), as it refuses a linked folder.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from support.git import git
from support.paths import REPO

SECRET = "c2VjcmV0LXBhc3N3b3JkLVhZWg"


def test_a_link_to_a_file_outside_the_cases_folder_is_refused_unread(
    run_cli, released, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CASEGATE_OPA", str(REPO / ".tools" / "bin" / "opa"))
    runner_file = tmp_path / "home" / ".docker" / "config.json"  # a file of the machine, not the repository
    runner_file.parent.mkdir(parents=True)
    runner_file.write_text(
        json.dumps(
            {"auths": {"r.example": {"auth": SECRET}}, "case_id": f"id-{SECRET}", "schema_version": SECRET}
        ),
        encoding="utf-8",
    )
    repo = tmp_path / "department"
    (repo / "cases").mkdir(parents=True)
    shutil.copy(REPO / "cases" / "R8-kikaku-tape-hanyaku.json", repo / "cases" / "ok.json")
    (repo / "cases" / "x.json").symlink_to(runner_file)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")  # git commits the link as a link: the pipeline's checkout recreates it

    for output_format in ("text", "markdown", "json"):
        result = run_cli("check", "--format", output_format, "--lang", "en", "cases/", cwd=repo)
        assert result.exit_code == 2, result.output
        assert SECRET not in result.output
        assert "a link to a file outside this folder" in result.output
