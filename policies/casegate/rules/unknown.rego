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

# Each value written 不明, as {group, field, ids}: group is the part of the case it belongs to
# (a place, one side's measures, a section's subcontracting ...), field its name inside it,
# ids the checklist items it leaves open. Only the parts where 不明 may be written are
# walked, which keeps the cost per case small.
open_facts contains {"group": ["system_measures", side], "field": concat(".", [name, field]), "ids": ids} if {
	some side, measures in facts.case.system_measures
	some name, group in measures
	some field, value in group
	value == facts.unknown
	ids := {concat("", [prefix, number]) |
		some prefix in side_prefixes[side]
		some number in measure_numbers[name]
	}
}

open_facts contains {"group": ["data_locations", index], "field": field, "ids": ids} if {
	some index, location in facts.data_locations
	some field, value in location
	value == facts.unknown
	ids := {concat("", [prefix, location_numbers[field]]) | some prefix in all_prefixes}
}

open_facts contains {"group": [section, "contract_clauses"], "field": kind, "ids": ids} if {
	some section in facts.sections
	some clause in facts.case[section].contract_clauses
	clause.status == facts.unknown
	kind := sprintf("%v", [clause.kind])
	ids := {id |
		some id in object.get(data.casegate.clauses.kinds, [kind, "checklist_ids"], [])
		startswith(id, facts.section_prefix[section])
	}
}

open_facts contains {"group": [section, part], "field": concat(".", [part, field]), "ids": ids} if {
	some section in facts.sections
	some part, ids in part_ids
	some field, value in facts.case[section][part]
	value == facts.unknown
}

# A backup said to be taken without naming where it is: where the copy lives is unknown.
open_facts contains {"group": ["system_measures", side], "field": "backup.location_ids", "ids": ids} if {
	some side, measures in facts.case.system_measures
	measures.backup.taken == true
	count(object.get(measures.backup, "location_ids", [])) == 0
	ids := {concat("", [prefix, "SY-09"]) | some prefix in side_prefixes[side]}
}

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

groups contains entry.group if some entry in open_facts

# The fields of each group, for the message, and the items the group leaves open.
fields[group] := sort({entry.field | some entry in open_facts; entry.group == group}) if some group in groups

group_ids[group] := {id | some entry in open_facts; entry.group == group; some id in entry.ids} if some group in groups

side_ja := {"ward": "区", "partner": "結合の相手方", "contractor": "委託先"}

part_ja := {"subcontracting": "再委託", "media_handling": "媒体の取扱い", "contract_clauses": "特記事項"}

labels[group] := [
	sprintf("個人情報の場所「%s」", [facts.shown(facts.data_locations[group[1]], "name")]),
	sprintf("location \"%s\"", [facts.shown(facts.data_locations[group[1]], "name")]),
] if {
	some group in groups
	group[0] == "data_locations"
}

labels[group] := [
	sprintf("%sのシステム上の対策", [side_ja[group[1]]]),
	sprintf("the system measures of the %s", [group[1]]),
] if {
	some group in groups
	group[0] == "system_measures"
}

labels[group] := [
	sprintf("%sの%s", [facts.section_ja[group[0]], part_ja[group[1]]]),
	sprintf("the %s of the %s", [replace(group[1], "_", " "), facts.section_en[group[0]]]),
] if {
	some group in groups
	group[0] in facts.section_names
}

# The start date a group's unknowns must be settled by: its section's start, or the earliest
# start for what belongs to the whole case.
start_ns[group] := facts.date_ns(facts.case[group[0]].period.start) if {
	some group in groups
	group[0] in facts.section_names
}

start_ns[group] := facts.first_start_ns if {
	some group in groups
	group[0] in {"data_locations", "system_measures"}
}

started contains group if {
	some group in groups
	facts.as_of_ns >= start_ns[group]
}

# A start date that cannot be read is no reason to pass: it counts as started.
started contains group if {
	some group in groups
	not start_ns[group]
}

start_text[group] := text if {
	some group in groups
	text := facts.date_text(start_ns[group])
}

params[group] := values if {
	some group in groups
	values := array.concat(labels[group], [
		concat("、", fields[group]),
		concat(", ", fields[group]),
		object.get(start_text, [group], "?"),
	])
}

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
	some group in started
	violation := result.finding_for(rego.metadata.rule(), group, params[group], group_ids[group])
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
	some group in groups
	not group in started
	violation := result.finding_for(rego.metadata.rule(), group, params[group], group_ids[group])
}

assumption_pointers := [pointer |
	some assumption in facts.case.assumptions
	pointer := facts.shown(assumption, "pointer")
]

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
