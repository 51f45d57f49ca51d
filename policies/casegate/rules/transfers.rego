# METADATA
# description: |
#   Every transfer runs between places the case declares. transfers[].from and .to are free
#   strings in the schema; the rules about places (domestic.rego: SY-11, encryption.rego:
#   SY-07) only see data_locations, so a transfer to a place that is not declared there
#   would send personal data somewhere no rule looks at (e.g. a transcription service
#   abroad). Each end must name exactly one data_locations id.
# custom:
#   facts:
#     - "transfers[].from/to"
#     - "data_locations[].id"
#     - "data_locations[].role"
#     - "outsourcing.contractor.status"
package casegate.rules.transfers

import data.casegate.lib.facts
import data.casegate.lib.result

# The transfers as a list; anything else (the schema refuses it) is no transfers at all.
default transfer_list := []

transfer_list := facts.case.transfers if is_array(facts.case.transfers)

# The ids the case declares, each once.
declared_ids contains location.id if {
	some location in facts.data_locations
	is_string(location.id)
}

end_ja := {"from": "送り元", "to": "送り先"}

end_en := {"from": "source", "to": "destination"}

# [index, end] of each transfer end that names no declared location. A missing end reads as
# null, which no id equals, so it is reported too rather than passed.
unknown_ends contains [index, end] if {
	some index, transfer in transfer_list

	# facts.field written out (a transfer that is not an object has no ends), once per
	# transfer rather than a call per end.
	ends := {true: transfer, false: {}}[is_object(transfer)]
	some end in ["from", "to"]
	not object.get(ends, end, null) in declared_ids
}

# Indexes of data_locations whose id an earlier entry already has, each with the index of
# the first entry that has it. Looked for only when the places have fewer distinct ids than
# entries: with as many, no two share one (the usual case skips a pass per place, 38
# allocations a case with four places).
duplicate_ids[index] := first if {
	count(declared_ids) < count(facts.data_locations)
	some index, location in facts.data_locations
	is_string(location.id)
	earlier := [other |
		some other, previous in facts.data_locations
		other < index
		previous.id == location.id
	]
	count(earlier) > 0
	first := min(earlier)
}

# The declared ids for the messages, in a fixed order, or that there are none.
default ids_ja := "なし"

ids_ja := concat("、", sort(declared_ids)) if count(declared_ids) > 0

default ids_en := "none"

ids_en := concat(", ", sort(declared_ids)) if count(declared_ids) > 0

# METADATA
# title: 通信の送り元・送り先が個人情報の場所に書かれていない
# description: |
#   A transfer end must name a data_locations id. Cited items: SY-11 (servers under Japanese
#   law), because a place that is not declared has no country or governing law for
#   domestic.rego to check, so data could go abroad unseen; and SY-01 (特定相手以外との通信を
#   不可), because the case then does not say who the other party of the communication is,
#   so communication with the designated party only cannot be confirmed. Only the items of
#   the sections the case has are cited (result.finding narrows them).
# custom:
#   rule_id: transfer-endpoint-unknown
#   checklist_ids:
#     [EC-P-SY-01, EC-W-SY-01, EC-P-SY-11, EC-W-SY-11, OS-P-SY-01, OS-W-SY-01, OS-P-SY-11, OS-W-SY-11]
#   severity: error
#   message_ja: "通信「%[1]s」の%[2]s（%[4]s）「%[5]s」が、個人情報を保存・処理する場所（data_locations）に\
#     ありません。どこに送るのか分からないと、国内の法が適用される環境か、特定の相手だけとの通信かを確かめられません。\
#     その場所を data_locations に書き加えるか、%[4]s を data_locations の id（%[6]s）のどれかに直してください。"
#   message_en: "The %[3]s (%[4]s) \"%[5]s\" of the transfer \"%[1]s\" is not a place listed in data_locations. \
#     Without it nobody can confirm that the data stays under Japanese law and goes to the designated party only. \
#     Add the place to data_locations, or set %[4]s to one of the data_locations ids (%[7]s)."
deny contains violation if {
	some [index, end] in unknown_ends
	transfer := transfer_list[index]
	violation := result.finding(
		rego.metadata.rule(),
		["transfers", index, end],
		[
			facts.transfer_route(transfer, facts.data_locations),
			end_ja[end],
			end_en[end],
			end,
			facts.shown(transfer, end),
			ids_ja,
			ids_en,
		],
	)
}

# METADATA
# title: 個人情報の場所の id が重なっている
# description: |
#   Two data_locations with the same id make a transfer that names it ambiguous: which of the
#   two places (with which country and law) receives the data is not said. The same items
#   as transfer-endpoint-unknown are cited (SY-11 and SY-01), for the same reason. The
#   finding points at every entry after the first that has the id.
# custom:
#   rule_id: data-location-id-duplicate
#   checklist_ids:
#     [EC-P-SY-01, EC-W-SY-01, EC-P-SY-11, EC-W-SY-11, OS-P-SY-01, OS-W-SY-01, OS-P-SY-11, OS-W-SY-11]
#   severity: error
#   message_ja: "個人情報を保存・処理する場所「%[1]s」の id「%[2]s」は、%[3]d 番目の場所「%[4]s」と同じです。\
#     id が重なると、通信（transfers）がどちらの場所を指すのか分かりません。\
#     場所ごとに違う id を付け、transfers の from と to もそれに合わせて直してください。"
#   message_en: "Location \"%[1]s\" has the id \"%[2]s\", which location %[3]d (\"%[4]s\") already has. \
#     A transfer naming it could mean either place. Give each location its own id and update from and to in transfers."
deny contains violation if {
	some index, first in duplicate_ids
	location := facts.data_locations[index]
	violation := result.finding(
		rego.metadata.rule(),
		["data_locations", index, "id"],
		[
			facts.shown(location, "name"),
			location.id,
			first + 1,
			facts.shown(facts.data_locations[first], "name"),
		],
	)
}

roles contains location.role if some location in facts.data_locations

# METADATA
# title: 外部結合に個人情報の通信がない
# description: |
#   An external connection exists to move personal data; with no transfer no rule about the
#   route (SY-01, SY-03) or the places it reaches (SY-07, SY-11) has anything to judge.
# custom:
#   rule_id: connection-transfer-missing
#   checklist_ids: [EC-P-SY-01, EC-W-SY-01, EC-P-SY-03, EC-W-SY-03]
#   severity: error
#   message_ja: "外部結合がありますが、個人情報の通信（transfers）が1件もありません。\
#     区の端末から結合の相手方までの経路（送り元、送り先、回線、暗号化）を transfers に書いてください。"
#   message_en: "The case has an external connection but no transfer of personal data (transfers). \
#     Describe the route from the ward's device to the partner (from, to, network, encryption) in transfers."
deny contains violation if {
	"external_connection" in facts.sections
	count(transfer_list) == 0
	violation := result.finding(rego.metadata.rule(), ["transfers"], [])
}

# METADATA
# title: 外部結合の相手方の場所がない
# description: |
#   The partner's service is where the connection leads: a data location with role partner
#   that a transfer reaches (a partner place no transfer reaches is a decoy).
# custom:
#   rule_id: connection-partner-location-missing
#   checklist_ids: [EC-P-SY-07, EC-W-SY-07, EC-P-SY-11, EC-W-SY-11]
#   severity: error
#   message_ja: "外部結合の相手方のサービスが、通信（transfers）の届く個人情報の場所（data_locations）に role \"partner\" \
#     として書かれていません。相手方のサーバ（国、適用される法、保存時の暗号化）を data_locations に書き、通信の送り先にしてください。"
#   message_en: "No transfer reaches a data location with role \"partner\" (the connection partner's service). \
#     Add the partner's servers (country, law, encryption at rest) to data_locations and route the transfer there."
deny contains violation if {
	"external_connection" in facts.sections
	count(transfer_list) > 0 # with none, connection-transfer-missing says it
	not partner_reached
	violation := result.finding(rego.metadata.rule(), ["data_locations"], [])
}

# A partner place that no transfer reaches would be a decoy: the data would go elsewhere.
partner_reached if {
	some location in facts.data_locations
	location.role == "partner"
	location.id in facts.transfer_ends
}

# METADATA
# title: 決定した委託先の場所がない
# description: With the contractor decided, where it handles the data must be a data location with role contractor.
# custom:
#   rule_id: contractor-location-missing
#   checklist_ids: [OS-P-SY-07, OS-W-SY-07, OS-P-SY-11, OS-W-SY-11]
#   severity: error
#   message_ja: "委託先「%[1]s」が決まっていますが、委託先が個人情報を扱う場所が data_locations に role \"contractor\" \
#     として書かれていません。委託先の端末・サーバを data_locations に書いてください。"
#   message_en: "The contractor \"%[1]s\" is decided, but no data location has role \"contractor\". \
#     Add the contractor's devices and servers to data_locations."
deny contains violation if {
	facts.case.outsourcing.contractor.status == "決定"
	not "contractor" in roles
	violation := result.finding(
		rego.metadata.rule(),
		["data_locations"],
		[facts.shown(facts.case.outsourcing.contractor, "name")],
	)
}
