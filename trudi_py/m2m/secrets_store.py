"""Optional saving of the Digest password in the operating system's keyring (off by default).

Uses the ``keyring`` package (optional extra ``trudi_py[keyring]``: Windows Credential
Locker, macOS Keychain, Secret Service/KWallet on Linux). Entries are keyed by the gateway's
normalised URL and the user name under the service name ``trudi_py``. Without the package or
without a usable backend (typical on a headless Linux) :func:`available` is False, nothing is
stored and nothing fails; a password is never written anywhere else. A password loaded from
the keyring is registered with the log filter at once.
"""

from __future__ import annotations

import logging
from types import ModuleType

from trudi_py.errors import CredentialsError
from trudi_py.i18n import msg
from trudi_py.logsetup import register_secret
from trudi_py.m2m.settings import normalise_url

log = logging.getLogger("trudi_py.secrets")

SERVICE = "trudi_py"


def _keyring() -> ModuleType | None:
    try:
        import keyring
    except ImportError:
        return None
    return keyring


def available() -> bool:
    """True when ``keyring`` is installed and has a real backend (not "fail"/"null")."""
    module = _keyring()
    if module is None:
        return False
    try:
        return float(module.get_keyring().priority) > 0
    except Exception:  # a broken backend must never stop the GUI  # noqa: BLE001
        log.info("keyring backend unusable", exc_info=True)
        return False


def account(url: str, user: str) -> str:
    """The keyring user name of one login: ``https://host:port user``."""
    return f"{normalise_url(url)} {user}"


def save(url: str, user: str, password: str) -> None:
    """Store the password; :class:`CredentialsError` when the keyring refuses."""
    module = _keyring()
    if module is None or not available():
        raise CredentialsError(msg("No keyring is available on this computer."))
    register_secret(password)
    try:
        module.set_password(SERVICE, account(url, user), password)
    except Exception as exc:  # keyring.errors.KeyringError, D-Bus errors  # noqa: BLE001
        raise CredentialsError(msg("The password could not be saved in the keyring ({kind}).",
                                   kind=type(exc).__name__)) from None


def load(url: str, user: str) -> str | None:
    """The stored password, or None (none stored, no keyring, or the keyring failed)."""
    module = _keyring()
    if module is None or not user or not available():
        return None
    try:
        password = module.get_password(SERVICE, account(url, user))
    except Exception as exc:  # noqa: BLE001 - a locked keyring is "nothing stored"
        log.warning("keyring lookup failed (%s)", type(exc).__name__)
        return None
    register_secret(password)
    return password


def forget(url: str, user: str) -> bool:
    """Remove a stored password; True if one was removed."""
    module = _keyring()
    if module is None or not user or not available():
        return False
    try:
        if module.get_password(SERVICE, account(url, user)) is None:
            return False
        module.delete_password(SERVICE, account(url, user))
    except Exception as exc:  # noqa: BLE001
        log.warning("keyring delete failed (%s)", type(exc).__name__)
        return False
    return True
