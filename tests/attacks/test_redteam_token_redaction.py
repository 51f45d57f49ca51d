"""Red team: an error body cut at 300 characters before the token was redacted.

casegate shows the first 300 characters of an error body from OPA (or from whatever answers
in its place) with the token replaced by ***. The cut came first: a body that carries the
token across the 300th character kept a prefix of it that no longer matched the whole token,
so that prefix reached stderr and the pipeline's log, which a department can read.
"""

from __future__ import annotations

import json
import secrets

import pytest

from support.fake_opa import Recorder, recorder
from support.paths import VARIANTS

ABROAD = str(VARIANTS / "server-abroad.json")  # fails the released policy (exit 1)


@pytest.mark.parametrize("lead", [270, 290, 299])
def test_a_token_cut_by_the_300_character_limit_is_not_shown_in_part(run_cli, lead: int) -> None:
    token = "cgc-" + secrets.token_hex(20)
    message = "x" * lead + token + " was refused"  # a proxy or server echoing the raw token
    body = json.dumps({"code": "internal_error", "message": message}).encode()
    with recorder(Recorder(status=500, body=body, headers={"Content-Type": "application/json"})) as url:
        result = run_cli(
            "check",
            *("--opa-url", url, "--format", "json", "--lang", "en", ABROAD),
            env={"CASEGATE_OPA_TOKEN": token},
        )
    assert result.exit_code == 3, result.output
    assert "HTTP 500" in result.output
    assert token[:8] not in result.output  # no part of it: "cgc-" plus four hex digits
