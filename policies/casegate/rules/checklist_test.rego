package casegate.rules.checklist_test

import data.casegate.rules.checklist
import data.casegate.test.fixture

test_complete_checklists_pass if {
	checklist.deny == set() with input as fixture.base_input
}

test_case_without_either_section if {
	violations := checklist.deny with input as fixture.patched([
		{"op": "remove", "path": "/external_connection"},
		{"op": "remove", "path": "/outsourcing"},
	])
	violations == {{
		"checklist_ids": [],
		"message_en": "The case has neither an external connection (external_connection) nor an outsourcing (outsourcing) section. Add at least one, as the proposal requires.",
		"message_ja": "案件に外部結合（external_connection）と業務委託（outsourcing）のどちらも書かれていません。付議する内容に合わせて、少なくとも一方を書いてください。",
		"pointer": "",
		"rule_id": "case-section-missing",
		"severity": "error",
		"title": "外部結合・業務委託の記載がない",
	}}
}

test_missing_answer if {
	violations := checklist.deny with input as fixture.patched([{"op": "remove", "path": "/external_connection/checklist/EC-W-OP-02"}])
	violations == {{
		"checklist_ids": ["EC-W-OP-02"],
		"message_en": "Item EC-W-OP-02 of the external connection checklist (On-site inspections as needed and prompt status reports) has no answer. Answer \"○\" if the measure is taken, or \"－\" with a reason if it is not needed.",
		"message_ja": "外部結合のチェックリストの項目 EC-W-OP-02 に回答がありません。「必要に応じて、事業者への立入り調査等を実施するとともに、結合先に対し速やかに状況報告をするよう指導する。」について、対策が可能であれば「○」、対策の必要がない場合は「－」と理由を書いてください。",
		"pointer": "/external_connection/checklist/EC-W-OP-02",
		"rule_id": "checklist-answer-missing",
		"severity": "error",
		"title": "チェックリストの回答がない",
	}}
}

# A checklist that is not an object leaves every item of its section unanswered.
test_checklist_not_an_object_reports_every_item if {
	violations := checklist.deny with input as fixture.patched([{"op": "replace", "path": "/outsourcing/checklist", "value": "別紙のとおり"}])
	count(violations) == 48
	{violation.rule_id | some violation in violations} == {"checklist-answer-missing"}
}

# 〇 (U+3007) looks like ○ (U+25CB) and is the most common wrong answer.
test_lookalike_answer_is_invalid if {
	violations := checklist.deny with input as fixture.patched([{"op": "replace", "path": "/outsourcing/checklist/OS-W-OP-01/answer", "value": "〇"}])
	violations == {{
		"checklist_ids": ["OS-W-OP-01"],
		"message_en": "Item OS-W-OP-01 of the outsourcing checklist (Attach the special provisions to the contract; have the Act, the ward's security policy and (for cloud services) the MIC guideline followed) has the answer \"〇\", which is not allowed. Use \"○\" (U+25CB WHITE CIRCLE) or \"－\" (U+FF0D FULLWIDTH HYPHEN-MINUS); look-alike characters such as 〇, ー or - are not accepted.",
		"message_ja": "業務委託のチェックリストの項目 OS-W-OP-01「契約にあたり、「特記事項」を付すとともに、個人情報保護法及び新宿区情報セキュリティポリシーを遵守するよう指導する。また、クラウドサービスを利用する場合は、総務省「クラウドサービス提供における情報セキュリティ対策ガイドライン」を準拠するよう指導する。」の回答「〇」は使えません。「○」（まる、U+25CB）か「－」（全角のハイフンマイナス、U+FF0D）のどちらかにしてください。見た目が似た別の文字（〇、ー、- など）は使えません。",
		"pointer": "/outsourcing/checklist/OS-W-OP-01/answer",
		"rule_id": "checklist-answer-invalid",
		"severity": "error",
		"title": "チェックリストの回答が「○」「－」でない",
	}}
}

test_answer_that_is_not_an_object_is_invalid if {
	violations := checklist.deny with input as fixture.patched([{"op": "replace", "path": "/external_connection/checklist/EC-P-SY-01", "value": "○"}])
	violations == {{
		"checklist_ids": ["EC-P-SY-01"],
		"message_en": "Item EC-P-SY-01 of the external connection checklist (Network allows communication with the designated party only) has the answer \"○\", which is not allowed. Use \"○\" (U+25CB WHITE CIRCLE) or \"－\" (U+FF0D FULLWIDTH HYPHEN-MINUS); look-alike characters such as 〇, ー or - are not accepted.",
		"message_ja": "外部結合のチェックリストの項目 EC-P-SY-01「接続するネットワークについては、特定相手以外との通信を不可とさせる。」の回答「○」は使えません。「○」（まる、U+25CB）か「－」（全角のハイフンマイナス、U+FF0D）のどちらかにしてください。見た目が似た別の文字（〇、ー、- など）は使えません。",
		"pointer": "/external_connection/checklist/EC-P-SY-01/answer",
		"rule_id": "checklist-answer-invalid",
		"severity": "error",
		"title": "チェックリストの回答が「○」「－」でない",
	}}
}

# An outsourcing checklist answering an external connection item has a stray id.
test_item_of_another_section_is_unknown if {
	violations := checklist.deny with input as fixture.patched([{"op": "add", "path": "/outsourcing/checklist/EC-W-OP-01", "value": {"answer": "○"}}])
	violations == {{
		"checklist_ids": [],
		"message_en": "The outsourcing checklist has an item EC-W-OP-01 that is not in the catalogue. Check the item id (e.g. OS-W-OP-01) and correct it, or remove the item.",
		"message_ja": "業務委託のチェックリストに、カタログにない項目 EC-W-OP-01 があります。項目の ID（例：OS-W-OP-01）を確かめて正しい ID に直すか、この項目を削除してください。",
		"pointer": "/outsourcing/checklist/EC-W-OP-01",
		"rule_id": "checklist-item-unknown",
		"severity": "error",
		"title": "チェックリストにない項目がある",
	}}
}

test_not_applicable_on_item_without_exception if {
	violations := checklist.deny with input as fixture.patched([{"op": "replace", "path": "/outsourcing/checklist/OS-W-OP-05", "value": {"answer": "－", "reason": "委託先が作成するため"}}])
	violations == {{
		"checklist_ids": ["OS-W-OP-05"],
		"message_en": "Item OS-W-OP-05 of the outsourcing checklist (Work flow of the whole operation, created by the ward and shared with / followed by the contractor) cannot be answered \"－\" (not needed). Take the measure and answer \"○\".",
		"message_ja": "業務委託のチェックリストの項目 OS-W-OP-05「全体の業務フローを作成し、委託先と共有する。」は「－」（対策の必要がない）にできません。この対策を講じて「○」と答えてください。",
		"pointer": "/outsourcing/checklist/OS-W-OP-05/answer",
		"rule_id": "checklist-not-applicable-not-allowed",
		"severity": "error",
		"title": "「－」にできない項目が「－」になっている",
	}}
}

# Paper records are carried by hand, so OS-W-OP-08 (locked bag) cannot be 「－」.
test_not_applicable_when_paper_is_handled if {
	violations := checklist.deny with input as fixture.patched([{"op": "add", "path": "/outsourcing/media/types/-", "value": "紙媒体"}])
	violations == {{
		"checklist_ids": ["OS-W-OP-08"],
		"message_en": "Item OS-W-OP-08 of the outsourcing checklist (Carry personal data handed over in person in a locked bag) may be answered \"－\" only when only electronic data is handled (nothing is handed over physically), which is not the case here (see outsourcing.media.types, outsourcing.media_handling.removable_media_used). Take the measure and answer \"○\", or correct the case if it does not match the facts.",
		"message_ja": "業務委託のチェックリストの項目 OS-W-OP-08「個人情報を手交する場合は、鍵付きカバン等を使用して運搬する。」を「－」にできるのは、電子データのみを取り扱う場合（紙媒体・電磁的媒体の手交がない）だけですが、この案件はそうなっていません（outsourcing.media.types, outsourcing.media_handling.removable_media_used を確かめてください）。対策を講じて「○」と答えるか、案件の記載が事実と違うなら直してください。",
		"pointer": "/outsourcing/checklist/OS-W-OP-08/answer",
		"rule_id": "checklist-not-applicable-condition-unmet",
		"severity": "error",
		"title": "「－」にできる条件に当てはまらない",
	}}
}

test_not_applicable_when_personal_data_is_stored if {
	violations := checklist.deny with input as fixture.patched([{"op": "replace", "path": "/external_connection/checklist/EC-W-SY-07", "value": {"answer": "－", "reason": "保存しないため"}}])
	violations == {{
		"checklist_ids": ["EC-W-SY-07"],
		"message_en": "Item EC-W-SY-07 of the external connection checklist (Where personal data is stored: access rights on the folder, passwords on files, strict access control) may be answered \"－\" only when personal data is not stored anywhere, which is not the case here (see data_locations, transfers). Take the measure and answer \"○\", or correct the case if it does not match the facts.",
		"message_ja": "外部結合のチェックリストの項目 EC-W-SY-07「個人情報を保存する場合は、保存先フォルダへアクセス権を設定するとともに、ファイルにパスワードを付すなど、情報へのアクセス制御を徹底する。」を「－」にできるのは、個人情報をどこにも保存しない場合だけですが、この案件はそうなっていません（data_locations, transfers を確かめてください）。対策を講じて「○」と答えるか、案件の記載が事実と違うなら直してください。",
		"pointer": "/external_connection/checklist/EC-W-SY-07/answer",
		"rule_id": "checklist-not-applicable-condition-unmet",
		"severity": "error",
		"title": "「－」にできる条件に当てはまらない",
	}}
}

test_not_applicable_when_subcontracting_is_allowed if {
	violations := checklist.deny with input as fixture.patched([
		{"op": "replace", "path": "/outsourcing/subcontracting", "value": {"allowed": true, "subcontractors": ["株式会社 反訳サービス"], "prior_approval_required": true, "ward_inspection_right": true}},
		{"op": "replace", "path": "/outsourcing/checklist/OS-P-OP-03", "value": {"answer": "－", "reason": "再委託しないため"}},
	])
	violations == {{
		"checklist_ids": ["OS-P-OP-03"],
		"message_en": "Item OS-P-OP-03 of the outsourcing checklist (Where there is a subcontractor, contract terms allowing on-site inspection of it, and inspections as needed or regularly) may be answered \"－\" only when no subcontracting is allowed, which is not the case here (see outsourcing.subcontracting.allowed). Take the measure and answer \"○\", or correct the case if it does not match the facts.",
		"message_ja": "業務委託のチェックリストの項目 OS-P-OP-03「再委託先がある場合には、委託先との間に立入り調査等ができる契約内容を付すとともに、必要に応じて又は定期的に立入り調査等を実施させる。」を「－」にできるのは、再委託を行わない場合（再委託の許可なし）だけですが、この案件はそうなっていません（outsourcing.subcontracting.allowed を確かめてください）。対策を講じて「○」と答えるか、案件の記載が事実と違うなら直してください。",
		"pointer": "/outsourcing/checklist/OS-P-OP-03/answer",
		"rule_id": "checklist-not-applicable-condition-unmet",
		"severity": "error",
		"title": "「－」にできる条件に当てはまらない",
	}}
}

test_not_applicable_when_removable_media_are_used if {
	violations := checklist.deny with input as fixture.patched([
		{"op": "replace", "path": "/outsourcing/media_handling/removable_media_used", "value": true},
		{"op": "replace", "path": "/outsourcing/checklist/OS-P-OP-07", "value": {"answer": "－", "reason": "媒体を使わないため"}},
	])
	violations == {
		{
			"checklist_ids": ["OS-P-OP-07"],
			"message_en": "Item OS-P-OP-07 of the outsourcing checklist (Encrypt data with a password; hand over media and the password notice on separate occasions, by hand, in a locked bag) may be answered \"－\" only when no removable media or password notices are handed over, which is not the case here (see outsourcing.media_handling.removable_media_used). Take the measure and answer \"○\", or correct the case if it does not match the facts.",
			"message_ja": "業務委託のチェックリストの項目 OS-P-OP-07「個人情報を含むデータを作成する必要がある場合は、パスワードを付してデータを暗号化させる。電磁的媒体（DVD-R等）とパスワード通知書の受渡しは、それぞれ別の機会を設定し、鍵付きカバン等を使用させ、手渡しで行わせる。」を「－」にできるのは、電磁的媒体（DVD-R等）やパスワード通知書の受渡しがない場合だけですが、この案件はそうなっていません（outsourcing.media_handling.removable_media_used を確かめてください）。対策を講じて「○」と答えるか、案件の記載が事実と違うなら直してください。",
			"pointer": "/outsourcing/checklist/OS-P-OP-07/answer",
			"rule_id": "checklist-not-applicable-condition-unmet",
			"severity": "error",
			"title": "「－」にできる条件に当てはまらない",
		},
		{
			"checklist_ids": ["OS-W-OP-08"],
			"message_en": "Item OS-W-OP-08 of the outsourcing checklist (Carry personal data handed over in person in a locked bag) may be answered \"－\" only when only electronic data is handled (nothing is handed over physically), which is not the case here (see outsourcing.media.types, outsourcing.media_handling.removable_media_used). Take the measure and answer \"○\", or correct the case if it does not match the facts.",
			"message_ja": "業務委託のチェックリストの項目 OS-W-OP-08「個人情報を手交する場合は、鍵付きカバン等を使用して運搬する。」を「－」にできるのは、電子データのみを取り扱う場合（紙媒体・電磁的媒体の手交がない）だけですが、この案件はそうなっていません（outsourcing.media.types, outsourcing.media_handling.removable_media_used を確かめてください）。対策を講じて「○」と答えるか、案件の記載が事実と違うなら直してください。",
			"pointer": "/outsourcing/checklist/OS-W-OP-08/answer",
			"rule_id": "checklist-not-applicable-condition-unmet",
			"severity": "error",
			"title": "「－」にできる条件に当てはまらない",
		},
	}
}

test_not_applicable_allowed_when_its_condition_holds if {
	checklist.deny == set() with input as fixture.patched([
		{"op": "replace", "path": "/outsourcing/checklist/OS-W-OP-03", "value": {"answer": "－", "reason": "再委託しないため"}},
		{"op": "replace", "path": "/outsourcing/checklist/OS-P-OP-07", "value": {"answer": "－", "reason": "媒体の受渡しがないため"}},
		{"op": "replace", "path": "/outsourcing/checklist/OS-P-OP-10", "value": {"answer": "－", "reason": "電子データのみの取扱いのため"}},
	])
}

test_not_applicable_allowed_when_nothing_is_stored if {
	checklist.deny == set() with input as fixture.patched([
		{"op": "replace", "path": "/data_locations/0/stores_personal_data", "value": false},
		{"op": "replace", "path": "/data_locations/1/stores_personal_data", "value": false},
		{"op": "replace", "path": "/data_locations/2/stores_personal_data", "value": false},
		{"op": "replace", "path": "/data_locations/0/processes_personal_data", "value": false},
		{"op": "replace", "path": "/data_locations/2/processes_personal_data", "value": false},
		{"op": "replace", "path": "/data_locations/0/role", "value": "other_processor"},
		{"op": "replace", "path": "/data_locations/1/role", "value": "other_processor"},
		{"op": "replace", "path": "/data_locations/2/role", "value": "other_processor"},
		{"op": "remove", "path": "/data_locations/3"},
		{"op": "replace", "path": "/transfers", "value": []},
		{"op": "replace", "path": "/external_connection/checklist/EC-W-SY-07", "value": {"answer": "－", "reason": "保存しないため"}},
	])
}

# The bypass: flags say nothing is stored, but a transfer still brings personal data to a place.
test_not_applicable_refused_while_a_transfer_reaches_a_place if {
	violations := checklist.deny with input as fixture.patched([
		{"op": "replace", "path": "/data_locations/0/stores_personal_data", "value": false},
		{"op": "replace", "path": "/data_locations/1/stores_personal_data", "value": false},
		{"op": "replace", "path": "/data_locations/2/stores_personal_data", "value": false},
		{"op": "replace", "path": "/data_locations/0/processes_personal_data", "value": false},
		{"op": "replace", "path": "/data_locations/2/processes_personal_data", "value": false},
		{"op": "remove", "path": "/data_locations/3"},
		{"op": "replace", "path": "/external_connection/checklist/EC-W-SY-07", "value": {"answer": "－", "reason": "保存しないため"}},
	])
	[v.rule_id | some v in violations] == ["checklist-not-applicable-condition-unmet"]
}

# A full-width space (U+3000) is whitespace too.
test_not_applicable_with_blank_reason if {
	violations := checklist.deny with input as fixture.patched([{"op": "replace", "path": "/outsourcing/checklist/OS-W-OP-08/reason", "value": "　"}])
	violations == {{
		"checklist_ids": ["OS-W-OP-08"],
		"message_en": "Item OS-W-OP-08 of the outsourcing checklist (Carry personal data handed over in person in a locked bag) is answered \"－\" without a reason (it holds only invisible characters such as U+3000). Write in reason why the measure is not needed (e.g. 電子データのみの取扱いのため).",
		"message_ja": "業務委託のチェックリストの項目 OS-W-OP-08「個人情報を手交する場合は、鍵付きカバン等を使用して運搬する。」は「－」と答えていますが、理由が書かれていません（見えない文字 U+3000 だけが書かれています）。対策の必要がない理由（例：電子データのみの取扱いのため）を reason に書いてください。",
		"pointer": "/outsourcing/checklist/OS-W-OP-08/reason",
		"rule_id": "checklist-not-applicable-reason-missing",
		"severity": "error",
		"title": "「－」の理由が書かれていない",
	}}
}

# The bypass: a reason of invisible characters only. The message names the character found.
test_not_applicable_with_invisible_reason if {
	every pair in [
		["\u200b", "U+200B"], ["\u2060\u2060", "U+2060"], ["\u3164", "U+3164"], ["\u115f", "U+115F"],
		["\u2800", "U+2800"], [" \ufeff", "U+FEFF"], ["\ufe0f", "U+FE0F"], ["\u00ad", "U+00AD"],
	] {
		violations := checklist.deny with input as fixture.patched([{"op": "replace", "path": "/outsourcing/checklist/OS-W-OP-08/reason", "value": pair[0]}])
		[v.rule_id | some v in violations] == ["checklist-not-applicable-reason-missing"]
		some v in violations
		contains(v.message_ja, sprintf("見えない文字 %s だけ", [pair[1]]))
	}
}

test_not_applicable_with_visible_reason_passes if {
	checklist.deny == set() with input as fixture.patched([{"op": "replace", "path": "/outsourcing/checklist/OS-W-OP-08/reason", "value": "\u200b電子データのみ"}])
}

test_not_applicable_without_reason if {
	violations := checklist.deny with input as fixture.patched([{"op": "remove", "path": "/outsourcing/checklist/OS-W-OP-08/reason"}])
	violations == {{
		"checklist_ids": ["OS-W-OP-08"],
		"message_en": "Item OS-W-OP-08 of the outsourcing checklist (Carry personal data handed over in person in a locked bag) is answered \"－\" without a reason. Write in reason why the measure is not needed (e.g. 電子データのみの取扱いのため).",
		"message_ja": "業務委託のチェックリストの項目 OS-W-OP-08「個人情報を手交する場合は、鍵付きカバン等を使用して運搬する。」は「－」と答えていますが、理由が書かれていません。対策の必要がない理由（例：電子データのみの取扱いのため）を reason に書いてください。",
		"pointer": "/outsourcing/checklist/OS-W-OP-08/reason",
		"rule_id": "checklist-not-applicable-reason-missing",
		"severity": "error",
		"title": "「－」の理由が書かれていない",
	}}
}

# The catalogue is data that may grow; a 「－」 condition this policy does not know never holds.
test_not_applicable_with_unknown_condition if {
	items := object.union(
		data.casegate.catalogue.items,
		{"OS-W-OP-08": {"not_applicable": {"condition": "moon_is_full", "when_ja": "満月の場合", "when_en": "at full moon"}}},
	)
	violations := checklist.deny with input as fixture.base_input with data.casegate.catalogue.items as items
	count(violations) == 1
	some violation in violations
	violation.rule_id == "checklist-not-applicable-condition-unmet"
	contains(violation.message_ja, "満月の場合だけですが")
	contains(violation.message_en, "(see moon_is_full)")
}
