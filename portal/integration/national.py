"""Adapter to the national portal (Cổng DVCQG) and the citizen data warehouse.

Speaks docs/contracts.md §3: a session from ``/api/dang-nhap``, then ``/api/dich-vu``
calls carrying ``session``, ``madonvi``, ``service`` and ``data``; the warehouse at
``/api/kho-du-lieu/ket-qua``. The session is obtained lazily and renewed once when the
national portal says it expired (HTTP 401 or ``error_code`` 401), then the call is
retried once.

Errors: ``NationalPortalUnavailable`` (retryable: timeout, connection error, 5xx,
malformed answer, login refused) and ``NationalPortalRejected`` (``error_code`` 1/2/3:
the data was refused; retrying the same data would be refused again).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

import httpx

from portal.integration.outbox_table import OutboxMessage
from portal.integration.timefmt import vn_timestamp

log = logging.getLogger(__name__)

LOGIN_PATH = "/api/dang-nhap"
SERVICE_PATH = "/api/dich-vu"
WAREHOUSE_PATH = "/api/kho-du-lieu/ket-qua"
REJECTION_CODES = {
    1: "dữ liệu không hợp lệ",
    2: "chuyển trạng thái không được phép",
    3: "không tìm thấy hồ sơ",
}
SESSION_EXPIRED = 401
RENEW_MARGIN_S = 30.0


class NationalPortalError(Exception):
    retryable: bool = True

    def __init__(self, message: str, *, user_message: str) -> None:
        super().__init__(message)
        self.message = message
        self.user_message = user_message


class NationalPortalUnavailable(NationalPortalError):
    """Could not get an answer; the same call may succeed later."""

    retryable = True

    def __init__(self, message: str) -> None:
        super().__init__(
            message,
            user_message="Chưa kết nối được Cổng Dịch vụ công quốc gia; "
            "hệ thống sẽ tự động gửi lại sau.",
        )


class NationalPortalLoginFailed(NationalPortalUnavailable):
    """The account was refused: a configuration problem; calls wait until it is fixed."""


class NationalPortalRejected(NationalPortalError):
    """The national portal refused the data (error_code 1, 2 or 3): do not resend as is."""

    retryable = False

    def __init__(self, error_code: int | None, message: str, errors: list[str]) -> None:
        detail = f"{message} ({'; '.join(errors)})" if errors else message
        super().__init__(
            f"error_code {error_code}: {detail}",
            user_message=f"Cổng Dịch vụ công quốc gia từ chối dữ liệu: {detail}",
        )
        self.error_code = error_code
        self.errors = errors


class NationalPortalClient:
    def __init__(
        self,
        base_url: str,
        username: str,
        password: str,
        madonvi: str,
        http: httpx.AsyncClient,
        *,
        timeout_s: float | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.username = username
        self._password = password
        self.madonvi = madonvi
        self.http = http
        self.timeout_s = timeout_s
        self._session: str | None = None
        self._renew_at = 0.0
        self._login_lock = asyncio.Lock()
        self.logins = 0  # how many sessions were opened (observability, tests)

    # -- session ----------------------------------------------------------------------

    async def login(self) -> str:
        """Open a new session and keep it for the next calls."""
        response = await self._post(
            LOGIN_PATH, {"username": self.username, "password": self._password}
        )
        if response.status_code == 401:
            raise NationalPortalLoginFailed(
                f"login refused for {self.username!r}: {_message_of(response)}"
            )
        body = _json_object(response, what="login")
        session = body.get("session")
        if response.status_code != 200 or not isinstance(session, str) or not session:
            raise NationalPortalUnavailable(
                f"login answered HTTP {response.status_code} without a session"
            )
        expires_in = body.get("expires_in")
        ttl = float(expires_in) if isinstance(expires_in, int | float) else 1800.0
        self._session = session
        self._renew_at = time.monotonic() + max(ttl - RENEW_MARGIN_S, 0.0)
        self.logins += 1
        return session

    async def _current_session(self, *, stale: str | None = None) -> str:
        async with self._login_lock:  # concurrent callers share one renewal
            if (
                self._session is None
                or self._session == stale
                or time.monotonic() >= self._renew_at
            ):
                return await self.login()
            return self._session

    # -- calls ------------------------------------------------------------------------

    async def call(self, service: str, data: dict[str, Any]) -> dict[str, Any]:
        """Call a service of ``/api/dich-vu``; return the answer (``error_code`` 0)."""
        return await self._with_session(SERVICE_PATH, {"service": service, "data": data}, service)

    async def send_dossier(self, record: dict[str, Any]) -> dict[str, Any]:
        return await self.call("DongBoHoSoMC", record)

    async def send_progress(self, progress: dict[str, Any]) -> dict[str, Any]:
        return await self.call("CapNhatTienDoHoSoMC", progress)

    async def lookup_dossier(self, dossier_code: str) -> dict[str, Any] | None:
        """What the national portal holds for a dossier (``TraCuuHoSo``), or None."""
        data = (await self.call("TraCuuHoSo", {"MaHoSo": dossier_code})).get("data")
        return data if isinstance(data, dict) else None

    async def post_to_warehouse(self, data: dict[str, Any]) -> dict[str, Any]:
        """Send a prepared ``warehouse_data(...)`` document to the citizen's data warehouse."""
        return await self._with_session(WAREHOUSE_PATH, {"data": data}, "KhoDuLieu")

    async def send_result_to_warehouse(
        self,
        *,
        so_dinh_danh: str,
        ma_ho_so: str,
        ten_giay_to: str,
        co_quan_ban_hanh: str,
        nguoi_ky: str,
        ngay_ky: datetime,
        pdf: bytes,
    ) -> dict[str, Any]:
        data = warehouse_data(
            so_dinh_danh=so_dinh_danh,
            ma_ho_so=ma_ho_so,
            ten_giay_to=ten_giay_to,
            co_quan_ban_hanh=co_quan_ban_hanh,
            nguoi_ky=nguoi_ky,
            ngay_ky=ngay_ky,
            pdf=pdf,
        )
        return await self.post_to_warehouse(data)

    async def _with_session(self, path: str, fields: dict[str, Any], what: str) -> dict[str, Any]:
        session = await self._current_session()
        response = await self._post(path, {"session": session, "madonvi": self.madonvi, **fields})
        if _session_expired(response):
            log.info("national portal session expired during %s; logging in again", what)
            session = await self._current_session(stale=session)
            response = await self._post(
                path, {"session": session, "madonvi": self.madonvi, **fields}
            )
            if _session_expired(response):
                raise NationalPortalUnavailable(
                    f"{what}: session refused again right after a new login"
                )
        return _answer(response, what=what)

    async def _post(self, path: str, body: dict[str, Any]) -> httpx.Response:
        url = f"{self.base_url}{path}"
        kwargs: dict[str, Any] = {"json": body}
        if self.timeout_s is not None:
            kwargs["timeout"] = self.timeout_s
        try:
            return await self.http.post(url, **kwargs)
        except httpx.TimeoutException as exc:
            raise NationalPortalUnavailable(f"timeout calling {path}") from exc
        except httpx.HTTPError as exc:
            raise NationalPortalUnavailable(
                f"cannot reach {path}: {exc.__class__.__name__}"
            ) from exc


def warehouse_data(
    *,
    so_dinh_danh: str,
    ma_ho_so: str,
    ten_giay_to: str,
    co_quan_ban_hanh: str,
    nguoi_ky: str,
    ngay_ky: datetime,
    pdf: bytes,
) -> dict[str, Any]:
    """The ``data`` of a warehouse call (§3.3): the file in base64 and its SHA-256."""
    return {
        "SoDinhDanh": so_dinh_danh,
        "MaHoSo": ma_ho_so,
        "TenGiayTo": ten_giay_to,
        "CoQuanBanHanh": co_quan_ban_hanh,
        "NguoiKy": nguoi_ky,
        "NgayKy": vn_timestamp(ngay_ky),
        "MaBam": hashlib.sha256(pdf).hexdigest(),
        "TepTin": base64.b64encode(pdf).decode("ascii"),
    }


def outbox_sender(client: NationalPortalClient) -> Callable[[OutboxMessage], Awaitable[None]]:
    """The ``send`` of an ``OutboxWorker``: each message's payload is the call's ``data``."""

    async def send(message: OutboxMessage) -> None:
        if message.service == "KhoDuLieu":
            await client.post_to_warehouse(message.payload)
        else:
            await client.call(message.service, message.payload)

    return send


def _session_expired(response: httpx.Response) -> bool:
    if response.status_code == 401:
        return True
    try:
        body = response.json()
    except ValueError:
        return False
    return isinstance(body, dict) and body.get("error_code") == SESSION_EXPIRED


def _json_object(response: httpx.Response, *, what: str) -> dict[str, Any]:
    if response.status_code >= 500:
        raise NationalPortalUnavailable(f"{what}: HTTP {response.status_code}")
    try:
        body = response.json()
    except ValueError as exc:
        raise NationalPortalUnavailable(
            f"{what}: malformed JSON (HTTP {response.status_code})"
        ) from exc
    if not isinstance(body, dict):
        raise NationalPortalUnavailable(f"{what}: the answer is not a JSON object")
    return body


def _answer(response: httpx.Response, *, what: str) -> dict[str, Any]:
    if response.status_code in (408, 429):
        raise NationalPortalUnavailable(f"{what}: HTTP {response.status_code}")
    body = _json_object(response, what=what)
    code = body.get("error_code")
    if response.status_code == 200 and code == 0:
        return body
    message = str(body.get("message") or body.get("error") or f"HTTP {response.status_code}")
    errors = [str(e) for e in body.get("errors") or [] if e is not None]
    if code in REJECTION_CODES or 400 <= response.status_code < 500:
        raise NationalPortalRejected(code if isinstance(code, int) else None, message, errors)
    raise NationalPortalUnavailable(f"{what}: unexpected answer error_code={code!r}: {message}")


def _message_of(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return f"HTTP {response.status_code}"
    return (
        str(body.get("message", "")) if isinstance(body, dict) else f"HTTP {response.status_code}"
    )
