"""Issue 9, attack 2: a central OPA's answer was trusted too easily. Each attack, performed.

- Any non-empty revision was accepted: a real OPA that loaded an unsigned bundle (no signing
  configured) answered, and its answer was used.
- Redirects were followed: a 307 re-sent every case body to another host, whose verdict was used.
- HTTP_PROXY was honoured even for 127.0.0.1: the token and the case bodies reached the proxy.
- http://[::1]:8181 could not work ("answer is not JSON").
- (and an error body that echoes the token was printed as it came.)

The OPAs here are the real pinned OPA serving a bundle signed by `casegate bundle build`, under
central/opa-config.yaml (tests/support/central.py). A fake HTTP server appears only to inject
a fault: a redirect, a proxy that records what reaches it, an error body.
"""

from __future__ import annotations

import json
import secrets
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from casegate.engine.bundle import stage_bundle
from casegate.engine.opa_binary import run_opa
from support.central import CONFIG, OPA, bundle_server, central_opa, git_revision, write_key_pair
from support.fake_opa import Recorder, recorder
from support.paths import REPO, SEED, VARIANTS

ABROAD = str(VARIANTS / "server-abroad.json")  # fails the released policy (exit 1)


class Setup:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.signing_key, self.public_key = write_key_pair(root / "keys", "casegate-policy")
        self.client = "cgc-" + secrets.token_hex(20)
        self.tokens = {"client": [self.client], "admin": ["cga-" + secrets.token_hex(20)]}
        self.served = root / "served"
        self.served.mkdir()
        self.revision = git_revision()
        self.bundle_url = ""


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setup]:
    import contextlib

    from click.testing import CliRunner

    from casegate.commands.main import main

    shared = Setup(tmp_path_factory.mktemp("central-attacks"))
    with contextlib.chdir(REPO):
        built = CliRunner().invoke(
            main,
            [
                "bundle",
                "build",
                "--signing-key",
                str(shared.signing_key),
                "-o",
                str(shared.served / "good.tar.gz"),
            ],
        )
    assert built.exit_code == 0, built.output
    staged = stage_bundle(REPO / "policies", shared.root / "unsigned")
    done = run_opa(
        OPA, ["build", "-b", ".", "-o", str(shared.served / "unsigned.tar.gz")], cwd=staged.directory
    )
    assert done.returncode == 0, done.stderr
    with bundle_server(shared.served) as url:
        shared.bundle_url = url
        yield shared


def _ipv6_port() -> int:
    with socket.socket(socket.AF_INET6) as probe:
        probe.bind(("::1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def central(setup: Setup) -> Iterator[tuple[str, str]]:
    """The real OPA with the signed bundle, on 127.0.0.1 and on [::1] (http: the token stays on
    this machine). Yields (IPv4 URL, IPv6 URL)."""
    port6 = _ipv6_port()
    with central_opa(
        setup.root / "opa-good",
        bundle_url=setup.bundle_url,
        resource="good.tar.gz",
        public_key=setup.public_key,
        tokens=setup.tokens,
        ready_token=setup.client,
        extra=("--addr", f"[::1]:{port6}"),
    ) as server:
        yield server.url, f"http://[::1]:{port6}"


def _check(run_cli: Any, url: str, setup: Setup, *args: str, env: dict[str, str] | None = None) -> Any:
    return run_cli(
        "check",
        *("--opa-url", url, "--format", "json", "--lang", "en", *args),
        env={"CASEGATE_OPA_TOKEN": setup.client, **(env or {})},
    )


def _report(result: Any) -> dict[str, Any]:
    return json.loads(result.stdout)


# --- the control: the signed bundle decides, and says so ---------------------------------------


def test_the_signed_bundle_decides_and_the_report_names_it(run_cli, central, setup):
    result = _check(run_cli, central[0], setup, ABROAD)
    assert result.exit_code == 1, result.output  # a violation, judged by the central OPA
    source = _report(result)["source"]
    assert source["kind"] == "central"
    assert source["location"] == central[0]
    assert source["revision"] == setup.revision
    assert source["key_id"] == "casegate-policy"
    assert source["unreleased"] is False


# --- any non-empty revision was accepted ----------------------------------------------------------


def _unsigned_config(tmp_path: Path) -> Path:
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    del config["bundles"]["casegate"]["signing"]
    plain = tmp_path / "opa-config.yaml"
    plain.write_text(yaml.safe_dump(config), encoding="utf-8")
    return plain


def test_an_opa_that_would_take_an_unsigned_bundle_is_not_trusted(run_cli, setup, tmp_path):
    """A real OPA, no signing configured, serving an unsigned bundle with a revision: refused."""
    with central_opa(
        tmp_path / "opa",
        bundle_url=setup.bundle_url,
        resource="unsigned.tar.gz",
        public_key=setup.public_key,
        tokens=setup.tokens,
        ready_token=setup.client,
        config=_unsigned_config(tmp_path),
    ) as server:
        # It does answer, with a revision: what used to be enough.
        answer = server.get("/health?bundles", setup.client)
        assert answer.status_code == 200
        result = _check(run_cli, server.url, setup, str(SEED))
    assert result.exit_code == 3, result.output
    report = _report(result)
    assert report["engine_error"]["code"] == "bundle-not-signed"
    assert "no signature verification configured" in report["engine_error"]["message"]
    assert {case["verdict"] for case in report["cases"]} == {"error"}


def test_an_opa_serving_loose_bundle_files_is_not_trusted(run_cli, setup, tmp_path):
    """`opa run --bundle DIR` with no configuration: a revision, no signature check. Refused."""
    staged = stage_bundle(REPO / "policies", tmp_path / "bundle")
    port = _free_port()
    process = _start(
        [str(OPA), "run", "--server", "--addr", f"127.0.0.1:{port}", "--bundle", str(staged.directory)]
    )
    try:
        _wait(f"http://127.0.0.1:{port}")
        result = run_cli("check", "--opa-url", f"http://127.0.0.1:{port}", "--format", "json", str(SEED))
    finally:
        process.terminate()
        process.wait(timeout=5)
    assert result.exit_code == 3, result.output
    assert _report(result)["engine_error"]["code"] == "bundle-not-signed"


@pytest.mark.parametrize("how", ["option", "env"])
def test_require_revision_refuses_any_other_revision(run_cli, central, setup, how):
    wrong = setup.revision + "x"
    args, env = (
        (("--require-revision", wrong), {}) if how == "option" else ((), {"CASEGATE_REQUIRE_REVISION": wrong})
    )
    result = _check(run_cli, central[0], setup, *args, str(SEED), env=env)
    assert result.exit_code == 3, result.output
    error = _report(result)["engine_error"]
    assert error["code"] == "revision-not-required"
    assert setup.revision in error["message"] and wrong in error["message"]


def test_require_revision_passes_the_exact_revision(run_cli, central, setup):
    # Before the seed's start date: from it on, the seed's 不明 facts fail it (案件 2.0).
    result = _check(
        run_cli, central[0], setup, "--require-revision", setup.revision, "--as-of", "2026-04-27", str(SEED)
    )
    assert result.exit_code == 0, result.output
    assert _report(result)["source"]["revision"] == setup.revision


# --- redirects were followed ------------------------------------------------------------------------


@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_a_redirect_is_exit_3_naming_the_target_and_nothing_reaches_it(run_cli, setup, status):
    elsewhere = Recorder(status=200, body=b'{"result": {}}')
    with recorder(elsewhere) as other:
        target = f"{other}/v1/data/casegate/main/batch?token=leak"
        with recorder(Recorder(status=status, headers={"Location": target})) as url:
            result = _check(run_cli, url, setup, ABROAD)
    assert result.exit_code == 3, result.output
    error = _report(result)["engine_error"]
    assert error["code"] == "opa-redirect"
    assert f"{other}/v1/data/casegate/main/batch" in error["message"]
    assert "leak" not in result.output  # the query is not repeated
    assert elsewhere.seen == []  # no case body, no token went to the other host
    assert _report(result)["source"]["revision"] is None  # nothing confirmed, nothing claimed
    assert "verified" not in result.output


# --- proxies from the environment ---------------------------------------------------------------------

PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")


def test_environment_proxies_never_see_the_token_or_the_cases(run_cli, central, setup, monkeypatch):
    proxy = Recorder()
    with recorder(proxy) as proxy_url:
        for name in PROXY_VARIABLES:
            monkeypatch.setenv(name, proxy_url)
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        result = _check(run_cli, central[0], setup, ABROAD)
        local = run_cli("check", "--format", "json", ABROAD)  # the private OPA on 127.0.0.1 too
    assert result.exit_code == 1, result.output
    assert local.exit_code == 1, local.output
    assert proxy.seen == []


def test_opa_proxy_is_used_for_a_remote_opa_and_never_for_this_machine(run_cli, central, setup):
    proxy = Recorder()
    with recorder(proxy) as proxy_url:
        loopback = _check(run_cli, central[0], setup, "--opa-proxy", proxy_url, ABROAD)
        assert loopback.exit_code == 1, loopback.output
        assert proxy.seen == []
        # A remote OPA (no token: http to another host never carries one) goes through it.
        remote = run_cli(
            "check",
            *("--opa-url", "http://opa.example.invalid:8181", "--opa-proxy", proxy_url),
            *("--format", "json", "--lang", "en", ABROAD),
        )
    assert remote.exit_code == 3
    assert [(method, target) for method, target, _, _ in proxy.seen][:1] == [
        ("POST", "http://opa.example.invalid:8181/v1/data/casegate/main/batch")
    ]


def test_a_bad_opa_proxy_is_a_usage_error_that_does_not_echo_it(run_cli):
    result = run_cli(
        "check", "--opa-url", "https://opa.example.invalid", "--opa-proxy", "socks5://user:s3cret@p:1", ABROAD
    )
    assert result.exit_code == 2
    assert "s3cret" not in result.output


# --- IPv6 ----------------------------------------------------------------------------------------------


def test_an_ipv6_url_works(run_cli, central, setup):
    result = _check(run_cli, central[1], setup, ABROAD)
    assert result.exit_code == 1, result.output
    report = _report(result)
    assert report["source"]["location"] == central[1]
    assert report["source"]["revision"] == setup.revision


# --- error bodies --------------------------------------------------------------------------------------


def test_an_error_body_that_echoes_the_token_is_shown_redacted(run_cli, setup):
    token = setup.client
    body = json.dumps(
        {"code": "internal_error", "message": f"bad request, Authorization: Bearer {token}; token={token}"}
    ).encode()
    with recorder(Recorder(status=500, body=body, headers={"Content-Type": "application/json"})) as url:
        for output_format in ("json", "text"):
            result = run_cli(
                "check",
                *("--opa-url", url, "--format", output_format, "--lang", "en", ABROAD),
                env={"CASEGATE_OPA_TOKEN": token},
            )
            assert result.exit_code == 3
            assert token not in result.output
            assert "Authorization: Bearer ***" in result.output


# --- helpers for the unconfigured OPA ---------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start(args: list[str]) -> Any:
    import subprocess

    return subprocess.Popen(
        args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def _wait(url: str) -> None:
    import time

    import requests

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{url}/health?bundles", timeout=1).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.02)
    raise AssertionError("OPA did not start")


def test_doctor_does_not_follow_a_redirect_either(run_cli):
    elsewhere = Recorder(status=200, body=b'{"result": {}}')
    with recorder(elsewhere) as other, recorder(Recorder(status=307, headers={"Location": other})) as url:
        result = run_cli("doctor", "--opa-url", url, "--format", "json", "--lang", "en")
    assert result.exit_code == 3
    checks = json.loads(result.stdout)["checks"]
    assert [(check["code"], check["state"]) for check in checks] == [("opa-redirect", "fail")]
    assert other in checks[0]["message"]
    assert elsewhere.seen == []
