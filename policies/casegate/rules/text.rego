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

# The keys whose text justifies something; only these are looked at, which keeps the cost small.
justifying := {
	"description", "reason", "note", "reference", "password_rules", "method", "purpose", "work", "form",
	"name", "operator", "information_items", "title",
}

# Paths of justifying text that shows nothing, outside the checklists.
blank_texts contains path if {
	walk(facts.case, [path, value])
	is_string(value)
	count(path) > 0
	path[count(path) - 1] in justifying
	not in_checklist(path)
	not facts.visible(value)
}

in_checklist(path) if path[1] == "checklist"

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
	some path in blank_texts
	value := object.get(facts.case, path, "")
	violation := result.finding(rego.metadata.rule(), path, [facts.pointer(path), facts.invisible_found(value)])
}
