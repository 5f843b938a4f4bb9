"""Wall time, target times and the reading lookup of TRuDI (verify.md §A.5–§A.7).

Times are handled as integer microseconds: a *wall key* counts microseconds of Europe/Berlin
wall time since 0001-01-01 00:00 (no offset, so the repeated hour on the day summer time ends
maps twice onto the same keys, as in TRuDI); an *absolute key* counts microseconds since
1970-01-01 UTC. Equality with slot times and all lookups are plain dict/int operations.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import repeat
from operator import add, floordiv, le, sub
from typing import NamedTuple

from trudi_py.model.times import BERLIN, berlin_offset_of_hour
from trudi_py.verify.inputs import (
    IntervalBlock,
    IntervalReading,
    ReadingColumns,
    ValueList,
    fnn_status,
)

US = 1_000_000
DAY_US = 86_400 * US
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_US = timedelta(microseconds=1)

#: Candidate measuring periods in TRuDI's order of preference (§A.6).
MEASURING_PERIODS = (900, 60, 120, 180, 240, 300, 600, 1800, 2400, 3600, 5400, 7200, 10800,
                     14400, 21600, 28800, 43200, 86400, 2592000)


def wall_key_naive(naive: datetime) -> int:
    """Wall key of a naive wall-time datetime."""
    return ((naive.toordinal() * 86400 + naive.hour * 3600 + naive.minute * 60 + naive.second)
            * US + naive.microsecond)


def day_key(day: date) -> int:
    """Wall key of 00:00 on ``day``."""
    return day.toordinal() * DAY_US


def key_date(key: int) -> date:
    """The wall date of a wall key."""
    return date.fromordinal(key // DAY_US)


def key_naive(key: int) -> datetime:
    """The naive wall datetime of a wall key."""
    return datetime.fromordinal(key // DAY_US) + timedelta(microseconds=key % DAY_US)


def abs_key(moment: datetime) -> int:
    """Absolute key; a naive datetime is Berlin wall time (first occurrence if ambiguous)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=BERLIN)
    return (moment - _EPOCH) // _ONE_US


def instant(key_abs: int) -> datetime:
    """The aware Europe/Berlin datetime of an absolute key."""
    return (_EPOCH + timedelta(microseconds=key_abs)).astimezone(BERLIN)


_HOUR_US = 3600 * US
_EPOCH_WALL = date(1970, 1, 1).toordinal() * DAY_US


def wall_of_abs(key_abs: int) -> int:
    """Wall key of an absolute key (the Berlin offset of its UTC hour, from the one cache)."""
    return key_abs + berlin_offset_of_hour(key_abs // _HOUR_US) * US + _EPOCH_WALL


def wall_column(keys_abs: Sequence[int]) -> list[int]:
    """:func:`wall_of_abs` of every absolute key (one offset lookup per distinct UTC hour)."""
    hours = list(map(floordiv, keys_abs, repeat(_HOUR_US)))
    shift = {h: berlin_offset_of_hour(h) * US + _EPOCH_WALL for h in dict.fromkeys(hours)}
    return list(map(add, keys_abs, map(shift.__getitem__, hours)))


def keys(moment: datetime) -> tuple[int, int]:
    """(absolute key, wall key) of a datetime (naive = Berlin wall time)."""
    if moment.tzinfo is None:
        return abs_key(moment), wall_key_naive(moment)
    key_abs = (moment - _EPOCH) // _ONE_US
    return key_abs, wall_of_abs(key_abs)


def wall_instant(key_wall: int) -> datetime:
    """The aware instant of a wall key (first occurrence if ambiguous), for display."""
    return key_naive(key_wall).replace(tzinfo=BERLIN)


# --- target times (§A.6) -------------------------------------------------------------------

def match_period(seconds: int) -> int:
    """The first candidate period a capture-time difference matches, else 0."""
    for period in MEASURING_PERIODS:
        window = period // 100 * 2
        if seconds == period or period - window < seconds < period + window:
            return period
    return 0


def _block_period(readings: Sequence[IntervalReading], walls: Sequence[int | None],
                  ignore_errors: bool) -> int:
    counts: dict[int, int] = {}
    for i in range(1, len(readings)):
        prev, cur = readings[i - 1], readings[i]
        if ignore_errors and ((prev.status_ptb or 0) >= 3 or (cur.status_ptb or 0) >= 3):
            continue
        a, b = walls[i - 1], walls[i]
        if a is None or b is None:
            continue
        diff = b - a
        seconds = diff // US if diff >= 0 else -((-diff) // US)
        period = match_period(seconds)
        if period:
            counts[period] = counts.get(period, 0) + 1
    if not counts:
        return 0
    best = max(counts.values())
    return [p for p, c in counts.items() if c == best][-1]


def _column_period(walls: Sequence[int]) -> int:
    """:func:`_block_period` of a block whose readings have no PTB status (columns): the
    differences counted once per distinct value, in order of first occurrence."""
    counts: dict[int, int] = {}
    for diff, n in Counter(map(sub, walls[1:], walls[:-1])).items():
        seconds = diff // US if diff >= 0 else -((-diff) // US)
        period = match_period(seconds)
        if period:
            counts[period] = counts.get(period, 0) + n
    if not counts:
        return 0
    best = max(counts.values())
    return [p for p, c in counts.items() if c == best][-1]


def _capture_keys(block: IntervalBlock) -> list[tuple[int, int] | None]:
    return [None if r.capture is None else keys(r.capture) if r.capture_us is None
            else (r.capture_us, wall_of_abs(r.capture_us)) for r in block.readings]


def measuring_period(value_list: ValueList, blocks: Sequence[IntervalBlock],
                     captures: Sequence[Sequence[tuple[int, int] | None]] | None = None) -> int:
    """The list's measuring period in seconds (0 = unknown); ``blocks`` in start order,
    ``captures`` optionally their readings' capture keys (file order)."""
    if value_list.measurement_period:
        return value_list.measurement_period
    if captures is None:
        captures = [_capture_keys(b) for b in blocks]
    walls = [[k[1] if k is not None else None for k in ks] for ks in captures]
    for ignore_errors in (True, False):
        for block, block_walls in zip(blocks, walls, strict=False):
            period = _block_period(block.readings, block_walls, ignore_errors)
            if period:
                return period
    return 0


def align(capture_abs: int, capture_wall: int, period: int, percent: int) -> tuple[int, int]:
    """TRuDI's aligned timestamp: (absolute key, wall key) of the capture time aligned to
    ``period`` with a tolerance of ``percent`` % (§A.6 step 2, §A.7 with 900 s and 1 %)."""
    if period <= 0 or period > 86400:
        return capture_abs, capture_wall
    if period < 86400:
        seconds = (capture_wall % DAY_US) // US
        rest = seconds % period
        if rest == 0:
            return capture_abs, capture_wall
        window = period * percent // 100
        if period - rest <= window:
            shift = period - rest
        elif rest <= window:
            shift = -rest
        else:
            return capture_abs, capture_wall
        new_abs = capture_abs + shift * US
        return new_abs, wall_of_abs(new_abs)
    window = 86400 * percent // 100 * US
    midnight = capture_wall - capture_wall % DAY_US
    for candidate in (midnight, midnight + DAY_US):
        if candidate - window <= capture_wall <= candidate + window:
            return abs_key(key_naive(candidate)), candidate
    return capture_abs, capture_wall


# --- prepared lists and lookup (§A.7) ------------------------------------------------------

class PreparedReading(NamedTuple):
    """A reading with its target time as keys and its usability (a named tuple: a list's
    readings are made in one C-level pass from its columns)."""

    value: int | None
    target_abs: int
    target_wall: int
    usable: bool
    status_ptb: int | None
    fnn_ptb: int | None


@dataclass
class PreparedBlock:
    """A block's spans (plain and 15-minute aligned) and its readings by target wall key."""

    spans: tuple[tuple[int, int], ...]
    readings: list[PreparedReading]
    by_target: dict[int, PreparedReading]

    def contains(self, key: int) -> bool:
        """Whether the wall key lies in one of the block's spans (bounds included)."""
        return any(lo <= key <= hi for lo, hi in self.spans)


@dataclass
class PreparedList:
    """An original value list ready for the computation."""

    source: ValueList
    blocks: list[PreparedBlock]
    period: int

    def lookup(self, key: int) -> PreparedReading | None:
        """TRuDI's reading at a wall time: first containing block, first equal target."""
        for block in self.blocks:
            if block.contains(key):
                return block.by_target.get(key)
        return None

    def readings(self) -> list[PreparedReading]:
        """All readings, blocks in order, readings in order."""
        return [r for b in self.blocks for r in b.readings]


def prepare(value_list: ValueList) -> PreparedList:
    """Sort blocks and readings, complete target times (original lists), build the lookup."""
    if value_list.columns is not None and len(value_list.blocks) == 1:
        return _prepare_columns(value_list, value_list.columns)
    blocks = sorted(value_list.blocks,
                    key=lambda b: abs_key(b.start) if b.start is not None else 0)
    captures = [_capture_keys(b) for b in blocks]
    period = measuring_period(value_list, blocks, captures)
    complete = value_list.is_original
    prepared: list[PreparedBlock] = []
    for block, block_keys in zip(blocks, captures, strict=False):
        rows = []
        for r, ck in zip(block.readings, block_keys, strict=False):
            if r.target_us is not None:
                t_abs, t_wall = r.target_us, wall_of_abs(r.target_us)
            elif r.target is not None:
                t_abs, t_wall = keys(r.target)
            elif ck is not None:
                t_abs, t_wall = align(ck[0], ck[1], period, 3) if complete else ck
            else:
                continue
            sort_abs = t_abs if r.target is not None else ck[0]  # type: ignore[index]
            rows.append((sort_abs, r, t_abs, t_wall))
        rows.sort(key=lambda row: row[0])
        out: list[PreparedReading] = []
        by_target: dict[int, PreparedReading] = {}
        for _, r, t_abs, t_wall in rows:
            ptb = r.status_ptb
            fnn = r.fnn_ptb if r.status_fnn is not None else None
            p = PreparedReading(r.value, t_abs, t_wall, ptb not in (3, 4) and fnn not in (3, 4),
                                ptb, fnn)
            out.append(p)
            by_target.setdefault(t_wall, p)
        prepared.append(PreparedBlock(_spans(block), out, by_target))
    return PreparedList(value_list, prepared, period)


def _spans(block: IntervalBlock) -> tuple[tuple[int, int], ...]:
    if block.start is None:
        return ()
    s_abs, s_wall = keys(block.start)
    duration = (block.duration or 0) * US
    a_abs, a_wall = align(s_abs, s_wall, 900, 1)
    return ((s_wall, wall_of_abs(s_abs + duration)), (a_wall, wall_of_abs(a_abs + duration)))


def _prepare_columns(value_list: ValueList, cols: ReadingColumns) -> PreparedList:
    """:func:`prepare` of a one-block list given as columns (every reading has a target time
    and no PTB status), column by column: the same readings, order, lookup and period."""
    targets, values, words = cols.targets, cols.values, cols.words
    captures = cols.captures
    if not all(map(le, targets, targets[1:])):  # stable order by target time, as prepare's
        order = sorted(range(len(targets)), key=targets.__getitem__)
        targets = [targets[i] for i in order]
        values = [values[i] for i in order]
        words = [words[i] for i in order]
    period = value_list.measurement_period or _column_period(wall_column(captures))
    walls = wall_column(targets)
    fnn_of = {w: fnn_status(w) for w in dict.fromkeys(words)}
    usable_of = {w: fnn not in (3, 4) for w, fnn in fnn_of.items()}
    readings = list(map(PreparedReading._make, zip(
        values, targets, walls, map(usable_of.__getitem__, words), repeat(None),
        map(fnn_of.__getitem__, words), strict=False)))
    by_target = dict(zip(walls, readings, strict=True))
    if len(by_target) != len(walls):  # a repeated wall time (summer time ends): the first
        by_target = dict(zip(reversed(walls), reversed(readings), strict=True))
    block = value_list.blocks[0]
    return PreparedList(value_list, [PreparedBlock(_spans(block), readings, by_target)], period)


def lookup_keys(value_list: ValueList, wall_keys: Sequence[int]) -> list[PreparedReading | None]:
    """``prepare(value_list).lookup(k)`` of each wall key; a one-block list of sorted columns
    (an archive's window) is searched in its wall-time column without preparing the rest."""
    cols = value_list.columns
    targets = cols.targets if cols is not None else ()
    if cols is None or len(value_list.blocks) != 1 or not all(map(le, targets, targets[1:])):
        prepared = prepare(value_list)
        return [prepared.lookup(k) for k in wall_keys]
    spans = _spans(value_list.blocks[0])
    walls = wall_column(targets)
    out: list[PreparedReading | None] = []
    for key in wall_keys:
        if not any(lo <= key <= hi for lo, hi in spans) or key not in walls:
            out.append(None)
            continue
        i = walls.index(key)  # the first reading at that wall time, as prepare's lookup
        fnn = fnn_status(cols.words[i])
        out.append(PreparedReading(cols.values[i], targets[i], walls[i], fnn not in (3, 4),
                                   None, fnn))
    return out
