"""Helpers for the render tests: PDF text, the glyphs the PDF really carries, visible HTML text.

Tofu check: a character is covered when some embedded font maps a code to it (ToUnicode) AND the
code's glyph in that font's embedded program is a real glyph (not .notdef, not empty). WeasyPrint
embeds CID fonts with CIDToGIDMap /Identity, so a code is its glyph id.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pypdf
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont

_BFCHAR = re.compile(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>")
_BFRANGE = re.compile(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>")


def pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in pypdf.PdfReader(path).pages]


def squeeze(text: str) -> str:
    """Without any whitespace: a table cell's text wraps at a different place in every layout."""
    return re.sub(r"\s+", "", text)


def _to_unicode(cmap: str) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for start, end, first in _BFRANGE.findall(block):
            base = int(first, 16)
            for offset, code in enumerate(range(int(start, 16), int(end, 16) + 1)):
                mapping[code] = chr(base + offset)
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, target in _BFCHAR.findall(block):
            raw = bytes.fromhex(target)
            mapping[int(code, 16)] = raw.decode("utf-16-be")
    return mapping


def covered_characters(path: Path) -> tuple[set[str], set[str]]:
    """(characters drawn with a real glyph, characters drawn with .notdef or an empty glyph)."""
    covered: set[str] = set()
    missing: set[str] = set()
    seen: set[int] = set()
    for page in pypdf.PdfReader(path).pages:
        resources: Any = page["/Resources"]  # a DictionaryObject; pypdf types it as any PdfObject
        fonts = resources.get("/Font", {})
        for reference in fonts.values():
            font = reference.get_object()
            if id(font) in seen or "/ToUnicode" not in font:
                continue
            seen.add(id(font))
            descendant = font["/DescendantFonts"][0].get_object()
            assert descendant.get("/CIDToGIDMap", "/Identity") == "/Identity"
            descriptor = descendant["/FontDescriptor"]
            stream = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
            assert stream is not None, f"font {font['/BaseFont']} is not embedded"
            program = TTFont(io.BytesIO(stream.get_object().get_data()))
            order = program.getGlyphOrder()
            glyphs = program.getGlyphSet()
            for code, text in _to_unicode(
                font["/ToUnicode"].get_object().get_data().decode("latin-1")
            ).items():
                real = 0 < code < len(order)
                if real and not text.isspace():
                    pen = BoundsPen(glyphs)
                    glyphs[order[code]].draw(pen)
                    real = pen.bounds is not None
                (covered if real or text.isspace() else missing).update(text)
    return covered, missing


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in ("style", "title", "script"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title", "script"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return "".join(parser.parts)
