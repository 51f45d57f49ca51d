"""`casegate render`: one committee document per case, with casegate's verdict on it.

The verdict comes from runner.check, the same call `casegate check` makes, with the real OPA. A case
that cannot be judged (unreadable, not fitting the schema, engine down) gets no document: its errors
are printed exactly as `check` prints them and the exit code is check's (2 input, 3 engine). A case
that is judged 不合格 still gets its document, with 不合格 on the cover and in the verdict box, and
the exit code is 1 as with check, after every document is written.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import click

from casegate.commands.options import (
    as_of_option,
    changed_since_option,
    format_option,
    lang_option,
    max_bytes_option,
    paths_argument,
    policies_option,
    resolve_locations,
    schema_option,
    signing_alg_option,
    timeout_option,
    verification_key_option,
    waivers_option,
)
from casegate.core.changed import select_changed
from casegate.core.model import CaseReport, RunReport, Verdict
from casegate.core.read import load_case
from casegate.core.run import RunSettings, check
from casegate.engine.bundle import key_label
from casegate.engine.endpoint import EngineSettings
from casegate.engine.local import BundleKey
from casegate.errors import EXIT_OK, InputError
from casegate.render import deps
from casegate.report import RENDERERS

FORMATS = ("pdf", "html")


@dataclass(frozen=True)
class RenderSettings:
    paths: tuple[Path, ...]
    output_format: str
    output_dir: Path
    as_of: dt.date
    schema: Path | None
    policies: Path | None
    waivers: tuple[Path, ...]
    max_bytes: int
    timeout: float
    bundle_key: BundleKey | None = None
    changed_since: str | None = None


def _check_stack(output_format: str) -> None:
    """Fail before OPA starts when a part is missing: say what to install, render nothing."""
    deps.import_python("jinja2")
    deps.import_python("graphviz")
    if output_format == "pdf":
        deps.import_weasyprint()


def _judge(settings: RenderSettings) -> tuple[RunReport, Path]:
    """check's own call, with the locations and provenance check would use for the same options."""
    key = settings.bundle_key
    where = resolve_locations(
        settings.schema, settings.policies, need_policies=True, key_id=key_label(key.path) if key else None
    )
    schema_path, policies_path, root = where.schema, where.policies, where.root
    assert policies_path is not None  # need_policies=True resolves one or raises
    waivers = settings.waivers or ((root / "waivers",) if root and (root / "waivers").is_dir() else ())
    report = check(
        RunSettings(
            paths=settings.paths,
            schema=schema_path,
            policies=policies_path,
            repo_root=root,
            as_of=settings.as_of,
            waivers=waivers,
            waiver_schema=schema_path.parent / "waivers.schema.json",
            max_bytes=settings.max_bytes,
            bundle_key=key,
            engine=EngineSettings(timeout=settings.timeout),
            source=where.source,
        )
    )
    return report, policies_path


def _document_bytes(case: CaseReport, report: RunReport, policies: Path, settings: RenderSettings) -> bytes:
    from casegate.render import catalogue, diagram, document, html, pdf

    loaded = load_case(Path(case.path), max_bytes=settings.max_bytes)
    if loaded.sha256 != case.sha256:  # the document must show the very file that was judged
        raise InputError(
            "changed-while-rendering",
            message_ja="判定のあとに案件ファイルが書き換えられました。もう一度 render を実行してください。",
            message_en="The case file changed after it was judged. Run render again.",
            path=case.path,
        )
    built = document.build(
        loaded.data,
        catalogue.load_catalogue(policies),
        case,
        report.policy,
        report.as_of,
        diagram.build(loaded.data),
        report.source,
    )
    text = html.render_html(built)
    return pdf.render_pdf(text, case.path) if settings.output_format == "pdf" else text.encode("utf-8")


def _write(target: Path, content: bytes) -> None:
    """Whole or not at all: a half-written PDF must never be attached as the committee's copy."""
    handle, scratch = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        Path(scratch).chmod(0o644)
        Path(scratch).replace(target)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise


def _targets(cases: list[CaseReport], settings: RenderSettings) -> dict[str, Path]:
    targets: dict[str, Path] = {}
    seen: dict[Path, str] = {}
    for case in cases:
        target = settings.output_dir / f"{Path(case.path).stem}.{settings.output_format}"
        if target in seen:
            raise InputError(
                "render-name-clash",
                message_ja=f"{seen[target]} と {case.path} は同じ名前の文書 {target.name} になります。別々に -o で出力先を分けてください。",
                message_en=f"{seen[target]} and {case.path} would both be written as {target.name}. Render them into different -o folders.",
                path=case.path,
            )
        seen[target] = case.path
        targets[case.path] = target
    return targets


def execute(settings: RenderSettings, lang: str) -> int:
    _check_stack(settings.output_format)
    if settings.changed_since is not None:
        # Only the cases the change touches: the pipeline attaches their documents. Unlike check,
        # a change of the policies does not widen this to every case (impact reports that).
        chosen = select_changed(settings.paths, settings.changed_since, Path.cwd(), []).paths
        if not chosen:
            click.echo(
                "casegate: 変更された案件はありません / no case changed" + f" ({settings.changed_since})",
                err=True,
            )
            return EXIT_OK
        settings = replace(settings, paths=chosen)
    report, policies = _judge(settings)
    if report.engine_problem is not None:  # no verdict, no document
        click.echo(RENDERERS["text"](report, lang), nl=False, err=True)
        return report.exit_code()
    judged = [case for case in report.cases if case.kind == "case" and case.verdict is not Verdict.ERROR]
    failed = [case for case in report.cases if case not in judged]
    if failed:  # printed as check prints them: the same words, the same places
        click.echo(RENDERERS["text"](replace(report, cases=tuple(failed)), lang), nl=False, err=True)
    targets = _targets(judged, settings)
    settings.output_dir.mkdir(parents=True, exist_ok=True)
    for case in judged:
        _write(targets[case.path], _document_bytes(case, report, policies, settings))
        verdict = {"ja": {"pass": "合格", "fail": "不合格"}, "en": {"pass": "PASS", "fail": "FAIL"}}[lang]
        click.echo(f"{targets[case.path]}\t{verdict[case.verdict.value]}\t{case.path}")
    return report.exit_code()


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
    settings = RenderSettings(
        paths=paths,
        output_format=output_format,
        output_dir=output_dir,
        as_of=as_of or dt.date.today(),
        schema=schema,
        policies=policies,
        waivers=waiver_paths,
        max_bytes=max_bytes,
        timeout=timeout,
        bundle_key=BundleKey(verification_key, signing_alg) if verification_key else None,
        changed_since=changed_since,
    )
    sys.exit(execute(settings, lang))


__all__ = ["render_command"]
