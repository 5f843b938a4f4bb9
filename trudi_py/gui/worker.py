"""Run plain functions off the GUI thread and get their results back as Qt signals.

A task is ``fn(progress, cancel)``: ``progress`` is a :data:`~trudi_py.jobs.ProgressCallback`
(re-emitted as a signal delivered on the GUI thread), ``cancel`` a
:class:`~trudi_py.jobs.CancelToken`. :class:`Runner` with ``threads=1`` is a serial queue:
the :class:`~trudi_py.m2m.GatewayClient` is not thread-safe, so every gateway call goes
through one such runner, one at a time.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from trudi_py.errors import Cancelled
from trudi_py.i18n import msg
from trudi_py.jobs.base import CancelToken, Progress, ProgressCallback

log = logging.getLogger("trudi_py.gui")

TaskFn = Callable[[ProgressCallback, CancelToken], Any]


class _Relay(QObject):
    """Lives on the GUI thread; worker threads emit, the GUI thread receives (queued)."""

    delivered = Signal(int, str, object)  # task id, "progress"/"done"/"error", payload


class _Task(QRunnable):
    def __init__(self, task_id: int, fn: TaskFn, cancel: CancelToken, relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._id, self._fn, self._cancel, self._relay = task_id, fn, cancel, relay

    def run(self) -> None:
        emit = self._relay.delivered.emit
        if self._cancel.cancelled:
            emit(self._id, "error", Cancelled(msg("Cancelled by the user.")))
            return
        try:
            result = self._fn(lambda p: emit(self._id, "progress", p), self._cancel)
        except BaseException as exc:  # delivered to the GUI, never lost in a thread
            if not isinstance(exc, Exception):
                log.warning("task %d ended by %s", self._id, type(exc).__name__)
            elif not hasattr(exc, "exit_code"):
                log.exception("task %d failed", self._id)
            emit(self._id, "error", exc)
        else:
            emit(self._id, "done", result)


@dataclass
class TaskHandle:
    """What the caller keeps: the id and the cancel token."""

    task_id: int
    cancel_token: CancelToken

    def cancel(self) -> None:
        """Ask the task to stop at its next check."""
        self.cancel_token.cancel()


@dataclass
class _Callbacks:
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    on_progress: Callable[[Progress], None] | None


class Runner(QObject):
    """A thread pool of its own; ``threads=1`` makes it a strict serial queue."""

    busy_changed = Signal(bool)

    _ids = itertools.count(1)

    def __init__(self, threads: int = 1, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._relay = _Relay(self)
        self._relay.delivered.connect(self._dispatch)
        self._pending: dict[int, _Callbacks] = {}
        self._tokens: dict[int, CancelToken] = {}

    @property
    def busy(self) -> bool:
        """True while a task is queued or running."""
        return bool(self._pending)

    def submit(self, fn: TaskFn, *, on_done: Callable[[Any], None] | None = None,
               on_error: Callable[[BaseException], None] | None = None,
               on_progress: Callable[[Progress], None] | None = None,
               cancel: CancelToken | None = None) -> TaskHandle:
        """Queue ``fn``; the callbacks run on the GUI thread."""
        task_id = next(self._ids)
        token = cancel or CancelToken()
        self._pending[task_id] = _Callbacks(on_done, on_error, on_progress)
        self._tokens[task_id] = token
        was_busy = len(self._pending) > 1
        self._pool.start(_Task(task_id, fn, token, self._relay))
        if not was_busy:
            self.busy_changed.emit(True)
        return TaskHandle(task_id, token)

    def cancel_all(self) -> None:
        """Ask every queued and running task to stop."""
        for token in self._tokens.values():
            token.cancel()

    def forget_all(self) -> None:
        """Drop the callbacks of every task (at shutdown: their widgets are going away)."""
        had = bool(self._pending)
        self._pending.clear()
        self._tokens.clear()
        if had:
            self.busy_changed.emit(False)

    def wait(self, timeout_ms: int = 5000) -> bool:
        """Block until the queue is empty (only at shutdown and in tests)."""
        return self._pool.waitForDone(timeout_ms)

    @Slot(int, str, object)
    def _dispatch(self, task_id: int, kind: str, payload: object) -> None:
        callbacks = self._pending.get(task_id)
        if callbacks is None:
            return
        if kind == "progress":
            if callbacks.on_progress is not None:
                callbacks.on_progress(payload)  # type: ignore[arg-type]
            return
        del self._pending[task_id]
        self._tokens.pop(task_id, None)
        if not self._pending:  # before the callback: it may queue the next task
            self.busy_changed.emit(False)
        if kind == "done" and callbacks.on_done is not None:
            callbacks.on_done(payload)
        elif kind == "error":
            if callbacks.on_error is not None:
                callbacks.on_error(payload)  # type: ignore[arg-type]
            elif not isinstance(payload, Cancelled):
                log.warning("unhandled task error: %s", payload)
