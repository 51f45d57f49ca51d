"""Reading one case file safely: bounded in size and depth, strict about what JSON means, read-only.

The file belongs to the clerk who wrote it: it is opened for reading only and never written.
A clean file is read by ``fast_json.parse_clean`` (a few passes in C, which accept only what the
strict reader below would read the same way). Anything else goes to the strict reader: one
``json.loads`` with hooks; when a hook objects, a slower pure-Python scan (``locate.iter_nodes``)
runs only to say where, so valid files never pay for it.

Strictness follows what OPA will see: Go's JSON keeps the last of two duplicate keys and turns a lone
surrogate escape into U+FFFD, so a file that means one thing here and another there is rejected.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casegate.core import paths
from casegate.core.fast_json import encode, parse_clean
from casegate.core.locate import Node, iter_nodes
from casegate.errors import InputError
from casegate.messages import Message, Text
from casegate.messages import read as messages

# An ID or an amount has far fewer digits; more is a typo, and Python's int-digit limit stays out of reach.
MAX_INT_DIGITS = 30


_BOM = b"\xef\xbb\xbf"


_JSON_SPACE = " \t\r\n"


_NON_FINITE = ("NaN", "Infinity", "-Infinity")


# Brackets and whole strings (skipped, so a "[" inside text is not nesting). A raw newline ends a
# string early: JSON forbids it there, and it keeps an unclosed quote from hiding the rest of the file.
_STRUCTURE = re.compile(r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"|[\[\]{}]')


_STRINGS = re.compile(r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"')


_BRACKET_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")


# Cheap filter: only a text with a \uD800-\uDFFF escape can hold a lone surrogate.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


_SURROGATE = re.compile("[\\ud800-\\udfff]")


@dataclass(frozen=True)
class LoadedCase:
    """A case file that passed every check here; ``text`` has no BOM, ``sha256`` is of the raw bytes."""

    path: Path
    text: str
    data: Any
    sha256: str
    # `data` as compact UTF-8 JSON, what the engine sends to OPA; made while reading a clean file.
    encoded: bytes | None = field(default=None, repr=False, compare=False)
    # `text` as UTF-8 when it is exactly orjson's two-space indentation of `data` (fast_json): the
    # findings are then placed from that layout. None for any other layout.
    indented: bytes | None = field(default=None, repr=False, compare=False)
    # True when `data` surely holds no float (fast_json; False: perhaps it does): a fingerprint
    # then need not look for one.
    floatless: bool = field(default=False, repr=False, compare=False)

    def json_bytes(self) -> bytes:
        """`data` as compact UTF-8 JSON (encoded once, at C speed)."""
        return self.encoded if self.encoded is not None else encode(self.data)


def load_case(path: Path, *, max_bytes: int = 1_000_000, max_depth: int = 64) -> LoadedCase:
    """Read, decode and parse one case file, or raise InputError saying what to fix and where."""
    raw = _read_bytes(path, max_bytes)
    text = _decode(path, raw)
    clean = parse_clean(raw[len(_BOM) :] if raw.startswith(_BOM) else raw, max_depth)
    if clean is not None:
        return LoadedCase(
            path,
            text,
            clean.data,
            hashlib.sha256(raw).hexdigest(),
            clean.compact,
            clean.layout,
            clean.floatless,
        )
    return _load_strictly(path, raw, text, max_depth)


def _load_strictly(path: Path, raw: bytes, text: str, max_depth: int) -> LoadedCase:
    """The strict reader: decides, and says where, for every file the fast reader left to it."""
    if not text.strip():
        raise _empty(path)
    _check_depth(path, text, max_depth)
    try:
        data = _parse(path, text)
    except RecursionError:
        # Only reachable when a caller raises max_depth past Python's recursion limit.
        raise _too_deep(path, text, None, max_depth) from None
    _check_top_level(path, text, data)
    return LoadedCase(path=path, text=text, data=data, sha256=hashlib.sha256(raw).hexdigest())


def stat_path(path: Path) -> os.stat_result:
    try:
        return path.stat()  # follows symlinks: a link the user names stands for its target
    except OSError as error:
        raise unreadable_error(path, error) from None


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    info = stat_path(path)
    if stat.S_ISDIR(info.st_mode):
        raise InputError.of(messages.A_FOLDER, path=path)
    if not stat.S_ISREG(info.st_mode):
        raise InputError.of(messages.NOT_REGULAR, path=path)
    if info.st_size > max_bytes:
        raise _too_large(path, info.st_size, max_bytes)
    # One byte over the limit is enough to know; a file that grew after stat() or lies about its
    # size is still never read whole. Opened without blocking and checked again once open, so a
    # file swapped for a FIFO after the stat() above is refused instead of hanging the run.
    try:
        raw = paths.read_bytes(path, max_bytes, label=None)
    except OSError as error:
        raise unreadable_error(path, error) from None
    if len(raw) > max_bytes:
        raise _too_large(path, None, max_bytes)
    return raw


def _decode(path: Path, raw: bytes) -> str:
    body = raw[len(_BOM) :] if raw.startswith(_BOM) else raw
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _not_utf8(path, raw, body, error.start) from None
    if "\x00" in text:
        # UTF-16 without a BOM decodes as "UTF-8" full of NUL characters; say what it really is.
        line, column = _line_column(text, text.index("\x00"))
        raise _not_utf8_at(path, line, column, "UTF-16")
    return text


def nesting_depth(text: str) -> int:
    """The deepest bracket nesting of `text`, strings skipped, computed at C speed.

    The strings are cut out with the same pattern the flat scan uses, every other character but
    brackets is deleted (both by the regex engine), and the running depth is accumulated by
    itertools: much faster than walking the matches in Python, which was most of the cost of
    reading a case.
    """
    brackets = _NOT_BRACKETS.sub("", _STRINGS.sub("", text))
    return max(itertools.accumulate(map(_BRACKET_STEP.__getitem__, brackets), initial=0))


def _check_depth(path: Path, text: str, max_depth: int) -> None:
    # Before parsing: json.loads and json_source_map both recurse, so a deep file must be refused
    # by this flat scan, which stops at the first bracket past the limit. The fast count above
    # clears nearly every file; only one that is too deep pays for the scan that finds the place.
    if nesting_depth(text) <= max_depth:
        return
    depth = 0
    for match in _STRUCTURE.finditer(text):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            if depth > max_depth:
                raise _too_deep(path, text, match.start(), max_depth)
        elif token in ("]", "}"):
            depth -= 1


class _Rejected(Exception):
    """Raised from a json.loads hook; carries no position, which the slow scan then finds."""

    def __init__(self, code: str, token: str) -> None:
        super().__init__(code, token)
        self.code = code
        self.token = token


def _parse(path: Path, text: str) -> Any:
    try:
        data = json.loads(
            text,
            object_pairs_hook=_object_without_duplicates,
            parse_constant=_reject_constant,
            parse_int=_bounded_int,
            parse_float=_finite_float,
        )
    except json.JSONDecodeError as error:
        raise _invalid_json(path, text, error) from None
    except _Rejected as rejected:
        # A hook fires as soon as its value is read, so the text may still break further on;
        # the scan that finds the hook's place needs valid JSON. The syntax error comes first.
        try:
            json.loads(text, parse_int=str, parse_float=str, parse_constant=str)
        except json.JSONDecodeError as error:
            raise _invalid_json(path, text, error) from None
        raise _first_problem(path, text) or _unlocated(path, rejected) from None
    if _SURROGATE_ESCAPE.search(text) is not None:
        # Possibly a lone surrogate (or just a valid pair, e.g. an emoji written as escapes).
        problem = _first_problem(path, text)
        if problem is not None:
            raise problem
    return data


def _object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        names = [name for name, _ in pairs]
        raise _Rejected("duplicate-key", next(n for n in names if names.count(n) > 1))
    return result


def _reject_constant(token: str) -> Any:
    raise _Rejected("non-finite-number", token)


def _bounded_int(token: str) -> int:
    if _int_too_large(token):
        raise _Rejected("number-too-large", token)
    return int(token)


def _finite_float(token: str) -> float:
    value = float(token)
    if math.isinf(value):
        raise _Rejected("number-too-large", token)
    return value


def _int_too_large(token: str) -> bool:
    return len(token.lstrip("-")) > MAX_INT_DIGITS


def _first_problem(path: Path, text: str) -> InputError | None:
    """The first problem in document order that a json.loads hook would object to, with its place."""
    members: dict[tuple[object, ...], dict[str, Node]] = {}
    for node in iter_nodes(text):
        if node.key is not None:
            if _SURROGATE.search(node.key):
                # The object, not the key's own pointer: that would carry the surrogate into
                # reports, where printing it fails.
                return _lone_surrogate(path, node.key_line, node.key_column, node.parent_pointer)
            siblings = members.setdefault(node.parts[:-1], {})
            if node.key in siblings:
                return _duplicate_key(path, siblings[node.key], node)
            siblings[node.key] = node
        problem = _value_problem(path, text, node)
        if problem is not None:
            return problem
    return None


def _value_problem(path: Path, text: str, node: Node) -> InputError | None:
    first = text[node.start]
    if first in "{[":
        return None
    token = text[node.start : node.end]
    if first == '"':
        has_lone = _SURROGATE.search(json.loads(token)) is not None
        return _lone_surrogate(path, node.line, node.column, node.pointer) if has_lone else None
    if token in _NON_FINITE:
        return _non_finite(path, token, node.line, node.column, node.pointer)
    if token in ("true", "false", "null"):
        return None
    too_large = _int_too_large(token) if token.lstrip("-").isdigit() else math.isinf(float(token))
    return _number_too_large(path, token, node.line, node.column, node.pointer) if too_large else None


def _check_top_level(path: Path, text: str, data: Any) -> None:
    if isinstance(data, dict):
        return
    line, column = _line_column(text, len(text) - len(text.lstrip(_JSON_SPACE)))
    raise InputError.of(
        messages.NOT_AN_OBJECT, path=path, line=line, column=column, pointer="", kind=_kind(data)
    )


def _kind(data: Any) -> Text:
    if isinstance(data, list):
        return messages.KIND_ARRAY.text()
    if isinstance(data, str):
        return messages.KIND_STRING.text()
    if isinstance(data, bool):
        return messages.KIND_BOOLEAN.text()
    if data is None:
        return Text("null", "null")
    return messages.KIND_NUMBER.text()


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - text.rfind("\n", 0, offset)


def _at(line: int, column: int) -> Text:
    return messages.AT.text(line=line, column=column)


_NOWHERE = Text("", "")


def _placed(phrase: Message, line: int | None, column: int | None) -> Text:
    """The place ("line 3, column 5") with the words around it, or nothing when the place is unknown."""
    return _NOWHERE if line is None or column is None else phrase.text(line=line, column=column)


def _shorten(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def unreadable_error(path: Path, error: OSError) -> InputError:
    if isinstance(error, FileNotFoundError):
        return InputError.of(messages.NOT_FOUND, path=path)
    if isinstance(error, PermissionError):
        return InputError.of(messages.NO_PERMISSION, path=path)
    return InputError.of(messages.UNREADABLE, path=path, reason=error.strerror or error)


def _too_large(path: Path, size: int | None, max_bytes: int) -> InputError:
    said = _NOWHERE if size is None else messages.SIZE.text(size=size)
    return InputError.of(messages.TOO_LARGE, path=path, size=said, limit=max_bytes)


def _empty(path: Path) -> InputError:
    return InputError.of(messages.EMPTY, path=path)


def _not_utf8(path: Path, raw: bytes, body: bytes, start: int) -> InputError:
    line = body.count(b"\n", 0, start) + 1
    line_start = body.rfind(b"\n", 0, start) + 1
    # The bytes before the first bad one decoded fine, so counting their characters is exact.
    column = len(body[line_start:start].decode("utf-8")) + 1
    return _not_utf8_at(path, line, column, _guess_encoding(raw))


def _guess_encoding(raw: bytes) -> str | None:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    try:
        raw.decode("cp932")  # Windows' Shift_JIS, what Japanese Notepad and Excel save by default
    except UnicodeDecodeError:
        return None
    return "Shift_JIS"


def _not_utf8_at(path: Path, line: int, column: int, encoding: str | None) -> InputError:
    guess = _NOWHERE if encoding is None else messages.SAVED_AS.text(encoding=encoding)
    return InputError.of(
        messages.NOT_UTF8,
        path=path,
        line=line,
        column=column,
        at=_at(line, column),
        guess=guess,
        save=messages.SAVE_AS_UTF8.text(),
    )


def _too_deep(path: Path, text: str, offset: int | None, max_depth: int) -> InputError:
    line, column = (None, None) if offset is None else _line_column(text, offset)
    return InputError.of(
        messages.TOO_DEEP,
        path=path,
        line=line,
        column=column,
        at=_placed(messages.AT_WHERE, line, column),
        limit=max_depth,
    )


def _duplicate_key(path: Path, first: Node, second: Node) -> InputError:
    assert second.key is not None and second.key_line is not None and second.key_column is not None
    line, column = second.key_line, second.key_column
    where = second.parent_pointer
    place = messages.PLACE_TOP.text() if where == "" else messages.PLACE_AT.text(pointer=where)
    spelled = _NOWHERE
    if {first.raw_key, second.raw_key} != {second.key}:
        # "\u0063ountry" is "country": say so, or the clerk sees two different names.
        spelled = messages.SPELLED_TWO_WAYS.text(first=first.raw_key, second=second.raw_key)
    return InputError.of(
        messages.DUPLICATE_KEY,
        path=path,
        line=line,
        column=column,
        pointer=where,
        at=_at(line, column),
        key=_shorten(second.key),
        place=place,
        first=_at(first.key_line or first.line, first.key_column or first.column),
        spelled=spelled,
    )


def _lone_surrogate(path: Path, line: int | None, column: int | None, pointer: str) -> InputError:
    assert line is not None and column is not None  # a scanned node always has its place
    return InputError.of(
        messages.LONE_SURROGATE, path=path, line=line, column=column, pointer=pointer, at=_at(line, column)
    )


def _non_finite(
    path: Path, token: str, line: int | None, column: int | None, pointer: str | None
) -> InputError:
    return InputError.of(
        messages.NON_FINITE,
        path=path,
        line=line,
        column=column,
        pointer=pointer,
        at=_placed(messages.AT_OF, line, column),
        token=token,
    )


def _number_too_large(
    path: Path, token: str, line: int | None, column: int | None, pointer: str | None
) -> InputError:
    is_int = token.lstrip("-").isdigit()
    limit = messages.LIMIT_DIGITS.text(digits=MAX_INT_DIGITS) if is_int else messages.LIMIT_FLOAT.text()
    return InputError.of(
        messages.NUMBER_TOO_LARGE,
        path=path,
        line=line,
        column=column,
        pointer=pointer,
        at=_placed(messages.AT_OF, line, column),
        shown=_shorten(token),
        limit=limit,
    )


def _unlocated(path: Path, rejected: _Rejected) -> InputError:
    # Not expected: the scan finds whatever a hook objected to. Still a clear error, just without a place.
    if rejected.code == "non-finite-number":
        return _non_finite(path, rejected.token, None, None, None)
    if rejected.code == "number-too-large":
        return _number_too_large(path, rejected.token, None, None, None)
    return InputError.of(messages.DUPLICATE_KEY_UNPLACED, path=path, key=_shorten(rejected.token))


def _invalid_json(path: Path, text: str, error: json.JSONDecodeError) -> InputError:
    line, column = error.lineno, error.colno
    return InputError.of(
        messages.INVALID_JSON,
        path=path,
        line=line,
        column=column,
        at=_at(line, column),
        hint=_json_hint(text, error),
    )


_FULL_WIDTH = {
    "，": ",",
    "、": ",",
    "：": ":",
    "“": '"',
    "”": '"',
    "＂": '"',
    "｛": "{",
    "｝": "}",
    "［": "[",
    "］": "]",
}


def _json_hint(text: str, error: json.JSONDecodeError) -> Text:
    """The decoder's complaint in words a clerk can act on; the raw message when nothing fits."""
    message, pos = error.msg, error.pos
    here = text[pos : pos + 1]
    if here == "\u3000":
        return messages.HINT_FULL_WIDTH_SPACE.text()
    if here in _FULL_WIDTH:
        return messages.HINT_FULL_WIDTH.text(here=here, ascii=_FULL_WIDTH[here])
    for matches, hint in _HINTS:
        if matches(message, text, pos, here):
            return hint.text()
    return messages.HINT_OTHER.text(said=message)


def _previous_char(text: str, pos: int) -> str:
    index = pos - 1
    while index >= 0 and text[index] in _JSON_SPACE:
        index -= 1
    return text[index] if index >= 0 else ""


def _is_trailing_comma(message: str, text: str, pos: int, here: str) -> bool:
    if message.startswith("Illegal trailing comma"):  # Python 3.13+
        return True
    return here in ("}", "]") and _previous_char(text, pos) == ","


# (does it match: message, text, offset, character there) -> what to say; first match wins.
_HINTS: tuple[tuple[Callable[[str, str, int, str], bool], Message], ...] = (
    (lambda m, t, p, h: m.startswith("Unterminated string"), messages.HINT_UNTERMINATED),
    (lambda m, t, p, h: m.startswith("Invalid control character"), messages.HINT_CONTROL_CHARACTER),
    (lambda m, t, p, h: m.startswith("Invalid \\uXXXX escape"), messages.HINT_UNICODE_ESCAPE),
    (lambda m, t, p, h: m.startswith("Invalid \\escape"), messages.HINT_ESCAPE),
    (lambda m, t, p, h: h == "'", messages.HINT_SINGLE_QUOTES),
    (lambda m, t, p, h: t.startswith(("//", "/*"), p), messages.HINT_COMMENT),
    (_is_trailing_comma, messages.HINT_TRAILING_COMMA),
    (lambda m, t, p, h: m.startswith("Expecting ',' delimiter"), messages.HINT_MISSING_COMMA),
    (lambda m, t, p, h: m.startswith("Expecting ':' delimiter"), messages.HINT_MISSING_COLON),
    (lambda m, t, p, h: m.startswith("Expecting property name"), messages.HINT_UNQUOTED_NAME),
    (lambda m, t, p, h: m.startswith("Extra data"), messages.HINT_EXTRA_DATA),
    (lambda m, t, p, h: m.startswith("Expecting value"), messages.HINT_MISSING_VALUE),
)
