"""The Click face of `casegate serve`: where the rules are, then casegate.serve.server; print the URL.

Starlette, uvicorn and Jinja2 are imported only when the command runs, so `casegate` without the
`serve` extra still works and says how to install it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
import webbrowser
from pathlib import Path

import click

from casegate.commands.options import (
    as_of_option,
    lang_option,
    max_bytes_option,
    policies_option,
    schema_option,
)
from casegate.errors import EXIT_OK, InputError
from casegate.messages import commands as messages
from casegate.resources import resolve_locations


@click.command("serve")
@click.argument("target", required=False, type=click.Path(path_type=Path, exists=True))
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=0,
    show_default=True,
    help="待ち受けるポート（0：空いているもの）",
)
@click.option("--no-browser", is_flag=True, help="ブラウザを開かず、URL を表示するだけにします")
@lang_option
@schema_option
@policies_option("方針フォルダ（既定：リポジトリの policies/、なければ同梱の方針）")
@as_of_option("判定の基準日（既定：判定するその日）。2026-05-01 または 令和8年5月1日")
@max_bytes_option
def serve_command(
    target: Path | None,
    port: int,
    no_browser: bool,
    lang: str,
    schema: Path | None,
    policies: Path | None,
    as_of: dt.date | None,
    max_bytes: int,
) -> None:
    """ブラウザの入力画面で案件ファイルを作り・直し、判定をその場で表示します（127.0.0.1 だけ）。

    TARGET は案件ファイルかフォルダ（既定：リポジトリの cases/）。Ctrl-C で終了します。
    """
    try:
        from casegate.serve.server import ServeSettings, serve
    except ImportError as error:
        raise _missing_extra(error) from error
    where = resolve_locations(schema, policies, need_policies=True)
    assert where.policies is not None  # need_policies=True resolves one or raises
    settings = ServeSettings(
        target, where.schema, where.policies, where.root, port, not no_browser, lang, as_of, max_bytes
    )
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how serve ends: exit 0, not 130
        serve(settings, _announce)
    click.echo(messages.SERVE_STOPPED.text().both(), err=True)
    sys.exit(EXIT_OK)


def _announce(folder: Path, url: str, browser_url: str | None) -> None:
    click.echo(f"casegate serve: {folder}", err=True)
    click.echo(messages.SERVE_OPEN_URL.text().both(), err=True)
    click.echo(url)
    if browser_url is not None:
        webbrowser.open(browser_url)


def _missing_extra(error: ImportError) -> InputError:
    return InputError.of(messages.MISSING_EXTRA, name=error.name)
