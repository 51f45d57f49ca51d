# METADATA
# description: |
#   The system measures (SY items) as facts, for the side each belongs to: the ward (EC-W,
#   OS-W), the connection partner (EC-P) and the contractor (OS-P). A 「○」 on an SY item is a
#   claim; these are the facts that can contradict it. A value written 不明 is left to
#   rules/unknown.rego (a warning before the start, a failure after); only a fact known to be
#   wrong is a violation here. Each finding is one root cause naming the items it breaks.
# custom:
#   facts:
#     - "system_measures.<side>.network"
#     - "system_measures.<side>.perimeter"
#     - "system_measures.<side>.malware"
#     - "system_measures.<side>.accounts"
#     - "system_measures.<side>.logs"
#     - "system_measures.<side>.backup"
#     - "system_measures.<side>.physical"
#     - "transfers[].network"
package casegate.rules.measures

import data.casegate.lib.facts
import data.casegate.lib.result
import data.casegate.settings

stated := object.get(facts.case, "system_measures", {})

# The sides whose measures the case must state: the ward always, the partner with an external
# connection, the contractor with an outsourcing.
required_sides contains "ward" if count(facts.sections) > 0

required_sides contains "partner" if "external_connection" in facts.sections

required_sides contains "contractor" if "outsourcing" in facts.sections

side_ja := {"ward": "区", "partner": "結合の相手方", "contractor": "委託先"}

# Each check: the measure's place in a side's block, the item number it backs, the value that
# breaks it, and the sentence that says what is wrong. (The checks of a single value are all
# here, read in one pass per side rather than a rule each: 32 allocations a case fewer.)
checks := [
	{
		"path": ["network", "named_endpoints_only"], "number": "SY-01", "breaks": false,
		"ja": "特定の相手以外とも通信できる",
		"en": "communication is not limited to named endpoints",
	},
	{
		"path": ["network", "public_share_links_disabled"], "number": "SY-01", "breaks": false,
		"ja": "だれでも開ける公開共有リンクを使える",
		"en": "public share links are allowed",
	},
	{
		"path": ["network", "ip_restriction"], "number": "SY-02", "breaks": false,
		"ja": "接続元の IP アドレス・端末を制限していない",
		"en": "connecting addresses or devices are not restricted",
	},
	{
		"path": ["perimeter", "firewall"], "number": "SY-04", "breaks": false,
		"ja": "ファイアウォールがない",
		"en": "there is no firewall",
	},
	{
		"path": ["perimeter", "intrusion_detection"], "number": "SY-04", "breaks": false,
		"ja": "侵入検知をしていない",
		"en": "there is no intrusion detection",
	},
	{
		"path": ["malware", "protection"], "number": "SY-05", "breaks": false,
		"ja": "ウイルス対策ソフトウェアがない",
		"en": "there is no malware protection",
	},
	{
		"path": ["malware", "definitions_updated"], "number": "SY-05", "breaks": false,
		"ja": "パターンファイルを最新にしていない",
		"en": "malware definitions are not kept up to date",
	},
	{
		"path": ["accounts", "individual_ids"], "number": "SY-06", "breaks": false,
		"ja": "利用者ごとの ID がない",
		"en": "users do not have individual IDs",
	},
	{
		"path": ["logs", "access_logs_kept"], "number": "SY-08", "breaks": false,
		"ja": "アクセスログを取得していない",
		"en": "access logs are not kept",
	},
	{
		"path": ["backup", "taken"], "number": "SY-09", "breaks": false,
		"ja": "バックアップ・冗長化をしていない",
		"en": "there is no backup or redundancy",
	},
	{
		"path": ["physical", "entry_control"], "number": "SY-10", "breaks": false,
		"ja": "入退室を管理していない",
		"en": "there is no physical entry control",
	},
	{
		"path": ["accounts", "shared_accounts"], "number": "SY-06", "breaks": true,
		"ja": "共有アカウントがある",
		"en": "shared accounts are used",
	},
	{
		"path": ["logs", "review"], "number": "SY-08", "breaks": "しない",
		"ja": "取得したログを分析しない",
		"en": "the logs are never reviewed",
	},
]

# [side, path, number, ja, en] for every measure known to be missing.
failures contains [side, check.path, check.number, check.ja, check.en] if {
	some side in required_sides
	measures := stated[side] # looked up once per side, not once per check
	some check in checks
	measures[check.path[0]][check.path[1]] == check.breaks
}

# Multi-factor authentication is needed where the side's places are reached from outside the
# LGWAN (over the internet), as the 総務省 guideline asks for access from outside.
failures contains [side, ["accounts", "mfa_outside_lgwan"], "SY-06", ja, en] if {
	# The value first: the places reached outside the LGWAN are looked for only when it is
	# false (80 allocations a case saved when it is not).
	some side in required_sides
	stated[side].accounts.mfa_outside_lgwan == false
	side in outside_lgwan_sides
	ja := "LGWAN の外から使うのに多要素認証が必須でない"
	en := "there is no multi-factor authentication although it is reached from outside the LGWAN"
}

failures contains [side, ["logs", "retention_days"], "SY-08", ja, en] if {
	some side in required_sides
	days := stated[side].logs.retention_days
	is_number(days)
	days < settings.min_log_retention_days
	ja := sprintf("アクセスログの保存期間が %d 日で、%d 日に満たない", [days, settings.min_log_retention_days])
	en := sprintf("access logs are kept %d days, less than %d", [days, settings.min_log_retention_days])
}

failures contains [side, ["perimeter", "patch_within_days"], "SY-04", ja, en] if {
	some side in required_sides
	days := stated[side].perimeter.patch_within_days
	is_number(days)
	days > settings.max_patch_days
	ja := sprintf("セキュリティパッチの適用が %d 日以内で、%d 日を超える", [days, settings.max_patch_days])
	en := sprintf("security patches are applied within %d days, more than %d", [days, settings.max_patch_days])
}

# A backup location must be a declared place with the role backup: a copy kept somewhere the
# place rules never see would escape SY-07 and SY-11.
failures contains [side, ["backup", "location_ids"], "SY-09", ja, en] if {
	some side in required_sides
	some id in object.get(stated, [side, "backup", "location_ids"], [])
	not id in backup_ids
	ja := sprintf("バックアップの保存先「%s」が role \"backup\" の個人情報の場所（data_locations）にない", [id])
	en := sprintf("the backup location \"%s\" is not a data_locations entry with role \"backup\"", [id])
}

backup_ids contains location.id if {
	some location in facts.data_locations
	location.role == "backup"
}

role_of_side := {"ward": "ward", "partner": "partner", "contractor": "contractor"}

# The sides with a place that a transfer reaches over a network other than the LGWAN.
outside_lgwan_sides contains side if {
	some side in required_sides
	role_of_side[side] in outside_lgwan_roles
}

# The roles of the places such transfers reach: found once, not once per side.
outside_lgwan_roles contains location.role if {
	some transfer in facts.case.transfers
	not transfer.network == "LGWAN"
	some end in ["from", "to"]
	some location in facts.data_locations
	location.id == transfer[end]
}

# METADATA
# title: システム上の対策の事実が対策になっていない
# description: |
#   A measure of one side is known to be missing or too weak. One finding per side and
#   measure, naming that side's item (e.g. EC-P-SY-06) in every section the case has.
# custom:
#   rule_id: measure-missing
#   checklist_ids:
#     [
#       EC-P-SY-01, EC-P-SY-02, EC-P-SY-04, EC-P-SY-05, EC-P-SY-06, EC-P-SY-08, EC-P-SY-09,
#       EC-P-SY-10, EC-W-SY-01, EC-W-SY-02, EC-W-SY-04, EC-W-SY-05, EC-W-SY-06, EC-W-SY-08,
#       EC-W-SY-09, EC-W-SY-10, OS-P-SY-01, OS-P-SY-02, OS-P-SY-04, OS-P-SY-05, OS-P-SY-06,
#       OS-P-SY-08, OS-P-SY-09, OS-P-SY-10, OS-W-SY-01, OS-W-SY-02, OS-W-SY-04, OS-W-SY-05,
#       OS-W-SY-06, OS-W-SY-08, OS-W-SY-09, OS-W-SY-10
#     ]
#   severity: error
#   message_ja: "%[1]sのシステム上の対策で、%[3]s（system_measures.%[2]s.%[5]s）。チェックリストの %[6]s は\
#     この対策を求めています。対策を講じて値を直してください。"
#   message_en: "In the system measures of the %[2]s, %[4]s (system_measures.%[2]s.%[5]s). Checklist item(s) %[6]s \
#     require this measure; put it in place and correct the value."
deny contains violation if {
	some [side, path, number, ja, en] in failures
	ids := facts.side_item_ids[side][number]
	violation := result.finding_for(
		rego.metadata.rule(),
		array.concat(["system_measures", side], path),
		[side_ja[side], side, ja, en, concat(".", path), concat(", ", sort(ids))],
		ids,
	)
}

# METADATA
# title: システム上の対策が書かれていない側がある
# description: |
#   The ward's measures are always needed, the partner's with an external connection, the
#   contractor's with an outsourcing: without them no SY item of that side has a fact behind it.
# custom:
#   rule_id: measures-side-missing
#   checklist_ids:
#     [
#       EC-P-SY-01, EC-P-SY-02, EC-P-SY-04, EC-P-SY-05, EC-P-SY-06, EC-P-SY-08, EC-P-SY-09,
#       EC-P-SY-10, EC-W-SY-01, EC-W-SY-02, EC-W-SY-04, EC-W-SY-05, EC-W-SY-06, EC-W-SY-08,
#       EC-W-SY-09, EC-W-SY-10, OS-P-SY-01, OS-P-SY-02, OS-P-SY-04, OS-P-SY-05, OS-P-SY-06,
#       OS-P-SY-08, OS-P-SY-09, OS-P-SY-10, OS-W-SY-01, OS-W-SY-02, OS-W-SY-04, OS-W-SY-05,
#       OS-W-SY-06, OS-W-SY-08, OS-W-SY-09, OS-W-SY-10
#     ]
#   severity: error
#   message_ja: "%[1]sのシステム上の対策（system_measures.%[2]s）が書かれていません。%[1]sが講じる対策\
#     （通信の限定、ファイアウォール、ウイルス対策、ID、ログ、バックアップ、入退室管理）を書いてください。\
#     分からない値は \"不明\" と書きます。"
#   message_en: "The system measures of the %[2]s (system_measures.%[2]s) are missing. Describe them \
#     (limited communication, firewall, malware protection, accounts, logs, backup, entry control); \
#     write \"不明\" for what is not known yet."
deny contains violation if {
	some side in required_sides
	not is_object(object.get(stated, side, null))
	ids := {id |
		some number in ["SY-01", "SY-02", "SY-04", "SY-05", "SY-06", "SY-08", "SY-09", "SY-10"]
		some id in facts.side_item_ids[side][number]
	}
	violation := result.finding_for(rego.metadata.rule(), ["system_measures", side], [side_ja[side], side], ids)
}
