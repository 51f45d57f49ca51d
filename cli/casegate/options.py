"""What the sub-commands' Click faces share: options, where the rules are, the token, errors.

Each command module (cli.py, impact_command.py, doctor.py, bundle_command.py) imports these
instead of defining its own copy, so an option means the same in every command.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from casegate import paths
from casegate.dates import FIRST_YEAR, LAST_YEAR, parse_date
from casegate.errors import CasegateError
from casegate.resources import packaged

F = TypeVar("F", bound=Callable[..., object])


def find_repo_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` holding both policies/ and schemas/."""
    for folder in (start, *start.parents):
        if (folder / "policies").is_dir() and (folder / "schemas" / "case.schema.json").is_file():
            return folder
    return None


def resolve_locations(
    schema: Path | None, policies: Path | None, need_policies: bool
) -> tuple[Path, Path | None, Path | None]:
    """The schema, the policies (when needed) and the repository root, from options or defaults.

    Defaults: the repository the command runs in, else what the installed casegate carries.
    """
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


def read_token(token_file: Path | None) -> str | None:
    """The bearer token for a central OPA: from a file, else $CASEGATE_OPA_TOKEN; never an argument.

    A token on the command line would end up in shell history and `ps` output.
    """
    if token_file is not None:
        # casegate.paths refuses a FIFO or device at once (reading one would hang or never end).
        token = paths.read_text(
            token_file, ("トークンのファイル", "the token file"), max_bytes=65_536
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
    help="案件スキーマ（既定：リポジトリの schemas/case.schema.json）",
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
