"""Finding the pinned `opa` and running it, with failures explained in one sentence.

Every call of the binary goes through `run_opa`, so a missing executable, a wrong version or a
non-zero exit always reads the same way (pre-commit's `cmd_output_b` is the model).
"""

from __future__ import annotations

import os
import subprocess
import sys
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
class OpaChoice:
    """The OPA that will run, and by which of the three accepted routes it was found."""

    path: Path
    source: str  # "env" (CASEGATE_OPA), "installed" (casegate install-opa) or "path" (on PATH)
    detail: str = ""  # for "installed": how it was obtained, from the install record

    def describe(self, lang: str) -> str:
        """One line for reports and doctor, e.g. "OPA 1.22.3（casegate install-opa、SHA-256 確認済み）: /…/opa"."""
        if lang == "ja":
            how = {
                "env": "環境変数 CASEGATE_OPA",
                "installed": f"casegate install-opa で導入、SHA-256 確認済み、{self.detail}",
                "path": "PATH 上",
            }[self.source]
            return f"OPA {OPA_VERSION}（{how}）: {self.path}"
        how = {
            "env": "CASEGATE_OPA",
            "installed": f"installed by casegate install-opa, SHA-256 verified, {self.detail}",
            "path": "on PATH",
        }[self.source]
        return f"OPA {OPA_VERSION} ({how}): {self.path}"


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
            message_ja=f"OPA（{binary}）が見つかりません。{_how_to_get_opa()[0]}",
            message_en=f"OPA ({binary}) was not found. {_how_to_get_opa()[1]}",
        ) from error
    except OSError as error:  # not executable, not a program (e.g. CASEGATE_OPA naming a JSON file)
        raise EngineError(
            code="opa-unusable",
            message_ja=(f"OPA（{binary}）を実行できません（{_why(error)}）。{_how_to_get_opa()[0]}"),
            message_en=(f"OPA ({binary}) cannot be run ({_why(error)}). {_how_to_get_opa()[1]}"),
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


def _how_to_get_opa() -> tuple[str, str]:
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


def _outside_repository(folder: Path) -> bool:
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


def _on_path() -> Path | None:
    # Not shutil.which: on Windows (Python < 3.12) it searches the current folder first, even
    # with an explicit path, and the current folder is the case repository.
    names = ("opa.exe", "opa") if sys.platform == "win32" else ("opa",)
    for entry in os.environ.get("PATH", "").split(os.pathsep):
        if not entry or not _outside_repository(Path(entry)):
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
    from casegate.engine.opa_install import read_record, verify_installed

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
    ja, en = _how_to_get_opa()
    raise EngineError(
        code="opa-missing",
        message_ja=f"OPA {OPA_VERSION} が見つかりません。{ja}",
        message_en=f"OPA {OPA_VERSION} was not found. {en}",
    )


def _require_version(binary: Path, route: str) -> None:
    if not binary.is_file():
        raise EngineError(
            code="opa-missing",
            message_ja=f"{route} の OPA（{binary}）がありません。{_how_to_get_opa()[0]}",
            message_en=f"The OPA named by {route} ({binary}) does not exist. {_how_to_get_opa()[1]}",
        )
    version = opa_version(binary)
    if version != OPA_VERSION:
        raise EngineError(
            code="opa-wrong-version",
            message_ja=f"{route} の OPA（{binary}）は版 {version or '?'} です。OPA {OPA_VERSION} だけを使います。{_how_to_get_opa()[0]}",
            message_en=f"The OPA from {route} ({binary}) is version {version or '?'}; only OPA {OPA_VERSION} is used. "
            f"{_how_to_get_opa()[1]}",
        )


def find_opa() -> Path:
    """The path of locate_opa()'s choice, for callers that only run it."""
    return locate_opa().path
