"""The case schema: the seed fits, and each kind of mistake gets a sentence that says what to fix."""

from __future__ import annotations

import json

import pytest

from casegate.core.validate import CaseSchema
from casegate.errors import InputError
from support.paths import REPO

SCHEMA = REPO / "schemas" / "case.schema.json"


@pytest.fixture(scope="module")
def schema() -> CaseSchema:
    return CaseSchema(SCHEMA)


def test_every_property_has_a_japanese_title_and_description():
    document = json.loads(SCHEMA.read_text(encoding="utf-8"))
    missing = []

    def walk(node, where):
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                if not (sub.get("title") and sub.get("description")):
                    missing.append(f"{where}/{name}")
            for key, sub in node.items():
                if key not in ("if", "then", "else", "not"):  # conditions, not fields
                    walk(sub, f"{where}/{key}")
        elif isinstance(node, list):
            for index, sub in enumerate(node):
                walk(sub, f"{where}/{index}")

    walk(document, "")
    assert missing == []


def test_the_checklists_list_all_80_catalogue_items():
    document = json.loads(SCHEMA.read_text(encoding="utf-8"))
    catalogue = json.loads((REPO / "policies/casegate/catalogue/data.json").read_text(encoding="utf-8"))[
        "items"
    ]
    listed = set(document["$defs"]["checklist_external_connection"]["properties"]) | set(
        document["$defs"]["checklist_outsourcing"]["properties"]
    )
    assert listed == set(catalogue)
    assert len(listed) == 80


def test_the_seed_fits(schema, seed_case):
    assert schema.problems(seed_case) == []


def _only(schema, case):
    problems = schema.problems(case)
    assert len(problems) == 1, problems
    return problems[0]


def test_missing_required_field_points_at_where_it_belongs(schema, case):
    del case["business"]["purpose"]
    problem = _only(schema, case)
    assert problem.pointer == "/business/purpose"
    assert "「目的」(purpose)" in problem.message_ja
    assert "追加してください" in problem.message_ja


def test_unknown_field_suggests_the_close_name(schema, case):
    case["outsourcing"]["subcontracing"] = case["outsourcing"].pop("subcontracting")
    problems = schema.problems(case)
    assert any("「subcontracting」の書き間違い" in p.message_ja for p in problems)


@pytest.mark.parametrize(("typed", "meant"), [("〇", "○"), ("◯", "○"), ("-", "－"), ("ー", "－")])
def test_lookalike_answers_name_the_right_character(schema, case, typed, meant):
    case["outsourcing"]["checklist"]["OS-W-OP-01"] = {"answer": typed}
    problem = _only(schema, case)
    assert problem.pointer == "/outsourcing/checklist/OS-W-OP-01/answer"
    assert f'"{meant}" と形の似た別の文字' in problem.message_ja


def test_not_applicable_needs_a_reason(schema, case):
    case["outsourcing"]["checklist"]["OS-W-OP-08"] = {"answer": "－"}
    problem = _only(schema, case)
    assert problem.pointer == "/outsourcing/checklist/OS-W-OP-08/reason"


def test_full_width_country_code_is_explained(schema, case):
    case["data_locations"][0]["country"] = "ＪＰ"
    problem = _only(schema, case)
    assert '半角の "JP"' in problem.message_ja


def test_zero_width_space_in_an_id_is_explained(schema, case):
    case["case_id"] = "R8\u200bkikaku"
    problem = _only(schema, case)
    assert "見えない文字" in problem.message_ja


def test_impossible_date_is_rejected(schema, case):
    case["outsourcing"]["period"]["end"] = "2027-02-30"
    problem = _only(schema, case)
    assert problem.keyword == "format"
    assert "YYYY-MM-DD" in problem.message_ja


def test_a_case_with_neither_section_is_told_to_add_one(schema, case):
    del case["external_connection"]
    del case["outsourcing"]
    problem = _only(schema, case)
    assert (
        "外部結合（external_connection）と業務委託（outsourcing）のどちらもありません" in problem.message_ja
    )


def test_wrong_type_names_the_expected_kind(schema, case):
    case["personal_data"]["my_number"] = "いいえ"
    problem = _only(schema, case)
    assert "true か false" in problem.message_ja


def test_tls_transfer_needs_its_version(schema, case):
    del case["transfers"][0]["tls_version"]
    problem = _only(schema, case)
    assert problem.pointer == "/transfers/0/tls_version"


def test_a_broken_schema_file_is_an_input_error(tmp_path):
    bad = tmp_path / "schema.json"
    bad.write_text('{"type": "nonsense"}', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        CaseSchema(bad)
    assert caught.value.code == "bad-schema"
