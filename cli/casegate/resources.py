"""The policies and schemas a wheel of casegate carries (setup.py copies them in).

A department's case repository has neither folder; when casegate runs there, these are its
defaults. Inside this repository (an editable install) the repository's own folders win.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def packaged(relative: str) -> Path | None:
    """casegate/_resources/RELATIVE on disk, or None when this install carries no such file."""
    candidate = Path(str(files("casegate"))) / "_resources" / relative
    return candidate if candidate.exists() else None
