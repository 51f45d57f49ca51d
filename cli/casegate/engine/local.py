"""The private OPA: started on 127.0.0.1 on the staged bundle, healthy before use, stopped on exit."""

from __future__ import annotations

import contextlib
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from casegate.engine.bundle import DEFAULT_KEY_ID, StagedBundle, stage_bundle
from casegate.engine.client import make_client
from casegate.engine.endpoint import Endpoint, EngineSettings
from casegate.engine.opa_binary import opa_environment
from casegate.engine.staging import staging_folder
from casegate.errors import EngineError, InputError

if TYPE_CHECKING:  # importing opa_client costs ~0.2-0.4 s; `validate` never needs it
    pass


#: Go's garbage collector at its default (GOGC=100) takes ~25% of OPA's CPU on a batch; at 200
#: it takes less (10,000 cases: ~1 s sooner) for ~35 MB more. The environment still wins.
_OPA_ENV = {"GOGC": "200"}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Linux: have the kernel kill OPA if casegate itself is killed (even with SIGKILL)."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


@dataclass(frozen=True)
class BundleKey:
    """The public key that must have signed a built bundle, and its algorithm."""

    path: Path
    algorithm: str = "RS256"
    key_id: str = DEFAULT_KEY_ID  # as `casegate bundle build` names it


def _bundle_flags(policies: Path, key: BundleKey | None) -> list[str]:
    """OPA flags for a built bundle: its signature must verify, or OPA refuses to start.

    A built bundle could have been edited by anyone who had the file, so without a key it is
    not loaded at all (a folder of policies is the repository's own and needs none).
    """
    if not policies.is_file():
        if key is not None:  # a key that verifies nothing would read as a verified policy
            raise InputError(
                code="bundle-key-unused",
                message_ja=f"--verification-key はバンドル（.tar.gz）を確かめる鍵です。{policies} はフォルダなので使えません。"
                "--policies にバンドルを指定するか、--verification-key を外してください。",
                message_en=f"--verification-key verifies a bundle (.tar.gz); {policies} is a folder. "
                "Give a bundle with --policies, or leave out --verification-key.",
                path=str(policies),
            )
        return []
    if key is None:
        raise InputError(
            code="bundle-key-missing",
            message_ja=f"バンドル {policies} の署名を確かめる公開鍵を --verification-key で指定してください。",
            message_en=f"Give the public key that signed the bundle {policies} with --verification-key.",
            path=str(policies),
        )
    return [
        "--verification-key",
        str(key.path),
        "--verification-key-id",
        key.key_id,
        "--signing-alg",
        key.algorithm,
    ]


@contextlib.contextmanager
def local_opa(
    binary: Path, policies: Path, settings: EngineSettings, bundle_key: BundleKey | None = None
) -> Iterator[tuple[Endpoint, str | None]]:
    """A private OPA on 127.0.0.1 serving the staged bundle; stopped on exit, Ctrl-C included.

    Yields the endpoint and the revision of the bundle it loaded. `policies` is a folder
    (staged here) or a signed bundle built by `casegate bundle build` (verified with
    `bundle_key` as OPA loads it).
    """
    verification = _bundle_flags(policies, bundle_key)
    with staging_folder("opa") as scratch:  # a SIGKILLed run's folder is removed by the next
        if policies.is_file():
            staged = StagedBundle(directory=policies, revision=None)
        else:
            staged = stage_bundle(policies, Path(scratch) / "bundle")
        log_path = Path(scratch) / "opa.log"
        for _attempt in range(3):  # another program may take the probed port before OPA binds it
            port = _free_port()
            with log_path.open("wb") as log:
                process = subprocess.Popen(
                    [
                        str(binary),
                        "run",
                        "--server",
                        "--addr",
                        f"127.0.0.1:{port}",
                        "--bundle",
                        str(staged.directory),
                        "--log-level",
                        "error",
                        "--skip-version-check",
                        # The bundle's data (the catalogue) is only read: stored for reading it
                        # costs ~160 fewer allocations a case (docs/performance.md).
                        "--optimize-store-for-read-speed",
                        "--shutdown-grace-period",
                        "1",
                        *verification,
                    ],
                    stdin=subprocess.DEVNULL,
                    env=_OPA_ENV | opa_environment(),  # no token, no proxies: see opa_binary
                    stdout=log,  # OPA prints load and compile errors on stdout
                    stderr=log,
                    preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
                )
            try:
                endpoint = Endpoint("127.0.0.1", port)
                if _wait_healthy(
                    process, endpoint, settings.startup_timeout, log_path, (staged.directory, policies)
                ):
                    yield endpoint, staged.revision
                    return
            finally:
                _stop(process)
        raise EngineError(
            code="opa-start-failed",
            message_ja="OPA を起動できませんでした（ポートを確保できません）。もう一度実行してください。",
            message_en="OPA could not be started (no free port). Run again.",
        )


def _wait_healthy(
    process: subprocess.Popen[bytes],
    endpoint: Endpoint,
    timeout: float,
    log: Path,
    staged_as: tuple[Path, Path],
) -> bool:
    """True once OPA answers /health with its bundle active; False if the port was taken.

    `staged_as` maps the temporary bundle folder back to the policies folder, so an error
    names the file the author edits, not its copy.
    """
    client = make_client(endpoint, EngineSettings(timeout=1.0, retries=0))
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                output = log.read_text(encoding="utf-8", errors="replace").replace(
                    str(staged_as[0]), str(staged_as[1])
                )
                if "address already in use" in output:
                    return False
                raise EngineError(
                    code="opa-start-failed",
                    message_ja=f"OPA が起動時に停止しました。方針（policies/）に誤りがある可能性があります：{_last_lines(output)}",
                    message_en=f"OPA stopped while starting; the policies may have an error: {_last_lines(output)}",
                )
            if client.check_health(query={"bundles": "true"}):
                return True
            time.sleep(0.01)
    finally:
        client.close_connection()
    raise EngineError(
        code="opa-timeout",
        message_ja=f"OPA が {timeout:.0f} 秒以内に準備できませんでした。",
        message_en=f"OPA did not become ready within {timeout:.0f} s.",
    )


def _last_lines(text: str, count: int = 5) -> str:
    return " / ".join(line.strip() for line in text.strip().splitlines()[-count:]) or "-"


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=3)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=3)
