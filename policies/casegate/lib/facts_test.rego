package casegate.lib.facts_test

import data.casegate.lib.facts

test_pointer_escapes_tilde_before_slash if {
	facts.pointer(["outsourcing", "checklist", "a/b~c"]) == "/outsourcing/checklist/a~1b~0c"
}

test_pointer_writes_indexes_and_the_root if {
	facts.pointer(["data_locations", 2, "country"]) == "/data_locations/2/country"
	facts.pointer([]) == ""
}

# A path too long for the one-sprintf way, and one whose segments need escaping, take the other.
test_pointer_writes_any_path if {
	facts.pointer(["a", 1, "b", 2, "c", 3, "d", 4, "e/f"]) == "/a/1/b/2/c/3/d/4/e~1f"
	facts.pointer(["a", "b~", 0]) == "/a/b~0/0"
	facts.pointer(["a/", 0]) == "/a~1/0"
}

test_date_ns_reads_only_real_dates_written_yyyy_mm_dd if {
	facts.date_ns("2026-05-01") == time.parse_ns("2006-01-02", "2026-05-01")
	not facts.date_ns("2026-02-30")
	not facts.date_ns("2026-04-31")
	not facts.date_ns("2026-13-01")
	not facts.date_ns("2026-5-1")
	not facts.date_ns("2026-05-01T00:00:00Z")
	not facts.date_ns("令和8年5月1日")
	not facts.date_ns(20260501)
}

test_last_days_of_months_and_leap_years if {
	facts.date_ns("2026-02-28")
	not facts.date_ns("2026-02-29")
	not facts.date_ns("2028-02-30")
	every month in ["01", "03", "05", "07", "08", "10", "12"] {
		facts.date_ns(concat("-", ["2026", month, "31"]))
	}
	every month in ["04", "06", "09", "11"] {
		facts.date_ns(concat("-", ["2026", month, "30"]))
		not facts.date_ns(concat("-", ["2026", month, "31"]))
	}
	every year in ["1904", "1996", "2000", "2012", "2028", "2096", "2104", "2196"] {
		facts.date_ns(concat("-", [year, "02", "29"]))
	}
	every year in ["1900", "1901", "2026", "2100", "2102", "2199"] {
		not facts.date_ns(concat("-", [year, "02", "29"]))
	}
}

test_dates_are_read_from_1900_to_2199 if {
	facts.date_ns("1900-01-01")
	facts.date_ns("2199-12-31")
	not facts.date_ns("1899-12-31")
	not facts.date_ns("2200-01-01")
	not facts.date_ns("2026-00-10")
	not facts.date_ns("2026-05-00")
	not facts.date_ns("2026-05-01\n")
}

test_days_after_crosses_months_and_years if {
	facts.date_text(facts.days_after(facts.date_ns("2027-03-31"), 30)) == "2027-04-30"
	facts.date_text(facts.days_after(facts.date_ns("2026-12-15"), 30)) == "2027-01-14"
}

test_display_shows_strings_as_written_and_the_rest_as_json if {
	facts.display("未定") == "未定"
	facts.display(null) == "null"
	facts.display(["ISMS"]) == "[\"ISMS\"]"
}

test_field_and_shown_never_fail if {
	facts.field({"name": "box"}, "name") == "box"
	facts.field({}, "name") == null
	facts.field("not an object", "name") == null
	facts.shown({"approximate": 200}, "approximate") == "200"
	facts.shown([], "name") == "null"
}

test_non_blank_rejects_full_width_spaces if {
	facts.non_blank("電子データのみの取扱いのため")
	not facts.non_blank(" 　\t")
	not facts.non_blank(42)
}

test_section_of_reads_the_id_prefix if {
	facts.section_of("EC-W-SY-11") == "external_connection"
	facts.section_of("OS-P-OP-03") == "outsourcing"
	not facts.section_of("XX-W-OP-01")
}

# A section that is not an object is not a section the case has.
test_sections_are_the_object_sections if {
	facts.sections == {"outsourcing"} with input as {"case": {"outsourcing": {}, "external_connection": "別紙"}}
}

test_case_that_is_not_an_object_is_judged_as_empty if {
	facts.case == {} with input as {"case": "R8-kikaku"}
	facts.sections == set() with input as {"case": "R8-kikaku"}
}

test_personal_data_locations_keep_or_process if {
	locations := [
		{"stores_personal_data": true, "processes_personal_data": false},
		{"stores_personal_data": false, "processes_personal_data": true},
		{"stores_personal_data": false, "processes_personal_data": false},
		"not an object",
	]
	facts.storing_locations == {0} with input as {"case": {"data_locations": locations}}
	facts.personal_data_locations == {0, 1} with input as {"case": {"data_locations": locations}}
}

test_transfer_route_uses_location_names if {
	locations := [{"id": "pc", "name": "区のPC"}, {"id": "box", "name": "Box"}, {"id": "box", "name": "Box（重複）"}]
	facts.transfer_route({"from": "pc", "to": "box"}, locations) == "区のPC → Box"
	facts.transfer_route({"from": "pc", "to": "nas"}, locations) == "区のPC → nas"
	facts.transfer_route({}, locations) == "null → null"
}

test_data_locations_that_are_not_a_list_are_none if {
	facts.data_locations == [] with input as {"case": {"data_locations": {"box": {}}}}
}

test_visible_refuses_invisible_only_strings if {
	every text in ["", " ", "　", "\u200b", "\u2060", "\u3164", "\u115f", "\u1160", "\uffa0", "\u2800", "\ufeff", "\u00ad", "\t\n", 5] {
		not facts.visible(text)
	}
}

test_visible_accepts_one_visible_character if {
	facts.visible("a")
	facts.visible("\u200bあ")
}

test_invisible_found_names_the_code_point if {
	facts.invisible_found("\u200b") == "U+200B"
	facts.invisible_found("  \u3164") == "U+3164"
	facts.invisible_found("\u00ad") == "U+00AD"
	facts.invisible_found("\t") == "U+0009"
	facts.invisible_found("\udb40\udc20") == "U+E0020"
	facts.invisible_found("   ") == "U+0020"
}

# A place with no flag and a role that needs none still holds personal data when a transfer reaches it.
test_transfer_end_holds_personal_data if {
	case := {
		"data_locations": [{"id": "api", "role": "other_processor"}, {"id": "idle", "role": "other_processor"}],
		"transfers": [{"from": "x", "to": "api"}],
	}
	facts.personal_data_locations == {0} with input as {"case": case}
}

test_visible_pattern_is_the_invisible_class_negated if {
	facts.visible_pattern == concat("", ["[^", substring(facts.invisible_pattern, 1, -1)])
}

# result.checklist_ids tells a path inside a section by its first key's prefix.
test_every_section_has_a_prefix if {
	object.keys(facts.section_prefix) == facts.section_names
}

# The side item ids written out are those side_prefixes and sy_numbers give, for any sections.
test_side_item_ids_are_the_prefixes_and_numbers if {
	every case in [{"external_connection": {}, "outsourcing": {}}, {"outsourcing": {}}, {"external_connection": {}}, {}] {
		derived := {side: {number: {concat("", [prefix, number]) | some section, prefix in prefixes; is_object(case[section])} |
			some number in facts.sy_numbers
		} |
			some side, prefixes in facts.side_prefixes
		}
		facts.side_item_ids == derived with input as {"case": case}
	}
}
