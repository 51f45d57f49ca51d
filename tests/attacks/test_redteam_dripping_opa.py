"""Red team: an OPA answer that never ends held casegate past --deadline, for ever.

`--deadline` bounds the whole evaluation, and the decision that ran out of time is reported. But the
request itself went on: its timeout is per read, and an answer that sends a byte every 0.3 s never
times out. casegate then waited for the worker thread, in the evaluation's clean-up (one batch: it
thought nothing was in flight) and again at exit (Python joins a thread pool's workers). A central
OPA, a proxy or anything on the path that answers this way held the pipeline until its job was
killed. The requests now run on threads that never hold the process.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from support.fake_opa import dripping, every_case_passes, serving
from support.paths import OPA, VARIANTS


def _check_with_deadline(port: int, tmp_path: Path) -> tuple[subprocess.CompletedProcess[str] | None, float]:
    """`casegate check --deadline 2 --opa-url` against the OPA on `port`: what it gave (None if it
    still ran 25 s later) and how long it took."""
    env = {**os.environ, "CASEGATE_OPA": str(OPA)}
    started = time.monotonic()
    try:
        done: subprocess.CompletedProcess[str] | None = subprocess.run(
            [
                *(sys.executable, "-m", "casegate", "check", "--lang", "en"),
                *("--deadline", "2", "--timeout", "1", "--opa-url", f"http://127.0.0.1:{port}"),
                str(VARIANTS / "server-abroad.json"),
            ],
            capture_output=True,
            text=True,
            timeout=25,
            cwd=tmp_path,
            env=env,
        )
    except subprocess.TimeoutExpired:
        done = None
    return done, time.monotonic() - started


def test_an_answer_that_never_ends_stops_at_the_deadline(tmp_path: Path) -> None:
    with dripping() as (port, connections):
        done, elapsed = _check_with_deadline(port, tmp_path)
    assert connections  # the answer really was asked for
    assert done is not None, f"casegate still ran {elapsed:.0f} s after a 2 s deadline"
    assert done.returncode == 3, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert elapsed < 15


@contextmanager
def decides_then_drips() -> Iterator[tuple[int, list[str]]]:
    """A central OPA that answers the decision (every case passes) and drips every other answer."""
    stop = threading.Event()
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            data = every_case_passes(self.rfile.read(int(self.headers["Content-Length"])), "r")
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            with contextlib.suppress(OSError):
                while not stop.wait(0.3):
                    self.wfile.write(b"1\r\n \r\n")
                    self.wfile.flush()

        def log_message(self, format: str, *args: object) -> None:
            pass

    with serving(Handler) as port:
        try:
            yield port, asked
        finally:
            stop.set()  # the dripping answers end before the server is shut down


def test_a_central_api_answer_that_never_ends_stops_in_time(tmp_path: Path) -> None:
    """After the decisions, the central OPA's own API is asked (config, health, status): bounded too."""
    with decides_then_drips() as (port, asked):
        done, elapsed = _check_with_deadline(port, tmp_path)
    assert asked  # the decisions were answered; the API was asked
    assert done is not None, f"casegate still ran {elapsed:.0f} s after asking {asked}"
    assert done.returncode == 3, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
