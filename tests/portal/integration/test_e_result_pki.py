"""The agency's PAdES signature: made offline, chained to the test CA, broken by any change."""

from __future__ import annotations

import io
import stat
from datetime import datetime
from pathlib import Path

import pytest
from cryptography import x509
from pyhanko.pdf_utils.generic import pdf_string
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields

from portal.integration.e_result import ResultContent, render_result_pdf
from portal.integration.e_result_pki import FILES, ROOT_CA_NAME, AgencyPki, verify_pdf
from portal.integration.timefmt import VN_TZ

AGENCY = "Ủy ban nhân dân xã Mẫu"

pytestmark = pytest.mark.anyio


@pytest.fixture(scope="module")
def pki_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pki")


@pytest.fixture(scope="module")
def pki(pki_dir: Path) -> AgencyPki:
    return AgencyPki.load_or_create(pki_dir, AGENCY)


@pytest.fixture(scope="module")
def other_ca(tmp_path_factory: pytest.TempPathFactory) -> AgencyPki:
    return AgencyPki.load_or_create(tmp_path_factory.mktemp("other"), AGENCY)


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return render_result_pdf(
        ResultContent(
            agency=AGENCY,
            title="Giấy khai sinh",
            dossier_code="H99.01-250902-0001",
            citizen_name="Trần Văn Đức",
            citizen_id="001203004567",
            issued_at=datetime(2025, 9, 2, 10, 0, tzinfo=VN_TZ),
            place="Mẫu",
            signer_title="Chủ tịch",
            signer_name="Lê Văn Hùng",
            verification_url="http://127.0.0.1:8000/kiem-tra-ket-qua/ABCD",
        )
    )


def common_name(cert: x509.Certificate) -> str:
    return str(cert.subject.get_attributes_for_oid(x509.oid.NameOID.COMMON_NAME)[0].value)


def test_the_ca_and_agency_certificate_are_made_once_and_kept(
    pki: AgencyPki, pki_dir: Path
) -> None:
    assert sorted(p.name for p in pki_dir.iterdir() if p.suffix == ".pem") == sorted(FILES)
    assert common_name(pki.root_cert) == ROOT_CA_NAME
    assert common_name(pki.agency_cert) == AGENCY
    pki.agency_cert.verify_directly_issued_by(pki.root_cert)
    for key_file in ("root-ca.key.pem", "agency.key.pem"):
        assert stat.S_IMODE((pki_dir / key_file).stat().st_mode) == 0o600
    again = AgencyPki.load_or_create(pki_dir, AGENCY)
    assert again.root_cert == pki.root_cert and again.agency_cert == pki.agency_cert


def test_a_new_agency_name_gets_a_new_certificate_from_the_same_ca(tmp_path: Path) -> None:
    first = AgencyPki.load_or_create(tmp_path, AGENCY)
    renamed = AgencyPki.load_or_create(tmp_path, "Ủy ban nhân dân phường Mới")
    assert renamed.root_cert == first.root_cert
    assert common_name(renamed.agency_cert) == "Ủy ban nhân dân phường Mới"
    renamed.agency_cert.verify_directly_issued_by(first.root_cert)


def test_a_new_ca_reissues_the_agency_certificate(tmp_path: Path) -> None:
    first = AgencyPki.load_or_create(tmp_path, AGENCY)
    (tmp_path / "root-ca.crt.pem").unlink()  # the CA is lost: a new one is made
    again = AgencyPki.load_or_create(tmp_path, AGENCY)
    assert again.root_cert != first.root_cert
    assert again.agency_cert != first.agency_cert
    again.agency_cert.verify_directly_issued_by(again.root_cert)


async def test_the_signed_pdf_validates_and_chains_to_the_test_ca(
    pki: AgencyPki, pdf: bytes
) -> None:
    signed = await pki.sign_pdf(pdf)
    check = await verify_pdf(signed, pki.trust_roots)
    assert (check.valid, check.intact, check.trusted) == (True, True, True), check.message
    assert await pki.verify_pdf(signed) == check
    assert check.signer_name == AGENCY
    assert check.signed_at is not None and check.signed_at.tzinfo is not None
    assert check.message.startswith("Chữ ký số hợp lệ")
    (signature,) = PdfFileReader(io.BytesIO(signed)).embedded_signatures
    assert signature.field_name == "ChuKyCoQuan"
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached", "PAdES"


async def test_changing_one_byte_invalidates_the_signature(pki: AgencyPki, pdf: bytes) -> None:
    signed = await pki.sign_pdf(pdf)
    at = signed.index(b"dvc-e2e reference portal")  # the creator, inside the signed range
    tampered = signed[:at] + b"D" + signed[at + 1 :]
    check = await verify_pdf(tampered, pki.trust_roots)
    assert (check.valid, check.intact) == (False, False)
    assert "đã bị thay đổi" in check.message


async def test_another_ca_is_not_trusted(pki: AgencyPki, other_ca: AgencyPki, pdf: bytes) -> None:
    signed = await pki.sign_pdf(pdf)
    check = await verify_pdf(signed, other_ca.trust_roots)
    assert (check.valid, check.intact, check.trusted) == (False, True, False)
    assert "không thuộc tổ chức cung cấp dịch vụ tin cậy" in check.message


async def test_a_signature_by_another_key_under_the_same_name_is_not_trusted(
    pki: AgencyPki, other_ca: AgencyPki, pdf: bytes
) -> None:
    forged = await other_ca.sign_pdf(pdf)
    check = await verify_pdf(forged, pki.trust_roots)
    assert not check.valid and not check.trusted


async def test_content_added_after_signing_is_not_valid(pki: AgencyPki, pdf: bytes) -> None:
    signed = await pki.sign_pdf(pdf)
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    writer.root["/Lang"] = pdf_string("en")
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    check = await verify_pdf(out.getvalue(), pki.trust_roots)
    assert check.intact and not check.valid


async def test_even_an_update_pyhanko_tolerates_makes_it_another_document(
    pki: AgencyPki, pdf: bytes
) -> None:
    signed = await pki.sign_pdf(pdf)
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    fields.append_signature_field(writer, fields.SigFieldSpec("ChuKyThem"))
    out = io.BytesIO()
    writer.write(out)
    check = await verify_pdf(out.getvalue(), pki.trust_roots)
    assert (check.intact, check.trusted, check.valid) == (True, True, False)
    assert check.message == "Văn bản đã bị bổ sung nội dung sau khi ký."


@pytest.mark.parametrize(
    ("document", "message"),
    [(b"%PDF-1.7 not really", "Không đọc được"), (None, "không có chữ ký số")],
    ids=["garbage", "unsigned"],
)
async def test_unsigned_or_unreadable_documents_are_not_valid(
    pki: AgencyPki, pdf: bytes, document: bytes | None, message: str
) -> None:
    check = await verify_pdf(document or pdf, pki.trust_roots)
    assert not check.valid and message in check.message
