"""How to reach and log in to one gateway."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from trudi_py.errors import UsageError
from trudi_py.i18n import msg

DEFAULT_CURVES: tuple[str, ...] = ("secp384r1",)
#: An answer larger than this is refused without being read into memory (a 31-day window of
#: two 15-minute channels is about 3 MB).
MAX_ANSWER_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class ConnectionSettings:
    """Everything needed to talk to one gateway. Secrets are excluded from ``repr``."""

    url: str
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    p12_path: Path | None = None
    p12_password: str | None = field(default=None, repr=False)
    pin: str | None = None  # SHA-256 hex of the gateway certificate, given explicitly
    curves: tuple[str, ...] = DEFAULT_CURVES
    tls_version: str = "1.2"  # "1.2" as the gateway demands; "1.3" only for experts/tests
    timeout_s: float = 60.0
    retries: int = 2  # an empty 200, a reset or a 500 is retried at most this often
    retry_backoff_s: float = 0.5
    max_answer_bytes: int = MAX_ANSWER_BYTES

    @property
    def base_url(self) -> str:
        """``https://host:port`` with the default port made explicit."""
        return normalise_url(self.url)

    @property
    def host(self) -> str:
        """The host name or address of ``base_url`` (for the network check)."""
        return urlsplit(self.base_url).hostname or ""


def normalise_url(url: str) -> str:
    """``https://HOST[:PORT]`` → ``https://host:port`` (the key of the pin store)."""
    text = url.strip()
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme.lower() != "https":
        raise UsageError(msg("The gateway address must start with https:// (got {url!r}).",
                             url=url))
    try:
        port = parts.port or 443
    except ValueError:
        raise UsageError(msg("Bad port in {url!r}.", url=url)) from None
    host = (parts.hostname or "").lower()
    if not host:
        raise UsageError(msg("No host in {url!r}.", url=url))
    if ":" in host:
        host = f"[{host}]"
    return f"https://{host}:{port}"
