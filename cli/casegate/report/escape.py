"""Escaping shared by the output formats: a value from a case file must not forge the report.

Everything a case file or an OPA answer holds (values quoted in messages, file names, case ids,
pointers, revisions) can be written by someone who wants a pass. Printed as it is, a newline or
an ANSI escape in a value prints a fake summary line in a terminal, and a U+2028 ends a markdown
table row (tabulate and many renderers split lines on it) so a fake "合格" heading follows.

- `visible(text)` (text output, logs): every control character, line break, bidi control and
  other invisible format character is shown as a visible escape (`\\n`, `\\x1b`, `\\u2028`), so
  a value prints on its own line only. (A backslash stays as it is, for Windows paths.)
- `md_text(text)` (markdown, in or out of a table): HTML and markdown syntax neutralised (so no
  link, image, autolink, heading, emphasis or @mention comes from the data), every line
  break shown as `<br>`, and `|` escaped so it cannot end a table cell.
- `md_cell(text, lang)` (markdown table cell): `md_text`, cut to MAX_CELL characters.
- `md_code(text)` (markdown code span): line breaks and controls made visible, a backtick fence
  longer than any backtick run inside, `|` escaped for tables.
- `valid_unicode(text)` (JSON, SARIF, the audit log): a file name's undecodable bytes as U+FFFD,
  so the document is UTF-8 (junit does the same for XML; the text formats show them as escapes).
"""

from __future__ import annotations

import html
import re
import unicodedata

from casegate.report.vocabulary import WORDS

# A file name whose bytes are not UTF-8 reaches Python with each undecodable byte as a lone
# surrogate (os.fsdecode); no UTF-8 text can carry one, and a JSON reader would refuse it or, as
# Go's does, read U+FFFD. (A str never holds a valid pair: json and orjson combine those.)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_unicode(text: str) -> str:
    """`text` with every lone surrogate replaced by U+FFFD, so it can be written as UTF-8."""
    return _LONE_SURROGATE.sub("\ufffd", text)


#: A markdown cell longer than this is cut (a message may quote a long value from the case).
MAX_CELL = 2_000

#: Characters some program treats as a line break: Python's str.splitlines (which tabulate and
#: many viewers use), Unicode's line and paragraph separators, NEL, and CommonMark's CR and LF.
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"

_BREAK_RUN = re.compile("\r\n|[" + re.escape(LINE_BREAKS) + "]")

# Shown as escapes in text: C0 and C1 controls, DEL, and format characters (bidi overrides such
# as U+202E reorder what a terminal shows; U+200B and friends hide text), plus the separators.
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _needs_escape(char: str) -> bool:
    if char in _NAMED:
        return True
    category = unicodedata.category(char)
    return category in ("Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn")


def _escape_char(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


# Printable ASCII and the common Japanese blocks need no look (none of them is a control or
# format character); anything else is looked up, one match at a time.
_SUSPECT = re.compile(r"[^\x20-\x7e\u3001-\u303f\u3040-\u30ff\u4e00-\u9fff\uff01-\uff9f]")


def _escape_match(match: re.Match[str]) -> str:
    char = match.group()
    return _escape_char(char) if _needs_escape(char) else char


def visible(text: str, keep: str = "") -> str:
    """`text` with every control, line break and invisible format character written as an escape.

    Characters in `keep` stay as they are (for a format that encodes them itself).
    """
    if keep:
        return _SUSPECT.sub(
            lambda match: match.group() if match.group() in keep else _escape_match(match), text
        )
    return _SUSPECT.sub(_escape_match, text)


# Inline markdown a value could use for its own emphasis, code, links or images; a backslash
# escapes any ASCII punctuation in CommonMark. (Block syntax needs a line start, and none is left.)
_MD_PUNCT = re.compile(r"([\\`*_\[\]()!|~])")

# GitHub links an @mention, an e-mail, `www.` and `scheme://` in plain text, also after entities
# are decoded, so the characters themselves are separated by U+2060 WORD JOINER (invisible).
_AUTOLINKS = re.compile(r"@|(?=://)|(?<=www)(?=\.)", re.IGNORECASE)
_JOINER = "\u2060"


def md_text(text: str) -> str:
    """Markdown-safe text for a table cell or a line: no HTML, no markdown, no line break, no mention.

    Order matters: controls and invisible characters become visible escapes, HTML is escaped
    (so `&#10;` written in a case stays text), inline markdown punctuation is backslash-escaped,
    mentions and autolinks are broken with U+2060, and line breaks become `<br>`.
    """
    shown = "".join(
        _escape_char(char) if _needs_escape(char) and char not in LINE_BREAKS and char != "\\" else char
        for char in text
    )
    escaped = _MD_PUNCT.sub(r"\\\1", html.escape(shown, quote=False))
    escaped = _AUTOLINKS.sub(lambda match: match.group() + _JOINER, escaped)
    return _BREAK_RUN.sub("<br>", escaped)


def md_cell(text: str, lang: str = "ja") -> str:
    """A markdown table cell: md_text, cut to MAX_CELL characters with a count of what was cut."""
    if len(text) > MAX_CELL:
        cut = WORDS[lang]["cut"].format(n=len(text) - MAX_CELL)
        return md_text(text[:MAX_CELL]) + md_text(cut)
    return md_text(text)


def md_code(text: str) -> str:
    """A code span showing `text` literally on one line, safe inside a markdown table."""
    body = visible(text).replace("|", "\\|")
    if not body:
        return ""
    longest = max((len(run) for run in re.findall("`+", body)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {body} {fence}" if longest else f"`{body}`"
