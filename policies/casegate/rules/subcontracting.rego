# METADATA
# description: |
#   Subcontracting, where allowed, stays under the ward's control (OS-x-OP-03): it needs
#   the ward's prior approval, the ward can inspect the subcontractor, and the
#   subcontractors are named so that the committee knows who handles the data.
package casegate.rules.subcontracting

import data.casegate.lib.facts
import data.casegate.lib.result

# The subcontracting terms of the outsourcing.
terms := facts.case.outsourcing.subcontracting

allowed if terms.allowed == true

# The ward cannot inspect a subcontractor unless the contract says so (consistency uses this).
allowed_without_inspection_right if {
	allowed
	not terms.ward_inspection_right == true
}

named_subcontractors if {
	is_array(terms.subcontractors)
	count(terms.subcontractors) > 0
}

# METADATA
# title: 再委託に区の事前承認を必要としていない
# description: A subcontractor the ward has not approved in advance is outside the ward's control.
# custom:
#   rule_id: subcontracting-prior-approval-missing
#   checklist_ids: [OS-P-OP-03, OS-W-OP-03]
#   severity: error
#   message_ja: "業務委託で再委託を認めていますが、再委託に区の事前承認を必要としていません\
#     （subcontracting.prior_approval_required が true ではありません）。\
#     再委託には区の事前の承認を必要とする契約にし、true にしてください。"
#   message_en: "Subcontracting is allowed without the ward's prior approval \
#     (subcontracting.prior_approval_required is not true). Make subcontracting subject to the ward's \
#     prior approval in the contract and set it to true."
deny contains violation if {
	allowed
	not terms.prior_approval_required == true
	violation := result.finding(
		rego.metadata.rule(),
		["outsourcing", "subcontracting", "prior_approval_required"],
		[],
	)
}

# METADATA
# title: 再委託先への立入り調査等の権利がない
# description: OS-x-OP-03 asks for contract terms that allow the ward to inspect the subcontractor.
# custom:
#   rule_id: subcontracting-inspection-right-missing
#   checklist_ids: [OS-P-OP-03, OS-W-OP-03]
#   severity: error
#   message_ja: "業務委託で再委託を認めていますが、再委託先への区の立入り調査等の権利がありません\
#     （subcontracting.ward_inspection_right が true ではありません）。\
#     委託先との契約に、再委託先への立入り調査等ができる内容を付し、true にしてください。"
#   message_en: "Subcontracting is allowed but the ward has no right to inspect the subcontractor \
#     (subcontracting.ward_inspection_right is not true). Add terms allowing on-site inspection of the \
#     subcontractor to the contract and set it to true."
deny contains violation if {
	allowed_without_inspection_right
	violation := result.finding(
		rego.metadata.rule(),
		["outsourcing", "subcontracting", "ward_inspection_right"],
		[],
	)
}

# METADATA
# title: 再委託先が書かれていない
# description: The committee must know who else handles the data.
# custom:
#   rule_id: subcontracting-subcontractors-missing
#   checklist_ids: [OS-P-OP-03, OS-W-OP-03]
#   severity: error
#   message_ja: "業務委託で再委託を認めていますが、再委託先が書かれていません。\
#     subcontracting.subcontractors に再委託先の名称を書いてください。\
#     再委託しないなら subcontracting.allowed を false にしてください。"
#   message_en: "Subcontracting is allowed but no subcontractor is named. List the subcontractors in \
#     subcontracting.subcontractors, or set subcontracting.allowed to false if there is none."
deny contains violation if {
	allowed
	not named_subcontractors
	violation := result.finding(
		rego.metadata.rule(),
		["outsourcing", "subcontracting", "subcontractors"],
		[],
	)
}
