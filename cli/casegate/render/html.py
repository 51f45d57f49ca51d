"""The document as one self-contained HTML file (stylesheet inline, diagram inline SVG).

Jinja2 with autoescaping on: every value from the case is text, never markup; the only markup
let through is dot's SVG, which dot builds with the case's strings escaped.
"""

from __future__ import annotations

import datetime as dt
from importlib.resources import files

from casegate.core.dates import format_wareki
from casegate.render import deps
from casegate.render.document import Document

_TEMPLATES = files("casegate.render") / "templates"


def render_html(document: Document) -> str:
    jinja2 = deps.import_python("jinja2")
    environment = jinja2.Environment(
        loader=jinja2.DictLoader({"document": (_TEMPLATES / "document.html.j2").read_text(encoding="utf-8")}),
        autoescape=True,
        undefined=jinja2.StrictUndefined,  # a misspelt field fails the test, not prints nothing
        trim_blocks=False,
    )
    environment.filters["wareki"] = lambda day: format_wareki(day) if isinstance(day, dt.date) else str(day)
    css = (_TEMPLATES / "style.css").read_text(encoding="utf-8")
    markup = deps.import_python("markupsafe").Markup
    html: str = environment.get_template("document").render(doc=document, css=markup(css))
    return html
