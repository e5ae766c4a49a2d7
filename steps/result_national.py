"""Checklist item 5: the electronic result at the national portal — the citizen's data
warehouse receives the very file the citizen downloaded, and the dossier's record holds
its return date, its hash and the QR code's link. Read from the national portal mock's
control API (``national_portal``), compared with what the citizen has."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect
from pytest_bdd import then

from fixtures.e_result import sha256
from fixtures.evidence import attach_json
from fixtures.national_portal import ScenarioNationalPortal, parse_stamp
from fixtures.polling import poll
from fixtures.procedures import ProcedureSpec
from steps.world import Dossier, People

# --- Thì: the national portal and the warehouse ------------------------------------------


def warehouse_document(national_portal: ScenarioNationalPortal, dossier: Dossier) -> dict[str, Any]:
    def probe() -> dict[str, Any] | None:
        documents = national_portal.warehouse(dossier.citizen.cccd)["documents"]
        return next((d for d in documents if d["MaHoSo"] == dossier.code), None)

    return poll(
        probe, what=f"kho dữ liệu của công dân {dossier.citizen.cccd} nhận kết quả {dossier.code}"
    )


@then("kho dữ liệu của công dân trên Cổng DVCQG nhận văn bản có mã băm SHA-256 của tệp đã tải")
def _(national_portal: ScenarioNationalPortal, dossier: Dossier, result_pdf: bytes) -> None:
    document = warehouse_document(national_portal, dossier)
    attach_json("Kho dữ liệu công dân: văn bản nhận được", document)
    assert document["SoDinhDanh"] == dossier.citizen.cccd, (
        f"văn bản vào kho của người khác: {document}"
    )
    assert document["MaBam"] == sha256(result_pdf), (
        f"kho nhận mã băm {document['MaBam']}, tệp công dân tải có mã băm {sha256(result_pdf)}"
    )


@then("tệp trong kho dữ liệu giống hệt tệp công dân tải về")
def _(national_portal: ScenarioNationalPortal, dossier: Dossier, result_pdf: bytes) -> None:
    stored = national_portal.warehouse_file(warehouse_document(national_portal, dossier)["MaBam"])
    assert stored == result_pdf, "tệp trong kho dữ liệu khác tệp công dân tải về"


@then("Cổng DVCQG giữ hồ sơ ở trạng thái 10 với ngày trả kết quả công dân thấy")
def _(people: People, national_portal: ScenarioNationalPortal, dossier: Dossier) -> None:
    record = national_portal.wait_for_status(dossier.code, 10)["record"]
    attach_json(f"Cổng DVCQG: bản ghi hồ sơ {dossier.code}", record)
    returned = parse_stamp(record.get("NgayTra"))
    assert returned is not None, (
        f"NgayTra không theo định dạng yyyyMMddHHmmss: {record.get('NgayTra')!r}"
    )
    page = people.ui.citizen_dossier(people.citizen()).open(dossier.code)
    expect(page.returned_at, "ngày trả kết quả").to_have_text(returned.strftime("%H:%M %d/%m/%Y"))


@then("DanhSachGiayToKetQua trên Cổng DVCQG mang mã băm SHA-256 của tệp và đường dẫn trong mã QR")
def _(
    national_portal: ScenarioNationalPortal,
    dossier: Dossier,
    result_pdf: bytes,
    qr_texts: list[str],
    procedures: dict[str, ProcedureSpec],
) -> None:
    papers = (national_portal.dossier(dossier.code) or {})["record"]["DanhSachGiayToKetQua"]
    assert len(papers) == 1, f"DanhSachGiayToKetQua phải có đúng một giấy tờ: {papers}"
    result_name = procedures[dossier.procedure].result_name
    expected = (result_name, sha256(result_pdf), qr_texts[0])
    actual = (papers[0]["TenGiayTo"], papers[0]["MaBam"], papers[0]["DuongDanTepTin"])
    assert actual == expected, (
        f"giấy tờ kết quả trên Cổng DVCQG {actual}, tệp công dân có {expected}"
    )
