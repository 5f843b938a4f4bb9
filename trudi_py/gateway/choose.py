"""Which vendor a gateway is, without asking the user unless nothing else tells.

In this order: the vendor the user named; the gateway id (``E`` + maker code + 10 digits)
where it is known without a request (a stored pin's certificate subject); the id in the
certificate the gateway presents in the TLS handshake (no HTTP byte); one unauthenticated
request per vendor to its own address (never a login, so never a lock-out). When all fail,
:class:`VendorUnknown` asks the user to name the vendor.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass

import httpx

from trudi_py.errors import ConnectError, UsageError
from trudi_py.gateway.conexa import ConexaGateway
from trudi_py.gateway.contract import Gateway, Vendor
from trudi_py.gateway.ppc import PpcGateway, gateway_id_of
from trudi_py.i18n import msg
from trudi_py.m2m.errors_map import translate_transport_error
from trudi_py.m2m.pinning import PinStore, normalise_fingerprint
from trudi_py.m2m.settings import ConnectionSettings
from trudi_py.m2m.tls import (
    CONEXA_PROFILE,
    PPC_PROFILE,
    TlsProfile,
    build_context,
    curve_attempts,
    is_curve_refusal,
)
from trudi_py.m2m.transport import Deadline, PinCheck, make_client
from trudi_py.vendors.detect import gateway_id_in, vendor_from_gateway_id

log = logging.getLogger("trudi_py.gateway")
VENDORS: tuple[Vendor, ...] = ("theben", "ppc")
#: The one address each vendor's HAN interface answers on, asked without credentials.
PROBE_PATHS: dict[Vendor, str] = {"theben": "/smgw/m2m", "ppc": "/cgi-bin/hanservice.cgi"}


class VendorUnknown(UsageError):
    """Neither the gateway id nor a probe tells the vendor: the user must name it."""

    def __init__(self, url: str) -> None:
        super().__init__(
            msg("Cannot tell which gateway answers at {url} (neither its certificate nor its "
                "HAN address names a known vendor): give --vendor theben or --vendor ppc.",
                url=url))


@dataclass(frozen=True)
class Choice:
    """The vendor and how it was found ("given", "pin", "certificate", "probe")."""

    vendor: Vendor
    how: str
    gateway_id: str = ""


def _profile(vendor: Vendor) -> TlsProfile:
    return PPC_PROFILE if vendor == "ppc" else CONEXA_PROFILE


def _looks_like(vendor: Vendor, response: httpx.Response) -> bool:
    """Does the unauthenticated answer at the vendor's own address come from that vendor?"""
    challenge = response.headers.get("www-authenticate", "").lower()
    if vendor == "theben":  # IF_GW_CON: 401 Digest (or 307 with a certificate login)
        return response.status_code in (302, 307) or (
            response.status_code == 401 and "digest" in challenge)
    # PPC: the portal challenges with Digest MD5, or shows its page (lock page included)
    return (response.status_code == 401 and "digest" in challenge) or (
        response.status_code == 200 and b"hanservice" in response.content[:65536].lower())


class _Identified(Exception):  # noqa: N818 - a signal, not an error
    """Raised inside the handshake when the certificate names the vendor: no HTTP byte."""

    def __init__(self, vendor: Vendor, gateway_id: str) -> None:
        super().__init__(vendor)
        self.vendor = vendor
        self.gateway_id = gateway_id


class _IdCheck(PinCheck):
    """The pin check, then the gateway id of the (trusted) certificate."""

    def __call__(self, der: bytes) -> None:
        super().__call__(der)
        gateway_id = gateway_id_of(der)
        vendor = vendor_from_gateway_id(gateway_id)
        if vendor is not None:
            raise _Identified(vendor, gateway_id)


def probe(settings: ConnectionSettings, pin: str | None) -> Choice | None:
    """Per vendor: handshakes with its TLS profile (one curve each where Python offers one),
    then the certificate's gateway id or one unauthenticated GET of its address. A pin
    mismatch or an unknown certificate is raised as from any connection."""
    check = _IdCheck(settings.base_url, pin)
    for vendor in VENDORS:
        profile = _profile(vendor)
        for curves in curve_attempts(profile.curves):
            # the CONEXA may demand the client certificate in the handshake: offer it there
            p12 = settings.p12_path if vendor == "theben" else None
            ctx = build_context(dataclasses.replace(settings, curves=curves, p12_path=p12),
                                profile)
            deadline = Deadline()
            client = make_client(ctx, check, settings.base_url, settings.timeout_s,
                                 deadline=deadline)
            try:
                deadline.start(settings.timeout_s)
                response = client.get(PROBE_PATHS[vendor])
            except _Identified as found:
                return Choice(found.vendor, "certificate", found.gateway_id)
            except httpx.HTTPError as exc:
                if is_curve_refusal(exc):
                    continue  # no common curve: the next one (no HTTP byte was sent)
                error = translate_transport_error(exc, settings.base_url, profile)
                if isinstance(error, ConnectError) and "SSL" in str(exc).upper():
                    break  # TLS of another kind: this vendor's profile does not fit
                raise error from None
            finally:
                deadline.clear()
                client.close()
            if _looks_like(vendor, response):
                return Choice(vendor, "probe")
            break  # TLS fits, the address does not: ask the next vendor
    return None


def choose_vendor(settings: ConnectionSettings, *, given: str | None = None,
                  pin_store: PinStore | None = None) -> Choice:
    """The vendor of the gateway at ``settings.url`` (see the module text for the order)."""
    if given:
        if given not in VENDORS:
            raise UsageError(msg("Unknown vendor {given!r}: use one of {join}.",
                                 given=given, join=', '.join(VENDORS)))
        return Choice("ppc" if given == "ppc" else "theben", "given")
    stored = None if settings.pin else (pin_store or PinStore()).get(settings.base_url)
    if stored is not None:
        found = vendor_from_gateway_id(_id_in(stored.subject))
        if found is not None:
            return Choice(found, "pin", _id_in(stored.subject))
    pin = settings.pin or (stored.sha256 if stored else None)
    choice = probe(settings, normalise_fingerprint(pin) if pin else None)
    if choice is None:
        raise VendorUnknown(settings.base_url)
    log.info("gateway at %s: vendor %s (by %s)", settings.base_url, choice.vendor, choice.how)
    return choice


def _id_in(subject: str) -> str:
    return gateway_id_in(subject)


def open_gateway(settings: ConnectionSettings, vendor: Vendor, *,
                 pin_store: PinStore | None = None) -> Gateway:
    """An unconnected session with the vendor's client (``with`` connects and disconnects).
    ``settings.curves`` is used as given for the CONEXA; the PPC uses its own profile unless
    the settings name curves other than the CONEXA default."""
    if vendor == "ppc":
        custom = settings.curves if settings.curves != CONEXA_PROFILE.curves else None
        return PpcGateway(settings, curves=custom)
    return ConexaGateway(settings, pin_store=pin_store)
