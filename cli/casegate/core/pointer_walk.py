"""The line and column of a few JSON pointers in a valid case file, found by walking their paths.

SourceMap maps every value of a file with a pure-Python scan (~13 ms for a seed-sized case); a
finding needs the place of one pointer. This walks only the members on the pointer's path and
skips the others with the json module's C scanner, ~50 µs a pointer, so placing the findings of
10,000 cases costs seconds less. The answers are SourceMap's: the same (line, column), and for a
pointer to something missing, its nearest existing ancestor; anything unusual is left to it.

Only for text the loader accepted (valid JSON, no duplicate keys, depth bounded).
"""

from __future__ import annotations

import json
import re

from casegate.core.locate import SourceMap
from casegate.core.model import Location

_SPACE = re.compile(r"[ \t\n\r]*")
_COMMA = re.compile(r"[ \t\n\r]*,?[ \t\n\r]*")
_COLON = re.compile(r"[ \t\n\r]*:[ \t\n\r]*")
_DECODER = json.JSONDecoder()


class PointerPlaces:
    """Where pointers are in one text: walked one by one, SourceMap only as a fallback.

    Each container on a walked path is indexed once (member name or item index -> offset of
    its value), so the several findings of a case that point into one checklist share the work.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._members: dict[int, dict[str, int]] = {}
        self._full: SourceMap | None = None

    def location(self, pointer: str) -> Location:
        offset = self._walk(pointer)
        if offset is None:
            if self._full is None:
                self._full = SourceMap(self._text)
            return self._full.location(pointer)
        line = self._text.count("\n", 0, offset) + 1
        return Location(pointer, line, offset - self._text.rfind("\n", 0, offset))

    def _walk(self, pointer: str) -> int | None:
        """Offset of the value at `pointer`, or of its nearest existing ancestor; None if unsure."""
        if pointer and not pointer.startswith("/"):
            return None  # SourceMap says why
        try:
            offset = _after(_SPACE, self._text, 0)
            for token in pointer.split("/")[1:]:
                name = token.replace("~1", "/").replace("~0", "~")
                if name.replace("~", "~0").replace("/", "~1") != token:
                    return None  # a pointer written unusually (e.g. "~2"): let SourceMap decide
                if offset not in self._members:
                    self._members[offset] = _index(self._text, offset)
                found = self._members[offset].get(name)
                if found is None:
                    break  # missing: the ancestor reached so far is the answer
                offset = found
        except (ValueError, IndexError):  # not the valid JSON this is meant for
            return None
        return offset


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


def _after(pattern: re.Pattern[str], text: str, offset: int) -> int:
    match = pattern.match(text, offset)
    if match is None:
        raise ValueError(f"expected {pattern.pattern!r} at {offset}")
    return match.end()
