"""Original value lists of a gateway's ``origin`` database, windowed on demand (verify.md §F).

A decade of 15-minute meter readings stays in compact columns
(:class:`~trudi_py.model.series.ChannelSeries`); a billing period's computation asks an
:class:`OriginList` for the :class:`~trudi_py.verify.inputs.ValueList` of its own span (plus a
margin) and only those readings become objects. Same readings, same order, same statuses as
one list of all readings sliced afterwards, so the verdicts do not change.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from trudi_py.model import ChannelReadings, UsagePoint, UsagePointInfo
from trudi_py.model.series import NO_TIME, ChannelSeries, micros
from trudi_py.model.units import DLMS_TO_ESPI
from trudi_py.verify.inputs import ReadingColumns, ValueList

if TYPE_CHECKING:
    from trudi_py.model.source import DataSource

#: Readings outside a billing period taken into its window (the computation never looks
#: further than the period; the margin keeps target-time alignment at its edges exact).
WINDOW_MARGIN_S = 2 * 86400
_MARGIN_US = WINDOW_MARGIN_S * 1_000_000


def status_word(cosem: str, smgw: str, meter: str) -> str | None:
    """The reading's status as ``statusFNN`` text (§B.2): ``cosem-status``, else
    ``smgw-status`` + ``meter-status`` (8 hex digits each), else None."""
    if cosem:
        return cosem
    if smgw and meter:
        return smgw.rjust(8, "0") + meter.rjust(8, "0")
    return None


@dataclass(frozen=True)
class OriginList:
    """One ``origin`` channel as an original value list; :meth:`window` gives a period's."""

    series: ChannelSeries
    obis: str
    meter_id: str
    scaler: int = 0
    uom: int | None = None
    power_of_ten: int = 0
    _words: tuple[str | None, ...] = field(default=(), repr=False, compare=False)

    @classmethod
    def of(cls, series: ChannelSeries, meter_id: str, scaler: int, uom: int | None
           ) -> OriginList:
        """The list of ``series`` with its channel's scaler and ESPI unit."""
        words = tuple(status_word(*s) for s in series.status_table)
        return cls(series, series.obis, meter_id, scaler, uom, 0, words)

    @property
    def last_target(self) -> datetime | None:
        """The latest target time of the channel (None when it is empty)."""
        return self.series.last_target

    def window_size(self, start: datetime, end: datetime) -> int:
        """How many readings :meth:`window` would turn into objects."""
        lo, hi = self.series.index_range(micros(start) - _MARGIN_US, micros(end) + _MARGIN_US)
        return max(0, hi - lo)

    def window(self, start: datetime, end: datetime) -> ValueList:
        """The value list of the readings with target times in [start − 2 d, end + 2 d], as
        columns (slices of the series: no object per reading)."""
        s = self.series
        lo, hi = s.index_range(micros(start) - _MARGIN_US, micros(end) + _MARGIN_US)
        targets, captures = s.targets[lo:hi], s.captures[lo:hi]
        if NO_TIME in captures:  # a reading without capture time: its target time instead
            captures = array("q", map(_capture_or_target, captures, targets))
        words = list(map(self._words.__getitem__, s.status_index[lo:hi]))
        columns = ReadingColumns(targets, captures, s.values[lo:hi], words)
        return ValueList.of_columns(self.obis, self.meter_id, columns, scaler=self.scaler,
                                    uom=self.uom)


def _capture_or_target(capture: int, target: int) -> int:
    return target if capture == NO_TIME else capture


def origin_lists(point: UsagePoint, info: UsagePointInfo,
                 channels: Sequence[ChannelSeries | ChannelReadings]) -> list[OriginList]:
    """One :class:`OriginList` per ``origin`` channel (scaler and unit from
    ``usage-point-info``; the meter id of the channel, else of the contract)."""
    out = []
    for ch in channels:
        series = ch if isinstance(ch, ChannelSeries) else ChannelSeries.from_readings(ch)
        meta = info.channel("origin", series.obis)
        meter = series.meter_id or (point.meters[0] if point.meters else "") or "meter"
        out.append(OriginList.of(series, meter, meta.scaler if meta else 0,
                                 DLMS_TO_ESPI.get(meta.unit) if meta else None))
    return out


@runtime_checkable
class SeriesSource(Protocol):
    """A data source that can hand out a database as compact series (an opened archive)."""

    def series(self, usage_point_id: str, database: str, start: datetime | None = None,
               end: datetime | None = None) -> list[ChannelSeries]:
        """Every reading with ``start <= target time <= end`` per channel, as columns."""
        ...


def read_series(source: DataSource, usage_point_id: str, database: str, start: datetime,
                end: datetime) -> list[ChannelSeries]:
    """One database's readings with ``start <= target time <= end`` as compact series: read
    straight into columns where the source can (an archive: streamed, one database at a
    time), else converted from the source's records (a live gateway's answers)."""
    if isinstance(source, SeriesSource):
        return source.series(usage_point_id, database, start, end)
    return [ChannelSeries.from_readings(ch)
            for ch in source.readings(usage_point_id, database, start, end)]
