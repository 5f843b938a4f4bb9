"""Certificate facts for display (Qt-free): the core reader, re-exported for the GUI.

Everything comes from :mod:`trudi_py.model.certificate`, which also reads certificates that
``cryptography`` refuses (the field's HAN certificate with an explicit NULL parameter).
"""

from __future__ import annotations

from trudi_py.model.certificate import CertificateFacts, read_certificate

CertFacts = CertificateFacts


def from_der(der: bytes) -> CertificateFacts | None:
    """Facts of a DER certificate; None when it cannot be parsed (or is empty)."""
    return read_certificate(der) if der else None


def from_pem(pem: str) -> CertificateFacts | None:
    """Facts of a PEM certificate; None when it cannot be parsed (or is empty)."""
    return read_certificate(pem) if pem and pem.strip() else None
