"""Output formats as plug-ins: one module each, one signature, found by name in one registry.

A format is a function `write(report, stream, lang) -> None` that writes the whole report to a
text stream (stdout, a --report file, an io.StringIO in a test), so a large run is never held
as one string and a test compares exact text. FORMATS is the only list of check's and
validate's formats and IMPACT_FORMATS of impact's, so `--format` / `--report`'s choices and help
can never drift from what exists (check-jsonschema's `REPORTER_BY_NAME`, conftest's
`output.Get`). An unknown name is a usage error, never a silent fallback.

No format imports another: the words they share are casegate.report.vocabulary's, the JSON
shapes casegate.report.documents', the escaping casegate.report.escape's.
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Generic, TextIO, TypeVar

from casegate.core.model import RunReport

if TYPE_CHECKING:
    from casegate.core.impact import ImpactReport

Writer = Callable[[RunReport, TextIO, str], None]
ImpactWriter = Callable[["ImpactReport", TextIO, str], None]
W = TypeVar("W")


class _Registry(Mapping[str, W], Generic[W]):
    """Format name -> writer, the writer's module imported when it is first asked for: a run
    writes one or two formats, and importing all of them was part of every run's start-up."""

    def __init__(self, where: dict[str, str]) -> None:
        self._where = where  # name -> "module:function" under casegate.report

    def __getitem__(self, name: str) -> W:
        module, function = self._where[name].split(":")
        writer: W = getattr(importlib.import_module(f"casegate.report.{module}"), function)
        return writer

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._where!r})"


FORMATS: Mapping[str, Writer] = _Registry[Writer](
    {
        "text": "text:write",
        "json": "json_report:write",
        "junit": "junit:write",
        "sarif": "sarif:write",
        "github": "github:write",
        "markdown": "markdown:write",
    }
)

IMPACT_FORMATS: Mapping[str, ImpactWriter] = _Registry[ImpactWriter](
    {
        "text": "impact:write_text",
        "json": "impact:write_json",
        "markdown": "impact:write_markdown",
    }
)

#: Impact formats that, when a side could not judge, show that side's run as check would (the
#: reader must see why, escaped and bounded as check's output); json keeps its own document,
#: whose exit_code and per-side engine_error say it.
_IMPACT_PROBLEM_AS_CHECK = frozenset({"text", "markdown"})


def write_impact(name: str, report: ImpactReport, stream: TextIO, lang: str) -> None:
    problem = report.problem_report
    if problem is not None and name in _IMPACT_PROBLEM_AS_CHECK:
        FORMATS[name](problem, stream, lang)
    else:
        IMPACT_FORMATS[name](report, stream, lang)


def rendered(name: str, report: RunReport, lang: str) -> str:
    """The format's whole text as one string (tests, and messages that quote a short report)."""
    stream = io.StringIO()
    FORMATS[name](report, stream, lang)
    return stream.getvalue()
