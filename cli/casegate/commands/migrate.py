"""The Click face of `casegate migrate OLD.json` (the rewriting is casegate.core.migrate)."""

from __future__ import annotations

from pathlib import Path

import click

from casegate.commands.options import lang_option
from casegate.core.migrate import UNKNOWN, migrate_file
from casegate.messages import commands as messages


@click.command("migrate")
@click.argument("old", type=click.Path(path_type=Path, readable=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="書き出す新しいファイル（既定：OLD と同じフォルダの <名前>.v2.json）",
)
@click.option("--in-place", is_flag=True, help="OLD そのものを書き換えます（明示したときだけ）")
@lang_option
def migrate_command(old: Path, output: Path | None, in_place: bool, lang: str) -> None:
    """1.x の案件ファイルを 2.x の形式に書き換えた新しいファイルを作ります（分からない値は "不明"）。"""
    target = migrate_file(old, output, in_place)
    click.echo(messages.MIGRATED(lang, target=target, unknown=UNKNOWN))
