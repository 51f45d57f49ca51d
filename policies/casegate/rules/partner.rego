# METADATA
# description: |
#   The partner of an external connection holds an information security certification the
#   ward recognises (EC-x-OP-01: the partner can be made to follow the law, the ward's
#   policy and the cloud guideline). The match is exact after trimming: "ISO27001" is not
#   "ISO/IEC 27001", because the committee reads the name as written on the certificate.
# custom:
#   facts:
#     - "external_connection.partner.certifications"
package casegate.rules.partner

import data.casegate.lib.facts
import data.casegate.lib.result
import data.casegate.settings

connection_partner := object.get(facts.case.external_connection, "partner", {})

certifications := connection_partner.certifications if is_array(connection_partner.certifications)

has_recognised_certification if {
	some certification in certifications
	is_string(certification)
	trim_space(certification) in settings.recognised_certifications
}

held_names := [facts.display(certification) | some certification in certifications]

# listed writes names for a message, or says there are none.
listed(names, separator, none) := concat(separator, names) if {
	count(names) > 0
} else := none

# METADATA
# title: 外部結合の相手方に区が認める認証がない
# description: The partner must hold at least one of settings.recognised_certifications.
# custom:
#   rule_id: partner-certification-missing
#   checklist_ids: [EC-P-OP-01, EC-W-OP-01]
#   severity: error
#   message_ja: "外部結合の相手方「%[1]s」の認証（%[2]s）に、区が認める認証（%[4]s）がありません。\
#     いずれかの認証を取得している相手方を選ぶか、取得している認証を証明書のとおりの名称で \
#     partner.certifications に書いてください。"
#   message_en: "The external connection partner \"%[1]s\" holds no recognised certification \
#     (holds: %[3]s; recognised: %[5]s). Choose a partner holding one of them, or write its certification \
#     in partner.certifications exactly as named on the certificate."
deny contains violation if {
	"external_connection" in facts.sections
	not has_recognised_certification
	violation := result.finding(
		rego.metadata.rule(),
		["external_connection", "partner", "certifications"],
		[
			facts.shown(connection_partner, "name"),
			listed(held_names, "、", "なし"),
			listed(held_names, ", ", "none"),
			concat("、", settings.recognised_certifications),
			concat(", ", settings.recognised_certifications),
		],
	)
}
