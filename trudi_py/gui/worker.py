"""Run plain functions off the GUI thread and get their results back as Qt signals.

A task is ``fn(progress, cancel)``: ``progress`` is a :data:`~trudi_py.jobs.ProgressCallback`
(re-emitted as a signal delivered on the GUI thread), ``cancel`` a
:class:`~trudi_py.jobs.CancelToken`. :class:`Runner` with ``threads=1`` is a serial queue:
the :class:`~trudi_py.m2m.GatewayClient` is not thread-safe, so every gateway call goes
through one such runner, one at a time.

:class:`ProcessRunner` runs plain picklable functions in one child process instead: work
that holds the interpreter lock for long stretches (matplotlib drawing, turning a decade of
archived readings into columns) then never stalls the event loop of the GUI process.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import multiprocessing
from collections.abc import Callable
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
    Slot,
)

from trudi_py.errors import Cancelled
from trudi_py.gui.spill import discard, receive, run_in_child, sweep
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


def _child_start() -> None:
    """First thing in every chart process: load and exercise the archive reader and
    matplotlib, then freeze the garbage collector's view (see ``archive_worker.warm_up``)."""
    from trudi_py.gui.archive_worker import warm_up
    warm_up()


@dataclass
class ProcessHandle:
    """What the caller of :meth:`ProcessRunner.submit` keeps."""

    task_id: int
    future: Future[Any]
    runner: ProcessRunner

    def cancel(self) -> None:
        """Drop the task: not started, it never runs; running, its result is discarded."""
        self.future.cancel()
        self.runner.forget(self.task_id)


class ProcessRunner(QObject):
    """One child process (``spawn``, the same on every platform) that runs picklable
    functions one at a time; their results arrive as Qt signals on the GUI thread. A child
    that dies (killed, out of memory) is reported as an error and replaced at the next
    submit. Module-level state of the child (e.g. an opened archive's columns) lives as long
    as the child."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor: ProcessPoolExecutor | None = None
        self._relay = _Relay(self)
        # queued even from the GUI thread (a cancelled future calls back at once): callbacks
        # never run inside submit()
        self._relay.delivered.connect(self._dispatch, Qt.ConnectionType.QueuedConnection)
        self._pending: dict[int, _Callbacks] = {}

    @property
    def busy(self) -> bool:
        """True while a task is queued or running."""
        return bool(self._pending)

    def start(self) -> None:
        """Start the child now (it warms up at once), not at the first real task."""
        if self._executor is None:
            # the pool starts its process with the first task: deleting result files a GUI
            # that ended first left behind
            self.submit(sweep)

    def _ensure(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                initializer=_child_start)
        return self._executor

    def submit(self, fn: Callable[..., Any], *args: Any,
               on_done: Callable[[Any], None] | None = None,
               on_error: Callable[[BaseException], None] | None = None) -> ProcessHandle:
        """Run ``fn(*args)`` in the child; the callbacks run on the GUI thread."""
        task_id = next(Runner._ids)
        self._pending[task_id] = _Callbacks(on_done, on_error, None)
        try:  # the child's background reads pause while a task runs
            future = self._ensure().submit(run_in_child, fn, *args)
        except (BrokenProcessPool, RuntimeError):  # the child died: start a new one
            self._executor = None
            future = self._ensure().submit(run_in_child, fn, *args)
        future.add_done_callback(partial(self._finished, task_id))
        return ProcessHandle(task_id, future, self)

    def forget(self, task_id: int) -> None:
        """Drop the callbacks of one task."""
        self._pending.pop(task_id, None)

    def forget_all(self, task_ids: set[int]) -> None:
        """Drop the callbacks of these tasks (their widget is going away)."""
        for task_id in task_ids:
            self._pending.pop(task_id, None)

    def _finished(self, task_id: int, future: Future[Any]) -> None:
        """In the executor's thread: hand the outcome to the GUI thread."""
        try:
            payload: object = future.result()
            if task_id not in self._pending:  # no longer wanted: not read
                discard(payload)
                return
            payload = receive(payload)  # a large result: from its file
            kind = "done"
        except CancelledError:
            kind, payload = "error", Cancelled(msg("Cancelled by the user."))
        except BaseException as exc:  # delivered to the GUI, never lost in a thread
            kind, payload = "error", exc
            if isinstance(exc, BrokenProcessPool):
                self._executor = None
        with contextlib.suppress(RuntimeError):  # the relay is gone at shutdown
            self._relay.delivered.emit(task_id, kind, payload)

    @Slot(int, str, object)
    def _dispatch(self, task_id: int, kind: str, payload: object) -> None:
        callbacks = self._pending.pop(task_id, None)
        if callbacks is None:
            return
        if kind == "done" and callbacks.on_done is not None:
            callbacks.on_done(payload)
        elif kind == "error":
            if not isinstance(payload, Cancelled) and not hasattr(payload, "exit_code"):
                log.warning("task %d in the chart process failed: %r", task_id, payload)
            if callbacks.on_error is not None:
                callbacks.on_error(payload)  # type: ignore[arg-type]

    def shutdown(self) -> None:
        """Stop the child (queued tasks are dropped); a later submit starts a new one."""
        executor, self._executor = self._executor, None
        self._pending.clear()
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)


def process_runner() -> ProcessRunner:
    """The one :class:`ProcessRunner` of the application (its child ends with the app)."""
    app = QCoreApplication.instance()
    runner = getattr(process_runner, "instance", None)
    if runner is None:
        runner = ProcessRunner(app)
        if app is not None:
            app.aboutToQuit.connect(runner.shutdown)
        process_runner.instance = runner  # type: ignore[attr-defined]
    return runner
