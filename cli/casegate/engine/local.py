"""The private OPA: started on 127.0.0.1 on the staged bundle, healthy before use, stopped on exit."""

from __future__ import annotations

import contextlib
import functools
import json
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from casegate.engine.bundle import DEFAULT_KEY_ID, StagedBundle, stage_bundle
from casegate.engine.client import engine_error, make_client, within
from casegate.engine.endpoint import Endpoint, EngineSettings
from casegate.engine.opa_binary import opa_environment
from casegate.engine.staging import staging_folder
from casegate.errors import EngineError, InputError
from casegate.messages import engine as messages

if TYPE_CHECKING:  # importing opa_client costs ~0.2-0.4 s; `validate` never needs it
    pass


#: Go's garbage collector at its default (GOGC=100) takes ~25% of OPA's CPU on a batch; at 200
#: it takes less (10,000 cases: ~1 s sooner), but lets OPA's heap grow to three times what is
#: live: 170-200 MiB at the peak, which with casegate's own ~115 MiB at 10,000 cases passed
#: issue #12's 300 MB. GOMEMLIMIT makes Go collect sooner only near 120 MiB: OPA then peaks at
#: 140-150 MiB for 4-12% more of its CPU (docs/performance.md). The environment still wins.
_OPA_ENV = {"GOGC": "200", "GOMEMLIMIT": "120MiB"}


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
            raise InputError.of(messages.BUNDLE_KEY_UNUSED, path=policies, policies=policies)
        return []
    if key is None:
        raise InputError.of(messages.BUNDLE_KEY_MISSING, path=policies, policies=policies)
    return [
        "--verification-key",
        str(key.path),
        "--verification-key-id",
        key.key_id,
        "--signing-alg",
        key.algorithm,
    ]


@dataclass(frozen=True)
class LocalOpa:
    """A started private OPA: where it listens, the revision it loaded, and whether it still runs."""

    endpoint: Endpoint
    revision: str | None
    # True while the OPA seen holding the port runs: while it does, no other program can hold
    # the port, so every answer came from it. A long session (serve) asks after each judgement.
    running: Callable[[], bool]


@contextlib.contextmanager
def local_opa(
    binary: Path, policies: Path, settings: EngineSettings, bundle_key: BundleKey | None = None
) -> Iterator[tuple[Endpoint, str | None]]:
    """A private OPA on 127.0.0.1 serving the staged bundle; stopped on exit, Ctrl-C included.

    Yields the endpoint and the revision of the bundle it loaded. `policies` is a folder
    (staged here) or a signed bundle built by `casegate bundle build` (verified with
    `bundle_key` as OPA loads it).
    """
    with started_opa(binary, policies, settings, bundle_key) as opa:
        yield opa.endpoint, opa.revision
        # The answers count only if the OPA seen holding the port gave all of them: one that
        # stopped during the run freed its port for any program to take.
        if not opa.running():
            raise EngineError.of(messages.OPA_STOPPED_DURING_RUN)


@contextlib.contextmanager
def started_opa(
    binary: Path, policies: Path, settings: EngineSettings, bundle_key: BundleKey | None = None
) -> Iterator[LocalOpa]:
    """local_opa, yielding the LocalOpa itself (for a caller that must ask whether it still runs)."""
    verification = _bundle_flags(policies, bundle_key)
    with staging_folder("opa") as scratch:  # a SIGKILLed run's folder is removed by the next
        if policies.is_file():
            staged = _copy_signed(policies, Path(scratch) / "bundle.tar.gz")
        else:
            staged = stage_bundle(policies, Path(scratch) / "bundle")
        log_path = Path(scratch) / "opa.log"
        squatted: int | None = None  # a port another program held before OPA could bind it
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
                    if staged.revision is None:  # OPA loaded it, but which revision is unknown
                        raise engine_error(messages.NO_BUNDLE_REVISION)
                    yield LocalOpa(endpoint, staged.revision, functools.partial(_running, process))
                    return
                squatted = port  # another program held the port: OPA could not bind it
            finally:
                _stop(process)
        raise EngineError.of(messages.OPA_PORT_SQUATTED, port=squatted)


def _copy_signed(bundle: Path, copy: Path) -> StagedBundle:
    """A private copy of a signed bundle for OPA to load, and the revision its manifest names.

    OPA's API is open to every program on the machine, which can write any manifest into
    data.system.bundles, so the revision the decisions name is not enough: casegate must know
    what it loaded. OPA verifies the signature of this very copy (the file given may change
    after it is read), so the revision read here is the signed one, and the decisions must name
    it (evaluate and central.confirm_local). None if the manifest cannot be read: OPA then
    explains what is wrong with the file, or, if it loads it, the run stops.
    """
    import shutil
    import tarfile

    try:
        shutil.copyfile(bundle, copy)
    except OSError as error:
        why = error.strerror or type(error).__name__
        raise InputError.of(messages.SIGNED_BUNDLE_UNREADABLE, path=bundle, bundle=bundle, why=why) from error
    revision: str | None = None
    with (
        contextlib.suppress(OSError, EOFError, ValueError, tarfile.TarError),
        tarfile.open(copy, "r:gz") as archive,
    ):
        for member in archive:  # every .manifest, the last one winning, as OPA reads them
            if member.isfile() and member.name.lstrip("/").removeprefix("./") == ".manifest":
                stream = archive.extractfile(member)
                manifest = json.loads(stream.read(1_000_000)) if stream is not None else {}
                found = manifest.get("revision") if isinstance(manifest, dict) else None
                revision = found if isinstance(found, str) and found else None
    return StagedBundle(directory=copy, revision=revision)


def _running(process: subprocess.Popen[bytes]) -> bool:
    return process.poll() is None


def _holds_port(pid: int, port: int) -> bool:
    """Whether process `pid` itself listens on 127.0.0.1:`port`.

    Between the probe and OPA's bind (OPA loads the bundle first, ~0.2 s), another program may
    take the port; until OPA then stops, that program answers the health check, and could answer
    every case "no violation" with the staged revision (anyone who reads the policies can compute
    it). So the port is used only once the OPA started here is seen holding it. psutil reads that
    from the system (/proc on Linux, the kernel's process info on macOS and Windows).
    """
    import psutil  # only starting a private OPA needs it (~20 ms to import)

    try:
        connections = psutil.Process(pid).net_connections(kind="tcp4")
    except psutil.NoSuchProcess:  # OPA stopped (the port was taken): not held
        return False
    except (psutil.Error, NotImplementedError, OSError) as error:
        raise EngineError.of(
            messages.OPA_PORT_UNVERIFIABLE, port=port, reason=str(error) or type(error).__name__
        ) from error
    return any(
        connection.status == psutil.CONN_LISTEN and tuple(connection.laddr) == ("127.0.0.1", port)
        for connection in connections
    )


def _wait_healthy(
    process: subprocess.Popen[bytes],
    endpoint: Endpoint,
    timeout: float,
    log: Path,
    staged_as: tuple[Path, Path],
) -> bool:
    """True once OPA answers /health with its bundle active; False if the port was taken.

    Nothing is sent to the port before the OPA started here is seen holding it: whatever else
    holds it could answer the health check one byte at a time, and a timeout per read would
    then wait for ever (the port is on OPA's command line, which every user can read). After
    the health check OPA must still run: while it does, it holds the port, so the answer was
    its own. `staged_as` maps the temporary bundle folder back to the policies folder, so an
    error names the file the author edits, not its copy.
    """
    deadline = time.monotonic() + timeout
    while not _holds_port(process.pid, endpoint.port):
        if process.poll() is not None:
            output = log.read_text(encoding="utf-8", errors="replace").replace(
                str(staged_as[0]), str(staged_as[1])
            )
            if "address already in use" in output:
                return False
            raise EngineError.of(messages.OPA_STOPPED_STARTING, output=_last_lines(output))
        if time.monotonic() >= deadline:
            raise EngineError.of(messages.OPA_NOT_READY, timeout=timeout)
        time.sleep(0.01)
    health = EngineSettings(timeout=1.0, retries=0)
    client = make_client(endpoint, health)
    try:
        while time.monotonic() < deadline:
            # Bounded as a whole (client.within): should OPA stop right after it was seen holding
            # the port, whatever took the port could still answer a byte at a time.
            healthy = within(endpoint, health, lambda: client.check_health(query={"bundles": "true"}))
            # OPA holds the port for as long as it runs: if it still runs, the answer was its own.
            if process.poll() is not None:
                raise EngineError.of(messages.OPA_STOPPED_DURING_RUN)
            if healthy:
                return True
            time.sleep(0.01)
    finally:
        client.close_connection()
    raise EngineError.of(messages.OPA_NOT_READY, timeout=timeout)


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
