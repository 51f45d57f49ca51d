# METADATA
# description: |
#   Free text that justifies something (a description of a place or measure, a reason, an
#   assumption's note, a clause's reference) must show at least one character. The schema asks
#   for a non-blank string, but a zero-width space (U+200B), a word joiner (U+2060), Hangul
#   fillers (U+3164, U+115F) or the Braille blank (U+2800) pass any "not blank" test while the
#   committee reads nothing. Checklist reasons are judged in rules/checklist.rego.
# custom:
#   facts:
#     - "every description, reason, note, reference and name"
package casegate.rules.text

import data.casegate.lib.facts
import data.casegate.lib.result

# The texts that justify something and show nothing, by path. They are listed rather than
# found by walking the case, which has some 600 values (80 answers among them); a path is
# built only for a text that fails.
#
# Each body tests facts.visible written out, for the some 30 texts of a case:
#     regex.match(pattern, {true: value, false: ""}[is_string(value)]) == false
# holds for a value that is not text (read as "", which shows nothing) and for text with no
# visible character, as `not facts.visible(value)` does, at a third of the function call's
# cost; the pattern is facts.visible_pattern, read once per body before the loop, and so is
# the part of the case a loop reads (a rule's value is looked up again at every use).
blank_texts[["title"]] := value if {
	value := facts.case.title
	regex.match(facts.visible_pattern, {true: value, false: ""}[is_string(value)]) == false
}

blank_texts[["business", key]] := value if {
	pattern := facts.visible_pattern
	business := facts.case.business
	some key in ["name", "purpose", "target_persons", "description"]
	value := business[key]
	regex.match(pattern, {true: value, false: ""}[is_string(value)]) == false
}

blank_texts[["data_locations", index, key]] := value if {
	pattern := facts.visible_pattern
	some index, location in facts.data_locations
	some key in ["name", "description", "operator"]
	value := location[key]
	regex.match(pattern, {true: value, false: ""}[is_string(value)]) == false
}

blank_texts[["transfers", index, "description"]] := value if {
	pattern := facts.visible_pattern
	some index, transfer in facts.case.transfers
	value := transfer.description
	regex.match(pattern, {true: value, false: ""}[is_string(value)]) == false
}

blank_texts[["system_measures", side, "accounts", "password_rules"]] := value if {
	pattern := facts.visible_pattern
	some side, measures in facts.case.system_measures
	value := measures.accounts.password_rules
	regex.match(pattern, {true: value, false: ""}[is_string(value)]) == false
}

blank_texts[["assumptions", index, "note"]] := value if {
	pattern := facts.visible_pattern
	some index, assumption in facts.case.assumptions
	value := assumption.note
	regex.match(pattern, {true: value, false: ""}[is_string(value)]) == false
}

blank_texts[[section, key]] := value if {
	pattern := facts.visible_pattern
	some section in facts.sections
	texts := facts.case[section]
	some key in ["reason", "form", "work", "information_items"]
	value := texts[key]
	regex.match(pattern, {true: value, false: ""}[is_string(value)]) == false
}

blank_texts[[section, "contract_clauses", index, "reference"]] := value if {
	pattern := facts.visible_pattern
	some section in facts.sections
	some index, clause in facts.case[section].contract_clauses
	value := clause.reference
	regex.match(pattern, {true: value, false: ""}[is_string(value)]) == false
}

blank_texts[[section, "deletion", "method"]] := value if {
	some section in facts.sections
	value := facts.case[section].deletion.method
	regex.match(facts.visible_pattern, {true: value, false: ""}[is_string(value)]) == false
}

# METADATA
# title: 説明の文に見える文字がない
# description: A text made only of blanks and invisible characters justifies nothing.
# custom:
#   rule_id: text-invisible-only
#   checklist_ids: []
#   severity: error
#   message_ja: "%[1]s の文に見える文字がありません（見えない文字 %[2]s だけが書かれています）。\
#     ゼロ幅スペースなどを消し、内容を文字で書いてください。"
#   message_en: "The text at %[1]s shows nothing (it holds only invisible characters such as %[2]s). \
#     Remove them and write the content in visible characters."
deny contains violation if {
	not all_visible
	some path, value in blank_texts
	violation := result.finding(rego.metadata.rule(), path, [facts.pointer(path), facts.invisible_found(value)])
}

# The usual case, every text showing something, is told in one comprehension rather than by
# blank_texts' nine rules, each with its path: the texts are gathered (justifying_values, the
# same places as blank_texts) and, when all are strings, each is asked for a visible character.
# Otherwise blank_texts tests each text with its path. (118 allocations fewer a case, and
# faster: a regular expression over the texts joined allocates less but reads every character.)
all_visible if {
	# Only strings, told by the least and the greatest: OPA orders null, booleans and numbers
	# before strings, and arrays, objects and sets after them (every would cost 190 a case).
	is_string(min(justifying_values))
	is_string(max(justifying_values))
	pattern := facts.visible_pattern
	count([value | some value in justifying_values; regex.match(pattern, value)]) == count(justifying_values)
}

# The values at blank_texts' places, without their paths (a set: equal texts are judged alike).
justifying_values contains facts.case.title

justifying_values contains value if {
	business := facts.case.business
	some key in ["name", "purpose", "target_persons", "description"]
	value := business[key]
}

justifying_values contains value if {
	some location in facts.data_locations
	some key in ["name", "description", "operator"]
	value := location[key]
}

justifying_values contains transfer.description if {
	some transfer in facts.case.transfers
}

justifying_values contains measures.accounts.password_rules if {
	some measures in facts.case.system_measures
}

justifying_values contains assumption.note if {
	some assumption in facts.case.assumptions
}

justifying_values contains value if {
	some section in facts.sections
	section_texts := facts.case[section]
	some key in ["reason", "form", "work", "information_items"]
	value := section_texts[key]
}

justifying_values contains clause.reference if {
	some section in facts.sections
	some clause in facts.case[section].contract_clauses
}

justifying_values contains value if {
	some section in facts.sections
	value := facts.case[section].deletion.method
}
