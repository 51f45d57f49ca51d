# METADATA
# description: |
#   Servers and devices that keep or process personal data are in Japan and under Japanese
#   law (checklist item xx-x-SY-11: 日本国内の法が適用される安全性が確保された環境). Every place
#   personal data reaches counts (facts.personal_data_locations: flagged places, backups and
#   replicas, and both ends of every transfer), so no flag takes a place out of this rule.
#   A provider whose parent company is abroad is at least a warning: the committee must weigh
#   the foreign-law environment (個人情報保護法 第71条 and the 外的環境の把握 of 安全管理措置).
# custom:
#   facts:
#     - "data_locations[].country"
#     - "data_locations[].governing_law"
#     - "data_locations[].parent_company_country"
#     - "data_locations[].data_residency_commitment"
#     - "data_locations[].role"
#     - "transfers[].from/to"
package casegate.rules.domestic

import data.casegate.lib.facts
import data.casegate.lib.result
import data.casegate.settings

home := settings.domestic_country

# Indexes of personal-data locations outside the domestic country or under another law, a
# missing value counting as another. (The places are read once before the loop, not once per
# place, and both values are compared in one pass rather than a pass each: 20 allocations.)
foreign_locations contains index if {
	home_pair := [home, home]
	locations := facts.data_locations
	some index in facts.personal_data_locations
	location := locations[index]
	not [object.get(location, "country", null), object.get(location, "governing_law", null)] == home_pair
}

# Third-party places whose operator's parent company is in another country, each with its
# message parameters, written in the same pass rather than by a function called per finding
# (12 allocations a finding fewer).
foreign_parents[index] := [
	facts.shown(location, "name"),
	facts.shown(location, "operator"),
	location.parent_company_country,
	ja,
	en,
] if {
	locations := facts.data_locations
	some index in facts.personal_data_locations
	location := locations[index]
	not location.role == "ward" # a third party's place (lib/facts.rego)
	is_string(location.parent_company_country)
	location.parent_company_country != facts.unknown
	location.parent_company_country != home
	residency := object.get(residency_shown, [object.get(location, "data_residency_commitment", null)], "other")
	ja := residency_ja[residency]
	en := residency_en[residency]
}

location_params(location) := [
	facts.shown(location, "name"),
	facts.shown(location, "id"),
	facts.shown(location, "country"),
	facts.shown(location, "governing_law"),
	home,
]

# METADATA
# title: 個人情報を扱う場所が国外にあるか日本の法が適用されない
# description: |
#   One finding per place: a place abroad, or in Japan under a foreign contract or law, does
#   not satisfy SY-11, which asks for an environment where Japanese law applies.
# custom:
#   rule_id: domestic-location-foreign
#   checklist_ids: [EC-P-SY-11, EC-W-SY-11, OS-P-SY-11, OS-W-SY-11]
#   severity: error
#   message_ja: "個人情報が置かれる場所「%[1]s」（id: %[2]s）の所在国が %[3]s、適用される法が %[4]s です。\
#     サーバや端末が日本国内にあり日本の法（%[5]s）が適用される環境を使い、country と governing_law を %[5]s にしてください。"
#   message_en: "Personal data reaches location \"%[1]s\" (id: %[2]s), which is in %[3]s under the law of %[4]s. \
#     Use an environment in Japan under Japanese law (%[5]s) and set country and governing_law to %[5]s."
deny contains violation if {
	some index in foreign_locations
	location := facts.data_locations[index]
	violation := result.finding(rego.metadata.rule(), ["data_locations", index], location_params(location))
}

# The parent company's country is text (foreign_parents asks), which facts.shown would return
# as it is. The residency sentence is found by the value itself through residency_shown, which
# holds every value that facts.shown writes as a key of the tables: a boolean or null is then
# not written out as JSON only to be looked up. A value the schema does not allow (a client of
# a central OPA may skip the schema) is "other": the finding is still made, never dropped for
# want of a sentence. The value is wrapped as a one-step path: an array given as the key would
# be read as a path itself.
residency_shown := {
	true: "true", "true": "true",
	false: "false", "false": "false",
	"不明": "不明",
	null: "null", "null": "null",
}

residency_ja := {
	"true": "国内保存は契約で約束されています",
	"false": "国内保存は契約で約束されていません",
	"不明": "国内保存の約束は不明です",
	"null": "国内保存の約束は書かれていません",
	"other": "国内保存の約束の値が読めません",
}

residency_en := {
	"true": "data residency in Japan is committed in the contract",
	"false": "data residency in Japan is not committed",
	"不明": "whether data residency is committed is unknown",
	"null": "data residency is not stated",
	"other": "the data residency commitment has a value that cannot be read",
}

# METADATA
# title: 運用者の親会社が国外にある
# description: |
#   A domestic subsidiary of a foreign provider may be compelled by the parent's country's law.
#   A warning unless settings.foreign_parent_fails makes it a violation.
# custom:
#   rule_id: domestic-parent-company-foreign
#   checklist_ids: [EC-P-SY-11, EC-W-SY-11, OS-P-SY-11, OS-W-SY-11]
#   severity: warning
#   message_ja: "場所「%[1]s」の運用者「%[2]s」の親会社の国が %[3]s です（%[4]s）。\
#     親会社の国の法令により、データの開示を求められる可能性があります。個人情報保護法第71条（外国にある第三者への提供）\
#     と安全管理措置（外的環境の把握）に照らし、その国の制度を確かめて付議資料に書いてください。"
#   message_en: "The operator \"%[2]s\" of location \"%[1]s\" has its parent company in %[3]s (%[5]s). \
#     That country's law may compel disclosure. Assess its legal environment under Article 71 of the Act on \
#     the Protection of Personal Information (provision to third parties abroad) and the security control \
#     measures (understanding the external environment), and state the result in the proposal."
warn contains violation if {
	not settings.foreign_parent_fails == true
	some index, params in foreign_parents

	# Written here, not by a helper function: a call fewer per finding (23 allocations).
	violation := result.finding(rego.metadata.rule(), ["data_locations", index, "parent_company_country"], params)
}

# METADATA
# title: 運用者の親会社が国外にある（設定により不合格）
# description: The same as domestic-parent-company-foreign, as a violation when settings.foreign_parent_fails is true.
# custom:
#   rule_id: domestic-parent-company-foreign
#   checklist_ids: [EC-P-SY-11, EC-W-SY-11, OS-P-SY-11, OS-W-SY-11]
#   severity: error
#   message_ja: "場所「%[1]s」の運用者「%[2]s」の親会社の国が %[3]s です（%[4]s）。\
#     親会社の国の法令により、データの開示を求められる可能性があります。個人情報保護法第71条（外国にある第三者への提供）\
#     と安全管理措置（外的環境の把握）に照らし、その国の制度を確かめて付議資料に書いてください。"
#   message_en: "The operator \"%[2]s\" of location \"%[1]s\" has its parent company in %[3]s (%[5]s). \
#     That country's law may compel disclosure. Assess its legal environment under Article 71 of the Act on \
#     the Protection of Personal Information (provision to third parties abroad) and the security control \
#     measures (understanding the external environment), and state the result in the proposal."
deny contains violation if {
	settings.foreign_parent_fails == true
	some index, params in foreign_parents

	# Written here, not by a helper function: a call fewer per finding (23 allocations).
	violation := result.finding(rego.metadata.rule(), ["data_locations", index, "parent_company_country"], params)
}

# METADATA
# title: 国内保存が契約で約束されていない
# description: |
#   A third party that may move the data abroad at will: the place's country today says
#   nothing about tomorrow. The contract must keep the data in Japan.
# custom:
#   rule_id: domestic-residency-not-committed
#   checklist_ids: [EC-P-SY-11, EC-W-SY-11, OS-P-SY-11, OS-W-SY-11]
#   severity: error
#   message_ja: "場所「%[1]s」（運用者「%[2]s」）では、データを日本国内に置くことが契約で約束されていません\
#     （data_residency_commitment が false）。国内保存を契約・約款で約束させ、true にしてください。"
#   message_en: "For location \"%[1]s\" (operator \"%[2]s\") the contract does not keep the data in Japan \
#     (data_residency_commitment is false). Have data residency in Japan committed in the contract and set it to true."
deny contains violation if {
	locations := facts.data_locations
	some index in facts.personal_data_locations
	location := locations[index]
	not location.role == "ward" # a third party's place (lib/facts.rego)
	location.data_residency_commitment == false
	violation := result.finding(
		rego.metadata.rule(),
		["data_locations", index, "data_residency_commitment"],
		[facts.shown(location, "name"), facts.shown(location, "operator")],
	)
}
