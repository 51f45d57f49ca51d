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

# A METADATA with some fields but not all takes the way that names the gap, keeping the rest.
test_finding_from_partial_metadata_names_the_gap if {
	finding := result.finding({"title": "t", "custom": {"rule_id": "r", "severity": "warning"}}, ["submitted_on"], [])
	finding.rule_id == "r"
	finding.title == "t"
	finding.severity == "warning"
	finding.message_ja == "METADATA に message_ja がありません"
	finding.message_en == "METADATA has no message_en"
}

test_finding_for_from_incomplete_metadata_still_reports if {
	finding := result.finding_for({"custom": {"checklist_ids": ["OS-W-OP-01"]}}, ["outsourcing"], [], {"OS-W-OP-01"}) with input as {"case": {"outsourcing": {}}}
	finding.rule_id == "metadata-missing-rule-id"
	finding.checklist_ids == ["OS-W-OP-01"]
	finding.pointer == "/outsourcing"
}

# A path that needs escaping is written by facts.pointer's slower way, with the rule's own METADATA.
test_finding_escapes_an_unusual_path if {
	finding := result.finding(annotations, ["data_locations", 0, "a/b~c"], [])
	finding.pointer == "/data_locations/0/a~1b~0c"
	finding.rule_id == annotations.custom.rule_id
	other := result.finding_for(annotations, ["x/y"], [], [])
	other.pointer == "/x~1y"
	other.rule_id == annotations.custom.rule_id
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

# findings_for builds what finding_for builds for each entry, whichever way it takes: the usual
# one ("all", ids as a set, plain paths) or finding_for's for the rest.
test_findings_for_is_finding_for_for_each if {
	all_items := object.union(annotations, {"custom": {"checklist_ids": "all"}})
	usual := [
		[["system_measures", "ward"], ["a", "b", "c"], {"OS-W-SY-01", "EC-W-SY-01", "XX-1"}],
		[["data_locations", 2], ["d", "e", "f"], {"OS-P-SY-07"}],
	]
	unusual := array.concat(usual, [[["system_measures", "a/b"], ["g", "h", "i"], {"OS-W-SY-02"}]])
	listed := array.concat(usual, [[["outsourcing"], [], ["OS-W-OP-01"]]])
	every declared in [all_items, annotations, {"title": "t", "custom": {"checklist_ids": "all"}}] {
		every found in [usual, unusual, listed] {
			findings := result.findings_for(declared, found) with input as {"case": {"outsourcing": {}}}
			count(findings) == count(found)
			findings == {result.finding_for(declared, path, params, ids) | some [path, params, ids] in found} with input as {"case": {"outsourcing": {}}}
		}
	}
}

test_findings_for_cites_the_present_sections if {
	all_items := object.union(annotations, {"custom": {"checklist_ids": "all"}})
	findings := result.findings_for(all_items, [[["system_measures", "ward"], ["a", "b", "c"], {"OS-W-SY-01", "EC-W-SY-01"}]]) with input as {"case": {"outsourcing": {}}}
	[f.checklist_ids | some f in findings] == [["OS-W-SY-01"]]
	[f.pointer | some f in findings] == ["/system_measures/ward"]
}

# finding narrows the ids itself on its usual way; it cites what checklist_ids cites on every path.
test_finding_cites_as_checklist_ids if {
	paths := [
		["assumptions"], ["data_locations", 0, "country"], ["outsourcing"], ["outsourcing", "period", "start"], ["external_connection", "period"],
		["external_connection", "checklist", "EC-W-SY-11", "answer"], ["outsourcing", "checklist", "XX-1"], [0, "x"], [],
	]
	every declared in [annotations.custom.checklist_ids, [], "all", ["XX-1", "OS-W-SY-11", "OS-W-SY-11"]] {
		every path in paths {
			declaring := object.union(annotations, {"custom": {"checklist_ids": declared}})
			finding := result.finding(declaring, path, []) with input as {"case": {"outsourcing": {}}}
			finding.checklist_ids == result.checklist_ids(declared, path) with input as {"case": {"outsourcing": {}}}
		}
	}
}
