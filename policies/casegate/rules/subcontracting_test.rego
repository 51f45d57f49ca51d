package casegate.rules.subcontracting_test

import data.casegate.rules.subcontracting
import data.casegate.test.fixture

sub_location := fixture.location("sub-pc", "再委託先PC", {
	"role": "subcontractor", "operator": "株式会社 反訳サービス", "encrypted_at_rest": true,
	"key_management": "運用者が管理", "parent_company_country": "JP", "data_residency_commitment": true,
})

allowed(overrides) := fixture.patched([
	{"op": "add", "path": "/data_locations/-", "value": sub_location},
	{
		"op": "replace",
		"path": "/outsourcing/subcontracting",
		"value": object.union(
			{"allowed": true, "subcontractors": [{"name": "株式会社 反訳サービス", "location_ids": ["sub-pc"]}]},
			overrides,
		),
	},
])

test_no_subcontracting_passes if {
	subcontracting.deny == set() with input as fixture.base_input
}

test_subcontracting_with_located_subcontractors_passes if {
	subcontracting.deny == set() with input as allowed({})
}

test_subcontracting_without_subcontractors if {
	violations := subcontracting.deny with input as allowed({"subcontractors": []})
	violations == {{
		"checklist_ids": [
			"OS-P-OP-03",
			"OS-W-OP-03",
		],
		"message_en": "Subcontracting is allowed but no subcontractor is named. List the subcontractors in subcontracting.subcontractors, or set subcontracting.allowed to false if there is none.",
		"message_ja": "業務委託で再委託を認めていますが、再委託先が書かれていません。subcontracting.subcontractors に再委託先の名称と場所を書いてください。再委託しないなら subcontracting.allowed を false にしてください。",
		"pointer": "/outsourcing/subcontracting/subcontractors",
		"rule_id": "subcontracting-subcontractors-missing",
		"severity": "error",
		"title": "再委託先が書かれていない",
	}}
}

# The bypass: subcontracting ruled out while subcontractors are listed.
test_subcontractors_listed_while_ruled_out if {
	violations := subcontracting.deny with input as allowed({"allowed": false})
	violations == {{
		"checklist_ids": [
			"OS-P-OP-03",
			"OS-W-OP-03",
		],
		"message_en": "Subcontracting is ruled out (subcontracting.allowed is false) but 1 subcontractor(s) are listed. If work is subcontracted, set allowed to true and add the subcontracting clauses; otherwise remove them.",
		"message_ja": "再委託を認めない（subcontracting.allowed が false）のに、再委託先が 1 件書かれています。再委託するなら allowed を true にして特記事項に再委託の条項を付し、しないなら再委託先を削除してください。",
		"pointer": "/outsourcing/subcontracting/subcontractors",
		"rule_id": "subcontracting-contradiction",
		"severity": "error",
		"title": "再委託を認めないのに再委託先がある",
	}}
}

test_subcontractor_without_a_location if {
	violations := subcontracting.deny with input as allowed({"subcontractors": [{"name": "株式会社 反訳サービス", "location_ids": []}]})
	[[v.rule_id, v.pointer, v.checklist_ids] | some v in violations] == [[
		"subcontractor-location-missing",
		"/outsourcing/subcontracting/subcontractors/0/location_ids",
		["OS-P-OP-03", "OS-P-SY-07", "OS-P-SY-11", "OS-W-OP-03", "OS-W-SY-07", "OS-W-SY-11"],
	]]
}

# A location id that is not a subcontractor's place (here the contractor's) does not count.
test_subcontractor_pointing_at_another_role if {
	violations := subcontracting.deny with input as allowed({"subcontractors": [{"name": "株式会社 反訳サービス", "location_ids": ["contractor-pc"]}]})
	[v.rule_id | some v in violations] == ["subcontractor-location-missing"]
}
