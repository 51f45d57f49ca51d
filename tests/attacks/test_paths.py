"""Paths that hang or escape (issue 9, problem 4), each attack performed and shown closed.

A FIFO named by --audit-log, --opa-token-file, --schema, --waivers or as a case used to hang the
run forever; each is now refused at once with exit 2. The FIFO tests run casegate in a child
process with a timeout, so a regression fails the test instead of hanging the suite.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import casegate.core.paths
from casegate.core.paths import open_append_log, read_text
from casegate.errors import InputError
from support.paths import REPO, SEED

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes (POSIX)")


def _casegate(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEGATE_")}
    env["CASEGATE_LANG"] = "en"
    return subprocess.run(
        [sys.executable, "-m", "casegate", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,  # a hang is a failure, not a stuck suite
        check=False,
    )


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.json"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize(
    ("option", "named"),
    [
        ("--schema", "schema"),
        ("--opa-token-file", "token"),
        ("--audit-log", "audit-log"),
    ],
)
def test_a_fifo_given_as_a_file_option_is_refused_at_once(fifo, option, named):
    extra = ("--opa-url", "http://127.0.0.1:9") if option == "--opa-token-file" else ()
    done = _casegate("check", option, str(fifo), *extra, str(SEED), timeout=30)
    assert done.returncode == 2, done.stderr
    assert "is a named pipe (FIFO), not a regular file" in done.stderr
    assert named in done.stderr


def test_a_fifo_as_a_case_or_a_waivers_file_is_refused_at_once(fifo):
    done = _casegate("check", "--format", "json", "--waivers", str(fifo), str(fifo), timeout=30)
    assert done.returncode == 2, done.stderr
    report = json.loads(done.stdout)
    assert {case["verdict"] for case in report["cases"]} == {"error"}
    assert all(case["errors"][0]["code"] == "unreadable" for case in report["cases"])


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_as_the_token_file_is_refused_not_read_forever(device):
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    with pytest.raises(InputError) as refused:
        read_text(Path(device), ("トークンのファイル", "the token file"))
    assert refused.value.code == "not-a-file"
    assert "is a device" in refused.value.message_en


def test_a_socket_as_the_schema_is_refused(run_cli, tmp_path):
    path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(path))
        result = run_cli("check", "--schema", str(path), "--lang", "en", str(SEED))
    assert result.exit_code == 2
    assert "is a socket, not a regular file" in result.output


def test_a_folder_as_the_schema_is_refused(run_cli, tmp_path):
    result = run_cli("check", "--schema", str(tmp_path), str(SEED))
    assert result.exit_code == 2
    assert "フォルダ" in result.output


def test_a_file_swapped_for_a_fifo_after_the_check_is_refused_without_blocking(fifo, tmp_path, monkeypatch):
    """The race: stat() says regular file, open() meets a FIFO. O_NONBLOCK + fstat close it."""
    regular = tmp_path / "regular.json"
    regular.write_text("{}", encoding="utf-8")
    real_stat = Path.stat

    def stale_stat(self: Path, *args: object, **kwargs: object) -> os.stat_result:
        return real_stat(regular if self == fifo else self)

    monkeypatch.setattr(Path, "stat", stale_stat)
    with pytest.raises(InputError) as refused:
        casegate.core.paths.read_bytes(fifo, 1000)
    assert refused.value.code == "not-a-file"


# --- the audit log -----------------------------------------------------------------------------------


def _records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_symlinked_audit_log_is_refused_and_its_target_untouched(run_cli, tmp_path):
    target = tmp_path / "someone-elses.txt"
    target.write_text("precious\n", encoding="utf-8")
    target.chmod(0o600)
    link = tmp_path / "audit.jsonl"
    link.symlink_to(target)
    result = run_cli("check", "--audit-log", str(link), "--lang", "en", str(SEED))
    assert result.exit_code == 2
    assert "is a symbolic link" in result.stderr
    assert target.read_text(encoding="utf-8") == "precious\n"
    assert result.stdout == ""  # no verdict for an unrecorded run


def test_a_symlink_planted_after_the_check_is_refused_by_o_nofollow(tmp_path, monkeypatch):
    target = tmp_path / "target"
    target.write_text("", encoding="utf-8")
    link = tmp_path / "audit.jsonl"
    link.symlink_to(target)
    # lstat() saw nothing (the link came a moment later); open() itself must refuse to follow.
    monkeypatch.setattr(
        casegate.core.paths.os, "lstat", lambda path: (_ for _ in ()).throw(FileNotFoundError())
    )
    with pytest.raises(InputError) as refused:
        open_append_log(link)
    assert refused.value.code == "audit-log-symlink"
    assert target.read_text(encoding="utf-8") == ""


def test_a_hard_link_to_another_file_is_refused(run_cli, tmp_path):
    target = tmp_path / "other-record.txt"
    target.write_text("precious\n", encoding="utf-8")
    target.chmod(0o600)
    link = tmp_path / "audit.jsonl"
    os.link(target, link)
    result = run_cli("check", "--audit-log", str(link), "--lang", "en", str(SEED))
    assert result.exit_code == 2
    assert "(or a hard link)" in result.stderr
    assert target.read_text(encoding="utf-8") == "precious\n"


def test_a_dangling_symlink_is_not_followed_to_create_a_file(run_cli, tmp_path):
    elsewhere = tmp_path / "elsewhere" / "planted.jsonl"
    elsewhere.parent.mkdir()
    link = tmp_path / "audit.jsonl"
    link.symlink_to(elsewhere)
    result = run_cli("check", "--audit-log", str(link), str(SEED))
    assert result.exit_code == 2
    assert not elsewhere.exists()


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660, 0o666])
def test_a_log_others_can_read_or_write_is_refused_with_the_fix(run_cli, tmp_path, mode):
    log = tmp_path / "audit.jsonl"
    log.write_text('{"earlier": true}\n', encoding="utf-8")
    log.chmod(mode)
    result = run_cli("check", "--audit-log", str(log), "--lang", "en", str(SEED))
    assert result.exit_code == 2
    assert f"has mode {mode:04o}" in result.stderr
    assert f"Run `chmod 600 {log}`" in result.stderr
    assert _records(log) == [{"earlier": True}]  # nothing appended
    assert stat.S_IMODE(log.stat().st_mode) == mode  # and nothing changed behind the user's back


def test_after_chmod_600_the_log_is_appended_to(run_cli, tmp_path):
    log = tmp_path / "audit.jsonl"
    log.write_text('{"earlier": true}\n', encoding="utf-8")
    log.chmod(0o644)
    assert run_cli("check", "--audit-log", str(log), str(SEED)).exit_code == 2
    log.chmod(0o600)
    assert run_cli("check", "--audit-log", str(log), "--as-of", "2026-04-27", str(SEED)).exit_code == 0
    assert len(_records(log)) == 2


def test_a_new_log_is_created_0600(run_cli, tmp_path):
    log = tmp_path / "new.jsonl"
    old = os.umask(0)  # even with a permissive umask
    try:
        assert run_cli("check", "--audit-log", str(log), "--as-of", "2026-04-27", str(SEED)).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
