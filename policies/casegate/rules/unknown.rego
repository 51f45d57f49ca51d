# METADATA
# description: |
#   Unknown is not false. A fact the author does not know yet is written "不明"; it never
#   switches a rule off. Before the work starts it is a warning (the committee may approve a
#   proposal whose contractor is not chosen yet), from the start date on it fails the case:
#   work is then being done on facts nobody has checked. The unknowns of one place, one side's
#   measures or one section part are one finding, naming every checklist item they leave open.
#   The assumptions the author made (values the proposal does not state) are shown as one
#   warning so the committee reads them.
# custom:
#   facts:
#     - "every value written 不明"
#     - "assumptions"
package casegate.rules.unknown

import data.casegate.lib.facts
import data.casegate.lib.result

# The groups of values written 不明, each as group -> [texts, ids, scope]: group is the part of
# the case they belong to (a place, one side's measures, a section's subcontracting ...) and
# the finding's path, texts the group's name and its fields' sorted names, in Japanese and
# English (the first four message parameters), ids the checklist items they leave open, scope
# whose start date they must be settled by (a section, or "case" for what belongs to the
# whole case). Only the parts where 不明 may be written are looked at, each with one
# comprehension, and nothing is built for a part without one: most cases have none, and the
# batch judges thousands. ("不明" is written out rather than read from facts.unknown: a
# constant costs nothing to compare with, a reference is looked up at every value.)
open_groups[["system_measures", side]] := [array.concat(side_labels[side], fields), ids, "case"] if {
	# A side with no name here (neither ward, partner nor contractor) gets no finding. The
	# side's ids are looked up once per group, not once per unknown value.
	some side, measures in facts.case.system_measures
	side_ids := measure_ids[side]

	# open_measures is defined for every side: sides alike without 不明 are looked through once too (clean -46).
	[fields, groups] := open_measures(measures)
	count(groups) > 0
	ids := union({group_ids | some group in groups; group_ids := side_ids[group]})
}

# open_measures is [the texts of one side's fields written 不明, the names of their groups].
# A function, because OPA keeps a function's value for the same arguments: sides whose measures
# are written alike (the seed's three are) are looked through once (seed -340 allocations).
open_measures(measures) := [[concat("、", fields), concat(", ", fields)], names] if {
	# [group, field] pairs, joined into "group.field" only once they are found: a pair is
	# itself concat's array. The texts are a set again, as two pairs may join into one text.
	# Only named fields: a group written as an array (which the schema refuses) has indexes,
	# which concat refuses, so e03b279's comprehension left them out; kept, they made a
	# finding naming no field.
	found := {[name, field] |
		some name, group in measures
		some field, value in group
		value == "不明"
		is_string(field)
	} | backup_place_unknown(measures)
	count(found) > 0
	fields := sort({concat(".", pair) | some pair in found})
	names := {name | some [name, _] in found}
} else := [[], set()]

open_groups[["data_locations", index]] := [texts, ids, "case"] if {
	some index, location in facts.data_locations
	"不明" in location # as for the parts below (clean -20)
	found := {field | some field, value in location; value == "不明"}
	count(found) > 0
	ids := union({location_ids[field] | some field in found})
	name := facts.shown(location, "name")
	fields := sort(found)
	texts := [
		concat("", ["個人情報の場所「", name, "」"]), concat("", ["location \"", name, "\""]),
		concat("、", fields), concat(", ", fields),
	]
}

open_groups[[section, "contract_clauses"]] := [array.concat(labels, texts), ids, section] if {
	some section in facts.sections
	found := {[kind, facts.section_prefix[section]] |
		some clause in facts.case[section].contract_clauses
		clause.status == "不明"
		kind := sprintf("%v", [clause.kind])
	}
	count(found) > 0
	ids := {id |
		some [kind, prefix] in found
		some id in object.get(data.casegate.clauses.kinds, [kind, "checklist_ids"], [])
		startswith(id, prefix)
	}
	kinds := sort({kind | some [kind, _] in found})
	texts := [concat("、", kinds), concat(", ", kinds)]
	labels := part_labels[section].contract_clauses
}

open_groups[[section, part]] := [array.concat(part_labels[section][part], texts), ids, section] if {
	some section in facts.sections
	some part, ids in part_ids
	values := facts.case[section][part]
	"不明" in values # one membership test instead of a pass over a part without 不明 (clean -22)
	found := {concat(".", [part, field]) | some field, value in values; value == "不明"}
	count(found) > 0
	fields := sort(found)
	texts := [concat("、", fields), concat(", ", fields)]
}

# A backup said to be taken without naming where it is: where the copy lives is unknown.
backup_place_unknown(measures) := {["backup", "location_ids"]} if {
	measures.backup.taken == true
	count(object.get(measures.backup, "location_ids", [])) == 0
} else := set()

# The checklist prefixes of each side's items; result.finding_for keeps those of the sections
# the case has.
side_prefixes := {"ward": ["EC-W-", "OS-W-"], "partner": ["EC-P-"], "contractor": ["OS-P-"]}

all_prefixes := ["EC-W-", "EC-P-", "OS-W-", "OS-P-"]

part_ids := {
	"subcontracting": {"OS-W-OP-03", "OS-P-OP-03"},
	"media_handling": {"OS-W-OP-10", "OS-P-OP-10"},
}

measure_numbers := {
	"network": ["SY-01", "SY-02"],
	"perimeter": ["SY-04"],
	"malware": ["SY-05"],
	"accounts": ["SY-06"],
	"logs": ["SY-08"],
	"backup": ["SY-09"],
	"physical": ["SY-10"],
}

location_numbers := {
	"encrypted_at_rest": "SY-07",
	"key_management": "SY-07",
	"access_control": "SY-07",
	"parent_company_country": "SY-11",
	"data_residency_commitment": "SY-11",
}

# The checklist ids each measure group of a side, and each field of a place, leaves open:
# measure_numbers and location_numbers with the prefixes written out, so that a group's ids
# are a union of a few constant sets rather than strings built for every unknown value.
# unknown_test.rego checks them against the two tables above.
measure_ids := {
	"ward": {
		"network": {"EC-W-SY-01", "EC-W-SY-02", "OS-W-SY-01", "OS-W-SY-02"},
		"perimeter": {"EC-W-SY-04", "OS-W-SY-04"},
		"malware": {"EC-W-SY-05", "OS-W-SY-05"},
		"accounts": {"EC-W-SY-06", "OS-W-SY-06"},
		"logs": {"EC-W-SY-08", "OS-W-SY-08"},
		"backup": {"EC-W-SY-09", "OS-W-SY-09"},
		"physical": {"EC-W-SY-10", "OS-W-SY-10"},
	},
	"partner": {
		"network": {"EC-P-SY-01", "EC-P-SY-02"},
		"perimeter": {"EC-P-SY-04"},
		"malware": {"EC-P-SY-05"},
		"accounts": {"EC-P-SY-06"},
		"logs": {"EC-P-SY-08"},
		"backup": {"EC-P-SY-09"},
		"physical": {"EC-P-SY-10"},
	},
	"contractor": {
		"network": {"OS-P-SY-01", "OS-P-SY-02"},
		"perimeter": {"OS-P-SY-04"},
		"malware": {"OS-P-SY-05"},
		"accounts": {"OS-P-SY-06"},
		"logs": {"OS-P-SY-08"},
		"backup": {"OS-P-SY-09"},
		"physical": {"OS-P-SY-10"},
	},
}

location_ids := {
	"encrypted_at_rest": {"EC-W-SY-07", "EC-P-SY-07", "OS-W-SY-07", "OS-P-SY-07"},
	"key_management": {"EC-W-SY-07", "EC-P-SY-07", "OS-W-SY-07", "OS-P-SY-07"},
	"access_control": {"EC-W-SY-07", "EC-P-SY-07", "OS-W-SY-07", "OS-P-SY-07"},
	"parent_company_country": {"EC-W-SY-11", "EC-P-SY-11", "OS-W-SY-11", "OS-P-SY-11"},
	"data_residency_commitment": {"EC-W-SY-11", "EC-P-SY-11", "OS-W-SY-11", "OS-P-SY-11"},
}

# The groups' names for the messages, in Japanese and English.
side_labels := {
	"ward": ["区のシステム上の対策", "the system measures of the ward"],
	"partner": ["結合の相手方のシステム上の対策", "the system measures of the partner"],
	"contractor": ["委託先のシステム上の対策", "the system measures of the contractor"],
}

part_labels := {
	"external_connection": {
		"subcontracting": ["外部結合の再委託", "the subcontracting of the external connection"],
		"media_handling": ["外部結合の媒体の取扱い", "the media handling of the external connection"],
		"contract_clauses": ["外部結合の特記事項", "the contract clauses of the external connection"],
	},
	"outsourcing": {
		"subcontracting": ["業務委託の再委託", "the subcontracting of the outsourcing"],
		"media_handling": ["業務委託の媒体の取扱い", "the media handling of the outsourcing"],
		"contract_clauses": ["業務委託の特記事項", "the contract clauses of the outsourcing"],
	},
}

# When each scope's work starts: a section at its own start, what belongs to the whole case
# (places, measures) at the earliest start. Absent when the date cannot be read.
# (One object built once rather than an object rule asked per scope: seed -21.)
starts := object.union(
	{section: ns | some section in facts.sections; ns := facts.date_ns(facts.case[section].period.start)},
	{"case": ns | ns := facts.first_start_ns},
)

# The scopes whose work has not started on the judgement date. A start date that cannot be read
# is no reason to pass: its scope is not in starts, so it counts as started. A judgement date
# that cannot be read starts nothing (started_at is a function because `not` applied to
# facts.as_of_ns >= ns directly would evaluate the undefined facts.as_of_ns outside the negation).
# One set asked once per group, instead of a started(scope) call per group in deny and in warn
# (seed -40 allocations; as a partial set rule, -8).
# regal ignore:prefer-set-or-object-rule
not_started := {scope |
	some scope, ns in starts
	not started_at(ns)
}

started_at(ns) if facts.as_of_ns >= ns

# A finding's message parameters are a group's texts and start_text(scope), joined in deny and
# warn rather than by a call, to save a call per finding.
start_text(scope) := facts.date_text(starts[scope]) if {
	starts[scope]
} else := "?"

# METADATA
# title: 「不明」の事実が開始日を過ぎても残っている
# description: From the start date on, a fact still written 不明 fails the case.
# custom:
#   rule_id: fact-unknown-after-start
#   checklist_ids: all
#   severity: error
#   message_ja: "%[1]sの %[3]s が「不明」のまま、開始日 %[5]s を過ぎています。\
#     事実を確かめて値を書いてください（確かめられない対策は講じられていないものとして扱われます）。"
#   message_en: "In %[2]s, %[4]s is still 不明 (unknown) although the work started on %[5]s. \
#     Establish the facts and write them in; a measure nobody can confirm counts as not taken."
deny contains violation if {
	found := {[group, array.concat(texts, [start_text(scope)]), ids] |
		some group, [texts, ids, scope] in open_groups
		not scope in not_started
	}
	count(found) > 0 # no call at all for a case without unknowns (most cases)
	some violation in result.findings_for(rego.metadata.rule(), found)
}

# METADATA
# title: 「不明」の事実がある（開始日までに確かめる）
# description: Before the start date an unknown fact is a warning naming the date it must be settled by.
# custom:
#   rule_id: fact-unknown-before-start
#   checklist_ids: all
#   severity: warning
#   message_ja: "%[1]sの %[3]s が「不明」です。開始日 %[5]s までに事実を確かめ、値を書いてください。\
#     開始日を過ぎても「不明」なら不合格になります。"
#   message_en: "In %[2]s, %[4]s is 不明 (unknown). Establish the facts and write them in before the start \
#     on %[5]s; after that date an unknown fails the case."
warn contains violation if {
	# Nothing to look through when nothing is unknown or every scope has started (seed -16).
	count(open_groups) > 0
	count(not_started) > 0
	found := {[group, array.concat(texts, [start_text(scope)]), ids] |
		some group, [texts, ids, scope] in open_groups
		scope in not_started
	}
	count(found) > 0 # no call at all for a case without unknowns (most cases)
	some violation in result.findings_for(rego.metadata.rule(), found)
}

# The pointers as facts.shown writes them. Usually every pointer is text, which shown writes
# as it is: those are taken in one comprehension without a call per assumption, and only a
# list with some other pointer (or none) is written assumption by assumption.
assumption_pointers := pointers if {
	assumptions := facts.case.assumptions
	is_array(assumptions)
	pointers := [assumption.pointer | some assumption in assumptions; is_string(assumption.pointer)]
	count(pointers) == count(assumptions)
} else := [facts.shown(assumption, "pointer") | some assumption in facts.case.assumptions]

# METADATA
# title: 原本に書かれていない仮定がある
# description: |
#   Values the proposal itself does not state are listed in assumptions; the committee must
#   read them as the author's assumptions, not as facts from the proposal.
# custom:
#   rule_id: case-assumptions
#   checklist_ids: []
#   severity: warning
#   message_ja: "この案件ファイルには、付議資料の原本に書かれていない仮定が %[1]d 件あります（assumptions）：%[2]s。\
#     会議に諮る前に、それぞれの根拠（note）を確かめてください。"
#   message_en: "This case file makes %[1]d assumptions the proposal itself does not state (assumptions): %[3]s. \
#     Check the reason (note) of each before the committee meets."
warn contains violation if {
	count(assumption_pointers) > 0
	violation := result.finding(
		rego.metadata.rule(),
		["assumptions"],
		[count(assumption_pointers), concat("、", assumption_pointers), concat(", ", assumption_pointers)],
	)
}
