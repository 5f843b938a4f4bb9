"""One channel's readings as compact columns: ten years of 15-minute values without a Python
object per reading.

A :class:`ChannelSeries` keeps target and capture times as integer microseconds since
1970-01-01 UTC and the raw register values as 64-bit integers (``array``), the status words
as indexes into a small table of distinct words. :meth:`ChannelSeries.window` hands out
:class:`~trudi_py.model.readings.Reading` records only for the part a computation looks at
(e.g. one billing period), so the memory of a long archive grows by ~30 bytes per reading,
not by a few hundred. Values are exact: an integer that does not fit 64 bits keeps the
column as Python integers.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from trudi_py.model.pieces import array_from_pieces, array_pieces
from trudi_py.model.readings import ChannelReadings, Reading

#: The capture-time value of a reading that has none.
NO_TIME = -(2 ** 63)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_US = timedelta(microseconds=1)

#: The status words of one reading: (cosem-status, smgw-status, meter-status).
StatusWords = tuple[str, str, str]


def micros(moment: datetime) -> int:
    """Microseconds since 1970-01-01 UTC of an aware datetime (exact, no float)."""
    return (moment - _EPOCH) // _ONE_US


def moment_of(us: int) -> datetime:
    """The aware UTC datetime of :func:`micros`' value."""
    return _EPOCH + timedelta(microseconds=us)


def _series_from_pieces(obis: str, meter_id: str, *columns: Any) -> ChannelSeries:
    """Unpickling a :class:`ChannelSeries` (see its ``__reduce__``)."""
    targets, captures, values, status_index, status_table, signed_flags = columns
    return ChannelSeries(
        obis, meter_id, array_from_pieces(*targets), array_from_pieces(*captures),
        array_from_pieces(*values) if values[0] else values[1],
        array_from_pieces(*status_index), status_table, array_from_pieces(*signed_flags))


@dataclass
class ChannelSeries:
    """The readings of one channel, sorted by target time (stable: equal times keep their
    order), in columns; ``signed_flags`` mark the readings that carry a signature."""

    obis: str
    meter_id: str
    targets: array = field(default_factory=lambda: array("q"))
    captures: array = field(default_factory=lambda: array("q"))
    values: array | list[int] = field(default_factory=lambda: array("q"))
    status_index: array = field(default_factory=lambda: array("I"))
    status_table: list[StatusWords] = field(default_factory=list)
    signed_flags: array = field(default_factory=lambda: array("B"))  # 1: has a signature

    def __len__(self) -> int:
        """The number of readings."""
        return len(self.targets)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickles the columns in pieces (:mod:`trudi_py.model.pieces`): a decade's series
        unpickled on a thread of the GUI's process lets its event loop run in between."""
        values = array_pieces(self.values) if isinstance(self.values, array) else \
            ("", self.values)
        return _series_from_pieces, (
            self.obis, self.meter_id, array_pieces(self.targets), array_pieces(self.captures),
            values, array_pieces(self.status_index), self.status_table,
            array_pieces(self.signed_flags))

    @property
    def signed(self) -> int:
        """How many readings carry a signature."""
        return sum(self.signed_flags)

    def between(self, start: datetime | None, end: datetime | None) -> ChannelSeries:
        """The readings with ``start <= target time <= end`` (the series itself when all are)."""
        lo, hi = self.index_range(micros(start) if start is not None else NO_TIME,
                                  micros(end) if end is not None else 2 ** 63 - 1)
        if lo == 0 and hi == len(self.targets):
            return self
        return ChannelSeries(self.obis, self.meter_id, self.targets[lo:hi],
                             self.captures[lo:hi], self.values[lo:hi],
                             self.status_index[lo:hi], self.status_table,
                             self.signed_flags[lo:hi])

    @property
    def last_target(self) -> datetime | None:
        """The latest target time (None for an empty series)."""
        return moment_of(self.targets[-1]) if self.targets else None

    def index_range(self, start_us: int, end_us: int) -> tuple[int, int]:
        """Positions ``lo, hi`` of the readings with ``start_us <= target <= end_us``."""
        return bisect_left(self.targets, start_us), bisect_right(self.targets, end_us)

    def value_at(self, moment: datetime) -> int | None:
        """The raw value of the reading with exactly this target time (the last of several),
        None when there is none."""
        us = micros(moment)
        i = bisect_right(self.targets, us) - 1
        return int(self.values[i]) if i >= 0 and self.targets[i] == us else None

    def reading(self, i: int) -> Reading:
        """Reading ``i`` as a model record (signature and owner number are not kept)."""
        cosem, smgw, meter = self.status_table[self.status_index[i]]
        capture = self.captures[i]
        return Reading(moment_of(self.targets[i]),
                       None if capture == NO_TIME else moment_of(capture),
                       str(self.values[i]), cosem, smgw, meter)

    def window(self, start: datetime | None = None, end: datetime | None = None
               ) -> ChannelReadings:
        """The readings with ``start <= target time <= end`` (either bound open when None)."""
        lo, hi = self.index_range(micros(start) if start is not None else NO_TIME,
                                  micros(end) if end is not None else 2 ** 63 - 1)
        return ChannelReadings(self.obis, self.meter_id,
                               tuple(self.reading(i) for i in range(lo, hi)))

    @classmethod
    def from_readings(cls, channel: ChannelReadings) -> ChannelSeries:
        """Columns of readings that are already objects (a live gateway's answer)."""
        builder = SeriesBuilder(channel.obis, channel.meter_id)
        for r in channel.readings:
            builder.add(micros(r.target_time),
                        micros(r.capture_time) if r.capture_time is not None else NO_TIME,
                        int(r.value), (r.cosem_status, r.smgw_status, r.meter_status),
                        bool(r.signature))
        return builder.finish()


class SeriesBuilder:
    """Collects one channel's readings row by row (any order) into a :class:`ChannelSeries`."""

    def __init__(self, obis: str, meter_id: str) -> None:
        self.series = ChannelSeries(obis, meter_id)
        self._statuses: dict[StatusWords, int] = {}
        self._sorted = True

    def add(self, target_us: int, capture_us: int, value: int, status: StatusWords,
            signed: bool) -> None:
        """One reading (``capture_us`` = :data:`NO_TIME` when it has none)."""
        s = self.series
        if s.targets and target_us < s.targets[-1]:
            self._sorted = False
        index = self._statuses.get(status)
        if index is None:
            index = self._statuses[status] = len(s.status_table)
            s.status_table.append(status)
        if isinstance(s.values, array):
            try:
                s.values.append(value)
            except OverflowError:  # beyond 64 bits: exact Python integers from here on
                s.values = list(s.values)
                s.values.append(value)
        else:
            s.values.append(value)
        s.targets.append(target_us)
        s.captures.append(capture_us)
        s.status_index.append(index)
        s.signed_flags.append(1 if signed else 0)

    def finish(self) -> ChannelSeries:
        """The series, sorted by target time (stable) if the rows were not."""
        s = self.series
        if not self._sorted:
            sort_by_target(s)
            self._sorted = True
        return s


def sort_by_target(s: ChannelSeries) -> None:
    """Reorder every column of ``s`` by target time, in place (stable for equal times)."""
    order = sorted(range(len(s.targets)), key=s.targets.__getitem__)
    s.targets = array("q", (s.targets[i] for i in order))
    s.captures = array("q", (s.captures[i] for i in order))
    s.status_index = array("I", (s.status_index[i] for i in order))
    s.signed_flags = array("B", (s.signed_flags[i] for i in order))
    values = [s.values[i] for i in order]
    s.values = values if isinstance(s.values, list) else array("q", values)
