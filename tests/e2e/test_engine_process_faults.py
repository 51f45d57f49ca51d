"""Faults of the engine process and of the connection: exit 3 (or 130), one line, never a pass.

unit/test_engine_faults.py covers the answers a fake OPA can give (500, 401, not JSON, wrong shapes).
This file covers what is left: connections that break in the middle of an answer, how many
requests a fault costs (retries are bounded), the whole run's deadline, a real OPA killed while
the run is in progress, and Ctrl-C, SIGTERM and SIGKILL of the real `casegate check` process,
after which no OPA may be left behind.
"""

from __future__ import annotations

import copy
import functools
import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import casegate.commands.check
import casegate.core.run
from casegate.engine.endpoint import EngineSettings
from support.fake_opa import Script, fake_opa
from support.paths import REPO

CASEGATE = Path(sys.executable).parent / "casegate"


def _write_cases(folder: Path, seed: dict, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        case = copy.deepcopy(seed)
        case["case_id"] = f"fault-{index:05d}"
        (folder / f"case-{index:05d}.json").write_text(json.dumps(case, ensure_ascii=False), "utf-8")
    return folder


def _answer_for(count: int) -> bytes:
    """A well-formed batch answer that holds a (clean) decision for the keys 0 .. count-1."""
    results = {str(key): {"violations": [], "warnings": []} for key in range(count)}
    policy = {"version": "v", "bundles": {"casegate": "v+gabc"}}
    return json.dumps({"result": {"policy": policy, "results": results}}).encode()


def _small_batches(monkeypatch: pytest.MonkeyPatch, cases: int = 1) -> None:
    """Make the CLI send `cases` cases a request, so that a run takes many requests."""
    monkeypatch.setattr(
        casegate.commands.check, "EngineSettings", functools.partial(EngineSettings, batch_cases=cases)
    )


def _json(result) -> dict:
    return json.loads(result.stdout)


# --- the whole run's deadline ----------------------------------------------------------------------


def test_deadline_stops_a_run_of_slow_but_timely_answers(run_cli, tmp_path, seed_case, monkeypatch):
    """Each answer comes within --timeout, but together they overrun --deadline: exit 3, not a pass."""
    folder = _write_cases(tmp_path / "cases", seed_case, 12)
    _small_batches(monkeypatch)
    script = Script(body=_answer_for(12), delay=0.1)
    with fake_opa(script) as url:
        started = time.monotonic()
        result = run_cli(
            "check", "--opa-url", url, "--timeout", "1", "--deadline", "0.35", "--format", "json",
            "--lang", "en", str(folder),
        )  # fmt: skip
        elapsed = time.monotonic() - started
    assert result.exit_code == 3, result.output
    report = _json(result)
    assert report["engine_error"]["code"] == "opa-timeout"
    assert "0.35 s deadline" in report["engine_error"]["message"]
    assert report["summary"]["pass"] == 0
    assert {case["verdict"] for case in report["cases"]} == {"error"}
    assert script.requests < 12  # it stopped asking
    assert elapsed < 2.5


def test_without_the_deadline_the_same_run_passes(run_cli, tmp_path, seed_case, monkeypatch):
    """The control for the test above: the answers are good, only the deadline made it fail.

    Good answers from a fake server are still not a pass: it cannot show through OPA's API that a
    signed bundle decided. What matters here is that the run got past every batch to that check.
    """
    folder = _write_cases(tmp_path / "cases", seed_case, 12)
    _small_batches(monkeypatch)
    script = Script(body=_answer_for(12), delay=0.02)
    with fake_opa(script) as url:
        result = run_cli("check", "--opa-url", url, "--timeout", "1", "--format", "json", str(folder))
    assert result.exit_code == 3, result.output
    assert _json(result)["engine_error"]["code"] == "bundle-not-signed"
    assert script.requests >= 12  # one request per case: the batches really were small


def test_deadline_is_a_usage_error_when_not_positive(run_cli):
    result = run_cli("check", "--deadline", "0", "cases/")
    assert result.exit_code == 2
    assert "--deadline" in result.stderr


# --- answers that break off -----------------------------------------------------------------------


@dataclass
class Broken:
    """A fake OPA on a raw socket: reads the whole request, then breaks the answer in one way."""

    mode: str
    connections: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, conn: socket.socket) -> None:
        if self.mode == "reset":  # RST instead of an answer (SO_LINGER 0, then close)
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        elif self.mode == "close-mid-body":  # promises 1000 bytes, sends 12, hangs up
            conn.sendall(
                b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"result": {'
            )
        elif self.mode == "truncated-json":  # a complete HTTP answer whose JSON stops halfway
            body = b'{"result": {"results": {"0": {"violations": [], "warn'
            head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
            conn.sendall(head % len(body) + body)
        elif self.mode == "not-http":  # something else listens on the port
            conn.sendall(b"SSH-2.0-OpenSSH_9.6\r\n")
        # "hang-up": close without a word


def _read_request(conn: socket.socket) -> None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        (
            int(line.split(b":")[1])
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length")
        ),
        0,
    )
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            return
        body += chunk


@contextmanager
def broken_opa(fake: Broken) -> Iterator[str]:
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.05)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except (TimeoutError, OSError):
                continue
            with fake.lock:
                fake.connections += 1
            with conn:
                conn.settimeout(5)
                _read_request(conn)
                fake.answer(conn)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(timeout=2)
        server.close()


@pytest.mark.parametrize(
    ("mode", "code", "words"),
    [
        ("reset", "opa-connection-lost", "broke before the answer was complete"),
        ("hang-up", "opa-connection-lost", "broke before the answer was complete"),
        ("not-http", "opa-connection-lost", "broke before the answer was complete"),
        ("close-mid-body", "opa-connection-lost", "broke before the answer was complete"),
        ("truncated-json", "opa-bad-response", "not JSON"),
    ],
    ids=["reset", "hang-up", "not-http", "close-mid-body", "truncated-json"],
)
def test_an_answer_that_breaks_off_is_exit_3_after_one_request(run_cli, mode, code, words):
    fake = Broken(mode)
    with broken_opa(fake) as url:
        result = run_cli("check", "--opa-url", url, "--format", "json", "--lang", "en", "cases/")
    assert result.exit_code == 3, result.output
    report = _json(result)
    assert report["engine_error"]["code"] == code
    message = report["engine_error"]["message"]
    assert words in message
    assert "\n" not in message and "Traceback" not in result.output
    assert report["summary"]["pass"] == 0
    # A POST that reached OPA is never sent again: OPA may have seen it (retries are for GETs).
    assert fake.connections == 1


@pytest.mark.parametrize(
    ("script", "extra", "code"),
    [
        (Script(status=500, body=b'{"message": "boom"}'), (), "opa-http-error"),
        (Script(status=502, body=b"bad gateway"), (), "opa-http-error"),
        (Script(status=401, body=b"{}"), (), "opa-unauthorized"),
        (Script(delay=1.0), ("--timeout", "0.2"), "opa-timeout"),
        (Script(body=b"not json"), (), "opa-bad-response"),
    ],
    ids=["500", "502", "401", "slower-than-timeout", "not-json"],
)
def test_each_fault_costs_one_request_and_the_text_says_it_in_one_line(run_cli, script, extra, code):
    """Retries are bounded: a POST is not retried, whatever went wrong (urllib3 retries 5xx
    only for idempotent methods), so a fault costs exactly one request and the run ends."""
    with fake_opa(script) as url:
        result = run_cli("check", "--opa-url", url, "--lang", "en", *extra, "cases/")
    assert result.exit_code == 3, result.output
    assert script.requests == 1
    engine_lines = [line for line in result.stdout.splitlines() if "Policy engine (OPA) error" in line]
    assert len(engine_lines) == 1, result.stdout  # the cause, in one line of the text report
    assert "1 case(s): 0 passed, 0 failed, 1 error(s)" in result.stdout
    with fake_opa(script) as url:  # the same fault, read by a machine
        report = _json(run_cli("check", "--opa-url", url, "--format", "json", *extra, "cases/"))
    assert report["engine_error"]["code"] == code


# --- a real OPA killed while the run is in progress -------------------------------------------------


def _children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []


def _opa_children(pid: int) -> list[int]:
    found = []
    for child in _children(pid):
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")
        except (FileNotFoundError, ProcessLookupError):  # a short-lived child (git, `opa version`) exited
            continue
        if command[0].endswith(b"opa") and b"--server" in command:
            found.append(child)
    return found


def _gone(pid: int, within: float = 5.0) -> bool:
    """True once `pid` has exited (a zombie nobody reaps counts as gone: it runs no more)."""
    stop = time.monotonic() + within
    while time.monotonic() < stop:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.02)
    return False


needs_proc = pytest.mark.skipif(
    not Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").exists(),
    reason="needs Linux /proc/<pid>/task/<pid>/children",
)


@needs_proc
def test_opa_killed_mid_run_is_exit_3_never_a_pass(run_cli, tmp_path, seed_case, monkeypatch):
    """The local OPA dies (SIGKILL) after it judged the first batch: the rest cannot be judged."""
    folder = _write_cases(tmp_path / "cases", seed_case, 8)
    _small_batches(monkeypatch)
    killed: list[int] = []
    real_evaluate = casegate.core.run.evaluate

    class KilledAfterTheFirstBatch:
        """The real run's batches; OPA is killed once the first has been placed."""

        def __init__(self, judging):
            self.judging = judging

        def __iter__(self):
            for batch in self.judging:
                yield batch
                if not killed:
                    killed.extend(_opa_children(os.getpid()))
                    for pid in killed:
                        os.kill(pid, signal.SIGKILL)

        def close(self):
            self.judging.close()

        @property
        def evaluation(self):
            return self.judging.evaluation

    def evaluate_then_kill(*args, **kwargs):
        return KilledAfterTheFirstBatch(real_evaluate(*args, **kwargs))

    monkeypatch.setattr(casegate.core.run, "evaluate", evaluate_then_kill)
    result = run_cli("check", "--format", "json", "--lang", "en", str(folder))
    assert len(killed) == 1  # it was the real, local OPA
    assert result.exit_code == 3, result.output
    report = _json(result)
    assert report["engine_error"]["code"] in ("opa-connection-lost", "opa-unreachable")
    assert "\n" not in report["engine_error"]["message"]
    # Even the cases judged before OPA died are errors: a run OPA did not finish is not a pass.
    assert report["summary"] == {"cases": 8, "pass": 0, "fail": 0, "error": 8, "warnings": 0}
    assert _gone(killed[0])


# --- Ctrl-C, SIGTERM and SIGKILL of the real casegate process ----------------------------------------


@pytest.fixture(scope="module")
def many_cases(tmp_path_factory, seed_case) -> Path:
    """Enough cases that `casegate check` takes a moment (~1 s) after OPA has started."""
    return _write_cases(tmp_path_factory.mktemp("signals") / "cases", seed_case, 600)


def _start_check(folder: Path) -> tuple[subprocess.Popen[bytes], int]:
    """Start the real `casegate check` and wait for its OPA child; returns both."""
    return _start_casegate("check", str(folder), "--as-of", "2026-11-27")


def _start_casegate(*args: str, temp: Path | None = None) -> tuple[subprocess.Popen[bytes], int]:
    """Start the real `casegate ARGS` (temp folders in `temp`) and wait for an OPA child."""
    # CASEGATE_OPA stays: casegate never looks in .tools/bin, so the pinned OPA is named.
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEGATE_") or k == "CASEGATE_OPA"}
    if temp is not None:
        env["TMPDIR"] = str(temp)
    process = subprocess.Popen(
        [str(CASEGATE), *args], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env
    )
    stop = time.monotonic() + 20
    while time.monotonic() < stop and process.poll() is None:
        found = _opa_children(process.pid)
        if found:
            return process, found[0]
        time.sleep(0.005)
    process.kill()
    process.wait()
    pytest.fail(f"casegate never started OPA: {process.stderr.read().decode() if process.stderr else ''}")


@needs_proc
@pytest.mark.slow  # ~0.3-0.8 s each: the real command, its real OPA, and a run to interrupt
@pytest.mark.parametrize(
    ("sent", "after"),
    [
        (signal.SIGINT, 0.0),  # as soon as OPA exists (it may not even be healthy yet)
        (signal.SIGINT, 0.4),  # in the middle of the evaluation
        (signal.SIGTERM, 0.0),
        (signal.SIGTERM, 0.4),
    ],
    ids=["sigint-at-start", "sigint-mid-run", "sigterm-at-start", "sigterm-mid-run"],
)
def test_interrupted_check_exits_130_and_leaves_no_opa(many_cases, sent, after):
    process, opa = _start_check(many_cases)
    time.sleep(after)
    assert process.poll() is None, "the run ended before the signal; give it more cases"
    process.send_signal(sent)
    _, stderr = process.communicate(timeout=15)
    assert process.returncode == 130, stderr.decode()
    assert "interrupted" in stderr.decode()
    assert "Traceback" not in stderr.decode()
    assert _gone(opa), f"OPA {opa} outlived casegate"


@needs_proc
@pytest.mark.slow  # ~0.5 s each: the real command, its real OPA, and a run to interrupt
@pytest.mark.parametrize("sent", [signal.SIGINT, signal.SIGTERM], ids=["sigint", "sigterm"])
def test_interrupted_impact_exits_130_and_leaves_no_opa_or_temp_folder(many_cases, sent, tmp_path):
    """impact runs two judgements (two OPAs, an exported policy tree): a signal stops them all."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    process, opa = _start_casegate(
        "impact", "--base", "HEAD", "--as-of", "2027-07-01", str(many_cases), temp=temp
    )
    process.send_signal(sent)
    _, stderr = process.communicate(timeout=15)
    assert process.returncode == 130, stderr.decode()
    assert "interrupted" in stderr.decode()
    assert "Traceback" not in stderr.decode()
    assert _gone(opa), f"OPA {opa} outlived casegate impact"
    assert list(temp.iterdir()) == []


@needs_proc
@pytest.mark.slow  # ~0.4 s: the real command and its real OPA
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux only")
def test_sigkill_of_casegate_leaves_no_opa(many_cases):
    """SIGKILL runs no handler; the kernel kills OPA because the engine set PR_SET_PDEATHSIG."""
    process, opa = _start_check(many_cases)
    time.sleep(0.2)
    bundle = _bundle_folder(opa)
    process.kill()
    process.wait(timeout=5)
    assert process.returncode == -signal.SIGKILL
    assert _gone(opa), f"OPA {opa} outlived a killed casegate"
    # A killed process cleans nothing up: remove the staged bundle it left in the temp folder.
    if bundle is not None and bundle.parent.name.startswith("casegate-"):
        shutil.rmtree(bundle.parent, ignore_errors=True)


def _bundle_folder(opa: int) -> Path | None:
    command = Path(f"/proc/{opa}/cmdline").read_bytes().split(b"\0")
    if b"--bundle" not in command:
        return None
    return Path(command[command.index(b"--bundle") + 1].decode())
