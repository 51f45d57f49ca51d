"""Which files a run judges: files as named, folders walked for *.json, nothing hidden left unjudged.

A merge gate must fail closed: a .json it would not read (hidden, behind a link) is an error,
not a skip.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

from casegate.core.read import stat_path, unreadable_error
from casegate.errors import InputError
from casegate.messages import Text
from casegate.messages import read as messages


def iter_case_paths(paths: Sequence[Path]) -> list[Path]:
    """The case files named by ``paths``: files as given, folders expanded to their ``*.json``.

    Each file appears once even when reached twice (same resolved path); the first spelling is kept
    because that is the one the user typed.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    for given in paths:
        for path, identity in _expand(given):
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


def _expand(given: Path) -> list[tuple[Path, Path]]:
    """The files `given` names, each with its identity (its resolved path)."""
    if stat.S_ISDIR(stat_path(given).st_mode):
        return _walk(given)
    return [(given, _identity(given))]  # any extension: naming a file is a clear enough wish to check it


# Git's own folder holds the repository's bookkeeping, never a proposal, and git never commits a
# path through a `.git` folder, so no pull request can hide a case there. Other systems' folders
# (.hg, .svn, …) are not pruned: git commits them like any folder, and a case placed in one
# would pass the merge gate unjudged; they are hidden folders like any other (refused below).
_VCS_FOLDERS = frozenset({".git"})


_SKIPPED_SHOWN = 20  # a longer list is cut: the first ones say enough about what to fix


def _walk(folder: Path) -> list[tuple[Path, Path]]:
    def fail(error: OSError) -> None:
        # A folder we cannot list may hold proposals; skipping them silently would pass them unchecked.
        raise unreadable_error(Path(error.filename or folder), error) from None

    found: list[tuple[Path, Path]] = []
    # What a folder run does not judge, with why (ja, en). A merge gate must fail closed, so
    # these are refused rather than skipped: a proposal hidden from view, or behind a link,
    # would otherwise pass unjudged. They are refused rather than judged because a hidden
    # file is not where reviewers look for proposals (nor are macOS's "._x.json" copies
    # proposals), and following a linked folder could loop or read far outside the project.
    skipped: list[tuple[Path, Text]] = []
    inside = _identity(folder)
    # followlinks=False: a linked folder is reported below, never entered.
    for root, dirs, files in os.walk(folder, onerror=fail):
        here = Path(root)
        resolved_here: Path | None = None
        hidden_here = here != folder and any(part.startswith(".") for part in here.relative_to(folder).parts)
        for name in sorted(dirs):
            if name in _VCS_FOLDERS:
                dirs.remove(name)
            elif (here / name).is_symlink() and _holds_json(here / name):
                skipped.append((here / name, messages.SKIPPED_LINKED_FOLDER.text()))
        for name in files:
            if not name.lower().endswith(".json"):
                continue
            if hidden_here:
                skipped.append((here / name, messages.SKIPPED_HIDDEN_FOLDER.text()))
            elif name.startswith("."):
                skipped.append((here / name, messages.SKIPPED_HIDDEN_FILE.text()))
            elif (here / name).is_symlink():
                identity = _identity(here / name)
                if inside not in identity.parents:
                    # A committed link to /home/runner/.docker/config.json (or any file on the machine
                    # that runs the gate) would be read, and its values echoed in the pipeline's log.
                    skipped.append((here / name, messages.SKIPPED_OUTSIDE_LINK.text()))
                else:
                    found.append((here / name, identity))
            else:
                # Not a link: its resolved path is its folder's, resolved once for all its files
                # (resolving each file walked every part of its path again, a stat each).
                resolved_here = resolved_here or _identity(here)
                found.append((here / name, resolved_here / name))
    if skipped:
        raise _skipped(folder, sorted(skipped))
    if not found:
        raise InputError.of(messages.NO_CASES, path=folder, folder=folder)
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


def _skipped(folder: Path, skipped: list[tuple[Path, Text]]) -> InputError:
    shown = skipped[:_SKIPPED_SHOWN]
    more = len(skipped) - len(shown)
    items = [messages.SKIPPED_ITEM.text(file=path, why=why) for path, why in shown]
    separator = messages.SKIPPED_SEPARATOR.text()
    tail = messages.SKIPPED_MORE.text(more=more) if more else Text("", "")
    listed = Text(
        separator.ja.join(item.ja for item in items) + tail.ja,
        separator.en.join(item.en for item in items) + tail.en,
    )
    return InputError.of(messages.SKIPPED_PATH, path=folder, folder=folder, listed=listed)
