package casegate.rules.unknown_test

import data.casegate.rules.unknown
import data.casegate.test.fixture

unknown_mfa := {"op": "replace", "path": "/system_measures/partner/accounts/mfa_outside_lgwan", "value": "不明"}

unknown_logs := {"op": "replace", "path": "/system_measures/partner/logs/retention_days", "value": "不明"}

test_no_unknowns_no_findings if {
	unknown.deny == set() with input as fixture.base_input
	unknown.warn == set() with input as fixture.base_input
}

# Before the start: one warning for the partner's measures, naming both fields.
test_unknown_warns_before_the_start if {
	warnings := unknown.warn with input as fixture.patched_on("2026-04-27", [unknown_mfa, unknown_logs])
	warnings == {{
		"checklist_ids": ["EC-P-SY-06", "EC-P-SY-08"],
		"message_en": "In the system measures of the partner, accounts.mfa_outside_lgwan, logs.retention_days is 不明 (unknown). Establish the facts and write them in before the start on 2026-05-01; after that date an unknown fails the case.",
		"message_ja": "結合の相手方のシステム上の対策の accounts.mfa_outside_lgwan、logs.retention_days が「不明」です。開始日 2026-05-01 までに事実を確かめ、値を書いてください。開始日を過ぎても「不明」なら不合格になります。",
		"pointer": "/system_measures/partner",
		"rule_id": "fact-unknown-before-start",
		"severity": "warning",
		"title": "「不明」の事実がある（開始日までに確かめる）",
	}}
	unknown.deny == set() with input as fixture.patched_on("2026-04-27", [unknown_mfa, unknown_logs])
}

# Unknown is not false: from the start date on it fails.
test_unknown_fails_from_the_start if {
	violations := unknown.deny with input as fixture.patched_on("2026-05-01", [unknown_mfa])
	[[v.rule_id, v.pointer, v.checklist_ids] | some v in violations] == [["fact-unknown-after-start", "/system_measures/partner", ["EC-P-SY-06"]]]
}

test_unknown_subcontracting_clause_and_place if {
	violations := unknown.deny with input as fixture.patched([
		{"op": "replace", "path": "/outsourcing/subcontracting/allowed", "value": "不明"},
		{"op": "replace", "path": "/outsourcing/contract_clauses/0", "value": {"kind": "legal_compliance", "status": "不明"}},
		{"op": "replace", "path": "/outsourcing/media_handling/locked_storage", "value": "不明"},
		{"op": "replace", "path": "/data_locations/2/encrypted_at_rest", "value": "不明"},
	])
	{[v.pointer, v.checklist_ids, v.message_en] | some v in violations} == {
		["/data_locations/2", ["EC-P-SY-07", "EC-W-SY-07", "OS-P-SY-07", "OS-W-SY-07"], "In location \"委託先PC\", encrypted_at_rest is still 不明 (unknown) although the work started on 2026-05-01. Establish the facts and write them in; a measure nobody can confirm counts as not taken."],
		["/outsourcing/contract_clauses", ["OS-P-OP-01", "OS-W-OP-01"], "In the contract clauses of the outsourcing, legal_compliance is still 不明 (unknown) although the work started on 2026-05-01. Establish the facts and write them in; a measure nobody can confirm counts as not taken."],
		["/outsourcing/media_handling", ["OS-P-OP-10", "OS-W-OP-10"], "In the media handling of the outsourcing, media_handling.locked_storage is still 不明 (unknown) although the work started on 2026-05-01. Establish the facts and write them in; a measure nobody can confirm counts as not taken."],
		["/outsourcing/subcontracting", ["OS-P-OP-03", "OS-W-OP-03"], "In the subcontracting of the outsourcing, subcontracting.allowed is still 不明 (unknown) although the work started on 2026-05-01. Establish the facts and write them in; a measure nobody can confirm counts as not taken."],
	}
}

# A group written as an array (the schema refuses it) has no field names: no finding naming
# none, as before the rewrite of open_groups; the schema reports the array.
test_unknown_in_a_group_written_as_an_array_names_no_field if {
	violations := unknown.deny with input as fixture.patched([
		{"op": "replace", "path": "/system_measures/ward/network", "value": ["不明"]},
		{"op": "replace", "path": "/system_measures/partner/network", "value": ["不明", {"x": "不明"}]},
	])
	violations == set()
}

test_backup_without_a_place_is_unknown if {
	violations := unknown.deny with input as fixture.patched([{"op": "remove", "path": "/system_measures/ward/backup/location_ids"}])
	[[v.pointer, v.checklist_ids] | some v in violations] == [["/system_measures/ward", ["EC-W-SY-09", "OS-W-SY-09"]]]
}

# A start date that cannot be read is no reason to pass.
test_unreadable_start_counts_as_started if {
	violations := unknown.deny with input as fixture.patched_on("2026-04-27", [
		unknown_mfa,
		{"op": "replace", "path": "/external_connection/period/start", "value": "令和8年5月1日"},
		{"op": "replace", "path": "/outsourcing/period/start", "value": "?"},
	])
	[v.message_en | some v in violations] == ["In the system measures of the partner, accounts.mfa_outside_lgwan is still 不明 (unknown) although the work started on ?. Establish the facts and write them in; a measure nobody can confirm counts as not taken."]
}

# A judgement date that cannot be read starts nothing: an unknown is a warning, never a failure
# (the date itself is reported by the periods rules).
test_unreadable_judgement_date_warns if {
	judged := fixture.patched_on("bad-date", [unknown_mfa])
	unknown.deny == set() with input as judged
	[v.pointer | some v in unknown.warn with input as judged] == ["/system_measures/partner"]
}

test_assumptions_are_shown if {
	warnings := unknown.warn with input as fixture.patched([{"op": "add", "path": "/assumptions", "value": [
		{"pointer": "/outsourcing/subcontracting/allowed", "note": "原本に記載なし"},
		{"pointer": "/data_locations/1/parent_company_country", "note": "原本に記載なし"},
	]}])
	[[v.rule_id, v.message_ja] | some v in warnings] == [[
		"case-assumptions",
		"この案件ファイルには、付議資料の原本に書かれていない仮定が 2 件あります（assumptions）：/outsourcing/subcontracting/allowed、/data_locations/1/parent_company_country。会議に諮る前に、それぞれの根拠（note）を確かめてください。",
	]]
}

# The id tables written out for speed say what the number tables and the prefixes say.
test_id_tables_match_the_numbers if {
	unknown.measure_ids == {side: {group: {concat("", [prefix, number]) | some prefix in prefixes; some number in group_numbers} |
		some group, group_numbers in unknown.measure_numbers
	} |
		some side, prefixes in unknown.side_prefixes
	}
	unknown.location_ids == {field: {concat("", [prefix, number]) | some prefix in unknown.all_prefixes} |
		some field, number in unknown.location_numbers
	}
}

# A pointer that is not text is shown as JSON, not dropped.
test_assumption_pointer_not_text_is_shown if {
	warnings := unknown.warn with input as fixture.patched([{"op": "add", "path": "/assumptions", "value": [{"pointer": 5, "note": "原本に記載なし"}]}])
	[v.message_en | some v in warnings; v.rule_id == "case-assumptions"] == ["This case file makes 1 assumptions the proposal itself does not state (assumptions): 5. Check the reason (note) of each before the committee meets."]
}

# Sides written alike are looked through once (open_measures is a function OPA caches by its
# argument): each side must still get its own finding, pointer and checklist items.
test_sides_written_alike_each_fail if {
	judged := fixture.patched_on("2026-05-01", [
		unknown_mfa,
		{"op": "copy", "from": "/system_measures/partner", "path": "/system_measures/ward"},
	])
	findings := {[v.pointer, v.checklist_ids] | some v in unknown.deny with input as judged}
	findings == {["/system_measures/partner", ["EC-P-SY-06"]], ["/system_measures/ward", ["EC-W-SY-06", "OS-W-SY-06"]]}
}
