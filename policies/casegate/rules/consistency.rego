# METADATA
# description: |
#   A checklist answer 「○」 says the measure is taken. Where the case's own facts show it is
#   not, the answer is untrue, and that is a finding of its own: the concern rules say the
#   fact does not comply, these say the checklist the committee reads does not match it.
#   Each rule checks exactly the items its METADATA lists (read back with
#   rego.metadata.rule()), so the ids are written once.
package casegate.rules.consistency

import data.casegate.lib.facts
import data.casegate.lib.result
import data.casegate.rules.domestic
import data.casegate.rules.encryption
import data.casegate.rules.media
import data.casegate.rules.subcontracting
import data.casegate.settings

# The items a consistency rule covers that are answered 「○」, as paths to their answers.
# Looked up by id rather than by walking the checklists, which have 80 answers a case.
contradicted_answers(annotations, case) := {[section, "checklist", id, "answer"] |
	some id in annotations.custom.checklist_ids
	section := facts.section_of(id)
	case[section].checklist[id].answer == "○"
}

answer_params(path) := [facts.section_ja[path[0]], facts.section_en[path[0]], path[2]]

transfer_labels := [label |
	some index in sort(encryption.unencrypted_transfers | encryption.outdated_tls_transfers)
	label := facts.transfer_route(facts.case.transfers[index], facts.data_locations)
]

foreign_location_labels := [facts.shown(facts.case.data_locations[index], "name") |
	some index in sort(domestic.abroad_locations | domestic.foreign_law_locations)
]

# Locations keeping personal data without the access control SY-07 describes: access
# rights on the folder, and files encrypted or password-protected.
uncontrolled_location_labels := [facts.shown(facts.case.data_locations[index], "name") |
	some index in sort(locations_without_access_rights | encryption.unprotected_locations)
]

locations_without_access_rights contains index if {
	some index in facts.storing_locations
	not facts.case.data_locations[index].access_control == true
}

# METADATA
# title: 通信の暗号化の回答が事実と合わない
# description: SY-03 answered 「○」 while a transfer is unencrypted or uses TLS below the minimum.
# custom:
#   rule_id: consistency-encryption-contradicts-answer
#   checklist_ids: [EC-P-SY-03, EC-W-SY-03, OS-P-SY-03, OS-W-SY-03]
#   severity: error
#   message_ja: "%[1]sのチェックリストの項目 %[3]s（通信内容の暗号化）は「○」と答えていますが、\
#     暗号化されていないか TLS が %[6]s 未満の通信があります（%[4]s）。通信を暗号化してから「○」と答えてください。"
#   message_en: "Item %[3]s of the %[2]s checklist (encrypting communication) is answered \"○\", but some \
#     transfers are unencrypted or use TLS below %[6]s (%[5]s). Encrypt them before answering \"○\"."
deny contains violation if {
	count(transfer_labels) > 0
	annotations := rego.metadata.rule()
	some path in contradicted_answers(annotations, facts.case)
	violation := result.finding(
		annotations,
		path,
		array.concat(
			answer_params(path),
			[concat("、", transfer_labels), concat(", ", transfer_labels), settings.min_tls_version],
		),
	)
}

# METADATA
# title: 国内の環境の回答が事実と合わない
# description: SY-11 answered 「○」 while a personal-data location is abroad or under foreign law.
# custom:
#   rule_id: consistency-domestic-contradicts-answer
#   checklist_ids: [EC-P-SY-11, EC-W-SY-11, OS-P-SY-11, OS-W-SY-11]
#   severity: error
#   message_ja: "%[1]sのチェックリストの項目 %[3]s（日本国内の法が適用される環境）は「○」と答えていますが、\
#     国外にあるか日本の法が適用されない場所があります（%[4]s）。場所を改めてから「○」と答えてください。"
#   message_en: "Item %[3]s of the %[2]s checklist (an environment under Japanese law) is answered \"○\", \
#     but some locations are abroad or under foreign law (%[5]s). Change them before answering \"○\"."
deny contains violation if {
	count(foreign_location_labels) > 0
	annotations := rego.metadata.rule()
	some path in contradicted_answers(annotations, facts.case)
	violation := result.finding(
		annotations,
		path,
		array.concat(
			answer_params(path),
			[concat("、", foreign_location_labels), concat(", ", foreign_location_labels)],
		),
	)
}

# METADATA
# title: アクセス制御の回答が事実と合わない
# description: |
#   SY-07 answered 「○」 while a location keeping personal data has no access rights set, or
#   keeps the files neither encrypted nor password-protected.
# custom:
#   rule_id: consistency-access-control-contradicts-answer
#   checklist_ids: [EC-P-SY-07, EC-W-SY-07, OS-P-SY-07, OS-W-SY-07]
#   severity: error
#   message_ja: "%[1]sのチェックリストの項目 %[3]s（保存先のアクセス制御）は「○」と答えていますが、\
#     アクセス権の設定（access_control）か、ファイルの暗号化・パスワード保護（encrypted_at_rest、password_protected）\
#     がない保存場所があります（%[4]s）。それらを行ってから「○」と答えてください。"
#   message_en: "Item %[3]s of the %[2]s checklist (access control where data is stored) is answered \"○\", \
#     but some locations keeping personal data lack access rights (access_control) or encrypted or \
#     password-protected files (encrypted_at_rest, password_protected): %[5]s. \
#     Put these in place before answering \"○\"."
deny contains violation if {
	count(uncontrolled_location_labels) > 0
	annotations := rego.metadata.rule()
	some path in contradicted_answers(annotations, facts.case)
	violation := result.finding(
		annotations,
		path,
		array.concat(
			answer_params(path),
			[concat("、", uncontrolled_location_labels), concat(", ", uncontrolled_location_labels)],
		),
	)
}

# METADATA
# title: 管理簿の回答が事実と合わない
# description: OS-x-OP-09 answered 「○」 while no ledger is kept.
# custom:
#   rule_id: consistency-ledger-contradicts-answer
#   checklist_ids: [OS-P-OP-09, OS-W-OP-09]
#   severity: error
#   message_ja: "%[1]sのチェックリストの項目 %[3]s（管理簿への記載）は「○」と答えていますが、\
#     管理簿に記載しないことになっています（ledger.kept）。受渡しを管理簿に記載するようにしてから「○」と答えてください。"
#   message_en: "Item %[3]s of the %[2]s checklist (recording handovers in a ledger) is answered \"○\", \
#     but no ledger is kept (ledger.kept). Keep the ledger before answering \"○\"."
deny contains violation if {
	media.ledger_not_kept
	annotations := rego.metadata.rule()
	some path in contradicted_answers(annotations, facts.case)
	violation := result.finding(annotations, path, answer_params(path))
}

# METADATA
# title: 再委託先への立入り調査の回答が事実と合わない
# description: OS-x-OP-03 answered 「○」 while subcontracting is allowed without the right to inspect.
# custom:
#   rule_id: consistency-subcontracting-contradicts-answer
#   checklist_ids: [OS-P-OP-03, OS-W-OP-03]
#   severity: error
#   message_ja: "%[1]sのチェックリストの項目 %[3]s（再委託先への立入り調査等）は「○」と答えていますが、\
#     再委託を認めているのに再委託先への立入り調査等の権利がありません（subcontracting.ward_inspection_right）。\
#     契約に立入り調査等ができる内容を付してから「○」と答えてください。"
#   message_en: "Item %[3]s of the %[2]s checklist (inspecting subcontractors) is answered \"○\", but \
#     subcontracting is allowed without the right to inspect the subcontractor \
#     (subcontracting.ward_inspection_right). Add that right to the contract before answering \"○\"."
deny contains violation if {
	subcontracting.allowed_without_inspection_right
	annotations := rego.metadata.rule()
	some path in contradicted_answers(annotations, facts.case)
	violation := result.finding(annotations, path, answer_params(path))
}

# METADATA
# title: 媒体の受渡しの回答が事実と合わない
# description: OS-x-OP-07 answered 「○」 while removable media and the password notice go together.
# custom:
#   rule_id: consistency-media-contradicts-answer
#   checklist_ids: [OS-P-OP-07, OS-W-OP-07]
#   severity: error
#   message_ja: "%[1]sのチェックリストの項目 %[3]s（媒体の暗号化とパスワードの別送）は「○」と答えていますが、\
#     電磁的媒体とパスワード通知書を別の機会に受け渡すことになっていません\
#     （media_handling.password_delivered_separately）。別の機会に受け渡すようにしてから「○」と答えてください。"
#   message_en: "Item %[3]s of the %[2]s checklist (encrypted media, password sent separately) is answered \
#     \"○\", but removable media and the password notice are not handed over on separate occasions \
#     (media_handling.password_delivered_separately). Separate them before answering \"○\"."
deny contains violation if {
	media.password_not_separate
	annotations := rego.metadata.rule()
	some path in contradicted_answers(annotations, facts.case)
	violation := result.finding(annotations, path, answer_params(path))
}
