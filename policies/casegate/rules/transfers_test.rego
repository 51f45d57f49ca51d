package casegate.rules.transfers_test

import data.casegate.rules.transfers
import data.casegate.test.fixture

transcription_ai := {"from": "box", "to": "transcription-ai-us", "network": "インターネット", "encryption": "TLS", "tls_version": "1.3"}

all_sections_ids := [
	"EC-P-SY-01",
	"EC-P-SY-11",
	"EC-W-SY-01",
	"EC-W-SY-11",
	"OS-P-SY-01",
	"OS-P-SY-11",
	"OS-W-SY-01",
	"OS-W-SY-11",
]

test_transfers_between_declared_locations_pass if {
	transfers.deny == set() with input as fixture.base_input
}

# The reviewer's reproduction: personal data sent to a place the case never declares.
test_transfer_to_an_undeclared_location if {
	violations := transfers.deny with input as fixture.patched([{"op": "add", "path": "/transfers/-", "value": transcription_ai}])
	violations == {{
		"checklist_ids": all_sections_ids,
		"message_en": "The destination (to) \"transcription-ai-us\" of the transfer \"クラウドストレージ（Box） → transcription-ai-us\" is not a place listed in data_locations. Without it nobody can confirm that the data stays under Japanese law and goes to the designated party only. Add the place to data_locations, or set to to one of the data_locations ids (box, box-backup, contractor-pc, ward-pc).",
		"message_ja": "通信「クラウドストレージ（Box） → transcription-ai-us」の送り先（to）「transcription-ai-us」が、個人情報を保存・処理する場所（data_locations）にありません。どこに送るのか分からないと、国内の法が適用される環境か、特定の相手だけとの通信かを確かめられません。その場所を data_locations に書き加えるか、to を data_locations の id（box、box-backup、contractor-pc、ward-pc）のどれかに直してください。",
		"pointer": "/transfers/2/to",
		"rule_id": "transfer-endpoint-unknown",
		"severity": "error",
		"title": "通信の送り元・送り先が個人情報の場所に書かれていない",
	}}
}

# Both ends are checked, each its own finding; an outsourcing-only case cites only OS items.
test_unknown_source_and_destination_in_an_outsourcing_only_case if {
	violations := transfers.deny with input as fixture.patched([
		{"op": "remove", "path": "/external_connection"},
		{"op": "replace", "path": "/transfers/1/from", "value": "Box"},
		{"op": "replace", "path": "/transfers/1/to", "value": "nas"},
	])
	{[v.pointer, v.checklist_ids] | some v in violations} == {
		["/transfers/1/from", ["OS-P-SY-01", "OS-P-SY-11", "OS-W-SY-01", "OS-W-SY-11"]],
		["/transfers/1/to", ["OS-P-SY-01", "OS-P-SY-11", "OS-W-SY-01", "OS-W-SY-11"]],
	}
	some source in violations
	source.pointer == "/transfers/1/from"
	source.message_ja == "通信「Box → nas」の送り元（from）「Box」が、個人情報を保存・処理する場所（data_locations）にありません。どこに送るのか分からないと、国内の法が適用される環境か、特定の相手だけとの通信かを確かめられません。その場所を data_locations に書き加えるか、from を data_locations の id（box、box-backup、contractor-pc、ward-pc）のどれかに直してください。"
	source.message_en == "The source (from) \"Box\" of the transfer \"Box → nas\" is not a place listed in data_locations. Without it nobody can confirm that the data stays under Japanese law and goes to the designated party only. Add the place to data_locations, or set from to one of the data_locations ids (box, box-backup, contractor-pc, ward-pc)."
}

# A missing end is no declared place either (the schema requires it; the policy must not
# pass a case that slipped past the schema).
test_missing_end_is_unknown if {
	violations := transfers.deny with input as fixture.patched([{"op": "remove", "path": "/transfers/0/to"}])
	[v.pointer | some v in violations] == ["/transfers/0/to"]
	some violation in violations
	contains(violation.message_en, "The destination (to) \"null\" of the transfer \"区イントラネットパソコン → null\"")
}

test_no_declared_locations_says_so if {
	violations := transfers.deny with input as fixture.patched([{"op": "replace", "path": "/data_locations", "value": []}])
	endpoint_findings := {v | some v in violations; v.rule_id == "transfer-endpoint-unknown"}
	count(endpoint_findings) == 4
	{v.rule_id | some v in violations} == {"transfer-endpoint-unknown", "connection-partner-location-missing", "contractor-location-missing"}
	every violation in endpoint_findings {
		endswith(violation.message_ja, "の id（なし）のどれかに直してください。")
		endswith(violation.message_en, "one of the data_locations ids (none).")
	}
}

# Only string ids are ids: a location with a number for its id declares nothing.
test_location_without_a_string_id_declares_nothing if {
	violations := transfers.deny with input as fixture.patched([
		{"op": "replace", "path": "/data_locations/2/id", "value": 3},
		{"op": "add", "path": "/data_locations/-", "value": "委託先PC"},
	])
	[v.pointer | some v in violations] == ["/transfers/1/to"]
}

# Transfers that are not a list are none, which an external connection cannot have.
test_transfers_that_are_not_a_list_are_none if {
	violations := transfers.deny with input as fixture.patched([{"op": "replace", "path": "/transfers", "value": {"0": transcription_ai}}])
	{[v.rule_id, v.pointer, v.checklist_ids] | some v in violations} == {["connection-transfer-missing", "/transfers", ["EC-P-SY-01", "EC-P-SY-03", "EC-W-SY-01", "EC-W-SY-03"]]}
}

# The bypass: an external connection with `transfers: []`.
test_external_connection_without_transfers if {
	violations := transfers.deny with input as fixture.patched([{"op": "replace", "path": "/transfers", "value": []}])
	[v.rule_id | some v in violations] == ["connection-transfer-missing"]
	some v in violations
	v.message_ja == "外部結合がありますが、個人情報の通信（transfers）が1件もありません。区の端末から結合の相手方までの経路（送り元、送り先、回線、暗号化）を transfers に書いてください。"
}

test_outsourcing_only_needs_no_transfer if {
	transfers.deny == set() with input as fixture.patched([
		{"op": "remove", "path": "/external_connection"},
		{"op": "replace", "path": "/transfers", "value": []},
	])
}

test_external_connection_without_a_partner_location if {
	violations := transfers.deny with input as fixture.patched([{"op": "replace", "path": "/data_locations/1/role", "value": "other_processor"}])
	{[v.rule_id, v.pointer, v.checklist_ids] | some v in violations} == {["connection-partner-location-missing", "/data_locations", ["EC-P-SY-07", "EC-P-SY-11", "EC-W-SY-07", "EC-W-SY-11"]]}
}

# The decoy: a partner place no transfer reaches, while the real service is labelled the ward's.
test_partner_place_no_transfer_reaches if {
	violations := transfers.deny with input as fixture.patched([
		{"op": "replace", "path": "/data_locations/1/role", "value": "ward"},
		{"op": "add", "path": "/data_locations/-", "value": fixture.location("decoy", "相手方", {"role": "partner"})},
	])
	[v.rule_id | some v in violations] == ["connection-partner-location-missing"]
}

test_decided_contractor_without_a_contractor_location if {
	violations := transfers.deny with input as fixture.patched([{"op": "replace", "path": "/data_locations/2/role", "value": "other_processor"}])
	[[v.rule_id, v.message_en] | some v in violations] == [["contractor-location-missing", "The contractor \"株式会社テスト反訳\" is decided, but no data location has role \"contractor\". Add the contractor's devices and servers to data_locations."]]
}

test_duplicate_location_id if {
	violations := transfers.deny with input as fixture.patched([{"op": "add", "path": "/data_locations/-", "value": fixture.location(
		"box",
		"文字起こしAI（米国）",
		{"country": "US", "governing_law": "US"},
	)}])
	violations == {{
		"checklist_ids": all_sections_ids,
		"message_en": "Location \"文字起こしAI（米国）\" has the id \"box\", which location 2 (\"クラウドストレージ（Box）\") already has. A transfer naming it could mean either place. Give each location its own id and update from and to in transfers.",
		"message_ja": "個人情報を保存・処理する場所「文字起こしAI（米国）」の id「box」は、2 番目の場所「クラウドストレージ（Box）」と同じです。id が重なると、通信（transfers）がどちらの場所を指すのか分かりません。場所ごとに違う id を付け、transfers の from と to もそれに合わせて直してください。",
		"pointer": "/data_locations/4/id",
		"rule_id": "data-location-id-duplicate",
		"severity": "error",
		"title": "個人情報の場所の id が重なっている",
	}}
}

# Every later entry is reported, each against the first that has the id.
test_three_locations_with_one_id if {
	violations := transfers.deny with input as fixture.patched([
		{"op": "replace", "path": "/data_locations/1/id", "value": "ward-pc"},
		{"op": "replace", "path": "/data_locations/2/id", "value": "ward-pc"},
		{"op": "replace", "path": "/transfers", "value": []},
	])
	{[v.pointer, v.message_en] | some v in violations; v.rule_id == "data-location-id-duplicate"} == {
		["/data_locations/1/id", "Location \"クラウドストレージ（Box）\" has the id \"ward-pc\", which location 1 (\"区イントラネットパソコン\") already has. A transfer naming it could mean either place. Give each location its own id and update from and to in transfers."],
		["/data_locations/2/id", "Location \"委託先PC\" has the id \"ward-pc\", which location 1 (\"区イントラネットパソコン\") already has. A transfer naming it could mean either place. Give each location its own id and update from and to in transfers."],
	}
}
