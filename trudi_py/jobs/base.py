"""What every long-running job shares: progress reports and a cancel token.

Jobs are plain functions ``job(..., progress=callback, cancel=token)``; the CLI prints the
progress, the GUI turns it into a Qt signal. A job checks the token between requests and
raises :class:`~trudi_py.errors.Cancelled`, leaving a resumable state where it has one.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from trudi_py.errors import Cancelled
from trudi_py.i18n import msg


@dataclass(frozen=True)
class Progress:
    """What a progress bar needs."""

    done: int  # requests (or steps) done
    total: int  # requests (or steps) planned; 0 = unknown
    phase: str  # short machine name: "connect", "readings", "log", "write", …
    detail: str = ""  # human-readable, English (the GUI translates phases itself)
    eta_s: float | None = None
    bytes_received: int = 0


ProgressCallback = Callable[[Progress], None]


def no_progress(_: Progress) -> None:
    """A progress callback that does nothing."""


class CancelToken:
    """Set from any thread; checked by the job between requests."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        """Ask the job to stop at its next check."""
        self._event.set()

    @property
    def cancelled(self) -> bool:
        """True once :meth:`cancel` was called."""
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        """Raise :class:`Cancelled` if the job was asked to stop."""
        if self._event.is_set():
            raise Cancelled(msg("Cancelled by the user."))


class EtaClock:
    """Estimates the remaining time from the average time per step so far."""

    def __init__(self, total: int) -> None:
        self.total = total
        self._start = time.monotonic()

    def eta(self, done: int) -> float | None:
        """Seconds left, extrapolated from the pace so far; None before the first step."""
        if done <= 0 or self.total <= 0:
            return None
        elapsed = time.monotonic() - self._start
        return max(0.0, elapsed / done * (self.total - done))
