"""The words and phrases more than one output format says, in Japanese and English, in one place.

A format keeps in its own module only what it alone says (markdown's headings, junit's
element texts); anything two formats print (the verdict labels, the counts, the 基準日 line,
"which policy decided", a waiver's terms, where a finding is) is phrased here once, so the
formats cannot drift apart and no format imports another. Escaping is casegate.report.escape's.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePath

from casegate.core.dates import format_date
from casegate.core.model import Location, PolicyInfo, RunReport, Verdict, Waiver

#: GitHub refuses a comment (and a step summary) longer than this many characters; check's and
#: impact's markdown both stop before it.
MAX_CHARS = 65_536

_VERDICT: dict[str, dict[Verdict, str]] = {
    "ja": {Verdict.PASS: "合格", Verdict.FAIL: "不合格", Verdict.ERROR: "エラー"},
    "en": {Verdict.PASS: "PASS", Verdict.FAIL: "FAIL", Verdict.ERROR: "ERROR"},
}

WORDS: dict[str, dict[str, str]] = {
    "ja": {
        "valid": "形式OK",
        "violation": "違反",
        "warning": "警告",
        "waived": "免除",
        "problem": "要修正",
        "fingerprint": "指紋",
        "unjudged": "判定できませんでした",
        "waiver": "免除：{reason}（承認 {approver}、期限 {expires}、{source}）",
        "counts": "{total}件中 合格 {passed}件、不合格 {failed}件、エラー {errors}件",
        "counts_more": "（警告 {warnings}件、免除 {waived}件）",
        "policy": "方針 {version}（版 {revisions}）",
        "as_of": "基準日 {date}",
        "zone": "（{zone} の今日）",
        "fail_on_warn": "--fail-on-warn：警告も不合格として扱います",
        "cut": "…（{n:,}文字省略）",
    },
    "en": {
        "valid": "VALID",
        "violation": "violation",
        "warning": "warning",
        "waived": "waived",
        "problem": "fix",
        "fingerprint": "fingerprint",
        "unjudged": "could not judge",
        "waiver": "waived: {reason} (approved by {approver}, until {expires}, {source})",
        "counts": "{total} case(s): {passed} passed, {failed} failed, {errors} error(s)",
        "counts_more": " ({warnings} warning(s), {waived} waived)",
        "policy": "policy {version} (revision {revisions})",
        "as_of": "as of {date}",
        "zone": " (today in {zone})",
        "fail_on_warn": "--fail-on-warn: warnings count as failures",
        "cut": "… ({n:,} characters cut)",
    },
}


def _same(text: str) -> str:
    return text


def verdict_label(verdict: Verdict, lang: str, *, validated: bool = False) -> str:
    """合格 / 不合格 / エラー (PASS / FAIL / ERROR); 形式OK (VALID) for a case `validate` passed,
    which never asked OPA and so must never read as a pass."""
    return WORDS[lang]["valid"] if validated and verdict is Verdict.PASS else _VERDICT[lang][verdict]


def counts(report: RunReport, lang: str, *, with_findings: bool = False) -> str:
    """Files by verdict, and with `with_findings` also the warnings and waived findings."""
    tally = report.tally()
    line = WORDS[lang]["counts"].format(**tally)
    return line + WORDS[lang]["counts_more"].format(**tally) if with_findings else line


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
