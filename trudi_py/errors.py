"""The one exception hierarchy of trudi_py.

Every error a user can meet is a :class:`TrudiError`: it carries a message
(:class:`trudi_py.i18n.Message`: English msgid + parameters, translated through the gettext
catalogue when shown — English in logs, the run's language in the CLI and the GUI) and the CLI
exit code of ``cli.md``.
Anything else that escapes to the CLI or GUI is a bug and is shown as "internal error".

Messages never contain secrets: callers pass only what the user may see.
"""

from __future__ import annotations

from trudi_py.i18n import Message, msg, verbatim


class TrudiError(Exception):
    """Root of all errors trudi_py reports to a user."""

    exit_code: int = 1

    def __init__(self, message: Message | str) -> None:
        self.msg = message if isinstance(message, Message) else verbatim(message)
        super().__init__(self.msg.text("en"))

    @property
    def message(self) -> str:
        """The message in English (logs, ``str(exc)``)."""
        return self.msg.text("en")

    def text(self, lang: str = "en") -> str:
        """The message in the given language (``"de"`` or ``"en"``)."""
        return self.msg.text(lang)

    def __str__(self) -> str:
        return self.message


class UsageError(TrudiError):
    """Bad option, bad date, missing input on the command line."""

    exit_code = 2


class ConnectError(TrudiError):
    """Network or TLS problem: the gateway could not be reached or the handshake failed."""

    exit_code = 3


class GatewayTimeout(ConnectError):
    """The gateway did not answer in time."""


class AuthError(TrudiError):
    """The gateway refused the login (Digest or client certificate)."""

    exit_code = 4


class CredentialsError(AuthError):
    """A local credential is unusable (e.g. wrong PKCS#12 password, unreadable file)."""


class TrustError(TrudiError):
    """The gateway's certificate is not trusted: no pin stored, or it differs from the pin."""

    exit_code = 5

    def __init__(self, message: Message | str, *,
                 fingerprint: str = "", subject: str = "") -> None:
        super().__init__(message)
        self.fingerprint = fingerprint
        self.subject = subject


class UnknownCertificate(TrustError):
    """First contact: no pin is stored for this gateway; the user must confirm the fingerprint."""

    def __init__(self, url: str, fingerprint: str, subject: str = "",
                 der: bytes = b"") -> None:
        super().__init__(
            msg("No pin stored for {url}. The gateway's certificate has the SHA-256 fingerprint "
                "{fingerprint}. Compare it with the one your meter operator gave you, then pass "
                "--pin sha256:{fingerprint} or confirm it interactively.",
                url=url, fingerprint=fingerprint),
            fingerprint=fingerprint, subject=subject)
        self.url = url
        self.der = der


class PinMismatch(TrustError):
    """The gateway presented a certificate other than the pinned one. Never click-through."""

    def __init__(self, url: str, expected: str, actual: str) -> None:
        super().__init__(
            msg("The certificate of {url} has changed: expected SHA-256 {expected}, got "
                "{actual}. The connection was refused before any data was sent. If the meter "
                "operator has really replaced the certificate, remove the old pin deliberately.",
                url=url, expected=expected, actual=actual),
            fingerprint=actual)
        self.url = url
        self.expected = expected


class GatewayError(TrudiError):
    """The gateway refused the request or answered something unusable."""

    exit_code = 6

    def __init__(self, message: Message | str, *,
                 status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class SelfTestLocked(GatewayError):
    """403 on self-test: one is running or the last one was less than 600 s ago."""

    def __init__(self, remaining_s: int | None) -> None:
        if remaining_s is None:
            text = msg("Self-test is locked: one is running or was started less than 10 minutes "
                       "ago (up to 10 minutes remaining).")
        else:
            text = msg("Self-test is locked for another {remaining_s} s.", remaining_s=remaining_s)
        super().__init__(text, status=403)
        self.remaining_s = remaining_s


class LockedOut(AuthError):
    """The gateway's portal is locked after failed logins (PPC: "Das Portal ist für 4 Minuten
    und 37 Sekunden gesperrt"); ``remaining_s`` is the time the portal stated."""

    def __init__(self, remaining_s: int) -> None:
        minutes, seconds = divmod(max(remaining_s, 0), 60)
        super().__init__(
            msg("The gateway's portal is locked after failed logins for another {minutes} min "
                "{seconds} s. Do not try again before then; every attempt may extend the lock.",
                minutes=minutes, seconds=seconds))
        self.remaining_s = remaining_s


class SessionRefused(GatewayError):
    """The gateway refused a session or ended it (another session active, session expired,
    unauthorised access); ``reason`` is the gateway's own text."""

    def __init__(self, reason: str | Message) -> None:
        super().__init__(msg("The gateway refused the session: {reason}", reason=reason))
        self.reason = reason


class MalformedAnswer(GatewayError):
    """The answer (or a file) does not have the expected shape; the message names the field."""

    def __init__(self, message: Message | str, *,
                 field: str = "", status: int | None = None) -> None:
        super().__init__(message, status=status)
        self.field = field


class UnsupportedInterface(GatewayError):
    """The gateway speaks an interface we do not support (e.g. the old XML ``getdata``)."""


class ArchiveError(TrudiError):
    """An archive cannot be read (not a ZIP, truncated, not a trudi_py archive): the check
    found a problem. Writing problems are :class:`WriteError`, a request that does not fit the
    files on disk is :class:`ArchiveConflict`."""

    exit_code = 7


class ArchiveConflict(ArchiveError):
    """The command does not fit what is on disk: the target exists already, there is nothing
    (or more than one thing) to resume, the interrupted archive belongs to another login."""

    exit_code = 2


class WriteError(ArchiveError):
    """A local file cannot be written: disk full, no permission, read-only, missing folder."""

    exit_code = 9


class NoDisplay(TrudiError):
    """The GUI cannot open a window: no display, or Qt's display plugin cannot load."""

    exit_code = 3


class CannotCompute(TrudiError):
    """The input breaks a rule of the tariff use case; ``rule`` is the code of verify.md."""

    exit_code = 8

    def __init__(self, rule: str, message: Message | str) -> None:
        super().__init__(message)
        self.rule = rule


#: The exit codes of ``trudi-py`` (cli.md); README and ``trudi-py --help`` show this table.
EXIT_CODES: tuple[tuple[int, str], ...] = (
    (0, "success"),
    (1, "unexpected error (a bug: the message says so)"),
    (2, "usage error: bad option, bad date, missing file, target exists already, "
        "nothing to resume"),
    (3, "cannot connect (network, TLS, port in use) or no display for the GUI"),
    (4, "login refused by the gateway (Digest or client certificate)"),
    (5, "certificate not trusted: no pin, or not the pinned certificate"),
    (6, "the gateway refused the request or answered something unusable; archive incomplete"),
    (7, "verification found a problem (mismatch, bad signature or hash, damaged archive)"),
    (8, "verification cannot compute a result (a rule of the tariff use case is broken)"),
    (9, "cannot write a local file (disk full, no permission, read-only)"),
    (10, "sync not started: too soon after the last one, backing off after a refusal, or "
         "another sync running (the message says when to try again)"),
    (130, "cancelled (Ctrl-C)"),
)


class Cancelled(TrudiError):
    """The user cancelled a long-running job; its state is kept for a resume."""

    exit_code = 130


class HistoryError(WriteError):
    """The local history store cannot be opened, read or written (or is in use)."""


class SyncDeferred(TrudiError):
    """A sync was not started: too soon after the last one, or backing off after a refusal.
    Also: another sync holds the store. ``retry_at`` says when the next attempt makes sense
    (None: as soon as the other sync has finished)."""

    exit_code = 10

    def __init__(self, message: Message | str, *,
                 retry_at: object = None) -> None:
        super().__init__(message)
        self.retry_at = retry_at
