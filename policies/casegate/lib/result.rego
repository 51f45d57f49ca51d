# METADATA
# description: |
#   The one place a finding (violation or warning) is built. What is fixed per rule is
#   written once, in the rule's METADATA:
#
#     # METADATA
#     # title: <short Japanese title>
#     # description: <why the rule exists>
#     # custom:
#     #   rule_id: <stable kebab-case id>
#     #   checklist_ids: [<catalogue ids the rule enforces>]   (or: all)
#     #   severity: error | warning
#     #   message_ja: <sprintf template>
#     #   message_en: <sprintf template>
#
#   and the rule passes rego.metadata.rule(), the path of the offending field and the
#   message parameters. Both templates get the same parameters; use explicit argument
#   indexes (%[2]s) so that each language can use them in its own order or skip the
#   ones written for the other language.
package casegate.lib.result

import data.casegate.lib.catalogue
import data.casegate.lib.facts

# finding is one violation object. A rule whose METADATA lacks a field still produces a
# finding (one that names the gap) instead of silently producing nothing: a deny rule
# must never pass a case because of a typo in its METADATA.
# The first body is the usual finding: ids declared as a list, a path outside a checklist, the
# usual METADATA (see built for one with a gap) and the usual path, written as facts.pointer
# writes it without the call (a path that needs escaping goes to built). Its ids are narrowed as
# checklist_ids narrows them, to the path's section or else to the sections the case has, but
# without its call (seed -100, clean -93 allocations). The second is the checklist rules'
# finding, "all" declared and a path into a checklist item, which cites that item if the
# catalogue has it, as checklist_ids does but without its two calls (-34 a finding). The third
# takes any other declaration and path. (Longer than Regal's rule length:
# each body writes its object out, as a shared helper would be one more call a finding.)
# regal ignore:rule-length
finding(annotations, path, params) := {
	"rule_id": custom.rule_id,
	"title": annotations.title,
	"checklist_ids": sort([id | some id in declared; strings.any_prefix_match(id, prefixes)]),
	"severity": custom.severity,
	"message_ja": sprintf(custom.message_ja, params),
	"message_en": sprintf(custom.message_en, params),
	"pointer": pointer,
} if {
	not path[1] == "checklist"
	custom := annotations.custom
	declared := custom.checklist_ids
	is_array(declared)
	prefixes := object.get(facts.section_prefix, path[0], facts.present_prefixes)
	segments := count(path)
	pointer := sprintf(facts.pointer_formats[segments], path)
	indexof(pointer, "~") == -1
	strings.count(pointer, "/") == segments
} else := {
	"rule_id": custom.rule_id,
	"title": annotations.title,
	"checklist_ids": [path[2] | data.casegate.catalogue.items[path[2]]],
	"severity": custom.severity,
	"message_ja": sprintf(custom.message_ja, params),
	"message_en": sprintf(custom.message_en, params),
	"pointer": pointer,
} if {
	path[1] == "checklist"
	facts.section_prefix[path[0]]
	custom := annotations.custom
	custom.checklist_ids == "all"
	segments := count(path)
	pointer := sprintf(facts.pointer_formats[segments], path)
	indexof(pointer, "~") == -1
	strings.count(pointer, "/") == segments
} else := {
	"rule_id": custom.rule_id,
	"title": annotations.title,
	"checklist_ids": checklist_ids(object.get(custom, "checklist_ids", []), path),
	"severity": custom.severity,
	"message_ja": sprintf(custom.message_ja, params),
	"message_en": sprintf(custom.message_en, params),
	"pointer": pointer,
} if {
	custom := annotations.custom
	segments := count(path)
	pointer := sprintf(facts.pointer_formats[segments], path)
	indexof(pointer, "~") == -1
	strings.count(pointer, "/") == segments
} else := built(
	annotations,
	path,
	params,
	checklist_ids(object.get(annotations, ["custom", "checklist_ids"], []), path),
)

# finding_for is finding, citing only those of the declared ids that are also in `ids`: for a
# rule whose root cause breaks different items case by case (which clause is missing, which
# side lacks a measure), so that one finding names exactly the items its cause breaks.
finding_for(annotations, path, params, ids) := {
	"rule_id": custom.rule_id,
	"title": annotations.title,
	"checklist_ids": cited(object.get(custom, "checklist_ids", []), ids),
	"severity": custom.severity,
	"message_ja": sprintf(custom.message_ja, params),
	"message_en": sprintf(custom.message_en, params),
	"pointer": pointer,
} if {
	custom := annotations.custom
	segments := count(path)
	pointer := sprintf(facts.pointer_formats[segments], path)
	indexof(pointer, "~") == -1
	strings.count(pointer, "/") == segments
} else := built(
	annotations,
	path,
	params,
	cited(object.get(annotations, ["custom", "checklist_ids"], []), ids),
)

# findings_for is finding_for for each [path, params, ids] in `found`, in one call: a rule with
# several findings pays for one function call (some thirty allocations) instead of one a
# finding (the unknowns on the seed: -200). The usual case, a rule declaring "all" with ids as a
# set, METADATA without a gap and plain paths, is built here; anything else (a finding left out,
# so that the count differs) is built by finding_for, finding by finding.
findings_for(annotations, found) := fast if {
	custom := annotations.custom
	custom.checklist_ids == "all"
	fast := {{
		"rule_id": custom.rule_id,
		"title": annotations.title,
		"checklist_ids": sort(ids & present_ids),
		"severity": custom.severity,
		"message_ja": sprintf(custom.message_ja, params),
		"message_en": sprintf(custom.message_en, params),
		"pointer": pointer,
	} |
		some [path, params, ids] in found
		is_set(ids)
		segments := count(path)
		pointer := sprintf(facts.pointer_formats[segments], path)
		indexof(pointer, "~") == -1
		strings.count(pointer, "/") == segments
	}
	count(fast) == count(found)
} else := {finding_for(annotations, path, params, ids) | some [path, params, ids] in found}

# cited keeps the ids that are declared and belong to a section the case has. The section
# is told by the id's prefix (one builtin call per id) rather than by looking each id's
# section up: findings are built per case, thousands of times in a batch.
# "all" with a set of ids, the usual case, is the first branch rather than a call of its own.
cited(declared, ids) := sort(ids & present_ids) if {
	declared == "all"
	is_set(ids)
} else := sort([id |
	some id in ids
	data.casegate.catalogue.items[id]
	strings.any_prefix_match(id, facts.present_prefixes)
]) if {
	declared == "all"
} else := sort([id |
	some id in ids
	id in declared
	strings.any_prefix_match(id, facts.present_prefixes)
]) if {
	is_array(declared)
} else := []

# The catalogue ids of the sections the case has: every id is in its section's prefix
# (lib/catalogue_test.rego), so "all" narrowed by prefix is one set intersection.
present_ids := union({catalogue.ids_by_section[section] | some section in facts.sections})

# built writes the finding of a METADATA with a gap: a default names each missing field.
# (finding and finding_for write the usual finding themselves, each one object literal read by
# reference: a function call and object.get with a default per field cost allocations on every
# finding, and findings are built per case, thousands of times in a batch.)
built(annotations, path, params, ids) := {
	"rule_id": object.get(annotations, ["custom", "rule_id"], "metadata-missing-rule-id"),
	"title": object.get(annotations, "title", "METADATA に title がありません"),
	"checklist_ids": ids,
	"severity": object.get(annotations, ["custom", "severity"], "error"),
	"message_ja": sprintf(object.get(annotations, ["custom", "message_ja"], "METADATA に message_ja がありません"), params),
	"message_en": sprintf(object.get(annotations, ["custom", "message_en"], "METADATA has no message_en"), params),
	"pointer": facts.pointer(path),
}

# checklist_ids narrows the ids a rule declares to those the finding is about, so a
# finding never cites an item of a checklist the case does not have:
#   - a path into one checklist item concerns that item only;
#   - a path elsewhere inside a section concerns that section's items (told by the prefix);
#   - a path outside the sections (data_locations, transfers ...) concerns the items of
#     every section the case has.
# "all" declares every catalogue item; the checklist rules use it, and their findings all
# point into one item, which is looked up rather than searched for among 80.
# A path is inside a section when its first key has a section prefix (the prefixes' keys are
# the section names): looked up in each branch rather than asked of a function, twice a finding.
checklist_ids(declared, path) := [path[2] | declares(declared, path[2])] if {
	facts.section_prefix[path[0]]
	path[1] == "checklist"
} else := sort([id |
	some id in declared_ids(declared)
	startswith(id, prefix)
]) if {
	prefix := facts.section_prefix[path[0]]
} else := sort([id |
	prefixes := facts.present_prefixes
	some id in declared_ids(declared)
	strings.any_prefix_match(id, prefixes)
])

declares("all", id) if data.casegate.catalogue.items[id]

declares(declared, id) if {
	is_array(declared)
	id in declared
}

declared_ids("all") := object.keys(data.casegate.catalogue.items)

declared_ids(declared) := declared if is_array(declared)
