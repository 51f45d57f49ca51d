"""Every way the engine can fail ends in exit 3 with one sentence naming the cause, never a pass."""

from __future__ import annotations

import datetime as dt
import json
import socket

import pytest

from casegate.engine.endpoint import EngineSettings, parse_opa_url
from casegate.engine.evaluate import evaluate
from casegate.errors import EngineError
from support.fake_opa import Script, fake_opa

GOOD_FINDING = {
    "rule_id": "x",
    "title": "t",
    "checklist_ids": [],
    "severity": "error",
    "message_ja": "m",
    "message_en": "m",
    "pointer": "",
}


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _check(run_cli, url: str, *extra: str):
    return run_cli("check", "--opa-url", url, "--format", "json", "--lang", "en", *extra, "cases/")


@pytest.mark.parametrize(
    ("script", "code", "words"),
    [
        (
            Script(status=500, body=b'{"code":"internal_error","message":"boom"}'),
            "opa-http-error",
            "HTTP 500: boom",
        ),
        (Script(status=401, body=b'{"code":"unauthorized"}'), "opa-unauthorized", "HTTP 401"),
        (Script(status=403, body=b'{"code":"forbidden"}'), "opa-unauthorized", "HTTP 403"),
        (Script(body=b"<html>not json</html>", content_type="text/html"), "opa-bad-response", "not JSON"),
        (Script(body=b"{}"), "undefined-decision", "undefined"),
        (Script(body=b'{"result": []}'), "bad-result-shape", "wrong shape"),
        (
            Script(body=b'{"result": {"results": {}, "policy": {"version": "v"}}}'),
            "bad-result-shape",
            "no decision",
        ),
        (
            Script(
                body=json.dumps(
                    {
                        "result": {
                            "policy": {"version": "v"},
                            "results": {"0": {"violations": [{"rule_id": 1}], "warnings": []}},
                        }
                    }
                ).encode()
            ),
            "bad-result-shape",
            "wrong shape",
        ),
        (
            Script(
                body=json.dumps(
                    {"result": {"policy": {"version": "v"}, "results": {"0": {"violations": []}}}}
                ).encode()
            ),
            "bad-result-shape",
            "wrong shape",
        ),
        (  # a central OPA that loaded policy files, not a bundle: nobody can say what judged
            Script(
                body=json.dumps(
                    {
                        "result": {
                            "policy": {"version": "v", "bundles": {}},
                            "results": {"0": {"violations": [], "warnings": []}},
                        }
                    }
                ).encode()
            ),
            "no-bundle-revision",
            "holds no policy bundle",
        ),
    ],
    ids=[
        "500",
        "401",
        "403",
        "html",
        "no-result",
        "list-result",
        "missing-case",
        "bad-finding",
        "no-warnings",
        "no-bundle-revision",
    ],
)
def test_engine_faults_exit_3_and_name_the_cause(run_cli, script, code, words):
    with fake_opa(script) as url:
        result = _check(run_cli, url)
    assert result.exit_code == 3, result.output
    report = json.loads(result.stdout)
    assert report["engine_error"]["code"] == code
    assert words in report["engine_error"]["message"]
    assert report["summary"]["pass"] == 0
    assert all(case["verdict"] == "error" for case in report["cases"])


def test_a_well_formed_fake_answer_is_read_and_still_not_trusted(run_cli):
    """The fault tests above are only meaningful if a well-formed answer is accepted as such.

    It is read (the failure is the later check, not its shape), and yet not used: this server
    cannot show through OPA's API that a signed bundle decided (tests/attacks/test_central_opa.py).
    """
    body = {
        "result": {
            "policy": {"version": "v9", "bundles": {"casegate": "v9+gabc"}},
            "results": {"0": {"violations": [GOOD_FINDING], "warnings": []}},
        }
    }
    with fake_opa(Script(body=json.dumps(body).encode())) as url:
        result = _check(run_cli, url)
    assert result.exit_code == 3, result.output
    assert json.loads(result.stdout)["engine_error"]["code"] == "bundle-not-signed"


def test_unreachable_opa_exits_3(run_cli):
    result = _check(run_cli, f"http://127.0.0.1:{_closed_port()}")
    assert result.exit_code == 3
    assert json.loads(result.stdout)["engine_error"]["code"] == "opa-unreachable"


def test_slow_opa_times_out_with_exit_3(run_cli):
    with fake_opa(Script(delay=2.0)) as url:
        result = _check(run_cli, url, "--timeout", "0.3")
    assert result.exit_code == 3
    assert json.loads(result.stdout)["engine_error"]["code"] == "opa-timeout"


def test_text_output_says_the_cause_in_japanese(run_cli):
    with fake_opa(Script(status=500, body=b'{"message":"boom"}')) as url:
        result = run_cli("check", "--opa-url", url, "cases/")
    assert result.exit_code == 3
    assert "判定できませんでした" in result.stdout
    assert "HTTP 500" in result.stdout
    assert "合格 0件" in result.stdout


@pytest.mark.parametrize("url", ["ftp://x:1", "http://", "127.0.0.1:8181", "http://h:1/v1/data"])
def test_a_malformed_opa_url_is_a_usage_error(run_cli, url):
    result = run_cli("check", "--opa-url", url, "cases/")
    assert result.exit_code == 2
    assert "--opa-url" in result.stderr


def test_a_local_opa_must_name_the_staged_revision():
    body = {
        "result": {
            "policy": {"version": "v", "bundles": {}},
            "results": {"0": {"violations": [], "warnings": []}},
        }
    }
    with fake_opa(Script(body=json.dumps(body).encode())) as url:
        endpoint = parse_opa_url(url, None)
        with pytest.raises(EngineError) as raised:
            evaluate(
                endpoint, [("k", b"{}")], dt.date(2026, 6, 1), EngineSettings(), "sha256:0123456789abcdef"
            ).finish()
    assert raised.value.code == "revision-mismatch"
    assert "OPA holds revision(s) -, not the staged sha256:0123456789abcdef" in raised.value.message_en
