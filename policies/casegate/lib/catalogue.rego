# METADATA
# description: |
#   What the rules need to know about the checklist catalogue (data.casegate.catalogue),
#   derived once. OPA recomputes even data-only rules for every `with input as`, so the
#   batch entry point computes these values once and passes them to each case with
#   `with` (see main.batch); everything derived from the catalogue alone belongs here.
package casegate.lib.catalogue

import data.casegate.lib.facts

items := data.casegate.catalogue.items

# The catalogue ids of each section, e.g. "outsourcing" -> {"OS-P-OP-01", ...}.
ids_by_section[section] := {id |
	some id, item in items
	item.section == section
} if {
	some section in facts.section_names
}
