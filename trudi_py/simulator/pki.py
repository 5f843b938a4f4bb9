"""The simulator's own certificates and keys (demo material, never real credentials).

Everything is created on first use and kept in the simulator's state directory, so the
fingerprint a client pins stays the same across restarts:

- the HAN TLS identity: a self-signed ECDSA P-384 certificate whose subject CN is the
  gateway id in upper case (not an IP address, as on a real CONEXA);
- a small client CA that issues the consumers' PKCS#12 files for mutual TLS;
- the WAN certificates of ``smgw-info``: per cert-index a Sub-CA and a ``sig`` certificate
  (field: Brainpool, cert-index 0-2; description: P-384/P-256, cert-index 0-1; signatures
  are 64 bytes r‖s); the key of cert-index 0 is the seal key that signs the TAF profiles;
- the field's HAN certificate is written with an explicit NULL parameter in its signature
  algorithm (see :func:`field_han_certificate`).

Each key is stored together with its certificate in one PEM file written atomically with
mode 0600, so concurrent starts can never pair a key with a foreign certificate.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PKI_DIR = "pki"
VALIDITY = timedelta(days=3652)  # ~10 years
WAN_INDICES = ("0", "1")

KeyPair = tuple[x509.Certificate, ec.EllipticCurvePrivateKey]


@dataclass
class ServerIdentity:
    """The HAN TLS certificate and key of the simulated gateway."""

    cert_pem: bytes
    key_pem: bytes
    cert_der: bytes
    fingerprint: str  # SHA-256 of cert_der, 64 lower-case hex digits


@dataclass
class WanPki:
    """The WAN certificates reported by ``smgw-info`` and the seal key."""

    chains: dict[str, tuple[KeyPair, KeyPair]]  # cert-index → ((sig cert, key), (sub-ca, key))

    @property
    def entries(self) -> list[tuple[str, bytes, bytes]]:
        """``(cert-index, sig DER, sub-ca DER)`` in cert-index order."""
        return [(idx, sig[0].public_bytes(serialization.Encoding.DER),
                 sub[0].public_bytes(serialization.Encoding.DER))
                for idx, (sig, sub) in sorted(self.chains.items())]

    @property
    def seal_cert(self) -> x509.Certificate:
        """The seal ("Gütesiegel") certificate: the ``sig`` certificate of cert-index 0."""
        return self.chains["0"][0][0]

    @property
    def seal_key(self) -> ec.EllipticCurvePrivateKey:
        """The private key of :attr:`seal_cert`; it signs the TAF profiles."""
        return self.chains["0"][0][1]


def sha256_hex(data: bytes) -> str:
    """SHA-256 of ``data`` as 64 lower-case hex digits."""
    return hashlib.sha256(data).hexdigest()


def _name(cn: str, org: str = "trudi_py simulator") -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, org)])


def _write_atomic(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same directory and rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _cert_builder(subject: x509.Name, issuer: x509.Name, public_key: ec.EllipticCurvePublicKey,
                  *, ca: bool, path_length: int | None = None) -> x509.CertificateBuilder:
    now = datetime.now(UTC).replace(microsecond=0)
    return (x509.CertificateBuilder()
            .subject_name(subject).issuer_name(issuer).public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + VALIDITY)
            .add_extension(x509.BasicConstraints(ca=ca, path_length=path_length), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False))


def _key_usage(*, digital_signature: bool = False, cert_sign: bool = False) -> x509.KeyUsage:
    return x509.KeyUsage(digital_signature=digital_signature, content_commitment=False,
                         key_encipherment=False, data_encipherment=False, key_agreement=False,
                         key_cert_sign=cert_sign, crl_sign=cert_sign, encipher_only=False,
                         decipher_only=False)


def _issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    """Whether ``issuer``'s key signed ``cert`` (names and signature)."""
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def _load_or_create(path: Path, factory: Callable[[], KeyPair]) -> KeyPair:
    """A (certificate, key) pair kept in one PEM file; created by ``factory`` if absent."""
    if path.exists():
        data = path.read_bytes()
        key = serialization.load_pem_private_key(data, password=None)
        cert = x509.load_pem_x509_certificate(data)
        if isinstance(key, ec.EllipticCurvePrivateKey):
            return cert, key
    cert, key = factory()
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    _write_atomic(path, key_pem + cert.public_bytes(serialization.Encoding.PEM))
    return cert, key


def _self_signed_ca(cn: str, curve: ec.EllipticCurve) -> KeyPair:
    key = ec.generate_private_key(curve)
    name = _name(cn)
    cert = (_cert_builder(name, name, key.public_key(), ca=True, path_length=1)
            .add_extension(_key_usage(cert_sign=True), critical=True)
            .sign(key, hashes.SHA384()))
    return cert, key


def _issued(issuer: KeyPair, cn: str, curve: ec.EllipticCurve, *, ca: bool,
            eku: x509.ObjectIdentifier | None = None) -> KeyPair:
    issuer_cert, issuer_key = issuer
    key = ec.generate_private_key(curve)
    builder = (_cert_builder(_name(cn), issuer_cert.subject, key.public_key(), ca=ca,
                             path_length=0 if ca else None)
               .add_extension(_key_usage(digital_signature=not ca, cert_sign=ca), critical=True)
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                   issuer_key.public_key()), critical=False))
    if eku is not None:
        builder = builder.add_extension(x509.ExtendedKeyUsage([eku]), critical=False)
    return builder.sign(issuer_key, hashes.SHA384() if ca else hashes.SHA256()), key


# ---------------------------------------------------------------------------------------------
# HAN TLS identity


def load_or_create_server_identity(state_dir: Path, smgw_id: str,
                                   field: bool = True) -> ServerIdentity:
    """The HAN TLS identity for ``smgw_id``: created on first call, then reused from state_dir.

    ``field`` (default): as a real CONEXA v3.87 writes it — serial 1, subject
    ``CN=<ID>.SMGW,C=DE,OU=THE,O=SMGW``, ecdsa-with-SHA256 with an explicit NULL parameter
    (``cryptography`` >= 49 cannot parse it; OpenSSL serves it). Otherwise the description's
    plain certificate (CN = the gateway id, ecdsa-with-SHA384).
    """
    if field:
        return _field_identity(Path(state_dir) / PKI_DIR / f"han-tls-field-{smgw_id.lower()}.pem",
                               smgw_id)
    cn = smgw_id.upper()

    def create() -> KeyPair:
        key = ec.generate_private_key(ec.SECP384R1())
        name = _name(cn, "Smart Meter Gateway (simulated)")
        cert = (_cert_builder(name, name, key.public_key(), ca=False)
                .add_extension(_key_usage(digital_signature=True), critical=True)
                .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]),
                               critical=False)
                .sign(key, hashes.SHA384()))
        return cert, key

    cert, key = _load_or_create(Path(state_dir) / PKI_DIR / f"han-tls-{smgw_id.lower()}.pem",
                                create)
    der = cert.public_bytes(serialization.Encoding.DER)
    return ServerIdentity(
        cert_pem=cert.public_bytes(serialization.Encoding.PEM),
        key_pem=key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()),
        cert_der=der, fingerprint=sha256_hex(der))


# ---------------------------------------------------------------------------------------------
# Client CA and the consumers' PKCS#12 files


def _client_ca(state_dir: Path) -> KeyPair:
    return _load_or_create(Path(state_dir) / PKI_DIR / "client-ca.pem",
                           lambda: _self_signed_ca("trudi_py simulator client CA",
                                                   ec.SECP384R1()))


def client_ca_pem(state_dir: Path) -> bytes:
    """The client CA certificate (PEM) for the server's verify locations."""
    return _client_ca(state_dir)[0].public_bytes(serialization.Encoding.PEM)


def issue_client_p12(state_dir: Path, name: str, password: str) -> tuple[Path, str]:
    """Write ``<state_dir>/<name>.p12`` (client certificate + key + CA, AES/PBKDF2-protected).

    The client certificate of ``name`` is created once (kept in the PKI folder) and stays the
    same; an existing ``.p12`` that opens with ``password`` and holds it is reused, otherwise
    the file is rewritten with ``password``. Returns the path and the SHA-256 fingerprint of
    the client certificate DER.
    """
    ca = _client_ca(state_dir)
    cert, key = _load_or_create_issued(Path(state_dir) / PKI_DIR / f"client-{name}.pem", ca,
                                       name, ec.SECP384R1(), ca=False,
                                       eku=ExtendedKeyUsageOID.CLIENT_AUTH)
    der = cert.public_bytes(serialization.Encoding.DER)
    path = Path(state_dir) / f"{name}.p12"
    if path.exists():
        try:
            _key, stored, _extra = pkcs12.load_key_and_certificates(path.read_bytes(),
                                                                    password.encode())
        except ValueError:
            stored = None
        if stored is not None and stored.public_bytes(serialization.Encoding.DER) == der:
            return path, sha256_hex(der)
    data = pkcs12.serialize_key_and_certificates(
        name.encode(), key, cert, [ca[0]],
        serialization.BestAvailableEncryption(password.encode()))
    _write_atomic(path, data)
    return path, sha256_hex(der)


# ---------------------------------------------------------------------------------------------
# WAN certificates (sig + Sub-CA per cert-index; index 0 seals the TAF profiles)


def _load_or_create_issued(path: Path, issuer: KeyPair, cn: str, curve: ec.EllipticCurve,
                           *, ca: bool, eku: x509.ObjectIdentifier | None = None) -> KeyPair:
    """Like :func:`_load_or_create`, re-issuing a stored certificate not signed by ``issuer``."""
    pair = _load_or_create(path, lambda: _issued(issuer, cn, curve, ca=ca, eku=eku))
    if not _issued_by(pair[0], issuer[0]):
        path.unlink(missing_ok=True)
        pair = _load_or_create(path, lambda: _issued(issuer, cn, curve, ca=ca, eku=eku))
    return pair


#: The field's WAN certificates: cert-index → (Sub-CA name, sig curve). Brainpool keys,
#: issuers named like the real ones, and three entries (cert-index 0, 1 and 2).
FIELD_WAN = {"0": "Theben-AG.CA1", "1": "GWAdriga-SmartEnergy.CA1", "2": "Theben-AG.CA1"}


def load_or_create_wan_pki(state_dir: Path, field: bool = True) -> WanPki:
    """The WAN certificate chains, created on first call and kept in state_dir.

    ``field`` (default): Brainpool keys (root and Sub-CAs brainpoolP384r1, ``sig``
    brainpoolP256r1 so signatures stay 64 bytes), cert-index 0, 1 and 2, Sub-CAs named like
    the field's. Otherwise the description's two P-384/P-256 chains (cert-index 0 and 1).
    """
    base = Path(state_dir) / PKI_DIR
    if field:
        root = _load_or_create(base / "wan-field-root.pem",
                               lambda: _self_signed_ca("SM-Root.CA (simulated)",
                                                       ec.BrainpoolP384R1()))
        chains: dict[str, tuple[KeyPair, KeyPair]] = {}
        for idx, ca_name in FIELD_WAN.items():
            sub = _load_or_create_issued(base / f"wan-field-{idx}-sub-ca.pem", root,
                                         ca_name, ec.BrainpoolP384R1(), ca=True)
            sig = _load_or_create_issued(base / f"wan-field-{idx}-sig.pem", sub,
                                         f"SMGW sig {idx} (simulated)", ec.BrainpoolP256R1(),
                                         ca=False)
            chains[idx] = (sig, sub)
        return WanPki(chains)
    root = _load_or_create(base / "wan-root.pem",
                           lambda: _self_signed_ca("SM-Test-Root.CA (simulated)",
                                                   ec.SECP384R1()))
    chains = {}
    for idx in WAN_INDICES:
        purpose = "seal" if idx == "0" else "sig"
        sub = _load_or_create_issued(base / f"wan-{idx}-sub-ca.pem", root,
                                     f"SIM.EMT.CA-{idx} (simulated)", ec.SECP384R1(), ca=True)
        sig = _load_or_create_issued(base / f"wan-{idx}-sig.pem", sub,
                                     f"SMGW {purpose} {idx} (simulated)", ec.SECP256R1(),
                                     ca=False)
        chains[idx] = (sig, sub)
    return WanPki(chains)


# ---------------------------------------------------------------------------------------------
# The field's HAN certificate (explicit NULL parameter in the signature algorithm)

#: DER of AlgorithmIdentifier ecdsa-with-SHA256 with an explicit NULL parameter.
ECDSA_SHA256_WITH_NULL = bytes.fromhex("300c06082a8648ce3d0403020500")


def field_han_certificate(key: ec.EllipticCurvePrivateKey, smgw_id: str,
                          not_before: datetime | None = None,
                          validity: timedelta = VALIDITY) -> bytes:
    """A self-signed HAN TLS certificate (DER) written like the field's: serial 1, subject
    ``CN=<ID>.SMGW,C=DE,OU=THE,O=SMGW``, ecdsa-with-SHA256 with an explicit NULL parameter in
    the TBS and the outer certificate."""
    from asn1crypto import algos, core
    from asn1crypto import x509 as asn1_x509
    start = (not_before or datetime.now(UTC) - timedelta(days=1)).replace(microsecond=0)
    name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "SMGW"),
                      x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "THE"),
                      x509.NameAttribute(NameOID.COUNTRY_NAME, "DE"),
                      x509.NameAttribute(NameOID.COMMON_NAME, f"{smgw_id.upper()}.SMGW")])
    plain = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
             .public_key(key.public_key()).serial_number(1)
             .not_valid_before(start).not_valid_after(start + validity)
             .sign(key, hashes.SHA256()))
    parsed = asn1_x509.Certificate.load(plain.public_bytes(serialization.Encoding.DER))
    tbs = parsed["tbs_certificate"]
    tbs["signature"] = algos.SignedDigestAlgorithm(
        {"algorithm": "sha256_ecdsa", "parameters": core.Null()})
    tbs_der = tbs.dump(force=True)
    signature = key.sign(tbs_der, ec.ECDSA(hashes.SHA256()))
    cert = asn1_x509.Certificate({
        "tbs_certificate": asn1_x509.TbsCertificate.load(tbs_der),
        "signature_algorithm": algos.SignedDigestAlgorithm(
            {"algorithm": "sha256_ecdsa", "parameters": core.Null()}),
        "signature_value": signature})
    return cert.dump()


def _field_identity(path: Path, smgw_id: str) -> ServerIdentity:
    from asn1crypto import pem as asn1_pem
    key: ec.EllipticCurvePrivateKey | None = None
    der = b""
    if path.exists():
        data = path.read_bytes()
        loaded = serialization.load_pem_private_key(data, password=None)
        certs = [der for kind, _h, der in asn1_pem.unarmor(data, multiple=True)
                 if kind == "CERTIFICATE"]
        if isinstance(loaded, ec.EllipticCurvePrivateKey) and certs:
            key, der = loaded, certs[0]
    if key is None:
        key = ec.generate_private_key(ec.SECP384R1())
        der = field_han_certificate(key, smgw_id)
        key_pem = key.private_bytes(serialization.Encoding.PEM,
                                    serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
        _write_atomic(path, key_pem + asn1_pem.armor("CERTIFICATE", der))
    return ServerIdentity(
        cert_pem=asn1_pem.armor("CERTIFICATE", der),
        key_pem=key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()),
        cert_der=der, fingerprint=sha256_hex(der))
