# METADATA
# description: |
#   A requirement with an effective date: from settings.cloud_registration.effective_from
#   (2027-07-01), the cloud service of an external connection must be registered in ISMAP or
#   ISMAP-LIU (the government's cloud security evaluation). Contracts that started before that
#   date are grandfathered. Before the date, cases that it will hit are warned, so that
#   `casegate impact --as-of 2027-07-01` and the warnings show who must act.
# custom:
#   facts:
#     - "external_connection.partner.certifications"
#     - "external_connection.period"
package casegate.rules.cloud_registration

import data.casegate.lib.facts
import data.casegate.lib.result
import data.casegate.settings

requirement := settings.cloud_registration

effective_from_ns := facts.date_ns(requirement.effective_from)

connection := facts.case.external_connection

start_ns := facts.date_ns(connection.period.start)

end_ns := facts.date_ns(connection.period.end)

registered if {
	some certification in connection.partner.certifications
	is_string(certification)
	trim_space(certification) in requirement.schemes
}

# The contract the case describes starts on or after the effective date: not grandfathered.
new_contract if start_ns >= effective_from_ns

# A case that continues into later years will be renewed after its end: the renewal is a new
# contract, so a renewal starting on or after the effective date is not grandfathered either.
renewal_hit if {
	# A plain comparison needs no facts.field, and facts.days_after is written out: two calls
	# fewer a case (26 allocations).
	connection.period.continues_next_year == true
	end_ns >= time.add_date(effective_from_ns, 0, 0, -1)
}

in_force if facts.as_of_ns >= effective_from_ns

params := [
	facts.shown(connection.partner, "name"),
	requirement.effective_from,
	concat("、", requirement.schemes),
	concat(", ", requirement.schemes),
]

# METADATA
# title: クラウドサービスが ISMAP に登録されていない（施行日以降の契約）
# description: From the effective date, a new external-connection contract needs a registered service.
# custom:
#   rule_id: cloud-registration-missing
#   checklist_ids: [EC-P-OP-01, EC-W-OP-01]
#   severity: error
#   message_ja: "%[2]s 以降に始まる外部結合の契約では、相手方「%[1]s」のクラウドサービスが %[3]s に登録されている必要があります。\
#     登録されているサービスを選ぶか、登録を partner.certifications に書いてください。"
#   message_en: "An external connection contract starting on or after %[2]s needs the cloud service of \"%[1]s\" \
#     to be registered in %[4]s. Choose a registered service, or list the registration in partner.certifications."
deny contains violation if {
	"external_connection" in facts.sections
	in_force
	new_contract
	not registered
	violation := result.finding(
		rego.metadata.rule(),
		["external_connection", "partner", "certifications"],
		params,
	)
}

# METADATA
# title: 施行日以降、クラウドサービスの ISMAP 登録が必要になる
# description: Before the effective date, a case whose contract or renewal will need the registration is warned.
# custom:
#   rule_id: cloud-registration-upcoming
#   checklist_ids: [EC-P-OP-01, EC-W-OP-01]
#   severity: warning
#   message_ja: "%[2]s 以降に始まる外部結合の契約（更新を含む）では、相手方「%[1]s」のクラウドサービスが %[3]s に\
#     登録されている必要があります。今のうちに登録の有無を確かめてください。"
#   message_en: "From %[2]s, external connection contracts (renewals included) need the cloud service of \"%[1]s\" \
#     to be registered in %[4]s. Check its registration now."
warn contains violation if {
	"external_connection" in facts.sections
	not in_force
	upcoming
	not registered
	violation := result.finding(
		rego.metadata.rule(),
		["external_connection", "partner", "certifications"],
		params,
	)
}

upcoming if new_contract

upcoming if renewal_hit
