package casegate.rules.periods_test

import data.casegate.lib.facts
import data.casegate.rules.periods
import data.casegate.test.fixture

test_valid_dates_and_decided_contractor_pass if {
	periods.deny == set() with input as fixture.base_input
	periods.warn == set() with input as fixture.base_input
}

test_submission_date_in_another_layout if {
	violations := periods.deny with input as fixture.patched([{"op": "replace", "path": "/submitted_on", "value": "2026/04/20"}])
	violations == {{
		"checklist_ids": [],
		"message_en": "The submission date \"2026/04/20\" is not a date. Write an existing date as YYYY-MM-DD (e.g. 2026-05-01).",
		"message_ja": "付議日「2026/04/20」が日付として読めません。西暦の YYYY-MM-DD（例：令和8年5月1日 → 2026-05-01）で、実在する日付を書いてください。",
		"pointer": "/submitted_on",
		"rule_id": "date-invalid",
		"severity": "error",
		"title": "日付が読めない",
	}}
}

test_end_date_that_does_not_exist if {
	violations := periods.deny with input as fixture.patched([{"op": "replace", "path": "/outsourcing/period/end", "value": "2027-02-30"}])
	violations == {{
		"checklist_ids": [],
		"message_en": "The outsourcing end date \"2027-02-30\" is not a date. Write an existing date as YYYY-MM-DD (e.g. 2026-05-01).",
		"message_ja": "業務委託の終了日「2027-02-30」が日付として読めません。西暦の YYYY-MM-DD（例：令和8年5月1日 → 2026-05-01）で、実在する日付を書いてください。",
		"pointer": "/outsourcing/period/end",
		"rule_id": "date-invalid",
		"severity": "error",
		"title": "日付が読めない",
	}}
}

test_missing_start_date if {
	violations := periods.deny with input as fixture.patched([{"op": "remove", "path": "/external_connection/period/start"}])
	violations == {{
		"checklist_ids": [],
		"message_en": "The external connection start date \"null\" is not a date. Write an existing date as YYYY-MM-DD (e.g. 2026-05-01).",
		"message_ja": "外部結合の開始日「null」が日付として読めません。西暦の YYYY-MM-DD（例：令和8年5月1日 → 2026-05-01）で、実在する日付を書いてください。",
		"pointer": "/external_connection/period/start",
		"rule_id": "date-invalid",
		"severity": "error",
		"title": "日付が読めない",
	}}
}

test_unreadable_erasure_report_date if {
	violations := periods.deny with input as fixture.patched([{"op": "add", "path": "/outsourcing/deletion/erasure_report_received_on", "value": "令和9年4月10日"}])
	violations == {{
		"checklist_ids": [],
		"message_en": "The outsourcing erasure report received date \"令和9年4月10日\" is not a date. Write an existing date as YYYY-MM-DD (e.g. 2026-05-01).",
		"message_ja": "業務委託の消去報告書の受領日「令和9年4月10日」が日付として読めません。西暦の YYYY-MM-DD（例：令和8年5月1日 → 2026-05-01）で、実在する日付を書いてください。",
		"pointer": "/outsourcing/deletion/erasure_report_received_on",
		"rule_id": "date-invalid",
		"severity": "error",
		"title": "日付が読めない",
	}}
}

test_unreadable_as_of_fails_the_case if {
	violations := periods.deny with input as fixture.patched_on("2026/06/01", [])
	violations == {{
		"checklist_ids": [],
		"message_en": "The judgement date (as_of) \"2026/06/01\" is not a date, so the rules about dates cannot be judged. Pass an existing date as YYYY-MM-DD (e.g. 2026-05-01; --as-of in casegate).",
		"message_ja": "判定の基準日（as_of）「2026/06/01」が日付として読めないため、日付に関わる方針を判定できません。西暦の YYYY-MM-DD（例：2026-05-01、casegate では --as-of）で実在する日付を渡してください。",
		"pointer": "",
		"rule_id": "as-of-invalid",
		"severity": "error",
		"title": "判定の基準日が読めない",
	}}
}

# Dates the date rules cannot compare: a year below 1000, a day that does not exist, not a string.
test_as_of_the_date_rules_cannot_read_fails_the_case if {
	every as_of in ["0001-01-01", "2026-02-30", 20260601, {"date": "2026-06-01"}] {
		violations := periods.deny with input as fixture.patched_on(as_of, [])
		[[violation.rule_id, violation.message_en] | some violation in violations] == [[
			"as-of-invalid",
			sprintf("The judgement date (as_of) \"%s\" is not a date, so the rules about dates cannot be judged. Pass an existing date as YYYY-MM-DD (e.g. 2026-05-01; --as-of in casegate).", [facts.display(as_of)]),
		]]
	}
}

# A client of a central OPA that leaves the date out (or sends null) would otherwise have no
# rule about dates judge at all: unknowns after the start would only warn.
test_absent_as_of_fails_the_case if {
	absent := periods.deny with input as {"case": fixture.base_case}
	[violation.rule_id | some violation in absent] == ["as-of-invalid"]
	null_date := periods.deny with input as {"as_of": null, "case": fixture.base_case}
	[violation.rule_id | some violation in null_date] == ["as-of-invalid"]
}

test_start_after_end if {
	violations := periods.deny with input as fixture.patched([{"op": "replace", "path": "/external_connection/period/start", "value": "2027-04-01"}])
	violations == {{
		"checklist_ids": [],
		"message_en": "The external connection start date 2027-04-01 is after its end date 2027-03-31. Check both dates; the start must not be after the end.",
		"message_ja": "外部結合の開始日 2027-04-01 が終了日 2027-03-31 より後になっています。開始日と終了日を確かめ、開始日を終了日以前にしてください。",
		"pointer": "/external_connection/period/start",
		"rule_id": "period-start-after-end",
		"severity": "error",
		"title": "開始日が終了日より後",
	}}
}

test_start_on_end_date_passes if {
	periods.deny == set() with input as fixture.patched([{"op": "replace", "path": "/external_connection/period/start", "value": "2027-03-31"}])
}

undecided := {"op": "replace", "path": "/outsourcing/contractor", "value": {"status": "未定"}}

# Submitted 2026-04-20, before the start on 2026-05-01, judged before the start too.
test_contractor_undecided_before_start if {
	periods.deny == set() with input as fixture.patched_on("2026-04-25", [undecided])
	warnings := periods.warn with input as fixture.patched_on("2026-04-25", [undecided])
	warnings == {{
		"checklist_ids": ["OS-W-OP-01"],
		"message_en": "The contractor is not decided yet (submitted 2026-04-20, outsourcing starts 2026-05-01). Decide the contractor and attach the special provisions to the contract before the start; then set contractor.status to \"決定\" and write the contractor's name in contractor.name.",
		"message_ja": "業務委託の委託先が未定のまま付議されています（付議日 2026-04-20、委託開始日 2026-05-01）。委託開始日までに委託先を決め、契約に特記事項を付してください。決まったら contractor の status を \"決定\" にし、name に事業者名を書いてください。",
		"pointer": "/outsourcing/contractor/status",
		"rule_id": "contractor-undecided-before-start",
		"severity": "warning",
		"title": "委託先が未定のまま付議されている",
	}}
}

test_contractor_undecided_when_submitted_on_the_start_date if {
	violations := periods.deny with input as fixture.patched([undecided, {"op": "replace", "path": "/submitted_on", "value": "2026-05-01"}])
	violations == {{
		"checklist_ids": ["OS-W-OP-01"],
		"message_en": "The contractor is not decided although the case is submitted on 2026-05-01, on or after the outsourcing start 2026-05-01: the work would start without a contract carrying the special provisions. Decide the contractor (contractor.status \"決定\" and contractor.name) or revise the period.",
		"message_ja": "業務委託の委託先が未定ですが、付議日 2026-05-01 が委託開始日 2026-05-01 以降です。委託先と特記事項を付した契約がないまま委託が始まることになります。委託先を決めて contractor の status を \"決定\"、name に事業者名を書くか、委託の期間を見直してください。",
		"pointer": "/outsourcing/contractor/status",
		"rule_id": "contractor-undecided-at-submission",
		"severity": "error",
		"title": "委託開始日以降に委託先が未定",
	}}
}

# Before the start an undecided contractor is a warning.
test_contractor_undecided_before_start_warns if {
	warnings := periods.warn with input as fixture.patched_on("2026-04-27", [undecided])
	warnings == {{
		"checklist_ids": ["OS-W-OP-01"],
		"message_en": "The contractor is not decided yet (submitted 2026-04-20, outsourcing starts 2026-05-01). Decide the contractor and attach the special provisions to the contract before the start; then set contractor.status to \"決定\" and write the contractor's name in contractor.name.",
		"message_ja": "業務委託の委託先が未定のまま付議されています（付議日 2026-04-20、委託開始日 2026-05-01）。委託開始日までに委託先を決め、契約に特記事項を付してください。決まったら contractor の status を \"決定\" にし、name に事業者名を書いてください。",
		"pointer": "/outsourcing/contractor/status",
		"rule_id": "contractor-undecided-before-start",
		"severity": "warning",
		"title": "委託先が未定のまま付議されている",
	}}
	periods.deny == set() with input as fixture.patched_on("2026-04-27", [undecided])
}

# Unknown is not false: from the start date on, an undecided contractor fails the case.
test_contractor_still_undecided_after_start if {
	periods.warn == set() with input as fixture.patched([undecided])
	violations := periods.deny with input as fixture.patched([undecided])
	violations == {{
		"checklist_ids": ["OS-W-OP-01"],
		"message_en": "The outsourcing started on 2026-05-01 and it is now 2026-06-01, but the case still shows the contractor as undecided. Update the case: set contractor.status to \"決定\", write the name in contractor.name, and describe the contractor's places and system measures.",
		"message_ja": "委託開始日 2026-05-01 を過ぎましたが（判定日 2026-06-01）、案件の委託先は未定のままです。委託先を決め、contractor の status を \"決定\" にし、name に事業者名を書いて案件を更新してください（委託先の場所とシステム上の対策も書きます）。",
		"pointer": "/outsourcing/contractor/status",
		"rule_id": "contractor-undecided-after-start",
		"severity": "error",
		"title": "委託開始日を過ぎても委託先が未定",
	}}
}
