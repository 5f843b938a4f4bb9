"""Reading X.509 certificates: the one place the core turns certificate bytes into facts.

``read_certificate(data)`` accepts DER, PEM text or bytes, and the hex-encoded PEM/DER a
gateway sends, and returns :class:`CertificateFacts` (subject, issuer, serial, validity, key
type, SHA-256 of the DER) or None for anything that is no certificate.

``cryptography`` is tried first. Since version 49 it refuses certificates whose
``signatureAlgorithm`` is ecdsa-with-SHA256 written with an explicit NULL parameter — exactly
how a real CONEXA (firmware v3.87) writes its HAN TLS certificate (IF_GW_CON.md, "Field
evidence"). Such a certificate is read with ``asn1crypto`` instead; the facts are the same.
Pinning never depends on this module: it hashes the DER bytes as received.
"""

from __future__ import annotations

import binascii
import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from asn1crypto import pem as asn1_pem
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa
from cryptography.hazmat.primitives.serialization import Encoding

MAX_CERTIFICATE_BYTES = 64 * 1024  # a gateway certificate is ~600 bytes; bound the input

#: RFC 4514 short names of the attributes asn1crypto reports by long name.
_SHORT_NAMES = {"common_name": "CN", "country_name": "C", "organization_name": "O",
                "organizational_unit_name": "OU", "locality_name": "L",
                "state_or_province_name": "ST", "street_address": "STREET",
                "domain_component": "DC", "user_id": "UID", "serial_number": "serialNumber",
                "email_address": "emailAddress"}
_HEX = re.compile(rb"^[0-9a-fA-F\s]+$")


@dataclass(frozen=True)
class CertificateFacts:
    """What a person (or an export) needs to know about one certificate."""

    subject: str  # RFC 4514, most specific first ("CN=…,C=DE,OU=THE,O=SMGW")
    issuer: str
    serial: int
    not_before: datetime | None  # aware UTC
    not_after: datetime | None  # aware UTC
    key_type: str  # "ECDSA secp384r1", "ECDSA brainpoolP384r1", "RSA 2048", …
    sha256: str  # SHA-256 of the DER, 64 lower-case hex digits
    der: bytes
    reader: str  # "cryptography" | "asn1crypto" (the second when the first refused)

    @property
    def expired(self) -> bool:
        """True when ``not_after`` lies in the past."""
        return self.not_after is not None and self.not_after < datetime.now(UTC)

    @property
    def self_signed(self) -> bool:
        """True when subject and issuer are the same name."""
        return self.subject == self.issuer

    @property
    def serial_hex(self) -> str:
        """The serial as colon-separated hex bytes (``01``, ``4f:a2:…``)."""
        raw = format(self.serial, "x")
        raw = raw if len(raw) % 2 == 0 else "0" + raw
        return ":".join(raw[i:i + 2] for i in range(0, len(raw), 2))

    @property
    def pem(self) -> str:
        """The certificate as PEM text."""
        return asn1_pem.armor("CERTIFICATE", self.der).decode("ascii")


def certificate_der(data: bytes | str) -> bytes | None:
    """The DER bytes of a certificate given as DER, PEM, or hex of either; None otherwise."""
    if isinstance(data, str):
        data = data.encode("ascii", "replace")
    if not data or len(data) > 4 * MAX_CERTIFICATE_BYTES:
        return None
    stripped = data.strip()
    if _HEX.match(stripped) and len(b"".join(stripped.split())) % 2 == 0:
        try:
            data = binascii.unhexlify(b"".join(stripped.split()))
        except binascii.Error:
            return None
        stripped = data.strip()
    if asn1_pem.detect(stripped):
        try:
            _kind, _headers, der = asn1_pem.unarmor(stripped)
        except (ValueError, TypeError):
            return None
        return der
    return data if data[:1] == b"\x30" else None


def read_certificate(data: bytes | str | None) -> CertificateFacts | None:
    """Facts of one certificate (DER, PEM, or hex of either); None if it is none."""
    if not data:
        return None
    der = certificate_der(data)
    if der is None or len(der) > MAX_CERTIFICATE_BYTES:
        return None
    try:
        return _with_cryptography(der)
    except ValueError:
        pass  # e.g. cryptography >= 49 and an explicit NULL parameter: try asn1crypto
    try:
        return _with_asn1crypto(der)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def _with_cryptography(der: bytes) -> CertificateFacts:
    cert = x509.load_der_x509_certificate(der)
    subject, issuer = cert.subject.rfc4514_string(), cert.issuer.rfc4514_string()
    return CertificateFacts(
        subject=subject, issuer=issuer, serial=cert.serial_number,
        not_before=cert.not_valid_before_utc, not_after=cert.not_valid_after_utc,
        key_type=_key_type(cert), sha256=hashlib.sha256(der).hexdigest(),
        der=cert.public_bytes(Encoding.DER), reader="cryptography")


def _key_type(cert: x509.Certificate) -> str:
    try:
        key = cert.public_key()
    except (ValueError, TypeError):  # an unsupported curve (cryptography without it)
        return "unknown"
    if isinstance(key, ec.EllipticCurvePublicKey):
        return f"ECDSA {key.curve.name}"
    if isinstance(key, rsa.RSAPublicKey):
        return f"RSA {key.key_size}"
    if isinstance(key, ed25519.Ed25519PublicKey):
        return "Ed25519"
    if isinstance(key, ed448.Ed448PublicKey):
        return "Ed448"
    return type(key).__name__


def _with_asn1crypto(der: bytes) -> CertificateFacts:
    cert = asn1_x509.Certificate.load(der, strict=True)
    tbs = cert["tbs_certificate"]
    validity = tbs["validity"]
    return CertificateFacts(
        subject=_rfc4514(tbs["subject"]), issuer=_rfc4514(tbs["issuer"]),
        serial=int(tbs["serial_number"].native),
        not_before=_utc(validity["not_before"].native),
        not_after=_utc(validity["not_after"].native),
        key_type=_asn1_key_type(tbs["subject_public_key_info"]),
        sha256=hashlib.sha256(der).hexdigest(), der=der, reader="asn1crypto")


def _utc(moment: object) -> datetime | None:
    if not isinstance(moment, datetime):
        return None
    return moment.astimezone(UTC) if moment.tzinfo else \
        moment.replace(tzinfo=UTC)


def _rfc4514(name: asn1_x509.Name) -> str:
    """RFC 4514 text of a name, most specific RDN first (as ``cryptography`` prints it)."""
    rdns = []
    for rdn in name.chosen:
        parts = []
        for attribute in rdn:
            kind = attribute["type"]
            label = _SHORT_NAMES.get(kind.native, kind.dotted)
            value = attribute["value"].native
            parts.append(f"{label}={_escape(str(value))}")
        rdns.append("+".join(parts))
    return ",".join(reversed(rdns))


def _escape(value: str) -> str:
    out = "".join("\\" + c if c in ',+"\\<>;' else c for c in value)
    if out.startswith(("#", " ")):
        out = "\\" + out
    if out.endswith(" "):
        out = out[:-1] + "\\ "
    return out


def _asn1_key_type(info: asn1_x509.PublicKeyInfo) -> str:
    algorithm = info["algorithm"]["algorithm"].native
    if algorithm == "ec":
        params = info["algorithm"]["parameters"]
        curve = params.chosen.native if params.name == "named" else "explicit curve"
        return f"ECDSA {_CURVES.get(curve, curve)}"
    if algorithm == "rsa":
        return f"RSA {info.bit_size}"
    return str(algorithm)


_CURVES = {"brainpoolp256r1": "brainpoolP256r1", "brainpoolp384r1": "brainpoolP384r1",
           "brainpoolp512r1": "brainpoolP512r1"}
