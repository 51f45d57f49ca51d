"""`--format json`: the whole run as one JSON document (docs/cli.md), written a case at a time.

The bytes are those of `json.dumps(document, ensure_ascii=False, indent=2)` of the run with every
case under "cases" (casegate.report.jsonstream says why), but only one case is ever held as a
dict or a string: 10,000 cases built whole took 120 MiB.
"""

from __future__ import annotations

from typing import TextIO

from casegate.core.model import RunReport
from casegate.report import documents, jsonstream


def write(report: RunReport, stream: TextIO, lang: str) -> None:
    head = documents.run(report, lang)
    jsonstream.write(
        stream,
        lambda marker: {**head, "cases": [marker]},
        (documents.case(case, lang) for case in report.cases),
    )
