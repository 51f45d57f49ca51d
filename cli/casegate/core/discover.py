"""Which files a run judges: files as named, folders walked for *.json, nothing hidden left unjudged.

A merge gate must fail closed: a .json it would not read (hidden, behind a link) is an error,
not a skip.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

from casegate.core.read import input_error, stat_path, unreadable_error
from casegate.errors import InputError


def iter_case_paths(paths: Sequence[Path]) -> list[Path]:
    """The case files named by ``paths``: files as given, folders expanded to their ``*.json``.

    Each file appears once even when reached twice (same resolved path); the first spelling is kept
    because that is the one the user typed.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    for given in paths:
        for path in _expand(given):
            identity = _identity(path)
            if identity not in seen:
                seen.add(identity)
                found.append(path)
    return found


def _identity(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        # A symlink loop (RuntimeError before Python 3.13); load_case will report it as unreadable.
        return path.absolute()


def _expand(given: Path) -> list[Path]:
    if stat.S_ISDIR(stat_path(given).st_mode):
        return _walk(given)
    return [given]  # any extension: naming a file is a clear enough wish to check it


# Git's own folder holds the repository's bookkeeping, never a proposal, and git never commits a
# path through a `.git` folder, so no pull request can hide a case there. Other systems' folders
# (.hg, .svn, …) are not pruned: git commits them like any folder, and a case placed in one
# would pass the merge gate unjudged; they are hidden folders like any other (refused below).
_VCS_FOLDERS = frozenset({".git"})


_SKIPPED_SHOWN = 20  # a longer list is cut: the first ones say enough about what to fix


def _walk(folder: Path) -> list[Path]:
    def fail(error: OSError) -> None:
        # A folder we cannot list may hold proposals; skipping them silently would pass them unchecked.
        raise unreadable_error(Path(error.filename or folder), error) from None

    found: list[Path] = []
    # What a folder run does not judge, with why (ja, en). A merge gate must fail closed, so
    # these are refused rather than skipped: a proposal hidden from view, or behind a link,
    # would otherwise pass unjudged. They are refused rather than judged because a hidden
    # file is not where reviewers look for proposals (nor are macOS's "._x.json" copies
    # proposals), and following a linked folder could loop or read far outside the project.
    skipped: list[tuple[Path, str, str]] = []
    inside = _identity(folder)
    # followlinks=False: a linked folder is reported below, never entered.
    for root, dirs, files in os.walk(folder, onerror=fail):
        here = Path(root)
        hidden_here = here != folder and any(part.startswith(".") for part in here.relative_to(folder).parts)
        for name in sorted(dirs):
            if name in _VCS_FOLDERS:
                dirs.remove(name)
            elif (here / name).is_symlink() and _holds_json(here / name):
                skipped.append((here / name, "リンクされたフォルダ", "a linked folder"))
        for name in files:
            if not name.lower().endswith(".json"):
                continue
            if hidden_here:
                why = ("名前が「.」で始まるフォルダの中", 'in a folder whose name starts with "."')
                skipped.append((here / name, *why))
            elif name.startswith("."):
                skipped.append((here / name, "名前が「.」で始まるファイル", 'its name starts with "."'))
            elif (here / name).is_symlink() and inside not in _identity(here / name).parents:
                # A committed link to /home/runner/.docker/config.json (or any file on the machine
                # that runs the gate) would be read, and its values echoed in the pipeline's log.
                skipped.append(
                    (
                        here / name,
                        "このフォルダの外のファイルへのリンク",
                        "a link to a file outside this folder",
                    )
                )
            else:
                found.append(here / name)
    if skipped:
        raise _skipped(folder, sorted(skipped))
    if not found:
        raise input_error(
            "no-cases",
            folder,
            f"フォルダ「{folder}」とその中のフォルダに、"
            "案件ファイル（拡張子が .json のファイル）がありません。"
            "フォルダの指定が正しいか、ファイルの拡張子が .json になっているか確認してください。",
            f"The folder {folder} (and the folders in it) holds no case files (*.json). "
            "Check the folder name and that the files end in .json.",
        )
    return sorted(found)


def _holds_json(linked: Path) -> bool:
    """Whether a linked folder holds a *.json (or a further linked folder that might), at any depth.

    Its own links are not followed, so this ends; anything that cannot be listed counts as
    holding one, since what cannot be seen cannot be said to be empty.
    """
    try:
        for root, dirs, files in os.walk(linked, onerror=_raise):
            if any(name.lower().endswith(".json") for name in files):
                return True
            if any(Path(root, name).is_symlink() for name in dirs):
                return True
    except OSError:
        return True
    return False


def _raise(error: OSError) -> None:
    raise error


def _skipped(folder: Path, skipped: list[tuple[Path, str, str]]) -> InputError:
    shown = skipped[:_SKIPPED_SHOWN]
    more = len(skipped) - len(shown)
    listed_ja = "、".join(f"{path}（{why_ja}）" for path, why_ja, _ in shown)
    listed_en = "; ".join(f"{path} ({why_en})" for path, _, why_en in shown)
    if more:
        listed_ja += f"、ほか {more} 件"
        listed_en += f"; and {more} more"
    return input_error(
        "skipped-path",
        folder,
        f"フォルダ「{folder}」の中の次の .json は、casegate が確かめない場所にあります。"
        f"確かめないまま合格にしないため、エラーにしました：{listed_ja}。"
        "案件なら、名前が「.」で始まらないフォルダに移し、ファイル名も「.」で始まらない名前にしてください"
        "（リンクされたフォルダやファイルは、リンクをやめて実際のファイルを置いてください）。"
        "案件でないなら、このフォルダの外に移すか削除してください。",
        f"These .json files in the folder {folder} are where casegate does not check, so the run "
        f"fails rather than pass them unseen: {listed_en}. If they are cases, move them into a folder whose name does "
        'not start with "." and rename them so their names do not start with "." (for a linked '
        "folder or file, replace the link with the real files). If they are not cases, "
        "move them out of this folder or delete them.",
    )
