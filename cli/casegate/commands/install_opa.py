"""`casegate install-opa`: put the pinned OPA in the user's data folder, where `check` trusts it.

A department's case repository gets casegate from pip (e.g. through the pre-commit hook) but no
OPA; a clerk's PC has no Go. By default the official release binary is downloaded and accepted
only when its SHA-256 is the one casegate pins; `--mirror` fetches the same file from the ward's
own server, `--from` takes a file IT already has, `--build-with-go` builds it with Go.
"""

from __future__ import annotations

from pathlib import Path

import click

from casegate import OPA_VERSION
from casegate.commands.options import lang_option
from casegate.engine.opa_install import (
    OFFICIAL_BASE,
    data_dir,
    install_download,
    install_from_file,
    install_with_go,
    platform_asset,
    read_record,
    verify_installed,
)
from casegate.messages import commands as messages


@click.command("install-opa")
@click.option(
    "--mirror",
    metavar="URL",
    help="公式リリースの代わりに、区内のミラーから同じファイルを取得します（URL/ファイル名 を取得。ハッシュは同じく確認）。",
)
@click.option(
    "--from",
    "from_file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="情報システム担当が取得済みの OPA 公式バイナリを導入します（ハッシュを確認）。",
)
@click.option(
    "--build-with-go", is_flag=True, help="Go で OPA をビルドして導入します（Go が必要、数分かかります）。"
)
@click.option("--force", is_flag=True, help="導入済みでも入れ直します。")
@lang_option
def install_opa_command(
    mirror: str | None, from_file: Path | None, build_with_go: bool, force: bool, lang: str
) -> None:
    """OPA（固定の版）をユーザのデータフォルダに導入します。既定では公式バイナリを取得し、SHA-256 を確かめます。"""
    if sum((mirror is not None, from_file is not None, build_with_go)) > 1:
        raise click.UsageError(messages.INSTALL_ONE_ROUTE.text().both())
    record = None if force else read_record()  # --force repairs even a broken record
    if record is not None:
        binary = verify_installed(record)
        installed = messages.ALREADY_INSTALLED.text().both()
        click.echo(f"OPA {OPA_VERSION}: {binary}（{installed}: {record.describe(lang)}）")
        return
    if build_with_go:
        click.echo(f"go install github.com/open-policy-agent/opa@v{OPA_VERSION} → {data_dir()} …", err=True)
        record = install_with_go()
    elif from_file is not None:
        record = install_from_file(from_file)
    else:
        click.echo(
            f"{(mirror or OFFICIAL_BASE).rstrip('/')}/{platform_asset() or '?'} → {data_dir()} …",
            err=True,
        )
        record = install_download(mirror)
    binary = verify_installed(record)
    click.echo(f"OPA {OPA_VERSION}: {binary}（SHA-256 {record.sha256}、{record.describe(lang)}）")
