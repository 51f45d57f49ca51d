"""Real permission errors, when the tests run as root (as CI does): the command runs as nobody.

Root reads every file, so test_loader's permission tests skip under root; here the real
`casegate validate` is run under `setpriv` as an unprivileged user instead.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="needs root and setpriv to run the command as another user",
)
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]


@pytest.fixture
def shared_dir():
    folder = Path(tempfile.mkdtemp(prefix="casegate-perm-"))
    folder.chmod(0o755)  # pytest's tmp_path is root-only; nobody must reach inside
    yield folder
    for path in folder.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(folder)


def _validate_as_nobody(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            *NOBODY,
            str(Path(sys.executable).parent / "casegate"),
            "validate",
            "--format",
            "json",
            *map(str, paths),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_an_unreadable_file_is_named_with_the_fix(shared_dir):
    path = shared_dir / "case.json"
    path.write_text("{}", encoding="utf-8")
    path.chmod(0)
    done = _validate_as_nobody(path)
    assert done.returncode == 2, done.stderr
    [error] = json.loads(done.stdout)["cases"][0]["errors"]
    assert error["code"] == "unreadable"
    assert "読み取り権限" in error["message_ja"]


def test_an_unlistable_subfolder_is_an_error_not_a_skip(shared_dir):
    (shared_dir / "a.json").write_text("{}", encoding="utf-8")
    locked = shared_dir / "locked"
    locked.mkdir()
    (locked / "b.json").write_text("{}", encoding="utf-8")
    locked.chmod(0)
    done = _validate_as_nobody(shared_dir)
    assert done.returncode == 2
    assert str(locked) in done.stderr
    assert "Traceback" not in done.stderr
