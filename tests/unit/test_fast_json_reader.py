"""The fast reader accepts only what the strict reader reads the same way, and encodes it faithfully.

casegate.fast_json.parse_clean may always answer None (the strict reader then decides); what it
must never do is accept a file the strict reader refuses, or read a value differently (a
duplicate key, a long integer, a deep nesting would then reach OPA unseen).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casegate.core.fast_json import encode, nested_deeper_than, parse_clean
from casegate.core.read import MAX_INT_DIGITS, load_case
from casegate.errors import InputError
from support.fuzz import fuzz_target
from support.paths import SEED

# Equal with the same types all the way down: the fuzz target's own comparison.
_same = fuzz_target().same_typed

PROPERTIES = settings(
    database=None, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _strict(tmp_path: Path, body: bytes) -> Any:
    path = tmp_path / "case.json"
    path.write_bytes(body)
    try:
        return load_case(path).data
    except InputError as error:
        return error


def _agrees(tmp_path: Path, body: bytes) -> str:
    """ "fast" or "strict" (who read it); fails when the fast reader accepted something else."""
    fast = parse_clean(body, 64)
    if fast is None:
        return "strict"
    strict = _strict(tmp_path, body)
    assert not isinstance(strict, InputError), (body[:200], strict.code)
    assert _same(fast[0], strict)
    assert _same(json.loads(fast[1]), strict)  # what OPA is sent
    return "fast"


def test_the_seed_is_read_fast_and_as_the_strict_reader_reads_it(tmp_path):
    assert _agrees(tmp_path, SEED.read_bytes()) == "fast"


@pytest.mark.parametrize(
    "body",
    [
        b'{"a": 1, "a": 2}',
        b'{"a": {"b": 1, "b": 2}}',
        b'{"a": "x:y", "a": 1}',  # the dropped member's own colons do not hide it
        b'{"\\u0061": 1, "a": 2}',  # the same name spelled two ways
        b'{"a\\u003a": 1, "a:": 2}',  # a colon written as an escape
        b'{"a": 1234567890123456789}',  # 19 digits: past what 64 bits hold for a negative
        b'{"a": -9223372036854775809}',
        b'{"a": 18446744073709551616}',  # orjson would make this a float
        b'{"a": 1e400}',
        b'{"a": NaN}',
        b'{"a": "\\ud800"}',
        b'{"\\udc00": 1}',
        b"[1]",
        b'"text"',
        b'{"a": "\t"}',
        b'{"a": 1} {}',
        b'{"a": ' + b"[" * 64 + b"]" * 64 + b"}",  # 65 levels: one too many
        b'{"a": ' + b"[" * 300 + b"]" * 300 + b"}",
        b'{"a": ' + b"[" * 2000 + b"]" * 2000 + b"}",
    ],
)
def test_what_the_fast_reader_leaves_to_the_strict_one(tmp_path, body):
    assert parse_clean(body, 64) is None


@pytest.mark.parametrize(
    "body",
    [
        b'{"a": 123456789012345678, "b": -123456789012345678}',
        b'{"a": 0.1, "b": -0.0, "c": 1e-400, "d": 2.5E3}',
        b'{"a": "\\ud83d\\ude00 \\u3042 \\" \\\\ \\/ :"}',
        b'{"a": "[[[[{{{{", "b": "]]]]}}}}"}',  # brackets in strings are not nesting
        b'{"a": ' + b"[" * 63 + b"]" * 63 + b"}",  # 64 levels: the limit
        b' {"a" : [ 1 , true , null , {} ] }\r\n',
    ],
)
def test_what_the_fast_reader_reads_as_the_strict_one_does(tmp_path, body):
    assert _agrees(tmp_path, body) == "fast"


LIMIT = 10**MAX_INT_DIGITS - 1
_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-LIMIT, max_value=LIMIT)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=st.characters(codec="utf-8"))
    | st.sampled_from([":", "\\u003a", "[", "}", '"', "0" * 19])
)
_values = st.recursive(
    _scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=3), children, max_size=4)
    ),
    max_leaves=15,
)


@st.composite
def _written(draw: st.DrawFn) -> bytes:
    """An object written as a person or a program might: indented or not, names repeated or not."""
    value = draw(st.dictionaries(st.text(max_size=3), _values, max_size=6))
    text = json.dumps(value, indent=draw(st.sampled_from([None, 1, 2])), ensure_ascii=draw(st.booleans()))
    if value and draw(st.booleans()):  # repeat one member, written as a second one
        name = draw(st.sampled_from(sorted(value)))
        text = text[:-1].rstrip() + f", {json.dumps(name)}: {json.dumps(draw(_values))}" + "}"
    return text.encode("utf-8")


@PROPERTIES
@given(body=_written())
def test_the_fast_reader_never_reads_differently(tmp_path, body):
    _agrees(tmp_path, body)


@PROPERTIES
@given(body=st.binary(max_size=200))
def test_the_fast_reader_never_accepts_bytes_the_strict_one_refuses(tmp_path, body):
    _agrees(tmp_path, body)


def _holds_float(value: Any) -> bool:
    if isinstance(value, dict):
        return any(map(_holds_float, value.values()))
    if isinstance(value, list):
        return any(map(_holds_float, value))
    return isinstance(value, float)


@PROPERTIES
@given(
    value=st.dictionaries(st.text(max_size=3), _values, max_size=6),
    indent=st.sampled_from([None, 2, 4]),
    newline=st.sampled_from(["", "\n", "\r\n"]),
)
def test_what_the_fast_reader_says_of_a_file_holds(value, indent, newline):
    """floatless only when no float is in the value; the layout only when the file is exactly
    orjson's two-space indentation (which json.dumps(indent=2) writes without floats)."""
    body = (json.dumps(value, ensure_ascii=False, indent=indent) + newline).encode("utf-8")
    clean = parse_clean(body, 64)
    if clean is None:
        return
    if clean.floatless:
        assert not _holds_float(clean.data)
    if clean.layout is not None:
        assert clean.layout == body
        assert body.rstrip(b"\n") == orjson.dumps(clean.data, option=orjson.OPT_INDENT_2)
    elif indent == 2 and newline != "\r\n" and not _holds_float(clean.data):
        raise AssertionError("json.dumps(indent=2) of a value without floats was not read as the layout")


def test_a_file_with_a_float_is_not_floatless():
    floats = (
        b'{"a": 1.5}',
        b'{"a": [1e5]}',
        b'{"a":[ -2E-3]}',
        b'{"a": {"b" :\n\t -0.0}}',
        b'{"a": [1,\n 22.5]}',
    )
    for body in floats:
        clean = parse_clean(body, 64)
        assert clean is not None and not clean.floatless, body
    # A version in a string is no float; text that looks like one after a comma costs only speed.
    assert parse_clean(b'{"schema_version": "2.0", "a": 15, "b": [true, null, -3]}', 64).floatless
    assert not parse_clean(b'{"a": "x,1.5"}', 64).floatless


def test_encode_writes_integers_past_64_bits_exactly():
    value = {"n": 10**29, "s": "あ"}
    assert json.loads(encode(value)) == value


def test_nested_deeper_than_never_misses_a_deep_value():
    value: Any = 1
    for _ in range(33):
        value = [value]
    assert nested_deeper_than(value, 32)
    assert not nested_deeper_than({"a": [[1]]}, 32)


# Fingerprints of approved waivers depend on canonical_json's exact text: orjson must write json's.
def _json_values(*, floats: bool) -> st.SearchStrategy[object]:
    scalars = (
        st.none()
        | st.booleans()
        | st.integers(min_value=-(2**63), max_value=2**64)  # past 64 bits too: json writes those
        | st.text(alphabet=st.characters(codec="utf-8"))
    )
    if floats:  # wherever one hides, json writes the text (a NaN too, which no case holds)
        scalars |= st.floats(allow_nan=True, allow_infinity=True)
    return st.recursive(
        scalars,
        lambda children: (
            st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=4), children, max_size=4)
        ),
        max_leaves=20,
    )


def _is_json_text(value: object) -> bool:
    from casegate.core.waivers import canonical_json

    return canonical_json(value) == json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )


@PROPERTIES
@given(value=_json_values(floats=False))  # the float-free path: hashed from orjson's bytes
def test_canonical_json_is_the_text_json_writes(value):
    assert _is_json_text(value)


@PROPERTIES
@given(value=_json_values(floats=True))
def test_canonical_json_is_the_text_json_writes_floats_included(value):
    assert _is_json_text(value)


@pytest.mark.parametrize(
    "value",
    [1e16, {"a": [0.1, 2.0]}, -0.0, 1.5, [1, 2.5e-7], {"x": "1.5", "y": 3e300}, float("nan"), {"n": None}],
)
def test_canonical_json_writes_floats_as_json_does(value):
    from casegate.core.waivers import canonical_json

    assert canonical_json(value) == json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
