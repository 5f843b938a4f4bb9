"""TLS for the HAN: TLS 1.2, ECDHE-ECDSA, secp384r1 by default, optional client certificate.

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


def explain_tls_error(error: BaseException) -> Message:
    """Plain words for a TLS failure (alert name included)."""
    text = str(error).upper()
    for key, words in _ALERTS:
        if key in text:
            return words
    reason = getattr(error, "reason", None) or type(error).__name__
    return msg("the TLS handshake failed ({reason})", reason=reason)


def build_context(settings: ConnectionSettings) -> ssl.SSLContext:
    """A client context for the HAN per the settings (client certificate loaded if given)."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE  # trust = the pin, checked in the handshake
    if settings.tls_version == "1.3":
        ctx.minimum_version = ctx.maximum_version = ssl.TLSVersion.TLSv1_3
    elif settings.tls_version == "1.2":
        ctx.minimum_version = ctx.maximum_version = ssl.TLSVersion.TLSv1_2
        ctx.set_ciphers(CIPHERS)
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
