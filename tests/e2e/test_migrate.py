"""`casegate migrate`: the new file it writes is judged by the real OPA, the old one stays."""

from __future__ import annotations

import json

from casegate.core.validate import CaseSchema
from support.paths import DATA, REPO

V1 = DATA / "case-1.0.json"
SCHEMA = CaseSchema(REPO / "schemas" / "case.schema.json")


def test_migrate_writes_a_valid_2x_file_beside_the_old_one_and_leaves_the_old_one(run_cli, tmp_path):
    old = tmp_path / "R8.json"
    old.write_bytes(V1.read_bytes())
    before = old.read_bytes()
    result = run_cli("migrate", str(old))
    assert result.exit_code == 0, result.output
    new = tmp_path / "R8.v2.json"
    assert old.read_bytes() == before
    migrated = json.loads(new.read_text(encoding="utf-8"))
    assert SCHEMA.problems(migrated) == []
    assert migrated["schema_version"] == "2.0"
    # What 1.x never said is unknown, not false, and every guess is an assumption.
    assert migrated["system_measures"]["partner"]["accounts"]["mfa_outside_lgwan"] == "不明"
    assert {a["pointer"] for a in migrated["assumptions"]} >= {
        "/data_locations/0/role",
        "/data_locations/1/role",
    }
    kinds = {c["kind"]: c.get("status") for c in migrated["outsourcing"]["contract_clauses"]}
    assert kinds["return_and_erasure"] is None and kinds["erasure_report"] is None  # stated in 1.x
    assert kinds["handlers_reported"] == "不明"  # never stated in 1.x
    # The migrated case is judged: before the start its unknowns warn, and the one 1.0 fact that
    # 2.0 reads more strictly fails (the contractor's PC keeps data with a file password only).
    checked = run_cli("check", "--as-of", "2026-04-27", "--format", "json", str(new))
    assert checked.exit_code == 1, checked.output
    [case] = json.loads(checked.stdout)["cases"]
    assert [(v["rule_id"], v["pointer"]) for v in case["violations"]] == [
        ("encryption-storage-unprotected", "/data_locations/2/encrypted_at_rest")
    ]
    assert "fact-unknown-before-start" in {w["rule_id"] for w in case["warnings"]}
    after = run_cli("check", "--as-of", "2026-11-27", str(new))
    assert after.exit_code == 1
