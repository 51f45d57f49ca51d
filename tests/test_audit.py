"""`check --audit-log`: one appended JSON line per case, 0600 when new, never rewritten."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat

import pytest

import casegate.errors
import casegate.report.audit
from casegate.core.model import CaseReport, Finding, Location, PolicyInfo, Problem, RunReport, Verdict
from casegate.report.audit import append_records
from conftest import POLICY_VERSION, SEED, VARIANTS


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


def test_invalid_cases_are_recorded_with_their_error_codes(run_cli, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"case_id": "x", "case_id": "y"}', encoding="utf-8")
    log = tmp_path / "audit.jsonl"
    assert run_cli("check", "--audit-log", str(log), str(bad)).exit_code == 2
    (record,) = _records(log)
    assert record["verdict"] == "error"
    assert record["errors"] == ["duplicate-key"]
    assert record["policy"] is None


def test_a_log_that_cannot_be_written_stops_the_run(run_cli, tmp_path):
    log = tmp_path / "missing-folder" / "audit.jsonl"
    result = run_cli("check", "--audit-log", str(log), "--as-of", "2026-04-27", "--lang", "en", str(SEED))
    assert result.exit_code == 2
    assert f"Cannot append to the decision record (--audit-log) {log}" in result.stderr
    assert "A decision that is not recorded does not pass." in result.stderr
    assert result.stdout == ""  # no verdict printed for an unrecorded run


def _report() -> RunReport:
    finding = Finding("r", "t", ("EC-W-OP-01",), "error", "ja", "en", Location("/x"))
    return RunReport(
        command="check",
        cases=(
            CaseReport("a.json", "a", Verdict.FAIL, violations=(finding,), sha256="1" * 64),
            CaseReport("b.json", None, Verdict.ERROR, problems=(Problem("not-utf8", "j", "e"),)),
        ),
        as_of=dt.date(2026, 11, 27),
        policy=PolicyInfo("2026.11.0", ("2026.11.0+gabc1234",)),
    )


def test_each_record_is_one_write(tmp_path, monkeypatch):
    writes = []
    real_write = os.write

    def counting_write(descriptor, data):
        writes.append(data)
        return real_write(descriptor, data)

    monkeypatch.setattr(casegate.report.audit.os, "write", counting_write)
    log = tmp_path / "audit.jsonl"
    count = append_records(log, _report(), engine="https://opa.example:8181", environ={})
    assert count == len(writes) == 2
    assert all(data.endswith(b"\n") and data.count(b"\n") == 1 for data in writes)
    first, second = _records(log)
    assert first["engine"] == "https://opa.example:8181"
    assert first["policy"] == {"version": "2026.11.0", "revisions": ["2026.11.0+gabc1234"]}
    assert first["violations"] == [{"rule_id": "r", "checklist_ids": ["EC-W-OP-01"]}]
    assert second["case"] == {"path": "b.json", "case_id": None, "sha256": None}
    assert second["errors"] == ["not-utf8"]


def test_a_short_write_is_an_error_not_a_second_write(tmp_path, monkeypatch):
    monkeypatch.setattr(casegate.report.audit.os, "write", lambda descriptor, data: len(data) - 1)
    with pytest.raises(casegate.errors.InputError) as error:
        append_records(tmp_path / "audit.jsonl", _report(), engine="local", environ={})
    assert error.value.code == "audit-log-unwritable"
