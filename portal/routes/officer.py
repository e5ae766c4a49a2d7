"""The officers' back office (/can-bo): sign-in, the queue, a dossier, the actions.

Officers sign in with a username and password (scrypt hashes, ``services.officers``).
The queue lists active dossiers by due date with an overdue mark ("Quá hạn"). On a
dossier page each role sees only the buttons it may use; a post by a role that may not
act answers 403.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal import defects
from portal.deps import (
    PostedForm,
    maker_of,
    now,
    officer,
    procedure_or_404,
    procedures_of,
    settings_of,
    sync_ctx,
)
from portal.models import Dossier, DossierFile
from portal.rendering import redirect, render
from portal.services import officers, processing, results, workflow
from portal.services.processing import ACTIONS, ActionRefused, Change, NotAllowed
from portal.services.throttle import SignInThrottle
from portal.services.validation import parse_date
from portal.views import dossier_view
from portal.web_session import require_csrf, session_of

log = logging.getLogger("portal.officer")
router = APIRouter(prefix="/can-bo")


def _sign_in_redirect(request: Request) -> Response:
    return redirect(f"/can-bo/dang-nhap?next={request.url.path}")


@router.get("/dang-nhap")
async def sign_in_page(request: Request, next: str = "/can-bo") -> Response:
    return render(request, "officer/login.html", {"next": next, "username": ""})


def locked_out_message(seconds: int) -> str:
    minutes = max(1, -(-seconds // 60))
    return (
        "Đăng nhập tạm thời bị khóa vì mật khẩu đã bị nhập sai nhiều lần. "
        f"Vui lòng thử lại sau {minutes} phút."
    )


def throttle_of(request: Request) -> SignInThrottle:
    throttle: SignInThrottle = request.app.state.sign_in_throttle
    return throttle


@router.post("/dang-nhap", dependencies=[Depends(require_csrf)])
async def sign_in(request: Request, form: PostedForm) -> Response:
    username, password = str(form.get("username", "")), str(form.get("password", ""))
    target = str(form.get("next", "/can-bo"))
    if not target.startswith("/can-bo") or "//" in target or "\\" in target:
        target = "/can-bo"
    throttle = throttle_of(request)
    who = {"username": username, "client": request.client.host if request.client else "-"}
    wait = throttle.retry_after(**who, now=now(request))
    if wait is not None and not defects.active("officer_sign_in_unthrottled"):
        # refused before the password is looked at: no hash is computed while locked
        log.warning("officer sign-in refused for %d s more (too many failures)", wait)
        context = {"next": target, "username": username, "error": locked_out_message(wait)}
        answer = render(request, "officer/login.html", context, status=429)
        answer.headers["Retry-After"] = str(wait)
        return answer
    with maker_of(request)() as db:
        account = officers.authenticate(db, username=username, password=password)
    if account is None:
        throttle.failed(**who, now=now(request))
        context = {
            "next": target,
            "username": username,
            "error": "Sai tên đăng nhập hoặc mật khẩu.",
        }
        return render(request, "officer/login.html", context, status=401)
    throttle.succeeded(**who)
    session = session_of(request)
    session.rotate()
    session.pop("csrf", None)
    session["officer"] = officers.session_view(account)
    return redirect(target)


@router.post("/dang-xuat", dependencies=[Depends(require_csrf)])
async def sign_out(request: Request) -> Response:
    session = session_of(request)
    session.pop("officer", None)
    session.rotate()
    return redirect("/can-bo/dang-nhap")


@router.get("")
async def queue(request: Request, tat_ca: str = "", ma: str = "") -> Response:
    account = officer(request)
    if account is None:
        return _sign_in_redirect(request)
    moment = now(request)
    statuses = workflow.ACTIVE if not tat_ca else set(workflow.STATUS_NAMES) - {0}
    query = (
        select(Dossier)
        .where(Dossier.status.in_(statuses))
        .order_by(Dossier.due_at.asc(), Dossier.id.asc())
        .limit(200)
    )
    if ma.strip():
        query = query.where(Dossier.code.contains(ma.strip()))
    with maker_of(request)() as db:
        rows = list(db.scalars(query))
    procedures = procedures_of(request)
    items = []
    for dossier in rows:
        procedure = procedures.get(dossier.procedure_code)
        if procedure is None:
            continue
        mine = bool(
            processing.available(
                dossier=dossier, procedure=procedure, role=account["role"], now=moment
            )
        )
        items.append(
            {
                "d": dossier,
                "p": procedure,
                "overdue": processing.is_overdue(dossier, moment),
                "mine": mine,
            }
        )
    context = {"items": items, "all": bool(tat_ca), "query": ma}
    return render(request, "officer/queue.html", context)


def _load(db: Session, request: Request, code: str) -> Dossier:
    dossier = db.scalars(select(Dossier).where(Dossier.code == code)).first()
    if dossier is None:
        raise HTTPException(status_code=404)
    return dossier


def _detail_context(
    request: Request, dossier: Dossier, account: dict[str, Any], moment: datetime
) -> dict[str, Any]:
    procedure = procedure_or_404(request, dossier.procedure_code)
    context = dossier_view(dossier, procedure, moment)
    context.update(
        actions=processing.available(
            dossier=dossier, procedure=procedure, role=account["role"], now=moment
        ),
        labels={key: spec.label for key, spec in ACTIONS.items()},
        overdue=processing.is_overdue(dossier, moment),
        file_link=f"/can-bo/ho-so/{dossier.code}/tep/",
        values=dossier.values or {},
    )
    return context


@router.get("/ho-so/{code}")
async def detail(request: Request, code: str) -> Response:
    account = officer(request)
    if account is None:
        return _sign_in_redirect(request)
    with maker_of(request)() as db:
        dossier = _load(db, request, code)
        return render(
            request, "officer/detail.html", _detail_context(request, dossier, account, now(request))
        )


@router.get("/ho-so/{code}/tep/{file_id}")
async def attachment(request: Request, code: str, file_id: int) -> Response:
    if officer(request) is None:
        return _sign_in_redirect(request)
    with maker_of(request)() as db:
        stored = db.get(DossierFile, file_id)
        if stored is None or stored.dossier.code != code:
            raise HTTPException(status_code=404)
        return Response(
            stored.data,
            media_type=stored.content_type,
            headers={"Content-Disposition": "attachment", "X-Content-Type-Options": "nosniff"},
        )


@router.post("/ho-so/{code}/{action}", dependencies=[Depends(require_csrf)])
async def act(request: Request, form: PostedForm, code: str, action: str) -> Response:
    account = officer(request)
    if account is None:
        return _sign_in_redirect(request)
    if action not in ACTIONS:
        raise HTTPException(status_code=404)
    moment = now(request)
    settings = settings_of(request)
    signed = None
    with maker_of(request)() as db:
        dossier = _load(db, request, code)
        procedure = procedure_or_404(request, dossier.procedure_code)
        try:
            processing.check(
                action, dossier=dossier, procedure=procedure, role=account["role"], now=moment
            )
        except NotAllowed as exc:
            raise HTTPException(status_code=403, detail=str(exc)) from None
        except ActionRefused as exc:
            return _refused(request, code, account, moment, str(exc))
        if action == "phe-duyet":
            signed = await results.make_signed_result(
                request.app.state.pki,
                dossier=dossier,
                procedure=procedure,
                signer=account,
                agency=settings.agency_name,
                public_url=settings.public_url.rstrip("/"),
                now=moment,
            )
    with maker_of(request)() as db:
        dossier = _load(db, request, code)
        procedure = procedure_or_404(request, dossier.procedure_code)
        change = Change(
            db, dossier, procedure, officers.actor_of(account), moment, sync_ctx(request)
        )
        try:
            processing.check(
                action, dossier=dossier, procedure=procedure, role=account["role"], now=moment
            )
            _apply(change, action, form, signed=signed, agency=settings.agency_name)
        except (ActionRefused, workflow.TransitionRefused) as exc:
            db.rollback()
            return _refused(request, code, account, moment, str(exc))
        db.commit()
    done = f"Đã thực hiện: {ACTIONS[action].label}."
    return redirect(f"/can-bo/ho-so/{code}", notice=done, request=request)


def _refused(
    request: Request, code: str, account: dict[str, Any], moment: datetime, message: str
) -> Response:
    with maker_of(request)() as db:
        context = _detail_context(request, _load(db, request, code), account, moment)
        context["error"] = message
        return render(request, "officer/detail.html", context, status=409)


def _apply(change: Change, action: str, form: Any, *, signed: Any, agency: str) -> None:
    text = lambda name: str(form.get(name, ""))  # noqa: E731
    if action == "tiep-nhan":
        processing.receive(change)
    elif action == "tu-choi":
        processing.refuse(change, reason=text("ly_do"))
    elif action == "yeu-cau-bo-sung":
        processing.request_supplement(
            change, note=text("noi_dung"), components=[str(c) for c in form.getlist("thanh_phan")]
        )
    elif action == "nghia-vu-tai-chinh":
        amount = text("so_tien").replace(".", "").replace(",", "").strip()
        if not amount.isdigit():
            raise ActionRefused("Số tiền phải nộp phải là số nguyên (đồng).")
        processing.request_obligation(change, amount=int(amount), note=text("ghi_chu"))
    elif action == "tham-dinh":
        processing.appraise(change, note=text("y_kien"))
    elif action == "phe-duyet":
        processing.approve(change, result=signed, note=text("y_kien"))
    elif action == "tra-ket-qua":
        processing.return_result(change, agency=agency)
    elif action == "thu-xin-loi":
        processing.apologise(
            change, text=text("noi_dung"), new_due=parse_date(text("ngay_hen_moi"))
        )
    elif action == "dung-xu-ly":
        processing.stop(change, reason=text("ly_do"))
