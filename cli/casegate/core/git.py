"""Every git call of casegate, through one function that explains failures.

`--changed-since` and `impact --base` read the repository; nothing here writes to it.
"""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
from pathlib import Path

from casegate.core.exec_path import which
from casegate.errors import InputError


def run_git(repo: Path, args: list[str]) -> bytes:
    """`git ARGS` in `repo`; its stdout, or InputError saying what git said."""
    # git runs in the case repository: a relative PATH entry would find a committed ./git there.
    missing = InputError(
        code="git-missing",
        message_ja="git が見つかりません。git をインストールしてください（PATH の相対パスと案件リポジトリの中は探しません）。",
        message_en="git was not found. Install git (relative PATH entries and the case repository are not searched).",
    )
    executable = which("git")
    if executable is None:
        raise missing
    try:
        # git needs nothing of casegate's: the OPA token stays out of its (and its helpers') environment.
        environment = {name: value for name, value in os.environ.items() if name != "CASEGATE_OPA_TOKEN"}
        done = subprocess.run(
            [executable, *args], cwd=repo, capture_output=True, timeout=60, check=False, env=environment
        )
    except OSError as error:  # not executable
        raise missing from error
    except subprocess.TimeoutExpired as error:
        raise InputError(
            code="git-failed",
            message_ja=f"git {' '.join(args[:2])} が 60 秒で終わりませんでした。",
            message_en=f"git {' '.join(args[:2])} did not finish within 60 s.",
        ) from error
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        detail = said[-1] if said else f"exit {done.returncode}"
        raise InputError(
            code="git-failed",
            message_ja=f"git {' '.join(args[:2])} が失敗しました（{detail}）。git のリポジトリの中で実行しているか、指定した REF が正しいか確かめてください。",
            message_en=f"git {' '.join(args[:2])} failed ({detail}). Check that you are inside a git repository and that the REF is right.",
        )
    return done.stdout


def toplevel(start: Path) -> Path:
    return Path(os.fsdecode(run_git(start, ["rev-parse", "--show-toplevel"]).rstrip(b"\n")))


def resolve(repo: Path, ref: str) -> str:
    """The commit `ref` names (so a message can say exactly what was compared)."""
    return run_git(repo, ["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"]).decode().strip()


def changed_files(repo: Path, ref: str) -> set[Path]:
    """Every path changed since `ref` in the working tree (deleted, and both sides of a rename,
    included), plus untracked files. Names are decoded as the file system does (os.fsdecode), so a
    Shift_JIS file name from a Windows archive cannot break the run.
    """
    names = run_git(repo, ["diff", "--name-only", "--no-renames", "-z", ref, "--"])
    untracked = run_git(repo, ["ls-files", "--others", "--exclude-standard", "-z"])
    return {(repo / os.fsdecode(name)).resolve() for name in (names + untracked).split(b"\0") if name}


def export_tree(repo: Path, ref: str, folder: str, target: Path) -> Path:
    """Write `folder` as it was at `ref` below `target`; returns target/folder."""
    archive = run_git(repo, ["archive", "--format=tar", ref, "--", folder])
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target / folder
