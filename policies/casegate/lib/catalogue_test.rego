package casegate.lib.catalogue_test

import data.casegate.lib.catalogue

# The four checklists of the seed proposal: 16 + 16 external connection items and
# 24 + 24 outsourcing items.
test_ids_by_section_splits_the_catalogue if {
	count(catalogue.ids_by_section.external_connection) == 32
	count(catalogue.ids_by_section.outsourcing) == 48
	every id in catalogue.ids_by_section.external_connection {
		startswith(id, "EC-")
	}
	every id in catalogue.ids_by_section.outsourcing {
		startswith(id, "OS-")
	}
}

# The ids written out for speed are the catalogue's, section by section.
test_written_ids_are_the_catalogues if {
	catalogue.written_ids_by_section == catalogue.derived_ids_by_section
	catalogue.written_count == count(catalogue.items)
}

# A catalogue that changed without them is not judged by stale ids.
test_a_changed_catalogue_is_derived_from if {
	items := object.union(data.casegate.catalogue.items, {"OS-W-OP-99": {"section": "outsourcing"}})
	ids := catalogue.ids_by_section with data.casegate.catalogue.items as items
	"OS-W-OP-99" in ids.outsourcing
	count(ids.external_connection) == 32
}
