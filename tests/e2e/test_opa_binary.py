"""An OPA (or go) that exists but cannot be run: an engine error (exit 3), never a reason to look
elsewhere or a crash read as exit 1.
"""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path

import pytest

from casegate.engine.opa_binary import opa_version, run_opa
from casegate.engine.opa_install import install_with_go
from casegate.engine.opa_locate import find_opa
from casegate.errors import EngineError
from support.paths import OPA, REPO

SCHEMA = REPO / "schemas" / "case.schema.json"


@pytest.fixture
def not_a_program(tmp_path: Path) -> Path:
    """A file marked executable that is no program: the kernel answers "Exec format error"."""
    path = tmp_path / "opa-broken"
    path.write_bytes(b"\x7fELF\x00garbage")
    path.chmod(0o755)
    return path


@pytest.fixture
def not_executable(tmp_path: Path) -> Path:
    """What `CASEGATE_OPA=/some/file.json` points at: a readable file without the exec bit."""
    path = tmp_path / "opa.json"
    path.write_text("{}", encoding="utf-8")
    path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    return path


def test_run_opa_on_a_file_without_the_exec_bit_is_an_engine_error(not_executable):
    with pytest.raises(EngineError) as raised:
        run_opa(not_executable, ["version"])
    assert raised.value.code == "opa-unusable"
    assert "Permission denied" in raised.value.message_en
    assert str(not_executable) in raised.value.message_ja


def test_run_opa_on_a_file_that_is_no_program_is_an_engine_error(not_a_program):
    with pytest.raises(EngineError) as raised:
        run_opa(not_a_program, ["version"])
    assert raised.value.code == "opa-unusable"
    assert "Exec format error" in raised.value.message_en


def test_an_unusable_casegate_opa_is_an_error_not_a_reason_to_look_elsewhere(not_a_program, monkeypatch):
    # An explicit choice that is wrong fails closed: silently taking another OPA would hide it.
    monkeypatch.setenv("CASEGATE_OPA", str(not_a_program))
    with pytest.raises(EngineError) as raised:
        find_opa()
    assert raised.value.code == "opa-unusable"
    assert str(not_a_program) in raised.value.message_en
    assert "Exec format error" in raised.value.message_en
    assert "Exec format error" in raised.value.message_ja
    monkeypatch.setenv("CASEGATE_OPA", str(OPA))
    assert find_opa() == OPA


def test_check_with_an_unusable_casegate_opa_exits_3_not_1(
    run_cli, not_a_program, tmp_path, monkeypatch, released
):
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)  # no `opa` on PATH either
    result = run_cli(
        *("check", "--policies", str(REPO / "policies"), "--schema", str(SCHEMA)),
        *("--format", "json", "--lang", "en", str(REPO / "cases")),
        cwd=tmp_path,
        env={"CASEGATE_OPA": str(not_a_program)},
    )
    assert result.exit_code == 3, result.output
    problem = json.loads(result.stdout)["engine_error"]
    assert problem["code"] == "opa-unusable"
    assert "cannot be run (Exec format error)" in problem["message"]


def test_install_opa_with_an_unusable_go_is_an_engine_error(not_a_program, tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    not_a_program.rename(bin_dir / "go")
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    opa_version.cache_clear()
    with pytest.raises(EngineError) as raised:
        install_with_go()
    assert raised.value.code == "go-unusable"
    assert "Exec format error" in raised.value.message_en
