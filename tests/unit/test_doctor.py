"""`casegate doctor` in local mode, and its failures; with the real OPA in
e2e/test_doctor.py, central mode in e2e/test_central_opa.py."""

from __future__ import annotations

import json

from casegate import OPA_VERSION
from casegate.engine.doctor import Check, Diagnosis, State
from casegate.report.doctor import render_text


def test_local_doctor_without_opa_says_how_to_get_it(run_cli, tmp_path, released):
    env = {"CASEGATE_OPA": None, "PATH": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)}
    result = run_cli("doctor", "--lang", "en", cwd=tmp_path, env=env)
    assert result.exit_code == 3
    assert f"✗ OPA: OPA {OPA_VERSION} was not found" in result.stdout
    assert "casegate install-opa" in result.stdout and "make setup" not in result.stdout


def test_doctor_on_an_unreachable_central_opa_stops_at_the_first_question(run_cli):
    result = run_cli("doctor", "--opa-url", "http://127.0.0.1:9", "--format", "json", "--lang", "en")
    assert result.exit_code == 3
    report = json.loads(result.stdout)
    assert report["mode"] == "central"
    assert [(check["name"], check["code"], check["state"]) for check in report["checks"]] == [
        ("decision", "opa-unreachable", "fail")
    ]
    assert "cannot connect to http://127.0.0.1:9" in report["checks"][0]["message"]


def test_doctor_rejects_a_malformed_url(run_cli):
    result = run_cli("doctor", "--opa-url", "ftp://opa", "--lang", "en")
    assert result.exit_code == 2
    assert "is not of the form http(s)://host:port" in result.stderr


def test_unknown_does_not_fail_but_a_failure_does():
    unknown = Check("signature", State.UNKNOWN, "不明", "unknown")
    ok = Check("decision", State.OK, "可", "ok")
    healthy = Diagnosis("central", "https://opa:8181", (ok, unknown))
    assert healthy.exit_code() == 0
    assert render_text(healthy, "ja").splitlines()[-1] == "結果：正常"
    failed = Diagnosis(
        "central", "https://opa:8181", (ok, Check("decision:opa-unauthorized", State.FAIL, "否", "no"))
    )
    assert failed.exit_code() == 3
    assert render_text(failed, "en").splitlines() == [
        "casegate doctor — central OPA https://opa:8181",
        "✓ decision: ok",
        "✗ decision: no",
        "result: unhealthy (exit 3)",
    ]
