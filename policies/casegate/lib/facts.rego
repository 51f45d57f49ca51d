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
sections contains name if {
	some name in section_names
	is_object(case[name])
}

section_ja := {"external_connection": "外部結合", "outsourcing": "業務委託"}

section_en := {"external_connection": "external connection", "outsourcing": "outsourcing"}

# Catalogue ids start with the section they belong to: EC-W-SY-11 is an external connection item.
section_prefix := {"external_connection": "EC-", "outsourcing": "OS-"}

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

# Indexes of the data_locations entries that keep personal data (at rest).
storing_locations contains index if {
	some index, location in case.data_locations
	location.stores_personal_data == true
}

# Indexes of the data_locations entries that keep or process personal data: the places
# whose country and governing law matter.
personal_data_locations contains index if {
	some index in storing_locations
}

personal_data_locations contains index if {
	some index, location in case.data_locations
	location.processes_personal_data == true
}

# as_of_ns is the evaluation date given by the caller, as nanoseconds since the epoch.
as_of_ns := date_ns(input.as_of)

# date_ns reads a calendar date written YYYY-MM-DD. It is undefined for anything else,
# including dates that do not exist (2026-02-30) and other layouts (2026-5-1). The date is
# checked before it is parsed because time.parse_ns raises an error on a bad date, and an
# error (when OPA runs with strict builtin errors) would fail the whole batch.
date_ns(value) := time.parse_ns("2006-01-02", value) if is_date(value)

is_date(value) if {
	is_string(value)

	# 1900-01-01..2199-12-31, casegate's one date range (the schema's and --as-of's too): OPA's
	# nanosecond time ends in 2262, and days are added to these dates.
	regex.match(`^(19[0-9]{2}|2[01][0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$`, value)

	# Two-digit days compare correctly as text.
	substring(value, 8, 2) <= last_day(to_number(substring(value, 0, 4)), substring(value, 5, 2))
}

last_day(year, "02") := "29" if leap_year(year)

last_day(year, "02") := "28" if not leap_year(year)

last_day(_, month) := "30" if month in {"04", "06", "09", "11"}

last_day(_, month) := "31" if month in {"01", "03", "05", "07", "08", "10", "12"}

leap_year(year) if {
	year % 4 == 0
	year % 100 != 0
}

leap_year(year) if year % 400 == 0

# date_text writes nanoseconds since the epoch as YYYY-MM-DD (UTC, as date_ns reads it).
date_text(ns) := time.format([ns, "UTC", "2006-01-02"])

# days_after is the date `days` calendar days after the date `ns`.
days_after(ns, days) := time.add_date(ns, 0, 0, days)

# pointer writes a path of keys and array indexes as an RFC 6901 JSON pointer. "~" is
# escaped before "/", otherwise the "~1" written for "/" would become "~01".
pointer(path) := concat("", [sprintf("/%s", [escaped]) |
	some segment in path
	escaped := replace(replace(sprintf("%v", [segment]), "~", "~0"), "/", "~1")
])

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
# written.
shown(obj, key) := display(field(obj, key))

# non_blank holds for a string with at least one character that is not whitespace
# (full-width spaces included, as trim_space removes them).
non_blank(value) if {
	is_string(value)
	trim_space(value) != ""
}
