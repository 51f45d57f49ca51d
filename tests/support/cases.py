"""Case builders: the seed as the ward would settle it, and a git repository of cases."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

from support.git import git
from support.paths import REPO, SEED

#: The policy version policies/ carries (raised whenever a verdict can change).
POLICY_VERSION: str = json.loads((REPO / "policies/casegate/settings/data.json").read_text(encoding="utf-8"))[
    "policy_version"
]

#: The one violation of tests/variants/partner-uncertified.json, as every output shows it (rule,
#: pointer, hash of the value there).
FINGERPRINT = "partner-certification-missing@/external_connection/partner/certifications#99bcfca61a865fe7ac5bb675250de956"


def seed() -> dict[str, Any]:
    """A fresh copy of the seed proposal."""
    loaded: dict[str, Any] = json.loads(SEED.read_text(encoding="utf-8"))
    return loaded


def settled(seed: dict[str, Any]) -> dict[str, Any]:
    """The seed as the ward would write it once every 不明 is known: it passes on any date until
    its erasure report falls due, so tests about something else can judge it "today"."""
    case = copy.deepcopy(seed)
    case["outsourcing"]["contractor"] = {"status": "決定", "name": "株式会社テスト反訳"}
    case["outsourcing"]["subcontracting"] = {"allowed": False}
    box, contractor_pc = case["data_locations"][1], case["data_locations"][2]
    box["data_residency_commitment"] = True
    contractor_pc.update(
        operator="株式会社テスト反訳",
        encrypted_at_rest=True,
        key_management="運用者が管理",
        parent_company_country="JP",
        data_residency_commitment=True,
    )
    case["data_locations"].append(
        {**box, "id": "box-replica", "name": "Box の複製", "role": "backup", "description": "Box の冗長化"}
    )
    known = {
        "public_share_links_disabled": True,
        "patch_within_days": 14,
        "shared_accounts": False,
        "mfa_outside_lgwan": True,
        "password_rules": "12文字以上、英数記号を混在",
        "retention_days": 365,
        "review": "毎月",
    }
    for measures in case["system_measures"].values():
        for group in measures.values():
            group.update({key: value for key, value in known.items() if key in group})
        measures["backup"]["location_ids"] = ["box-replica"]
    return case


def write_case_repository(repo: Path) -> Path:
    """A real git repository of cases at `repo`: this project's policies/, schemas/, cases/ and
    waivers/, the seed settled so that it passes "today" (after its start date), one commit."""
    for folder in ("policies", "schemas", "cases", "waivers"):
        shutil.copytree(REPO / folder, repo / folder)
    (repo / "cases" / SEED.name).write_text(
        json.dumps(settled(seed()), ensure_ascii=False, indent=2), encoding="utf-8"
    )
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "test@example.invalid")
    git(repo, "config", "user.name", "casegate test")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "initial cases")
    return repo
