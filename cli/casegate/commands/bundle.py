"""The Click face of `casegate bundle build|verify` (the work is casegate.engine.signed_bundle)."""

from __future__ import annotations

from pathlib import Path

import click

from casegate import resources
from casegate.commands.options import (
    lang_option,
    policies_option,
    signing_alg_option,
    verification_key_option,
)
from casegate.engine.bundle import DEFAULT_KEY_ID
from casegate.engine.opa_locate import find_opa
from casegate.engine.signed_bundle import build_bundle, verify_bundle
from casegate.messages import commands as messages

_ALG = signing_alg_option("署名の方式（中央の OPA の設定 keys.<鍵>.algorithm と同じに）")
_KEY_ID = click.option(
    "--key-id",
    default=DEFAULT_KEY_ID,
    show_default=True,
    help="鍵の名前（central/opa-config.yaml の keys と signing.keyid）",
)


@click.group("bundle")
def bundle() -> None:
    """中央の OPA が配る、署名付きの方針バンドルを作り（build）、確かめます（verify）。"""


@bundle.command("build")
@policies_option(
    "方針フォルダ（既定：casegate 方針リポジトリの policies/。そこから実行した casegate のときだけ）",
    bundles=False,
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("bundle.tar.gz"),
    show_default=True,
    help="書き出すバンドル",
)
@click.option(
    "--signing-key",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    required=True,
    help="署名に使う秘密鍵（PEM）。リポジトリには置かないこと",
)
@_ALG
@_KEY_ID
@lang_option
def build_command(
    policies: Path | None, output: Path, signing_key: Path, signing_alg: str, key_id: str, lang: str
) -> None:
    """policies/ を署名付きバンドルにします。版は「方針の版+g コミット」（未コミットの変更があれば -dirty）。"""
    # The casegate policy repository this casegate runs from; never the working directory.
    root = resources.policy_repository()
    policies = policies or (root / "policies" if root else None)
    if policies is None:
        raise click.UsageError(messages.BUNDLE_NO_POLICIES.text().both())
    built = build_bundle(find_opa(), policies, output, signing_key, signing_alg, key_id)
    dirty = built.revision.endswith("-dirty")
    click.echo(
        messages.BUNDLE_BUILT(
            lang,
            path=built.path,
            revision=built.revision,
            files=built.files,
            algorithm=signing_alg,
            key_id=key_id,
            sha256=built.sha256,
        )
    )
    if dirty:
        click.echo(messages.BUNDLE_DIRTY(lang), err=True)


@bundle.command("verify")
@click.argument("bundle_path", metavar="BUNDLE", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@verification_key_option("署名を確かめる公開鍵（PEM、例：central/keys/casegate-policy.pem）", required=True)
@_ALG
@_KEY_ID
@lang_option
def verify_command(
    bundle_path: Path, verification_key: Path, signing_alg: str, key_id: str, lang: str
) -> None:
    """バンドルの署名とファイルを OPA で検証します。終了コード：0 検証済み、1 検証できない、2 使い方の誤り、3 OPA の失敗。"""
    verified = verify_bundle(find_opa(), bundle_path, verification_key, signing_alg, key_id)
    commit = verified.metadata.get("git_commit", "?")
    click.echo(
        messages.BUNDLE_VERIFIED(
            lang,
            path=verified.path,
            revision=verified.revision,
            roots=list(verified.roots),
            commit=commit,
            algorithm=signing_alg,
            key_id=key_id,
            sha256=verified.sha256,
        )
    )
