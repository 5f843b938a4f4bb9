"""Server side of HTTP Digest authentication (RFC 7616 / RFC 2617) for the simulator.

The challenge announces ``algorithm=SHA-256`` with ``qop="auth"`` as the CONEXA does; the
verifier accepts responses computed with SHA-256 or MD5 (and their ``-sess`` variants, and
RFC 2069 responses without qop), because the field firmware always accepts MD5. Nonces are
stateless: a timestamp plus an HMAC under a per-server secret, so any nonce this server
issued is valid for its lifetime.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

_HASHES: dict[str, Callable[[bytes], str]] = {
    "MD5": lambda data: hashlib.md5(data).hexdigest(),
    "SHA-256": lambda data: hashlib.sha256(data).hexdigest(),
}

_PARAM = re.compile(r'\s*([A-Za-z0-9_-]+)\s*=\s*("((?:[^"\\]|\\.)*)"|[^,\s]*)\s*(?:,|$)')


@dataclass(frozen=True)
class DigestResult:
    """Outcome of checking one ``Authorization`` header."""

    ok: bool
    user: str = ""
    algorithm: str = ""  # "MD5" or "SHA-256" (without -sess), as the client used it
    reason: str = ""  # why it failed (for the log; never contains secrets)


def parse_digest_header(value: str) -> dict[str, str] | None:
    """The parameters of a ``Digest ...`` header (keys lower-case), or None if not Digest."""
    scheme, _, rest = value.strip().partition(" ")
    if scheme.lower() != "digest":
        return None
    params: dict[str, str] = {}
    pos = 0
    rest = rest.strip()
    while pos < len(rest):
        match = _PARAM.match(rest, pos)
        if not match or match.end() == pos:
            return None
        key, raw, quoted = match.group(1), match.group(2), match.group(3)
        params[key.lower()] = re.sub(r"\\(.)", r"\1", quoted) if raw.startswith('"') else raw
        pos = match.end()
    return params


class DigestVerifier:
    """Issues challenges and verifies Digest responses for one realm."""

    def __init__(self, realm: str, nonce_lifetime_s: float = 48 * 3600) -> None:
        self.realm = realm
        self.opaque = secrets.token_hex(16)
        self._secret = secrets.token_bytes(32)
        self._lifetime = nonce_lifetime_s

    def new_nonce(self) -> str:
        """A fresh nonce: hex timestamp + HMAC."""
        stamp = format(int(time.time()), "x")
        mac = hmac.new(self._secret, stamp.encode(), hashlib.sha256).hexdigest()[:32]
        return stamp + mac

    def challenge(self, stale: bool = False) -> str:
        """The ``WWW-Authenticate`` header value."""
        header = (f'Digest realm="{self.realm}", qop="auth", algorithm=SHA-256, '
                  f'nonce="{self.new_nonce()}", opaque="{self.opaque}"')
        return header + (", stale=TRUE" if stale else "")

    def _nonce_ok(self, nonce: str) -> bool:
        if len(nonce) <= 32:
            return False
        stamp, mac = nonce[:-32], nonce[-32:]
        good = hmac.new(self._secret, stamp.encode(), hashlib.sha256).hexdigest()[:32]
        if not hmac.compare_digest(mac, good):
            return False
        try:
            return time.time() - int(stamp, 16) <= self._lifetime
        except ValueError:
            return False

    def verify(self, header: str, method: str, path: str,
               password_for: Callable[[str], str | None]) -> DigestResult:
        """Check an ``Authorization`` header for a request ``method path``.

        ``password_for(user)`` returns the user's password or None for an unknown user.
        """
        params = parse_digest_header(header)
        if params is None:
            return DigestResult(False, reason="not a Digest header")
        user = params.get("username", "")
        algorithm = params.get("algorithm", "MD5")
        base_alg = algorithm.upper().removesuffix("-SESS")
        session = algorithm.upper().endswith("-SESS")
        missing = [k for k in ("username", "realm", "nonce", "uri", "response") if k not in params]
        if missing:
            return DigestResult(False, user, base_alg, "missing " + ",".join(missing))
        if base_alg not in _HASHES:
            return DigestResult(False, user, base_alg, f"unsupported algorithm {algorithm}")
        if params["realm"] != self.realm:
            return DigestResult(False, user, base_alg, "wrong realm")
        if not self._nonce_ok(params["nonce"]):
            return DigestResult(False, user, base_alg, "unknown or expired nonce")
        if params["uri"] != path:
            return DigestResult(False, user, base_alg, "uri does not match the request")
        password = password_for(user)
        if password is None:
            return DigestResult(False, user, base_alg, "unknown user")
        digest = _HASHES[base_alg]
        ha1 = digest(f"{user}:{self.realm}:{password}".encode())
        qop = params.get("qop")
        if session:
            ha1 = digest(f"{ha1}:{params['nonce']}:{params.get('cnonce', '')}".encode())
        ha2 = digest(f"{method}:{params['uri']}".encode())
        if qop:
            if qop != "auth" or "nc" not in params or "cnonce" not in params:
                return DigestResult(False, user, base_alg, f"unsupported qop {qop}")
            expected = digest(f"{ha1}:{params['nonce']}:{params['nc']}:{params['cnonce']}:"
                              f"{qop}:{ha2}".encode())
        else:
            expected = digest(f"{ha1}:{params['nonce']}:{ha2}".encode())
        if not hmac.compare_digest(expected, params["response"].lower()):
            return DigestResult(False, user, base_alg, "wrong response (password)")
        return DigestResult(True, user, base_alg)
