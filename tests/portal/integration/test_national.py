"""The national portal adapter against the contract (respx stands in for Cổng DVCQG)."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
import respx

from portal.integration.national import (
    NationalPortalClient,
    NationalPortalLoginFailed,
    NationalPortalRejected,
    NationalPortalUnavailable,
    outbox_sender,
)
from portal.integration.outbox import OutboxMessage
from tests.portal.integration.helpers import let_others_run

BASE = "https://dvcqg.test"
OK = {"error_code": 0, "message": "Thành công"}
EXPIRED = {"error_code": 401, "message": "Phiên làm việc hết hạn"}
RECORD = {"MaHoSo": "H99.01-250902-0001", "TrangThaiHoSo": 2, "ChuHoSo": "Trần Văn Đức"}

pytestmark = pytest.mark.anyio


@pytest.fixture
def api() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        yield mock


@pytest.fixture
async def client() -> AsyncIterator[NationalPortalClient]:
    async with httpx.AsyncClient() as http:
        yield NationalPortalClient(BASE, "dvc-tinh-mau", "national-secret", "000.00.00.H99", http)


def sessions(*names: str) -> list[httpx.Response]:
    return [httpx.Response(200, json={"session": n, "expires_in": 1800}) for n in names]


def bodies(route: respx.Route) -> list[dict[str, Any]]:
    return [json.loads(call.request.content) for call in route.calls]


async def test_logs_in_lazily_then_calls_with_the_session(
    api: respx.MockRouter, client: NationalPortalClient
) -> None:
    login = api.post("/api/dang-nhap").mock(side_effect=sessions("s1"))
    service = api.post("/api/dich-vu").respond(json=OK)
    assert await client.send_dossier(RECORD) == OK
    assert await client.send_progress({"MaHoSo": "X", "TrangThai": 4}) == OK
    assert bodies(login) == [{"username": "dvc-tinh-mau", "password": "national-secret"}]
    assert bodies(service) == [
        {"session": "s1", "madonvi": "000.00.00.H99", "service": "DongBoHoSoMC", "data": RECORD},
        {
            "session": "s1",
            "madonvi": "000.00.00.H99",
            "service": "CapNhatTienDoHoSoMC",
            "data": {"MaHoSo": "X", "TrangThai": 4},
        },
    ]


@pytest.mark.parametrize(
    "expired",
    [httpx.Response(401, json=EXPIRED), httpx.Response(200, json=EXPIRED)],
    ids=["http-401", "error_code-401"],
)
async def test_an_expired_session_is_renewed_once_and_the_call_retried(
    api: respx.MockRouter, client: NationalPortalClient, expired: httpx.Response
) -> None:
    login = api.post("/api/dang-nhap").mock(side_effect=sessions("s1", "s2"))
    service = api.post("/api/dich-vu").mock(side_effect=[expired, httpx.Response(200, json=OK)])
    assert await client.call("DongBoHoSoMC", RECORD) == OK
    assert login.call_count == 2
    assert [b["session"] for b in bodies(service)] == ["s1", "s2"]


async def test_a_session_refused_twice_is_unavailable_without_looping(
    api: respx.MockRouter, client: NationalPortalClient
) -> None:
    login = api.post("/api/dang-nhap").mock(side_effect=sessions("s1", "s2", "s3"))
    service = api.post("/api/dich-vu").respond(401, json=EXPIRED)
    with pytest.raises(NationalPortalUnavailable) as caught:
        await client.call("DongBoHoSoMC", RECORD)
    assert caught.value.retryable
    assert (login.call_count, service.call_count) == (2, 2)


async def test_concurrent_calls_share_one_renewal(
    api: respx.MockRouter, client: NationalPortalClient
) -> None:
    issued = iter(sessions("s1", "s2", "s3"))

    async def new_session(request: httpx.Request) -> httpx.Response:
        await let_others_run()  # a login takes a while: other callers arrive meanwhile
        return next(issued)

    login = api.post("/api/dang-nhap").mock(side_effect=new_session)

    async def answer(request: httpx.Request) -> httpx.Response:
        session = json.loads(request.content)["session"]
        if session == "s1":  # let the other callers reach the national portal meanwhile
            await let_others_run()
        return httpx.Response(200, json=OK if session == "s2" else EXPIRED)

    api.post("/api/dich-vu").mock(side_effect=answer)
    await client.login()
    results = await asyncio.gather(*(client.call("DongBoHoSoMC", RECORD) for _ in range(5)))
    assert results == [OK] * 5
    assert login.call_count == 2, "one initial login and one renewal for all five callers"


async def test_a_refused_login_is_retryable(
    api: respx.MockRouter, client: NationalPortalClient
) -> None:
    api.post("/api/dang-nhap").respond(
        401, json={"error_code": 401, "message": "Sai tài khoản hoặc mật khẩu"}
    )
    with pytest.raises(NationalPortalLoginFailed, match="Sai tài khoản") as caught:
        await client.call("DongBoHoSoMC", RECORD)
    assert caught.value.retryable
    assert "national-secret" not in str(caught.value)


@pytest.mark.parametrize(
    ("side_effect", "reason"),
    [
        (httpx.ReadTimeout("slow"), "timeout"),
        (httpx.ConnectError("refused"), "cannot reach"),
        (httpx.Response(503, json={"error": "down"}), "HTTP 503"),
        (httpx.Response(200, content=b"<html>proxy error</html>"), "malformed JSON"),
        (httpx.Response(200, json=["not", "an", "object"]), "not a JSON object"),
        (httpx.Response(200, json={"message": "no code"}), "unexpected answer"),
    ],
    ids=["timeout", "connect-error", "5xx", "malformed-json", "json-array", "no-error-code"],
)
async def test_no_answer_is_unavailable_and_retryable(
    api: respx.MockRouter, client: NationalPortalClient, side_effect: Any, reason: str
) -> None:
    api.post("/api/dang-nhap").mock(side_effect=sessions("s1"))
    api.post("/api/dich-vu").mock(side_effect=[side_effect])
    with pytest.raises(NationalPortalUnavailable, match=reason) as caught:
        await client.call("DongBoHoSoMC", RECORD)
    assert caught.value.retryable is True
    assert "Cổng Dịch vụ công quốc gia" in caught.value.user_message


@pytest.mark.parametrize("code", [1, 2, 3])
async def test_a_refusal_keeps_code_message_and_errors(
    api: respx.MockRouter, client: NationalPortalClient, code: int
) -> None:
    api.post("/api/dang-nhap").mock(side_effect=sessions("s1"))
    api.post("/api/dich-vu").respond(
        json={
            "error_code": code,
            "message": "Dữ liệu không hợp lệ",
            "errors": ["SoDienThoai: không phải số Việt Nam", "NgayHenTra: trước NgayTiepNhan"],
        }
    )
    with pytest.raises(NationalPortalRejected) as caught:
        await client.call("DongBoHoSoMC", RECORD)
    error = caught.value
    assert error.retryable is False
    assert error.error_code == code
    assert error.message.startswith(f"error_code {code}: Dữ liệu không hợp lệ")
    assert error.errors == [
        "SoDienThoai: không phải số Việt Nam",
        "NgayHenTra: trước NgayTiepNhan",
    ]
    assert "SoDienThoai" in error.user_message


async def test_lookup_returns_the_record_held(
    api: respx.MockRouter, client: NationalPortalClient
) -> None:
    api.post("/api/dang-nhap").mock(side_effect=sessions("s1"))
    service = api.post("/api/dich-vu").respond(json={"error_code": 0, "data": RECORD})
    assert await client.lookup_dossier("H99.01-250902-0001") == RECORD
    assert bodies(service)[0]["data"] == {"MaHoSo": "H99.01-250902-0001"}


async def test_the_result_goes_to_the_warehouse_with_its_hash(
    api: respx.MockRouter, client: NationalPortalClient
) -> None:
    api.post("/api/dang-nhap").mock(side_effect=sessions("s1"))
    warehouse = api.post("/api/kho-du-lieu/ket-qua").respond(json={"error_code": 0})
    pdf = b"%PDF-1.7 ket qua"
    await client.send_result_to_warehouse(
        so_dinh_danh="001203004567",
        ma_ho_so="H99.01-250902-0001",
        ten_giay_to="Giấy khai sinh",
        co_quan_ban_hanh="Ủy ban nhân dân xã Mẫu",
        nguoi_ky="Lê Thị Hồng",
        ngay_ky=datetime(2025, 9, 2, 3, 0, 0, tzinfo=UTC),
        pdf=pdf,
    )
    (body,) = bodies(warehouse)
    assert body["session"] == "s1" and body["madonvi"] == "000.00.00.H99"
    data = body["data"]
    assert data["MaBam"] == hashlib.sha256(pdf).hexdigest()
    assert base64.b64decode(data["TepTin"]) == pdf
    assert data["NgayKy"] == "20250902100000"
    assert (data["SoDinhDanh"], data["TenGiayTo"]) == ("001203004567", "Giấy khai sinh")


async def test_the_outbox_sender_routes_each_service(
    api: respx.MockRouter, client: NationalPortalClient
) -> None:
    api.post("/api/dang-nhap").mock(side_effect=sessions("s1"))
    service = api.post("/api/dich-vu").respond(json=OK)
    warehouse = api.post("/api/kho-du-lieu/ket-qua").respond(json={"error_code": 0})
    send = outbox_sender(client)
    await send(OutboxMessage(service="CapNhatTienDoHoSoMC", dossier_code="A", payload={"x": 1}))
    await send(OutboxMessage(service="KhoDuLieu", dossier_code="A", payload={"MaBam": "ab"}))
    assert [(b["service"], b["data"]) for b in bodies(service)] == [
        ("CapNhatTienDoHoSoMC", {"x": 1})
    ]
    assert bodies(warehouse)[0]["data"] == {"MaBam": "ab"}
