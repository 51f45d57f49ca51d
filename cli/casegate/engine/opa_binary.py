"""Running the pinned `opa`, with failures explained in one sentence (finding it: opa_locate).

Every call of the binary goes through `run_opa`, so a missing executable, a wrong version or a
non-zero exit always reads the same way (pre-commit's `cmd_output_b` is the model).
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from casegate import OPA_VERSION
from casegate.errors import EngineError
from casegate.messages import Text
from casegate.messages import engine as messages

#: Environment variables the private OPA keeps; everything else (CASEGATE_OPA_TOKEN, *_proxy,
#: cloud credentials, ...) stays with casegate. OPA's `opa.runtime().env` would show a policy
#: the whole environment, and OPA needs none of it to serve a bundle on 127.0.0.1.
_KEPT_ENV = frozenset(
    {
        "HOME", "USERPROFILE", "TMPDIR", "TEMP", "TMP", "SYSTEMROOT", "WINDIR", "LANG", "LC_ALL", "TZ",
        "GOGC", "GOMAXPROCS", "GOMEMLIMIT",
    }
)  # fmt: skip


def opa_environment() -> dict[str, str]:
    """The environment every OPA process gets: the few variables above, nothing secret."""
    return {name: value for name, value in os.environ.items() if name.upper() in _KEPT_ENV}


@dataclass(frozen=True)
class OpaRun:
    """What one `opa` invocation printed."""

    returncode: int
    stdout: str
    stderr: str


def run_opa(binary: Path, args: list[str], *, timeout: float = 60.0, cwd: Path | None = None) -> OpaRun:
    """Run `opa ARGS` (in `cwd` if given) and return its output; raise EngineError when it cannot run.

    `cwd` lets `opa build -b .` name the files of a bundle relative to its root rather than
    by a temporary folder's path.
    """
    try:
        done = subprocess.run(
            [str(binary), *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            cwd=cwd,
            env=opa_environment(),
        )
    except FileNotFoundError as error:
        raise EngineError.of(messages.OPA_NOT_FOUND, binary=binary, how=how_to_get_opa()) from error
    except OSError as error:  # not executable, not a program (e.g. CASEGATE_OPA naming a JSON file)
        raise EngineError.of(
            messages.OPA_UNUSABLE, binary=binary, why=_why(error), how=how_to_get_opa()
        ) from error
    except subprocess.TimeoutExpired as error:
        raise EngineError.of(messages.OPA_RUN_TIMEOUT, command=" ".join(args[:2]), timeout=timeout) from error
    return OpaRun(done.returncode, done.stdout, done.stderr)


def _why(error: OSError) -> str:
    """What the system said, e.g. "Permission denied" or "Exec format error"."""
    return error.strerror or type(error).__name__


@cache
def opa_version(binary: Path) -> str | None:
    """The version `opa version` reports (cached: the answer cannot change within a run)."""
    done = run_opa(binary, ["version"], timeout=20.0)
    if done.returncode != 0:  # e.g. Go refusing a malformed GOMEMLIMIT: say so, not "version ?"
        lines = [line.strip() for line in done.stderr.splitlines() if line.strip()]
        said = next((line for line in lines if "error" in line.lower()), lines[0] if lines else "-")
        raise EngineError.of(
            messages.OPA_VERSION_FAILED, binary=binary, status=done.returncode, said=said[:300]
        )
    for line in done.stdout.splitlines():
        if line.startswith("Version:"):
            return line.split(":", 1)[1].strip()
    return None


def _in_casegate_repository() -> bool:
    """Whether the user is working in casegate's own repository (where `make setup` exists).

    Only picks the advice in a message; nothing found here is ever run.
    """
    from casegate.resources import is_policy_repository

    return any(is_policy_repository(folder) for folder in (Path.cwd(), *Path.cwd().parents))


def how_to_get_opa() -> Text:
    """What to do about a missing OPA, fitting where the user is."""
    if _in_casegate_repository():
        return messages.GET_OPA_HERE.text()
    return messages.GET_OPA.text(version=OPA_VERSION)
