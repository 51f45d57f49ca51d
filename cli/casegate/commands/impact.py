"""The Click face of `casegate impact` (the core is casegate.core.impact)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from casegate.commands.options import (
    as_of_option,
    format_option,
    lang_option,
    paths_argument,
    policies_option,
    schema_option,
)
from casegate.core import dates
from casegate.core.impact import impact
from casegate.core.run import RunSettings
from casegate.report import IMPACT_FORMATS, write_impact
from casegate.resources import resolve_locations


@click.command("impact")
@paths_argument(required=False)
@click.option(
    "--base",
    metavar="REF",
    help="比べる元の方針の版（git の REF。例：origin/main）。省略時は作業ツリーの方針",
)
@as_of_option("変更後を判定する基準日（既定：今日）。将来の施行日を試せます")
@policies_option(
    "変更後の方針フォルダ（既定：casegate 方針リポジトリの policies/、なければリリースの方針）", bundles=False
)
@schema_option
@format_option(IMPACT_FORMATS)
@lang_option
@click.option("--fail-on-change", is_flag=True, help="判定が変わる案件があれば終了コード 1 にします")
def impact_command(
    paths: tuple[Path, ...],
    base: str | None,
    as_of: dt.date | None,
    policies: Path | None,
    schema: Path | None,
    output_format: str,
    lang: str,
    fail_on_change: bool,
) -> None:
    """方針の変更（--base）や将来の基準日（--as-of）で、判定が変わる案件を一覧にします。

    変更前は --base の方針で今日の時点、変更後は作業ツリーの方針で --as-of の時点で、
    同じ案件を本物の OPA で判定して比べます。PATHS の既定はリポジトリの cases/。
    """
    if base is None and as_of is None:
        raise click.UsageError(
            "--base か --as-of を指定してください。 / Give --base REF and/or --as-of DATE."
        )
    today, _zone = dates.today()  # Japan's today (CASEGATE_TZ), as in check
    where = resolve_locations(schema, policies, need_policies=True)
    if not paths:
        # Cases are input, not rules: the working directory's cases/ may be judged, and
        # its policies/ never judge (resolve_locations).
        if not Path("cases").is_dir():
            raise click.UsageError("案件のパスを指定してください。 / Give the case paths.")
        paths = (Path("cases"),)
    settings = RunSettings(
        paths=paths,
        schema=where.schema,
        as_of=as_of or today,
        policies=where.policies,
        repo_root=where.root,
        source=where.source,
    )
    report = impact(settings, base, today, fail_on_change)
    write_impact(output_format, report, sys.stdout, lang)
    sys.exit(report.exit_code())
