"""Output formats as plug-ins: one module each, the same signature, found by name.

A format is a function `render(report, lang) -> str`; the registry below is the only list of
formats, so `--format`'s choices and help can never drift from what exists (check-jsonschema's
`REPORTER_BY_NAME`). An unknown name is a usage error, never a silent fallback.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from casegate.core.model import RunReport
from casegate.report import github, json_report, junit, markdown, sarif, text

Renderer = Callable[[RunReport, str], str]

RENDERERS: dict[str, Renderer] = {
    "text": text.render,
    "json": json_report.render,
    "junit": junit.render,
    "sarif": sarif.render,
    "github": github.render,
    "markdown": markdown.render,
}

Writer = Callable[[RunReport, str, TextIO], None]

#: Formats that write case by case instead of building their whole text first (memory).
WRITERS: dict[str, Writer] = {"json": json_report.write}
