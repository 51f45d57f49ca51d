"""Which folders of PATH a program the gate runs (opa, git) may come from.

The folder casegate runs in is a department's case repository, and everything in it may have
been written by someone who wants a pass. An empty PATH entry ("/usr/bin:" or ":/usr/bin",
common when a script adds an unset variable) or "." means the current directory, so a
committed `./opa` or `./git` would be run with the gate's environment (the OPA token
included) and could decide what is judged and how. Such entries are never searched.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def trusted_path() -> tuple[str, list[str]]:
    """PATH without its relative entries and those inside the working directory, and what was left out."""
    cwd = Path.cwd().resolve()
    kept: list[str] = []
    refused: list[str] = []
    for entry in os.environ.get("PATH", os.defpath).split(os.pathsep):
        folder = Path(entry)
        if entry and folder.is_absolute() and not _inside(folder.resolve(), cwd):
            kept.append(entry)
        elif any((folder / name).exists() for name in ("opa", "git", "go")):
            refused.append(entry or "(empty)")
    return os.pathsep.join(kept), refused


def which(name: str) -> str | None:
    """`name` as found on the trusted part of PATH (an absolute path), or None."""
    return shutil.which(name, path=trusted_path()[0])


def _inside(folder: Path, cwd: Path) -> bool:
    # Running in "/" would make every folder "inside": the check then guards nothing.
    return cwd != cwd.parent and (folder == cwd or cwd in folder.parents)
