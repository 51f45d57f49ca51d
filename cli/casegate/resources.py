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
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from casegate.core.provenance import PolicySource
from casegate.errors import InputError
from casegate.messages import Text
from casegate.messages import core as messages

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


@dataclass(frozen=True)
class Locations:
    """The schema and policies a command uses, where they came from, and the policy repository."""

    schema: Path
    policies: Path | None  # None with a central OPA, or when the command needs no policy
    source: PolicySource
    root: Path | None  # the casegate policy repository the running code lives in, if any


def resolve_locations(
    schema: Path | None,
    policies: Path | None,
    need_policies: bool,
    *,
    central_url: str | None = None,
    key_id: str | None = None,
) -> Locations:
    """The schema and the policies, from options or the defaults, and what to call their source.

    Defaults: the casegate policy repository when the running code is inside one, else what the
    installed release carries. Never the working directory: see the top of this module.
    """
    root = policy_repository()
    default_kind = "repository" if root is not None else "release"
    schema_kind = "local-file" if schema is not None else default_kind
    if schema is None:
        schema = root / "schemas" / "case.schema.json" if root else packaged("schemas/case.schema.json")
    kind: str | None = None
    location = ""
    if central_url is not None:
        kind, location = "central", central_url
    elif need_policies:
        if policies is not None:
            kind = "signed-bundle" if policies.is_file() else "local-folder"
        else:
            kind = default_kind
            policies = root / "policies" if root else packaged("policies")
        location = _shown(policies) if policies is not None else ""
    missing = [
        name
        for name, value in (
            ("--schema", schema),
            ("--policies", policies if kind not in (None, "central") else Path()),
        )
        if value is None
    ]
    if missing or schema is None:
        joint = messages.AND.text()
        raise InputError.of(messages.NO_RULES, options=Text(joint.ja.join(missing), joint.en.join(missing)))
    source = PolicySource(
        kind=kind,
        location=location,
        schema_kind=schema_kind,
        schema_location=_shown(schema),
        key_id=key_id if kind == "signed-bundle" else None,
    )
    return Locations(schema=schema, policies=policies if need_policies else None, source=source, root=root)


def _shown(path: Path) -> str:
    """PATH as a reader of the report needs it: relative when under the working folder, so a
    committed report or document names `policies`, not the machine's own folders."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve())) or "."
    except (ValueError, OSError):
        return str(path)
