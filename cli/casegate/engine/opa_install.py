"""The OPA that `casegate install-opa` installed: where it lives, how it got there, is it unchanged.

It lives in the user's data folder (platformdirs' user_data_dir("casegate")/opa/VERSION/), outside
any repository, so nothing a case repository commits can stand in for it. Beside the binary,
record.json says how it was obtained and its SHA-256; before each run the binary is hashed
again and compared with that record. Hashing 60 MB costs ~0.1 s, so a verification is
remembered for a file whose (device, inode, size, mtime, ctime) have not changed: replacing or
editing the file changes its ctime, which a user cannot set.

Three ways in, each accepted only when the result is exactly right:
- the official release binary for this platform, downloaded (or from `--mirror`), and
- a file the ward's IT already has (`--from`): both only when their SHA-256 equals the one
  pinned below for OPA_VERSION;
- `go install` (`--build-with-go`): Go checks the module against sum.golang.org; a built binary
  has no official hash, so its hash is recorded when it is built.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import platform
import stat
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from casegate import OPA_VERSION, __version__
from casegate.core.exec_path import which
from casegate.engine.opa_binary import opa_version
from casegate.errors import EngineError, InputError
from casegate.messages import Text
from casegate.messages import engine as messages

#: Where the official release binaries are published.
OFFICIAL_BASE = f"https://github.com/open-policy-agent/opa/releases/download/v{OPA_VERSION}"

#: The official release asset for each platform (platform.system(), normalised machine).
ASSETS: Mapping[tuple[str, str], str] = {
    ("linux", "amd64"): "opa_linux_amd64_static",
    ("linux", "arm64"): "opa_linux_arm64_static",
    ("darwin", "amd64"): "opa_darwin_amd64",
    ("darwin", "arm64"): "opa_darwin_arm64_static",
    ("windows", "amd64"): "opa_windows_amd64.exe",
}

#: The SHA-256 of each official asset of OPA_VERSION, as published with the release.
#: EMPTY ON PURPOSE: no value for v1.22.3 could be verified from a source we trust when this was
#: written, and an invented hash would be worse than none. Until the release step (docs/release.md)
#: fills it, a download or `--from` is refused with a message saying so; `--build-with-go`,
#: CASEGATE_OPA and an `opa` 1.22.3 on PATH still work.
PINNED_SHA256: dict[str, str] = {}

_MAX_DOWNLOAD = 300 * 1024 * 1024  # OPA is ~60 MB; anything far larger is not it
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class InstallRecord:
    """What record.json says about the installed binary."""

    opa_version: str
    sha256: str
    method: str  # "download", "mirror", "file" or "go"
    source: str  # the URL, the file, or the Go module it came from
    installed_at: str
    installed_by: str  # the casegate version that installed it

    def describe(self, lang: str) -> str:
        known = messages.INSTALLED_BY.get(self.method)
        how = known.text() if known else Text(self.method, self.method)
        return f"{how(lang)}: {self.source}"


def data_dir() -> Path:
    """user_data_dir("casegate")/opa/OPA_VERSION: per user, outside every repository."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("casegate", appauthor=False)) / "opa" / OPA_VERSION


def binary_name() -> str:
    return "opa.exe" if sys.platform == "win32" else "opa"


def installed_binary() -> Path:
    return data_dir() / binary_name()


def _record_path() -> Path:
    return data_dir() / "record.json"


def _cache_path() -> Path:
    return data_dir() / "verified.json"


def platform_asset() -> str | None:
    """The official asset name for this machine, or None where OPA publishes none."""
    machine = platform.machine().lower()
    machine = {"x86_64": "amd64", "aarch64": "arm64", "arm64": "arm64", "amd64": "amd64"}.get(
        machine, machine
    )
    return ASSETS.get((platform.system().lower(), machine))


def sha256_of(stream: IO[bytes]) -> str:
    digest = hashlib.sha256()
    while chunk := stream.read(_CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def read_record() -> InstallRecord | None:
    """The install record, None when nothing was installed; a broken record is an engine error."""
    path = _record_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return InstallRecord(**{name: str(raw[name]) for name in InstallRecord.__dataclass_fields__})
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise EngineError.of(messages.OPA_RECORD_BROKEN, record=path) from error


def _stat_key(path: Path) -> list[int]:
    info = path.stat()
    return [info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns]


def _writable_by_others(path: Path) -> bool:
    """POSIX: whether someone other than this user could have written `path` (owner or mode)."""
    if not hasattr(os, "getuid"):  # Windows: the per-user profile folder's ACLs protect it
        return False
    info = path.lstat()
    return info.st_uid != os.getuid() or bool(info.st_mode & (stat.S_IWGRP | stat.S_IWOTH))


def verify_installed(record: InstallRecord) -> Path:
    """The installed binary, once its SHA-256 is the recorded one; else an engine error (exit 3).

    A mismatch never falls back to another OPA: a changed binary is an alarm, not a detail. The
    record, the cache and the binary are trusted only in a folder no one else can write: whoever
    could replace the binary there could rewrite its record and its cached verification too.
    """
    binary = installed_binary()
    try:
        info = binary.lstat()
    except FileNotFoundError as error:
        raise _tampered(binary, messages.TAMPERED_MISSING.text()) from error
    if not stat.S_ISREG(info.st_mode):  # a symlink or folder put in its place
        raise _tampered(binary, messages.TAMPERED_NOT_REGULAR.text())
    exposed = [path for path in (data_dir(), _record_path(), binary) if _writable_by_others(path)]
    if exposed:
        raise _tampered(binary, messages.TAMPERED_WRITABLE.text(exposed=exposed[0]))
    if record.opa_version != OPA_VERSION:
        raise _tampered(binary, messages.TAMPERED_VERSION.text(recorded=record.opa_version))
    pinned = PINNED_SHA256.get(platform_asset() or "")
    if record.method in ("download", "mirror", "file") and pinned and record.sha256 != pinned:
        raise _tampered(binary, messages.TAMPERED_RECORDED_HASH.text())
    key = _stat_key(binary)
    with contextlib.suppress(OSError, ValueError):
        if _writable_by_others(_cache_path()):
            raise ValueError("an untrusted cache is ignored")
        cached = json.loads(_cache_path().read_text(encoding="utf-8"))
        if cached == {"key": key, "sha256": record.sha256}:
            return binary
    with binary.open("rb") as stream:
        actual = sha256_of(stream)
    if actual != record.sha256:
        raise _tampered(binary, messages.TAMPERED_HASH.text(actual=actual[:16], installed=record.sha256[:16]))
    with contextlib.suppress(OSError):  # a read-only data folder only costs the next run a hash
        _write_atomically(_cache_path(), json.dumps({"key": key, "sha256": actual}))
    return binary


def _tampered(binary: Path, why: Text) -> EngineError:
    return EngineError.of(messages.OPA_TAMPERED, binary=binary, why=why)


def _write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        Path(temporary).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise


# --- installing ---------------------------------------------------------------------------------


def _expected_sha256(pinned: Mapping[str, str] | None = None) -> tuple[str, str]:
    """(asset, pinned SHA-256) for this platform; refused where casegate pins no hash."""
    table = PINNED_SHA256 if pinned is None else pinned
    asset = platform_asset()
    if asset is None:
        raise EngineError.of(messages.OPA_NO_ASSET, system=platform.system(), machine=platform.machine())
    expected = table.get(asset)
    if not expected:
        raise EngineError.of(
            messages.OPA_NO_PINNED_HASH, casegate=__version__, version=OPA_VERSION, asset=asset
        )
    return asset, expected


@contextlib.contextmanager
def _staging() -> Iterator[Path]:
    """A scratch folder inside the data folder (same file system, so the final move is atomic)."""
    target = data_dir()
    target.mkdir(mode=0o700, parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target, prefix=".staging-") as scratch:
        yield Path(scratch)


def _copy_hashing(source: IO[bytes], destination: Path) -> str:
    digest = hashlib.sha256()
    size = 0
    with destination.open("wb") as out:
        while chunk := source.read(_CHUNK):
            size += len(chunk)
            if size > _MAX_DOWNLOAD:
                raise EngineError.of(messages.OPA_DOWNLOAD_TOO_LARGE, megabytes=_MAX_DOWNLOAD // 1024 // 1024)
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


def _mismatch(what: str, actual: str, expected: str) -> EngineError:
    return EngineError.of(
        messages.OPA_CHECKSUM_MISMATCH, what=what, actual=actual, expected=expected, version=OPA_VERSION
    )


def install_download(mirror: str | None = None, pinned: Mapping[str, str] | None = None) -> InstallRecord:
    """Fetch the official asset (or the same file from a mirror) and install it if its hash is pinned."""
    asset, expected = _expected_sha256(pinned)
    base = (mirror or OFFICIAL_BASE).rstrip("/")
    url = f"{base}/{asset}"
    if not url.startswith(("https://", "http://")):
        raise InputError.of(messages.BAD_MIRROR, mirror=mirror)
    with _staging() as scratch:
        candidate = scratch / binary_name()
        try:
            with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - scheme checked above
                actual = _copy_hashing(response, candidate)
        except (urllib.error.URLError, OSError, ValueError) as error:
            raise EngineError.of(messages.OPA_DOWNLOAD_FAILED, url=url, error=error) from error
        if actual != expected:
            raise _mismatch(url, actual, expected)
        return _commit(candidate, actual, "mirror" if mirror else "download", url)


def install_from_file(source: Path, pinned: Mapping[str, str] | None = None) -> InstallRecord:
    """Install a binary IT already downloaded, if its hash is the pinned one for this platform."""
    _asset, expected = _expected_sha256(pinned)
    if not source.is_file():  # a FIFO or device would block the read, a folder is no binary
        raise InputError.of(messages.OPA_FILE_NOT_REGULAR, path=source, source=source)
    with _staging() as scratch:
        candidate = scratch / binary_name()
        try:
            with source.open("rb") as stream:
                actual = _copy_hashing(stream, candidate)
        except OSError as error:
            raise InputError.of(
                messages.OPA_FILE_UNREADABLE, path=source, source=source, why=error.strerror or error
            ) from error
        if actual != expected:
            raise _mismatch(str(source), actual, expected)
        return _commit(candidate, actual, "file", str(source.resolve()))


def install_with_go() -> InstallRecord:
    """`go install` the pinned module into a scratch folder, then install what it built."""
    module = f"github.com/open-policy-agent/opa@v{OPA_VERSION}"
    # install-opa runs in the case repository: a relative PATH entry would find a committed ./go.
    go = which("go")
    with _staging() as scratch:
        try:
            if go is None:
                raise FileNotFoundError("go")
            done = subprocess.run(
                [go, "install", module],
                # Go keeps its proxies (the Go module proxy may need them) but not casegate's token.
                env={
                    **{k: v for k, v in os.environ.items() if k != "CASEGATE_OPA_TOKEN"},
                    "GOBIN": str(scratch),
                    "GOFLAGS": "-trimpath",
                },
                capture_output=True,
                text=True,
                timeout=1800,
                check=False,
            )
        except FileNotFoundError as error:
            raise EngineError.of(messages.GO_MISSING) from error
        except OSError as error:
            raise EngineError.of(messages.GO_UNUSABLE, why=error.strerror or error) from error
        candidate = scratch / binary_name()
        if done.returncode != 0 or not candidate.is_file():
            raise EngineError.of(messages.GO_INSTALL_FAILED, module=module, stderr=done.stderr.strip()[-300:])
        with candidate.open("rb") as stream:
            actual = sha256_of(stream)
        return _commit(candidate, actual, "go", module)


def _commit(candidate: Path, sha256: str, method: str, source: str) -> InstallRecord:
    """Check the candidate reports OPA_VERSION, then move it and its record into place."""
    candidate.chmod(0o755)
    version = opa_version(candidate)
    if version != OPA_VERSION:
        raise EngineError.of(messages.OPA_INSTALL_WRONG_VERSION, found=version or "?", version=OPA_VERSION)
    record = InstallRecord(
        opa_version=OPA_VERSION,
        sha256=sha256,
        method=method,
        source=source,
        installed_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        installed_by=__version__,
    )
    target = installed_binary()
    with contextlib.suppress(FileNotFoundError):
        _cache_path().unlink()
    candidate.replace(target)
    _write_atomically(_record_path(), json.dumps(record.__dict__, ensure_ascii=False, indent=2) + "\n")
    return record
