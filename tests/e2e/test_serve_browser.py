"""`casegate serve` in a real browser: Debian's chromium driven by Playwright.

Playwright's own browser download is not reachable on these machines, so the system chromium is
given as executable_path (scripts/ensure-browser.sh installs it). Without chromium or Playwright
these tests skip and say so. Screenshots go to tests/artifacts/ (git-ignored, kept by CI).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from typing import Any

import pytest

from support.serve import AS_OF, CASEGATE, REPO, Served, make_repo, start

pytestmark = pytest.mark.slow

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (requirements.lock)"
)
# Debian's chromium; Google Chrome (on GitHub's runners) is the same engine.
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
if CHROMIUM is None:
    pytest.skip("chromium is not installed: run scripts/ensure-browser.sh", allow_module_level=True)

ARTIFACTS = REPO / "tests" / "artifacts"
SEED_NAME = "R8-kikaku-tape-hanyaku.json"
BOX_COUNTRY = "/data_locations/1/country"
# The policy names the country itself (schema 1.0) or the whole location (2.0): either is "at" it.
AT_BOX = (
    f'[data-msgs="{BOX_COUNTRY}"] .msg.violation:has-text("SY-11"), '
    '[data-msgs="/data_locations/1"] .msg.violation:has-text("SY-11")'
)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    repo = make_repo(tmp_path_factory.mktemp("serve-browser"))
    shutil.copy(
        REPO / "tests" / "variants" / "not-applicable-not-allowed.json",
        repo / "cases" / "na-not-allowed.json",
    )
    server = start(repo)
    yield server
    assert server.stop() == 0


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, served: Served) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="ja-JP")
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert errors == []  # no script error on the page


def shoot(page: Any, name: str, centre: str | None = None) -> None:
    """A screenshot for CI's artefacts, with the element at `centre` (a selector) mid-screen."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    if centre is not None:
        page.locator(centre).first.evaluate("e => e.scrollIntoView({block: 'center'})")
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def open_case(page: Any, served: Served, name: str) -> None:
    page.goto(f"{served.url.split('&')[0]}&case={name}")
    page.wait_for_selector("#banner.pass, #banner.fail", timeout=10_000)


def messages_at(page: Any, pointer: str) -> str:
    return str(page.locator(f'[data-msgs="{pointer}"]').inner_text())


def test_the_seed_case_opens_and_passes(page: Any, served: Served) -> None:
    open_case(page, served, SEED_NAME)
    assert page.locator("#banner strong").inner_text() == "合格"
    assert "違反 0 件" in page.locator("#banner").inner_text()
    # The form came from the schema: Japanese titles as labels, dates with 和暦, required marked.
    assert page.get_by_label("件名（必須）").input_value().startswith("外部評価委員会")
    assert "令和8年4月20日" in page.locator('[data-pointer="/submitted_on"]').inner_text()
    shoot(page, "seed-pass")


def test_box_abroad_shows_the_sy11_violation_at_its_country_within_2_seconds(
    page: Any, served: Served
) -> None:
    open_case(page, served, SEED_NAME)
    country = page.locator(f'[data-pointer="{BOX_COUNTRY}"] input')
    country.fill("US")
    started = time.monotonic()
    page.wait_for_selector(AT_BOX, timeout=2_000)
    assert time.monotonic() - started < 2.0
    text = page.locator(AT_BOX).first.inner_text()
    assert "EC-W-SY-11" in text and "domestic-" in text and "US" in text
    assert page.locator("#banner strong").inner_text() == "不合格"
    assert page.locator('[data-pointer="/data_locations/1"] [aria-invalid="true"]').count() >= 1
    shoot(page, "box-abroad", AT_BOX)


def test_not_applicable_where_not_allowed_shows_the_message(page: Any, served: Served) -> None:
    open_case(page, served, "na-not-allowed.json")
    pointer = "/external_connection/checklist/EC-W-SY-03"
    text = messages_at(page, pointer + "/answer")
    assert "checklist-not-applicable-not-allowed" in text and "「－」" in text
    shoot(page, "not-applicable-not-allowed", f'[data-pointer="{pointer}"]')
    select = page.get_by_label("EC-W-SY-03 の回答")
    assert select.input_value() == "－"
    assert "不可" in select.locator("option:checked").inner_text()
    # 「－」 is offered only where the catalogue allows it; the reason field appears with it.
    assert page.get_by_label("EC-W-SY-01 の回答").locator("option").all_inner_texts() == ["（未回答）", "○"]
    allowed = page.get_by_label("EC-W-SY-07 の回答")
    assert "－" in allowed.locator("option").all_inner_texts()
    assert page.get_by_label("EC-W-SY-07 の「－」の理由").count() == 0
    allowed.select_option("－")
    reason = page.get_by_label("EC-W-SY-07 の「－」の理由")
    reason.wait_for()


def test_saving_gives_the_verdict_check_gives(page: Any, served: Served) -> None:
    open_case(page, served, SEED_NAME)
    page.locator(f'[data-pointer="{BOX_COUNTRY}"] input').fill("US")
    page.wait_for_selector(AT_BOX, timeout=5_000)
    page.get_by_role("button", name="保存", exact=True).click()
    page.wait_for_selector(".notice.good", timeout=5_000)
    shown = page.locator("#banner strong").inner_text()
    saved = served.cases / SEED_NAME
    assert json.loads(saved.read_text(encoding="utf-8"))["data_locations"][1]["country"] == "US"
    env = dict(os.environ, CASEGATE_OPA=str(REPO / ".tools" / "bin" / "opa"))
    done = subprocess.run(
        [str(CASEGATE), "check", "--as-of", AS_OF, "--format", "json", str(saved)],
        cwd=served.repo,
        env=env,
        capture_output=True,
    )
    verdict = json.loads(done.stdout)["cases"][0]["verdict"]
    assert (shown, verdict, done.returncode) == ("不合格", "fail", 1)
    # Put the seed back through the page: the pass shown is the pass check gives.
    page.locator(f'[data-pointer="{BOX_COUNTRY}"] input').fill("JP")
    page.wait_for_selector("#banner.pass", timeout=5_000)
    page.get_by_role("button", name="保存", exact=True).click()
    page.wait_for_function(
        "document.querySelector('.notice.good') && !document.querySelector('#banner.pending')"
    )
    original = json.loads((REPO / "cases" / SEED_NAME).read_text(encoding="utf-8"))
    assert json.loads(saved.read_text(encoding="utf-8")) == original
    again = subprocess.run(
        [str(CASEGATE), "check", "--as-of", AS_OF, str(saved)], cwd=served.repo, env=env, capture_output=True
    )
    assert (page.locator("#banner strong").inner_text(), again.returncode) == ("合格", 0)


def test_a_second_context_with_a_wrong_token_gets_nothing(browser: Any, served: Served) -> None:
    context = browser.new_context()
    try:
        intruder = context.new_page()
        wrong = served.url.replace(served.token, served.token[::-1])
        response = intruder.goto(wrong)
        assert response is not None and response.status == 403
        assert "外部評価委員会" not in intruder.content()
        api = intruder.request.get(
            f"{served.base}/api/case?name={SEED_NAME}", headers={"X-Casegate-Token": "x"}
        )
        assert api.status == 403 and "外部評価委員会" not in api.text()
        plain = intruder.goto(f"{served.base}/")
        assert plain is not None and plain.status == 403
    finally:
        context.close()


def test_a_new_case_starts_with_every_item_unanswered(page: Any, served: Served) -> None:
    open_case(page, served, SEED_NAME)
    page.get_by_label("新しい案件のファイル名").fill("R8-new-case")
    page.get_by_role("button", name="新しい案件").click()
    page.wait_for_selector("#banner.fail", timeout=10_000)
    assert page.locator("#current-name").inner_text() == "R8-new-case.json"
    assert not (served.cases / "R8-new-case.json").exists()  # nothing is written before 保存
    page.get_by_label("「外部結合」を書く").check()
    answers = page.locator("select[id$='_2f_answer']")
    answers.first.wait_for()
    assert answers.count() == 32 and set(answers.evaluate_all("s => s.map(e => e.value)")) == {""}
    page.wait_for_selector('[data-msgs="/case_id"] .msg', timeout=10_000)
    assert "案件ID" in messages_at(page, "/case_id")
    page.wait_for_selector("#banner:not(.pending)", timeout=10_000)
    # Unanswered items are reported (as a preview while required fields are still empty).
    assert "EC-W-OP-02" in messages_at(page, "/external_connection/checklist/EC-W-OP-02")
    shoot(page, "new-case", '[data-pointer="/external_connection/checklist/EC-W-OP-02"]')


def test_every_control_has_a_label(page: Any, served: Served) -> None:
    open_case(page, served, SEED_NAME)
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('input,select,textarea')]
              .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
              .map(e => e.id || e.name)"""
    )
    assert unlabelled == []


def test_the_keyboard_reaches_the_form_and_its_buttons(page: Any, served: Served) -> None:
    open_case(page, served, SEED_NAME)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "skip-link"
    page.keyboard.press("Enter")  # skip the list of cases
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#case-form') !== null")
