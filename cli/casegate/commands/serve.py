"""The Click face of `casegate serve`: find the folder, start OPA and the server, print the URL.

Starlette, uvicorn and Jinja2 are imported only when the command runs, so `casegate` without the
`serve` extra still works and says how to install it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import socket
import sys
import threading
import webbrowser
from pathlib import Path
from urllib.parse import quote

import click

from casegate.commands.options import (
    as_of_option,
    lang_option,
    max_bytes_option,
    policies_option,
    resolve_locations,
    schema_option,
)
from casegate.engine.endpoint import EngineSettings
from casegate.errors import EXIT_OK, InputError


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
        import uvicorn  # noqa: F401 - only to say early that the extra is missing

        from casegate.serve.app import Site, make_app
        from casegate.serve.folder import CaseFolder
        from casegate.serve.judge import JudgeSettings, running_judge
    except ImportError as error:
        raise _missing_extra(error) from error
    try:
        locations = resolve_locations(schema, policies, need_policies=True)
        schema_path, policies_path, root = locations.schema, locations.policies, locations.root
        assert policies_path is not None  # need_policies=True resolves one or raises
        folder_path, initial = _folder_and_case(target)
        folder = CaseFolder(folder_path, max_bytes)
        schema_doc = json.loads(schema_path.read_text(encoding="utf-8"))
        catalogue_path = policies_path / "casegate" / "catalogue" / "data.json"
        catalogue = json.loads(catalogue_path.read_text(encoding="utf-8")) if catalogue_path.is_file() else {}
        schema_ref = _schema_ref(folder.root, schema_path, root)
        port = port or _free_port()
        token = secrets.token_urlsafe(32)
        settings = JudgeSettings(schema_path, policies_path, root, max_bytes, EngineSettings(), as_of)
        with running_judge(settings) as judge:
            ticket = None if no_browser else secrets.token_urlsafe(32)
            site = Site(
                folder, schema_doc, schema_ref, catalogue, judge.judge, lang, token, port, initial, ticket
            )
            _run(site, make_app(site))
    except (OSError, ValueError) as error:
        raise _cannot_start(error) from error
    except KeyboardInterrupt:
        pass  # Ctrl-C is how serve ends: not an interruption of work, so exit 0
    click.echo("casegate serve: 終了しました / stopped", err=True)
    sys.exit(EXIT_OK)


def _run(site: object, app: object) -> None:
    import uvicorn

    from casegate.serve.app import Site

    assert isinstance(site, Site)
    case = f"&case={quote(site.initial)}" if site.initial else ""
    url = f"http://127.0.0.1:{site.port}/?token={site.token}{case}"
    # The browser gets a one-time ticket, not the token: its command line is visible to other users.
    browser_url = f"http://127.0.0.1:{site.port}/?ticket={site.ticket}{case}"
    config = uvicorn.Config(
        app,  # type: ignore[arg-type]
        host="127.0.0.1",  # never another interface: the form holds personal-data descriptions
        port=site.port,
        access_log=False,  # an access log would keep the token from the first URL
        log_level="warning",
        lifespan="off",
    )
    server = uvicorn.Server(config)

    def announce() -> None:
        while not server.started and not server.should_exit:
            threading.Event().wait(0.05)
        if server.started:
            click.echo(f"casegate serve: {site.folder.root}", err=True)
            click.echo(
                "ブラウザでこの URL を開いてください（Ctrl-C で終了）/ open this URL (Ctrl-C stops):",
                err=True,
            )
            click.echo(url)
            if site.ticket is not None:
                webbrowser.open(browser_url)

    threading.Thread(target=announce, daemon=True).start()
    try:
        server.run()
    except SystemExit:  # uvicorn exits when it cannot bind (the port is taken)
        raise InputError(
            code="port-busy",
            message_ja=f"ポート {site.port} で待ち受けられません（ほかのプログラムが使っています）。--port で別のポートを指定するか、省略してください。",
            message_en=f"Cannot listen on port {site.port} (another program uses it). Give another --port, or leave it out.",
        ) from None


def _folder_and_case(target: Path | None) -> tuple[Path, str | None]:
    """The folder served and the case opened first. Default: the case repository one works in
    (its cases/ folder, else the working directory itself), not the policy repository."""
    if target is None:
        here = Path.cwd()
        return (here / "cases" if (here / "cases").is_dir() else here), None
    if target.is_dir():
        return target, None
    return target.parent, target.name


def _schema_ref(folder: Path, schema: Path, root: Path | None) -> str | None:
    """What a new case's "$schema" says: the case repository's own copy of the schema beside the
    folder (../schemas/), else the schema used when the folder is inside the policy repository."""
    if (folder.parent / "schemas" / "case.schema.json").is_file():
        return "../schemas/case.schema.json"
    if root is not None and folder.resolve().is_relative_to(root.resolve()):
        return Path(os.path.relpath(schema, folder)).as_posix()
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _missing_extra(error: ImportError) -> InputError:
    return InputError(
        code="missing-extra",
        message_ja=f"casegate serve に必要な部品（{error.name}）がありません。pip install 'casegate[serve]' で入れてください。",
        message_en=f"casegate serve needs {error.name}, which is not installed. Run: pip install 'casegate[serve]'.",
    )


def _cannot_start(error: Exception) -> InputError:
    return InputError(
        code="cannot-start",
        message_ja=f"casegate serve を始められません（{type(error).__name__}: {error}）。ポートやスキーマ・方針の場所を確かめてください。",
        message_en=f"casegate serve cannot start ({type(error).__name__}: {error}). Check the port and where the schema and policies are.",
    )
