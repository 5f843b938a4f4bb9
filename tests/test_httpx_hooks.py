"""The httpx/httpcore internals that m2m/transport.py and m2m/auth.py reach into.

``pyproject.toml`` caps httpx below its next major; within that range a minor release could
still move these. Each check names the hook so that an upgrade fails here, loudly, instead
of as a pinning or Digest failure somewhere else.
"""

from __future__ import annotations

import inspect
import ssl

import httpcore
import httpx
import pytest

from trudi_py.m2m.auth import GatewayDigest
from trudi_py.m2m.transport import Deadline, PinCheck, PinnedTransport

CHANGED = ("httpx/httpcore private API changed shape: {hook} — adapt {user} before "
           "raising the version bound in pyproject.toml. Detail: {detail}")


def _fail(hook: str, user: str, detail: str) -> None:
    pytest.fail(CHANGED.format(hook=hook, user=user, detail=detail))


def test_transport_pool_hook() -> None:
    """PinnedTransport replaces ``httpx.HTTPTransport._pool`` with its own httpcore pool."""
    hook, user = "httpx.HTTPTransport._pool", "trudi_py/m2m/transport.py (PinnedTransport)"
    transport = httpx.HTTPTransport()
    try:
        if not isinstance(getattr(transport, "_pool", None), httpcore.ConnectionPool):
            _fail(hook, user, "HTTPTransport() has no _pool of type httpcore.ConnectionPool")
        for method in (httpx.HTTPTransport.handle_request, httpx.HTTPTransport.close):
            if "self._pool" not in inspect.getsource(method):
                _fail(hook, user, f"{method.__qualname__} no longer uses self._pool")
    finally:
        transport.close()
    params = inspect.signature(httpcore.ConnectionPool.__init__).parameters
    needed = {"ssl_context", "max_connections", "max_keepalive_connections",
              "keepalive_expiry", "http1", "http2", "retries", "network_backend"}
    if not needed <= set(params):
        _fail("httpcore.ConnectionPool(...)", user, f"missing {sorted(needed - set(params))}")
    ours = PinnedTransport(ssl.create_default_context(), PinCheck("https://x", None),
                           deadline=Deadline())
    try:
        if not isinstance(ours._pool, httpcore.ConnectionPool):
            _fail(hook, user, "PinnedTransport._pool is not a ConnectionPool")
    finally:
        ours.close()


def test_network_backend_hooks() -> None:
    """The pinning backend subclasses httpcore's NetworkBackend/NetworkStream."""
    user = "trudi_py/m2m/transport.py (_PinnedBackend, _PinnedStream)"
    shapes = {
        (httpcore.NetworkBackend, "connect_tcp"): ["self", "host", "port", "timeout",
                                                   "local_address", "socket_options"],
        (httpcore.NetworkStream, "start_tls"): ["self", "ssl_context", "server_hostname",
                                                "timeout"],
        (httpcore.NetworkStream, "read"): ["self", "max_bytes", "timeout"],
        (httpcore.NetworkStream, "write"): ["self", "buffer", "timeout"],
        (httpcore.NetworkStream, "get_extra_info"): ["self", "info"],
    }
    for (cls, name), expected in shapes.items():
        got = list(inspect.signature(getattr(cls, name)).parameters)
        if got != expected:
            _fail(f"httpcore.{cls.__name__}.{name}", user, f"parameters {got} != {expected}")
    if not hasattr(httpcore, "SyncBackend"):
        _fail("httpcore.SyncBackend", user, "gone")


def test_digest_challenge_hook() -> None:
    """GatewayDigest overrides ``httpx.DigestAuth._parse_challenge`` and rewrites the
    returned challenge's ``algorithm`` with ``_replace`` (the MD5 fallback)."""
    hook = "httpx.DigestAuth._parse_challenge"
    user = "trudi_py/m2m/auth.py (GatewayDigest)"
    method = getattr(httpx.DigestAuth, "_parse_challenge", None)
    if method is None:
        _fail(hook, user, "method gone")
    params = list(inspect.signature(method).parameters)
    if params != ["self", "request", "response", "auth_header"]:
        _fail(hook, user, f"parameters {params}")
    if "self._parse_challenge(" not in inspect.getsource(httpx.DigestAuth.auth_flow):
        _fail(hook, user, "DigestAuth.auth_flow no longer calls it")
    request = httpx.Request("GET", "https://gw/")
    response = httpx.Response(401, request=request)
    header = 'Digest realm="r", nonce="n", algorithm=SHA-256, qop="auth"'
    auth = GatewayDigest("u", "p", force_md5=True)
    challenge = auth._parse_challenge(request, response, header)
    if getattr(challenge, "algorithm", None) != "MD5" or not hasattr(challenge, "_replace"):
        _fail(hook, user, f"challenge {challenge!r} has no replaceable 'algorithm'")
    assert auth.challenged and auth.algorithm_used == "MD5"
