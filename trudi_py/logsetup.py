"""Logging for the CLI and the GUI: English, to stderr and a rotating file, secrets redacted.

Every password and passphrase the program handles is registered with :func:`register_secret`;
the filter replaces them (and Digest/Authorization header values) by ``***`` in every record.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
import threading
from pathlib import Path

import platformdirs

_SECRETS: set[str] = set()
_LOCK = threading.Lock()
_HEADER = re.compile(r"(?i)(authorization|www-authenticate|proxy-authorization)"
                     r"(\s*[:=]\s*)([^\n]+)")
_DIGEST_FIELDS = re.compile(r'(?i)\b(response|cnonce|nonce|password|passphrase)=("?)[^",\s]+')


def register_secret(value: str | None) -> None:
    """Never let ``value`` reach a log (short values are ignored: they would garble text)."""
    if value and len(value) >= 4:
        with _LOCK:
            _SECRETS.add(value)


def redact(text: str) -> str:
    """``text`` with registered secrets and authentication header values replaced."""
    with _LOCK:
        secrets = sorted(_SECRETS, key=len, reverse=True)
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, "***")
    text = _HEADER.sub(lambda m: f"{m.group(1)}{m.group(2)}***", text)
    return _DIGEST_FIELDS.sub(lambda m: f"{m.group(1)}={m.group(2)}***", text)


class RedactingFilter(logging.Filter):
    """Applies :func:`redact` to the final message of every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Replace registered secrets and password-like values in the record (always keeps it)."""
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not break logging
            message = str(record.msg)
        cleaned = redact(message)
        if record.exc_info:
            import traceback
            cleaned += "\n" + redact("".join(traceback.format_exception(*record.exc_info)))
            record.exc_info = None
            record.exc_text = None
        record.msg, record.args = cleaned, None
        return True


def log_dir() -> Path:
    """The log folder: ``TRUDI_LOG_DIR`` or the platform's per-user log folder."""
    override = os.environ.get("TRUDI_LOG_DIR")
    return Path(override) if override else Path(platformdirs.user_log_dir("trudi_py", False))


def setup_logging(verbose: bool = False, to_file: bool = True) -> None:
    """stderr (warnings, or info with ``verbose``) and a rotating file (info), both redacted."""
    root = logging.getLogger()
    if getattr(root, "_trudi_configured", False):
        return
    redactor = RedactingFilter()
    stderr = logging.StreamHandler()
    stderr.setLevel(logging.INFO if verbose else logging.WARNING)
    stderr.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    stderr.addFilter(redactor)
    root.addHandler(stderr)
    if to_file:
        try:
            directory = log_dir()
            directory.mkdir(parents=True, exist_ok=True)
            handler = logging.handlers.RotatingFileHandler(
                directory / "trudi_py.log", maxBytes=2_000_000, backupCount=3,
                encoding="utf-8")
            handler.setLevel(logging.INFO)
            handler.setFormatter(logging.Formatter(
                "%(asctime)s %(levelname)s %(name)s: %(message)s"))
            handler.addFilter(redactor)
            root.addHandler(handler)
        except OSError:
            pass  # no writable log directory: stderr only
    root.setLevel(logging.INFO)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    root._trudi_configured = True  # type: ignore[attr-defined]
