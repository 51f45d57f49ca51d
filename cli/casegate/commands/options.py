"""What the sub-commands' Click faces share: options, where the rules are, the token, errors.

Each command module (cli.py, impact_command.py, doctor.py, bundle_command.py) imports these
instead of defining its own copy, so an option means the same in every command.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import click

from casegate import resources
from casegate.core import paths
from casegate.core.dates import FIRST_YEAR, LAST_YEAR, parse_date
from casegate.core.provenance import PolicySource
from casegate.errors import CasegateError
from casegate.messages import Text
from casegate.report.files import ReportTarget, among_inputs, check_target, same_file_twice

F = TypeVar("F", bound=Callable[..., object])


@dataclass(frozen=True)
class Locations:
    """The schema and policies a command uses, where they came from, and the policy repository."""

    schema: Path
    policies: Path | None  # None with a central OPA, or when the command needs no policy
    source: PolicySource
    root: Path | None  # the casegate policy repository the running code lives in, if any


def resolve_locations(
    schema: Path | None,
    policies: Path | None,
    need_policies: bool,
    *,
    central_url: str | None = None,
    key_id: str | None = None,
) -> Locations:
    """The schema and the policies, from options or the defaults, and what to call their source.

    Defaults: the casegate policy repository when the running code is inside one, else what the
    installed release carries. Never the working directory: see resources.py.
    """
    root = resources.policy_repository()
    default_kind = "repository" if root is not None else "release"
    schema_kind = "local-file" if schema is not None else default_kind
    if schema is None:
        schema = (
            root / "schemas" / "case.schema.json" if root else resources.packaged("schemas/case.schema.json")
        )
    kind: str | None = None
    location = ""
    if central_url is not None:
        kind, location = "central", central_url
    elif need_policies:
        if policies is not None:
            kind = "signed-bundle" if policies.is_file() else "local-folder"
        else:
            kind = default_kind
            policies = root / "policies" if root else resources.packaged("policies")
        location = _shown(policies) if policies is not None else ""
    missing = [
        name
        for name, value in (
            ("--schema", schema),
            ("--policies", policies if kind not in (None, "central") else Path()),
        )
        if value is None
    ]
    if missing or schema is None:
        raise click.UsageError(
            f"この casegate には方針・スキーマが同梱されていません。{' と '.join(missing)} で場所を指定するか、"
            "casegate をリリースから pip でインストールし直してください。"
            f" / This casegate install carries no policies or schemas: give {' and '.join(missing)},"
            " or reinstall casegate from a release."
        )
    source = PolicySource(
        kind=kind,
        location=location,
        schema_kind=schema_kind,
        schema_location=_shown(schema),
        key_id=key_id if kind == "signed-bundle" else None,
    )
    return Locations(schema=schema, policies=policies if need_policies else None, source=source, root=root)


def _shown(path: Path) -> str:
    """PATH as a reader of the report needs it: relative when under the working folder, so a
    committed report or document names `policies`, not the machine's own folders."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve())) or "."
    except (ValueError, OSError):
        return str(path)


def read_token(token_file: Path | None) -> str | None:
    """The bearer token for a central OPA: from a file, else $CASEGATE_OPA_TOKEN; never an argument.

    A token on the command line would end up in shell history and `ps` output.
    """
    if token_file is not None:
        # casegate.core.paths refuses a FIFO or device at once (reading one would hang or never end).
        token = paths.read_text(
            token_file, Text("トークンのファイル", "the token file"), max_bytes=65_536
        ).strip()
        return token or None
    return os.environ.get("CASEGATE_OPA_TOKEN") or None


def say(error: CasegateError, lang: str) -> None:
    """An expected problem on stderr: the file first, then the sentence in `lang`."""
    where = f"{error.path}: " if error.path else ""
    click.echo(f"casegate: {where}{error.message(lang)}", err=True)


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
                f"{value!r}: 日付は 2026-05-01 または 令和8年5月1日 の形で、{FIRST_YEAR}〜{LAST_YEAR}年の"
                f"実在する日を書いてください / use YYYY-MM-DD, an existing day from {FIRST_YEAR} to {LAST_YEAR}",
                param,
                ctx,
            )


def as_of_option(help_text: str) -> Callable[[F], F]:
    return click.option("--as-of", type=DateParam(), default=None, help=help_text)


def policies_option(help_text: str) -> Callable[[F], F]:
    return click.option("--policies", type=click.Path(path_type=Path, exists=True), help=help_text)


schema_option = click.option(
    "--schema",
    type=paths.RegularFile(),
    help="案件スキーマ（既定：インストールされた casegate リリースのスキーマ。指定すると、リリースされていないスキーマとして出力に明記されます）",
)

lang_option = click.option(
    "--lang",
    type=click.Choice(("ja", "en")),
    default="ja",
    show_default=True,
    envvar="CASEGATE_LANG",
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
                    type=paths.RegularFile(),
                    envvar="CASEGATE_OPA_CA",
                    help="https の OPA の証明書を検証する CA（PEM）",
                ),
                click.option(
                    "--opa-token-file",
                    type=paths.RegularFile(),
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
            self.fail(
                f"{value!r}: 形式=ファイル の形で書いてください（例：--report sarif=casegate.sarif。形式：{choices}）"
                f" / write FORMAT=PATH, e.g. --report sarif=casegate.sarif (formats: {choices})",
                param,
                ctx,
            )
        if name not in self.formats:
            self.fail(
                f"{name!r} という形式はありません。次のどれかを書いてください：{choices}"
                f" / no format {name!r}: use one of {choices}",
                param,
                ctx,
            )
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
        raise click.UsageError(
            f"--report {twice} が2回指定されています。形式ごとに別のファイルを指定してください。"
            f" / --report names {twice} twice: give each format its own file."
        )
    logs = [ReportTarget("", audit_log)] if audit_log is not None else []
    clash = same_file_twice([*reports, *logs]) if logs else None
    case = among_inputs(reports, inputs)
    if clash is not None or case is not None:
        shown = clash or case
        raise click.UsageError(
            f"--report {shown} は判定する案件（または --audit-log）と同じ場所です。報告は案件のフォルダの外の別のファイルに書いてください。"
            f" / --report {shown} is among the cases judged (or is the --audit-log): write reports to another file,"
            " outside the case folders."
        )
