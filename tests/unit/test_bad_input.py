"""Bad input through the real command: exit 2, the file named, what to fix said; files untouched."""

from __future__ import annotations

import json
import os

import pytest


def _bytes_case(tmp_path, data: bytes, name: str = "case.json"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("command", ["validate", "check"])
@pytest.mark.parametrize(
    ("content", "code", "fix_ja"),
    [
        (b'{"case_id": "x",}', "invalid-json", "行"),
        (b'{"case_id": "a", "case_id": "b"}', "duplicate-key", "case_id"),
        ('{"title": "個人情報"}'.encode("shift_jis"), "not-utf8", "UTF-8 で保存し直してください"),
        (b'{"n": NaN}', "non-finite-number", "NaN"),
        (b'{"n": Infinity}', "non-finite-number", "Infinity"),
        (b"[1, 2]", "not-an-object", ""),
        (b"", "empty", ""),
    ],
    ids=["invalid-json", "duplicate-key", "shift-jis", "nan", "infinity", "list", "empty"],
)
def test_bad_files_exit_2_naming_file_and_fix(run_cli, tmp_path, command, content, code, fix_ja):
    path = _bytes_case(tmp_path, content)
    before = (path.read_bytes(), os.stat(path).st_mtime_ns)
    result = run_cli(command, str(path), "--format", "json")
    assert result.exit_code == 2, result.output
    report = json.loads(result.stdout)
    [case] = report["cases"]
    assert case["path"] == str(path)
    assert case["verdict"] == "error"
    [error] = case["errors"]
    assert error["code"] == code
    assert fix_ja in error["message_ja"]
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before


def test_invalid_json_gives_line_and_column(run_cli, tmp_path):
    path = _bytes_case(tmp_path, b'{\n  "case_id": "x"\n  "title": "y"\n}')
    result = run_cli("validate", str(path))
    assert result.exit_code == 2
    assert f"{path}:3:3" in result.stdout


def test_a_file_over_the_size_limit(run_cli, tmp_path):
    path = _bytes_case(tmp_path, b'{"pad": "' + b"x" * 2000 + b'"}')
    result = run_cli("validate", str(path), "--max-bytes", "1000", "--format", "json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["cases"][0]["errors"][0]["code"] == "too-large"


def test_a_bom_is_accepted(run_cli, tmp_path, seed_case):
    path = _bytes_case(tmp_path, b"\xef\xbb\xbf" + json.dumps(seed_case, ensure_ascii=False).encode())
    result = run_cli("validate", str(path))
    assert result.exit_code == 0, result.output


def test_a_folder_with_no_cases(run_cli, tmp_path):
    (tmp_path / "empty").mkdir()
    result = run_cli("check", str(tmp_path / "empty"))
    assert result.exit_code == 2
    assert str(tmp_path / "empty") in result.stderr


def test_a_missing_path(run_cli, tmp_path):
    result = run_cli("check", str(tmp_path / "nothing.json"))
    assert result.exit_code == 2
    assert "nothing.json" in result.stderr


def test_messages_in_english_on_request(run_cli, tmp_path):
    path = _bytes_case(tmp_path, '{"t": "個人情報"}'.encode("shift_jis"))
    result = run_cli("validate", str(path), "--lang", "en")
    assert result.exit_code == 2
    assert "Save the file again as UTF-8" in result.stdout


def test_one_bad_file_does_not_hide_the_others(run_cli, tmp_path, seed_case):
    _bytes_case(tmp_path, b"{", "a.json")
    _bytes_case(tmp_path, json.dumps(seed_case, ensure_ascii=False).encode(), "b.json")
    result = run_cli("validate", str(tmp_path), "--format", "json")
    assert result.exit_code == 2
    verdicts = {
        case["path"].rsplit("/", 1)[1]: case["verdict"] for case in json.loads(result.stdout)["cases"]
    }
    assert verdicts == {"a.json": "error", "b.json": "pass"}


def test_unknown_format_is_a_usage_error(run_cli):
    result = run_cli("validate", "cases/", "--format", "yaml")
    assert result.exit_code == 2
    assert "yaml" in result.stderr


def test_an_install_without_resources_or_schema_is_a_usage_error(run_cli, tmp_path, seed_case, monkeypatch):
    from casegate import resources

    monkeypatch.setattr(resources, "policy_repository", lambda: None)
    monkeypatch.setattr(resources, "packaged", lambda relative: None)  # e.g. run from an sdist
    path = _bytes_case(tmp_path, json.dumps(seed_case).encode())
    result = run_cli("validate", str(path), cwd=tmp_path)
    assert result.exit_code == 2
    assert "--schema" in result.stderr
