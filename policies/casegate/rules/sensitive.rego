# METADATA
# description: |
#   Kinds of personal data that the committee looks at with extra care. They do not block a
#   case by themselves (no checklist item forbids them), so they are warnings that ask for
#   the justification the committee will want to read.
# custom:
#   facts:
#     - "personal_data.special_care_required"
#     - "personal_data.my_number"
package casegate.rules.sensitive

import data.casegate.lib.facts
import data.casegate.lib.result

# METADATA
# title: 要配慮個人情報を扱う
# description: Special care-required personal information needs an explicit justification.
# custom:
#   rule_id: sensitive-special-care
#   checklist_ids: []
#   severity: warning
#   message_ja: "要配慮個人情報（人種、信条、病歴、犯罪の経歴など）を扱います。会議は、扱う必要性と保護の方法を\
#     個別に確かめます。付議資料に、要配慮個人情報を扱う理由と、取得・保管・提供の方法を明記してください。"
#   message_en: "The case handles special care-required personal information (race, creed, medical history, \
#     criminal record and the like). The committee needs an explicit justification: state in the proposal \
#     why it is needed and how it is obtained, kept and provided."
warn contains violation if {
	facts.case.personal_data.special_care_required == true
	violation := result.finding(rego.metadata.rule(), ["personal_data", "special_care_required"], [])
}

# METADATA
# title: マイナンバーを扱う
# description: |
#   My Number (特定個人情報) may be used only for the purposes the My Number Act lists, and
#   outsourcing or subcontracting it needs the ward's permission; the committee checks both.
# custom:
#   rule_id: sensitive-my-number
#   checklist_ids: []
#   severity: warning
#   message_ja: "個人番号（マイナンバー）を含む特定個人情報を扱います。番号法で利用が認められた事務であること、\
#     特定個人情報保護評価の要否、委託・再委託に区の許諾を得ることを確かめ、付議資料に明記してください。"
#   message_en: "The case handles My Number (specific personal information). Confirm that the use is permitted \
#     by the My Number Act, whether a specific personal information protection assessment is required, and that \
#     outsourcing and subcontracting have the ward's permission; state these in the proposal."
warn contains violation if {
	facts.case.personal_data.my_number == true
	violation := result.finding(rego.metadata.rule(), ["personal_data", "my_number"], [])
}
