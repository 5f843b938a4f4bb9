"""Syncing the local history from the GUI: now (a button) or automatically every N hours
while the window is open (off unless the user turns it on).

The sync job (:func:`trudi_py.jobs.sync.sync`) runs on the session's serial gateway queue,
off the event loop, with progress and cancel. It uses the settings of the last successful
connection in this run of trudi_py (passwords stay in memory only). The job's polite limits
hold: within 15 minutes of the last sync or during a back-off after a refusal it does not
connect; the next try is planned for the time the job names and shown to the user.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from trudi_py.errors import TrudiError
from trudi_py.gui import prefs
from trudi_py.gui.session import Session
from trudi_py.gui.worker import TaskHandle
from trudi_py.history.polite import MIN_INTERVAL, known_store
from trudi_py.history.summary import summarise
from trudi_py.jobs.base import CancelToken, ProgressCallback
from trudi_py.jobs.sync import SyncResult, sync

#: The choices for "every N hours" (the gateway is asked at most once per 15 minutes anyway).
HOURS_CHOICES = (1, 2, 3, 6, 12, 24)
PREF_HOURS = "auto-sync-hours"


def utc_now() -> datetime:
    """The PC clock (UTC); tests replace :attr:`HistorySync.now`."""
    return datetime.now(UTC)


class HistorySync(QObject):
    """Runs syncs for the session and plans the automatic ones."""

    started = Signal()
    progress = Signal(object)  # Progress
    finished = Signal(object)  # SyncResult
    failed = Signal(object)  # BaseException
    #: the plan changed: the next automatic sync (datetime) or None (off / not possible)
    schedule_changed = Signal(object)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.now = utc_now
        self.handle: TaskHandle | None = None
        self.next_run: datetime | None = None
        self.retry_at: datetime | None = None  # a lockout / back-off named this time
        self.last_result: SyncResult | None = None
        self.last_error: BaseException | None = None
        self.failed_at = utc_now()
        saved = prefs.load_value(PREF_HOURS, 0)
        self.hours = saved if saved in HOURS_CHOICES else 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._due)
        session.state_changed.connect(lambda _s: self._plan())

    # -- state --------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        """A sync is queued or running."""
        return self.handle is not None

    @property
    def can_sync(self) -> bool:
        """A gateway was connected in this run (its settings are known)."""
        return self.session.sync_settings is not None

    def store_path(self) -> Path | None:
        """The history store of the connected (or last connected) gateway, if it has one."""
        settings = self.session.sync_settings
        return known_store(settings.base_url) if settings is not None else None

    def set_hours(self, hours: int) -> None:
        """0 turns the automatic sync off; else every ``hours`` hours while open (saved)."""
        self.hours = hours if hours in HOURS_CHOICES else 0
        prefs.save_value(PREF_HOURS, self.hours)
        self._plan()

    def stop(self) -> None:
        """No more automatic syncs in this window (the saved setting stays)."""
        self._timer.stop()
        self.next_run = None

    # -- running ------------------------------------------------------------------------------
    def sync_now(self, force: bool = False) -> bool:
        """Start a sync (False when one runs already or no gateway is known)."""
        settings = self.session.sync_settings
        if settings is None or self.handle is not None:
            return False
        pins = self.session.pin_store

        def work(progress: ProgressCallback, cancel: CancelToken) -> SyncResult:
            return sync(settings, force=force, pin_store=pins, progress=progress,
                        cancel=cancel)

        self.last_error = None
        self.handle = self.session.runner.submit(work, on_done=self._done,
                                                 on_error=self._failed,
                                                 on_progress=self.progress.emit)
        self.started.emit()
        return True

    def cancel(self) -> None:
        """Stop at the next request boundary; what was fetched so far stays stored."""
        if self.handle is not None:
            self.handle.cancel()

    def _done(self, result: SyncResult) -> None:
        self.handle = None
        self.last_result, self.retry_at = result, None
        self.finished.emit(result)
        self._plan()

    def _failed(self, exc: BaseException) -> None:
        self.handle = None
        self.last_error, self.failed_at = exc, self.now()
        self.retry_at = _retry_at(exc, self.store_path())
        self.failed.emit(exc)
        self._plan()

    # -- planning -----------------------------------------------------------------------------
    def _plan(self) -> None:
        """Plan the next automatic sync: N hours after the last one, but not before a time
        a lockout named; none when off or no gateway is known."""
        self._timer.stop()
        self.next_run = None
        if self.hours and self.can_sync:
            last = self._last_sync()
            now = self.now()
            due = last + timedelta(hours=self.hours) if last is not None else now
            if self.last_error is not None:  # never a retry loop: the named time, or 15 min
                due = max(due, self.retry_at or self.failed_at + MIN_INTERVAL)
            self.next_run = max(due, now)
            self._timer.start(int(max(0.0, (self.next_run - now).total_seconds()) * 1000)
                              + 1000)
        self.schedule_changed.emit(self.next_run)

    def _last_sync(self) -> datetime | None:
        path = self.store_path()
        if path is None or not path.is_file():
            return None
        try:
            return summarise(path).last_sync
        except TrudiError:
            return None

    def _due(self) -> None:
        if not self.hours or not self.sync_now():
            self._plan()


def _retry_at(exc: BaseException, store: Path | None) -> datetime | None:
    """When to try again after ``exc``: the time a refusal named, or the store's back-off."""
    at: Any = getattr(exc, "retry_at", None)
    if isinstance(at, datetime):
        return at
    if store is not None and store.is_file():
        try:
            return summarise(store).backoff_until
        except TrudiError:
            return None
    return None
