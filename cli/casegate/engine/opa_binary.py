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
        raise EngineError(
            code="opa-missing",
            message_ja=f"OPA（{binary}）が見つかりません。{how_to_get_opa()[0]}",
            message_en=f"OPA ({binary}) was not found. {how_to_get_opa()[1]}",
        ) from error
    except OSError as error:  # not executable, not a program (e.g. CASEGATE_OPA naming a JSON file)
        raise EngineError(
            code="opa-unusable",
            message_ja=(f"OPA（{binary}）を実行できません（{_why(error)}）。{how_to_get_opa()[0]}"),
            message_en=(f"OPA ({binary}) cannot be run ({_why(error)}). {how_to_get_opa()[1]}"),
        ) from error
    except subprocess.TimeoutExpired as error:
        raise EngineError(
            code="opa-timeout",
            message_ja=f"`opa {' '.join(args[:2])}` が {timeout:.0f} 秒で終わりませんでした。",
            message_en=f"`opa {' '.join(args[:2])}` did not finish within {timeout:.0f} s.",
        ) from error
    return OpaRun(done.returncode, done.stdout, done.stderr)


def _why(error: OSError) -> str:
    """What the system said, e.g. "Permission denied" or "Exec format error"."""
    return error.strerror or type(error).__name__


@cache
def opa_version(binary: Path) -> str | None:
    """The version `opa version` reports (cached: the answer cannot change within a run)."""
    done = run_opa(binary, ["version"], timeout=20.0)
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


def how_to_get_opa() -> tuple[str, str]:
    """What to do about a missing OPA, fitting where the user is."""
    if _in_casegate_repository():
        return (
            "casegate のリポジトリでは `make setup` で .tools/bin/opa を作り、"
            "`export CASEGATE_OPA=$PWD/.tools/bin/opa` で指定します（make check・make test は自動で指定します）。",
            "In the casegate repository, run `make setup`, then `export CASEGATE_OPA=$PWD/.tools/bin/opa` "
            "(make check and make test set it themselves).",
        )
    return (
        f"`casegate install-opa` で OPA {OPA_VERSION} を導入するか（Go があれば --build-with-go、"
        "情報システム担当が取得したファイルなら --from ファイル）、環境変数 CASEGATE_OPA でその版の opa を指定してください。",
        f"Install OPA {OPA_VERSION} with `casegate install-opa` (--build-with-go where Go is installed, "
        "--from FILE for a file IT has downloaded), or name that version with CASEGATE_OPA.",
    )
