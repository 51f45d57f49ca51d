"""`casegate render`: one committee document per case, with casegate's verdict on it.

The verdict comes from core.run.check, the same call `casegate check` makes, with the real OPA. A case
that cannot be judged (unreadable, not fitting the schema, engine down) gets no document: its errors
are printed exactly as `check` prints them and the exit code is check's (2 input, 3 engine). A case
that is judged 不合格 still gets its document, with 不合格 on the cover and in the verdict box, and
the exit code is 1 as with check, after every document is written. The documents themselves are
casegate.render.produce's.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import replace
from pathlib import Path

import click

from casegate.commands.check import default_waivers
from casegate.commands.options import (
    as_of_option,
    changed_since_option,
    format_option,
    lang_option,
    max_bytes_option,
    paths_argument,
    policies_option,
    schema_option,
    signing_alg_option,
    timeout_option,
    verification_key_option,
    waivers_option,
)
from casegate.core.changed import select_changed
from casegate.core.run import RunSettings, check
from casegate.engine.bundle import key_label
from casegate.engine.endpoint import EngineSettings
from casegate.engine.local import BundleKey
from casegate.errors import EXIT_OK
from casegate.render.produce import FORMATS, check_stack, split_judged, write_documents
from casegate.report import rendered
from casegate.resources import resolve_locations

_VERDICTS = {"ja": {"pass": "合格", "fail": "不合格"}, "en": {"pass": "PASS", "fail": "FAIL"}}


@click.command("render")
@paths_argument()
@format_option(
    FORMATS,
    default="pdf",
    help_text="文書の形式。html は PDF の部品（WeasyPrint）なしで作れます / document format",
)
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path(),
    show_default=True,
    help="文書を書き出すフォルダ（なければ作ります）。ファイル名は案件ファイルの名前＋.pdf / .html",
)
@as_of_option("判定の基準日（既定：今日）。2026-05-01 または 令和8年5月1日")
@lang_option
@schema_option
@policies_option(
    "方針フォルダ、またはバンドル（.tar.gz）。既定：リポジトリの policies/（なければ同梱の方針）"
)
@changed_since_option(
    "REF（例：origin/main）から追加・変更された案件の文書だけを作ります（パイプラインの成果物用）。"
)
@verification_key_option(
    "--policies がバンドル（.tar.gz）のとき、その署名を確かめる公開鍵（PEM）。check と同じ。"
)
@signing_alg_option()
@waivers_option
@max_bytes_option
@timeout_option
def render_command(
    paths: tuple[Path, ...],
    output_format: str,
    output_dir: Path,
    as_of: dt.date | None,
    lang: str,
    schema: Path | None,
    policies: Path | None,
    changed_since: str | None,
    verification_key: Path | None,
    signing_alg: str,
    waiver_paths: tuple[Path, ...],
    max_bytes: int,
    timeout: float,
) -> None:
    """付議事項の文書（PDF または HTML）を案件ファイルから作ります。判定は check と同じ（OPA）で、文書の表紙と末尾に載ります。

    終了コード：0 すべて合格、1 不合格あり（文書は作ります）、2 入力の誤り（その案件の文書は作りません）、3 判定エンジンや部品の不足。
    """
    check_stack(output_format)
    if changed_since is not None:
        # Only the cases the change touches: the pipeline attaches their documents. Unlike check,
        # a change of the policies does not widen this to every case (impact reports that).
        paths = select_changed(paths, changed_since, Path.cwd(), []).paths
        if not paths:
            click.echo(
                "casegate: 変更された案件はありません / no case changed" + f" ({changed_since})", err=True
            )
            sys.exit(EXIT_OK)
    # check's own call, with the locations and provenance check would use for the same options.
    where = resolve_locations(
        schema, policies, need_policies=True, key_id=key_label(verification_key) if verification_key else None
    )
    assert where.policies is not None  # need_policies=True resolves one or raises
    report = check(
        RunSettings(
            paths=paths,
            schema=where.schema,
            policies=where.policies,
            repo_root=where.root,
            as_of=as_of or dt.date.today(),
            waivers=default_waivers(waiver_paths, where.root),
            waiver_schema=where.schema.parent / "waivers.schema.json",
            max_bytes=max_bytes,
            bundle_key=BundleKey(verification_key, signing_alg) if verification_key else None,
            engine=EngineSettings(timeout=timeout),
            source=where.source,
        )
    )
    if report.engine_problem is not None:  # no verdict, no document
        click.echo(rendered("text", report, lang), nl=False, err=True)
        sys.exit(report.exit_code())
    judged, failed = split_judged(report)
    if failed:  # printed as check prints them: the same words, the same places
        click.echo(rendered("text", replace(report, cases=tuple(failed)), lang), nl=False, err=True)
    for case, target in write_documents(judged, report, where.policies, output_dir, output_format, max_bytes):
        click.echo(f"{target}\t{_VERDICTS[lang][case.verdict.value]}\t{case.path}")
    sys.exit(report.exit_code())


__all__ = ["render_command"]
