package casegate.rules.media_test

import data.casegate.rules.media
import data.casegate.test.fixture

with_media(overrides) := fixture.patched([{
	"op": "replace",
	"path": "/outsourcing/media_handling",
	"value": object.union(
		{
			"removable_media_used": true, "data_encrypted_with_password": true,
			"password_delivered_separately": true, "locked_bag_for_hand_delivery": true,
		},
		overrides,
	),
}])

test_electronic_only_with_ledger_passes if {
	media.deny == set() with input as fixture.base_input
}

test_removable_media_handled_safely_pass if {
	media.deny == set() with input as with_media({})
}

# Without removable media the flags do not matter.
test_flags_ignored_without_removable_media if {
	media.deny == set() with input as with_media({
		"removable_media_used": false, "data_encrypted_with_password": false,
		"password_delivered_separately": false, "locked_bag_for_hand_delivery": false,
	})
}

test_media_not_encrypted if {
	violations := media.deny with input as with_media({"data_encrypted_with_password": false})
	violations == {{
		"checklist_ids": [
			"OS-P-OP-07",
			"OS-W-OP-07",
		],
		"message_en": "Personal data is handed over on removable media without password encryption (media_handling.data_encrypted_with_password is not true). Encrypt the data with a password and set it to true.",
		"message_ja": "電磁的媒体（DVD-R 等）で個人情報を受け渡しますが、データをパスワードで暗号化していません（media_handling.data_encrypted_with_password が true ではありません）。データにパスワードを付して暗号化し、true にしてください。",
		"pointer": "/outsourcing/media_handling/data_encrypted_with_password",
		"rule_id": "media-not-encrypted",
		"severity": "error",
		"title": "電磁的媒体のデータがパスワードで暗号化されていない",
	}}
}

test_password_handed_over_with_media if {
	violations := media.deny with input as with_media({"password_delivered_separately": false})
	violations == {{
		"checklist_ids": [
			"OS-P-OP-07",
			"OS-W-OP-07",
		],
		"message_en": "Removable media and the password notice are not handed over on separate occasions (media_handling.password_delivered_separately is not true). Hand them over separately and set it to true.",
		"message_ja": "電磁的媒体とパスワード通知書を別の機会に受け渡すことになっていません（media_handling.password_delivered_separately が true ではありません）。媒体とパスワード通知書はそれぞれ別の機会に受け渡し、true にしてください。",
		"pointer": "/outsourcing/media_handling/password_delivered_separately",
		"rule_id": "media-password-not-separate",
		"severity": "error",
		"title": "媒体とパスワード通知書を同じ機会に受け渡している",
	}}
}

test_media_carried_without_locked_bag if {
	violations := media.deny with input as with_media({"locked_bag_for_hand_delivery": false})
	violations == {{
		"checklist_ids": [
			"OS-P-OP-08",
			"OS-W-OP-08",
		],
		"message_en": "removable media are carried by hand without a locked bag (media_handling.locked_bag_for_hand_delivery is not true). Carry them in a locked bag and set it to true.",
		"message_ja": "電磁的媒体を手渡しするのに、鍵付きカバン等を使うことになっていません（media_handling.locked_bag_for_hand_delivery が true ではありません）。鍵付きカバン等に入れて手渡しし、true にしてください。",
		"pointer": "/outsourcing/media_handling/locked_bag_for_hand_delivery",
		"rule_id": "media-locked-bag-missing",
		"severity": "error",
		"title": "媒体・紙の手渡しに鍵付きカバン等を使っていない",
	}}
}

paper := {"op": "replace", "path": "/outsourcing/media/types", "value": ["電磁的媒体", "紙媒体"]}

# The bypass: paper handed over without a locked bag while removable_media_used is false.
test_paper_carried_without_locked_bag if {
	violations := media.deny with input as fixture.patched([
		paper,
		{"op": "replace", "path": "/outsourcing/media_handling/locked_bag_for_hand_delivery", "value": false},
	])
	[[v.rule_id, v.message_ja] | some v in violations] == [[
		"media-locked-bag-missing",
		"紙を手渡しするのに、鍵付きカバン等を使うことになっていません（media_handling.locked_bag_for_hand_delivery が true ではありません）。鍵付きカバン等に入れて手渡しし、true にしてください。",
	]]
}

test_paper_and_media_without_locked_storage if {
	violations := media.deny with input as with_media({"locked_storage": false}) with input.case.outsourcing.media.types as ["紙媒体"]
	[[v.rule_id, v.checklist_ids, v.message_en] | some v in violations] == [[
		"media-locked-storage-missing",
		["OS-P-OP-10", "OS-W-OP-10"],
		"paper and removable media with personal data are not kept in a locked safe or cabinet (media_handling.locked_storage is false). Keep them locked away and set it to true.",
	]]
}

test_electronic_only_needs_no_locked_storage if {
	media.deny == set() with input as fixture.patched([{"op": "replace", "path": "/outsourcing/media_handling/locked_storage", "value": false}])
}

test_ledger_not_kept if {
	violations := media.deny with input as fixture.patched([{"op": "replace", "path": "/outsourcing/ledger/kept", "value": false}])
	violations == {{
		"checklist_ids": [
			"OS-P-OP-09",
			"OS-W-OP-09",
		],
		"message_en": "Handovers of personal data are not recorded in a ledger (ledger.kept is not true). Record every handover in the ledger so the history can be traced, and set it to true.",
		"message_ja": "個人情報の受渡しを管理簿に記載することになっていません（ledger.kept が true ではありません）。受渡しを管理簿に記載して履歴を追跡できるようにし、true にしてください。",
		"pointer": "/outsourcing/ledger/kept",
		"rule_id": "ledger-not-kept",
		"severity": "error",
		"title": "受渡しを管理簿に記載していない",
	}}
}

test_ledger_records_incomplete if {
	violations := media.deny with input as fixture.patched([{"op": "replace", "path": "/outsourcing/ledger/records", "value": ["日時", "情報の内容", "返却日"]}])
	violations == {{
		"checklist_ids": [
			"OS-P-OP-09",
			"OS-W-OP-09",
		],
		"message_en": "The ledger does not record 取扱者, 数量. Record 日時, 取扱者, 情報の内容, 数量 in the ledger (confirmation record sheet) and add them to ledger.records.",
		"message_ja": "管理簿に記録する事項に 取扱者、数量 がありません。管理簿（確認記録票）には 日時、取扱者、情報の内容、数量 を記録し、ledger.records に加えてください。",
		"pointer": "/outsourcing/ledger/records",
		"rule_id": "ledger-records-incomplete",
		"severity": "error",
		"title": "管理簿の記録事項が足りない",
	}}
}

test_ledger_without_records_misses_all if {
	violations := media.deny with input as fixture.patched([{"op": "remove", "path": "/outsourcing/ledger/records"}])
	count(violations) == 1
	some violation in violations
	violation.message_en == "The ledger does not record 日時, 取扱者, 情報の内容, 数量. Record 日時, 取扱者, 情報の内容, 数量 in the ledger (confirmation record sheet) and add them to ledger.records."
}
