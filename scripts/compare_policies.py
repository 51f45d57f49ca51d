"""Do two policy trees give the same decisions? For rewrites that must not change a verdict.

Not a test: a tool for whoever makes the Rego cheaper (docs/performance.md, "Rego evaluation
cost"). Both trees are staged as the engine stages them and asked, through
data.casegate.main.batch, for the decisions on the same cases on several dates: every case in
cases/ and tests/variants/, the seed with its unknowns settled, and --mutants random variations
of those (values replaced by others the rules care about, keys removed, list entries copied,
fields the seed does not have added). It prints how many decisions differ and the first few
differences, and exits 1 if any does.

    git worktree add /tmp/old main
    .venv/bin/python scripts/compare_policies.py /tmp/old/policies policies --mutants 3000
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "cli"))
sys.path.insert(0, str(ROOT / "tests"))

from casegate.engine.bundle import stage_bundle  # noqa: E402
from support.cases import settled  # noqa: E402

OPA = ROOT / ".tools" / "bin" / "opa"
DATES = ("2026-04-20", "2026-05-01", "2026-11-27", "2027-04-15", "2027-06-01", "2027-08-01", "bad-date")

# Values the rules compare with, and a few they must refuse.
VALUES: list[Any] = [
    "不明", None, True, False, 0, 1, 14, 30, 31, 364, 365, 400, "", " ", "\u200b", "\u3164", "x",
    "US", "JP", "LGWAN", "インターネット", "TLS", "SSH", "none", "1.0", "1.2", "1.10", "1.3",
    "2026-02-30", "2026-05-01", "2025-01-01", "2027-03-31", "2027-04-20", "2028-01-01", "2027-07-01",
    [], {}, ["紙媒体"], ["電磁的媒体", "紙媒体"], "紙媒体", "決定", "未定", "ward", "partner", "contractor",
    "subcontractor", "backup", "other_processor", "しない", "毎月", "○", "－", "〇", "ー",
    "ISMAP", "ISMS", ["ISMAP"], ["ISO27001"], "box", "contractor-pc", "ward-intranet-pc", "box-replica",
    "区が管理", "erasure_report", "confidentiality", "subcontracting_flow_down",
]  # fmt: skip

# Places the seed has no value at, which some rule reads.
EXTRA_PATHS: list[tuple[list[Any], list[Any]]] = [
    (["outsourcing", "deletion", "erasure_report_received_on"], ["2027-03-15", "2027-04-10", "2030-01-01", "x"]),
    (["external_connection", "deletion", "erasure_report_received_on"], ["2027-04-01", "2026-01-01"]),
    (["outsourcing", "subcontracting", "subcontractors"], [
        [{"name": "再委託先", "location_ids": ["sub-pc"]}], [{"name": "再委託先"}], [{"name": "x", "location_ids": []}],
    ]),
    (["outsourcing", "media", "types"], [["紙媒体"], ["電磁的媒体", "紙媒体"], "紙媒体"]),
    (["outsourcing", "contract_clauses", 13, "within_days"], [10, 60, "30"]),
    (["outsourcing", "contract_clauses", 0, "status"], ["不明", "known"]),
    (["external_connection", "contract_clauses", 2, "status"], ["不明"]),
    (["external_connection", "period", "start"], ["2027-08-01", "2027-07-01"]),
    (["external_connection", "period", "continues_next_year"], [False, True]),
    (["personal_data", "special_care_required"], [True]),
    (["personal_data", "my_number"], [True]),
    (["data_locations", 2, "role"], ["subcontractor", "other_processor", "backup"]),
    (["data_locations", 1, "stores_personal_data"], [False]),
    (["data_locations", 0, "id"], ["box", "x"]),
    (["system_measures", "ward", "backup", "location_ids"], [["box"], ["nowhere"], []]),
    (["system_measures", "partner"], [None, "不明", {}]),
    (["outsourcing", "media_handling", "removable_media_used"], [True, "不明"]),
    (["outsourcing", "checklist", "OS-W-OP-08"], [{"answer": "－", "reason": "紙なし"}, {"answer": "－"}]),
    (["outsourcing", "checklist", "OS-X-OP-99"], [{"answer": "○"}]),
    (["external_connection", "checklist", "EC-W-SY-11"], [{"answer": "－", "reason": "\u200b"}, {"answer": "〇"}, "○"]),
    (["outsourcing", "checklist", "OS-W-OP-03"], [{"answer": "－", "reason": "再委託なし"}]),
    (["outsourcing", "checklist", "OS-W-OP-10"], [{"answer": "－", "reason": "電子のみ"}]),
    (["assumptions"], [[], None, [{"pointer": "/x", "note": "\u200b"}]]),
    (["data_locations", 3], [{"id": "sub-pc", "name": "再委託先PC", "role": "subcontractor", "country": "JP",
                              "governing_law": "JP", "encrypted_at_rest": True, "access_control": True}]),
]  # fmt: skip


def paths(value: Any, prefix: list[Any]) -> list[list[Any]]:
    """Every path to a value inside `value` (containers included)."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, [*prefix, key])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths(item, [*prefix, index])
    return found


def parent_of(case: Any, path: list[Any]) -> Any:
    for step in path[:-1]:
        if isinstance(case, dict):
            case = case.setdefault(step, {})
        elif isinstance(case, list) and isinstance(step, int) and step < len(case):
            case = case[step]
        else:
            return None
    return case


def put(case: Any, path: list[Any], value: Any) -> None:
    parent = parent_of(case, path)
    key = path[-1]
    if isinstance(parent, dict):
        parent[key] = value
    elif isinstance(parent, list) and isinstance(key, int):
        if key < len(parent):
            parent[key] = value
        else:
            parent.append(value)


def mutate(case: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    case = copy.deepcopy(case)
    for _ in range(rng.randint(1, 4)):
        choice = rng.random()
        if choice < 0.35:
            path, values = rng.choice(EXTRA_PATHS)
            put(case, path, copy.deepcopy(rng.choice(values)))
            continue
        path = rng.choice(paths(case, [])[1:])
        parent = parent_of(case, path)
        if parent is None:
            continue
        if choice < 0.8:
            put(case, path, copy.deepcopy(rng.choice(VALUES)))
        elif choice < 0.9:
            if isinstance(parent, dict):
                parent.pop(path[-1], None)
            elif isinstance(parent, list) and path[-1] < len(parent):
                parent.pop(path[-1])
        elif isinstance(parent, list) and path[-1] < len(parent):
            parent.append(copy.deepcopy(parent[path[-1]]))
    return case


def decide(bundle: Path, as_of: str, cases: dict[str, Any], scratch: Path) -> dict[str, Any]:
    input_path = scratch / "input.json"
    input_path.write_text(json.dumps({"as_of": as_of, "cases": cases}, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(
        [str(OPA), "eval", "--bundle", str(bundle), "--input", str(input_path), "--format", "raw",
         "data.casegate.main.batch.results"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"opa eval failed on {bundle}: {done.stderr[-2000:]}")
    results: dict[str, Any] = json.loads(done.stdout)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("old", type=Path, help="a policies/ folder")
    parser.add_argument("new", type=Path, help="another policies/ folder")
    parser.add_argument("--mutants", type=int, default=2000, help="random variations of the cases")
    parser.add_argument("--seed", type=int, default=8, help="the random generator's seed")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    files = sorted((ROOT / "cases").glob("*.json")) + sorted((ROOT / "tests" / "variants").glob("*.json"))
    bases = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in files}
    bases["settled"] = settled(bases[files[0].stem])
    cases = dict(bases)
    originals = list(bases.values())
    for index in range(args.mutants):
        # Half from the settled seed, so that many mutants pass or fail by one fact only.
        base = bases["settled"] if index % 2 else rng.choice(originals)
        cases[f"mutant-{index:05d}"] = mutate(base, rng)
    cases["not-an-object"] = "x"  # type: ignore[assignment]
    cases["empty"] = {}

    differences, compared, failing = [], 0, 0
    with tempfile.TemporaryDirectory(prefix="casegate-compare-") as folder:
        scratch = Path(folder)
        old = stage_bundle(args.old.resolve(), scratch / "old").directory
        new = stage_bundle(args.new.resolve(), scratch / "new").directory
        for as_of in DATES:
            # Each case on a few dates only: enough to reach every date rule, at a fraction of the cost.
            chosen = {key: case for key, case in cases.items() if key in bases or rng.random() < 0.4}
            before = decide(old, as_of, chosen, scratch)
            after = decide(new, as_of, chosen, scratch)
            for key in chosen:
                compared += 1
                failing += bool(before[key]["violations"])
                if before[key] != after[key]:
                    differences.append((as_of, key, before[key], after[key]))
    print(f"{compared} decisions compared ({failing} failing), {len(differences)} differ")
    for as_of, key, before_one, after_one in differences[:5]:
        print(f"\n{key} on {as_of}:\n  old: {json.dumps(before_one, ensure_ascii=False)[:3000]}")
        print(f"  new: {json.dumps(after_one, ensure_ascii=False)[:3000]}")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
