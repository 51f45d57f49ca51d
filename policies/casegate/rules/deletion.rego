# METADATA
# description: |
#   At the end of the external connection or outsourcing the other party erases the
#   electronic data and reports it in writing (EC-x-OP-03, OS-x-OP-11), and the ward
#   actually receives that report: a required report that never arrives is the gap the
#   committee most often finds afterwards. The duty itself is a contract clause
#   (rules/clauses.rego: return_and_erasure, erasure_report); the clause's own deadline
#   (within_days) is used when the contract gives one, else settings.deletion_grace_days.
# custom:
#   facts:
#     - "*.deletion.erasure_report_received_on"
#     - "*.period.end"
#     - "contract_clauses[erasure_report].within_days"
package casegate.rules.deletion

import data.casegate.lib.facts
import data.casegate.lib.result
import data.casegate.rules.clauses
import data.casegate.settings

end_ns[section] := facts.date_ns(facts.case[section].period.end) if {
	some section in facts.sections
}

# The erasure report is due this many days after the end: the contract's days, else the setting.
# (An else rather than a second body that negates the first. Only this section's days are
# looked up: a conflict in another section's clauses is not this section's error.)
grace_days(section) := days if {
	days := clauses.report_days[section]
} else := settings.deletion_grace_days

# The day each section's report is due, computed once per section rather than in each rule
# that compares with it.
deadline_ns[section] := due(end, grace_days(section)) if {
	some section, end in end_ns
}

# due is the end plus the days, or the end itself when those days give no date: time.add_date
# is undefined for days that are not a whole number or that leave its range (1.5, -1e9, 1e9,
# all refused by the schema), and an undefined deadline would switch off every rule about the
# report, so a section whose report never arrives would pass.
due(end, days) := ns if {
	ns := time.add_date(end, 0, 0, days)
} else := end

# When the report was received, if a readable date is recorded. An unreadable date counts
# as none here (and date-invalid reports it), so a typo cannot stop the overdue check. A
# missing deletion block or one that is not an object has none.
received_ns[section] := facts.date_ns(facts.case[section].deletion.erasure_report_received_on) if {
	some section in facts.sections
}

section_params(section) := [facts.section_ja[section], facts.section_en[section]]

# METADATA
# title: 消去報告書の受領期限を過ぎている
# description: |
#   Once the grace period after the end has passed, a missing received date blocks the case:
#   either the report has not come, or it came and was not recorded.
# custom:
#   rule_id: deletion-report-overdue
#   checklist_ids: [EC-P-OP-03, EC-W-OP-03, OS-P-OP-11, OS-W-OP-11]
#   severity: error
#   message_ja: "%[1]sは %[3]s に終了し、消去報告書の受領期限 %[4]s（終了日の %[5]d 日後）を過ぎましたが、\
#     消去報告書の受領日が記録されていません。相手方から消去報告書を受け取り、受け取った日を \
#     deletion.erasure_report_received_on に YYYY-MM-DD で記入してください。"
#   message_en: "The %[2]s ended on %[3]s and the erasure report was due by %[4]s (%[5]d days after the end), \
#     but no received date is recorded. Obtain the erasure report and record the date it was received \
#     in deletion.erasure_report_received_on (YYYY-MM-DD)."
deny contains violation if {
	some section, deadline in deadline_ns
	facts.as_of_ns > deadline
	not received_ns[section]
	violation := result.finding(
		rego.metadata.rule(),
		[section, "deletion", "erasure_report_received_on"],
		array.concat(
			section_params(section),
			[facts.date_text(end_ns[section]), facts.date_text(deadline), grace_days(section)],
		),
	)
}

# METADATA
# title: 消去報告書の受領期限が近い
# description: Between the end and the deadline a missing report is not yet a failure, only a reminder.
# custom:
#   rule_id: deletion-report-due
#   checklist_ids: [EC-P-OP-03, EC-W-OP-03, OS-P-OP-11, OS-W-OP-11]
#   severity: warning
#   message_ja: "%[1]sは %[3]s に終了しました。消去報告書を %[4]s までに受け取り、受け取った日を \
#     deletion.erasure_report_received_on に YYYY-MM-DD で記入してください。"
#   message_en: "The %[2]s ended on %[3]s. Obtain the erasure report by %[4]s and record the date \
#     it was received in deletion.erasure_report_received_on (YYYY-MM-DD)."
warn contains violation if {
	some section, end in end_ns
	facts.as_of_ns > end
	facts.as_of_ns <= deadline_ns[section]
	not received_ns[section]
	violation := result.finding(
		rego.metadata.rule(),
		[section, "deletion", "erasure_report_received_on"],
		array.concat(section_params(section), [facts.date_text(end), facts.date_text(deadline_ns[section])]),
	)
}

# METADATA
# title: 消去報告書の受領日が終了日より前
# description: |
#   An erasure report confirms erasure after the work ended; one "received" before the end
#   is a typo or a report of something else, and would silence the overdue check.
# custom:
#   rule_id: deletion-report-before-end
#   checklist_ids: [EC-P-OP-03, EC-W-OP-03, OS-P-OP-11, OS-W-OP-11]
#   severity: error
#   message_ja: "%[1]sの消去報告書の受領日 %[3]s が、終了日 %[4]s より前です。消去報告書は終了後の消去を\
#     報告するものです。実際に受け取った日（終了日以降）を記入してください。"
#   message_en: "The erasure report for the %[2]s is recorded as received on %[3]s, before the end date %[4]s. \
#     The report confirms erasure after the end; record the date it was actually received (on or after the end)."
deny contains violation if {
	some section, received in received_ns
	received < end_ns[section]
	violation := result.finding(
		rego.metadata.rule(),
		[section, "deletion", "erasure_report_received_on"],
		array.concat(section_params(section), [facts.date_text(received), facts.date_text(end_ns[section])]),
	)
}

# METADATA
# title: 消去報告書の受領日が判定日より後
# description: |
#   A received date in the future is a planned date, not a receipt; accepting it would turn an
#   overdue report into nothing at all.
# custom:
#   rule_id: deletion-report-date-in-future
#   checklist_ids: [EC-P-OP-03, EC-W-OP-03, OS-P-OP-11, OS-W-OP-11]
#   severity: error
#   message_ja: "%[1]sの消去報告書の受領日 %[3]s が、判定日 %[4]s より後になっています。\
#     予定日ではなく、実際に受け取った日を記入してください。"
#   message_en: "The erasure report for the %[2]s is recorded as received on %[3]s, after the evaluation date %[4]s. \
#     Record the date it was actually received, not a planned date."
deny contains violation if {
	some section, received in received_ns
	received > facts.as_of_ns
	violation := result.finding(
		rego.metadata.rule(),
		[section, "deletion", "erasure_report_received_on"],
		array.concat(section_params(section), [facts.date_text(received), facts.date_text(facts.as_of_ns)]),
	)
}
