"""`casegate migrate OLD.json`: rewrite a 1.x case in the 2.x form, marking what it cannot know.

Version 2 asks for facts that a 1.x case never carried (system measures per side, the contract
clauses, a role for each place). Migration must not invent them: every such value becomes "不明"
(unknown), which the policy warns about before the start date and fails after it, and every value
the migration had to guess (a place's role, a placeholder description) is listed in `assumptions`
so that the report shows it. Nothing the user wrote is lost: the old file is left as it is unless
`--in-place` is given, and an existing output file is never overwritten.
"""

from __future__ import annotations

import copy
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from casegate.core.case_layout import ordered
from casegate.core.read import load_case
from casegate.errors import InputError
from casegate.messages import Text
from casegate.messages import core as messages
from casegate.release import shipped

UNKNOWN = "不明"
TARGET_VERSION = "2.0"

_SIDE_OF_SECTION = {"external_connection": "partner", "outsourcing": "contractor"}

# The clauses a 1.x case stated as facts, and the 1.x field that stated each.
_DELETION_CLAUSES = {"erase_at_end": "return_and_erasure", "erasure_report_required": "erasure_report"}
_SUBCONTRACTING_CLAUSES = {
    "prior_approval_required": "subcontracting_prior_written_approval",
    "ward_inspection_right": "subcontractor_inspection",
}
# The clauses each section needs (policies/casegate/clauses/data.json); one a 1.x case did not
# state is written with status "不明".
_SECTION_CLAUSES = {
    "external_connection": [
        "legal_compliance",
        "inspection_audit",
        "status_reporting",
        "return_and_erasure",
        "erasure_report",
        "incident_response_plan",
        "incident_reporting",
    ],
    "outsourcing": [
        "legal_compliance",
        "confidentiality",
        "purpose_limitation",
        "no_copying",
        "inspection_audit",
        "status_reporting",
        "subcontracting_prior_written_approval",
        "subcontracting_flow_down",
        "subcontractor_inspection",
        "handlers_reported",
        "ward_workflow",
        "management_review",
        "return_and_erasure",
        "erasure_report",
        "incident_response_plan",
        "incident_reporting",
    ],
}


def unknown_measures() -> dict[str, Any]:
    """One side's system measures, every fact unknown."""
    return {
        "network": {
            "named_endpoints_only": UNKNOWN,
            "ip_restriction": UNKNOWN,
            "public_share_links_disabled": UNKNOWN,
        },
        "perimeter": {"firewall": UNKNOWN, "intrusion_detection": UNKNOWN, "patch_within_days": UNKNOWN},
        "malware": {"protection": UNKNOWN, "definitions_updated": UNKNOWN},
        "accounts": {
            "individual_ids": UNKNOWN,
            "shared_accounts": UNKNOWN,
            "mfa_outside_lgwan": UNKNOWN,
            "password_rules": UNKNOWN,
        },
        "logs": {"access_logs_kept": UNKNOWN, "retention_days": UNKNOWN, "review": UNKNOWN},
        "backup": {"taken": UNKNOWN},
        "physical": {"entry_control": UNKNOWN},
    }


def _guess_role(location: dict[str, Any], case: dict[str, Any]) -> str:
    """The role a 1.x place most likely has; always recorded as an assumption."""
    operator = str(location.get("operator", ""))
    partner = case.get("external_connection", {}).get("partner", {}).get("name")
    contractor = case.get("outsourcing", {}).get("contractor", {}).get("name")
    if operator.endswith("区") or operator == case.get("department", {}).get("division"):
        return "ward"
    if partner and operator == partner:
        return "partner"
    if (contractor and operator == contractor) or "受託" in operator or "委託先" in operator:
        return "contractor"
    # The strictest role: a third party for which encryption at rest is required.
    return "other_processor"


def migrate_case(old: dict[str, Any]) -> dict[str, Any]:
    """The 2.x form of a 1.x case (a new object; `old` is not changed)."""
    case = copy.deepcopy(old)
    assumptions: list[dict[str, str]] = list(case.get("assumptions", []))

    def assume(pointer: str, note: str) -> None:
        assumptions.append({"pointer": pointer, "note": note})

    case["schema_version"] = TARGET_VERSION
    for index, location in enumerate(case.get("data_locations", [])):
        if not isinstance(location, dict):
            continue
        role = _guess_role(location, old)
        location["role"] = role
        assume(
            f"/data_locations/{index}/role",
            f"casegate migrate が運用者から推定した役割（{role}）。確かめてください。",
        )
        if "description" not in location:
            location["description"] = f"{location.get('name', location.get('id', '?'))}（扱いの説明は未記入）"
            assume(
                f"/data_locations/{index}/description",
                "casegate migrate が補った説明。この場所で個人情報をどう扱うかを書いてください。",
            )
        if role != "ward":
            location.setdefault("parent_company_country", UNKNOWN)
            location.setdefault("data_residency_commitment", UNKNOWN)
            if location.get("encrypted_at_rest") is True:
                location.setdefault("key_management", UNKNOWN)

    sides = {"ward"} | {
        side for section, side in _SIDE_OF_SECTION.items() if isinstance(case.get(section), dict)
    }
    measures = case.setdefault("system_measures", {})
    for side in sorted(sides):
        measures.setdefault(side, unknown_measures())

    for section in _SECTION_CLAUSES:
        body = case.get(section)
        if not isinstance(body, dict):
            continue
        stated: list[str] = []
        deletion = body.get("deletion")
        if isinstance(deletion, dict):
            for field, kind in _DELETION_CLAUSES.items():
                if deletion.pop(field, None) is True:
                    stated.append(kind)
        subcontracting = body.get("subcontracting")
        if isinstance(subcontracting, dict):
            for field, kind in _SUBCONTRACTING_CLAUSES.items():
                if subcontracting.pop(field, None) is True:
                    stated.append(kind)
            names = subcontracting.get("subcontractors")
            if isinstance(names, list):
                subcontracting["subcontractors"] = [
                    {"name": name, "location_ids": []} if isinstance(name, str) else name for name in names
                ]
        media = body.get("media_handling")
        if isinstance(media, dict):
            media.setdefault("locked_storage", UNKNOWN)
        clauses = [{"kind": kind} for kind in _SECTION_CLAUSES[section] if kind in stated]
        clauses += [
            {"kind": kind, "status": UNKNOWN} for kind in _SECTION_CLAUSES[section] if kind not in stated
        ]
        body["contract_clauses"] = clauses
    if assumptions:
        case["assumptions"] = assumptions
    return _ordered(case)


def _ordered(case: dict[str, Any]) -> dict[str, Any]:
    """Keys in the schema's order, as `casegate serve` saves them, so the two never disagree."""
    found = shipped("schemas/case.schema.json")
    if found is None:  # pragma: no cover - a broken install: keep the case's own order
        return case
    schema = json.loads(found.read_text(encoding="utf-8"))
    layout = ordered(schema, schema, case)
    return layout if isinstance(layout, dict) else case


def _version_of(data: dict[str, Any]) -> str:
    version = data.get("schema_version")
    return version if isinstance(version, str) else ""


def _write_new(path: Path, text: str) -> None:
    """Create `path`; never overwrite what is there."""
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)


def _replace(path: Path, text: str) -> None:
    """Replace `path` in one step, so an interruption leaves the old file or the new, never half."""
    descriptor, staged = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        Path(staged).replace(path)
    except BaseException:
        Path(staged).unlink(missing_ok=True)
        raise


def migrate_file(old: Path, output: Path | None, in_place: bool) -> Path:
    """Write `old` (a 1.x case) in the 2.x form: to `output`, else <name>.v2.json beside it, or
    over `old` itself only with `in_place`. Returns the file written; never overwrites another."""
    if in_place and output is not None:
        raise InputError.of(messages.MIGRATE_USAGE)
    loaded = load_case(old)
    version = _version_of(loaded.data)
    if not version.startswith("1."):
        raise InputError.of(
            messages.MIGRATE_NOT_1X,
            path=old,
            pointer="/schema_version",
            version=Text(version, version) if version else messages.MIGRATE_NO_VERSION.text(),
        )
    target = old if in_place else (output or old.with_name(f"{old.stem}.v2.json"))
    text = json.dumps(migrate_case(loaded.data), ensure_ascii=False, indent=2) + "\n"
    try:
        if in_place:
            _replace(target, text)
        else:
            _write_new(target, text)
    except FileExistsError:
        raise InputError.of(messages.MIGRATE_OUTPUT_EXISTS, path=target, target=target) from None
    except OSError as error:
        raise InputError.of(
            messages.MIGRATE_WRITE_FAILED, path=target, target=target, why=error.strerror
        ) from error
    return target
