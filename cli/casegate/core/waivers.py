"""Waivers: security staff let one finding pass for one case, until a date.

Applied after OPA has judged, in plain sight: a waived violation moves to CaseReport.waived
(every output shows it as waived), and the waivers file is itself reported like a case, with
a failure for every expired or refused waiver and a warning for every waiver that no longer
matches a finding.

A waiver names one finding by its fingerprint: the rule id, the JSON pointer of the place, and a
hash of the value found there (see `fingerprint`). Approved for one unknown endpoint, it does not
cover a second one added later (another pointer), nor the same place with another value (another
hash): the changed finding is reported again, and the waiver is reported as no longer matching.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from casegate.core.discover import iter_case_paths
from casegate.core.locate import SourceMap
from casegate.core.model import CaseReport, Finding, Location, Problem, Verdict, Waiver
from casegate.core.read import LoadedCase, load_case
from casegate.core.validate import CaseSchema
from casegate.core.visible import describe_invisible, has_visible
from casegate.errors import InputError
from casegate.messages import Message, Text
from casegate.messages import core as messages

#: The longest a waiver may run, from approved_on to expires. `--waiver-max-days` can shorten it,
#: never lengthen it: the limit is the security team's, not the repository's that is waived.
MAX_WAIVER_DAYS = 365

#: Hex digits of the value's sha256 kept in a fingerprint: 128 bits. Fewer would let a department
#: prepare two values with one fingerprint (a birthday search on 64 bits takes hours), have the
#: harmless one waived, then swap in the other.
HASH_DIGITS = 32

_ABSENT = object()


def canonical_json(value: Any, floatless: bool = False) -> str:
    """The value as canonical JSON: keys sorted, no spaces, non-ASCII kept as it is.

    The text is json.dumps's (the fingerprints in approved waivers depend on it). orjson writes
    the same text for what a case holds but floats (1e16 is "1e16" there, "1e+16" here), and
    ten times faster; a finding is fingerprinted in every run, so a value without a float is
    written by orjson (tested against json.dumps). `floatless`: the caller knows the value holds
    no float (LoadedCase.floatless), which spares looking for one.
    """
    return _canonical_bytes(value, floatless).decode("utf-8")


def _canonical_bytes(value: Any, floatless: bool) -> bytes:
    """canonical_json's text as UTF-8 (what a fingerprint hashes, without decoding orjson's)."""
    if floatless or not _holds_float(value):
        try:
            return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
        except orjson.JSONEncodeError:  # an integer past 64 bits
            pass
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _holds_float(value: Any) -> bool:
    pending = [value]
    while pending:
        current = pending.pop()
        kind = type(current)
        if kind is str:  # most of what a case holds: settled by one comparison
            continue
        if kind is dict:
            pending.extend(current.values())
        elif kind is list:
            pending.extend(current)
        elif isinstance(current, float):
            return True
        elif isinstance(current, dict):
            pending.extend(current.values())
        elif isinstance(current, list):
            pending.extend(current)
    return False


def resolve_pointer(data: Any, pointer: str) -> tuple[Any, Any]:
    """The value at an RFC 6901 pointer in `data` (or _ABSENT), and the deepest array item on the
    way to it (or _ABSENT): for /data_locations/1/country, the whole location 1."""
    if pointer == "":
        return data, _ABSENT
    if not pointer.startswith("/"):
        return _ABSENT, _ABSENT
    node, item = data, _ABSENT
    for raw in pointer[1:].split("/"):
        part = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, Mapping) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and str(int(part)) == part and int(part) < len(node):
            node = item = node[int(part)]
        else:
            return _ABSENT, item
    return node, item


def fingerprint(rule_id: str, pointer: str, data: Any, floatless: bool = False) -> str:
    """`rule@pointer#hash`: what a waiver names to let exactly this finding pass.

    The hash is the first HASH_DIGITS hex digits of the sha256 of the canonical JSON of
    {"value": the value at `pointer`, "item": the array item it is in}, either left out when
    there is none (a missing field; a place in no list). The value alone would not do: the
    approved location 1 replaced by another location, also in "US", would keep the hash of "US".
    `floatless`: `data` holds no float anywhere (LoadedCase.floatless).
    """
    value, item = resolve_pointer(data, pointer)
    payload: dict[str, Any] = {}
    if value is not _ABSENT:
        payload["value"] = value
    if item is not _ABSENT and item is not value:
        payload["item"] = item
    digest = hashlib.sha256(_canonical_bytes(payload, floatless)).hexdigest()[:HASH_DIGITS]
    return f"{rule_id}@{pointer}#{digest}"


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
                fingerprint=entry["fingerprint"],
                approved_on=dt.date.fromisoformat(entry["approved_on"]),
            )
            for index, entry in enumerate(loaded.data["waivers"])
        )
        files.append(WaiverFile(loaded, waivers))
    return files, broken


def _waiver_finding(rule_id: str, title: Message, severity: str, said: Text, location: Location) -> Finding:
    # Titles are shown in Japanese, as the policies' own are.
    return Finding(rule_id, title.ja, (), severity, said.ja, said.en, location)


def refusals(waiver: Waiver, as_of: dt.date, max_days: int) -> list[Text]:
    """Why a waiver cannot be used, one sentence each; empty when it can."""
    found: list[Text] = []
    approved = waiver.approved_on
    expires = waiver.expires.isoformat()
    if approved is not None and approved > waiver.expires:
        found.append(
            messages.WAIVER_APPROVED_AFTER_EXPIRY.text(approved=approved.isoformat(), expires=expires)
        )
    if approved is not None and approved > as_of:
        found.append(
            messages.WAIVER_APPROVED_IN_FUTURE.text(approved=approved.isoformat(), as_of=as_of.isoformat())
        )
    if approved is not None and (waiver.expires - approved).days > max_days:
        found.append(
            messages.WAIVER_TOO_LONG.text(
                approved=approved.isoformat(),
                expires=expires,
                days=(waiver.expires - approved).days,
                limit=max_days,
            )
        )
    for field, name in messages.WAIVER_FIELD.items():
        value = getattr(waiver, field)
        if not has_visible(value):
            found.append(
                messages.WAIVER_INVISIBLE.text(name=name.text(), field=field, shown=describe_invisible(value))
            )
    if waiver.fingerprint.partition("@")[0] != waiver.rule_id:
        found.append(messages.WAIVER_OTHER_RULE.text(rule_id=waiver.rule_id))
    return found


#: What a waiver is for: the case file (resolved), its case_id, and the finding's fingerprint.
WaiverKey = tuple[Path, str, str]


def apply_waivers(
    reports: Sequence[CaseReport],
    files: Sequence[WaiverFile],
    as_of: dt.date,
    base: Path,
    max_days: int = MAX_WAIVER_DAYS,
) -> tuple[list[CaseReport], list[CaseReport]]:
    """Case reports with waived violations moved aside, and one report per waivers file.

    A waiver names the case file (relative to `base`, the repository root) as well as its
    case_id: a case_id is whatever its author writes, so a copy of a waived case elsewhere
    must not inherit the waiver. Within the case it covers the one finding whose fingerprint
    it names.
    """
    max_days = min(max_days, MAX_WAIVER_DAYS)
    active: dict[WaiverKey, Waiver] = {}
    file_findings: dict[str, list[Finding]] = {}
    sources = {str(f.loaded.path): SourceMap(f.loaded.text) for f in files if f.waivers}
    for waiver_file in files:
        findings = file_findings.setdefault(str(waiver_file.loaded.path), [])
        for waiver in waiver_file.waivers:
            path, pointer = waiver.source.split("#", 1)
            where = sources[path].location(pointer)
            refused = refusals(waiver, as_of, max_days)
            if refused:
                findings.append(
                    _waiver_finding(
                        "waiver-refused",
                        messages.WAIVER_REFUSED_TITLE,
                        "error",
                        messages.WAIVER_REFUSED.text(
                            case_id=waiver.case_id,
                            rule_id=waiver.rule_id,
                            # Japanese sentences follow each other; English ones take a space.
                            why=Text("".join(ja for ja, _ in refused), " ".join(en for _, en in refused)),
                        ),
                        where,
                    )
                )
            elif waiver.expires < as_of:
                findings.append(
                    _waiver_finding(
                        "waiver-expired",
                        messages.WAIVER_EXPIRED_TITLE,
                        "error",
                        messages.WAIVER_EXPIRED.text(
                            case_id=waiver.case_id, rule_id=waiver.rule_id, expires=waiver.expires.isoformat()
                        ),
                        where,
                    )
                )
            else:
                active.setdefault(
                    ((base / waiver.file).resolve(), waiver.case_id, waiver.fingerprint), waiver
                )

    used: set[WaiverKey] = set()
    if not active:  # nothing to match: resolving every case's path (a few stat calls each) is not needed
        return list(reports), _waiver_reports(files, file_findings)
    resolved = {report.path: Path(report.path).resolve() for report in reports}
    judged: dict[tuple[Path, str | None], list[Finding]] = {
        (resolved[report.path], report.case_id): list(report.violations)
        for report in reports
        if report.verdict is not Verdict.ERROR
    }
    updated: list[CaseReport] = []
    for report in reports:
        keep: list[Finding] = []
        waived: list[Finding] = []
        for violation in report.violations:
            key = (resolved[report.path], report.case_id or "", violation.fingerprint)
            match = active.get(key) if violation.fingerprint else None
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
        # Only a case judged in this run can prove a waiver unmatched; a run over some cases says nothing of the rest.
        if key not in used and key[:2] in judged:
            path, pointer = waiver.source.split("#", 1)
            file_findings[path].append(
                _no_longer_matches(waiver, judged[key[:2]], sources[path].location(pointer))
            )

    return updated, _waiver_reports(files, file_findings)


def _waiver_reports(
    files: Sequence[WaiverFile], file_findings: Mapping[str, list[Finding]]
) -> list[CaseReport]:
    """One report per waivers file: its expired, refused and unmatched waivers."""
    return [
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


def _no_longer_matches(waiver: Waiver, current: Sequence[Finding], where: Location) -> Finding:
    """The waiver's finding changed or went away; name the current ones of its rule, to re-approve."""
    same_rule = [item.fingerprint for item in current if item.rule_id == waiver.rule_id and item.fingerprint]
    now = (
        messages.WAIVER_STALE_NOW.text(fingerprints=", ".join(same_rule[:5]))
        if same_rule
        else messages.WAIVER_STALE_NONE.text()
    )
    return _waiver_finding(
        "waiver-no-longer-matches",
        messages.WAIVER_STALE_TITLE,
        "warning",
        messages.WAIVER_STALE.text(
            source=waiver.source, case_id=waiver.case_id, fingerprint=waiver.fingerprint, now=now
        ),
        where,
    )
