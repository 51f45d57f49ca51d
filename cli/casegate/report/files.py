"""`--report FORMAT=PATH`: several formats of one run, each written to its own file.

A PATH is user input, and in a pipeline it may sit in a folder a department controls. So:

- It is refused before the run (check_target, exit 2), and again just before writing, when it
  is a symlink (whoever planted it would choose which file casegate overwrites), a folder, a
  FIFO (writing would block until someone reads), a device or a socket, when one of its
  folders below the current folder is a symlink (one committed in the repository would choose
  where the report lands), or when its folder is missing or not writable.
- The report is written to a new file in the same folder (mkstemp: O_EXCL, never an existing
  name) and renamed over PATH. A rename replaces the directory entry itself: a symlink or a
  hard link put at PATH after the check is replaced, its target never written. A reader never
  sees half a report, and a report that could not be written leaves nothing behind.
- A write that fails after the verdict is an InputError naming the option and the fix; the
  command exits non-zero (never 0) even when every case passed.
"""

from __future__ import annotations

import contextlib
import functools
import os
import stat
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from casegate.core.paths import kind_of
from casegate.errors import CasegateError, InputError
from casegate.messages import Text
from casegate.messages import report as messages


@dataclass(frozen=True)
class ReportTarget:
    """One `--report FORMAT=PATH`: which format, written where."""

    format: str
    path: Path


def _refused(path: Path, what: Text) -> InputError:
    return InputError.of(messages.REPORT_NOT_A_FILE, path=str(path), file=path, what=what)


def _unwritable(path: Path, reason: str | Text) -> InputError:
    return InputError.of(messages.REPORT_UNWRITABLE, path=str(path), file=path, reason=reason)


def check_target(path: Path) -> None:
    """Refuse (InputError) a PATH that is not a regular file, or whose folder cannot take it."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise _unwritable(path, error.strerror or type(error).__name__) from None
    if info is not None and (what := kind_of(info.st_mode)) is not None:
        raise _refused(path, what)  # a symlink is named as one: lstat does not follow it
    folder = path.parent
    if (link := _linked_folder_below_here(folder)) is not None:
        raise _refused(link, messages.REPORT_LINKED_FOLDER.text())
    if not folder.is_dir():
        raise _unwritable(path, messages.REPORT_NO_FOLDER.text())
    if not os.access(folder, os.W_OK | os.X_OK):
        raise _unwritable(path, messages.REPORT_FOLDER_READ_ONLY.text())


def _linked_folder_below_here(folder: Path) -> Path | None:
    """The first folder of PATH that is a symlink held by the current folder or one below it.

    In a pipeline the current folder is the department's repository, where a symlink can be
    committed: `reports -> /elsewhere` would choose where the report lands. Links held by
    folders outside the current one belong to whoever runs casegate and are followed (e.g. /tmp
    on macOS, or a build folder that names the repository through a link of its own). Where a
    link is held is decided on the real path of its folder, not on PATH's text: the current
    folder is a real path, and a PATH naming the repository through such a link is not
    textually below it.
    """
    here = Path.cwd()
    absolute = folder.absolute()  # not resolved: each part as written is looked at, ".." too
    current = Path(absolute.anchor)
    for part in absolute.parts[1:]:
        current = current / part
        with contextlib.suppress(OSError):
            if stat.S_ISLNK(os.lstat(current).st_mode) and Path(
                os.path.realpath(current.parent)
            ).is_relative_to(here):
                return current
    return None


def _mode_for(path: Path) -> int:
    """An existing report keeps its permissions; a new one gets what open() would give it."""
    with contextlib.suppress(OSError):
        info = os.lstat(path)
        if stat.S_ISREG(info.st_mode):
            return stat.S_IMODE(info.st_mode)
    umask = os.umask(0o022)  # read by setting: there is no other portable way
    os.umask(umask)
    return 0o666 & ~umask


def write_file(path: Path, write: Callable[[TextIO], None]) -> None:
    """`write` the report into a new file beside PATH, then rename it over PATH."""
    check_target(path)
    try:
        descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise _unwritable(path, error.strerror or type(error).__name__) from None
    temporary = Path(name)
    try:
        os.fchmod(descriptor, _mode_for(path))
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as stream:
            write(stream)
        temporary.replace(path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise _unwritable(path, error.strerror or type(error).__name__) from None
    except BaseException:  # a renderer's bug or Ctrl-C: no half report left behind
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def write_all(targets: Sequence[ReportTarget], write: Callable[[str, TextIO], None]) -> list[CasegateError]:
    """Every target written with `write(format, stream)`; the errors of those that failed.

    One failure does not stop the others: each file that can be written is, and every failure
    is said (the caller then exits non-zero).
    """
    failures: list[CasegateError] = []
    for target in targets:
        try:
            write_file(target.path, functools.partial(write, target.format))
        except CasegateError as error:
            failures.append(error)
    return failures


def same_file_twice(targets: Sequence[ReportTarget]) -> Path | None:
    """A PATH named by two --report options (the second would silently replace the first)."""
    seen: set[Path] = set()
    for target in targets:
        key = target.path.resolve()
        if key in seen:
            return target.path
        seen.add(key)
    return None


def among_inputs(targets: Sequence[ReportTarget], inputs: Sequence[Path]) -> Path | None:
    """A PATH that is a case file the run reads, or a *.json inside a case folder it walks.

    Written there, a report would replace a case or be read as one by the next run.
    """
    files = {item.resolve() for item in inputs if not item.is_dir()}
    folders = [item.resolve() for item in inputs if item.is_dir()]
    for target in targets:
        where = target.path.resolve()
        # The walk takes any name ending in .json whatever its case (discover lowers it): so here.
        is_json = where.name.lower().endswith(".json")
        if where in files or (is_json and any(where.is_relative_to(f) for f in folders)):
            return target.path
    return None
