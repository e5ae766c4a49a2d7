"""The hosted payment page in a real browser: what a payer (and a screen reader) finds.

Playwright's async API in the test's own event loop: the sync API (pytest-playwright's
``page``) would leave a loop running for the async tests that follow in this session.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from playwright.async_api import Browser, Page, async_playwright, expect

from fixtures.chromium import LAUNCH_ARGS, find_chromium
from tests.mocks.conftest import PortalDouble
from tests.mocks.payment_api import create, transaction

pytestmark = pytest.mark.anyio


@pytest.fixture(scope="module")
async def chromium_browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=find_chromium(), args=LAUNCH_ARGS
        )
        yield launched
        await launched.close()


@pytest.fixture
async def browser_page(chromium_browser: Browser) -> AsyncIterator[Page]:
    context = await chromium_browser.new_context(locale="vi-VN")
    yield await context.new_page()
    await context.close()


async def test_a_payer_chooses_a_channel_by_its_label_and_pays(
    browser_page: Page, payment: httpx.Client, portal_double: PortalDouble
) -> None:
    page = browser_page
    txn = create(payment, portal_double.url, SoTien=75000)
    await page.goto(txn["UrlThanhToan"])
    await expect(page).to_have_title("Thanh toán phí, lệ phí — Nền tảng thanh toán (mô phỏng)")
    channels = page.get_by_role("radiogroup", name="Kênh thanh toán")
    await expect(channels.get_by_role("radio")).to_have_count(3)
    for label in ("Thẻ ATM nội địa", "Ví điện tử", "Chuyển khoản QR"):
        await expect(channels.get_by_role("radio", name=label)).not_to_be_checked()
    await expect(page.get_by_text("75.000 đồng")).to_be_visible()
    await expect(page.get_by_text(txn["MaHoSo"])).to_be_visible()

    # Paying with no channel chosen: the browser holds the form back.
    await page.get_by_role("button", name="Thanh toán").click()
    await expect(channels.get_by_role("radio", name="Ví điện tử")).to_have_js_property(
        "validity.valueMissing", True
    )
    assert transaction(payment, txn)["TrangThai"] == "CHO_THANH_TOAN"

    await channels.get_by_role("radio", name="Chuyển khoản QR").check()
    await page.get_by_role("button", name="Thanh toán").click()
    await expect(page.get_by_role("heading", name="Đã nhận kết quả")).to_be_visible()
    assert page.url.startswith(txn["UrlTraVe"] + "?") and "MaLoi=00" in page.url
    assert transaction(payment, txn)["KenhThanhToan"] == "QR"
    assert len(portal_double.callbacks()) == 1


async def test_cancelling_needs_no_channel(
    browser_page: Page, payment: httpx.Client, portal_double: PortalDouble
) -> None:
    txn = create(payment, portal_double.url)
    await browser_page.goto(txn["UrlThanhToan"])
    await browser_page.get_by_role("button", name="Hủy giao dịch").click()
    await expect(browser_page.get_by_role("heading", name="Đã nhận kết quả")).to_be_visible()
    assert "MaLoi=24" in browser_page.url
    assert transaction(payment, txn)["TrangThai"] == "DA_HUY"
