package casegate.rules.partner_test

import data.casegate.rules.partner
import data.casegate.test.fixture

test_certified_partner_passes if {
	partner.deny == set() with input as fixture.base_input
}

test_partner_without_certification if {
	violations := partner.deny with input as fixture.patched([{"op": "replace", "path": "/external_connection/partner/certifications", "value": []}])
	violations == {{
		"checklist_ids": [
			"EC-P-OP-01",
			"EC-W-OP-01",
		],
		"message_en": "The external connection partner \"株式会社 Box Japan\" holds no recognised certification (holds: none; recognised: ISMS, ISO/IEC 27001, ISMAP, ISMAP-LIU). Choose a partner holding one of them, or write its certification in partner.certifications exactly as named on the certificate.",
		"message_ja": "外部結合の相手方「株式会社 Box Japan」の認証（なし）に、区が認める認証（ISMS、ISO/IEC 27001、ISMAP、ISMAP-LIU）がありません。いずれかの認証を取得している相手方を選ぶか、取得している認証を証明書のとおりの名称で partner.certifications に書いてください。",
		"pointer": "/external_connection/partner/certifications",
		"rule_id": "partner-certification-missing",
		"severity": "error",
		"title": "外部結合の相手方に区が認める認証がない",
	}}
}

# Matching is exact after trimming: "ISO27001" is not "ISO/IEC 27001", nor "isms" "ISMS".
test_partner_with_unrecognised_names if {
	violations := partner.deny with input as fixture.patched([{"op": "replace", "path": "/external_connection/partner/certifications", "value": ["ISO27001", "isms", "プライバシーマーク"]}])
	violations == {{
		"checklist_ids": [
			"EC-P-OP-01",
			"EC-W-OP-01",
		],
		"message_en": "The external connection partner \"株式会社 Box Japan\" holds no recognised certification (holds: ISO27001, isms, プライバシーマーク; recognised: ISMS, ISO/IEC 27001, ISMAP, ISMAP-LIU). Choose a partner holding one of them, or write its certification in partner.certifications exactly as named on the certificate.",
		"message_ja": "外部結合の相手方「株式会社 Box Japan」の認証（ISO27001、isms、プライバシーマーク）に、区が認める認証（ISMS、ISO/IEC 27001、ISMAP、ISMAP-LIU）がありません。いずれかの認証を取得している相手方を選ぶか、取得している認証を証明書のとおりの名称で partner.certifications に書いてください。",
		"pointer": "/external_connection/partner/certifications",
		"rule_id": "partner-certification-missing",
		"severity": "error",
		"title": "外部結合の相手方に区が認める認証がない",
	}}
}

test_certification_name_is_trimmed if {
	partner.deny == set() with input as fixture.patched([{"op": "replace", "path": "/external_connection/partner/certifications", "value": ["プライバシーマーク", "　ISMAP "]}])
}

test_outsourcing_only_case_needs_no_partner_certification if {
	partner.deny == set() with input as fixture.patched([{"op": "remove", "path": "/external_connection"}])
}
