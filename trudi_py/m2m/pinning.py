"""Certificate pinning: the gateway's self-signed certificate is trusted by its SHA-256.

The pin store is a small JSON file (URL → fingerprint, first-seen time, subject) in the
user's data directory, written atomically.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import platformdirs

from trudi_py.errors import TrustError, UsageError
from trudi_py.i18n import msg
from trudi_py.m2m.settings import normalise_url

APP_NAME = "trudi_py"


def data_dir() -> Path:
    """The user's data directory (pins, recent gateways); ``TRUDI_DATA_DIR`` overrides it."""
    override = os.environ.get("TRUDI_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))


def fingerprint(der: bytes) -> str:
    """SHA-256 of a DER certificate as 64 lower-case hex digits."""
    return hashlib.sha256(der).hexdigest()


def normalise_fingerprint(text: str) -> str:
    """``sha256:AB:CD…`` / ``ab cd …`` → 64 lower-case hex digits."""
    body = text.strip()
    if body.lower().startswith("sha256:"):
        body = body[7:]
    body = re.sub(r"[\s:]", "", body).lower()
    if not re.fullmatch(r"[0-9a-f]{64}", body):
        raise UsageError(msg("Not a SHA-256 fingerprint: {text!r} (64 hex digits expected).",
                             text=text))
    return body


def grouped(fp: str) -> str:
    """``AB12 CD34 …``: easy to compare aloud, in groups of four, 8 groups per line."""
    groups = [fp[i:i + 4].upper() for i in range(0, len(fp), 4)]
    return "\n".join(" ".join(groups[i:i + 8]) for i in range(0, len(groups), 8))


@dataclass(frozen=True)
class Pin:
    """A pinned gateway certificate: its SHA-256, when first trusted, its subject."""
    url: str
    sha256: str
    first_seen: str
    subject: str = ""


class PinStore:
    """URL → pinned fingerprint, persisted as JSON."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_dir() / "pins.json"

    def _load(self) -> dict[str, dict]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            data = None
        if not isinstance(data, dict):
            # Never fall back to "first contact" silently: that would re-trust any certificate.
            raise TrustError(msg("The pin store {path} is damaged; check or delete it.",
                                 path=self.path))
        return data

    def get(self, url: str) -> Pin | None:
        """The pin for ``url`` (normalised), or None if the gateway was never trusted."""
        entry = self._load().get(normalise_url(url))
        if not isinstance(entry, dict) or "sha256" not in entry:
            return None
        return Pin(normalise_url(url), str(entry["sha256"]), str(entry.get("first_seen", "")),
                   str(entry.get("subject", "")))

    def set(self, url: str, sha256: str, subject: str = "") -> Pin:
        """Pin ``sha256`` for ``url`` now (replacing an earlier pin); written atomically."""
        data = self._load()
        pin = Pin(normalise_url(url), normalise_fingerprint(sha256),
                  datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), subject)
        data[pin.url] = {k: v for k, v in asdict(pin).items() if k != "url"}
        self._write(data)
        return pin

    def forget(self, url: str) -> bool:
        """Drop the pin for ``url``; False if there was none."""
        data = self._load()
        removed = data.pop(normalise_url(url), None) is not None
        if removed:
            self._write(data)
        return removed

    def all(self) -> list[Pin]:
        """Every pin, sorted by URL."""
        return [Pin(url, str(e.get("sha256", "")), str(e.get("first_seen", "")),
                    str(e.get("subject", ""))) for url, e in sorted(self._load().items())
                if isinstance(e, dict)]

    def _write(self, data: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".pins-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out, indent=2, sort_keys=True)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
