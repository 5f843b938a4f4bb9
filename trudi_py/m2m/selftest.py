"""Self-test bookkeeping: the gateway locks ``self-test`` for 600 s after each start."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

import httpx

LOCK_SECONDS = 600
_started: dict[str, float] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class SelfTestResult:
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
