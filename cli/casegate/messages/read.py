"""Messages of casegate.read: Japanese and English side by side (see casegate.messages)."""

from __future__ import annotations

from casegate.messages import Message

# --- core/read.py: reading one case file strictly ---
# {at} is a place in the file (AT); the *_AT phrases say it with the particle the sentence needs,
# and are left out (an empty Text) when the place is unknown.

AT = Message(ja="{line} 行目 {column} 文字目", en="line {line}, column {column}")
AT_WHERE = Message(ja="{line} 行目 {column} 文字目で、", en=" at line {line}, column {column}")
AT_OF = Message(ja="{line} 行目 {column} 文字目の", en=" at line {line}, column {column}")

SAVE_AS_UTF8 = Message(
    ja="UTF-8 で保存し直してください（メモ帳なら「名前を付けて保存」で文字コードを「UTF-8」に、"
    "VS Code なら画面右下の文字コードをクリックして「エンコード付きで保存」から「UTF-8」を選びます）。",
    en='Save the file again as UTF-8 (Notepad: "Save As" and set Encoding to "UTF-8"; VS Code: click '
    'the encoding in the status bar, then "Save with Encoding" and "UTF-8").',
)
A_FOLDER = Message(
    code="unreadable",
    ja="ファイルではなくフォルダが指定されています。案件ファイル（.json）を指定してください。",
    en="This is a folder, not a file. Name a case file (.json).",
)
NOT_REGULAR = Message(
    code="unreadable",
    ja="通常のファイルではないため読めません。案件ファイル（.json）を指定してください。",
    en="This is not a regular file, so it cannot be read. Name a case file (.json).",
)
NOT_AN_OBJECT = Message(
    code="not-an-object",
    ja="ファイル全体が {{ }} で囲まれた 1 つのまとまり（オブジェクト）になっていません（いまは{kind}です）。"
    "案件ファイルは「{{」で始まり「}}」で終わる形で書いてください。",
    en='The file as a whole must be one JSON object, but it is {kind}. A case file starts with "{{" and ends with "}}".',
)
KIND_ARRAY = Message(ja="配列（[ ]）", en="an array ([ ])")
KIND_STRING = Message(ja="文字列", en="a string")
KIND_BOOLEAN = Message(ja="true または false", en="true or false")
KIND_NUMBER = Message(ja="数値", en="a number")
NOT_FOUND = Message(
    code="unreadable",
    ja="ファイルまたはフォルダが見つかりません。名前と保存場所（フォルダ）が正しいか確認してください。",
    en="No such file or folder. Check the name and the folder it is saved in.",
)
NO_PERMISSION = Message(
    code="unreadable",
    ja="読み取る権限がありません。Excel など他のプログラムで開いている場合は閉じてから、"
    "それでも読めない場合は管理者に読み取り権限を確認してもらってから、もう一度実行してください。",
    en="Permission denied. Close the file if another program has it open; otherwise ask your "
    "administrator for read access, then run again.",
)
UNREADABLE = Message(
    code="unreadable",
    ja="読み込めませんでした（{reason}）。ファイルの名前と保存場所を確認してください。",
    en="The file could not be read ({reason}). Check its name and location.",
)
SIZE = Message(ja="{size:,} バイトあり、", en=" ({size:,} bytes)")
TOO_LARGE = Message(
    code="too-large",
    ja="ファイルが大きすぎます（{size}上限は {limit:,} バイト）。案件ファイルは通常数十キロバイトです。"
    "別のファイル（データ本体や画像など）を指定していないか確認してください。",
    en="The file is too large{size}; the limit is {limit:,} bytes. A case file is usually a "
    "few dozen kilobytes: check that you named the case file, not a data file or an image.",
)
EMPTY = Message(
    code="empty",
    ja="ファイルが空です（中身がありません）。案件の内容を書いて保存したか確認し、もう一度実行してください。",
    en="The file is empty. Check that the case was written and saved, then run again.",
)
SAVED_AS = Message(
    ja="{encoding} で保存されているようです。", en=" It looks like it was saved as {encoding}."
)
NOT_UTF8 = Message(
    code="not-utf8",
    ja="{at}に UTF-8 として読めない文字があります。{guess}{save}",
    en="The file is not valid UTF-8 at {at}.{guess} {save}",
)
TOO_DEEP = Message(
    code="too-deep",
    ja="{at}括弧「{{」「[」の入れ子が深すぎます（上限 {limit} 段）。"
    "括弧の閉じ忘れや、誤って貼り付けた部分がないか確認してください。",
    en='Brackets are nested too deeply{at} (the limit is {limit} levels). Check for a missing "}}" or "]" '
    "or for text pasted by mistake.",
)
PLACE_TOP = Message(ja="いちばん外側の {{ }} の中", en="the top-level object")
PLACE_AT = Message(ja="「{pointer}」の中", en="the object at {pointer}")
SPELLED_TWO_WAYS = Message(
    ja="「{first}」と「{second}」は書き方が違うだけで同じ名前です。",
    en='"{first}" and "{second}" are the same name, spelled differently. ',
)
DUPLICATE_KEY = Message(
    code="duplicate-key",
    ja="{at}: 項目名「{key}」が{place}に 2 回書かれています（1 回目は {first}）。{spelled}同じ項目名は 1 回しか書けません。"
    "どちらか一方を消すか、内容を 1 つにまとめてください。",
    en='At {at}: the name "{key}" appears twice in {place} (first at {first}). '
    "{spelled}A name may appear only once: delete one or merge the two.",
)
LONE_SURROGATE = Message(
    code="lone-surrogate",
    ja="{at}の文字列に、「\\ud800」のような対になっていない「\\u」の書き方"
    "（サロゲート）があります。このままでは文字化けします（�）。その部分を消すか、目的の文字をそのまま書いてください。",
    en="The string at {at} holds a lone surrogate escape such as \\ud800, which "
    "would turn into the replacement character (U+FFFD). Delete it or type the intended character.",
)
NON_FINITE = Message(
    code="non-finite-number",
    ja="{at}「{token}」は JSON では使えない値です（数値ではありません）。正しい数値に書き直してください。",
    en='"{token}"{at} is not allowed in JSON (it is not a number). Replace it with a real number.',
)
LIMIT_DIGITS = Message(ja="整数は {digits} 桁まで", en="integers may have at most {digits} digits")
LIMIT_FLOAT = Message(ja="小数・指数の値として大きすぎます", en="it overflows a float")
NUMBER_TOO_LARGE = Message(
    code="number-too-large",
    ja="{at}数値「{shown}」が大きすぎて扱えません（{limit}）。桁数や「e」（指数）の書き間違いがないか確認してください。",
    en='The number {shown}{at} is too large ({limit}). Check the number of digits and any "e" exponent.',
)
DUPLICATE_KEY_UNPLACED = Message(
    code="duplicate-key",
    ja="項目名「{key}」が同じ {{ }} の中に 2 回書かれています。どちらか一方を消すか、内容を 1 つにまとめてください。",
    en='The name "{key}" appears twice in the same object. Delete one or merge the two.',
)
INVALID_JSON = Message(
    code="invalid-json",
    ja="{at}で JSON の書き方に誤りがあります。{hint}",
    en="Invalid JSON at {at}: {hint}",
)

# The decoder's complaint in words a clerk can act on (core/read.py _HINTS says when each applies).
HINT_FULL_WIDTH_SPACE = Message(
    ja='全角スペースがあります。「"」で囲んだ文字列の外では、消すか半角スペースにしてください。',
    en="A full-width space (U+3000) is here. Outside strings, delete it or use a normal space.",
)
HINT_FULL_WIDTH = Message(
    ja='全角の「{here}」があります。「"」で囲んだ文字列の外では半角の「{ascii}」を使ってください。',
    en="A full-width {here} is here. Outside strings use the ASCII {ascii} instead.",
)
HINT_OTHER = Message(
    ja='この位置の前後で、括弧・カンマ・「"」の対応を確認してください（詳細: {said}）。',
    en="{said}. Check brackets, commas and quotes around this place.",
)
HINT_UNTERMINATED = Message(
    ja='「"」で始まった文字列が閉じられていません。文字列の終わりに「"」を付けてください。',
    en='A string that starts here is never closed. Add the closing ".',
)
HINT_CONTROL_CHARACTER = Message(
    ja="文字列の中に改行やタブがそのまま入っています。文字列の中の改行は「\\n」と書いてください。"
    '閉じる「"」を書き忘れていないかも確認してください。',
    en='A line break or tab sits inside a string. Write a line break as \\n, and check for a missing ".',
)
HINT_UNICODE_ESCAPE = Message(
    ja="「\\u」の後には 16 進数 4 桁（例: \\u3042）が必要です。「\\」そのものを書くときは「\\\\」としてください。",
    en="\\u must be followed by four hex digits (e.g. \\u3042). Write a backslash itself as \\\\.",
)
HINT_ESCAPE = Message(
    ja="文字列の中の「\\」の使い方が正しくありません。「\\」そのものを書くときは「\\\\」と 2 つ重ねてください（例: C:\\\\Users）。",
    en="A backslash in a string starts an escape. Write a backslash itself as \\\\ (e.g. C:\\\\Users).",
)
HINT_SINGLE_QUOTES = Message(
    ja="文字列や項目名は「'」（シングルクォート）ではなく「\"」（ダブルクォート）で囲んでください。",
    en="Strings and names must be in double quotes (\"), not single quotes (').",
)
HINT_COMMENT = Message(
    ja="JSON にはコメント（// や /* */）を書けません。コメントを消してください。",
    en="JSON does not allow comments (// or /* */). Delete the comment.",
)
HINT_TRAILING_COMMA = Message(
    ja="最後の項目の後ろに余分なカンマ（,）があります。「}}」や「]」の直前のカンマを消してください。",
    en='There is an extra comma after the last item. Delete the comma before the "}}" or "]".',
)
HINT_MISSING_COMMA = Message(
    ja="項目と項目の間のカンマ（,）が足りません。この位置の直前（前の行の終わりなど）に「,」を入れてください。"
    '文字列の中に「"」を書いた場合は「\\"」としてください。',
    en='A comma is missing between two items: add "," just before this place (often at the end of '
    'the previous line). A " inside a string must be written as \\".',
)
HINT_MISSING_COLON = Message(
    ja='項目名の後にコロン（:）がありません。「"項目名": 値」の形で書いてください。',
    en='A colon is missing after the name. Write "name": value.',
)
HINT_UNQUOTED_NAME = Message(
    ja='項目名は「"」で囲んでください（例: "title": ...）。',
    en='Names must be in double quotes (e.g. "title": ...).',
)
HINT_EXTRA_DATA = Message(
    ja="データの終わり（最後の「}}」）の後に余分な文字があります。消してください。"
    "2 件分の内容を 1 つのファイルに貼り付けていないかも確認してください。",
    en='There is more text after the end of the data (the last "}}"). Delete it, and check that two '
    "cases were not pasted into one file.",
)
HINT_MISSING_VALUE = Message(
    ja='ここに値がありません。値（"文字列"、数値、true、false、null、{{ }}、[ ]）を書いてください。'
    '文字は「"」で囲み、true・false・null は小文字で書きます。',
    en='A value is expected here: a "string", a number, true, false, null, {{ }} or [ ]. Put text in '
    "double quotes; write true, false and null in lower case.",
)

# --- core/discover.py: finding the case files in a folder ---

SKIPPED_LINKED_FOLDER = Message(ja="リンクされたフォルダ", en="a linked folder")
SKIPPED_HIDDEN_FOLDER = Message(
    ja="名前が「.」で始まるフォルダの中", en='in a folder whose name starts with "."'
)
SKIPPED_HIDDEN_FILE = Message(ja="名前が「.」で始まるファイル", en='its name starts with "."')
SKIPPED_OUTSIDE_LINK = Message(
    ja="このフォルダの外のファイルへのリンク", en="a link to a file outside this folder"
)
SKIPPED_ITEM = Message(ja="{file}（{why}）", en="{file} ({why})")
SKIPPED_SEPARATOR = Message(ja="、", en="; ")
SKIPPED_MORE = Message(ja="、ほか {more} 件", en="; and {more} more")
SKIPPED_PATH = Message(
    code="skipped-path",
    ja="フォルダ「{folder}」の中の次の .json は、casegate が確かめない場所にあります。"
    "確かめないまま合格にしないため、エラーにしました：{listed}。"
    "案件なら、名前が「.」で始まらないフォルダに移し、ファイル名も「.」で始まらない名前にしてください"
    "（リンクされたフォルダやファイルは、リンクをやめて実際のファイルを置いてください）。"
    "案件でないなら、このフォルダの外に移すか削除してください。",
    en="These .json files in the folder {folder} are where casegate does not check, so the run "
    "fails rather than pass them unseen: {listed}. If they are cases, move them into a folder whose name does "
    'not start with "." and rename them so their names do not start with "." (for a linked '
    "folder or file, replace the link with the real files). If they are not cases, "
    "move them out of this folder or delete them.",
)
NO_CASES = Message(
    code="no-cases",
    ja="フォルダ「{folder}」とその中のフォルダに、案件ファイル（拡張子が .json のファイル）がありません。"
    "フォルダの指定が正しいか、ファイルの拡張子が .json になっているか確認してください。",
    en="The folder {folder} (and the folders in it) holds no case files (*.json). "
    "Check the folder name and that the files end in .json.",
)
