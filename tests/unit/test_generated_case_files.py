"""Generated tests (hypothesis) of the loader, the schema layer and the pointer walk.

Example tests say what happens to the files someone thought of; these say what holds for all:
- any JSON object, however written, loads back exactly (types included);
- any text json.loads rejects, load_case rejects with an InputError, and nothing but an
  InputError ever comes out of load_case, whatever the bytes;
- jsonschema-rs (which decides) and jsonschema (which explains) agree on mutated seed cases,
  and a case rs finds invalid always gets at least one problem;
- PointerPlaces (placing findings fast) answers exactly what SourceMap answers;
- every file of the fuzz corpus passes the fuzz target's checks (fuzz/fuzz_loader.py).

No example database is written (database=None): the repository stays clean, and a failure
prints the example and how to reproduce it.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from casegate.core.locate import SourceMap, pointer_from_path
from casegate.core.pointer_walk import PointerPlaces
from casegate.core.read import MAX_INT_DIGITS, load_case
from casegate.core.validate import CaseSchema
from casegate.errors import InputError
from support.fuzz import FUZZ, fuzz_target
from support.paths import REPO, SEED

PROPERTIES = settings(
    database=None,
    deadline=None,  # the first example pays for imports and compiling the schema
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# --- strategies --------------------------------------------------------------------------------------

LIMIT = 10**MAX_INT_DIGITS - 1
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-LIMIT, max_value=LIMIT)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()  # hypothesis never generates lone surrogates here
)
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4),
    max_leaves=25,
)
json_objects = st.dictionaries(st.text(), json_values, max_size=6)


@st.composite
def written(draw: st.DrawFn, value: Any) -> bytes:
    """`value` as a file might hold it: any indent, escaped or not, perhaps a BOM and blank lines."""
    text = json.dumps(
        value,
        ensure_ascii=draw(st.booleans()),
        indent=draw(st.sampled_from([None, 0, 1, 2, 4, "\t"])),
        separators=draw(st.sampled_from([None, (",", ":"), (", ", ": ")])),
    )
    text = draw(st.sampled_from(["", " ", "\n", "\r\n"])) + text + draw(st.sampled_from(["", "\n", " \r\n"]))
    bom = draw(st.sampled_from([b"", b"\xef\xbb\xbf"]))
    return bom + text.encode("utf-8")


def typed(value: Any) -> Any:
    """`value` with every type spelled out, so that True != 1 and 1 != 1.0 in comparisons."""
    if isinstance(value, dict):
        return ("object", [(key, typed(item)) for key, item in value.items()])  # order too
    if isinstance(value, list):
        return ("array", [typed(item) for item in value])
    if isinstance(value, float):
        return ("float", repr(value))  # -0.0 and 0.0 differ in the file, so here too
    return (type(value).__name__, value)


@st.composite
def mangled(draw: st.DrawFn) -> bytes:
    """Almost-JSON: a written object with a few bytes deleted, inserted or repeated."""
    raw = bytearray(draw(written(draw(json_objects))))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(raw)))
        action = draw(st.sampled_from(["delete", "insert", "repeat"]))
        if action == "delete" and at < len(raw):
            del raw[at : at + draw(st.integers(1, 3))]
        elif action == "insert":
            piece = draw(
                st.sampled_from(
                    [
                        b"{",
                        b"}",
                        b"[",
                        b"]",
                        b",",
                        b":",
                        b'"',
                        b"\\",
                        b"NaN",
                        b"1e999",
                        b"\\ud800",
                        b"\xff",
                        b"\x00",
                        b"-",
                        b"0" * 40,
                    ]
                )
            )
            raw[at:at] = piece
        else:
            raw[at:at] = raw[at : at + draw(st.integers(1, 8))]
    return bytes(raw)


# --- the loader ---------------------------------------------------------------------------------------


def _write(folder: Path, raw: bytes) -> Path:
    path = folder / "case.json"
    path.write_bytes(raw)
    return path


@PROPERTIES
@given(data=st.data())
def test_any_json_object_round_trips_exactly(tmp_path: Path, data: st.DataObject) -> None:
    value = data.draw(json_objects)
    raw = data.draw(written(value))
    loaded = load_case(_write(tmp_path, raw))
    assert typed(loaded.data) == typed(value)


def _outcome(path: Path) -> Any:
    """load_case's data, or its InputError; anything else escapes and fails the test."""
    try:
        return load_case(path).data
    except InputError as error:
        return error


@PROPERTIES
@given(raw=st.one_of(mangled(), st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_what_json_loads_rejects_load_case_rejects_with_an_input_error(tmp_path: Path, raw: bytes) -> None:
    outcome = _outcome(_write(tmp_path, raw))
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    try:
        reference = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        assert isinstance(outcome, InputError)
        return
    if isinstance(outcome, InputError):
        # Stricter than json.loads on purpose: duplicates, NaN, huge numbers, surrogates, depth,
        # a document that is not an object, NUL characters (UTF-16 without a BOM).
        assert outcome.message_ja and outcome.message_en
        outcome.message_ja.encode("utf-8")  # printable: no lone surrogate copied into a message
        return
    assert isinstance(outcome, dict)
    assert typed(outcome) == typed(reference)


def test_the_rejections_are_not_vacuous(tmp_path: Path) -> None:
    """The property above has both branches: an accepted and a rejected file."""
    assert _outcome(_write(tmp_path, b'{"a": [1, 2.5, "x"]}')) == {"a": [1, 2.5, "x"]}
    assert isinstance(_outcome(_write(tmp_path, b'{"a": 1,}')), InputError)


# --- the schema layer ----------------------------------------------------------------------------------

SCHEMA = CaseSchema(REPO / "schemas" / "case.schema.json")
SEED_CASE = json.loads(SEED.read_text(encoding="utf-8"))

#: Values a clerk (or a mutation) may put in a field: real and impossible dates, codes, look-alikes.
tricky_strings = st.one_of(
    st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z"),
    st.sampled_from(
        [
            "2026-02-29",
            "2024-02-29",
            "2026-5-1",
            "20260501",
            "令和8年5月1日",
            "JP",
            "ＪＰ",
            "US",
            "○",
            "〇",
            "－",
            "-",
            "",
            " ",
            "\u200b",
            "TLS1.2",
            "1.3",
            "未定",
            "決定",
        ]
    ),
    st.text(max_size=12),
)
mutation_values = st.one_of(tricky_strings, json_values)


def _paths(value: Any, prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_paths(item, (*prefix, index)))
    return found


SEED_PATHS = _paths(SEED_CASE)[1:]


def _same_type(value: Any) -> st.SearchStrategy[Any]:
    if isinstance(value, bool):
        return st.booleans()
    if isinstance(value, int):
        return st.integers(-5, 500)
    if isinstance(value, str):  # often a near miss of the original, or a real date
        return st.one_of(
            st.just(value), st.just(value + " "), st.just(value.upper()), st.dates().map(str), tricky_strings
        )
    return mutation_values


@st.composite
def mutated_cases(draw: st.DrawFn) -> Any:
    case = copy.deepcopy(SEED_CASE)
    for _ in range(draw(st.sampled_from([1, 1, 1, 2, 3]))):
        path = draw(st.sampled_from(SEED_PATHS))
        parent: Any = case
        try:
            for part in path[:-1]:
                parent = parent[part]
            last = path[-1]
            action = draw(st.sampled_from(["same-type", "same-type", "replace", "delete", "add"]))
            if action == "same-type":  # stays close to valid, where the edges (formats) are
                parent[last] = draw(_same_type(parent[last]))
            elif action == "replace":
                parent[last] = draw(mutation_values)
            elif action == "delete" and isinstance(parent, dict):
                del parent[last]
            elif isinstance(parent, dict):
                parent[draw(st.text(max_size=8))] = draw(mutation_values)
        except (KeyError, IndexError, TypeError):  # an earlier mutation removed the way there
            continue
    return case


@pytest.mark.slow  # ~1 s: 200 generated examples, each checked against the slow reference
@settings(PROPERTIES, max_examples=200)
@given(case=mutated_cases())
def test_the_two_validators_agree_on_mutated_seed_cases(case: Any) -> None:
    fast = SCHEMA._fast.is_valid(case)  # jsonschema-rs: decides
    slow = SCHEMA._slow.is_valid(case)  # jsonschema: explains
    assert fast == slow
    assert (SCHEMA.problems(case) == []) == fast


def test_year_zero_is_refused_by_both_validators(run_cli, case, write_case):
    """jsonschema-rs accepts the date 0000-01-01 (RFC 3339 allows year 0) and jsonschema does not
    (Python's dates start at year 1); the schema's date pattern (1900-01-01..2199-12-31) refuses it for both."""
    case["submitted_on"] = "0000-01-01"
    assert not SCHEMA._fast.is_valid(case) and not SCHEMA._slow.is_valid(case)
    result = run_cli("check", "--format", "json", "--as-of", "2026-11-27", str(write_case(case)))
    assert result.exit_code == 2, result.output
    errors = json.loads(result.stdout)["cases"][0]["errors"]
    assert ("schema-pattern", "/submitted_on") in {(error["code"], error["pointer"]) for error in errors}


# --- placing findings --------------------------------------------------------------------------------


@st.composite
def documents_and_pointers(draw: st.DrawFn) -> tuple[str, list[str]]:
    value = draw(json_objects)
    text = draw(written(value)).decode("utf-8").removeprefix("\ufeff")
    existing = [pointer_from_path(path) for path in _paths(value)]
    pointers = draw(st.lists(st.sampled_from(existing), min_size=1, max_size=5))
    # Missing members below existing ones, past-the-end indexes and unusual spellings.
    pointers += [
        pointer + draw(st.sampled_from(["/x", "/0", "/-", "/01", "/~2", "/a~1b"])) for pointer in pointers
    ]
    pointers += draw(st.lists(st.text(max_size=6).map(lambda tail: "/" + tail), max_size=2))
    return text, pointers


@pytest.mark.slow  # ~1 s: 200 generated examples, each checked against the slow reference
@settings(PROPERTIES, max_examples=200)
@given(document=documents_and_pointers())
def test_pointer_places_answer_what_the_source_map_answers(document: tuple[str, list[str]]) -> None:
    text, pointers = document
    full = SourceMap(text)
    # Without the parsed value (decoding the members on the way) and with it (counting commas).
    for fast in (PointerPlaces(text), PointerPlaces(text, json.loads(text))):
        for pointer in pointers:
            assert fast.location(pointer) == full.location(pointer)


# Values as casegate's own tools write them (json.dumps(indent=2, ensure_ascii=False)): no float,
# whose text differs between json and orjson, and integers of up to 18 digits (longer ones go to
# the strict reader).
layout_scalars = (
    st.none() | st.booleans() | st.integers(min_value=-(10**18) + 1, max_value=10**18 - 1) | st.text()
)
layout_values = st.recursive(
    layout_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4),
    max_leaves=25,
)


@st.composite
def indented_documents(draw: st.DrawFn) -> tuple[bytes, list[str], list[str]]:
    value = draw(st.dictionaries(st.text(), layout_values, max_size=6))
    body = json.dumps(value, ensure_ascii=False, indent=2) + draw(st.sampled_from(["", "\n"]))
    existing = [pointer_from_path(path) for path in _paths(value)]
    pointers = draw(st.lists(st.sampled_from(existing), min_size=1, max_size=5))
    others = [
        pointer + draw(st.sampled_from(["/x", "/0", "/-", "/01", "/~2", "/a~1b"])) for pointer in pointers
    ]
    others += draw(st.lists(st.text(max_size=6).map(lambda tail: "/" + tail), max_size=2))
    return body.encode("utf-8"), pointers, others


@pytest.mark.slow  # ~1 s: 200 generated examples, each checked against the slow reference
@settings(PROPERTIES, max_examples=200)
@given(document=indented_documents())
def test_places_read_off_the_indented_layout_are_the_source_maps(
    tmp_path: Path, document: tuple[bytes, list[str], list[str]]
) -> None:
    body, existing, others = document
    path = tmp_path / "case.json"
    path.write_bytes(body)
    loaded = load_case(path)
    # What json.dumps(indent=2) writes is read as that layout, unless a run of 19 digits sent it
    # to the strict reader.
    assume(loaded.indented is not None)
    assert loaded.indented == body
    full = SourceMap(loaded.text)
    fast = PointerPlaces(loaded.text, loaded.data, loaded.indented)
    for pointer in existing:  # read off the layout itself, not left to the other walks
        assert fast._indented_walk(pointer) == full.location(pointer)
    for pointer in existing + others:
        assert fast.location(pointer) == full.location(pointer)


def test_pointer_places_on_every_pointer_of_the_seed() -> None:
    text = SEED.read_text(encoding="utf-8")
    full = SourceMap(text)
    loaded = load_case(SEED)
    assert loaded.indented is not None  # the seed is laid out as casegate writes cases
    for fast in (
        PointerPlaces(text),
        PointerPlaces(text, json.loads(text)),
        PointerPlaces(text, loaded.data, loaded.indented),
    ):
        for path in _paths(SEED_CASE):
            pointer = pointer_from_path(path)
            assert fast.location(pointer) == full.location(pointer)
    layout = PointerPlaces(text, loaded.data, loaded.indented)
    for path in _paths(SEED_CASE):  # every place of the seed read off its layout
        assert layout._indented_walk(pointer_from_path(path)) == full.location(pointer_from_path(path))


# --- the fuzz corpus ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(path.name for path in (FUZZ / "corpus").iterdir()))
def test_the_fuzz_corpus_passes_the_fuzz_checks(name: str) -> None:
    """Every committed seed input, replayed without atheris (the bounded fuzz run is in make test)."""
    outcome = fuzz_target().check_one((FUZZ / "corpus" / name).read_bytes())
    assert outcome in ("accepted", "refused")


def _depth_by_flat_scan(text: str) -> int:
    """The reference: the flat scan the loader falls back to, walking every match."""
    from casegate.core.read import _STRUCTURE

    depth = deepest = 0
    for match in _STRUCTURE.finditer(text):
        token = match.group()
        depth += {"[": 1, "{": 1, "]": -1, "}": -1}.get(token, 0)
        deepest = max(deepest, depth)
    return deepest


@settings(PROPERTIES, max_examples=300)
@given(text=st.text(alphabet='[]{}"\\\n ax:,', max_size=60))
def test_the_fast_depth_count_agrees_with_the_flat_scan(text: str) -> None:
    from casegate.core.read import nesting_depth

    assert nesting_depth(text) == _depth_by_flat_scan(text)
