"""Opening the files a user names (cases, waivers, schema, token file, audit log) without hanging.

A path may name a FIFO (opening it for reading waits for a writer, forever), a device
(/dev/zero never ends), a socket or a folder. Every one of them is refused at once with exit 2:
the path is stat()ed first, for a clear message, and then opened with O_NONBLOCK and fstat()ed,
so a file swapped for a FIFO between the two calls is refused too instead of blocking.

The audit log is opened for appending with O_NOFOLLOW (a symlink would let whoever planted it
choose where the records go), created 0600, and an existing log readable or writable by others
is refused with the chmod that fixes it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from casegate.errors import InputError

#: What a token file, a schema or a waivers file may weigh at most when read here.
DEFAULT_MAX_BYTES = 16_000_000

_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def kind_of(mode: int) -> tuple[str, str] | None:
    """(ja, en) name of what a non-regular file is, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "フォルダ", "a folder"
    if stat.S_ISFIFO(mode):
        return "名前付きパイプ（FIFO）", "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "ソケット", "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "デバイス", "a device"
    if stat.S_ISLNK(mode):
        return "シンボリックリンク", "a symbolic link"
    return "特殊なファイル", "a special file"


def not_a_file(path: Path | str, what: tuple[str, str], label: tuple[str, str]) -> InputError:
    return InputError(
        code="not-a-file",
        message_ja=f"{label[0]} {path} は通常のファイルではなく{what[0]}です。読み込まずに止めました。通常のファイルを指定してください。",
        message_en=f"{label[1]} {path} is {what[1]}, not a regular file; it was not read. Name a regular file.",
        path=str(path),
    )


def unreadable(path: Path | str, error: OSError, label: tuple[str, str]) -> InputError:
    reason = error.strerror or type(error).__name__
    return InputError(
        code="unreadable",
        message_ja=f"{label[0]} {path} を読めません（{reason}）。名前と場所、読み取り権限を確かめてください。",
        message_en=f"Cannot read {label[1]} {path} ({reason}). Check its name, place and read permission.",
        path=str(path),
    )


def open_regular(path: Path, label: tuple[str, str] | None = ("ファイル", "the file")) -> int:
    """A read-only descriptor of the regular file `path` (symlinks followed), never blocking.

    `label` names the file in messages, e.g. ("トークンのファイル", "the token file"); with None,
    an OSError is left to the caller (the case loader has its own advice for each).
    Raises InputError (exit 2) for anything but a regular file.
    """
    shown = label or ("ファイル", "the file")
    try:
        what = kind_of(path.stat().st_mode)
        if what is not None:
            raise not_a_file(path, what, shown)
        descriptor = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_CLOEXEC)
    except OSError as error:
        if label is None:
            raise
        raise unreadable(path, error, label) from None
    what = kind_of(os.fstat(descriptor).st_mode)
    if what is not None:  # swapped between stat() and open()
        os.close(descriptor)
        raise not_a_file(path, what, shown)
    return descriptor


def read_bytes(path: Path, max_bytes: int, label: tuple[str, str] | None = ("ファイル", "the file")) -> bytes:
    """At most max_bytes + 1 bytes of the regular file `path`; the caller decides what too big means."""
    descriptor = open_regular(path, label)
    try:
        with os.fdopen(descriptor, "rb", closefd=True) as handle:
            # Sized by the file, not the limit: read(max_bytes + 1) allocates that much for every
            # file (1 MB for a 20 kB case, most of reading it). A file that grows meanwhile is
            # read on, and still cut one byte past the limit.
            wanted = min(os.fstat(handle.fileno()).st_size, max_bytes) + 1
            head = handle.read(wanted)
            if len(head) < wanted or wanted > max_bytes:
                return head
            return head + handle.read(max_bytes + 1 - wanted)
    except OSError as error:
        if label is None:
            raise
        raise unreadable(path, error, label) from None


def read_text(path: Path, label: tuple[str, str], max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The UTF-8 text of a regular file no bigger than max_bytes, or InputError (exit 2)."""
    raw = read_bytes(path, max_bytes, label)
    if len(raw) > max_bytes:
        raise InputError(
            code="too-large",
            message_ja=f"{label[0]} {path} が大きすぎます（上限 {max_bytes:,} バイト）。正しいファイルか確かめてください。",
            message_en=f"{label[1]} {path} is too large (the limit is {max_bytes:,} bytes). Check that it is the right file.",
            path=str(path),
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(
            code="not-utf8",
            message_ja=f"{label[0]} {path} が UTF-8 のテキストではありません。UTF-8 で保存してください。",
            message_en=f"{label[1]} {path} is not UTF-8 text. Save it as UTF-8.",
            path=str(path),
        ) from None


AUDIT_LABEL = ("判定記録（--audit-log）", "the decision record (--audit-log)")


def open_append_log(path: Path) -> int:
    """A descriptor appending to the audit log `path`, created 0600 if new.

    Refused (InputError, exit 2): a symlink (O_NOFOLLOW, after an lstat for a clear message), a
    FIFO, device, socket or folder (O_NONBLOCK, then fstat), and a log whose permissions let
    anyone but its owner read or write it (the records name cases, users and verdicts).
    """
    try:
        info: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise unreadable(path, error, AUDIT_LABEL) from None
    if info is not None and stat.S_ISLNK(info.st_mode):
        raise _symlinked_log(path)
    if info is not None and (what := kind_of(info.st_mode)) is not None:
        raise not_a_file(path, what, AUDIT_LABEL)
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | _O_NOFOLLOW | _O_NONBLOCK | _O_CLOEXEC
    try:
        descriptor = os.open(path, flags, 0o600)
    except OSError as error:
        if path.is_symlink():  # made a symlink after the lstat (open fails with ELOOP)
            raise _symlinked_log(path) from None
        raise unwritable_log(path, error) from None
    opened = os.fstat(descriptor)
    what = kind_of(opened.st_mode)
    if what is not None:
        os.close(descriptor)
        raise not_a_file(path, what, AUDIT_LABEL)
    if opened.st_mode & 0o077:
        os.close(descriptor)
        raise _log_too_open(path, stat.S_IMODE(opened.st_mode))
    if opened.st_nlink > 1:  # a hard link, like a symlink, would send the records to another file
        os.close(descriptor)
        raise _symlinked_log(path)
    return descriptor


def unwritable_log(path: Path, error: OSError) -> InputError:
    reason = error.strerror or str(error)
    return InputError(
        code="audit-log-unwritable",
        message_ja=(
            f"判定記録（--audit-log）{path} に書き込めません（{reason}）。"
            "フォルダがあり書き込めることを確かめるか、別の場所を指定してください。記録のない判定は合格にしません。"
        ),
        message_en=(
            f"Cannot append to the decision record (--audit-log) {path} ({reason}). "
            "Make sure the folder exists and is writable, or give another file. A decision that is not recorded does not pass."
        ),
        path=str(path),
    )


def _symlinked_log(path: Path) -> InputError:
    return InputError(
        code="audit-log-symlink",
        message_ja=f"判定記録（--audit-log）{path} はシンボリックリンク（またはハードリンク）です。記録を別の場所へ向けられるため書き込みません。"
        "リンクではない本物のファイルを指定してください。",
        message_en=f"The decision record (--audit-log) {path} is a symbolic link (or a hard link), which could send the records "
        "elsewhere, so nothing was written. Name a file that is not a link.",
        path=str(path),
    )


def _log_too_open(path: Path, mode: int) -> InputError:
    return InputError(
        code="audit-log-permissions",
        message_ja=f"判定記録（--audit-log）{path} の権限 {mode:04o} は本人以外も読み書きできます。"
        f"`chmod 600 {path}` で本人だけにしてから、もう一度実行してください。",
        message_en=f"The decision record (--audit-log) {path} has mode {mode:04o}, so others can read or write it. "
        f"Run `chmod 600 {path}` and run again.",
        path=str(path),
    )
