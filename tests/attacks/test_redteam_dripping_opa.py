"""Red team: an OPA answer that never ends held casegate past --deadline, for ever.

`--deadline` bounds the whole evaluation, and the decision that ran out of time is reported. But the
request itself went on: its timeout is per read, and an answer that sends a byte every 0.3 s never
times out. casegate then waited for the worker thread, in the evaluation's clean-up (one batch: it
thought nothing was in flight) and again at exit (Python joins a thread pool's workers). A central
OPA, a proxy or anything on the path that answers this way held the pipeline until its job was
killed. The requests now run on threads that never hold the process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from support.fake_opa import dripping
from support.paths import OPA, VARIANTS


def test_an_answer_that_never_ends_stops_at_the_deadline(tmp_path: Path) -> None:
    env = {**os.environ, "CASEGATE_OPA": str(OPA)}
    with dripping() as (port, connections):
        started = time.monotonic()
        try:
            done = subprocess.run(
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
        elapsed = time.monotonic() - started
    assert connections  # the answer really was asked for
    assert done is not None, f"casegate still ran {elapsed:.0f} s after a 2 s deadline"
    assert done.returncode == 3, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert elapsed < 15
