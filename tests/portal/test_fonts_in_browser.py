"""Form controls write Vietnamese in the page's font, in a real Chromium.

The bug as found (issue 20): text areas kept the browser's default monospace font, and
"Bổ sung hồ sơ" typed into one rendered as "Bổsung hồsơ" in Chromium. Browsers do not
let form controls inherit the page's font; portal.css must say so. The pages are the
portal's own (served in-process to the browser through ``page.route``), with their
stylesheet, signed in as the people who see those text areas. What fails is the font
Chromium computes for the control ("monospace" for a text area, "Arial" for a button),
so that is what is checked, for every visible control of those pages.

Playwright's async API in the test's own event loop (see tests/mocks/test_payment_page_browser.py).
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from playwright.async_api import Browser, Page, Route, async_playwright

from fixtures.chromium import LAUNCH_ARGS, find_chromium
from tests.portal.conftest import Browser as PortalBrowser
from tests.portal.conftest import Portal, identity

pytestmark = pytest.mark.anyio
ORIGIN = "http://portal.test"
# Each visible form control's font as Chromium computes it, beside the page's.
FONTS = """() => {
  const page = getComputedStyle(document.body).fontFamily;
  const controls = document.querySelectorAll(
    "textarea, input:not([type=hidden]), select, button");
  return [...controls].map((control) => ({
    control: `${control.tagName.toLowerCase()}#${control.id || control.name}`,
    font: getComputedStyle(control).fontFamily,
    page,
  }));
}"""


@pytest.fixture(scope="module")
async def chromium_browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=find_chromium(), args=LAUNCH_ARGS
        )
        yield launched
        await launched.close()


async def page_as(chromium_browser: Browser, who: PortalBrowser) -> Page:
    """A browser page whose requests to ORIGIN are answered by the portal, as ``who``."""

    async def serve(route: Route) -> None:
        sent = route.request
        answer = await who.http.request(
            sent.method, sent.url, headers=sent.headers, content=sent.post_data_buffer
        )
        await route.fulfill(
            status=answer.status_code,
            headers={k: v for k, v in answer.headers.items() if k != "content-length"},
            body=answer.content,
        )

    context = await chromium_browser.new_context(locale="vi-VN")
    page = await context.new_page()
    await page.route(f"{ORIGIN}/**", serve)
    return page


async def controls_on(page: Page, path: str) -> list[dict[str, object]]:
    answer = await page.goto(f"{ORIGIN}{path}")
    assert answer is not None and answer.status == 200, f"{path}: HTTP {answer and answer.status}"
    found: list[dict[str, object]] = await page.evaluate(FONTS)
    return found


async def test_every_text_area_and_control_writes_in_the_page_s_font(
    portal: Portal, chromium_browser: Browser
) -> None:
    citizen = identity()
    made = await portal.anonymous.http.post(
        "/_test/dossiers", json={"procedure": "1.001193", "identity": citizen, "status": 1}
    )
    code = made.json()["code"]
    pages = {
        "cán bộ một cửa": (await portal.sign_in(officer="motcua"), [f"/can-bo/ho-so/{code}"]),
        "công dân": (
            await portal.sign_in(identity=citizen),
            [f"/ho-so/{code}/rut", "/thu-tuc/2.000488/nop-ho-so"],
        ),
    }
    seen = []
    for who, paths in pages.values():
        page = await page_as(chromium_browser, who)
        for path in paths:
            seen += [{**c, "path": path} for c in await controls_on(page, path)]
        await page.context.close()
    text_areas = [c for c in seen if str(c["control"]).startswith("textarea")]
    assert len(text_areas) >= 3, f"the pages have no text areas to check: {seen}"
    wrong = [c for c in seen if c["font"] != c["page"]]
    assert not wrong, f"controls not in the page's font: {wrong}"
