"""Red team: a program that takes the private OPA's port first answers in its place.

casegate probes a free port and then starts OPA on it. Another program on the machine that binds
that port in between (OPA needs ~0.2 s to load the bundle before it binds) makes OPA stop with
"address already in use", but until then casegate's health check reached the squatter, which
answered "healthy", and the cases were sent to it. It can answer every case "no violation" with the
staged bundle's revision, which anyone who can read the policies can compute. casegate now uses a
port only once it has seen that the OPA it started holds it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from casegate.engine import local
from casegate.engine.bundle import policy_revision
from casegate.errors import EngineError
from support.fake_opa import every_case_passes, serving
from support.paths import REPO, VARIANTS


@contextmanager
def squatter() -> Iterator[tuple[int, list[str]]]:
    """An OPA look-alike on 127.0.0.1: healthy, and every case it is sent passes."""
    revision = policy_revision(REPO / "policies")
    posts: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self._send({})

        def do_POST(self) -> None:
            posts.append(self.path)
            self._write(every_case_passes(self.rfile.read(int(self.headers["Content-Length"])), revision))

        def _send(self, document: object) -> None:
            self._write(json.dumps(document).encode())

        def _write(self, data: bytes) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            pass

    with serving(Handler) as port:
        yield port, posts


def test_a_squatted_port_never_judges_a_case(
    run_cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    probe = local._free_port
    with squatter() as (port, posts):
        ports = iter([port])
        monkeypatch.setattr(local, "_free_port", lambda: next(ports, None) or probe())
        result = run_cli("check", "--lang", "en", str(VARIANTS / "server-abroad.json"))
    assert posts == []  # no case reached the squatter
    assert result.exit_code == 1, result.output  # the real OPA judged: the case fails
    assert "domestic-location-foreign" in result.stdout


def test_a_port_always_squatted_is_an_engine_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from casegate.engine.endpoint import EngineSettings
    from support.paths import OPA

    with squatter() as (port, posts):
        monkeypatch.setattr(local, "_free_port", lambda: port)
        with pytest.raises(EngineError) as caught, local.local_opa(OPA, REPO / "policies", EngineSettings()):
            pass
    assert posts == []
    assert caught.value.code == "opa-port-taken"
    assert str(port) in caught.value.message_en


def test_a_port_whose_holder_cannot_be_seen_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the system will not say who holds the port, casegate fails closed (and names --opa-url)."""
    import psutil

    from casegate.engine.endpoint import EngineSettings
    from support.paths import OPA

    def refused(pid: int) -> psutil.Process:
        raise psutil.AccessDenied(pid)

    monkeypatch.setattr(psutil, "Process", refused)
    with pytest.raises(EngineError) as caught, local.local_opa(OPA, REPO / "policies", EngineSettings()):
        pytest.fail("a port nobody could vouch for was used")
    assert caught.value.code == "opa-start-failed"
    assert "--opa-url" in caught.value.message_en


def _gone(process: object) -> None:
    """Wait until a killed child can be reaped, without reaping it (casegate's Popen must see it go).

    Not psutil's status: a Go program's main thread shows as a zombie before its other threads
    have exited, and only then can its parent reap it.
    """
    import psutil

    assert isinstance(process, psutil.Process)
    os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)


def test_an_opa_that_stops_during_the_run_voids_the_run() -> None:
    """Once OPA has stopped, its port is free for another program: the run's answers do not count."""
    import psutil

    from casegate.engine.endpoint import EngineSettings
    from support.paths import OPA

    with (
        pytest.raises(EngineError) as caught,
        local.local_opa(OPA, REPO / "policies", EngineSettings()) as (endpoint, _),
    ):
        [holder] = [
            child
            for child in psutil.Process().children()
            if endpoint.port in {c.laddr.port for c in child.net_connections()}
        ]
        holder.kill()  # not reaped here: casegate's own Popen must see it go
        _gone(holder)
    assert caught.value.code == "opa-stopped"


def test_serve_stops_giving_verdicts_once_its_opa_has_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    """serve's OPA lives for the whole session: each judgement asks whether it still runs."""
    import datetime as dt

    import psutil

    from casegate.engine.endpoint import EngineSettings
    from casegate.serve.judge import JudgeSettings, running_judge
    from support.paths import OPA

    monkeypatch.setenv("CASEGATE_OPA", str(OPA))
    seed = (REPO / "cases" / "R8-kikaku-tape-hanyaku.json").read_bytes()
    settings = JudgeSettings(
        schema=REPO / "schemas" / "case.schema.json",
        policies=REPO / "policies",
        repo_root=REPO,
        max_bytes=1_000_000,
        engine=EngineSettings(),
        as_of=dt.date(2026, 4, 20),
    )
    with running_judge(settings) as judge:
        assert judge.judge(seed)["verdict"] == "pass"
        [holder] = [
            child
            for child in psutil.Process().children()
            if judge.endpoint.port in {c.laddr.port for c in child.net_connections()}
        ]
        holder.kill()  # not reaped here: casegate's own Popen must see it go
        _gone(holder)
        result = judge.judge(seed)
    assert result["verdict"] == "error"
    assert [finding["rule_id"] for finding in result["findings"]] == ["opa-stopped"]
