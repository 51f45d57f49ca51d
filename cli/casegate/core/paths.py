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
from casegate.messages import Text
from casegate.messages import core as messages

#: What a token file, a schema or a waivers file may weigh at most when read here.
DEFAULT_MAX_BYTES = 16_000_000

_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def kind_of(mode: int) -> Text | None:
    """The name of what a non-regular file is, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return messages.KIND_FOLDER.text()
    if stat.S_ISFIFO(mode):
        return messages.KIND_FIFO.text()
    if stat.S_ISSOCK(mode):
        return messages.KIND_SOCKET.text()
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return messages.KIND_DEVICE.text()
    if stat.S_ISLNK(mode):
        return messages.KIND_SYMLINK.text()
    return messages.KIND_SPECIAL.text()


def not_a_file(path: Path | str, what: Text, label: Text) -> InputError:
    return InputError.of(messages.NOT_A_FILE, path=path, label=label, file=path, what=what)


def unreadable(path: Path | str, error: OSError, label: Text) -> InputError:
    reason = error.strerror or type(error).__name__
    return InputError.of(messages.UNREADABLE, path=path, label=label, file=path, reason=reason)


_FILE = messages.LABEL_FILE.text()


def open_regular(path: Path, label: Text | None = _FILE) -> int:
    """A read-only descriptor of the regular file `path` (symlinks followed), never blocking.

    `label` names the file in messages, e.g. messages.LABEL_SCHEMA.text(); with None,
    an OSError is left to the caller (the case loader has its own advice for each).
    Raises InputError (exit 2) for anything but a regular file.
    """
    shown = label or _FILE
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


def read_bytes(path: Path, max_bytes: int, label: Text | None = _FILE) -> bytes:
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


def read_text(path: Path, label: Text, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The UTF-8 text of a regular file no bigger than max_bytes, or InputError (exit 2)."""
    raw = read_bytes(path, max_bytes, label)
    if len(raw) > max_bytes:
        raise InputError.of(messages.TOO_LARGE, path=path, label=label, file=path, limit=max_bytes)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError.of(messages.NOT_UTF8, path=path, label=label, file=path) from None


AUDIT_LABEL = messages.LABEL_AUDIT_LOG.text()


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
    return InputError.of(messages.AUDIT_LOG_UNWRITABLE, path=path, file=path, reason=reason)


def _symlinked_log(path: Path) -> InputError:
    return InputError.of(messages.AUDIT_LOG_SYMLINK, path=path, file=path)


def _log_too_open(path: Path, mode: int) -> InputError:
    return InputError.of(messages.AUDIT_LOG_PERMISSIONS, path=path, file=path, mode=mode)
