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
blank_texts[["title"]] := facts.case.title if not facts.visible(facts.case.title)

blank_texts[["business", key]] := value if {
	some key in ["name", "purpose", "target_persons", "description"]
	value := facts.case.business[key]
	not facts.visible(value)
}

blank_texts[["data_locations", index, key]] := value if {
	some index, location in facts.data_locations
	some key in ["name", "description", "operator"]
	value := location[key]
	not facts.visible(value)
}

blank_texts[["transfers", index, "description"]] := transfer.description if {
	some index, transfer in facts.case.transfers
	not facts.visible(transfer.description)
}

blank_texts[["system_measures", side, "accounts", "password_rules"]] := value if {
	some side, measures in facts.case.system_measures
	value := measures.accounts.password_rules
	not facts.visible(value)
}

blank_texts[["assumptions", index, "note"]] := assumption.note if {
	some index, assumption in facts.case.assumptions
	not facts.visible(assumption.note)
}

blank_texts[[section, key]] := value if {
	some section in facts.sections
	some key in ["reason", "form", "work", "information_items"]
	value := facts.case[section][key]
	not facts.visible(value)
}

blank_texts[[section, "contract_clauses", index, "reference"]] := clause.reference if {
	some section in facts.sections
	some index, clause in facts.case[section].contract_clauses
	not facts.visible(clause.reference)
}

blank_texts[[section, "deletion", "method"]] := facts.case[section].deletion.method if {
	some section in facts.sections
	not facts.visible(facts.case[section].deletion.method)
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
	some path, value in blank_texts
	violation := result.finding(rego.metadata.rule(), path, [facts.pointer(path), facts.invisible_found(value)])
}
