"""What the sub-commands' Click faces share: every option, and how an error is said.

Each option is declared here once, with one rule (type, default, environment variable), and every
command takes it from here, so `--policies` means the same in check, render, serve, impact and
doctor. Where commands differ (the formats they write, whether a bundle is accepted, the help
sentence), the one declaration takes that as a parameter.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

import click

from casegate.core import paths
from casegate.core.dates import FIRST_YEAR, LAST_YEAR, parse_date
from casegate.engine.bundle import SIGNING_ALGORITHMS
from casegate.errors import LANGUAGES, CasegateError
from casegate.messages import commands as messages
from casegate.report.files import ReportTarget, among_inputs, check_target, same_file_twice

F = TypeVar("F", bound=Callable[..., object])


def say(error: CasegateError, lang: str) -> None:
    """An expected problem on stderr: the file first, then the sentence in `lang`."""
    where = f"{error.path}: " if error.path else ""
    click.echo(f"casegate: {where}{error.message(lang)}", err=True)


#: Where --lang's value is kept for the top-level handler (Context.meta is shared by every
#: context of one invocation, so the group sees what its sub-command parsed).
LANG_KEY = "casegate.lang"


def _remember_lang(ctx: click.Context, param: click.Parameter, value: str) -> str:
    ctx.meta[LANG_KEY] = value
    return value


def current_lang(ctx: click.Context | None) -> str:
    """The language of an error that escaped its command: the command's --lang (or CASEGATE_LANG)
    once parsed; before that (or for a command without --lang) CASEGATE_LANG when valid, else ja."""
    if ctx is not None and ctx.meta.get(LANG_KEY) in LANGUAGES:
        return str(ctx.meta[LANG_KEY])
    lang = os.environ.get("CASEGATE_LANG", "ja")
    return lang if lang in LANGUAGES else "ja"


class RegularFile(click.ParamType[object, Path]):
    """A Click path option that must be a regular file when it exists (checked with stat, never opened).

    `must_exist=False` for files casegate creates (the audit log). A FIFO, device, socket or
    folder is a usage error (exit 2) at once; the code that opens the file checks again.
    """

    name = "file"

    def __init__(self, must_exist: bool = True) -> None:
        self.must_exist = must_exist

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> Path:
        path = Path(os.fsdecode(value)) if isinstance(value, (str, bytes, os.PathLike)) else Path(str(value))
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            if self.must_exist:
                self.fail(f"{path}: {messages.NO_SUCH_FILE.text().both()}", param, ctx)
            return path
        except OSError as error:
            self.fail(f"{path}: {error.strerror or error}", param, ctx)
        what = paths.kind_of(mode)
        if what is not None:
            self.fail(messages.NOT_A_FILE.text(file=path, what=what).both(), param, ctx)
        return path


class DateParam(click.ParamType[object, dt.date]):
    """A date as 2026-05-01 or 令和8年5月1日, in the years a case's dates may have (1900-2999)."""

    name = "date"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return parse_date(str(value))
        except ValueError:
            self.fail(
                messages.BAD_DATE.text(value=value, first=FIRST_YEAR, last=LAST_YEAR).both(), param, ctx
            )


def paths_argument(required: bool = True) -> Callable[[F], F]:
    # readable=False: the loader, not Click, says a file cannot be read (in Japanese, with the fix).
    return click.argument(
        "paths", nargs=-1, required=required, type=click.Path(path_type=Path, readable=False)
    )


def format_option(
    choices: Iterable[str], default: str = "text", help_text: str = "出力形式 / output format"
) -> Callable[[F], F]:
    """--format, its choices from the command's registry of renderers (an unknown name is a usage error)."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(tuple(choices)),
        default=default,
        show_default=True,
        help=help_text,
    )


def as_of_option(help_text: str) -> Callable[[F], F]:
    return click.option("--as-of", type=DateParam(), default=None, help=help_text)


def policies_option(help_text: str, *, bundles: bool = True) -> Callable[[F], F]:
    """--policies: a policy folder, or (where the command can use one) a bundle file (.tar.gz)."""
    return click.option(
        "--policies", type=click.Path(path_type=Path, exists=True, file_okay=bundles), help=help_text
    )


def verification_key_option(help_text: str, *, required: bool = False) -> Callable[[F], F]:
    return click.option("--verification-key", type=RegularFile(), required=required, help=help_text)


def signing_alg_option(help_text: str = "バンドルの署名の方式") -> Callable[[F], F]:
    return click.option(
        "--signing-alg",
        type=click.Choice(SIGNING_ALGORITHMS),
        default="RS256",
        show_default=True,
        help=help_text,
    )


def changed_since_option(help_text: str) -> Callable[[F], F]:
    return click.option("--changed-since", metavar="REF", help=help_text)


waivers_option = click.option(
    "--waivers",
    "waiver_paths",
    multiple=True,
    type=click.Path(path_type=Path, exists=True),
    help="免除ファイルまたはフォルダ（既定：リポジトリの waivers/）。複数指定できます。",
)

max_bytes_option = click.option(
    "--max-bytes",
    type=click.IntRange(1),
    default=1_000_000,
    show_default=True,
    help="案件ファイルの大きさの上限（バイト）",
)

schema_option = click.option(
    "--schema",
    type=RegularFile(),
    help="案件スキーマ（既定：インストールされた casegate リリースのスキーマ。指定すると、リリースされていないスキーマとして出力に明記されます）",
)

lang_option = click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default="ja",
    show_default=True,
    envvar="CASEGATE_LANG",
    # Eager: parsed before the other options, so an error raised while they are converted is
    # already told in the language asked for.
    is_eager=True,
    callback=_remember_lang,
    help="メッセージの言語 / message language (env CASEGATE_LANG)",
)

timeout_option = click.option(
    "--timeout",
    type=click.FloatRange(0.1, 600),
    default=10.0,
    show_default=True,
    help="OPA への1回の問い合わせの制限時間（秒）",
)


def opa_connection_options(url_help: str) -> Callable[[F], F]:
    """--opa-url, --opa-ca and --opa-token-file (the token itself is never an argument)."""

    def apply(function: F) -> F:
        for option in reversed(
            [
                click.option("--opa-url", envvar="CASEGATE_OPA_URL", help=url_help),
                click.option(
                    "--opa-ca",
                    type=RegularFile(),
                    envvar="CASEGATE_OPA_CA",
                    help="https の OPA の証明書を検証する CA（PEM）",
                ),
                click.option(
                    "--opa-token-file",
                    type=RegularFile(),
                    envvar="CASEGATE_OPA_TOKEN_FILE",
                    help="OPA のトークンを書いたファイル（または環境変数 CASEGATE_OPA_TOKEN。コマンドラインにトークンそのものは書けません）",
                ),
            ]
        ):
            function = option(function)
        return function

    return apply


require_revision_option = click.option(
    "--require-revision",
    metavar="REV",
    envvar="CASEGATE_REQUIRE_REVISION",
    help="判定した方針バンドルの版がちょうど REV でなければ失敗（終了コード 3）にします（env CASEGATE_REQUIRE_REVISION）。"
    "版は出力の「判定の根拠」と casegate doctor に表示されます。",
)

opa_proxy_option = click.option(
    "--opa-proxy",
    metavar="URL",
    help="中央の OPA へ通信するプロキシ（例：http://proxy.example:3128）。環境変数 HTTP(S)_PROXY は使いません。"
    "このコンピュータの OPA（127.0.0.1、::1、localhost）へは使いません。",
)


class ReportParam(click.ParamType[object, ReportTarget]):
    """`FORMAT=PATH`: a format from the registry, and a file it may write (checked at once, so a
    typo costs no OPA run; the writer checks again just before writing)."""

    name = "FORMAT=PATH"

    def __init__(self, formats: Collection[str]) -> None:
        self.formats = tuple(formats)

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> ReportTarget:
        if isinstance(value, ReportTarget):
            return value
        name, equals, path = str(value).partition("=")
        choices = ", ".join(self.formats)
        if not equals or not path:
            self.fail(messages.REPORT_FORM.text(value=value, choices=choices).both(), param, ctx)
        if name not in self.formats:
            self.fail(messages.REPORT_NO_FORMAT.text(name=name, choices=choices).both(), param, ctx)
        target = ReportTarget(name, Path(path))
        try:
            check_target(target.path)
        except CasegateError as error:
            self.fail(f"{error.message('ja')} / {error.message('en')}", param, ctx)
        return target


def report_option(formats: Collection[str]) -> Callable[[F], F]:
    return click.option(
        "--report",
        "reports",
        multiple=True,
        type=ReportParam(formats),
        metavar="FORMAT=PATH",
        help=f"1回の判定から、FORMAT（{', '.join(formats)}）の報告を PATH にも書きます。複数指定できます"
        "（標準出力は --format）。PATH はシンボリックリンク・フォルダ・FIFO ではいけません",
    )


def check_report_targets(
    reports: Sequence[ReportTarget], inputs: Sequence[Path], audit_log: Path | None = None
) -> None:
    """Usage errors (exit 2) before the run: one PATH twice, a PATH among the cases or the log."""
    twice = same_file_twice(reports)
    if twice is not None:
        raise click.UsageError(messages.REPORT_TWICE.text(path=twice).both())
    logs = [ReportTarget("", audit_log)] if audit_log is not None else []
    clash = same_file_twice([*reports, *logs]) if logs else None
    case = among_inputs(reports, inputs)
    if clash is not None or case is not None:
        shown = clash or case
        raise click.UsageError(messages.REPORT_AMONG_INPUTS.text(path=shown).both())
