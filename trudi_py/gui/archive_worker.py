"""The readings of an opened archive, read in the chart process (no Qt here).

The GUI's process only sends the archive's path and the range; the child answers with the
range's columns, the table's row order and the chart data — daily and monthly sums computed
there, so a decade is drawn from a few thousand numbers; nothing of this holds the GUI
process's interpreter lock. A column store gives any range's columns at once: the
archive's own, or for an earlier archive the one this computer cached when its CSV was read
(:mod:`~trudi_py.gui.column_cache`); else the child streams the database's CSV once into
compact columns (:meth:`ArchiveSource.series`) and keeps them for the next range.

Reading a decade's CSV takes seconds. So as soon as a database is chosen (:func:`prefetch`)
a thread of the child starts reading it (:mod:`~trudi_py.gui.background_read`: only while
the child has no task), and a range asked for before it is done is built from the
archive's ``raw/`` answers of that range instead (:meth:`ArchiveSource.raw_series`: a year
is ~12 answers, the same columns as the CSV gives). A range that raw/ cannot give (a PPC
archive, an answer missing or not decodable, most of the database) waits for the CSV.

The database's last year is built from raw/ ahead too (the presets "last day" … "last 12
months"), on one more thread of the child (:mod:`~trudi_py.gui.recent_build`: before the CSV,
also only while the child has no task): a task never queues behind that build — the decade's
chart from the day summary comes at once — and a range inside it asked for meanwhile waits
for it (the gate held open) instead of building the same answers again.
"""

from __future__ import annotations

import gc
import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import wraps
from pathlib import Path
from typing import ParamSpec, TypeVar

from trudi_py.archive.manifest import readings_member
from trudi_py.archive.reader import ArchiveSource
from trudi_py.archive.summary import DayChannel
from trudi_py.errors import ArchiveError, TrudiError
from trudi_py.gui import day_cache
from trudi_py.gui.background_read import GatedJob, Reader
from trudi_py.gui.chart_data import (
    DAILY_ABOVE_DAYS,
    ChartData,
    prepare_chart_data,
    summary_chart_data,
)
from trudi_py.gui.column_cache import ColumnStores
from trudi_py.gui.export import write_readings_csv
from trudi_py.gui.pages.readings_table import ReadingsTable
from trudi_py.gui.recent_build import RAW_SHARE, RECENT_DAYS, RecentBuild
from trudi_py.model import Channel
from trudi_py.model.series import ChannelSeries
from trudi_py.verify.loadprofile import ProfileZones
from trudi_py.verify.zones import contract_zone_rule

#: Readings kept as columns in the child across loads (~33 bytes each: ~100 MB); the least
#: recently used database goes first.
MAX_CACHED_READINGS = 3_000_000

log = logging.getLogger(__name__)


P = ParamSpec("P")
R = TypeVar("R")


class ArchiveReadError(ArchiveError):
    """An error of ours raised in the child, brought to the GUI with both languages of its
    message (some error classes take other arguments than their message, and a pickled
    exception is rebuilt from its arguments)."""

    def __reduce__(self) -> tuple[type[ArchiveReadError], tuple[object]]:
        """Rebuilt from the message itself (English and German)."""
        return ArchiveReadError, (self.msg,)


def _portable(fn: Callable[P, R]) -> Callable[P, R]:
    """Our errors leave the child as :class:`ArchiveReadError` with the same message."""
    @wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except ArchiveReadError:
            raise
        except TrudiError as exc:
            raise ArchiveReadError(exc.msg) from None
    return run


@dataclass
class ArchiveWindow:
    """What the child sends back for one range of one database."""

    meta: dict[str, Channel]
    table: ReadingsTable
    chart: ChartData
    #: "columns", "stored", "raw" or "csv": how the child got the range
    #: (see ``_Opened.range_series``)
    route: str = "columns"
    #: CPU seconds the child's main thread spent on this range (benchmarks)
    cpu_s: float = 0.0


class _Opened:
    """The one archive the child has open, with the columns of the databases read so far
    and the reader that reads more behind the child's tasks."""

    def __init__(self, path: Path) -> None:
        stat = path.stat()
        self.key = (str(path), stat.st_mtime_ns, stat.st_size)
        self.source = ArchiveSource(path)
        self.columns: OrderedDict[tuple[str, str], list[ChannelSeries]] = OrderedDict()
        self.reader = Reader(path)
        #: per database: the readings from a time on, built from raw/ (until the CSV is read)
        self.recent: dict[tuple[str, str], tuple[datetime, list[ChannelSeries]]] = {}
        #: per database: the build of :attr:`recent` still running on its thread
        self.building: dict[tuple[str, str], RecentBuild] = {}
        #: per database: its energy per local day (the day summary member or this computer's
        #: cache), None where there is none
        self.days: dict[tuple[str, str], list[DayChannel] | None] = {}
        #: the raw/ index read at once (every range from raw/ needs it; the user is still
        #: choosing a contract and database) — not for an archive with a column store
        self.indexing = None if self.source.has_column_store() else GatedJob(
            lambda _pace: self.source.read_raw_index(), "archive raw index")
        #: the archive's column store, or this computer's cache of one
        self.stores = ColumnStores(self.source)

    def day_sums(self, upid: str, database: str) -> list[DayChannel] | None:
        """The database's energy per local day: the archive's day summary member, else
        the day sums cached when its CSV was read before (None: neither)."""
        key = (upid, database)
        if key not in self.days:
            found = self.source.day_summary(upid, database)
            if found is None:
                found = day_cache.load(self._csv_digest(upid, database))
            self.days[key] = found
        return self.days[key]

    def _csv_digest(self, upid: str, database: str) -> str | None:
        return self.source.listed_sha256(readings_member(upid, database))

    def start_reading(self, upid: str, database: str) -> None:
        """Have the reader read one database's CSV next (unless it is read already)."""
        if (upid, database) not in self.columns and \
                not self.stores.has(upid, database):  # a column store has them
            self.reader.want((upid, database))

    def build_recent(self, upid: str, database: str) -> None:
        """Start building the database's last days from raw/ on a thread
        (:meth:`recent_range` takes the result), unless it is at hand or being built; a
        build of a database chosen before stops (the user went on: it would only share the
        processor with this one)."""
        key = (upid, database)
        for other in [k for k in self.building if k != key]:  # chosen before: not needed now
            self.building.pop(other).job.stop()
        if key in self.columns or key in self.recent or key in self.building or \
                self.stores.has(upid, database):  # a column store has them
            return
        # the source is shared (zipfile reads members from several threads; opening the
        # archive again costs ~0.2 s): the build runs between tasks
        self.building[key] = RecentBuild(self.source, upid, database)

    def recent_range(self, upid: str, database: str, start: datetime, wait: bool
                     ) -> list[ChannelSeries] | None:
        """The database's recent columns from raw/ when they hold ``start`` on (a superset
        of the range), else None; a build still running is waited for (``wait``, the gate
        held open) only when it will hold the range."""
        key = (upid, database)
        build = self.building.get(key)
        if build is not None and (build.job.done() or wait and build.covers(start, True)):
            del self.building[key]
            try:
                found = build.job.wait()
            except Exception as exc:  # e.g. stopped: the range is read as without the build
                log.debug("no recent range from raw/ for %s/%s: %r", upid, database, exc)
                found = None
            if found is not None:
                self.recent[key] = found
        recent = self.recent.get(key)
        return recent[1] if recent is not None and start >= recent[0] else None

    def ready(self, upid: str, database: str) -> list[ChannelSeries] | None:
        """The database's columns if read already (without waiting), else None."""
        key = (upid, database)
        done = self.reader.take(key)
        if done is not None:
            self._keep(key, done)
        found = self.columns.get(key)
        if found is not None:
            self.columns.move_to_end(key)
            self.recent.pop(key, None)
            build = self.building.pop(key, None)
            if build is not None:  # no longer needed
                build.job.stop()
        return found

    def series(self, upid: str, database: str) -> list[ChannelSeries]:
        """Every reading of one database as columns (read once, then from memory)."""
        found = self.ready(upid, database)
        if found is None:
            found = self.reader.wait((upid, database))
            self._keep((upid, database), found)
        return found

    def _keep(self, key: tuple[str, str], found: list[ChannelSeries]) -> None:
        if self.day_sums(*key) is None:  # an archive without day summary: cache them
            db = self.source.usage_point_info(key[0]).database(key[1])
            day_cache.store(self._csv_digest(*key), *key, found,
                            {c.obis: c for c in (db.channels if db else ())})
            self.days.pop(key, None)
        self.stores.keep(*key, found)  # an archive without column store: cache one
        self.columns[key] = found
        self.columns.move_to_end(key)
        while len(self.columns) > 1 and sum(
                len(s) for cols in self.columns.values() for s in cols) > \
                MAX_CACHED_READINGS:
            self.columns.popitem(last=False)

    def quick(self, upid: str, database: str, start: datetime, end: datetime) -> bool:
        """Whether :meth:`range_series` can give the range without waiting for the CSV
        (then its charts come with the table; the day sums would only draw them twice)."""
        if self.ready(upid, database) is not None or self._stored_quick(
                upid, database, start, end):
            return True
        build = self.building.get((upid, database))
        # (the build knows its start at once: the raw/ index was read when the archive
        # opened; not knowing it, a first year's range went the day sums' way first and
        # drew its charts twice)
        if self.recent_range(upid, database, start, False) is not None or \
                build is not None and build.covers(start, True):
            return True
        if not self.reader.pending((upid, database)) or \
                self._most_days(upid, database, start, end):
            return False
        share = self.source.raw_share(upid, database, start, end)
        return share is not None and share <= RAW_SHARE

    def _stored_quick(self, upid: str, database: str, start: datetime, end: datetime
                      ) -> bool:
        """Whether a column store gives the range, up to :data:`RECENT_DAYS` long (a
        decade's table and charts take ~1.5 s: its day sums draw the charts first)."""
        return end - start <= timedelta(days=RECENT_DAYS) and \
            self.stores.range(upid, database, start, end) is not None

    def _most_days(self, upid: str, database: str, start: datetime, end: datetime) -> bool:
        """Whether the range holds more than :data:`RAW_SHARE` of the database's days (by
        its day sums; False without them): raw/ would cost more than the CSV — told without
        reading the raw/ index (~0.1 s for a decade, the build's thread reads it)."""
        days = max((c.days for c in self.day_sums(upid, database) or ()), key=len, default=[])
        first, last = start.timestamp() // 86400, end.timestamp() // 86400
        return sum(1 for d, _e, _n in days if first <= d <= last) > RAW_SHARE * len(days) > 0

    def range_series(self, upid: str, database: str, start: datetime, end: datetime
                     ) -> tuple[list[ChannelSeries], str]:
        """The range's columns and where they came from: ``"columns"`` (the database read
        already), ``"stored"`` (a column store), ``"raw"`` (its answers in raw/,
        the CSV still being read) or ``"csv"`` (waited for the CSV)."""
        found = self.ready(upid, database)
        if found is not None:
            return [s.between(start, end) for s in found], "columns"
        stored = self.stores.range(upid, database, start, end)
        if stored is not None:
            return stored, "stored"
        recent = self.recent_range(upid, database, start, True)
        if recent is not None:  # a superset: cut exactly
            return [s.between(start, end) for s in recent], "raw"
        if self.reader.pending((upid, database)):
            raw = self.source.raw_series(upid, database, start, end, RAW_SHARE)
            if raw is not None:
                return raw, "raw"
        return [s.between(start, end) for s in self.series(upid, database)], "csv"

    def close(self) -> None:
        """Stop the reads and builds still running and close the archive."""
        if self.indexing is not None:
            self.indexing.stop()  # first: the reader waits while these jobs run
        for build in self.building.values():
            build.job.stop()
        self.building.clear()
        self.reader.stop()
        self.source.close()


_state: dict[str, _Opened] = {}


def _opened(path: Path) -> _Opened:
    path = Path(path)
    current = _state.get("archive")
    stat = path.stat()
    if current is None or current.key != (str(path), stat.st_mtime_ns, stat.st_size):
        release()
        current = _state["archive"] = _Opened(path)
    return current


def warm_up() -> None:
    """Import and exercise what the first archive load and chart need (in the child, right
    after it starts, while the user still reads the start page); then move all of it out
    of the garbage collector's sight, as the GUI's process does (measured: reading a
    decade's CSV took 10.6 s instead of 3.6 s while every full collection walked
    matplotlib's objects)."""
    from trudi_py.gui.chart_draw import warm_up as charts_warm_up
    charts_warm_up()
    gc.collect()
    gc.freeze()


def release(path: Path | None = None) -> None:
    """Close the archive the child holds (its file is no longer in use); with ``path``,
    only when it is that one (an archive opened since stays open)."""
    current = _state.get("archive")
    if current is not None and (path is None or current.key[0] == str(path)):
        del _state["archive"]
        current.close()


def open_early(path: Path) -> None:
    """Open an archive in the child ahead of its first range (its raw/ index is read on a
    thread at once: every range from raw/ needs it); an archive that cannot be opened is
    left to the GUI's own opening, which says why."""
    try:
        _opened(path)
    except (OSError, TrudiError) as exc:
        log.debug("archive %s not opened ahead: %r", path, exc)


@_portable
def prefetch(path: Path, upid: str, database: str, recent: bool = True) -> None:
    """Start reading one database's CSV into columns on a thread of the child (while the
    user picks a range), and (``recent``) building its last year from raw/ on another one
    (~0.5 s, before the CSV: a "last …" range is then there at once); returns at once."""
    opened = _opened(path)
    opened.start_reading(upid, database)
    if recent:
        opened.build_recent(upid, database)


@_portable
def wait_for_columns(path: Path, upid: str, database: str) -> int:
    """Wait until one database's columns are read (tests, benchmarks); the number of
    readings."""
    return sum(len(s) for s in _opened(path).series(upid, database))


@_portable
def load_window(path: Path, upid: str, database: str, start: datetime,
                end: datetime) -> ArchiveWindow:
    """The readings with ``start <= target time <= end``: columns, row order and charts."""
    started = time.thread_time()
    opened = _opened(path)
    source = opened.source
    info = source.usage_point_info(upid)
    db = info.database(database)
    meta = {c.obis: c for c in (db.channels if db else ())}
    series, route = opened.range_series(upid, database, start, end)
    log.debug("range of %s/%s from %s", upid, database, route)
    gateway = source.gateway_info() if info.taf_profile else None
    rule, rule_source = contract_zone_rule(info, gateway)
    table = ReadingsTable.build(series, meta)
    table.source_kind = source.kind
    if isinstance(rule, ProfileZones):  # the signed profile names the tariffs (HT, NT …)
        table.tariff_names = {st.tariff_number: st.description
                              for st in rule.profile.stages if st.description}
    chart = prepare_chart_data(series, meta, rule, rule_source)
    return ArchiveWindow(meta, table, chart, route, time.thread_time() - started)


@_portable
def summary_window(path: Path, upid: str, database: str, start: datetime,
                   end: datetime) -> ChartData | None:
    """The daily, monthly and load-profile charts of a range longer than
    :data:`~trudi_py.gui.chart_data.DAILY_ABOVE_DAYS` from the database's energy per day
    (:meth:`_Opened.day_sums`), at once — without its CSV; None when there are none, the
    range is shorter or its readings are at hand already (then :func:`load_window` gives
    them with the table)."""
    if end - start <= timedelta(days=DAILY_ABOVE_DAYS):
        return None
    opened = _opened(path)
    if opened.quick(upid, database, start, end):
        return None
    channels = opened.day_sums(upid, database)
    if channels is None:
        return None
    db = opened.source.usage_point_info(upid).database(database)
    meta = {c.obis: c for c in (db.channels if db else ())}
    chart = summary_chart_data(channels, meta, start, end)
    return chart if chart.series else None


@_portable
def export_csv(path: Path, upid: str, database: str, start: datetime, end: datetime,
               out: Path) -> int:
    """Write the range's readings in the archive's CSV columns (signatures included) to
    ``out``; returns the number of rows."""
    source = _opened(path).source
    info = source.usage_point_info(upid)
    db = info.database(database)
    meta = {c.obis: c for c in (db.channels if db else ())}
    return write_readings_csv(out, source.readings(upid, database, start, end), meta)
