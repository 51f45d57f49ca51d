package casegate.rules.consistency_test

import data.casegate.rules.consistency
import data.casegate.test.fixture

# The external connection alone keeps the expected findings to the two SY items (W and P).
external_connection_only(operations) := fixture.patched(array.concat([{"op": "remove", "path": "/outsourcing"}], operations))

outsourcing_only(operations) := fixture.patched(array.concat([{"op": "remove", "path": "/external_connection"}], operations))

test_answers_matching_the_facts_pass if {
	consistency.deny == set() with input as fixture.base_input
}

test_encryption_answer_with_unencrypted_transfer if {
	violations := consistency.deny with input as external_connection_only([{"op": "replace", "path": "/transfers/0/encryption", "value": "なし"}])
	violations == {
		{
			"checklist_ids": ["EC-P-SY-03"],
			"message_en": "Item EC-P-SY-03 of the external connection checklist (encrypting communication) is answered \"○\", but some transfers are unencrypted or use TLS below 1.2 (区イントラネットパソコン → クラウドストレージ（Box）). Encrypt them before answering \"○\".",
			"message_ja": "外部結合のチェックリストの項目 EC-P-SY-03（通信内容の暗号化）は「○」と答えていますが、暗号化されていないか TLS が 1.2 未満の通信があります（区イントラネットパソコン → クラウドストレージ（Box））。通信を暗号化してから「○」と答えてください。",
			"pointer": "/external_connection/checklist/EC-P-SY-03/answer",
			"rule_id": "consistency-encryption-contradicts-answer",
			"severity": "error",
			"title": "通信の暗号化の回答が事実と合わない",
		},
		{
			"checklist_ids": ["EC-W-SY-03"],
			"message_en": "Item EC-W-SY-03 of the external connection checklist (encrypting communication) is answered \"○\", but some transfers are unencrypted or use TLS below 1.2 (区イントラネットパソコン → クラウドストレージ（Box）). Encrypt them before answering \"○\".",
			"message_ja": "外部結合のチェックリストの項目 EC-W-SY-03（通信内容の暗号化）は「○」と答えていますが、暗号化されていないか TLS が 1.2 未満の通信があります（区イントラネットパソコン → クラウドストレージ（Box））。通信を暗号化してから「○」と答えてください。",
			"pointer": "/external_connection/checklist/EC-W-SY-03/answer",
			"rule_id": "consistency-encryption-contradicts-answer",
			"severity": "error",
			"title": "通信の暗号化の回答が事実と合わない",
		},
	}
}

test_encryption_answer_with_old_tls if {
	violations := consistency.deny with input as outsourcing_only([{"op": "replace", "path": "/transfers/1/tls_version", "value": "1.0"}])
	{violation.pointer | some violation in violations} == {
		"/outsourcing/checklist/OS-P-SY-03/answer",
		"/outsourcing/checklist/OS-W-SY-03/answer",
	}
}

test_domestic_answer_with_server_abroad if {
	violations := consistency.deny with input as external_connection_only([{"op": "replace", "path": "/data_locations/1/governing_law", "value": "US"}])
	violations == {
		{
			"checklist_ids": ["EC-P-SY-11"],
			"message_en": "Item EC-P-SY-11 of the external connection checklist (an environment under Japanese law) is answered \"○\", but some locations are abroad or under foreign law (クラウドストレージ（Box）). Change them before answering \"○\".",
			"message_ja": "外部結合のチェックリストの項目 EC-P-SY-11（日本国内の法が適用される環境）は「○」と答えていますが、国外にあるか日本の法が適用されない場所があります（クラウドストレージ（Box））。場所を改めてから「○」と答えてください。",
			"pointer": "/external_connection/checklist/EC-P-SY-11/answer",
			"rule_id": "consistency-domestic-contradicts-answer",
			"severity": "error",
			"title": "国内の環境の回答が事実と合わない",
		},
		{
			"checklist_ids": ["EC-W-SY-11"],
			"message_en": "Item EC-W-SY-11 of the external connection checklist (an environment under Japanese law) is answered \"○\", but some locations are abroad or under foreign law (クラウドストレージ（Box）). Change them before answering \"○\".",
			"message_ja": "外部結合のチェックリストの項目 EC-W-SY-11（日本国内の法が適用される環境）は「○」と答えていますが、国外にあるか日本の法が適用されない場所があります（クラウドストレージ（Box））。場所を改めてから「○」と答えてください。",
			"pointer": "/external_connection/checklist/EC-W-SY-11/answer",
			"rule_id": "consistency-domestic-contradicts-answer",
			"severity": "error",
			"title": "国内の環境の回答が事実と合わない",
		},
	}
}

test_access_control_answer_without_access_rights if {
	violations := consistency.deny with input as external_connection_only([{"op": "replace", "path": "/data_locations/0/access_control", "value": false}])
	violations == {
		{
			"checklist_ids": ["EC-P-SY-07"],
			"message_en": "Item EC-P-SY-07 of the external connection checklist (access control where data is stored) is answered \"○\", but some locations keeping personal data lack access rights (access_control) or encrypted or password-protected files (encrypted_at_rest, password_protected): 区イントラネットパソコン. Put these in place before answering \"○\".",
			"message_ja": "外部結合のチェックリストの項目 EC-P-SY-07（保存先のアクセス制御）は「○」と答えていますが、アクセス権の設定（access_control）か、ファイルの暗号化・パスワード保護（encrypted_at_rest、password_protected）がない保存場所があります（区イントラネットパソコン）。それらを行ってから「○」と答えてください。",
			"pointer": "/external_connection/checklist/EC-P-SY-07/answer",
			"rule_id": "consistency-access-control-contradicts-answer",
			"severity": "error",
			"title": "アクセス制御の回答が事実と合わない",
		},
		{
			"checklist_ids": ["EC-W-SY-07"],
			"message_en": "Item EC-W-SY-07 of the external connection checklist (access control where data is stored) is answered \"○\", but some locations keeping personal data lack access rights (access_control) or encrypted or password-protected files (encrypted_at_rest, password_protected): 区イントラネットパソコン. Put these in place before answering \"○\".",
			"message_ja": "外部結合のチェックリストの項目 EC-W-SY-07（保存先のアクセス制御）は「○」と答えていますが、アクセス権の設定（access_control）か、ファイルの暗号化・パスワード保護（encrypted_at_rest、password_protected）がない保存場所があります（区イントラネットパソコン）。それらを行ってから「○」と答えてください。",
			"pointer": "/external_connection/checklist/EC-W-SY-07/answer",
			"rule_id": "consistency-access-control-contradicts-answer",
			"severity": "error",
			"title": "アクセス制御の回答が事実と合わない",
		},
	}
}

test_access_control_answer_with_unprotected_files if {
	violations := consistency.deny with input as outsourcing_only([{"op": "replace", "path": "/data_locations/0/password_protected", "value": false}])
	{violation.pointer | some violation in violations} == {
		"/outsourcing/checklist/OS-P-SY-07/answer",
		"/outsourcing/checklist/OS-W-SY-07/answer",
	}
}

test_ledger_answer_without_ledger if {
	violations := consistency.deny with input as fixture.patched([{"op": "replace", "path": "/outsourcing/ledger/kept", "value": false}])
	violations == {
		{
			"checklist_ids": ["OS-P-OP-09"],
			"message_en": "Item OS-P-OP-09 of the outsourcing checklist (recording handovers in a ledger) is answered \"○\", but no ledger is kept (ledger.kept). Keep the ledger before answering \"○\".",
			"message_ja": "業務委託のチェックリストの項目 OS-P-OP-09（管理簿への記載）は「○」と答えていますが、管理簿に記載しないことになっています（ledger.kept）。受渡しを管理簿に記載するようにしてから「○」と答えてください。",
			"pointer": "/outsourcing/checklist/OS-P-OP-09/answer",
			"rule_id": "consistency-ledger-contradicts-answer",
			"severity": "error",
			"title": "管理簿の回答が事実と合わない",
		},
		{
			"checklist_ids": ["OS-W-OP-09"],
			"message_en": "Item OS-W-OP-09 of the outsourcing checklist (recording handovers in a ledger) is answered \"○\", but no ledger is kept (ledger.kept). Keep the ledger before answering \"○\".",
			"message_ja": "業務委託のチェックリストの項目 OS-W-OP-09（管理簿への記載）は「○」と答えていますが、管理簿に記載しないことになっています（ledger.kept）。受渡しを管理簿に記載するようにしてから「○」と答えてください。",
			"pointer": "/outsourcing/checklist/OS-W-OP-09/answer",
			"rule_id": "consistency-ledger-contradicts-answer",
			"severity": "error",
			"title": "管理簿の回答が事実と合わない",
		},
	}
}

test_subcontracting_answer_without_inspection_right if {
	violations := consistency.deny with input as fixture.patched([{"op": "replace", "path": "/outsourcing/subcontracting", "value": {
		"allowed": true, "subcontractors": ["株式会社 反訳サービス"],
		"prior_approval_required": true, "ward_inspection_right": false,
	}}])
	violations == {
		{
			"checklist_ids": ["OS-P-OP-03"],
			"message_en": "Item OS-P-OP-03 of the outsourcing checklist (inspecting subcontractors) is answered \"○\", but subcontracting is allowed without the right to inspect the subcontractor (subcontracting.ward_inspection_right). Add that right to the contract before answering \"○\".",
			"message_ja": "業務委託のチェックリストの項目 OS-P-OP-03（再委託先への立入り調査等）は「○」と答えていますが、再委託を認めているのに再委託先への立入り調査等の権利がありません（subcontracting.ward_inspection_right）。契約に立入り調査等ができる内容を付してから「○」と答えてください。",
			"pointer": "/outsourcing/checklist/OS-P-OP-03/answer",
			"rule_id": "consistency-subcontracting-contradicts-answer",
			"severity": "error",
			"title": "再委託先への立入り調査の回答が事実と合わない",
		},
		{
			"checklist_ids": ["OS-W-OP-03"],
			"message_en": "Item OS-W-OP-03 of the outsourcing checklist (inspecting subcontractors) is answered \"○\", but subcontracting is allowed without the right to inspect the subcontractor (subcontracting.ward_inspection_right). Add that right to the contract before answering \"○\".",
			"message_ja": "業務委託のチェックリストの項目 OS-W-OP-03（再委託先への立入り調査等）は「○」と答えていますが、再委託を認めているのに再委託先への立入り調査等の権利がありません（subcontracting.ward_inspection_right）。契約に立入り調査等ができる内容を付してから「○」と答えてください。",
			"pointer": "/outsourcing/checklist/OS-W-OP-03/answer",
			"rule_id": "consistency-subcontracting-contradicts-answer",
			"severity": "error",
			"title": "再委託先への立入り調査の回答が事実と合わない",
		},
	}
}

# Only 「○」 answers can be untrue: OS-W-OP-07 answered 「－」 is the checklist rules' business.
test_media_answer_with_password_sent_with_media if {
	violations := consistency.deny with input as fixture.patched([
		{"op": "replace", "path": "/outsourcing/media_handling/removable_media_used", "value": true},
		{"op": "replace", "path": "/outsourcing/media_handling/password_delivered_separately", "value": false},
		{"op": "replace", "path": "/outsourcing/checklist/OS-W-OP-07", "value": {"answer": "－", "reason": "理由"}},
	])
	violations == {{
		"checklist_ids": ["OS-P-OP-07"],
		"message_en": "Item OS-P-OP-07 of the outsourcing checklist (encrypted media, password sent separately) is answered \"○\", but removable media and the password notice are not handed over on separate occasions (media_handling.password_delivered_separately). Separate them before answering \"○\".",
		"message_ja": "業務委託のチェックリストの項目 OS-P-OP-07（媒体の暗号化とパスワードの別送）は「○」と答えていますが、電磁的媒体とパスワード通知書を別の機会に受け渡すことになっていません（media_handling.password_delivered_separately）。別の機会に受け渡すようにしてから「○」と答えてください。",
		"pointer": "/outsourcing/checklist/OS-P-OP-07/answer",
		"rule_id": "consistency-media-contradicts-answer",
		"severity": "error",
		"title": "媒体の受渡しの回答が事実と合わない",
	}}
}
