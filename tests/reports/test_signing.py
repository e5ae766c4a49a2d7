"""Signed evidence (reports/signing.py): the manifest's detached signature and the PAdES
signature of bien-ban.pdf, checked by ``make verify-evidence`` against DVC_SIGN_TRUST."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.reader import PdfFileReader

from reports.build import build_compliance
from reports.results import read_results
from reports.signing import SigningError, SigningKey, sign_manifest
from reports.verify import main
from tests.reports.factory import write_result
from tests.reports.test_evidence import Bundle, fake_pdf, one_line


def _cert(
    name: str, key: rsa.RSAPrivateKey, issuer: tuple[str, rsa.RSAPrivateKey] | None, ca: bool
) -> x509.Certificate:
    now = datetime.now(UTC)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    issuer_name = (
        x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer[0])]) if issuer else subject
    )
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject).issuer_name(issuer_name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(digital_signature=True, content_commitment=not ca, key_encipherment=False,
                          data_encipherment=False, key_agreement=False, key_cert_sign=ca,
                          crl_sign=ca, encipher_only=False, decipher_only=False),
            critical=True,
        )
    )  # fmt: skip
    return builder.sign(issuer[1] if issuer else key, hashes.SHA256())


def _pem(path: Path, obj: x509.Certificate | rsa.RSAPrivateKey) -> Path:
    if isinstance(obj, x509.Certificate):
        path.write_bytes(obj.public_bytes(serialization.Encoding.PEM))
    else:
        path.write_bytes(obj.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ))  # fmt: skip
    return path


def make_unit(folder: Path, name: str) -> tuple[SigningKey, Path]:
    """A CA and a testing unit's certificate it issued: (the unit's key, the CA's PEM)."""
    folder.mkdir()
    ca_key, unit_key = (
        rsa.generate_private_key(public_exponent=65537, key_size=2048) for _ in "ab"
    )
    ca = _cert(f"CA {name}", ca_key, None, ca=True)
    unit = _cert(name, unit_key, (f"CA {name}", ca_key), ca=False)
    signing = SigningKey(_pem(folder / "unit.key", unit_key), _pem(folder / "unit.pem", unit))
    return signing, _pem(folder / "ca.pem", ca)


@pytest.fixture(scope="module")
def unit(tmp_path_factory: pytest.TempPathFactory) -> tuple[SigningKey, Path]:
    return make_unit(tmp_path_factory.mktemp("pki") / "unit", "Trung tâm Kiểm thử")


@pytest.fixture
def signed(
    tmp_path: Path, unit: tuple[SigningKey, Path], monkeypatch: pytest.MonkeyPatch
) -> Bundle:
    signing, ca = unit
    b = Bundle(tmp_path)
    write_result(b.results, "Đăng nhập", "passed", items=["sso"])
    write_result(b.results, "Nộp hồ sơ", "failed", items=["submission"], message="AssertionError")
    b.report.parent.mkdir(parents=True)
    b.report.write_text("<html>Không đạt</html>", "utf-8")
    build_compliance(read_results([b.results]), b.outputs, b.report, pdf=fake_pdf, signing=signing)
    monkeypatch.setenv("DVC_SIGN_TRUST", str(ca))
    return b


def rebuild(b: Bundle, signing: SigningKey | None) -> None:
    build_compliance(read_results([b.results]), b.outputs, b.report, pdf=fake_pdf, signing=signing)


def test_a_signed_bundle_verifies_against_the_unit_s_ca(
    signed: Bundle, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(signed.compliance)]) == 0
    assert "được ký số bởi: CN=Trung tâm Kiểm thử" in capsys.readouterr().out
    with (signed.compliance / "bien-ban.pdf").open("rb") as stream:
        signatures = PdfFileReader(stream, strict=False).embedded_signatures
        assert [s.field_name for s in signatures] == ["ChuKyDonViKiemThu"]


def test_a_bundle_rebuilt_without_the_key_is_caught(
    signed: Bundle, capsys: pytest.CaptureFixture[str]
) -> None:
    forged = signed.result("failed")
    forged.write_text(forged.read_text("utf-8").replace('"failed"', '"passed"'), "utf-8")
    rebuild(signed, None)  # results, manifest, summary, PDF: all consistent, but unsigned
    assert one_line(signed, capsys).endswith(
        "thiếu chữ ký (DVC_SIGN_TRUST yêu cầu bộ chứng cứ đã ký)"
    )


def test_a_bundle_rebuilt_and_signed_by_another_key_is_caught(
    signed: Bundle, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other, _ = make_unit(tmp_path / "other", "Kẻ giả mạo")
    rebuild(signed, other)
    assert "chứng thư CN=Kẻ giả mạo không thuộc DVC_SIGN_TRUST" in one_line(signed, capsys)


def test_an_old_signature_beside_a_rebuilt_manifest_is_caught(
    signed: Bundle, capsys: pytest.CaptureFixture[str]
) -> None:
    keep = {n: (signed.compliance / n).read_bytes() for n in ("manifest.sha256.sig", "signer.pem")}
    (signed.results / "extra-attachment.txt").write_text("thêm", "utf-8")
    rebuild(signed, None)
    for name, data in keep.items():
        (signed.compliance / name).write_bytes(data)
    assert one_line(signed, capsys).endswith("manifest.sha256.sig: chữ ký không khớp bảng băm")


def test_a_changed_signed_pdf_is_caught_even_with_a_re_signed_manifest(
    signed: Bundle, unit: tuple[SigningKey, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = signed.compliance / "bien-ban.pdf"
    data = pdf.read_bytes()
    at = data.index(b"/MediaBox")  # inside the signed byte range
    pdf.write_bytes(data[:at] + data[at:].replace(b"/MediaBox [0", b"/MediaBox [1", 1))
    signed.reseal_line(pdf)
    sign_manifest(signed.manifest, unit[0])
    assert "bien-ban.pdf: chữ ký số không hợp lệ" in one_line(signed, capsys)


def test_the_manifest_signature_checks_with_openssl(signed: Bundle, tmp_path: Path) -> None:
    if not shutil.which("openssl"):
        pytest.skip("no openssl on this machine")
    cert = x509.load_pem_x509_certificate((signed.compliance / "signer.pem").read_bytes())
    public = tmp_path / "public.pem"
    public.write_bytes(cert.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ))  # fmt: skip
    done = subprocess.run(
        ["openssl", "dgst", "-sha256", "-verify", str(public), "-signature",
         "manifest.sha256.sig", "manifest.sha256"],
        cwd=signed.compliance, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0 and "Verified OK" in done.stdout, done.stdout + done.stderr


def test_half_a_key_pair_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(SigningError, match="cần cả DVC_SIGN_KEY và DVC_SIGN_CERT"):
        SigningKey.from_env(env={"DVC_SIGN_KEY": str(tmp_path / "k.pem")})
    assert SigningKey.from_env(env={}) is None


def test_an_encrypted_key_takes_its_passphrase_from_the_environment(
    unit: tuple[SigningKey, Path], tmp_path: Path
) -> None:
    signing, _ = unit
    key = serialization.load_pem_private_key(signing.key_path.read_bytes(), password=None)
    locked = tmp_path / "locked.key"
    locked.write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"mat-khau"),
    ))  # fmt: skip
    env = {"DVC_SIGN_KEY": str(locked), "DVC_SIGN_CERT": str(signing.cert_path)}
    with pytest.raises(SigningError, match="không đọc được khóa"):
        SigningKey.from_env(env=env).load()  # type: ignore[union-attr]
    opened = SigningKey.from_env(env={**env, "DVC_SIGN_KEY_PASSPHRASE": "mat-khau"})
    assert opened is not None
    cert, _ = opened.load()
    assert cert.subject.rfc4514_string() == "CN=Trung tâm Kiểm thử"
