# METADATA
# description: |
#   Dates and periods: every date in the case can be read, each period starts no later than
#   it ends, and an outsourcing is not started without a contractor (OS-W-OP-01: the
#   contract with the special provisions needs a contractor to sign it).
# custom:
#   facts:
#     - "submitted_on"
#     - "*.period"
#     - "outsourcing.contractor.status"
package casegate.rules.periods

import data.casegate.lib.facts
import data.casegate.lib.result

# Paths of every date the case has or must have.
date_paths contains ["submitted_on"]

date_paths contains [section, "period", field] if {
	some section in facts.sections
	some field in ["start", "end"]
}

# The received date is optional: it is checked only once written.
date_paths contains [section, "deletion", "erasure_report_received_on"] if {
	some section in facts.sections
	deletion := facts.case[section].deletion
	is_object(deletion)
	"erasure_report_received_on" in object.keys(deletion)
}

# date_labels is what each date is called in messages, in Japanese and English. Looked up
# only for a date that fails, as most cases have none.
date_labels[["submitted_on"]] := ["付議日", "submission date"]

date_labels[path] := [
	concat("の", [facts.section_ja[path[0]], names[0]]),
	concat(" ", [facts.section_en[path[0]], names[1]]),
] if {
	some path in date_paths
	count(path) == 3
	names := field_labels[path[2]]
}

field_labels := {
	"start": ["開始日", "start date"],
	"end": ["終了日", "end date"],
	"erasure_report_received_on": ["消去報告書の受領日", "erasure report received date"],
}

contractor_undecided if facts.case.outsourcing.contractor.status == "未定"

outsourcing_start_ns := facts.date_ns(facts.case.outsourcing.period.start)

submitted_ns := facts.date_ns(facts.case.submitted_on)

# The dates as written, so that each contractor rule can be reported whichever other
# date is unreadable.
contractor_params := [
	facts.display(object.get(facts.case, "submitted_on", null)),
	facts.display(object.get(facts.case, ["outsourcing", "period", "start"], null)),
	facts.display(object.get(input, "as_of", null)),
]

# METADATA
# title: 日付が読めない
# description: |
#   Every other date rule compares dates; one that cannot be read would silently switch
#   those rules off, so it is an error of its own.
# custom:
#   rule_id: date-invalid
#   checklist_ids: []
#   severity: error
#   message_ja: "%[1]s「%[3]s」が日付として読めません。西暦の YYYY-MM-DD（例：令和8年5月1日 → 2026-05-01）で、\
#     実在する日付を書いてください。"
#   message_en: "The %[2]s \"%[3]s\" is not a date. Write an existing date as YYYY-MM-DD (e.g. 2026-05-01)."
deny contains violation if {
	some path in date_paths
	value := object.get(facts.case, path, null)
	not facts.date_ns(value)
	violation := result.finding(rego.metadata.rule(), path, array.concat(date_labels[path], [facts.display(value)]))
}

# METADATA
# title: 判定の基準日が読めない
# description: |
#   The rules with a date compare it with the day the case is judged on (input.as_of). A
#   judgement date that cannot be read would silently switch all of them off and pass the
#   case, so it fails the case instead. casegate never sends one; another client of a
#   central OPA might, and might leave it out: an absent as_of (or null) fails too, since
#   without a date no rule about dates, unknowns after the start included, could judge.
# custom:
#   rule_id: as-of-invalid
#   checklist_ids: []
#   severity: error
#   message_ja: "判定の基準日（as_of）「%[1]s」が日付として読めないため、日付に関わる方針を判定できません。\
#     西暦の YYYY-MM-DD（例：2026-05-01、casegate では --as-of）で実在する日付を渡してください。"
#   message_en: "The judgement date (as_of) \"%[1]s\" is not a date, so the rules about dates cannot be judged. \
#     Pass an existing date as YYYY-MM-DD (e.g. 2026-05-01; --as-of in casegate)."
deny contains violation if {
	as_of := object.get(input, "as_of", null)
	not facts.date_ns(as_of)
	violation := result.finding(rego.metadata.rule(), [], [facts.display(as_of)])
}

# METADATA
# title: 開始日が終了日より後
# description: A period that ends before it starts is a typo in one of the two dates.
# custom:
#   rule_id: period-start-after-end
#   checklist_ids: []
#   severity: error
#   message_ja: "%[1]sの開始日 %[3]s が終了日 %[4]s より後になっています。\
#     開始日と終了日を確かめ、開始日を終了日以前にしてください。"
#   message_en: "The %[2]s start date %[3]s is after its end date %[4]s. \
#     Check both dates; the start must not be after the end."
deny contains violation if {
	some section in facts.sections
	period := facts.case[section].period
	start := facts.date_ns(period.start)
	end := facts.date_ns(period.end)
	start > end
	violation := result.finding(
		rego.metadata.rule(),
		[section, "period", "start"],
		[facts.section_ja[section], facts.section_en[section], period.start, period.end],
	)
}

# METADATA
# title: 委託開始日以降に委託先が未定
# description: |
#   Submitted on or after the start with no contractor means the outsourcing starts (or has
#   started) without a contract carrying the special provisions.
# custom:
#   rule_id: contractor-undecided-at-submission
#   checklist_ids: [OS-W-OP-01]
#   severity: error
#   message_ja: "業務委託の委託先が未定ですが、付議日 %[1]s が委託開始日 %[2]s 以降です。\
#     委託先と特記事項を付した契約がないまま委託が始まることになります。委託先を決めて contractor の status を \
#     \"決定\"、name に事業者名を書くか、委託の期間を見直してください。"
#   message_en: "The contractor is not decided although the case is submitted on %[1]s, on or after the \
#     outsourcing start %[2]s: the work would start without a contract carrying the special provisions. \
#     Decide the contractor (contractor.status \"決定\" and contractor.name) or revise the period."
deny contains violation if {
	contractor_undecided
	submitted_ns >= outsourcing_start_ns
	violation := result.finding(rego.metadata.rule(), ["outsourcing", "contractor", "status"], contractor_params)
}

# METADATA
# title: 委託先が未定のまま付議されている
# description: |
#   Submitting before the contractor is chosen is common and allowed, but the contractor
#   must be decided before the outsourcing starts.
# custom:
#   rule_id: contractor-undecided-before-start
#   checklist_ids: [OS-W-OP-01]
#   severity: warning
#   message_ja: "業務委託の委託先が未定のまま付議されています（付議日 %[1]s、委託開始日 %[2]s）。\
#     委託開始日までに委託先を決め、契約に特記事項を付してください。決まったら \
#     contractor の status を \"決定\" にし、name に事業者名を書いてください。"
#   message_en: "The contractor is not decided yet (submitted %[1]s, outsourcing starts %[2]s). \
#     Decide the contractor and attach the special provisions to the contract before the start; \
#     then set contractor.status to \"決定\" and write the contractor's name in contractor.name."
warn contains violation if {
	contractor_undecided
	submitted_ns < outsourcing_start_ns
	not facts.as_of_ns >= outsourcing_start_ns
	violation := result.finding(rego.metadata.rule(), ["outsourcing", "contractor", "status"], contractor_params)
}

# METADATA
# title: 委託開始日を過ぎても委託先が未定
# description: |
#   Unknown is not false: an undecided contractor warns before the start, and from the start
#   date on it fails the case, because the work is then done by a contractor the case does not
#   name, under a contract nobody has shown to carry the special provisions.
# custom:
#   rule_id: contractor-undecided-after-start
#   checklist_ids: [OS-W-OP-01]
#   severity: error
#   message_ja: "委託開始日 %[2]s を過ぎましたが（判定日 %[3]s）、案件の委託先は未定のままです。\
#     委託先を決め、contractor の status を \"決定\" にし、name に事業者名を書いて案件を更新してください\
#     （委託先の場所とシステム上の対策も書きます）。"
#   message_en: "The outsourcing started on %[2]s and it is now %[3]s, but the case still shows the contractor \
#     as undecided. Update the case: set contractor.status to \"決定\", write the name in contractor.name, and \
#     describe the contractor's places and system measures."
deny contains violation if {
	contractor_undecided
	facts.as_of_ns >= outsourcing_start_ns

	# Submitted on or after the start, contractor-undecided-at-submission already says it.
	not submitted_ns >= outsourcing_start_ns
	violation := result.finding(rego.metadata.rule(), ["outsourcing", "contractor", "status"], contractor_params)
}
