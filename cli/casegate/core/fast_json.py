"""JSON at C speed (orjson) where that provably reads and writes what the strict path would.

The strict reader (casegate.loader) parses with json's hooks and scans the text for its depth:
about 1 ms for a seed-sized case, most of a run's Python time. A clean case, which nearly every
case is, is read here with a few passes that all run in C, and everything unusual is left to
the strict reader, which then says what is wrong and where. `parse_clean` accepts only a text
for which the strict reader would return the same value:

- orjson refuses what JSON forbids (NaN, a lone surrogate, control characters in strings,
  trailing text, a BOM) and what the strict reader refuses with it; each of those is refused
  here too, by the exception.
- A duplicate key: orjson keeps the last, silently. Every member of an object has exactly one
  colon outside strings, and a colon inside a string is written as it is by orjson and means
  itself in the file, unless it is escaped as \\u003a. So, with no such escape, the file and the
  re-encoded value have as many colons as each other exactly when no member was dropped.
- Numbers: orjson turns an integer past 64 bits into a float, and a long mantissa is where two
  correctly rounding parsers are most likely to be tested. Any run of 19 or more digits (in a
  string too, which costs only the slow path) is left to the strict reader, so every integer
  here fits in 64 bits and every float has at most 18 digits in a row.
- Depth: indented by orjson, a value inside k containers starts its line with 2k spaces
  (strings hold no raw line break), so without a line indented 2 x max_depth, no value is
  nested deeper than the strict reader's limit allows.

The compact encoding made for the colon count is what the engine sends to OPA, so the case is
encoded once (json.dumps of a case cost as much as parsing it). When the file is, byte for byte,
the indented encoding made for the depth check (as json.dumps(indent=2, ensure_ascii=False) and
casegate's own tools write a case), the findings are placed from that layout
(casegate.core.pointer_walk).
"""

from __future__ import annotations

import json
from typing import Any, NamedTuple

import orjson

# Every digit becomes "0", so a run of digits is one substring search away. A float's token
# follows ":", "," or "[" (then perhaps spaces and a minus) and has digits then a point or an
# exponent: those become "#" and "." (spaces " ", the minus "-", anything else "x").
_NUMBER_VIEW = bytes(
    0x30
    if 0x30 <= byte <= 0x39
    else 0x23
    if byte in b":,["
    else 0x2E
    if byte in b".eE"
    else byte
    if byte in b" -"
    else 0x20
    if byte in b"\t\r\n"
    else 0x78
    for byte in range(256)
)
_LONG_DIGIT_RUN = b"0" * 19


def _floatless(view: bytes) -> bool:
    """True when no number of the valid JSON seen as `view` (_NUMBER_VIEW) is written as a float.

    Each digit before a point or an exponent is looked at: a float when its digits follow ":",
    "," or "[". Text in a string that looks so ("ratio: 1.5") only costs the fingerprints a look
    of their own; a "2.0" in a string follows a quote.
    """
    at = view.find(b"0.")
    while at != -1:
        start = at
        while start > 0 and view[start - 1] in b"0 -":
            start -= 1
        if start == 0 or view[start - 1] == 0x23:
            return False
        at = view.find(b"0.", at + 2)
    return True


class Clean(NamedTuple):
    """What the fast reader read from a clean file."""

    data: dict[str, Any]
    compact: bytes  # what OPA is sent
    layout: bytes | None  # the file itself when it is exactly orjson's two-space indentation of `data`
    floatless: bool  # no float anywhere in `data` (no number in the file is written as one)


_COLON_ESCAPES = (b"\\u003a", b"\\u003A")


def parse_clean(body: bytes, max_depth: int) -> Clean | None:
    """The object in `body` (UTF-8, no BOM), its compact encoding, and `body` itself when it is
    exactly orjson's two-space indentation of the object (perhaps with one newline after it;
    else None), or None: ask the strict reader.

    None is no verdict: the file may still be valid (a long number, a colon written as an
    escape); the strict reader decides and explains.
    """
    if any(escape in body for escape in _COLON_ESCAPES):
        return None
    numbers = body.translate(_NUMBER_VIEW)
    if numbers.find(_LONG_DIGIT_RUN) != -1:
        return None
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError:
        return None
    if type(data) is not dict:
        return None
    try:
        compact = orjson.dumps(data)
        indented = orjson.dumps(data, option=orjson.OPT_INDENT_2)
    except orjson.JSONEncodeError:  # nested past orjson's own limit
        return None
    if compact.count(b":") != body.count(b":"):
        return None  # a member was dropped: a duplicate key
    if b"\n" + b" " * (2 * max_depth) in indented:
        return None  # a value nested max_depth deep or deeper: the strict reader measures
    layout = body if body == indented or body == indented + b"\n" else None
    return Clean(data, compact, layout, _floatless(numbers))


def encode(value: Any) -> bytes:
    """Compact UTF-8 JSON of a value the strict reader accepted (integers may exceed 64 bits)."""
    try:
        return orjson.dumps(value)
    except orjson.JSONEncodeError:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def nested_deeper_than(value: Any, limit: int) -> bool:
    """Whether a parsed value may hold containers more than `limit` deep (exactly: no false
    "no"; a "yes" is checked by the caller's exact count)."""
    try:
        indented = orjson.dumps(value, option=orjson.OPT_INDENT_2)
    except orjson.JSONEncodeError:  # deeper than orjson writes, or not plain JSON
        return True
    return b"\n" + b" " * (2 * limit) in indented
