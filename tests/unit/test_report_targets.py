"""Where `--report` may write: a symlinked folder inside the repository is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from casegate.errors import InputError
from casegate.report.files import check_target


def test_a_folder_below_the_current_one_that_is_a_symlink_is_refused(tmp_path: Path, monkeypatch) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    repository = tmp_path / "repository"
    (repository / "out").mkdir(parents=True)
    (repository / "out" / "reports").symlink_to(elsewhere, target_is_directory=True)
    monkeypatch.chdir(repository)
    for given in (Path("out/reports/casegate.sarif"), repository / "out" / "reports" / "casegate.sarif"):
        with pytest.raises(InputError) as refused:
            check_target(given)
        assert refused.value.code == "report-not-a-file"
        assert "シンボリックリンクのフォルダ" in refused.value.message_ja
        assert "out/reports" in refused.value.message_en
    assert list(elsewhere.iterdir()) == []


def test_plain_folders_below_and_symlinks_above_the_current_folder_are_accepted(
    tmp_path: Path, monkeypatch
) -> None:
    real = tmp_path / "real"
    (real / "repository" / "reports").mkdir(parents=True)
    (tmp_path / "linked").symlink_to(real, target_is_directory=True)
    # The current folder is reached through a symlink that belongs to whoever runs casegate.
    monkeypatch.chdir(tmp_path / "linked" / "repository")
    check_target(Path("reports/casegate.sarif"))
    check_target(tmp_path / "linked" / "repository" / "reports" / "casegate.sarif")
    check_target(tmp_path / "report-outside.json")
