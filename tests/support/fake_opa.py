"""Fake servers for fault injection only: a fake OPA that answers every request with one scripted
response, and a recorder that keeps what reaches it (a redirect target, a proxy).

Real OPA cannot be made to answer 500 on demand, send garbage or stall; this can. It is never
used to produce a verdict a test then treats as OPA's.
"""

from __future__ import annotations

import http.server
import json
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Script:
    status: int = 200
    body: bytes = b"{}"
    delay: float = 0.0
    content_type: str = "application/json"
    requests: int = 0


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: socket.socket | tuple[bytes, socket.socket], client_address: Any) -> None:
        # A client that gave up (--timeout, --deadline) has closed its end, so the late answer
        # fails. That is the fault under test; printed, it would land in the output of whichever
        # test runs when the sleeping handler wakes up.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@contextmanager
def fake_opa(script: Script) -> Iterator[str]:
    """Serve `script` on 127.0.0.1; yields the URL."""

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            script.requests += 1
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            time.sleep(script.delay)
            self.send_response(script.status)
            self.send_header("Content-Type", script.content_type)
            self.send_header("Content-Length", str(len(script.body)))
            self.end_headers()
            self.wfile.write(script.body)

        do_GET = _answer
        do_POST = _answer

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = _QuietServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Recorder:
    """A fake server that records each request (method, target, headers, body) and answers one way."""

    status: int = 502
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    seen: list[tuple[str, str, dict[str, str], bytes]] = field(default_factory=list)


@contextmanager
def recorder(script: Recorder) -> Iterator[str]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            script.seen.append((self.command, self.path, dict(self.headers), body))
            self.send_response(script.status)
            for name, value in script.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(script.body)))
            self.end_headers()
            self.wfile.write(script.body)

        do_GET = do_POST = do_CONNECT = _answer

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def dripping() -> Iterator[tuple[int, list[int]]]:
    """Listens on 127.0.0.1 and answers every request "200", then a body that never ends (a byte
    every 0.3 s: each read gets something, so no read ever times out). Yields the port and a
    list with an entry per connection."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.1)
    stop = threading.Event()
    connections: list[int] = []

    def drip(conn: socket.socket) -> None:
        with conn:
            try:
                conn.recv(65536)
                conn.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
                while not stop.wait(0.3):
                    conn.sendall(b"1\r\n \r\n")
            except OSError:
                pass

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            connections.append(1)
            threading.Thread(target=drip, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield listener.getsockname()[1], connections
    finally:
        stop.set()
        listener.close()


def every_case_passes(request_body: bytes, revision: str) -> bytes:
    """The answer a hostile server gives a batch request: no finding for any case, under `revision`.

    What the attack tests send back to casegate to see that it never believes it.
    """
    cases = json.loads(request_body)["input"]["cases"]
    results: dict[str, object] = {key: {"violations": [], "warnings": []} for key in cases}
    return json.dumps(
        {"result": {"results": results, "policy": {"version": "x", "bundles": {"casegate": revision}}}}
    ).encode()


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[int]:
    """`handler` serving on 127.0.0.1 in a thread of its own; yields the port."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
