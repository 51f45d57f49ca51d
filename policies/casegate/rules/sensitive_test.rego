package casegate.rules.sensitive_test

import data.casegate.rules.sensitive
import data.casegate.test.fixture

test_ordinary_personal_data_passes if {
	sensitive.warn == set() with input as fixture.base_input
}

test_special_care_required if {
	warnings := sensitive.warn with input as fixture.patched([{"op": "replace", "path": "/personal_data/special_care_required", "value": true}])
	warnings == {{
		"checklist_ids": [],
		"message_en": "The case handles special care-required personal information (race, creed, medical history, criminal record and the like). The committee needs an explicit justification: state in the proposal why it is needed and how it is obtained, kept and provided.",
		"message_ja": "要配慮個人情報（人種、信条、病歴、犯罪の経歴など）を扱います。会議は、扱う必要性と保護の方法を個別に確かめます。付議資料に、要配慮個人情報を扱う理由と、取得・保管・提供の方法を明記してください。",
		"pointer": "/personal_data/special_care_required",
		"rule_id": "sensitive-special-care",
		"severity": "warning",
		"title": "要配慮個人情報を扱う",
	}}
}

test_my_number if {
	warnings := sensitive.warn with input as fixture.patched([{"op": "replace", "path": "/personal_data/my_number", "value": true}])
	warnings == {{
		"checklist_ids": [],
		"message_en": "The case handles My Number (specific personal information). Confirm that the use is permitted by the My Number Act, whether a specific personal information protection assessment is required, and that outsourcing and subcontracting have the ward's permission; state these in the proposal.",
		"message_ja": "個人番号（マイナンバー）を含む特定個人情報を扱います。番号法で利用が認められた事務であること、特定個人情報保護評価の要否、委託・再委託に区の許諾を得ることを確かめ、付議資料に明記してください。",
		"pointer": "/personal_data/my_number",
		"rule_id": "sensitive-my-number",
		"severity": "warning",
		"title": "マイナンバーを扱う",
	}}
}
