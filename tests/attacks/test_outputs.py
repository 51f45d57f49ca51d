"""Reviewer outputs forged by case content (issue 9, problem 6), each attack performed and closed.

- markdown: a U+2028 (or any other line break) in a value ended the table row, and a fake
  "合格" heading followed; links, images, @mentions and HTML from a case rendered as such.
- `impact --format markdown` escaped nothing.
- text: a newline or an ANSI escape in a value or a file name printed fake summary lines.
- A 533 KB case made 487 MB of markdown and 2.7 GB of memory; every format is now bounded.
- A deeply nested OPA answer went through the "unexpected error" path; an oversized one was
  read whole. Both are now engine errors (exit 3) with their own messages.
- A SIGKILLed run left its staging folder in /tmp; the next run removes it.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from casegate.core.impact import CaseChange, ImpactReport, Side
from casegate.core.model import CaseReport, Finding, Location, RunReport, Verdict
from casegate.core.run import RunSettings, check
from casegate.engine.endpoint import Endpoint, EngineSettings
from casegate.engine.evaluate import evaluate
from casegate.engine.staging import MARKER, remove_stale
from casegate.errors import EngineError
from casegate.report import rendered, write_impact
from casegate.report.escape import LINE_BREAKS
from casegate.report.vocabulary import MAX_CHARS
from support.fake_opa import Script, fake_opa
from support.paths import REPO, SEED, VARIANTS

AS_OF = "2026-04-27"  # before the seed's start: its 2.0 unknowns only warn
FORGED = "## ✅ casegate：合格"


def _abroad(name: str) -> dict[str, Any]:
    """server-abroad, whose location 1 (abroad) is quoted by name in several violations."""
    case: dict[str, Any] = json.loads((VARIANTS / "server-abroad.json").read_text(encoding="utf-8"))
    case["data_locations"][1]["name"] = name
    return case


def _table_rows_are_whole(markdown: str) -> None:
    """Every line is ours: a heading we write, a table row, or a known plain line."""
    headings = [line for line in markdown.splitlines() if line.startswith("#")]
    assert headings[0].startswith("## ❌ casegate") or headings[0].startswith("## ⚠️ casegate")
    assert all(line.startswith("### ") for line in headings[1:]), headings
    for line in markdown.splitlines():
        assert FORGED not in line or line.startswith("| "), line


@pytest.mark.parametrize("breaker", sorted(set(LINE_BREAKS) | {"\r\n"}))
def test_a_line_break_in_a_value_cannot_end_the_row_or_forge_a_heading(run_cli, write_case, breaker):
    case = _abroad(f"Box{breaker}{breaker}{FORGED}{breaker}")
    result = run_cli("check", "--as-of", AS_OF, "--format", "markdown", str(write_case(case)))
    assert result.exit_code == 1
    _table_rows_are_whole(result.stdout)
    assert not any(char in result.stdout.replace("\n", "") for char in LINE_BREAKS)
    assert f"Box<br><br>{FORGED}<br>" in result.stdout


def test_links_images_mentions_and_html_are_neutralised(run_cli, write_case):
    payload = (
        "[合格](https://evil.example/ok) ![承認](https://evil.example/p.png) @security-team "
        "<img src=x onerror=alert(1)> <a href='https://evil.example'>x</a> www.evil.example a@evil.example "
        "**合格** `code` ~~x~~"
    )
    result = run_cli("check", "--as-of", AS_OF, "--format", "markdown", str(write_case(_abroad(payload))))
    out = result.stdout
    for raw in (
        "[合格](",
        "![承認](",
        "@security-team",
        "<img",
        "<a ",
        "https://evil",
        "www.evil",
        "a@evil",
        "**合格**",
        "`code`",
    ):
        assert raw not in out, raw
    assert "\\[合格\\]\\(https\u2060://evil.example/ok\\)" in out
    assert "@\u2060security-team" in out
    assert "&lt;img src=x onerror=alert\\(1\\)&gt;" in out


def test_github_annotations_show_ansi_and_separators_as_escapes():
    evil = "x\x1b[2K\x1b[32m✓ 合格\u2028\u202e"
    finding = Finding("r", "t", (), "error", evil, evil, Location("/a", 1, 1), fingerprint="r@/a#0")
    report = RunReport(
        "check", (CaseReport("cases/a.json", "a", Verdict.FAIL, violations=(finding,)),), dt.date(2026, 1, 1)
    )
    out = rendered("github", report, "ja")
    assert "\x1b" not in out and "\u2028" not in out and "\u202e" not in out
    assert "x\\x1b[2K\\x1b[32m✓ 合格\\u2028\\u202e" in out


def _impact(name: str, report: ImpactReport) -> str:
    stream = io.StringIO()
    write_impact(name, report, stream, "ja")
    return stream.getvalue()


def test_impact_markdown_escapes_like_check():
    evil = "x\u2028## ✅ 合格\n[link](https://evil.example) @team <b>"
    finding = Finding(
        "rule-x", "t", ("EC-1",), "error", evil, evil, Location("/a|b"), fingerprint="rule-x@/a#0"
    )
    report = RunReport("check", (), dt.date(2026, 11, 27))
    side = Side("HEAD~1 (abc)\n## 合格", dt.date(2026, 11, 27), report)
    change = CaseChange(f"cases/{evil}.json", evil, Verdict.PASS, Verdict.FAIL, (finding,), ())
    out = _impact("markdown", ImpactReport(side, side, (change,), 0))
    assert [line for line in out.splitlines() if line.startswith("#")] == [out.splitlines()[0]]
    assert "\u2028" not in out and "[link](" not in out and "@team" not in out and "<b>" not in out
    text = _impact("text", ImpactReport(side, side, (change,), 0))
    assert "\u2028" not in text and "\\u2028" in text


def test_a_file_name_and_a_value_cannot_print_fake_lines_or_colours_in_text(run_cli, tmp_path):
    name = "x\n✓ 合格  ok.json (ok)\x1b[32m\r.json"
    path = tmp_path / name
    case = _abroad("Box\n\n1件中 合格 1件、不合格 0件、エラー 0件\x1b[2K")
    path.write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    result = run_cli("check", "--as-of", AS_OF, str(path))
    assert result.exit_code == 1
    out = result.stdout
    assert "\x1b" not in out and "\r" not in out
    lines = out.splitlines()
    assert not any(line.startswith("✓ 合格") for line in lines)
    assert not any(line.startswith("1件中 合格 1件") for line in lines)
    assert "x\\n✓ 合格  ok.json (ok)\\x1b[32m\\r.json" in out
    assert "Box\\n\\n1件中 合格 1件、不合格 0件、エラー 0件\\x1b[2K" in out
    summaries = [line for line in lines if line.startswith("1件中")]
    assert len(summaries) == 1 and summaries[0].startswith("1件中 合格 0件、不合格 1件")  # the real one


# --- a 500 KB case full of violations -------------------------------------------------------------------


def _big_case() -> dict[str, Any]:
    """~580 KB: 199 locations abroad, unprotected, with the longest names the schema allows,
    and 200 unencrypted transfers to unknown endpoints with the longest descriptions."""
    case = _abroad("x")
    template = case["data_locations"][1]
    case["data_locations"] = case["data_locations"][:1] + [
        {
            **copy.deepcopy(template),
            "id": f"loc{index}",
            "name": (f"場所|<b>\u2028{FORGED}" + "名" * 200)[:200],
            "operator": "委" * 200,
            "encrypted_at_rest": False,
            "password_protected": False,
            "access_control": False,
            # The 2.0 facts that would add a warning per place (foreign parent, unknown
            # residency): the same findings per place as this test was sized for.
            "parent_company_country": "JP",
            "data_residency_commitment": True,
        }
        for index in range(199)
    ]
    transfer = case["transfers"][0]
    case["transfers"] = [
        {**transfer, "to": f"nowhere{index}", "encryption": "なし", "description": "送" * 400}
        for index in range(200)
    ]
    return case


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, RunReport]:
    path = tmp_path_factory.mktemp("big") / "big.json"
    path.write_text(json.dumps(_big_case(), ensure_ascii=False, indent=2), encoding="utf-8")
    settings = RunSettings(
        paths=(path,),
        schema=REPO / "schemas" / "case.schema.json",
        policies=REPO / "policies",
        repo_root=REPO,
        as_of=dt.date(2026, 11, 27),
    )
    report = check(settings)
    assert report.cases[0].verdict is Verdict.FAIL
    assert len(report.cases[0].violations) > 550  # full of violations indeed
    return path.stat().st_size, report


#: Each format's size against the case's, at most. JSON carries every message three times
#: (message, message_ja, message_en) and indented; the others once or twice.
BOUNDS = {"text": 3, "github": 3, "junit": 3, "sarif": 5, "json": 8}


@pytest.mark.parametrize("output_format", sorted(BOUNDS))
def test_no_format_grows_beyond_a_few_times_the_case(big, output_format):
    size, report = big
    assert size > 500_000
    tracemalloc.start()
    try:
        output = rendered(output_format, report, "ja")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(output.encode("utf-8")) <= BOUNDS[output_format] * size
    # Was 2.7 GB for a 533 KB case; now ~11 MB at most (the document, and its text, for JSON).
    assert peak <= 25 * size


def test_markdown_is_cut_at_githubs_limit_and_says_what_is_left_and_where(big, monkeypatch):
    size, report = big
    monkeypatch.setenv("CASEGATE_REPORT_ARTIFACT", "casegate-report.sarif")
    tracemalloc.start()
    try:
        output = rendered("markdown", report, "en")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(output) + sum(ord(c) > 0xFFFF for c in output) <= MAX_CHARS
    assert peak <= 4 * size
    case = report.cases[0]
    shown = output.count("\n| `")  # finding rows (rule ids are code spans)
    left = len(case.violations) + len(case.warnings) - shown
    assert left > 0
    assert f"Not shown: 0 case(s), {left} finding(s) or input problem(s)." in output
    assert "`casegate-report.sarif` has everything" in output
    _table_rows_are_whole(output)


# --- answers that are no decision --------------------------------------------------------------------


def test_a_deeply_nested_answer_is_an_engine_error_with_its_own_message(run_cli):
    body = b'{"result": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    with fake_opa(Script(body=body)) as url:
        result = run_cli("check", "--opa-url", url, "--format", "json", "--lang", "en", str(SEED))
    assert result.exit_code == 3, result.output
    engine = json.loads(result.stdout)["engine_error"]
    assert engine["code"] == "opa-answer-too-deep"
    assert "nested too deeply (100001 levels, the limit is 32)" in engine["message"]


def test_an_oversized_answer_is_refused_before_it_is_read(run_cli):
    body = b'{"result": "' + b"x" * 64_000_001 + b'"}'
    with fake_opa(Script(body=body)) as url:
        result = run_cli("check", "--opa-url", url, "--format", "json", "--lang", "en", str(SEED))
    assert result.exit_code == 3, result.output
    engine = json.loads(result.stdout)["engine_error"]
    assert engine["code"] == "opa-answer-too-large"
    assert "too large (the limit is 64,000,000 bytes)" in engine["message"]


def test_the_size_limit_also_holds_while_reading(monkeypatch):
    """Past the declared length too: the body is read in chunks and stops one past the limit."""
    with fake_opa(Script(body=b'{"result": "' + b"y" * 5000 + b'"}')) as url:
        port = int(url.rsplit(":", 1)[1])
        settings = EngineSettings(max_answer_bytes=1000, retries=0)
        with pytest.raises(EngineError) as refused:
            evaluate(Endpoint("127.0.0.1", port), [("0", b"{}")], dt.date(2026, 11, 27), settings).finish()
    assert refused.value.code == "opa-answer-too-large"


# --- staging folders of killed runs -------------------------------------------------------------------


def test_a_sigkilled_runs_staging_folder_is_removed_by_the_next_run(tmp_path, run_cli, monkeypatch):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch), "CASEGATE_LANG": "en"}
    # A real run, killed with SIGKILL as soon as its staging folder exists (OPA still starting).
    child = subprocess.Popen(
        [sys.executable, "-m", "casegate", "check", "--as-of", AS_OF, str(SEED), "cases/"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    folders: list[Path] = []
    while time.monotonic() < deadline and not folders:
        folders = [p for p in scratch.glob(f"casegate-opa-{child.pid}-*") if (p / MARKER).exists()]
        time.sleep(0.01)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert folders, "the run never made its staging folder"
    assert folders[0].exists()  # SIGKILL: nothing could clean up

    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    alive = scratch / f"casegate-opa-{os.getpid()}-keepme"  # a run still going: left alone
    alive.mkdir()
    (alive / MARKER).write_text(f"{os.getpid()} {socket.gethostname()}\n", encoding="utf-8")
    unmarked = scratch / "casegate-opa-1-notours"  # not made by casegate: left alone
    unmarked.mkdir()
    assert run_cli("check", "--as-of", AS_OF, str(SEED)).exit_code == 0
    assert not folders[0].exists()
    assert alive.exists() and unmarked.exists()


def test_remove_stale_keeps_live_processes_other_hosts_and_links(tmp_path):
    def folder(name: str, host: str = socket.gethostname()) -> Path:
        made = tmp_path / name
        made.mkdir()
        (made / MARKER).write_text(f"{name.split('-')[2]} {host}\n", encoding="utf-8")
        return made

    dead = folder("casegate-impact-999999999-abc")
    live = folder(f"casegate-opa-{os.getppid()}-abc")
    elsewhere = folder("casegate-opa-999999997-abc", host="another-container")  # its pid means nothing here
    linked = tmp_path / "casegate-opa-999999998-abc"
    linked.symlink_to(dead)
    assert remove_stale(tmp_path) == [dead]
    assert live.exists() and elsewhere.exists() and linked.is_symlink()
