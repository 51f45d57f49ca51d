package casegate.rules.text_test

import data.casegate.rules.text
import data.casegate.test.fixture

test_visible_texts_pass if {
	text.deny == set() with input as fixture.base_input
}

# The bypass: a description made of a Hangul filler says nothing; the message names it.
test_invisible_description if {
	violations := text.deny with input as fixture.patched([{"op": "replace", "path": "/data_locations/1/description", "value": "\u3164\u3164"}])
	violations == {{
		"checklist_ids": [],
		"message_en": "The text at /data_locations/1/description shows nothing (it holds only invisible characters such as U+3164). Remove them and write the content in visible characters.",
		"message_ja": "/data_locations/1/description の文に見える文字がありません（見えない文字 U+3164 だけが書かれています）。ゼロ幅スペースなどを消し、内容を文字で書いてください。",
		"pointer": "/data_locations/1/description",
		"rule_id": "text-invisible-only",
		"severity": "error",
		"title": "説明の文に見える文字がない",
	}}
}

test_assumption_note_and_clause_reference if {
	violations := text.deny with input as fixture.patched([
		{"op": "add", "path": "/assumptions", "value": [{"pointer": "/outsourcing", "note": "\u2800"}]},
		{"op": "add", "path": "/outsourcing/contract_clauses/0/reference", "value": "\u200b"},
	])
	{v.pointer | some v in violations} == {"/assumptions/0/note", "/outsourcing/contract_clauses/0/reference"}
}

# Checklist reasons are judged by the checklist rules, once.
test_checklist_reasons_are_left_to_the_checklist_rules if {
	text.deny == set() with input as fixture.patched([{"op": "replace", "path": "/outsourcing/checklist/OS-W-OP-08/reason", "value": "\u200b"}])
}

test_every_listed_text_is_checked if {
	violations := text.deny with input as fixture.patched([
		{"op": "replace", "path": "/title", "value": "\u200b"},
		{"op": "replace", "path": "/business/purpose", "value": "\u2060"},
		{"op": "add", "path": "/transfers/0/description", "value": "\u3164"},
		{"op": "replace", "path": "/system_measures/ward/accounts/password_rules", "value": "\u2800"},
		{"op": "replace", "path": "/outsourcing/reason", "value": "\u115f"},
		{"op": "add", "path": "/outsourcing/deletion/method", "value": "\ufeff"},
	])
	{v.pointer | some v in violations} == {
		"/title", "/business/purpose", "/transfers/0/description",
		"/system_measures/ward/accounts/password_rules", "/outsourcing/reason", "/outsourcing/deletion/method",
	}
}

# The fast way sees every place blank_texts reads: a blank text at any of them, or a value that
# is not text (ordered before or after the strings), sends the case to the text-by-text test.
test_every_place_turns_off_the_fast_way if {
	text.all_visible with input as fixture.base_input
	every patch in [
		{"op": "replace", "path": "/title", "value": "\u200b"},
		{"op": "replace", "path": "/business/name", "value": ""},
		{"op": "replace", "path": "/data_locations/0/operator", "value": " "},
		{"op": "add", "path": "/transfers/0/description", "value": "\u3164"},
		{"op": "replace", "path": "/system_measures/partner/accounts/password_rules", "value": "\u2800"},
		{"op": "add", "path": "/assumptions", "value": [{"pointer": "/outsourcing", "note": "\u2060"}]},
		{"op": "replace", "path": "/outsourcing/work", "value": "\u115f"},
		{"op": "add", "path": "/external_connection/contract_clauses/0/reference", "value": "\ufeff"},
		{"op": "add", "path": "/external_connection/deletion/method", "value": "\u00a0"},
		{"op": "replace", "path": "/title", "value": 5},
		{"op": "replace", "path": "/title", "value": {"ja": "表題"}},
	] {
		patched := fixture.patched([patch]) # undefined if the patch does not apply
		not text.all_visible with input as patched
	}
}

# Every text of a case that has every place blank_texts looks at is blanked in turn: exactly
# those places are reported. (A shortcut that skips blank_texts when every text shows something
# must gather exactly its places, or a blank text in a place it forgot would pass unseen.)
test_a_blank_text_in_any_place_is_reported if {
	# title 1, business 4, places 4 × 3, transfers 2, password rules 3, the note 1, the two
	# sections' texts 6, clause references 2, deletion methods 2
	count(blank_places_reported) == 33
}

# The paths of a case with every text place, each blanked in turn, at which text.deny reports.
blank_places_reported contains path if {
	full := json.patch(fixture.base_case, [
		{"op": "add", "path": "/transfers/0/description", "value": "LGWAN で送る"},
		{"op": "add", "path": "/transfers/1/description", "value": "委託先が取得する"},
		{"op": "add", "path": "/assumptions", "value": [{"pointer": "/outsourcing", "note": "原本に記載なし"}]},
		{"op": "add", "path": "/outsourcing/contract_clauses/0/reference", "value": "特記事項第1条"},
		{"op": "add", "path": "/external_connection/contract_clauses/0/reference", "value": "特記事項第1条"},
		{"op": "add", "path": "/outsourcing/deletion/method", "value": "消去ソフトで消去"},
		{"op": "add", "path": "/external_connection/deletion/method", "value": "消去ソフトで消去"},
	])
	walk(full, [path, value])
	is_string(value)
	not "checklist" in path # the answers' reasons are the checklist rules' (and 160 texts)
	blanked := json.patch(full, [{"op": "replace", "path": path, "value": "\u200b"}])

	# A test's helper rule (the test counts its paths): each path is judged on its own case.
	# regal ignore:with-outside-test-context
	count(text.deny) > 0 with input as {"as_of": fixture.as_of, "case": blanked}
}

# The fast way gathers the texts as a set, so equal texts count once: the same invisible text
# at two places, or beside a value that is not text, must still be reported at every place.
test_equal_and_mixed_blank_texts_are_each_reported if {
	twice := fixture.patched([
		{"op": "replace", "path": "/title", "value": "\u200b"},
		{"op": "replace", "path": "/business/name", "value": "\u200b"},
	])
	{v.pointer | some v in text.deny with input as twice} == {"/title", "/business/name"}

	mixed := fixture.patched([
		{"op": "replace", "path": "/title", "value": 5},
		{"op": "replace", "path": "/business/name", "value": ["\u200b"]},
		{"op": "replace", "path": "/business/purpose", "value": "\u2060"},
	])
	{v.pointer | some v in text.deny with input as mixed} == {"/title", "/business/name", "/business/purpose"}
}
