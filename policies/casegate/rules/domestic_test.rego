package casegate.rules.domestic_test

import data.casegate.rules.domestic
import data.casegate.test.fixture

test_domestic_locations_pass if {
	domestic.deny == set() with input as fixture.base_input
}

test_location_abroad if {
	violations := domestic.deny with input as fixture.patched([{"op": "replace", "path": "/data_locations/1/country", "value": "US"}])
	violations == {{
		"checklist_ids": [
			"EC-P-SY-11",
			"EC-W-SY-11",
			"OS-P-SY-11",
			"OS-W-SY-11",
		],
		"message_en": "Location \"クラウドストレージ（Box）\" (id: box) stores or processes personal data but is in US. Use servers and devices located in Japan (JP) and set country to JP.",
		"message_ja": "個人情報を保存・処理する場所「クラウドストレージ（Box）」（id: box）の所在国が US です。サーバや端末が日本国内（JP）にある環境を使い、country を JP にしてください。",
		"pointer": "/data_locations/1/country",
		"rule_id": "domestic-location-abroad",
		"severity": "error",
		"title": "個人情報を扱う場所が国外にある",
	}}
}

test_location_under_foreign_law if {
	violations := domestic.deny with input as fixture.patched([{"op": "replace", "path": "/data_locations/1/governing_law", "value": "US"}])
	violations == {{
		"checklist_ids": [
			"EC-P-SY-11",
			"EC-W-SY-11",
			"OS-P-SY-11",
			"OS-W-SY-11",
		],
		"message_en": "Location \"クラウドストレージ（Box）\" (id: box) stores or processes personal data under the law of US. Use an environment where Japanese law (JP) applies and set governing_law to JP.",
		"message_ja": "個人情報を保存・処理する場所「クラウドストレージ（Box）」（id: box）に適用される法が US の法です。日本の法（JP）が適用される環境を使い、governing_law を JP にしてください。",
		"pointer": "/data_locations/1/governing_law",
		"rule_id": "domestic-governing-law-foreign",
		"severity": "error",
		"title": "個人情報を扱う場所に日本の法が適用されない",
	}}
}

# Processing without storing (e.g. a transcription service abroad) counts too; only the
# sections the case has are cited.
test_processing_location_abroad_in_outsourcing_only_case if {
	violations := domestic.deny with input as fixture.patched([
		{"op": "remove", "path": "/external_connection"},
		{"op": "replace", "path": "/data_locations/2/stores_personal_data", "value": false},
		{"op": "replace", "path": "/data_locations/2/country", "value": "SG"},
	])
	violations == {{
		"checklist_ids": [
			"OS-P-SY-11",
			"OS-W-SY-11",
		],
		"message_en": "Location \"委託先PC\" (id: contractor-pc) stores or processes personal data but is in SG. Use servers and devices located in Japan (JP) and set country to JP.",
		"message_ja": "個人情報を保存・処理する場所「委託先PC」（id: contractor-pc）の所在国が SG です。サーバや端末が日本国内（JP）にある環境を使い、country を JP にしてください。",
		"pointer": "/data_locations/2/country",
		"rule_id": "domestic-location-abroad",
		"severity": "error",
		"title": "個人情報を扱う場所が国外にある",
	}}
}

test_location_without_personal_data_may_be_abroad if {
	domestic.deny == set() with input as fixture.patched([{"op": "add", "path": "/data_locations/-", "value": {
		"id": "mail-relay", "name": "メール中継", "operator": "事業者", "country": "US", "governing_law": "US",
		"stores_personal_data": false, "processes_personal_data": false,
		"encrypted_at_rest": false, "password_protected": false, "access_control": false,
	}}])
}

test_location_with_missing_country if {
	violations := domestic.deny with input as fixture.patched([{"op": "remove", "path": "/data_locations/0/country"}])
	violations == {{
		"checklist_ids": [
			"EC-P-SY-11",
			"EC-W-SY-11",
			"OS-P-SY-11",
			"OS-W-SY-11",
		],
		"message_en": "Location \"区イントラネットパソコン\" (id: ward-pc) stores or processes personal data but is in null. Use servers and devices located in Japan (JP) and set country to JP.",
		"message_ja": "個人情報を保存・処理する場所「区イントラネットパソコン」（id: ward-pc）の所在国が null です。サーバや端末が日本国内（JP）にある環境を使い、country を JP にしてください。",
		"pointer": "/data_locations/0/country",
		"rule_id": "domestic-location-abroad",
		"severity": "error",
		"title": "個人情報を扱う場所が国外にある",
	}}
}
