"""Real permission errors, when the tests run as root (as CI does).

Root reads every file, so test_loader's permission tests skip under root; here the real
`casegate validate` runs as root without the capabilities that bypass file permissions
(CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), so a mode-0 file is unreadable to it while the
project's own files (owned by root) stay usable wherever the checkout is.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support.paths import REPO

pytestmark = pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="needs root and setpriv to drop the permission-bypassing capabilities",
)
WITHOUT_OVERRIDE = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]


def _validate_without_override(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            *WITHOUT_OVERRIDE,
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


def test_an_unreadable_file_is_named_with_the_fix(tmp_path):
    path = tmp_path / "case.json"
    path.write_text("{}", encoding="utf-8")
    path.chmod(0)
    done = _validate_without_override(path)
    assert done.returncode == 2, done.stderr
    [error] = json.loads(done.stdout)["cases"][0]["errors"]
    assert error["code"] == "unreadable"
    assert "読み取り権限" in error["message_ja"]


def test_an_unlistable_subfolder_is_an_error_not_a_skip(tmp_path):
    (tmp_path / "a.json").write_text("{}", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.json").write_text("{}", encoding="utf-8")
    locked.chmod(0)
    done = _validate_without_override(tmp_path)
    assert done.returncode == 2
    assert str(locked) in done.stderr
    assert "Traceback" not in done.stderr
