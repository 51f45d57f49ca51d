# METADATA
# description: |
#   At the end of the external connection or outsourcing the other party erases the
#   electronic data and reports it in writing (EC-x-OP-03, OS-x-OP-11), and the ward
#   actually receives that report: a required report that never arrives is the gap the
#   committee most often finds afterwards.
package casegate.rules.deletion

import data.casegate.lib.facts
import data.casegate.lib.result
import data.casegate.settings

# The deletion block of each section the case has; a missing one is judged as empty.
erasure_terms[section] := object.get(facts.case[section], "deletion", {}) if {
	some section in facts.sections
}

start_ns[section] := facts.date_ns(facts.case[section].period.start) if {
	some section in facts.sections
}

end_ns[section] := facts.date_ns(facts.case[section].period.end) if {
	some section in facts.sections
}

# The erasure report is due this many days after the end (settings.deletion_grace_days).
deadline(end) := facts.days_after(end, settings.deletion_grace_days)

# When the report was received, if a readable date is recorded. An unreadable date counts
# as none here (and date-invalid reports it), so a typo cannot stop the overdue check.
received_ns[section] := facts.date_ns(erasure_terms[section].erasure_report_received_on) if {
	some section in facts.sections
}

section_params(section) := [facts.section_ja[section], facts.section_en[section]]

# METADATA
# title: 終了時の消去が定められていない
# description: The other party must be required to erase the electronic data at the end.
# custom:
#   rule_id: deletion-erase-at-end-missing
#   checklist_ids: [EC-P-OP-03, EC-W-OP-03, OS-P-OP-11, OS-W-OP-11]
#   severity: error
#   message_ja: "%[1]sの終了時に相手方に電子データを消去させることが定められていません\
#     （deletion.erase_at_end が true ではありません）。終了時の消去を契約等で定め、true にしてください。"
#   message_en: "The %[2]s does not require the other party to erase the electronic data at the end \
#     (deletion.erase_at_end is not true). Require erasure at the end in the contract and set it to true."
deny contains violation if {
	some section, deletion in erasure_terms
	not deletion.erase_at_end == true
	violation := result.finding(rego.metadata.rule(), [section, "deletion", "erase_at_end"], section_params(section))
}

# METADATA
# title: 消去報告書の提出を求めていない
# description: The other party must be required to submit a report that the data was erased.
# custom:
#   rule_id: deletion-report-not-required
#   checklist_ids: [EC-P-OP-03, EC-W-OP-03, OS-P-OP-11, OS-W-OP-11]
#   severity: error
#   message_ja: "%[1]sの終了時に消去報告書（電子データの消去を行ったことの報告書）の提出を求めていません\
#     （deletion.erasure_report_required が true ではありません）。消去報告書の提出を求め、true にしてください。"
#   message_en: "The %[2]s does not require an erasure report, a report that the electronic data was erased \
#     (deletion.erasure_report_required is not true). Require the report and set it to true."
deny contains violation if {
	some section, deletion in erasure_terms
	not deletion.erasure_report_required == true
	violation := result.finding(
		rego.metadata.rule(),
		[section, "deletion", "erasure_report_required"],
		section_params(section),
	)
}

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
	some section, end in end_ns
	facts.as_of_ns > deadline(end)
	not received_ns[section]
	violation := result.finding(
		rego.metadata.rule(),
		[section, "deletion", "erasure_report_received_on"],
		array.concat(
			section_params(section),
			[facts.date_text(end), facts.date_text(deadline(end)), settings.deletion_grace_days],
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
	facts.as_of_ns <= deadline(end)
	not received_ns[section]
	violation := result.finding(
		rego.metadata.rule(),
		[section, "deletion", "erasure_report_received_on"],
		array.concat(section_params(section), [facts.date_text(end), facts.date_text(deadline(end))]),
	)
}

# METADATA
# title: 消去報告書の受領日が開始日より前
# description: An erasure report comes after the end, so a date before the start is most likely a typo.
# custom:
#   rule_id: deletion-report-before-start
#   checklist_ids: [EC-P-OP-03, EC-W-OP-03, OS-P-OP-11, OS-W-OP-11]
#   severity: warning
#   message_ja: "%[1]sの消去報告書の受領日 %[3]s が、開始日 %[4]s より前です。\
#     消去報告書は終了後に受け取るものです。受領日の書き間違いでないか確かめてください。"
#   message_en: "The erasure report for the %[2]s is recorded as received on %[3]s, before the start date %[4]s. \
#     An erasure report comes after the end; check the received date for a typo."
warn contains violation if {
	some section, received in received_ns
	received < start_ns[section]
	violation := result.finding(
		rego.metadata.rule(),
		[section, "deletion", "erasure_report_received_on"],
		array.concat(section_params(section), [facts.date_text(received), facts.date_text(start_ns[section])]),
	)
}

# METADATA
# title: 消去報告書の受領日が判定日より後
# description: A received date in the future is a planned date, not a receipt.
# custom:
#   rule_id: deletion-report-date-in-future
#   checklist_ids: [EC-P-OP-03, EC-W-OP-03, OS-P-OP-11, OS-W-OP-11]
#   severity: warning
#   message_ja: "%[1]sの消去報告書の受領日 %[3]s が、判定日 %[4]s より後になっています。\
#     予定日ではなく、実際に受け取った日を記入してください。"
#   message_en: "The erasure report for the %[2]s is recorded as received on %[3]s, after the evaluation date %[4]s. \
#     Record the date it was actually received, not a planned date."
warn contains violation if {
	some section, received in received_ns
	received > facts.as_of_ns
	violation := result.finding(
		rego.metadata.rule(),
		[section, "deletion", "erasure_report_received_on"],
		array.concat(section_params(section), [facts.date_text(received), facts.date_text(facts.as_of_ns)]),
	)
}
