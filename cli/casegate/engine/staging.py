"""casegate's temporary folders (the staged policy bundle, OPA's log), and clearing up after a killed run.

A run stopped by SIGKILL (an out-of-memory killer, a CI job cancelled hard) cannot remove its
folder, and the staged policies and OPA's log would stay in /tmp for good. Each folder is named
`casegate-<kind>-<pid>-…` and holds a marker file; the next run removes every such folder of
the same user whose process is gone. A folder without the marker, of another user, or whose
process still runs is left alone: only what casegate made, and only once nobody uses it.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

MARKER = ".casegate-staging"

_NAME = re.compile(r"^casegate-[a-z]+-(?P<pid>[0-9]{1,10})-[A-Za-z0-9_]+$")


#: A pid means something only on its machine (and in its container): a folder made by another
#: host sharing this temp dir is never judged dead here.
_HOST = socket.gethostname()


def _made_here(marker: Path) -> bool:
    try:
        return marker.read_text(encoding="utf-8").split()[1:] == [_HOST]
    except (OSError, UnicodeDecodeError):
        return False


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):  # another user's process, or no such number
        return pid > 0
    return True


def remove_stale(folder: Path | None = None) -> list[Path]:
    """Remove the staging folders of dead casegate runs in `folder` (the temp dir); return them."""
    parent = Path(folder or tempfile.gettempdir())
    removed: list[Path] = []
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return removed
    uid = os.getuid() if hasattr(os, "getuid") else None
    for entry in entries:
        match = _NAME.match(entry.name)
        if match is None:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            marker = (Path(entry.path) / MARKER).lstat()
        except OSError:
            continue
        if not stat.S_ISDIR(info.st_mode) or not stat.S_ISREG(marker.st_mode):
            continue
        if uid is not None and info.st_uid != uid:
            continue
        if _alive(int(match["pid"])) or not _made_here(Path(entry.path, MARKER)):
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        removed.append(Path(entry.path))
    return removed


@contextlib.contextmanager
def staging_folder(kind: str) -> Iterator[str]:
    """A private temporary folder `casegate-<kind>-<pid>-…`, removed on exit; stale ones first."""
    remove_stale()
    folder = tempfile.mkdtemp(prefix=f"casegate-{kind}-{os.getpid()}-")
    try:
        Path(folder, MARKER).write_text(f"{os.getpid()} {_HOST}\n", encoding="utf-8")
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
