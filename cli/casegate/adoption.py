"""What `casegate init [DIR]` writes into a department's case repository, and `sync-schema` keeps.

Not core/: nothing here judges a case. It sits beside release.py and resources.py, whose shipped
files it turns into a department's repository. The Click face (commands/init.py) prints what
happened and what to do next.

Writes, from what this release ships (never from the folder it runs in):
- cases/_template.jsonc: a first case to copy, every item unanswered, generated from the release's
  case schema so it follows the schema (a .jsonc, so the hook and the pipeline, which take *.json,
  never judge the empty template, while the editor still helps with it);
- .pre-commit-config.yaml pinned to this release (`rev: vX.Y.Z`, the one place the release is named:
  the pipelines read it from there), the hook `verbose: true` so a passing case shows its warnings;
- .github/workflows/casegate.yml and .gitlab-ci.yml (+ .gitlab/casegate-ci.yml): pull/merge request,
  push to the default branch, daily;
- CODEOWNERS for the gate's own files;
- .vscode/settings.json mapping cases/**/*.json to .vscode/casegate/case.schema.json, a copy of the
  release's schema that the casegate-editor-schema hook keeps in step (`casegate sync-schema`).

An existing file is never overwritten without --force; running init twice changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from casegate.core.git import run_git
from casegate.engine.bundle import policy_revision
from casegate.errors import EngineError, InputError
from casegate.messages import core as messages
from casegate.release import release_tag, shipped

#: Where the hooks come from when the installed casegate does not say (edit it in the file).
PLACEHOLDER_REPO = "https://example.invalid/ward/casegate"
DEFAULT_OWNERS = "@shinjuku-city/security-team"
TEMPLATE_CASE = "cases/_template.jsonc"
SCHEMA_COPY = ".vscode/casegate/case.schema.json"

#: Files copied from templates/department/, with their tokens filled in.
_TEMPLATED = (
    ".pre-commit-config.yaml",
    ".github/workflows/casegate.yml",
    ".gitlab-ci.yml",
    ".gitlab/casegate-ci.yml",
    "CODEOWNERS",
    "cases/README.md",
)


@dataclass(frozen=True)
class Outcome:
    path: str
    state: str  # "created", "unchanged", "kept" (exists and differs; not overwritten), "replaced"


def source_repo() -> str:
    """The casegate repository URL the installed package names (Project-URL: Source), else a placeholder."""
    try:
        urls: list[str] = metadata.metadata("casegate").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        urls = []
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("source", "repository") and url.strip():
            return url.strip()
    return PLACEHOLDER_REPO


def default_branch(target: Path) -> str:
    """The branch the department repository is on (its default branch when just created), else main."""
    try:
        # Through run_git: a ./git committed in the folder init runs in is never the one run.
        branch = (
            run_git(target, ["symbolic-ref", "--short", "HEAD"]).decode("utf-8", errors="replace").strip()
        )
    except InputError:  # not a git repository yet, or no git
        return "main"
    return branch or "main"


def _schema() -> dict[str, Any]:
    path = shipped("schemas/case.schema.json")
    if path is None:  # pragma: no cover - a broken install
        raise EngineError.of(messages.BROKEN_INSTALL_SCHEMA)
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def _resolve(node: Mapping[str, Any], root: Mapping[str, Any]) -> Mapping[str, Any]:
    while "$ref" in node and str(node["$ref"]).startswith("#/"):
        target: Any = root
        for part in str(node["$ref"])[2:].split("/"):
            target = target[part]
        node = {**target, **{key: value for key, value in node.items() if key != "$ref"}}
    return node


def skeleton(node: Mapping[str, Any], root: Mapping[str, Any]) -> Any:
    """An unanswered value for a schema node: "" for text and choices, null for yes/no and numbers.

    Every property appears (the clerk deletes the section that does not apply), so the template
    shows every question of this release's schema, whatever version it is.
    """
    node = _resolve(node, root)
    if "const" in node:
        return node["const"]
    if "default" in node:
        return node["default"]
    if "enum" in node:
        return "" if all(isinstance(value, str) for value in node["enum"]) else None
    kind = node.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), None)
    if kind is None:
        for key in ("oneOf", "anyOf"):
            options = node.get(key)
            if options and "properties" not in node:
                return skeleton(options[0], root)
    if kind == "object" or "properties" in node:
        return {
            name: skeleton(child, root)
            for name, child in node.get("properties", {}).items()
            if name != "$schema"
        }
    if kind == "array":
        items = node.get("items")
        return [skeleton(items, root)] if isinstance(items, Mapping) and node.get("minItems", 0) else []
    if kind == "string":
        return ""
    return None


def template_case() -> str:
    schema = _schema()
    return json.dumps(skeleton(schema, schema), ensure_ascii=False, indent=2) + "\n"


def schema_copy() -> str:
    path = shipped("schemas/case.schema.json")
    assert path is not None
    return path.read_text(encoding="utf-8")


def vscode_settings() -> str:
    settings = {
        "json.schemas": [
            {
                # Only the template as .jsonc: a case kept as .jsonc would never be judged, so the
                # editor should not make that look like a normal place for one.
                "fileMatch": ["/cases/**/*.json", f"/{TEMPLATE_CASE}"],
                "url": f"./{SCHEMA_COPY}",
            }
        ]
    }
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"


def render_files(repo_url: str, owners: str, branch: str) -> dict[str, str]:
    """Every file init writes, by path relative to the department repository."""
    templates = shipped("templates/department")
    if templates is None:  # pragma: no cover - a broken install
        raise EngineError.of(messages.BROKEN_INSTALL_TEMPLATES)
    policies = shipped("policies")
    if policies is None:  # pragma: no cover - a broken install
        raise EngineError.of(messages.BROKEN_INSTALL_POLICIES)
    tokens = {
        "__CASEGATE_REPO__": repo_url,
        # The pipeline pins the policies by content too (--require-revision via the environment).
        "__CASEGATE_POLICY_REVISION__": policy_revision(policies),
        "__CASEGATE_RELEASE__": release_tag(),
        "__DEFAULT_BRANCH__": branch,
        "__OWNERS__": owners,
    }
    files: dict[str, str] = {}
    for relative in _TEMPLATED:
        text = (templates / relative).read_text(encoding="utf-8")
        for token, value in tokens.items():
            text = text.replace(token, value)
        files[relative] = text
    files[TEMPLATE_CASE] = template_case()
    files[SCHEMA_COPY] = schema_copy()
    files[".vscode/settings.json"] = vscode_settings()
    return files


def write_files(target: Path, files: Mapping[str, str], force: bool) -> list[Outcome]:
    outcomes = []
    root = target.resolve()
    for relative, text in files.items():
        path = target / relative
        if escapes(path, root) or path.is_symlink() or (path.exists() and not path.is_file()):
            outcomes.append(Outcome(relative, "kept"))  # never write through a link or over a folder
            continue
        if path.is_file():
            current = path.read_bytes()
            if current == text.encode("utf-8"):
                outcomes.append(Outcome(relative, "unchanged"))
                continue
            if not force:
                outcomes.append(Outcome(relative, "kept"))
                continue
        state = "replaced" if path.exists() else "created"
        path.parent.mkdir(parents=True, exist_ok=True)
        # newline="" keeps \n on Windows too, so init twice compares equal there as well.
        with path.open("w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        outcomes.append(Outcome(relative, state))
    return outcomes


def escapes(path: Path, root: Path) -> bool:
    """Whether a folder on the way is a link out of the repository (e.g. .github -> ~/.config)."""
    return root not in path.parent.resolve().parents and path.parent.resolve() != root


def sync_schema(directory: Path) -> str:
    """Bring the editor's copy of the schema in step with this release.

    "unchanged", "written", or why it was left alone: "escapes" (a folder on the way links out of
    the repository) or "not-a-file" (a link, a folder or a device where the copy belongs).
    """
    path = directory / SCHEMA_COPY
    wanted = schema_copy()
    if escapes(path, directory.resolve()):
        return "escapes"
    if path.is_file() and not path.is_symlink() and path.read_text(encoding="utf-8") == wanted:
        return "unchanged"
    if path.is_symlink() or (path.exists() and not path.is_file()):
        return "not-a-file"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as stream:
        stream.write(wanted)
    return "written"
