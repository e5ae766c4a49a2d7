"""Checklist item 5: the electronic result — a signed PDF, verifiable by its signature and
its QR code, delivered to the citizen and to the citizen's data warehouse.

The signature is checked by the suite itself (``fixtures.e_result``, pyHanko) against
the CA the agency publishes, never by asking the portal whether its own file is good.
Who may have the document: steps/result_access.py; what the national portal receives:
steps/result_national.py; the document's layout and text: steps/result_document.py.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import allure
from asn1crypto import x509 as asn1_x509
from playwright.sync_api import expect
from pytest_bdd import given, then, when

from fixtures.e_result import (
    check_signature,
    flip_one_byte,
    png_bytes,
    read_qr_codes,
    sha256,
)
from fixtures.evidence import attach_pdf, attach_text
from fixtures.national_portal import ScenarioNationalPortal
from fixtures.procedures import ProcedureSpec
from steps.world import Dossier, People

PADES = "/ETSI.CAdES.detached"


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
