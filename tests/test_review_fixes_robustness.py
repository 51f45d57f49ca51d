"""Review fixes: what used to crash with a traceback (read as exit 1, "violation") or slip through.

Each test here failed before its fix: an unusable OPA, edge dates, unexpected exceptions, control
characters in JUnit names, revisions and URLs the engine accepted, and the sdist.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import socket
import stat
import subprocess
import sys
import tarfile
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import entry_points
from pathlib import Path

import pytest

import casegate.commands.check
import casegate.commands.main
from casegate.engine.endpoint import EngineSettings, parse_opa_url
from casegate.engine.evaluate import evaluate
from casegate.engine.opa_binary import opa_version, run_opa
from casegate.engine.opa_install import install_with_go
from casegate.engine.opa_locate import find_opa
from casegate.errors import EngineError, InputError
from fake_opa import Script, fake_opa

REPO = Path(__file__).resolve().parent.parent
OPA = REPO / ".tools" / "bin" / "opa"
SCHEMA = REPO / "schemas" / "case.schema.json"


# --- 1. an OPA (or go) that exists but cannot be run -------------------------------------------


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


# --- 2. --as-of at the edges -------------------------------------------------------------------


@pytest.mark.parametrize("as_of", ["9999-12-31", "0001-01-01", "20260501", "2026-W18-5"])
def test_an_as_of_outside_the_years_of_a_case_is_a_usage_error(run_cli, as_of):
    result = run_cli("check", "--as-of", as_of, "cases/")
    assert result.exit_code == 2, result.output
    assert "1900" in result.stderr
    assert "Traceback" not in result.output


# --- 3. one handler for what escapes a command -------------------------------------------------


def _run(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    """The console script's wrapper, in-process: its exit code and what it wrote on stderr."""
    monkeypatch.chdir(REPO)
    for name in ("CASEGATE_LANG", "CASEGATE_DEBUG", "CASEGATE_OPA_URL"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(SystemExit) as stopped:
        casegate.commands.main.run(list(args))
    return stopped.value.code, capsys.readouterr().err


def _raising(error: BaseException):
    def fail(*_args, **_kwargs):
        raise error

    return fail


def test_the_console_script_is_the_wrapper():
    (script,) = entry_points(group="console_scripts", name="casegate")
    assert script.value == "casegate.commands.main:run"


def test_an_unexpected_exception_exits_3_with_one_sentence(monkeypatch, capsys):
    monkeypatch.setattr(casegate.commands.check, "validate", _raising(RuntimeError("/secret/path")))
    code, err = _run(monkeypatch, capsys, "validate", "cases/")
    assert code == 3
    assert err.count("\n") == 1
    assert "RuntimeError" in err and "報告" in err and "CASEGATE_DEBUG=1" in err
    assert "Traceback" not in err and "/secret/path" not in err


def test_the_unexpected_error_speaks_english_with_lang_en(monkeypatch, capsys):
    monkeypatch.setattr(casegate.commands.check, "validate", _raising(RuntimeError("x")))
    code, err = _run(monkeypatch, capsys, "validate", "--lang", "en", "cases/")
    assert code == 3
    assert "unexpected error (RuntimeError)" in err and "report" in err


def test_casegate_debug_shows_the_traceback(monkeypatch, capsys):
    monkeypatch.setattr(casegate.commands.check, "validate", _raising(RuntimeError("the detail")))
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("CASEGATE_DEBUG", "1")
    with pytest.raises(SystemExit) as stopped:
        casegate.commands.main.run(["validate", "cases/"])
    err = capsys.readouterr().err
    assert stopped.value.code == 3
    assert "Traceback" in err and "RuntimeError: the detail" in err


def test_ctrl_c_in_any_command_exits_130(monkeypatch, capsys):
    monkeypatch.setattr(casegate.commands.check, "validate", _raising(KeyboardInterrupt()))
    code, err = _run(monkeypatch, capsys, "validate", "cases/")
    assert code == 130
    assert "中断しました / interrupted" in err
    assert "Aborted" not in err


def test_an_expected_error_that_escapes_keeps_its_exit_code(monkeypatch, capsys):
    problem = InputError("x", message_ja="日本語の説明。", message_en="The explanation.", path="a.json")
    monkeypatch.setattr(casegate.commands.check, "_finish", _raising(problem))
    code, err = _run(monkeypatch, capsys, "validate", "--lang=en", "cases/")
    assert (code, err) == (2, "casegate: a.json: The explanation.\n")


@pytest.mark.parametrize(
    ("args", "code"),
    [(("--version",), 0), (("validate", "cases/"), 0), (("check", "--bogus"), 2), (("nonsense",), 2)],
)
def test_click_keeps_its_own_exit_codes(monkeypatch, capsys, args, code):
    assert _run(monkeypatch, capsys, *args)[0] == code


# --- 5. the engine: keys that verify nothing, decisions without a revision, URLs ---------------


@pytest.fixture
def any_key(tmp_path: Path) -> Path:
    """Click wants the key file to exist; these runs stop before anything reads it."""
    key = tmp_path / "key.pem"
    key.write_text("-----BEGIN PUBLIC KEY-----\n", encoding="utf-8")
    return key


def test_a_verification_key_with_a_policy_folder_is_a_usage_error(run_cli, any_key):
    result = run_cli(
        "check", "--policies", "policies", "--verification-key", str(any_key), "--lang", "en", "cases/"
    )
    assert result.exit_code == 2, result.output
    assert "--verification-key verifies a bundle (.tar.gz); policies is a folder" in result.stderr


def test_a_verification_key_with_an_opa_url_is_a_usage_error(run_cli, any_key):
    result = run_cli("check", "--opa-url", "http://127.0.0.1:9", "--verification-key", str(any_key), "cases/")
    assert result.exit_code == 2, result.output
    assert "does nothing with --opa-url" in result.stderr


@contextmanager
def opa_without_a_bundle() -> Iterator[str]:
    """The real OPA serving policies/ as plain files: it decides, but names no bundle revision."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [str(OPA), "run", "--server", "--addr", f"127.0.0.1:{port}", "--skip-version-check"]
    process = subprocess.Popen(
        [*command, "--log-level", "error", str(REPO / "policies")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                with urllib.request.urlopen(f"{url}/health", timeout=1):
                    break
            except OSError:
                assert time.monotonic() < deadline, "OPA did not start"
                time.sleep(0.02)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=5)


def test_a_central_opa_without_a_bundle_is_an_engine_failure(run_cli):
    with opa_without_a_bundle() as url:
        result = run_cli("check", "--opa-url", url, "--format", "json", "--lang", "en", "cases/")
        doctor = run_cli("doctor", "--opa-url", url, "--format", "json")
    assert result.exit_code == 3, result.output
    report = json.loads(result.stdout)
    assert report["engine_error"]["code"] == "no-bundle-revision"
    assert "OPA holds no policy bundle" in report["engine_error"]["message"]
    assert report["summary"]["pass"] == 0
    assert doctor.exit_code == 3
    checks = {check["name"]: check for check in json.loads(doctor.stdout)["checks"]}
    assert (checks["decision"]["state"], checks["decision"]["code"]) == ("fail", "no-bundle-revision")


def test_a_local_opa_must_name_the_staged_revision():
    body = {
        "result": {
            "policy": {"version": "v", "bundles": {}},
            "results": {"k": {"violations": [], "warnings": []}},
        }
    }
    with fake_opa(Script(body=json.dumps(body).encode())) as url:
        endpoint = parse_opa_url(url, None)
        with pytest.raises(EngineError) as raised:
            evaluate(
                endpoint, [("k", {}, 2)], dt.date(2026, 6, 1), EngineSettings(), "sha256:0123456789abcdef"
            )
    assert raised.value.code == "revision-mismatch"
    assert "OPA holds revision(s) -, not the staged sha256:0123456789abcdef" in raised.value.message_en


@pytest.mark.parametrize("url", ["http://SECRET@opa.example/x", "http://user:SECRET@opa.example:8181"])
def test_credentials_in_the_opa_url_are_refused_and_never_echoed(run_cli, url):
    result = run_cli("check", "--opa-url", url, "--lang", "en", "cases/")
    assert result.exit_code == 2, result.output
    assert "Do not put a user name or password" in result.stderr
    assert "SECRET" not in result.output


def test_a_malformed_url_is_shown_without_its_query():
    with pytest.raises(InputError) as raised:
        parse_opa_url("http://opa.example:8181/v1/data?token=SECRET", None)
    assert "--opa-url http://opa.example:8181/v1/data is not of the form" in raised.value.message_en
    assert "SECRET" not in raised.value.message_ja + raised.value.message_en


@pytest.mark.parametrize("url", ["http://[::1", "http://opa.example:port"])
def test_an_unparsable_url_is_a_usage_error_not_a_default_port(url):
    with pytest.raises(InputError) as raised:
        parse_opa_url(url, None)
    assert raised.value.code == "bad-opa-url"


def test_a_token_over_plain_http_to_another_host_is_refused(run_cli):
    result = run_cli(
        "check",
        "--opa-url",
        "http://10.0.0.8:8181",
        "--lang",
        "en",
        "cases/",
        env={"CASEGATE_OPA_TOKEN": "t"},
    )
    assert result.exit_code == 2, result.output
    assert "The token would travel unencrypted to 10.0.0.8. Use an https:// --opa-url" in result.stderr


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8181", "http://127.9.9.9:8181", "http://[::1]:8181", "http://localhost:8181"]
)
def test_a_token_over_plain_http_to_this_machine_is_fine(url):
    assert parse_opa_url(url, "t").token == "t"


def test_https_or_no_token_may_go_anywhere():
    assert parse_opa_url("https://opa.example:8181", "t").tls
    assert parse_opa_url("http://opa.example:8181", None).token is None


# --- 6. what the code says about the repository ------------------------------------------------

_REPOSITORY_PATH = re.compile(
    r"`((?:bin|scripts|policies|schemas|central|templates|cases|tests)/[^`<>*\s]+)`"
)


def test_every_repository_path_the_code_names_exists():
    named = {
        (str(source.relative_to(REPO)), path)
        for source in sorted((REPO / "cli" / "casegate").rglob("*.py"))
        for path in _REPOSITORY_PATH.findall(source.read_text(encoding="utf-8"))
    }
    assert ("cli/casegate/__init__.py", "scripts/ensure-go-tools.sh") in named
    assert [item for item in sorted(named) if not (REPO / item[1]).exists()] == []


# --- 7. the sdist builds a wheel that carries the rules -----------------------------------------


@pytest.mark.slow  # ~1.5 s: builds an sdist, then a wheel from it, as pip does from PyPI
def test_a_wheel_built_from_the_sdist_carries_the_policies_and_schemas(tmp_path):
    # A fresh checkout (tracked and new files, nothing ignored), so the build writes nothing here.
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.decode()
    checkout = tmp_path / "checkout"
    for name in filter(None, listed.split("\0")):
        if (REPO / name).is_file():
            (checkout / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, checkout / name)
    build_sdist = "import sys; from setuptools import build_meta; print(build_meta.build_sdist(sys.argv[1]))"
    done = subprocess.run(
        [sys.executable, "-c", build_sdist, str(tmp_path / "sdist")],
        cwd=checkout,
        capture_output=True,
        text=True,
        check=True,
    )
    with tarfile.open(tmp_path / "sdist" / done.stdout.strip().splitlines()[-1]) as sdist:
        sdist.extractall(tmp_path / "unpacked", filter="data")
    [unpacked] = (tmp_path / "unpacked").iterdir()
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"]
    wheel = subprocess.run(
        [*pip_wheel, "-w", str(tmp_path / "wheel"), str(unpacked)],
        capture_output=True,
        text=True,
    )
    assert wheel.returncode == 0, wheel.stderr
    [built] = (tmp_path / "wheel").glob("casegate-*.whl")
    names = set(zipfile.ZipFile(built).namelist())
    assert {
        "casegate/_resources/policies/casegate/main.rego",
        "casegate/_resources/policies/casegate/settings/data.json",
        "casegate/_resources/schemas/case.schema.json",
        "casegate/_resources/schemas/waivers.schema.json",
    } <= names
    assert not any("/.regal/" in name for name in names)
