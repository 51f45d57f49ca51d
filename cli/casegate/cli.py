"""The Click face of casegate: parse options into settings, call the core, print, exit.

Nothing here decides a verdict. `validate` and `check` build a RunSettings, the runner returns
a RunReport, a renderer from the registry prints it, and the report picks the exit code:
0 every case passes, 1 a policy is violated, 2 invalid input or usage, 3 the engine failed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sys
from pathlib import Path

import click

from casegate import __version__
from casegate.audit import append_records
from casegate.changed import describe_selection, select_changed
from casegate.dates import parse_date
from casegate.engine import BundleKey, EngineSettings, install_sigterm_handler, parse_opa_url
from casegate.errors import EXIT_INPUT, CasegateError, InputError
from casegate.model import RunReport
from casegate.output import RENDERERS
from casegate.resources import packaged
from casegate.runner import RunSettings, check, validate

#: The exit code of a run stopped by Ctrl-C (128 + SIGINT), as shells report it.
EXIT_INTERRUPTED = 130


def find_repo_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` holding both policies/ and schemas/."""
    for folder in (start, *start.parents):
        if (folder / "policies").is_dir() and (folder / "schemas" / "case.schema.json").is_file():
            return folder
    return None


def read_token(token_file: Path | None) -> str | None:
    """The bearer token for a central OPA: from a file, else $CASEGATE_OPA_TOKEN; never an argument.

    A token on the command line would end up in shell history and `ps` output.
    """
    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(
                code="unreadable",
                message_ja=f"トークンのファイル {token_file} を読めません（{type(error).__name__}）。",
                message_en=f"Cannot read the token file {token_file} ({type(error).__name__}).",
                path=str(token_file),
            ) from error
        return token or None
    return os.environ.get("CASEGATE_OPA_TOKEN") or None


class DateParam(click.ParamType[object, dt.date]):
    """A date as 2026-05-01 or 令和8年5月1日."""

    name = "date"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return parse_date(str(value))
        except ValueError:
            self.fail(
                f"{value!r}: 日付は 2026-05-01 または 令和8年5月1日 の形で書いてください / use YYYY-MM-DD",
                param,
                ctx,
            )


def _say(error: CasegateError, lang: str) -> None:
    where = f"{error.path}: " if error.path else ""
    click.echo(f"casegate: {where}{error.message(lang)}", err=True)


def _finish(report: RunReport, output_format: str, lang: str) -> None:
    click.echo(RENDERERS[output_format](report, lang), nl=False)
    sys.exit(report.exit_code())


def _common(function: click.decorators.FC) -> click.decorators.FC:
    options = [
        click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path)),
        click.option(
            "--schema",
            type=click.Path(path_type=Path, dir_okay=False),
            help="案件スキーマ（既定：リポジトリの schemas/case.schema.json）",
        ),
        click.option(
            "--format",
            "output_format",
            type=click.Choice(tuple(RENDERERS)),
            default="text",
            show_default=True,
            help="出力形式 / output format",
        ),
        click.option(
            "--lang",
            type=click.Choice(("ja", "en")),
            default="ja",
            show_default=True,
            envvar="CASEGATE_LANG",
            help="メッセージの言語 / message language (env CASEGATE_LANG)",
        ),
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


def _resolve(
    paths: tuple[Path, ...], schema: Path | None, policies: Path | None, need_policies: bool
) -> tuple[Path, Path | None, Path | None]:
    root = find_repo_root(Path.cwd())
    schema = schema or (
        root / "schemas" / "case.schema.json" if root else packaged("schemas/case.schema.json")
    )
    if need_policies:
        policies = policies or (root / "policies" if root else packaged("policies"))
    missing = [
        name
        for name, value in (("--schema", schema), ("--policies", policies if need_policies else Path()))
        if value is None
    ]
    if missing:
        raise click.UsageError(
            f"policies/ と schemas/ のあるリポジトリの中で実行するか、{' と '.join(missing)} で場所を指定してください"
            "（pip でインストールした casegate は方針とスキーマを同梱しています）。"
            f" / Run inside a casegate repository or give {' and '.join(missing)}"
            " (a pip-installed casegate carries its own policies and schemas)."
        )
    assert schema is not None
    return schema, policies, root


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="casegate")
def main() -> None:
    """casegate — 個人情報保護管理運営会議の付議事項（外部結合・業務委託）を確かめます。

    validate はスキーマだけ、check はスキーマと方針（OPA）を確かめます。終了コード：0 すべて合格、
    1 方針違反あり、2 入力・使い方の誤り、3 判定エンジンの失敗。
    """


@main.command("validate")
@_common
def validate_command(
    paths: tuple[Path, ...], schema: Path | None, output_format: str, lang: str, max_bytes: int
) -> None:
    """案件ファイルがスキーマに合うかだけを確かめます（OPA は使いません）。PATHS はファイルかフォルダ。"""
    try:
        schema_path, _, root = _resolve(paths, schema, None, need_policies=False)
        report = validate(
            RunSettings(
                paths=paths, schema=schema_path, as_of=dt.date.today(), repo_root=root, max_bytes=max_bytes
            )
        )
    except CasegateError as error:
        _say(error, lang)
        sys.exit(error.exit_code)
    _finish(report, output_format, lang)


@main.command("check")
@_common
@click.option(
    "--policies",
    type=click.Path(path_type=Path, exists=True),
    help="方針フォルダ、または casegate bundle build で作ったバンドル（.tar.gz）。既定：リポジトリの policies/（なければ同梱の方針）",
)
@click.option(
    "--verification-key",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="--policies がバンドル（.tar.gz）のとき、その署名を確かめる公開鍵（PEM）。署名が合わなければ判定しません。",
)
@click.option(
    "--signing-alg",
    type=click.Choice(("RS256", "ES256")),
    default="RS256",
    show_default=True,
    help="バンドルの署名の方式",
)
@click.option(
    "--opa-url",
    envvar="CASEGATE_OPA_URL",
    help="方針を読み込み済みの OPA サーバ（例：http://127.0.0.1:8181、env CASEGATE_OPA_URL）。省略時は自前の OPA を起動します。",
)
@click.option(
    "--opa-ca",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    envvar="CASEGATE_OPA_CA",
    help="https の OPA の証明書を検証する CA（PEM）。トークンは環境変数 CASEGATE_OPA_TOKEN か --opa-token-file で渡します。",
)
@click.option(
    "--opa-token-file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    envvar="CASEGATE_OPA_TOKEN_FILE",
    help="OPA のトークンを書いたファイル（コマンドラインにトークンそのものは書けません）",
)
@click.option(
    "--as-of",
    type=DateParam(),
    default=None,
    help="判定の基準日（既定：今日）。2026-05-01 または 令和8年5月1日",
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
    "--timeout",
    type=click.FloatRange(0.1, 600),
    default=10.0,
    show_default=True,
    help="OPA への1回の問い合わせの制限時間（秒）",
)
@click.option(
    "--deadline",
    type=click.FloatRange(0.1, 3600),
    default=120.0,
    show_default=True,
    help="判定全体（OPA への問い合わせすべて）の制限時間（秒）",
)
@click.option(
    "--audit-log",
    type=click.Path(path_type=Path, dir_okay=False),
    envvar="CASEGATE_AUDIT_LOG",
    help="判定記録を1件1行の JSON で追記するファイル（なければ 0600 で作成。env CASEGATE_AUDIT_LOG）",
)
def check_command(
    paths: tuple[Path, ...],
    schema: Path | None,
    output_format: str,
    lang: str,
    max_bytes: int,
    policies: Path | None,
    verification_key: Path | None,
    signing_alg: str,
    opa_url: str | None,
    opa_ca: Path | None,
    opa_token_file: Path | None,
    as_of: dt.date | None,
    fail_on_warn: bool,
    changed_since: str | None,
    waiver_paths: tuple[Path, ...],
    timeout: float,
    deadline: float,
    audit_log: Path | None,
) -> None:
    """案件ファイルをスキーマと方針（OPA）で確かめます。PATHS はファイルかフォルダ（中の *.json すべて）。"""
    install_sigterm_handler()
    try:
        endpoint = parse_opa_url(opa_url, read_token(opa_token_file), opa_ca) if opa_url else None
        schema_path, policies_path, root = _resolve(paths, schema, policies, need_policies=endpoint is None)
        scope = None
        if changed_since is not None:
            selection = select_changed(paths, changed_since, Path.cwd())
            scope = describe_selection(selection, changed_since)
            paths = selection.paths
        settings = RunSettings(
            paths=paths,
            schema=schema_path,
            policies=policies_path,
            endpoint=endpoint,
            repo_root=root,
            as_of=as_of or dt.date.today(),
            fail_on_warn=fail_on_warn,
            waivers=waiver_paths or ((root / "waivers",) if root and (root / "waivers").is_dir() else ()),
            waiver_schema=schema_path.parent / "waivers.schema.json",
            bundle_key=BundleKey(verification_key, signing_alg) if verification_key else None,
            max_bytes=max_bytes,
            engine=EngineSettings(timeout=timeout, deadline=deadline),
        )
        report = dataclasses.replace(check(settings), scope=scope)
        if audit_log is not None:
            append_records(audit_log, report, engine=endpoint.url if endpoint else "local")
    except CasegateError as error:
        _say(error, lang)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        click.echo("casegate: 中断しました / interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    _finish(report, output_format, lang)


# Sub-commands in modules of their own; imported last because they use the helpers above.
from casegate.bundle_command import bundle  # noqa: E402
from casegate.doctor import doctor  # noqa: E402
from casegate.impact_command import impact_command  # noqa: E402
from casegate.install_command import install_opa_command  # noqa: E402

main.add_command(impact_command)
main.add_command(install_opa_command)
main.add_command(bundle)
main.add_command(doctor)

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

__all__ = ["EXIT_INPUT", "main"]
