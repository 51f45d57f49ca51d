"""Who may talk to the server: the holder of the token, through 127.0.0.1, and nobody else.

Every request is checked here before any route runs, so a refused request reads and writes
nothing. The token arrives once in the URL the command prints; the first page load turns it into
an HttpOnly, SameSite=Strict cookie and redirects to a URL without it (so it does not stay in the
address bar or reach a Referer). The API additionally wants the token in a header, which a page of
another origin cannot set, and a Host naming this machine, which a DNS-rebinding page cannot give.
"""

from __future__ import annotations

import hmac
from http.cookies import SimpleCookie
from urllib.parse import parse_qs

from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE = "casegate_token"
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
        # A one-time stand-in for the token, for the URL given to the browser on its command line,
        # which other users of the PC can read (ps, /proc): used once, it opens nothing more.
        self.ticket = ticket
        self.hosts = {f"127.0.0.1:{port}".encode(), f"localhost:{port}".encode()}

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
        in_url = query.get("token", [None])[0]
        ticket = query.get("ticket", [None])[0]
        if path == "/" and scope["method"] == "GET" and ticket is not None:
            if self.ticket is not None and same(ticket, self.ticket):
                self.ticket = None
                await _enter(send, self.token, scope)
            else:
                await _refuse(send, "token")
            return
        if path == "/" and scope["method"] == "GET" and in_url is not None:
            if same(in_url, self.token):
                await _enter(send, self.token, scope)
            else:
                await _refuse(send, "token")
            return
        if path.startswith("/api/"):
            allowed = same(headers.get(HEADER, b"").decode("latin-1") or None, self.token)
        else:
            allowed = same(_cookie(headers.get(b"cookie", b"")), self.token)
        if not allowed:
            await _refuse(send, "token")
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *_SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)


def _cookie(raw: bytes) -> str | None:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw.decode("latin-1"))
    except Exception:  # noqa: BLE001 - a malformed Cookie header is simply no token
        return None
    morsel = jar.get(COOKIE)
    return morsel.value if morsel is not None else None


async def _enter(send: Send, token: str, scope: Scope) -> None:
    """The printed URL: set the cookie and go to the same page without the token in the URL."""
    rest = [
        (key, value)
        for key, values in parse_qs(scope.get("query_string", b"").decode("latin-1")).items()
        if key == "case"
        for value in values[:1]
    ]
    location = "/" + (f"?case={_quote(rest[0][1])}" if rest else "")
    cookie = f"{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/"
    await send(
        {
            "type": "http.response.start",
            "status": 303,
            "headers": [
                (b"location", location.encode()),
                (b"set-cookie", cookie.encode()),
                *_SECURITY_HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": b""})


def _quote(value: str) -> str:
    from urllib.parse import quote

    return quote(value, safe="/")


_REFUSALS = {
    "token": (
        "このページを開く権限がありません。casegate serve が表示した URL（token= を含む）から開いてください。\n"
        "Forbidden: open the URL casegate serve printed (it carries token=).\n"
    ),
    "host": (
        "このアドレスでは使えません。casegate serve が表示した http://127.0.0.1:… の URL から開いてください。\n"
        "Forbidden: use the http://127.0.0.1:… URL casegate serve printed.\n"
    ),
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
