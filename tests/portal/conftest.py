"""Fixtures for the portal's own tests: the app in test mode, reached in-process (ASGI).

The national systems are not running here: their URLs point at a closed local port, so
the outbox keeps its messages pending (tests read them from the table) and a payment
test mocks the platform with respx where it needs an answer.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.orm import Session, sessionmaker

from portal.app import create_app
from portal.settings import PortalSettings

CLOSED = "http://127.0.0.1:9"  # nothing listens there: calls fail at once, locally
PAYMENT_URL = "http://127.0.0.1:9/thanh-toan-mo-phong"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def identity(number: str = "001090012345", **overrides: Any) -> dict[str, Any]:
    """Claims as the national SSO gives them."""
    return {
        "SoDinhDanh": number,
        "HoVaTen": "Nguyễn Văn An",
        "NgayThangNamSinh": "15031990",
        "GioiTinh": 1,
        "ThuongTru": "Số 12 phố Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội",
        "SoDienThoai": "0912345678",
        "ThuDienTu": "an@example.vn",
        "LoaiTaiKhoan": 1,
        **overrides,
    }


@pytest.fixture(scope="session")
def pki_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pki")


@pytest.fixture
def settings(tmp_path: Path, pki_dir: Path) -> PortalSettings:
    return PortalSettings(
        mode="test",
        public_url="http://portal.test",
        database_url=f"sqlite:///{tmp_path / 'portal.db'}",
        pki_dir=str(pki_dir),
        sso_issuer=CLOSED,
        payment_url=PAYMENT_URL,
        national_url=CLOSED,
        http_timeout_s=2.0,
    )


@pytest.fixture
def app(settings: PortalSettings) -> FastAPI:
    return create_app(settings)


@pytest.fixture
def maker(app: FastAPI) -> sessionmaker[Session]:
    db: sessionmaker[Session] = app.state.db
    return db


class Browser:
    """One person's browser: its own cookie jar on the shared in-process transport."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return await self.http.get(path, **kwargs)

    async def csrf(self) -> str:
        page = await self.http.get("/can-bo/dang-nhap")  # a page with a form for anyone
        match = CSRF.search(page.text)
        assert match, "no CSRF token on the page"
        return match.group(1)

    async def post(
        self, path: str, data: dict[str, Any] | None = None, **kwargs: Any
    ) -> httpx.Response:
        form = {"csrf_token": await self.csrf(), **(data or {})}
        return await self.http.post(path, data=form, **kwargs)


class Portal:
    """The app under test, with its lifespan running, and browsers on it."""

    def __init__(self, app: FastAPI, transport: httpx.ASGITransport) -> None:
        self.app = app
        self.transport = transport
        self._clients: list[httpx.AsyncClient] = []
        self.anonymous = self.browser()

    def browser(self, cookie: str | None = None) -> Browser:
        http = httpx.AsyncClient(transport=self.transport, base_url="http://portal.test")
        if cookie:
            http.cookies.set("dvc_session", cookie, domain="portal.test")
        self._clients.append(http)
        return Browser(http)

    async def sign_in(self, **who: Any) -> Browser:
        """``identity={...}`` for a citizen, ``officer="motcua"`` for an officer."""
        response = await self.anonymous.http.post("/_test/sessions", json=who)
        assert response.status_code == 201, response.text
        return self.browser(response.json()["cookie"]["value"])

    async def close(self) -> None:
        for http in self._clients:
            await http.aclose()


@pytest.fixture
async def portal(app: FastAPI) -> AsyncIterator[Portal]:
    async with app.router.lifespan_context(app):
        started = Portal(app, httpx.ASGITransport(app=app))
        yield started
        await started.close()
