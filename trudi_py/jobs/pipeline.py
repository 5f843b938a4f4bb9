"""A second thread that processes work items in order, fed through a bounded queue.

The request thread fetches window *n+1* while this thread parses and writes window *n*; the
queue bound keeps memory flat when writing is slower than fetching. Exactly one request is
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

    def __init__(self, maxsize: int = 2, name: str = "trudi-archive-writer") -> None:
        self._queue: queue.Queue = queue.Queue(maxsize=maxsize)
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
                if self.error is None:
                    fn, args = item
                    t0 = time.perf_counter()
                    try:
                        fn(*args)
                    finally:
                        self.busy_s += time.perf_counter() - t0
            except BaseException as exc:  # handed to the request thread
                self.error = exc
            finally:
                self._queue.task_done()

    def raise_if_failed(self) -> None:
        if self.error is not None:
            raise self.error

    def submit(self, fn: Callable[..., Any], *args: Any) -> None:
        """Queue one item (blocks while the queue is full); re-raises an earlier failure."""
        self.raise_if_failed()
        while True:
            try:
                self._queue.put((fn, args), timeout=0.2)
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
