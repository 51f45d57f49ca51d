"""`casegate migrate` and the 1.x refusal: an old case is named, rewritten to a new file, never lost."""

from __future__ import annotations

import json

from casegate.core.migrate import migrate_case
from casegate.core.validate import CaseSchema
from support.paths import DATA, REPO

V1 = DATA / "case-1.0.json"
SCHEMA = CaseSchema(REPO / "schemas" / "case.schema.json")


def _v1() -> dict:
    return json.loads(V1.read_text(encoding="utf-8"))


def test_a_1x_case_is_refused_with_one_message_naming_migrate(run_cli, tmp_path):
    old = tmp_path / "old.json"
    old.write_bytes(V1.read_bytes())
    result = run_cli("check", "--as-of", "2026-04-27", "--format", "json", str(old))
    assert result.exit_code == 2, result.output
    [case] = json.loads(result.stdout)["cases"]
    [problem] = case["errors"]
    assert problem["code"] == "schema-version"
    assert "casegate migrate" in problem["message_ja"]
    assert problem["line"] is not None  # placed at schema_version


def test_migrate_never_overwrites_and_in_place_only_when_asked(run_cli, tmp_path):
    old = tmp_path / "R8.json"
    old.write_bytes(V1.read_bytes())
    (tmp_path / "R8.v2.json").write_text("mine", encoding="utf-8")
    refused = run_cli("migrate", str(old))
    assert refused.exit_code == 2
    assert "上書きはしません" in refused.stderr
    assert (tmp_path / "R8.v2.json").read_text(encoding="utf-8") == "mine"

    in_place = run_cli("migrate", "--in-place", str(old))
    assert in_place.exit_code == 0, in_place.output
    assert json.loads(old.read_text(encoding="utf-8"))["schema_version"] == "2.0"
    again = run_cli("migrate", "--in-place", str(old))
    assert again.exit_code == 2
    assert "1.x" in again.stderr


def test_migrate_refuses_broken_input_with_the_loaders_message(run_cli, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema_version": "1.0",}', encoding="utf-8")
    result = run_cli("migrate", str(broken))
    assert result.exit_code == 2
    assert str(broken) in result.stderr
    assert not (tmp_path / "broken.v2.json").exists()


def test_migrate_keeps_subcontractors_and_their_clauses():
    old = _v1()
    old["outsourcing"]["subcontracting"] = {
        "allowed": True,
        "subcontractors": ["株式会社 反訳サービス"],
        "prior_approval_required": True,
        "ward_inspection_right": False,
    }
    new = migrate_case(old)
    assert new["outsourcing"]["subcontracting"] == {
        "allowed": True,
        "subcontractors": [{"name": "株式会社 反訳サービス", "location_ids": []}],
    }
    kinds = {c["kind"]: c.get("status") for c in new["outsourcing"]["contract_clauses"]}
    assert kinds["subcontracting_prior_written_approval"] is None
    assert kinds["subcontractor_inspection"] == "不明"  # false in 1.x: not stated, so not known
    assert old["outsourcing"]["subcontracting"]["ward_inspection_right"] is False  # input untouched
