"""Test-mode routes exist in test mode only; they reset, move the clock, make dossiers in
any status through the normal path, sign people in and report the outbox."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from portal.app import create_app
from portal.integration.outbox import OutboxMessage
from portal.models import Dossier, Officer
from portal.settings import PortalSettings
from tests.portal.conftest import Portal, identity

pytestmark = pytest.mark.anyio
CITIZEN = identity()


@pytest.mark.parametrize("mode", ["dev", "production"])
async def test_the_test_routes_are_not_mounted_outside_test_mode(
    settings: PortalSettings, mode: str
) -> None:
    secrets = {
        "secret_key": "s" * 32,
        "sso_client_secret": "c" * 16,
        "payment_secret": "p" * 16,
        "national_password": "n" * 16,
    }
    app = create_app(settings.model_copy(update={"mode": mode, **secrets}))
    assert not [r for r in app.routes if getattr(r, "path", "").startswith("/_test")]
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://p"
    ) as http:
        assert (await http.post("/_test/reset")).status_code == 404
        assert (await http.put("/_test/clock", json={"offset_days": 3})).status_code == 404
        assert (await http.post("/_test/sessions", json={"officer": "motcua"})).status_code == 404


def test_production_refuses_every_default_secret(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as refused:
        PortalSettings(mode="production", secret_key="x" * 32, sso_client_secret="y" * 16)
    message = str(refused.value)
    assert "PORTAL_PAYMENT_SECRET" in message and "PORTAL_NATIONAL_PASSWORD" in message
    assert "PORTAL_SECRET_KEY" not in message


def test_production_seeds_no_demonstration_accounts(settings: PortalSettings) -> None:
    production = PortalSettings(
        **{
            **settings.model_dump(),
            "mode": "production",
            "secret_key": "s" * 32,
            "sso_client_secret": "c" * 16,
            "payment_secret": "p" * 16,
            "national_password": "n" * 16,
        }
    )
    app = create_app(production)
    with app.state.db() as db:
        assert db.scalar(select(func.count(Officer.id))) == 0


@pytest.mark.parametrize(
    ("status", "statuses"),
    [(1, [1]), (3, [1, 3]), (5, [1, 2, 5]), (6, [1, 2, 6]), (7, [1, 7]), (10, [1, 2, 4, 9, 10])],
)
async def test_a_dossier_is_made_in_any_status_through_the_normal_path(
    portal: Portal, maker: sessionmaker[Session], status: int, statuses: list[int]
) -> None:
    response = await portal.anonymous.http.post(
        "/_test/dossiers", json={"procedure": "1.001193", "identity": CITIZEN, "status": status}
    )
    assert response.status_code == 201 and response.json()["status"] == status
    with maker() as db:
        records = db.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.service == "DongBoHoSoMC")
            .order_by(OutboxMessage.id)
        )
        assert [m.payload["TrangThaiHoSo"] for m in records] == statuses


async def test_reset_empties_the_data_but_keeps_the_officers_and_resets_the_clock(
    portal: Portal, maker: sessionmaker[Session]
) -> None:
    await portal.anonymous.http.post(
        "/_test/dossiers", json={"procedure": "2.000488", "identity": CITIZEN, "status": 2}
    )
    await portal.anonymous.http.put("/_test/clock", json={"offset_days": 5})
    assert (await portal.anonymous.http.post("/_test/reset")).json() == {"ok": True}
    with maker() as db:
        assert db.scalar(select(func.count(Dossier.id))) == 0
        assert db.scalar(select(func.count(OutboxMessage.id))) == 0
        assert db.scalar(select(func.count(Officer.id))) == 3
    assert (await portal.anonymous.http.get("/_test/clock")).json()["offset_days"] == 0


async def test_the_clock_moves_due_dates_and_timestamps(portal: Portal) -> None:
    before = (await portal.anonymous.http.get("/_test/clock")).json()
    moved = (await portal.anonymous.http.put("/_test/clock", json={"offset_days": 3})).json()
    assert moved["offset_days"] == 3 and moved["now"][:10] > before["now"][:10]
    response = await portal.anonymous.http.post(
        "/_test/dossiers", json={"procedure": "1.001193", "identity": CITIZEN, "status": 1}
    )
    assert response.json()["received_at"][:10] == moved["now"][:10]
    # Vietnam time whatever the hour: in UTC the date above differs only after 17:00 UTC
    assert response.json()["received_at"].endswith("+07:00")
    assert response.json()["due_at"].endswith("+07:00")
    assert (
        await portal.anonymous.http.put("/_test/clock", json={"offset_days": "x"})
    ).status_code == 422


async def test_the_clock_is_set_to_a_moment_and_runs_on(portal: Portal) -> None:
    http = portal.anonymous.http
    moment = "2026-12-08T09:00:00+07:00"  # a Tuesday, a working day in Vietnam
    pinned = (await http.put("/_test/clock", json={"at": moment})).json()
    assert pinned["now"][:16] == "2026-12-08T09:00" and pinned["offset_days"] == 0
    # the same moment written in UTC is the same moment
    utc = (await http.put("/_test/clock", json={"at": "2026-12-08T02:00:00Z"})).json()
    assert utc["now"][:16] == "2026-12-08T09:00" and utc["now_vn"][:12] == "202612080900"
    response = await http.post(
        "/_test/dossiers", json={"procedure": "1.001193", "identity": CITIZEN, "status": 1}
    )
    assert response.json()["received_at"][:16] == "2026-12-08T09:00"
    later = (await http.get("/_test/clock")).json()
    assert later["now"] >= pinned["now"], "the pinned clock runs on, never back"
    # whole days still work, and drop the pinned moment
    days = (await http.put("/_test/clock", json={"offset_days": 1})).json()
    assert days["offset_days"] == 1 and days["offset_seconds"] == 0


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"at": "2026-12-08T09:00:00"}, "at needs its UTC offset"),
        ({"at": "mai lúc 9 giờ"}, "valid datetime"),
        ({"at": "2026-12-08T09:00:00+07:00", "offset_days": 1}, "either offset_days or at"),
        ({}, "either offset_days or at"),
    ],
)
async def test_a_clock_moment_it_cannot_read_is_refused(
    portal: Portal, body: dict[str, object], message: str
) -> None:
    answer = await portal.anonymous.http.put("/_test/clock", json=body)
    assert answer.status_code == 422 and message in answer.text, answer.text
    assert (await portal.anonymous.http.get("/_test/clock")).json()["offset_seconds"] == 0


async def test_a_session_signs_in_a_citizen_or_an_officer(portal: Portal) -> None:
    citizen = await portal.sign_in(identity=CITIZEN)
    assert "Nguyễn Văn An" in (await citizen.get("/ca-nhan")).text
    officer = await portal.sign_in(officer="lanhdao")
    assert "Lê Minh Quân" in (await officer.get("/can-bo")).text
    unknown = await portal.anonymous.http.post("/_test/sessions", json={"officer": "khong-co"})
    assert unknown.status_code == 404


async def test_the_outbox_counts_and_drain_is_bounded(portal: Portal) -> None:
    await portal.anonymous.http.post(
        "/_test/dossiers", json={"procedure": "1.001193", "identity": CITIZEN, "status": 1}
    )
    counts = (await portal.anonymous.http.get("/_test/outbox")).json()
    assert counts["pending"] == 2 and counts["delivered"] == 0
    # nothing listens at the national portal's address here: drain gives up in time
    drained = (
        await portal.anonymous.http.post("/_test/outbox/drain", json={"timeout_s": 0.5})
    ).json()
    assert drained["left"] == 2


CROSS_SITE = [
    {"Origin": "https://trang-doc-hai.example", "Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},
    {"Origin": "null"},
]


@pytest.mark.parametrize("headers", CROSS_SITE, ids=["cross-site", "same-site", "null-origin"])
async def test_a_web_page_cannot_call_the_test_routes(
    portal: Portal, maker: sessionmaker[Session], headers: dict[str, str]
) -> None:
    """The attack as found: a text/plain POST (no CORS preflight) from another site wiped
    the data."""
    made = await portal.anonymous.http.post(
        "/_test/dossiers", json={"procedure": "1.001193", "identity": CITIZEN}
    )
    assert made.status_code == 201
    wiped = await portal.anonymous.http.post(
        "/_test/reset", content="{}", headers={**headers, "Content-Type": "text/plain"}
    )
    assert wiped.status_code == 403
    assert "không nhận yêu cầu gửi từ một trang web khác" in wiped.text
    with maker() as db:
        assert db.scalar(select(func.count(Dossier.id))) == 1, "the data was wiped"
    for method, path in [("POST", "/_test/sessions"), ("PUT", "/_test/clock")]:
        answer = await portal.anonymous.http.request(
            method, path, json={"officer": "motcua", "offset_days": 1}, headers=headers
        )
        assert answer.status_code == 403, f"{method} {path}"


async def test_the_suite_and_the_portal_s_own_origin_may_call_the_test_routes(
    portal: Portal,
) -> None:
    own = {"Origin": "http://portal.test", "Sec-Fetch-Site": "same-origin"}
    assert (await portal.anonymous.http.get("/_test/clock", headers=own)).status_code == 200
    assert (await portal.anonymous.http.get("/_test/clock")).status_code == 200
