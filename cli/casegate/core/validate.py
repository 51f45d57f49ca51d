"""Schema validation of case files, with messages a ward clerk can act on.

Two validators, one schema: jsonschema-rs (compiled, ~10 µs a case) decides whether a case is
valid; only when it is not does the pure-Python `jsonschema` walk the case again, because its
error objects carry the schema path and keyword we turn into Japanese sentences. If the two ever
disagree on an invalid case, the case is still rejected (fail closed).
"""

from __future__ import annotations

import difflib
import json
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from casegate.core import paths
from casegate.core.locate import pointer_from_path
from casegate.errors import InputError

if TYPE_CHECKING:  # imported when a case fails (~0.1 s): a run of valid cases never needs it
    import jsonschema

#: Characters people type for ○ and － in a checklist, with the code point they meant.
_LOOKALIKES = {
    "〇": "○",
    "◯": "○",
    "o": "○",
    "O": "○",
    "0": "○",
    "-": "－",
    "ー": "－",
    "−": "－",
    "―": "－",
    "‐": "－",
    "ｰ": "－",
}


@dataclass(frozen=True)
class SchemaProblem:
    """One way a case file does not fit the schema."""

    pointer: str
    keyword: str
    message_ja: str
    message_en: str


class CaseSchema:
    """The case schema of one file, compiled once per run."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # Read through casegate.core.paths: a FIFO or device named by --schema is refused, never waited on.
        text = paths.read_text(path, ("スキーマ", "the schema"))
        try:
            self.document: dict[str, Any] = json.loads(text)
            # jsonschema-rs checks the schema against the 2020-12 meta-schema as it compiles
            # (in ~1 ms, where jsonschema's check_schema takes ~130 ms on every run).
            self._fast = jsonschema_rs.Draft202012Validator(self.document, validate_formats=True)
        except (OSError, ValueError, jsonschema_rs.ValidationError) as error:
            raise InputError(
                code="bad-schema",
                message_ja=f"スキーマ {path} を読めません（{error}）。--schema で正しいスキーマを指定してください。",
                message_en=f"Cannot read the schema {path} ({error}). Point --schema at a valid schema.",
                path=str(path),
            ) from error

    @cached_property
    def _slow(self) -> jsonschema.Draft202012Validator:
        import jsonschema

        return jsonschema.Draft202012Validator(
            self.document, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )

    @property
    def version(self) -> str | None:
        const = self.document.get("properties", {}).get("schema_version", {}).get("const")
        return const if isinstance(const, str) else None

    def problems(self, instance: Any) -> list[SchemaProblem]:
        """Every problem of the case, most specific first; [] when the case is valid."""
        outdated = self._outdated(instance)
        if outdated is not None:
            return [outdated]
        if self._fast.is_valid(instance):
            return []
        found = [explain(error) for error in _leaves(self._slow.iter_errors(instance))]
        if not found:  # the validators disagree: never let that pass.
            found = [
                SchemaProblem(
                    pointer="",
                    keyword="disagreement",
                    message_ja="案件ファイルがスキーマに合いません（詳しい場所を特定できませんでした）。",
                    message_en="The case does not fit the schema (the exact place could not be found).",
                )
            ]
        return sorted(found, key=lambda p: (p.pointer, p.keyword, p.message_en))

    def _outdated(self, instance: Any) -> SchemaProblem | None:
        """A case written for an older major version gets one sentence naming `casegate migrate`.

        Without this the clerk would read dozens of schema errors (every new required fact) for
        what is one thing to do.
        """
        ours = self.version
        theirs = instance.get("schema_version") if isinstance(instance, Mapping) else None
        if not (isinstance(ours, str) and isinstance(theirs, str) and "." in theirs):
            return None
        major_theirs, major_ours = theirs.split(".")[0], ours.split(".")[0]
        if not (major_theirs.isdigit() and major_ours.isdigit()) or int(major_theirs) >= int(major_ours):
            return None
        return SchemaProblem(
            pointer="/schema_version",
            keyword="version",
            message_ja=(
                f"この案件ファイルは古い形式（{theirs}）です。いまの形式は {ours} です。"
                "`casegate migrate <このファイル>` で新しい形式のファイルを作り、"
                '"不明" の値と assumptions を確かめてから、そちらを使ってください。'
            ),
            message_en=(
                f"This case file is in the old format {theirs}; the current format is {ours}. "
                "Run `casegate migrate <this file>` to write it in the new format, review the "
                '"不明" (unknown) values and the assumptions, and use the new file.'
            ),
        )


def _leaves(errors: Iterator[jsonschema.ValidationError]) -> Iterator[jsonschema.ValidationError]:
    """Descend into anyOf/oneOf/if-then so the clerk hears the concrete problem."""
    import jsonschema

    for error in errors:
        if error.context and error.validator in ("anyOf", "oneOf") and error.path:
            best = jsonschema.exceptions.best_match(error.context)
            yield best if best is not None else error
        else:
            yield error


def _title(schema: Mapping[str, Any], name: str) -> str:
    prop = schema.get("properties", {}).get(name, {})
    title = prop.get("title") if isinstance(prop, Mapping) else None
    return f"「{title}」({name})" if title else f"「{name}」"


def _char_hint(value: Any) -> tuple[str, str]:
    """Why a value that looks right is not: full-width letters or invisible characters."""
    if not isinstance(value, str):
        return "", ""
    if any(unicodedata.category(char) in ("Cf", "Zs") and char != " " for char in value):
        return (
            "（ゼロ幅スペースなどの見えない文字が含まれています。値を消して半角で打ち直してください）",
            " (it contains an invisible character such as a zero-width space; retype it)",
        )
    if unicodedata.normalize("NFKC", value) != value:
        return (
            f"（全角の文字が含まれています。半角の {_show(unicodedata.normalize('NFKC', value))} ではありませんか）",
            f" (it contains full-width characters; did you mean {_show(unicodedata.normalize('NFKC', value))}?)",
        )
    return "", ""


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


def explain(error: jsonschema.ValidationError) -> SchemaProblem:
    """Turn a jsonschema error into a sentence that says what to fix."""
    pointer = pointer_from_path(error.absolute_path)
    schema = error.schema if isinstance(error.schema, Mapping) else {}
    keyword = str(error.validator)
    value = error.validator_value
    here = schema.get("title") if error.absolute_path else None  # the root's title is the whole file
    where_ja = f"「{here}」の" if here else ""

    def problem(ja: str, en: str, at: str = pointer) -> SchemaProblem:
        return SchemaProblem(pointer=at, keyword=keyword, message_ja=ja, message_en=en)

    if keyword == "required":
        missing = [
            name for name in value if isinstance(error.instance, Mapping) and name not in error.instance
        ]
        # jsonschema raises one error per missing field, each carrying the whole `required` list;
        # its message names the field this error is about (taking missing[0] repeated the first).
        named = [name for name in missing if error.message == f"{name!r} is a required property"]
        name = (named or missing or [str(value)])[0]
        return problem(
            f"{where_ja}必須の項目 {_title(schema, name)} がありません。追加してください。",
            f'The required field "{name}" is missing here. Add it.',
            at=pointer_from_path([*error.absolute_path, name]),
        )
    if keyword == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed)) if isinstance(error.instance, Mapping) else []
        name = extra[0] if extra else "?"
        close = difflib.get_close_matches(name, allowed, n=1)
        hint_ja = f"「{close[0]}」の書き間違いではありませんか。" if close else "不要なら削除してください。"
        hint_en = f'Did you mean "{close[0]}"?' if close else "Remove it if it is not needed."
        return problem(
            f"{where_ja}項目「{name}」はここでは使えません。{hint_ja}",
            f'The field "{name}" is not allowed here. {hint_en}',
            at=pointer_from_path([*error.absolute_path, name]),
        )
    if keyword in ("enum", "const"):
        choices = value if keyword == "enum" else [value]
        shown = "、".join(_show(c) for c in choices)
        meant = _LOOKALIKES.get(error.instance) if isinstance(error.instance, str) else None
        hint_ja, hint_en = _char_hint(error.instance)
        if meant:
            hint_ja = f"（{_show(meant)} と形の似た別の文字です。{_show(meant)} を使ってください）"
            hint_en = f" (a look-alike of {_show(meant)}; type {_show(meant)})"
        return problem(
            f"{where_ja}値 {_show(error.instance)} は使えません。{shown} のどれかを書いてください{hint_ja}。",
            f"The value {_show(error.instance)} is not allowed. Use one of: {', '.join(_show(c) for c in choices)}{hint_en}.",
        )
    if keyword == "type":
        kinds = {
            "string": '文字列（"…"）',
            "boolean": "true か false",
            "integer": "整数",
            "object": "{ … }",
            "array": "[ … ]",
        }
        wanted = value if isinstance(value, str) else "/".join(value)
        return problem(
            f"{where_ja}値 {_show(error.instance)} の種類が違います。{kinds.get(wanted, wanted)} で書いてください。",
            f"The value {_show(error.instance)} has the wrong type; it must be {wanted}.",
        )
    if keyword == "format" and value == "date":
        return problem(
            f"{where_ja}日付 {_show(error.instance)} が正しくありません。実在する日付を YYYY-MM-DD（例：2026-05-01）で書いてください。",
            f"The date {_show(error.instance)} is invalid. Write a real date as YYYY-MM-DD (e.g. 2026-05-01).",
        )
    if keyword == "pattern":
        description = schema.get("description", "")
        hint_ja, hint_en = _char_hint(error.instance)
        return problem(
            f"{where_ja}値 {_show(error.instance)} の書き方が違います{hint_ja}。{description}",
            f"The value {_show(error.instance)} does not have the expected form (pattern {value}){hint_en}.",
        )
    if keyword in ("minLength", "minItems"):
        return problem(
            f"{where_ja}値が空です。内容を書いてください。",
            "This value is empty. Fill it in.",
        )
    if keyword in ("maxLength", "maxItems", "maximum", "minimum"):
        return problem(
            f"{where_ja}値が大きすぎるか小さすぎます（{keyword} {value}）。",
            f"The value is out of range ({keyword} {value}).",
        )
    if keyword == "uniqueItems":
        return problem(
            f"{where_ja}同じ値が2回以上あります。1つにしてください。", "A value appears twice. Keep one."
        )
    if keyword == "anyOf" and not error.absolute_path:
        return problem(
            "外部結合（external_connection）と業務委託（outsourcing）のどちらもありません。付議する方を書いてください。",
            "Neither external_connection nor outsourcing is present. Add the section(s) the proposal is about.",
        )
    if keyword == "not":
        return problem(
            f'{where_ja}この組合せは使えません（例：委託先が "未定" なのに name がある）。',
            "This combination is not allowed (e.g. a contractor name while the status is 未定).",
        )
    return problem(f"{where_ja}{error.message}", error.message)
