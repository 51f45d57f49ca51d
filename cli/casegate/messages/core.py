"""Messages of casegate.core: Japanese and English side by side (see casegate.messages)."""

from __future__ import annotations

from casegate.messages import Message

# --- core/paths.py: opening the files a user names ---

LABEL_FILE = Message(ja="ファイル", en="the file")
LABEL_SCHEMA = Message(ja="スキーマ", en="the schema")
LABEL_AUDIT_LOG = Message(ja="判定記録（--audit-log）", en="the decision record (--audit-log)")

KIND_FOLDER = Message(ja="フォルダ", en="a folder")
KIND_FIFO = Message(ja="名前付きパイプ（FIFO）", en="a named pipe (FIFO)")
KIND_SOCKET = Message(ja="ソケット", en="a socket")
KIND_DEVICE = Message(ja="デバイス", en="a device")
KIND_SYMLINK = Message(ja="シンボリックリンク", en="a symbolic link")
KIND_SPECIAL = Message(ja="特殊なファイル", en="a special file")

NOT_A_FILE = Message(
    code="not-a-file",
    ja="{label} {file} は通常のファイルではなく{what}です。読み込まずに止めました。通常のファイルを指定してください。",
    en="{label} {file} is {what}, not a regular file; it was not read. Name a regular file.",
)
UNREADABLE = Message(
    code="unreadable",
    ja="{label} {file} を読めません（{reason}）。名前と場所、読み取り権限を確かめてください。",
    en="Cannot read {label} {file} ({reason}). Check its name, place and read permission.",
)
TOO_LARGE = Message(
    code="too-large",
    ja="{label} {file} が大きすぎます（上限 {limit:,} バイト）。正しいファイルか確かめてください。",
    en="{label} {file} is too large (the limit is {limit:,} bytes). Check that it is the right file.",
)
NOT_UTF8 = Message(
    code="not-utf8",
    ja="{label} {file} が UTF-8 のテキストではありません。UTF-8 で保存してください。",
    en="{label} {file} is not UTF-8 text. Save it as UTF-8.",
)
AUDIT_LOG_UNWRITABLE = Message(
    code="audit-log-unwritable",
    ja="判定記録（--audit-log）{file} に書き込めません（{reason}）。"
    "フォルダがあり書き込めることを確かめるか、別の場所を指定してください。記録のない判定は合格にしません。",
    en="Cannot append to the decision record (--audit-log) {file} ({reason}). "
    "Make sure the folder exists and is writable, or give another file. A decision that is not recorded does not pass.",
)
AUDIT_LOG_SYMLINK = Message(
    code="audit-log-symlink",
    ja="判定記録（--audit-log）{file} はシンボリックリンク（またはハードリンク）です。記録を別の場所へ向けられるため書き込みません。"
    "リンクではない本物のファイルを指定してください。",
    en="The decision record (--audit-log) {file} is a symbolic link (or a hard link), which could send the records "
    "elsewhere, so nothing was written. Name a file that is not a link.",
)
AUDIT_LOG_PERMISSIONS = Message(
    code="audit-log-permissions",
    ja="判定記録（--audit-log）{file} の権限 {mode:04o} は本人以外も読み書きできます。"
    "`chmod 600 {file}` で本人だけにしてから、もう一度実行してください。",
    en="The decision record (--audit-log) {file} has mode {mode:04o}, so others can read or write it. "
    "Run `chmod 600 {file}` and run again.",
)

# --- core/git.py and core/changed.py: --changed-since ---

GIT_MISSING = Message(
    code="git-missing",
    ja="git が見つかりません。git をインストールしてください（PATH の相対パスと案件リポジトリの中は探しません）。",
    en="git was not found. Install git (relative PATH entries and the case repository are not searched).",
)
GIT_TIMEOUT = Message(
    code="git-failed",
    ja="git {command} が 60 秒で終わりませんでした。",
    en="git {command} did not finish within 60 s.",
)
GIT_FAILED = Message(
    code="git-failed",
    ja="git {command} が失敗しました（{detail}）。git のリポジトリの中で実行しているか、指定した REF が正しいか確かめてください。",
    en="git {command} failed ({detail}). Check that you are inside a git repository and that the REF is right.",
)
OUTSIDE_REPOSITORY = Message(
    code="outside-repository",
    ja="{candidate} は git リポジトリ {top} の外にあるため、--changed-since で比べられません。--changed-since を外すか、リポジトリの中の案件を指定してください。",
    en="{candidate} is outside the git repository {top}, so --changed-since cannot compare it. Drop --changed-since or give cases inside the repository.",
)
SCOPE_EVERYTHING = Message(
    ja="{ref}（{commit}）以降に方針・スキーマ・免除が変わったため、すべての案件（{count}件）を確かめました。",
    en="Policies, schemas or waivers changed since {ref} ({commit}): all {count} case(s) checked.",
)
SCOPE_CHANGED = Message(
    ja="{ref}（{commit}）以降に追加・変更された案件 {count}件を確かめました。",
    en="{count} case(s) added or changed since {ref} ({commit}) checked.",
)

# --- core/dates.py ---

BAD_TIME_ZONE = Message(
    code="bad-time-zone",
    ja="環境変数 CASEGATE_TZ の時間帯「{shown}」が分かりません。Asia/Tokyo のような IANA の名前にするか、"
    "CASEGATE_TZ を外してください（既定は Asia/Tokyo）。",
    en="CASEGATE_TZ names an unknown time zone '{shown}'. Use an IANA name such as Asia/Tokyo, "
    "or unset it (the default is Asia/Tokyo).",
)

# --- core/validate.py: a case that does not fit the schema ---
# {where} names the place in Japanese by the schema's title; English readers have the pointer.

LIST_SEPARATOR = Message(ja="、", en=", ")
SCHEMA_WHERE = Message(ja="「{title}」の", en="", one_language=("title",))
SCHEMA_FIELD_TITLED = Message(ja="「{title}」({name})", en='"{name}"', one_language=("title",))
SCHEMA_FIELD = Message(ja="「{name}」", en='"{name}"')

BAD_SCHEMA = Message(
    code="bad-schema",
    ja="スキーマ {file} を読めません（{error}）。--schema で正しいスキーマを指定してください。",
    en="Cannot read the schema {file} ({error}). Point --schema at a valid schema.",
)
SCHEMA_DISAGREEMENT = Message(
    ja="案件ファイルがスキーマに合いません（詳しい場所を特定できませんでした）。",
    en="The case does not fit the schema (the exact place could not be found).",
)
SCHEMA_OUTDATED = Message(
    ja="この案件ファイルは古い形式（{theirs}）です。いまの形式は {ours} です。"
    "`casegate migrate <このファイル>` で新しい形式のファイルを作り、"
    '"不明" の値と assumptions を確かめてから、そちらを使ってください。',
    en="This case file is in the old format {theirs}; the current format is {ours}. "
    "Run `casegate migrate <this file>` to write it in the new format, review the "
    '"不明" (unknown) values and the assumptions, and use the new file.',
)
HINT_INVISIBLE = Message(
    ja="（ゼロ幅スペースなどの見えない文字が含まれています。値を消して半角で打ち直してください）",
    en=" (it contains an invisible character such as a zero-width space; retype it)",
)
HINT_FULL_WIDTH = Message(
    ja="（全角の文字が含まれています。半角の {meant} ではありませんか）",
    en=" (it contains full-width characters; did you mean {meant}?)",
)
HINT_LOOKALIKE = Message(
    ja="（{meant} と形の似た別の文字です。{meant} を使ってください）",
    en=" (a look-alike of {meant}; type {meant})",
)
SCHEMA_REQUIRED = Message(
    ja="{where}必須の項目 {field} がありません。追加してください。",
    en="{where}The required field {field} is missing here. Add it.",
)
HINT_DID_YOU_MEAN = Message(ja="「{close}」の書き間違いではありませんか。", en='Did you mean "{close}"?')
HINT_REMOVE = Message(ja="不要なら削除してください。", en="Remove it if it is not needed.")
SCHEMA_NOT_ALLOWED = Message(
    ja="{where}項目「{name}」はここでは使えません。{hint}",
    en='{where}The field "{name}" is not allowed here. {hint}',
)
SCHEMA_CHOICE = Message(
    ja="{where}値 {value} は使えません。{choices} のどれかを書いてください{hint}。",
    en="{where}The value {value} is not allowed. Use one of: {choices}{hint}.",
)
SCHEMA_KIND = {
    "string": Message(ja='文字列（"…"）', en="string"),
    "boolean": Message(ja="true か false", en="boolean"),
    "integer": Message(ja="整数", en="integer"),
    "object": Message(ja="{{ … }}", en="object"),
    "array": Message(ja="[ … ]", en="array"),
}
SCHEMA_TYPE = Message(
    ja="{where}値 {value} の種類が違います。{kind} で書いてください。",
    en="{where}The value {value} has the wrong type; it must be {kind}.",
)
SCHEMA_DATE = Message(
    ja="{where}日付 {value} が正しくありません。実在する日付を YYYY-MM-DD（例：2026-05-01）で書いてください。",
    en="{where}The date {value} is invalid. Write a real date as YYYY-MM-DD (e.g. 2026-05-01).",
)
SCHEMA_PATTERN = Message(
    ja="{where}値 {value} の書き方が違います{hint}。{form}",
    en="{where}The value {value} does not have the expected form{form}{hint}.",
)
SCHEMA_EMPTY = Message(
    ja="{where}値が空です。内容を書いてください。", en="{where}This value is empty. Fill it in."
)
SCHEMA_RANGE = Message(
    ja="{where}値が大きすぎるか小さすぎます（{keyword} {limit}）。",
    en="{where}The value is out of range ({keyword} {limit}).",
)
SCHEMA_UNIQUE = Message(
    ja="{where}同じ値が2回以上あります。1つにしてください。", en="{where}A value appears twice. Keep one."
)
SCHEMA_NO_SECTION = Message(
    ja="外部結合（external_connection）と業務委託（outsourcing）のどちらもありません。付議する方を書いてください。",
    en="Neither external_connection nor outsourcing is present. Add the section(s) the proposal is about.",
)
SCHEMA_COMBINATION = Message(
    ja='{where}この組合せは使えません（例：委託先が "未定" なのに name がある）。',
    en="{where}This combination is not allowed (e.g. a contractor name while the status is 未定).",
)
SCHEMA_FORM = Message(ja="{description}", en=" (pattern {pattern})", one_language=("description", "pattern"))
SCHEMA_OTHER = Message(
    ja="{where}{said}", en="{where}{said}"
)  # jsonschema's own words, for a keyword not above

# --- core/provenance.py: which rules judged, as every report shows it ---

POLICY_KIND = {
    "release": Message(
        ja="インストールされた casegate リリースの方針", en="the policy of the installed casegate release"
    ),
    "repository": Message(
        ja="casegate 方針リポジトリの policies/", en="the casegate policy repository's policies/"
    ),
    "signed-bundle": Message(
        ja="--policies で指定した署名付きバンドル", en="a signed bundle given with --policies"
    ),
    "local-folder": Message(
        ja="--policies で指定したローカルの方針フォルダ", en="a local policy folder given with --policies"
    ),
    "central": Message(ja="中央の OPA", en="the central OPA"),
}
SCHEMA_KIND_SOURCE = {
    "release": Message(ja="リリースのスキーマ", en="the release's schema"),
    "repository": Message(ja="方針リポジトリのスキーマ", en="the policy repository's schema"),
    "local-file": Message(
        ja="--schema で指定したローカルのスキーマ", en="a local schema given with --schema"
    ),
}
UNRELEASED_WARNING = Message(
    ja="注意：リリースされていないローカルの方針またはスキーマで判定しました。正式な判定ではありません。",
    en="WARNING: a local, unreleased policy or schema decided this run. It is not an official verdict.",
)
SOURCE_REVISION = Message(ja="版 {revision}", en="revision {revision}")
SOURCE_KEY = Message(ja="署名を鍵 {key_id} で検証済み", en="signature verified with key {key_id}")
SOURCE_SEPARATOR = Message(ja="、", en=", ")
SOURCE_POLICY = Message(ja="方針：{name}（{extra}）", en="policy: {name} ({extra})")
SOURCE_SCHEMA = Message(ja="スキーマ：{name}（{location}）", en="schema: {name} ({location})")
SOURCE_LINE = Message(ja="判定の根拠 — {parts}", en="rules used — {parts}")

# --- core/waivers.py: waivers that cannot be used ---

WAIVER_APPROVED_AFTER_EXPIRY = Message(
    ja="承認日 {approved} が期限 {expires} より後です。",
    en="approved_on {approved} is after expires {expires}.",
)
WAIVER_APPROVED_IN_FUTURE = Message(
    ja="承認日 {approved} が基準日 {as_of} より後（未来）です。",
    en="approved_on {approved} is after the date judged for, {as_of}.",
)
WAIVER_TOO_LONG = Message(
    ja="有効期間（{approved}〜{expires}、{days}日）が上限 {limit}日を超えています。",
    en="it runs {days} days ({approved} to {expires}), more than the limit of {limit} days.",
)
WAIVER_FIELD = {
    "approver": Message(ja="承認者", en="approver"),
    "reason": Message(ja="理由", en="reason"),
}
WAIVER_INVISIBLE = Message(
    ja="{name}（{field}）に見える文字がありません（{shown}）。",
    en="{name} has no visible character ({shown}).",
    one_language=("field",),
)
WAIVER_OTHER_RULE = Message(
    ja="指紋（fingerprint）の規則が rule_id {rule_id} と違います。",
    en="the fingerprint names another rule than rule_id {rule_id}.",
)
# Finding titles are shown in Japanese, like the policies' own; the English is there for the day
# reports show titles in both languages.
WAIVER_REFUSED_TITLE = Message(ja="使えない免除", en="Waiver that cannot be used")
WAIVER_REFUSED = Message(
    ja="案件 {case_id} の規則 {rule_id} の免除は使えません：{why}直して承認を得直してください。",
    en="The waiver of rule {rule_id} for case {case_id} cannot be used: {why} Correct it and have it approved again.",
)
WAIVER_EXPIRED_TITLE = Message(ja="免除の期限切れ", en="Expired waiver")
WAIVER_EXPIRED = Message(
    ja="案件 {case_id} の規則 {rule_id} の免除は {expires} で期限が切れています。"
    "違反を直すか、承認を得て期限を延ばしてください。",
    en="The waiver of rule {rule_id} for case {case_id} expired on {expires}. "
    "Fix the violation or have the expiry extended by an approver.",
)
WAIVER_STALE_TITLE = Message(ja="もう合わない免除", en="Waiver that no longer matches")
WAIVER_STALE_NOW = Message(
    ja="今のこの規則の指摘の指紋：{fingerprints}。", en=" The rule's findings now: {fingerprints}."
)
WAIVER_STALE_NONE = Message(ja="今この規則の指摘はありません。", en=" The rule has no finding now.")
WAIVER_STALE = Message(
    ja="免除 {source}（案件 {case_id}、指紋 {fingerprint}）に合う指摘がありません。"
    "免除した指摘の値や場所が変わったか、指摘がなくなりました（変わった指摘は免除されません）。{now}"
    "不要なら削除し、必要なら今の指紋で承認を得直してください。",
    en="The waiver {source} (case {case_id}, fingerprint {fingerprint}) matches no finding: "
    "the finding it was approved for changed (value or place) or went away, and a changed finding is not waived.{now} "
    "Remove the waiver, or have it approved again with the current fingerprint.",
)

# --- core/run.py ---

MESSAGE_CUT = Message(ja="…（以下 {cut:,} 文字省略）", en="… ({cut:,} more characters cut)")

# --- adoption.py: what casegate init writes into a department repository ---

BROKEN_INSTALL_SCHEMA = Message(
    code="broken-install",
    ja="この casegate にはスキーマが同梱されていません",
    en="this casegate ships no schema",
)
BROKEN_INSTALL_TEMPLATES = Message(
    code="broken-install",
    ja="この casegate にはひな形が同梱されていません",
    en="this casegate ships no templates",
)
BROKEN_INSTALL_POLICIES = Message(
    code="broken-install",
    ja="この casegate には方針が同梱されていません",
    en="this casegate ships no policies",
)

# --- resources.py: where the rules come from ---

NO_RULES = Message(
    code="no-rules",
    ja="この casegate には方針・スキーマが同梱されていません。{options} で場所を指定するか、"
    "casegate をリリースから pip でインストールし直してください。",
    en="This casegate install carries no policies or schemas: give {options}, or reinstall casegate from a release.",
)
AND = Message(ja=" と ", en=" and ")

# --- core/migrate.py: casegate migrate ---

MIGRATE_USAGE = Message(
    code="migrate-usage",
    ja="--in-place と --output は同時に使えません。どちらか一方にしてください。",
    en="--in-place and --output cannot be used together; choose one.",
)
MIGRATE_NO_VERSION = Message(ja="（なし）", en="(none)")
MIGRATE_NOT_1X = Message(
    code="migrate-not-1x",
    ja="schema_version が「{version}」です。migrate が書き換えるのは 1.x の案件ファイルだけです。",
    en='schema_version is "{version}"; migrate rewrites 1.x case files only.',
)
MIGRATE_OUTPUT_EXISTS = Message(
    code="migrate-output-exists",
    ja="{target} はすでにあります。上書きはしません。--output で別の名前を指定してください。",
    en="{target} already exists and is not overwritten; name another file with --output.",
)
MIGRATE_WRITE_FAILED = Message(
    code="migrate-write-failed",
    ja="{target} に書き込めません（{why}）。",
    en="Cannot write {target} ({why}).",
)
