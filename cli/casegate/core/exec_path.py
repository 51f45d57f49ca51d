"""Where the programs the gate runs besides OPA (git, go) may come from on PATH.

The folder casegate runs in is a department's case repository, and everything in it may have
been written by someone who wants a pass. An empty PATH entry ("/usr/bin:" or ":/usr/bin",
common when a script adds an unset variable) or "." means the current directory, so a
committed `./git` or `./go` would be run with the gate's environment (the OPA token included)
and could decide what is judged. PATH entries are filtered exactly as for `opa`
(opa_binary._outside_repository): relative ones, and those inside the case repository, are
never searched.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def which(name: str) -> str | None:
    """`name` on the trusted part of PATH (an absolute path), or None."""
    from casegate.engine.opa_binary import _outside_repository

    entries = os.environ.get("PATH", os.defpath).split(os.pathsep)
    trusted = [entry for entry in entries if entry and _outside_repository(Path(entry))]
    return shutil.which(name, path=os.pathsep.join(trusted)) if trusted else None
