"""bien-ban.pdf: the biên bản (summary.html) printed by Chromium through Playwright.

A4 with the page's own margins (``@page``), a footer "Trang N/M" on every page, the
fonts the page names (DejaVu for Vietnamese; Debian's ``fonts-dejavu-core``, which
``make setup`` installs). The Chromium is the suite's (``fixtures.chromium``).
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from fixtures.chromium import LAUNCH_ARGS, ChromiumNotFound, find_chromium

FOOTER = (
    "<div style=\"width:100%;font-size:8pt;font-family:'DejaVu Serif',serif;"
    'text-align:center;color:#333">Trang <span class="pageNumber"></span>/'
    '<span class="totalPages"></span></div>'
)


class PdfError(RuntimeError):
    pass


def print_pdf(html: Path, pdf: Path) -> None:
    """Print ``html`` (a file) to ``pdf``; a PdfError says in one line why not."""
    try:
        executable = find_chromium()
    except ChromiumNotFound as exc:
        raise PdfError(f"không in được biên bản PDF: {exc}") from None
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
            try:
                page = browser.new_page()
                page.goto(html.resolve().as_uri(), wait_until="load")
                page.pdf(
                    path=str(pdf),
                    format="A4",
                    prefer_css_page_size=True,
                    print_background=True,
                    display_header_footer=True,
                    header_template="<span></span>",
                    footer_template=FOOTER,
                )
            finally:
                browser.close()
    except PlaywrightError as exc:
        raise PdfError(f"không in được biên bản PDF: {str(exc).splitlines()[0]}") from None
