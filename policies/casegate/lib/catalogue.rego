# METADATA
# description: |
#   What the rules need to know about the checklist catalogue (data.casegate.catalogue),
#   derived once. OPA recomputes even data-only rules for every `with input as`, so the
#   batch entry point computes these values once and passes them to each case with
#   `with` (see main.batch); everything derived from the catalogue alone belongs here.
package casegate.lib.catalogue

import data.casegate.lib.facts

items := data.casegate.catalogue.items

# The catalogue ids of each section, e.g. "outsourcing" -> {"OS-P-OP-01", ...}. They are
# written out because deriving them is a pass over the 80 items for every case judged (OPA
# keeps no rule's value from one query to the next), which cost as much as all the checklist
# rules together. The written ids are used only while the catalogue has as many items (one
# count): a catalogue grown or shrunk without them is derived from again, and catalogue_test
# fails until they are written anew. (A renamed id would leave its answer reported as an
# item the catalogue does not have: a failure, never a pass.)
ids_by_section := written_ids_by_section if {
	count(items) == written_count
} else := derived_ids_by_section

written_count := 80

derived_ids_by_section[section] := {id |
	some id, item in items
	item.section == section
} if {
	some section in facts.section_names
}

written_ids_by_section := {
	"external_connection": {
		"EC-P-OP-01", "EC-P-OP-02", "EC-P-OP-03", "EC-P-OP-04", "EC-P-OP-05", "EC-P-SY-01",
		"EC-P-SY-02", "EC-P-SY-03", "EC-P-SY-04", "EC-P-SY-05", "EC-P-SY-06", "EC-P-SY-07",
		"EC-P-SY-08", "EC-P-SY-09", "EC-P-SY-10", "EC-P-SY-11", "EC-W-OP-01", "EC-W-OP-02",
		"EC-W-OP-03", "EC-W-OP-04", "EC-W-OP-05", "EC-W-SY-01", "EC-W-SY-02", "EC-W-SY-03",
		"EC-W-SY-04", "EC-W-SY-05", "EC-W-SY-06", "EC-W-SY-07", "EC-W-SY-08", "EC-W-SY-09",
		"EC-W-SY-10", "EC-W-SY-11",
	},
	"outsourcing": {
		"OS-P-OP-01", "OS-P-OP-02", "OS-P-OP-03", "OS-P-OP-04", "OS-P-OP-05", "OS-P-OP-06",
		"OS-P-OP-07", "OS-P-OP-08", "OS-P-OP-09", "OS-P-OP-10", "OS-P-OP-11", "OS-P-OP-12",
		"OS-P-OP-13", "OS-P-SY-01", "OS-P-SY-02", "OS-P-SY-03", "OS-P-SY-04", "OS-P-SY-05",
		"OS-P-SY-06", "OS-P-SY-07", "OS-P-SY-08", "OS-P-SY-09", "OS-P-SY-10", "OS-P-SY-11",
		"OS-W-OP-01", "OS-W-OP-02", "OS-W-OP-03", "OS-W-OP-04", "OS-W-OP-05", "OS-W-OP-06",
		"OS-W-OP-07", "OS-W-OP-08", "OS-W-OP-09", "OS-W-OP-10", "OS-W-OP-11", "OS-W-OP-12",
		"OS-W-OP-13", "OS-W-SY-01", "OS-W-SY-02", "OS-W-SY-03", "OS-W-SY-04", "OS-W-SY-05",
		"OS-W-SY-06", "OS-W-SY-07", "OS-W-SY-08", "OS-W-SY-09", "OS-W-SY-10", "OS-W-SY-11",
	},
}
