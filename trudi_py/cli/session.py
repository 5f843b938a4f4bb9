"""The CLI's gateway session: vendor chosen (option, certificate, probe), trust on first use,
one login, the contract of :mod:`trudi_py.gateway`."""

from __future__ import annotations

import argparse
import dataclasses

from trudi_py.cli.connect import _interactive, confirm_fingerprint, open_client, settings_from_args
from trudi_py.errors import UnknownCertificate
from trudi_py.gateway import Choice, ConexaGateway, Gateway, PpcGateway, choose_vendor
from trudi_py.m2m import PinStore
from trudi_py.m2m.settings import ConnectionSettings


def _choose(settings: ConnectionSettings, given: str | None, store: PinStore) -> Choice:
    """The vendor; on first contact the user confirms the fingerprint (then it is pinned)."""
    try:
        return choose_vendor(settings, given=given, pin_store=store)
    except UnknownCertificate as exc:
        if not _interactive() or not confirm_fingerprint(exc):
            raise
        store.set(settings.base_url, exc.fingerprint, exc.subject)
    return choose_vendor(settings, given=given, pin_store=store)


def open_session(args: argparse.Namespace) -> Gateway:
    """A connected session with the gateway of ``args`` (``with`` disconnects)."""
    settings = settings_from_args(args)
    given = getattr(args, "vendor", None)
    store = PinStore()
    choice = _choose(settings, None if given in (None, "auto") else given, store)
    if choice.vendor == "theben":
        return ConexaGateway(settings, client=open_client(args, settings))
    if settings.pin is None:
        stored = store.get(settings.base_url)
        settings = dataclasses.replace(settings, pin=stored.sha256 if stored else None)
    custom = settings.curves if getattr(args, "curves", None) else None
    try:  # the certificate is checked in the handshake, before any login byte
        return PpcGateway(settings, curves=custom).__enter__()
    except UnknownCertificate as exc:  # a vendor named by the user: first contact asks here
        if not _interactive() or not confirm_fingerprint(exc):
            raise
        pinned = store.set(settings.base_url, exc.fingerprint, exc.subject)
    settings = dataclasses.replace(settings, pin=pinned.sha256)
    return PpcGateway(settings, curves=custom).__enter__()
