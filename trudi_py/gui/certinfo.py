"""Certificate facts for display (Qt-free): the core reader, re-exported for the GUI.

Everything comes from :mod:`trudi_py.model.certificate`, which also reads certificates that
``cryptography`` refuses (the field's HAN certificate with an explicit NULL parameter).
"""

from __future__ import annotations

from functools import lru_cache

from trudi_py.model import GatewayInfo
from trudi_py.model.certificate import CertificateFacts, read_certificate

CertFacts = CertificateFacts


@lru_cache(maxsize=64)
def from_der(der: bytes) -> CertificateFacts | None:
    """Facts of a DER certificate; None when it cannot be parsed (or is empty). Kept: the
    overview shows the same certificates again (parsing one takes ~1-2 ms)."""
    return read_certificate(der) if der else None


@lru_cache(maxsize=64)
def from_pem(pem: str) -> CertificateFacts | None:
    """Facts of a PEM certificate; None when it cannot be parsed (or is empty)."""
    return read_certificate(pem) if pem and pem.strip() else None


def read_ahead(info: GatewayInfo) -> None:
    """Parse the gateway's certificates now (on the worker thread that read ``info``), so
    the overview, filled on the GUI thread, finds their facts ready."""
    from_pem(info.han_tls_pem)
    for wan in info.wan:
        from_der(wan.sig_der)
