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
from casegate.messages import Text
from casegate.messages import core as messages

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

    @classmethod
    def of(cls, pointer: str, keyword: str, said: Text) -> SchemaProblem:
        return cls(pointer=pointer, keyword=keyword, message_ja=said.ja, message_en=said.en)


class CaseSchema:
    """The case schema of one file, compiled once per run."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # Read through casegate.core.paths: a FIFO or device named by --schema is refused, never waited on.
        text = paths.read_text(path, messages.LABEL_SCHEMA.text())
        try:
            self.document: dict[str, Any] = json.loads(text)
            # jsonschema-rs checks the schema against the 2020-12 meta-schema as it compiles
            # (in ~1 ms, where jsonschema's check_schema takes ~130 ms on every run).
            self._fast = jsonschema_rs.Draft202012Validator(self.document, validate_formats=True)
        except (OSError, ValueError, jsonschema_rs.ValidationError) as error:
            raise InputError.of(messages.BAD_SCHEMA, path=path, file=path, error=error) from error

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
            found = [SchemaProblem.of("", "disagreement", messages.SCHEMA_DISAGREEMENT.text())]
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
        return SchemaProblem.of(
            "/schema_version", "version", messages.SCHEMA_OUTDATED.text(theirs=theirs, ours=ours)
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


def _field(schema: Mapping[str, Any], name: str) -> Text:
    """The field as the Japanese knows it, 「title」(name), and as the English does, "name"."""
    prop = schema.get("properties", {}).get(name, {})
    title = prop.get("title") if isinstance(prop, Mapping) else None
    if title:
        return messages.SCHEMA_FIELD_TITLED.text(title=title, name=name)
    return messages.SCHEMA_FIELD.text(name=name)


_NOTHING = Text("", "")


def _listed(items: list[str]) -> Text:
    separator = messages.LIST_SEPARATOR.text()
    return Text(separator.ja.join(items), separator.en.join(items))


def _char_hint(value: Any) -> Text:
    """Why a value that looks right is not: full-width letters or invisible characters."""
    if not isinstance(value, str):
        return _NOTHING
    if any(unicodedata.category(char) in ("Cf", "Zs") and char != " " for char in value):
        return messages.HINT_INVISIBLE.text()
    if unicodedata.normalize("NFKC", value) != value:
        return messages.HINT_FULL_WIDTH.text(meant=_show(unicodedata.normalize("NFKC", value)))
    return _NOTHING


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
    where = messages.SCHEMA_WHERE.text(title=here) if here else _NOTHING

    def problem(said: Text, at: str = pointer) -> SchemaProblem:
        return SchemaProblem.of(at, keyword, said)

    if keyword == "required":
        missing = [
            name for name in value if isinstance(error.instance, Mapping) and name not in error.instance
        ]
        # jsonschema raises one error per missing field, each carrying the whole `required` list;
        # its message names the field this error is about (taking missing[0] repeated the first).
        named = [name for name in missing if error.message == f"{name!r} is a required property"]
        name = (named or missing or [str(value)])[0]
        return problem(
            messages.SCHEMA_REQUIRED.text(where=where, field=_field(schema, name)),
            at=pointer_from_path([*error.absolute_path, name]),
        )
    if keyword == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed)) if isinstance(error.instance, Mapping) else []
        name = extra[0] if extra else "?"
        close = difflib.get_close_matches(name, allowed, n=1)
        hint = messages.HINT_DID_YOU_MEAN.text(close=close[0]) if close else messages.HINT_REMOVE.text()
        return problem(
            messages.SCHEMA_NOT_ALLOWED.text(where=where, name=name, hint=hint),
            at=pointer_from_path([*error.absolute_path, name]),
        )
    if keyword in ("enum", "const"):
        choices = value if keyword == "enum" else [value]
        meant = _LOOKALIKES.get(error.instance) if isinstance(error.instance, str) else None
        hint = messages.HINT_LOOKALIKE.text(meant=_show(meant)) if meant else _char_hint(error.instance)
        shown = [_show(c) for c in choices]
        return problem(
            messages.SCHEMA_CHOICE.text(
                where=where,
                value=_show(error.instance),
                choices=_listed(shown),
                hint=hint,
            )
        )
    if keyword == "type":
        wanted = value if isinstance(value, str) else "/".join(value)
        known = messages.SCHEMA_KIND.get(wanted)
        kind = known.text() if known else Text(wanted, wanted)
        return problem(messages.SCHEMA_TYPE.text(where=where, value=_show(error.instance), kind=kind))
    if keyword == "format" and value == "date":
        return problem(messages.SCHEMA_DATE.text(where=where, value=_show(error.instance)))
    if keyword == "pattern":
        form = messages.SCHEMA_FORM.text(description=schema.get("description", ""), pattern=value)
        return problem(
            messages.SCHEMA_PATTERN.text(
                where=where, value=_show(error.instance), hint=_char_hint(error.instance), form=form
            )
        )
    if keyword in ("minLength", "minItems"):
        return problem(messages.SCHEMA_EMPTY.text(where=where))
    if keyword in ("maxLength", "maxItems", "maximum", "minimum"):
        return problem(messages.SCHEMA_RANGE.text(where=where, keyword=keyword, limit=value))
    if keyword == "uniqueItems":
        return problem(messages.SCHEMA_UNIQUE.text(where=where))
    if keyword == "anyOf" and not error.absolute_path:
        return problem(messages.SCHEMA_NO_SECTION.text())
    if keyword == "not":
        return problem(messages.SCHEMA_COMBINATION.text(where=where))
    return problem(messages.SCHEMA_OTHER.text(where=where, said=error.message))
