"""The agency's signing key and its test CA; PAdES signing and verification with pyHanko.

``AgencyPki.load_or_create(directory, agency_name)`` makes, at first start, a test root
CA ("dvc-e2e Test Root CA") and the agency's signing certificate, and keeps them (PEM)
in ``directory`` so that a restart reuses them. TEST ONLY: the keys are not encrypted.

Only pyHanko's async API is used: its sync API calls ``asyncio.run``, which fails inside
FastAPI's event loop. Validation is offline (``allow_fetching=False``) against explicit
trust roots.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import io
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.x509.oid import NameOID

from portal.integration.e_result import sha256_hex

if TYPE_CHECKING:
    from pyhanko.sign import signers

__all__ = [
    "ROOT_CA_NAME",
    "SIGNATURE_FIELD",
    "AgencyPki",
    "SignatureCheck",
    "sha256_hex",
    "verify_pdf",
]

ROOT_CA_NAME = "dvc-e2e Test Root CA"
SIGNATURE_FIELD = "ChuKyCoQuan"
ROOT_VALIDITY = timedelta(days=3650)
AGENCY_VALIDITY = timedelta(days=1095)
RENEW_BEFORE = timedelta(days=30)
FILES = ("root-ca.crt.pem", "root-ca.key.pem", "agency.crt.pem", "agency.key.pem")


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "dvc-e2e (thử nghiệm)"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _certificate(
    subject: str,
    key: rsa.RSAPrivateKey,
    issuer: x509.Certificate | None,
    issuer_key: rsa.RSAPrivateKey,
    validity: timedelta,
) -> x509.Certificate:
    now = datetime.now(UTC) - timedelta(days=1)
    is_ca = issuer is None
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(issuer.subject if issuer else _name(subject))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + validity)
        .add_extension(x509.BasicConstraints(ca=is_ca, path_length=0 if is_ca else None), True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not is_ca,
                content_commitment=not is_ca,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=is_ca,
                crl_sign=is_ca,
                encipher_only=False,
                decipher_only=False,
            ),
            True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), False
        )
    )
    return builder.sign(issuer_key, hashes.SHA256())


def _new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _to_asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _common_name(cert: x509.Certificate) -> str:
    values = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(values[0].value) if values else ""


def _issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


@contextlib.contextmanager
def _locked(directory: Path) -> Iterator[None]:
    """Two processes starting at once must not make two different CAs."""
    with open(directory / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _write(path: Path, data: bytes, *, private: bool) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600 if private else 0o644)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.replace(tmp, path)


@dataclass(frozen=True)
class SignatureCheck:
    valid: bool  # intact, trusted, covering the whole file
    intact: bool  # the signed bytes are unchanged
    trusted: bool  # the signer's certificate chains to a trust root
    signer_name: str
    signed_at: datetime | None
    message: str  # for the citizen, in Vietnamese


def prepare_signing() -> None:
    """Import pyHanko's signing half ahead of the first document (the portal does it at
    start, off the event loop)."""
    import pyhanko.sign.signers  # noqa: F401
    import pyhanko_certvalidator.registry  # noqa: F401


def _loaded_key_signer(key: rsa.RSAPrivateKey, **kwargs: Any) -> signers.SimpleSigner:
    """pyHanko's SimpleSigner parses the DER private key again for every signature (and
    checks the RSA key while at it: ~0.3 s, twice per document). This one signs with the
    key object the portal already holds; any other mechanism goes the usual way.
    (pyHanko is imported when the first document is signed, not when the portal starts.)"""
    from pyhanko.sign import signers
    from pyhanko.sign.general import get_pyca_cryptography_hash

    class LoadedKeySigner(signers.SimpleSigner):
        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
            if mechanism.signature_algo != "rsassa_pkcs1v15":
                return bytes(super().sign_raw(data, digest_algorithm))
            return key.sign(data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))

    return LoadedKeySigner(**kwargs)


class AgencyPki:
    def __init__(
        self,
        root_cert: x509.Certificate,
        agency_cert: x509.Certificate,
        agency_key: rsa.RSAPrivateKey,
    ) -> None:
        self.root_cert = root_cert
        self.agency_cert = agency_cert
        self._agency_key = agency_key

    @classmethod
    def load_or_create(cls, directory: Path, agency_name: str) -> AgencyPki:
        """Reuse the CA and agency certificate kept in ``directory``; make what is missing,
        expiring within 30 days, or (for the agency) issued to another name or CA."""
        directory.mkdir(parents=True, exist_ok=True)
        root_crt, root_key, agency_crt, agency_key = (directory / f for f in FILES)
        with _locked(directory):
            soon = datetime.now(UTC) + RENEW_BEFORE
            root_pair = _load_pair(root_crt, root_key)
            if root_pair is None or root_pair[0].not_valid_after_utc < soon:
                rkey = _new_key()
                root_pair = (_certificate(ROOT_CA_NAME, rkey, None, rkey, ROOT_VALIDITY), rkey)
                _save_pair(root_pair, root_crt, root_key)
            root, rkey = root_pair
            pair = _load_pair(agency_crt, agency_key)
            if (
                pair is None
                or pair[0].not_valid_after_utc < soon
                or _common_name(pair[0]) != agency_name
                or not _issued_by(pair[0], root)
            ):
                key = _new_key()
                pair = (_certificate(agency_name, key, root, rkey, AGENCY_VALIDITY), key)
                _save_pair(pair, agency_crt, agency_key)
        return cls(root, pair[0], pair[1])

    @property
    def agency_name(self) -> str:
        return _common_name(self.agency_cert)

    @property
    def trust_roots(self) -> list[asn1_x509.Certificate]:
        return [_to_asn1(self.root_cert)]

    @functools.cached_property
    def _signer(self) -> signers.SimpleSigner:
        key_der = self._agency_key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        root = _to_asn1(self.root_cert)
        return _loaded_key_signer(
            self._agency_key,
            signing_cert=_to_asn1(self.agency_cert),
            signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
            cert_registry=SimpleCertificateStore.from_certs([root]),
        )

    async def sign_pdf(
        self,
        pdf: bytes,
        *,
        field_name: str = SIGNATURE_FIELD,
        reason: str = "Ký số kết quả giải quyết thủ tục hành chính",
        location: str = "Việt Nam",
    ) -> bytes:
        """PAdES signature (invisible field ``field_name``) by the agency's key."""
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import fields, signers

        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        meta = signers.PdfSignatureMetadata(
            field_name=field_name,
            md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
            reason=reason,
            location=location,
            name=self.agency_name,
        )
        output = io.BytesIO()
        await signers.async_sign_pdf(writer, meta, signer=self._signer, output=output)
        return output.getvalue()

    async def verify_pdf(self, pdf: bytes) -> SignatureCheck:
        """``verify_pdf`` against this agency's test CA."""
        return await verify_pdf(pdf, self.trust_roots)


Pair = tuple[x509.Certificate, rsa.RSAPrivateKey]


def _load_pair(cert_path: Path, key_path: Path) -> Pair | None:
    if not (cert_path.exists() and key_path.exists()):
        return None
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    if not isinstance(key, rsa.RSAPrivateKey) or key.public_key() != cert.public_key():
        return None
    return cert, key


def _save_pair(pair: Pair, cert_path: Path, key_path: Path) -> None:
    cert, key = pair
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    _write(key_path, pem, private=True)
    _write(cert_path, cert.public_bytes(serialization.Encoding.PEM), private=False)


async def verify_pdf(
    pdf: bytes, trust_roots: Iterable[asn1_x509.Certificate | x509.Certificate]
) -> SignatureCheck:
    """Check the document's last signature offline against ``trust_roots``."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import async_validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    roots = [r if isinstance(r, asn1_x509.Certificate) else _to_asn1(r) for r in trust_roots]
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except Exception as exc:  # pyHanko raises several kinds on a damaged file
        return _refused(f"Không đọc được tệp PDF ({exc.__class__.__name__}).")
    if not signatures:
        return _refused("Văn bản không có chữ ký số.")
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    try:
        status = await async_validate_pdf_signature(signatures[-1], context)
    except Exception as exc:
        return _refused(f"Không kiểm tra được chữ ký số ({exc.__class__.__name__}).")
    signer = (
        status.signing_cert.subject.native.get("common_name", "") if status.signing_cert else ""
    )
    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    valid = bool(status.bottom_line and whole)
    if valid:
        message = f"Chữ ký số hợp lệ: văn bản do {signer} ký, không bị thay đổi."
    elif not status.intact or not status.valid:
        message = "Chữ ký số không hợp lệ: văn bản đã bị thay đổi sau khi ký."
    elif not status.trusted:
        message = "Chứng thư số của người ký không thuộc tổ chức cung cấp dịch vụ tin cậy."
    else:
        message = "Văn bản đã bị bổ sung nội dung sau khi ký."
    return SignatureCheck(
        valid=valid,
        intact=bool(status.intact),
        trusted=bool(status.trusted),
        signer_name=str(signer),
        signed_at=status.signer_reported_dt,
        message=message,
    )


def _refused(message: str) -> SignatureCheck:
    return SignatureCheck(False, False, False, "", None, message)
