"""What this casegate release is and carries: its version, its policy version, its shipped files.

One version for everything a department pins: the git tag vX.Y.Z, the package version
(`casegate.__version__`, which pyproject.toml reads) and what `casegate --version` prints.
The files a release ships (policies, schemas, department templates) come from the wheel's
casegate/_resources/ or, in an editable install, from the source checkout the package lives in;
never from the folder casegate runs in.
"""

from __future__ import annotations

import json
from pathlib import Path

from casegate import OPA_VERSION, __version__, resources


def shipped(relative: str) -> Path | None:
    """A file or folder of this release: the wheel's copy, else (editable install) the casegate
    policy repository's own, found from the code's location (resources.policy_repository)."""
    found = resources.packaged(relative)
    if found is not None:
        return found
    root = resources.policy_repository()
    if root is not None and (root / relative).exists():
        return root / relative
    return None


def release_tag() -> str:
    """The git tag of this release, as hooks and pipelines pin it."""
    return f"v{__version__}"


def policy_version() -> str:
    """The policy version the shipped policies declare (settings/data.json), or "?"."""
    settings = shipped("policies/casegate/settings/data.json")
    if settings is None:
        return "?"
    try:
        return str(json.loads(settings.read_text(encoding="utf-8"))["policy_version"])
    except (OSError, ValueError, KeyError):
        return "?"


def version_line() -> str:
    """What `casegate --version` prints."""
    return f"casegate {__version__} (policy {policy_version()}, OPA {OPA_VERSION})"
