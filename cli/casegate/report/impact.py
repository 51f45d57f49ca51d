"""Formats of `casegate impact`: text, json and markdown, each `write(report, stream, lang)`.

Escaped as `check`'s formats are, by casegate.report.escape: text shows controls as escapes,
markdown neutralises line breaks, links, mentions and HTML, and is bounded like check's comment.
An impact run one of whose sides could not judge is written as check writes that side's run:
the registry (casegate.report.write_impact) decides that, so no format here imports another.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TextIO

from casegate.core.dates import format_date
from casegate.core.impact import CaseChange, ImpactReport, Side
from casegate.core.model import Finding, Verdict
from casegate.messages import by_language
from casegate.messages import report as messages
from casegate.report import documents
from casegate.report.escape import md_cell, valid_unicode, visible
from casegate.report.vocabulary import MAX_CHARS

_WORDS: dict[str, dict[str, str]] = by_language(
    {
        "title": messages.IMPACT_TITLE,
        "before": messages.IMPACT_BEFORE,
        "after": messages.IMPACT_AFTER,
        "side": messages.IMPACT_SIDE,
        "changed": messages.IMPACT_CHANGED,
        "none": messages.IMPACT_NONE,
        "new": messages.IMPACT_NEW,
        "gone": messages.IMPACT_GONE,
        "working tree": messages.IMPACT_WORKING_TREE,
        "truncated": messages.IMPACT_TRUNCATED,
    }
)
_VERDICT: dict[str, dict[str, str]] = by_language(messages.IMPACT_VERDICT)


Escape = Callable[[str], str]


def _side(side: Side, lang: str, esc: Escape) -> str:
    words: dict[str, Any] = _WORDS[lang]
    policy = side.report.policy
    revision = f", {esc(policy.version)} {esc(', '.join(policy.revisions))}" if policy else ""
    label = words["working tree"] if side.label == "working tree" else esc(side.label)
    return str(words["side"].format(label=label, as_of=format_date(side.as_of, lang), revision=revision))


def _finding(finding: Finding, lang: str, esc: Escape) -> str:
    ids = f" [{esc(', '.join(finding.checklist_ids))}]" if finding.checklist_ids else ""
    line = f":{finding.location.line}" if finding.location.line else ""
    return (
        f"{esc(finding.rule_id)}{ids} {esc(finding.message(lang))} ({esc(finding.location.pointer)}{line})"
        + (f" {esc(finding.fingerprint)}" if finding.fingerprint else "")
    )


def _summary(report: ImpactReport, lang: str) -> str:
    words: dict[str, Any] = _WORDS[lang]
    if report.changes:
        return str(words["changed"].format(n=len(report.changes), same=report.unchanged))
    return str(words["none"].format(same=report.unchanged))


def _verdict(verdict: Verdict, lang: str) -> str:
    """合格 / 不合格 / エラー; in English the verdict's own lower-case name, inside a sentence."""
    return _VERDICT[lang][verdict]


def _change_lines(change: CaseChange, lang: str, bullet: str, indent: str, esc: Escape) -> list[str]:
    words: dict[str, Any] = _WORDS[lang]
    case_id = f" ({esc(change.case_id)})" if change.case_id else ""
    verdicts = f"{_verdict(change.before, lang)} → {_verdict(change.after, lang)}"
    lines = [f"{bullet}{esc(change.path)}{case_id}: {verdicts}"]
    lines += [f"{indent}+ {words['new']}: {_finding(f, lang, esc)}" for f in change.new]
    lines += [f"{indent}- {words['gone']}: {_finding(f, lang, esc)}" for f in change.gone]
    return lines


def write_text(report: ImpactReport, stream: TextIO, lang: str) -> None:
    words: dict[str, Any] = _WORDS[lang]
    lines = [
        f"{words['before']}: {_side(report.before, lang, visible)}",
        f"{words['after']}: {_side(report.after, lang, visible)}",
        "",
    ]
    for change in report.changes:
        lines += _change_lines(change, lang, "", "  ", visible)
    lines += ["", _summary(report, lang)]
    stream.write("\n".join(lines) + "\n")


def write_markdown(report: ImpactReport, stream: TextIO, lang: str) -> None:
    words: dict[str, Any] = _WORDS[lang]
    limit = MAX_CHARS

    def md_text(value: str) -> str:  # escaped, and a long value cut, as in check's cells
        return md_cell(value, lang)

    lines = [
        f"## {words['title']}: {_summary(report, lang)}",
        "",
        f"- {words['before']}: {_side(report.before, lang, md_text)}",
        f"- {words['after']}: {_side(report.after, lang, md_text)}",
        "",
    ]
    used = sum(len(line) + 1 for line in lines)
    reserve = 400
    for index, change in enumerate(report.changes):
        piece = _change_lines(change, lang, "- ", "  - ", md_text)
        size = sum(len(line) + 1 for line in piece)
        if used + size > limit - reserve:
            left = len(report.changes) - index
            lines += ["", "---", "", str(words["truncated"]).format(limit=limit, n=left)]
            break
        lines += piece
        used += size
    stream.write("\n".join(lines) + "\n")


def _side_json(side: Side, lang: str) -> dict[str, Any]:
    return {"label": side.label, "as_of": side.as_of.isoformat(), **documents.run(side.report, lang)}


def write_json(report: ImpactReport, stream: TextIO, lang: str) -> None:
    def findings(items: tuple[Finding, ...]) -> list[dict[str, Any]]:
        return [documents.finding(item, lang) for item in items]

    document = {
        "exit_code": report.exit_code(),
        "before": _side_json(report.before, lang),
        "after": _side_json(report.after, lang),
        "unchanged": report.unchanged,
        "changes": [
            {
                "path": change.path,
                "case_id": change.case_id,
                "before": change.before.value,
                "after": change.after.value,
                "new_violations": findings(change.new),
                "gone_violations": findings(change.gone),
            }
            for change in report.changes
        ],
    }
    stream.write(valid_unicode(json.dumps(document, ensure_ascii=False, indent=2)) + "\n")
