package casegate.rules.deletion_test

import data.casegate.rules.deletion
import data.casegate.test.fixture

test_erasure_clauses_pass if {
	deletion.deny == set() with input as fixture.base_input
	deletion.warn == set() with input as fixture.base_input
}

# The contract's own deadline replaces the setting's 30 days.
test_contract_deadline_is_used if {
	clauses := [{"kind": "erasure_report", "within_days": 10}]
	violations := deletion.deny with input as fixture.patched_on("2027-04-15", [
		{"op": "remove", "path": "/external_connection"},
		{"op": "add", "path": "/outsourcing/contract_clauses/-", "value": clauses[0]},
	])
	[[v.rule_id, v.message_en] | some v in violations] == [[
		"deletion-report-overdue",
		"The outsourcing ended on 2027-03-31 and the erasure report was due by 2027-04-10 (10 days after the end), but no received date is recorded. Obtain the erasure report and record the date it was received in deletion.erasure_report_received_on (YYYY-MM-DD).",
	]]
}

test_deletion_block_not_an_object_is_still_judged if {
	violations := deletion.deny with input as fixture.patched_on("2027-06-01", [{"op": "replace", "path": "/outsourcing/deletion", "value": "契約書のとおり"}])
	{v.pointer | some v in violations} == {"/outsourcing/deletion/erasure_report_received_on", "/external_connection/deletion/erasure_report_received_on"}
}

test_erasure_report_overdue if {
	violations := deletion.deny with input as fixture.patched_on("2027-05-01", [])
	violations == {
		{
			"checklist_ids": [
				"EC-P-OP-03",
				"EC-W-OP-03",
			],
			"message_en": "The external connection ended on 2027-03-31 and the erasure report was due by 2027-04-30 (30 days after the end), but no received date is recorded. Obtain the erasure report and record the date it was received in deletion.erasure_report_received_on (YYYY-MM-DD).",
			"message_ja": "外部結合は 2027-03-31 に終了し、消去報告書の受領期限 2027-04-30（終了日の 30 日後）を過ぎましたが、消去報告書の受領日が記録されていません。相手方から消去報告書を受け取り、受け取った日を deletion.erasure_report_received_on に YYYY-MM-DD で記入してください。",
			"pointer": "/external_connection/deletion/erasure_report_received_on",
			"rule_id": "deletion-report-overdue",
			"severity": "error",
			"title": "消去報告書の受領期限を過ぎている",
		},
		{
			"checklist_ids": [
				"OS-P-OP-11",
				"OS-W-OP-11",
			],
			"message_en": "The outsourcing ended on 2027-03-31 and the erasure report was due by 2027-04-30 (30 days after the end), but no received date is recorded. Obtain the erasure report and record the date it was received in deletion.erasure_report_received_on (YYYY-MM-DD).",
			"message_ja": "業務委託は 2027-03-31 に終了し、消去報告書の受領期限 2027-04-30（終了日の 30 日後）を過ぎましたが、消去報告書の受領日が記録されていません。相手方から消去報告書を受け取り、受け取った日を deletion.erasure_report_received_on に YYYY-MM-DD で記入してください。",
			"pointer": "/outsourcing/deletion/erasure_report_received_on",
			"rule_id": "deletion-report-overdue",
			"severity": "error",
			"title": "消去報告書の受領期限を過ぎている",
		},
	}
}

test_erasure_report_due_on_the_last_day_is_a_reminder if {
	deletion.deny == set() with input as fixture.patched_on("2027-04-30", [])
	warnings := deletion.warn with input as fixture.patched_on("2027-04-30", [{"op": "remove", "path": "/external_connection"}])
	warnings == {{
		"checklist_ids": [
			"OS-P-OP-11",
			"OS-W-OP-11",
		],
		"message_en": "The outsourcing ended on 2027-03-31. Obtain the erasure report by 2027-04-30 and record the date it was received in deletion.erasure_report_received_on (YYYY-MM-DD).",
		"message_ja": "業務委託は 2027-03-31 に終了しました。消去報告書を 2027-04-30 までに受け取り、受け取った日を deletion.erasure_report_received_on に YYYY-MM-DD で記入してください。",
		"pointer": "/outsourcing/deletion/erasure_report_received_on",
		"rule_id": "deletion-report-due",
		"severity": "warning",
		"title": "消去報告書の受領期限が近い",
	}}
}

test_no_reminder_on_the_end_date if {
	deletion.warn == set() with input as fixture.patched_on("2027-03-31", [])
}

test_received_report_passes_after_the_deadline if {
	received := [
		{"op": "add", "path": "/external_connection/deletion/erasure_report_received_on", "value": "2027-04-10"},
		{"op": "add", "path": "/outsourcing/deletion/erasure_report_received_on", "value": "2027-04-12"},
	]
	deletion.deny == set() with input as fixture.patched_on("2027-06-01", received)
	deletion.warn == set() with input as fixture.patched_on("2027-06-01", received)
}

# An unreadable received date is no record (date-invalid says why).
test_unreadable_received_date_is_still_overdue if {
	violations := deletion.deny with input as fixture.patched_on("2027-06-01", [
		{"op": "remove", "path": "/external_connection"},
		{"op": "add", "path": "/outsourcing/deletion/erasure_report_received_on", "value": "2027-04-31"},
	])
	{violation.rule_id | some violation in violations} == {"deletion-report-overdue"}
}

# The bypass: a report "received" before the period ended would silence the overdue check.
test_report_received_before_the_end if {
	violations := deletion.deny with input as fixture.patched([{"op": "add", "path": "/outsourcing/deletion/erasure_report_received_on", "value": "2026-04-01"}])
	violations == {{
		"checklist_ids": [
			"OS-P-OP-11",
			"OS-W-OP-11",
		],
		"message_en": "The erasure report for the outsourcing is recorded as received on 2026-04-01, before the end date 2027-03-31. The report confirms erasure after the end; record the date it was actually received (on or after the end).",
		"message_ja": "業務委託の消去報告書の受領日 2026-04-01 が、終了日 2027-03-31 より前です。消去報告書は終了後の消去を報告するものです。実際に受け取った日（終了日以降）を記入してください。",
		"pointer": "/outsourcing/deletion/erasure_report_received_on",
		"rule_id": "deletion-report-before-end",
		"severity": "error",
		"title": "消去報告書の受領日が終了日より前",
	}}
}

# The bypass: a future date would turn an overdue report into nothing.
test_report_received_after_the_evaluation_date if {
	violations := deletion.deny with input as fixture.patched_on("2027-06-01", [
		{"op": "add", "path": "/external_connection/deletion/erasure_report_received_on", "value": "2027-07-10"},
		{"op": "remove", "path": "/outsourcing"},
	])
	violations == {{
		"checklist_ids": [
			"EC-P-OP-03",
			"EC-W-OP-03",
		],
		"message_en": "The erasure report for the external connection is recorded as received on 2027-07-10, after the evaluation date 2027-06-01. Record the date it was actually received, not a planned date.",
		"message_ja": "外部結合の消去報告書の受領日 2027-07-10 が、判定日 2027-06-01 より後になっています。予定日ではなく、実際に受け取った日を記入してください。",
		"pointer": "/external_connection/deletion/erasure_report_received_on",
		"rule_id": "deletion-report-date-in-future",
		"severity": "error",
		"title": "消去報告書の受領日が判定日より後",
	}}
}

# Days the contract gives that time.add_date cannot add (not whole, or out of its range: the
# schema refuses them) make the report due on the end date rather than never.
test_contract_days_that_give_no_date_are_due_at_the_end if {
	every days in [1.5, -1000000000, 1000000000] {
		judged := fixture.patched_on("2027-06-01", [
			{"op": "remove", "path": "/external_connection"},
			{"op": "add", "path": "/outsourcing/contract_clauses/-", "value": {"kind": "erasure_report", "within_days": days}},
		])
		violations := deletion.deny with input as judged
		[[v.rule_id, v.pointer] | some v in violations] == [[
			"deletion-report-overdue",
			"/outsourcing/deletion/erasure_report_received_on",
		]]
		some v in violations
		contains(v.message_en, "was due by 2027-03-31")
	}
}
