"""Where the rules come from: the installed release, or the casegate policy repository itself.

The folder casegate runs in is a department's case repository, and everything in it may have
been written by someone who wants a pass. So the working directory never supplies policies,
schemas or tools. The defaults are what the installed casegate release carries
(casegate/_resources/, copied in by setup.py). Only when the running casegate code is itself
inside a checkout of the casegate policy repository (an editable install, `make setup`), found
from this file's own location and never from the working directory, do that checkout's
policies/ and schemas/ decide. The checkout is recognised by a committed marker that
CODEOWNERS protects: `[tool.casegate] policy-repository = true` in its pyproject.toml.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files
from pathlib import Path

#: Where the package sits inside the policy repository (pyproject: packages.find where = "cli").
_PACKAGE_FOLDER = "cli"


def packaged(relative: str) -> Path | None:
    """casegate/_resources/RELATIVE on disk, or None when this install carries no such file."""
    candidate = Path(str(files("casegate"))) / "_resources" / relative
    return candidate if candidate.exists() else None


@cache
def policy_repository() -> Path | None:
    """The root of the casegate policy repository the running code lives in, or None.

    Only the exact layout ROOT/cli/casegate/ is looked at, never a folder further up: a
    department that keeps a virtualenv inside its own repository (ROOT/.venv/lib/.../casegate)
    must not make its ROOT/pyproject.toml the judge of its own cases.
    """
    package = Path(str(files("casegate"))).resolve()
    if package.parent.name != _PACKAGE_FOLDER:
        return None
    root = package.parent.parent
    return root if is_policy_repository(root) else None


def is_policy_repository(root: Path) -> bool:
    """ROOT/pyproject.toml has `[tool.casegate] policy-repository = true`, and the two folders exist."""
    try:
        settings = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    table = settings.get("tool", {}).get("casegate", {})
    return (
        isinstance(table, dict)
        and table.get("policy-repository") is True
        and (root / "policies").is_dir()
        and (root / "schemas" / "case.schema.json").is_file()
    )
