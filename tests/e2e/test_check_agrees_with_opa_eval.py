"""Differential: the embedded OPA server (`casegate check`) and `opa eval` give the same decisions.

`check` sends cases in batches to its own OPA server and queries data.casegate.main.batch, which
judges each case `with input as` a single case; `opa eval` on the same staged bundle asks
data.casegate.main.decision for one case, as conftest or any other caller would. If batching,
the server, the HTTP client, the `with` override or our reading of the answer changed a single
finding, the two would differ. Every case in cases/ and tests/variants/ is compared on two dates
(the second one past the seed's erasure grace period, so the date matters).
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from casegate.engine.bundle import stage_bundle
from casegate.engine.opa_binary import run_opa
from casegate.engine.opa_locate import find_opa
from support.paths import REPO, VARIANTS

CASE_FILES = sorted((REPO / "cases").glob("*.json")) + sorted(VARIANTS.glob("*.json"))
DATES = ("2026-11-27", "2027-06-01")
FIELDS = ("rule_id", "title", "checklist_ids", "severity", "message_ja", "message_en", "pointer")


def _key(finding: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(json.dumps(finding[name], ensure_ascii=False) for name in FIELDS)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    return stage_bundle(REPO / "policies", tmp_path_factory.mktemp("differential") / "bundle").directory


def _opa_eval(bundle: Path, folder: Path, path: Path, as_of: str) -> dict[str, Any]:
    """data.casegate.main.decision for one case, from a fresh `opa eval` process."""
    input_file = folder / f"{path.stem}-{as_of}.json"
    case = json.loads(path.read_text(encoding="utf-8"))
    input_file.write_text(json.dumps({"as_of": as_of, "case": case}, ensure_ascii=False), encoding="utf-8")
    done = run_opa(
        find_opa(),
        ["eval", "--bundle", str(bundle), "--input", str(input_file), "--format", "json",
         "data.casegate.main.decision"],
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    [result] = json.loads(done.stdout)["result"]
    [expression] = result["expressions"]
    return expression["value"]


@pytest.mark.slow  # ~2 s: one opa eval process per case and date
@pytest.mark.parametrize("as_of", DATES)
def test_check_and_opa_eval_agree_on_every_case(run_cli, bundle, tmp_path, as_of):
    result = run_cli("check", "--format", "json", "--as-of", as_of, *map(str, CASE_FILES))
    assert result.exit_code in (0, 1), result.output  # judged, nothing refused
    by_path = {Path(case["path"]).resolve(): case for case in json.loads(result.stdout)["cases"]}
    assert set(by_path) == {path.resolve() for path in CASE_FILES}

    with ThreadPoolExecutor(max_workers=2) as pool:
        decisions = dict(
            zip(
                CASE_FILES,
                pool.map(lambda path: _opa_eval(bundle, tmp_path, path, as_of), CASE_FILES),
                strict=True,
            )
        )

    assert sum(bool(decision["violations"]) for decision in decisions.values()) >= len(CASE_FILES) - 1
    for path, decision in decisions.items():
        case = by_path[path.resolve()]
        # A waiver moves a violation to "waived" but it is still the engine's violation.
        served = sorted(map(_key, case["violations"] + case["waived"]))
        assert served == sorted(map(_key, decision["violations"])), path.name
        assert sorted(map(_key, case["warnings"])) == sorted(map(_key, decision["warnings"])), path.name
        if not case["waived"]:
            assert case["verdict"] == ("fail" if decision["violations"] else "pass"), path.name


def test_the_comparison_sees_differences(bundle, tmp_path):
    """The keys compare what matters: a changed pointer or message is a difference."""
    decision = _opa_eval(bundle, tmp_path, VARIANTS / "server-abroad.json", DATES[0])
    [first, *_] = decision["violations"]
    assert _key(first) != _key({**first, "pointer": first["pointer"] + "/x"})
    assert _key(first) != _key({**first, "message_en": first["message_en"] + "."})
