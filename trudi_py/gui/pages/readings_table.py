"""The rows of the readings table over compact columns (no Qt: built on a worker thread or in
the chart process): one time-ordered row order as two integer arrays, the notable rows as
a third; a :class:`~trudi_py.model.readings.Reading` is made only for a row on screen."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, overload

import numpy as np

from trudi_py.history.source import HistorySource, Origin
from trudi_py.model import Channel, ChannelReadings, Reading, StatusWord
from trudi_py.model.pieces import ndarray_from_pieces, ndarray_pieces
from trudi_py.model.series import ChannelSeries

#: Flags that are normal while a PV system feeds in: shown, but not highlighted.
FEED_IN_FLAGS = frozenset({"meter:energy-direction-negative", "meter:l1-direction-negative",
                           "meter:l2-direction-negative", "meter:l3-direction-negative"})


def status_is_notable(cosem: str) -> bool:
    """True when a status word deserves a look: unreadable, a PTB level above 0, or a flag
    other than feeding in."""
    if not cosem:
        return False
    try:
        word = StatusWord.parse(cosem)
    except ValueError:
        return True
    alarming = [f for f in word.notable_flags if f not in FEED_IN_FLAGS]
    return bool(alarming) or word.ptb > 0


class Rows(Sequence[tuple[int, Reading]]):
    """``(channel index, Reading)`` per row, made on access from the columns."""

    def __init__(self, table: ReadingsTable) -> None:
        self._table = table

    def __len__(self) -> int:
        """Number of rows."""
        return len(self._table.row_channel)

    @overload
    def __getitem__(self, n: int) -> tuple[int, Reading]: ...

    @overload
    def __getitem__(self, n: slice) -> list[tuple[int, Reading]]: ...

    def __getitem__(self, n: int | slice) -> tuple[int, Reading] | list[tuple[int, Reading]]:
        """Row ``n`` (or a slice of rows) as ``(channel index, Reading)``."""
        if isinstance(n, slice):
            return [self[i] for i in range(*n.indices(len(self)))]
        return self._table.row(n)

    def __iter__(self) -> Iterator[tuple[int, Reading]]:
        """Every row in time order."""
        return (self._table.row(i) for i in range(len(self)))


def _table_from_pieces(series: list[ChannelSeries], meta: dict[str, Channel],
                       row_channel: tuple[str, list[bytes]],
                       row_position: tuple[str, list[bytes]], *rest: Any) -> ReadingsTable:
    """Unpickling a :class:`ReadingsTable` (see its ``__reduce__``)."""
    return ReadingsTable(series, meta, ndarray_from_pieces(*row_channel),
                         ndarray_from_pieces(*row_position), *rest)


@dataclass
class ReadingsTable:
    """Every reading of the loaded range in columns, with the time order of the rows."""

    series: list[ChannelSeries]
    meta: dict[str, Channel]
    #: row → channel index and position in that channel (time, then channel order)
    row_channel: np.ndarray = field(default_factory=lambda: np.array([], dtype=np.int32))
    row_position: np.ndarray = field(default_factory=lambda: np.array([], dtype=np.int64))
    #: the row numbers whose status is notable (few: a plain list)
    notable: list[int] = field(default_factory=list)
    #: tariff number → name from the signed tariff profile (``{1: "NT", 2: "HT"}``)
    tariff_names: dict[int, str] = field(default_factory=dict)
    #: where the values came from: "gateway", "archive" or "history" (see ``origins``)
    source_kind: str = ""
    #: history only: per OBIS which fetch delivered which values
    origins: dict[str, Origin] = field(default_factory=dict)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickles the row order in pieces, as :class:`ChannelSeries` its columns (the chart
        process's result is unpickled on a thread of the GUI's process: see
        :mod:`trudi_py.model.pieces`)."""
        return _table_from_pieces, (
            self.series, self.meta, ndarray_pieces(self.row_channel),
            ndarray_pieces(self.row_position), self.notable, self.tariff_names,
            self.source_kind, self.origins)

    @property
    def channels(self) -> list[ChannelSeries]:
        """The channels (compact columns), in the order the rows refer to."""
        return self.series

    @property
    def rows(self) -> Rows:
        """``(channel index, Reading)`` per row, made on access."""
        return Rows(self)

    def row(self, n: int) -> tuple[int, Reading]:
        """Row ``n`` as ``(channel index, Reading)``."""
        ch = int(self.row_channel[n])
        return ch, self.series[ch].reading(int(self.row_position[n]))

    def cosem_status(self, n: int) -> str:
        """The COSEM status word of row ``n`` (without making a Reading)."""
        ch = self.series[int(self.row_channel[n])]
        return ch.status_table[ch.status_index[int(self.row_position[n])]][0]

    def attach_origin(self, source: Any, usage_point_id: str, database: str,
                      start: datetime, end: datetime) -> None:
        """Note where the values come from (a history: the fetch of each value)."""
        self.source_kind = str(getattr(source, "kind", ""))
        if isinstance(source, HistorySource):
            self.origins = source.origins(usage_point_id, database, start, end)

    @classmethod
    def build(cls, channels: Sequence[ChannelSeries | ChannelReadings],
              meta: dict[str, Channel]) -> ReadingsTable:
        """Order the rows by time (then channel) and mark the notable ones, with numpy."""
        series = [c if isinstance(c, ChannelSeries) else ChannelSeries.from_readings(c)
                  for c in channels]
        table = cls(series, meta)
        if not series or not any(len(s) for s in series):
            return table
        times = np.concatenate([np.frombuffer(s.targets, dtype=np.int64) for s in series
                                if len(s)])
        channel = np.concatenate([np.full(len(s), i, dtype=np.int32)
                                  for i, s in enumerate(series) if len(s)])
        position = np.concatenate([np.arange(len(s), dtype=np.int64) for s in series
                                   if len(s)])
        order = np.lexsort((channel, times))  # by time, then channel (stable)
        table.row_channel, table.row_position = channel[order], position[order]
        flags = [np.array([status_is_notable(words[0]) for words in s.status_table],
                          dtype=bool) for s in series]
        notable = np.concatenate([flags[i][np.frombuffer(s.status_index, dtype=np.uint32)]
                                  if len(s) else np.array([], dtype=bool)
                                  for i, s in enumerate(series)])
        table.notable = np.flatnonzero(notable[order]).tolist()
        return table

    @property
    def count(self) -> int:
        """Number of rows (values) in the table."""
        return len(self.row_channel)
