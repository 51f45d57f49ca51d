"""Hostile case files through the real `casegate check`: exit 2 with a clear message, or judged right.

Never a traceback, never a silent pass. test_read_case_files.py tests load_case itself on small texts
and test_bad_input.py the commonest bad files through the CLI (invalid JSON, a duplicate key at the
top, Shift_JIS, NaN, Infinity, a list, an empty file); this table adds the rest, each hidden in
an otherwise valid proposal (the seed), where a mistake or an attack would be. Files that fail
before the engine never start OPA, so the table is fast.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from support.paths import SEED

SEED_TEXT = json.dumps(json.loads(SEED.read_text(encoding="utf-8")), ensure_ascii=False, indent=2)


def _replace_nth(text: str, old: str, new: str, nth: int = 1) -> str:
    """`text` with the nth occurrence of `old` replaced; the test fails loudly if it is not there."""
    at = -1
    for _ in range(nth):
        at = text.index(old, at + 1)
    return text[:at] + new + text[at + len(old) :]


def _seed_with(old: str, new: str, nth: int = 1) -> bytes:
    return _replace_nth(SEED_TEXT, old, new, nth).encode("utf-8")


def _first_member(member: str) -> bytes:
    """The seed with `member` (raw JSON text) as its first member."""
    return ("{" + member + "," + SEED_TEXT[1:]).encode("utf-8")


def _seed_value(pointer_parts: tuple[str | int, ...], value: object) -> bytes:
    data = json.loads(SEED_TEXT)
    target = data
    for part in pointer_parts[:-1]:
        target = target[part]
    target[pointer_parts[-1]] = value
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def _first_answer(value: str) -> bytes:
    data = json.loads(SEED_TEXT)
    checklist = data["outsourcing"]["checklist"]
    checklist[next(iter(checklist))]["answer"] = value
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


Build = Callable[[], bytes]

#: id -> (file content, error code, words the Japanese message must hold, the JSON pointer or None)
HOSTILE: dict[str, tuple[Build, str, str, str | None]] = {
    # Go's JSON keeps the last of two keys, Python's the first: the file would mean two things.
    "duplicate-key-deep": (
        lambda: _seed_with('"answer": "○"', '"answer": "－", "answer": "○"'),
        "duplicate-key",
        "1 回しか書けません",
        "/external_connection/checklist/EC-W-OP-01",
    ),
    "duplicate-key-spelled-with-an-escape": (
        lambda: _seed_with('"country": "JP",', '"country": "JP", "\\u0063ountry": "US",', nth=2),
        "duplicate-key",
        "\\u0063ountry",
        "/data_locations/1",
    ),
    "nesting-past-the-limit": (
        lambda: _first_member('"deep": ' + "[" * 70 + "]" * 70),
        "too-deep",
        "上限 64 段",
        None,
    ),
    "nesting-100000-deep": (lambda: b"[" * 100_000 + b"]" * 100_000, "too-deep", "閉じ忘れ", None),
    "integer-of-5000-digits": (
        lambda: _first_member('"n": ' + "7" * 5000),
        "number-too-large",
        "30 桁まで",
        "/n",
    ),
    "exponent-past-float": (lambda: _first_member('"n": 1e999'), "number-too-large", "大きすぎます", "/n"),
    "minus-infinity": (lambda: _first_member('"n": -Infinity'), "non-finite-number", "-Infinity", "/n"),
    "lone-surrogate": (
        lambda: _seed_with('"title": "', '"title": "\\ud800'),
        "lone-surrogate",
        "消すか",
        "/title",
    ),
    "lone-surrogate-in-a-key": (
        lambda: _first_member('"\\udfff": 1'),
        "lone-surrogate",
        "消すか",
        "",
    ),
    "invalid-utf8-byte": (
        lambda: SEED_TEXT.encode("utf-8").replace(b'"title": "', b'"title": "\xff', 1),
        "not-utf8",
        "UTF-8 で保存し直してください",
        None,
    ),
    "utf8-encoded-surrogate": (  # CESU-8 / WTF-8 style: a surrogate written as UTF-8 bytes
        lambda: SEED_TEXT.encode("utf-8").replace(b'"title": "', b'"title": "\xed\xa0\x80', 1),
        "not-utf8",
        "UTF-8 で保存し直してください",
        None,
    ),
    "cut-inside-a-character": (
        lambda: SEED_TEXT.encode("utf-8") + "あ".encode()[:2],
        "not-utf8",
        "UTF-8 で保存し直してください",
        None,
    ),
    "utf16-with-bom": (lambda: SEED_TEXT.encode("utf-16"), "not-utf8", "UTF-16", None),
    "a-json-string": (lambda: '"個人情報"'.encode(), "not-an-object", "文字列", ""),
    "full-width-country": (
        lambda: _seed_value(("data_locations", 0, "country"), "ＪＰ"),
        "schema-pattern",
        "全角",
        "/data_locations/0/country",
    ),
    "look-alike-maru": (lambda: _first_answer("〇"), "schema-enum", "形の似た別の文字", None),
    "zero-width-space-in-the-id": (
        lambda: _seed_value(("case_id",), "R8-kikaku\u200b-tape-hanyaku"),
        "schema-pattern",
        "見えない文字",
        "/case_id",
    ),
    # Found by fuzz/fuzz_loader.py: a value the loader refuses, then broken JSON further on.
    # The refusal fired first and the scan that places it crashed on the broken part.
    "big-number-then-broken-json": (
        lambda: _first_member('"n": ' + "9" * 40 + ', "x": 1{}'),
        "invalid-json",
        "カンマ（,）が足りません",
        None,
    ),
    "duplicate-key-then-broken-json": (
        lambda: _first_member('"d": {"k": 1, "k": 2}, "x": [1 2]'),
        "invalid-json",
        "カンマ（,）が足りません",
        None,
    ),
    "huge-string": (
        lambda: _seed_value(("title",), "個" * 300_000),
        "schema-maxLength",
        "「件名」",
        "/title",
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_is_refused_in_words(run_cli, tmp_path, name):
    build, code, words_ja, pointer = HOSTILE[name]
    path = tmp_path / "case.json"
    path.write_bytes(build())
    before = path.read_bytes()
    result = run_cli("check", "--format", "json", str(path))  # a traceback would raise here
    assert result.exit_code == 2, result.output
    report = json.loads(result.stdout)
    assert report["engine_error"] is None  # refused before the engine: OPA never saw it
    [case] = report["cases"]
    assert case["verdict"] == "error"
    assert case["path"] == str(path)
    error = case["errors"][0]
    assert error["code"] == code
    assert words_ja in error["message_ja"], error["message_ja"]
    assert error["message_en"]
    if pointer is not None:
        assert error["pointer"] == pointer
    assert error["line"] is not None and error["column"] is not None  # the clerk can find it
    assert len(result.stdout) < 20_000  # a huge value is never echoed whole
    assert path.read_bytes() == before


def test_the_text_report_names_file_place_and_fix(run_cli, tmp_path):
    """The same, as a clerk reads it: file:line:column, the Japanese sentence, exit 2."""
    path = tmp_path / "case.json"
    path.write_bytes(HOSTILE["duplicate-key-spelled-with-an-escape"][0]())
    result = run_cli("check", str(path))
    assert result.exit_code == 2
    assert f"{path}:" in result.stdout
    assert "「country」" in result.stdout
    assert "Traceback" not in result.output


def test_a_file_over_the_size_limit_is_refused_by_check(run_cli, tmp_path):
    path = tmp_path / "case.json"
    path.write_text(SEED_TEXT, encoding="utf-8")
    result = run_cli("check", "--format", "json", "--max-bytes", "1000", str(path))
    assert result.exit_code == 2
    error = json.loads(result.stdout)["cases"][0]["errors"][0]
    assert error["code"] == "too-large"
    assert "上限は 1,000 バイト" in error["message_ja"]
