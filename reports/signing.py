"""Optional signatures of the evidence bundle with the testing unit's certificate.

At build time (``DVC_SIGN_KEY`` + ``DVC_SIGN_CERT``, PEM files; ``DVC_SIGN_KEY_PASSPHRASE``
if the key is encrypted, or ``--sign-key``/``--sign-cert``):
- bien-ban.pdf gets a PAdES signature (pyHanko), before the manifest is written;
- the manifest gets a detached signature ``manifest.sha256.sig`` (raw PKCS#1 v1.5 or
  ECDSA over SHA-256, what ``openssl dgst -sha256 -verify`` checks) and the certificate
  beside it, ``signer.pem``.
At verification, ``DVC_SIGN_TRUST`` (PEM: the testing unit's certificate or its CA) makes
the signatures required and trusted only when made by that certificate or one it issued.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

SIGNATURE = "manifest.sha256.sig"
SIGNER = "signer.pem"
PDF_FIELD = "ChuKyDonViKiemThu"


class SigningError(ValueError):
    pass


@dataclass(frozen=True)
class SigningKey:
    key_path: Path
    cert_path: Path
    passphrase: bytes | None = None

    @classmethod
    def from_env(
        cls, key: str | None = None, cert: str | None = None, env: dict[str, str] | None = None
    ) -> SigningKey | None:
        env = dict(os.environ) if env is None else env
        key = key or env.get("DVC_SIGN_KEY")
        cert = cert or env.get("DVC_SIGN_CERT")
        if not key and not cert:
            return None
        if not (key and cert):
            raise SigningError("ký số cần cả DVC_SIGN_KEY và DVC_SIGN_CERT (tệp PEM)")
        for path in (key, cert):
            if not Path(path).is_file():
                raise SigningError(f"không có tệp {path}")
        passphrase = env.get("DVC_SIGN_KEY_PASSPHRASE")
        return cls(Path(key), Path(cert), passphrase.encode() if passphrase else None)

    def load(self) -> tuple[x509.Certificate, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey]:
        try:
            cert = x509.load_pem_x509_certificate(self.cert_path.read_bytes())
            key = serialization.load_pem_private_key(
                self.key_path.read_bytes(), password=self.passphrase
            )
        except (ValueError, TypeError) as exc:
            raise SigningError(f"không đọc được khóa/chứng thư ký số: {exc}") from None
        if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
            raise SigningError("khóa ký số phải là RSA hoặc ECDSA")
        if key.public_key().public_numbers() != cert.public_key().public_numbers():  # type: ignore[union-attr]
            raise SigningError(f"{self.key_path} không phải khóa của {self.cert_path}")
        return cert, key


def sign_pdf(pdf: Path, signing: SigningKey) -> None:
    """A PAdES signature (invisible field) of the testing unit, in place."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    signing.load()  # a clear error before pyHanko's
    signer = signers.SimpleSigner.load(
        str(signing.key_path), str(signing.cert_path), key_passphrase=signing.passphrase
    )
    if signer is None:
        raise SigningError(f"pyHanko không nạp được {signing.key_path}")
    meta = signers.PdfSignatureMetadata(
        field_name=PDF_FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason="Xác nhận biên bản tổng hợp kết quả kiểm thử",
    )
    data = pdf.read_bytes()
    with pdf.open("wb") as out:
        import io

        signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(data)), meta, signer, output=out)


def sign_manifest(manifest: Path, signing: SigningKey) -> None:
    cert, key = signing.load()
    data = manifest.read_bytes()
    if isinstance(key, rsa.RSAPrivateKey):
        signature = key.sign(data, padding.PKCS1v15(), hashes.SHA256())
    else:
        signature = key.sign(data, ec.ECDSA(hashes.SHA256()))
    manifest.with_name(SIGNATURE).write_bytes(signature)
    manifest.with_name(SIGNER).write_bytes(cert.public_bytes(serialization.Encoding.PEM))


def _trusted(cert: x509.Certificate, trust: list[x509.Certificate]) -> bool:
    for anchor in trust:
        if cert == anchor:
            return True
        try:
            cert.verify_directly_issued_by(anchor)
            return True
        except (ValueError, TypeError, InvalidSignature):
            continue
    return False


def load_trust(env: dict[str, str] | None = None) -> list[x509.Certificate] | str | None:
    """``DVC_SIGN_TRUST``'s certificates; a str says why they cannot be read."""
    env = dict(os.environ) if env is None else env
    path = env.get("DVC_SIGN_TRUST")
    if not path:
        return None
    try:
        return x509.load_pem_x509_certificates(Path(path).read_bytes())
    except (OSError, ValueError) as exc:
        return f"DVC_SIGN_TRUST={path}: không đọc được chứng thư ({exc})"


def check_signatures(compliance: Path, trust: list[x509.Certificate] | None) -> list[str]:
    """The manifest's signature and bien-ban.pdf's; [] when both hold (or, with no trust
    anchor given, when the bundle is not signed)."""
    manifest, signature, signer = (
        compliance / "manifest.sha256", compliance / SIGNATURE, compliance / SIGNER,
    )  # fmt: skip
    if not signature.is_file():
        return (
            [f"{signature}: thiếu chữ ký (DVC_SIGN_TRUST yêu cầu bộ chứng cứ đã ký)"]
            if trust
            else []
        )
    try:
        cert = x509.load_pem_x509_certificate(signer.read_bytes())
    except (OSError, ValueError):
        return [f"{signer}: không đọc được chứng thư của người ký"]
    public = cert.public_key()
    data, raw = manifest.read_bytes(), signature.read_bytes()
    try:
        if isinstance(public, rsa.RSAPublicKey):
            public.verify(raw, data, padding.PKCS1v15(), hashes.SHA256())
        elif isinstance(public, ec.EllipticCurvePublicKey):
            public.verify(raw, data, ec.ECDSA(hashes.SHA256()))
        else:
            return [f"{signer}: loại khóa không hỗ trợ"]
    except InvalidSignature:
        return [f"{signature}: chữ ký không khớp bảng băm"]
    if trust is not None and not _trusted(cert, trust):
        return [f"{signer}: chứng thư {cert.subject.rfc4514_string()} không thuộc DVC_SIGN_TRUST"]
    pdf = compliance / "bien-ban.pdf"
    if pdf.is_file():
        problem = _check_pdf(pdf, trust or [cert])
        if problem:
            return [f"{pdf}: {problem}"]
    return []


def _check_pdf(pdf: Path, trust: list[x509.Certificate]) -> str | None:
    import io

    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    roots = [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in trust]
    try:
        signatures = PdfFileReader(io.BytesIO(pdf.read_bytes()), strict=False).embedded_signatures
    except Exception as exc:  # pyHanko raises several kinds on a damaged file
        return f"không đọc được ({type(exc).__name__})"
    if not signatures:
        return "không có chữ ký số của đơn vị kiểm thử"
    try:
        status = validate_pdf_signature(
            signatures[-1], ValidationContext(trust_roots=roots, allow_fetching=False)
        )
    except Exception as exc:
        return f"không kiểm tra được chữ ký số ({type(exc).__name__})"
    if not (status.intact and status.valid):
        return "chữ ký số không hợp lệ: văn bản đã bị thay đổi sau khi ký"
    if not status.trusted:
        return "chữ ký số không do chứng thư tin cậy tạo"
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return "văn bản đã bị bổ sung nội dung sau khi ký"
    return None


def signer_name(compliance: Path) -> str | None:
    try:
        cert = x509.load_pem_x509_certificate((compliance / SIGNER).read_bytes())
    except (OSError, ValueError):
        return None
    return cert.subject.rfc4514_string()
