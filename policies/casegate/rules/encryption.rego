# METADATA
# description: |
#   Personal data is encrypted in transit (checklist item xx-x-SY-03: 通信内容は暗号化し) with
#   a current TLS where TLS is used, and protected where it is kept (xx-x-SY-07: ファイルに
#   パスワードを付すなど、情報へのアクセス制御を徹底する).
package casegate.rules.encryption

import data.casegate.lib.facts
import data.casegate.lib.result
import data.casegate.settings

encrypted_methods := {"TLS", "SSH", "IPsec"}

# Indexes of transfers that cross a network in clear. Anything but a known method counts,
# so that a misspelt or missing encryption is not taken for an encrypted one.
unencrypted_transfers contains index if {
	some index, transfer in facts.case.transfers
	not facts.field(transfer, "encryption") in encrypted_methods
}

# Indexes of TLS transfers below the minimum TLS version (or with no readable version).
outdated_tls_transfers contains index if {
	some index, transfer in facts.case.transfers
	transfer.encryption == "TLS"
	not version_at_least(facts.field(transfer, "tls_version"), settings.min_tls_version)
}

# Indexes of locations keeping personal data with neither encryption nor passwords.
unprotected_locations contains index if {
	some index in facts.storing_locations
	location := facts.case.data_locations[index]
	not location.encrypted_at_rest == true
	not location.password_protected == true
}

# Versions compare as numbers, part by part: as strings "1.10" would sort before "1.2".
version_at_least(version, minimum) if version_numbers(version) >= version_numbers(minimum)

# version_numbers is "1.2" as [1, 2]; undefined unless the text is dot-separated digits,
# so that to_number is never asked to read something that is not a number.
version_numbers(version) := [to_number(part) | some part in split(version, ".")] if {
	is_string(version)
	regex.match(`^[0-9]+(\.[0-9]+)*$`, version)
}

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
# title: 保存する個人情報が暗号化もパスワード保護もされていない
# description: Personal data at rest is encrypted or kept in password-protected files.
# custom:
#   rule_id: encryption-storage-unprotected
#   checklist_ids: [EC-P-SY-07, EC-W-SY-07, OS-P-SY-07, OS-W-SY-07]
#   severity: error
#   message_ja: "個人情報を保存する場所「%[1]s」（id: %[2]s）は、保存時の暗号化（encrypted_at_rest）も\
#     ファイルのパスワード保護（password_protected）もしていません。少なくとも一方を行い、true にしてください。"
#   message_en: "Location \"%[1]s\" (id: %[2]s) stores personal data with neither encryption at rest \
#     (encrypted_at_rest) nor password-protected files (password_protected). Apply at least one and set it to true."
deny contains violation if {
	some index in unprotected_locations
	location := facts.case.data_locations[index]
	violation := result.finding(
		rego.metadata.rule(),
		["data_locations", index, "encrypted_at_rest"],
		[facts.shown(location, "name"), facts.shown(location, "id")],
	)
}
