"""A fake OPA for fault injection only: answers every request with one scripted response.

Real OPA cannot be made to answer 500 on demand, send garbage or stall; this can. It is never
used to produce a verdict a test then treats as OPA's.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Script:
    status: int = 200
    body: bytes = b"{}"
    delay: float = 0.0
    content_type: str = "application/json"
    requests: int = 0


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
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
