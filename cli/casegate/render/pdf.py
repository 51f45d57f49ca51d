"""HTML to PDF through WeasyPrint, with nothing fetched from anywhere and no character lost.

The HTML is self-contained; a URL in it could only come from a case, so the fetcher allows no
protocol at all (no file:// read of the runner's disk, no request to a network) instead of
trusting that the template escapes everything.

A character no installed font has would print as an empty box (tofu) and the committee would
read a different text than the case holds. WeasyPrint reports each such character through its
logger; they are collected and the document is refused, naming them.
"""

from __future__ import annotations

import logging

from casegate.errors import InputError
from casegate.messages import Text
from casegate.messages import render as messages
from casegate.render import deps

_NOTDEF = ".notdef glyph rendered"


class _Missing(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.characters: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if str(record.msg).startswith(_NOTDEF) and record.args and isinstance(record.args, tuple):
            character = str(record.args[0])
            if character not in self.characters:
                self.characters.append(character)


def render_pdf(html: str, source: str) -> bytes:
    weasyprint = deps.import_weasyprint()
    fetcher = weasyprint.urls.URLFetcher(allowed_protocols=(), allow_redirects=False)
    missing = _Missing()
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(min(logger.getEffectiveLevel(), logging.WARNING))  # a quieter setting must not hide it
    logger.addHandler(missing)
    try:
        pdf: bytes = weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf()
    finally:
        logger.removeHandler(missing)
        logger.setLevel(level)
    if missing.characters:
        glyphs = [messages.GLYPH.text(char=c, code=ord(c[0])) for c in missing.characters[:10]]
        separator = messages.GLYPH_SEPARATOR.text()
        listed = Text(separator.ja.join(g.ja for g in glyphs), separator.en.join(g.en for g in glyphs))
        raise InputError.of(messages.GLYPH_MISSING, path=source, listed=listed)
    return pdf
