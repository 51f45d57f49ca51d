"""The Click face of `casegate doctor` (the diagnosis is casegate.engine.doctor, its text and JSON
casegate.report.doctor). Exit 0 when every check passed, 3 when one failed."""

from __future__ import annotations

from pathlib import Path

import click

from casegate.commands.options import (
    format_option,
    lang_option,
    opa_connection_options,
    opa_proxy_option,
    policies_option,
    timeout_option,
)
from casegate.engine.doctor import diagnose_central, diagnose_local
from casegate.engine.endpoint import EngineSettings, parse_opa_url, read_token
from casegate.report.doctor import DOCTOR_RENDERERS
from casegate.resources import resolve_locations


@click.command("doctor")
@opa_connection_options("中央の OPA（env CASEGATE_OPA_URL）。省略時はローカルの OPA を確かめます。")
@opa_proxy_option
@policies_option("ローカルで使う方針フォルダ（既定：インストールされた casegate リリースの方針）")
@format_option(DOCTOR_RENDERERS)
@lang_option
@timeout_option
def doctor(
    opa_url: str | None,
    opa_ca: Path | None,
    opa_token_file: Path | None,
    opa_proxy: str | None,
    policies: Path | None,
    output_format: str,
    lang: str,
    timeout: float,
) -> None:
    """判定エンジンを点検します：OPA の版、接続、読み込まれた方針の版、署名の検証。終了コード：0 正常、3 問題あり。"""
    settings = EngineSettings(timeout=timeout, retries=0)
    if opa_url:
        diagnosis = diagnose_central(
            parse_opa_url(opa_url, read_token(opa_token_file), opa_ca, opa_proxy), settings
        )
    else:
        where = resolve_locations(None, policies, need_policies=True)
        diagnosis = diagnose_local(where.policies, settings, where.source)
    click.echo(DOCTOR_RENDERERS[output_format](diagnosis, lang), nl=False)
    raise SystemExit(diagnosis.exit_code())
