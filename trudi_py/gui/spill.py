"""A chart-process result too large for the pipe, handed over in a temporary file.

``concurrent.futures`` reads a child's result on a thread of the GUI's process from a pipe
into one growing buffer and unpickles it there; growing that buffer copies up to its whole
size with the interpreter lock held. For a decade's readings table (~29 MB) that kept the
GUI thread waiting ~15 ms on an idle machine and 44–77 ms with a second CPU-busy process.
A result of :data:`SPILL_BYTES` or more is therefore written by the child to a temporary
file and only its name goes through the pipe; the GUI's side reads the file with the lock
released (``readinto`` a buffer numpy allocates untouched) and unpickles it — columns and
row order in pieces (:mod:`trudi_py.model.pieces`), so the event loop runs in between. The
file is deleted as soon as it is read, or when its task is no longer wanted; one left by a
GUI that ended first is deleted by the next start (:func:`sweep`).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from trudi_py.errors import TrudiError
from trudi_py.gui.background_read import in_foreground
from trudi_py.i18n import msg

#: Results this large (pickled) go through a file (a year's table and charts: ~3 MB).
SPILL_BYTES = 4 << 20
#: Bytes per read of the file (the lock is released during each).
READ_BYTES = 4 << 20
#: The temporary files' name prefix.
PREFIX = "trudi-py-result-"
#: A result file older than this was left by a GUI that ended before reading it.
STALE_SECONDS = 3600


@dataclass(frozen=True)
class Spilled:
    """What the pipe carries instead of a large result."""

    path: str
    size: int


def run_in_child(fn: Callable[..., Any], *args: Any) -> Any:
    """In the chart process: run a task with the readers paused; its result, or a
    :class:`Spilled` for a large one."""
    result = in_foreground(fn, *args)
    data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    if len(data) < SPILL_BYTES:
        return result
    fd, path = tempfile.mkstemp(prefix=PREFIX)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
    except BaseException:
        discard(Spilled(path, 0))
        raise
    return Spilled(path, len(data))


def receive(payload: Any) -> Any:
    """In the GUI's process (any thread): the result itself; a spilled one read, unpickled
    and its file deleted."""
    if not isinstance(payload, Spilled):
        return payload
    try:
        buffer = np.empty(payload.size, dtype=np.uint8)
        view, got = buffer.data, 0
        with open(payload.path, "rb", buffering=0) as data:
            while got < payload.size:
                n = data.readinto(view[got:got + READ_BYTES])
                if not n:
                    break
                got += n
        if got != payload.size or os.path.getsize(payload.path) != payload.size:
            raise TrudiError(msg("The chart process's result file is incomplete."))
        return pickle.loads(view)
    finally:
        discard(payload)


def discard(payload: Any) -> None:
    """Delete a spilled result's file (a task no longer wanted); nothing for another."""
    if isinstance(payload, Spilled):
        with contextlib.suppress(OSError):
            os.unlink(payload.path)


def sweep(folder: str | None = None, now: float | None = None) -> int:
    """Delete result files older than :data:`STALE_SECONDS` (a running GUI reads its own
    within seconds); the number deleted."""
    limit = (time.time() if now is None else now) - STALE_SECONDS
    gone = 0
    for path in Path(folder or tempfile.gettempdir()).glob(f"{PREFIX}*"):
        with contextlib.suppress(OSError):
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
                gone += 1
    return gone
