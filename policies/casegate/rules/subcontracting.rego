# METADATA
# description: |
#   Subcontracting, where allowed, stays under the ward's control (OS-x-OP-03): it needs
#   the ward's prior approval, the ward can inspect the subcontractor, and the
#   subcontractors are named so that the committee knows who handles the data.
# custom:
#   facts:
#     - "outsourcing.subcontracting.allowed"
#     - "outsourcing.subcontracting.subcontractors[].location_ids"
#     - "data_locations[].role"
package casegate.rules.subcontracting

import data.casegate.lib.facts
import data.casegate.lib.result

# The subcontracting terms of the outsourcing.
terms := facts.case.outsourcing.subcontracting

allowed if terms.allowed == true

default subcontractors := []

subcontractors := terms.subcontractors if is_array(terms.subcontractors)

# The ids of the places with the role subcontractor.
subcontractor_location_ids contains location.id if {
	some location in facts.data_locations
	location.role == "subcontractor"
}

# METADATA
# title: 再委託を認めないのに再委託先がある
# description: |
#   subcontracting.allowed false rules out the subcontracting clauses and lets OS-x-OP-03 be
#   answered 「－」; a listed subcontractor contradicts it.
# custom:
#   rule_id: subcontracting-contradiction
#   checklist_ids: [OS-P-OP-03, OS-W-OP-03]
#   severity: error
#   message_ja: "再委託を認めない（subcontracting.allowed が false）のに、再委託先が %[1]d 件書かれています。\
#     再委託するなら allowed を true にして特記事項に再委託の条項を付し、しないなら再委託先を削除してください。"
#   message_en: "Subcontracting is ruled out (subcontracting.allowed is false) but %[1]d subcontractor(s) are listed. \
#     If work is subcontracted, set allowed to true and add the subcontracting clauses; otherwise remove them."
deny contains violation if {
	terms.allowed == false
	count(subcontractors) > 0
	violation := result.finding(
		rego.metadata.rule(),
		["outsourcing", "subcontracting", "subcontractors"],
		[count(subcontractors)],
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
#     subcontracting.subcontractors に再委託先の名称と場所を書いてください。\
#     再委託しないなら subcontracting.allowed を false にしてください。"
#   message_en: "Subcontracting is allowed but no subcontractor is named. List the subcontractors in \
#     subcontracting.subcontractors, or set subcontracting.allowed to false if there is none."
deny contains violation if {
	allowed
	count(subcontractors) == 0
	violation := result.finding(
		rego.metadata.rule(),
		["outsourcing", "subcontracting", "subcontractors"],
		[],
	)
}

# METADATA
# title: 再委託先が個人情報を扱う場所が書かれていない
# description: |
#   Each subcontractor names its place(s) among data_locations with the role subcontractor,
#   so that the place rules (SY-07, SY-11) judge where the subcontractor keeps the data.
# custom:
#   rule_id: subcontractor-location-missing
#   checklist_ids: [OS-P-OP-03, OS-W-OP-03, OS-P-SY-07, OS-W-SY-07, OS-P-SY-11, OS-W-SY-11]
#   severity: error
#   message_ja: "再委託先「%[1]s」が個人情報を扱う場所が、role が \"subcontractor\" の data_locations にありません。\
#     その場所（国・法・保存時の暗号化）を data_locations に書き、location_ids にその id を書いてください。"
#   message_en: "The places where subcontractor \"%[1]s\" handles personal data are not data_locations with role \
#     \"subcontractor\". Add them (country, law, encryption at rest) to data_locations and list their ids \
#     in location_ids."
deny contains violation if {
	some index, subcontractor in subcontractors
	not located(subcontractor)
	violation := result.finding(
		rego.metadata.rule(),
		["outsourcing", "subcontracting", "subcontractors", index, "location_ids"],
		[facts.shown(subcontractor, "name")],
	)
}

located(subcontractor) if {
	ids := subcontractor.location_ids
	count(ids) > 0
	every id in ids {
		id in subcontractor_location_ids
	}
}
