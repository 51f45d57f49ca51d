"""The served folder: the only place `casegate serve` reads case files from or writes them to.

A name from the browser is hostile input: it must be a relative path of plain segments ending in
.json, and what it resolves to (symlinks followed) must still be inside the folder. Anything else
is refused before a byte is read or written. Writes never silently replace a file that changed
on disk since it was opened: the caller passes the hash it read, and a mismatch is a Conflict
carrying both texts so the page can show the difference and ask.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from casegate.core.read import LoadedCase, load_case
from casegate.errors import InputError

#: One path segment: any name a clerk may give (Japanese included) but no separator, no control
#: or Windows-reserved character, and no leading "." (no hidden files, no ".." to climb out).
_SEGMENT = re.compile(r'[^\x00-\x1f\x7f./\\:*?"<>|][^\x00-\x1f\x7f/\\:*?"<>|]{0,127}')
_MAX_SEGMENTS = 8


@dataclass(frozen=True)
class Conflict:
    """The file on disk is not the one the page opened (or it appeared since "new case")."""

    disk_sha256: str | None
    diff: str


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class CaseFolder:
    def __init__(self, root: Path, max_bytes: int) -> None:
        self.root = root.resolve()
        self.max_bytes = max_bytes

    def path(self, name: object) -> Path:
        """The file `name` names inside the folder, or InputError (nothing is read)."""
        if not isinstance(name, str) or not name.endswith(".json") or "\\" in name:
            raise _bad_name(name)
        segments = name.split("/")
        if len(segments) > _MAX_SEGMENTS or not all(_SEGMENT.fullmatch(part) for part in segments):
            raise _bad_name(name)
        candidate = self.root.joinpath(*segments)
        try:
            resolved = candidate.resolve()
        except (OSError, RuntimeError):  # a symlink loop
            raise _bad_name(name) from None
        if not resolved.is_relative_to(self.root):  # a symlink that leads out of the folder
            raise InputError(
                code="outside-folder",
                message_ja=f"{name} はこのフォルダの外を指しています（シンボリックリンク）。フォルダの中のファイルだけを開けます。",
                message_en=f"{name} points outside the served folder (a symbolic link). Only files inside it can be opened.",
                path=name,
            )
        return resolved

    def names(self) -> list[str]:
        """The case files (*.json) in the folder and its sub-folders, as names `path` accepts."""
        found: list[str] = []
        for path in sorted(self.root.rglob("*.json")):
            name = path.relative_to(self.root).as_posix()
            try:
                if self.path(name).is_file():
                    found.append(name)
            except InputError:
                continue  # hidden, oddly named or leading outside: not offered
        return found

    def read(self, name: object) -> LoadedCase:
        """The case through the same loader `check` uses (size limit, strict JSON)."""
        return load_case(self.path(name), max_bytes=self.max_bytes)

    def write(self, name: object, data: bytes, expected_sha256: str | None) -> Conflict | str:
        """Write `data` unless the file is not what the page last saw; the new hash, or a Conflict.

        `expected_sha256` None means "a new file": an existing file is then a conflict too.
        The write goes to a temporary file beside it, then replaces it in one step, so a crash
        leaves either the old file or the new one, never half of each.
        """
        path = self.path(name)
        name = str(name)  # path() accepted it: a relative name of plain segments
        if len(data) > self.max_bytes:
            raise InputError(
                code="too-large",
                message_ja=f"案件が {len(data):,} バイトになり、上限 {self.max_bytes:,} バイトを超えるため保存しません。",
                message_en=f"The case would be {len(data):,} bytes, over the limit of {self.max_bytes:,}; not saved.",
                path=name,
            )
        current = self._current(path)
        current_sha = sha256_of(current) if current is not None else None
        if current_sha != expected_sha256:
            return Conflict(current_sha, _diff(name, current, data))
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".casegate-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            Path(temporary).chmod(path.stat().st_mode & 0o777 if current is not None else 0o644)
            Path(temporary).replace(path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return sha256_of(data)

    def _current(self, path: Path) -> bytes | None:
        if not path.exists():
            return None
        if not path.is_file():
            raise InputError(
                code="unreadable",
                message_ja=f"{path.name} は通常のファイルではないため、上書きしません。",
                message_en=f"{path.name} is not a regular file; it is not overwritten.",
                path=str(path),
            )
        with path.open("rb") as handle:
            return handle.read(self.max_bytes * 4 + 1)  # bounded: only shown as a diff


def _diff(name: str, before: bytes | None, after: bytes) -> str:
    old = (before or b"").decode("utf-8", errors="replace").splitlines(keepends=True)
    new = after.decode("utf-8").splitlines(keepends=True)
    return "".join(difflib.unified_diff(old, new, f"{name}（ディスク上）", f"{name}（この画面）", n=2))


def _bad_name(name: object) -> InputError:
    shown = name[:80] if isinstance(name, str) else type(name).__name__
    return InputError(
        code="bad-name",
        message_ja=f"ファイル名 {shown!r} は使えません。このフォルダの中の .json の名前にしてください（例：R8-kikaku-new.json。「.」で始まる名前、「..」、引用符や \\ : * ? < > | は使えません）。",
        message_en=f"The file name {shown!r} cannot be used. Give a .json name inside the served folder (e.g. R8-kikaku-new.json; no leading '.', no '..', no quotes or \\ : * ? < > |).",
        path=shown,
    )
