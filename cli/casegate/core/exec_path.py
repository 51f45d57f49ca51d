"""Where the programs the gate runs besides OPA (git, go) may come from on PATH.

The folder casegate runs in is a department's case repository, and everything in it may have
been written by someone who wants a pass. An empty PATH entry ("/usr/bin:" or ":/usr/bin",
common when a script adds an unset variable) or "." means the current directory, so a
committed `./git` or `./go` would be run with the gate's environment (the OPA token included)
and could decide what is judged. PATH entries are filtered here for every program, `opa` included
(opa_binary searches PATH with outside_repository): relative ones, and those inside the case
repository, are never searched.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def which(name: str) -> str | None:
    """`name` on the trusted part of PATH (an absolute path), or None."""
    entries = os.environ.get("PATH", os.defpath).split(os.pathsep)
    trusted = [entry for entry in entries if entry and outside_repository(Path(entry))]
    return shutil.which(name, path=os.pathsep.join(trusted)) if trusted else None


def outside_repository(folder: Path) -> bool:
    """False for a PATH entry that is relative or inside the current folder (a case repository).

    `PATH=.:$PATH`, or direnv's `PATH_add .tools/bin`, would otherwise run whatever the repository
    committed under that name.
    """
    if not folder.is_absolute():
        return False
    try:
        here = Path.cwd().resolve()
        resolved = folder.resolve()
    except OSError:
        return False
    top = next((p for p in (here, *here.parents) if (p / ".git").exists()), None)
    # Outside any git work tree (e.g. run from the home folder) only relative entries are refused:
    # ~/.local/bin must stay usable from ~.
    return top is None or not (resolved == top or top in resolved.parents)
