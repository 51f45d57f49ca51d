"""load_case and iter_case_paths: every way a case file can be refused, and the ways it is not."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import sys
import tracemalloc
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

import casegate.core.paths
from casegate.core.discover import iter_case_paths
from casegate.core.read import LoadedCase, _json_hint, load_case
from casegate.errors import (
    EXIT_ENGINE,
    EXIT_INPUT,
    EXIT_OK,
    EXIT_VIOLATION,
    CasegateError,
    EngineError,
    InputError,
)

SAVE_AS_UTF8 = "UTF-8 で保存し直してください"


def write(folder: Path, content: str | bytes, name: str = "case.json") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_bytes(content.encode("utf-8"))
    else:
        path.write_bytes(content)
    return path


def refused(path: Path, **kwargs: int) -> InputError:
    with pytest.raises(InputError) as caught:
        load_case(path, **kwargs)
    return caught.value


def check(
    error: CasegateError,
    code: str,
    path: Path,
    *,
    line: int | None = None,
    column: int | None = None,
    fix_ja: str = "",
    fix_en: str = "",
) -> None:
    """The machine fields, and that both sentences exist and carry the fix."""
    assert error.code == code, error.message_en
    assert error.path == str(path)
    assert (error.line, error.column) == (line, column)
    assert error.message("ja") and error.message("en")
    assert fix_ja in error.message_ja
    assert fix_en in error.message_en
    assert error.exit_code == EXIT_INPUT


# --- files that load ---------------------------------------------------------------------------------


def test_valid_file_loads_with_exact_data(tmp_path: Path) -> None:
    text = '{\n  "title": "個人情報の外部結合",\n  "count": 3,\n  "ratio": 0.5,\n  "items": [true, null]\n}\n'
    path = write(tmp_path, text)

    case = load_case(path)

    assert case == LoadedCase(
        path=path,
        text=text,
        data={"title": "個人情報の外部結合", "count": 3, "ratio": 0.5, "items": [True, None]},
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )
    assert type(case.data["count"]) is int


def test_bom_is_stripped_but_hashed(tmp_path: Path) -> None:
    raw = b"\xef\xbb\xbf" + '{"a": "あ"}'.encode()
    path = write(tmp_path, raw)

    case = load_case(path)

    assert case.text == '{"a": "あ"}'
    assert case.data == {"a": "あ"}
    assert case.sha256 == hashlib.sha256(raw).hexdigest()


def test_loaded_case_is_frozen(tmp_path: Path) -> None:
    case = load_case(write(tmp_path, "{}"))
    with pytest.raises(FrozenInstanceError):
        case.text = "{}"  # type: ignore[misc]


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1}',  # valid
        '{"a": 1,}',  # invalid JSON
        '{"a": 1, "a": 2}',  # duplicate key
        "[1]",  # not an object
    ],
)
def test_loader_never_modifies_the_file(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    before = (path.read_bytes(), path.stat().st_mtime_ns, stat.S_IMODE(path.stat().st_mode))

    with contextlib.suppress(InputError):
        load_case(path)

    assert (path.read_bytes(), path.stat().st_mtime_ns, stat.S_IMODE(path.stat().st_mode)) == before


def test_read_only_file_loads(tmp_path: Path) -> None:
    path = write(tmp_path, '{"a": 1}')
    path.chmod(0o444)
    assert load_case(path).data == {"a": 1}


def test_surrogate_pair_and_escaped_backslash_are_fine(tmp_path: Path) -> None:
    path = write(tmp_path, r'{"emoji": "\ud83d\ude00", "literal": "\\ud800"}')
    assert load_case(path).data == {"emoji": "😀", "literal": "\\ud800"}


def test_thirty_digit_integer_is_exact(tmp_path: Path) -> None:
    digits = "9" * 30
    path = write(tmp_path, f'{{"n": {digits}, "m": -{digits}}}')
    assert load_case(path).data == {"n": int(digits), "m": -int(digits)}


def test_brackets_inside_strings_are_not_nesting(tmp_path: Path) -> None:
    path = write(tmp_path, json.dumps({"note": "[" * 500 + "{" * 500, "q": 'say "[["'}))
    assert load_case(path).data["note"].startswith("[[[")


def test_nesting_at_the_limit_loads(tmp_path: Path) -> None:
    path = write(tmp_path, '{"a": ' + "[" * 63 + "]" * 63 + "}")  # the object is level 1
    expected: list[object] = []
    for _ in range(62):
        expected = [expected]
    assert load_case(path).data == {"a": expected}


# --- unreadable ----------------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nai.json"
    check(refused(path), "unreadable", path, fix_ja="確認してください", fix_en="Check the name")


def test_folder_instead_of_file(tmp_path: Path) -> None:
    check(
        refused(tmp_path),
        "unreadable",
        tmp_path,
        fix_ja="案件ファイル（.json）を指定",
        fix_en="Name a case file",
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "pipe.json"
    os.mkfifo(path)
    check(refused(path), "unreadable", path, fix_ja="案件ファイル（.json）を指定", fix_en="Name a case file")


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Faked at the open() seam (casegate.core.paths opens every file): chmod 000 does not stop root,
    # and tests may run as root.
    path = write(tmp_path, "{}")

    def deny(name: object, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(name))

    monkeypatch.setattr(casegate.core.paths.os, "open", deny)
    error = refused(path)
    monkeypatch.undo()

    check(error, "unreadable", path, fix_ja="読み取り権限", fix_en="read access")


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="needs POSIX permissions, not root")
def test_permission_denied_for_real(tmp_path: Path) -> None:
    path = write(tmp_path, "{}")
    path.chmod(0)
    try:
        check(refused(path), "unreadable", path, fix_ja="読み取り権限", fix_en="read access")
    finally:
        path.chmod(0o644)


# --- too large -----------------------------------------------------------------------------------------


def test_hundred_megabytes_is_refused_with_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: costs no disk

    tracemalloc.start()
    try:
        error = refused(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    check(error, "too-large", path, fix_ja="別のファイル", fix_en="check that you named the case file")
    assert "104,857,600" in error.message_ja
    assert peak < 20 * 1024 * 1024


def test_read_is_bounded_even_when_stat_says_small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A file that grows after stat(), or a filesystem that reports size 0, must not be read whole.
    path = tmp_path / "growing.json"
    path.write_bytes(b" " * (10 * 1024 * 1024))
    real_stat = Path.stat

    def small_stat(self: Path, **kwargs: bool) -> os.stat_result:
        result = real_stat(self, **kwargs)
        if self != path:
            return result
        fields = list(result[:10])
        fields[stat.ST_SIZE] = 0
        return os.stat_result(fields)

    monkeypatch.setattr(Path, "stat", small_stat)
    tracemalloc.start()
    try:
        error = refused(path, max_bytes=1000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        monkeypatch.undo()

    check(error, "too-large", path, fix_ja="上限は 1,000 バイト", fix_en="the limit is 1,000 bytes")
    assert peak < 1024 * 1024


def test_exactly_max_bytes_loads(tmp_path: Path) -> None:
    path = write(tmp_path, '{"a": "' + "x" * 92 + '"}')
    assert path.stat().st_size == 101
    assert load_case(path, max_bytes=101).data == {"a": "x" * 92}
    check(refused(path, max_bytes=100), "too-large", path, fix_ja="上限は 100 バイト")


# --- encoding ------------------------------------------------------------------------------------------


def test_shift_jis_is_refused_with_place_and_fix(tmp_path: Path) -> None:
    path = write(tmp_path, '{\n  "title": "個人情報"\n}'.encode("cp932"))
    error = refused(path)
    check(
        error,
        "not-utf8",
        path,
        line=2,
        column=13,
        fix_ja=SAVE_AS_UTF8,
        fix_en="Save the file again as UTF-8",
    )
    assert "メモ帳" in error.message_ja
    assert "Shift_JIS" in error.message_ja
    assert "2 行目 13 文字目" in error.message_ja


def test_not_utf8_column_counts_characters(tmp_path: Path) -> None:
    # "個人" is 6 bytes but 2 characters: the bad byte is byte 13 but character 9.
    path = write(tmp_path, b'{"' + "個人".encode() + b'": "\xff"}')
    check(refused(path), "not-utf8", path, line=1, column=9, fix_ja=SAVE_AS_UTF8)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_refused(tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path, '{"a": "b"}'.encode(encoding))
    error = refused(path)
    assert error.code == "not-utf8"
    assert error.line == 1
    assert "UTF-16" in error.message_ja
    assert SAVE_AS_UTF8 in error.message_ja


def test_bom_then_bad_byte_counts_from_after_the_bom(tmp_path: Path) -> None:
    path = write(tmp_path, b'\xef\xbb\xbf{"a": "\x82\xa0"}')
    check(refused(path), "not-utf8", path, line=1, column=8, fix_ja=SAVE_AS_UTF8)


@pytest.mark.parametrize(
    ("text", "line", "column", "pointer"),
    [
        ('{\n  "a": "x\\ud800y"\n}', 2, 8, "/a"),
        ('{"a": ["ok", "\\udfff"]}', 1, 14, "/a/1"),
        ('{"a": {"\\ud83d": 1}}', 1, 8, "/a"),  # in a key: the pointer names the object
    ],
)
def test_lone_surrogate(tmp_path: Path, text: str, line: int, column: int, pointer: str) -> None:
    path = write(tmp_path, text)
    error = refused(path)
    check(error, "lone-surrogate", path, line=line, column=column, fix_ja="消すか", fix_en="Delete it")
    assert error.pointer == pointer


# --- empty, not an object --------------------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n", b"\xef\xbb\xbf", "\u3000\n".encode()])
def test_empty(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path, content)
    check(refused(path), "empty", path, fix_ja="保存したか確認", fix_en="saved")


@pytest.mark.parametrize(
    ("text", "kind"),
    [("\n  [1, 2]", "配列"), ('"x"', "文字列"), ("42", "数値"), ("true", "true"), ("null", "null")],
)
def test_not_an_object(tmp_path: Path, text: str, kind: str) -> None:
    path = write(tmp_path, text)
    error = refused(path)
    line, column = (2, 3) if text.startswith("\n") else (1, 1)
    check(
        error,
        "not-an-object",
        path,
        line=line,
        column=column,
        fix_ja="「{」で始まり",
        fix_en='starts with "{"',
    )
    assert kind in error.message_ja
    assert error.pointer == ""


# --- invalid JSON --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column", "fix_ja", "fix_en"),
    [
        ('{\n  "a": 1\n  "b": 2\n}', 3, 3, "カンマ（,）が足りません", "comma is missing"),
        ('{\n  "a": 1,\n}', 3, 1, "余分なカンマ", "extra comma"),
        ('{"a": [1, 2,]}', 1, 13, "余分なカンマ", "extra comma"),
        ("{'a': 1}", 1, 2, "ダブルクォート", "double quotes"),
        ("{\"a\": 'x'}", 1, 7, "ダブルクォート", "double quotes"),
        ('{"a": "abc}', 1, 7, "閉じられていません", "never closed"),
        ('{"a": "abc\n}', 1, 11, "改行やタブ", "line break"),
        ('{\n  // メモ\n  "a": 1\n}', 2, 3, "コメント", "comments"),
        ('{"a": 1 /* note */}', 1, 9, "コメント", "comments"),
        ('{"a": 1}\n{"b": 2}', 2, 1, "余分な文字", "more text after the end"),
        ('{"path": "C:\\Users"}', 1, 13, "「\\\\」と 2 つ重ねて", "backslash"),
        ('{"a": "\\u12"}', 1, 9, "16 進数 4 桁", "four hex digits"),
        ('{"a" 1}', 1, 6, "コロン", "colon"),
        ("{a: 1}", 1, 2, '項目名は「"」で囲んで', "double quotes"),
        ('{"a": True}', 1, 7, "小文字", "lower case"),
        ('{"a": }', 1, 7, "値がありません", "value is expected"),
        ('{"a":\u30001}', 1, 6, "全角スペース", "full-width space"),
        ('{"a"：1}', 1, 5, "半角の「:」", "ASCII :"),
    ],
)
def test_invalid_json_in_plain_words(
    tmp_path: Path, text: str, line: int, column: int, fix_ja: str, fix_en: str
) -> None:
    path = write(tmp_path, text)
    error = refused(path)
    check(error, "invalid-json", path, line=line, column=column, fix_ja=fix_ja, fix_en=fix_en)
    assert f"{line} 行目 {column} 文字目" in error.message_ja


def test_unknown_decoder_message_is_passed_through() -> None:
    error = json.JSONDecodeError("Something new", '{"a": 1}', 3)
    ja, en = _json_hint('{"a": 1}', error)
    assert "Something new" in ja
    assert "Something new" in en


# --- duplicate keys --------------------------------------------------------------------------------------


def test_duplicate_key_points_at_the_second_one(tmp_path: Path) -> None:
    path = write(tmp_path, '{\n  "title": "a",\n  "count": 1,\n  "title": "b"\n}')
    error = refused(path)
    check(error, "duplicate-key", path, line=4, column=3, fix_ja="どちらか一方を消す", fix_en="delete one")
    assert "「title」" in error.message_ja
    assert "2 行目 3 文字目" in error.message_ja  # where the first one is
    assert error.pointer == ""


def test_duplicate_key_spelled_with_an_escape(tmp_path: Path) -> None:
    path = write(tmp_path, '{\n  "country": "JP",\n  "\\u0063ountry": "US"\n}')
    error = refused(path)
    check(error, "duplicate-key", path, line=3, column=3, fix_ja="どちらか一方を消す", fix_en="delete one")
    assert "「country」" in error.message_ja
    assert "\\u0063ountry" in error.message_ja  # shown as written, so the clerk can find it
    assert "same name" in error.message_en


@pytest.mark.parametrize(
    ("text", "pointer", "line", "column"),
    [
        ('{"a": {"b": {"x": 1, "x": 2}}}', "/a/b", 1, 22),
        ('{"list": [{"k": 1}, {"k": 1, "k": 2}]}', "/list/1", 1, 30),
        ('{"a/b": {"~": 1, "~": 2}}', "/a~1b", 1, 18),
    ],
)
def test_duplicate_key_at_depth(tmp_path: Path, text: str, pointer: str, line: int, column: int) -> None:
    path = write(tmp_path, text)
    error = refused(path)
    check(error, "duplicate-key", path, line=line, column=column, fix_ja="1 回しか書けません")
    assert error.pointer == pointer
    assert pointer in error.message_ja


def test_same_key_in_different_objects_is_fine(tmp_path: Path) -> None:
    path = write(tmp_path, '{"a": {"name": 1}, "b": {"name": 2}, "name": 3}')
    assert load_case(path).data == {"a": {"name": 1}, "b": {"name": 2}, "name": 3}


# --- numbers ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("token", "pointer"), [("NaN", "/n"), ("Infinity", "/n"), ("-Infinity", "/n")])
def test_non_finite_number(tmp_path: Path, token: str, pointer: str) -> None:
    path = write(tmp_path, f'{{\n  "ok": 1,\n  "n": {token}\n}}')
    error = refused(path)
    check(error, "non-finite-number", path, line=3, column=8, fix_ja="正しい数値に", fix_en="real number")
    assert token in error.message_ja
    assert error.pointer == pointer


@pytest.mark.parametrize(
    ("token", "fix_ja"),
    [
        ("1" * 31, "30 桁まで"),
        ("-" + "9" * 31, "30 桁まで"),
        ("7" * 5000, "30 桁まで"),  # past Python's own 4300-digit limit: must not be a ValueError
        ("1e400", "大きすぎます"),
        ("-1.5E+999", "大きすぎます"),
    ],
)
def test_number_too_large(tmp_path: Path, token: str, fix_ja: str) -> None:
    path = write(tmp_path, f'{{"items": [0, {token}]}}')
    error = refused(path)
    check(
        error, "number-too-large", path, line=1, column=15, fix_ja=fix_ja, fix_en="Check the number of digits"
    )
    assert error.pointer == "/items/1"


def test_first_problem_in_document_order_is_reported(tmp_path: Path) -> None:
    # json.loads would trip over the NaN first (objects are checked when they close); the
    # clerk reads top to bottom, so the earlier duplicate is the one to fix first.
    path = write(tmp_path, '{"a": {"k": 1, "k": 2, "z": NaN}}')
    assert refused(path).code == "duplicate-key"


# --- depth -----------------------------------------------------------------------------------------------


def test_hundred_thousand_deep_is_too_deep_not_a_crash(tmp_path: Path) -> None:
    path = write(tmp_path, "[" * 100_000 + "]" * 100_000)
    check(refused(path), "too-deep", path, line=1, column=65, fix_ja="閉じ忘れ", fix_en="missing")


def test_deep_objects_are_too_deep(tmp_path: Path) -> None:
    path = write(tmp_path, '{"a":\n' * 70 + "1" + "}" * 70)
    error = refused(path, max_depth=10)
    check(error, "too-deep", path, line=11, column=1, fix_ja="上限 10 段", fix_en="10 levels")


def test_one_past_the_limit_is_too_deep(tmp_path: Path) -> None:
    path = write(tmp_path, '{"a": ' + "[" * 64 + "]" * 64 + "}")
    check(refused(path), "too-deep", path, line=1, column=70, fix_ja="上限 64 段")


def test_recursion_limit_is_never_a_traceback(tmp_path: Path) -> None:
    # Only a caller that lifts max_depth past Python's recursion limit can get here.
    path = write(tmp_path, "[" * 50_000 + "]" * 50_000)
    error = refused(path, max_depth=10**6)
    assert error.code == "too-deep"
    assert error.message_ja


# --- errors module ---------------------------------------------------------------------------------------


def test_exit_codes() -> None:
    assert (EXIT_OK, EXIT_VIOLATION, EXIT_INPUT, EXIT_ENGINE) == (0, 1, 2, 3)
    assert InputError.exit_code == EXIT_INPUT
    assert EngineError.exit_code == EXIT_ENGINE
    assert issubclass(InputError, CasegateError)
    assert issubclass(EngineError, CasegateError)


def test_error_message_by_language_and_as_text() -> None:
    error = EngineError(
        "opa-missing", message_ja="OPA がありません。", message_en="OPA is missing.", path=Path("x")
    )
    assert error.message("ja") == "OPA がありません。"
    assert error.message("en") == "OPA is missing."
    assert str(error) == "x: [opa-missing] OPA がありません。"
    assert error.path == "x"
    with pytest.raises(ValueError, match="unknown language"):
        error.message("fr")


# --- iter_case_paths -------------------------------------------------------------------------------------


def test_folders_expand_sorted_recursive_skipping_only_git(tmp_path: Path) -> None:
    for name in ["b.json", "a.json", "sub/c.json", "sub/deeper/d.JSON", "notes.txt", ".hidden.txt"]:
        write(tmp_path, "{}", name)
    for vcs in [".git", "sub/.git"]:
        write(tmp_path, "{}", f"{vcs}/e.json")
    write(tmp_path, "", ".cache/no-json-here.txt")  # a hidden folder without *.json is no problem

    assert iter_case_paths([tmp_path]) == [
        tmp_path / "a.json",
        tmp_path / "b.json",
        tmp_path / "sub" / "c.json",
        tmp_path / "sub" / "deeper" / "d.JSON",
    ]


# A merge gate fails closed: a *.json a folder run would not judge fails the run (exit 2) and is
# named, instead of being skipped while the run passes.
HIDDEN_FILE = ("名前が「.」で始まるファイル", 'its name starts with "."')
IN_HIDDEN_FOLDER = ("名前が「.」で始まるフォルダの中", 'in a folder whose name starts with "."')


@pytest.mark.parametrize(
    ("name", "why"),
    [
        (".x.json", HIDDEN_FILE),
        ("sub/._anken.JSON", HIDDEN_FILE),  # macOS's copy of a file's metadata, not a case
        (".drafts/a.json", IN_HIDDEN_FOLDER),
        ("sub/.cache/deep/f.json", IN_HIDDEN_FOLDER),
        (".svn/a.json", IN_HIDDEN_FOLDER),  # git commits it like any folder: only .git is pruned
        ("sub/.hg/b.json", IN_HIDDEN_FOLDER),
    ],
)
def test_hidden_json_in_a_folder_is_refused_not_skipped(
    tmp_path: Path, name: str, why: tuple[str, str]
) -> None:
    why_ja, why_en = why
    folder = tmp_path / "cases"
    write(folder, "{}", "a.json")
    hidden = write(folder, "{}", name)
    with pytest.raises(InputError) as caught:
        iter_case_paths([folder])
    check(caught.value, "skipped-path", folder, fix_ja="フォルダに移し", fix_en="move them into a folder")
    assert f"{hidden}（{why_ja}）" in caught.value.message_ja
    assert f"{hidden} ({why_en})" in caught.value.message_en


def test_every_skipped_json_is_named_up_to_twenty(tmp_path: Path) -> None:
    folder = tmp_path / "cases"
    hidden = [write(folder, "{}", f".drafts/{number:02}.json") for number in range(23)]
    with pytest.raises(InputError) as caught:
        iter_case_paths([folder])
    message = caught.value.message_ja
    assert all(str(path) in message for path in hidden[:20])
    assert str(hidden[20]) not in message
    assert message.count("（名前が「.」で始まるフォルダの中）") == 20
    assert "ほか 3 件" in message
    assert "and 3 more" in caught.value.message_en


# Naming a hidden file or folder is a clear wish to check it.
def test_hidden_file_or_folder_named_explicitly_is_checked(tmp_path: Path) -> None:
    hidden = write(tmp_path, "{}", ".drafts/.x.json")
    draft = write(tmp_path, "{}", ".drafts/sub/a.json")
    assert iter_case_paths([hidden]) == [hidden]
    (tmp_path / ".drafts" / ".x.json").unlink()
    assert iter_case_paths([tmp_path / ".drafts"]) == [draft]


def test_files_are_kept_as_given_in_order(tmp_path: Path) -> None:
    z = write(tmp_path, "{}", "z.json")
    txt = write(tmp_path, "{}", "case.txt")
    assert iter_case_paths([z, txt]) == [z, txt]


def test_same_file_once(tmp_path: Path) -> None:
    a = write(tmp_path, "{}", "cases/a.json")
    b = write(tmp_path, "{}", "cases/b.json")
    again = tmp_path / "cases" / ".." / "cases" / "a.json"
    assert iter_case_paths([b, tmp_path / "cases", again, a]) == [b, a]


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_same_file_once_through_a_linked_parent_folder(tmp_path: Path) -> None:
    a = write(tmp_path, "{}", "real/cases/a.json")
    b = write(tmp_path, "{}", "real/cases/sub/b.json")
    (tmp_path / "alias").symlink_to(tmp_path / "real", target_is_directory=True)
    walked = tmp_path / "alias" / "cases"
    assert iter_case_paths([walked, a, b]) == [walked / "a.json", walked / "sub" / "b.json"]
    assert iter_case_paths([b, walked]) == [b, walked / "a.json"]


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nai"
    with pytest.raises(InputError) as caught:
        iter_case_paths([write(tmp_path, "{}"), missing])
    check(caught.value, "unreadable", missing, fix_ja="確認してください")


@pytest.mark.parametrize("names", [[], ["readme.txt"], [".only-hidden.txt"], [".git/x.json"]])
def test_folder_without_cases(tmp_path: Path, names: list[str]) -> None:
    folder = tmp_path / "cases"
    folder.mkdir()
    for name in names:
        write(folder, "{}", name)
    with pytest.raises(InputError) as caught:
        iter_case_paths([folder])
    check(caught.value, "no-cases", folder, fix_ja=".json", fix_en="end in .json")
    assert str(folder) in caught.value.message_ja


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_symlinks(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    target = write(outside, "{}", "t.json")
    folder = tmp_path / "cases"
    write(folder, "{}", "real.json")
    (folder / "linked-folder").symlink_to(outside, target_is_directory=True)
    (folder / "linked.json").symlink_to(target)
    explicit = tmp_path / "explicit.json"
    explicit.symlink_to(target)

    # A linked folder is never walked, and one holding *.json fails the run rather than pass
    # its cases unjudged; nor is a linked file whose target is outside the folder read (a
    # committed link could point at any JSON on the machine running the gate).
    with pytest.raises(InputError) as caught:
        iter_case_paths([folder])
    check(caught.value, "skipped-path", folder, fix_ja="リンクをやめて", fix_en="replace the link")
    assert f"{folder / 'linked-folder'}（リンクされたフォルダ）" in caught.value.message_ja
    assert f"{folder / 'linked.json'} (a link to a file outside this folder)" in caught.value.message_en
    (folder / "linked-folder").unlink()
    (folder / "linked.json").unlink()
    # A linked file whose target is inside the folder is a file like any other.
    (folder / "linked.json").symlink_to(Path("real.json"))
    assert iter_case_paths([folder]) == [folder / "linked.json"]
    (folder / "linked.json").unlink()
    (folder / "linked.json").symlink_to(target)
    # A link named explicitly is followed, and is the same file as its target.
    assert iter_case_paths([explicit, target]) == [explicit]
    assert load_case(explicit).data == {}
    # A linked folder named explicitly is walked like the folder it points to.
    (folder / "linked-folder").symlink_to(outside, target_is_directory=True)
    assert iter_case_paths([folder / "linked-folder"]) == [folder / "linked-folder" / "t.json"]


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_linked_folders_that_may_hold_cases(tmp_path: Path) -> None:
    folder = tmp_path / "cases"
    write(folder, "{}", "real.json")
    no_cases = tmp_path / "docs"
    write(no_cases, "", "readme.txt")
    (folder / "docs").symlink_to(no_cases, target_is_directory=True)
    assert iter_case_paths([folder]) == [folder / "real.json"]  # nothing there to judge

    # A link back up does not loop: it is not entered, and what it leads to holds *.json.
    (folder / "up").symlink_to(tmp_path, target_is_directory=True)
    # A link to a folder that only links on may lead to cases: it counts as holding them.
    chain = tmp_path / "chain"
    chain.mkdir()
    (chain / "next").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    write(tmp_path, "{}", "elsewhere/x.json")
    (folder / "chain").symlink_to(chain, target_is_directory=True)
    with pytest.raises(InputError) as caught:
        iter_case_paths([folder])
    assert caught.value.code == "skipped-path"
    chain_and_up = f"{folder / 'chain'} (a linked folder); {folder / 'up'} (a linked folder)."
    assert chain_and_up in caught.value.message_en
    assert str(folder / "docs") not in caught.value.message_en


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="needs POSIX permissions, not root")
def test_unlistable_subfolder_is_an_error_not_a_skip(tmp_path: Path) -> None:
    write(tmp_path, "{}", "a.json")
    locked = tmp_path / "locked"
    write(locked, "{}", "b.json")
    locked.chmod(0)
    try:
        with pytest.raises(InputError) as caught:
            iter_case_paths([tmp_path])
        assert caught.value.code == "unreadable"
        assert caught.value.path == str(locked)
    finally:
        locked.chmod(0o755)
