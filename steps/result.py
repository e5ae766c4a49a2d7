"""Checklist item 5: the electronic result — a signed PDF, verifiable by its signature and
its QR code, delivered to the citizen and to the citizen's data warehouse.

The signature is checked by the suite itself (``fixtures.e_result``, pyHanko) against
the CA the agency publishes, never by asking the portal whether its own file is good.
"""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import allure
from asn1crypto import x509 as asn1_x509
from faker import Faker
from playwright.sync_api import expect
from pytest_bdd import given, then, when

from fixtures.citizens import new_citizen
from fixtures.e_result import (
    check_signature,
    flip_one_byte,
    fonts_embedded,
    pdf_text,
    png_bytes,
    read_qr_codes,
)
from fixtures.evidence import attach_json, attach_pdf, attach_text
from fixtures.national_portal import ScenarioNationalPortal, parse_stamp
from fixtures.polling import poll
from fixtures.procedures import ProcedureSpec
from steps.world import Dossier, People

PADES = "/ETSI.CAdES.detached"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def folded(text: str) -> str:
    """For comparing text: NFC, case folded, any run of white space (a title wrapped over two
    lines of the document) as one space."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def saved(people: People, name: str, data: bytes) -> Path:
    path = people.folder / name
    path.write_bytes(data)
    return path


# --- Cho ----------------------------------------------------------------------------


@given("một công dân đã nhận kết quả điện tử của hồ sơ", target_fixture="dossier")
def _(people: People, national_portal: ScenarioNationalPortal, procedure: ProcedureSpec) -> Dossier:
    dossier = people.new_dossier(procedure.code, 10)
    national_portal.watch(dossier.code)
    national_portal.wait_for_status(dossier.code, 10)
    return dossier


@given("một công dân khác đã đăng nhập cổng")
def _(people: People, fake: Faker) -> None:
    people.citizen("công dân khác", new_citizen(fake))


# --- Khi ----------------------------------------------------------------------------


@when("công dân tải kết quả giải quyết về máy", target_fixture="result_pdf")
def _(people: People, dossier: Dossier) -> bytes:
    pdf = people.ui.citizen_dossier(people.citizen()).open(dossier.code).download_result()
    attach_pdf(f"Kết quả điện tử của hồ sơ {dossier.code}", pdf)
    return pdf


@when("một byte của tệp bị thay đổi", target_fixture="changed_pdf")
def _(result_pdf: bytes) -> bytes:
    changed, offset = flip_one_byte(result_pdf)
    attach_text(
        "Byte bị thay đổi", f"vị trí {offset}: {result_pdf[offset]:#04x} → {changed[offset]:#04x}"
    )
    return changed


@when("công dân quét mã QR trên văn bản", target_fixture="qr_texts")
def _(result_pdf: bytes) -> list[str]:
    texts, image = read_qr_codes(result_pdf)
    attach_text("Nội dung mã QR đọc được", "\n".join(texts) or "(không đọc được mã QR nào)")
    allure.attach(
        png_bytes(image), name="Trang 1 của văn bản", attachment_type=allure.attachment_type.PNG
    )
    return texts


@when("một người bất kỳ mở đường dẫn trong mã QR")
def _(people: People, qr_texts: list[str]) -> None:
    assert qr_texts, "không đọc được mã QR nào trên văn bản"
    people.ui.verification(people.person("người kiểm tra")).open_url(qr_texts[0])


@when("công dân tải lên tệp kết quả tại trang xác thực của cổng")
def _(people: People, result_pdf: bytes) -> None:
    file = saved(people, "ket-qua.pdf", result_pdf)
    people.ui.verification(people.citizen()).open().check_file(file)


@when(
    "công dân khác tải kết quả của hồ sơ bằng đường dẫn trực tiếp", target_fixture="foreign_answer"
)
def _(people: People, dossier: Dossier) -> tuple[int, bytes]:
    page = people.citizen("công dân khác")
    answer = page.request.get(people.ui.citizen_dossier(page).result_url(dossier.code))
    return answer.status, answer.body()


@when(
    "người chưa đăng nhập tải kết quả của hồ sơ bằng đường dẫn trực tiếp",
    target_fixture="foreign_answer",
)
def _(people: People, dossier: Dossier) -> tuple[int, bytes]:
    page = people.person("người chưa đăng nhập")
    url = people.ui.citizen_dossier(page).result_url(dossier.code)
    answer = page.request.get(url, max_redirects=0)
    return answer.status, answer.body()


# --- Thì: the signature -----------------------------------------------------------------


@then("tệp tải về là PDF có chữ ký số PAdES hợp lệ, phủ toàn bộ tệp")
def _(result_pdf: bytes, agency_ca: asn1_x509.Certificate) -> None:
    assert result_pdf.startswith(b"%PDF-"), "tệp tải về không phải PDF"
    facts = check_signature(result_pdf, [agency_ca])
    attach_text("Kiểm tra chữ ký số (pyHanko)", facts.describe())
    assert facts.found and facts.intact and facts.whole_file, (
        f"chữ ký số không hợp lệ: {facts.describe()}"
    )
    assert facts.subfilter == PADES, f"chữ ký không theo PAdES ({PADES}): {facts.subfilter}"


@then("chữ ký số chuỗi về chứng thư gốc của cơ quan ban hành")
def _(
    people: People, dossier: Dossier, result_pdf: bytes, agency_ca: asn1_x509.Certificate
) -> None:
    facts = check_signature(result_pdf, [agency_ca])
    assert facts.trusted, f"chứng thư người ký không chuỗi về CA của cơ quan: {facts.describe()}"
    page = people.ui.verification(people.citizen())
    people.ui.citizen_dossier(people.citizen()).open(dossier.code).verify_link.click()
    page.is_current()
    expect(page.agency, "người ký là cơ quan ban hành").to_have_text(facts.signer)


@then("chữ ký số của tệp bị thay đổi không còn hợp lệ")
def _(result_pdf: bytes, changed_pdf: bytes, agency_ca: asn1_x509.Certificate) -> None:
    original = check_signature(result_pdf, [agency_ca])
    assert original.valid, f"tệp gốc phải hợp lệ trước khi bị sửa: {original.describe()}"
    changed = check_signature(changed_pdf, [agency_ca])
    attach_text("Kiểm tra chữ ký số của tệp bị thay đổi", changed.describe())
    assert not changed.valid and not changed.intact, (
        f"sửa một byte mà chữ ký vẫn được coi là nguyên vẹn: {changed.describe()}"
    )


@then("trang xác thực của cổng báo tệp bị thay đổi không phải văn bản do cơ quan ban hành")
def _(people: People, changed_pdf: bytes) -> None:
    page = people.ui.verification(people.citizen()).open()
    page.check_file(saved(people, "ket-qua-bi-sua.pdf", changed_pdf))
    expect(page.file_sha256, "cổng tính mã băm của tệp bị sửa").to_have_text(sha256(changed_pdf))
    expect(page.file_dossier, "tệp bị sửa không ứng với hồ sơ nào").to_have_text("Không có")
    expect(page.check_result.get_by_role("alert"), "cổng cảnh báo tệp không hợp lệ").to_be_visible()


# --- Thì: the QR code and the verification page ------------------------------------------


@then("mã QR dẫn tới trang xác thực của hồ sơ trên cổng")
def _(people: People, dossier: Dossier, qr_texts: list[str]) -> None:
    assert len(qr_texts) == 1, f"văn bản phải có đúng một mã QR, đọc được {qr_texts}"
    target = urlsplit(qr_texts[0])
    assert target.netloc == urlsplit(people.base_url).netloc, (
        f"mã QR không dẫn về cổng: {qr_texts[0]}"
    )
    assert dossier.code in target.path, f"mã QR không nêu mã hồ sơ {dossier.code}: {qr_texts[0]}"


@then("trang xác thực xác nhận văn bản: chữ ký số hợp lệ, đúng mã hồ sơ và mã băm SHA-256 của tệp")
def _(people: People, dossier: Dossier, result_pdf: bytes) -> None:
    page = people.ui.verification(people.person("người kiểm tra"))
    expect(page.signature_message, "trang xác thực báo chữ ký số hợp lệ").to_contain_text("hợp lệ")
    expect(page.signature_state, "trạng thái chữ ký số").to_have_text("Hợp lệ")
    expect(page.code, "mã hồ sơ của văn bản").to_have_text(dossier.code)
    expect(page.sha256, "mã băm của văn bản là của tệp công dân có").to_have_text(
        sha256(result_pdf)
    )


@then("trang xác thực xác nhận tệp là văn bản của hồ sơ, không bị thay đổi")
def _(people: People, dossier: Dossier, result_pdf: bytes) -> None:
    page = people.ui.verification(people.citizen())
    confirmed = page.check_result.get_by_role("status")
    expect(confirmed, "cổng xác nhận tệp").to_contain_text(
        f"văn bản điện tử của hồ sơ {dossier.code}"
    )
    expect(confirmed, "cổng xác nhận tệp không bị thay đổi").to_contain_text("không bị thay đổi")
    expect(page.file_sha256, "mã băm của tệp").to_have_text(sha256(result_pdf))
    expect(page.file_dossier, "hồ sơ tương ứng").to_have_text(dossier.code)


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


# --- Thì: who may have the document ------------------------------------------------------


@then("cổng không trả văn bản cho công dân khác")
def _(foreign_answer: tuple[int, bytes]) -> None:
    status, body = foreign_answer
    assert not body.startswith(b"%PDF"), (
        f"cổng trả văn bản cho người không phải chủ hồ sơ (HTTP {status})"
    )
    assert status in (403, 404), f"cổng phải từ chối (403/404), nhưng trả HTTP {status}"


@then("cổng chuyển người chưa đăng nhập tới trang đăng nhập, không trả văn bản")
def _(foreign_answer: tuple[int, bytes]) -> None:
    status, body = foreign_answer
    assert not body.startswith(b"%PDF"), "cổng trả văn bản cho người chưa đăng nhập"
    assert status in (302, 303, 307, 401), f"cổng phải yêu cầu đăng nhập, nhưng trả HTTP {status}"


@then('công dân khác không thấy hồ sơ trong "Hồ sơ của tôi"')
def _(people: People, dossier: Dossier) -> None:
    page = people.ui.my_dossiers(people.citizen("công dân khác")).open()
    expect(page.link_to(dossier.code), "hồ sơ của người khác không hiện ra").to_have_count(0)


# --- Thì: the document itself ------------------------------------------------------------


@then(
    "văn bản ghi bằng tiếng Việt có dấu tên cơ quan, tên giấy tờ, họ tên, số định danh và mã hồ sơ"
)
def _(
    people: People, dossier: Dossier, result_pdf: bytes, procedures: dict[str, ProcedureSpec]
) -> None:
    text = folded(pdf_text(result_pdf))
    attach_text("Nội dung chữ của văn bản", pdf_text(result_pdf))
    page = people.ui.verification(people.citizen())
    people.ui.citizen_dossier(people.citizen()).open(dossier.code).verify_link.click()
    page.is_current()
    wanted = {
        "tên cơ quan": page.agency.inner_text(),
        "tên giấy tờ": procedures[dossier.procedure].result_name,
        "họ tên": dossier.citizen.full_name,
        "số định danh": dossier.citizen.cccd,
        "mã hồ sơ": dossier.code,
    }
    missing = {what: value for what, value in wanted.items() if folded(value) not in text}
    assert not missing, f"văn bản không ghi (đúng dấu tiếng Việt): {missing}"


@then("phông chữ tiếng Việt được nhúng trong tệp")
def _(result_pdf: bytes) -> None:
    assert fonts_embedded(result_pdf), "tệp không nhúng phông chữ: máy khác có thể hiển thị sai dấu"
