"""`check --audit-log` with the real OPA: one appended JSON line per case, 0600 when new, a log that
cannot be written stops the run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import stat

from support.cases import POLICY_VERSION
from support.paths import SEED, VARIANTS


def _records(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_check_appends_one_record_per_case_and_creates_the_file_0600(run_cli, tmp_path):
    log = tmp_path / "audit.jsonl"
    variant = VARIANTS / "tls-1-0.json"
    env = {"GITHUB_ACTOR": "octocat", "GITLAB_USER_LOGIN": ""}
    result = run_cli(
        "check", "--audit-log", str(log), "--as-of", "2026-04-30", str(SEED), str(variant), env=env
    )
    assert result.exit_code == 1
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    passed, failed = _records(log)
    assert passed["case"]["path"] == str(SEED)
    assert passed["case"]["case_id"] == "R8-kikaku-tape-hanyaku"
    assert passed["verdict"] == "pass"
    assert failed["verdict"] == "fail"
    assert failed["case"]["sha256"] == hashlib.sha256(variant.read_bytes()).hexdigest()
    tls_ids = ["EC-P-SY-03", "EC-W-SY-03", "OS-P-SY-03", "OS-W-SY-03"]
    assert {"rule_id": "encryption-tls-version-too-old", "checklist_ids": tls_ids} in failed["violations"]
    for record in (passed, failed):
        assert record["as_of"] == "2026-04-30"
        assert record["engine"] == "local"
        assert record["policy"]["version"] == POLICY_VERSION
        assert record["policy"]["revisions"][0].startswith("sha256:")
        assert record["who"]["github_actor"] == "octocat"
        assert "gitlab_user_login" not in record["who"]  # empty means unset
        assert record["who"]["os_user"]
        when = dt.datetime.fromisoformat(record["when"].replace("Z", "+00:00"))
        assert when.utcoffset() == dt.timedelta(0)
        assert abs(dt.datetime.now(dt.UTC) - when) < dt.timedelta(minutes=5)
    # A second run appends; the first records stay as they were.
    first = log.read_bytes()
    again = run_cli("check", "--audit-log", str(log), "--as-of", "2026-04-27", str(SEED))
    assert again.exit_code == 0
    assert log.read_bytes().startswith(first)
    assert len(_records(log)) == 3


def test_an_existing_0600_log_is_appended_to(run_cli, tmp_path):
    log = tmp_path / "shared.jsonl"
    log.write_text('{"earlier": true}\n', encoding="utf-8")
    log.chmod(0o600)
    assert run_cli("check", "--audit-log", str(log), "--as-of", "2026-04-27", str(SEED)).exit_code == 0
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert _records(log)[0] == {"earlier": True}
    assert _records(log)[1]["case"]["case_id"] == "R8-kikaku-tape-hanyaku"


def test_a_log_that_cannot_be_written_stops_the_run(run_cli, tmp_path):
    log = tmp_path / "missing-folder" / "audit.jsonl"
    result = run_cli("check", "--audit-log", str(log), "--as-of", "2026-04-27", "--lang", "en", str(SEED))
    assert result.exit_code == 2
    assert f"Cannot append to the decision record (--audit-log) {log}" in result.stderr
    assert "A decision that is not recorded does not pass." in result.stderr
    assert result.stdout == ""  # no verdict printed for an unrecorded run
