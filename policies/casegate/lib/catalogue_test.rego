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
