"""The OPA engine: start a local server on the staged bundle, or reach a central one; query.

All HTTP goes through opa-python-client. Policies are never uploaded: the local server loads
them as a bundle at start-up, a central server already holds them. Whatever goes wrong —
no answer, a slow answer, an error status, an undefined decision, a result of the wrong
shape — raises EngineError: a verdict the engine did not give is never a pass.
"""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import ipaddress
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from casegate.bundle import DEFAULT_KEY_ID, StagedBundle, stage_bundle
from casegate.errors import EngineError, InputError
from casegate.loader import _max_depth
from casegate.opa_binary import opa_environment
from casegate.staging import staging_folder

if TYPE_CHECKING:  # importing opa_client costs ~0.2-0.4 s; `validate` never needs it
    from opa_client import OpaClient

#: The decision every case is judged by (policies/casegate/main.rego).
DECISION_PACKAGE = "casegate.main"
DECISION_RULE = "batch"


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


#: Go's garbage collector at its default (GOGC=100) takes ~25% of OPA's CPU on a batch; at 200
#: it takes less (10,000 cases: ~1 s sooner) for ~35 MB more. The environment still wins.
_OPA_ENV = {"GOGC": "200"}


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


@dataclass(frozen=True)
class Decision:
    violations: tuple[Mapping[str, Any], ...]
    warnings: tuple[Mapping[str, Any], ...]


@dataclass(frozen=True)
class Evaluation:
    """Which policy judged; the decisions themselves went to evaluate's `on_decided`."""

    policy_version: str
    revisions: tuple[str, ...]
    bundles: Mapping[str, str] = field(default_factory=dict)  # bundle name -> revision, as OPA holds them


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
        raise InputError(
            code="bad-opa-url",
            message_ja="--opa-url に利用者名やパスワード（…@）を書かないでください。"
            "トークンは環境変数 CASEGATE_OPA_TOKEN か --opa-token-file で渡します。",
            message_en="Do not put a user name or password (…@) in --opa-url. "
            "Give the token in the environment variable CASEGATE_OPA_TOKEN or with --opa-token-file.",
        )
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
        raise InputError(
            code="bad-opa-url",
            message_ja=f"--opa-url {shown} の形式が違います。http://ホスト:ポート の形で指定してください（例：http://127.0.0.1:8181）。",
            message_en=f"--opa-url {shown} is not of the form http(s)://host:port (e.g. http://127.0.0.1:8181).",
        )
    default_port = 443 if parts.scheme == "https" else 80
    if ca_file is not None and parts.scheme != "https":
        raise InputError(
            code="bad-opa-url",
            message_ja="--opa-ca は https:// の --opa-url と一緒に使います。",
            message_en="--opa-ca goes with an https:// --opa-url.",
        )
    if token is not None and parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise InputError(
            code="token-over-http",
            message_ja=f"トークンを暗号化せずに {parts.hostname} へ送ることになります。--opa-url を https:// にしてください"
            "（http:// でトークンを送れるのは、このコンピュータの OPA だけです）。",
            message_en=f"The token would travel unencrypted to {parts.hostname}. Use an https:// --opa-url "
            "(a token goes over http:// only to an OPA on this machine).",
        )
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
        raise InputError(
            code="bad-opa-proxy",
            message_ja="--opa-proxy は http://ホスト:ポート の形で指定してください（例：http://proxy.example:3128）。",
            message_en="--opa-proxy must be of the form http://host:port (e.g. http://proxy.example:3128).",
        )
    return proxy


def _is_loopback(host: str) -> bool:
    """localhost, 127.0.0.0/8 or ::1: the token then never leaves this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name
        return False


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Linux: have the kernel kill OPA if casegate itself is killed (even with SIGKILL)."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


@dataclass(frozen=True)
class BundleKey:
    """The public key that must have signed a built bundle, and its algorithm."""

    path: Path
    algorithm: str = "RS256"
    key_id: str = DEFAULT_KEY_ID  # as `casegate bundle build` names it


def _bundle_flags(policies: Path, key: BundleKey | None) -> list[str]:
    """OPA flags for a built bundle: its signature must verify, or OPA refuses to start.

    A built bundle could have been edited by anyone who had the file, so without a key it is
    not loaded at all (a folder of policies is the repository's own and needs none).
    """
    if not policies.is_file():
        if key is not None:  # a key that verifies nothing would read as a verified policy
            raise InputError(
                code="bundle-key-unused",
                message_ja=f"--verification-key はバンドル（.tar.gz）を確かめる鍵です。{policies} はフォルダなので使えません。"
                "--policies にバンドルを指定するか、--verification-key を外してください。",
                message_en=f"--verification-key verifies a bundle (.tar.gz); {policies} is a folder. "
                "Give a bundle with --policies, or leave out --verification-key.",
                path=str(policies),
            )
        return []
    if key is None:
        raise InputError(
            code="bundle-key-missing",
            message_ja=f"バンドル {policies} の署名を確かめる公開鍵を --verification-key で指定してください。",
            message_en=f"Give the public key that signed the bundle {policies} with --verification-key.",
            path=str(policies),
        )
    return [
        "--verification-key",
        str(key.path),
        "--verification-key-id",
        key.key_id,
        "--signing-alg",
        key.algorithm,
    ]


@contextlib.contextmanager
def local_opa(
    binary: Path, policies: Path, settings: EngineSettings, bundle_key: BundleKey | None = None
) -> Iterator[tuple[Endpoint, str | None]]:
    """A private OPA on 127.0.0.1 serving the staged bundle; stopped on exit, Ctrl-C included.

    Yields the endpoint and the revision of the bundle it loaded. `policies` is a folder
    (staged here) or a signed bundle built by `casegate bundle build` (verified with
    `bundle_key` as OPA loads it).
    """
    verification = _bundle_flags(policies, bundle_key)
    with staging_folder("opa") as scratch:  # a SIGKILLed run's folder is removed by the next
        if policies.is_file():
            staged = StagedBundle(directory=policies, revision=None)
        else:
            staged = stage_bundle(policies, Path(scratch) / "bundle")
        log_path = Path(scratch) / "opa.log"
        for _attempt in range(3):  # another program may take the probed port before OPA binds it
            port = _free_port()
            with log_path.open("wb") as log:
                process = subprocess.Popen(
                    [
                        str(binary),
                        "run",
                        "--server",
                        "--addr",
                        f"127.0.0.1:{port}",
                        "--bundle",
                        str(staged.directory),
                        "--log-level",
                        "error",
                        "--skip-version-check",
                        "--shutdown-grace-period",
                        "1",
                        *verification,
                    ],
                    stdin=subprocess.DEVNULL,
                    env=_OPA_ENV | opa_environment(),  # no token, no proxies: see opa_binary
                    stdout=log,  # OPA prints load and compile errors on stdout
                    stderr=log,
                    preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
                )
            try:
                endpoint = Endpoint("127.0.0.1", port)
                if _wait_healthy(
                    process, endpoint, settings.startup_timeout, log_path, (staged.directory, policies)
                ):
                    yield endpoint, staged.revision
                    return
            finally:
                _stop(process)
        raise EngineError(
            code="opa-start-failed",
            message_ja="OPA を起動できませんでした（ポートを確保できません）。もう一度実行してください。",
            message_en="OPA could not be started (no free port). Run again.",
        )


def _wait_healthy(
    process: subprocess.Popen[bytes],
    endpoint: Endpoint,
    timeout: float,
    log: Path,
    staged_as: tuple[Path, Path],
) -> bool:
    """True once OPA answers /health with its bundle active; False if the port was taken.

    `staged_as` maps the temporary bundle folder back to the policies folder, so an error
    names the file the author edits, not its copy.
    """
    client = make_client(endpoint, EngineSettings(timeout=1.0, retries=0))
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                output = log.read_text(encoding="utf-8", errors="replace").replace(
                    str(staged_as[0]), str(staged_as[1])
                )
                if "address already in use" in output:
                    return False
                raise EngineError(
                    code="opa-start-failed",
                    message_ja=f"OPA が起動時に停止しました。方針（policies/）に誤りがある可能性があります：{_last_lines(output)}",
                    message_en=f"OPA stopped while starting; the policies may have an error: {_last_lines(output)}",
                )
            if client.check_health(query={"bundles": "true"}):
                return True
            time.sleep(0.01)
    finally:
        client.close_connection()
    raise EngineError(
        code="opa-timeout",
        message_ja=f"OPA が {timeout:.0f} 秒以内に準備できませんでした。",
        message_en=f"OPA did not become ready within {timeout:.0f} s.",
    )


def _last_lines(text: str, count: int = 5) -> str:
    return " / ".join(line.strip() for line in text.strip().splitlines()[-count:]) or "-"


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=3)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=3)


def make_client(endpoint: Endpoint, settings: EngineSettings) -> OpaClient:
    from opa_client import OpaClient

    client = OpaClient(
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
    return _engine_error(
        "opa-redirect",
        f"{endpoint.url} が別の場所 {target} へ転送しようとしました（HTTP {response.status_code}）。"
        "案件の内容とトークンが別のサーバへ送られるため、転送には従いません。--opa-url（CASEGATE_OPA_URL）に中央の OPA の正しい URL を指定してください",
        f"{endpoint.url} redirected to {target} (HTTP {response.status_code}). casegate never follows a redirect, "
        "which would send the cases and the token to another server; point --opa-url (CASEGATE_OPA_URL) at the "
        "central OPA itself",
    )


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
        too_large = _engine_error(
            "opa-answer-too-large",
            f"OPA の応答が大きすぎます（上限 {limit:,} バイト）。判定として使えません",
            f"OPA's answer is too large (the limit is {limit:,} bytes), so it is no decision",
        )
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
        depth = _max_depth(body.decode("utf-8", errors="replace"))
        if depth > settings.max_answer_depth:
            raise _engine_error(
                "opa-answer-too-deep",
                f"OPA の応答の入れ子が深すぎます（{depth} 段、上限 {settings.max_answer_depth} 段）。判定として使えません",
                f"OPA's answer is nested too deeply ({depth} levels, the limit is {settings.max_answer_depth}), so it is no decision",
            )
        return response

    return hook


def evaluate(
    endpoint: Endpoint,
    cases: Iterable[tuple[str, Any, int]],
    as_of: dt.date,
    settings: EngineSettings,
    expected_revision: str | None = None,
    on_decided: Callable[[Mapping[str, Decision]], None] | None = None,
) -> Evaluation:
    """Judge every (key, case, size in bytes), in batches cut by the size limits.

    `settings.workers` batches are evaluated at once, each on its own connection: OPA evaluates
    concurrent requests in parallel, and `cases` (which may be a generator reading files) is
    consumed while OPA works. Each batch's decisions go to `on_decided` in case order as they
    arrive, so a caller can let go of the cases judged (doctor, which only asks which policy
    answered, passes none).
    """
    deadline = time.monotonic() + settings.deadline
    tally = _Tally()

    def deliver(decisions: Mapping[str, Decision]) -> None:
        if on_decided is not None:
            on_decided(decisions)

    clients: queue.SimpleQueue[OpaClient] = queue.SimpleQueue()
    made: list[OpaClient] = []
    pool = ThreadPoolExecutor(max_workers=settings.workers, thread_name_prefix="casegate-opa")
    in_flight: collections.deque[Future[dict[str, Decision]]] = collections.deque()
    try:
        for index, chunk in enumerate(_chunks(cases, settings)):
            if index < settings.workers:  # clients are made as needed: one case needs one
                made.append(make_client(endpoint, settings))
                clients.put(made[-1])
            _check_deadline(deadline, settings)
            batch_input = {"as_of": as_of.isoformat(), "cases": {key: case for key, case, _ in chunk}}
            in_flight.append(pool.submit(_ask, clients, endpoint, batch_input, settings, deadline, tally))
            # One batch more than the workers: the next is ready the moment a worker is free.
            while len(in_flight) > settings.workers:
                deliver(_result(in_flight.popleft(), deadline, settings))
        while in_flight:
            deliver(_result(in_flight.popleft(), deadline, settings))
    finally:
        for future in in_flight:
            future.cancel()
        # Not waiting: a request still running ends at its own timeout (or at once when the
        # local OPA is stopped), and an error or Ctrl-C should not wait for it.
        pool.shutdown(wait=not in_flight, cancel_futures=True)
        for client in made:
            client.close_connection()
    tally.check(expected_revision)
    return Evaluation(tally.version, tuple(sorted(tally.revisions)), dict(tally.bundles))


@dataclass
class _Tally:
    """Which policy answered, gathered over the batches (from several threads)."""

    versions: set[str] = field(default_factory=set)
    revisions: set[str] = field(default_factory=set)
    bundles: dict[str, str] = field(default_factory=dict)
    changed: bool = False  # a bundle's revision differed between batches
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, version: str, bundles: Mapping[str, str]) -> None:
        with self.lock:
            self.versions.add(version)
            self.revisions.update(bundles.values())
            for name, revision in bundles.items():
                self.changed |= self.bundles.setdefault(name, revision) != revision

    @property
    def version(self) -> str:
        return next(iter(self.versions)) if self.versions else "?"

    def check(self, expected_revision: str | None) -> None:
        """The answers came from a known policy bundle, or they are not a verdict.

        A local OPA must hold the bundle staged for it (expected_revision). Otherwise (a central
        OPA, a built bundle) at least one bundle must name its revision: an OPA that loaded policy
        files instead of a bundle, or whose bundle names no revision, cannot say what judged.
        """
        held = ", ".join(sorted(self.revisions)) or "-"
        if expected_revision is not None and expected_revision not in self.revisions:
            raise _engine_error(
                "revision-mismatch",
                f"OPA が読み込んだ方針の版（{held}）が、渡した版 {expected_revision} と違います",
                f"OPA holds revision(s) {held}, not the staged {expected_revision}",
            )
        if expected_revision is None and not any(self.revisions):
            raise _engine_error(
                "no-bundle-revision",
                "OPA は方針のバンドルを持っていません（判定に版がありません）。どの方針で判定したか分からないため、判定を使えません。"
                "中央の OPA なら central/opa-config.yaml の設定で、署名付きバンドルを読み込ませてください",
                "OPA holds no policy bundle (its decisions name no revision), so it is unknown which policy "
                "judged and the decisions cannot be used. On a central OPA, load the signed bundle as "
                "central/opa-config.yaml does",
            )
        if len(self.versions) > 1 or self.changed:
            raise _engine_error(
                "policy-changed", "評価の途中で方針が入れ替わりました", "the policy changed during the run"
            )


def _deadline_error(settings: EngineSettings) -> EngineError:
    return _engine_error(
        "opa-timeout",
        f"全体の制限時間 {settings.deadline:g} 秒を超えました",
        f"the run exceeded its {settings.deadline:g} s deadline",
    )


def _check_deadline(deadline: float, settings: EngineSettings) -> float:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _deadline_error(settings)
    return remaining


def _ask(
    clients: queue.SimpleQueue[OpaClient],
    endpoint: Endpoint,
    batch_input: Mapping[str, Any],
    settings: EngineSettings,
    deadline: float,
    tally: _Tally,
) -> dict[str, Decision]:
    """One request, on a worker thread with a client of its own."""
    remaining = _check_deadline(deadline, settings)  # it may have waited in the queue
    client = clients.get()
    try:
        client.timeout = min(settings.timeout, remaining)
        try:
            body = _query(client, endpoint, batch_input)
        except EngineError as error:
            if error.code == "opa-timeout" and remaining < settings.timeout:
                raise _deadline_error(settings) from error  # the deadline cut this request short
            raise
    finally:
        clients.put(client)
    version, bundles, decisions = _read_batch(body, list(batch_input["cases"]))
    tally.add(version, bundles)
    return decisions


def _result(
    future: Future[dict[str, Decision]], deadline: float, settings: EngineSettings
) -> dict[str, Decision]:
    # The request's own timeout normally ends it first; the second of grace lets its error,
    # which says more, arrive before this one.
    try:
        return future.result(timeout=max(0.0, deadline - time.monotonic()) + 1.0)
    except FutureTimeout:
        raise _deadline_error(settings) from None


def _chunks(
    cases: Iterable[tuple[str, Any, int]], settings: EngineSettings
) -> Iterator[list[tuple[str, Any, int]]]:
    chunk: list[tuple[str, Any, int]] = []
    size = 0
    for item in cases:
        if chunk and (size + item[2] > settings.batch_bytes or len(chunk) >= settings.batch_cases):
            yield chunk
            chunk, size = [], 0
        chunk.append(item)
        size += item[2]
    if chunk:
        yield chunk


def _engine_error(code: str, ja: str, en: str) -> EngineError:
    return EngineError(
        code=code,
        message_ja=f"判定エンジン（OPA）のエラー：{ja}。",
        message_en=f"Policy engine (OPA) error: {en}.",
    )


def _query(client: OpaClient, endpoint: Endpoint, batch_input: Mapping[str, Any]) -> Mapping[str, Any]:
    import requests
    from urllib3.exceptions import ProtocolError

    try:
        body = client.query_rule(
            input_data=batch_input, package_path=DECISION_PACKAGE, rule_name=DECISION_RULE
        )
    except requests.exceptions.Timeout as error:
        raise _engine_error(
            "opa-timeout",
            f"{endpoint.url} が制限時間内に答えませんでした",
            f"{endpoint.url} did not answer in time",
        ) from error
    except requests.exceptions.ChunkedEncodingError as error:  # the answer stopped halfway
        raise _connection_lost(endpoint) from error
    except requests.exceptions.ConnectionError as error:
        if error.args and isinstance(error.args[0], ProtocolError):  # connected, then cut off
            raise _connection_lost(endpoint) from error
        raise _engine_error(
            "opa-unreachable",
            f"{endpoint.url} に接続できません。OPA が動いているか、--opa-url（CASEGATE_OPA_URL）が正しいか確かめてください",
            f"cannot connect to {endpoint.url}; check that OPA is running and that --opa-url (CASEGATE_OPA_URL) is right",
        ) from error
    except requests.exceptions.HTTPError as error:
        status = error.response.status_code if error.response is not None else 0
        detail = redact(_opa_message(error.response), endpoint.token)
        if status in (401, 403):
            raise _engine_error(
                "opa-unauthorized",
                f"{endpoint.url} が認証・認可を拒否しました（HTTP {status}）。トークンを確認してください",
                f"{endpoint.url} refused authentication or authorization (HTTP {status}); check the token",
            ) from error
        raise _engine_error(
            "opa-http-error", f"HTTP {status}：{detail}", f"HTTP {status}: {detail}"
        ) from error
    except (
        ValueError
    ) as error:  # the body was not JSON (requests' JSONDecodeError is also a RequestException)
        raise _engine_error(
            "opa-bad-response", "応答が JSON ではありません", "the answer is not JSON"
        ) from error
    except requests.exceptions.RequestException as error:
        # The exception's text may name the proxy, with its password: only the type is shown then.
        why = type(error).__name__ if endpoint.proxy else redact(str(error), endpoint.token)
        raise _engine_error(
            "opa-unreachable",
            f"{endpoint.url} との通信に失敗しました（{why}）",
            f"talking to {endpoint.url} failed ({why})",
        ) from error
    if not isinstance(body, Mapping):
        raise _engine_error("opa-bad-response", "応答の形が違います", "the answer has the wrong shape")
    return body


def _connection_lost(endpoint: Endpoint) -> EngineError:
    return _engine_error(
        "opa-connection-lost",
        f"{endpoint.url} との接続が答えの途中で切れました（OPA が止まったか、通信が切断されました）。もう一度実行し、繰り返すなら OPA のログを確かめてください",
        f"the connection to {endpoint.url} broke before the answer was complete (OPA stopped, or the network cut it); run again, and if it repeats, check OPA's log",
    )


def _opa_message(response: Any) -> str:
    try:
        body = response.json()
        return str(body.get("message") or body)
    except (ValueError, AttributeError):
        return str(getattr(response, "text", ""))


_FINDING_FIELDS = {
    "rule_id": str,
    "title": str,
    "severity": str,
    "message_ja": str,
    "message_en": str,
    "pointer": str,
}


def _read_batch(body: Mapping[str, Any], keys: list[str]) -> tuple[str, dict[str, str], dict[str, Decision]]:
    """Check the answer's shape field by field: an answer we cannot read is no answer."""
    if "result" not in body:
        raise _engine_error(
            "undefined-decision",
            f"data.{DECISION_PACKAGE}.{DECISION_RULE} が未定義です。この OPA では方針のバンドルが有効になっていません"
            "（中央の OPA なら、バンドルをまだ取得していないか、署名を検証できずに拒否しました）。"
            "`casegate doctor` と OPA のログで原因を確かめてください",
            f"data.{DECISION_PACKAGE}.{DECISION_RULE} is undefined: the policy bundle is not active on this OPA "
            "(on a central OPA: not downloaded yet, or refused because its signature did not verify). "
            "Run `casegate doctor` and read OPA's log for the cause",
        )
    result = body["result"]
    bad = _engine_error("bad-result-shape", "判定結果の形が違います", "the decision has the wrong shape")
    if not isinstance(result, Mapping) or not isinstance(result.get("results"), Mapping):
        raise bad
    policy = result.get("policy")
    if not isinstance(policy, Mapping) or not isinstance(policy.get("version"), str):
        raise bad
    bundles = policy.get("bundles", {})
    if not isinstance(bundles, Mapping) or not all(isinstance(rev, str) for rev in bundles.values()):
        raise bad
    decisions: dict[str, Decision] = {}
    for key in keys:
        entry = result["results"].get(key)
        if not isinstance(entry, Mapping):
            raise _engine_error(
                "bad-result-shape", f"案件 {key} の判定がありません", f"no decision for case {key}"
            )
        lists = [entry.get("violations"), entry.get("warnings")]
        if not all(isinstance(items, list) and all(_is_finding(item) for item in items) for items in lists):
            raise bad
        decisions[key] = Decision(tuple(entry["violations"]), tuple(entry["warnings"]))
    return policy["version"], dict(bundles), decisions


def _is_finding(item: Any) -> bool:
    return (
        isinstance(item, Mapping)
        and all(isinstance(item.get(name), kind) for name, kind in _FINDING_FIELDS.items())
        and item["severity"] in ("error", "warning")
        and isinstance(item.get("checklist_ids"), list)
        and all(isinstance(cid, str) for cid in item["checklist_ids"])
    )


def install_sigterm_handler() -> None:
    """Turn SIGTERM into KeyboardInterrupt so `finally` blocks stop the local OPA."""

    def _raise(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    if os.name == "posix":
        signal.signal(signal.SIGTERM, _raise)


__all__ = ["Endpoint", "EngineSettings", "Evaluation", "evaluate", "local_opa", "parse_opa_url"]
