# METADATA
# description: |
#   The one base case every test starts from: the seed proposal (テープ反訳) made compact,
#   with the contractor decided so that it passes with no violation and no warning on
#   as_of. Tests change it with json.patch (patched) rather than writing cases out again.
#   The file name ends in _test.rego so that the CLI leaves it out of the policy bundle.
package casegate.test.fixture

as_of := "2026-06-01"

catalogue := data.casegate.catalogue.items

# Every item answered 「○」 except OS-W-OP-08 (carrying personal data by hand in a locked
# bag), which the seed answers 「－」 because only electronic data is handled.
answers(section) := {id: {"answer": "○"} |
	some id, item in catalogue
	item.section == section
}

period := {"start": "2026-05-01", "end": "2027-03-31", "continues_next_year": true}

deletion := {}

clauses(section) := [{"kind": kind} |
	some kind, info in data.casegate.clauses.kinds
	section in info.sections
]

measures := {
	"network": {"named_endpoints_only": true, "ip_restriction": true, "public_share_links_disabled": true},
	"perimeter": {"firewall": true, "intrusion_detection": true, "patch_within_days": 14},
	"malware": {"protection": true, "definitions_updated": true},
	"accounts": {"individual_ids": true, "shared_accounts": false, "mfa_outside_lgwan": true, "password_rules": "12文字以上"},
	"logs": {"access_logs_kept": true, "retention_days": 365, "review": "毎月"},
	"backup": {"taken": true, "location_ids": ["box-backup"]},
	"physical": {"entry_control": true},
}

registered_operations := ["総合計画及び実行計画の策定"]

location(id, name, overrides) := object.union(
	{
		"id": id, "name": name, "role": "ward", "description": "音声データを保存する",
		"operator": "新宿区", "country": "JP", "governing_law": "JP",
		"stores_personal_data": true, "processes_personal_data": true,
		"encrypted_at_rest": false, "password_protected": true, "access_control": true,
	},
	overrides,
)

base_case := {
	"schema_version": "2.0",
	"case_id": "test-base-case",
	"title": "テープ反訳業務の外部結合等について",
	"submitted_on": "2026-04-20",
	"legal_basis": "第3条第1項第3号（外部結合、業務委託）",
	"department": {"division": "総合政策部", "section": "企画政策課"},
	"business": {
		"name": "テープ反訳業務", "section": "企画政策課", "purpose": "会議録の作成",
		"target_persons": "地域説明会で発言する区民等", "description": "会議録の作成を委託する",
		"target_count": {"approximate": 200},
	},
	"personal_data": {"items": ["発言情報（音声データ）"], "special_care_required": false, "my_number": false},
	"data_locations": [
		location("ward-pc", "区イントラネットパソコン", {}),
		location("box", "クラウドストレージ（Box）", {
			"role": "partner", "operator": "株式会社 Box Japan", "processes_personal_data": false,
			"encrypted_at_rest": true, "key_management": "サービス標準", "password_protected": false,
			"parent_company_country": "JP", "data_residency_commitment": true,
		}),
		location("contractor-pc", "委託先PC", {
			"role": "contractor", "operator": "株式会社テスト反訳", "encrypted_at_rest": true,
			"key_management": "運用者が管理", "parent_company_country": "JP", "data_residency_commitment": true,
		}),
		location("box-backup", "Box の複製", {
			"role": "backup", "operator": "株式会社 Box Japan", "encrypted_at_rest": true,
			"key_management": "サービス標準", "password_protected": false, "replica_of": "box",
			"parent_company_country": "JP", "data_residency_commitment": true,
		}),
	],
	"system_measures": {"ward": measures, "partner": measures, "contractor": measures},
	"transfers": [
		{"from": "ward-pc", "to": "box", "network": "LGWAN", "encryption": "TLS", "tls_version": "1.2"},
		{"from": "box", "to": "contractor-pc", "network": "インターネット", "encryption": "TLS", "tls_version": "1.2"},
	],
	"external_connection": {
		"holding_section": "企画政策課", "registered_operations": registered_operations,
		"information_items": "発言情報", "reason": "安全かつ効率的に共有するため", "form": "LGWAN 経由",
		"partner": {"name": "株式会社 Box Japan", "certifications": ["ISMS", "ISO/IEC 27001"]},
		"period": period, "contract_clauses": clauses("external_connection"),
		"deletion": deletion, "checklist": answers("external_connection"),
	},
	"outsourcing": {
		"holding_section": "企画政策課", "registered_operations": registered_operations,
		"contractor": {"status": "決定", "name": "株式会社テスト反訳"},
		"information_items": "発言情報", "reason": "業務の効率化", "work": "会議録を作成する",
		"media": {"types": ["電磁的媒体"]},
		"period": period,
		"contract_clauses": [clause |
			some clause in clauses("outsourcing")
			not clause.kind in data.casegate.clauses.when_subcontracting_possible
		],
		"subcontracting": {"allowed": false},
		"media_handling": {
			"removable_media_used": false, "data_encrypted_with_password": true,
			"password_delivered_separately": true, "locked_bag_for_hand_delivery": true,
			"locked_storage": true,
		},
		"ledger": {"kept": true, "records": ["日時", "取扱者", "情報の内容", "数量"]},
		"deletion": deletion,
		"checklist": object.union(answers("outsourcing"), {"OS-W-OP-08": {"answer": "－", "reason": "電子データのみの取扱いのため"}}),
	},
}

base_input := {"as_of": as_of, "case": base_case}

# patched is the base input with RFC 6902 operations applied to its case.
patched(operations) := {"as_of": as_of, "case": json.patch(base_case, operations)}

# patched_on is patched, judged on another date.
patched_on(date, operations) := {"as_of": date, "case": json.patch(base_case, operations)}
