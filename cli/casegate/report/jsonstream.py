"""JSON documents written as a stream: one long list dumped an item at a time.

`write(stream, document, items)` writes exactly what `json.dumps(document, ensure_ascii=False,
indent=2) + "\\n"` would if the list holding `PLACEHOLDER`-marked slot held `items`, but holds
only one item (as a dict and as text) at a time: json and SARIF of 10,000 cases would otherwise be
built as one tree of dicts and one string of hundreds of MiB.

Why the bytes are the same: json.dumps with indent writes every list item on lines of its own,
indented by the list's depth; an item's own dump, indented by as much, is that text, because a
JSON string never holds a raw newline (json escapes it), so every "\\n" in a dump is one of json's
own line breaks. The slot is found by a marker drawn fresh for each call, so nothing a case file
or an OPA answer holds can be mistaken for it.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Iterable
from typing import Any, TextIO

import orjson

from casegate.report.escape import valid_unicode

_NOTHING = object()


def _dumps(value: Any) -> str:
    """json.dumps(value, ensure_ascii=False, indent=2), at C speed where orjson writes the same.

    orjson's OPT_INDENT_2 lays out and escapes as json does for the strings, integers, null and
    booleans of a report (json's indented encoder is pure Python: seconds at 10,000 cases); what
    it refuses (a path with an undecodable byte, held as a lone surrogate; an integer past 64
    bits) is written by json, with the lone surrogates as U+FFFD (escape.valid_unicode): a
    document that is not UTF-8 could not be written to a --report file at all.
    """
    try:
        return orjson.dumps(value, option=orjson.OPT_INDENT_2).decode("utf-8")
    except (orjson.JSONEncodeError, TypeError):
        return valid_unicode(json.dumps(value, ensure_ascii=False, indent=2))


def write(stream: TextIO, skeleton: Callable[[str], Any], items: Iterable[Any]) -> None:
    """`skeleton(marker)` builds the document with `[marker]` where the items go."""
    marker = "casegate-items-" + secrets.token_hex(16)
    text = _dumps(skeleton(marker))
    quoted = f'"{marker}"'
    at = text.index(quoted)
    if text.count(quoted) != 1:  # cannot happen with a fresh marker; never write a wrong document
        raise ValueError("the stream marker is not unique")
    line_start = text.rindex("\n", 0, at) + 1
    pad = text[line_start:at]  # the items' indentation
    before, after = text[:line_start], text[at + len(quoted) :]  # "…[\n" and "\n…]…"
    iterator = iter(items)
    first = next(iterator, _NOTHING)
    if first is _NOTHING:  # no items: json writes "[]"
        stream.write(before[:-1] + after.lstrip("\n").lstrip(" ") + "\n")
        return
    stream.write(before + pad + _dumps(first).replace("\n", "\n" + pad))
    for item in iterator:
        stream.write(",\n" + pad + _dumps(item).replace("\n", "\n" + pad))
    stream.write(after + "\n")
