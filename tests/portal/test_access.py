"""A citizen sees only their own dossiers (404, not 403, for another's); the public
lookup shows the status and progress, never personal data."""

from __future__ import annotations

import pytest

from tests.portal.conftest import Portal, identity

pytestmark = pytest.mark.anyio
OWNER = identity()
STRANGER = identity("079195067890", HoVaTen="Trần Thị Bích Ngọc")


async def make_dossier(portal: Portal, status: int, procedure: str = "1.001193") -> str:
    response = await portal.anonymous.http.post(
        "/_test/dossiers", json={"procedure": procedure, "identity": OWNER, "status": status}
    )
    assert response.status_code == 201, response.text
    code: str = response.json()["code"]
    return code


async def test_another_citizen_gets_not_found_everywhere(portal: Portal) -> None:
    code = await make_dossier(portal, 10)
    owner = await portal.sign_in(identity=OWNER)
    stranger = await portal.sign_in(identity=STRANGER)
    for path in (
        f"/ho-so/{code}",
        f"/ho-so/{code}/ket-qua.pdf",
        f"/ho-so/{code}/rut",
        f"/ho-so/{code}/bien-nhan",
    ):
        assert (await owner.get(path)).status_code == 200, path
        assert (await stranger.get(path)).status_code == 404, path
    refused = await stranger.post(f"/ho-so/{code}/rut", {"ly_do": "không cần nữa"})
    assert refused.status_code == 404
    assert code not in (await stranger.get("/ho-so")).text


async def test_the_owner_downloads_the_signed_result(portal: Portal) -> None:
    code = await make_dossier(portal, 10)
    owner = await portal.sign_in(identity=OWNER)
    pdf = await owner.get(f"/ho-so/{code}/ket-qua.pdf")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    assert b"/ByteRange" in pdf.content, "the PDF carries a signature"


async def test_the_public_lookup_shows_status_and_progress_but_no_personal_data(
    portal: Portal,
) -> None:
    code = await make_dossier(portal, 4, "1.012877")
    page = (await portal.anonymous.get("/tra-cuu", params={"ma": code})).text
    assert 'aria-labelledby="l-status">Đang xử lý<' in page
    assert 'aria-current="step"' in page and "Thời gian còn lại" in page
    assert OWNER["HoVaTen"] not in page and OWNER["SoDinhDanh"] not in page
    missing = await portal.anonymous.get("/tra-cuu", params={"ma": "H99.01-000000-9999"})
    assert missing.status_code == 404 and "Không tìm thấy hồ sơ" in missing.text


async def test_the_current_step_is_marked_in_the_diagram(portal: Portal) -> None:
    code = await make_dossier(portal, 4, "1.012877")  # received, first appraisal done
    page = (await (await portal.sign_in(identity=OWNER)).get(f"/ho-so/{code}")).text
    current = page.split('aria-current="step"', 1)[1].split("</li>", 1)[0]
    assert "Thẩm định, đăng ký thường trú" in current and "Công an xã" in current
    assert page.count('aria-current="step"') == 1


async def test_withdrawal_needs_a_reason_and_then_stops_the_dossier(portal: Portal) -> None:
    code = await make_dossier(portal, 2)
    owner = await portal.sign_in(identity=OWNER)
    empty = await owner.post(f"/ho-so/{code}/rut", {"ly_do": " "})
    assert empty.status_code == 422 and "Vui lòng nhập lý do rút hồ sơ" in empty.text
    done = await owner.post(f"/ho-so/{code}/rut", {"ly_do": "Đã nộp nhầm thủ tục"})
    assert done.status_code == 303
    page = (await owner.get(f"/ho-so/{code}")).text
    assert "Công dân yêu cầu rút hồ sơ" in page and "Đã nộp nhầm thủ tục" in page
    again = await owner.post(f"/ho-so/{code}/rut", {"ly_do": "lần nữa"})
    assert again.status_code == 422
