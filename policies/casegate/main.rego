# METADATA
# description: |
#   The entry points the CLI queries. Every package under data.casegate.rules contributes
#   `deny` (blocking, severity error) and `warn` (severity warning) findings; this package
#   only collects and orders them, so adding a concern is adding a package.
package casegate.main

import data.casegate.lib.catalogue
import data.casegate.rules
import data.casegate.settings

# METADATA
# title: 1件の判定
# description: |
#   The findings for input {"as_of": "YYYY-MM-DD", "case": {...}}. Arrays are sorted by
#   rule_id, pointer and message_en so that the same case always gives the same output.
# entrypoint: true
decision := {key: [entry[3] | some entry in sort(entries)] | # regal ignore:prefer-set-or-object-rule
	some [key, kind] in [["violations", "deny"], ["warnings", "warn"]]

	# What the deny (or warn) rules of every concern package found, each with its sort keys:
	# rule_id, then pointer, then message_en (the whole finding last, so that two findings
	# differing only in other fields still have a fixed order). The packages are reached by name
	# and only that one rule is read: taking each package whole would evaluate all its rules
	# (and, under `opa test`, every test package's tests). Written in one comprehension rather
	# than two functions called for each kind (seed -53, clean -45 allocations), and as a
	# comprehension rather than an object rule, which Regal prefers but costs 13 more.
	entries := {[finding.rule_id, finding.pointer, finding.message_en, finding] |
		some concern

		# regal ignore:mixed-iteration
		some finding in rules[concern][kind]
	}
}

# METADATA
# title: まとめての判定
# description: |
#   Decisions for input {"as_of": "YYYY-MM-DD", "cases": {"<key>": {...}, ...}}, with the
#   policy version and the revision of each loaded bundle so that a report can say exactly
#   which policy judged it. Defined for any object input: a case of any shape gets a
#   decision, because an undefined result is an engine failure to the CLI.
# entrypoint: true
batch := {
	"results": {key: verdict |
		some key, case in cases

		# Each case is judged on its own, exactly as `decision` judges a single case; `with`
		# is how OPA does that (and a term cannot carry `with`, hence the assignment).
		# regal ignore:with-outside-test-context,comprehension-term-assignment
		verdict := decision with input as {"as_of": as_of, "case": case} with catalogue.ids_by_section as ids_by_section
	},
	"policy": {"version": settings.policy_version, "bundles": bundle_revisions},
}

# Computed once for the whole batch: OPA would otherwise derive it from the catalogue again
# for every case, since `with input as` starts each case with an empty rule cache.
ids_by_section := catalogue.ids_by_section

default cases := {}

cases := input.cases if is_object(input.cases)

default as_of := null

as_of := input.as_of

# The only use of data.system: which bundle revisions are loaded. Empty under `opa test`
# and `opa eval -d`, where no bundle is activated.
bundle_revisions[name] := object.get(bundle, ["manifest", "revision"], "") if {
	some name, bundle in data.system.bundles
}
