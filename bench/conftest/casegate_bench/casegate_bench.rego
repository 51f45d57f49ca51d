# METADATA
# description: |
#   A thin wrapper so that conftest decides with the same policies as `casegate check`:
#   it calls data.casegate.main.decision on each file and reports its findings as conftest's
#   deny and warn. Used only by scripts/bench.py (conftest --namespace casegate_bench).
package casegate_bench

import data.casegate.main

# The day the cases are judged on; scripts/bench.py passes the same date to casegate --as-of.
as_of := "2026-11-27"

decision := verdict if {
	# A rule head cannot carry `with`, hence the assignment (as in main.rego's batch).
	# regal ignore:with-outside-test-context
	verdict := main.decision with input as {"as_of": as_of, "case": input}
}

deny contains sprintf("%s %s: %s", [v.rule_id, v.pointer, v.message_en]) if {
	some v in decision.violations
}

warn contains sprintf("%s %s: %s", [w.rule_id, w.pointer, w.message_en]) if {
	some w in decision.warnings
}
