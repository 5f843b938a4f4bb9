"""A second thread that processes work items in order, fed through a bounded queue.

The request thread fetches window *n+1* while this thread parses and writes window *n*. The
queue is bounded by the bytes it holds (answers are queued as received bytes), not by the
number of items: when a finished database is being assembled the writer falls behind for a
few seconds, and the request thread should go on fetching instead of waiting. Exactly one request is
in flight at any time because only the request thread talks to the gateway.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any

_STOP = object()


class Pipeline:
    """Runs submitted callables one after another in a worker thread."""

    def __init__(self, max_bytes: int = 96 * 1024 * 1024, maxsize: int = 256,
                 name: str = "trudi-archive-writer") -> None:
        self._queue: queue.Queue = queue.Queue(maxsize=maxsize)
        self.max_bytes = max_bytes
        self._weight = 0
        self._cond = threading.Condition()
        self.error: BaseException | None = None
        self.busy_s = 0.0
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import time
        while True:
            item = self._queue.get()
            try:
                if item is _STOP:
                    return
                fn, args, weight = item
                try:
                    if self.error is None:
                        t0 = time.perf_counter()
                        try:
                            fn(*args)
                        finally:
                            self.busy_s += time.perf_counter() - t0
                finally:
                    with self._cond:
                        self._weight -= weight
                        self._cond.notify_all()
            except BaseException as exc:  # handed to the request thread
                self.error = exc
            finally:
                self._queue.task_done()

    def raise_if_failed(self) -> None:
        """Re-raise in the calling thread what failed in the worker."""
        if self.error is not None:
            raise self.error

    def submit(self, fn: Callable[..., Any], *args: Any, weight: int = 0) -> None:
        """Queue one item of about ``weight`` bytes (blocks while the queue holds too much);
        re-raises an earlier failure."""
        self.raise_if_failed()
        with self._cond:
            while self._weight > 0 and self._weight + weight > self.max_bytes:
                self._cond.wait(0.2)
                self.raise_if_failed()
            self._weight += weight
        while True:
            try:
                self._queue.put((fn, args, weight), timeout=0.2)
                return
            except queue.Full:
                self.raise_if_failed()

    def drain(self) -> None:
        """Wait until every submitted item is done; re-raises a failure."""
        self._queue.join()
        self.raise_if_failed()

    def close(self) -> None:
        """Finish the queued items (unless one failed) and stop the thread."""
        self._queue.put(_STOP)
        self._thread.join()
