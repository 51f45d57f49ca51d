# METADATA
# description: |
#   Handing over personal data: removable media (DVD-R and the like) are password-encrypted,
#   the password notice travels separately, media and paper go by hand in a locked bag and
#   are kept in locked storage (OS-x-OP-07, OS-x-OP-08, OS-x-OP-10); every handover is written
#   in a ledger with the records the
#   ward requires (OS-x-OP-09), so that the history can be traced.
# custom:
#   facts:
#     - "outsourcing.media.types"
#     - "outsourcing.media_handling"
#     - "outsourcing.ledger"
package casegate.rules.media

import data.casegate.lib.facts
import data.casegate.lib.result
import data.casegate.settings

handling := facts.case.outsourcing.media_handling

removable_media_used if handling.removable_media_used == true

# Paper is handed over and kept whatever removable_media_used says.
paper_used if "紙媒体" in facts.case.outsourcing.media.types

physical_handover if removable_media_used

physical_handover if paper_used

handed_ja contains "電磁的媒体" if removable_media_used

handed_ja contains "紙" if paper_used

handed_en contains "removable media" if removable_media_used

handed_en contains "paper" if paper_used

physical_ja := concat("・", sort(handed_ja))

physical_en := concat(" and ", sort(handed_en))

# Media handed over while the password notice goes with them (consistency uses this).
password_not_separate if {
	removable_media_used
	not handling.password_delivered_separately == true
}

ledger := facts.case.outsourcing.ledger

ledger_not_kept if {
	"outsourcing" in facts.sections
	not ledger.kept == true
}

# An absent or malformed list records nothing, so every required record is reported.
default recorded := []

recorded := ledger.records if is_array(ledger.records)

# Required records not in the ledger, in the order settings lists them. None when the ledger
# lists exactly the required records, as it usually does: one comparison rather than a
# search of the list per record (21 allocations a case).
missing_records := [] if {
	recorded == settings.required_ledger_records
} else := [record |
	some record in settings.required_ledger_records
	not record in recorded
]

# METADATA
# title: 電磁的媒体のデータがパスワードで暗号化されていない
# description: Media can be lost in transit; the data on them must be unreadable without the password.
# custom:
#   rule_id: media-not-encrypted
#   checklist_ids: [OS-P-OP-07, OS-W-OP-07]
#   severity: error
#   message_ja: "電磁的媒体（DVD-R 等）で個人情報を受け渡しますが、データをパスワードで暗号化していません\
#     （media_handling.data_encrypted_with_password が true ではありません）。\
#     データにパスワードを付して暗号化し、true にしてください。"
#   message_en: "Personal data is handed over on removable media without password encryption \
#     (media_handling.data_encrypted_with_password is not true). Encrypt the data with a password and set it to true."
deny contains violation if {
	removable_media_used
	not handling.data_encrypted_with_password == true
	violation := result.finding(
		rego.metadata.rule(),
		["outsourcing", "media_handling", "data_encrypted_with_password"],
		[],
	)
}

# METADATA
# title: 媒体とパスワード通知書を同じ機会に受け渡している
# description: A password that travels with the media protects nothing when both are lost together.
# custom:
#   rule_id: media-password-not-separate
#   checklist_ids: [OS-P-OP-07, OS-W-OP-07]
#   severity: error
#   message_ja: "電磁的媒体とパスワード通知書を別の機会に受け渡すことになっていません\
#     （media_handling.password_delivered_separately が true ではありません）。\
#     媒体とパスワード通知書はそれぞれ別の機会に受け渡し、true にしてください。"
#   message_en: "Removable media and the password notice are not handed over on separate occasions \
#     (media_handling.password_delivered_separately is not true). Hand them over separately and set it to true."
deny contains violation if {
	password_not_separate
	violation := result.finding(
		rego.metadata.rule(),
		["outsourcing", "media_handling", "password_delivered_separately"],
		[],
	)
}

# METADATA
# title: 媒体・紙の手渡しに鍵付きカバン等を使っていない
# description: |
#   Media and paper carried by hand travel in a locked bag (OS-x-OP-08). Paper counts whatever
#   removable_media_used says: the flag is about electronic media only.
# custom:
#   rule_id: media-locked-bag-missing
#   checklist_ids: [OS-P-OP-08, OS-W-OP-08]
#   severity: error
#   message_ja: "%[1]sを手渡しするのに、鍵付きカバン等を使うことになっていません\
#     （media_handling.locked_bag_for_hand_delivery が true ではありません）。\
#     鍵付きカバン等に入れて手渡しし、true にしてください。"
#   message_en: "%[2]s are carried by hand without a locked bag \
#     (media_handling.locked_bag_for_hand_delivery is not true). Carry them in a locked bag and set it to true."
deny contains violation if {
	physical_handover
	not handling.locked_bag_for_hand_delivery == true
	violation := result.finding(
		rego.metadata.rule(),
		["outsourcing", "media_handling", "locked_bag_for_hand_delivery"],
		[physical_ja, physical_en],
	)
}

# METADATA
# title: 媒体・紙を施錠できる場所に保管していない
# description: Paper and media with personal data are kept in a locked safe or cabinet (OS-x-OP-10).
# custom:
#   rule_id: media-locked-storage-missing
#   checklist_ids: [OS-P-OP-10, OS-W-OP-10]
#   severity: error
#   message_ja: "%[1]sの個人情報を施錠できる金庫・キャビネット等に保管することになっていません\
#     （media_handling.locked_storage が false）。施錠できる場所に保管し、true にしてください。"
#   message_en: "%[2]s with personal data are not kept in a locked safe or cabinet \
#     (media_handling.locked_storage is false). Keep them locked away and set it to true."
deny contains violation if {
	physical_handover
	handling.locked_storage == false
	violation := result.finding(
		rego.metadata.rule(),
		["outsourcing", "media_handling", "locked_storage"],
		[physical_ja, physical_en],
	)
}

# METADATA
# title: 受渡しを管理簿に記載していない
# description: Without a ledger the history of who handed over what cannot be traced.
# custom:
#   rule_id: ledger-not-kept
#   checklist_ids: [OS-P-OP-09, OS-W-OP-09]
#   severity: error
#   message_ja: "個人情報の受渡しを管理簿に記載することになっていません（ledger.kept が true ではありません）。\
#     受渡しを管理簿に記載して履歴を追跡できるようにし、true にしてください。"
#   message_en: "Handovers of personal data are not recorded in a ledger (ledger.kept is not true). \
#     Record every handover in the ledger so the history can be traced, and set it to true."
deny contains violation if {
	ledger_not_kept
	violation := result.finding(rego.metadata.rule(), ["outsourcing", "ledger", "kept"], [])
}

# METADATA
# title: 管理簿の記録事項が足りない
# description: The ledger records at least settings.required_ledger_records (日時、取扱者、情報の内容、数量).
# custom:
#   rule_id: ledger-records-incomplete
#   checklist_ids: [OS-P-OP-09, OS-W-OP-09]
#   severity: error
#   message_ja: "管理簿に記録する事項に %[1]s がありません。管理簿（確認記録票）には %[3]s を記録し、\
#     ledger.records に加えてください。"
#   message_en: "The ledger does not record %[2]s. Record %[4]s in the ledger (confirmation record sheet) \
#     and add them to ledger.records."
deny contains violation if {
	"outsourcing" in facts.sections
	count(missing_records) > 0
	violation := result.finding(
		rego.metadata.rule(),
		["outsourcing", "ledger", "records"],
		[
			concat("、", missing_records),
			concat(", ", missing_records),
			concat("、", settings.required_ledger_records),
			concat(", ", settings.required_ledger_records),
		],
	)
}
