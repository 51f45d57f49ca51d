"""Where in the file: 1-based (line, column) for a JSON pointer.

Positions are found only when a message needs one, because the scan is pure Python and costs far
more than parsing. Columns count characters (code points) of the text after the BOM was removed,
which is what editors show; lines count "\\n", as Python's JSON decoder does.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeAlias

from json_source_map import handle
from json_source_map import types as jsm_types

from casegate.core.model import Location

Part: TypeAlias = str | int


def pointer_from_path(parts: Iterable[str | int]) -> str:
    """The RFC 6901 pointer for a path such as jsonschema's ``error.absolute_path``."""
    # "~" first: escaping "/" first would turn its "~1" into "~01".
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in parts)


@dataclass(frozen=True)
class Node:
    """One value of a JSON document; ``line`` and ``column`` are 1-based and point at the value."""

    parts: tuple[Part, ...]
    pointer: str
    line: int
    column: int
    start: int  # offset of the value's first character in the text
    end: int  # offset just after the value's last character
    key: str | None = None  # the decoded member name; None for the root and array items
    raw_key: str | None = None  # the member name as spelled in the file, without its quotes
    key_line: int | None = None
    key_column: int | None = None

    @property
    def parent_pointer(self) -> str:
        return pointer_from_path(self.parts[:-1])


@dataclass
class _Open:
    """A container whose children are still being read (mutable: it counts array items)."""

    parts: tuple[Part, ...]
    end: int
    next_index: int = field(default=0)


def iter_nodes(text: str) -> Iterator[Node]:
    """Every value of ``text`` in document order, parents before children, keys decoded.

    json_source_map finds the positions, but it builds pointers from member names as they are
    spelled in the file: not escaped ("a/b" gives "/a/b", the same as a nested "b") and not decoded
    ("\\u0063ountry" is not "country"). So the paths are rebuilt here from its key positions: a
    value's parent is the innermost open container whose span still holds the value's start.

    ``text`` must be JSON the library can walk: NaN, huge numbers and duplicate keys are fine, but
    it recurses, so only pass text that passed the loader's depth check.
    """
    entries = handle.value(source=text, current_location=jsm_types.Location(0, 0, 0))
    stack: list[_Open] = []
    for _raw_pointer, entry in entries:
        start = entry.value_start.position
        while stack and start >= stack[-1].end:
            stack.pop()
        node = _node(text, entry, stack[-1] if stack else None)
        if text[start] in "{[":
            stack.append(_Open(parts=node.parts, end=entry.value_end.position))
        yield node


def _node(text: str, entry: jsm_types.Entry, parent: _Open | None) -> Node:
    key: str | None = None
    raw_key: str | None = None
    key_line: int | None = None
    key_column: int | None = None
    if parent is None:
        parts: tuple[Part, ...] = ()
    elif entry.key_start is None or entry.key_end is None:
        parts = (*parent.parts, parent.next_index)
        parent.next_index += 1
    else:
        quoted = text[entry.key_start.position : entry.key_end.position]
        key, raw_key = json.loads(quoted), quoted[1:-1]
        parts = (*parent.parts, key)
        key_line, key_column = entry.key_start.line + 1, entry.key_start.column + 1
    return Node(
        parts=parts,
        pointer=pointer_from_path(parts),
        line=entry.value_start.line + 1,
        column=entry.value_start.column + 1,
        start=entry.value_start.position,
        end=entry.value_end.position,
        key=key,
        raw_key=raw_key,
        key_line=key_line,
        key_column=key_column,
    )


class SourceMap:
    """Positions of the values of one case file, computed on the first question."""

    def __init__(self, text: str) -> None:
        self._text = text

    @cached_property
    def _positions(self) -> dict[str, tuple[int, int]]:
        positions: dict[str, tuple[int, int]] = {}
        for node in iter_nodes(self._text):
            positions.setdefault(node.pointer, (node.line, node.column))
        return positions

    def position(self, pointer: str) -> tuple[int, int]:
        """1-based (line, column) of the value at ``pointer``.

        A pointer to something missing (a required field, an index past the end) gives the position
        of its nearest existing ancestor, so the clerk is sent to the object that lacks it.
        """
        if pointer and not pointer.startswith("/"):
            raise ValueError(f"not a JSON pointer (RFC 6901): {pointer!r}")
        positions = self._positions
        # Escaped tokens hold no raw "/", so cutting at the last "/" always yields the parent.
        while pointer not in positions:
            pointer = pointer.rpartition("/")[0]
        return positions[pointer]

    def location(self, pointer: str) -> Location:
        """The pointer with its line and column, or without them when the pointer is malformed."""
        try:
            line, column = self.position(pointer)
        except ValueError:
            return Location(pointer)
        return Location(pointer, line, column)
