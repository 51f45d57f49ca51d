"""The words and phrases more than one output format says, and the helpers that put them together.

Every word is a catalogue entry (casegate.messages.report, Japanese and English side by side);
here they are resolved once per language into tables the formats look up per finding. A format
keeps in its own module only the table of what it alone says (markdown's headings, junit's
element texts); anything two formats print (the verdict labels, the counts, the 基準日 line,
"which policy decided", a waiver's terms, where a finding is) is put together here once, so the
formats cannot drift apart and no format imports another. Escaping is casegate.report.escape's.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePath

from casegate.core.dates import format_date
from casegate.core.model import Location, PolicyInfo, RunReport, Verdict, Waiver
from casegate.messages import by_language
from casegate.messages import report as messages

#: GitHub refuses a comment (and a step summary) longer than this many characters; check's and
#: impact's markdown both stop before it.
MAX_CHARS = 65_536

#: 合格 / 不合格 / エラー (PASS / FAIL / ERROR), by Verdict (a StrEnum: its value is the key).
_VERDICT: dict[str, dict[str, str]] = by_language(messages.VERDICT)

#: The words the formats share, resolved once per language: a format looks them up per finding.
WORDS: dict[str, dict[str, str]] = by_language(
    {
        "valid": messages.VALID,
        "violation": messages.VIOLATION,
        "warning": messages.WARNING,
        "waived": messages.WAIVED,
        "problem": messages.PROBLEM,
        "fingerprint": messages.FINGERPRINT,
        "unjudged": messages.UNJUDGED,
        "waiver": messages.WAIVER_TERMS,
        "counts": messages.COUNTS,
        "counts_more": messages.COUNTS_FINDINGS,
        "policy": messages.POLICY,
        "as_of": messages.AS_OF,
        "zone": messages.AS_OF_ZONE,
        "fail_on_warn": messages.FAIL_ON_WARN,
        "cut": messages.CUT,
    }
)


def _same(text: str) -> str:
    return text


def verdict_label(verdict: Verdict, lang: str, *, validated: bool = False) -> str:
    """合格 / 不合格 / エラー (PASS / FAIL / ERROR); 形式OK (VALID) for a case `validate` passed,
    which never asked OPA and so must never read as a pass."""
    return WORDS[lang]["valid"] if validated and verdict is Verdict.PASS else _VERDICT[lang][verdict]


def counts(report: RunReport, lang: str, *, with_findings: bool = False) -> str:
    """Files by verdict, and with `with_findings` also the warnings and waived findings."""
    tally = report.tally()
    words = WORDS[lang]
    line = words["counts"].format(
        total=tally["total"], passed=tally["passed"], failed=tally["failed"], errors=tally["errors"]
    )
    if not with_findings:
        return line
    return line + words["counts_more"].format(warnings=tally["warnings"], waived=tally["waived"])


def as_of_line(report: RunReport, lang: str, esc: Callable[[str], str] = _same) -> str | None:
    """基準日 in 和暦 and, when no --as-of was given, the zone whose today it is; None for
    `validate`, which judges no dates."""
    if report.command != "check":
        return None
    words = WORDS[lang]
    zone = words["zone"].format(zone=esc(report.as_of_zone)) if report.as_of_zone else ""
    return words["as_of"].format(date=format_date(report.as_of, lang)) + zone


def policy_line(
    policy: PolicyInfo,
    lang: str,
    esc: Callable[[str], str] = _same,
    esc_revision: Callable[[str], str] | None = None,
) -> str:
    """Which policy decided: its declared version and the bundle revision(s) OPA holds (both
    from OPA's answer, so escaped by the caller: `esc`, and `esc_revision` when a revision is
    shown differently, as markdown's code spans)."""
    shown = esc_revision or esc
    revisions = ", ".join(shown(item) for item in policy.revisions) or "-"
    return WORDS[lang]["policy"].format(version=esc(policy.version), revisions=revisions)


def waiver_terms(waiver: Waiver, lang: str) -> str:
    """A waived finding's permission: why, who approved it, until when, from which file."""
    return WORDS[lang]["waiver"].format(
        reason=waiver.reason,
        approver=waiver.approver,
        expires=format_date(waiver.expires, lang),
        source=waiver.source,
    )


def place(path: str, location: Location | None) -> str:
    """path:line:column (pointer), as much of it as is known: what an editor jumps to."""
    if location is None:
        return path
    position = ""
    if location.line is not None:
        position = f":{location.line}" + (f":{location.column}" if location.column is not None else "")
    pointer = f" ({location.pointer})" if location.pointer else ""
    return f"{path}{position}{pointer}"


def workspace_path(path: str) -> str:
    """The case path relative to the current directory, with forward slashes.

    Code-scanning views and annotations resolve relative paths against the checkout, where the
    gate runs. A path outside the current directory stays absolute (callers decide how to show it).
    """
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            candidate = candidate.relative_to(Path.cwd())
        except ValueError:
            return candidate.as_posix()
    return PurePath(candidate).as_posix()
