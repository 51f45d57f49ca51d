"""Red team: a failing case hidden in a folder named like another version-control system's.

A folder run (`casegate check cases/`, what the department pipeline runs) pruned `.hg`, `.svn`,
`.bzr` and `.jj` silently, as bookkeeping. But git commits such folders like any other, so a
pull request could add `cases/.svn/anything.json` with a failing case and the merge gate
passed it unjudged (exit 0), while the pre-commit hook (`files: ^cases/.*\\.json$`) would
have judged it: the hook and the gate no longer judged the same files. Only `.git` may be
pruned: git itself never commits a path through a `.git` folder.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from support.git import git
from support.paths import REPO, VARIANTS


@pytest.mark.parametrize("folder", [".svn", ".jj"])
def test_a_case_committed_in_a_vcs_named_folder_is_not_passed_unjudged(
    run_cli, released, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: str
) -> None:
    monkeypatch.setenv("CASEGATE_OPA", str(REPO / ".tools" / "bin" / "opa"))
    repo = tmp_path / "department"
    (repo / "cases" / folder).mkdir(parents=True)
    shutil.copy(REPO / "cases" / "R8-kikaku-tape-hanyaku.json", repo / "cases" / "ok.json")
    shutil.copy(VARIANTS / "server-abroad.json", repo / "cases" / folder / "abroad.json")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    # git takes the folder like any other: the pipeline's checkout has it.
    assert f"cases/{folder}/abroad.json" in git(repo, "ls-files")

    result = run_cli("check", "--format", "json", "--lang", "en", "cases/", cwd=repo)

    assert result.exit_code != 0, result.output  # never a pass with a failing case unjudged
    report = json.loads(result.stdout) if result.stdout.strip() else None
    if report is not None:
        assert any(folder in json.dumps(case) for case in report["cases"])
