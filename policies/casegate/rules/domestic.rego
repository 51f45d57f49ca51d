# METADATA
# description: |
#   Servers and devices that keep or process personal data are in Japan and under Japanese
#   law (checklist item xx-x-SY-11: 日本国内の法が適用される安全性が確保された環境).
package casegate.rules.domestic

import data.casegate.lib.facts
import data.casegate.lib.result
import data.casegate.settings

# Indexes of personal-data locations outside the domestic country.
abroad_locations contains index if {
	some index in facts.personal_data_locations
	not facts.case.data_locations[index].country == settings.domestic_country
}

# Indexes of personal-data locations under another country's law.
foreign_law_locations contains index if {
	some index in facts.personal_data_locations
	not facts.case.data_locations[index].governing_law == settings.domestic_country
}

# METADATA
# title: 個人情報を扱う場所が国外にある
# description: A location that keeps or processes personal data must be in the domestic country.
# custom:
#   rule_id: domestic-location-abroad
#   checklist_ids: [EC-P-SY-11, EC-W-SY-11, OS-P-SY-11, OS-W-SY-11]
#   severity: error
#   message_ja: "個人情報を保存・処理する場所「%[1]s」（id: %[2]s）の所在国が %[3]s です。\
#     サーバや端末が日本国内（%[4]s）にある環境を使い、country を %[4]s にしてください。"
#   message_en: "Location \"%[1]s\" (id: %[2]s) stores or processes personal data but is in %[3]s. \
#     Use servers and devices located in Japan (%[4]s) and set country to %[4]s."
deny contains violation if {
	some index in abroad_locations
	location := facts.case.data_locations[index]
	violation := result.finding(
		rego.metadata.rule(),
		["data_locations", index, "country"],
		[
			facts.shown(location, "name"),
			facts.shown(location, "id"),
			facts.shown(location, "country"),
			settings.domestic_country,
		],
	)
}

# METADATA
# title: 個人情報を扱う場所に日本の法が適用されない
# description: |
#   A server in Japan run under a foreign contract or law does not satisfy SY-11 either;
#   the item asks for an environment where Japanese law applies.
# custom:
#   rule_id: domestic-governing-law-foreign
#   checklist_ids: [EC-P-SY-11, EC-W-SY-11, OS-P-SY-11, OS-W-SY-11]
#   severity: error
#   message_ja: "個人情報を保存・処理する場所「%[1]s」（id: %[2]s）に適用される法が %[3]s の法です。\
#     日本の法（%[4]s）が適用される環境を使い、governing_law を %[4]s にしてください。"
#   message_en: "Location \"%[1]s\" (id: %[2]s) stores or processes personal data under the law of %[3]s. \
#     Use an environment where Japanese law (%[4]s) applies and set governing_law to %[4]s."
deny contains violation if {
	some index in foreign_law_locations
	location := facts.case.data_locations[index]
	violation := result.finding(
		rego.metadata.rule(),
		["data_locations", index, "governing_law"],
		[
			facts.shown(location, "name"),
			facts.shown(location, "id"),
			facts.shown(location, "governing_law"),
			settings.domestic_country,
		],
	)
}
