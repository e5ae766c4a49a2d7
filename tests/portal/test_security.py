"""Security settings the e2e suite cannot see on the reference stack (served over http on
127.0.0.1): the Secure cookie and HSTS over https, the headers on every kind of answer,
and the start-up recovery of payments a crash left unsettled."""

from __future__ import annotations

import httpx
import pytest
import respx
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from portal.app import create_app
from portal.integration.payment import PaymentClient
from portal.integration.payment_checksum import QUERY_ANSWER_FIELDS, sign
from portal.integration.payment_recovery import recover_unsettled_payments
from portal.models import Dossier, Payment
from portal.services.workflow import SyncContext
from portal.settings import DEFAULT_PAYMENT_SECRET, PortalSettings
from tests.portal.conftest import PAYMENT_URL, Portal
from tests.portal.test_payment import dossier_with_attempt, result

pytestmark = pytest.mark.anyio


async def first_cookie(settings: PortalSettings, base_url: str) -> str:
    app = create_app(settings)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=base_url) as http,
    ):
        page = await http.get("/can-bo/dang-nhap")  # a page with a form starts a session
    return page.headers["set-cookie"]


async def test_the_session_cookie_is_secure_when_the_portal_is_served_over_https(
    settings: PortalSettings,
) -> None:
    over_https = settings.model_copy(update={"public_url": "https://dichvucong.example.vn"})
    cookie = (await first_cookie(over_https, "https://dichvucong.example.vn")).lower()
    assert "; secure" in cookie and "; httponly" in cookie and "samesite=lax" in cookie


async def test_over_plain_http_the_cookie_is_not_marked_secure(settings: PortalSettings) -> None:
    cookie = (await first_cookie(settings, "http://portal.test")).lower()
    assert "; secure" not in cookie and "; httponly" in cookie and "samesite=lax" in cookie


@pytest.mark.parametrize("path", ["/", "/thu-tuc", "/khong-co-trang-nay", "/static/portal.css"])
async def test_every_answer_carries_the_security_headers(portal: Portal, path: str) -> None:
    headers = (await portal.anonymous.get(path)).headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    policy = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert headers["referrer-policy"] == "same-origin"
    assert "strict-transport-security" not in headers  # http only here


async def test_over_https_the_browser_is_told_to_stay_on_https(settings: PortalSettings) -> None:
    over_https = settings.model_copy(update={"public_url": "https://dichvucong.example.vn"})
    app = create_app(over_https)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="https://dichvucong.example.vn"
    ) as http:
        headers = (await http.get("/")).headers
    assert headers["strict-transport-security"].startswith("max-age=")


async def test_a_payment_left_unsettled_by_a_crash_is_recovered_at_start_up(
    portal: Portal, maker: sessionmaker[Session]
) -> None:
    code, reference = await dossier_with_attempt(portal, maker)
    answer = sign(
        DEFAULT_PAYMENT_SECRET,
        {**result(reference), "TrangThai": "DA_THANH_TOAN"},
        QUERY_ANSWER_FIELDS,
    )
    async with httpx.AsyncClient() as http:
        client = PaymentClient(PAYMENT_URL, "DVC-TINH-MAU", DEFAULT_PAYMENT_SECRET, http)
        with respx.mock(assert_all_called=True) as platform:
            platform.post(f"{PAYMENT_URL}/api/truy-van").respond(json=answer)
            settled = await recover_unsettled_payments(
                maker,
                client,
                procedures=portal.app.state.procedures,
                now=portal.app.state.clock.now,
                ctx=SyncContext("http://portal.test"),
            )
    assert settled == 1
    with maker() as db:
        assert db.scalars(select(Payment)).one().state == "paid"
        assert db.scalars(select(Dossier).where(Dossier.code == code)).one().fee_paid


async def test_recovery_asks_nothing_when_no_payment_is_waiting(
    portal: Portal, maker: sessionmaker[Session]
) -> None:
    async with httpx.AsyncClient() as http:
        client = PaymentClient(PAYMENT_URL, "DVC-TINH-MAU", DEFAULT_PAYMENT_SECRET, http)
        with respx.mock(assert_all_mocked=True) as platform:
            settled = await recover_unsettled_payments(
                maker,
                client,
                procedures=portal.app.state.procedures,
                now=portal.app.state.clock.now,
                ctx=SyncContext("http://portal.test"),
            )
            assert not platform.calls
    assert settled == 0
