# METADATA
# description: |
#   Facts about the case being judged (input.case) that several rule packages share, and
#   small pure helpers for dates, JSON pointers and values shown in messages.
#   Every helper is total: on a missing field or a value of the wrong type it is undefined
#   (or false), never a runtime error, because an error would leave the decision undefined
#   and the CLI treats an undefined decision as an engine failure.
package casegate.lib.facts

# The Python side validates the schema before asking, but the policy must still answer for a
# partial case, so anything that is not an object is judged as an empty case.
default case := {}

case := input.case if is_object(input.case)

section_names := {"external_connection", "outsourcing"}

# A section's rules apply only when the case has that section.
# A set built in one comprehension rather than a set rule (as Regal would have it): the rules
# read it some thirty times a case, and each read of a set rule costs OPA more than a read of a
# value built once (seed -104, clean -95 allocations).
# regal ignore:prefer-set-or-object-rule
sections := {name | some name in section_names; is_object(case[name])}

section_ja := {"external_connection": "外部結合", "outsourcing": "業務委託"}

section_en := {"external_connection": "external connection", "outsourcing": "outsourcing"}

# Catalogue ids start with the section they belong to: EC-W-SY-11 is an external connection item.
section_prefix := {"external_connection": "EC-", "outsourcing": "OS-"}

# The id prefixes of the sections the case has: an id with one of them is about this case.
# (One comprehension, as sections is.)
# regal ignore:prefer-set-or-object-rule
present_prefixes := {section_prefix[section] | some section in sections}

# section_of is the case section a catalogue id belongs to.
section_of(id) := section if {
	some section, prefix in section_prefix
	startswith(id, prefix)
}

default data_locations := []

data_locations := case.data_locations if is_array(case.data_locations)

# transfer_route names a transfer's two ends for a message, "区イントラネットパソコン → 委託先PC":
# by the name of the data location each id refers to, or by the id when none has it.
transfer_route(transfer, locations) := concat(" → ", [
	location_name(locations, field(transfer, "from")),
	location_name(locations, field(transfer, "to")),
])

# The first name found: ids are not required to be unique, and a lookup that found two
# would be a conflict error rather than a message.
location_name(locations, id) := names[0] if {
	names := [location.name | some location in locations; location.id == id; is_string(location.name)]
	count(names) > 0
} else := display(id)

# The value an author writes for a fact not known yet. It is never read as false: rules that
# need the fact treat it as "not shown", and rules/unknown.rego warns about it before the
# start date and fails the case after it.
unknown := "不明"

# Indexes of the data_locations entries that keep personal data (at rest).
storing_locations contains index if {
	some index, location in data_locations
	location.stores_personal_data == true
}

# Indexes of the data_locations entries where personal data is: flagged as keeping or
# processing it, a backup or replica, or an end of any transfer. Every transfer in the case
# carries personal data, so no flag can take its ends out of the place rules (SY-07, SY-11).
# One pass over the places; personal_data_here stops at the first reason that holds. (One
# comprehension, as sections is: the place rules ask it for a member; seed -21.)
# regal ignore:prefer-set-or-object-rule
personal_data_locations := {index | some index, location in data_locations; personal_data_here(location)}

personal_data_here(location) if location.stores_personal_data == true

personal_data_here(location) if location.processes_personal_data == true

# Every place with a role other than "other_processor" handles personal data by what it is:
# the ward's devices, the partner's service, the contractor's and subcontractors' places,
# backups and replicas. Only an "other processor" may be listed without personal data.
personal_data_here(location) if location.role in {"ward", "partner", "contractor", "subcontractor", "backup"}

personal_data_here(location) if location.id in transfer_ends

transfer_ends contains id if {
	some transfer in case.transfers
	some end in ["from", "to"]
	id := transfer[end]
}

# A third party's place is one the ward does not run itself, any role but "ward": a file
# password alone does not protect data there. The place rules write it as
# `not location.role == "ward"` where they test a place (a function call per place cost ~25
# allocations a case).

# The sides whose system measures the case must state, and the checklist prefixes whose SY
# items each side's measures back.
side_prefixes := {
	"ward": {"external_connection": "EC-W-", "outsourcing": "OS-W-"},
	"partner": {"external_connection": "EC-P-"},
	"contractor": {"outsourcing": "OS-P-"},
}

sy_numbers := {"SY-01", "SY-02", "SY-03", "SY-04", "SY-05", "SY-06", "SY-07", "SY-08", "SY-09", "SY-10", "SY-11"}

# side_item_ids[side][number] are the checklist ids of item `number` (e.g. "SY-06") for one
# side, in the sections the case has. They are written out (facts_test.rego derives them from
# side_prefixes and sy_numbers): built with a concat an id, a side's table cost some 480
# allocations in every case with a measure finding. A case with both sections has them all;
# one with a single section keeps those with its prefix. One value rather than an object rule
# read by side (-48 a case with a measure finding).
side_item_ids := written_side_item_ids if {
	count(sections) == count(section_names)
} else := {side: {number: {id | some id in all_ids; strings.any_prefix_match(id, present_prefixes)} |
	some number, all_ids in ids
} |
	some side, ids in written_side_item_ids
}

written_side_item_ids := {
	"ward": {
		"SY-01": {"EC-W-SY-01", "OS-W-SY-01"},
		"SY-02": {"EC-W-SY-02", "OS-W-SY-02"},
		"SY-03": {"EC-W-SY-03", "OS-W-SY-03"},
		"SY-04": {"EC-W-SY-04", "OS-W-SY-04"},
		"SY-05": {"EC-W-SY-05", "OS-W-SY-05"},
		"SY-06": {"EC-W-SY-06", "OS-W-SY-06"},
		"SY-07": {"EC-W-SY-07", "OS-W-SY-07"},
		"SY-08": {"EC-W-SY-08", "OS-W-SY-08"},
		"SY-09": {"EC-W-SY-09", "OS-W-SY-09"},
		"SY-10": {"EC-W-SY-10", "OS-W-SY-10"},
		"SY-11": {"EC-W-SY-11", "OS-W-SY-11"},
	},
	"partner": {
		"SY-01": {"EC-P-SY-01"},
		"SY-02": {"EC-P-SY-02"},
		"SY-03": {"EC-P-SY-03"},
		"SY-04": {"EC-P-SY-04"},
		"SY-05": {"EC-P-SY-05"},
		"SY-06": {"EC-P-SY-06"},
		"SY-07": {"EC-P-SY-07"},
		"SY-08": {"EC-P-SY-08"},
		"SY-09": {"EC-P-SY-09"},
		"SY-10": {"EC-P-SY-10"},
		"SY-11": {"EC-P-SY-11"},
	},
	"contractor": {
		"SY-01": {"OS-P-SY-01"},
		"SY-02": {"OS-P-SY-02"},
		"SY-03": {"OS-P-SY-03"},
		"SY-04": {"OS-P-SY-04"},
		"SY-05": {"OS-P-SY-05"},
		"SY-06": {"OS-P-SY-06"},
		"SY-07": {"OS-P-SY-07"},
		"SY-08": {"OS-P-SY-08"},
		"SY-09": {"OS-P-SY-09"},
		"SY-10": {"OS-P-SY-10"},
		"SY-11": {"OS-P-SY-11"},
	},
}

# The earliest start date among the sections, as nanoseconds: before it nothing has started.
first_start_ns := min({ns |
	some section in sections
	ns := date_ns(case[section].period.start)
})

# as_of_ns is the evaluation date given by the caller, as nanoseconds since the epoch.
as_of_ns := date_ns(input.as_of)

# date_ns reads a calendar date written YYYY-MM-DD. It is undefined for anything else,
# including dates that do not exist (2026-02-30) and other layouts (2026-5-1). The date is
# checked before it is parsed because time.parse_ns raises an error on a bad date, and an
# error (when OPA runs with strict builtin errors) would fail the whole batch.
#
# 1900-01-01..2199-12-31, casegate's one date range (the schema's and --as-of's too): OPA's
# nanosecond time ends in 2262, and days are added to these dates. One pattern says which days
# each month has: 31 for 01, 03, 05, 07, 08, 10, 12; 30 for 04, 06, 09, 11; 28 for 02, and
# (its second alternative) 02-29 in a leap year (divisible by 4; of 1900, 2000 and 2100 only
# 2000). It starts with the range's year pattern, as the schema's does. A single regex.match
# rather than a month-length table: dates are read several times a case, and the table's
# function calls cost some thirty allocations a date (facts_test.rego checks the edges). The
# pattern is written in the call, as a rule it would be looked up at every date, and in
# date_ns itself rather than in a function of its own (an is_date call a date: -40 a case).
date_ns(value) := time.parse_ns("2006-01-02", value) if {
	is_string(value)

	# regal ignore:line-length
	regex.match(`^(19[0-9]{2}|2[01][0-9]{2})-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))$|^(?:19(?:0[48]|[2468][048]|[13579][26])|20(?:0[048]|[2468][048]|[13579][26])|21(?:0[48]|[2468][048]|[13579][26]))-02-29$`, value)
}

# date_text writes nanoseconds since the epoch as YYYY-MM-DD (UTC, as date_ns reads it).
date_text(ns) := time.format([ns, "UTC", "2006-01-02"])

# days_after is the date `days` calendar days after the date `ns`.
days_after(ns, days) := time.add_date(ns, 0, 0, days)

# pointer writes a path of keys and array indexes as an RFC 6901 JSON pointer. Every finding
# has one, so the usual path (at most eight segments, none with "~" or "/") is written by one
# sprintf and checked by two cheap calls; only a path that needs escaping takes the slower
# way, segment by segment. Both escapes are then made in one pass (strings.replace_n), so the
# "~1" written for "/" never becomes "~01".
pointer(path) := text if {
	text := sprintf(pointer_formats[count(path)], path)
	not contains(text, "~")
	strings.count(text, "/") == count(path)
} else := concat("/", array.concat([""], [escaped |
	some segment in path
	escaped := strings.replace_n(pointer_escapes, segment_text(segment))
]))

pointer_formats := [
	"", "/%v", "/%v/%v", "/%v/%v/%v", "/%v/%v/%v/%v", "/%v/%v/%v/%v/%v", "/%v/%v/%v/%v/%v/%v",
	"/%v/%v/%v/%v/%v/%v/%v", "/%v/%v/%v/%v/%v/%v/%v/%v",
]

pointer_escapes := {"~": "~0", "/": "~1"}

# segment_text is a segment as text: sprintf's %v writes a string as it is, so the pointer's
# one sprintf and this write every segment alike.
segment_text(segment) := segment if {
	is_string(segment)
} else := sprintf("%v", [segment])

# display shows a case value inside a message: strings as they are, anything else
# (numbers, booleans, null for a missing field) as JSON.
display(value) := value if {
	is_string(value)
} else := json.marshal(value)

# field is obj[key], or null when the key is missing or obj is not an object. Rules pass
# field(x, "k") rather than x.k to `in` and to functions under `not`: OPA evaluates such an
# argument before the negation, so an undefined x.k would make the rule silently not fire.
field(obj, key) := object.get(obj, key, null) if {
	is_object(obj)
} else := null

# shown is obj[key] as display writes it ("null" when missing), so a message can always be
# written. The usual value, a string in an object, is returned without display's and field's
# calls (some twenty a case, each a function call); anything else goes through them.
shown(obj, key) := value if {
	is_object(obj)
	value := obj[key]
	is_string(value)
} else := display(field(obj, key))

# Characters that show nothing: white space, format characters (zero-width space U+200B,
# word joiner U+2060, the BOM ...), controls, combining marks with no base, and the fillers
# that fonts draw as blank (Hangul fillers U+115F, U+1160, U+3164, U+FFA0, Braille blank U+2800).
invisible_pattern := `[\s\p{Z}\p{Cf}\p{Cc}\p{Mn}\p{Me}\x{115F}\x{1160}\x{3164}\x{FFA0}\x{2800}]`

# visible holds for a string with at least one character that shows something.
visible(value) if {
	is_string(value)
	regex.match(visible_pattern, value)
}

# invisible_pattern negated, written out: derived, it would be built again for every case of a
# batch (facts_test.rego checks that the two stay the same class).
visible_pattern := `[^\s\p{Z}\p{Cf}\p{Cc}\p{Mn}\p{Me}\x{115F}\x{1160}\x{3164}\x{FFA0}\x{2800}]`

# non_blank is visible (kept for the rules that say "not blank").
non_blank(value) if visible(value)

# invisible_found names the first character of a string that shows nothing and is not a plain
# space, as U+XXXX, so the clerk can find it: "U+200B". A string of plain spaces names U+0020.
invisible_found(value) := code_point_text(found[0]) if {
	found := regex.find_n(`[^ ]`, value, 1)
	count(found) == 1
} else := "U+0020"

# code_point_text writes one character as U+XXXX, read from its UTF-8 bytes (Rego has no ord).
code_point_text(char) := sprintf("U+%04X", [code_point(bytes)]) if {
	bytes := [to_number(hex_value(pair)) | some pair in regex.find_n(`..`, hex.encode(char), -1)]
}

hex_value(pair) := (hex_digit[substring(pair, 0, 1)] * 16) + hex_digit[substring(pair, 1, 1)]

hex_digit := {
	"0": 0, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6, "7": 7, "8": 8, "9": 9,
	"a": 10, "b": 11, "c": 12, "d": 13, "e": 14, "f": 15,
}

code_point([b]) := b

code_point([b1, b2]) := ((b1 - 192) * 64) + (b2 - 128)

code_point([b1, b2, b3]) := (((b1 - 224) * 4096) + ((b2 - 128) * 64)) + (b3 - 128)

code_point([b1, b2, b3, b4]) := ((((b1 - 240) * 262144) + ((b2 - 128) * 4096)) + ((b3 - 128) * 64)) + (b4 - 128)
