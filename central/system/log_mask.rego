# METADATA
# description: |
#   What the central OPA leaves out of its decision logs (OPA erases every JSON pointer in
#   `mask` from a log event before writing it). The log keeps what the decision rested on —
#   case id, title, departments, places and countries, transfers, periods, answers, and the
#   whole result — so an auditor can still see why a case passed or failed. It drops:
#     - fields that describe people or their personal data: business/target_persons,
#       business/target_count/note, personal_data/items, and the information items of the
#       external connection and the outsourcing;
#     - free text, where a clerk may write anything, names and addresses included:
#       business/purpose and description, transfer descriptions, the reasons, form and work,
#       media and erasure descriptions, and the reason given for every 「－」 answer.
#   A case key that a JSON pointer cannot name plainly makes the whole /input/cases go.
package system.log

# Paths inside one case, as arrays, that are erased when present.
fixed_fields := [
	["business", "target_persons"],
	["business", "target_count", "note"],
	["business", "purpose"],
	["business", "description"],
	["personal_data", "items"],
	["external_connection", "information_items"],
	["external_connection", "reason"],
	["external_connection", "form"],
	["external_connection", "deletion", "method"],
	["outsourcing", "information_items"],
	["outsourcing", "reason"],
	["outsourcing", "work"],
	["outsourcing", "media", "description"],
	["outsourcing", "deletion", "method"],
]

# Cases as /v1/data/casegate/main/batch receives them ({"cases": {key: case}}) ...
cases_at[prefix] := case if {
	some key, case in input.input.cases
	plain(key)
	prefix := concat("/", ["/input/cases", key])
}

# ... and as /v1/data/casegate/main/decision receives one ({"case": case}).
cases_at["/input/case"] := input.input.case

# METADATA
# title: mask
# description: The JSON pointers OPA erases from each decision log event.
# entrypoint: true
mask contains pointer if {
	some prefix, case in cases_at
	some field in fixed_fields
	object.get(case, field, null) != null
	pointer := concat("/", [prefix, concat("/", field)])
}

mask contains pointer if {
	some prefix, case in cases_at
	some index, transfer in case.transfers
	transfer.description
	pointer := sprintf("%s/transfers/%d/description", [prefix, index])
}

mask contains pointer if {
	some prefix, case in cases_at
	some section in ["external_connection", "outsourcing"]
	some item_id, item in case[section].checklist
	plain(item_id)
	item.reason
	pointer := concat("/", [prefix, section, "checklist", item_id, "reason"])
}

# A key with "/" or "~" (or anything else a pointer would have to escape) cannot be masked
# field by field, so every case goes.
mask contains "/input/cases" if {
	some key, _ in input.input.cases
	not plain(key)
}

mask contains "/input/cases" if {
	some section in ["external_connection", "outsourcing"]
	some key, case in input.input.cases
	some item_id, _ in case[section].checklist
	not plain(item_id)
}

plain(key) if regex.match(`^[A-Za-z0-9_.-]+$`, key)
