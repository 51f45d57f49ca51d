# METADATA
# description: |
#   The answers_by_section themselves: every catalogue item of each section the case has is
#   answered 「○」 or 「－」, and a 「－」 (no measure needed) is given only where the catalogue
#   allows it for this case's facts, with a reason. What the other rule packages check is
#   whether the facts comply; this package checks that the committee gets a complete answer.
# custom:
#   facts:
#     - "external_connection.checklist"
#     - "outsourcing.checklist"
package casegate.rules.checklist

import data.casegate.lib.catalogue
import data.casegate.lib.facts
import data.casegate.lib.result

not_needed := "－"

# The checklist of each section the case has; one that is missing or not an object counts
# as empty, so that every item is then reported as unanswered. (Picked by is_object rather than
# by a function call, and the section's catalogue ids are read where used rather than copied
# into a rule per section: 146 allocations fewer a case.)
answers_by_section[section] := {true: checklist, false: {}}[is_object(checklist)] if {
	some section in facts.sections
	checklist := object.get(facts.case[section], "checklist", {})
}

# Answers other than 「○」 to the section's own catalogue items, as [section, id]. The rules
# below look only at these few, not at all 80 answers, and the one pass over the answers
# builds nothing for an answer 「○」: the batch judges thousands of cases.
other_answers contains [section, id] if {
	some section, checklist in answers_by_section
	some id, entry in checklist
	not entry.answer == "○"
	id in catalogue.ids_by_section[section]
}

not_needed_answers contains [section, id] if {
	some [section, id] in other_answers
	answers_by_section[section][id].answer == not_needed
}

# The catalogue's not_applicable conditions that hold for this case's facts. A function rather
# than a set of every condition that holds: only the condition a 「－」 names is evaluated
# (OPA picks the body by the constant argument; 19 allocations a case fewer).
condition_met("no_subcontracting") if facts.case.outsourcing.subcontracting.allowed == false

condition_met("no_removable_media") if no_removable_media

# Electronic only: no paper, and no media or password notices handed over.
condition_met("electronic_only") if {
	no_removable_media
	is_array(facts.case.outsourcing.media.types)
	not "紙媒体" in facts.case.outsourcing.media.types
}

condition_met("no_personal_data_stored") if count(facts.personal_data_locations) == 0

no_removable_media if facts.case.outsourcing.media_handling.removable_media_used == false

# Where in the case each condition is decided, named in messages so the clerk knows
# which fact to check when a 「－」 is refused.
condition_fields := {
	"no_subcontracting": "outsourcing.subcontracting.allowed",
	"electronic_only": "outsourcing.media.types, outsourcing.media_handling.removable_media_used",
	"no_removable_media": "outsourcing.media_handling.removable_media_used",
	"no_personal_data_stored": "data_locations, transfers",
}

# item_params are the first five message parameters of every finding about one item.
item_params(section, id, item) := [
	facts.section_ja[section],
	facts.section_en[section],
	id,
	facts.shown(item, "text_ja"),
	facts.shown(item, "title_en"),
]

# answer_value is what was written as the answer, for quoting it back.
answer_value(entry) := object.get(entry, "answer", null) if {
	is_object(entry)
} else := entry

# METADATA
# title: 外部結合・業務委託の記載がない
# description: |
#   A case is about an external connection, an outsourcing, or both; with neither there is
#   no checklist to judge. The schema requires one; this keeps a partial case from passing.
# custom:
#   rule_id: case-section-missing
#   checklist_ids: []
#   severity: error
#   message_ja: "案件に外部結合（external_connection）と業務委託（outsourcing）のどちらも書かれていません。\
#     付議する内容に合わせて、少なくとも一方を書いてください。"
#   message_en: "The case has neither an external connection (external_connection) nor an outsourcing \
#     (outsourcing) section. Add at least one, as the proposal requires."
deny contains violation if {
	count(facts.sections) == 0
	violation := result.finding(rego.metadata.rule(), [], [])
}

# METADATA
# title: チェックリストの回答がない
# description: Every catalogue item of each section the case has must be answered.
# custom:
#   rule_id: checklist-answer-missing
#   checklist_ids: all
#   severity: error
#   message_ja: "%[1]sのチェックリストの項目 %[3]s に回答がありません。「%[4]s」について、\
#     対策が可能であれば「○」、対策の必要がない場合は「－」と理由を書いてください。"
#   message_en: "Item %[3]s of the %[2]s checklist (%[5]s) has no answer. Answer \"○\" if the measure \
#     is taken, or \"－\" with a reason if it is not needed."
deny contains violation if {
	some section, checklist in answers_by_section
	some id in (catalogue.ids_by_section[section] - object.keys(checklist))
	violation := result.finding(
		rego.metadata.rule(),
		[section, "checklist", id],
		item_params(section, id, catalogue.items[id]),
	)
}

# METADATA
# title: チェックリストの回答が「○」「－」でない
# description: |
#   An answer is 「○」 (U+25CB) or 「－」 (U+FF0D) and nothing else. Look-alikes such as 〇
#   (U+3007) or ー (U+30FC) are common when answers are typed in by hand.
# custom:
#   rule_id: checklist-answer-invalid
#   checklist_ids: all
#   severity: error
#   message_ja: "%[1]sのチェックリストの項目 %[3]s「%[4]s」の回答「%[6]s」は使えません。\
#     「○」（まる、U+25CB）か「－」（全角のハイフンマイナス、U+FF0D）のどちらかにしてください。\
#     見た目が似た別の文字（〇、ー、- など）は使えません。"
#   message_en: "Item %[3]s of the %[2]s checklist (%[5]s) has the answer \"%[6]s\", which is not allowed. \
#     Use \"○\" (U+25CB WHITE CIRCLE) or \"－\" (U+FF0D FULLWIDTH HYPHEN-MINUS); look-alike characters \
#     such as 〇, ー or - are not accepted."
deny contains violation if {
	some [section, id] in other_answers
	entry := answers_by_section[section][id]
	not entry.answer == not_needed
	violation := result.finding(
		rego.metadata.rule(),
		[section, "checklist", id, "answer"],
		array.concat(item_params(section, id, catalogue.items[id]), [facts.display(answer_value(entry))]),
	)
}

# METADATA
# title: チェックリストにない項目がある
# description: |
#   An answer to an id the section's catalogue does not have is usually a mistyped id, and
#   the item meant to be answered is then missing; naming the stray id helps find it.
# custom:
#   rule_id: checklist-item-unknown
#   checklist_ids: []
#   severity: error
#   message_ja: "%[1]sのチェックリストに、カタログにない項目 %[3]s があります。\
#     項目の ID（例：%[4]s）を確かめて正しい ID に直すか、この項目を削除してください。"
#   message_en: "The %[2]s checklist has an item %[3]s that is not in the catalogue. \
#     Check the item id (e.g. %[4]s) and correct it, or remove the item."
deny contains violation if {
	some section, checklist in answers_by_section
	some id in (object.keys(checklist) - catalogue.ids_by_section[section])
	violation := result.finding(
		rego.metadata.rule(),
		[section, "checklist", id],
		[facts.section_ja[section], facts.section_en[section], id, concat("", [facts.section_prefix[section], "W-OP-01"])],
	)
}

# METADATA
# title: 「－」にできない項目が「－」になっている
# description: Only catalogue items with a not_applicable entry may be answered 「－」.
# custom:
#   rule_id: checklist-not-applicable-not-allowed
#   checklist_ids: all
#   severity: error
#   message_ja: "%[1]sのチェックリストの項目 %[3]s「%[4]s」は「－」（対策の必要がない）にできません。\
#     この対策を講じて「○」と答えてください。"
#   message_en: "Item %[3]s of the %[2]s checklist (%[5]s) cannot be answered \"－\" (not needed). \
#     Take the measure and answer \"○\"."
deny contains violation if {
	some [section, id] in not_needed_answers
	not catalogue.items[id].not_applicable
	violation := result.finding(
		rego.metadata.rule(),
		[section, "checklist", id, "answer"],
		item_params(section, id, catalogue.items[id]),
	)
}

# METADATA
# title: 「－」にできる条件に当てはまらない
# description: |
#   A 「－」 is allowed only when the catalogue's condition holds for the case's own facts,
#   e.g. OS-W-OP-08 (locked bag) only when nothing is handed over physically.
# custom:
#   rule_id: checklist-not-applicable-condition-unmet
#   checklist_ids: all
#   severity: error
#   message_ja: "%[1]sのチェックリストの項目 %[3]s「%[4]s」を「－」にできるのは、%[6]sだけですが、\
#     この案件はそうなっていません（%[8]s を確かめてください）。対策を講じて「○」と答えるか、\
#     案件の記載が事実と違うなら直してください。"
#   message_en: "Item %[3]s of the %[2]s checklist (%[5]s) may be answered \"－\" only %[7]s, \
#     which is not the case here (see %[8]s). Take the measure and answer \"○\", \
#     or correct the case if it does not match the facts."
deny contains violation if {
	some [section, id] in not_needed_answers
	exception := catalogue.items[id].not_applicable
	condition := facts.field(exception, "condition")

	# A condition this policy does not know (the catalogue is data and may grow) never holds.
	not condition_met(condition)
	violation := result.finding(
		rego.metadata.rule(),
		[section, "checklist", id, "answer"],
		array.concat(
			item_params(section, id, catalogue.items[id]),
			[
				facts.shown(exception, "when_ja"),
				facts.shown(exception, "when_en"),
				object.get(condition_fields, condition, facts.display(condition)),
			],
		),
	)
}

# METADATA
# title: 「－」の理由が書かれていない
# description: |
#   The committee needs to read why a measure is not needed; a reason made only of blanks,
#   zero-width or other invisible characters says nothing. The message names the character
#   found, since the clerk cannot see it.
# custom:
#   rule_id: checklist-not-applicable-reason-missing
#   checklist_ids: all
#   severity: error
#   message_ja: "%[1]sのチェックリストの項目 %[3]s「%[4]s」は「－」と答えていますが、理由が書かれていません%[6]s。\
#     対策の必要がない理由（例：電子データのみの取扱いのため）を reason に書いてください。"
#   message_en: "Item %[3]s of the %[2]s checklist (%[5]s) is answered \"－\" without a reason%[7]s. \
#     Write in reason why the measure is not needed (e.g. 電子データのみの取扱いのため)."
deny contains violation if {
	some [section, id] in not_needed_answers

	# The entry is an object (its answer is 「－」): object.get without facts.field's call.
	reason := object.get(answers_by_section[section][id], "reason", null)

	# facts.visible written out as text.rego writes it (a reason that is not text reads as "",
	# which shows nothing): a call fewer per 「－」, 10 allocations.
	regex.match(facts.visible_pattern, {true: reason, false: ""}[is_string(reason)]) == false
	violation := result.finding(
		rego.metadata.rule(),
		[section, "checklist", id, "reason"],
		array.concat(item_params(section, id, catalogue.items[id]), found_note(reason)),
	)
}

# found_note says which invisible character a reason consists of, or nothing when it is absent.
found_note(reason) := [
	sprintf("（見えない文字 %s だけが書かれています）", [facts.invisible_found(reason)]),
	sprintf(" (it holds only invisible characters such as %s)", [facts.invisible_found(reason)]),
] if {
	is_string(reason)
	reason != ""
} else := ["", ""]
