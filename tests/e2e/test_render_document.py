"""`casegate render` end to end: real OPA, real WeasyPrint, real Graphviz, the PDF read back.

One module-scoped run renders the seed and a failing variant to PDF (the slow part, ~5 s); the
variants go through one HTML run. Expectations come from the seed's case file, the policy's
catalogue and `casegate check` itself, never from the renderer.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from casegate.commands.main import main
from support.paths import REPO, SEED, VARIANTS
from support.render import covered_characters, pdf_pages, squeeze, visible_text

AS_OF = "2026-04-20"  # the seed's submission day
CATALOGUE = json.loads((REPO / "policies/casegate/catalogue/data.json").read_text(encoding="utf-8"))["items"]
FAILING = "plain-http"

pytestmark = pytest.mark.slow


def _invoke(*args: str) -> Any:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(REPO)
        for name in ("CASEGATE_OPA_URL", "CASEGATE_LANG", "CASEGATE_OPA_TOKEN"):
            patch.delenv(name, raising=False)
        return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    out = tmp_path_factory.mktemp("pdf")
    result = _invoke("render", str(SEED), str(VARIANTS / f"{FAILING}.json"), "-o", str(out), "--as-of", AS_OF)
    assert result.exit_code == 1, result.output  # one 不合格 among them: check's exit code
    yield {"seed": out / f"{SEED.stem}.pdf", FAILING: out / f"{FAILING}.pdf", "stdout": Path(result.stdout)}


@pytest.fixture(scope="module")
def seed_text(pdfs: dict[str, Path]) -> str:
    return squeeze("".join(pdf_pages(pdfs["seed"])))


def test_the_seed_document_has_the_subject_period_and_reason(seed_text: str) -> None:
    seed = json.loads(SEED.read_text(encoding="utf-8"))
    assert squeeze(seed["title"]) in seed_text
    assert "令和8年5月1日から令和9年3月31日まで（次年度以降も、同様の外部結合を行う。）" in seed_text
    assert "令和8年5月1日から令和9年3月31日まで（次年度以降も、同様の業務委託を行う。）" in seed_text
    assert "－（電子データのみの取扱いのため）" in seed_text
    assert "◇第3条第1項第3号（外部結合、業務委託）" in seed_text
    assert "（担当部課：総合政策部企画政策課）" in seed_text


def test_every_checklist_item_appears_in_the_seed_order(seed_text: str) -> None:
    assert len(CATALOGUE) == 80
    position = 0
    for item_id, item in CATALOGUE.items():  # the catalogue lists them in the paper's order
        found = seed_text.find(squeeze(item["text_ja"]), position)
        assert found >= 0, f"{item_id} missing or out of order: {item['text_ja']}"
        position = found + 1


def test_the_seed_verdict_box_says_pass_with_policy_and_revision(pdfs: dict[str, Path]) -> None:
    pages = [squeeze(page) for page in pdf_pages(pdfs["seed"])]
    check = _invoke("check", str(SEED), "--format", "json", "--as-of", AS_OF)
    report = json.loads(check.stdout)
    assert "合格" in pages[0] and "不合格" not in pages[0]
    last = "".join(pages)
    last = last[last.rindex("通信・受渡しの経路") :]
    assert "casegateの判定" in last
    assert report["policy"]["version"] in last
    assert all(revision in last for revision in report["policy"]["revisions"])
    assert all(warning["rule_id"] in last for warning in report["cases"][0]["warnings"])
    assert report["cases"][0]["sha256"] in last


def test_a_failing_case_says_so_on_the_first_page(pdfs: dict[str, Path]) -> None:
    pages = [squeeze(page) for page in pdf_pages(pdfs[FAILING])]
    check = json.loads(
        _invoke("check", str(VARIANTS / f"{FAILING}.json"), "--format", "json", "--as-of", AS_OF).stdout
    )
    rule_ids = {violation["rule_id"] for violation in check["cases"][0]["violations"]}
    assert rule_ids
    assert "不合格" in pages[0]
    assert all(rule_id in pages[0] for rule_id in rule_ids)
    box = "".join(pages)
    box = box[box.rindex("通信・受渡しの経路") :]  # the verdict box follows 資料1-1, over one page or more
    assert all(rule_id in box for rule_id in rule_ids)
    assert "暗号化していない" in "".join(pages)  # the plain transfer, in words on 資料1-1


def test_no_character_of_the_document_lacks_a_glyph(pdfs: dict[str, Path], tmp_path: Path) -> None:
    result = _invoke("render", str(SEED), "--format", "html", "-o", str(tmp_path), "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    expected = set(
        re.sub(r"\s", "", visible_text((tmp_path / f"{SEED.stem}.html").read_text(encoding="utf-8")))
    )
    for name in ("seed", FAILING):
        covered, missing = covered_characters(pdfs[name])
        assert not missing, f"drawn without a glyph in {name}: {sorted(missing)}"
        if name == "seed":
            assert expected - covered == set(), sorted(expected - covered)
            assert {"個", "○", "－", "令", "資"} <= covered


def test_every_failing_variant_names_its_rules_in_the_verdict_box(tmp_path: Path) -> None:
    variants = sorted(VARIANTS.glob("*.json"))
    check = json.loads(_invoke("check", *map(str, variants), "--format", "json", "--as-of", AS_OF).stdout)
    result = _invoke("render", *map(str, variants), "--format", "html", "-o", str(tmp_path), "--as-of", AS_OF)
    judged = [case for case in check["cases"] if case["verdict"] in ("pass", "fail")]
    assert len([case for case in judged if case["verdict"] == "fail"]) >= 10
    for case in check["cases"]:
        document = tmp_path / f"{Path(case['path']).stem}.html"
        if case["verdict"] == "error":  # a variant that fails the schema gets no document
            assert not document.exists()
            continue
        html = document.read_text(encoding="utf-8")
        box = visible_text(html[html.index('<div class="verdict') :])
        first = visible_text(html[: html.index("</section>")])
        for violation in case["violations"]:
            assert violation["rule_id"] in box, (case["path"], violation["rule_id"])
            assert violation["rule_id"] in first
            assert all(item in box for item in violation["checklist_ids"])
        assert ("不合格" in first) == (case["verdict"] == "fail")
    assert result.exit_code == check["exit_code"]
