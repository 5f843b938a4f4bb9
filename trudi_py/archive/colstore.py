"""The archive's column store: a database's readings per UTC year as binary columns
(``columns/<usage-point-id>/<database>/<year>.bin``, issue 16).

Written by the archive job next to the database's CSV, from the same rows
(:class:`~trudi_py.archive.csvseries.RowsToSeries`: the columns reading the CSV gives), so
the GUI shows any range of a decade without reading the CSV or rebuilding raw/ answers: a
year is one member of ~2.5 MB that becomes :class:`~trudi_py.model.series.ChannelSeries`
without work per reading. ``verify`` compares every member with the CSV's columns
(:mod:`.colstore_check`). A member holds every channel of the database (an empty one where a
channel has no reading that year); the writer writes a member for every year from the first
reading's to the last one's, and none at all when a value does not fit 64 bits (then the
readings come from the CSV, as in an archive written before the column store existed).

Form (all integers little-endian): the line ``trudi-py columns 1``, one line of JSON
``{"year": Y, "channels": [{"obis", "meter-id", "readings": n, "status-table": [[cosem,
smgw, meter], …]}, …]}``, then per channel in that order: n target times and n capture times
(int64 microseconds since 1970 UTC, :data:`~trudi_py.model.series.NO_TIME` for none), n
values (int64), n status-table indexes (uint32), n signature flags (uint8, 1: signed).
"""

from __future__ import annotations

import json
import logging
import sys
from array import array
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable
from datetime import UTC, datetime
from typing import Any

from trudi_py.archive.bounded import MAX_CHANNELS
from trudi_py.archive.rawlog import safe_segment
from trudi_py.model.series import ChannelSeries, StatusWords, micros

MAGIC = b"trudi-py columns 1\n"
COLUMNS_PREFIX = "columns/"
#: A member larger than this is refused (a year of 8 channels of 15-minute values: ~8 MB).
MAX_COLUMNS_BYTES = 64 * 1024 * 1024
MAX_HEADER_BYTES = 1024 * 1024
_BYTES_PER_READING = 8 + 8 + 8 + 4 + 1
_FIRST_YEAR, _LAST_YEAR = 1970, 9998
_LITTLE = sys.byteorder == "little"

#: Readings of decoded years kept for the next range (~33 bytes each: ~50 MB).
MAX_KEPT_READINGS = 1_500_000
log = logging.getLogger(__name__)

__all__ = ["COLUMNS_PREFIX", "MAX_COLUMNS_BYTES", "ColumnsError", "DecodedYears",
           "columns_member", "columns_years", "decode_year", "merge_years", "reading_years",
           "stored_range", "year_members", "year_span"]


class ColumnsError(ValueError):
    """A column store member that is not of the form above (its reason as text)."""


def columns_member(usage_point_id: str, database: str, year: int) -> str:
    """``columns/<usage-point-id>/<database>/<year>.bin``."""
    return f"{_folder(usage_point_id, database)}{year:04d}.bin"


def _folder(usage_point_id: str, database: str) -> str:
    return f"{COLUMNS_PREFIX}{safe_segment(usage_point_id)}/{safe_segment(database)}/"


def columns_years(names: Collection[str], usage_point_id: str, database: str
                  ) -> dict[int, str]:
    """The years of the database's column store members among ``names`` (year → name)."""
    folder = _folder(usage_point_id, database)
    found: dict[int, str] = {}
    for name in names:
        if name.startswith(folder) and name.endswith(".bin"):
            stem = name[len(folder):-4]
            if len(stem) == 4 and stem.isdigit() and name == columns_member(
                    usage_point_id, database, int(stem)):
                found[int(stem)] = name
    return found


def year_span(year: int) -> tuple[int, int]:
    """The microseconds of 1 January of ``year`` and of the next year, 00:00 UTC."""
    return (micros(datetime(year, 1, 1, tzinfo=UTC)),
            micros(datetime(year + 1, 1, 1, tzinfo=UTC)))


def _year_of(us: int) -> int:
    return datetime.fromtimestamp(us // 1_000_000, UTC).year


def reading_years(series: list[ChannelSeries]) -> range:
    """The years a column store of these columns has a member for: from the first
    reading's to the last one's; none when a value does not fit 64 bits or a time lies
    outside the years 1970–9998."""
    filled = [s for s in series if len(s)]
    if not filled or len(series) > MAX_CHANNELS or \
            any(not isinstance(s.values, array) for s in series):
        return range(0)
    low = min(s.targets[0] for s in filled)
    high = max(s.targets[-1] for s in filled)
    if low < year_span(_FIRST_YEAR)[0] or high >= year_span(_LAST_YEAR)[1]:
        return range(0)
    return range(_year_of(low), _year_of(high) + 1)


def year_members(usage_point_id: str, database: str, series: list[ChannelSeries]
                 ) -> list[tuple[str, bytes]]:
    """The member names and bytes of a database's columns, one per year of
    :func:`reading_years`."""
    members = []
    for year in reading_years(series):
        start, end = year_span(year)
        parts = []
        for s in series:
            lo, hi = s.index_range(start, end - 1)
            parts.append(s if (lo, hi) == (0, len(s)) else ChannelSeries(
                s.obis, s.meter_id, s.targets[lo:hi], s.captures[lo:hi], s.values[lo:hi],
                s.status_index[lo:hi], s.status_table, s.signed_flags[lo:hi]))
        members.append((columns_member(usage_point_id, database, year),
                        encode_year(year, parts)))
    return members


def encode_year(year: int, series: list[ChannelSeries]) -> bytes:
    """One member's bytes (the form in the module's description)."""
    header = {"year": year, "channels": [
        {"obis": s.obis, "meter-id": s.meter_id, "readings": len(s),
         "status-table": [list(words) for words in s.status_table]} for s in series]}
    out = [MAGIC, json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"), b"\n"]
    for s in series:
        for column, code in ((s.targets, "q"), (s.captures, "q"), (s.values, "q"),
                             (s.status_index, "I"), (s.signed_flags, "B")):
            typed = column if isinstance(column, array) and column.typecode == code else \
                array(code, column)  # OverflowError for a value beyond 64 bits
            if not _LITTLE:
                typed = array(code, typed)
                typed.byteswap()
            out.append(typed.tobytes())
    return b"".join(out)


def decode_year(data: bytes, year: int) -> list[ChannelSeries]:
    """A member's channels; :class:`ColumnsError` when it is not of the form (every count,
    index and time checked: targets rising inside ``year``, flags 0 or 1)."""
    if not data.startswith(MAGIC):
        raise ColumnsError("not a column store member")
    end = data.find(b"\n", len(MAGIC), len(MAGIC) + MAX_HEADER_BYTES)
    if end < 0:
        raise ColumnsError("no header line")
    try:
        header = json.loads(data[len(MAGIC):end])
    except (ValueError, RecursionError) as exc:
        raise ColumnsError(f"header: {exc}") from None
    channels = _channels(header, year)
    lo_us, hi_us = year_span(year)
    view = memoryview(data)
    at = end + 1
    found: list[ChannelSeries] = []
    for obis, meter_id, n, table in channels:
        if at + n * _BYTES_PER_READING > len(data):
            raise ColumnsError(f"channel {obis}: fewer bytes than readings")
        cols = []
        for code, width in (("q", 8), ("q", 8), ("q", 8), ("I", 4), ("B", 1)):
            column = array(code)
            column.frombytes(view[at:at + n * width])
            if not _LITTLE:
                column.byteswap()
            cols.append(column)
            at += n * width
        targets, captures, values, index, signed = cols
        series = ChannelSeries(obis, meter_id, targets, captures, values, index, table, signed)
        _check(series, lo_us, hi_us)
        found.append(series)
    if at != len(data):
        raise ColumnsError("bytes after the last channel")
    return found


def _channels(header: Any, year: int) -> list[tuple[str, str, int, list[StatusWords]]]:
    if not isinstance(header, dict) or header.get("year") != year or \
            not isinstance(header.get("channels"), list) or \
            len(header["channels"]) > MAX_CHANNELS:
        raise ColumnsError("header not of the form")
    out = []
    for entry in header["channels"]:
        if not isinstance(entry, dict):
            raise ColumnsError("channel not of the form")
        obis, meter_id, n = entry.get("obis"), entry.get("meter-id"), entry.get("readings")
        table = entry.get("status-table")
        if not isinstance(obis, str) or not isinstance(meter_id, str) or \
                type(n) is not int or n < 0 or not isinstance(table, list) or any(
                    not isinstance(w, list) or len(w) != 3 or
                    not all(isinstance(x, str) for x in w) for w in table):
            raise ColumnsError("channel not of the form")
        out.append((obis, meter_id, n, [(w[0], w[1], w[2]) for w in table]))
    if len({c[0] for c in out}) != len(out):
        raise ColumnsError("a channel twice")
    return out


def _check(s: ChannelSeries, lo_us: int, hi_us: int) -> None:
    if not len(s):
        return
    t = s.targets
    if t[0] < lo_us or t[-1] >= hi_us or any(map(int.__gt__, t, t[1:])):
        raise ColumnsError(f"channel {s.obis}: target times not rising inside the year")
    if max(s.status_index) >= len(s.status_table) or max(s.signed_flags) > 1:
        raise ColumnsError(f"channel {s.obis}: status index or signature flag out of range")


def merge_years(parts: Iterable[list[ChannelSeries]]) -> list[ChannelSeries]:
    """Consecutive years' channels joined per channel (OBIS order, as the CSV gives them);
    status tables merged (the same words: one entry)."""
    merged: dict[str, ChannelSeries] = {}
    tables: dict[str, dict[StatusWords, int]] = {}
    for year in parts:
        for s in year:
            into = merged.get(s.obis)
            if into is None:
                merged[s.obis] = into = ChannelSeries(s.obis, s.meter_id)
                tables[s.obis] = {}
            if not len(s):
                continue
            if not len(into):
                into.meter_id = s.meter_id
            known = tables[s.obis]
            for words in s.status_table:
                if words not in known:
                    known[words] = len(into.status_table)
                    into.status_table.append(words)
            remap = [known[words] for words in s.status_table]
            into.targets.extend(s.targets)
            into.captures.extend(s.captures)
            into.values.extend(s.values)
            if remap == list(range(len(remap))):
                into.status_index.extend(s.status_index)
            else:
                into.status_index.extend(array("I", map(remap.__getitem__, s.status_index)))
            into.signed_flags.extend(s.signed_flags)
    return [merged[obis] for obis in sorted(merged)]


YearReader = Callable[[int], "list[ChannelSeries] | None"]


def stored_range(years: Collection[int], read_year: YearReader, start: datetime,
                 end: datetime, limit: int) -> list[ChannelSeries] | None:
    """The readings with ``start <= target time <= end`` per channel from a column store
    with members for ``years`` (``read_year`` decodes one; None: not usable), when every
    year of the range is usable and they hold at most ``limit`` readings; else None (then
    the CSV is read). A range outside the years gives the channels, empty."""
    if not years:
        return None
    first, last = min(years), max(years)
    lo = min(max(start.astimezone(UTC).year, first), last)  # outside: one year, cut empty
    hi = max(min(end.astimezone(UTC).year, last), lo)
    parts, count = [], 0
    for year in range(lo, hi + 1):
        found = read_year(year) if year in years else None
        if found is None:
            return None
        count += sum(map(len, found))
        if count > limit:  # as for the CSV: refused beyond the limit
            log.warning("column store: more than %d readings in the range; not used", limit)
            return None
        parts.append(found)
    return [s.between(start, end) for s in merge_years(parts)]


class DecodedYears:
    """Decoded years kept for the next range, the least recently used dropped beyond
    :data:`MAX_KEPT_READINGS`."""

    def __init__(self) -> None:
        self._kept: OrderedDict[object, list[ChannelSeries]] = OrderedDict()

    def get(self, key: object, decode: Callable[[], list[ChannelSeries] | None]
            ) -> list[ChannelSeries] | None:
        """The year kept under ``key``, else ``decode()``'s (kept unless None)."""
        found = self._kept.get(key)
        if found is not None:
            self._kept.move_to_end(key)
            return found
        found = decode()
        if found is not None:
            self._kept[key] = found
            while len(self._kept) > 1 and sum(
                    len(s) for cols in self._kept.values() for s in cols) > MAX_KEPT_READINGS:
                self._kept.popitem(last=False)
        return found
