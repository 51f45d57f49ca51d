"""The line and column of a few JSON pointers in a valid case file, found by walking their paths.

SourceMap maps every value of a file with a pure-Python scan (~13 ms for a seed-sized case); a
finding needs the place of one pointer. This walks only the members on the pointer's path and
skips the others with the json module's C scanner, ~50 µs a pointer, so placing the findings of
10,000 cases costs seconds less. The answers are SourceMap's: the same (line, column), and for a
pointer to something missing, its nearest existing ancestor; anything unusual is left to it.

Only for text the loader accepted (valid JSON, no duplicate keys, depth bounded).

A file written as `casegate migrate`, `casegate init` and json.dumps(indent=2) write it is
exactly orjson's two-space indentation of its value, and the reader says so (`indented`). Its
places are then read off that layout in C: a member of a container at depth d is the one line
that starts with a newline, 2(d+1) spaces and `"name": ` after the container's start (a string
holds no raw newline, deeper lines have more spaces), so a pointer costs one search per token.

Given the value the loader parsed from the text as well, most walks need no decoding at all:
the k-th child of a container starts after its k-th separating comma, and the commas inside
the children before it are counted in their compact encoding (orjson, in C), which has as many
as the file as long as the file writes no \\u escape (the only way a comma in a string could be
spelled otherwise). Each member name reached is decoded and compared, so a miscount is caught
and the walk falls back to the decoding one.
"""

from __future__ import annotations

import bisect
import itertools
import json
import operator
import re
from typing import Any

import orjson

from casegate.core.locate import SourceMap
from casegate.core.model import Location

_SPACE = re.compile(r"[ \t\n\r]*")
_COMMA = re.compile(r"[ \t\n\r]*,?[ \t\n\r]*")
_COLON = re.compile(r"[ \t\n\r]*:[ \t\n\r]*")
_DECODER = json.JSONDecoder()
_UNKNOWN: Any = object()
# How a value of each type can start in the text (a check that the count found the right place).
_STARTS = {
    dict: "{",
    list: "[",
    str: '"',
    bool: "tf",
    type(None): "n",
    int: "-0123456789",
    float: "-0123456789",
}


class PointerPlaces:
    """Where pointers are in one text: walked one by one, SourceMap only as a fallback.

    Each container on a walked path is indexed once (member name or item index -> offset of
    its value), so the several findings of a case that point into one checklist share the work.
    """

    def __init__(self, text: str, data: Any = _UNKNOWN, indented: bytes | None = None) -> None:
        """`data`, when given, must be what the loader parsed from `text`; `indented`, when given,
        `text` encoded as UTF-8, which must be orjson's OPT_INDENT_2 encoding of `data` (perhaps
        with one newline after it): LoadedCase.indented."""
        self._text = text
        self._indented = indented if data is not _UNKNOWN else None
        self._value = data  # the layout holds escapes as they are: no need to set it aside for them
        self._items: dict[int, list[int]] = {}  # list offset in `indented` -> its items' offsets
        self._found: dict[tuple[int, str], int] = {}  # (object offset, member name) -> value offset
        # Lines counted so far: offsets in `indented`, ascending, and the line each is on. A
        # case's findings share their counting instead of each counting from the top.
        self._line_offsets, self._line_numbers = [0], [1]
        self._members: dict[int, dict[str, int]] = {}
        self._full: SourceMap | None = None
        self._data = data if "\\u" not in text else _UNKNOWN
        self._commas: list[int] | None = None  # the offset of every "," in the text
        self._inner: dict[int, list[int]] = {}  # container offset -> commas inside its children, summed

    def location(self, pointer: str) -> Location:
        if self._indented is not None:
            found = self._indented_walk(pointer)
            if found is not None:
                return found
        offset = self._counted_walk(pointer) if self._data is not _UNKNOWN else None
        if offset is None:
            offset = self._walk(pointer)
        if offset is None:
            if self._full is None:
                self._full = SourceMap(self._text)
            return self._full.location(pointer)
        line = self._text.count("\n", 0, offset) + 1
        return Location(pointer, line, offset - self._text.rfind("\n", 0, offset))

    def _indented_walk(self, pointer: str) -> Location | None:
        """The place read off the indented layout; None when unsure (then the walks decide)."""
        if pointer and not pointer.startswith("/"):
            return None
        layout, node, depth = self._indented, self._value, 0
        assert layout is not None
        offset = 0  # the layout starts with its "{" (the reader refuses anything else)
        try:
            names = _names(pointer)
            if names is None:
                return None  # a pointer written unusually (e.g. "~2"): the slower way decides
            for name in names:
                if isinstance(node, dict):
                    if name not in node:
                        break
                    found = self._found.get((offset, name))
                    if found is None:
                        member = b"\n" + b"  " * (depth + 1) + orjson.dumps(name) + b": "
                        start = layout.find(member, offset)
                        if start < 0:
                            return None  # not the layout of this value
                        found = self._found[offset, name] = start + len(member)
                    offset, node = found, node[name]
                elif isinstance(node, list):
                    if not (
                        name.isascii() and name.isdigit() and str(int(name)) == name and int(name) < len(node)
                    ):
                        break
                    items = self._items.get(offset)
                    if items is None:
                        # An item's line: 2(d+1) spaces, then anything but the closing bracket of
                        # an item before it. This list's items are the first len(node) such lines.
                        lines = _item_line(depth + 1).finditer(layout, offset)
                        items = self._items[offset] = [
                            line.end() - 1 for line in itertools.islice(lines, len(node))
                        ]
                    offset, node = items[int(name)], node[int(name)]
                else:
                    break  # a scalar has no members
                depth += 1
            line_start = layout.rfind(b"\n", 0, offset) + 1
            column = len(layout[line_start:offset].decode("utf-8")) + 1
        except (IndexError, ValueError, orjson.JSONEncodeError):  # ValueError: not UTF-8 there
            return None
        return Location(pointer, self._line_of(layout, offset), column)

    def _line_of(self, layout: bytes, offset: int) -> int:
        """The line `offset` is on, counted from the nearest place counted before it."""
        index = bisect.bisect_right(self._line_offsets, offset) - 1
        line = self._line_numbers[index] + layout.count(b"\n", self._line_offsets[index], offset)
        self._line_offsets.insert(index + 1, offset)
        self._line_numbers.insert(index + 1, line)
        return line

    def _counted_walk(self, pointer: str) -> int | None:
        """`_walk`'s answer found by counting commas; None when unsure (then `_walk` decides)."""
        if pointer and not pointer.startswith("/"):
            return None
        text, node = self._text, self._data
        try:
            offset = _after(_SPACE, text, 0)
            names = _names(pointer)
            if names is None:
                return None  # a pointer written unusually (e.g. "~2"): the slower way decides
            for name in names:
                if isinstance(node, dict):
                    if name not in node:
                        break
                    start = self._child(offset, node, list(node).index(name))
                    key, end = _DECODER.raw_decode(text, start)
                    if key != name:
                        return None  # not the text this value came from: decode instead
                    offset, node = _after(_COLON, text, end), node[name]
                elif isinstance(node, list):
                    if not (
                        name.isascii() and name.isdigit() and str(int(name)) == name and int(name) < len(node)
                    ):
                        break
                    offset, node = self._child(offset, node, int(name)), node[int(name)]
                    if text[offset] not in _STARTS[type(node)]:
                        return None
                else:
                    break  # a scalar has no members
        except (ValueError, IndexError, KeyError, orjson.JSONEncodeError):
            return None
        return offset

    def _child(self, offset: int, node: dict[str, Any] | list[Any], index: int) -> int:
        """Offset of child `index` (a member's name, an item's value) of the container at `offset`."""
        text = self._text
        if index == 0:
            return _after(_SPACE, text, offset + 1)
        inner = self._inner.get(offset)
        if inner is None:
            if isinstance(node, dict):
                counts = (key.count(",") + orjson.dumps(value).count(b",") for key, value in node.items())
            else:
                counts = (orjson.dumps(value).count(b",") for value in node)
            inner = self._inner[offset] = list(itertools.accumulate(counts))
        if self._commas is None:
            # Every comma's offset, all in C: the lengths of the pieces between commas, summed.
            pieces = itertools.accumulate(map(len, text.split(",")[:-1]))
            self._commas = list(map(operator.add, pieces, itertools.count()))
        # Before child `index`: the commas inside the children before it, and `index` separators.
        first = bisect.bisect_right(self._commas, offset)
        return _after(_SPACE, text, self._commas[first + inner[index - 1] + index - 1] + 1)

    def _walk(self, pointer: str) -> int | None:
        """Offset of the value at `pointer`, or of its nearest existing ancestor; None if unsure."""
        if pointer and not pointer.startswith("/"):
            return None  # SourceMap says why
        try:
            offset = _after(_SPACE, self._text, 0)
            names = _names(pointer)
            if names is None:
                return None  # a pointer written unusually (e.g. "~2"): the slower way decides
            for name in names:
                if offset not in self._members:
                    self._members[offset] = _index(self._text, offset)
                found = self._members[offset].get(name)
                if found is None:
                    break  # missing: the ancestor reached so far is the answer
                offset = found
        except (ValueError, IndexError):  # not the valid JSON this is meant for
            return None
        return offset


def _names(pointer: str) -> list[str] | None:
    """The pointer's reference tokens decoded (RFC 6901), or None when one does not write back
    the same (e.g. "~2")."""
    names = []
    for token in pointer.split("/")[1:]:
        name = token.replace("~1", "/").replace("~0", "~")
        if name.replace("~", "~0").replace("/", "~1") != token:
            return None
        names.append(name)
    return names


def _index(text: str, offset: int) -> dict[str, int]:
    """Member names (array indexes as text) of the container at `offset` -> their values' offsets.

    Keys and skipped values are read by the json module's C scanner; the first of two equal
    keys wins, as in SourceMap (the loader refuses such files anyway). A scalar has no members.
    """
    opening = text[offset]
    if opening not in "{[":
        return {}
    members: dict[str, int] = {}
    offset = _after(_SPACE, text, offset + 1)
    closing = "}" if opening == "{" else "]"
    index = 0
    while text[offset] != closing:
        if opening == "{":
            name, offset = _DECODER.raw_decode(text, offset)
            offset = _after(_COLON, text, offset)
        else:
            name, index = str(index), index + 1
        members.setdefault(name, offset)
        _, offset = _DECODER.raw_decode(text, offset)
        offset = _after(_COMMA, text, offset)
    return members


_ITEM_LINES: dict[int, re.Pattern[bytes]] = {}


def _item_line(depth: int) -> re.Pattern[bytes]:
    """A line of orjson's two-space layout that starts a list item at `depth`."""
    pattern = _ITEM_LINES.get(depth)
    if pattern is None:
        pattern = _ITEM_LINES[depth] = re.compile(b"\n" + b"  " * depth + rb"[^ \]}]")
    return pattern


def _after(pattern: re.Pattern[str], text: str, offset: int) -> int:
    match = pattern.match(text, offset)
    if match is None:
        raise ValueError(f"expected {pattern.pattern!r} at {offset}")
    return match.end()
