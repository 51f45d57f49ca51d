"""Talking to an OPA through opa-python-client: hardened sessions, bounded answers, redacted errors.

All HTTP goes through opa-python-client's session (its connections, token and retries, hardened
here). The decision is asked with a POST on that session rather than query_rule, whose json=
would encode every case again in pure Python: the request body is the cases' own bytes, encoded
once as they were read. Whatever goes wrong — no answer, a slow answer, an error status, a
redirect, an answer too big or too deep — raises EngineError: never a pass.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

import orjson

from casegate.core.fast_json import nested_deeper_than
from casegate.core.read import nesting_depth
from casegate.engine.endpoint import Endpoint, EngineSettings
from casegate.errors import EngineError
from casegate.messages import Message
from casegate.messages import engine as messages

if TYPE_CHECKING:  # importing opa_client costs ~0.2-0.4 s; `validate` never needs it
    from opa_client import OpaClient


#: The decision every case is judged by (policies/casegate/main.rego).
DECISION_PACKAGE = "casegate.main"


DECISION_RULE = "batch"


def _client_class() -> type[OpaClient]:
    """opa-python-client's OpaClient, without the rest of its package unless something asks for it.

    The package's __init__ also imports its asyncio client, and with it aiohttp: about half of
    the package's ~0.37 s import, in every run with one case, for a client casegate never uses.
    The package module is created here without running its __init__; the first lookup of a name
    it lacks (AsyncOpaClient, …) runs the __init__ after all, so any other importer still gets
    the whole package.
    """
    if "opa_client" not in sys.modules:
        spec = importlib.util.find_spec("opa_client")
        if spec is not None and spec.loader is not None and spec.submodule_search_locations is not None:
            package = importlib.util.module_from_spec(spec)
            loader = spec.loader

            def complete(name: str) -> Any:
                package.__dict__.pop("__getattr__", None)  # once: the real __init__ defines the rest
                loader.exec_module(package)
                return getattr(package, name)

            package.__getattr__ = complete  # type: ignore[method-assign]
            sys.modules["opa_client"] = package
    from opa_client.opa import OpaClient as client_class

    found: type[OpaClient] = client_class
    return found


def make_client(endpoint: Endpoint, settings: EngineSettings) -> OpaClient:
    client = _client_class()(
        host=endpoint.netloc_host,  # opa-python-client writes the host into its URLs as it is
        port=endpoint.port,
        ssl=endpoint.tls,
        token=endpoint.token,
        timeout=settings.timeout,
        retries=settings.retries,
    )
    if endpoint.ca_file is not None:
        # opa-python-client 3.0.0 has no CA-path argument. A session's `verify` is not enough:
        # requests lets $REQUESTS_CA_BUNDLE / $CURL_CA_BUNDLE (set on many machines) override it,
        # so the CA is given to the transport adapter, which nothing from the environment reaches.
        from requests import PreparedRequest, Response
        from requests.adapters import HTTPAdapter

        ca_file = str(endpoint.ca_file)

        class _PinnedCa(HTTPAdapter):
            def send(
                self,
                request: PreparedRequest,
                stream: bool = False,
                timeout: float | tuple[float | None, float | None] | None = None,
                verify: bool | str = True,
                cert: str | tuple[str, str] | None = None,
                proxies: dict[str, str] | None = None,
            ) -> Response:
                return super().send(request, stream, timeout, ca_file, cert, proxies)

        client._session.verify = ca_file
        retries = client._session.get_adapter("https://").max_retries
        client._session.mount("https://", _PinnedCa(max_retries=retries))
    _harden(client, endpoint)  # redirects are refused before the body is read
    client._session.hooks["response"].append(_bounded_answer(settings))
    return client


def _harden(client: OpaClient, endpoint: Endpoint) -> None:
    """Only casegate's own settings decide where the cases and the token go.

    requests would otherwise take proxies (HTTP_PROXY, even for 127.0.0.1 unless NO_PROXY says
    so), credentials (.netrc) and CA bundles from the environment, and follow redirects,
    re-sending a POST's body (every case) to whatever host a 307 names. Here the environment
    is ignored, the only proxy is --opa-proxy (never for this machine: parse_opa_url drops it),
    and any 3xx stops the run before a second request is made.
    """
    session = client._session
    session.trust_env = False
    session.proxies = {"http": endpoint.proxy, "https": endpoint.proxy} if endpoint.proxy else {}
    session.max_redirects = 0  # a second line of defence; the hook below stops the first 3xx

    def refuse_redirect(response: Any, *args: Any, **kwargs: Any) -> Any:
        if 300 <= response.status_code < 400:
            raise _redirect_error(endpoint, response)
        return response

    session.hooks["response"].append(refuse_redirect)


def _redirect_error(endpoint: Endpoint, response: Any) -> EngineError:
    """Exit 3 naming where OPA wanted to send the request (without its query, which may hold a secret)."""
    from urllib.parse import urljoin

    location = str(response.headers.get("Location") or "")
    if location:
        try:
            target_parts = urlsplit(urljoin(str(response.url), location))
            host = target_parts.hostname or "?"
            host = f"[{host}]" if ":" in host else host
            port = f":{target_parts.port}" if target_parts.port else ""
            target = f"{target_parts.scheme}://{host}{port}{target_parts.path}"
        except ValueError:
            target = "?"
    else:
        target = "-"
    target = _printable(target)[:200]
    return engine_error(messages.OPA_REDIRECT, url=endpoint.url, target=target, status=response.status_code)


def _printable(text: str) -> str:
    """Control characters as visible escapes: what a server sends must not forge an output line."""
    return "".join(char if char.isprintable() else ascii(char)[1:-1] for char in text)


_SECRET_PATTERNS = (
    # "Authorization: Bearer x", "authorization": "Basic x", Proxy-Authorization …
    re.compile(r"(?i)(authorization[\"']?\s*[:=]\s*[\"']?(?:bearer\s+|basic\s+|token\s+)?)[^\s\"',;}]+"),
    re.compile(r"(?i)(bearer\s+)[^\s\"',;}]+"),
    re.compile(r"(?i)((?:access_|api_|id_)?token[\"']?\s*[:=]\s*[\"']?)[^\s\"',;}]+"),
)


#: How much of an error body is shown, and how much of it is read to redact it first.
SHOWN_CHARS = 300


_REDACTED_CHARS = 1_000_000


def redact(text: str, token: str | None, limit: int = SHOWN_CHARS) -> str:
    """`text` (an error body from OPA, or what a proxy said) with credentials replaced by ***,
    then cut to `limit` characters.

    The token itself wherever it appears, and any Authorization header or token=… value, in
    case the server echoes the request it refused. Redacted before it is cut: a cut through
    the token would leave a prefix that no longer matches it, and that prefix would be shown.
    """
    text = text[:_REDACTED_CHARS]
    if token:
        text = text.replace(token, "***")
    for pattern in _SECRET_PATTERNS:
        text = pattern.sub(r"\1***", text)
    return _printable(text)[:limit]


def _bounded_answer(settings: EngineSettings) -> Callable[..., Any]:
    """A requests hook reading at most max_answer_bytes of an answer, and refusing a deep one.

    requests calls response hooks before it reads the body, so the body is read here, bounded,
    instead of whole: an OPA (or whatever answers in its place) cannot exhaust memory, and a
    deeply nested answer is refused before json's recursive parser sees it.
    """
    limit = settings.max_answer_bytes

    def hook(response: Any, *args: Any, **kwargs: Any) -> Any:
        declared = response.headers.get("Content-Length", "")
        too_large = engine_error(messages.OPA_ANSWER_TOO_LARGE, limit=limit)
        if declared.isdigit() and int(declared) > limit:
            response.close()
            raise too_large
        # iter_content turns a broken or undecodable body into requests' own errors, which
        # _query reports; the chunks stop one past the limit however much is sent.
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_content(chunk_size=1 << 16):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                response.close()
                raise too_large
        body = b"".join(chunks)
        response._content = body
        response._content_consumed = True
        try:  # in C, without recursion; the answer (and only it) is kept for query_decision
            parsed = orjson.loads(body)
        except orjson.JSONDecodeError:
            parsed = _UNPARSED
        if parsed is not _UNPARSED and not nested_deeper_than(parsed, settings.max_answer_depth):
            response.casegate_answer = parsed
            return response
        # Not JSON orjson reads (requests may still decode it), or possibly too deep: counted exactly.
        depth = nesting_depth(body.decode("utf-8", errors="replace"))
        if depth > settings.max_answer_depth:
            raise engine_error(messages.OPA_ANSWER_TOO_DEEP, depth=depth, limit=settings.max_answer_depth)
        if parsed is not _UNPARSED:
            response.casegate_answer = parsed
        return response

    return hook


_UNPARSED = object()


def engine_error(detail: Message, /, **fields: object) -> EngineError:
    """The error "Policy engine (OPA) error: <detail>.", under the detail's own code."""
    return EngineError.of(messages.OPA_FAILED, code=detail.code, detail=detail.text(**fields))


R = TypeVar("R")


def settle(future: Future[R], call: Callable[[], R]) -> None:
    """Run `call` and put its result, or what it raised, in `future` (read by another thread)."""
    try:
        result = call()
    except BaseException as error:  # noqa: BLE001 - raised again by whoever reads the future
        future.set_exception(error)
    else:
        future.set_result(result)


def within(endpoint: Endpoint, settings: EngineSettings, call: Callable[[], R]) -> R:
    """`call()` (one request to `endpoint`), given up as opa-timeout once it has taken longer
    than its retries could honestly take.

    A timeout is per read: an answer sending a byte every few seconds never times out, and held
    casegate for ever. The request runs on a daemon thread, which nothing waits for.
    """
    import threading
    from concurrent.futures import TimeoutError as FutureTimeout

    done: Future[R] = Future()
    threading.Thread(target=settle, args=(done, call), name="casegate-opa-api", daemon=True).start()
    try:
        return done.result(timeout=settings.timeout * (settings.retries + 1) + 1.0)
    except FutureTimeout:
        raise engine_error(messages.OPA_NO_ANSWER_IN_TIME, url=endpoint.url) from None


def query_decision(client: OpaClient, endpoint: Endpoint, batch: bytes) -> Mapping[str, Any]:
    """POST `batch` (the JSON request, {"input": …}) to the decision; its answer, checked to be an object."""
    import requests
    from urllib3.exceptions import ProtocolError

    url = f"{client.root_url}/data/{DECISION_PACKAGE.replace('.', '/')}/{DECISION_RULE}"
    try:
        # What query_rule does, with the body already encoded (and the same timeout).
        response = client._session.post(
            url, data=batch, headers={"Content-Type": "application/json"}, timeout=client.timeout
        )
        response.raise_for_status()
        body = getattr(response, "casegate_answer", _UNPARSED)
        if body is _UNPARSED:
            body = response.json()  # as query_rule reads it (encodings orjson leaves to requests)
    except requests.exceptions.Timeout as error:
        raise engine_error(messages.OPA_NO_ANSWER_IN_TIME, url=endpoint.url) from error
    except requests.exceptions.ChunkedEncodingError as error:  # the answer stopped halfway
        raise _connection_lost(endpoint) from error
    except requests.exceptions.ConnectionError as error:
        if error.args and isinstance(error.args[0], ProtocolError):  # connected, then cut off
            raise _connection_lost(endpoint) from error
        raise engine_error(messages.OPA_UNREACHABLE, url=endpoint.url) from error
    except requests.exceptions.HTTPError as error:
        status = error.response.status_code if error.response is not None else 0
        detail = redact(_opa_message(error.response), endpoint.token)
        if status in (401, 403):
            raise engine_error(messages.OPA_UNAUTHORIZED, url=endpoint.url, status=status) from error
        raise engine_error(messages.OPA_HTTP_ERROR, status=status, detail=detail) from error
    except (
        ValueError
    ) as error:  # the body was not JSON (requests' JSONDecodeError is also a RequestException)
        raise engine_error(messages.OPA_NOT_JSON) from error
    except requests.exceptions.RequestException as error:
        # The exception's text may name the proxy, with its password: only the type is shown then.
        why = type(error).__name__ if endpoint.proxy else redact(str(error), endpoint.token)
        raise engine_error(messages.OPA_TALK_FAILED, url=endpoint.url, why=why) from error
    if not isinstance(body, Mapping):
        raise engine_error(messages.OPA_ANSWER_SHAPE)
    return body


def _connection_lost(endpoint: Endpoint) -> EngineError:
    return engine_error(messages.OPA_CONNECTION_LOST, url=endpoint.url)


def _opa_message(response: Any) -> str:
    try:
        body = response.json()
        return str(body.get("message") or body)
    except (ValueError, AttributeError):
        return str(getattr(response, "text", ""))
