"""Finding the pinned `opa` and running it, with failures explained in one sentence.

Every call of the binary goes through `run_opa`, so a missing executable, a wrong version or a
non-zero exit always reads the same way (pre-commit's `cmd_output_b` is the model).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from casegate import OPA_VERSION
from casegate.errors import EngineError
from casegate.exec_path import trusted_path, which

#: Where `make setup` builds the pinned OPA (git-ignored), relative to the repository root.
TOOLS_BIN = Path(".tools") / "bin"


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
            [str(binary), *args], capture_output=True, text=True, timeout=timeout, check=False, cwd=cwd
        )
    except FileNotFoundError as error:
        raise EngineError(
            code="opa-missing",
            message_ja=f"OPA（{binary}）が見つかりません。`make setup` で準備してください。",
            message_en=f"OPA ({binary}) was not found. Run `make setup`.",
        ) from error
    except OSError as error:  # not executable, not a program (e.g. CASEGATE_OPA naming a JSON file)
        raise EngineError(
            code="opa-unusable",
            message_ja=(
                f"OPA（{binary}）を実行できません（{_why(error)}）。OPA {OPA_VERSION} の実行ファイルを指定するか、"
                "`make setup` または `casegate install-opa` で準備してください。"
            ),
            message_en=(
                f"OPA ({binary}) cannot be run ({_why(error)}). Point at the OPA {OPA_VERSION} executable, "
                "or run `make setup` or `casegate install-opa`."
            ),
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


def user_tools_dir() -> Path:
    """Where `casegate install-opa` puts OPA for repositories that are not this one."""
    # A relative XDG_CACHE_HOME is invalid (XDG spec) and would mean a folder of the case
    # repository the run starts in, where a department could commit an "opa".
    cache = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(cache) if Path(cache).is_absolute() else Path.home() / ".cache") / "casegate" / "bin"


def install_opa() -> Path:
    """Build the pinned OPA with `go install` into user_tools_dir(); return its path."""
    target = user_tools_dir()
    target.mkdir(parents=True, exist_ok=True)
    module = f"github.com/open-policy-agent/opa@v{OPA_VERSION}"
    # `casegate install-opa` runs in the case repository: a relative PATH entry would find a committed ./go.
    go = which("go")
    try:
        if go is None:
            raise FileNotFoundError("go")
        done = subprocess.run(
            [go, "install", module],
            env={**os.environ, "GOBIN": str(target)},
            capture_output=True,
            text=True,
            timeout=1800,
            check=False,
        )
    except FileNotFoundError as error:
        raise EngineError(
            code="go-missing",
            message_ja=f"go が見つかりません。Go を入れるか、OPA {OPA_VERSION} を PATH に置いてください。",
            message_en=f"go was not found. Install Go, or put OPA {OPA_VERSION} on PATH.",
        ) from error
    except OSError as error:  # a `go` on PATH that cannot be executed
        raise EngineError(
            code="go-unusable",
            message_ja=f"go を実行できません（{_why(error)}）。PATH の go を確かめるか、OPA {OPA_VERSION} を PATH に置いてください。",
            message_en=f"go cannot be run ({_why(error)}). Check the go on PATH, or put OPA {OPA_VERSION} on PATH.",
        ) from error
    binary = target / "opa"
    if done.returncode != 0 or opa_version(binary) != OPA_VERSION:
        opa_version.cache_clear()
        raise EngineError(
            code="opa-install-failed",
            message_ja=f"`go install {module}` に失敗しました：{done.stderr.strip()[-300:]}",
            message_en=f"`go install {module}` failed: {done.stderr.strip()[-300:]}",
        )
    return binary


def find_opa(repo_root: Path | None) -> Path:
    """The OPA to use: $CASEGATE_OPA, then the project's tools folder, then `opa` on PATH.

    Only the pinned version is accepted: an older OPA may lack fixes the gate relies on
    (e.g. the bundle-signature bypass fixed in 1.21.3), so a mismatch is an engine failure.
    """
    candidates: list[Path] = []
    if explicit := os.environ.get("CASEGATE_OPA"):
        candidates.append(Path(explicit))
    if repo_root is not None:
        candidates.append(repo_root / TOOLS_BIN / "opa")
    candidates.append(user_tools_dir() / "opa")
    searched, refused = trusted_path()
    if on_path := shutil.which("opa", path=searched):
        candidates.append(Path(on_path))
    seen_ja: list[str] = [
        f"{folder}（PATH の相対パス、または実行中のフォルダの中なので使いません）" for folder in refused
    ]
    seen_en: list[str] = [
        f"{folder} (on PATH, but relative or inside the folder casegate runs in: not used)"
        for folder in refused
    ]
    for candidate in candidates:
        if not candidate.is_file():
            continue
        try:
            version = opa_version(candidate)
        except EngineError as error:  # found but unusable: the next candidate may still do
            cause = error.__cause__
            why = _why(cause) if isinstance(cause, OSError) else error.code
            seen_ja.append(f"{candidate}（実行できません：{why}）")
            seen_en.append(f"{candidate} (cannot be run: {why})")
            continue
        if version == OPA_VERSION:
            return candidate
        seen_ja.append(f"{candidate} ({version or '?'})")
        seen_en.append(f"{candidate} ({version or '?'})")
    raise EngineError(
        code="opa-missing",
        message_ja=(
            f"OPA {OPA_VERSION} が見つかりません（見つかったもの：{'、'.join(seen_ja) or 'なし'}）。"
            "リポジトリで `make setup` を実行するか、`casegate install-opa` を実行するか、環境変数 CASEGATE_OPA でその版の opa を指定してください。"
        ),
        message_en=(
            f"OPA {OPA_VERSION} was not found (found: {', '.join(seen_en) or 'none'}). "
            "Run `make setup` in the repository, or `casegate install-opa`, or point CASEGATE_OPA at that version."
        ),
    )
