package casegate.rules.clauses_test

import data.casegate.rules.clauses
import data.casegate.test.fixture

without(section, kind) := fixture.patched([{
	"op": "replace",
	"path": concat("/", ["", section, "contract_clauses"]),
	"value": [clause | some clause in fixture.base_case[section].contract_clauses; clause.kind != kind],
}])

test_standard_clauses_pass if {
	clauses.deny == set() with input as fixture.base_input
}

# The bypass: 取扱者 reported to the ward had no fact behind OS-x-OP-04.
test_missing_clause_names_the_items_resting_on_it if {
	violations := clauses.deny with input as without("outsourcing", "handlers_reported")
	violations == {{
		"checklist_ids": ["OS-P-OP-04", "OS-W-OP-04"],
		"message_en": "The contract clauses (contract_clauses) of the outsourcing lack \"named data managers and handlers reported to the ward\" (kind: handlers_reported), on which checklist item(s) OS-P-OP-04, OS-W-OP-04 rest. Attach the clause to the contract and add it to contract_clauses.",
		"message_ja": "業務委託の契約の特記事項（contract_clauses）に「取扱責任者・取扱者の指定と区への報告」（kind: handlers_reported）がありません。チェックリストの OS-P-OP-04, OS-W-OP-04 はこの条項に基づきます。契約に条項を付し、contract_clauses に加えてください。",
		"pointer": "/outsourcing/contract_clauses",
		"rule_id": "contract-clause-missing",
		"severity": "error",
		"title": "契約の特記事項に必要な条項がない",
	}}
}

# The ward's audit right over the partner itself, not only over subcontractors.
test_inspection_of_the_partner_itself if {
	violations := clauses.deny with input as without("external_connection", "inspection_audit")
	[[v.pointer, v.checklist_ids] | some v in violations] == [["/external_connection/contract_clauses", ["EC-P-OP-02", "EC-W-OP-02"]]]
}

# Unknown is not false: subcontracting 不明 still needs the subcontracting clauses.
test_unknown_subcontracting_needs_the_clauses if {
	violations := clauses.deny with input as fixture.patched([{"op": "replace", "path": "/outsourcing/subcontracting/allowed", "value": "不明"}])
	{v.message_en | some v in violations} == {
		"The contract clauses (contract_clauses) of the outsourcing lack \"subcontracting only with the ward's prior written approval\" (kind: subcontracting_prior_written_approval), on which checklist item(s) OS-P-OP-03, OS-W-OP-03 rest. Attach the clause to the contract and add it to contract_clauses.",
		"The contract clauses (contract_clauses) of the outsourcing lack \"the same obligations flow down to subcontractors\" (kind: subcontracting_flow_down), on which checklist item(s) OS-P-OP-03, OS-W-OP-03 rest. Attach the clause to the contract and add it to contract_clauses.",
		"The contract clauses (contract_clauses) of the outsourcing lack \"the ward's right to inspect subcontractors\" (kind: subcontractor_inspection), on which checklist item(s) OS-P-OP-03, OS-W-OP-03 rest. Attach the clause to the contract and add it to contract_clauses.",
	}
}

# A clause written 不明 is left to rules/unknown.rego.
test_unknown_clause_is_not_missing if {
	clauses.deny == set() with input as fixture.patched([{"op": "add", "path": "/outsourcing/contract_clauses/0/status", "value": "不明"}])
}

test_no_clause_list_is_every_clause_missing if {
	violations := clauses.deny with input as fixture.patched([{"op": "remove", "path": "/external_connection/contract_clauses"}])
	count(violations) == 7
}

test_contract_days_are_read if {
	clauses.report_days == {"outsourcing": 10} with input as fixture.patched([{"op": "add", "path": "/outsourcing/contract_clauses/-", "value": {"kind": "erasure_report", "within_days": 10}}])
}

# Two erasure_report clauses with different days: the fewer days count, and the case (and so
# the batch it is in) still gets a decision.
test_two_erasure_report_days_give_the_fewest if {
	clauses.report_days == {"outsourcing": 10} with input as fixture.patched([
		{"op": "add", "path": "/outsourcing/contract_clauses/-", "value": {"kind": "erasure_report", "within_days": 20}},
		{"op": "add", "path": "/outsourcing/contract_clauses/-", "value": {"kind": "erasure_report", "within_days": 10}},
	])
}
