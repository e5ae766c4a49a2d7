"""The back office: sign-in, role checks (403, buttons hidden), the queue's overdue
mark, the apology an overdue dossier needs, and the history of every action."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from tests.portal.conftest import Portal, identity

pytestmark = pytest.mark.anyio
CITIZEN = identity()


async def make_dossier(
    portal: Portal, status: int, procedure: str = "1.001193", **extra: object
) -> str:
    response = await portal.anonymous.http.post(
        "/_test/dossiers",
        json={"procedure": procedure, "identity": CITIZEN, "status": status, **extra},
    )
    assert response.status_code == 201, response.text
    code: str = response.json()["code"]
    return code


def buttons(page: str) -> set[str]:
    return set(re.findall(r'<button type="submit"[^>]*>([^<]+)</button>', page))


async def test_sign_in_with_a_wrong_password_is_refused(portal: Portal) -> None:
    browser = portal.browser()
    csrf = await browser.csrf()
    bad = await browser.http.post(
        "/can-bo/dang-nhap", data={"csrf_token": csrf, "username": "motcua", "password": "sai"}
    )
    assert bad.status_code == 401 and "Sai tên đăng nhập hoặc mật khẩu" in bad.text
    good = await browser.http.post(
        "/can-bo/dang-nhap",
        data={"csrf_token": csrf, "username": "motcua", "password": "MotCua@2025"},
    )
    assert good.status_code == 303
    assert "Hồ sơ cần xử lý" in (await browser.get("/can-bo")).text


async def test_the_back_office_needs_an_officer(portal: Portal) -> None:
    citizen = await portal.sign_in(identity=CITIZEN)
    response = await citizen.get("/can-bo")
    assert response.status_code == 303 and response.headers["location"].startswith(
        "/can-bo/dang-nhap"
    )


async def test_each_role_sees_only_its_buttons(portal: Portal) -> None:
    code = await make_dossier(portal, 1)
    pages = {}
    for account in ("motcua", "chuyenvien", "lanhdao"):
        officer = await portal.sign_in(officer=account)
        pages[account] = buttons((await officer.get(f"/can-bo/ho-so/{code}")).text)
    assert {"Tiếp nhận", "Từ chối tiếp nhận"} <= pages["motcua"]
    assert "Tiếp nhận" not in pages["chuyenvien"] and "Phê duyệt" not in pages["chuyenvien"]
    assert "Tiếp nhận" not in pages["lanhdao"]


async def test_an_officer_without_the_role_gets_403(portal: Portal) -> None:
    code = await make_dossier(portal, 4)  # at the approver's step
    specialist = await portal.sign_in(officer="chuyenvien")
    refused = await specialist.post(f"/can-bo/ho-so/{code}/phe-duyet", {})
    assert refused.status_code == 403
    reception = await portal.sign_in(officer="motcua")
    assert (await reception.post(f"/can-bo/ho-so/{code}/phe-duyet", {})).status_code == 403
    page = await portal.sign_in(officer="lanhdao")
    assert "Phê duyệt" in buttons((await page.get(f"/can-bo/ho-so/{code}")).text)


async def test_an_action_that_does_not_apply_now_is_refused_with_a_reason(portal: Portal) -> None:
    code = await make_dossier(portal, 2, "1.012877")  # received: the specialists come first
    approver = await portal.sign_in(officer="lanhdao")
    response = await approver.post(f"/can-bo/ho-so/{code}/phe-duyet", {})
    assert response.status_code == 409 and "Không thể “Phê duyệt”" in response.text


async def test_a_fee_must_be_paid_before_approval(portal: Portal) -> None:
    code = await make_dossier(portal, 4, "2.000488")  # unpaid
    approver = await portal.sign_in(officer="lanhdao")
    page = (await approver.get(f"/can-bo/ho-so/{code}")).text
    assert "Phê duyệt" not in buttons(page)
    refused = await approver.post(f"/can-bo/ho-so/{code}/phe-duyet", {})
    assert refused.status_code == 409 and "chưa thanh toán" in refused.text


async def test_an_overdue_dossier_needs_an_apology_before_its_result_is_returned(
    portal: Portal,
) -> None:
    code = await make_dossier(portal, 9)
    clock = await portal.anonymous.http.put("/_test/clock", json={"offset_days": 10})
    assert clock.json()["offset_days"] == 10
    reception = await portal.sign_in(officer="motcua")
    queue = (await reception.get("/can-bo")).text
    row = queue.split(code, 1)[1].split("</tr>", 1)[0]
    assert "Quá hạn" in row
    page = (await reception.get(f"/can-bo/ho-so/{code}")).text
    assert "Trả kết quả" not in buttons(page) and "Gửi thư xin lỗi" in buttons(page)
    refused = await reception.post(f"/can-bo/ho-so/{code}/tra-ket-qua", {})
    assert refused.status_code == 409 and "thư xin lỗi" in refused.text
    now = (await portal.anonymous.get("/_test/clock")).json()["now"][:10]
    later = (date.fromisoformat(now) + timedelta(days=365)).isoformat()
    sorry = await reception.post(
        f"/can-bo/ho-so/{code}/thu-xin-loi",
        {"noi_dung": "Xin lỗi ông/bà vì hồ sơ giải quyết chậm.", "ngay_hen_moi": later},
    )
    assert sorry.status_code == 303
    done = await reception.post(f"/can-bo/ho-so/{code}/tra-ket-qua", {})
    assert done.status_code == 303
    page = (await reception.get(f"/can-bo/ho-so/{code}")).text
    assert 'aria-labelledby="d-status">Đã trả kết quả<' in page
    assert "Xin lỗi ông/bà vì hồ sơ giải quyết chậm." in page


async def test_every_action_is_in_the_history_with_who_and_role(portal: Portal) -> None:
    code = await make_dossier(portal, 1)
    reception = await portal.sign_in(officer="motcua")
    assert (await reception.post(f"/can-bo/ho-so/{code}/tiep-nhan", {})).status_code == 303
    specialist = await portal.sign_in(officer="chuyenvien")
    asked = await specialist.post(
        f"/can-bo/ho-so/{code}/yeu-cau-bo-sung",
        {"noi_dung": "Giấy chứng sinh bị mờ", "thanh_phan": "GIAY_CHUNG_SINH"},
    )
    assert asked.status_code == 303
    history = (await specialist.get(f"/can-bo/ho-so/{code}")).text.split("Quá trình xử lý", 1)[1]
    assert (
        "Nguyễn Thị Lan" in history
        and "Bộ phận Một cửa" in history
        and "Tiếp nhận hồ sơ" in history
    )
    assert (
        "Trần Văn Hùng" in history
        and "Chuyên viên" in history
        and "Giấy chứng sinh bị mờ" in history
    )
    citizen_page = (await (await portal.sign_in(identity=CITIZEN)).get(f"/ho-so/{code}")).text
    assert "Giấy chứng sinh bị mờ" in citizen_page and "Gửi bổ sung" in citizen_page


async def test_a_refusal_reason_reaches_the_citizen(portal: Portal) -> None:
    code = await make_dossier(portal, 1)
    reception = await portal.sign_in(officer="motcua")
    empty = await reception.post(f"/can-bo/ho-so/{code}/tu-choi", {"ly_do": ""})
    assert empty.status_code == 409 and "Vui lòng nhập lý do" in empty.text
    await reception.post(f"/can-bo/ho-so/{code}/tu-choi", {"ly_do": "Không thuộc thẩm quyền"})
    page = (await (await portal.sign_in(identity=CITIZEN)).get(f"/ho-so/{code}")).text
    assert "Không được tiếp nhận" in page and "Không thuộc thẩm quyền" in page


async def test_approval_makes_a_signed_result_that_the_public_page_confirms(portal: Portal) -> None:
    code = await make_dossier(portal, 4)
    approver = await portal.sign_in(officer="lanhdao")
    assert (await approver.post(f"/can-bo/ho-so/{code}/phe-duyet", {})).status_code == 303
    page = (await portal.anonymous.get(f"/xac-thuc/{code}")).text
    assert "Chữ ký số hợp lệ" in page and 'aria-labelledby="x-signature">Hợp lệ<' in page
    assert CITIZEN["SoDinhDanh"] not in page
