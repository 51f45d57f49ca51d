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

test_unprotected_storage if {
	violations := encryption.deny with input as fixture.patched([{"op": "replace", "path": "/data_locations/2/password_protected", "value": false}])
	violations == {{
		"checklist_ids": [
			"EC-P-SY-07",
			"EC-W-SY-07",
			"OS-P-SY-07",
			"OS-W-SY-07",
		],
		"message_en": "Location \"委託先PC\" (id: contractor-pc) stores personal data with neither encryption at rest (encrypted_at_rest) nor password-protected files (password_protected). Apply at least one and set it to true.",
		"message_ja": "個人情報を保存する場所「委託先PC」（id: contractor-pc）は、保存時の暗号化（encrypted_at_rest）もファイルのパスワード保護（password_protected）もしていません。少なくとも一方を行い、true にしてください。",
		"pointer": "/data_locations/2/encrypted_at_rest",
		"rule_id": "encryption-storage-unprotected",
		"severity": "error",
		"title": "保存する個人情報が暗号化もパスワード保護もされていない",
	}}
}

test_unprotected_location_that_stores_nothing_passes if {
	encryption.deny == set() with input as fixture.patched([
		{"op": "replace", "path": "/data_locations/2/password_protected", "value": false},
		{"op": "replace", "path": "/data_locations/2/stores_personal_data", "value": false},
	])
}
