"""Connection options of the CLI: settings, secrets from env or prompt, trust on first use."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from trudi_py.errors import UnknownCertificate, UsageError
from trudi_py.i18n import Message, msg, run_text
from trudi_py.m2m import ConnectionSettings, GatewayClient, PinStore, grouped
from trudi_py.m2m.pinning import normalise_fingerprint
from trudi_py.m2m.settings import DEFAULT_CURVES


def add_connection_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--url``, ``--user``, ``--p12``, ``--pin``, ``--vendor`` and the TLS/timeout options."""
    group = parser.add_argument_group("connection")
    group.add_argument("--url", default=os.environ.get("TRUDI_URL"), metavar="URL",
                       help="gateway HAN address https://HOST[:PORT] (env TRUDI_URL)")
    group.add_argument("--user", metavar="NAME",
                       help="HTTP Digest user; password from env TRUDI_PASSWORD "
                            "or a hidden prompt")
    group.add_argument("--p12", type=Path, metavar="FILE",
                       help="PKCS#12 client certificate; password from "
                            "env TRUDI_P12_PASSWORD or a hidden prompt")
    group.add_argument("--pin", metavar="sha256:HEX",
                       help="expected SHA-256 fingerprint of the gateway certificate "
                            "(sha256:HEX; colons and case ignored)")
    group.add_argument("--curves", default=None, metavar="LIST",
                       help="TLS key-exchange groups, comma-separated (default: the vendor's: "
                            "secp384r1 for the CONEXA; P-256, P-384, brainpool for PPC)")
    group.add_argument("--vendor", choices=("auto", "theben", "ppc"),
                       default=os.environ.get("TRUDI_VENDOR") or "auto",
                       help="gateway vendor (default auto: from the certificate's gateway id "
                            "or one unauthenticated request per vendor; env TRUDI_VENDOR)")
    group.add_argument("--timeout", type=float, default=60.0, metavar="S",
                       help="per-request timeout in seconds (default 60)")


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty() and sys.stderr.isatty()


def _secret(env: str, prompt: str, what: Message) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if _interactive():
        return getpass.getpass(prompt)
    raise UsageError(msg("No {what}: set {env} or run on a terminal to be asked.",
                         what=what, env=env))


def settings_from_args(args: argparse.Namespace) -> ConnectionSettings:
    """Connection settings from the options and environment; UsageError names what is missing."""
    if not args.url:
        raise UsageError(msg("No gateway address: give --url https://HOST[:PORT] or set "
                             "TRUDI_URL."))
    if not args.user and not args.p12:
        raise UsageError(msg("No login: give --user NAME (Digest) or --p12 FILE (certificate)."))
    if args.p12 and not Path(args.p12).is_file():
        raise UsageError(msg("The certificate file {file} does not exist or is not a file "
                             "(--p12).", file=args.p12))
    if args.timeout <= 0:
        raise UsageError(msg("--timeout must be positive."))
    password = _secret("TRUDI_PASSWORD", f"Password for {args.user}: ", msg("password")) \
        if args.user else None
    p12_password = _secret("TRUDI_P12_PASSWORD", f"Password of {args.p12}: ",
                           msg("certificate password")) if args.p12 else None
    curves = tuple(c.strip() for c in (args.curves or "").split(",") if c.strip()) \
        or DEFAULT_CURVES
    return ConnectionSettings(url=args.url, user=args.user, password=password,
                              p12_path=args.p12, p12_password=p12_password,
                              pin=normalise_fingerprint(args.pin) if args.pin else None,
                              curves=curves, timeout_s=args.timeout)


def open_client(args: argparse.Namespace,
                settings: ConnectionSettings | None = None) -> GatewayClient:
    """A connected client; on first contact asks the user to confirm the fingerprint.
    ``settings``: already read from ``args`` (secrets are asked for once only)."""
    settings = settings or settings_from_args(args)
    store = PinStore()
    client = GatewayClient(settings, pin_store=store)
    try:
        client.connect()
        return client
    except UnknownCertificate as exc:
        client.close()
        if not _interactive():
            raise
        if not confirm_fingerprint(exc):
            raise
        store.set(settings.base_url, exc.fingerprint, exc.subject)
    client = GatewayClient(settings, pin_store=store)
    try:
        client.connect()
    except BaseException:
        client.close()
        raise
    return client


def confirm_fingerprint(exc: UnknownCertificate) -> bool:
    """Show the certificate and ask once; True when the user types 'yes'."""
    print(run_text("First contact with {url}.", url=exc.url),
          file=sys.stderr)
    if exc.subject:
        print(run_text("Certificate subject: ") + exc.subject,
              file=sys.stderr)
    print(run_text("SHA-256 fingerprint:"), file=sys.stderr)
    print(grouped(exc.fingerprint), file=sys.stderr)
    print(run_text("Compare it with the fingerprint your meter operator gave you."),
          file=sys.stderr)
    try:
        answer = input(run_text("Trust this certificate for this address? Type 'yes': "))
    except EOFError:
        return False
    return answer.strip().lower() in ("yes", "ja", "y", "j")
