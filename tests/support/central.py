"""Helpers for the central-mode tests (no tests here): keys, certificates, a bundle server, OPA.

Everything is made at test time: key pairs and a throwaway CA with the `cryptography` package,
bundles with the real `casegate bundle build`, a bundle server from http.server on 127.0.0.1,
and the real pinned OPA started on central/opa-config.yaml with --set for the test's ports and
files. Nothing secret is ever written into the repository.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import http.server
import io
import ipaddress
import json
import shutil
import socket
import subprocess
import tarfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

from support.paths import OPA, REPO

CENTRAL = REPO / "central"
CONFIG = CENTRAL / "opa-config.yaml"
POLL = 0.02  # seconds between health polls


def _pem_private(key: Any) -> bytes:
    return bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )


def _pem_public(key: Any) -> bytes:
    return bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )


def write_key_pair(folder: Path, name: str, kind: str = "rsa") -> tuple[Path, Path]:
    """A fresh key pair as PEM files (private, public); RSA 2048 for RS256, P-256 for ES256."""
    key: Any = (
        rsa.generate_private_key(public_exponent=65537, key_size=2048)
        if kind == "rsa"
        else ec.generate_private_key(ec.SECP256R1())
    )
    folder.mkdir(parents=True, exist_ok=True)
    private, public = folder / f"{name}.key", folder / f"{name}.pem"
    private.write_bytes(_pem_private(key))
    private.chmod(0o600)
    public.write_bytes(_pem_public(key))
    return private, public


@dataclass(frozen=True)
class Tls:
    ca: Path  # the throwaway CA's certificate: what casegate gets as --opa-ca
    cert: Path  # the server's certificate for 127.0.0.1, signed by the CA
    key: Path


def make_tls(folder: Path) -> Tls:
    """A throwaway CA and a server certificate for IP 127.0.0.1 (valid for a day)."""
    folder.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "casegate test CA")])
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    server_key = ec.generate_private_key(ec.SECP256R1())
    server_cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(server_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    tls = Tls(folder / "ca.pem", folder / "server.pem", folder / "server.key")
    tls.ca.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    tls.cert.write_bytes(server_cert.public_bytes(serialization.Encoding.PEM))
    tls.key.write_bytes(_pem_private(server_key))
    return tls


def git_revision() -> str:
    """What `casegate bundle build` must name this repository's policies: version+gHEAD[-dirty]."""
    version = json.loads((REPO / "policies/casegate/settings/data.json").read_text(encoding="utf-8"))[
        "policy_version"
    ]
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all", "--", "policies"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return f"{version}+g{commit[:7]}{'-dirty' if dirty else ''}"


def rewrite_bundle(
    source: Path, target: Path, replace: dict[str, bytes | None], add: dict[str, bytes] | None = None
) -> None:
    """Copy a bundle tarball member by member (names kept as OPA wrote them, e.g. "/data.json"),
    with the members named in `replace` swapped for new bytes (None: left out) and `add` appended.
    """
    buffer = io.BytesIO()
    with tarfile.open(source, "r:gz") as old, tarfile.open(fileobj=buffer, mode="w:gz") as new:
        for member in old.getmembers():
            stream = old.extractfile(member)
            if stream is None:  # not a regular file
                continue
            data = replace[member.name] if member.name in replace else stream.read()
            if data is None:
                continue
            info = tarfile.TarInfo(member.name)
            info.size, info.mode, info.mtime = len(data), member.mode, member.mtime
            new.addfile(info, io.BytesIO(data))
        for name, data in (add or {}).items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            new.addfile(info, io.BytesIO(data))
    target.write_bytes(buffer.getvalue())


def bundle_members(path: Path) -> dict[str, bytes]:
    """Every file of a bundle tarball by its name in the archive."""
    with tarfile.open(path, "r:gz") as archive:
        return {
            member.name: archive.extractfile(member).read()  # type: ignore[union-attr]
            for member in archive.getmembers()
            if member.isfile()
        }


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@contextmanager
def bundle_server(folder: Path) -> Iterator[str]:
    """Serve `folder` over HTTP on 127.0.0.1 in a thread; yields the base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder))
    )
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": POLL}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class CentralOpa:
    url: str
    log: Path
    ca: Path | None  # verify=... for requests; None for plain http

    def get(self, path: str, token: str | None) -> requests.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return requests.get(f"{self.url}{path}", headers=headers, timeout=5, verify=str(self.ca or True))

    def log_events(self) -> list[dict[str, Any]]:
        events = []
        for line in self.log.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                events.append(json.loads(line))
            except ValueError:
                continue
        return events


def write_system_folder(folder: Path, tokens: dict[str, list[str]]) -> Path:
    """central/system's policies, with a tokens.json listing the hashes of this test's tokens."""
    folder.mkdir(parents=True, exist_ok=True)
    for rego in (CENTRAL / "system").glob("*.rego"):
        shutil.copy(rego, folder / rego.name)
    table = {
        role: [{"sha256": sha256_hex(token), "holder": f"test {role}"} for token in role_tokens]
        for role, role_tokens in tokens.items()
    }
    (folder / "tokens.json").write_text(json.dumps({"casegate_access": {"tokens": table}}), encoding="utf-8")
    return folder


@contextmanager
def central_opa(
    work: Path,
    *,
    bundle_url: str,
    resource: str,
    public_key: Path,
    tokens: dict[str, list[str]],
    ready_token: str,
    tls: Tls | None = None,
    expect_active: bool = True,
    config: Path = CONFIG,
    extra: tuple[str, ...] = (),
) -> Iterator[CentralOpa]:
    """The real OPA on central/opa-config.yaml, pointed at this test's bundle server and key.

    Yields once /health?bundles answers 200 (`expect_active`), or once /v1/status shows that
    the bundle was refused; polls every 20 ms and gives up after 10 s.
    """
    system = write_system_folder(work / "system", tokens)
    log = work / "opa.log"
    for _attempt in range(3):  # another program may take the probed port first
        port = _free_port()
        args = [
            str(OPA),
            "run",
            "--server",
            "--addr",
            f"127.0.0.1:{port}",
            "--config-file",
            str(config),
            "--set",
            f"services.bundle_server.url={bundle_url}",
            "--set",
            f"bundles.casegate.resource={resource}",
            "--set",
            "bundles.casegate.polling.min_delay_seconds=1",
            "--set",
            "bundles.casegate.polling.max_delay_seconds=1",
            "--set-file",
            f"keys.casegate-policy.key={public_key}",
            "--authentication=token",
            "--authorization=basic",
            "--log-level",
            "error",
            "--skip-version-check",
            "--shutdown-grace-period",
            "1",
            *(["--tls-cert-file", str(tls.cert), "--tls-private-key-file", str(tls.key)] if tls else []),
            *extra,
            str(system),
        ]
        with log.open("wb") as sink:
            process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=sink, stderr=sink)
        server = CentralOpa(f"{'https' if tls else 'http'}://127.0.0.1:{port}", log, tls.ca if tls else None)
        try:
            if _wait_ready(process, server, ready_token, expect_active):
                yield server
                return
        finally:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
    raise RuntimeError("OPA could not bind a port")


def _wait_ready(
    process: subprocess.Popen[bytes], server: CentralOpa, token: str, expect_active: bool
) -> bool:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = server.log.read_text(encoding="utf-8", errors="replace")
            if "address already in use" in output:
                return False
            raise RuntimeError(f"OPA stopped: {output[-2000:]}")
        try:
            if expect_active:
                if server.get("/health?bundles", token).status_code == 200:
                    return True
            else:
                status = server.get("/v1/status", token)
                if status.status_code == 200 and status.json()["result"]["bundles"]["casegate"].get("code"):
                    return True
        except (requests.RequestException, KeyError, ValueError):
            pass
        time.sleep(POLL)
    raise RuntimeError(f"OPA not ready in 10 s: {server.log.read_text(errors='replace')[-2000:]}")
