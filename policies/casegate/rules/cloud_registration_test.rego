package casegate.rules.cloud_registration_test

import data.casegate.rules.cloud_registration
import data.casegate.test.fixture

period(start, end, continues) := {
	"op": "replace",
	"path": "/external_connection/period",
	"value": {"start": start, "end": end, "continues_next_year": continues},
}

certified(names) := {"op": "replace", "path": "/external_connection/partner/certifications", "value": names}

expected_denial := {{
	"checklist_ids": ["EC-P-OP-01", "EC-W-OP-01"],
	"message_en": "An external connection contract starting on or after 2027-07-01 needs the cloud service of \"株式会社 Box Japan\" to be registered in ISMAP, ISMAP-LIU. Choose a registered service, or list the registration in partner.certifications.",
	"message_ja": "2027-07-01 以降に始まる外部結合の契約では、相手方「株式会社 Box Japan」のクラウドサービスが ISMAP、ISMAP-LIU に登録されている必要があります。登録されているサービスを選ぶか、登録を partner.certifications に書いてください。",
	"pointer": "/external_connection/partner/certifications",
	"rule_id": "cloud-registration-missing",
	"severity": "error",
	"title": "クラウドサービスが ISMAP に登録されていない（施行日以降の契約）",
}}

expected_warning := {{
	"checklist_ids": ["EC-P-OP-01", "EC-W-OP-01"],
	"message_en": "From 2027-07-01, external connection contracts (renewals included) need the cloud service of \"株式会社 Box Japan\" to be registered in ISMAP, ISMAP-LIU. Check its registration now.",
	"message_ja": "2027-07-01 以降に始まる外部結合の契約（更新を含む）では、相手方「株式会社 Box Japan」のクラウドサービスが ISMAP、ISMAP-LIU に登録されている必要があります。今のうちに登録の有無を確かめてください。",
	"pointer": "/external_connection/partner/certifications",
	"rule_id": "cloud-registration-upcoming",
	"severity": "warning",
	"title": "施行日以降、クラウドサービスの ISMAP 登録が必要になる",
}}

test_existing_contracts_are_grandfathered if {
	cloud_registration.deny == set() with input as fixture.patched_on("2027-08-01", [])
	cloud_registration.warn == set() with input as fixture.patched_on("2027-08-01", [])
}

test_a_contract_starting_after_the_date_is_denied_once_in_force if {
	violations := cloud_registration.deny with input as fixture.patched_on("2027-07-01", [period("2027-08-01", "2028-03-31", false)])
	violations == expected_denial
}

test_before_the_date_it_is_a_warning if {
	input_case := fixture.patched_on("2027-06-30", [period("2027-08-01", "2028-03-31", false)])
	cloud_registration.deny == set() with input as input_case
	warnings := cloud_registration.warn with input as input_case
	warnings == expected_warning
}

test_a_renewal_after_the_date_is_warned if {
	warnings := cloud_registration.warn with input as fixture.patched_on("2027-01-01", [period("2026-10-01", "2027-09-30", true)])
	count(warnings) == 1
}

test_a_renewal_before_the_date_is_not_warned if {
	cloud_registration.warn == set() with input as fixture.patched_on("2027-01-01", [period("2026-05-01", "2027-03-31", true)])
}

test_a_registered_service_passes if {
	cloud_registration.deny == set() with input as fixture.patched_on("2027-07-01", [
		period("2027-08-01", "2028-03-31", false),
		certified(["ISMS", " ISMAP-LIU "]),
	])
}

test_outsourcing_only_cases_are_not_concerned if {
	cloud_registration.deny == set() with input as fixture.patched_on("2027-07-01", [
		period("2027-08-01", "2028-03-31", false),
		{"op": "remove", "path": "/external_connection"},
	])
}
