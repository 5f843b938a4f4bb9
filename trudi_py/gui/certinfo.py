"""Certificate facts for display (Qt-free): subject, issuer, validity, SHA-256."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone

from cryptography import x509


@dataclass(frozen=True)
class CertFacts:
    subject: str
    issuer: str
    not_before: datetime | None
    not_after: datetime | None
    sha256: str

    @property
    def expired(self) -> bool:
        return self.not_after is not None and self.not_after < datetime.now(timezone.utc)

    @property
    def self_signed(self) -> bool:
        return self.subject == self.issuer


def from_der(der: bytes) -> CertFacts | None:
    """Facts of a DER certificate; None when it cannot be parsed (or is empty)."""
    if not der:
        return None
    try:
        cert = x509.load_der_x509_certificate(der)
    except ValueError:
        return None
    return _facts(cert, der)


def from_pem(pem: str) -> CertFacts | None:
    """Facts of a PEM certificate; None when it cannot be parsed (or is empty)."""
    if not pem.strip():
        return None
    try:
        cert = x509.load_pem_x509_certificate(pem.encode("ascii", "replace"))
    except ValueError:
        return None
    from cryptography.hazmat.primitives.serialization import Encoding
    return _facts(cert, cert.public_bytes(Encoding.DER))


def _facts(cert: x509.Certificate, der: bytes) -> CertFacts:
    return CertFacts(subject=cert.subject.rfc4514_string(), issuer=cert.issuer.rfc4514_string(),
                     not_before=cert.not_valid_before_utc, not_after=cert.not_valid_after_utc,
                     sha256=hashlib.sha256(der).hexdigest())
