"""Self-test bookkeeping: the gateway locks ``self-test`` for 600 s after each start; its
result is a logbook entry, recognised here."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

import httpx

from trudi_py.model import LogEntry

LOCK_SECONDS = 600
_started: dict[str, float] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class SelfTestResult:
    """The gateway accepted a ``self-test`` request; ``answer`` is its JSON answer."""

    started: bool
    answer: dict[str, Any]


def note_started(url: str) -> None:
    """Remember when this client last started a self-test on ``url``."""
    with _lock:
        _started[url] = time.monotonic()


def lock_remaining(url: str, response: httpx.Response) -> int | None:
    """Seconds left: the gateway's ``Retry-After`` if sent, else our own count, else None."""
    header = response.headers.get("retry-after", "").strip()
    if header.isdigit():
        return int(header)
    with _lock:
        started = _started.get(url)
    if started is None:
        return None
    return max(0, int(LOCK_SECONDS - (time.monotonic() - started)))


def is_self_test(entry: LogEntry) -> bool:
    """A self-test result in the logbook (boot, cyclic or started by the consumer)."""
    text = entry.message.lower()
    return "selbsttest" in text or "self-test" in text or "selftest" in text


def self_test_failed(entry: LogEntry) -> bool:
    """A self-test result that reports a failure (by its words, or a failure outcome)."""
    text = entry.message.lower()
    return any(w in text for w in ("fehlgeschlagen", "fehler", "failed", "error")) or \
        entry.outcome.lower() in ("failure", "failed", "1") and "erfolgreich" not in text
