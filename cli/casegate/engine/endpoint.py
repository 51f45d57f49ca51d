"""Where the engine is: an OPA's URL, token, CA and proxy checked before anything is sent; the engine's limits.

No message repeats a credential, and a token travels in clear text only to this machine.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from casegate.core import paths
from casegate.errors import InputError
from casegate.messages import engine as messages

if TYPE_CHECKING:  # importing opa_client costs ~0.2-0.4 s; `validate` never needs it
    pass


@dataclass(frozen=True)
class EngineSettings:
    timeout: float = 10.0  # one HTTP request
    retries: int = 2  # opa-python-client's own bounded retries (GETs and connect errors)
    deadline: float = 120.0  # the whole evaluation, however many requests it takes
    startup_timeout: float = 10.0  # a local OPA must be healthy within this
    # Cases per request are cut to keep bodies near this size. Small batches keep OPA's memory
    # low (its heap grows ~60 MB per MB of input in flight) and let loading overlap evaluation; a
    # request on 127.0.0.1 costs ~1 ms, so more of them cost little.
    batch_bytes: int = 1_000_000
    batch_cases: int = 50
    workers: int = 2  # batches evaluated at once, each on its own connection
    # An answer is refused (exit 3) past these: a real decision on a 1 MB batch is a few MB deep
    # 7 levels; anything bigger or deeper is no decision, and would cost memory or recursion.
    max_answer_bytes: int = 64_000_000
    max_answer_depth: int = 32


@dataclass(frozen=True)
class Endpoint:
    host: str  # a name or an IP address; an IPv6 address without brackets ("::1")
    port: int
    tls: bool = False
    token: str | None = field(default=None, repr=False)  # never printed
    ca_file: Path | None = None  # CA bundle that signed the server's certificate (https only)
    proxy: str | None = field(default=None, repr=False)  # --opa-proxy; may hold credentials

    @property
    def netloc_host(self) -> str:
        """The host as a URL writes it: an IPv6 address in brackets (http://[::1]:8181)."""
        return f"[{self.host}]" if ":" in self.host else self.host

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://{self.netloc_host}:{self.port}"


def read_token(token_file: Path | None) -> str | None:
    """The bearer token for a central OPA: from a file, else $CASEGATE_OPA_TOKEN; never an argument.

    A token on the command line would end up in shell history and `ps` output.
    """
    if token_file is not None:
        # casegate.core.paths refuses a FIFO or device at once (reading one would hang or never end).
        token = paths.read_text(token_file, messages.TOKEN_FILE.text(), max_bytes=65_536).strip()
        return token or None
    return os.environ.get("CASEGATE_OPA_TOKEN") or None


def parse_opa_url(
    url: str, token: str | None, ca_file: Path | None = None, proxy: str | None = None
) -> Endpoint:
    """http(s)://host:port of a running OPA; anything else is a usage error (exit 2).

    No message repeats a credential: a URL with user:password@ is refused without echoing it
    (the token has its own, unprinted channel), and a token goes in clear text only to this
    machine. An IPv6 address is written in brackets (http://[::1]:8181). `proxy` is
    --opa-proxy: the only proxy ever used, and never for an OPA on this machine.
    """
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. "http://[::1"
        parts = urlsplit("")
    if "@" in parts.netloc:
        raise InputError.of(messages.OPA_URL_USERINFO)
    try:
        port = parts.port
    except ValueError:  # not a number, or out of range
        port = -1
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.path not in ("", "/")
        or port == -1
    ):
        shown = urlunsplit(parts._replace(query="", fragment="")) or "?"  # a query may hold a secret
        raise InputError.of(messages.OPA_URL_FORM, shown=shown)
    default_port = 443 if parts.scheme == "https" else 80
    if ca_file is not None and parts.scheme != "https":
        raise InputError.of(messages.OPA_CA_WITHOUT_HTTPS)
    if token is not None and parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise InputError.of(messages.TOKEN_OVER_HTTP, host=parts.hostname)
    if proxy is not None:
        proxy = None if _is_loopback(parts.hostname) else _check_proxy(proxy)
    return Endpoint(parts.hostname, port or default_port, parts.scheme == "https", token, ca_file, proxy)


def _check_proxy(proxy: str) -> str:
    """--opa-proxy must be http(s)://host[:port]; the message never repeats it (it may hold a password)."""
    try:
        parts = urlsplit(proxy)
        valid = parts.scheme in ("http", "https") and bool(parts.hostname) and parts.path in ("", "/")
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        valid = False
    if not valid:
        raise InputError.of(messages.OPA_PROXY_FORM)
    return proxy


def _is_loopback(host: str) -> bool:
    """localhost, 127.0.0.0/8 or ::1: the token then never leaves this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name
        return False
