"""Write the failing variants of the seed case, each broken for one named reason.

The variants are committed (reviewers read them as examples); rerun this after changing the
seed: `.venv/bin/python tests/variants/make_variants.py`. tests/e2e/test_check_verdicts.py lists what
each must fail for.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SEED = HERE.parent.parent / "cases" / "R8-kikaku-tape-hanyaku.json"

Case = dict[str, Any]


def server_abroad(case: Case) -> None:
    case["data_locations"][1].update(country="US", governing_law="US")


def plain_http(case: Case) -> None:
    case["transfers"][0]["encryption"] = "なし"
    del case["transfers"][0]["tls_version"]


def tls_1_0(case: Case) -> None:
    case["transfers"][1]["tls_version"] = "1.0"


def unencrypted_storage(case: Case) -> None:
    case["data_locations"][2].update(encrypted_at_rest=False, password_protected=False)


def missing_answer(case: Case) -> None:
    del case["outsourcing"]["checklist"]["OS-P-SY-05"]


def not_applicable_not_allowed(case: Case) -> None:
    case["external_connection"]["checklist"]["EC-W-SY-03"] = {
        "answer": "－",
        "reason": "LGWAN 内の通信のため",
    }


def hand_carry_not_applicable_with_paper(case: Case) -> None:
    case["outsourcing"]["media"]["types"] = ["電磁的媒体", "紙媒体"]


def contractor_undecided_after_start(case: Case) -> None:
    case["submitted_on"] = "2026-05-10"


def erasure_report_overdue(case: Case) -> None:
    for section in ("external_connection", "outsourcing"):
        case[section]["period"] = {"start": "2025-05-01", "end": "2026-02-28", "continues_next_year": False}
    case["submitted_on"] = "2025-04-10"


def no_erasure_report_clause(case: Case) -> None:
    clauses = case["outsourcing"]["contract_clauses"]
    case["outsourcing"]["contract_clauses"] = [c for c in clauses if c["kind"] != "erasure_report"]


def partner_uncertified(case: Case) -> None:
    case["external_connection"]["partner"]["certifications"] = []


def subcontracting_without_inspection(case: Case) -> None:
    case["data_locations"].append(
        {
            "id": "sub-pc",
            "name": "再委託先PC",
            "role": "subcontractor",
            "description": "再委託先が音声データから会議録の下書きを作る端末",
            "operator": "株式会社 反訳サービス",
            "country": "JP",
            "governing_law": "JP",
            "parent_company_country": "JP",
            "data_residency_commitment": True,
            "stores_personal_data": True,
            "processes_personal_data": True,
            "encrypted_at_rest": True,
            "key_management": "運用者が管理",
            "password_protected": True,
            "access_control": True,
        }
    )
    case["transfers"].append(
        {
            "from": "box",
            "to": "sub-pc",
            "network": "インターネット",
            "encryption": "TLS",
            "tls_version": "1.2",
        }
    )
    case["outsourcing"]["subcontracting"] = {
        "allowed": True,
        "subcontractors": [{"name": "株式会社 反訳サービス", "location_ids": ["sub-pc"]}],
    }
    clauses = case["outsourcing"]["contract_clauses"]
    case["outsourcing"]["contract_clauses"] = [c for c in clauses if c["kind"] != "subcontractor_inspection"]


def password_with_media(case: Case) -> None:
    # DVD-Rs are handed over, so hand-carrying (OS-W-OP-08) is now needed and answered ○.
    case["outsourcing"]["checklist"]["OS-W-OP-08"] = {"answer": "○"}
    case["outsourcing"]["media_handling"].update(
        removable_media_used=True, password_delivered_separately=False
    )


def ledger_incomplete(case: Case) -> None:
    case["outsourcing"]["ledger"]["records"] = ["日時", "取扱者", "情報の内容"]


def start_after_end(case: Case) -> None:
    case["external_connection"]["period"]["start"] = "2027-04-01"


def transfer_to_undeclared_location(case: Case) -> None:
    # A transcription service abroad that data_locations never declares: no place rule sees it.
    case["transfers"].append(
        {
            "from": "box",
            "to": "transcription-ai-us",
            "network": "インターネット",
            "encryption": "TLS",
            "tls_version": "1.3",
        }
    )


# --- issue 8: each bypass a new user found, now a failing variant -------------------------------


def location_abroad_flagged_as_no_personal_data(case: Case) -> None:
    # Flags say the place neither keeps nor processes personal data, but a transfer reaches it.
    case["data_locations"][1].update(
        country="US", governing_law="US", stores_personal_data=False, processes_personal_data=False
    )


def connection_without_transfers(case: Case) -> None:
    case["transfers"] = []


def paper_without_locked_bag(case: Case) -> None:
    case["outsourcing"]["media"]["types"] = ["電磁的媒体", "紙媒体"]
    case["outsourcing"]["media_handling"]["locked_bag_for_hand_delivery"] = False
    for item in ("OS-W-OP-08", "OS-P-OP-08"):
        case["outsourcing"]["checklist"][item] = {"answer": "○"}


def erasure_report_before_end(case: Case) -> None:
    case["outsourcing"]["deletion"]["erasure_report_received_on"] = "2026-04-25"


def erasure_report_in_future(case: Case) -> None:
    case["external_connection"]["deletion"]["erasure_report_received_on"] = "2027-05-10"


def subcontractors_while_not_allowed(case: Case) -> None:
    case["outsourcing"]["subcontracting"] = {
        "allowed": False,
        "subcontractors": [{"name": "株式会社 反訳サービス", "location_ids": []}],
    }


def shared_accounts(case: Case) -> None:
    case["system_measures"]["partner"]["accounts"]["shared_accounts"] = True


def access_logs_not_kept(case: Case) -> None:
    case["system_measures"]["contractor"]["logs"]["access_logs_kept"] = False


def invisible_reason(case: Case) -> None:
    case["outsourcing"]["checklist"]["OS-W-OP-08"]["reason"] = "\u200b\u2060"


def handlers_not_reported(case: Case) -> None:
    clauses = case["outsourcing"]["contract_clauses"]
    case["outsourcing"]["contract_clauses"] = [c for c in clauses if c["kind"] != "handlers_reported"]


VARIANTS: dict[str, Callable[[Case], None]] = {
    name.replace("_", "-"): function
    for name, function in list(globals().items())
    if callable(function) and getattr(function, "__module__", None) == __name__ and name not in ("main",)
}


def main() -> None:
    seed = json.loads(SEED.read_text(encoding="utf-8"))
    for name, mutate in VARIANTS.items():
        case = copy.deepcopy(seed)
        case["$schema"] = "../../schemas/case.schema.json"
        case["case_id"] = f"variant-{name}"
        mutate(case)
        (HERE / f"{name}.json").write_text(
            json.dumps(case, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    print(f"wrote {len(VARIANTS)} variants")


if __name__ == "__main__":
    main()
