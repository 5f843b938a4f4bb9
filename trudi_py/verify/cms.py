"""The TAF profile's CMS signature and the WAN certificate chain (verify.md §F.2).

``cryptography`` builds CMS but does not verify it; ``asn1crypto`` parses the container and
``cryptography`` checks the signature with the seal certificate's public key.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from asn1crypto import cms
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha256": hashes.SHA256, "sha384": hashes.SHA384, "sha512": hashes.SHA512,
    "sha224": hashes.SHA224}


@dataclass(frozen=True)
class ProfileSignature:
    """Outcome of checking a CMS signed-data container against the seal certificate."""

    status: str  # "valid" | "invalid" | "unreadable"
    content: bytes | None  # the signed content (the profile XML) when readable
    reason: str = ""  # English, for findings


def verify_signed_profile(container: bytes, seal_cert_der: bytes) -> ProfileSignature:
    """Check ``container`` (DER CMS signed-data) was signed by the seal certificate's key."""
    try:
        info = cms.ContentInfo.load(container)
        if info["content_type"].native != "signed_data":
            return ProfileSignature("unreadable", None, "not a CMS signed-data container")
        signed = info["content"]
        content = signed["encap_content_info"]["content"].native
        signers = list(signed["signer_infos"])
    except (ValueError, TypeError, KeyError) as exc:
        return ProfileSignature("unreadable", None, f"CMS container not readable ({exc})")
    if not isinstance(content, bytes):
        return ProfileSignature("unreadable", None, "the container holds no embedded content")
    if not signers:
        return ProfileSignature("invalid", content, "the container has no signature")
    try:
        seal = x509.load_der_x509_certificate(seal_cert_der)
    except ValueError:
        return ProfileSignature("invalid", content, "the seal certificate is not readable")
    for signer in signers:
        reason = _check_signer(signer, content, seal)
        if reason is None:
            return ProfileSignature("valid", content)
    return ProfileSignature("invalid", content, reason or "")


def _check_signer(signer: cms.SignerInfo, content: bytes, seal: x509.Certificate) -> str | None:
    """None when this signer info is a valid signature by ``seal``, else the reason."""
    try:
        sid = signer["sid"]
        if sid.name == "issuer_and_serial_number" and \
                sid.chosen["serial_number"].native != seal.serial_number:
            return "signed by a certificate other than the seal certificate"
        digest_name = signer["digest_algorithm"]["algorithm"].native
        hash_cls = _HASHES.get(digest_name)
        if hash_cls is None:
            return f"unsupported digest {digest_name}"
        signed_attrs = signer["signed_attrs"]
        if signed_attrs.native:
            wanted = next((a["values"][0].native for a in signed_attrs
                           if a["type"].native == "message_digest"), None)
            if wanted != hashlib.new(digest_name, content).digest():
                return "the profile does not match its signed digest (changed after signing)"
            data = b"\x31" + signed_attrs.dump()[1:]  # DER of the SET OF, as signed
        else:
            data = content
        signature = signer["signature"].native
    except (ValueError, TypeError, KeyError) as exc:
        return f"signer info not readable ({exc})"
    key = seal.public_key()
    try:
        if isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, data, ec.ECDSA(hash_cls()))
        elif isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, data, padding.PKCS1v15(), hash_cls())
        else:
            return "unsupported key type of the seal certificate"
    except InvalidSignature:
        return "the signature does not verify with the seal certificate"
    return None


def certificate_signed_by(cert_der: bytes, issuer_der: bytes) -> bool:
    """True when ``cert_der`` carries a valid signature of ``issuer_der``'s key."""
    try:
        cert = x509.load_der_x509_certificate(cert_der)
        issuer = x509.load_der_x509_certificate(issuer_der)
        cert.verify_directly_issued_by(issuer)
        return True
    except (ValueError, TypeError, InvalidSignature):
        return False
