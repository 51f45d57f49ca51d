"""`check --audit-log`: one appended JSON line per case, 0600 when new, never rewritten."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest

import casegate.errors
import casegate.report.audit
from casegate.core.model import CaseReport, Finding, Location, PolicyInfo, Problem, RunReport, Verdict
from casegate.report.audit import append_records


def _records(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_invalid_cases_are_recorded_with_their_error_codes(run_cli, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"case_id": "x", "case_id": "y"}', encoding="utf-8")
    log = tmp_path / "audit.jsonl"
    assert run_cli("check", "--audit-log", str(log), str(bad)).exit_code == 2
    (record,) = _records(log)
    assert record["verdict"] == "error"
    assert record["errors"] == ["duplicate-key"]
    assert record["policy"] is None


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
