"""Waivers: security staff let one rule's violation pass for one case, until a date.

Applied after OPA has judged, in plain sight: a waived violation moves to CaseReport.waived
(every output shows it as waived), and the waivers file is itself reported like a case, with
a failure for every expired waiver and a warning for every waiver nothing needed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from casegate.errors import InputError
from casegate.loader import LoadedCase, iter_case_paths, load_case
from casegate.locate import SourceMap
from casegate.model import CaseReport, Finding, Location, Problem, Verdict, Waiver
from casegate.schema import CaseSchema


@dataclass(frozen=True)
class WaiverFile:
    loaded: LoadedCase
    waivers: tuple[Waiver, ...]


def find_waiver_files(paths: Sequence[Path]) -> list[Path]:
    """The waivers files named; a folder without any is simply no waivers."""
    found: list[Path] = []
    for path in paths:
        try:
            found += iter_case_paths([path])
        except InputError as error:
            if error.code != "no-cases":
                raise
    return found


def load_waiver_files(paths: Sequence[Path], schema: CaseSchema) -> tuple[list[WaiverFile], list[CaseReport]]:
    """Valid waiver files, and error reports for the ones that are unreadable or malformed."""
    files: list[WaiverFile] = []
    broken: list[CaseReport] = []
    for path in paths:
        try:
            loaded = load_case(path)
        except InputError as error:
            location = Location(error.pointer or "", error.line, error.column) if error.line else None
            problem = Problem(error.code, error.message_ja, error.message_en, location)
            broken.append(CaseReport(str(path), None, Verdict.ERROR, problems=(problem,), kind="waivers"))
            continue
        problems = schema.problems(loaded.data)
        if problems:
            source = SourceMap(loaded.text)
            broken.append(
                CaseReport(
                    str(path),
                    None,
                    Verdict.ERROR,
                    problems=tuple(
                        Problem(f"schema-{p.keyword}", p.message_ja, p.message_en, source.location(p.pointer))
                        for p in problems
                    ),
                    sha256=loaded.sha256,
                    kind="waivers",
                )
            )
            continue
        waivers = tuple(
            Waiver(
                rule_id=entry["rule_id"],
                case_id=entry["case_id"],
                file=entry["file"],
                reason=entry["reason"],
                approver=entry["approver"],
                expires=dt.date.fromisoformat(entry["expires"]),
                source=f"{path}#/waivers/{index}",
            )
            for index, entry in enumerate(loaded.data["waivers"])
        )
        files.append(WaiverFile(loaded, waivers))
    return files, broken


def _waiver_finding(rule_id: str, title: str, severity: str, ja: str, en: str, location: Location) -> Finding:
    return Finding(rule_id, title, (), severity, ja, en, location)


#: What a waiver is for: the case file (resolved), its case_id, and the rule.
WaiverKey = tuple[Path, str, str]


def apply_waivers(
    reports: Sequence[CaseReport], files: Sequence[WaiverFile], as_of: dt.date, base: Path
) -> tuple[list[CaseReport], list[CaseReport]]:
    """Case reports with waived violations moved aside, and one report per waivers file.

    A waiver names the case file (relative to `base`, the repository root) as well as its
    case_id: a case_id is whatever its author writes, so a copy of a waived case elsewhere
    must not inherit the waiver.
    """
    active: dict[WaiverKey, Waiver] = {}
    file_findings: dict[str, list[Finding]] = {}
    sources = {str(f.loaded.path): SourceMap(f.loaded.text) for f in files if f.waivers}
    for waiver_file in files:
        findings = file_findings.setdefault(str(waiver_file.loaded.path), [])
        for waiver in waiver_file.waivers:
            path, pointer = waiver.source.split("#", 1)
            if waiver.expires < as_of:
                findings.append(
                    _waiver_finding(
                        "waiver-expired",
                        "免除の期限切れ",
                        "error",
                        f"案件 {waiver.case_id} の規則 {waiver.rule_id} の免除は {waiver.expires.isoformat()} で期限が切れています。"
                        "違反を直すか、承認を得て期限を延ばしてください。",
                        f"The waiver of rule {waiver.rule_id} for case {waiver.case_id} expired on {waiver.expires.isoformat()}. "
                        "Fix the violation or have the expiry extended by an approver.",
                        sources[path].location(pointer),
                    )
                )
            else:
                active.setdefault(((base / waiver.file).resolve(), waiver.case_id, waiver.rule_id), waiver)

    used: set[WaiverKey] = set()
    judged = {
        (Path(report.path).resolve(), report.case_id)
        for report in reports
        if report.verdict is not Verdict.ERROR
    }
    updated: list[CaseReport] = []
    for report in reports:
        keep: list[Finding] = []
        waived: list[Finding] = []
        for violation in report.violations:
            key = (Path(report.path).resolve(), report.case_id or "", violation.rule_id)
            match = active.get(key)
            if match is None:
                keep.append(violation)
            else:
                used.add(key)
                waived.append(dataclasses.replace(violation, waiver=match))
        if waived:
            verdict = Verdict.FAIL if keep else Verdict.PASS
            report = dataclasses.replace(
                report, violations=tuple(keep), waived=tuple(waived), verdict=verdict
            )
        updated.append(report)

    for key, waiver in active.items():
        # Only a case judged in this run can prove a waiver unused; a run over some cases says nothing of the rest.
        if key not in used and key[:2] in judged:
            path, pointer = waiver.source.split("#", 1)
            file_findings[path].append(
                _waiver_finding(
                    "waiver-unused",
                    "使われていない免除",
                    "warning",
                    f"案件 {waiver.case_id} の規則 {waiver.rule_id} の免除は使われていません（その違反はありません）。不要なら削除してください。",
                    f"The waiver of rule {waiver.rule_id} for case {waiver.case_id} is unused (no such violation). Remove it if it is no longer needed.",
                    sources[path].location(pointer),
                )
            )

    waiver_reports = [
        CaseReport(
            str(waiver_file.loaded.path),
            None,
            Verdict.FAIL if any(f.severity == "error" for f in findings) else Verdict.PASS,
            violations=tuple(f for f in findings if f.severity == "error"),
            warnings=tuple(f for f in findings if f.severity == "warning"),
            sha256=waiver_file.loaded.sha256,
            kind="waivers",
        )
        for waiver_file in files
        for findings in [file_findings[str(waiver_file.loaded.path)]]
    ]
    return updated, waiver_reports
