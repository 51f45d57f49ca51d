"""Messages of casegate.render: Japanese and English side by side (see casegate.messages)."""

from __future__ import annotations

from casegate.messages import Message

# --- render/deps.py: what `render` needs beyond the core install ---

DEPENDENCY_MISSING = Message(
    code="render-dependency-missing",
    ja="{what}がありません。インストールしてください：{install}（このリポジトリでは {here}）。",
    en="{what} is missing. Install it: {install} (in this repository: {here}).",
)
PYTHON_PACKAGE = Message(ja="Python のパッケージ {name}", en="The Python package {name}")
DOT = Message(ja="Graphviz の dot コマンド（資料1-1 の図を描きます）", en="Graphviz's dot (draws 資料1-1)")
WEASYPRINT = Message(ja="PDF を作る WeasyPrint", en="WeasyPrint (makes the PDF)")
PANGO = Message(ja="WeasyPrint が使う Pango ライブラリ", en="The Pango library WeasyPrint uses")
JAPANESE_FONT = Message(ja="日本語のフォント（Noto CJK）", en="A Japanese font (Noto CJK)")
# The install line for WeasyPrint and Pango; the English said the Japanese words until the
# catalogue gave it its own.
INSTALL_OR_HTML = Message(
    ja="{install}。PDF なしで --format html なら作れます",
    en="{install}; without a PDF, --format html works",
)
INSTALL_BOTH = Message(ja="{first}、{second}", en="{first}, {second}")
SETUP_BOTH = Message(ja="{first} と {second}", en="{first} and {second}")

# --- render/catalogue.py, render/pdf.py, render/diagram.py ---

CATALOGUE_UNREADABLE = Message(
    code="catalogue-unreadable",
    ja="方針のチェックリスト項目（{member}）を読めません（{why}）。--policies に方針フォルダかバンドルを指定してください。",
    en="Cannot read the checklist catalogue ({member}) from the policies ({why}). Give --policies a policy folder or bundle.",
)
# The English quoted the characters the Japanese way until the catalogue gave it its own.
GLYPH = Message(ja="「{char}」（U+{code:04X}）", en='"{char}" (U+{code:04X})')
GLYPH_SEPARATOR = Message(ja="、", en=", ")
GLYPH_MISSING = Message(
    code="render-glyph-missing",
    ja="文字 {listed} を表示できるフォントがないため、PDF では空白の四角になります。"
    "案件ファイルのその文字を別の書き方に直すか、その文字を含むフォントを入れてください（HTML なら --format html）。",
    en="No installed font has the character(s) {listed}; the PDF would show empty boxes. "
    "Write them differently in the case file or install a font that has them (or use --format html).",
)
DIAGRAM_UNEXPECTED = Message(
    code="diagram-unexpected",
    ja="dot の出力に図として想定しないもの（{what}）があります。PATH の dot が Graphviz のものか確かめてください。",
    en="dot's output holds something a diagram does not ({what}). Check that the dot on PATH is Graphviz's.",
)

# --- render/produce.py: writing the documents ---

CHANGED_WHILE_RENDERING = Message(
    code="changed-while-rendering",
    ja="判定のあとに案件ファイルが書き換えられました。もう一度 render を実行してください。",
    en="The case file changed after it was judged. Run render again.",
)
NAME_CLASH = Message(
    code="render-name-clash",
    ja="{first} と {second} は同じ名前の文書 {name} になります。別々に -o で出力先を分けてください。",
    en="{first} and {second} would both be written as {name}. Render them into different -o folders.",
)
