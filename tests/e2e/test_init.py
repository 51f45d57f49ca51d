"""`casegate init` and `casegate sync-schema`: what a department's repository gets, and that it is safe to rerun."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
import yaml

from casegate import __version__
from casegate.adoption import SCHEMA_COPY, TEMPLATE_CASE
from support.paths import REPO, SEED

SCHEMA = json.loads((REPO / "schemas" / "case.schema.json").read_text(encoding="utf-8"))
URL = "https://git.example.invalid/ward/casegate"


def _snapshot(folder):
    return {
        str(path.relative_to(folder)): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def department(tmp_path, run_cli):
    target = tmp_path / "department"
    result = run_cli("init", str(target), "--repo-url", URL, cwd=tmp_path)
    assert result.exit_code == 0, result.output
    return target


def test_init_writes_a_department_repository(department):
    written = {str(path.relative_to(department)) for path in department.rglob("*") if path.is_file()}
    assert written == {
        ".pre-commit-config.yaml",
        ".github/workflows/casegate.yml",
        ".gitlab-ci.yml",
        ".gitlab/casegate-ci.yml",
        "CODEOWNERS",
        "cases/README.md",
        TEMPLATE_CASE,
        SCHEMA_COPY,
        ".vscode/settings.json",
    }
    config = yaml.safe_load((department / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    assert repo["repo"] == URL
    assert repo["rev"] == f"v{__version__}"  # pinned to the installed release
    hooks = {hook["id"]: hook for hook in repo["hooks"]}
    assert hooks["casegate-check"]["verbose"] is True  # warnings show on a passing commit
    assert "casegate-editor-schema" in hooks
    text = "".join(path.read_text(encoding="utf-8") for path in department.rglob("*") if path.is_file())
    assert not re.search(r"__[A-Z_]+__", text)  # every token was filled in


def test_init_prints_the_next_steps_in_japanese(tmp_path, run_cli):
    result = run_cli("init", str(tmp_path / "d"), cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "次にすること" in result.output
    assert "casegate install-opa" in result.output
    assert "pre-commit install" in result.output
    assert "make setup" not in result.output
    # No repository URL known: the placeholder is written and the user is told to replace it.
    assert "example.invalid/ward/casegate" in result.output


def test_init_twice_changes_nothing(department, run_cli, tmp_path):
    before = _snapshot(department)
    result = run_cli("init", str(department), "--repo-url", URL, cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert _snapshot(department) == before
    assert "作成" not in result.output and "上書き" not in result.output.replace("上書きしません", "")


def test_init_never_overwrites_without_force(department, run_cli, tmp_path):
    settings = department / ".vscode" / "settings.json"
    settings.write_text('{"editor.tabSize": 2}\n', encoding="utf-8")
    result = run_cli("init", str(department), "--repo-url", URL, cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert settings.read_text(encoding="utf-8") == '{"editor.tabSize": 2}\n'
    assert ".vscode/settings.json" in result.output and "--force" in result.output
    forced = run_cli("init", str(department), "--repo-url", URL, "--force", cwd=tmp_path)
    assert forced.exit_code == 0, forced.output
    assert "json.schemas" in settings.read_text(encoding="utf-8")


def test_init_never_writes_through_a_symlink(tmp_path, run_cli):
    # A repository that commits .vscode/settings.json as a link to ~/.bashrc must not get it written.
    victim = tmp_path / "bashrc"
    victim.write_text("export SAFE=1\n", encoding="utf-8")
    target = tmp_path / "department"
    (target / ".vscode").mkdir(parents=True)
    (target / ".vscode" / "settings.json").symlink_to(victim)
    result = run_cli("init", str(target), "--force", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert victim.read_text(encoding="utf-8") == "export SAFE=1\n"


def test_init_never_writes_through_a_linked_folder(tmp_path, run_cli):
    # .github committed as a link to a folder outside the repository: nothing is written there.
    outside = tmp_path / "outside"
    outside.mkdir()
    target = tmp_path / "department"
    target.mkdir()
    (target / ".github").symlink_to(outside, target_is_directory=True)
    result = run_cli("init", str(target), "--force", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert list(outside.iterdir()) == []
    assert ".github/workflows/casegate.yml" in result.output


def _checklists(schema):
    return {
        name: set(schema["$defs"][name]["properties"])
        for name in schema["$defs"]
        if name.startswith("checklist_")
    }


def test_the_template_case_follows_the_schema_with_every_item_unanswered(department):
    template = json.loads((department / TEMPLATE_CASE).read_text(encoding="utf-8"))
    assert template["schema_version"] == SCHEMA["properties"]["schema_version"]["const"]
    assert set(template) == set(SCHEMA["properties"]) - {"$schema"}  # both sections: delete the other
    for section, name in (
        ("external_connection", "checklist_external_connection"),
        ("outsourcing", "checklist_outsourcing"),
    ):
        checklist = template[section]["checklist"]
        assert set(checklist) == _checklists(SCHEMA)[name]
        assert all(
            answer == {"answer": "", "reason": ""} or answer == {"answer": ""}
            for answer in checklist.values()
        )
    assert template["case_id"] == ""


def test_the_template_is_never_judged_as_a_case(department, run_cli):
    # A .jsonc: the hooks take cases/**/*.json only, and the loader skips it in a folder.
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    check = next(hook for hook in hooks if hook["id"] == "casegate-check")
    assert not re.search(check["files"], TEMPLATE_CASE)
    (department / "cases" / "seed.json").write_bytes(SEED.read_bytes())
    result = run_cli(
        "validate", "--schema", str(REPO / "schemas" / "case.schema.json"), "--format", "json", "cases/",
        cwd=department,
    )  # fmt: skip
    assert [case["path"] for case in json.loads(result.stdout)["cases"]] == ["cases/seed.json"]


def test_the_editor_maps_cases_to_the_release_schema(department):
    settings = json.loads((department / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    [mapping] = settings["json.schemas"]
    assert "/cases/**/*.json" in mapping["fileMatch"]
    assert (department / mapping["url"]).resolve() == (department / SCHEMA_COPY).resolve()
    assert (department / SCHEMA_COPY).read_bytes() == (REPO / "schemas" / "case.schema.json").read_bytes()


def test_sync_schema_brings_the_copy_back_in_step(department, run_cli, tmp_path):
    copy = department / SCHEMA_COPY
    copy.write_text("{}", encoding="utf-8")  # an older release's copy, or a hand edit
    result = run_cli("sync-schema", str(department), cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert copy.read_bytes() == (REPO / "schemas" / "case.schema.json").read_bytes()
    assert "コミット" in result.output
    again = run_cli("sync-schema", str(department), cwd=tmp_path)
    assert again.exit_code == 0 and again.output == ""


def _release_script(text: str) -> str:
    """The shell that a pipeline runs to read the release from .pre-commit-config.yaml."""
    match = re.search(r"python3 - .*?<<'PY'\n(.*?)\n\s*PY\n", text, re.S)
    assert match, "no release-reading step"
    lines = match.group(1).splitlines()
    indent = min(len(line) - len(line.lstrip()) for line in lines if line.strip())
    return "\n".join(line[indent:] for line in lines)


@pytest.mark.parametrize("pipeline", [".github/workflows/casegate.yml", ".gitlab/casegate-ci.yml"])
def test_pipelines_read_the_one_release_from_the_hook_config(department, pipeline):
    text = (department / pipeline).read_text(encoding="utf-8")
    yaml.safe_load(text)
    done = subprocess.run(
        ["python3", "-c", _release_script(text)], cwd=department, capture_output=True, text=True, check=True
    )
    assert re.search(rf"^CASEGATE_REF='?v{re.escape(__version__)}'?$", done.stdout, re.M), done.stdout
    assert re.search(rf"^CASEGATE_REPO='?{re.escape(URL)}'?$", done.stdout, re.M), done.stdout
    assert f"v{__version__}" not in text  # the release is named once, in .pre-commit-config.yaml


def test_a_hostile_repo_value_cannot_inject_into_the_pipeline_environment(department):
    config = department / ".pre-commit-config.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(URL, "https://x/$(touch${IFS}pwned)';id;'"),
        encoding="utf-8",
    )
    text = (department / ".gitlab/casegate-ci.yml").read_text(encoding="utf-8")
    done = subprocess.run(
        ["python3", "-c", _release_script(text)], cwd=department, capture_output=True, text=True, check=True
    )
    assert "CASEGATE_REPO=''" in done.stdout  # refused, so pip fails instead of a shell running it


def test_pipelines_check_every_case_on_push_and_daily(department):
    github = yaml.safe_load((department / ".github/workflows/casegate.yml").read_text(encoding="utf-8"))
    triggers = github.get("on", github.get(True))
    assert set(triggers) >= {"pull_request", "push", "schedule"}
    assert triggers["push"]["branches"] == ["main"]
    gitlab = yaml.safe_load((department / ".gitlab/casegate-ci.yml").read_text(encoding="utf-8"))["casegate"]
    rules = [rule["if"] for rule in gitlab["rules"]]
    assert '$CI_PIPELINE_SOURCE == "merge_request_event"' in rules
    assert "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH" in rules
    assert '$CI_PIPELINE_SOURCE == "schedule"' in rules
    # The JUnit report the job declares is written on every run, not only for merge requests,
    # by the one run that decides the job's exit code.
    [script] = gitlab["script"]
    assert "--report junit=casegate-junit.xml --report markdown=casegate-report.md cases/" in script
    assert "if" not in script.split("--report junit")[0].split("set +e")[1]
    assert script.count("casegate check") == 1


def test_codeowners_covers_the_gates_own_files(department):
    owned = {
        line.split()[0]
        for line in (department / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert owned >= {"/.pre-commit-config.yaml", "/.github/", "/.gitlab-ci.yml", "/.gitlab/", "/CODEOWNERS"}


def test_pipelines_pin_the_revision_that_really_decides(department, run_cli):
    """The revision init writes is the one a check with this release reports, so the pin holds
    for the approved policies and fails (exit 3) for any other."""
    workflow = yaml.safe_load((department / ".github/workflows/casegate.yml").read_text(encoding="utf-8"))
    pinned = workflow["jobs"]["casegate"]["env"]["CASEGATE_REQUIRE_REVISION"]
    gitlab = yaml.safe_load((department / ".gitlab/casegate-ci.yml").read_text(encoding="utf-8"))
    assert next(iter(gitlab.values()))["variables"]["CASEGATE_REQUIRE_REVISION"] == pinned
    assert re.fullmatch(r"sha256:[0-9a-f]{16}", pinned)

    passed = run_cli(
        "check",
        "--as-of",
        "2026-04-20",
        "--format",
        "json",
        str(SEED),
        env={"CASEGATE_REQUIRE_REVISION": pinned},
    )
    assert passed.exit_code == 0, passed.output
    assert json.loads(passed.output)["policy"]["revisions"] == [pinned]
    other = run_cli(
        "check",
        "--as-of",
        "2026-04-20",
        str(SEED),
        env={"CASEGATE_REQUIRE_REVISION": "sha256:0000000000000000"},
    )
    assert other.exit_code == 3
