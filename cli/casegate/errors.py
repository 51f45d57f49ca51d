"""The one error type for expected problems, and the exit codes it maps to.

An expected problem (a file that is not JSON, an engine that cannot start) is reported to a ward clerk,
not to a programmer, so every error carries a sentence in Japanese and in English that says what is
wrong, where, and what to do, plus machine-readable fields (code, line, column, pointer) for the
JSON and SARIF reports.
"""

from __future__ import annotations

import os
from typing import ClassVar, Self

from casegate.messages import LANGUAGES, Bilingual, Message, Text, in_language

EXIT_OK = 0
EXIT_VIOLATION = 1
EXIT_INPUT = 2
EXIT_ENGINE = 3
EXIT_INTERRUPTED = 130  # Ctrl-C or SIGTERM (128 + SIGINT), as shells report it

__all__ = ["LANGUAGES", "CasegateError", "EngineError", "InputError", "in_language"]


class CasegateError(Bilingual, Exception):
    """An expected problem, with a bilingual message a non-programmer can act on.

    Not a frozen dataclass on purpose: Python assigns ``__traceback__`` and friends on exception
    objects (contextlib does so with plain attribute assignment), which a frozen dataclass refuses.
    The fields are still meant to be read only.
    """

    # An error nobody classified is treated as the tool's failure, not the user's: telling a
    # clerk to fix a file that is fine would send them looking for a mistake that is not there.
    exit_code: ClassVar[int] = EXIT_ENGINE

    def __init__(
        self,
        code: str,
        *,
        message_ja: str,
        message_en: str,
        path: str | os.PathLike[str] | None = None,
        line: int | None = None,
        column: int | None = None,
        pointer: str | None = None,
    ) -> None:
        super().__init__(code, message_ja)
        self.code = code
        self.message_ja = message_ja
        self.message_en = message_en
        self.path = None if path is None else os.fspath(path)
        self.line = line
        self.column = column
        self.pointer = pointer

    @classmethod
    def of(
        cls,
        message: Message | Text,
        /,
        *,
        code: str | None = None,
        path: str | os.PathLike[str] | None = None,
        line: int | None = None,
        column: int | None = None,
        pointer: str | None = None,
        **fields: object,
    ) -> Self:
        """The error saying a catalogue message (casegate.messages) with ``fields`` filled in.

        ``code`` defaults to the message's own; a phrase (a Text already filled, or a wrapper
        message such as "the OPA failed: {detail}") needs it given. ``path``, ``line``, ``column``
        and ``pointer`` place the error; they are never template fields.
        """
        if isinstance(message, Message):
            code = code or message.code
            message = message.text(**fields)
        elif fields:
            raise TypeError("a Text is already filled; give fields to a Message")
        if code is None:
            raise TypeError("an error needs a code: give code= or use a message that has one")
        return cls(
            code,
            message_ja=message.ja,
            message_en=message.en,
            path=path,
            line=line,
            column=column,
            pointer=pointer,
        )

    def __str__(self) -> str:
        # Tracebacks and logs show the file first, as compilers do, then the Japanese sentence.
        if self.path is None:
            return f"[{self.code}] {self.message_ja}"
        return f"{self.path}: [{self.code}] {self.message_ja}"

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}({self.code!r}, path={self.path!r}, line={self.line!r}, "
            f"column={self.column!r}, pointer={self.pointer!r})"
        )


class InputError(CasegateError):
    """The user's input cannot be checked: fix the file, then run again."""

    exit_code: ClassVar[int] = EXIT_INPUT


class EngineError(CasegateError):
    """The checking machinery (OPA, the schema, the policies) failed; the input may be fine."""

    exit_code: ClassVar[int] = EXIT_ENGINE
