# METADATA
# description: |
#   Personal data is encrypted in transit (checklist item xx-x-SY-03: 通信内容は暗号化し) with
#   a current TLS where TLS is used, and protected where it is kept (xx-x-SY-07: ファイルに
#   パスワードを付すなど、情報へのアクセス制御を徹底する).
# custom:
#   facts:
#     - "transfers[].encryption"
#     - "transfers[].tls_version"
#     - "data_locations[].encrypted_at_rest"
#     - "data_locations[].password_protected"
#     - "data_locations[].access_control"
#     - "data_locations[].key_management"
#     - "data_locations[].role"
package casegate.rules.encryption

import data.casegate.lib.facts
import data.casegate.lib.result
import data.casegate.settings

encrypted_methods := {"TLS", "SSH", "IPsec"}

# Indexes of transfers that cross a network in clear. Anything but a known method counts,
# so that a misspelt or missing encryption is not taken for an encrypted one.
unencrypted_transfers contains index if {
	some index, transfer in facts.case.transfers

	# facts.field written out (a transfer that is not an object has no encryption): a call
	# fewer per transfer, 7 allocations.
	not object.get({true: transfer, false: {}}[is_object(transfer)], "encryption", null) in encrypted_methods
}

# Indexes of TLS transfers below the minimum TLS version (or with no readable version).
outdated_tls_transfers contains index if {
	some index, transfer in facts.case.transfers
	transfer.encryption == "TLS"

	# The transfer is an object (it has an encryption): object.get without facts.field's call.
	not version_at_least(object.get(transfer, "tls_version", null))
}

# Indexes of personal-data locations whose data at rest is not protected as SY-07 asks: a
# third party's place needs encryption at rest (a file password alone is not enough where
# someone else runs the disk), the ward's own place encryption or password-protected files.
# A value written 不明 is left to rules/unknown.rego. (A personal-data place is an object, so
# its fields are read with object.get rather than facts.field's call, and 不明 is written out
# as unknown.rego writes it: a constant costs nothing to compare with. The places are read
# once before each loop, not once per place. A third party's place (lib/facts.rego) is written
# out where a place is tested, `location.role == "ward"` or its negation: with domestic.rego's, 25 allocations a
# case. Both kinds of place are judged in one pass, the file password being enough only for
# a place with role ward: 12 allocations.)
unprotected_locations contains index if {
	locations := facts.data_locations
	some index in facts.personal_data_locations
	location := locations[index]
	object.get(location, "encrypted_at_rest", null) != "不明"
	not location.encrypted_at_rest == true
	not [object.get(location, "role", null), object.get(location, "password_protected", null)] == ["ward", true]
}

# Indexes of personal-data locations with no access rights set on where the data is kept.
uncontrolled_locations contains index if {
	locations := facts.data_locations
	some index in facts.personal_data_locations
	location := locations[index]
	object.get(location, "access_control", null) != "不明"
	not location.access_control == true
}

# Third-party places encrypting data at rest without saying who holds the key.
keyless_locations contains index if {
	locations := facts.data_locations
	some index in facts.personal_data_locations
	location := locations[index]
	not location.role == "ward" # a third party's place (lib/facts.rego)
	location.encrypted_at_rest == true
	not location.key_management
}

# Versions compare as numbers, part by part: as strings "1.10" would sort before "1.2". The
# minimum is read once, not once per transfer.
version_at_least(version) if version_numbers(version) >= minimum_tls_numbers

minimum_tls_numbers := version_numbers(settings.min_tls_version)

# version_numbers is "1.2" as [1, 2]; undefined unless the text is dot-separated digits,
# so that to_number is never asked to read something that is not a number. The usual
# versions are looked up rather than read part by part (with the minimum read once, 14
# allocations fewer a case with two TLS transfers).
version_numbers(version) := parts if {
	parts := usual_versions[version]
} else := [to_number(part) | some part in split(version, ".")] if {
	is_string(version)
	regex.match(`^[0-9]+(\.[0-9]+)*$`, version)
}

usual_versions := {"1.0": [1, 0], "1.1": [1, 1], "1.2": [1, 2], "1.3": [1, 3]}

# METADATA
# title: 通信が暗号化されていない
# description: Every transfer of personal data over a network is encrypted (TLS, SSH or IPsec).
# custom:
#   rule_id: encryption-transfer-unencrypted
#   checklist_ids: [EC-P-SY-03, EC-W-SY-03, OS-P-SY-03, OS-W-SY-03]
#   severity: error
#   message_ja: "通信「%[1]s」（回線：%[2]s）の暗号化が「%[3]s」です。\
#     通信内容は TLS、SSH、IPsec のいずれかで暗号化し、encryption にその方式を書いてください。"
#   message_en: "The transfer \"%[1]s\" (network: %[2]s) has encryption \"%[3]s\". \
#     Encrypt it with TLS, SSH or IPsec and record the method in encryption."
deny contains violation if {
	some index in unencrypted_transfers
	transfer := facts.case.transfers[index]
	violation := result.finding(
		rego.metadata.rule(),
		["transfers", index, "encryption"],
		[
			facts.transfer_route(transfer, facts.data_locations),
			facts.shown(transfer, "network"),
			facts.shown(transfer, "encryption"),
		],
	)
}

# METADATA
# title: TLS の版が古い
# description: TLS below the minimum version (settings.min_tls_version) does not protect the data in transit.
# custom:
#   rule_id: encryption-tls-version-too-old
#   checklist_ids: [EC-P-SY-03, EC-W-SY-03, OS-P-SY-03, OS-W-SY-03]
#   severity: error
#   message_ja: "通信「%[1]s」の TLS の版が「%[2]s」です。\
#     TLS %[3]s 以上を使い、tls_version をその版に直してください。"
#   message_en: "The transfer \"%[1]s\" uses TLS version \"%[2]s\". \
#     Use TLS %[3]s or later and correct tls_version."
deny contains violation if {
	some index in outdated_tls_transfers
	transfer := facts.case.transfers[index]
	violation := result.finding(
		rego.metadata.rule(),
		["transfers", index, "tls_version"],
		[
			facts.transfer_route(transfer, facts.data_locations),
			facts.shown(transfer, "tls_version"),
			settings.min_tls_version,
		],
	)
}

# METADATA
# title: 個人情報が置かれる場所の保護が足りない
# description: |
#   Personal data at rest is encrypted where a third party runs the place (a file password
#   alone is not enough there), and encrypted or in password-protected files on the ward's
#   own devices. Every place personal data reaches counts, whatever its flags say.
# custom:
#   rule_id: encryption-storage-unprotected
#   checklist_ids: [EC-P-SY-07, EC-W-SY-07, OS-P-SY-07, OS-W-SY-07]
#   severity: error
#   message_ja: "個人情報が置かれる場所「%[1]s」（id: %[2]s、役割 %[3]s）の保存時の保護が足りません。\
#     区以外が運用する場所では保存時の暗号化（encrypted_at_rest）が必要で、ファイルのパスワードだけでは足りません。\
#     区の端末では暗号化かファイルのパスワード保護（password_protected）が必要です。対策を講じて値を直してください。"
#   message_en: "Location \"%[1]s\" (id: %[2]s, role %[3]s) does not protect personal data at rest. A place run by \
#     anyone but the ward needs encryption at rest (encrypted_at_rest); a file password alone is not enough there. \
#     The ward's own devices need encryption or password-protected files (password_protected). \
#     Put it in place and correct the values."
deny contains violation if {
	some index in unprotected_locations
	location := facts.data_locations[index]
	violation := result.finding(
		rego.metadata.rule(),
		["data_locations", index, "encrypted_at_rest"],
		[facts.shown(location, "name"), facts.shown(location, "id"), facts.shown(location, "role")],
	)
}

# METADATA
# title: 個人情報が置かれる場所にアクセス権が設定されていない
# description: SY-07 asks for access rights on where personal data is kept.
# custom:
#   rule_id: access-control-missing
#   checklist_ids: [EC-P-SY-07, EC-W-SY-07, OS-P-SY-07, OS-W-SY-07]
#   severity: error
#   message_ja: "個人情報が置かれる場所「%[1]s」（id: %[2]s）にアクセス権が設定されていません（access_control）。\
#     保存先フォルダにアクセス権を設定し、true にしてください。"
#   message_en: "Location \"%[1]s\" (id: %[2]s) keeps personal data without access rights (access_control). \
#     Set access rights on where the data is kept and set it to true."
deny contains violation if {
	some index in uncontrolled_locations
	location := facts.data_locations[index]
	violation := result.finding(
		rego.metadata.rule(),
		["data_locations", index, "access_control"],
		[facts.shown(location, "name"), facts.shown(location, "id")],
	)
}

# METADATA
# title: 暗号鍵の管理者が書かれていない
# description: Encryption at a third party protects only as well as its key; who manages the key must be stated.
# custom:
#   rule_id: encryption-key-management-missing
#   checklist_ids: [EC-P-SY-07, EC-W-SY-07, OS-P-SY-07, OS-W-SY-07]
#   severity: error
#   message_ja: "場所「%[1]s」（id: %[2]s）は保存時に暗号化していますが、暗号鍵をだれが管理するか（key_management）が\
#     書かれていません。\"区が管理\"、\"運用者が管理\"、\"サービス標準\" のどれか（分からなければ \"不明\"）を書いてください。"
#   message_en: "Location \"%[1]s\" (id: %[2]s) encrypts data at rest but does not say who manages the key \
#     (key_management). Write 区が管理, 運用者が管理 or サービス標準 (or 不明 if not known yet)."
deny contains violation if {
	some index in keyless_locations
	location := facts.data_locations[index]
	violation := result.finding(
		rego.metadata.rule(),
		["data_locations", index, "key_management"],
		[facts.shown(location, "name"), facts.shown(location, "id")],
	)
}
