"""Which `opa` runs: $CASEGATE_OPA, else the one `casegate install-opa` installed, else PATH.

Never a file from the folder casegate runs in (see locate_opa). Separate from opa_binary, which
only runs a binary, so that opa_install can check the version of what it installs with
opa_binary without the two importing each other.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from casegate import OPA_VERSION
from casegate.core.exec_path import outside_repository
from casegate.engine.opa_binary import how_to_get_opa, opa_version
from casegate.engine.opa_install import read_record, verify_installed
from casegate.errors import EngineError
from casegate.messages import engine as messages


@dataclass(frozen=True)
class OpaChoice:
    """The OPA that will run, and by which of the three accepted routes it was found."""

    path: Path
    source: str  # "env" (CASEGATE_OPA), "installed" (casegate install-opa) or "path" (on PATH)
    detail: str = ""  # for "installed": how it was obtained, from the install record

    def describe(self, lang: str) -> str:
        """One line for reports and doctor, e.g. "OPA 1.22.3（casegate install-opa、SHA-256 確認済み）: /…/opa"."""
        how = {
            "env": messages.OPA_FROM_ENV.text(),
            "installed": messages.OPA_FROM_INSTALL.text(detail=self.detail),
            "path": messages.OPA_FROM_PATH.text(),
        }[self.source]
        return messages.OPA_CHOSEN(lang, version=OPA_VERSION, how=how, binary=self.path)


def _on_path() -> Path | None:
    # Not shutil.which: on Windows (Python < 3.12) it searches the current folder first, even
    # with an explicit path, and the current folder is the case repository.
    names = ("opa.exe", "opa") if sys.platform == "win32" else ("opa",)
    for entry in os.environ.get("PATH", "").split(os.pathsep):
        if not entry or not outside_repository(Path(entry)):
            continue
        for name in names:
            candidate = Path(entry) / name
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return candidate
    return None


def locate_opa() -> OpaChoice:
    """The OPA to use: $CASEGATE_OPA, else the one `casegate install-opa` installed, else PATH.

    Never a file from the folder casegate runs in: a case repository is hostile input, and a
    script committed as .tools/bin/opa would answer "all pass". An explicit choice that is
    wrong, and an installed binary that changed, are engine failures, not reasons to look on.
    Only the pinned version is accepted: an older OPA may lack fixes the gate relies on
    (e.g. the bundle-signature bypass fixed in 1.21.3).
    """
    if explicit := os.environ.get("CASEGATE_OPA"):
        binary = Path(explicit)
        _require_version(binary, "CASEGATE_OPA")
        return OpaChoice(binary, "env")
    record = read_record()
    if record is not None:
        return OpaChoice(verify_installed(record), "installed", record.describe("en"))
    on_path = _on_path()
    if on_path is not None:
        _require_version(on_path, "PATH")
        return OpaChoice(on_path, "path")
    raise EngineError.of(messages.OPA_NOWHERE, version=OPA_VERSION, how=how_to_get_opa())


def _require_version(binary: Path, route: str) -> None:
    if not binary.is_file():
        raise EngineError.of(messages.OPA_NAMED_MISSING, route=route, binary=binary, how=how_to_get_opa())
    version = opa_version(binary)
    if version != OPA_VERSION:
        raise EngineError.of(
            messages.OPA_WRONG_VERSION,
            route=route,
            binary=binary,
            found=version or "?",
            version=OPA_VERSION,
            how=how_to_get_opa(),
        )


def find_opa() -> Path:
    """The path of locate_opa()'s choice, for callers that only run it."""
    return locate_opa().path
