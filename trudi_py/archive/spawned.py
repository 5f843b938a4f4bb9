"""One function call in a spawned child process, waited for without ever hanging.

The second core of a laptop is used by running an independent part of a long check in a
child process (its own interpreter lock). The ``spawn`` start method is used everywhere (the
only one on Windows, and the safe one beside threads): the child imports the function's
module afresh, so ``func`` and its arguments and result must pickle. The parent waits with a
short poll that also watches the child itself and an optional cancel test: a child that dies
(killed, out of memory, a crash in C code) or a cancelled wait ends as :class:`ChildFailed`,
never as a hang; an exception inside the child comes back as its type and text.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
from collections.abc import Callable
from typing import Any

_log = logging.getLogger(__name__)


class ChildFailed(Exception):
    """The child gave no result: it raised (``reason`` says what), died, or was cancelled."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _serve(conn: Any, func: Callable[..., Any], args: tuple[Any, ...]) -> None:
    """In the child: ``func(*args)`` sent back as ``(True, result)`` or ``(False, why)``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: the parent stops the child
    try:
        answer: tuple[bool, Any] = (True, func(*args))
        conn.send(answer)
    except Exception as exc:  # the parent reports it (or does the work itself)
        _log.debug("child call failed", exc_info=True)
        conn.send((False, f"{type(exc).__name__}: {str(exc)[:300]}"))
    finally:
        conn.close()


class ChildCall:
    """``func(*args)`` running in a spawned child from construction on; :meth:`result`
    waits for it, :meth:`close` stops it (also midway). Use as a context manager."""

    #: How often a waiting :meth:`result` looks at the child and the cancel test (seconds).
    POLL_S = 0.05

    def __init__(self, func: Callable[..., Any], *args: Any, name: str = "trudi-child") -> None:
        context = multiprocessing.get_context("spawn")
        self._conn, child_end = context.Pipe(duplex=False)
        self._process: Any = context.Process(target=_serve, args=(child_end, func, args),
                                             name=name, daemon=True)
        try:
            self._process.start()
        finally:
            child_end.close()

    def result(self, cancelled: Callable[[], bool] | None = None) -> Any:
        """The call's return value; :class:`ChildFailed` when it raised, the child ended
        without an answer, or ``cancelled()`` became true while waiting."""
        try:
            while not self._conn.poll(self.POLL_S):
                if cancelled is not None and cancelled():
                    raise ChildFailed("cancelled")
                if not self._process.is_alive() and not self._conn.poll():
                    raise ChildFailed(f"the child process ended without an answer "
                                      f"(exit code {self._process.exitcode})")
            ok, value = self._conn.recv()
        except (EOFError, OSError):  # the pipe closed: the child died (maybe mid-answer)
            self._process.join(timeout=1)
            raise ChildFailed(f"the child process ended without an answer "
                              f"(exit code {self._process.exitcode})") from None
        finally:
            self.close()
        if not ok:
            raise ChildFailed(str(value))
        return value

    @property
    def pid(self) -> int | None:
        """The child's process id (None before it started)."""
        return self._process.pid

    def close(self) -> None:
        """Stop the child if it still runs and free the pipe (idempotent)."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join(timeout=5)
        self._conn.close()

    def __enter__(self) -> ChildCall:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
