"""Online submission through the app: prefill, validation, attachments, drafts, receipt."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from portal.models import Dossier
from tests.portal.conftest import Portal, identity

pytestmark = pytest.mark.anyio
PDF = b"%PDF-1.4\n%test\n%%EOF\n"
FORM = "/thu-tuc/1.001193/nop-ho-so"


def good_form(**overrides: str) -> dict[str, str]:
    return {
        "SoDienThoai": "0912345678",
        "Email": "an@example.vn",
        "QuanHeVoiTre": "Cha",
        "HoTenTre": "Nguyễn Minh Khôi",
        "NgaySinhTre": "2025-01-02",
        "GioiTinhTre": "Nam",
        "NoiSinh": "Bệnh viện Sản - Nhi tỉnh",
        "DanToc": "Kinh",
        "HoTenMe": "Trần Thị Lan",
        "SoDinhDanhMe": "001195012345",
        **overrides,
    }


async def test_the_form_is_prefilled_and_the_identity_fields_are_read_only(portal: Portal) -> None:
    citizen = await portal.sign_in(identity=identity())
    page = (await citizen.get(FORM)).text
    name = re.search(r'<input type="text" id="f-HoTenNguoiYeuCau"[^>]*>', page)
    assert name and 'value="Nguyễn Văn An"' in name.group(0) and "readonly" in name.group(0)
    phone = re.search(r'<input type="tel" id="f-SoDienThoai"[^>]*>', page)
    assert phone and 'value="0912345678"' in phone.group(0) and "readonly" not in phone.group(0)
    assert '<label for="f-HoTenTre">Họ và tên người được khai sinh</label>' in page


async def test_signing_in_is_required(portal: Portal) -> None:
    response = await portal.anonymous.get(FORM)
    assert response.status_code == 303 and response.headers["location"].startswith("/dang-nhap")


async def test_errors_are_listed_linked_to_their_fields_and_nothing_typed_is_lost(
    portal: Portal,
) -> None:
    citizen = await portal.sign_in(identity=identity())
    response = await citizen.post(
        FORM, {**good_form(SoDienThoai="0123", SoDinhDanhMe="12345"), "hanh_dong": "nop"}
    )
    assert response.status_code == 422
    page = response.text
    assert 'role="alert"' in page
    assert 'id="e-SoDienThoai"' in page and 'aria-describedby="e-SoDienThoai"' in page
    assert "phải gồm đúng 12 chữ số" in page and "Vui lòng đính kèm Giấy chứng sinh." in page
    assert 'value="Bệnh viện Sản - Nhi tỉnh"' in page and 'value="0123"' in page


async def test_a_refused_file_is_explained_and_a_good_one_is_kept(
    portal: Portal, maker: sessionmaker[Session]
) -> None:
    citizen = await portal.sign_in(identity=identity())
    bad = await citizen.post(
        FORM,
        {**good_form(HoTenTre=""), "hanh_dong": "nop"},
        files={"tep_GIAY_CHUNG_SINH": ("giay.pdf.exe", PDF, "application/pdf")},
    )
    assert bad.status_code == 422 and "nhiều phần mở rộng" in bad.text
    kept = await citizen.post(
        FORM,
        {**good_form(HoTenTre=""), "hanh_dong": "nop", "ban_nhap": _draft_id(bad.text)},
        files={"tep_GIAY_CHUNG_SINH": ("giấy chứng sinh.pdf", PDF, "application/pdf")},
    )
    assert kept.status_code == 422 and "Đã đính kèm: giấy chứng sinh.pdf" in kept.text
    assert "Vui lòng đính kèm" not in kept.text  # the file is kept with the draft
    with maker() as db:
        assert db.scalars(select(Dossier)).one().status == 0


def _draft_id(page: str) -> str:
    match = re.search(r'name="ban_nhap" value="(\d+)"', page)
    assert match, "the page carries its draft"
    return match.group(1)


async def test_a_draft_is_saved_and_resumed(portal: Portal) -> None:
    citizen = await portal.sign_in(identity=identity())
    saved = await citizen.post(FORM, {**good_form(NoiSinh="Trạm y tế xã"), "hanh_dong": "luu-nhap"})
    assert saved.status_code == 200 and "Đã lưu nháp hồ sơ" in saved.text
    listing = (await citizen.get("/ho-so")).text
    link = re.search(r'href="(/thu-tuc/1\.001193/nop-ho-so\?ban-nhap=\d+)"', listing)
    assert link, "the draft is listed in Hồ sơ của tôi"
    resumed = (await citizen.get(link.group(1))).text
    assert 'value="Trạm y tế xã"' in resumed
    other = await portal.sign_in(identity=identity("079195067890", HoVaTen="Trần Thị Ngọc"))
    assert (await other.get(link.group(1))).status_code == 404


async def test_submission_gives_a_code_and_a_due_date_and_saves_status_1(
    portal: Portal, maker: sessionmaker[Session]
) -> None:
    citizen = await portal.sign_in(identity=identity())
    response = await citizen.post(
        FORM,
        {**good_form(), "hanh_dong": "nop", "HoTenNguoiYeuCau": "Người Khác"},
        files={"tep_GIAY_CHUNG_SINH": ("gcs.pdf", PDF, "application/pdf")},
    )
    assert response.status_code == 303
    receipt = (await citizen.get(response.headers["location"])).text
    code = re.search(r'aria-labelledby="r-code">([^<]+)<', receipt)
    due = re.search(r'aria-labelledby="r-due">([^<]+)<', receipt)
    assert code and re.fullmatch(r"H99\.01-\d{6}-0001", code.group(1))
    assert due and re.fullmatch(r"\d{2}:\d{2} \d{2}/\d{2}/\d{4}", due.group(1))
    with maker() as db:
        dossier = db.scalars(select(Dossier)).one()
        assert (dossier.code, dossier.status) == (code.group(1), 1)
        assert dossier.values["HoTenNguoiYeuCau"] == "Nguyễn Văn An"
        assert dossier.due_at is not None and dossier.received_at is not None
        assert dossier.due_at > dossier.received_at


async def test_a_request_larger_than_all_attachments_together_is_refused(portal: Portal) -> None:
    citizen = await portal.sign_in(identity=identity())
    response = await citizen.post(
        FORM,
        {"hanh_dong": "nop"},
        files={
            "tep_GIAY_CHUNG_SINH": ("gcs.pdf", PDF + b"\0" * (13 * 1024 * 1024), "application/pdf")
        },
    )
    assert response.status_code == 413


async def test_the_catalogue_finds_by_name_without_diacritics_and_by_code(portal: Portal) -> None:
    by_name = (await portal.anonymous.get("/thu-tuc", params={"q": "ly lich tu phap"})).text
    assert "2.000488" in by_name and "1.001193" not in by_name
    by_code = (await portal.anonymous.get("/thu-tuc", params={"q": "1.012877"})).text
    assert "Liên thông" in by_code and "2.000488" not in by_code
    page = (await portal.anonymous.get("/thu-tuc/2.000488")).text
    assert "200.000 đồng" in page and "Căn cứ pháp lý" in page and 'class="steps"' in page


async def test_the_same_form_posted_twice_is_one_dossier(
    portal: Portal, maker: sessionmaker[Session]
) -> None:
    citizen = await portal.sign_in(identity=identity())
    page = (await citizen.get(FORM)).text
    key = re.search(r'name="ma_lan_nop" value="([^"]+)"', page)
    assert key, "the form carries its key"
    posted = {**good_form(), "hanh_dong": "nop", "ma_lan_nop": key.group(1)}
    papers = {"tep_GIAY_CHUNG_SINH": ("gcs.pdf", PDF, "application/pdf")}
    first = await citizen.post(FORM, posted, files=papers)
    again = await citizen.post(FORM, posted, files=papers)
    assert first.status_code == again.status_code == 303
    assert again.headers["location"] == first.headers["location"]
    fresh = (await citizen.get(FORM)).text
    assert key.group(1) not in fresh, "each rendering of the form has a key of its own"
    other = await portal.sign_in(identity=identity("079195067890", HoVaTen="Trần Thị Ngọc"))
    theirs = await other.post(FORM, posted, files=papers)  # another citizen, the same key
    assert theirs.status_code == 303 and theirs.headers["location"] != first.headers["location"]
    with maker() as db:
        assert len(db.scalars(select(Dossier)).all()) == 2
