"""Messages of casegate.engine: Japanese and English side by side (see casegate.messages)."""

from __future__ import annotations

from casegate.messages import Message

# --- engine/opa_binary.py: finding and running the pinned OPA ---

OPA_CHOSEN = Message(ja="OPA {version}（{how}）: {binary}", en="OPA {version} ({how}): {binary}")
OPA_FROM_ENV = Message(ja="環境変数 CASEGATE_OPA", en="CASEGATE_OPA")
OPA_FROM_INSTALL = Message(
    ja="casegate install-opa で導入、SHA-256 確認済み、{detail}",
    en="installed by casegate install-opa, SHA-256 verified, {detail}",
)
OPA_FROM_PATH = Message(ja="PATH 上", en="on PATH")

GET_OPA_HERE = Message(
    ja="casegate のリポジトリでは `make setup` で .tools/bin/opa を作り、"
    "`export CASEGATE_OPA=$PWD/.tools/bin/opa` で指定します（make check・make test は自動で指定します）。",
    en="In the casegate repository, run `make setup`, then `export CASEGATE_OPA=$PWD/.tools/bin/opa` "
    "(make check and make test set it themselves).",
)
GET_OPA = Message(
    ja="`casegate install-opa` で OPA {version} を導入するか（Go があれば --build-with-go、"
    "情報システム担当が取得したファイルなら --from ファイル）、環境変数 CASEGATE_OPA でその版の opa を指定してください。",
    en="Install OPA {version} with `casegate install-opa` (--build-with-go where Go is installed, "
    "--from FILE for a file IT has downloaded), or name that version with CASEGATE_OPA.",
)
OPA_NOT_FOUND = Message(
    code="opa-missing",
    ja="OPA（{binary}）が見つかりません。{how}",
    en="OPA ({binary}) was not found. {how}",
)
OPA_UNUSABLE = Message(
    code="opa-unusable",
    ja="OPA（{binary}）を実行できません（{why}）。{how}",
    en="OPA ({binary}) cannot be run ({why}). {how}",
)
OPA_RUN_TIMEOUT = Message(
    code="opa-timeout",
    ja="`opa {command}` が {timeout:.0f} 秒で終わりませんでした。",
    en="`opa {command}` did not finish within {timeout:.0f} s.",
)
OPA_NOWHERE = Message(
    code="opa-missing",
    ja="OPA {version} が見つかりません。{how}",
    en="OPA {version} was not found. {how}",
)
OPA_NAMED_MISSING = Message(
    code="opa-missing",
    ja="{route} の OPA（{binary}）がありません。{how}",
    en="The OPA named by {route} ({binary}) does not exist. {how}",
)
OPA_VERSION_FAILED = Message(
    code="opa-unusable",
    ja="OPA（{binary}）に版を尋ねましたが、終了コード {status} で止まりました：{said}。"
    "環境変数（GOMEMLIMIT・GOGC・GOMAXPROCS など）を確かめてください。",
    en="Asked for its version, the OPA ({binary}) stopped with exit code {status}: {said}. "
    "Check the environment (GOMEMLIMIT, GOGC, GOMAXPROCS ...).",
)
OPA_WRONG_VERSION = Message(
    code="opa-wrong-version",
    ja="{route} の OPA（{binary}）は版 {found} です。OPA {version} だけを使います。{how}",
    en="The OPA from {route} ({binary}) is version {found}; only OPA {version} is used. {how}",
)

# --- engine/client.py and engine/evaluate.py: asking OPA for a decision ---
# Each is said inside OPA_FAILED ("Policy engine (OPA) error: ..."), with its own code.

OPA_FAILED = Message(ja="判定エンジン（OPA）のエラー：{detail}。", en="Policy engine (OPA) error: {detail}.")
OPA_REDIRECT = Message(
    code="opa-redirect",
    ja="{url} が別の場所 {target} へ転送しようとしました（HTTP {status}）。"
    "案件の内容とトークンが別のサーバへ送られるため、転送には従いません。--opa-url（CASEGATE_OPA_URL）に中央の OPA の正しい URL を指定してください",
    en="{url} redirected to {target} (HTTP {status}). casegate never follows a redirect, "
    "which would send the cases and the token to another server; point --opa-url (CASEGATE_OPA_URL) at the "
    "central OPA itself",
)
OPA_ANSWER_TOO_LARGE = Message(
    code="opa-answer-too-large",
    ja="OPA の応答が大きすぎます（上限 {limit:,} バイト）。判定として使えません",
    en="OPA's answer is too large (the limit is {limit:,} bytes), so it is no decision",
)
OPA_ANSWER_TOO_DEEP = Message(
    code="opa-answer-too-deep",
    ja="OPA の応答の入れ子が深すぎます（{depth} 段、上限 {limit} 段）。判定として使えません",
    en="OPA's answer is nested too deeply ({depth} levels, the limit is {limit}), so it is no decision",
)
OPA_NO_ANSWER_IN_TIME = Message(
    code="opa-timeout",
    ja="{url} が制限時間内に答えませんでした",
    en="{url} did not answer in time",
)
OPA_UNREACHABLE = Message(
    code="opa-unreachable",
    ja="{url} に接続できません。OPA が動いているか、--opa-url（CASEGATE_OPA_URL）が正しいか確かめてください",
    en="cannot connect to {url}; check that OPA is running and that --opa-url (CASEGATE_OPA_URL) is right",
)
OPA_UNAUTHORIZED = Message(
    code="opa-unauthorized",
    ja="{url} が認証・認可を拒否しました（HTTP {status}）。トークンを確認してください",
    en="{url} refused authentication or authorization (HTTP {status}); check the token",
)
OPA_HTTP_ERROR = Message(code="opa-http-error", ja="HTTP {status}：{detail}", en="HTTP {status}: {detail}")
OPA_NOT_JSON = Message(code="opa-bad-response", ja="応答が JSON ではありません", en="the answer is not JSON")
OPA_TALK_FAILED = Message(
    code="opa-unreachable",
    ja="{url} との通信に失敗しました（{why}）",
    en="talking to {url} failed ({why})",
)
OPA_ANSWER_SHAPE = Message(
    code="opa-bad-response", ja="応答の形が違います", en="the answer has the wrong shape"
)
OPA_CONNECTION_LOST = Message(
    code="opa-connection-lost",
    ja="{url} との接続が答えの途中で切れました（OPA が止まったか、通信が切断されました）。もう一度実行し、繰り返すなら OPA のログを確かめてください",
    en="the connection to {url} broke before the answer was complete (OPA stopped, or the network cut it); run again, and if it repeats, check OPA's log",
)
REVISION_MISMATCH = Message(
    code="revision-mismatch",
    ja="OPA が読み込んだ方針の版（{held}）が、渡した版 {expected} と違います",
    en="OPA holds revision(s) {held}, not the staged {expected}",
)
NO_BUNDLE_REVISION = Message(
    code="no-bundle-revision",
    ja="OPA は方針のバンドルを持っていません（判定に版がありません）。どの方針で判定したか分からないため、判定を使えません。"
    "中央の OPA なら central/opa-config.yaml の設定で、署名付きバンドルを読み込ませてください",
    en="OPA holds no policy bundle (its decisions name no revision), so it is unknown which policy "
    "judged and the decisions cannot be used. On a central OPA, load the signed bundle as "
    "central/opa-config.yaml does",
)
POLICY_CHANGED = Message(
    code="policy-changed", ja="評価の途中で方針が入れ替わりました", en="the policy changed during the run"
)
DEADLINE_EXCEEDED = Message(
    code="opa-timeout",
    ja="全体の制限時間 {deadline:g} 秒を超えました",
    en="the run exceeded its {deadline:g} s deadline",
)
UNDEFINED_DECISION = Message(
    code="undefined-decision",
    ja="data.{rule} が未定義です。この OPA では方針のバンドルが有効になっていません"
    "（中央の OPA なら、バンドルをまだ取得していないか、署名を検証できずに拒否しました）。"
    "`casegate doctor` と OPA のログで原因を確かめてください",
    en="data.{rule} is undefined: the policy bundle is not active on this OPA "
    "(on a central OPA: not downloaded yet, or refused because its signature did not verify). "
    "Run `casegate doctor` and read OPA's log for the cause",
)
BAD_RESULT_SHAPE = Message(
    code="bad-result-shape", ja="判定結果の形が違います", en="the decision has the wrong shape"
)
NO_DECISION_FOR_CASE = Message(
    code="bad-result-shape", ja="案件 {key} の判定がありません", en="no decision for case {key}"
)

# --- engine/central.py: trusting a central OPA's policy ---
# Each is said inside CENTRAL_UNTRUSTED ("The central OPA's policy cannot be trusted: ..."), with its own code.

CENTRAL_UNTRUSTED = Message(
    ja="中央の OPA の方針を確かめられません：{detail}。",
    en="The central OPA's policy cannot be trusted: {detail}.",
)
DECIDING_BUNDLE_UNKNOWN = Message(
    code="deciding-bundle-unknown",
    ja="OPA は複数のバンドル（{names}）を持ち、どれが判定したか分かりません。方針のバンドルは「{bundle}」という名前にしてください",
    en="OPA holds several bundles ({names}) and none is named {bundle!r}, so it is unknown which decided",
)
REVISION_NOT_REQUIRED = Message(
    code="revision-not-required",
    ja="判定した方針の版は {revision} で、求められた版 {required} ではありません"
    "（--require-revision / CASEGATE_REQUIRE_REVISION）。承認された版の方針で判定させてください。",
    en="The policy that decided has revision {revision}, not the required {required} "
    "(--require-revision / CASEGATE_REQUIRE_REVISION). Have the approved revision decide.",
)
BUNDLE_NOT_ACTIVE = Message(
    code="bundle-not-active",
    ja="/health?bundles が失敗しました。方針のバンドルが有効になっていません（未取得、または署名を検証できずに拒否）",
    en="/health?bundles failed: the policy bundle is not activated (not downloaded, or refused "
    "because its signature did not verify)",
)
CENTRAL_API_REFUSED = Message(
    code="central-api-refused",
    ja="{url}{api} が HTTP {status} を返しました（{text}）。トークンに {api} を読む権限を与えてください"
    "（central/system/authz.rego の client）",
    en="{url}{api} answered HTTP {status} ({text}); the token needs to read {api} "
    "(the client role in central/system/authz.rego)",
)
CENTRAL_API_FAILED = Message(
    code="central-api-failed",
    ja="{url}{api} に問い合わせできません（{why}）",
    en="asking {url}{api} failed ({why})",
)
CENTRAL_API_SHAPE = Message(
    code="central-api-failed", ja="{api} の答えの形が違います", en="{api} answered in the wrong shape"
)
BUNDLE_NOT_SIGNED = Message(
    code="bundle-not-signed",
    ja="判定したバンドル {names} は、署名の検証を設定されていません（/v1/config の bundles.<名前>.signing.keyid と keys）。"
    "署名のないバンドルや方針ファイルでも答えられる OPA の判定は使えません。central/opa-config.yaml で起動してください",
    en="the bundle(s) {names} that decided have no signature verification configured (/v1/config: "
    "bundles.<name>.signing.keyid and keys). An OPA that would answer with an unsigned bundle or "
    "loose policy files is not trusted; start it with central/opa-config.yaml",
)
REVISION_CHANGED = Message(
    code="revision-changed",
    ja="判定したバンドルの版 {revision} と、OPA が有効にしている版 {active} が違います（実行中に入れ替わった可能性）。もう一度実行してください",
    en="the revision that decided ({revision}) is not the active one ({active}); the bundle may have "
    "changed during the run. Run again",
)

# --- engine/endpoint.py: the central OPA's address ---

OPA_URL_USERINFO = Message(
    code="bad-opa-url",
    ja="--opa-url に利用者名やパスワード（…@）を書かないでください。"
    "トークンは環境変数 CASEGATE_OPA_TOKEN か --opa-token-file で渡します。",
    en="Do not put a user name or password (…@) in --opa-url. "
    "Give the token in the environment variable CASEGATE_OPA_TOKEN or with --opa-token-file.",
)
OPA_URL_FORM = Message(
    code="bad-opa-url",
    ja="--opa-url {shown} の形式が違います。http://ホスト:ポート の形で指定してください（例：http://127.0.0.1:8181）。",
    en="--opa-url {shown} is not of the form http(s)://host:port (e.g. http://127.0.0.1:8181).",
)
OPA_CA_WITHOUT_HTTPS = Message(
    code="bad-opa-url",
    ja="--opa-ca は https:// の --opa-url と一緒に使います。",
    en="--opa-ca goes with an https:// --opa-url.",
)
TOKEN_OVER_HTTP = Message(
    code="token-over-http",
    ja="トークンを暗号化せずに {host} へ送ることになります。--opa-url を https:// にしてください"
    "（http:// でトークンを送れるのは、このコンピュータの OPA だけです）。",
    en="The token would travel unencrypted to {host}. Use an https:// --opa-url "
    "(a token goes over http:// only to an OPA on this machine).",
)
OPA_PROXY_FORM = Message(
    code="bad-opa-proxy",
    ja="--opa-proxy は http://ホスト:ポート の形で指定してください（例：http://proxy.example:3128）。",
    en="--opa-proxy must be of the form http://host:port (e.g. http://proxy.example:3128).",
)

# --- engine/local.py and engine/bundle.py: the private OPA and the policies it loads ---

BUNDLE_KEY_UNUSED = Message(
    code="bundle-key-unused",
    ja="--verification-key はバンドル（.tar.gz）を確かめる鍵です。{policies} はフォルダなので使えません。"
    "--policies にバンドルを指定するか、--verification-key を外してください。",
    en="--verification-key verifies a bundle (.tar.gz); {policies} is a folder. "
    "Give a bundle with --policies, or leave out --verification-key.",
)
BUNDLE_KEY_MISSING = Message(
    code="bundle-key-missing",
    ja="バンドル {policies} の署名を確かめる公開鍵を --verification-key で指定してください。",
    en="Give the public key that signed the bundle {policies} with --verification-key.",
)
OPA_PORT_SQUATTED = Message(
    code="opa-port-taken",
    ja="OPA を起動したポート {port} を、casegate が起動した OPA ではない別のプログラムが使っていました。"
    "判定には使いません。このコンピューターで動いているプログラムを確かめてください"
    "（共用の CI なら管理者に連絡してください）。",
    en="Port {port}, where casegate started OPA, was held by another program instead of that OPA; it is "
    "not used to judge. Check what runs on this machine (on a shared CI runner, tell its administrator).",
)
OPA_PORT_UNVERIFIABLE = Message(
    code="opa-start-failed",
    ja="起動した OPA がポート {port} を使っていることを確かめられませんでした（{reason}）。"
    "このコンピューターでは --opa-url で中央の OPA を使ってください。",
    en="Could not confirm that the OPA casegate started holds port {port} ({reason}). "
    "On this machine, use a central OPA with --opa-url.",
)
SIGNED_BUNDLE_UNREADABLE = Message(
    code="bundle-unreadable",
    ja="署名付きバンドル {bundle} を読めません（{why}）。",
    en="The signed bundle {bundle} cannot be read ({why}).",
)
LOCAL_OPA_WRITTEN = Message(
    code="opa-tampered",
    ja="casegate が起動した OPA が、casegate が読み込ませていない方針のバンドル（{names}）を持っていました。"
    "このコンピューターの別のプログラムが OPA に書き込んだおそれがあるため、この実行の判定は使えません。"
    "このコンピューターで動いているプログラムを確かめてください（共用の CI なら管理者に連絡してください）。",
    en="The OPA casegate started holds bundles casegate did not load ({names}): another program on this "
    "machine may have written into it, so none of this run's decisions count. Check what runs on this "
    "machine (on a shared CI runner, tell its administrator).",
)
OPA_STOPPED_DURING_RUN = Message(
    code="opa-stopped",
    ja="判定の途中で OPA が停止しました。この実行の判定は使えません。もう一度実行してください。",
    en="OPA stopped during the run; none of this run's decisions count. Run again.",
)
OPA_STOPPED_STARTING = Message(
    code="opa-start-failed",
    ja="OPA が起動時に停止しました。方針（policies/）に誤りがある可能性があります：{output}",
    en="OPA stopped while starting; the policies may have an error: {output}",
)
OPA_NOT_READY = Message(
    code="opa-timeout",
    ja="OPA が {timeout:.0f} 秒以内に準備できませんでした。",
    en="OPA did not become ready within {timeout:.0f} s.",
)
NO_POLICIES = Message(
    code="no-policies",
    ja="方針フォルダ {policies} に {root}/ がありません。--policies で policies/ フォルダを指定してください。",
    en="The policy folder {policies} has no {root}/. Point --policies at the policies/ folder.",
)

# --- engine/opa_install.py: casegate install-opa, and checking what it installed ---

INSTALLED_BY = {
    "download": Message(ja="公式リリースから取得", en="official release"),
    "mirror": Message(ja="ミラーから取得", en="mirror"),
    "file": Message(ja="ファイルから導入", en="from a file"),
    "go": Message(ja="Go でビルド", en="built with Go"),
}
OPA_RECORD_BROKEN = Message(
    code="opa-record-broken",
    ja="casegate install-opa の記録 {record} を読めません。`casegate install-opa --force` で入れ直してください。",
    en="The casegate install-opa record {record} cannot be read. Reinstall with `casegate install-opa --force`.",
)
OPA_TAMPERED = Message(
    code="opa-tampered",
    ja="casegate install-opa で入れた OPA（{binary}）が導入時と違います（{why}）。このまま判定には使いません。"
    "心当たりがなければ情報セキュリティ担当に連絡し、`casegate install-opa --force` で入れ直してください。",
    en="The OPA installed by casegate install-opa ({binary}) has changed since it was installed ({why}). "
    "It is not used. If you did not change it, tell the security team, then reinstall with `casegate install-opa --force`.",
)
TAMPERED_MISSING = Message(ja="ファイルがありません", en="the file is missing")
TAMPERED_NOT_REGULAR = Message(ja="通常のファイルではありません", en="it is not a regular file")
TAMPERED_WRITABLE = Message(
    ja="{exposed} はほかの利用者も書き込めます（chmod go-w）",
    en="{exposed} is writable by other users (chmod go-w)",
)
TAMPERED_VERSION = Message(ja="記録の版が {recorded} です", en="the record says {recorded}")
TAMPERED_RECORDED_HASH = Message(
    ja="記録のハッシュが公式の値と違います", en="the recorded hash is not the official one"
)
TAMPERED_HASH = Message(
    ja="SHA-256 が {actual}… で、導入時の {installed}… と違います",
    en="its SHA-256 is {actual}…, not {installed}… as installed",
)
OPA_NO_ASSET = Message(
    code="opa-no-asset",
    ja="この環境（{system} {machine}）向けの OPA 公式バイナリはありません。"
    "`casegate install-opa --build-with-go` で Go からビルドしてください。",
    en="OPA publishes no binary for {system} {machine}. Build it with `casegate install-opa --build-with-go`.",
)
OPA_NO_PINNED_HASH = Message(
    code="opa-no-pinned-hash",
    ja="casegate {casegate} には OPA {version} の {asset} の公式 SHA-256 が登録されていないため、"
    "取得したファイルが本物か確かめられません。導入しません。"
    "`casegate install-opa --build-with-go` で Go からビルドするか、OPA {version} を環境変数 CASEGATE_OPA で指定してください。",
    en="casegate {casegate} pins no official SHA-256 for OPA {version} {asset}, so a downloaded "
    "file cannot be verified and is not installed. Build it with `casegate install-opa --build-with-go`, "
    "or name an OPA {version} with CASEGATE_OPA.",
)
OPA_DOWNLOAD_TOO_LARGE = Message(
    code="opa-download-too-large",
    ja="取得したファイルが {megabytes} MB を超えました。OPA ではありません。",
    en="The file is larger than {megabytes} MB: it is not OPA.",
)
OPA_CHECKSUM_MISMATCH = Message(
    code="opa-checksum-mismatch",
    ja="{what} の SHA-256 は {actual} で、casegate が固定している OPA {version} の値 {expected} と違います。"
    "導入しません（何も変更していません）。",
    en="The SHA-256 of {what} is {actual}, not {expected} as casegate pins for OPA {version}. Nothing was installed.",
)
BAD_MIRROR = Message(
    code="bad-mirror",
    ja="--mirror {mirror} は http(s):// の URL で指定してください。",
    en="--mirror {mirror} must be an http(s):// URL.",
)
OPA_DOWNLOAD_FAILED = Message(
    code="opa-download-failed",
    ja="{url} を取得できませんでした（{error}）。ネットワークを確かめるか、"
    "情報システム担当が取得したファイルを `casegate install-opa --from ファイル` で指定してください。",
    en="{url} could not be fetched ({error}). Check the network, or give a file IT has "
    "downloaded with `casegate install-opa --from FILE`.",
)
OPA_FILE_NOT_REGULAR = Message(
    code="opa-file-unreadable",
    ja="{source} は通常のファイルではありません。OPA の実行ファイルを指定してください。",
    en="{source} is not a regular file. Give the OPA executable.",
)
OPA_FILE_UNREADABLE = Message(
    code="opa-file-unreadable",
    ja="{source} を読めません（{why}）。",
    en="{source} cannot be read ({why}).",
)
GO_MISSING = Message(
    code="go-missing",
    ja="go が見つかりません。Go を入れるか、`casegate install-opa`（公式バイナリ）を使ってください。",
    en="go was not found. Install Go, or use `casegate install-opa` (the official binary).",
)
GO_UNUSABLE = Message(
    code="go-unusable",
    ja="go を実行できません（{why}）。PATH の go を確かめてください。",
    en="go cannot be run ({why}). Check the go on PATH.",
)
GO_INSTALL_FAILED = Message(
    code="opa-install-failed",
    ja="`go install {module}` に失敗しました：{stderr}",
    en="`go install {module}` failed: {stderr}",
)
OPA_INSTALL_WRONG_VERSION = Message(
    code="opa-install-failed",
    ja="導入しようとした OPA は版 {found} を名乗りました（{version} のはず）。導入しません。",
    en="The OPA to be installed reports version {found}, not {version}. Nothing was installed.",
)

# --- engine/doctor.py: casegate doctor's checks ---

TOKEN_FILE = Message(ja="トークンのファイル", en="the token file")
DOCTOR_DECISION = Message(
    ja="{url} が判定を返しました（方針 {version}、版 {revisions}）",
    en="{url} answered a decision (policy {version}, revision {revisions})",
)
DOCTOR_NO_POLICIES = Message(
    ja="方針フォルダが見つかりません。リポジトリの中で実行するか --policies を指定してください",
    en="No policy folder found. Run inside the repository or give --policies",
)
DOCTOR_LOCAL_UNSIGNED = Message(
    ja="ローカルでは {policies} をそのまま使うので、署名は使いません（版は内容のハッシュ）",
    en="Local mode uses {policies} as it is: no signature (the revision is a content hash)",
)
DOCTOR_NO_BUNDLES = Message(ja="バンドルの設定なし", en="no bundles")
DOCTOR_SIGNING_UNKNOWN = Message(
    ja="署名の検証が設定されているか分かりません（/v1/config：{why}）",
    en="Unknown whether signature verification is configured (/v1/config: {why})",
)
DOCTOR_UNSIGNED = Message(
    ja="バンドル {names} の署名を検証する設定（signing.keyid）がありません。"
    "OPA は署名のないバンドルも受け入れてしまいます。central/opa-config.yaml で起動してください",
    en="Bundle(s) {names} have no signature verification (signing.keyid): OPA would "
    "accept an unsigned bundle. Start OPA with central/opa-config.yaml",
)
DOCTOR_NO_STATUS = Message(ja="状態なし", en="no status")
DOCTOR_SIGNING_UNCONFIRMED = Message(
    ja="署名の検証は設定済み（鍵 {keyids}）。成功したかは不明です（/v1/status：{why}。status プラグインが無効の可能性）",
    en="Signature verification is configured (key {keyids}); whether it succeeded is "
    "unknown (/v1/status: {why}; is the status plugin off?)",
)
DOCTOR_BUNDLE_REFUSED = Message(
    ja="最新のバンドルを有効にできませんでした（{detail}）。改ざん・署名なし・別の鍵での署名なら配布元を確かめてください"
    "（OPA は前の正しいバンドルがあればそれを使い続けます）",
    en="The latest bundle was not activated ({detail}). If it is tampered, unsigned or signed with "
    "another key, check the bundle server (OPA keeps the last good bundle, if any)",
)
DOCTOR_VERIFIED = Message(
    ja="署名の検証は設定済み（鍵 {keyids}）で、検証できたバンドルが有効です",
    en="Signature verification is configured (key {keyids}) and the active bundle verified",
)
DOCTOR_NO_VERSION = Message(ja="版なし", en="no version")
DOCTOR_VERSION_UNKNOWN = Message(
    ja="OPA の版は不明です（/v1/status：{why}）", en="OPA version unknown (/v1/status: {why})"
)
DOCTOR_WRONG_VERSION = Message(
    ja="中央の OPA は {found} です。{version} にしてください（古い版には署名検証の不具合があります）",
    en="The central OPA is {found}; run {version} (older versions have bundle-signature flaws)",
)
DOCTOR_CENTRAL_OPA = Message(ja="OPA {found}（{url}）", en="OPA {found} ({url})")
DOCTOR_BUNDLES_ACTIVE = Message(
    ja="/health?bundles：すべてのバンドルが有効です", en="/health?bundles: every bundle is active"
)
DOCTOR_BUNDLES_INACTIVE = Message(
    ja="/health?bundles が失敗しました：中央の方針バンドルが有効になっていません（未取得、または署名を検証できず拒否）",
    en="/health?bundles failed: the central policy bundle is not active (not downloaded, or refused "
    "because its signature did not verify)",
)

# --- engine/signed_bundle.py: casegate bundle build / verify ---

NOT_A_GIT_REPOSITORY = Message(
    code="not-a-git-repository",
    ja="方針フォルダ {folder} の git の状態を読めません（{why}）。"
    "バンドルの版はコミットから決まるので、git でコミットしたリポジトリの中で実行してください。",
    en="Cannot read the git state of the policy folder {folder} ({why}) "
    "The bundle revision comes from the commit: run inside a git repository with a commit.",
)
POLICY_SETTINGS_UNREADABLE = Message(
    code="no-policy-version",
    ja="{file} を読めません（{why}）。policy_version を持つ JSON にしてください。",
    en="Cannot read {file} ({why}). It must be JSON with a policy_version.",
)
NO_POLICY_VERSION = Message(
    code="no-policy-version",
    ja='{file} に policy_version（例："2026.11.0"）がありません。書き加えてください。',
    en='{file} has no policy_version (e.g. "2026.11.0"). Add it.',
)
BUNDLE_BUILD_FAILED = Message(
    code="bundle-build-failed",
    ja="opa build が失敗しました：{detail}。署名鍵（{key}、{algorithm}）と方針を確かめてください。",
    en="opa build failed: {detail}. Check the signing key ({key}, {algorithm}) and the policies.",
)
BUNDLE_NOT_VERIFIED = Message(
    code="bundle-not-verified",
    ja="バンドルの署名を検証できません：{detail}。このバンドルは配布しないでください"
    "（改ざん、署名なし、別の鍵での署名、または {algorithm} 以外の署名）。",
    en="The bundle's signature does not verify: {detail}. Do not serve this bundle "
    "(tampered, unsigned, signed with another key, or not {algorithm}).",
)
BUNDLE_MANIFEST_UNREADABLE = Message(
    code="bundle-not-verified",
    ja="バンドルの .manifest（revision と roots）を読めません。バンドルを作り直してください。",
    en="Cannot read the bundle's .manifest (revision and roots). Build the bundle again.",
)
BUNDLE_WRONG_ROOTS = Message(
    code="bundle-wrong-roots",
    ja='バンドルの roots が {roots} です。["{root}"] だけにしてください（casegate bundle build で作り直す）。',
    en='The bundle\'s roots are {roots}; they must be ["{root}"] only (rebuild with casegate bundle build).',
)
