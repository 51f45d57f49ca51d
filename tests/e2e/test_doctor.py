"""`casegate doctor` in local mode with the real OPA: a decision from the pinned OPA, or where the policies fail to compile."""

from __future__ import annotations

import json
import shutil

from casegate import OPA_VERSION
from support.cases import POLICY_VERSION
from support.paths import REPO


def test_local_doctor_finds_the_pinned_opa_and_gets_a_decision(run_cli):
    result = run_cli("doctor", "--format", "json", "--lang", "en")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["mode"] == "local"
    assert report["target"] == str(REPO / ".tools" / "bin" / "opa")
    assert report["opa_version"] == OPA_VERSION
    assert report["policy"]["version"] == POLICY_VERSION
    (revision,) = report["policy"]["revisions"]
    assert revision.startswith("sha256:")
    assert report["signature"]["state"] == "not-used"
    assert [(check["name"], check["state"]) for check in report["checks"]] == [
        ("opa", "ok"),
        ("decision", "ok"),
        ("signature", "skipped"),
    ]


def test_local_doctor_fails_on_policies_that_do_not_compile(run_cli, tmp_path):
    broken = tmp_path / "policies"
    shutil.copytree(REPO / "policies", broken)
    (broken / "casegate" / "main.rego").write_text("package casegate.main\n\nbatch := {\n", encoding="utf-8")
    result = run_cli("doctor", "--policies", str(broken), "--lang", "en")
    assert result.exit_code == 3
    assert "✗ decision: OPA stopped while starting; the policies may have an error" in result.stdout
    assert "result: unhealthy (exit 3)" in result.stdout
