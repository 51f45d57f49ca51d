package casegate.rules.subcontracting_test

import data.casegate.rules.subcontracting
import data.casegate.test.fixture

allowed(overrides) := fixture.patched([{
	"op": "replace",
	"path": "/outsourcing/subcontracting",
	"value": object.union(
		{"allowed": true, "subcontractors": ["株式会社 反訳サービス"], "prior_approval_required": true, "ward_inspection_right": true},
		overrides,
	),
}])

test_no_subcontracting_passes if {
	subcontracting.deny == set() with input as fixture.base_input
}

test_subcontracting_under_control_passes if {
	subcontracting.deny == set() with input as allowed({})
}

test_subcontracting_without_prior_approval if {
	violations := subcontracting.deny with input as allowed({"prior_approval_required": false})
	violations == {{
		"checklist_ids": [
			"OS-P-OP-03",
			"OS-W-OP-03",
		],
		"message_en": "Subcontracting is allowed without the ward's prior approval (subcontracting.prior_approval_required is not true). Make subcontracting subject to the ward's prior approval in the contract and set it to true.",
		"message_ja": "業務委託で再委託を認めていますが、再委託に区の事前承認を必要としていません（subcontracting.prior_approval_required が true ではありません）。再委託には区の事前の承認を必要とする契約にし、true にしてください。",
		"pointer": "/outsourcing/subcontracting/prior_approval_required",
		"rule_id": "subcontracting-prior-approval-missing",
		"severity": "error",
		"title": "再委託に区の事前承認を必要としていない",
	}}
}

test_subcontracting_without_inspection_right if {
	violations := subcontracting.deny with input as allowed({"ward_inspection_right": false})
	violations == {{
		"checklist_ids": [
			"OS-P-OP-03",
			"OS-W-OP-03",
		],
		"message_en": "Subcontracting is allowed but the ward has no right to inspect the subcontractor (subcontracting.ward_inspection_right is not true). Add terms allowing on-site inspection of the subcontractor to the contract and set it to true.",
		"message_ja": "業務委託で再委託を認めていますが、再委託先への区の立入り調査等の権利がありません（subcontracting.ward_inspection_right が true ではありません）。委託先との契約に、再委託先への立入り調査等ができる内容を付し、true にしてください。",
		"pointer": "/outsourcing/subcontracting/ward_inspection_right",
		"rule_id": "subcontracting-inspection-right-missing",
		"severity": "error",
		"title": "再委託先への立入り調査等の権利がない",
	}}
}

test_subcontracting_without_subcontractors if {
	violations := subcontracting.deny with input as allowed({"subcontractors": []})
	violations == {{
		"checklist_ids": [
			"OS-P-OP-03",
			"OS-W-OP-03",
		],
		"message_en": "Subcontracting is allowed but no subcontractor is named. List the subcontractors in subcontracting.subcontractors, or set subcontracting.allowed to false if there is none.",
		"message_ja": "業務委託で再委託を認めていますが、再委託先が書かれていません。subcontracting.subcontractors に再委託先の名称を書いてください。再委託しないなら subcontracting.allowed を false にしてください。",
		"pointer": "/outsourcing/subcontracting/subcontractors",
		"rule_id": "subcontracting-subcontractors-missing",
		"severity": "error",
		"title": "再委託先が書かれていない",
	}}
}
