"""One writer per store: an OS file lock next to the database (released when the process
dies, so a killed sync never leaves a stale lock)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from types import TracebackType

from trudi_py.errors import SyncDeferred
from trudi_py.i18n import msg


class StoreLock:
    """``with StoreLock(db_path, wait_s):`` — waits up to ``wait_s`` seconds, then refuses."""

    def __init__(self, db_path: Path, wait_s: float = 0.0) -> None:
        self.path = Path(str(db_path) + ".lock")
        self.wait_s = wait_s
        self._fd: int | None = None

    def _try(self, fd: int) -> bool:
        try:
            if sys.platform == "win32":
                import msvcrt
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            else:
                import fcntl
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def __enter__(self) -> StoreLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        deadline = time.monotonic() + self.wait_s
        while not self._try(fd):
            if time.monotonic() >= deadline:
                os.close(fd)
                raise SyncDeferred(msg("Another sync is using {name} right now; not starting a "
                                       "second one.", name=self.path.with_suffix('').name))
            time.sleep(0.1)
        self._fd = fd
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._fd is not None:
            if sys.platform == "win32":
                import msvcrt
                try:
                    os.lseek(self._fd, 0, os.SEEK_SET)
                    msvcrt.locking(self._fd, msvcrt.LK_UNLCK, 1)
                except OSError:
                    pass
            os.close(self._fd)  # closing releases the flock
            self._fd = None
