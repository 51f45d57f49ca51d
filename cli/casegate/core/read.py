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


_SAVE_AS_UTF8_JA = (
    "UTF-8 で保存し直してください（メモ帳なら「名前を付けて保存」で文字コードを「UTF-8」に、"
    "VS Code なら画面右下の文字コードをクリックして「エンコード付きで保存」から「UTF-8」を選びます）。"
)


_SAVE_AS_UTF8_EN = (
    'Save the file again as UTF-8 (Notepad: "Save As" and set Encoding to "UTF-8"; VS Code: click '
    'the encoding in the status bar, then "Save with Encoding" and "UTF-8").'
)


@dataclass(frozen=True)
class LoadedCase:
    """A case file that passed every check here; ``text`` has no BOM, ``sha256`` is of the raw bytes."""

    path: Path
    text: str
    data: Any
    sha256: str
    # `data` as compact UTF-8 JSON, what the engine sends to OPA; made while reading a clean file.
    encoded: bytes | None = field(default=None, repr=False, compare=False)

    def json_bytes(self) -> bytes:
        """`data` as compact UTF-8 JSON (encoded once, at C speed)."""
        return self.encoded if self.encoded is not None else encode(self.data)


def load_case(path: Path, *, max_bytes: int = 1_000_000, max_depth: int = 64) -> LoadedCase:
    """Read, decode and parse one case file, or raise InputError saying what to fix and where."""
    raw = _read_bytes(path, max_bytes)
    text = _decode(path, raw)
    clean = parse_clean(raw[len(_BOM) :] if raw.startswith(_BOM) else raw, max_depth)
    if clean is not None:
        data, encoded = clean
        return LoadedCase(path, text, data, hashlib.sha256(raw).hexdigest(), encoded)
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
        raise input_error(
            "unreadable",
            path,
            "ファイルではなくフォルダが指定されています。案件ファイル（.json）を指定してください。",
            "This is a folder, not a file. Name a case file (.json).",
        )
    if not stat.S_ISREG(info.st_mode):
        raise input_error(
            "unreadable",
            path,
            "通常のファイルではないため読めません。案件ファイル（.json）を指定してください。",
            "This is not a regular file, so it cannot be read. Name a case file (.json).",
        )
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
    kind_ja, kind_en = _kind(data)
    raise input_error(
        "not-an-object",
        path,
        "ファイル全体が { } で囲まれた 1 つのまとまり（オブジェクト）になっていません"
        f"（いまは{kind_ja}です）。"
        "案件ファイルは「{」で始まり「}」で終わる形で書いてください。",
        f"The file as a whole must be one JSON object, but it is {kind_en}. "
        'A case file starts with "{" and ends with "}".',
        line,
        column,
        pointer="",
    )


def _kind(data: Any) -> tuple[str, str]:
    if isinstance(data, list):
        return "配列（[ ]）", "an array ([ ])"
    if isinstance(data, str):
        return "文字列", "a string"
    if isinstance(data, bool):
        return "true または false", "true or false"
    if data is None:
        return "null", "null"
    return "数値", "a number"


def input_error(
    code: str,
    path: Path,
    message_ja: str,
    message_en: str,
    line: int | None = None,
    column: int | None = None,
    pointer: str | None = None,
) -> InputError:
    return InputError(
        code,
        message_ja=message_ja,
        message_en=message_en,
        path=path,
        line=line,
        column=column,
        pointer=pointer,
    )


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - text.rfind("\n", 0, offset)


def _at_ja(line: int, column: int) -> str:
    return f"{line} 行目 {column} 文字目"


def _at_en(line: int, column: int) -> str:
    return f"line {line}, column {column}"


def _shorten(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def unreadable_error(path: Path, error: OSError) -> InputError:
    if isinstance(error, FileNotFoundError):
        return input_error(
            "unreadable",
            path,
            "ファイルまたはフォルダが見つかりません。名前と保存場所（フォルダ）が正しいか確認してください。",
            "No such file or folder. Check the name and the folder it is saved in.",
        )
    if isinstance(error, PermissionError):
        return input_error(
            "unreadable",
            path,
            "読み取る権限がありません。Excel など他のプログラムで開いている場合は閉じてから、"
            "それでも読めない場合は管理者に読み取り権限を確認してもらってから、もう一度実行してください。",
            "Permission denied. Close the file if another program has it open; otherwise ask your "
            "administrator for read access, then run again.",
        )
    return input_error(
        "unreadable",
        path,
        f"読み込めませんでした（{error.strerror or error}）。ファイルの名前と保存場所を確認してください。",
        f"The file could not be read ({error.strerror or error}). Check its name and location.",
    )


def _too_large(path: Path, size: int | None, max_bytes: int) -> InputError:
    size_ja = "" if size is None else f"{size:,} バイトあり、"
    size_en = "" if size is None else f" ({size:,} bytes)"
    return input_error(
        "too-large",
        path,
        f"ファイルが大きすぎます（{size_ja}上限は {max_bytes:,} バイト）。"
        "案件ファイルは通常数十キロバイトです。"
        "別のファイル（データ本体や画像など）を指定していないか確認してください。",
        f"The file is too large{size_en}; the limit is {max_bytes:,} bytes. A case file is usually a "
        "few dozen kilobytes: check that you named the case file, not a data file or an image.",
    )


def _empty(path: Path) -> InputError:
    return input_error(
        "empty",
        path,
        "ファイルが空です（中身がありません）。案件の内容を書いて保存したか確認し、もう一度実行してください。",
        "The file is empty. Check that the case was written and saved, then run again.",
    )


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
    guess_ja = "" if encoding is None else f"{encoding} で保存されているようです。"
    guess_en = "" if encoding is None else f" It looks like it was saved as {encoding}."
    return input_error(
        "not-utf8",
        path,
        f"{_at_ja(line, column)}に UTF-8 として読めない文字があります。{guess_ja}{_SAVE_AS_UTF8_JA}",
        f"The file is not valid UTF-8 at {_at_en(line, column)}.{guess_en} {_SAVE_AS_UTF8_EN}",
        line,
        column,
    )


def _too_deep(path: Path, text: str, offset: int | None, max_depth: int) -> InputError:
    line, column = (None, None) if offset is None else _line_column(text, offset)
    at_ja = "" if line is None or column is None else f"{_at_ja(line, column)}で、"
    at_en = "" if line is None or column is None else f" at {_at_en(line, column)}"
    return input_error(
        "too-deep",
        path,
        f"{at_ja}括弧「{{」「[」の入れ子が深すぎます（上限 {max_depth} 段）。"
        "括弧の閉じ忘れや、誤って貼り付けた部分がないか確認してください。",
        f"Brackets are nested too deeply{at_en} (the limit is {max_depth} levels). Check for a "
        'missing "}" or "]" or for text pasted by mistake.',
        line,
        column,
    )


def _duplicate_key(path: Path, first: Node, second: Node) -> InputError:
    assert second.key is not None and second.key_line is not None and second.key_column is not None
    line, column = second.key_line, second.key_column
    first_at_ja = _at_ja(first.key_line or first.line, first.key_column or first.column)
    first_at_en = _at_en(first.key_line or first.line, first.key_column or first.column)
    key = _shorten(second.key)
    where = second.parent_pointer
    place_ja = "いちばん外側の { } の中" if where == "" else f"「{where}」の中"
    place_en = "the top-level object" if where == "" else f"the object at {where}"
    spelled_ja = spelled_en = ""
    if {first.raw_key, second.raw_key} != {second.key}:
        # "\u0063ountry" is "country": say so, or the clerk sees two different names.
        spelled_ja = f"「{first.raw_key}」と「{second.raw_key}」は書き方が違うだけで同じ名前です。"
        spelled_en = f'"{first.raw_key}" and "{second.raw_key}" are the same name, spelled differently. '
    return input_error(
        "duplicate-key",
        path,
        f"{_at_ja(line, column)}: 項目名「{key}」が{place_ja}に 2 回書かれています"
        f"（1 回目は {first_at_ja}）。{spelled_ja}同じ項目名は 1 回しか書けません。"
        "どちらか一方を消すか、内容を 1 つにまとめてください。",
        f'At {_at_en(line, column)}: the name "{key}" appears twice in {place_en} '
        f"(first at {first_at_en}). {spelled_en}A name may appear only once: delete one or merge the two.",
        line,
        column,
        pointer=where,
    )


def _lone_surrogate(path: Path, line: int | None, column: int | None, pointer: str) -> InputError:
    assert line is not None and column is not None  # a scanned node always has its place
    return input_error(
        "lone-surrogate",
        path,
        f"{_at_ja(line, column)}の文字列に、「\\ud800」のような対になっていない「\\u」の書き方"
        "（サロゲート）があります。このままでは文字化けします（�）。その部分を消すか、目的の文字をそのまま書いてください。",
        f"The string at {_at_en(line, column)} holds a lone surrogate escape such as \\ud800, which "
        "would turn into the replacement character (U+FFFD). Delete it or type the intended character.",
        line,
        column,
        pointer=pointer,
    )


def _non_finite(
    path: Path, token: str, line: int | None, column: int | None, pointer: str | None
) -> InputError:
    at_ja = "" if line is None or column is None else f"{_at_ja(line, column)}の"
    at_en = "" if line is None or column is None else f" at {_at_en(line, column)}"
    return input_error(
        "non-finite-number",
        path,
        f"{at_ja}「{token}」は JSON では使えない値です（数値ではありません）。"
        "正しい数値に書き直してください。",
        f'"{token}"{at_en} is not allowed in JSON (it is not a number). Replace it with a real number.',
        line,
        column,
        pointer,
    )


def _number_too_large(
    path: Path, token: str, line: int | None, column: int | None, pointer: str | None
) -> InputError:
    at_ja = "" if line is None or column is None else f"{_at_ja(line, column)}の"
    at_en = "" if line is None or column is None else f" at {_at_en(line, column)}"
    shown = _shorten(token)
    is_int = token.lstrip("-").isdigit()
    limit_ja = f"整数は {MAX_INT_DIGITS} 桁まで" if is_int else "小数・指数の値として大きすぎます"
    limit_en = f"integers may have at most {MAX_INT_DIGITS} digits" if is_int else "it overflows a float"
    return input_error(
        "number-too-large",
        path,
        f"{at_ja}数値「{shown}」が大きすぎて扱えません（{limit_ja}）。"
        "桁数や「e」（指数）の書き間違いがないか確認してください。",
        f"The number {shown}{at_en} is too large ({limit_en}). "
        'Check the number of digits and any "e" exponent.',
        line,
        column,
        pointer,
    )


def _unlocated(path: Path, rejected: _Rejected) -> InputError:
    # Not expected: the scan finds whatever a hook objected to. Still a clear error, just without a place.
    if rejected.code == "non-finite-number":
        return _non_finite(path, rejected.token, None, None, None)
    if rejected.code == "number-too-large":
        return _number_too_large(path, rejected.token, None, None, None)
    key = _shorten(rejected.token)
    return input_error(
        "duplicate-key",
        path,
        f"項目名「{key}」が同じ {{ }} の中に 2 回書かれています。"
        "どちらか一方を消すか、内容を 1 つにまとめてください。",
        f'The name "{key}" appears twice in the same object. Delete one or merge the two.',
    )


def _invalid_json(path: Path, text: str, error: json.JSONDecodeError) -> InputError:
    hint_ja, hint_en = _json_hint(text, error)
    line, column = error.lineno, error.colno
    return input_error(
        "invalid-json",
        path,
        f"{_at_ja(line, column)}で JSON の書き方に誤りがあります。{hint_ja}",
        f"Invalid JSON at {_at_en(line, column)}: {hint_en}",
        line,
        column,
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


def _json_hint(text: str, error: json.JSONDecodeError) -> tuple[str, str]:
    """The decoder's complaint in words a clerk can act on; the raw message when nothing fits."""
    message, pos = error.msg, error.pos
    here = text[pos : pos + 1]
    if here == "\u3000":
        return (
            '全角スペースがあります。「"」で囲んだ文字列の外では、消すか半角スペースにしてください。',
            "A full-width space (U+3000) is here. Outside strings, delete it or use a normal space.",
        )
    if here in _FULL_WIDTH:
        return (
            f'全角の「{here}」があります。「"」で囲んだ文字列の外では半角の「{_FULL_WIDTH[here]}」を使ってください。',
            f"A full-width {here} is here. Outside strings use the ASCII {_FULL_WIDTH[here]} instead.",
        )
    for matches, hint in _HINTS:
        if matches(message, text, pos, here):
            return hint
    return (
        f'この位置の前後で、括弧・カンマ・「"」の対応を確認してください（詳細: {message}）。',
        f"{message}. Check brackets, commas and quotes around this place.",
    )


def _previous_char(text: str, pos: int) -> str:
    index = pos - 1
    while index >= 0 and text[index] in _JSON_SPACE:
        index -= 1
    return text[index] if index >= 0 else ""


def _is_trailing_comma(message: str, text: str, pos: int, here: str) -> bool:
    if message.startswith("Illegal trailing comma"):  # Python 3.13+
        return True
    return here in ("}", "]") and _previous_char(text, pos) == ","


# (does it match: message, text, offset, character there) -> (Japanese, English); first match wins.
_HINTS: tuple[tuple[Callable[[str, str, int, str], bool], tuple[str, str]], ...] = (
    (
        lambda m, t, p, h: m.startswith("Unterminated string"),
        (
            '「"」で始まった文字列が閉じられていません。文字列の終わりに「"」を付けてください。',
            'A string that starts here is never closed. Add the closing ".',
        ),
    ),
    (
        lambda m, t, p, h: m.startswith("Invalid control character"),
        (
            "文字列の中に改行やタブがそのまま入っています。文字列の中の改行は「\\n」と書いてください。"
            '閉じる「"」を書き忘れていないかも確認してください。',
            'A line break or tab sits inside a string. Write a line break as \\n, and check for a missing ".',
        ),
    ),
    (
        lambda m, t, p, h: m.startswith("Invalid \\uXXXX escape"),
        (
            "「\\u」の後には 16 進数 4 桁（例: \\u3042）が必要です。"
            "「\\」そのものを書くときは「\\\\」としてください。",
            "\\u must be followed by four hex digits (e.g. \\u3042). Write a backslash itself as \\\\.",
        ),
    ),
    (
        lambda m, t, p, h: m.startswith("Invalid \\escape"),
        (
            "文字列の中の「\\」の使い方が正しくありません。"
            "「\\」そのものを書くときは「\\\\」と 2 つ重ねてください（例: C:\\\\Users）。",
            "A backslash in a string starts an escape. Write a backslash itself as \\\\ (e.g. C:\\\\Users).",
        ),
    ),
    (
        lambda m, t, p, h: h == "'",
        (
            "文字列や項目名は「'」（シングルクォート）ではなく「\"」（ダブルクォート）で囲んでください。",
            "Strings and names must be in double quotes (\"), not single quotes (').",
        ),
    ),
    (
        lambda m, t, p, h: t.startswith(("//", "/*"), p),
        (
            "JSON にはコメント（// や /* */）を書けません。コメントを消してください。",
            "JSON does not allow comments (// or /* */). Delete the comment.",
        ),
    ),
    (
        _is_trailing_comma,
        (
            "最後の項目の後ろに余分なカンマ（,）があります。「}」や「]」の直前のカンマを消してください。",
            'There is an extra comma after the last item. Delete the comma before the "}" or "]".',
        ),
    ),
    (
        lambda m, t, p, h: m.startswith("Expecting ',' delimiter"),
        (
            "項目と項目の間のカンマ（,）が足りません。この位置の直前（前の行の終わりなど）に「,」を入れてください。"
            '文字列の中に「"」を書いた場合は「\\"」としてください。',
            'A comma is missing between two items: add "," just before this place (often at the end of '
            'the previous line). A " inside a string must be written as \\".',
        ),
    ),
    (
        lambda m, t, p, h: m.startswith("Expecting ':' delimiter"),
        (
            '項目名の後にコロン（:）がありません。「"項目名": 値」の形で書いてください。',
            'A colon is missing after the name. Write "name": value.',
        ),
    ),
    (
        lambda m, t, p, h: m.startswith("Expecting property name"),
        (
            '項目名は「"」で囲んでください（例: "title": ...）。',
            'Names must be in double quotes (e.g. "title": ...).',
        ),
    ),
    (
        lambda m, t, p, h: m.startswith("Extra data"),
        (
            "データの終わり（最後の「}」）の後に余分な文字があります。消してください。"
            "2 件分の内容を 1 つのファイルに貼り付けていないかも確認してください。",
            'There is more text after the end of the data (the last "}"). Delete it, and check that two '
            "cases were not pasted into one file.",
        ),
    ),
    (
        lambda m, t, p, h: m.startswith("Expecting value"),
        (
            'ここに値がありません。値（"文字列"、数値、true、false、null、{ }、[ ]）を書いてください。'
            '文字は「"」で囲み、true・false・null は小文字で書きます。',
            'A value is expected here: a "string", a number, true, false, null, { } or [ ]. Put text in '
            "double quotes; write true, false and null in lower case.",
        ),
    ),
)
