"""`--report FORMAT=PATH`: several formats from one run, written safely, or the run fails."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest

import casegate.commands.check
import casegate.report.files
from casegate.report import FORMATS
from casegate.report.files import write_file
from support.paths import SEED, VARIANTS

TLS = VARIANTS / "tls-1-0.json"
PASSING_DAY = "2026-04-27"  # the seed passes on this day (see test_audit)


def test_one_run_writes_every_requested_format(run_cli, tmp_path, monkeypatch):
    runs = []
    real_check = casegate.commands.check.check

    def counted(settings):  # the real run, counted: the reports must not ask OPA again
        runs.append(settings)
        return real_check(settings)

    monkeypatch.setattr(casegate.commands.check, "check", counted)
    log = tmp_path / "audit.jsonl"
    files = {name: tmp_path / f"report.{name}" for name in ("json", "sarif", "junit", "markdown", "github")}
    options = [f"--report={name}={path}" for name, path in files.items()]
    result = run_cli(
        "check",
        "--format",
        "text",
        "--audit-log",
        str(log),
        *options,
        "--as-of",
        "2026-04-30",
        str(SEED),
        str(TLS),
    )
    assert result.exit_code == 1, result.output
    assert len(runs) == 1
    assert len(log.read_text(encoding="utf-8").splitlines()) == 2  # one record a case: one run
    document = json.loads(files["json"].read_text(encoding="utf-8"))
    assert [case["verdict"] for case in document["cases"]] == ["pass", "fail"]
    assert document["exit_code"] == 1
    sarif = json.loads(files["sarif"].read_text(encoding="utf-8"))
    assert any(r["ruleId"] == "encryption-tls-version-too-old" for r in sarif["runs"][0]["results"])
    assert "<failure" in files["junit"].read_text(encoding="utf-8")
    assert files["markdown"].read_text(encoding="utf-8").startswith("<!-- casegate-report -->\n## ❌")
    assert "::error file=" in files["github"].read_text(encoding="utf-8")
    assert "✗ 不合格" in result.output  # stdout keeps --format
    # The same run as --format json on stdout, byte for byte.
    again = run_cli(
        "check",
        "--format",
        "json",
        "--report",
        f"json={files['json']}",
        "--as-of",
        "2026-04-30",
        str(SEED),
        str(TLS),
    )
    assert again.output == files["json"].read_text(encoding="utf-8")


def test_validate_writes_reports_too(run_cli, tmp_path):
    target = tmp_path / "validate.xml"
    result = run_cli("validate", "--report", f"junit={target}", str(SEED))
    assert result.exit_code == 0, result.output
    assert 'tests="1"' in target.read_text(encoding="utf-8")


def test_an_existing_report_is_replaced_and_keeps_its_permissions(run_cli, tmp_path):
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    result = run_cli("validate", "--report", f"json={target}", str(SEED))
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text(encoding="utf-8"))["command"] == "validate"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(os.listdir(tmp_path)) == ["report.json"]  # no temporary file left


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("yaml=out.yaml", "'yaml' という形式はありません。次のどれかを書いてください：text, json"),
        ("json", "形式=ファイル の形で書いてください"),
        ("json=", "形式=ファイル の形で書いてください"),
        ("=out.json", "'' という形式はありません"),
    ],
)
def test_a_bad_format_is_a_usage_error_naming_the_option(run_cli, tmp_path, value, said):
    result = run_cli("check", "--report", value, str(SEED), cwd=tmp_path)
    assert result.exit_code == 2
    assert "'--report'" in result.output and said in result.output
    assert list(tmp_path.iterdir()) == []


def _folder(tmp_path: Path) -> Path:
    return tmp_path / "folder"


def _fifo(tmp_path: Path) -> Path:
    os.mkfifo(tmp_path / "fifo")
    return tmp_path / "fifo"


def _symlink(tmp_path: Path) -> Path:
    (tmp_path / "link").symlink_to(tmp_path / "victim.txt")
    return tmp_path / "link"


def _dangling(tmp_path: Path) -> Path:
    (tmp_path / "dangling").symlink_to(tmp_path / "would-be-created.txt")
    return tmp_path / "dangling"


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (_folder, "はフォルダです。上書きせずに止めました"),
        (_fifo, "は名前付きパイプ（FIFO）です。上書きせずに止めました"),
        (_symlink, "はシンボリックリンクです。上書きせずに止めました"),
        (_dangling, "はシンボリックリンクです。上書きせずに止めました"),
        (lambda tmp: tmp / "no-folder" / "r.json", "に書き込めません（フォルダがありません）"),
    ],
)
def test_a_path_that_is_not_a_plain_file_is_refused_before_the_run(run_cli, tmp_path, make, said):
    (tmp_path / "folder").mkdir()
    (tmp_path / "victim.txt").write_text("keep me", encoding="utf-8")
    path = make(tmp_path)
    result = run_cli("check", "--report", f"sarif={path}", str(SEED))
    assert result.exit_code == 2
    assert said in result.output
    assert (tmp_path / "victim.txt").read_text(encoding="utf-8") == "keep me"
    assert not (tmp_path / "would-be-created.txt").exists()


def test_one_path_twice_or_among_the_cases_is_refused(run_cli, tmp_path):
    twice = run_cli(
        "validate", "--report", f"json={tmp_path / 'a'}", "--report", f"sarif={tmp_path / 'a'}", str(SEED)
    )
    assert twice.exit_code == 2 and "が2回指定されています" in twice.output
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "a.json").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    for target in (cases / "a.json", cases / "new.json"):
        among = run_cli("validate", "--report", f"json={target}", str(cases))
        assert among.exit_code == 2 and "判定する案件（または --audit-log）と同じ場所です" in among.output
    assert (cases / "a.json").read_text(encoding="utf-8") == SEED.read_text(encoding="utf-8")
    log = tmp_path / "audit.jsonl"
    clash = run_cli("check", "--audit-log", str(log), "--report", f"json={log}", str(SEED))
    assert clash.exit_code == 2 and not log.exists()


def test_a_report_that_cannot_be_written_after_a_pass_fails_the_run(run_cli, tmp_path, monkeypatch):
    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    good, bad = tmp_path / "good.json", tmp_path / "bad.sarif"
    monkeypatch.setattr(casegate.report.files, "_mode_for", lambda path: 0o644)
    real_mkstemp = casegate.report.files.tempfile.mkstemp

    def mkstemp(*args, **kwargs):  # the disk fills up after the first report
        if kwargs["prefix"].startswith(".bad"):
            disk_full()
        return real_mkstemp(*args, **kwargs)

    monkeypatch.setattr(casegate.report.files.tempfile, "mkstemp", mkstemp)
    result = run_cli(
        "check", "--as-of", PASSING_DAY, "--report", f"sarif={bad}", "--report", f"json={good}", str(SEED)
    )
    assert result.exit_code == 2
    assert "✓ 合格" in result.output  # the verdict is still shown...
    assert f"--report の書き込み先 {bad} に書き込めません（{os.strerror(errno.ENOSPC)}）" in result.output
    assert "報告を書けなかった判定は合格にしません" in result.output  # ...but the run does not pass
    assert json.loads(good.read_text(encoding="utf-8"))["exit_code"] == 0  # the others are written
    assert not bad.exists()


def test_a_symlink_planted_after_the_check_is_replaced_not_followed(tmp_path, monkeypatch):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    target = tmp_path / "report.json"
    target.symlink_to(victim)
    monkeypatch.setattr(casegate.report.files, "check_target", lambda path: None)  # the race won
    write_file(target, lambda stream: stream.write("{}\n"))
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert not target.is_symlink() and target.read_text(encoding="utf-8") == "{}\n"


def test_a_renderer_that_fails_leaves_no_file_behind(tmp_path):
    def broken(stream):
        stream.write("half")
        raise RuntimeError("renderer bug")

    with pytest.raises(RuntimeError):
        write_file(tmp_path / "r.json", broken)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "command", [casegate.commands.check.check_command, casegate.commands.check.validate_command]
)
def test_report_choices_come_from_the_registry(command):
    (option,) = [param for param in command.params if param.name == "reports"]
    assert option.multiple and option.type.formats == tuple(FORMATS)
