"""Every format is a plug-in writing to a stream; JSON is written a case at a time."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import io
import json
import tracemalloc
from pathlib import Path

import pytest

from casegate.core.model import CaseReport, PolicyInfo, RunReport, Verdict
from casegate.report import FORMATS, documents, jsonstream, junit, rendered, sarif
from support.paths import REPO
from support.sample_reports import ABROAD, ENGINE_REPORT, LEDGER, REPORT, UNDECIDED

REPORT_PACKAGE = REPO / "cli" / "casegate" / "report"
SHARED = {"escape", "vocabulary", "documents", "jsonstream", "files", "audit"}  # not formats


class CountingStream(io.StringIO):
    """A text stream that counts the writes it is given."""

    writes = 0

    def write(self, text: str) -> int:
        self.writes += 1
        return super().write(text)


@pytest.mark.parametrize("name", sorted(FORMATS))
@pytest.mark.parametrize("report", [REPORT, ENGINE_REPORT], ids=["report", "engine"])
def test_each_format_writes_its_text_to_the_stream_it_is_given(name, report):
    stream = CountingStream()
    stream.write("before\n")
    assert FORMATS[name](report, stream, "en") is None
    written = stream.getvalue()
    assert written.startswith("before\n") and written.endswith("\n") and len(written) > len("before\n") + 1
    assert written[len("before\n") :] == rendered(name, report, "en")


def _whole_document(report: RunReport, lang: str) -> str:
    """What the JSON format printed before it streamed: one json.dumps of the whole run."""
    document = {**documents.run(report, lang), "cases": [documents.case(case, lang) for case in report.cases]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize(
    "report",
    [
        REPORT,
        ENGINE_REPORT,
        dataclasses.replace(REPORT, cases=()),
        dataclasses.replace(REPORT, cases=REPORT.cases[:1]),
        dataclasses.replace(REPORT, command="validate", policy=None, as_of_zone="Asia/Tokyo"),
    ],
    ids=["report", "engine", "no-cases", "one-case", "validate"],
)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_streamed_json_is_byte_for_byte_the_whole_document(report, lang):
    stream = CountingStream()
    FORMATS["json"](report, stream, lang)
    assert stream.getvalue() == _whole_document(report, lang)
    assert stream.writes >= len(report.cases)  # a write a case at least, not one at the end


@pytest.mark.parametrize(
    "report",
    [
        REPORT,
        ENGINE_REPORT,
        dataclasses.replace(REPORT, cases=()),
        dataclasses.replace(REPORT, cases=REPORT.cases[2:3]),
    ],
    ids=["report", "engine", "no-cases", "no-results"],
)
def test_streamed_sarif_is_byte_for_byte_the_whole_document(report):
    stream = CountingStream()
    FORMATS["sarif"](report, stream, "ja")
    assert stream.getvalue() == json.dumps(sarif.document(report, "ja"), ensure_ascii=False, indent=2) + "\n"
    assert stream.writes >= sum(len(case.violations) for case in report.cases)


def _whole_suite(report: RunReport, lang: str) -> str:
    """What the JUnit format printed before it streamed: junitparser's pretty print of the suite."""
    suite = junit._suite(report)
    suite.add_testcases([junit._testcase(case, report, lang) for case in report.cases])
    return junit._pretty(suite)


@pytest.mark.parametrize("size", [0, 1, 4, 201, 450])
def test_streamed_junit_is_byte_for_byte_the_whole_suite(size):
    cases = (REPORT.cases * 120)[:size]  # every kind of case, across chunks of 200
    report = dataclasses.replace(REPORT, cases=cases, fail_on_warn=size == 201)
    stream = io.StringIO()
    FORMATS["junit"](report, stream, "ja")
    assert stream.getvalue() == _whole_suite(report, "ja")


@pytest.mark.parametrize(
    "value",
    [
        {
            "text": "".join(map(chr, range(0x80))) + '\u2028\u2029\u202e\ufeff😀\\"/',
            "n": [1, None, True, [], {}],
        },
        {"big": 2**70},  # past 64 bits: orjson refuses, json writes it
    ],
    ids=["controls", "big-integer"],
)
def test_the_fast_encoder_writes_what_json_writes(value):
    assert jsonstream._dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_an_undecodable_byte_in_a_file_name_is_written_as_a_replacement_character():
    """orjson refuses a lone surrogate; json writes it, which UTF-8 cannot carry: U+FFFD instead."""
    value = {"path": "cases/\udcff.json", "n": 2**70}
    assert jsonstream._dumps(value) == json.dumps(
        {"path": "cases/\ufffd.json", "n": 2**70}, ensure_ascii=False, indent=2
    )


def test_a_line_separator_in_a_value_does_not_break_the_indentation():
    odd = dataclasses.replace(LEDGER, message_ja="行\u2028区切り\r\n改行", message_en="line\u2028sep\nbreak")
    report = dataclasses.replace(
        REPORT, cases=(CaseReport("cases/x\u2029.json", "x", Verdict.FAIL, violations=(odd,)),)
    )
    stream = io.StringIO()
    FORMATS["json"](report, stream, "ja")
    assert stream.getvalue() == _whole_document(report, "ja")


def _many(n: int) -> RunReport:
    cases = tuple(
        CaseReport(
            f"cases/{index:05}.json",
            f"c{index}",
            Verdict.PASS if index % 10 else Verdict.FAIL,
            violations=() if index % 10 else (ABROAD,),
            sha256="ab" * 32,
        )
        for index in range(n)
    )
    return RunReport(
        command="check",
        cases=cases,
        as_of=dt.date(2026, 11, 27),
        policy=PolicyInfo("2026.11.0", ("sha256:0",)),
        schema_version="1.0",
    )


class Sink(io.TextIOBase):
    """Counts what is written and keeps none of it (a file or a pipe, as far as memory goes)."""

    size = 0

    def write(self, text: str) -> int:
        self.size += len(text)
        return len(text)


def _peak(name: str, report: RunReport) -> tuple[int, int]:
    sink = Sink()
    tracemalloc.start()
    try:
        FORMATS[name](report, sink, "ja")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return sink.size, peak


def test_json_at_10000_cases_stays_in_bounded_memory():
    report = _many(10_000)
    size, peak = _peak("json", report)
    assert size > 3_000_000  # 3.4 M characters went through...
    # ...while at most a few cases were held at once. Built whole (as before), these took 27 MiB.
    assert peak < 2 * 2**20, f"json: peak {peak / 2**20:.1f} MiB"


def test_sarif_streams_its_results():
    """SARIF keeps its list of artefacts (one small entry a file) and of rules; the results, most
    of it, are written one at a time. 1,000 cases of three findings each took 23 MiB built whole."""
    findings = (ABROAD, LEDGER, UNDECIDED)
    cases = tuple(
        dataclasses.replace(case, verdict=Verdict.FAIL, violations=findings) for case in _many(1_000).cases
    )
    size, peak = _peak("sarif", dataclasses.replace(_many(0), cases=cases))
    assert size > 2_500_000
    assert peak < 6 * 2**20, f"sarif: peak {peak / 2**20:.1f} MiB"


def test_junit_holds_a_chunk_of_testcases_at_a_time():
    """1,000 cases of three findings each took 8.7 MiB built whole (tree, text and minidom's copy)."""
    findings = (ABROAD, LEDGER, UNDECIDED)
    cases = tuple(
        dataclasses.replace(case, verdict=Verdict.FAIL, violations=findings) for case in _many(1_000).cases
    )
    size, peak = _peak("junit", dataclasses.replace(_many(0), cases=cases))
    assert size > 600_000
    assert peak < 5 * 2**20, f"junit: peak {peak / 2**20:.1f} MiB"


def _imports(module: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_no_format_imports_another():
    formats = {path.stem for path in REPORT_PACKAGE.glob("*.py")} - SHARED - {"__init__"}
    assert formats == {"text", "json_report", "junit", "sarif", "github", "markdown", "impact", "doctor"}
    for name in formats:
        imported = _imports(REPORT_PACKAGE / f"{name}.py")
        # Only the shared modules; not the registry (casegate.report's FORMATS), not a format.
        used = {
            item.removeprefix("casegate.report.").split(".")[0]
            for item in imported
            if item.startswith("casegate.report.")
        }
        assert used <= SHARED, f"{name} imports {used - SHARED}"
