"""Who may talk to the server: the holder of the token, through 127.0.0.1, and nobody else.

Every request is checked here before any route runs, so a refused request reads and writes
nothing. The page and its two files carry the token in their URL (`?token=`), the API in a header,
which a page of another origin cannot set; a Host naming anything but this machine (a DNS-rebinding
page) is refused. No cookie: a browser sends 127.0.0.1's cookies to every port of 127.0.0.1, so a
server another user runs on another port would receive it. The URL is kept out of Referer headers.
"""

from __future__ import annotations

import hmac
from urllib.parse import parse_qs, quote

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from casegate.messages import serve as messages

HEADER = b"x-casegate-token"

_SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]


def same(given: str | None, token: str) -> bool:
    """Constant-time comparison, so the time of a refusal says nothing about the token."""
    if given is None:
        return False
    return hmac.compare_digest(given.encode("utf-8", "replace"), token.encode("utf-8"))


class TokenGuard:
    """ASGI middleware: refuse (403) any request without the token or from a foreign Host."""

    def __init__(self, app: ASGIApp, token: str, port: int, ticket: str | None = None) -> None:
        self.app = app
        self.token = token
        self.hosts = {f"127.0.0.1:{port}".encode(), f"localhost:{port}".encode()}
        # A one-time stand-in for the token, for the URL given to the browser on its command line,
        # which other users of the PC can read (ps, /proc): used once, it opens nothing more.
        self.ticket = ticket

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":  # no websockets here
            return
        headers = dict(scope["headers"])
        path: str = scope["path"]
        if headers.get(b"host") not in self.hosts:
            await _refuse(send, "host")
            return
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        ticket = query.get("ticket", [None])[0]
        if path == "/" and scope["method"] == "GET" and ticket is not None:
            if self.ticket is not None and same(ticket, self.ticket):
                self.ticket = None
                await _exchange(send, self.token, query)
            else:
                await _refuse(send, "token")
            return
        if path.startswith("/api/"):
            given = headers.get(HEADER, b"").decode("latin-1") or None
        else:
            given = query.get("token", [None])[0]
        if not same(given, self.token):
            await _refuse(send, "token")
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *_SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)


async def _exchange(send: Send, token: str, query: dict[str, list[str]]) -> None:
    """The browser's one-time ticket: on to the page with the token (the case kept)."""
    case = query.get("case", [None])[0]
    location = f"/?token={quote(token)}" + (f"&case={quote(case, safe='/')}" if case else "")
    await send(
        {
            "type": "http.response.start",
            "status": 303,
            "headers": [(b"location", location.encode()), *_SECURITY_HEADERS],
        }
    )
    await send({"type": "http.response.body", "body": b""})


# Before the page is open nobody has chosen a language: both, one line each.
_REFUSALS = {
    why: "".join(f"{line}\n" for line in message.text())
    for why, message in (("token", messages.FORBIDDEN_TOKEN), ("host", messages.FORBIDDEN_HOST))
}


async def _refuse(send: Send, why: str) -> None:
    body = _REFUSALS[why].encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": 403,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *_SECURITY_HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
