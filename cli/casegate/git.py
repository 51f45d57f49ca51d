"""Every git call of casegate, through one function that explains failures.

`--changed-since` and `impact --base` read the repository; nothing here writes to it.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

from casegate.errors import InputError


def run_git(repo: Path, args: list[str]) -> bytes:
    """`git ARGS` in `repo`; its stdout, or InputError saying what git said."""
    try:
        done = subprocess.run(["git", *args], cwd=repo, capture_output=True, timeout=60, check=False)
    except FileNotFoundError as error:
        raise InputError(
            code="git-missing",
            message_ja="git が見つかりません。git をインストールしてください。",
            message_en="git was not found. Install git.",
        ) from error
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
            message_ja=f"git {' '.join(args[:2])} が失敗しました（{detail}）。指定した REF が正しいか確かめてください。",
            message_en=f"git {' '.join(args[:2])} failed ({detail}). Check the REF you gave.",
        )
    return done.stdout


def toplevel(start: Path) -> Path:
    return Path(run_git(start, ["rev-parse", "--show-toplevel"]).decode().strip())


def resolve(repo: Path, ref: str) -> str:
    """The commit `ref` names (so a message can say exactly what was compared)."""
    return run_git(repo, ["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"]).decode().strip()


def changed_files(repo: Path, ref: str) -> set[Path]:
    """Files added, modified, renamed or copied since `ref`, in the working tree, plus untracked ones.

    Deleted files are left out: there is nothing left to check.
    """
    names = run_git(repo, ["diff", "--name-only", "-z", "--diff-filter=ACMR", ref, "--"])
    untracked = run_git(repo, ["ls-files", "--others", "--exclude-standard", "-z"])
    return {(repo / name).resolve() for name in (names + untracked).decode("utf-8").split("\0") if name}


def export_tree(repo: Path, ref: str, folder: str, target: Path) -> Path:
    """Write `folder` as it was at `ref` below `target`; returns target/folder."""
    archive = run_git(repo, ["archive", "--format=tar", ref, "--", folder])
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target / folder
