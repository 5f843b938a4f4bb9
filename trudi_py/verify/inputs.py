"""Source-independent input of the TAF computations (verify.md §A.2–§A.4).

The AR 2418-6 parser (:mod:`trudi_py.verify.ar2418`) produces these types, and so can any other
source (e.g. an archive's ``origin`` database plus a TAF profile from a CMS container, §F).
Times are :class:`datetime` objects: aware ones are absolute instants, naive ones are
Europe/Berlin wall time (an AR 2418-6 time without offset).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from operator import le
from typing import overload

from trudi_py.model.series import moment_of
from trudi_py.model.status import StatusWord


@dataclass(frozen=True)
class IntervalReading:
    """One ``IntervalReading``: raw register value, capture time, optional target time, status."""

    value: int | None
    capture: datetime | None
    target: datetime | None = None
    status_ptb: int | None = None
    status_fnn: str | None = None
    signature: str | None = None
    #: Microseconds since 1970 UTC of ``capture`` and ``target`` when the source already has
    #: them (compact series): spares converting the datetimes back (same instants).
    capture_us: int | None = field(default=None, repr=False, compare=False)
    target_us: int | None = field(default=None, repr=False, compare=False)

    @property
    def fnn_ptb(self) -> int | None:
        """The PTB status mapped from ``statusFNN`` (§B.2), None without one; unreadable → 3."""
        if self.status_fnn is None:
            return None
        return _fnn_to_ptb(self.status_fnn)

    @property
    def usable(self) -> bool:
        """§B.5: neither status is critical (3) or fatal (4)."""
        if self.status_ptb in (3, 4):
            return False
        return self.fnn_ptb not in (3, 4)


@lru_cache(maxsize=4096)
def _fnn_to_ptb(status_fnn: str) -> int:
    """PTB status of a statusFNN (cached: a list repeats a handful of words); unreadable → 3."""
    try:
        return StatusWord.parse(status_fnn).ptb
    except ValueError:
        return 3


def fnn_status(status_fnn: str | None) -> int | None:
    """:attr:`IntervalReading.fnn_ptb` of a reading with this ``statusFNN`` (cached)."""
    return None if status_fnn is None else _fnn_to_ptb(status_fnn)


@dataclass(frozen=True)
class ReadingColumns:
    """The readings of one block as columns (a compact series' window): no object per
    reading until one is asked for. Reading ``i`` is
    ``IntervalReading(values[i], capture, target, None, words[i], None, captures[i],
    targets[i])`` with the times as aware UTC datetimes."""

    targets: Sequence[int]  # microseconds since 1970 UTC
    captures: Sequence[int]  # microseconds; a reading without one has its target time here
    values: Sequence[int]
    words: Sequence[str | None]  # statusFNN per reading

    def __len__(self) -> int:
        """The number of readings."""
        return len(self.targets)

    def reading(self, i: int) -> IntervalReading:
        """Reading ``i`` as an :class:`IntervalReading`."""
        target, capture = self.targets[i], self.captures[i]
        return IntervalReading(self.values[i], moment_of(capture), moment_of(target), None,
                               self.words[i], None, capture, target)


class ColumnReadings(Sequence[IntervalReading]):
    """The readings of :class:`ReadingColumns` as a sequence; each object is made when it is
    read (the computations of an archive's lists use the columns themselves)."""

    __slots__ = ("columns",)

    def __init__(self, columns: ReadingColumns) -> None:
        self.columns = columns

    def __len__(self) -> int:
        """The number of readings."""
        return len(self.columns)

    @overload
    def __getitem__(self, i: int) -> IntervalReading: ...
    @overload
    def __getitem__(self, i: slice) -> tuple[IntervalReading, ...]: ...

    def __getitem__(self, i: int | slice) -> IntervalReading | tuple[IntervalReading, ...]:
        """Reading ``i`` (a slice: a tuple of readings)."""
        if isinstance(i, slice):
            return tuple(map(self.columns.reading, range(len(self))[i]))
        return self.columns.reading(range(len(self))[i])

    def __iter__(self) -> Iterator[IntervalReading]:
        """The readings in order."""
        return map(self.columns.reading, range(len(self)))

    def __eq__(self, other: object) -> bool:
        """Equal to any sequence of the same readings (a tuple of them too)."""
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        """The hash of the tuple of the readings."""
        return hash(tuple(self))


@dataclass(frozen=True)
class IntervalBlock:
    """An ``IntervalBlock``: its span (start + duration in seconds) and its readings."""

    start: datetime | None
    duration: int | None
    readings: Sequence[IntervalReading]


@dataclass(frozen=True)
class ValueList:
    """A ``MeterReading``; an original value list when :attr:`is_original` (§A.4)."""

    obis: str
    blocks: tuple[IntervalBlock, ...]
    scaler: int = 0
    power_of_ten: int = 0
    uom: int | None = None
    meter_id: str | None = None
    qualified_logical_name: str | None = None
    measurement_period: int = 0
    meter_reading_id: str | None = None
    #: The only block's readings as columns (an archive's window), for the fast paths.
    columns: ReadingColumns | None = field(default=None, compare=False, repr=False)

    @property
    def is_original(self) -> bool:
        """Meter id non-blank, logical name ``<obis>.<meterId>.<x>`` with that meter id."""
        if self.meter_id is None or not self.meter_id.strip():
            return False
        parts = (self.qualified_logical_name or "").split(".")
        return len(parts) == 3 and parts[1] == self.meter_id

    @property
    def obis_c(self) -> int:
        """OBIS value group C (1 = import 1.8, 2 = export 2.8)."""
        return obis_group(self.obis, 2)

    @classmethod
    def original(cls, obis: str, meter_id: str, readings: Sequence[IntervalReading], *,
                 scaler: int = 0, uom: int | None = 72, power_of_ten: int = 0,
                 measurement_period: int = 0) -> ValueList:
        """An original value list with one block spanning all readings (archive sources)."""
        from trudi_py.verify.timeline import US, abs_key
        moments = [m for m in (r.target or r.capture for r in readings) if m is not None]
        try:  # already in time order (a series' window): aware datetimes compare as instants
            in_order = bool(moments) and moments[0].tzinfo is not None and \
                all(map(le, moments, moments[1:]))
        except TypeError:  # naive and aware mixed
            in_order = False
        ordered = moments if in_order else sorted(moments, key=abs_key)
        start = ordered[0] if ordered else None
        duration = ((abs_key(ordered[-1]) - abs_key(ordered[0])) // US + 1) if ordered else 0
        return cls(obis=obis, blocks=(IntervalBlock(start, duration, tuple(readings)),),
                   scaler=scaler, power_of_ten=power_of_ten, uom=uom, meter_id=meter_id,
                   qualified_logical_name=f"{obis}.{meter_id}.sm",
                   measurement_period=measurement_period)

    @classmethod
    def of_columns(cls, obis: str, meter_id: str, columns: ReadingColumns, *,
                   scaler: int = 0, uom: int | None = 72) -> ValueList:
        """:meth:`original` of the readings in ``columns``, without an object per reading."""
        from trudi_py.verify.timeline import US
        targets = columns.targets
        if not targets:
            return cls.original(obis, meter_id, (), scaler=scaler, uom=uom)
        first, last = min(targets), max(targets)
        return cls(obis=obis, blocks=(IntervalBlock(moment_of(first), (last - first) // US + 1,
                                                    ColumnReadings(columns)),),
                   scaler=scaler, uom=uom, meter_id=meter_id,
                   qualified_logical_name=f"{obis}.{meter_id}.sm", columns=columns)


def obis_group(obis: str, index: int) -> int:
    """Byte ``index`` (0 = A … 5 = F) of a 12-hex-digit OBIS code; ValueError if not hex."""
    text = obis.strip()
    if len(text) != 12:
        raise ValueError(f"not a 12-digit OBIS code: {obis!r}")
    return int(text[2 * index:2 * index + 2], 16)


@dataclass(frozen=True)
class TariffStage:
    """A ``TariffStage``: tariff number and register OBIS."""

    tariff_number: int
    obis: str
    description: str | None = None


@dataclass(frozen=True)
class Slot:
    """A ``DayTimeProfile``: start time of day and tariff number (hundreds are kept, unused)."""

    hour: int
    minute: int
    second: int
    tariff_number: int
    hundreds: int = 0

    @property
    def seconds(self) -> int:
        """Seconds since midnight (TRuDI ignores the hundreds)."""
        return self.hour * 3600 + self.minute * 60 + self.second


@dataclass(frozen=True)
class DayProfile:
    """A ``DayProfile``: day id and its slots in file order."""

    day_id: int
    slots: tuple[Slot, ...]


@dataclass(frozen=True)
class SpecialDay:
    """A ``SpecialDayProfile``: which day profile applies on which date."""

    day: date
    day_id: int


@dataclass(frozen=True)
class AnalysisProfile:
    """The supplier's ``AnalysisProfile`` (§A.3)."""

    tariff_use_case: int | None
    billing_start: datetime | None
    billing_duration: int | None
    stages: tuple[TariffStage, ...] = ()
    day_profiles: tuple[DayProfile, ...] = ()
    special_days: tuple[SpecialDay, ...] = ()
    tariff_id: str | None = None
    default_tariff_number: int | None = None
    has_time_trigger: bool = True
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
