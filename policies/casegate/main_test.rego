package casegate.main_test

import data.casegate.main
import data.casegate.test.fixture

undecided := {"op": "replace", "path": "/outsourcing/contractor", "value": {"status": "未定"}}

# Nearly every rule broken at once, to check what holds for all findings.
kitchen_sink := fixture.patched_on("2027-06-01", [
	undecided,
	{"op": "replace", "path": "/submitted_on", "value": "2026-05-10"},
	{"op": "replace", "path": "/personal_data", "value": {"items": ["病歴"], "special_care_required": true, "my_number": true}},
	{"op": "replace", "path": "/data_locations/1/country", "value": "US"},
	{"op": "replace", "path": "/data_locations/1/parent_company_country", "value": "US"},
	{"op": "replace", "path": "/data_locations/1/data_residency_commitment", "value": false},
	{"op": "remove", "path": "/data_locations/1/key_management"},
	{"op": "replace", "path": "/data_locations/2/encrypted_at_rest", "value": false},
	{"op": "replace", "path": "/data_locations/2/parent_company_country", "value": "不明"},
	{"op": "replace", "path": "/data_locations/2/description", "value": "\u200b"},
	{"op": "replace", "path": "/data_locations/0/access_control", "value": false},
	{"op": "replace", "path": "/transfers/0/encryption", "value": "なし"},
	{"op": "replace", "path": "/transfers/1/tls_version", "value": "1.0"},
	{"op": "replace", "path": "/system_measures/partner/accounts/shared_accounts", "value": true},
	{"op": "replace", "path": "/system_measures/ward/logs/review", "value": "不明"},
	{"op": "remove", "path": "/system_measures/contractor"},
	{"op": "replace", "path": "/external_connection/partner/certifications", "value": []},
	{"op": "replace", "path": "/external_connection/period/start", "value": "2027-04-01"},
	{"op": "replace", "path": "/external_connection/contract_clauses", "value": [{"kind": "inspection_audit", "status": "不明"}]},
	{"op": "add", "path": "/outsourcing/deletion/erasure_report_received_on", "value": "2026-04-01"},
	{"op": "add", "path": "/external_connection/deletion/erasure_report_received_on", "value": "2027-08-01"},
	{"op": "replace", "path": "/outsourcing/subcontracting", "value": {"allowed": true, "subcontractors": []}},
	{"op": "replace", "path": "/outsourcing/media/types", "value": ["紙媒体"]},
	{"op": "replace", "path": "/outsourcing/media_handling/removable_media_used", "value": true},
	{"op": "replace", "path": "/outsourcing/media_handling/data_encrypted_with_password", "value": false},
	{"op": "replace", "path": "/outsourcing/media_handling/password_delivered_separately", "value": false},
	{"op": "replace", "path": "/outsourcing/media_handling/locked_bag_for_hand_delivery", "value": false},
	{"op": "replace", "path": "/outsourcing/media_handling/locked_storage", "value": false},
	{"op": "replace", "path": "/outsourcing/ledger", "value": {"kept": false, "records": ["日時"]}},
	{"op": "replace", "path": "/outsourcing/checklist/OS-W-OP-01/answer", "value": "〇"},
	{"op": "remove", "path": "/outsourcing/checklist/OS-W-OP-02"},
	{"op": "replace", "path": "/outsourcing/checklist/OS-W-OP-05", "value": {"answer": "－"}},
	{"op": "replace", "path": "/outsourcing/checklist/OS-W-OP-08", "value": {"answer": "－", "reason": "\u2060"}},
	{"op": "add", "path": "/outsourcing/checklist/OS-W-OP-99", "value": {"answer": "○"}},
	{"op": "add", "path": "/assumptions", "value": [{"pointer": "/data_locations/1/parent_company_country", "note": "原本に記載なし"}]},
])

test_base_case_has_no_findings if {
	main.decision == {"violations": [], "warnings": []} with input as fixture.base_input
}

# The seed proposal's situation: contractor not decided when submitted, judged before the start.
test_undecided_contractor_only_warns_before_the_start if {
	decision := main.decision with input as fixture.patched_on("2026-04-27", [undecided])
	decision.violations == []
	[warning.rule_id | some warning in decision.warnings] == ["contractor-undecided-before-start"]
}

# Unknown is not false: the same case judged after the start fails.
test_undecided_contractor_fails_after_the_start if {
	decision := main.decision with input as fixture.patched([undecided])
	[violation.rule_id | some violation in decision.violations] == ["contractor-undecided-after-start"]
	decision.warnings == []
}

test_missing_erasure_report_fails_after_the_grace_period if {
	decision := main.decision with input as fixture.patched_on("2027-06-01", [])
	[[violation.rule_id, violation.pointer] | some violation in decision.violations] == [
		["deletion-report-overdue", "/external_connection/deletion/erasure_report_received_on"],
		["deletion-report-overdue", "/outsourcing/deletion/erasure_report_received_on"],
	]
}

# One place abroad is one finding (it was nine before findings were merged by root cause).
test_one_root_cause_is_one_finding if {
	decision := main.decision with input as fixture.patched([
		{"op": "replace", "path": "/data_locations/1/country", "value": "US"},
		{"op": "replace", "path": "/data_locations/1/governing_law", "value": "US"},
	])
	[[v.rule_id, v.pointer, v.checklist_ids] | some v in decision.violations] == [[
		"domestic-location-foreign", "/data_locations/1",
		["EC-P-SY-11", "EC-W-SY-11", "OS-P-SY-11", "OS-W-SY-11"],
	]]
}

test_findings_are_ordered_by_rule_id_then_pointer if {
	decision := main.decision with input as fixture.patched([
		{"op": "replace", "path": "/data_locations/2/country", "value": "US"},
		{"op": "replace", "path": "/data_locations/1/country", "value": "US"},
		{"op": "replace", "path": "/data_locations/0/access_control", "value": false},
	])
	[[violation.rule_id, violation.pointer] | some violation in decision.violations] == [
		["access-control-missing", "/data_locations/0/access_control"],
		["domestic-location-foreign", "/data_locations/1"],
		["domestic-location-foreign", "/data_locations/2"],
	]
}

test_every_finding_has_the_severity_of_its_kind if {
	decision := main.decision with input as kitchen_sink
	count(decision.violations) > 30
	count(decision.warnings) == 4
	{violation.severity | some violation in decision.violations} == {"error"}
	{warning.severity | some warning in decision.warnings} == {"warning"}
}

test_every_finding_cites_catalogue_ids_in_order if {
	decision := main.decision with input as kitchen_sink
	some findings in [decision.violations, decision.warnings]
	every finding in findings {
		finding.checklist_ids == sort(finding.checklist_ids)
		every id in finding.checklist_ids {
			data.casegate.catalogue.items[id]
		}
		regex.match(`^[a-z]+(-[a-z0-9]+)*$`, finding.rule_id)
		startswith(finding.pointer, "/")
	}
}

test_kitchen_sink_trips_every_rule_with_a_fixture if {
	decision := main.decision with input as kitchen_sink
	rule_ids := {finding.rule_id | some finding in array.concat(decision.violations, decision.warnings)}
	missing := {
		"access-control-missing", "case-assumptions", "checklist-answer-invalid", "checklist-answer-missing",
		"checklist-item-unknown", "checklist-not-applicable-not-allowed",
		"checklist-not-applicable-condition-unmet", "checklist-not-applicable-reason-missing",
		"contract-clause-missing", "contractor-undecided-at-submission", "deletion-report-before-end",
		"deletion-report-date-in-future", "domestic-location-foreign",
		"domestic-parent-company-foreign", "domestic-residency-not-committed",
		"encryption-key-management-missing", "encryption-storage-unprotected",
		"encryption-tls-version-too-old", "encryption-transfer-unencrypted", "fact-unknown-after-start",
		"ledger-not-kept", "ledger-records-incomplete", "measure-missing", "measures-side-missing",
		"media-locked-bag-missing", "media-locked-storage-missing", "media-not-encrypted",
		"media-password-not-separate", "partner-certification-missing", "period-start-after-end",
		"sensitive-my-number", "sensitive-special-care", "subcontracting-subcontractors-missing",
		"text-invisible-only",
	} - rule_ids
	missing == set()
}

test_batch_judges_each_case_as_the_decision_does if {
	abroad := json.patch(fixture.base_case, [{"op": "replace", "path": "/data_locations/1/country", "value": "US"}])
	batch := main.batch with input as {"as_of": fixture.as_of, "cases": {"clean.json": fixture.base_case, "abroad.json": abroad}}
	batch.policy == {"version": "2026.12.0", "bundles": {}}
	object.keys(batch.results) == {"clean.json", "abroad.json"}
	batch.results["clean.json"] == {"violations": [], "warnings": []}
	batch.results["abroad.json"] == main.decision with input as {"as_of": fixture.as_of, "case": abroad}
	count(batch.results["abroad.json"].violations) == 1
}

test_batch_names_the_loaded_bundle_revisions if {
	bundles := {"casegate": {"manifest": {"revision": "sha256:0123456789abcdef"}}, "unversioned": {"manifest": {}}}
	batch := main.batch with input as {"as_of": fixture.as_of, "cases": {}} with data.system.bundles as bundles
	batch == {
		"results": {},
		"policy": {"version": "2026.12.0", "bundles": {"casegate": "sha256:0123456789abcdef", "unversioned": ""}},
	}
}

# The CLI treats an undefined result as an engine failure, so the batch must answer for
# any object input, whatever the cases look like.
test_batch_answers_for_malformed_cases if {
	cases := {
		"text": "R8-kikaku",
		"empty": {},
		"wrong-types": {
			"submitted_on": 20260420,
			"personal_data": "発言情報",
			"data_locations": [5, {"stores_personal_data": true, "processes_personal_data": "yes"}],
			"transfers": {"a": {"encryption": "TLS", "tls_version": 1.2}},
			"external_connection": {"partner": {"certifications": "ISMS"}, "checklist": [], "period": {}},
			"outsourcing": {
				"checklist": {"OS-W-OP-08": "－"}, "period": "令和8年度", "deletion": [],
				"ledger": "あり", "subcontracting": {"allowed": true}, "contractor": {"status": "未定"},
				"media": {"types": "紙媒体"}, "media_handling": {"removable_media_used": true},
			},
		},
	}
	batch := main.batch with input as {"cases": cases}
	object.keys(batch.results) == {"text", "empty", "wrong-types"}
	[violation.rule_id | some violation in batch.results.empty.violations] == ["as-of-invalid", "case-section-missing", "date-invalid"]
	count(batch.results["wrong-types"].violations) > 80
	every result in batch.results {
		is_array(result.violations)
		is_array(result.warnings)
	}
}

test_batch_without_cases_has_no_results if {
	main.batch.results == {} with input as {"as_of": fixture.as_of}
	main.batch.results == {} with input as {"as_of": fixture.as_of, "cases": [fixture.base_case]}
}
