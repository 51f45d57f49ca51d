"""Decision records: `check --audit-log FILE` appends one JSON line per case judged.

Each record says when (UTC), who (the OS user, and the CI account when set), which case (path,
case_id and the sha256 of its bytes), which policy (version and bundle revisions), the verdict
and the rule and checklist ids behind it, and the day it was judged for. No case content and no
token: the hash names the file, the committee's papers hold the rest.

Append-only by construction: the file is opened with O_APPEND (created 0600 if new) and every
record is one write() of one line, so concurrent runs never interleave inside a line and an
earlier record is never rewritten. It is opened by casegate.core.paths.open_append_log: a symlink, a
FIFO or a log others may read or write is refused (exit 2) before anything is judged on it.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from casegate import __version__
from casegate.core.model import CaseReport, Finding, RunReport
from casegate.core.paths import open_append_log, unwritable_log
from casegate.report.escape import valid_unicode

#: Bumped when a field changes meaning or disappears.
RECORD_VERSION = 1

#: CI variables naming the account that started the pipeline, recorded when set.
CI_ACCOUNTS = ("GITHUB_ACTOR", "GITLAB_USER_LOGIN")


def who(environ: Mapping[str, str]) -> dict[str, str]:
    """The OS user, plus the CI account (a pipeline runs as a service user otherwise unnamed)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry and no $USER, e.g. an anonymous container uid
        user = f"uid:{os.getuid()}" if hasattr(os, "getuid") else "?"
    found = {"os_user": user}
    for name in CI_ACCOUNTS:
        if value := environ.get(name):
            found[name.lower()] = value
    return found


def _ids(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    return [{"rule_id": item.rule_id, "checklist_ids": list(item.checklist_ids)} for item in findings]


def record(
    case: CaseReport, report: RunReport, *, when: dt.datetime, actor: Mapping[str, str], engine: str
) -> dict[str, Any]:
    policy = report.policy
    return {
        "record_version": RECORD_VERSION,
        "when": when.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "who": dict(actor),
        "tool": {"name": "casegate", "version": __version__},
        "engine": engine,
        "case": {"path": case.path, "case_id": case.case_id, "sha256": case.sha256},
        "policy": None
        if policy is None
        else {"version": policy.version, "revisions": list(policy.revisions)},
        "as_of": report.as_of.isoformat(),
        "verdict": case.verdict.value,
        "violations": _ids(case.violations),
        "warnings": _ids(case.warnings),
        "waived": _ids(case.waived),
        "errors": [problem.code for problem in case.problems],
    }


def append_records(
    path: Path,
    report: RunReport,
    *,
    engine: str,
    environ: Mapping[str, str] | None = None,
    now: dt.datetime | None = None,
) -> int:
    """Append one record per case of `report` to `path`; return how many were written.

    `engine` names where the decision was made: "local" or the central OPA's URL (never a token).
    """
    when = now or dt.datetime.now(dt.UTC)
    actor = who(os.environ if environ is None else environ)
    # A case file's name may hold bytes that are not UTF-8: U+FFFD in the record (its sha256
    # still names the file), never a run stopped by the log (escape.valid_unicode).
    lines = [
        valid_unicode(
            json.dumps(record(case, report, when=when, actor=actor, engine=engine), ensure_ascii=False)
        )
        + "\n"
        for case in report.cases
    ]
    descriptor = open_append_log(path)
    try:
        for line in lines:
            data = line.encode("utf-8")
            # One write per record: O_APPEND places it at the end as a whole. A short write
            # (disk full) is reported, never completed by a second write another run could split.
            if os.write(descriptor, data) != len(data):
                raise unwritable_log(path, OSError("short write"))
    except OSError as error:
        raise unwritable_log(path, error) from error
    finally:
        os.close(descriptor)
    return len(lines)
