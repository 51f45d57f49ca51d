"""The message catalogue: every entry speaks both languages, and nothing outside it writes a sentence.

The source checks read the package with `ast`, so they fail on the change that breaks the rule:
a new `message_ja="..."` literal, a Japanese sentence written in the logic, a call that gives a
template fields it does not have (a KeyError in an error path would turn a clear message into a
crash), or an entry nobody uses.
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from pathlib import Path

import click.testing
import pytest

import casegate
from casegate.commands.main import main
from casegate.core.model import Finding, Location, Problem
from casegate.errors import EngineError, InputError
from casegate.messages import AREAS, LANGUAGES, Message, Text, catalogue, in_language

PACKAGE = Path(casegate.__file__).parent
CATALOGUE = dict(catalogue())
#: Keywords CasegateError.of takes for itself: never template fields.
PLACE = {"code", "path", "line", "column", "pointer"}
JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff01-\uff5e]")

#: Modules whose Japanese is not a message, and what it is instead.
NOT_MESSAGES = {
    "core/dates.py": "和暦 notation (元年, 年月日): the era calendar's own syntax, parsed and printed",
    "core/migrate.py": "the notes and descriptions migrate writes into the Japanese case file (data)",
    "render/diagram.py": "the words of 資料1-1, the committee's Japanese-only document",
    "render/document.py": "the words of the committee's Japanese-only document (付議事項)",
}
#: Words a case file holds (checklist answers, unknown values), which an English sentence quotes.
CASE_WORDS = ("不明", "未定", "資料1-1")


def test_catalogue_is_not_empty_and_covers_every_area() -> None:
    assert {name.partition(".")[0] for name in CATALOGUE} <= set(AREAS)
    assert len(CATALOGUE) > 100


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_every_entry_speaks_both_languages_with_the_same_fields(name: str) -> None:
    message = CATALOGUE[name]
    assert message.ja.strip(), name
    assert message.en.strip() or message.one_language, name  # English may leave out a Japanese title
    # The same fields, except those declared to be said in one language only.
    assert message.fields("ja") ^ message.fields("en") == set(message.one_language), name
    assert not message.fields("ja") & PLACE or message.code is None, f"{name}: a field named like a place"
    # The Japanese says it in Japanese; the English does not (a copy-paste into the wrong slot).
    own_words = "".join(literal for literal, *_ in string.Formatter().parse(message.ja))
    # (a name said the same in both, such as "OPA", is the same in both)
    assert JAPANESE.search(own_words) or not re.search("[A-Za-z]", own_words) or message.ja == message.en, (
        name
    )
    english = message.en
    for word in CASE_WORDS:
        english = english.replace(word, "")
    assert not JAPANESE.search(english), name
    if message.code is not None:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", message.code), name
    # Both templates fill with made-up values of every field.
    values = {field: 1 for field in message.fields("ja") | message.fields("en")}
    filled = message.text(**values)
    assert filled.ja and (filled.en or message.one_language)


def test_an_unknown_language_is_refused_in_the_one_place_that_chooses() -> None:
    error = InputError("bad", message_ja="日本語", message_en="English")
    finding = Finding("R1", "t", (), "error", "日本語", "English", Location(""))
    problem = Problem("bad", "日本語", "English")
    for record in (error, finding, problem):
        assert (record.message("ja"), record.message("en")) == ("日本語", "English")
        with pytest.raises(ValueError, match="unknown language 'fr'"):
            record.message("fr")
    with pytest.raises(ValueError, match="unknown language"):
        in_language("EN", "日本語", "English")
    assert LANGUAGES == ("ja", "en")


def test_the_command_line_refuses_an_unknown_language_before_anything_runs() -> None:
    result = click.testing.CliRunner().invoke(main, ["validate", "--lang", "fr", "nothing.json"])
    assert result.exit_code == 2
    assert "'fr' is not one of 'ja', 'en'" in result.output


def test_an_error_of_a_message_carries_its_code_fields_and_place() -> None:
    probe = Message(code="probe", ja="「{name}」は {size:,} バイトです。", en="{name!r} is {size:,} bytes.")
    error = InputError.of(probe, path=Path("a/b.json"), line=3, column=4, pointer="/x", name="b", size=12345)
    assert (error.code, error.path, error.line, error.column, error.pointer) == (
        "probe",
        "a/b.json",
        3,
        4,
        "/x",
    )
    assert error.message("ja") == "「b」は 12,345 バイトです。"
    assert error.message("en") == "'b' is 12,345 bytes."
    assert error.exit_code == 2


def test_a_phrase_is_filled_in_the_language_of_the_message_around_it() -> None:
    outer = Message(ja="失敗：{why}。", en="failed: {why}.")
    inner = Message(code="inner", ja="ファイルがありません", en="the file is missing")
    error = EngineError.of(outer, code=inner.code, why=inner.text())
    assert (error.code, error.message_ja, error.message_en) == (
        "inner",
        "失敗：ファイルがありません。",
        "failed: the file is missing.",
    )
    assert outer("en", why=Text("ja", "en")) == "failed: en."


def test_an_error_needs_a_code_and_a_filled_text_takes_no_fields() -> None:
    with pytest.raises(TypeError, match="needs a code"):
        InputError.of(Message(ja="文", en="sentence"))
    with pytest.raises(TypeError, match="already filled"):
        InputError.of(Text("文", "sentence"), code="x", name="y")


# --- the sources -------------------------------------------------------------------------------


def _modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if not relative.startswith("messages/"):
            yield relative, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


SOURCES = dict(_modules())


def _strings(node: ast.AST) -> Iterator[str]:
    for child in ast.walk(node):
        if isinstance(child, ast.Constant) and isinstance(child.value, str):
            yield child.value


@pytest.mark.parametrize("module", sorted(SOURCES))
def test_no_module_writes_a_bilingual_message_itself(module: str) -> None:
    written = [
        f"line {node.lineno}: {keyword.arg}="
        for node in ast.walk(SOURCES[module])
        if isinstance(node, ast.Call)
        for keyword in node.keywords
        if keyword.arg in ("message_ja", "message_en") and _is_literal(keyword.value)
    ]
    assert not written, f"{module}: write it in casegate/messages and raise it with .of(): {written}"


def _is_literal(node: ast.expr) -> bool:
    """A sentence written here: a string, an f-string, or one joined or chosen from such."""
    if isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return True
    if isinstance(node, ast.BinOp):
        return _is_literal(node.left) or _is_literal(node.right)
    if isinstance(node, ast.IfExp):
        return _is_literal(node.body) or _is_literal(node.orelse)
    return False


def _docstrings(tree: ast.Module) -> set[int]:
    """ids of the docstring constants (they explain code to programmers, in any language)."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _help_texts(tree: ast.Module) -> set[int]:
    """ids of the strings that are Click help (help=, an *_option(...) argument, a help_text default).

    The command line's help is Japanese-only documentation of the options, not a message said in
    both languages; docs/messages.md says so. Command docstrings are Click help too (docstrings).
    """
    found: set[int] = set()

    def strings(node: ast.AST) -> None:
        found.update(id(child) for child in ast.walk(node) if isinstance(child, ast.Constant))

    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg in ("help", "help_text"):
            strings(node.value)
        elif isinstance(node, ast.Call):
            func = node.func
            name = (
                func.attr
                if isinstance(func, ast.Attribute)
                else func.id
                if isinstance(func, ast.Name)
                else ""
            )
            if name.endswith("_option") or name.endswith("_options"):
                for arg in node.args:
                    strings(arg)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            arguments = node.args.args + node.args.kwonlyargs
            defaults = [*node.args.defaults, *node.args.kw_defaults]
            for argument, default in zip(arguments[len(arguments) - len(defaults) :], defaults, strict=False):
                if argument.arg == "help_text" and default is not None:
                    strings(default)
    return found


@pytest.mark.parametrize("module", sorted(SOURCES))
def test_japanese_sentences_live_in_the_catalogue(module: str) -> None:
    tree = SOURCES[module]
    docstrings = _docstrings(tree) | _help_texts(tree)
    japanese = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and len(JAPANESE.findall(node.value)) > 1  # a word; one character is data (全角 look-alikes)
    ]
    if module in NOT_MESSAGES:
        assert japanese, f"{module} has no Japanese text left: remove it from NOT_MESSAGES"
    else:
        assert not japanese, f"{module}: move these to casegate/messages: {japanese[:3]}"


def _catalogue_aliases(tree: ast.Module) -> dict[str, str]:
    """Local names bound to an area module: `from casegate.messages import engine as messages`."""
    return {
        alias.asname or alias.name: alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "casegate.messages"
        for alias in node.names
        if alias.name in AREAS
    }


def _uses() -> Iterator[tuple[str, int, str, ast.Call | None]]:
    """Every catalogue entry named in the sources: (module, line, "area.NAME", the call it is in)."""
    for module, tree in SOURCES.items():
        aliases = _catalogue_aliases(tree)
        calls = {
            id(arg): node
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            for arg in [node.func, *node.args[:1]]
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in aliases
            ):
                name = f"{aliases[node.value.id]}.{node.attr}"
                call = calls.get(id(node))
                if call is None:  # messages.X.text(...): the Attribute is inside the call's func
                    parent = next(
                        (
                            c
                            for c in ast.walk(tree)
                            if isinstance(c, ast.Call)
                            and isinstance(c.func, ast.Attribute)
                            and c.func.value is node
                        ),
                        None,
                    )
                    call = parent
                yield module, node.lineno, name, call


USES = list(_uses())


def test_every_entry_is_used_and_every_use_names_an_entry() -> None:
    named = {name for _, _, name, _ in USES}
    entries = {name.partition("[")[0] for name in CATALOGUE}
    assert named - entries == set(), "names not in the catalogue"
    assert entries - named == set(), "catalogue entries nobody uses"


@pytest.mark.parametrize(
    ("module", "line", "name", "call"),
    [use for use in USES if use[3] is not None],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_every_call_gives_the_fields_its_template_asks_for(
    module: str, line: int, name: str, call: ast.Call
) -> None:
    if name not in CATALOGUE:  # a table of messages (messages.X[...]), checked entry by entry above
        return
    if any(keyword.arg is None for keyword in call.keywords):
        pytest.fail(f"{module}:{line}: {name} is given **fields, which cannot be checked")
    is_error = isinstance(call.func, ast.Attribute) and call.func.attr == "of"  # InputError.of(...)
    if not is_error and isinstance(call.func, ast.Name) and len(call.args) > 1:
        return  # a helper given the message and positional values (read._placed): it fills them itself
    given = {keyword.arg for keyword in call.keywords} - (PLACE if is_error else set())
    message = CATALOGUE[name]
    assert given == message.fields("ja") | message.fields("en"), f"{module}:{line}: {name}"


#: Helpers that raise a message as the detail of a wrapper, under the detail's own code.
DETAIL_HELPERS = {"engine_error", "_error"}


@pytest.mark.parametrize(
    ("module", "line", "name", "call"),
    [use for use in USES if use[3] is not None],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_every_message_raised_as_an_error_has_a_code(
    module: str, line: int, name: str, call: ast.Call
) -> None:
    """A missing code would be a TypeError in the error path: a crash instead of the sentence."""
    if name not in CATALOGUE or not call.args or call.args[0] is not _first_message(call):
        return
    raised = isinstance(call.func, ast.Attribute) and call.func.attr == "of"
    detail = isinstance(call.func, ast.Name) and call.func.id in DETAIL_HELPERS
    given_code = any(keyword.arg == "code" for keyword in call.keywords)
    if (raised and not given_code) or detail:
        assert CATALOGUE[name].code, f"{module}:{line}: {name} is raised but has no code"


def _first_message(call: ast.Call) -> ast.expr | None:
    first = call.args[0] if call.args else None
    return first if isinstance(first, ast.Attribute) else None


# --- the report formats' tables (casegate.messages.by_language) -------------------------------
#
# A format looks its words up per finding in a table resolved once per language and fills them
# with str.format itself, so the check above (fields given to messages.X(...)) cannot see them.
# These checks do the same for the tables: every `table["key"].format(...)` gives exactly the
# fields of the entry under that key, and a template with fields is never printed unfilled.


def _report_tables() -> dict[str, list[Message]]:
    """Every key of a by_language table in report/, with the entries it names (a key may be in
    two modules' tables: text's "fail_on_warn" and the shared one)."""
    tables: dict[str, list[Message]] = {}
    for module, tree in SOURCES.items():
        if not module.startswith("report/"):
            continue
        aliases = _catalogue_aliases(tree)
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "by_language"
            ):
                continue
            (argument,) = node.args
            if isinstance(argument, ast.Dict):
                pairs = [(key, value) for key, value in zip(argument.keys, argument.values, strict=True)]
                for key, value in pairs:
                    assert isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name), module
                    entry = CATALOGUE[f"{aliases[value.value.id]}.{value.attr}"]
                    if isinstance(key, ast.Constant) and isinstance(key.value, str):
                        tables.setdefault(key.value, []).append(entry)
            else:  # a table of the catalogue's own, keyed as it is (by_language(messages.VERDICT))
                assert isinstance(argument, ast.Attribute) and isinstance(argument.value, ast.Name), module
                prefix = f"{aliases[argument.value.id]}.{argument.attr}["
                for name, entry in CATALOGUE.items():
                    if name.startswith(prefix):
                        tables.setdefault(name[len(prefix) : -1], []).append(entry)
    return tables


TABLES = _report_tables()


def _table_key(node: ast.expr) -> str | None:
    """ "key" of `table["key"]`, `table[lang]["key"]` or `str(table["key"])`, when it is a table's."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "str" and node.args:
        node = node.args[0]
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
        key = node.slice.value
        return key if isinstance(key, str) and key in TABLES else None
    return None


def _report_formats() -> Iterator[tuple[str, int, ast.Call]]:
    """Every `.format(...)` call in report/: (module, line, call)."""
    for module, tree in SOURCES.items():
        if module.startswith("report/"):
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "format"
                ):
                    yield module, node.lineno, node


def test_the_report_tables_hold_the_formats_words() -> None:
    assert {"fingerprint", "where", "counts", "truncated", "problem_rule", "pass"} <= set(TABLES)
    assert len(list(_report_formats())) > 10


@pytest.mark.parametrize(
    ("module", "line", "call"),
    list(_report_formats()),
    ids=lambda value: value if isinstance(value, str) else str(value) if isinstance(value, int) else "",
)
def test_every_report_template_is_given_its_fields(module: str, line: int, call: ast.Call) -> None:
    assert isinstance(call.func, ast.Attribute)
    key = _table_key(call.func.value)
    assert key is not None, f"{module}:{line}: .format() of something not from a by_language table"
    if any(keyword.arg is None for keyword in call.keywords):
        pytest.fail(f"{module}:{line}: {key} is given **fields, which cannot be checked")
    given = {keyword.arg for keyword in call.keywords}
    asked = [entry.fields("ja") | entry.fields("en") for entry in TABLES[key]]
    assert given in asked, f"{module}:{line}: {key} is given {sorted(given)}, asks for {asked}"


def test_no_report_template_with_fields_is_printed_unfilled() -> None:
    formatted = {
        id(call.func.value) for _, _, call in _report_formats() if isinstance(call.func, ast.Attribute)
    }
    formatted |= {
        id(call.func.value.args[0])  # str(table["key"]).format(...)
        for _, _, call in _report_formats()
        if isinstance(call.func, ast.Attribute)
        and isinstance(call.func.value, ast.Call)
        and call.func.value.args
    }
    unfilled = [
        f"{module}:{node.lineno}: {key}"
        for module, tree in SOURCES.items()
        if module.startswith("report/")
        for node in ast.walk(tree)
        if isinstance(node, ast.Subscript)
        and id(node) not in formatted
        and (key := _table_key(node)) is not None
        and all(entry.fields("ja") for entry in TABLES[key])
    ]
    assert not unfilled
