"""A case as the form edits it, turned into the bytes a case file holds, and a blank case.

The bytes are the same whether they are judged, downloaded or saved: UTF-8, 2-space indent, keys
in the schema's order (unknown keys after them, in the order given: nothing a user wrote is
dropped; the schema then reports them), so a pull request's diff stays small and readable.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

Schema = Mapping[str, Any]


def resolve(schema: Schema, node: Schema) -> Schema:
    """`node` with a local `$ref` (#/$defs/...) followed; the referring node's keys win."""
    ref = node.get("$ref")
    if not isinstance(ref, str) or not ref.startswith("#/"):
        return node
    target: Any = schema
    for part in ref[2:].split("/"):
        target = target.get(part, {}) if isinstance(target, Mapping) else {}
    merged = dict(resolve(schema, target)) if isinstance(target, Mapping) else {}
    merged.update({key: value for key, value in node.items() if key != "$ref"})
    return merged


def ordered(schema: Schema, node: Schema, value: Any) -> Any:
    """`value` with every object's keys in the order its schema lists them."""
    node = resolve(schema, node)
    if isinstance(value, dict):
        properties = node.get("properties", {})
        known = [key for key in properties if key in value]
        rest = [key for key in value if key not in properties]
        return {key: ordered(schema, properties.get(key, {}), value[key]) for key in known + rest}
    if isinstance(value, list):
        items = node.get("items", {})
        return [ordered(schema, items if isinstance(items, Mapping) else {}, item) for item in value]
    return value


def serialize(schema: Schema, case: Mapping[str, Any]) -> bytes:
    """The exact bytes of the case file: what is judged is what is saved."""
    text = json.dumps(ordered(schema, schema, dict(case)), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def blank_case(schema: Schema, schema_ref: str | None) -> dict[str, Any]:
    """A new case: the required structure only, every answer and every value still unanswered.

    Required objects and arrays are present (so the form shows their fields), constants are set
    (schema_version), and nothing is guessed: a checklist starts as {} — every item unanswered,
    which the policy reports until the clerk answers it.
    """
    case = _skeleton(schema, schema)
    assert isinstance(case, dict)
    if schema_ref is not None:
        return {"$schema": schema_ref, **case}
    return case


def _skeleton(schema: Schema, node: Schema) -> Any:
    node = resolve(schema, node)
    if "const" in node:
        return node["const"]
    if node.get("type") == "array":
        return []
    if node.get("type") == "object":
        properties = node.get("properties", {})
        result: dict[str, Any] = {}
        for key in node.get("required", []):
            child = _skeleton(schema, properties.get(key, {}))
            if child is not None:
                result[key] = child
        return result
    return None  # a value the clerk must give: left out, so the form and the schema ask for it
