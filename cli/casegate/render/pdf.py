"""HTML to PDF through WeasyPrint, with nothing fetched from anywhere.

The HTML is self-contained; a URL in it could only come from a case, so the fetcher allows no
protocol at all (no file:// read of the runner's disk, no request to a network) instead of
trusting that the template escapes everything.
"""

from __future__ import annotations

from casegate.render import deps


def render_pdf(html: str) -> bytes:
    weasyprint = deps.import_weasyprint()
    fetcher = weasyprint.urls.URLFetcher(allowed_protocols=(), allow_redirects=False)
    pdf: bytes = weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf()
    return pdf
