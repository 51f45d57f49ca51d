package casegate.rules.domestic_test

import data.casegate.lib.facts
import data.casegate.rules.domestic
import data.casegate.test.fixture

test_domestic_locations_pass if {
	domestic.deny == set() with input as fixture.base_input
}

ids := ["EC-P-SY-11", "EC-W-SY-11", "OS-P-SY-11", "OS-W-SY-11"]

# One place abroad and under foreign law is one finding, naming every SY-11 item it breaks.
test_location_abroad if {
	violations := domestic.deny with input as fixture.patched([
		{"op": "replace", "path": "/data_locations/1/country", "value": "US"},
		{"op": "replace", "path": "/data_locations/1/governing_law", "value": "US"},
	])
	violations == {{
		"checklist_ids": ids,
		"message_en": "Personal data reaches location \"クラウドストレージ（Box）\" (id: box), which is in US under the law of US. Use an environment in Japan under Japanese law (JP) and set country and governing_law to JP.",
		"message_ja": "個人情報が置かれる場所「クラウドストレージ（Box）」（id: box）の所在国が US、適用される法が US です。サーバや端末が日本国内にあり日本の法（JP）が適用される環境を使い、country と governing_law を JP にしてください。",
		"pointer": "/data_locations/1",
		"rule_id": "domestic-location-foreign",
		"severity": "error",
		"title": "個人情報を扱う場所が国外にあるか日本の法が適用されない",
	}}
}

test_location_under_foreign_law if {
	violations := domestic.deny with input as fixture.patched([{"op": "replace", "path": "/data_locations/1/governing_law", "value": "US"}])
	[[v.rule_id, v.pointer] | some v in violations] == [["domestic-location-foreign", "/data_locations/1"]]
}

# The bypass: a place abroad flagged as neither storing nor processing personal data, but
# the end of a transfer, is a personal-data place all the same.
test_transfer_end_abroad_despite_its_flags if {
	violations := domestic.deny with input as fixture.patched([
		{"op": "replace", "path": "/data_locations/1/country", "value": "US"},
		{"op": "replace", "path": "/data_locations/1/stores_personal_data", "value": false},
		{"op": "replace", "path": "/data_locations/1/processes_personal_data", "value": false},
	])
	[[v.rule_id, v.pointer] | some v in violations] == [["domestic-location-foreign", "/data_locations/1"]]
}

# A subcontractor's place handles personal data by what it is, whatever its flags say.
test_subcontractor_place_abroad_despite_its_flags if {
	violations := domestic.deny with input as fixture.patched([{"op": "add", "path": "/data_locations/-", "value": fixture.location("sub", "再委託先", {"role": "subcontractor", "country": "VN", "stores_personal_data": false, "processes_personal_data": false})}])
	[[v.rule_id, v.pointer] | some v in violations] == [["domestic-location-foreign", "/data_locations/4"]]
}

# Backups and replicas are places too.
test_backup_abroad if {
	violations := domestic.deny with input as fixture.patched([
		{"op": "replace", "path": "/data_locations/3/country", "value": "US"},
		{"op": "replace", "path": "/data_locations/3/stores_personal_data", "value": false},
	])
	[[v.rule_id, v.pointer] | some v in violations] == [["domestic-location-foreign", "/data_locations/3"]]
}

# Processing without storing (e.g. a transcription service abroad) counts too; only the
# sections the case has are cited.
test_processing_location_abroad_in_outsourcing_only_case if {
	violations := domestic.deny with input as fixture.patched([
		{"op": "remove", "path": "/external_connection"},
		{"op": "replace", "path": "/data_locations/2/stores_personal_data", "value": false},
		{"op": "replace", "path": "/data_locations/2/country", "value": "SG"},
	])
	[[v.pointer, v.checklist_ids] | some v in violations] == [["/data_locations/2", ["OS-P-SY-11", "OS-W-SY-11"]]]
}

test_location_without_personal_data_may_be_abroad if {
	domestic.deny == set() with input as fixture.patched([{"op": "add", "path": "/data_locations/-", "value": {
		"id": "mail-relay", "name": "メール中継", "role": "other_processor", "operator": "事業者", "country": "US", "governing_law": "US",
		"stores_personal_data": false, "processes_personal_data": false,
		"encrypted_at_rest": false, "password_protected": false, "access_control": false,
	}}])
}

test_location_with_missing_country if {
	violations := domestic.deny with input as fixture.patched([{"op": "remove", "path": "/data_locations/0/country"}])
	[[v.pointer, v.message_en] | some v in violations] == [["/data_locations/0", "Personal data reaches location \"区イントラネットパソコン\" (id: ward-pc), which is in null under the law of JP. Use an environment in Japan under Japanese law (JP) and set country and governing_law to JP."]]
}

test_foreign_parent_company_warns if {
	warnings := domestic.warn with input as fixture.patched([{"op": "replace", "path": "/data_locations/1/parent_company_country", "value": "US"}])
	warnings == {{
		"checklist_ids": ids,
		"message_en": "The operator \"株式会社 Box Japan\" of location \"クラウドストレージ（Box）\" has its parent company in US (data residency in Japan is committed in the contract). That country's law may compel disclosure. Assess its legal environment under Article 71 of the Act on the Protection of Personal Information (provision to third parties abroad) and the security control measures (understanding the external environment), and state the result in the proposal.",
		"message_ja": "場所「クラウドストレージ（Box）」の運用者「株式会社 Box Japan」の親会社の国が US です（国内保存は契約で約束されています）。親会社の国の法令により、データの開示を求められる可能性があります。個人情報保護法第71条（外国にある第三者への提供）と安全管理措置（外的環境の把握）に照らし、その国の制度を確かめて付議資料に書いてください。",
		"pointer": "/data_locations/1/parent_company_country",
		"rule_id": "domestic-parent-company-foreign",
		"severity": "warning",
		"title": "運用者の親会社が国外にある",
	}}
	domestic.deny == set() with input as fixture.patched([{"op": "replace", "path": "/data_locations/1/parent_company_country", "value": "US"}])
}

test_foreign_parent_company_fails_when_the_setting_says_so if {
	violations := domestic.deny with input as fixture.patched([{"op": "replace", "path": "/data_locations/1/parent_company_country", "value": "US"}])
		with data.casegate.settings.foreign_parent_fails as true
	[[v.rule_id, v.severity] | some v in violations] == [["domestic-parent-company-foreign", "error"]]
	domestic.warn == set() with input as fixture.patched([{"op": "replace", "path": "/data_locations/1/parent_company_country", "value": "US"}])
		with data.casegate.settings.foreign_parent_fails as true
}

test_unknown_parent_company_is_left_to_the_unknown_rule if {
	domestic.warn == set() with input as fixture.patched([{"op": "replace", "path": "/data_locations/1/parent_company_country", "value": "不明"}])
}

test_residency_not_committed if {
	violations := domestic.deny with input as fixture.patched([{"op": "replace", "path": "/data_locations/1/data_residency_commitment", "value": false}])
	[[v.rule_id, v.pointer] | some v in violations] == [["domestic-residency-not-committed", "/data_locations/1/data_residency_commitment"]]
}

# The ward's own places need no residency commitment.
test_residency_irrelevant_for_the_ward if {
	domestic.deny == set() with input as fixture.patched([{"op": "add", "path": "/data_locations/0/data_residency_commitment", "value": false}])
}

# residency_shown writes each value as facts.display does, and names every sentence ("other"
# is every value the schema does not allow).
test_residency_shown_is_how_values_are_shown if {
	object.keys(domestic.residency_ja) == object.keys(domestic.residency_en)
	{shown | some shown in domestic.residency_shown} | {"other"} == object.keys(domestic.residency_ja)
	every value, shown in domestic.residency_shown {
		facts.display(value) == shown
	}
}

# A residency value the schema refuses (a central OPA's client may skip the schema) does not
# take the foreign parent's finding away.
test_foreign_parent_warns_whatever_the_residency_value if {
	every value in ["x", 1, [true]] {
		warnings := domestic.warn with input as fixture.patched([
			{"op": "replace", "path": "/data_locations/1/parent_company_country", "value": "US"},
			{"op": "replace", "path": "/data_locations/1/data_residency_commitment", "value": value},
		])
		[[w.rule_id, contains(w.message_en, "(the data residency commitment has a value that cannot be read)")] | some w in warnings] == [["domestic-parent-company-foreign", true]]
	}
}
