"""TLS for the HAN: TLS 1.2, ECDHE-ECDSA, curves per vendor profile, optional client certificate.

Each vendor has a :class:`TlsProfile` (curves and cipher suites it accepts, and the words for
a refused handshake that name it). Python 3.11/3.12 offer one curve per handshake
(``set_ecdh_curve``); from 3.13 ``set_groups`` offers the whole list. Callers that must reach
a vendor whose curve is not known in advance use :func:`curve_attempts`: one handshake per
curve, each before any HTTP byte (so no login is ever spent on a curve that does not fit).

Trust is not decided here: the context verifies nothing, and the pinning network backend
(:mod:`trudi_py.m2m.transport`) compares the certificate's SHA-256 inside the handshake,
before any HTTP byte is sent. That also accepts an expired gateway certificate that matches
the pin, which a trust-anchor setup would refuse.
"""

from __future__ import annotations

import os
import secrets
import ssl
import stat
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from trudi_py.errors import ConnectError, CredentialsError, UsageError
from trudi_py.i18n import Message, msg
from trudi_py.m2m.settings import ConnectionSettings

#: A real PKCS#12 login file is 2-6 KB (key, certificate, CA chain); anything larger is refused
#: unread.
MAX_P12_BYTES = 1024 * 1024
#: The one-time key files live in their own folder of the temp directory, named
#: ``trudi-key-<pid>-*.pem``, so that a file left by a killed run is found at the next start.
KEY_DIR = "trudi-py-keys"
KEY_PREFIX = "trudi-key-"

CIPHERS = ("ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-GCM-SHA256:"
           "ECDHE-ECDSA-AES256-SHA384:ECDHE-ECDSA-AES128-SHA256")



@dataclass(frozen=True)
class TlsProfile:
    """What one vendor's HAN port accepts in the TLS 1.2 handshake."""

    vendor: str  # "theben", "ppc" (the names of vendors.detect)
    name: str  # for messages: "Theben CONEXA", "PPC"
    curves: tuple[str, ...]  # OpenSSL names, most likely first
    ciphers: str = CIPHERS

    def refusal(self) -> Message:
        """Words for alert 40 naming this vendor's curves."""
        curves = ", ".join(self.curves)
        if len(self.curves) == 1:
            return msg("the {name} accepts only {curves}", name=self.name, curves=curves)
        return msg("the {name} accepts {curves}", name=self.name, curves=curves)


#: The CONEXA 3.0: secp384r1 only (IF_GW_CON, measured against the field firmware).
CONEXA_PROFILE = TlsProfile("theben", "Theben CONEXA", ("secp384r1",))
#: PPC per TRuDI's adapter: ECDHE-ECDSA with P-256, P-384 and brainpoolP256/384/512r1
#: (PPC_HAN.md §1); which one a real gateway prefers is not evidenced, P-256 is tried first.
PPC_PROFILE = TlsProfile("ppc", "PPC gateway",
                         ("prime256v1", "secp384r1", "brainpoolP256r1", "brainpoolP384r1",
                          "brainpoolP512r1"))
PROFILES: dict[str, TlsProfile] = {p.vendor: p for p in (CONEXA_PROFILE, PPC_PROFILE)}
#: Python < 3.13 can offer one curve per handshake only.
ONE_CURVE_PER_HANDSHAKE = not hasattr(ssl.SSLContext, "set_groups")


def curve_attempts(curves: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The curve lists to offer one handshake after another: all at once where Python can
    (3.13+), else one curve per handshake in the profile's order."""
    names = tuple(c.strip() for c in curves if c.strip())
    if not ONE_CURVE_PER_HANDSHAKE or len(names) <= 1:
        return [names]
    return [(name,) for name in names]


def is_curve_refusal(error: BaseException) -> bool:
    """True for a handshake refused for want of a common curve or cipher (alert 40),
    looked for in ``error`` and its causes."""
    seen: BaseException | None = error
    for _ in range(16):  # a bounded walk: chains can be cyclic
        if seen is None:
            return False
        text = str(seen).upper()
        if "HANDSHAKE_FAILURE" in text or "NO_SHARED_CIPHER" in text:
            return True
        seen = seen.__cause__ or seen.__context__
    return False


#: OpenSSL reason names → plain words. Keys are matched as substrings.
_ALERTS: list[tuple[str, Message]] = [
    ("PROTOCOL_VERSION", msg("the gateway only speaks TLS 1.2 and refused the offered TLS "
                             "version (alert 70 protocol version)")),
    ("UNSUPPORTED_PROTOCOL", msg("the TLS versions offered do not match the gateway's (TLS 1.2 "
                                 "only)")),
    ("HANDSHAKE_FAILURE", msg("the gateway refused the handshake: no common key-exchange curve "
                              "or cipher (alert 40; the CONEXA accepts only secp384r1)")),
    ("NO_SHARED_CIPHER", msg("no common cipher suite with the gateway")),
    ("CERTIFICATE_REQUIRED", msg("the gateway requires a client certificate (alert 116)")),
    ("NO_CERTIFICATE", msg("the gateway requires a client certificate (alert 41)")),
    ("BAD_CERTIFICATE", msg("the gateway did not accept the client certificate (alert 42)")),
    ("UNKNOWN_CA", msg("the gateway does not know the issuer of the client certificate (alert "
                       "48)")),
    ("UNEXPECTED_MESSAGE", msg("the gateway reported an unexpected message (alert 10)")),
    ("BAD_RECORD_MAC", msg("the connection was corrupted (alert 20 bad record mac)")),
    ("INAPPROPRIATE_FALLBACK", msg("the gateway refused a protocol fallback (alert 86)")),
    ("NO_RENEGOTIATION", msg("the gateway refuses renegotiation (alert 100)")),
    ("UNRECOGNIZED_NAME", msg("the gateway did not recognise the server name (alert 112)")),
    ("UNKNOWN_PSK_IDENTITY", msg("the gateway does not know the PSK identity (alert 115)")),
    ("NO_APPLICATION_PROTOCOL", msg("no common application protocol (alert 120)")),
    ("WRONG_VERSION_NUMBER", msg("the other side does not speak TLS (is this the HAN port?)")),
]


def explain_tls_error(error: BaseException, profile: TlsProfile | None = None
                      ) -> Message:
    """Plain words for a TLS failure (alert name included); a refused
    handshake names the vendor of ``profile`` (default: the CONEXA) and its curves."""
    text = str(error).upper()
    for key, words in _ALERTS:
        if key in text:
            if key == "HANDSHAKE_FAILURE" and profile is not None:
                return msg("the gateway refused the handshake: no common key-exchange curve or "
                           "cipher (alert 40; {hint})", hint=profile.refusal())
            return words
    reason = getattr(error, "reason", None) or type(error).__name__
    return msg("the TLS handshake failed ({reason})", reason=reason)


def build_context(settings: ConnectionSettings, profile: TlsProfile | None = None
                  ) -> ssl.SSLContext:
    """A client context for the HAN per the settings (client certificate loaded if given);
    the cipher suites are the profile's (default: the CONEXA's), the curves the settings'."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE  # trust = the pin, checked in the handshake
    if settings.tls_version == "1.3":
        ctx.minimum_version = ctx.maximum_version = ssl.TLSVersion.TLSv1_3
    elif settings.tls_version == "1.2":
        ctx.minimum_version = ctx.maximum_version = ssl.TLSVersion.TLSv1_2
        ctx.set_ciphers(profile.ciphers if profile is not None else CIPHERS)
    else:
        raise UsageError(msg("Unknown TLS version {tls_version!r} (use 1.2).",
                             tls_version=settings.tls_version))
    ctx.options |= ssl.OP_NO_RENEGOTIATION
    _set_curves(ctx, settings.curves)
    if settings.p12_path is not None:
        load_p12(ctx, settings.p12_path, settings.p12_password or "")
    return ctx


def _set_curves(ctx: ssl.SSLContext, curves: tuple[str, ...]) -> None:
    names = [c.strip() for c in curves if c.strip()]
    if not names:
        raise UsageError(msg("No TLS curve given."))
    set_groups = getattr(ctx, "set_groups", None)  # Python ≥ 3.13
    try:
        if set_groups is not None:
            set_groups(":".join(names))
        else:
            # Python 3.11/3.12 can offer one curve only: the first of the list.
            ctx.set_ecdh_curve(names[0])
    except (ValueError, ssl.SSLError):
        raise UsageError(msg("Unknown TLS curve in {join!r}.", join=','.join(names))) from None


def load_p12(ctx: ssl.SSLContext, path: Path, password: str) -> None:
    """Load a PKCS#12 client identity into ``ctx`` without writing the key in clear.

    Python's ssl reads keys only from files: the key is re-encrypted with a random one-time
    passphrase into a 0600 temporary file, loaded, and the file is deleted in every path.
    """
    blob = read_p12(Path(path))
    try:
        with warnings.catch_warnings():  # no library warning text on the terminal
            warnings.simplefilter("ignore")
            key, cert, chain = pkcs12.load_key_and_certificates(blob,
                                                                password.encode("utf-8"))
    except (ValueError, TypeError):
        raise CredentialsError(msg("The certificate file could not be opened: wrong password or "
                                   "not a PKCS#12 file.")) from None
    if key is None or cert is None:
        raise CredentialsError(msg("The certificate file holds no key and certificate."))
    one_time = secrets.token_urlsafe(32)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.BestAvailableEncryption(one_time.encode()))
    pem += cert.public_bytes(serialization.Encoding.PEM)
    for extra in chain or []:
        pem += extra.public_bytes(serialization.Encoding.PEM)
    folder = key_dir()
    sweep_key_files(folder)
    fd, tmp = tempfile.mkstemp(prefix=f"{KEY_PREFIX}{os.getpid()}-", suffix=".pem",
                               dir=folder)
    try:
        os.chmod(tmp, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(pem)
        ctx.load_cert_chain(tmp, password=one_time)
    except ssl.SSLError as exc:
        raise ConnectError(msg("The client certificate cannot be used for TLS ({reason}).",
                               reason=exc.reason)) from None
    finally:
        Path(tmp).unlink(missing_ok=True)


def _p12_error(path: Path, problem: Message) -> CredentialsError:
    return CredentialsError(msg("The certificate file {name} {problem}.", name=path.name,
                                problem=problem))


def read_p12(path: Path) -> bytes:
    """The bytes of a PKCS#12 file: a regular file (never a FIFO or device, opened without
    blocking), at most :data:`MAX_P12_BYTES`, one DER structure without trailing data."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise _p12_error(path, msg("cannot be read: {strerror}", strerror=exc.strerror)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _p12_error(path, msg("is not a regular file"))
        if info.st_size > MAX_P12_BYTES:
            raise _p12_error(path, msg("is too large for a PKCS#12 file ({st_size} bytes, at "
                                       "most {limit})", st_size=info.st_size,
                                       limit=MAX_P12_BYTES))
        with os.fdopen(os.dup(fd), "rb") as handle:
            blob = handle.read(MAX_P12_BYTES + 1)
    except OSError as exc:
        raise _p12_error(path, msg("cannot be read: {strerror}", strerror=exc.strerror)) from None
    finally:
        os.close(fd)
    if len(blob) > MAX_P12_BYTES:
        raise _p12_error(path, msg("is too large for a PKCS#12 file"))
    length = _der_length(blob)
    if length is not None and length != len(blob):
        raise _p12_error(path, msg("is not one PKCS#12 structure (data after its end or cut "
                                   "off)"))
    return blob


def _der_length(blob: bytes) -> int | None:
    """Total length of the outer DER SEQUENCE, or None (indefinite BER length or no
    SEQUENCE: left to the parser, which refuses what it cannot read)."""
    if len(blob) < 2 or blob[0] != 0x30 or blob[1] == 0x80:
        return None
    if blob[1] < 0x80:
        return 2 + blob[1]
    n = blob[1] & 0x7F
    if n > 4 or len(blob) < 2 + n:
        return None
    return 2 + n + int.from_bytes(blob[2:2 + n], "big")


def key_dir() -> Path:
    """The private (0700) folder for one-time key files in the temp directory."""
    uid = getattr(os, "getuid", lambda: 0)()
    folder = Path(tempfile.gettempdir()) / (f"{KEY_DIR}-{uid}" if uid else KEY_DIR)
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = os.lstat(folder)
        if not stat.S_ISDIR(info.st_mode) or (hasattr(os, "getuid") and
                                               info.st_uid != os.getuid()):
            raise OSError(f"{folder} is not our own folder")
        os.chmod(folder, 0o700)
    except OSError as exc:
        raise ConnectError(msg("No private temporary folder for the client key ({exc}).",
                               exc=exc)) from None
    return folder


def sweep_key_files(folder: Path | None = None, max_age_s: float = 3600.0) -> list[str]:
    """Delete one-time key files left by killed runs (process gone, or older than an hour);
    returns their names."""
    folder = folder or key_dir()
    removed = []
    for path in folder.glob(f"{KEY_PREFIX}*.pem"):
        try:
            pid = int(path.name[len(KEY_PREFIX):].split("-", 1)[0])
        except ValueError:
            pid = -1
        try:
            stale = pid != os.getpid() and (not _alive(pid) or
                                            time.time() - path.stat().st_mtime > max_age_s)
            if stale:
                path.unlink()
                removed.append(path.name)
        except OSError:
            continue
    return removed


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill(pid, 0) would send CTRL_C_EVENT there: rely on the age
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True
