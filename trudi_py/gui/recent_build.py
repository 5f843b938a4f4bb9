"""The last days of an opened archive's database built from its ``raw/`` answers on a thread
of the chart process (:class:`~trudi_py.gui.background_read.GatedJob`), for
:mod:`~trudi_py.gui.archive_worker` (no Qt here)."""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from trudi_py.archive.reader import ArchiveSource
from trudi_py.gui.background_read import GatedJob
from trudi_py.model.series import ChannelSeries

#: A range is built from ``raw/`` while its database's CSV is not yet read when its answers
#: are at most this share of the CSV member (compressed bytes): a year of a decade's ~0.1;
#: a whole decade from raw/ would cost more than waiting for the CSV.
RAW_SHARE = 1 / 3
#: When a database is chosen, the chart process builds its last this many days from raw/
#: on a thread (the presets "last day" … "last 12 months" are then cut from them) — also
#: when that is the whole database (a household's first year: its answers cost about as
#: much as its CSV, but the build is bounded and wanted first, the CSV read waits behind it).
RECENT_DAYS = 400
_FAR = datetime(9999, 12, 31, tzinfo=UTC)

Recent = tuple[datetime, list[ChannelSeries]]  # the time the columns start at, the columns


class RecentBuild:
    """The build of a database's last :attr:`days` from raw/ on a thread of its own
    (see :class:`~trudi_py.gui.background_read.GatedJob`)."""

    #: how many days are built (:data:`RECENT_DAYS`; a class attribute: tests set it in the
    #: chart process with ``setattr``)
    days = RECENT_DAYS

    def __init__(self, source: ArchiveSource, upid: str, database: str) -> None:
        self.source, self.upid, self.database = source, upid, database
        #: the time the columns will start at, once known (None: raw/ cannot give them)
        self.since: datetime | None = None
        self._known = threading.Event()
        self.job = GatedJob(self._run, "archive recent build")

    def covers(self, start: datetime, wait: bool) -> bool:
        """Whether the columns will hold ``start`` on; ``wait``: for the time they start
        at (the raw/ index read first; the gate held open), else False while unknown."""
        if wait and not self._known.is_set():
            with self.job.gate.held_open():
                while not self._known.wait(0.05) and not self.job.done():
                    pass
        since = self.since if self._known.is_set() else None
        return since is not None and start >= since

    def _run(self, pace: Callable[[], None]) -> Recent | None:
        try:
            until = self.source.raw_until(self.upid, self.database)
            self.since = None if until is None else until - timedelta(days=self.days)
        finally:
            self._known.set()
        if self.since is None:
            return None
        found = self.source.raw_series(self.upid, self.database, self.since, _FAR,
                                       math.inf, pace)  # bounded by the days, not a share
        return None if found is None else (self.since, found)


__all__ = ["RAW_SHARE", "RECENT_DAYS", "Recent", "RecentBuild"]
