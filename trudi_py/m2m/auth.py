"""HTTP Digest with the field fallback of firmware v3.87.

The gateway's challenge announces SHA-256, but v3.87 answers a SHA-256 response with 200
and an empty body while MD5 works. :class:`GatewayDigest` answers what the challenge says;
the client switches it to MD5 once (``force_md5``) on an empty 200 or a 401 and remembers
that per gateway for the rest of the process.
"""

from __future__ import annotations

import threading
from collections.abc import Generator
from typing import Any

import httpx

from trudi_py.errors import AuthError
from trudi_py.i18n import msg

#: Gateways (normalised URL) that needed the MD5 fallback in this process.
_MD5_GATEWAYS: set[str] = set()
_MD5_LOCK = threading.Lock()


def remember_md5(url: str) -> None:
    """Remember that the gateway at ``url`` needs the MD5 fallback (for this process)."""
    with _MD5_LOCK:
        _MD5_GATEWAYS.add(url)


def needs_md5(url: str) -> bool:
    """True if the gateway at ``url`` needed the MD5 fallback earlier in this process."""
    with _MD5_LOCK:
        return url in _MD5_GATEWAYS


class GatewayDigest(httpx.DigestAuth):
    """httpx's Digest auth, optionally forced to MD5, reporting the algorithm it used."""

    def __init__(self, user: str, password: str, *, force_md5: bool = False) -> None:
        super().__init__(user, password)
        self.force_md5 = force_md5
        self.algorithm_used: str | None = None
        self.challenged = False

    def _parse_challenge(self, request: httpx.Request, response: httpx.Response,
                         auth_header: str) -> Any:
        challenge = super()._parse_challenge(request, response, auth_header)
        self.challenged = True
        if self.force_md5 and challenge.algorithm.upper() != "MD5":
            challenge = challenge._replace(algorithm="MD5")
        self.algorithm_used = challenge.algorithm.upper()
        return challenge

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response,
                                                              None]:
        """httpx's Digest flow; a Digest variant httpx cannot answer becomes an AuthError."""
        try:
            yield from super().auth_flow(request)
        except (NotImplementedError, KeyError) as exc:
            # auth-int only, or an algorithm httpx does not know (e.g. SHA-512-256)
            raise AuthError(msg("The gateway asks for a Digest variant we cannot answer ({exc}).",
                                exc=exc)) from None

    def reset(self, *, force_md5: bool) -> None:
        """Forget the cached challenge, e.g. to answer the next one with MD5."""
        self._last_challenge = None
        self.force_md5 = force_md5
        self.algorithm_used = None
        self.challenged = False
