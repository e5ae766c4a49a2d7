"""Officer sign-in throttling (portal/services/throttle.py, docs/portal.md): the bug as
found was 30 wrong passwords in 1.5 s, then the right one accepted, each costing a hash."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from portal.app import create_app
from portal.services import officers
from portal.services.throttle import SignInThrottle
from portal.settings import PortalSettings
from tests.portal.conftest import Browser, Portal

pytestmark = pytest.mark.anyio
LOCKED = "Đăng nhập tạm thời bị khóa vì mật khẩu đã bị nhập sai nhiều lần"


async def attempt(browser: Browser, username: str, password: str) -> httpx.Response:
    return await browser.post(
        "/can-bo/dang-nhap", {"username": username, "password": password, "next": "/can-bo"}
    )


@pytest.fixture
def hashes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every password hash the portal computes (what a guesser costs it)."""
    computed: list[str] = []
    real = officers.verify_password

    def counted(password: str, stored: str) -> bool:
        computed.append(password)
        return real(password, stored)

    monkeypatch.setattr(officers, "verify_password", counted)
    return computed


async def new_officer(portal: Portal) -> dict[str, Any]:
    made = await portal.anonymous.http.post("/_test/officers", json={"role": "reception"})
    assert made.status_code == 201, made.text
    account: dict[str, Any] = made.json()
    return account


async def test_five_wrong_passwords_lock_the_account_and_the_right_one_is_refused_unhashed(
    portal: Portal, hashes: list[str]
) -> None:
    account = await new_officer(portal)
    for _ in range(5):
        answer = await attempt(portal.anonymous, account["username"], "sai-mat-khau")
        assert answer.status_code == 401
    assert len(hashes) == 5
    locked = await attempt(portal.anonymous, account["username"], account["password"])
    assert locked.status_code == 429
    assert LOCKED in locked.text and "Vui lòng thử lại sau 15 phút" in locked.text
    assert 800 < int(locked.headers["Retry-After"]) <= 900
    assert len(hashes) == 5, "a locked sign-in computed a password hash"
    for _ in range(25):  # the attack as found: many more tries cost nothing now
        assert (await attempt(portal.anonymous, account["username"], "x")).status_code == 429
    assert len(hashes) == 5


async def test_the_lock_is_per_username_and_ends_with_the_lockout(portal: Portal) -> None:
    account = await new_officer(portal)
    for _ in range(5):
        await attempt(portal.anonymous, account["username"].upper(), "sai")  # case folded
    other = await attempt(portal.anonymous, "motcua", "MotCua@2025")
    assert other.status_code == 303, "another officer was locked out"
    assert (
        await attempt(portal.anonymous, account["username"], account["password"])
    ).status_code == 429
    moved = await portal.anonymous.http.put("/_test/clock", json={"offset_days": 1})
    moved.raise_for_status()
    after = await attempt(portal.anonymous, account["username"], account["password"])
    assert after.status_code == 303 and after.headers["location"] == "/can-bo"


async def test_the_test_reset_forgets_the_lockouts(portal: Portal) -> None:
    account = await new_officer(portal)
    for _ in range(5):
        await attempt(portal.anonymous, account["username"], "sai")
    assert (
        await attempt(portal.anonymous, account["username"], account["password"])
    ).status_code == 429
    (await portal.anonymous.http.post("/_test/reset")).raise_for_status()
    assert (
        await attempt(portal.anonymous, account["username"], account["password"])
    ).status_code == 303


async def test_a_success_forgets_the_earlier_failures(portal: Portal) -> None:
    account = await new_officer(portal)
    for _ in range(4):
        await attempt(portal.anonymous, account["username"], "sai")
    assert (
        await attempt(portal.anonymous, account["username"], account["password"])
    ).status_code == 303
    for _ in range(4):
        assert (await attempt(portal.anonymous, account["username"], "sai")).status_code == 401


T0 = datetime(2026, 12, 6, 8, 0, tzinfo=UTC)


def test_one_address_trying_many_usernames_is_locked_whatever_the_username() -> None:
    throttle = SignInThrottle(max_failures=5, max_failures_per_client=8)
    for i in range(8):
        throttle.failed(username=f"user{i}", client="10.0.0.9", now=T0)
    assert throttle.retry_after(username="motcua", client="10.0.0.9", now=T0) == 900
    assert throttle.retry_after(username="motcua", client="10.0.0.10", now=T0) is None


def test_failures_older_than_the_window_do_not_count() -> None:
    throttle = SignInThrottle(max_failures=3, lockout=timedelta(minutes=15))
    for minutes in (0, 10, 16):
        throttle.failed(username="a", client="c", now=T0 + timedelta(minutes=minutes))
    # the first failure (08:00) has left the window by 08:16: two remain
    assert throttle.retry_after(username="a", client="c", now=T0 + timedelta(minutes=16)) is None
    throttle.failed(username="a", client="c", now=T0 + timedelta(minutes=17))
    wait = throttle.retry_after(username="a", client="c", now=T0 + timedelta(minutes=17))
    assert wait == 900


async def test_the_settings_set_the_policy(settings: PortalSettings) -> None:
    """PORTAL_OFFICER_MAX_FAILURES, _PER_CLIENT and PORTAL_OFFICER_LOCKOUT_S reach it."""
    app = create_app(
        settings.model_copy(
            update={
                "officer_max_failures": 2,
                "officer_max_failures_per_client": 7,
                "officer_lockout_s": 120,
            }
        )
    )
    async with app.router.lifespan_context(app):
        portal = Portal(app, httpx.ASGITransport(app=app))
        account = await new_officer(portal)
        for _ in range(2):
            await attempt(portal.anonymous, account["username"], "sai")
        locked = await attempt(portal.anonymous, account["username"], account["password"])
        await portal.close()
    assert locked.status_code == 429 and "thử lại sau 2 phút" in locked.text
    throttle: SignInThrottle = app.state.sign_in_throttle
    assert (throttle.max_failures_per_client, throttle.lockout) == (7, timedelta(minutes=2))


def test_the_settings_are_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTAL_OFFICER_MAX_FAILURES", "3")
    monkeypatch.setenv("PORTAL_OFFICER_MAX_FAILURES_PER_CLIENT", "9")
    monkeypatch.setenv("PORTAL_OFFICER_LOCKOUT_S", "60")
    read = PortalSettings()
    assert (read.officer_max_failures, read.officer_max_failures_per_client) == (3, 9)
    assert read.officer_lockout_s == 60
