"""An opened archive's database, read ahead in the chart process while the user picks a
range (:func:`trudi_py.gui.archive_worker.prefetch`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from trudi_py.gui import archive_worker
from trudi_py.gui.worker import process_runner

#: The chart process starts building a database's last year from raw/ (~0.5 s on a thread of
#: its own, behind its tasks: a range asked for meanwhile does not queue behind it) on the
#: event loop's next turn after the database is chosen: choices made in one go (the boxes
#: filled when an archive opens) build only the last one.
RECENT_DELAY_MS = 0


class ArchivePrefetch(QObject):
    """Starts reading a chosen database's CSV at once, and building its last year from raw/
    on the next turn of the event loop — only for the last database chosen (a timer
    restarted per choice); both run on threads of the chart process."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._args: tuple[Path, str, str] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RECENT_DELAY_MS)
        self._timer.timeout.connect(self._build_recent)

    def choose(self, path: Path, upid: str, database: str) -> None:
        """A database was chosen in an opened archive."""
        self._args = (path, upid, database)
        process_runner().submit(archive_worker.prefetch, path, upid, database, False)
        self._timer.start()

    def forget(self) -> None:
        """The archive is closed or another source chosen: nothing more to build."""
        self._args = None
        self._timer.stop()

    def switch(self, old: Path | None, new: Path | None) -> None:
        """The page's archive changed from ``old`` to ``new`` (None: no archive): the chart
        process closes the old one (an archive it opened since stays open) and opens the new
        one at once, reading its raw/ index on a thread (every range from raw/ needs it)
        while the user chooses contract and range. (Called when the readings page takes the
        new source: after the overview's first paint — at the same time as the GUI's own
        opening, it made that paint wait for a core.)"""
        if old is not None and new != old:
            self.forget()
            process_runner().submit(archive_worker.release, old)
        if new is not None and new != old:
            process_runner().submit(archive_worker.open_early, new)

    def _build_recent(self) -> None:
        if self._args is not None:
            process_runner().submit(archive_worker.prefetch, *self._args)
