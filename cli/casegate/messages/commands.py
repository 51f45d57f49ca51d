"""Messages of casegate.commands: Japanese and English side by side (see casegate.messages)."""

from __future__ import annotations

from casegate.messages import Message

# Said before a command's language is known (Click's usage errors, Ctrl-C, the options' checks)
# they are printed in both languages, "ja / en" (Text.both).

# --- commands/main.py: the one handler ---

INTERRUPTED = Message(ja="casegate: 中断しました", en="interrupted")
UNEXPECTED = Message(
    ja="予期しないエラー（{name}）で止まりました。案件ファイルではなく casegate の不具合です。"
    "実行したコマンドを添えて担当者に報告してください（環境変数 CASEGATE_DEBUG=1 で詳細を表示します）。",
    en="stopped by an unexpected error ({name}): this is a fault of casegate, not of your files. "
    "Please report it with the command you ran (CASEGATE_DEBUG=1 shows the details).",
)

# --- commands/options.py: options that refuse a value ---

REPORT_FORM = Message(
    ja="{value!r}: 形式=ファイル の形で書いてください（例：--report sarif=casegate.sarif。形式：{choices}）",
    en="write FORMAT=PATH, e.g. --report sarif=casegate.sarif (formats: {choices})",
    one_language=("value",),
)
REPORT_NO_FORMAT = Message(
    ja="{name!r} という形式はありません。次のどれかを書いてください：{choices}",
    en="no format {name!r}: use one of {choices}",
)
REPORT_TWICE = Message(
    ja="--report {path} が2回指定されています。形式ごとに別のファイルを指定してください。",
    en="--report names {path} twice: give each format its own file.",
)
REPORT_AMONG_INPUTS = Message(
    ja="--report {path} は判定する案件（または --audit-log）と同じ場所です。報告は案件のフォルダの外の別のファイルに書いてください。",
    en="--report {path} is among the cases judged (or is the --audit-log): write reports to another file,"
    " outside the case folders.",
)

NO_SUCH_FILE = Message(ja="ファイルがありません", en="no such file")
NOT_A_FILE = Message(
    ja="{file} は通常のファイルではなく{what}です", en="{file} is {what}, not a regular file"
)
BAD_DATE = Message(
    ja="{value!r}: 日付は 2026-05-01 または 令和8年5月1日 の形で、{first}〜{last}年の実在する日を書いてください",
    en="use YYYY-MM-DD, an existing day from {first} to {last}",
    one_language=("value",),
)

# --- commands/check.py ---

EMPTY_REQUIRED_REVISION = Message(
    ja="--require-revision（CASEGATE_REQUIRE_REVISION）が空です。求める版を書いてください。",
    en="--require-revision (CASEGATE_REQUIRE_REVISION) is empty: give the revision required.",
)
PROXY_WITHOUT_URL = Message(
    ja="--opa-proxy は --opa-url と一緒に使います（自前の OPA はこのコンピュータの中です）。",
    en="--opa-proxy goes with --opa-url (the private OPA is on this machine).",
)
KEY_WITH_URL = Message(
    ja="--verification-key は --policies のバンドルを確かめる鍵で、--opa-url では使えません"
    "（中央の OPA の署名の検証は casegate doctor で確かめます）。",
    en="--verification-key verifies a --policies bundle and does nothing with --opa-url"
    " (casegate doctor shows the central OPA's signature check).",
)

# --- commands/bundle.py ---

BUNDLE_NO_POLICIES = Message(
    ja="方針リポジトリから実行した casegate（make setup）で作るか、--policies で方針フォルダを指定してください。",
    en="Build with the casegate of the policy repository (make setup), or give --policies.",
)
BUNDLE_BUILT = Message(
    ja="{path}：版 {revision}（{files} ファイル、署名 {algorithm}・鍵 {key_id}） sha256 {sha256}",
    en="{path}: revision {revision} ({files} files, signed {algorithm} with key {key_id}) sha256 {sha256}",
)
BUNDLE_DIRTY = Message(
    ja="注意：policies/ に未コミットの変更があります。配布するバンドルはコミットしてから作ってください。",
    en="Note: policies/ has uncommitted changes. Commit before building a bundle to roll out.",
)
BUNDLE_VERIFIED = Message(
    ja="✓ 検証済み {path}：版 {revision}（roots {roots}、コミット {commit}、署名 {algorithm}・鍵 {key_id}）sha256 {sha256}",
    en="✓ verified {path}: revision {revision} (roots {roots}, commit {commit}, signed {algorithm} with key {key_id}) "
    "sha256 {sha256}",
)

# --- commands/impact.py ---

IMPACT_NEEDS_BASE_OR_DATE = Message(
    ja="--base か --as-of を指定してください。", en="Give --base REF and/or --as-of DATE."
)
IMPACT_NO_CASES = Message(ja="案件のパスを指定してください。", en="Give the case paths.")

# --- commands/install_opa.py ---

INSTALL_ONE_ROUTE = Message(
    ja="--mirror・--from・--build-with-go はどれか1つだけ指定します。",
    en="Give only one of --mirror, --from and --build-with-go.",
)
ALREADY_INSTALLED = Message(ja="導入済み", en="already installed")

# --- commands/render.py ---

VERDICT = {
    "pass": Message(ja="合格", en="PASS"),
    "fail": Message(ja="不合格", en="FAIL"),
}
NO_CASE_CHANGED = Message(ja="casegate: 変更された案件はありません", en="no case changed")

# --- commands/serve.py ---

SERVE_STOPPED = Message(ja="casegate serve: 終了しました", en="stopped")
SERVE_OPEN_URL = Message(
    ja="ブラウザでこの URL を開いてください（Ctrl-C で終了）", en="open this URL (Ctrl-C stops):"
)
MISSING_EXTRA = Message(
    code="missing-extra",
    ja="casegate serve に必要な部品（{name}）がありません。pip install 'casegate[serve]' で入れてください。",
    en="casegate serve needs {name}, which is not installed. Run: pip install 'casegate[serve]'.",
)

# --- commands/migrate.py ---

MIGRATED = Message(
    ja='{target}: 2.x の形式で書きました。"{unknown}" の値と assumptions を確かめ、分かったら書き換えてください。',
    en='{target}: written in the 2.x form. Review the "{unknown}" values and the assumptions, and fill them in.',
)

# --- commands/init.py: casegate init and sync-schema ---

FILE_STATE = {
    "created": Message(ja="作成", en="created"),
    "unchanged": Message(ja="変更なし", en="unchanged"),
    "kept": Message(ja="既存のまま（上書きしません）", en="kept (not overwritten)"),
    "replaced": Message(ja="上書き", en="replaced"),
}
NEXT_STEPS = Message(ja="次にすること：", en="Next steps:")
STEP_INSTALL_OPA = Message(
    ja="  1. OPA を導入します：casegate install-opa（Go があれば --build-with-go、取得済みのファイルなら --from ファイル。"
    "または環境変数 CASEGATE_OPA で指定）",
    en="  1. Install OPA: casegate install-opa  (or --build-with-go, or --from FILE; or set CASEGATE_OPA)",
)
STEP_HOOK = Message(
    ja="  2. フックを有効にします：pre-commit install", en="  2. Turn on the hook: pre-commit install"
)
STEP_FIRST_CASE = Message(
    ja="  3. {template} を cases/<案件ID>.json にコピーして書きます（VS Code では各項目の説明が出ます）",
    en="  3. Copy {template} to cases/<case id>.json and fill it in (VS Code shows help for each item)",
)
STEP_COMMIT = Message(
    ja="  4. git add . と git commit をします（フックが案件を確かめ、不合格なら直すところを表示します）",
    en="  4. git add . && git commit  (the hook checks the case; a refused commit says what to fix)",
)
STEP_REQUIRE = Message(
    ja="  5. マージ前に casegate の確認を必須にします（GitHub：ブランチ保護、GitLab：「パイプラインの成功を必須」と"
    "毎日のパイプラインスケジュール）。CODEOWNERS のチーム名を区の情報セキュリティ担当に書き換えます",
    en="  5. Require the casegate check before merging (GitHub: branch protection; GitLab: 'Pipelines must succeed'"
    " and a daily pipeline schedule), and put your security team's handle in CODEOWNERS",
)
STEP_REPO_URL = Message(
    ja="  ！ .pre-commit-config.yaml の {placeholder} を区の casegate リポジトリの URL に書き換えてください",
    en="  ! Replace {placeholder} in .pre-commit-config.yaml with your casegate repository",
)
STEP_KEPT = Message(
    ja="  ！ 既にあり内容が違うため上書きしなかったファイル（手で合わせるか --force）：{kept}",
    en="  ! Not overwritten (different already; merge by hand or use --force): {kept}",
)
KEPT_SEPARATOR = Message(ja="、", en=", ")
SCHEMA_LINK_ESCAPES = Message(
    ja="リポジトリの外を指すリンクがあるので書き換えません", en="a link leads outside; left alone"
)
SCHEMA_NOT_A_FILE = Message(
    ja="通常のファイルではないので書き換えません", en="not a regular file; left alone"
)
SCHEMA_SYNCED = Message(
    ja="{copy} を casegate {release} のスキーマにそろえました。コミットに加えてください。",
    en="{copy} now matches casegate {release}; add it to the commit.",
)
