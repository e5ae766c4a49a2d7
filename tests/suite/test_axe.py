"""The accessibility audit finds what it must and passes a clean page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, sync_playwright

from fixtures.axe import audit, describe
from fixtures.chromium import LAUNCH_ARGS, find_chromium


@pytest.fixture(scope="module")
def blank_page() -> Iterator[Page]:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_chromium(), args=LAUNCH_ARGS)
        yield browser.new_page()
        browser.close()


def test_violations_are_reported_with_their_elements(blank_page: Page) -> None:
    blank_page.set_content('<html><body><img src="x.png"><input type="text"></body></html>')
    found = {v["id"] for v in audit(blank_page)}
    assert {"image-alt", "label", "html-has-lang", "document-title"} <= found
    assert "image-alt" in describe(audit(blank_page))


def test_a_clean_page_passes(blank_page: Page) -> None:
    blank_page.set_content(
        '<html lang="vi"><head><title>Trang</title></head><body><main><h1>Xin chào</h1>'
        '<label for="ten">Họ và tên</label><input id="ten"></main></body></html>'
    )
    assert audit(blank_page) == []


def test_a_strict_content_security_policy_does_not_stop_the_audit(blank_page: Page) -> None:
    blank_page.set_content(
        '<html><head><meta http-equiv="Content-Security-Policy" content="script-src \'none\'"></head>'
        '<body><img src="x.png"></body></html>'
    )
    assert "image-alt" in {v["id"] for v in audit(blank_page)}
