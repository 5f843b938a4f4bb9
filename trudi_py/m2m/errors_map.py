"""Transport failures and HTTP statuses in plain words."""

from __future__ import annotations

import ssl

import httpx

from trudi_py.errors import AuthError, ConnectError, GatewayTimeout, TrudiError
from trudi_py.i18n import Message, msg
from trudi_py.m2m.tls import TlsProfile, explain_tls_error

_STATUS = {
    400: msg("the request was not understood (400: bad parameter, header, or a time range over "
             "31 days)"),
    401: msg("login required or refused (401)"),
    403: msg("not allowed now (403)"),
    404: msg("unknown address (404)"),
    405: msg("wrong HTTP method (405)"),
    500: msg("internal error of the gateway (500)"),
}


def describe_status(status: int, has_body: bool) -> Message:
    """Plain words for an HTTP status (an empty 200 named as such)."""
    if status == 200 and not has_body:
        return msg("the gateway answered with an empty body")
    if 300 <= status < 400:
        return msg("the gateway answered with a redirect ({status}), which trudi_py never "
                   "follows", status=status)
    return _STATUS.get(status) or msg("unexpected HTTP status {status}", status=status)


def _root_cause(exc: BaseException) -> BaseException:
    seen = exc
    while seen.__cause__ is not None or seen.__context__ is not None:
        nxt = seen.__cause__ or seen.__context__
        if nxt is None or nxt is seen:
            break
        seen = nxt
        if isinstance(seen, ssl.SSLError):
            return seen
    return seen


#: TLS alerts by which a gateway refuses the client certificate: "login refused" (exit 4).
_CLIENT_CERT_REFUSED = ("BAD_CERTIFICATE", "UNKNOWN_CA", "CERTIFICATE_UNKNOWN",
                        "UNSUPPORTED_CERTIFICATE", "CERTIFICATE_REVOKED", "ACCESS_DENIED")


def translate_transport_error(exc: httpx.HTTPError, url: str,
                              profile: TlsProfile | None = None) -> TrudiError:
    """An httpx error as one of ours, with the TLS alert in plain words (naming the vendor of
    ``profile`` when the handshake was refused)."""
    cause = _root_cause(exc)
    if isinstance(exc, httpx.TimeoutException):
        return GatewayTimeout(msg("The gateway at {url} did not answer in time.", url=url))
    if isinstance(cause, ssl.SSLError) or "SSL" in str(exc):
        reason = explain_tls_error(cause if isinstance(cause, ssl.SSLError) else exc,
                                   profile)
        if any(key in str(cause).upper() for key in _CLIENT_CERT_REFUSED):
            return AuthError(msg("Login refused by {url}: {reason}.", url=url, reason=reason))
        return ConnectError(msg("Secure connection to {url} failed: {reason}.", url=url,
                                reason=reason))
    if isinstance(exc, httpx.ConnectError):
        text = str(cause).lower()
        if "refused" in text:
            reason = msg("the connection was refused (wrong port, or the gateway is not running)")
        elif "unreachable" in text or "no route" in text:
            reason = msg("the network is unreachable (check cable and IP settings)")
        else:
            reason = msg("the gateway could not be reached")
        return ConnectError(msg("Cannot connect to {url}: {reason}.", url=url, reason=reason))
    if isinstance(exc, httpx.RemoteProtocolError) and "complete message body" in str(exc):
        return ConnectError(msg("The answer from {url} was cut off: the connection closed "
                                "before the announced length was received.", url=url))
    return ConnectError(msg("The connection to {url} was dropped ({kind}).", url=url,
                            kind=type(exc).__name__))
