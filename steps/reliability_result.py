"""Beyond the checklist: độ tin cậy — a result issued before the portal restarts still
verifies after it (features/07_do_tin_cay/ket_qua_sau_khi_khoi_dong_lai.feature). The
stack is the reliability scenarios' own (``isolated``: fixtures/isolated.py); the
signature is checked by the suite (pyHanko, ``fixtures.e_result``) against the CA the
portal publishes."""

from __future__ import annotations

from dataclasses import dataclass

from asn1crypto import x509 as asn1_x509
from playwright.sync_api import Page
from pytest_bdd import given, then

from fixtures.citizens import Citizen
from fixtures.e_result import CA_PATH, check_signature, load_pem_certificate
from fixtures.evidence import attach_pdf, attach_text
from fixtures.isolated import Isolated
from fixtures.procedures import ProcedureSpec


@dataclass(frozen=True)
class Issued:
    """A result the citizen downloaded, and the CA the agency published then."""

    code: str
    pdf: bytes
    ca: asn1_x509.Certificate


def published_ca(isolated: Isolated) -> asn1_x509.Certificate:
    answer = isolated.http.get(f"{isolated.url}{CA_PATH}")
    assert answer.status_code == 200, (
        f"cổng không công bố chứng thư gốc (CA) của cơ quan (HTTP {answer.status_code})"
    )
    return load_pem_certificate(answer.content)


def describe(ca: asn1_x509.Certificate) -> str:
    return f"{ca.subject.human_friendly}, số hiệu {ca.serial_number:x}, SHA-256 {ca.sha256.hex()}"


@given("công dân đã tải về kết quả điện tử của hồ sơ trên cổng chạy riêng", target_fixture="issued")
def _(isolated: Isolated, page: Page, citizen: Citizen, procedure: ProcedureSpec) -> Issued:
    code = isolated.create_dossier(procedure.code, citizen, 10)
    answer = page.request.get(isolated.ui.citizen_dossier(page).result_url(code))
    assert answer.status == 200, f"công dân không tải được kết quả {code} (HTTP {answer.status})"
    pdf = answer.body()
    attach_pdf(f"Kết quả điện tử của hồ sơ {code}", pdf)
    ca = published_ca(isolated)
    attach_text("Chứng thư gốc cơ quan công bố trước khi khởi động lại", describe(ca))
    return Issued(code, pdf, ca)


@then("cơ quan vẫn công bố chứng thư gốc đã công bố trước khi cổng khởi động lại")
def _(isolated: Isolated, issued: Issued) -> None:
    now = published_ca(isolated)
    attach_text("Chứng thư gốc cơ quan công bố sau khi khởi động lại", describe(now))
    assert now.dump() == issued.ca.dump(), (
        f"chứng thư gốc đổi sau khi cổng khởi động lại: trước {describe(issued.ca)}; "
        f"sau {describe(now)}"
    )


@then(
    "văn bản công dân đã tải có chữ ký số hợp lệ, chuỗi về chứng thư gốc cơ quan công bố hiện nay"
)
def _(isolated: Isolated, issued: Issued) -> None:
    facts = check_signature(issued.pdf, [published_ca(isolated)])
    attach_text("Kiểm tra chữ ký số sau khi khởi động lại (pyHanko)", facts.describe())
    assert facts.valid, (
        f"văn bản {issued.code} cấp trước khi khởi động lại không còn hợp lệ: {facts.describe()}"
    )
