"""The documents of `casegate render`, written from a report that `check`'s own pipeline decided.

Nothing here judges: the face (commands/render.py) runs core.run.check with the real OPA and hands
the report over. A case that could not be judged gets no document; a judged one gets its document
written whole or not at all, from the very file that was judged.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from casegate.core.model import CaseReport, RunReport, Verdict
from casegate.core.read import load_case
from casegate.errors import InputError
from casegate.messages import render as messages
from casegate.render import deps

FORMATS = ("pdf", "html")


def check_stack(output_format: str) -> None:
    """Fail before OPA starts when a part is missing: say what to install, render nothing."""
    deps.import_python("jinja2")
    deps.import_python("graphviz")
    if output_format == "pdf":
        deps.import_weasyprint()


def split_judged(report: RunReport) -> tuple[list[CaseReport], list[CaseReport]]:
    """The cases that get a document (passed or failed), and those that could not be judged."""
    judged = [case for case in report.cases if case.kind == "case" and case.verdict is not Verdict.ERROR]
    return judged, [case for case in report.cases if case not in judged]


def write_documents(
    judged: list[CaseReport],
    report: RunReport,
    policies: Path,
    output_dir: Path,
    output_format: str,
    max_bytes: int,
) -> Iterator[tuple[CaseReport, Path]]:
    """Write each judged case's document; yield it with where it went, as each is done."""
    targets = _targets(judged, output_dir, output_format)
    output_dir.mkdir(parents=True, exist_ok=True)
    for case in judged:
        _write(targets[case.path], _document_bytes(case, report, policies, output_format, max_bytes))
        yield case, targets[case.path]


def _document_bytes(
    case: CaseReport, report: RunReport, policies: Path, output_format: str, max_bytes: int
) -> bytes:
    from casegate.render import catalogue, diagram, document, html, pdf

    loaded = load_case(Path(case.path), max_bytes=max_bytes)
    if loaded.sha256 != case.sha256:  # the document must show the very file that was judged
        raise InputError.of(messages.CHANGED_WHILE_RENDERING, path=case.path)
    built = document.build(
        loaded.data,
        catalogue.load_catalogue(policies),
        case,
        report.policy,
        report.as_of,
        diagram.build(loaded.data),
        report.source,
    )
    text = html.render_html(built)
    return pdf.render_pdf(text, case.path) if output_format == "pdf" else text.encode("utf-8")


def _write(target: Path, content: bytes) -> None:
    """Whole or not at all: a half-written PDF must never be attached as the committee's copy."""
    handle, scratch = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        Path(scratch).chmod(0o644)
        Path(scratch).replace(target)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise


def _targets(cases: list[CaseReport], output_dir: Path, output_format: str) -> dict[str, Path]:
    targets: dict[str, Path] = {}
    seen: dict[Path, str] = {}
    for case in cases:
        target = output_dir / f"{Path(case.path).stem}.{output_format}"
        if target in seen:
            raise InputError.of(
                messages.NAME_CLASH, path=case.path, first=seen[target], second=case.path, name=target.name
            )
        seen[target] = case.path
        targets[case.path] = target
    return targets
