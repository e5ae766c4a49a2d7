"""National portal mock: Cổng DVCQG's integration API and the citizen data warehouse
(docs/contracts.md §3).

Session login, then ``/api/dich-vu`` with DongBoHoSoMC (the dossier record at every status
change), CapNhatTienDoHoSoMC (a processing step) and TraCuuHoSo (what it holds), and
``/api/kho-du-lieu/ket-qua`` (the electronic result). Every call is validated; a refusal
names the field and is kept (journal + the dossier's ``rejected`` list), since a
discrepancy between the portal and the national portal is a finding.
"""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, Response

from mocks.common.app import (
    MockState,
    create_mock_app,
    entry_of,
    json_object,
    note,
    reject,
    slow_or_down,
)
from mocks.national_portal.control import control_router
from mocks.national_portal.settings import NationalSettings
from mocks.national_portal.store import Dossier, NationalStore
from mocks.national_portal.validation import (
    progress_problems,
    record_problems,
    transition_problem,
    warehouse_problems,
)

FAULTS = {
    "down": "the endpoint answers 503",
    "slow": "the endpoint answers after params.delay_s seconds (default 5)",
    "session_expired": "the next call carrying a session answers 401 and the session ends",
    "error_answer": "a service call answers HTTP params.status (default 200) with "
    "params.error_code (default 99) and params.message: with the defaults an error of the "
    "national portal, not a refusal of the data; error_code 1/2/3 or a 4xx status is one",
}
# endpoint: dang-nhap | dich-vu | kho-du-lieu; service: the dich-vu service name
MATCH_KEYS = ("endpoint", "service", "MaHoSo")
SERVICES = ("DongBoHoSoMC", "CapNhatTienDoHoSoMC", "TraCuuHoSo")
OK = {"error_code": 0, "message": "Thành công"}
INVALID, TRANSITION, UNKNOWN_DOSSIER = 1, 2, 3
EXPIRED = {"error_code": 401, "message": "Phiên làm việc hết hạn"}
DOWN = {"error_code": 503, "message": "Hệ thống đang bảo trì, vui lòng thử lại sau"}


def refused(code: int, message: str, problems: list[str]) -> JSONResponse:
    return JSONResponse({"error_code": code, "message": message, "errors": problems})


def create_app(public_url: str, settings: NationalSettings | None = None) -> FastAPI:
    settings = settings or NationalSettings()
    state = MockState("national_portal", FAULTS, MATCH_KEYS)
    store = NationalStore()
    state.on_reset(store.reset)
    router = APIRouter(prefix="/api")

    def refuse(
        request: Request, service: str, data: Any, code: int, message: str, problems: list[str]
    ) -> JSONResponse:
        reason = "; ".join(problems)
        reject(request, f"error_code {code}: {reason}")
        note(request, error_code=code)
        if service == "kho-du-lieu":
            store.warehouse_rejected.append(
                {"reason": reason, "data": redact_file(data), "time": store.now_stamp()}
            )
        elif service != "TraCuuHoSo":  # a look-up changes nothing: the journal is enough
            store.keep_rejected(service, reason, data)
        return refused(code, message, problems)

    async def enter(request: Request, endpoint: str) -> tuple[dict[str, Any], Response | None]:
        """Read the body and apply the availability faults; for calls carrying a session,
        check it (``session_expired`` ends it)."""
        body = await json_object(request)
        data = body.get("data")
        service = body.get("service") if endpoint == "dich-vu" else endpoint
        code = data.get("MaHoSo") if isinstance(data, dict) else None
        note(request, service=str(service or ""), MaHoSo=code)
        context = {"endpoint": endpoint, "service": service, "MaHoSo": code}
        down = await slow_or_down(state, request, DOWN, **context)
        if down or endpoint == "dang-nhap":
            return body, down
        if state.faults.take("session_expired", **context):
            store.end_session(body.get("session"))
            reject(request, "fault: session_expired", verdict="fault")
            return body, JSONResponse(EXPIRED, status_code=401)
        if not store.session_valid(body.get("session")):
            reject(request, "unknown or expired session")
            return body, JSONResponse(EXPIRED, status_code=401)
        failing = state.faults.take("error_answer", **context)
        if failing:
            code = failing.params.get("error_code", 99)
            status = int(failing.params.get("status", 200))
            http = "" if status == 200 else f", HTTP {status}"
            reject(request, f"fault: error_answer error_code {code}{http}", verdict="fault")
            note(request, error_code=code)
            message = failing.params.get("message", "Hệ thống đang bận, vui lòng thử lại sau")
            answer = {"error_code": code, "message": message}
            return body, JSONResponse(answer, status_code=status)
        if body.get("madonvi") != settings.madonvi:
            problem = f"madonvi: {body.get('madonvi')!r} không phải mã đơn vị của tài khoản"
            return body, refuse(request, str(service), data, INVALID, "Sai mã đơn vị", [problem])
        return body, None

    @router.post("/dang-nhap")
    async def login(request: Request) -> Response:
        body, early = await enter(request, "dang-nhap")
        if early:
            return early
        username, password = body.get("username"), body.get("password")
        if not (
            isinstance(username, str)
            and isinstance(password, str)
            and secrets.compare_digest(username.encode(), settings.username.encode())
            and secrets.compare_digest(password.encode(), settings.password.encode())
        ):
            reject(request, "wrong username or password")
            return JSONResponse(
                {"error_code": 401, "message": "Sai tài khoản hoặc mật khẩu"}, status_code=401
            )
        session = store.open_session(settings.session_ttl_s)
        return JSONResponse({"session": session, "expires_in": settings.session_ttl_s})

    @router.post("/dich-vu")
    async def service_call(request: Request) -> Response:
        body, early = await enter(request, "dich-vu")
        if early:
            return early
        service, data = body.get("service"), body.get("data")
        if service not in SERVICES:
            problem = f"service: {service!r} không được hỗ trợ ({', '.join(SERVICES)})"
            return refuse(request, str(service), data, INVALID, "Dịch vụ không hợp lệ", [problem])
        if not isinstance(data, dict):
            problem = "data: phải là một đối tượng JSON"
            return refuse(request, service, data, INVALID, "Dữ liệu không hợp lệ", [problem])
        if service == "DongBoHoSoMC":
            return sync_record(request, data)
        if service == "CapNhatTienDoHoSoMC":
            return update_progress(request, data)
        return look_up(request, data)

    def sync_record(request: Request, data: dict[str, Any]) -> Response:
        service = "DongBoHoSoMC"
        problems = record_problems(data, store.now())
        if problems:
            return refuse(request, service, data, INVALID, "Dữ liệu không hợp lệ", problems)
        dossier = store.dossiers.get(data["MaHoSo"])
        current = dossier.status if dossier else None
        problem = transition_problem(current, data["TrangThaiHoSo"])
        if problem:
            return refuse(
                request, service, data, TRANSITION, "Chuyển trạng thái không hợp lệ", [problem]
            )
        dossier = store.dossiers.setdefault(data["MaHoSo"], Dossier())
        dossier.record = dict(data)
        dossier.statuses.append(data["TrangThaiHoSo"])
        note(request, error_code=0, TrangThaiHoSo=data["TrangThaiHoSo"], previous=current)
        return JSONResponse(OK)

    def update_progress(request: Request, data: dict[str, Any]) -> Response:
        service = "CapNhatTienDoHoSoMC"
        problems = progress_problems(data, store.now())
        if problems:
            return refuse(request, service, data, INVALID, "Dữ liệu không hợp lệ", problems)
        dossier = store.dossiers.get(data["MaHoSo"])
        if dossier is None or dossier.record is None:
            problem = f"MaHoSo: hồ sơ {data['MaHoSo']} chưa được đồng bộ (DongBoHoSoMC)"
            return refuse(
                request, service, data, UNKNOWN_DOSSIER, "Không tìm thấy hồ sơ", [problem]
            )
        dossier.progress.append({**data, "received_at": store.now_stamp()})
        note(request, error_code=0, TrangThai=data["TrangThai"])
        return JSONResponse(OK)

    def look_up(request: Request, data: dict[str, Any]) -> Response:
        code = data.get("MaHoSo")
        if not isinstance(code, str) or not code.strip():
            problem = "MaHoSo: bắt buộc, không được để trống"
            return refuse(request, "TraCuuHoSo", data, INVALID, "Dữ liệu không hợp lệ", [problem])
        dossier = store.dossiers.get(code)
        if dossier is None or dossier.record is None:
            problem = f"MaHoSo: không có hồ sơ {code}"
            return refuse(
                request, "TraCuuHoSo", data, UNKNOWN_DOSSIER, "Không tìm thấy hồ sơ", [problem]
            )
        note(request, error_code=0)
        return JSONResponse({**OK, "data": dossier.record})

    @router.post("/kho-du-lieu/ket-qua")
    async def warehouse(request: Request) -> Response:
        body, early = await enter(request, "kho-du-lieu")
        entry = entry_of(request)
        if entry is not None:  # the journal keeps the facts, not the whole PDF
            entry.body = {**body, "data": redact_file(body.get("data"))}
        if early:
            return early
        data = body.get("data")
        if not isinstance(data, dict):
            problem = "data: phải là một đối tượng JSON"
            return refuse(request, "kho-du-lieu", data, INVALID, "Dữ liệu không hợp lệ", [problem])
        problems, content = warehouse_problems(data, store.now())
        if problems:
            return refuse(request, "kho-du-lieu", data, INVALID, "Dữ liệu không hợp lệ", problems)
        digest = data["MaBam"].lower()
        store.files[digest] = content
        document = {k: v for k, v in data.items() if k != "TepTin"}
        store.documents.append(
            {**document, "MaBam": digest, "size": len(content), "received_at": store.now_stamp()}
        )
        note(request, error_code=0, MaBam=digest, size=len(content))
        return JSONResponse(OK)

    extra = APIRouter()
    extra.include_router(router)
    extra.include_router(control_router(store))
    return create_mock_app(
        state,
        title="National portal mock (Cổng DVCQG)",
        extra=extra,
        control_token=settings.control_token,
    )


def redact_file(data: Any) -> Any:
    """A refused warehouse call is kept without its (large) file."""
    if isinstance(data, dict) and isinstance(data.get("TepTin"), str):
        return {**data, "TepTin": f"<base64, {len(data['TepTin'])} ký tự>"}
    return data
