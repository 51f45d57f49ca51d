"""`casegate init [DIR]`: set up a department's case repository in one command.

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
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import click

from casegate.commands.options import lang_option
from casegate.engine.bundle import policy_revision
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


def _source_repo() -> str:
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


def _default_branch(target: Path) -> str:
    """The branch the department repository is on (its default branch when just created), else main."""
    try:
        done = subprocess.run(
            ["git", "symbolic-ref", "--short", "HEAD"],
            cwd=target,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return "main"
    branch = done.stdout.strip()
    return branch if done.returncode == 0 and branch else "main"


def _schema() -> dict[str, Any]:
    path = shipped("schemas/case.schema.json")
    if path is None:  # pragma: no cover - a broken install
        raise click.ClickException(
            "この casegate にはスキーマが同梱されていません / this casegate ships no schema"
        )
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
        raise click.ClickException(
            "この casegate にはひな形が同梱されていません / this casegate ships no templates"
        )
    policies = shipped("policies")
    if policies is None:  # pragma: no cover - a broken install
        raise click.ClickException(
            "この casegate には方針が同梱されていません / this casegate ships no policies"
        )
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
        if _escapes(path, root) or path.is_symlink() or (path.exists() and not path.is_file()):
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


def _escapes(path: Path, root: Path) -> bool:
    """Whether a folder on the way is a link out of the repository (e.g. .github -> ~/.config)."""
    return root not in path.parent.resolve().parents and path.parent.resolve() != root


_STATES = {
    "ja": {
        "created": "作成",
        "unchanged": "変更なし",
        "kept": "既存のまま（上書きしません）",
        "replaced": "上書き",
    },
    "en": {
        "created": "created",
        "unchanged": "unchanged",
        "kept": "kept (not overwritten)",
        "replaced": "replaced",
    },
}


def next_steps(outcomes: list[Outcome], repo_url: str, lang: str) -> list[str]:
    kept = [outcome.path for outcome in outcomes if outcome.state == "kept"]
    if lang == "en":
        steps = [
            "Next steps:",
            "  1. Install OPA: casegate install-opa  (or --build-with-go, or --from FILE; or set CASEGATE_OPA)",
            "  2. Turn on the hook: pre-commit install",
            f"  3. Copy {TEMPLATE_CASE} to cases/<case id>.json and fill it in (VS Code shows help for each item)",
            "  4. git add . && git commit  (the hook checks the case; a refused commit says what to fix)",
            "  5. Require the casegate check before merging (GitHub: branch protection; GitLab: 'Pipelines must succeed'"
            " and a daily pipeline schedule), and put your security team's handle in CODEOWNERS",
        ]
        if repo_url == PLACEHOLDER_REPO:
            steps.append(
                f"  ! Replace {PLACEHOLDER_REPO} in .pre-commit-config.yaml with your casegate repository"
            )
        if kept:
            steps.append(
                f"  ! Not overwritten (different already; merge by hand or use --force): {', '.join(kept)}"
            )
        return steps
    steps = [
        "次にすること：",
        "  1. OPA を導入します：casegate install-opa（Go があれば --build-with-go、取得済みのファイルなら --from ファイル。"
        "または環境変数 CASEGATE_OPA で指定）",
        "  2. フックを有効にします：pre-commit install",
        f"  3. {TEMPLATE_CASE} を cases/<案件ID>.json にコピーして書きます（VS Code では各項目の説明が出ます）",
        "  4. git add . と git commit をします（フックが案件を確かめ、不合格なら直すところを表示します）",
        "  5. マージ前に casegate の確認を必須にします（GitHub：ブランチ保護、GitLab：「パイプラインの成功を必須」と"
        "毎日のパイプラインスケジュール）。CODEOWNERS のチーム名を区の情報セキュリティ担当に書き換えます",
    ]
    if repo_url == PLACEHOLDER_REPO:
        steps.append(
            f"  ！ .pre-commit-config.yaml の {PLACEHOLDER_REPO} を区の casegate リポジトリの URL に書き換えてください"
        )
    if kept:
        steps.append(
            f"  ！ 既にあり内容が違うため上書きしなかったファイル（手で合わせるか --force）：{'、'.join(kept)}"
        )
    return steps


@click.command("init")
@click.argument("directory", required=False, default=".", type=click.Path(path_type=Path, file_okay=False))
@click.option("--force", is_flag=True, help="既にあるファイルも上書きします（既定では上書きしません）。")
@click.option(
    "--repo-url",
    metavar="URL",
    help="フックを取得する casegate リポジトリの URL（既定：インストールした casegate が示すもの）。",
)
@click.option(
    "--owners", default=DEFAULT_OWNERS, show_default=True, help="CODEOWNERS に書く情報セキュリティ担当"
)
@lang_option
def init_command(directory: Path, force: bool, repo_url: str | None, owners: str, lang: str) -> None:
    """部署の案件リポジトリを準備します（cases/、フック、パイプライン、CODEOWNERS、エディタの設定）。"""
    directory.mkdir(parents=True, exist_ok=True)
    url = repo_url or _source_repo()
    files = render_files(url, owners, _default_branch(directory))
    outcomes = write_files(directory, files, force)
    for outcome in outcomes:
        click.echo(f"{_STATES[lang][outcome.state]}: {outcome.path}")
    click.echo("")
    click.echo("\n".join(next_steps(outcomes, url, lang)))


@click.command("sync-schema")
@click.argument("directory", required=False, default=".", type=click.Path(path_type=Path, file_okay=False))
@lang_option
def sync_schema_command(directory: Path, lang: str) -> None:
    """エディタ用のスキーマ（.vscode/casegate/case.schema.json）をこの版のものにそろえます（フック casegate-editor-schema）。"""
    path = directory / SCHEMA_COPY
    wanted = schema_copy()
    if _escapes(path, directory.resolve()):
        click.echo(
            f"{path}: リポジトリの外を指すリンクがあるので書き換えません / a link leads outside; left alone",
            err=True,
        )
        sys.exit(1)
    if path.is_file() and not path.is_symlink() and path.read_text(encoding="utf-8") == wanted:
        return
    if path.is_symlink() or (path.exists() and not path.is_file()):
        click.echo(
            f"{path}: 通常のファイルではないので書き換えません / not a regular file; left alone", err=True
        )
        sys.exit(1)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as stream:
        stream.write(wanted)
    if lang == "en":
        click.echo(f"{SCHEMA_COPY} now matches casegate {release_tag()}; add it to the commit.")
    else:
        click.echo(
            f"{SCHEMA_COPY} を casegate {release_tag()} のスキーマにそろえました。コミットに加えてください。"
        )
