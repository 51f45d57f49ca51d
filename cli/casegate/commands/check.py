"""The Click faces of `casegate validate` and `casegate check`: options in, a report out, an exit code.

Nothing here decides a verdict. Each command builds a RunSettings, the runner returns a RunReport,
a renderer from the registry prints it, and the report picks the exit code. Errors are raised, and
the group's one handler (commands/main.py) says them in --lang and exits with their code.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from casegate.commands import signals
from casegate.commands.options import (
    RegularFile,
    as_of_option,
    changed_since_option,
    check_report_targets,
    format_option,
    lang_option,
    max_bytes_option,
    opa_connection_options,
    opa_proxy_option,
    paths_argument,
    policies_option,
    report_option,
    require_revision_option,
    say,
    schema_option,
    signing_alg_option,
    timeout_option,
    verification_key_option,
    waivers_option,
)
from casegate.core import dates
from casegate.core.changed import describe_selection, select_changed
from casegate.core.model import RunReport
from casegate.core.run import RunSettings, check, validate
from casegate.core.waivers import MAX_WAIVER_DAYS
from casegate.engine.bundle import key_label
from casegate.engine.endpoint import EngineSettings, parse_opa_url, read_token
from casegate.engine.local import BundleKey
from casegate.errors import EXIT_INPUT
from casegate.messages import commands as messages
from casegate.report import FORMATS
from casegate.report.audit import append_records
from casegate.report.files import ReportTarget, write_all
from casegate.resources import resolve_locations


def default_waivers(given: tuple[Path, ...], root: Path | None) -> tuple[Path, ...]:
    """--waivers as given, else the policy repository's waivers/ when there is one."""
    return given or ((root / "waivers",) if root and (root / "waivers").is_dir() else ())


def _finish(report: RunReport, output_format: str, lang: str, reports: Sequence[ReportTarget]) -> None:
    """The --report files, then stdout, then the exit code: a report that could not be written
    is said and fails the run (exit 2 or worse), whatever the verdict."""
    signals.raise_if_interrupted()  # a Ctrl-C that Python dropped still ends the run as interrupted
    failed = write_all(reports, lambda name, stream: FORMATS[name](report, stream, lang))
    FORMATS[output_format](report, sys.stdout, lang)  # written as it is made, never held whole
    sys.stdout.flush()  # the verdict before any error about a report file
    for error in failed:
        say(error, lang)
    sys.exit(max(report.exit_code(), EXIT_INPUT) if failed else report.exit_code())


def _common(function: click.decorators.FC) -> click.decorators.FC:
    options = [
        paths_argument(),
        schema_option,
        format_option(FORMATS),
        report_option(FORMATS),
        lang_option,
        max_bytes_option,
    ]
    for option in reversed(options):
        function = option(function)
    return function


@click.command("validate")
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
    _finish(report, output_format, lang, reports)


@click.command("check")
@_common
@policies_option(
    "方針フォルダ、または casegate bundle build で作ったバンドル（.tar.gz）。既定：インストールされた casegate リリースの方針。"
    "フォルダを指定すると、リリースされていない方針で判定したことがすべての出力に明記されます"
)
@verification_key_option(
    "--policies がバンドル（.tar.gz）のとき、その署名を確かめる公開鍵（PEM）。署名が合わなければ判定しません。"
)
@signing_alg_option()
@opa_connection_options(
    "方針を読み込み済みの OPA サーバ（例：http://127.0.0.1:8181、env CASEGATE_OPA_URL）。省略時は自前の OPA を起動します。"
)
@require_revision_option
@opa_proxy_option
@as_of_option(
    "判定の基準日（既定：日本時間の今日。別の時間帯は環境変数 CASEGATE_TZ）。2026-05-01 または 令和8年5月1日、1900-01-01〜2199-12-31"
)
@click.option("--fail-on-warn", is_flag=True, help="警告も不合格（終了コード 1）にします")
@changed_since_option(
    "REF（例：origin/main）から追加・変更された案件だけを確かめます。policies/・schemas/・waivers/ が変わっていれば全件。"
)
@waivers_option
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
    check_report_targets(reports, paths, audit_log)
    endpoint = parse_opa_url(opa_url, read_token(opa_token_file), opa_ca, opa_proxy) if opa_url else None
    if require_revision is not None and not require_revision.strip():
        raise click.UsageError(messages.EMPTY_REQUIRED_REVISION.text().both())
    if opa_proxy is not None and endpoint is None:
        raise click.UsageError(messages.PROXY_WITHOUT_URL.text().both())
    if endpoint is not None and verification_key is not None:  # it would verify nothing
        raise click.UsageError(messages.KEY_WITH_URL.text().both())
    where = resolve_locations(
        schema,
        policies,
        need_policies=endpoint is None,
        central_url=endpoint.url if endpoint else None,
        key_id=key_label(verification_key) if verification_key else None,
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
        waivers=default_waivers(waiver_paths, root),
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
    _finish(report, output_format, lang, reports)
