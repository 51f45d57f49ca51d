"""Red team: a committed symlinked folder redirected `--report` when PATH named the repository
through another name.

`--report` refuses a folder of PATH below the current folder that is a symlink (a department's
`reports -> /elsewhere` would choose where the report lands). "Below the current folder" was
decided on the text of PATH: the current folder is its real path (os.getcwd), so a pipeline that
names the repository through a symlink of its own (`$BUILD_DIR/repo/reports/x.sarif` where
`$BUILD_DIR` or `repo` is a link, as build machines often have) named a PATH that is not
textually below it, and the department's linked `reports` folder was followed: the report landed
wherever the department chose. Each folder of PATH that is a symlink is now refused when the
folder holding the link is, really, the current folder or below it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from casegate.errors import InputError
from casegate.report.files import check_target, write_file


def _department(tmp_path: Path) -> tuple[Path, Path, Path]:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    repository = tmp_path / "real" / "repository"
    repository.mkdir(parents=True)
    (repository / "reports").symlink_to(elsewhere, target_is_directory=True)  # committed by the department
    alias = tmp_path / "builds"
    alias.symlink_to(tmp_path / "real", target_is_directory=True)  # the build machine's own link
    return repository, alias / "repository", elsewhere


def test_a_linked_folder_in_the_repository_is_refused_when_named_through_an_alias(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository, aliased, elsewhere = _department(tmp_path)
    monkeypatch.chdir(repository)
    given = aliased / "reports" / "casegate.sarif"
    with pytest.raises(InputError) as refused:
        check_target(given)
    assert refused.value.code == "report-not-a-file"
    with pytest.raises(InputError):
        write_file(given, lambda stream: None)
    assert list(elsewhere.iterdir()) == []


def test_links_outside_the_repository_are_still_accepted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository, aliased, _ = _department(tmp_path)
    (repository / "out").mkdir()
    monkeypatch.chdir(repository)
    check_target(aliased / "out" / "casegate.sarif")  # only the build machine's link on the way
    check_target(Path("out/casegate.sarif"))
    check_target(tmp_path / "builds" / "report.json")
