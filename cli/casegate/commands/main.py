"""The Click face of casegate: parse options into settings, call the core, print, exit.

Nothing here decides a verdict. `validate` and `check` build a RunSettings, the runner returns
a RunReport, a renderer from the registry prints it, and the report picks the exit code:
0 every case passes, 1 a policy is violated, 2 invalid input or usage, 3 the engine failed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import importlib
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar, NoReturn

import click

from casegate import __version__
from casegate.commands.options import (
    as_of_option,
    check_report_targets,
    lang_option,
    opa_connection_options,
    opa_proxy_option,
    policies_option,
    read_token,
    report_option,
    require_revision_option,
    resolve_locations,
    say,
    schema_option,
    timeout_option,
)
from casegate.core import dates
from casegate.core.changed import describe_selection, select_changed
from casegate.core.model import RunReport
from casegate.core.paths import RegularFile
from casegate.core.run import RunSettings, check, validate
from casegate.core.waivers import MAX_WAIVER_DAYS
from casegate.engine.bundle import DEFAULT_KEY_ID, SIGNING_ALGORITHMS
from casegate.engine.endpoint import EngineSettings, parse_opa_url
from casegate.engine.local import BundleKey, install_sigterm_handler
from casegate.errors import EXIT_ENGINE, EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK, LANGUAGES, CasegateError
from casegate.release import version_line
from casegate.report import FORMATS
from casegate.report.audit import append_records
from casegate.report.files import ReportTarget, write_all


def _key_label(key: Path) -> str:
    """The key id and the public key's fingerprint: any key verifies the bundle it signed, so a
    reviewer compares this with the security team's key (central/keys/)."""
    try:
        digest = hashlib.sha256(key.read_bytes()).hexdigest()[:16]
    except OSError:
        digest = "?"
    return f"{DEFAULT_KEY_ID} sha256:{digest}"


def _finish(report: RunReport, output_format: str, lang: str, reports: Sequence[ReportTarget]) -> None:
    """The --report files, then stdout, then the exit code: a report that could not be written
    is said and fails the run (exit 2 or worse), whatever the verdict."""
    failed = write_all(reports, lambda name, stream: FORMATS[name](report, stream, lang))
    FORMATS[output_format](report, sys.stdout, lang)  # written as it is made, never held whole
    sys.stdout.flush()  # the verdict before any error about a report file
    for error in failed:
        say(error, lang)
    sys.exit(max(report.exit_code(), EXIT_INPUT) if failed else report.exit_code())


def _common(function: click.decorators.FC) -> click.decorators.FC:
    options = [
        # readable=False: the loader, not Click, says a file cannot be read (in Japanese, with the fix).
        click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False)),
        schema_option,
        click.option(
            "--format",
            "output_format",
            type=click.Choice(tuple(FORMATS)),
            default="text",
            show_default=True,
            help="出力形式 / output format",
        ),
        report_option(FORMATS),
        lang_option,
        click.option(
            "--max-bytes",
            type=click.IntRange(1),
            default=1_000_000,
            show_default=True,
            help="案件ファイルの大きさの上限（バイト）",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


class _Commands(click.Group):
    """The commands other than validate and check, imported only when called or listed.

    Importing them all took about a tenth of a second of every `check` (the hook's command),
    most of it for code `check` never runs.
    """

    LAZY: ClassVar[dict[str, str]] = {
        "bundle": "casegate.commands.bundle:bundle",
        "doctor": "casegate.commands.doctor:doctor",
        "impact": "casegate.commands.impact:impact_command",
        "init": "casegate.commands.init:init_command",
        "install-opa": "casegate.commands.install_opa:install_opa_command",
        "migrate": "casegate.core.migrate:migrate_command",
        "render": "casegate.commands.render:render_command",
        "serve": "casegate.commands.serve:serve_command",
        "sync-schema": "casegate.commands.init:sync_schema_command",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.LAZY})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.LAZY:
            return super().get_command(ctx, cmd_name)
        module, name = self.LAZY[cmd_name].split(":")
        command = getattr(importlib.import_module(module), name)
        assert isinstance(command, click.Command)
        return command


@click.group(
    cls=_Commands, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}
)
@click.version_option(__version__, prog_name="casegate", message=version_line())
def main() -> None:
    """casegate — 個人情報保護管理運営会議の付議事項（外部結合・業務委託）を確かめます。

    validate はスキーマだけ、check はスキーマと方針（OPA）を確かめます。終了コード：0 すべて合格、
    1 方針違反あり、2 入力・使い方の誤り、3 判定エンジンの失敗。
    """


@main.command("validate")
@_common
def validate_command(
    paths: tuple[Path, ...],
    schema: Path | None,
    output_format: str,
    reports: tuple[ReportTarget, ...],
    lang: str,
    max_bytes: int,
) -> None:
    """案件ファイルがスキーマに合うかだけを確かめます（OPA は使いません）。PATHS はファイルかフォルダ。"""
    check_report_targets(reports, paths)
    try:
        where = resolve_locations(schema, None, need_policies=False)
        report = validate(
            RunSettings(
                paths=paths,
                schema=where.schema,
                as_of=dates.today()[0],
                repo_root=where.root,
                max_bytes=max_bytes,
                source=where.source,
            )
        )
    except CasegateError as error:
        say(error, lang)
        sys.exit(error.exit_code)
    _finish(report, output_format, lang, reports)


@main.command("check")
@_common
@policies_option(
    "方針フォルダ、または casegate bundle build で作ったバンドル（.tar.gz）。既定：インストールされた casegate リリースの方針。"
    "フォルダを指定すると、リリースされていない方針で判定したことがすべての出力に明記されます"
)
@click.option(
    "--verification-key",
    type=RegularFile(),
    help="--policies がバンドル（.tar.gz）のとき、その署名を確かめる公開鍵（PEM）。署名が合わなければ判定しません。",
)
@click.option(
    "--signing-alg",
    type=click.Choice(SIGNING_ALGORITHMS),
    default="RS256",
    show_default=True,
    help="バンドルの署名の方式",
)
@opa_connection_options(
    "方針を読み込み済みの OPA サーバ（例：http://127.0.0.1:8181、env CASEGATE_OPA_URL）。省略時は自前の OPA を起動します。"
)
@require_revision_option
@opa_proxy_option
@as_of_option(
    "判定の基準日（既定：日本時間の今日。別の時間帯は環境変数 CASEGATE_TZ）。2026-05-01 または 令和8年5月1日、1900-01-01〜2199-12-31"
)
@click.option("--fail-on-warn", is_flag=True, help="警告も不合格（終了コード 1）にします")
@click.option(
    "--changed-since",
    metavar="REF",
    help="REF（例：origin/main）から追加・変更された案件だけを確かめます。policies/・schemas/・waivers/ が変わっていれば全件。",
)
@click.option(
    "--waivers",
    "waiver_paths",
    multiple=True,
    type=click.Path(path_type=Path, exists=True),
    help="免除ファイルまたはフォルダ（既定：リポジトリの waivers/）。複数指定できます。",
)
@click.option(
    "--waiver-max-days",
    type=click.IntRange(1, MAX_WAIVER_DAYS),
    default=MAX_WAIVER_DAYS,
    show_default=True,
    envvar="CASEGATE_WAIVER_MAX_DAYS",
    help="免除の有効期間（承認日から期限まで）の上限（日）。短くはできても 365 日より長くはできません。",
)
@timeout_option
@click.option(
    "--deadline",
    type=click.FloatRange(0.1, 3600),
    default=120.0,
    show_default=True,
    help="判定全体（OPA への問い合わせすべて）の制限時間（秒）",
)
@click.option(
    "--audit-log",
    type=RegularFile(must_exist=False),
    envvar="CASEGATE_AUDIT_LOG",
    help="判定記録を1件1行の JSON で追記するファイル（なければ 0600 で作成。env CASEGATE_AUDIT_LOG）",
)
def check_command(
    paths: tuple[Path, ...],
    schema: Path | None,
    output_format: str,
    reports: tuple[ReportTarget, ...],
    lang: str,
    max_bytes: int,
    policies: Path | None,
    verification_key: Path | None,
    signing_alg: str,
    opa_url: str | None,
    opa_ca: Path | None,
    opa_token_file: Path | None,
    require_revision: str | None,
    opa_proxy: str | None,
    as_of: dt.date | None,
    fail_on_warn: bool,
    changed_since: str | None,
    waiver_paths: tuple[Path, ...],
    waiver_max_days: int,
    timeout: float,
    deadline: float,
    audit_log: Path | None,
) -> None:
    """案件ファイルをスキーマと方針（OPA）で確かめます。PATHS はファイルかフォルダ（中の *.json すべて）。"""
    install_sigterm_handler()
    check_report_targets(reports, paths, audit_log)
    try:
        endpoint = parse_opa_url(opa_url, read_token(opa_token_file), opa_ca, opa_proxy) if opa_url else None
        if require_revision is not None and not require_revision.strip():
            raise click.UsageError(
                "--require-revision（CASEGATE_REQUIRE_REVISION）が空です。求める版を書いてください。"
                " / --require-revision (CASEGATE_REQUIRE_REVISION) is empty: give the revision required."
            )
        if opa_proxy is not None and endpoint is None:
            raise click.UsageError(
                "--opa-proxy は --opa-url と一緒に使います（自前の OPA はこのコンピュータの中です）。"
                " / --opa-proxy goes with --opa-url (the private OPA is on this machine)."
            )
        if endpoint is not None and verification_key is not None:  # it would verify nothing
            raise click.UsageError(
                "--verification-key は --policies のバンドルを確かめる鍵で、--opa-url では使えません"
                "（中央の OPA の署名の検証は casegate doctor で確かめます）。"
                " / --verification-key verifies a --policies bundle and does nothing with --opa-url"
                " (casegate doctor shows the central OPA's signature check)."
            )
        where = resolve_locations(
            schema,
            policies,
            need_policies=endpoint is None,
            central_url=endpoint.url if endpoint else None,
            key_id=_key_label(verification_key) if verification_key else None,
        )
        schema_path, policies_path, root = where.schema, where.policies, where.root
        today, zone = dates.today()  # Japan's today by default: a 06:00 JST run is not a day late
        scope = None
        if changed_since is not None:
            rules = [schema_path.parent, *(waiver_paths or ([root / "waivers"] if root else []))]
            selection = select_changed(
                paths, changed_since, Path.cwd(), [*rules, *([policies_path] if policies_path else [])]
            )
            scope = describe_selection(selection, changed_since)
            paths = selection.paths
        settings = RunSettings(
            paths=paths,
            schema=schema_path,
            policies=policies_path,
            endpoint=endpoint,
            repo_root=root,
            as_of=as_of or today,
            as_of_zone=None if as_of else zone,
            waiver_max_days=waiver_max_days,
            fail_on_warn=fail_on_warn,
            waivers=waiver_paths or ((root / "waivers",) if root and (root / "waivers").is_dir() else ()),
            waiver_schema=schema_path.parent / "waivers.schema.json",
            bundle_key=BundleKey(verification_key, signing_alg) if verification_key else None,
            max_bytes=max_bytes,
            engine=EngineSettings(timeout=timeout, deadline=deadline),
            source=where.source,
            required_revision=require_revision,
        )
        report = dataclasses.replace(check(settings), scope=scope)
        if audit_log is not None:
            append_records(audit_log, report, engine=endpoint.url if endpoint else "local")
    except CasegateError as error:
        say(error, lang)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        click.echo("casegate: 中断しました / interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    _finish(report, output_format, lang, reports)


def run(argv: Sequence[str] | None = None) -> NoReturn:
    """The `casegate` console script: the Click group `main`, with one handler for what escapes it.

    A traceback exits 1, which a pipeline reads as "violation". Here an expected error keeps its
    exit code, Ctrl-C is 130, a usage error 2, and anything unexpected 3 with one sentence asking
    for a report (the traceback only with CASEGATE_DEBUG=1). Tests invoke `main` through Click's
    test runner; this wrapper is what a shell runs.
    """
    sys.exit(_run(list(sys.argv[1:] if argv is None else argv)))


def _run(args: list[str]) -> int:
    try:
        code = main.main(args=args, prog_name="casegate", standalone_mode=False)
    except (click.exceptions.Abort, KeyboardInterrupt):  # Click turns Ctrl-C into Abort
        click.echo("casegate: 中断しました / interrupted", err=True)
        return EXIT_INTERRUPTED
    except click.ClickException as error:  # usage errors (2) and the like, shown as Click shows them
        error.show()
        return error.exit_code
    except CasegateError as error:
        say(error, _lang(args))
        return error.exit_code
    except Exception as error:  # noqa: BLE001 - the one place that catches what nobody expected
        _report_unexpected(error, _lang(args))
        return EXIT_ENGINE
    return code if isinstance(code, int) else EXIT_OK


def _lang(args: Sequence[str]) -> str:
    """The language of an error that escaped its command: --lang as given, else CASEGATE_LANG."""
    lang = os.environ.get("CASEGATE_LANG", "ja")
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            lang = args[index + 1]
        elif arg.startswith("--lang="):
            lang = arg.partition("=")[2]
    return lang if lang in LANGUAGES else "ja"


def _report_unexpected(error: Exception, lang: str) -> None:
    # Only the type is named: an exception's text may hold a path, a URL or worse, and a ward
    # clerk can do nothing with it; CASEGATE_DEBUG=1 shows everything to whoever fixes it.
    name = type(error).__name__
    if os.environ.get("CASEGATE_DEBUG") == "1":
        traceback.print_exception(error, file=sys.stderr)
    if lang == "en":
        message = (
            f"stopped by an unexpected error ({name}): this is a fault of casegate, not of your files. "
            "Please report it with the command you ran (CASEGATE_DEBUG=1 shows the details)."
        )
    else:
        message = (
            f"予期しないエラー（{name}）で止まりました。案件ファイルではなく casegate の不具合です。"
            "実行したコマンドを添えて担当者に報告してください（環境変数 CASEGATE_DEBUG=1 で詳細を表示します）。"
        )
    click.echo(f"casegate: {message}", err=True)


if __name__ == "__main__":  # pragma: no cover
    run()
