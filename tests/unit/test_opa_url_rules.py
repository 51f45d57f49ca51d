"""--opa-url: credentials refused and never echoed, unparsable URLs refused, a token only over
HTTPS or to this machine.
"""

from __future__ import annotations

import pytest

from casegate.engine.endpoint import parse_opa_url
from casegate.errors import InputError


@pytest.mark.parametrize("url", ["http://SECRET@opa.example/x", "http://user:SECRET@opa.example:8181"])
def test_credentials_in_the_opa_url_are_refused_and_never_echoed(run_cli, url):
    result = run_cli("check", "--opa-url", url, "--lang", "en", "cases/")
    assert result.exit_code == 2, result.output
    assert "Do not put a user name or password" in result.stderr
    assert "SECRET" not in result.output


def test_a_malformed_url_is_shown_without_its_query():
    with pytest.raises(InputError) as raised:
        parse_opa_url("http://opa.example:8181/v1/data?token=SECRET", None)
    assert "--opa-url http://opa.example:8181/v1/data is not of the form" in raised.value.message_en
    assert "SECRET" not in raised.value.message_ja + raised.value.message_en


@pytest.mark.parametrize("url", ["http://[::1", "http://opa.example:port"])
def test_an_unparsable_url_is_a_usage_error_not_a_default_port(url):
    with pytest.raises(InputError) as raised:
        parse_opa_url(url, None)
    assert raised.value.code == "bad-opa-url"


def test_a_token_over_plain_http_to_another_host_is_refused(run_cli):
    result = run_cli(
        "check",
        "--opa-url",
        "http://10.0.0.8:8181",
        "--lang",
        "en",
        "cases/",
        env={"CASEGATE_OPA_TOKEN": "t"},
    )
    assert result.exit_code == 2, result.output
    assert "The token would travel unencrypted to 10.0.0.8. Use an https:// --opa-url" in result.stderr


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8181", "http://127.9.9.9:8181", "http://[::1]:8181", "http://localhost:8181"]
)
def test_a_token_over_plain_http_to_this_machine_is_fine(url):
    assert parse_opa_url(url, "t").token == "t"


def test_https_or_no_token_may_go_anywhere():
    assert parse_opa_url("https://opa.example:8181", "t").tls
    assert parse_opa_url("http://opa.example:8181", None).token is None
