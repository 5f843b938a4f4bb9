"""The simulator's own certificates and keys (demo material, never real credentials).

Everything is created on first use and kept in the simulator's state directory, so the
fingerprint a client pins stays the same across restarts:

- the HAN TLS identity: a self-signed ECDSA P-384 certificate whose subject CN is the
  gateway id in upper case (not an IP address, as on a real CONEXA);
- a small client CA that issues the consumers' PKCS#12 files for mutual TLS;
- the WAN certificates of ``smgw-info``: per cert-index a Sub-CA and a ``sig`` certificate
  (ECDSA P-256, so signatures are 64 bytes r‖s); the key of cert-index 0 is the seal key
  that signs the TAF profiles.

Each key is stored together with its certificate in one PEM file written atomically with
mode 0600, so concurrent starts can never pair a key with a foreign certificate.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
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
    now = datetime.now(timezone.utc).replace(microsecond=0)
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


def load_or_create_server_identity(state_dir: Path, smgw_id: str) -> ServerIdentity:
    """The HAN TLS identity for ``smgw_id``: created on first call, then reused from state_dir."""
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


def load_or_create_wan_pki(state_dir: Path) -> WanPki:
    """The WAN certificate chains, created on first call and kept in state_dir."""
    base = Path(state_dir) / PKI_DIR
    root = _load_or_create(base / "wan-root.pem",
                           lambda: _self_signed_ca("SM-Test-Root.CA (simulated)",
                                                   ec.SECP384R1()))
    chains: dict[str, tuple[KeyPair, KeyPair]] = {}
    for idx in WAN_INDICES:
        purpose = "seal" if idx == "0" else "sig"
        sub = _load_or_create_issued(base / f"wan-{idx}-sub-ca.pem", root,
                                     f"SIM.EMT.CA-{idx} (simulated)", ec.SECP384R1(), ca=True)
        sig = _load_or_create_issued(base / f"wan-{idx}-sig.pem", sub,
                                     f"SMGW {purpose} {idx} (simulated)", ec.SECP256R1(),
                                     ca=False)
        chains[idx] = (sig, sub)
    return WanPki(chains)
