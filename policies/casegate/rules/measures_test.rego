package casegate.rules.measures_test

import data.casegate.rules.measures
import data.casegate.test.fixture

set_measure(side, path, value) := fixture.patched([{"op": "replace", "path": concat("/", ["", "system_measures", side, path]), "value": value}])

test_complete_measures_pass if {
	measures.deny == set() with input as fixture.base_input
}

# The bypass: nothing about accounts and logs could contradict the 「○」. Now it can.
test_shared_accounts if {
	violations := measures.deny with input as set_measure("partner", "accounts/shared_accounts", true)
	violations == {{
		"checklist_ids": ["EC-P-SY-06"],
		"message_en": "In the system measures of the partner, shared accounts are used (system_measures.partner.accounts.shared_accounts). Checklist item(s) EC-P-SY-06 require this measure; put it in place and correct the value.",
		"message_ja": "結合の相手方のシステム上の対策で、共有アカウントがある（system_measures.partner.accounts.shared_accounts）。チェックリストの EC-P-SY-06 はこの対策を求めています。対策を講じて値を直してください。",
		"pointer": "/system_measures/partner/accounts/shared_accounts",
		"rule_id": "measure-missing",
		"severity": "error",
		"title": "システム上の対策の事実が対策になっていない",
	}}
}

test_the_wards_measures_back_both_sections if {
	violations := measures.deny with input as set_measure("ward", "logs/access_logs_kept", false)
	[[v.pointer, v.checklist_ids] | some v in violations] == [["/system_measures/ward/logs/access_logs_kept", ["EC-W-SY-08", "OS-W-SY-08"]]]
}

test_each_known_gap_is_its_own_finding if {
	checks := [
		["network/named_endpoints_only", "SY-01"], ["network/public_share_links_disabled", "SY-01"],
		["network/ip_restriction", "SY-02"], ["perimeter/firewall", "SY-04"],
		["perimeter/intrusion_detection", "SY-04"], ["malware/protection", "SY-05"],
		["malware/definitions_updated", "SY-05"], ["accounts/individual_ids", "SY-06"],
		["backup/taken", "SY-09"], ["physical/entry_control", "SY-10"],
	]
	every check in checks {
		violations := measures.deny with input as set_measure("contractor", check[0], false)
		[v.checklist_ids | some v in violations] == [[concat("", ["OS-P-", check[1]])]]
	}
}

test_logs_kept_too_briefly if {
	violations := measures.deny with input as set_measure("contractor", "logs/retention_days", 90)
	[v.message_ja | some v in violations] == ["委託先のシステム上の対策で、アクセスログの保存期間が 90 日で、365 日に満たない（system_measures.contractor.logs.retention_days）。チェックリストの OS-P-SY-08 はこの対策を求めています。対策を講じて値を直してください。"]
}

test_logs_never_reviewed if {
	violations := measures.deny with input as set_measure("contractor", "logs/review", "しない")
	[v.pointer | some v in violations] == ["/system_measures/contractor/logs/review"]
}

test_patches_too_slow if {
	violations := measures.deny with input as set_measure("ward", "perimeter/patch_within_days", 90)
	[v.pointer | some v in violations] == ["/system_measures/ward/perimeter/patch_within_days"]
}

# The partner (Box) is reached over the internet by the contractor: MFA is needed there.
test_mfa_needed_outside_the_lgwan if {
	violations := measures.deny with input as set_measure("partner", "accounts/mfa_outside_lgwan", false)
	[v.pointer | some v in violations] == ["/system_measures/partner/accounts/mfa_outside_lgwan"]
}

# The ward's PC is reached over the LGWAN only: no MFA finding there.
test_no_mfa_needed_inside_the_lgwan if {
	measures.deny == set() with input as set_measure("ward", "accounts/mfa_outside_lgwan", false)
}

test_backup_location_must_be_a_backup_place if {
	violations := measures.deny with input as set_measure("ward", "backup/location_ids", ["box", "nas"])
	{v.pointer | some v in violations} == {"/system_measures/ward/backup/location_ids"}
	count(violations) == 2
}

test_unknown_measures_are_left_to_the_unknown_rule if {
	measures.deny == set() with input as set_measure("partner", "accounts", {"individual_ids": "不明", "shared_accounts": "不明", "mfa_outside_lgwan": "不明", "password_rules": "不明"})
}

test_missing_side if {
	violations := measures.deny with input as fixture.patched([{"op": "remove", "path": "/system_measures/contractor"}])
	[[v.rule_id, v.pointer, v.checklist_ids] | some v in violations] == [[
		"measures-side-missing", "/system_measures/contractor",
		["OS-P-SY-01", "OS-P-SY-02", "OS-P-SY-04", "OS-P-SY-05", "OS-P-SY-06", "OS-P-SY-08", "OS-P-SY-09", "OS-P-SY-10"],
	]]
}

test_partner_measures_not_needed_without_a_connection if {
	measures.deny == set() with input as fixture.patched([
		{"op": "remove", "path": "/external_connection"},
		{"op": "remove", "path": "/system_measures/partner"},
	])
}
