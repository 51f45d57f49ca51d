"""The published SARIF 2.1.0 schema (tests/data/) and what a SARIF result's location looks like."""

from __future__ import annotations

import json

import jsonschema

from support.paths import DATA

SCHEMA = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def assert_valid_sarif(document: object) -> None:
    """Valid under Draft 7 (what we were asked for) and Draft 4 (what the OASIS file declares)."""
    for validator in (jsonschema.Draft7Validator, jsonschema.Draft4Validator):
        validator.check_schema(SCHEMA)
        errors = [
            error.message
            for error in validator(SCHEMA, format_checker=validator.FORMAT_CHECKER).iter_errors(document)
        ]
        assert errors == [], validator.__name__


def location(uri: str, line: int | None = None, column: int | None = None) -> dict[str, object]:
    physical: dict[str, object] = {"artifactLocation": {"uri": uri}}
    if line is not None:
        physical["region"] = {"startLine": line, "startColumn": column}
    return {"physicalLocation": physical}
