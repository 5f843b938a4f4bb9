"""Transport failures and HTTP statuses in plain words."""

from __future__ import annotations

import ssl

import httpx

from trudi_py.errors import AuthError, ConnectError, GatewayTimeout, TrudiError
from trudi_py.m2m.tls import TlsProfile, explain_tls_error

_REDIRECT = ("the gateway answered with a redirect ({0}), which trudi_py never follows",
             "das Gateway hat mit einer Weiterleitung ({0}) geantwortet, der trudi_py nie "
             "folgt")
_STATUS = {
    400: ("the request was not understood (400: bad parameter, header, or a time range over "
          "31 days)", "die Anfrage wurde nicht verstanden (400: falscher Parameter, Kopfzeile "
                      "oder Zeitraum über 31 Tage)"),
    401: ("login required or refused (401)", "Anmeldung erforderlich oder abgelehnt (401)"),
    403: ("not allowed now (403)", "derzeit nicht erlaubt (403)"),
    404: ("unknown address (404)", "unbekannte Adresse (404)"),
    405: ("wrong HTTP method (405)", "falsche HTTP-Methode (405)"),
    500: ("internal error of the gateway (500)", "interner Fehler des Gateways (500)"),
}


def describe_status(status: int, has_body: bool) -> tuple[str, str]:
    """English and German words for an HTTP status (an empty 200 named as such)."""
    if status == 200 and not has_body:
        return ("the gateway answered with an empty body",
                "das Gateway hat mit einer leeren Antwort geantwortet")
    if 300 <= status < 400:
        return _REDIRECT[0].format(status), _REDIRECT[1].format(status)
    return _STATUS.get(status, (f"unexpected HTTP status {status}",
                                f"unerwarteter HTTP-Status {status}"))


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
        return GatewayTimeout(f"The gateway at {url} did not answer in time.",
                              f"Das Gateway unter {url} hat nicht rechtzeitig geantwortet.")
    if isinstance(cause, ssl.SSLError) or "SSL" in str(exc):
        en, de = explain_tls_error(cause if isinstance(cause, ssl.SSLError) else exc,
                                   profile)
        if any(key in str(cause).upper() for key in _CLIENT_CERT_REFUSED):
            return AuthError(f"Login refused by {url}: {en}.",
                             f"Anmeldung von {url} abgelehnt: {de}.")
        return ConnectError(f"Secure connection to {url} failed: {en}.",
                            f"Sichere Verbindung zu {url} fehlgeschlagen: {de}.")
    if isinstance(exc, httpx.ConnectError):
        text = str(cause).lower()
        if "refused" in text:
            en, de = "the connection was refused (wrong port, or the gateway is not running)", \
                "die Verbindung wurde abgelehnt (falscher Port oder Gateway nicht aktiv)"
        elif "unreachable" in text or "no route" in text:
            en, de = "the network is unreachable (check cable and IP settings)", \
                "das Netz ist nicht erreichbar (Kabel und IP-Einstellungen prüfen)"
        else:
            en, de = "the gateway could not be reached", "das Gateway ist nicht erreichbar"
        return ConnectError(f"Cannot connect to {url}: {en}.",
                            f"Keine Verbindung zu {url}: {de}.")
    if isinstance(exc, httpx.RemoteProtocolError) and "complete message body" in str(exc):
        return ConnectError(f"The answer from {url} was cut off: the connection closed before "
                            f"the announced length was received.",
                            f"Die Antwort von {url} wurde abgeschnitten: die Verbindung endete "
                            f"vor der angekündigten Länge.")
    return ConnectError(f"The connection to {url} was dropped ({type(exc).__name__}).",
                        f"Die Verbindung zu {url} wurde unterbrochen ({type(exc).__name__}).")
