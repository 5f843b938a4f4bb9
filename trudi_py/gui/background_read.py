"""Reading archive CSVs into columns on a thread of the chart process, behind its real work
(no Qt here).

The chart process serves one task at a time on its main thread (a range of readings, a chart
to draw). A decade's CSV takes seconds to read; it is read on one more thread meanwhile, but
only while the main thread has nothing to do: every task closes :data:`FOREGROUND` while it
runs (:func:`in_foreground`), and the reader waits there between blocks of ~1 MiB and for
:data:`GRACE_S` after a task (the GUI's next task of a burst comes within milliseconds) —
two threads never share the interpreter lock, so a task is as fast as if there were no read.
(A lower scheduling priority for the thread was measured and dropped: with other programs
busy it starved the read, 75 s instead of 7 s for a decade.) The database asked for last is
read first; a read of another database is put back behind it (started again later).

A :class:`GatedJob` is one more piece of such work on a thread of its own (the last year of
a database built from the archive's ``raw/`` answers): it waits at the same gate between its
steps but not for the grace (it is small and wanted first: started when a database is chosen,
a year asked for right after opening an archive waited up to 0.3 s for nothing), and the
readers wait while it runs.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Generic, TypeVar

from trudi_py.archive.reader import ArchiveSource
from trudi_py.model.series import ChannelSeries

R = TypeVar("R")
Key = tuple[str, str]  # (usage point id, database)


class Stopped(Exception):
    """A read ended early: the archive was closed."""


class _Preempted(Exception):
    """A read put back: another database was asked for."""


#: Readers go on only this long after the last task ended: the GUI sends its tasks one
#: after the other (a range, then each chart), and a read must not slip in between them.
GRACE_S = 0.3


class Gate:
    """Closed while the chart process's main thread works (nestable); readers wait at it,
    and for :data:`GRACE_S` after it opens (not while a task waits for a reader)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)  # a waiter's grace may have ended
        self._users = 0
        self._open = threading.Event()
        self._open.set()
        self._opened_at = 0.0
        self._urgent = 0  # tasks waiting for a reader: no grace
        self._jobs = 0  # gated jobs running: the readers wait (see ``wait(behind=True)``)
        self._no_jobs = threading.Event()
        self._no_jobs.set()

    def close(self) -> None:
        """Foreground work begins: readers pause at their next block."""
        with self._lock:
            self._users += 1
            self._open.clear()

    def open(self) -> None:
        """Foreground work ends: readers go on once no one holds the gate."""
        with self._lock:
            self._users = max(self._users - 1, 0)
            if not self._users:
                self._opened_at = time.monotonic()
                self._open.set()

    def wait(self, behind: bool = False, grace: bool = True) -> None:
        """Block while the gate is closed and (``grace``) for the grace time after it
        opened — a task waiting for a reader ends the grace at once; ``behind`` (the
        readers): also while a :class:`GatedJob` runs."""
        while True:
            self._open.wait()
            if behind and not self._no_jobs.is_set():
                self._no_jobs.wait()
                continue
            with self._lock:
                left = 0.0 if self._urgent or not grace else \
                    self._opened_at + GRACE_S - time.monotonic()
                if left <= 0 and self._open.is_set():
                    return
                if left > 0:
                    self._changed.wait(min(left, GRACE_S))

    def job_started(self) -> None:
        """A :class:`GatedJob` begins: the readers wait until it ends."""
        with self._lock:
            self._jobs += 1
            self._no_jobs.clear()

    def job_ended(self) -> None:
        """A :class:`GatedJob` ended (done, failed or stopped)."""
        with self._lock:
            self._jobs = max(self._jobs - 1, 0)
            if not self._jobs:
                self._no_jobs.set()

    @contextlib.contextmanager
    def held_open(self) -> Iterator[None]:
        """Let readers run while the foreground waits for one of them."""
        with self._lock:
            users, self._users = self._users, 0
            self._urgent += 1
            self._open.set()
            self._changed.notify_all()
        try:
            yield
        finally:
            with self._lock:
                self._urgent -= 1
                self._users += users
                if self._users:
                    self._open.clear()


#: The chart process's one gate.
FOREGROUND = Gate()


def in_foreground(fn: Callable[..., R], *args: Any) -> R:
    """Run a task of the chart process with the readers paused."""
    FOREGROUND.close()
    try:
        return fn(*args)
    finally:
        FOREGROUND.open()


class Reader:
    """Reads the CSVs of one archive's databases into columns, one at a time, on a thread."""

    def __init__(self, path: Path, gate: Gate = FOREGROUND) -> None:
        self.path, self.gate = path, gate
        self._lock = threading.Condition()
        self._queue: list[Key] = []
        self._current: Key | None = None
        self._preempt = self._stopped = False
        self._results: dict[Key, tuple[list[ChannelSeries] | None, BaseException | None]] = {}
        self._thread: threading.Thread | None = None

    def want(self, key: Key) -> None:
        """Read this database next (before any other still to read)."""
        with self._lock:
            if key in self._results or key == self._current:
                return
            if key in self._queue:
                self._queue.remove(key)
            self._queue.insert(0, key)
            self._preempt = self._current is not None
            self._lock.notify_all()
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, daemon=True,
                                                name="archive CSV reader")
                self._thread.start()

    def pending(self, key: Key) -> bool:
        """True while this database is queued or being read."""
        with self._lock:
            return key == self._current or key in self._queue

    def take(self, key: Key) -> list[ChannelSeries] | None:
        """The columns if the read is done (handed over once), else None; its error raised."""
        with self._lock:
            found = self._results.pop(key, None)
        return _outcome(found) if found is not None else None

    def wait(self, key: Key) -> list[ChannelSeries]:
        """The columns, read first if need be (the gate held open meanwhile)."""
        self.want(key)
        with self.gate.held_open(), self._lock:
            while key not in self._results and not self._stopped:
                self._lock.wait(0.5)
            found = self._results.pop(key, None)
        if found is None:
            raise Stopped
        return _outcome(found)

    def stop(self) -> None:
        """End the reads (at the next block) and wait briefly for the thread."""
        with self._lock:
            self._stopped = True
            self._queue.clear()
            self._lock.notify_all()
            thread = self._thread
        if thread is not None:
            with self.gate.held_open():
                thread.join(timeout=10)

    def _pace(self) -> None:
        self.gate.wait(behind=True)
        if self._stopped:
            raise Stopped
        if self._preempt:
            raise _Preempted

    def _run(self) -> None:
        while True:
            with self._lock:
                while not self._queue and not self._stopped:
                    self._lock.wait()
                if self._stopped:
                    return
                key = self._current = self._queue.pop(0)
                self._preempt = False
            result: list[ChannelSeries] | None = None
            error: BaseException | None = None
            try:
                with ArchiveSource(self.path) as source:
                    result = source.series(*key, pace=self._pace, vectorised=True)
            except _Preempted:
                with self._lock:
                    self._queue.append(key)  # behind the database asked for now
                    self._current = None
                continue
            except Stopped:
                return
            except BaseException as exc:  # handed to the load that needs these columns
                error = exc
            with self._lock:
                self._results[key] = (result, error)
                self._current = None
                self._lock.notify_all()


class GatedJob(Generic[R]):
    """``work(pace)`` on a daemon thread, started at once: it calls ``pace`` between its
    steps, which waits at the gate (a task runs) and raises :class:`Stopped` once the job is
    stopped; the readers wait while the job runs."""

    def __init__(self, work: Callable[[Callable[[], None]], R], name: str,
                 gate: Gate = FOREGROUND) -> None:
        self.gate = gate
        self._work = work
        self._stopped = False
        self._done = threading.Event()
        self._result: tuple[R] | None = None  # a tuple: the work may return None
        self._error: BaseException | None = None
        gate.job_started()
        self._thread = threading.Thread(target=self._run, daemon=True, name=name)
        self._thread.start()

    def done(self) -> bool:
        """True once the work ended (done, failed or stopped)."""
        return self._done.is_set()

    def wait(self) -> R:
        """The work's result, waited for with the gate held open; its error raised,
        :class:`Stopped` when it was stopped."""
        with self.gate.held_open():
            self._done.wait()
        if self._error is not None:
            raise self._error
        if self._result is None:
            raise Stopped
        return self._result[0]

    def stop(self) -> None:
        """End the work at its next step and wait briefly for the thread."""
        self._stopped = True
        with self.gate.held_open():
            self._thread.join(timeout=10)

    def _pace(self) -> None:
        self.gate.wait(grace=False)  # small and wanted first: between tasks at once
        if self._stopped:
            raise Stopped

    def _run(self) -> None:
        try:
            self._pace()
            self._result = (self._work(self._pace),)
        except Stopped:
            pass
        except BaseException as exc:  # handed to whoever waits for the result
            self._error = exc
        finally:
            self.gate.job_ended()
            self._done.set()


def _outcome(found: tuple[list[ChannelSeries] | None, BaseException | None]
             ) -> list[ChannelSeries]:
    result, error = found
    if error is not None:
        raise error
    if result is None:
        raise Stopped
    return result


__all__ = ["FOREGROUND", "GatedJob", "Gate", "Reader", "Stopped", "in_foreground"]
