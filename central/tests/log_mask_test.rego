# Tests of central/system/log_mask.rego: what a decision log event loses, and what it keeps.
package system.log_test

import data.system.log

case := {
	"case_id": "c",
	"business": {"name": "n", "purpose": "p", "target_persons": "t", "description": "d", "target_count": {"approximate": 1, "note": "x"}},
	"personal_data": {"items": ["i"], "my_number": false},
	"transfers": [{"from": "a", "to": "b", "description": "d0"}, {"from": "b", "to": "c"}, {"from": "c", "to": "d", "description": "d2"}],
	"external_connection": {"information_items": "i", "reason": "r", "form": "f", "checklist": {"EC-W-OP-01": {"answer": "○"}, "EC-W-OP-02": {"answer": "－", "reason": "r"}}},
	"outsourcing": {"information_items": "i", "reason": "r", "work": "w", "media": {"description": "m"}, "deletion": {"method": "m"}},
}

test_batch_masks_personal_and_free_text_fields if {
	log.mask == {
		"/input/cases/0/business/purpose",
		"/input/cases/0/business/target_persons",
		"/input/cases/0/business/description",
		"/input/cases/0/business/target_count/note",
		"/input/cases/0/personal_data/items",
		"/input/cases/0/transfers/0/description",
		"/input/cases/0/transfers/2/description",
		"/input/cases/0/external_connection/information_items",
		"/input/cases/0/external_connection/reason",
		"/input/cases/0/external_connection/form",
		"/input/cases/0/external_connection/checklist/EC-W-OP-02/reason",
		"/input/cases/0/outsourcing/information_items",
		"/input/cases/0/outsourcing/reason",
		"/input/cases/0/outsourcing/work",
		"/input/cases/0/outsourcing/media/description",
		"/input/cases/0/outsourcing/deletion/method",
	} with input as {"input": {"as_of": "2026-11-27", "cases": {"0": case}}}
}

test_single_decision_is_masked_too if {
	"/input/case/business/description" in log.mask with input as {"input": {"case": case}}
}

test_facts_the_decision_rests_on_stay if {
	masked := log.mask with input as {"input": {"cases": {"0": case}}}
	every pointer in masked {
		not contains(pointer, "case_id")
		not endswith(pointer, "/answer")
		not endswith(pointer, "/business/name")
	}
}

test_key_a_pointer_cannot_name_masks_every_case if {
	"/input/cases" in log.mask with input as {"input": {"cases": {"a/b": case}}}
	"/input/cases" in log.mask with input as {"input": {"cases": {"0": {"outsourcing": {"checklist": {"x~1": {"reason": "r"}}}}}}}
}

test_nothing_to_mask_in_an_empty_batch if {
	log.mask == set() with input as {"input": {"cases": {}}}
}
