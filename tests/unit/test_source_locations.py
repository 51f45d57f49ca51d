"""SourceMap and pointer_from_path: from a JSON pointer to the line and column a clerk can find."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from casegate.core import locate
from casegate.core.locate import SourceMap, iter_nodes, pointer_from_path
from casegate.core.read import load_case

DOCUMENT = """{
  "title": "個人情報の外部結合",
  "department": {"division": "総合政策部", "section": "企画政策課"},
  "items": [
    {"id": 1},
    {"id": 2, "tags": ["a", "b"]}
  ],
  "a/b": "slash",
  "m~n": "tilde",
  "a": {"b": "nested"},
  "\\u0063ountry": "JP",
  "empty": {}
}
"""


@pytest.mark.parametrize(
    ("parts", "pointer"),
    [
        ([], ""),
        (["a", 0, "b"], "/a/0/b"),
        (["a/b"], "/a~1b"),
        (["m~n"], "/m~0n"),
        (["~1"], "/~01"),  # "~" escaped first, or "/" would come back as "~01" -> "/"
        ([""], "/"),
        (["個人情報"], "/個人情報"),
    ],
)
def test_pointer_from_path(parts: list[str | int], pointer: str) -> None:
    assert pointer_from_path(parts) == pointer


@pytest.mark.parametrize(
    ("pointer", "position"),
    [
        ("", (1, 1)),
        ("/title", (2, 12)),
        ("/department", (3, 17)),
        ("/department/section", (3, 50)),  # columns count characters, not UTF-8 bytes
        ("/items", (4, 12)),
        ("/items/0", (5, 5)),
        ("/items/1/id", (6, 12)),
        ("/items/1/tags/1", (6, 29)),
        ("/a~1b", (8, 10)),
        ("/m~0n", (9, 10)),
        ("/a/b", (10, 14)),  # not confused with the key "a/b"
        ("/country", (11, 19)),  # the key is spelled "\u0063ountry" in the file
        ("/empty", (12, 12)),
    ],
)
def test_position_of_existing_values(pointer: str, position: tuple[int, int]) -> None:
    assert SourceMap(DOCUMENT).position(pointer) == position


@pytest.mark.parametrize(
    ("pointer", "position"),
    [
        ("/department/head", (3, 17)),  # a missing required field points at its object
        ("/items/1/owner/name", (6, 5)),
        ("/items/9", (4, 12)),  # past the end of the array
        ("/items/-", (4, 12)),
        ("/empty/x", (12, 12)),
        ("/nothing", (1, 1)),
        ("/a~1b/deeper", (8, 10)),
        ("/\\u0063ountry", (1, 1)),  # pointers use the decoded name, never the file's spelling
    ],
)
def test_missing_values_point_at_the_nearest_ancestor(pointer: str, position: tuple[int, int]) -> None:
    assert SourceMap(DOCUMENT).position(pointer) == position


def test_not_a_pointer() -> None:
    with pytest.raises(ValueError, match="RFC 6901"):
        SourceMap(DOCUMENT).position("title")


def test_built_lazily_and_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = locate.iter_nodes

    def counting(text: str) -> object:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(locate, "iter_nodes", counting)
    source_map = SourceMap(DOCUMENT)
    assert calls == []  # nothing is scanned until a message needs a place

    source_map.position("/title")
    source_map.position("/items/0")
    assert len(calls) == 1


def test_from_a_case_with_bom_counts_after_the_bom(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_bytes(b'\xef\xbb\xbf{"a": 1,\n "b": [true]}')
    source_map = SourceMap(load_case(path).text)
    assert source_map.position("/a") == (1, 7)
    assert source_map.position("/b/0") == (2, 8)


def test_crlf_line_endings() -> None:
    assert SourceMap('{\r\n  "a": 1,\r\n  "b": 2\r\n}\r\n').position("/b") == (3, 8)


def test_top_level_value_after_whitespace() -> None:
    assert SourceMap('\n\n   {"a": 1}').position("") == (3, 4)


def test_nodes_in_document_order_with_decoded_keys() -> None:
    nodes = list(iter_nodes('{"\\u0061": [10, {"b/c": null}], "d": "x"}'))
    assert [node.parts for node in nodes] == [(), ("a",), ("a", 0), ("a", 1), ("a", 1, "b/c"), ("d",)]
    assert [node.pointer for node in nodes] == ["", "/a", "/a/0", "/a/1", "/a/1/b~1c", "/d"]
    a = nodes[1]
    assert (a.key, a.raw_key, a.key_line, a.key_column) == ("a", "\\u0061", 1, 2)
    assert a.parent_pointer == ""
    assert nodes[2].key is None


def test_duplicate_keys_keep_the_first_position() -> None:
    # The loader refuses these; a map built anyway must not send the clerk to the later one.
    assert SourceMap('{"a": 1,\n"a": 2}').position("/a") == (1, 7)


def test_agrees_with_jsonschema_error_paths() -> None:
    schema = {
        "type": "object",
        "properties": {
            "department": {"type": "object", "required": ["head"]},
            "items": {"type": "array", "items": {"properties": {"id": {"type": "string"}}}},
        },
    }
    errors = sorted(
        jsonschema.Draft202012Validator(schema).iter_errors(json.loads(DOCUMENT)),
        key=lambda error: list(error.absolute_path),
    )
    source_map = SourceMap(DOCUMENT)
    positions = [source_map.position(pointer_from_path(error.absolute_path)) for error in errors]

    # The missing "head" points at its object; the two wrong ids at their values.
    assert positions == [(3, 17), (5, 12), (6, 12)]
