"""The page-object adapters: every profile loads, and an adapter is really exercised — the
reference pages do not find their way on the variant markup (PORTAL_UI_VARIANT=b), the
variant pages do (and the other way round), on the portal's public pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from fixtures.chromium import LAUNCH_ARGS, find_chromium
from fixtures.servers import ServerProcess, free_port
from fixtures.target import TARGETS, load_target, page_set_factory
from pages.protocols import OFFICER_ROLES
from pages.reference import ReferencePages
from pages.variant import VariantPages

PROCEDURE = ("1.001193", "Đăng ký khai sinh")
QUICK_MS = 1500  # the page is there already: a missing locator need not wait long


@pytest.mark.parametrize("path", sorted(TARGETS.glob("*.toml")), ids=lambda p: p.stem)
def test_every_profile_loads_with_a_page_set_and_every_officer(path: Path) -> None:
    target = load_target(str(path))
    assert callable(page_set_factory(target.pages))
    assert set(target.officers) == set(OFFICER_ROLES)


def test_the_variant_profile_starts_the_reference_portal_with_the_variant_markup() -> None:
    target = load_target("reference-variant")
    assert (target.start, target.pages) == ("reference", "variant")
    assert target.portal_env == {"PORTAL_UI_VARIANT": "b"}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=find_chromium(), args=LAUNCH_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module", params=["", "b"], ids=["reference-markup", "variant-markup"])
def portal(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    folder = tmp_path_factory.mktemp("portal")
    server = ServerProcess(
        name="portal",
        module="portal",
        port=free_port(),
        env={
            "PORTAL_MODE": "test",
            "PORTAL_DATABASE_URL": f"sqlite:///{folder / 'portal.db'}",
            "PORTAL_UI_VARIANT": request.param,
        },
        log_path=folder / "portal.log",
    ).start()
    try:
        server.wait_healthy()
        yield request.param, server.url
    finally:
        server.stop()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="vi-VN")
    yield context.new_page()
    context.close()


def finds_its_way(pages: ReferencePages, page: Page) -> bool:
    """The adapter's home page and a procedure's page find their sign-in and submit links."""
    try:
        home = pages.home(page).open()
        expect(home.sign_in_link).to_be_visible(timeout=QUICK_MS)
        catalogue = pages.catalogue(page).open().search(PROCEDURE[0])
        procedure = catalogue.open_procedure(PROCEDURE[1])
        expect(procedure.submit_online).to_be_visible(timeout=QUICK_MS)
    except AssertionError:
        return False
    return True


def test_each_adapter_finds_its_way_only_on_its_own_markup(
    portal: tuple[str, str], page: Page
) -> None:
    variant, url = portal
    reference = finds_its_way(ReferencePages(url, url), page)
    other = finds_its_way(VariantPages(url, url), page)
    if variant == "b":
        assert other, "the variant adapter must work on the variant markup"
        assert not reference, "the reference adapter must fail on the variant markup"
    else:
        assert reference, "the reference adapter must work on the reference markup"
        assert not other, "the variant adapter must fail on the reference markup"
