"""The pipeline templates and hook definitions call casegate with options it really has."""

from __future__ import annotations

import re
import shlex

import pytest
import yaml

from casegate.commands.main import main
from support.paths import REPO

TEMPLATES = [
    REPO / ".github" / "workflows" / "casegate.yml",
    REPO / ".gitlab-ci.yml",
    REPO / "templates" / "department" / ".github" / "workflows" / "casegate.yml",
    REPO / "templates" / "department" / ".gitlab" / "casegate-ci.yml",
]


def _casegate_calls(path):
    text = path.read_text(encoding="utf-8")
    yaml.safe_load(text)  # the file is valid YAML
    for line in text.splitlines():
        match = re.search(r"(?:\.venv/bin/)?casegate ((?:check|validate|impact|install-opa)\b[^>|]*)", line)
        if match and not line.lstrip().startswith("#"):
            yield shlex.split(re.sub(r"\$\{\{[^}]*\}\}|\$\{?\w+\}?", "x", match.group(1)))


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(REPO)))
def test_every_casegate_call_in_a_template_parses(path):
    calls = list(_casegate_calls(path))
    assert calls, f"no casegate call found in {path}"
    for name, *args in calls:
        command = main.get_command(None, name)
        assert command is not None, name
        command.make_context(name, list(args))  # raises on an unknown option or format


def test_hook_definitions():
    hooks = {
        hook["id"]: hook
        for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    }
    assert set(hooks) == {"casegate-check", "casegate-validate", "casegate-editor-schema"}
    assert hooks["casegate-editor-schema"]["entry"] == "casegate sync-schema"
    assert hooks["casegate-editor-schema"]["pass_filenames"] is False
    assert hooks["casegate-check"]["entry"] == "casegate check"
    assert all(hook["language"] == "python" for hook in hooks.values())
    template = yaml.safe_load(
        (REPO / "templates" / "department" / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    )
    assert {hook["id"] for repo in template["repos"] for hook in repo["hooks"]} <= set(hooks)


def _hook_selects(hook: dict[str, str], path: str) -> bool:
    """Whether pre-commit hands `path` to the hook: it searches `files`, then `exclude` (default ^$)."""
    return bool(re.search(hook["files"], path)) and not re.search(hook.get("exclude", "^$"), path)


# The hooks take what the loader takes (ANKEN.JSON too) and only where cases are kept.
@pytest.mark.parametrize(
    ("path", "selected"),
    [
        ("cases/R8-kikaku.json", True),
        ("cases/ANKEN.JSON", True),
        ("cases/kikaku/sub/anken.Json", True),
        ("cases/.drafts/a.json", True),  # named explicitly, so checked: a hidden case is no escape
        (".vscode/settings.json", False),
        ("package.json", False),
        ("waivers/2026.json", False),
        ("docs/cases/example.json", False),
        ("cases/readme.md", False),
        ("cases/anken.json.bak", False),
    ],
)
def test_hooks_select_every_case_and_nothing_else(path: str, selected: bool) -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    for hook in hooks:
        if "files" not in hook:  # casegate-editor-schema takes no files: it writes the schema copy
            assert hook["pass_filenames"] is False
            continue
        assert _hook_selects(hook, path) is selected, (hook["id"], path)


def test_codeowners_puts_the_rules_under_the_security_team():
    owners = {
        line.split()[0]: line.split()[1:]
        for line in (REPO / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    for folder in ("/policies/", "/schemas/", "/waivers/"):
        assert owners[folder] == ["@shinjuku-city/security-team"]
    # The code and build that reach the verdict can turn a fail into a pass just as a policy can.
    code_and_build = (
        "/cli/", "/Makefile", "/.ci/", "/scripts/", "/setup.py", "/pyproject.toml", "/requirements.lock",
        "/MANIFEST.in", "/tests/", "/bench/", "/fuzz/", "/.pre-commit-config.yaml", "/.pre-commit-hooks.yaml",
        "/templates/",
    )  # fmt: skip
    for path in code_and_build:
        assert owners.get(path) == ["@shinjuku-city/security-team"], path


# --- scheduled re-checks -----------------------------------------------------------------------------
# A 消去報告書 becomes overdue with time, not with a commit: every pipeline also checks every case on
# the day's date, on a schedule.

GITHUB_WORKFLOWS = [TEMPLATES[0], TEMPLATES[2]]


def _workflow(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data, data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` as true


def _full_checks(run: str) -> list[list[str]]:
    """The `casegate check` calls of a step that check all of cases/, not only what changed."""
    calls = []
    for line in run.splitlines():
        match = re.search(r"casegate (check\b[^>|]*)", line)
        if match:
            calls.append(shlex.split(match.group(1)))
    return [call for call in calls if "--changed-since" not in call and "cases/" in call]


@pytest.mark.parametrize("path", GITHUB_WORKFLOWS, ids=lambda p: str(p.relative_to(REPO)))
def test_github_workflows_check_every_case_daily(path):
    data, triggers = _workflow(path)
    [schedule] = triggers["schedule"]
    assert schedule["cron"].split()[2:] == ["*", "*", "*"]  # every day
    steps = data["jobs"]["casegate"]["steps"]
    full = [step for step in steps if _full_checks(step.get("run", ""))]
    assert full, "no step checks every case"
    for step in full:
        assert "$GITHUB_STEP_SUMMARY" in step["run"]  # the markdown report is what people read
        assert "exit $status" in step["run"]  # and a failing case fails the run
    if path == TEMPLATES[0]:
        assert all("'schedule'" in step["if"] for step in full)
        [tests] = [step for step in steps if step.get("run") == "make test"]
        assert "'schedule'" not in tests["if"]  # the daily run judges the cases, not the code


def test_gitlab_schedule_runs_the_full_check():
    job = yaml.safe_load(TEMPLATES[1].read_text(encoding="utf-8"))["casegate"]
    assert {"if": '$CI_PIPELINE_SOURCE == "schedule"'} in job["rules"]
    [branch] = [entry for entry in job["script"] if '"$CI_PIPELINE_SOURCE" = "schedule"' in entry]
    assert _full_checks(branch)
    assert "exit $status" in branch
    assert job["script"].index(branch) < job["script"].index("make test")


# --- one run a gate ------------------------------------------------------------------------------
# Every report a pipeline keeps comes from the run whose exit code decides the job (--report), so
# the files can never disagree with the verdict, and OPA judges each case once.


def _gate_blocks(path) -> list[str]:
    """Each shell block that ends in `exit $status`: one gate, whose verdict is the job's."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if "jobs" in data:
        scripts = [step.get("run", "") for step in data["jobs"]["casegate"]["steps"]]
    else:
        scripts = list(data["casegate"]["script"])
    return [block for script in scripts for block in script.split("exit $status")[:-1]]


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(REPO)))
def test_each_gate_runs_check_once_and_writes_its_reports_with_report(path):
    blocks = [block for block in _gate_blocks(path) if "casegate check" in block]
    assert blocks
    for block in blocks:
        [check] = [line for line in block.splitlines() if "casegate check" in line]
        assert ">" not in check.split("#")[0], check  # a report is this run's file, not another run's stdout
        # A report left over (or committed by the department) never stands in for this run's.
        removed = [
            word for line in block.splitlines() if line.strip().startswith("rm -f") for word in line.split()
        ]
        for name in re.findall(r"--report \w+=(\S+)", check):
            assert name in removed, name
