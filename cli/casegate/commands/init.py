"""The Click faces of `casegate init [DIR]` and `casegate sync-schema` (the files are
casegate.adoption's): write, then say what was written and what to do next.

An existing file is never overwritten without --force; running init twice changes nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from casegate.adoption import (
    DEFAULT_OWNERS,
    PLACEHOLDER_REPO,
    SCHEMA_COPY,
    TEMPLATE_CASE,
    Outcome,
    default_branch,
    render_files,
    source_repo,
    sync_schema,
    write_files,
)
from casegate.commands.options import lang_option
from casegate.messages import commands as messages
from casegate.release import release_tag


def next_steps(outcomes: list[Outcome], repo_url: str, lang: str) -> list[str]:
    kept = [outcome.path for outcome in outcomes if outcome.state == "kept"]
    steps = [
        messages.NEXT_STEPS(lang),
        messages.STEP_INSTALL_OPA(lang),
        messages.STEP_HOOK(lang),
        messages.STEP_FIRST_CASE(lang, template=TEMPLATE_CASE),
        messages.STEP_COMMIT(lang),
        messages.STEP_REQUIRE(lang),
    ]
    if repo_url == PLACEHOLDER_REPO:
        steps.append(messages.STEP_REPO_URL(lang, placeholder=PLACEHOLDER_REPO))
    if kept:
        steps.append(messages.STEP_KEPT(lang, kept=messages.KEPT_SEPARATOR(lang).join(kept)))
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
    url = repo_url or source_repo()
    files = render_files(url, owners, default_branch(directory))
    outcomes = write_files(directory, files, force)
    for outcome in outcomes:
        click.echo(f"{messages.FILE_STATE[outcome.state](lang)}: {outcome.path}")
    click.echo("")
    click.echo("\n".join(next_steps(outcomes, url, lang)))


@click.command("sync-schema")
@click.argument("directory", required=False, default=".", type=click.Path(path_type=Path, file_okay=False))
@lang_option
def sync_schema_command(directory: Path, lang: str) -> None:
    """エディタ用のスキーマ（.vscode/casegate/case.schema.json）をこの版のものにそろえます（フック casegate-editor-schema）。"""
    path = directory / SCHEMA_COPY
    state = sync_schema(directory)
    if state == "escapes":
        click.echo(f"{path}: {messages.SCHEMA_LINK_ESCAPES.text().both()}", err=True)
        sys.exit(1)
    if state == "not-a-file":
        click.echo(f"{path}: {messages.SCHEMA_NOT_A_FILE.text().both()}", err=True)
        sys.exit(1)
    if state == "unchanged":
        return
    click.echo(messages.SCHEMA_SYNCED(lang, copy=SCHEMA_COPY, release=release_tag()))
