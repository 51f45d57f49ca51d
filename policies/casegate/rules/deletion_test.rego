package casegate.rules.deletion_test

import data.casegate.rules.deletion
import data.casegate.test.fixture

test_erasure_clauses_pass if {
	deletion.deny == set() with input as fixture.base_input
	deletion.warn == set() with input as fixture.base_input
}

test_erasure_at_end_not_required if {
	violations := deletion.deny with input as fixture.patched([{"op": "replace", "path": "/external_connection/deletion/erase_at_end", "value": false}])
	violations == {{
		"checklist_ids": [
			"EC-P-OP-03",
			"EC-W-OP-03",
		],
		"message_en": "The external connection does not require the other party to erase the electronic data at the end (deletion.erase_at_end is not true). Require erasure at the end in the contract and set it to true.",
		"message_ja": "外部結合の終了時に相手方に電子データを消去させることが定められていません（deletion.erase_at_end が true ではありません）。終了時の消去を契約等で定め、true にしてください。",
		"pointer": "/external_connection/deletion/erase_at_end",
		"rule_id": "deletion-erase-at-end-missing",
		"severity": "error",
		"title": "終了時の消去が定められていない",
	}}
}

test_erasure_report_not_required if {
	violations := deletion.deny with input as fixture.patched([{"op": "replace", "path": "/outsourcing/deletion/erasure_report_required", "value": false}])
	violations == {{
		"checklist_ids": [
			"OS-P-OP-11",
			"OS-W-OP-11",
		],
		"message_en": "The outsourcing does not require an erasure report, a report that the electronic data was erased (deletion.erasure_report_required is not true). Require the report and set it to true.",
		"message_ja": "業務委託の終了時に消去報告書（電子データの消去を行ったことの報告書）の提出を求めていません（deletion.erasure_report_required が true ではありません）。消去報告書の提出を求め、true にしてください。",
		"pointer": "/outsourcing/deletion/erasure_report_required",
		"rule_id": "deletion-report-not-required",
		"severity": "error",
		"title": "消去報告書の提出を求めていない",
	}}
}

test_deletion_block_not_an_object if {
	violations := deletion.deny with input as fixture.patched([{"op": "replace", "path": "/outsourcing/deletion", "value": "契約書のとおり"}])
	violations == {
		{
			"checklist_ids": [
				"OS-P-OP-11",
				"OS-W-OP-11",
			],
			"message_en": "The outsourcing does not require an erasure report, a report that the electronic data was erased (deletion.erasure_report_required is not true). Require the report and set it to true.",
			"message_ja": "業務委託の終了時に消去報告書（電子データの消去を行ったことの報告書）の提出を求めていません（deletion.erasure_report_required が true ではありません）。消去報告書の提出を求め、true にしてください。",
			"pointer": "/outsourcing/deletion/erasure_report_required",
			"rule_id": "deletion-report-not-required",
			"severity": "error",
			"title": "消去報告書の提出を求めていない",
		},
		{
			"checklist_ids": [
				"OS-P-OP-11",
				"OS-W-OP-11",
			],
			"message_en": "The outsourcing does not require the other party to erase the electronic data at the end (deletion.erase_at_end is not true). Require erasure at the end in the contract and set it to true.",
			"message_ja": "業務委託の終了時に相手方に電子データを消去させることが定められていません（deletion.erase_at_end が true ではありません）。終了時の消去を契約等で定め、true にしてください。",
			"pointer": "/outsourcing/deletion/erase_at_end",
			"rule_id": "deletion-erase-at-end-missing",
			"severity": "error",
			"title": "終了時の消去が定められていない",
		},
	}
}

# Both periods end on 2027-03-31; the reports are due by 2027-04-30.
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

test_report_received_before_start if {
	warnings := deletion.warn with input as fixture.patched([{"op": "add", "path": "/outsourcing/deletion/erasure_report_received_on", "value": "2026-04-01"}])
	warnings == {{
		"checklist_ids": [
			"OS-P-OP-11",
			"OS-W-OP-11",
		],
		"message_en": "The erasure report for the outsourcing is recorded as received on 2026-04-01, before the start date 2026-05-01. An erasure report comes after the end; check the received date for a typo.",
		"message_ja": "業務委託の消去報告書の受領日 2026-04-01 が、開始日 2026-05-01 より前です。消去報告書は終了後に受け取るものです。受領日の書き間違いでないか確かめてください。",
		"pointer": "/outsourcing/deletion/erasure_report_received_on",
		"rule_id": "deletion-report-before-start",
		"severity": "warning",
		"title": "消去報告書の受領日が開始日より前",
	}}
}

test_report_received_after_the_evaluation_date if {
	warnings := deletion.warn with input as fixture.patched([{"op": "add", "path": "/external_connection/deletion/erasure_report_received_on", "value": "2027-04-10"}])
	warnings == {{
		"checklist_ids": [
			"EC-P-OP-03",
			"EC-W-OP-03",
		],
		"message_en": "The erasure report for the external connection is recorded as received on 2027-04-10, after the evaluation date 2026-06-01. Record the date it was actually received, not a planned date.",
		"message_ja": "外部結合の消去報告書の受領日 2027-04-10 が、判定日 2026-06-01 より後になっています。予定日ではなく、実際に受け取った日を記入してください。",
		"pointer": "/external_connection/deletion/erasure_report_received_on",
		"rule_id": "deletion-report-date-in-future",
		"severity": "warning",
		"title": "消去報告書の受領日が判定日より後",
	}}
}
