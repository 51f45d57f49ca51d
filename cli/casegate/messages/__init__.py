"""One catalogue of what casegate says to people, Japanese and English side by side.

Ward staff read the Japanese; reviewers and the pipeline may read the English. Both are written and
reviewed together, so each message keeps its two templates next to each other, in one of this
package's area modules (engine, core, read, serve, render, report, commands), named by a constant:
``messages.engine.BAD_OPA_URL_FORM``. The code raises it with the fields it needs::

    raise InputError.of(messages.BAD_OPA_URL_FORM, shown=shown)

and never spells a sentence itself. docs/messages.md says why this is not gettext.
"""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import NamedTuple, TypeVar

LANGUAGES = ("ja", "en")


def in_language(lang: str, ja: str, en: str) -> str:
    """The one rule for choosing a language, used by every ``message(lang)``.

    ``lang`` is checked where a person gives it (``--lang`` is a Click choice, CASEGATE_LANG falls
    back to Japanese in the top-level handler), so an unknown language here is a programming error;
    a silent fallback would hide it.
    """
    if lang == "ja":
        return ja
    if lang == "en":
        return en
    raise ValueError(f"unknown language {lang!r}; expected one of {LANGUAGES}")


class Bilingual:
    """What a record with ``message_ja`` and ``message_en`` says in one language."""

    message_ja: str
    message_en: str

    def message(self, lang: str) -> str:
        return in_language(lang, self.message_ja, self.message_en)


class Text(NamedTuple):
    """A sentence in both languages with its fields filled: what an error or a record carries.

    A pair, so it goes where a (ja, en) tuple went: ``ja, en = text``.
    """

    ja: str
    en: str

    def __call__(self, lang: str) -> str:
        return in_language(lang, self.ja, self.en)

    def both(self) -> str:
        """Both languages as "ja / en", for what is said before the language is known (Click's usage errors)."""
        return f"{self.ja} / {self.en}"


@dataclass(frozen=True)
class Message:
    """A catalogue entry: two ``str.format`` templates with the same named fields.

    ``code`` is the machine-readable error code (JSON, SARIF, ``[code]`` on the terminal) for a
    message raised as an error; a phrase used inside another message has none. A field whose value
    is a :class:`Text` is filled in each template's own language, so phrases compose.
    """

    ja: str
    en: str
    code: str | None = None
    # Fields only one language says: the schema's Japanese titles and descriptions, where English
    # readers get the field's key, its JSON pointer or the pattern instead. Declared, so the
    # catalogue test can tell a deliberate difference from a typo.
    one_language: tuple[str, ...] = ()

    def text(self, **fields: object) -> Text:
        return Text(_fill(self.ja, "ja", fields), _fill(self.en, "en", fields))

    def __call__(self, lang: str, **fields: object) -> str:
        return _fill(in_language(lang, self.ja, self.en), lang, fields)

    def template(self, lang: str) -> str:
        """The unfilled template of ``lang``, for a writer that fills it itself many times."""
        return in_language(lang, self.ja, self.en)

    def fields(self, lang: str) -> frozenset[str]:
        """The names the template of ``lang`` asks for (the catalogue test compares ja with en)."""
        template = self.template(lang)
        return frozenset(
            name.partition(".")[0].partition("[")[0] for _, name, _, _ in _PARSE(template) if name
        )


_PARSE = string.Formatter().parse


def _fill(template: str, lang: str, fields: Mapping[str, object]) -> str:
    values = {name: value(lang) if isinstance(value, Text) else value for name, value in fields.items()}
    return template.format_map(values)


Key = TypeVar("Key")


def by_language(entries: Mapping[Key, Message]) -> dict[str, dict[Key, str]]:
    """Each language's unfilled templates of ``entries``: ``table[lang][key].format(...)``.

    For the report formats, which say a word for every case or finding: the language is chosen
    once per table (at import), and the hot path is a dict lookup and a ``str.format``, not a
    Message filled per finding. A template's fields are still the catalogue's, checked by the
    catalogue test and filled by the formats' exact-output tests.
    """
    return {lang: {key: message.template(lang) for key, message in entries.items()} for lang in LANGUAGES}


AREAS = ("engine", "core", "read", "serve", "render", "report", "commands")


def catalogue() -> Iterator[tuple[str, Message]]:
    """Every entry as ("area.NAME", message), for the tests and the docs."""
    import importlib

    for area in AREAS:
        module: ModuleType = importlib.import_module(f"{__name__}.{area}")
        for name, value in vars(module).items():
            if isinstance(value, Message):
                yield f"{area}.{name}", value
            elif isinstance(value, Mapping):  # a table of messages chosen by a key, e.g. by method
                for key, entry in value.items():
                    if isinstance(entry, Message):
                        yield f"{area}.{name}[{key}]", entry
