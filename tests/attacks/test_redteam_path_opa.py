"""Red team: an empty or relative PATH entry made `opa` mean the case repository's own file.

find_opa's last candidate is `opa` on PATH. An empty entry in PATH ("/usr/bin:" — common when a
script appends an unset variable) or "." means the current directory, which is the department's
case repository. A committed `./opa` that prints the pinned version was then executed: here it
runs the real OPA after rewriting the staged policy (keeping its manifest, hence its revision),
so a failing case passes with the genuine-looking revision. PATH entries that are relative, or
that lie inside the folder casegate runs in, are not looked at.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from support.git import git
from support.paths import OPA, REPO, VARIANTS

# Rewrites every staged rule file so that nothing is ever found, then runs the real OPA.
FAKE = f"""#!/bin/sh
touch "$(dirname "$0")/FAKE-OPA-RAN"
if [ "$1" = run ]; then
  for arg; do
    if [ -f "$arg/.manifest" ]; then
      find "$arg" -path '*/rules/*.rego' ! -name '*_test.rego' | while read -r f; do
        pkg=$(grep -m1 '^package ' "$f"); printf '%s\\n' "$pkg" > "$f"
      done
    fi
  done
fi
exec '{OPA}' "$@"
"""


@pytest.mark.parametrize("path_entry", ["", ".", "bin"])
def test_an_opa_in_the_case_repository_is_never_found_through_path(
    run_cli, released, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path_entry: str
) -> None:
    repo = tmp_path / "department"
    (repo / "cases").mkdir(parents=True)
    shutil.copy(VARIANTS / "server-abroad.json", repo / "cases" / "abroad.json")
    for where in (repo / "opa", repo / "bin" / "opa"):
        where.parent.mkdir(exist_ok=True)
        where.write_text(FAKE, encoding="utf-8")
        where.chmod(where.stat().st_mode | stat.S_IXUSR)
    git(repo, "init", "-q", "-b", "main")
    monkeypatch.delenv("CASEGATE_OPA", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "no-data"))  # no `casegate install-opa` OPA
    monkeypatch.setenv("PATH", os.pathsep.join(["/usr/bin", "/bin", path_entry]))

    result = run_cli("check", "--format", "json", "--lang", "en", "cases/", cwd=repo)

    assert not (repo / "FAKE-OPA-RAN").exists() and not (repo / "bin" / "FAKE-OPA-RAN").exists()
    assert result.exit_code == 3, result.output  # no trustworthy OPA: an engine failure, never a pass


FAKE_GIT = """#!/bin/sh
touch "$(dirname "$0")/FAKE-GIT-RAN"
case "$1" in rev-parse) exec '{git}' "$@";; esac
exit 0
"""


def test_a_git_in_the_case_repository_is_never_run_by_changed_since(
    run_cli, released, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With ":/usr/bin" on PATH, `--changed-since` ran the department's committed ./git, which
    answered "nothing changed": the invalid case a pull request added was never judged (exit 0),
    and the script ran with the gate's environment, OPA token included."""
    real_git = shutil.which("git")
    assert real_git is not None
    repo = tmp_path / "department"
    (repo / "cases").mkdir(parents=True)
    shutil.copy(REPO / "cases" / "R8-kikaku-tape-hanyaku.json", repo / "cases" / "ok.json")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "-c", "user.email=a@b.invalid", "-c", "user.name=t", "add", ".")
    git(repo, "-c", "user.email=a@b.invalid", "-c", "user.name=t", "commit", "-qm", "base")
    shutil.copy(VARIANTS / "server-abroad.json", repo / "cases" / "abroad.json")  # the pull request
    fake = repo / "git"
    fake.write_text(FAKE_GIT.format(git=real_git), encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("CASEGATE_OPA", str(OPA))
    monkeypatch.setenv("PATH", os.pathsep.join(["", str(Path(real_git).parent), "/usr/bin", "/bin"]))

    result = run_cli("check", "--changed-since", "main", "--format", "json", "cases/", cwd=repo)

    assert not (repo / "FAKE-GIT-RAN").exists()
    assert result.exit_code == 1, result.output  # the added case is judged, and fails


def test_install_opa_never_runs_a_go_committed_in_the_case_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The department template runs `casegate install-opa` in the checkout: with an empty PATH
    entry, `--build-with-go` ran a committed ./go, which could install any program as "opa"."""
    from casegate.engine.opa_install import install_with_go
    from casegate.errors import EngineError

    repo = tmp_path / "department"
    repo.mkdir()
    fake = repo / "go"
    fake.write_text('#!/bin/sh\ntouch "$(dirname "$0")/FAKE-GO-RAN"\n', encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    git(repo, "init", "-q", "-b", "main")
    monkeypatch.chdir(repo)
    monkeypatch.setenv("PATH", os.pathsep.join(["", ".", str(tmp_path / "empty-bin")]))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    with pytest.raises(EngineError) as raised:
        install_with_go()
    assert raised.value.code == "go-missing"
    assert not (repo / "FAKE-GO-RAN").exists()


def test_a_relative_xdg_data_home_does_not_name_the_case_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Held: XDG_DATA_HOME=.local (invalid per the XDG spec) would make the folder of `casegate
    install-opa`'s OPA and its record.json, searched before PATH, a folder of the case repository
    (a committed binary with a record vouching for its hash). platformdirs ignores a relative
    value; this keeps it so if platformdirs or data_dir changes."""
    from casegate.engine.opa_install import data_dir

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", ".local")
    assert data_dir().is_absolute()
    assert tmp_path / "home" in data_dir().parents
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert tmp_path / "xdg" in data_dir().parents


def test_git_never_sees_the_opa_token(run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """git runs in the case repository, where committed files choose some of what it does; it
    needs nothing of casegate's, so the token stays out of its environment (and its helpers')."""
    real_git = shutil.which("git")
    assert real_git is not None
    spy_bin = tmp_path / "spy-bin"
    spy_bin.mkdir()
    spy = spy_bin / "git"
    seen = tmp_path / "git-env"
    spy.write_text(f"#!/bin/sh\nenv >> '{seen}'\nexec '{real_git}' \"$@\"\n", encoding="utf-8")
    spy.chmod(spy.stat().st_mode | stat.S_IXUSR)
    repo = tmp_path / "department"
    (repo / "cases").mkdir(parents=True)
    shutil.copy(REPO / "cases" / "R8-kikaku-tape-hanyaku.json", repo / "cases" / "ok.json")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "-c", "user.email=a@b.invalid", "-c", "user.name=t", "add", ".")
    git(repo, "-c", "user.email=a@b.invalid", "-c", "user.name=t", "commit", "-qm", "base")
    monkeypatch.setenv("PATH", os.pathsep.join([str(spy_bin), "/usr/bin", "/bin"]))
    token = "cgc-never-in-git-" + "7" * 20

    result = run_cli(
        "check", "--changed-since", "main", "cases/", cwd=repo, env={"CASEGATE_OPA_TOKEN": token}
    )

    assert result.exit_code == 0, result.output  # nothing changed: nothing judged
    assert seen.exists() and "PATH=" in seen.read_text(encoding="utf-8")
    assert token not in seen.read_text(encoding="utf-8")
