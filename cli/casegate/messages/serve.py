"""Messages of casegate.serve: Japanese and English side by side (see casegate.messages)."""

from __future__ import annotations

from casegate.messages import Message

# --- serve/app.py: the JSON API's refusals ({"error": {"code", "ja", "en"}}) ---

EXISTS = Message(
    code="exists",
    ja="{name} はすでにあります。別の名前にするか、一覧から開いてください。",
    en="{name} already exists. Choose another name, or open it from the list.",
)
CHANGED_ON_DISK = Message(
    code="changed-on-disk",
    ja="{name} は開いた後にディスク上で変更されています（または新しく作られています）。違いを確かめてから上書きしてください。",
    en="{name} changed on disk after it was opened (or was created meanwhile). Review the difference before overwriting.",
)
BAD_REQUEST = Message(
    code="bad-request",
    ja="要求の形が違います（{field}）。ページを読み込み直してください。",
    en="Malformed request ({field}). Reload the page.",
)
REQUEST_TOO_LARGE = Message(
    code="too-large",
    ja="送られた内容が上限 {limit:,} バイトを超えています。読み込まず、保存もしません。",
    en="The request is over the limit of {limit:,} bytes; it was not read and nothing was saved.",
)

# --- serve/folder.py: the served folder ---

OUTSIDE_FOLDER = Message(
    code="outside-folder",
    ja="{name} はこのフォルダの外を指しています（シンボリックリンク）。フォルダの中のファイルだけを開けます。",
    en="{name} points outside the served folder (a symbolic link). Only files inside it can be opened.",
)
CASE_TOO_LARGE = Message(
    code="too-large",
    ja="案件が {size:,} バイトになり、上限 {limit:,} バイトを超えるため保存しません。",
    en="The case would be {size:,} bytes, over the limit of {limit:,}; not saved.",
)
NOT_OVERWRITTEN = Message(
    code="unreadable",
    ja="{name} は通常のファイルではないため、上書きしません。",
    en="{name} is not a regular file; it is not overwritten.",
)
BAD_NAME = Message(
    code="bad-name",
    ja="ファイル名 {shown!r} は使えません。このフォルダの中の .json の名前にしてください（例：R8-kikaku-new.json。「.」で始まる名前、「..」、引用符や \\ : * ? < > | は使えません）。",
    en="The file name {shown!r} cannot be used. Give a .json name inside the served folder (e.g. R8-kikaku-new.json; no leading '.', no '..', no quotes or \\ : * ? < > |).",
)
# The two sides of the diff shown when a save would overwrite a change (the page is in Japanese).
DIFF_ON_DISK = Message(ja="{name}（ディスク上）", en="{name} (on disk)")
DIFF_ON_SCREEN = Message(ja="{name}（この画面）", en="{name} (this page)")

# --- serve/guard.py: a request without the token, or to another address (403, both languages) ---

FORBIDDEN_TOKEN = Message(
    ja="このページを開く権限がありません。casegate serve が表示した URL（token= を含む）から開いてください。",
    en="Forbidden: open the URL casegate serve printed (it carries token=).",
)
FORBIDDEN_HOST = Message(
    ja="このアドレスでは使えません。casegate serve が表示した http://127.0.0.1:… の URL から開いてください。",
    en="Forbidden: use the http://127.0.0.1:… URL casegate serve printed.",
)

# --- serve/server.py: starting the server ---

PORT_BUSY = Message(
    code="port-busy",
    ja="ポート {port} で待ち受けられません（ほかのプログラムが使っています）。--port で別のポートを指定するか、省略してください。",
    en="Cannot listen on port {port} (another program uses it). Give another --port, or leave it out.",
)
CANNOT_START = Message(
    code="cannot-start",
    ja="casegate serve を始められません（{kind}: {error}）。ポートやスキーマ・方針の場所を確かめてください。",
    en="casegate serve cannot start ({kind}: {error}). Check the port and where the schema and policies are.",
)
