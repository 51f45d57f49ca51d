package casegate.lib.date_range_test

import data.casegate.lib.facts

# casegate's one date range, 1900-01-01..2199-12-31, at both edges: inside, a date is read and
# days can be added to it; outside, it is not a date (the schema refuses it before OPA sees it).
test_first_and_last_dates_are_read if {
	facts.date_ns("1900-01-01") == time.parse_ns("2006-01-02", "1900-01-01")
	facts.date_ns("2199-12-31") == time.parse_ns("2006-01-02", "2199-12-31")
}

test_the_last_date_leaves_room_for_arithmetic if {
	facts.date_text(facts.days_after(facts.date_ns("2199-12-31"), 3650)) == "2209-12-29"
	facts.date_text(facts.days_after(facts.date_ns("1900-01-01"), -1)) == "1899-12-31"
}

test_dates_outside_the_range_are_not_dates if {
	not facts.date_ns("1899-12-31")
	not facts.date_ns("2200-01-01")
	not facts.date_ns("2262-04-12")
	not facts.date_ns("2999-12-31")
}
