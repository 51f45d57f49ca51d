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
from casegate.release import release_tag

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
    url = repo_url or source_repo()
    files = render_files(url, owners, default_branch(directory))
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
    state = sync_schema(directory)
    if state == "escapes":
        click.echo(
            f"{path}: リポジトリの外を指すリンクがあるので書き換えません / a link leads outside; left alone",
            err=True,
        )
        sys.exit(1)
    if state == "not-a-file":
        click.echo(
            f"{path}: 通常のファイルではないので書き換えません / not a regular file; left alone", err=True
        )
        sys.exit(1)
    if state == "unchanged":
        return
    if lang == "en":
        click.echo(f"{SCHEMA_COPY} now matches casegate {release_tag()}; add it to the commit.")
    else:
        click.echo(
            f"{SCHEMA_COPY} を casegate {release_tag()} のスキーマにそろえました。コミットに加えてください。"
        )
