# METADATA
# description: |
#   The contract clauses (特記事項) the ward's standard contract attaches, as a list the policy
#   reads: the operational items (OP) rest on them. Each section needs the clauses that
#   data.casegate.clauses lists for it; the subcontracting clauses are needed unless
#   subcontracting is ruled out (allowed false). A clause written with status 不明 is left to
#   rules/unknown.rego. One finding per missing clause, naming the items that rest on it.
# custom:
#   facts:
#     - "external_connection.contract_clauses[].kind"
#     - "outsourcing.contract_clauses[].kind"
#     - "outsourcing.subcontracting.allowed"
package casegate.rules.clauses

import data.casegate.lib.facts
import data.casegate.lib.result

kinds := data.casegate.clauses.kinds

# The clauses each section has, known or unknown; a list that is missing or not an array has
# none. (The list picked by is_array in the one pass, not by a function called here and again
# for report_days: 10 allocations a case fewer.)
written[section] := {clause.kind | some clause in {true: clauses, false: []}[is_array(clauses)]} if {
	some section in facts.sections
	clauses := object.get(facts.case[section], "contract_clauses", [])
}

# Subcontracting is possible unless the case rules it out: 不明 does not switch these off.
subcontracting_possible if {
	"outsourcing" in facts.sections
	not facts.case.outsourcing.subcontracting.allowed == false
}

# The [section, kind] pairs missing from the case: only the kinds a section has not written
# are looked at (one set difference), not every kind for every case the batch judges.
missing contains [section, kind] if {
	# The tables read once, not once per kind.
	table := data.casegate.clauses.kinds
	all_kinds := object.keys(table) # once, not once per section (9 allocations)
	conditional := data.casegate.clauses.when_subcontracting_possible
	some section in facts.sections
	some kind in (all_kinds - written[section])
	section in table[kind].sections
	not kind in conditional
}

missing contains ["outsourcing", kind] if {
	subcontracting_possible
	some kind in data.casegate.clauses.when_subcontracting_possible
	not kind in written.outsourcing
}

# The days after the end by which the contract wants the erasure report, when it says. Two
# erasure_report clauses with different days (one clause each, as the schema has it, is the
# usual case) give the fewest: as a value per clause they made two values for one key, an
# error that failed the whole batch, every other case's decision with it.
report_days[section] := min(days) if {
	some section in facts.sections
	clauses := facts.case[section].contract_clauses
	is_array(clauses)
	days := {clause.within_days |
		some clause in clauses
		clause.kind == "erasure_report"
		is_number(clause.within_days)
	}
	count(days) > 0
}

# METADATA
# title: 契約の特記事項に必要な条項がない
# description: |
#   A clause the ward's standard contract attaches is not in the case's contract_clauses,
#   so the items that rest on it (e.g. OS-W-OP-04 on reporting the named handlers) have no
#   fact behind their 「○」.
# custom:
#   rule_id: contract-clause-missing
#   checklist_ids:
#     [
#       EC-P-OP-01, EC-P-OP-02, EC-P-OP-03, EC-P-OP-04, EC-P-OP-05, EC-W-OP-01, EC-W-OP-02,
#       EC-W-OP-03, EC-W-OP-04, EC-W-OP-05, OS-P-OP-01, OS-P-OP-02, OS-P-OP-03, OS-P-OP-04,
#       OS-P-OP-05, OS-P-OP-06, OS-P-OP-11, OS-P-OP-12, OS-P-OP-13, OS-W-OP-01, OS-W-OP-02,
#       OS-W-OP-03, OS-W-OP-04, OS-W-OP-05, OS-W-OP-06, OS-W-OP-11, OS-W-OP-12, OS-W-OP-13
#     ]
#   severity: error
#   message_ja: "%[1]sの契約の特記事項（contract_clauses）に「%[3]s」（kind: %[5]s）がありません。\
#     チェックリストの %[6]s はこの条項に基づきます。契約に条項を付し、contract_clauses に加えてください。"
#   message_en: "The contract clauses (contract_clauses) of the %[2]s lack \"%[4]s\" (kind: %[5]s), on which \
#     checklist item(s) %[6]s rest. Attach the clause to the contract and add it to contract_clauses."
deny contains violation if {
	some [section, kind] in missing
	info := kinds[kind]
	ids := {id | some id in info.checklist_ids; startswith(id, facts.section_prefix[section])}
	violation := result.finding_for(
		rego.metadata.rule(),
		[section, "contract_clauses"],
		[facts.section_ja[section], facts.section_en[section], info.title_ja, info.title_en, kind, concat(", ", sort(ids))],
		ids,
	)
}
