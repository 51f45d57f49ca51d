package casegate.lib.result_test

import data.casegate.lib.result

annotations := {
	"title": "テスト",
	"custom": {
		"rule_id": "test-rule",
		"checklist_ids": ["EC-W-SY-11", "OS-P-SY-11", "OS-W-SY-11", "EC-P-SY-11"],
		"severity": "warning",
		"message_ja": "%[1]s は %[3]s",
		"message_en": "%[2]s is %[3]s",
	},
}

both_sections := {"case": {"external_connection": {}, "outsourcing": {}}}

test_finding_is_built_from_the_annotations if {
	finding := result.finding(annotations, ["data_locations", 0, "country"], ["所在国", "country", "US"]) with input as both_sections
	finding == {
		"rule_id": "test-rule",
		"title": "テスト",
		"checklist_ids": ["EC-P-SY-11", "EC-W-SY-11", "OS-P-SY-11", "OS-W-SY-11"],
		"severity": "warning",
		"message_ja": "所在国 は US",
		"message_en": "country is US",
		"pointer": "/data_locations/0/country",
	}
}

test_finding_outside_sections_cites_only_the_sections_the_case_has if {
	finding := result.finding(annotations, ["data_locations", 0], []) with input as {"case": {"outsourcing": {}}}
	finding.checklist_ids == ["OS-P-SY-11", "OS-W-SY-11"]
}

test_finding_in_a_section_cites_that_section if {
	finding := result.finding(annotations, ["outsourcing", "period", "start"], []) with input as both_sections
	finding.checklist_ids == ["OS-P-SY-11", "OS-W-SY-11"]
}

test_finding_in_a_checklist_cites_that_item if {
	finding := result.finding(annotations, ["external_connection", "checklist", "EC-W-SY-11", "answer"], []) with input as both_sections
	finding.checklist_ids == ["EC-W-SY-11"]
}

test_all_declares_every_catalogue_item if {
	all_items := object.union(annotations, {"custom": {"checklist_ids": "all"}})
	finding := result.finding(all_items, ["outsourcing", "checklist", "OS-W-OP-08", "reason"], []) with input as both_sections
	finding.checklist_ids == ["OS-W-OP-08"]
}

test_all_outside_a_checklist_cites_every_item_of_the_section if {
	all_items := object.union(annotations, {"custom": {"checklist_ids": "all"}})
	finding := result.finding(all_items, ["outsourcing"], []) with input as both_sections
	count(finding.checklist_ids) == 48
	every id in finding.checklist_ids {
		startswith(id, "OS-")
	}
}

test_item_not_declared_is_not_cited if {
	finding := result.finding(annotations, ["outsourcing", "checklist", "OS-W-OP-01", "answer"], []) with input as both_sections
	finding.checklist_ids == []
}

# A typo in a rule's METADATA must not make a deny rule pass the case silently.
test_finding_from_incomplete_metadata_still_reports if {
	finding := result.finding({}, ["submitted_on"], [])
	finding == {
		"rule_id": "metadata-missing-rule-id",
		"title": "METADATA に title がありません",
		"checklist_ids": [],
		"severity": "error",
		"message_ja": "METADATA に message_ja がありません",
		"message_en": "METADATA has no message_en",
		"pointer": "/submitted_on",
	}
}

# finding_for cites declared ids only: ids given as a list are narrowed as a set would be, and
# a declaration that is neither "all" nor a list declares nothing.
test_finding_for_narrows_any_ids if {
	all_items := object.union(annotations, {"custom": {"checklist_ids": "all"}})
	listed := result.finding_for(all_items, ["outsourcing"], [], ["OS-W-OP-01", "EC-W-OP-01", "XX-1"]) with input as {"case": {"outsourcing": {}}}
	listed.checklist_ids == ["OS-W-OP-01"]
	odd := object.union(annotations, {"custom": {"checklist_ids": "OS-W-OP-01"}})
	nothing := result.finding_for(odd, ["outsourcing"], [], {"OS-W-OP-01"}) with input as {"case": {"outsourcing": {}}}
	nothing.checklist_ids == []
}
