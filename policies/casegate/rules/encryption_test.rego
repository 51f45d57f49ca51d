package casegate.rules.encryption_test

import data.casegate.rules.encryption
import data.casegate.test.fixture

test_encrypted_transfers_and_storage_pass if {
	encryption.deny == set() with input as fixture.base_input
}

test_unencrypted_transfer if {
	violations := encryption.deny with input as fixture.patched([
		{"op": "replace", "path": "/transfers/0/encryption", "value": "なし"},
		{"op": "remove", "path": "/transfers/0/tls_version"},
	])
	violations == {{
		"checklist_ids": [
			"EC-P-SY-03",
			"EC-W-SY-03",
			"OS-P-SY-03",
			"OS-W-SY-03",
		],
		"message_en": "The transfer \"区イントラネットパソコン → クラウドストレージ（Box）\" (network: LGWAN) has encryption \"なし\". Encrypt it with TLS, SSH or IPsec and record the method in encryption.",
		"message_ja": "通信「区イントラネットパソコン → クラウドストレージ（Box）」（回線：LGWAN）の暗号化が「なし」です。通信内容は TLS、SSH、IPsec のいずれかで暗号化し、encryption にその方式を書いてください。",
		"pointer": "/transfers/0/encryption",
		"rule_id": "encryption-transfer-unencrypted",
		"severity": "error",
		"title": "通信が暗号化されていない",
	}}
}

# A missing or unknown method is not taken for an encrypted one.
test_transfer_without_encryption_method if {
	violations := encryption.deny with input as fixture.patched([{"op": "remove", "path": "/transfers/1/encryption"}])
	violations == {{
		"checklist_ids": [
			"EC-P-SY-03",
			"EC-W-SY-03",
			"OS-P-SY-03",
			"OS-W-SY-03",
		],
		"message_en": "The transfer \"クラウドストレージ（Box） → 委託先PC\" (network: インターネット) has encryption \"null\". Encrypt it with TLS, SSH or IPsec and record the method in encryption.",
		"message_ja": "通信「クラウドストレージ（Box） → 委託先PC」（回線：インターネット）の暗号化が「null」です。通信内容は TLS、SSH、IPsec のいずれかで暗号化し、encryption にその方式を書いてください。",
		"pointer": "/transfers/1/encryption",
		"rule_id": "encryption-transfer-unencrypted",
		"severity": "error",
		"title": "通信が暗号化されていない",
	}}
}

test_tls_below_minimum if {
	violations := encryption.deny with input as fixture.patched([{"op": "replace", "path": "/transfers/1/tls_version", "value": "1.1"}])
	violations == {{
		"checklist_ids": [
			"EC-P-SY-03",
			"EC-W-SY-03",
			"OS-P-SY-03",
			"OS-W-SY-03",
		],
		"message_en": "The transfer \"クラウドストレージ（Box） → 委託先PC\" uses TLS version \"1.1\". Use TLS 1.2 or later and correct tls_version.",
		"message_ja": "通信「クラウドストレージ（Box） → 委託先PC」の TLS の版が「1.1」です。TLS 1.2 以上を使い、tls_version をその版に直してください。",
		"pointer": "/transfers/1/tls_version",
		"rule_id": "encryption-tls-version-too-old",
		"severity": "error",
		"title": "TLS の版が古い",
	}}
}

test_tls_without_version if {
	violations := encryption.deny with input as fixture.patched([{"op": "remove", "path": "/transfers/1/tls_version"}])
	violations == {{
		"checklist_ids": [
			"EC-P-SY-03",
			"EC-W-SY-03",
			"OS-P-SY-03",
			"OS-W-SY-03",
		],
		"message_en": "The transfer \"クラウドストレージ（Box） → 委託先PC\" uses TLS version \"null\". Use TLS 1.2 or later and correct tls_version.",
		"message_ja": "通信「クラウドストレージ（Box） → 委託先PC」の TLS の版が「null」です。TLS 1.2 以上を使い、tls_version をその版に直してください。",
		"pointer": "/transfers/1/tls_version",
		"rule_id": "encryption-tls-version-too-old",
		"severity": "error",
		"title": "TLS の版が古い",
	}}
}

# Versions compare as numbers: as text "1.10" would sort before "1.2".
test_tls_versions_compare_as_numbers if {
	encryption.deny == set() with input as fixture.patched([
		{"op": "replace", "path": "/transfers/0/tls_version", "value": "1.3"},
		{"op": "replace", "path": "/transfers/1/tls_version", "value": "1.10"},
	])
}

test_ssh_needs_no_tls_version if {
	encryption.deny == set() with input as fixture.patched([
		{"op": "replace", "path": "/transfers/0/encryption", "value": "SSH"},
		{"op": "remove", "path": "/transfers/0/tls_version"},
	])
}

test_unprotected_storage_on_the_wards_device if {
	violations := encryption.deny with input as fixture.patched([{"op": "replace", "path": "/data_locations/0/password_protected", "value": false}])
	violations == {{
		"checklist_ids": [
			"EC-P-SY-07",
			"EC-W-SY-07",
			"OS-P-SY-07",
			"OS-W-SY-07",
		],
		"message_en": "Location \"区イントラネットパソコン\" (id: ward-pc, role ward) does not protect personal data at rest. A place run by anyone but the ward needs encryption at rest (encrypted_at_rest); a file password alone is not enough there. The ward's own devices need encryption or password-protected files (password_protected). Put it in place and correct the values.",
		"message_ja": "個人情報が置かれる場所「区イントラネットパソコン」（id: ward-pc、役割 ward）の保存時の保護が足りません。区以外が運用する場所では保存時の暗号化（encrypted_at_rest）が必要で、ファイルのパスワードだけでは足りません。区の端末では暗号化かファイルのパスワード保護（password_protected）が必要です。対策を講じて値を直してください。",
		"pointer": "/data_locations/0/encrypted_at_rest",
		"rule_id": "encryption-storage-unprotected",
		"severity": "error",
		"title": "個人情報が置かれる場所の保護が足りない",
	}}
}

# A file password alone is not enough where a third party runs the disk.
test_password_alone_is_not_enough_at_a_third_party if {
	violations := encryption.deny with input as fixture.patched([{"op": "replace", "path": "/data_locations/2/encrypted_at_rest", "value": false}])
	[[v.rule_id, v.pointer] | some v in violations] == [["encryption-storage-unprotected", "/data_locations/2/encrypted_at_rest"]]
}

# The bypass: a transfer end flagged as keeping nothing is still judged.
test_flags_do_not_take_a_transfer_end_out if {
	violations := encryption.deny with input as fixture.patched([
		{"op": "replace", "path": "/data_locations/2/encrypted_at_rest", "value": false},
		{"op": "replace", "path": "/data_locations/2/stores_personal_data", "value": false},
		{"op": "replace", "path": "/data_locations/2/processes_personal_data", "value": false},
		{"op": "replace", "path": "/data_locations/2/access_control", "value": false},
	])
	{[v.rule_id, v.pointer] | some v in violations} == {
		["encryption-storage-unprotected", "/data_locations/2/encrypted_at_rest"],
		["access-control-missing", "/data_locations/2/access_control"],
	}
}

test_unknown_encryption_is_left_to_the_unknown_rule if {
	encryption.deny == set() with input as fixture.patched([
		{"op": "replace", "path": "/data_locations/2/encrypted_at_rest", "value": "不明"},
		{"op": "replace", "path": "/data_locations/2/access_control", "value": "不明"},
	])
}

test_missing_encryption_field_is_not_unknown if {
	violations := encryption.deny with input as fixture.patched([{"op": "remove", "path": "/data_locations/2/encrypted_at_rest"}])
	[v.rule_id | some v in violations] == ["encryption-storage-unprotected"]
}

test_key_management_missing if {
	violations := encryption.deny with input as fixture.patched([{"op": "remove", "path": "/data_locations/1/key_management"}])
	[[v.rule_id, v.pointer] | some v in violations] == [["encryption-key-management-missing", "/data_locations/1/key_management"]]
}

test_a_place_personal_data_never_reaches_passes if {
	encryption.deny == set() with input as fixture.patched([{"op": "add", "path": "/data_locations/-", "value": fixture.location("print-shop", "印刷業者", {"role": "other_processor", "stores_personal_data": false, "processes_personal_data": false, "encrypted_at_rest": false})}])
}

# The versions looked up are the ones read part by part.
test_usual_versions_read_as_written if {
	every version, parts in encryption.usual_versions {
		parts == [to_number(part) | some part in split(version, ".")]
	}
}
