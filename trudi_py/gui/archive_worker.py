"""The readings of an opened archive, read in the chart process (no Qt here).

The GUI's process only sends the archive's path and the range; the child streams the
database's CSV member once into compact columns (:meth:`ArchiveSource.series`: ~33 bytes per
reading, no Python object per reading), keeps them for the next range, and answers with the
range's columns, the table's row order and the chart data — daily and monthly sums computed
once there, so a decade is drawn from a few thousand numbers. Nothing of this holds the GUI
process's interpreter lock, so the event loop never waits for it.
"""

from __future__ import annotations

import gc
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import wraps
from pathlib import Path
from typing import ParamSpec, TypeVar

from trudi_py.archive.reader import ArchiveSource
from trudi_py.errors import ArchiveError, TrudiError
from trudi_py.gui.chart_data import ChartData, prepare_chart_data
from trudi_py.gui.export import write_readings_csv
from trudi_py.gui.pages.readings_table import ReadingsTable
from trudi_py.model import Channel
from trudi_py.model.series import ChannelSeries
from trudi_py.verify.loadprofile import ProfileZones
from trudi_py.verify.zones import contract_zone_rule

#: Readings kept as columns in the child across loads (~33 bytes each: ~100 MB); the least
#: recently used database goes first.
MAX_CACHED_READINGS = 3_000_000


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


class _Opened:
    """The one archive the child has open, with the columns of the databases read so far."""

    def __init__(self, path: Path) -> None:
        stat = path.stat()
        self.key = (str(path), stat.st_mtime_ns, stat.st_size)
        self.source = ArchiveSource(path)
        self.columns: OrderedDict[tuple[str, str], list[ChannelSeries]] = OrderedDict()

    def series(self, upid: str, database: str) -> list[ChannelSeries]:
        """Every reading of one database as columns (read once, then from memory)."""
        key = (upid, database)
        found = self.columns.get(key)
        if found is None:
            found = self.source.series(upid, database)
            self.columns[key] = found
            while len(self.columns) > 1 and sum(
                    len(s) for cols in self.columns.values() for s in cols) > \
                    MAX_CACHED_READINGS:
                self.columns.popitem(last=False)
        self.columns.move_to_end(key)
        return found


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


def release() -> None:
    """Close the archive the child holds (its file is no longer in use)."""
    current = _state.pop("archive", None)
    if current is not None:
        current.source.close()


@_portable
def prefetch(path: Path, upid: str, database: str) -> int:
    """Read one database's columns ahead of a load (while the user picks a range); returns
    the number of readings."""
    return sum(len(s) for s in _opened(path).series(upid, database))


@_portable
def load_window(path: Path, upid: str, database: str, start: datetime,
                end: datetime) -> ArchiveWindow:
    """The readings with ``start <= target time <= end``: columns, row order and charts."""
    opened = _opened(path)
    source = opened.source
    info = source.usage_point_info(upid)
    db = info.database(database)
    meta = {c.obis: c for c in (db.channels if db else ())}
    series = [s.between(start, end) for s in opened.series(upid, database)]
    gateway = source.gateway_info() if info.taf_profile else None
    rule, rule_source = contract_zone_rule(info, gateway)
    table = ReadingsTable.build(series, meta)
    table.source_kind = source.kind
    if isinstance(rule, ProfileZones):  # the signed profile names the tariffs (HT, NT …)
        table.tariff_names = {st.tariff_number: st.description
                              for st in rule.profile.stages if st.description}
    return ArchiveWindow(meta, table, prepare_chart_data(series, meta, rule, rule_source))


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
