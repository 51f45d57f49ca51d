"""`--format json`: the whole run as one JSON document (docs/cli.md), written a case at a time.

The document is what `json.dumps(document, ensure_ascii=False, indent=2)` would print for the
run with every case under "cases", byte for byte, but only one case is ever held as a dict or a
string: 10,000 cases would otherwise be built as one ~120 MiB tree of dicts and one string.
Indenting a case's own dump by four spaces is exact because a JSON string never holds a raw
newline (json escapes it), so every "\\n" in a dump is one of json's own line breaks.
"""

from __future__ import annotations

import json
from typing import TextIO

from casegate.core.model import RunReport
from casegate.report import documents

_CASE_INDENT = " " * 4  # "cases" is a member of the top object, its items one level deeper


def write(report: RunReport, stream: TextIO, lang: str) -> None:
    head = json.dumps(documents.run(report, lang), ensure_ascii=False, indent=2)
    if not report.cases:
        stream.write(head[:-2] + ',\n  "cases": []\n}\n')
        return
    stream.write(head[:-2] + ',\n  "cases": [\n')  # head ends with "\n}"
    for index, case in enumerate(report.cases):
        body = json.dumps(documents.case(case, lang), ensure_ascii=False, indent=2)
        stream.write(("" if index == 0 else ",\n") + _CASE_INDENT + body.replace("\n", "\n" + _CASE_INDENT))
    stream.write("\n  ]\n}\n")
