"""Issue 9, point 2: the OPA binary is never taken from a case repository's tree.

Each test performs the attack against the real CLI and shows it closed: a script committed as
.tools/bin/opa (or reached through PATH) is never run; a tampered installed binary is refused;
a download whose SHA-256 is not the pinned one installs nothing; the private OPA never sees the
token or the proxy settings. The OPA that judges is always the real, pinned one.
"""

from __future__ import annotations

import hashlib
import http.server
import json
import os
import shutil
import threading
from pathlib import Path
from typing import ClassVar

import pytest

from casegate.engine import opa_install
from casegate.engine.opa_binary import opa_version
from support.paths import OPA, REPO, VARIANTS

pytestmark = pytest.mark.slow  # each starts a real OPA

SCHEMA = REPO / "schemas" / "case.schema.json"
POLICIES = REPO / "policies"
ABROAD = VARIANTS / "server-abroad.json"  # violates domestic-location-foreign
AS_OF = "2026-11-27"
REAL_SHA256 = hashlib.sha256(OPA.read_bytes()).hexdigest()


def _fake_opa(path: Path, marker: Path) -> Path:
    """An 'OPA' that claims the pinned version and would pass everything; it leaves a mark if run."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "#!/bin/sh\n"
        f"echo ran \"$@\" >> '{marker}'\n"
        'if [ "$1" = version ]; then echo "Version: 1.22.3"; exit 0; fi\n'
        "exit 0\n",
        encoding="utf-8",
    )
    path.chmod(0o755)
    return path


@pytest.fixture
def no_opa(tmp_path, monkeypatch):
    """No CASEGATE_OPA, an empty data folder, a PATH without opa: casegate has no OPA of its own."""
    monkeypatch.delenv("CASEGATE_OPA", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", f"{empty}{os.pathsep}/usr/bin{os.pathsep}/bin")
    opa_version.cache_clear()
    return tmp_path


@pytest.fixture
def hostile_repo(tmp_path):
    """A department repository that commits .tools/bin/opa and a failing case."""
    repo = tmp_path / "department"
    (repo / ".git").mkdir(parents=True)  # marks the work tree, as `git init` would
    (repo / "cases").mkdir()
    shutil.copy(ABROAD, repo / "cases" / "abroad.json")
    marker = tmp_path / "fake-opa-ran"
    _fake_opa(repo / ".tools" / "bin" / "opa", marker)
    return repo, marker


def _check(run_cli, cwd, *extra, env=None):
    result = run_cli(
        "check", "--policies", str(POLICIES), "--schema", str(SCHEMA), "--as-of", AS_OF,
        "--format", "json", "--lang", "en", *extra, "cases/", cwd=cwd, env=env,
    )  # fmt: skip
    return result, json.loads(result.stdout) if result.stdout.startswith("{") else None


def test_a_script_committed_as_tools_bin_opa_is_never_run(run_cli, no_opa, hostile_repo, monkeypatch):
    repo, marker = hostile_repo
    # Even with the repository's tools folder on PATH, relatively and absolutely (direnv's PATH_add).
    monkeypatch.setenv(
        "PATH", f".tools/bin{os.pathsep}{repo / '.tools' / 'bin'}{os.pathsep}{os.environ['PATH']}"
    )
    result, report = _check(run_cli, repo)
    assert result.exit_code == 3, result.output
    assert report["engine_error"]["code"] == "opa-missing"
    assert "casegate install-opa" in report["engine_error"]["message"]
    assert "make setup" not in report["engine_error"]["message"]  # a department has no Makefile
    assert not marker.exists()


def test_with_a_real_opa_the_committed_script_still_decides_nothing(
    run_cli, no_opa, hostile_repo, monkeypatch
):
    repo, marker = hostile_repo
    monkeypatch.setenv("CASEGATE_OPA", str(OPA))
    result, report = _check(run_cli, repo)
    assert result.exit_code == 1, result.output
    assert "domestic-location-foreign" in {v["rule_id"] for v in report["cases"][0]["violations"]}
    assert report["policy"]["opa"].startswith("OPA 1.22.3 (CASEGATE_OPA)")
    assert not marker.exists()


def test_opa_on_path_outside_the_repository_is_used_and_named(run_cli, no_opa, hostile_repo, monkeypatch):
    repo, marker = hostile_repo
    tools = no_opa / "usr-local-bin"
    tools.mkdir()
    (tools / "opa").symlink_to(OPA)
    monkeypatch.setenv("PATH", f".tools/bin{os.pathsep}{tools}{os.pathsep}{os.environ['PATH']}")
    result, report = _check(run_cli, repo)
    assert result.exit_code == 1, result.output
    assert report["policy"]["opa"] == f"OPA 1.22.3 (on PATH): {tools / 'opa'}"
    assert not marker.exists()


def test_another_opa_version_on_path_is_refused(run_cli, no_opa, hostile_repo, monkeypatch):
    repo, _marker = hostile_repo
    tools = no_opa / "old-bin"
    tools.mkdir()
    (tools / "opa").write_text('#!/bin/sh\necho "Version: 0.70.0"\n', encoding="utf-8")
    (tools / "opa").chmod(0o755)
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    result, report = _check(run_cli, repo)
    assert result.exit_code == 3, result.output
    assert report["engine_error"]["code"] == "opa-wrong-version"


# --- casegate install-opa: a recorded hash, checked before each run --------------------------------


@pytest.fixture
def pinned(monkeypatch):
    """Pin this machine's real OPA as the official asset for the platform (the test's own table)."""
    asset = opa_install.platform_asset()
    assert asset is not None
    monkeypatch.setattr(opa_install, "PINNED_SHA256", {asset: REAL_SHA256})
    return asset


def _installed_files(data: Path) -> list[str]:
    folder = data / "casegate" / "opa" / "1.22.3"
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def test_install_from_a_file_then_check_with_it(run_cli, no_opa, hostile_repo, pinned):
    repo, marker = hostile_repo
    installed = run_cli("install-opa", "--from", str(OPA), cwd=no_opa)
    assert installed.exit_code == 0, installed.output
    assert REAL_SHA256 in installed.output
    record = json.loads((no_opa / "data" / "casegate" / "opa" / "1.22.3" / "record.json").read_text())
    assert record["sha256"] == REAL_SHA256 and record["method"] == "file"
    result, report = _check(run_cli, repo)
    assert result.exit_code == 1, result.output
    assert report["policy"]["opa"].startswith(
        "OPA 1.22.3 (installed by casegate install-opa, SHA-256 verified"
    )
    text = run_cli(
        "check", "--policies", str(POLICIES), "--schema", str(SCHEMA), "--as-of", AS_OF, "cases/", cwd=repo
    )
    named = [line for line in text.output.splitlines() if line.startswith("OPA 1.22.3（")]
    assert named and named[0].startswith("OPA 1.22.3（casegate install-opa で導入、SHA-256 確認済み")
    assert not marker.exists()


def test_a_tampered_installed_binary_is_refused_and_never_run(run_cli, no_opa, hostile_repo, pinned):
    repo, _ = hostile_repo
    assert run_cli("install-opa", "--from", str(OPA), cwd=no_opa).exit_code == 0
    assert _check(run_cli, repo)[0].exit_code == 1  # verified once: the cache now knows the file
    binary = no_opa / "data" / "casegate" / "opa" / "1.22.3" / "opa"
    marker = no_opa / "tampered-opa-ran"
    _fake_opa(binary, marker)
    result, report = _check(run_cli, repo)
    assert result.exit_code == 3, result.output
    assert report["engine_error"]["code"] == "opa-tampered"
    assert not marker.exists()


def test_an_edit_that_keeps_size_and_mtime_is_still_caught(run_cli, no_opa, hostile_repo, pinned):
    # The verification cache is keyed on ctime too, which no user can set back.
    repo, _ = hostile_repo
    assert run_cli("install-opa", "--from", str(OPA), cwd=no_opa).exit_code == 0
    assert _check(run_cli, repo)[0].exit_code == 1
    binary = no_opa / "data" / "casegate" / "opa" / "1.22.3" / "opa"
    before = binary.stat()
    with binary.open("r+b") as stream:
        stream.seek(before.st_size // 2)
        byte = stream.read(1)
        stream.seek(before.st_size // 2)
        stream.write(bytes([byte[0] ^ 0xFF]))
    os.utime(binary, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert binary.stat().st_size == before.st_size and binary.stat().st_mtime_ns == before.st_mtime_ns
    result, report = _check(run_cli, repo)
    assert result.exit_code == 3, result.output
    assert report["engine_error"]["code"] == "opa-tampered"


def test_an_install_others_can_write_is_not_trusted(run_cli, no_opa, hostile_repo, pinned):
    # Whoever can write the folder can replace the binary, its record and its cached verification.
    repo, _ = hostile_repo
    assert run_cli("install-opa", "--from", str(OPA), cwd=no_opa).exit_code == 0
    folder = no_opa / "data" / "casegate" / "opa" / "1.22.3"
    assert folder.stat().st_mode & 0o077 == 0  # created private
    folder.chmod(0o777)
    result, report = _check(run_cli, repo)
    assert result.exit_code == 3, result.output
    assert report["engine_error"]["code"] == "opa-tampered"
    assert "writable by other users" in report["engine_error"]["message"]


def test_a_broken_record_is_refused_until_force_reinstalls(run_cli, no_opa, hostile_repo, pinned):
    repo, _ = hostile_repo
    assert run_cli("install-opa", "--from", str(OPA), cwd=no_opa).exit_code == 0
    (no_opa / "data" / "casegate" / "opa" / "1.22.3" / "record.json").write_text("{", encoding="utf-8")
    result, report = _check(run_cli, repo)
    assert result.exit_code == 3 and report["engine_error"]["code"] == "opa-record-broken"
    assert run_cli("install-opa", "--from", str(OPA), cwd=no_opa).exit_code == 3  # still refused
    assert run_cli("install-opa", "--from", str(OPA), "--force", cwd=no_opa).exit_code == 0
    assert _check(run_cli, repo)[0].exit_code == 1


def test_from_a_fifo_is_refused_at_once(run_cli, no_opa, pinned):
    fifo = no_opa / "opa-fifo"
    os.mkfifo(fifo)
    result = run_cli("install-opa", "--from", str(fifo), "--lang", "en", cwd=no_opa)
    assert result.exit_code == 2, result.output
    assert "not a regular file" in result.output
    assert _installed_files(no_opa / "data") == []


def test_a_file_with_another_hash_is_not_installed(run_cli, no_opa, pinned):
    other = no_opa / "opa-lookalike"
    _fake_opa(other, no_opa / "lookalike-ran")
    result = run_cli("install-opa", "--from", str(other), "--lang", "en", cwd=no_opa)
    assert result.exit_code == 3, result.output
    assert "Nothing was installed" in result.output and REAL_SHA256 in result.output
    assert _installed_files(no_opa / "data") == []  # nothing installed, no staging left
    assert not (no_opa / "lookalike-ran").exists()


class _Files(http.server.BaseHTTPRequestHandler):
    files: ClassVar[dict[str, bytes]] = {}
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        body = self.files.get(self.path)
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def mirror():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Files)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Files.files, _Files.requests = {}, []
    yield f"http://127.0.0.1:{server.server_address[1]}/opa/v1.22.3", _Files
    server.shutdown()


def test_download_from_a_mirror_with_the_pinned_hash(run_cli, no_opa, pinned, mirror):
    url, files = mirror
    files.files = {f"/opa/v1.22.3/{pinned}": OPA.read_bytes()}
    result = run_cli("install-opa", "--mirror", url, cwd=no_opa)
    assert result.exit_code == 0, result.output
    assert files.requests == [f"/opa/v1.22.3/{pinned}"]
    assert _installed_files(no_opa / "data") == ["opa", "record.json", "verified.json"]
    again = run_cli("install-opa", "--mirror", url, cwd=no_opa)  # already there: nothing fetched
    assert again.exit_code == 0 and len(files.requests) == 1


def test_download_with_a_wrong_checksum_installs_nothing(run_cli, no_opa, pinned, mirror):
    url, files = mirror
    files.files = {f"/opa/v1.22.3/{pinned}": b"#!/bin/sh\necho 'Version: 1.22.3'\n"}
    result = run_cli("install-opa", "--mirror", url, "--lang", "en", cwd=no_opa)
    assert result.exit_code == 3, result.output
    assert "Nothing was installed" in result.output
    assert _installed_files(no_opa / "data") == []


def test_without_a_pinned_hash_a_download_is_refused(run_cli, no_opa, mirror):
    # casegate ships no verified official hash for OPA 1.22.3 yet: it must refuse, not trust.
    url, files = mirror
    files.files = {f"/opa/v1.22.3/{opa_install.platform_asset()}": OPA.read_bytes()}
    assert opa_install.PINNED_SHA256 == {}
    result = run_cli("install-opa", "--mirror", url, "--lang", "en", cwd=no_opa)
    assert result.exit_code == 3, result.output
    assert "pins no official SHA-256" in result.output
    assert "--build-with-go" in result.output
    japanese = run_cli("install-opa", "--mirror", url, cwd=no_opa)
    assert "公式 SHA-256 が登録されていない" in japanese.output
    assert "{" not in japanese.output
    assert files.requests == []  # nothing was even fetched
    assert _installed_files(no_opa / "data") == []


def test_build_with_go_records_the_hash_of_what_it_built(run_cli, no_opa, monkeypatch):
    # A stand-in `go` (the seam is Go, not OPA): it "builds" by copying the real, pinned OPA.
    go_bin = no_opa / "go-bin"
    go_bin.mkdir()
    (go_bin / "go").write_text(f'#!/bin/sh\ncp "{OPA}" "$GOBIN/opa"\n', encoding="utf-8")
    (go_bin / "go").chmod(0o755)
    monkeypatch.setenv("PATH", f"{go_bin}{os.pathsep}{os.environ['PATH']}")
    result = run_cli("install-opa", "--build-with-go", cwd=no_opa)
    assert result.exit_code == 0, result.output
    record = json.loads((no_opa / "data" / "casegate" / "opa" / "1.22.3" / "record.json").read_text())
    assert record["method"] == "go" and record["sha256"] == REAL_SHA256


def test_doctor_names_which_opa(run_cli, no_opa, monkeypatch):
    monkeypatch.setenv("CASEGATE_OPA", str(OPA))
    result = run_cli("doctor", "--policies", str(POLICIES), "--lang", "en", "--format", "json", cwd=no_opa)
    [opa] = [check for check in json.loads(result.stdout)["checks"] if check["name"] == "opa"]
    assert opa["message"] == f"OPA 1.22.3 (CASEGATE_OPA): {OPA}"


# --- the private OPA's environment ---------------------------------------------------------------


def test_the_private_opa_never_sees_the_token_or_proxies(run_cli, no_opa, hostile_repo, monkeypatch):
    repo, _ = hostile_repo
    seen = no_opa / "opa-env"
    wrapper = no_opa / "opa-wrapper"
    wrapper.write_text(f'#!/bin/sh\nenv >> "{seen}"\nexec "{OPA}" "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    monkeypatch.setenv("CASEGATE_OPA", str(wrapper))
    secrets = {
        "CASEGATE_OPA_TOKEN": "s3cret-token",
        "HTTPS_PROXY": "http://proxy.invalid:3128",
        "http_proxy": "http://proxy.invalid:3128",
        "ALL_PROXY": "socks5://proxy.invalid:1080",
        "NO_PROXY": "127.0.0.1,localhost",  # casegate's own client to its private OPA goes direct
        "AWS_SECRET_ACCESS_KEY": "aws-s3cret",
    }
    result, _report = _check(run_cli, repo, env=secrets)
    assert result.exit_code == 1, result.output  # OPA ran and judged
    environment = seen.read_text(encoding="utf-8")
    assert "GOGC=200" in environment and "GOMEMLIMIT=120MiB" in environment  # the settings casegate gives it
    for name, value in secrets.items():
        assert name not in environment and value not in environment, name


def test_an_opa_the_environment_stops_says_why_not_version_unknown(run_cli, monkeypatch):
    """Go refuses a malformed GOMEMLIMIT (one of the few variables OPA keeps) before OPA runs:
    the run fails closed, and the message quotes Go instead of calling the version "?"."""
    opa_version.cache_clear()
    monkeypatch.setenv("CASEGATE_OPA", str(OPA))
    monkeypatch.setenv("GOMEMLIMIT", "garbage")
    result = run_cli("check", "--lang", "en", str(REPO / "cases"))
    opa_version.cache_clear()
    assert result.exit_code == 3
    assert "malformed GOMEMLIMIT" in result.output and "version ?" not in result.output
