"""A readings CSV of an archive read into compact columns (:class:`ChannelSeries`), fast.

The member is decoded in blocks of whole lines. A block in the form the archive writer
produces (no quotes, no carriage returns, 13 fields on every line, times in our ``…Z`` form)
is taken column by column with C-level operations (``split``, ``map``, ``zip``) instead of
line by line; every other block, and any block where a check fails, goes through the exact
row-by-row reading, which names the member and line of a bad row. Both ways give the same
columns: the fast one only skips the Python work per field, never a check.
"""

from __future__ import annotations

import zipfile
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from itertools import chain, groupby, repeat
from operator import floordiv, getitem, le, sub

from trudi_py.archive.bounded import MAX_CHANNELS, MemberProblem, iter_member_blocks, split_records
from trudi_py.archive.csvformat import READING_COLUMNS
from trudi_py.archive.summary import parse_z
from trudi_py.i18n import msg
from trudi_py.model.series import NO_TIME, ChannelSeries, StatusWords, micros, sort_by_target

_R = {name: i for i, name in enumerate(READING_COLUMNS)}
R_OBIS, R_METER, R_CAPTURE, R_TARGET, R_VALUE = (
    _R["obis"], _R["meter_id"], _R["capture_time"], _R["target_time"], _R["value"])
R_COSEM, R_SMGW, R_METER_STATUS, R_SIGNATURE = (
    _R["cosem_status"], _R["smgw_status"], _R["meter_status"], _R["signature"])
_N = len(READING_COLUMNS)
_COLON_Z = slice(-7, None, 6)  # "…:ssZ": the colon before the seconds and the Z
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_US = timedelta(microseconds=1)
#: Readings of one database CSV that :meth:`ArchiveSource.series` accepts: ~70 channel-years
#: of 15-minute values (a real gateway keeps 2-8 channels; the ``origin`` CSV of a 10-year
#: archive holds ~0.7 M readings); more is a :class:`MemberProblem`, so a huge well-formed
#: CSV never grows the memory without bound: ~33 bytes per reading in columns, at most
#: ~80 MiB per database (SECURITY.md).
MAX_SERIES_READINGS = 2_500_000
#: Columns per (usage point, database) proven equal to the archive's CSV.
ProvenSeries = dict[tuple[str, str], list[ChannelSeries]]
_SEP = ","  # status keys: the three words joined (strings: no garbage-collector work per row)


def _split_key(key: str) -> StatusWords:
    cosem, smgw, meter = key.split(_SEP)
    return cosem, smgw, meter


class ColumnBuilder:
    """Collects one channel's readings (one by one or a block at a time, any order) into a
    :class:`ChannelSeries`, sorted stably by target time at the end."""

    def __init__(self, obis: str, meter_id: str) -> None:
        self.series = ChannelSeries(obis, meter_id)
        self._statuses: dict[str, int] = {}  # status key -> index into status_table
        self._words: dict[str, StatusWords] = {}  # keys that are not simply joined words
        self._sorted = True

    def extend(self, targets: list[int], captures: list[int], values: list[int],
               statuses: list[str], signed: Iterable[object]) -> None:
        """Readings given as equally long columns; ``statuses`` are :func:`status_key`s,
        ``signed`` true for a signed reading."""
        s = self.series
        if targets and self._sorted and (
                (s.targets and targets[0] < s.targets[-1])
                or not all(map(le, targets, targets[1:]))):
            self._sorted = False
        table = self._table(dict.fromkeys(statuses))
        self._add_values(values)
        s.targets.extend(targets)
        s.captures.extend(captures)
        s.status_index.extend(map(table.__getitem__, statuses))
        s.signed_flags.extend(map(int, map(bool, signed)))

    def add_block(self, targets: array, captures: array, values: Sequence[int],
                  keys: list[str], positions: array, signed: bytes) -> None:
        """Readings given as typed columns, their target times rising: the status key of
        reading ``i`` is ``keys[positions[i]]``, ``signed[i]`` is 1 for a signed one (no
        Python work per reading when all readings share one status key)."""
        s = self.series
        if targets and self._sorted and s.targets and targets[0] < s.targets[-1]:
            self._sorted = False
        table = self._table(keys)
        index = [table[key] for key in keys]
        if len(index) == 1:
            s.status_index.extend(array("I", index) * len(positions))
        else:
            s.status_index.extend(array("I", map(index.__getitem__, positions)))
        self._add_values(values)
        s.targets.extend(targets)
        s.captures.extend(captures)
        s.signed_flags.frombytes(signed)

    def _table(self, keys: Iterable[str]) -> dict[str, int]:
        """The status table's index per key, new keys added."""
        s, table = self.series, self._statuses
        for key in keys:
            if key not in table:
                table[key] = len(s.status_table)
                s.status_table.append(self._words.get(key) or _split_key(key))
        return table

    def _add_values(self, values: Sequence[int]) -> None:
        s = self.series
        if isinstance(s.values, array):
            before = len(s.values)
            try:
                s.values.extend(values)
            except OverflowError:  # beyond 64 bits: exact Python integers from here on
                del s.values[before:]
                s.values = [*s.values, *values]
        else:
            s.values.extend(values)

    def key_of(self, words: StatusWords) -> str:
        """The status key of three status words that may hold any text (row by row)."""
        key = _SEP.join(words)
        if key.count(_SEP) != 2 or _split_key(key) != words:  # a separator inside a word
            key = repr(words)
            self._words[key] = words
        return key

    def finish(self) -> ChannelSeries:
        """The series, sorted by target time (stable) if the rows were not."""
        s = self.series
        if not self._sorted:
            sort_by_target(s)
            self._sorted = True
        return s


_US = 1_000_000
_MINUTE_SECOND = {f"{m:02d}:{s:02d}": (m * 60 + s) * _US for m in range(60) for s in range(60)}
_HOURS: dict[str, int] = {}
_MAX_HOURS = 400_000  # bounded cache: ~45 years of UTC hours


def micros_z(text: str) -> int:
    """Microseconds since 1970 UTC of our CSV time form ``2026-03-01T00:15:00Z`` (any other
    form :func:`parse_z` accepts goes the slow way); ValueError for no time."""
    if len(text) == 20 and text[19] == "Z" and text[13] == ":":
        hour = _HOURS.get(text[:13])
        if hour is None:
            hour = micros(parse_z(text[:13] + ":00:00Z"))
            if len(_HOURS) >= _MAX_HOURS:
                _HOURS.clear()
            _HOURS[text[:13]] = hour
        rest = _MINUTE_SECOND.get(text[14:19])
        if rest is not None:
            return hour + rest
    return micros(parse_z(text))


def micros_column(texts: list[str]) -> list[int]:
    """:func:`micros_z` of every text, whole columns at a time where they are in our form
    (20 characters ``…hh:mm:ssZ``: then :func:`micros_z` is ``datetime.fromisoformat``'s
    instant, computed here in C-level passes with exact integer arithmetic)."""
    if set(map(len, texts)) == {20} and set(map(getitem, texts, repeat(_COLON_Z))) == {":Z"}:
        try:
            return list(map(floordiv, map(sub, map(datetime.fromisoformat, texts),
                                          repeat(_EPOCH)), repeat(_ONE_US)))
        except ValueError:
            pass  # one of them is no time: micros_z says which
    return list(map(micros_z, texts))


class SeriesReader:
    """Reads one readings member into a :class:`ChannelSeries` per channel (OBIS order);
    more than ``limit`` rows or :data:`MAX_CHANNELS` channels is a :class:`MemberProblem`.
    ``pace``, when given, is called before each block (~1 MiB): it may wait (the GUI's chart
    process lets a range load go first) or raise to stop the read. ``vectorised`` (the GUI)
    takes plain blocks apart with numpy (:mod:`.csvblock`), the same columns ~2x faster."""

    def __init__(self, zf: zipfile.ZipFile, name: str, limit: int,
                 pace: Callable[[], None] | None = None, vectorised: bool = False) -> None:
        self.zf, self.name, self.limit, self.pace = zf, name, limit, pace
        self.vectorised = vectorised  # blocks through :mod:`.csvblock` first (numpy)
        self.builders: dict[str, ColumnBuilder] = {}
        self.count = 0
        self.line = 1  # the header

    def read(self) -> list[ChannelSeries]:
        """Every row of the member, fast block by block where the form allows."""
        blocks = iter_member_blocks(self.zf, self.name, "utf-8-sig")
        first = next(blocks, "")
        cut = first.find("\n") + 1
        blocks = chain([first[cut:]] if cut else [], blocks)  # the header line dropped
        for block in blocks:
            if self.pace is not None:
                self.pace()
            if not block:
                continue
            if self.vectorised and block.isascii() and self._numpy_block(block):
                continue
            if not block.endswith("\n") or '"' in block or "\r" in block or \
                    not self._fast_block(block):
                self._slow(chain([block], blocks))
                break
        return [self.builders[obis].finish() for obis in sorted(self.builders)]

    def _numpy_block(self, block: str) -> bool:
        """:meth:`_fast_block` with numpy (:func:`.csvblock.parse_block`); False (nothing
        taken) when the block needs the string way."""
        from trudi_py.archive.csvblock import parse_block  # numpy: the GUI only
        found = parse_block(block.encode("ascii"), R_OBIS, R_METER, R_CAPTURE, R_TARGET,
                            R_VALUE, (R_COSEM, R_SMGW, R_METER_STATUS), R_SIGNATURE)
        if found is None or self.count + found.rows > self.limit or len(
                self.builders.keys() | {run.obis for run in found.runs}) > MAX_CHANNELS:
            return False
        for run in found.runs:
            builder = self.builders.get(run.obis)
            if builder is None:
                builder = self.builders[run.obis] = ColumnBuilder(run.obis, run.meter_id)
            builder.extend(run.targets, run.captures, run.values, run.statuses, run.signed)
        self.count += found.rows
        self.line += found.rows
        return True

    def _fast_block(self, block: str) -> bool:
        """Take a block of plain lines as columns; False (nothing taken) when a row needs the
        row-by-row path (which then reports it)."""
        lines = block.split("\n")
        lines.pop()
        n = len(lines)
        if not n:
            return True
        if set(map(str.count, lines, repeat(","))) != {_N - 1} or self.count + n > self.limit:
            return False
        cells = block[:-1].replace("\n", ",").split(",")
        obis_col = cells[R_OBIS::_N]
        runs = [(obis, len(list(group))) for obis, group in groupby(obis_col)]
        if len(self.builders.keys() | set(obis_col)) > MAX_CHANNELS:
            return False
        capture_col = cells[R_CAPTURE::_N]
        try:
            targets = micros_column(cells[R_TARGET::_N])
            if "" in capture_col:
                captures = [micros_z(c) if c else NO_TIME for c in capture_col]
            else:
                captures = micros_column(capture_col)
            values = list(map(int, cells[R_VALUE::_N]))
        except ValueError:
            return False
        statuses = list(map(_SEP.join, zip(cells[R_COSEM::_N], cells[R_SMGW::_N],
                                           cells[R_METER_STATUS::_N], strict=True)))
        signed = cells[R_SIGNATURE::_N]
        meters = cells[R_METER::_N]
        start = 0
        for obis, length in runs:
            end = start + length
            builder = self.builders.get(obis)
            if builder is None:
                builder = self.builders[obis] = ColumnBuilder(obis, meters[start])
            builder.extend(targets[start:end], captures[start:end], values[start:end],
                           statuses[start:end], signed[start:end])
            start = end
        self.count += n
        self.line += n
        return True

    def _slow(self, blocks: Iterator[str]) -> None:
        """The rest of the member row by row (quoted fields, odd forms, errors)."""
        lines = (piece for block in blocks for piece in block.splitlines(keepends=True))
        line = self.line
        try:
            for text, row in split_records(lines):
                line += 1
                self._add_row(line, row)
                line += text.count("\n") - 1
        except ValueError as exc:  # a record running over MAX_CSV_RECORD
            raise bad_row(self.name, line + 1, exc) from None

    def _add_row(self, line: int, row: list[str]) -> None:
        name = self.name
        if len(row) != _N:
            raise MemberProblem(name, msg("{n_row} fields instead of {columns}.",
                                          n_row=len(row), columns=_N), line)
        self.count += 1
        if self.count > self.limit:
            raise MemberProblem(name, msg("more than {limit} readings; refused.",
                                          limit=self.limit), line)
        try:
            capture = row[R_CAPTURE]
            target_us = micros_z(row[R_TARGET])
            capture_us = micros_z(capture) if capture else NO_TIME
            value = int(row[R_VALUE])
        except ValueError as exc:
            raise bad_row(name, line, exc) from None
        builder = self.builders.get(row[R_OBIS])
        if builder is None:
            if len(self.builders) >= MAX_CHANNELS:
                raise MemberProblem(name, msg("more than {limit} channels.",
                                              limit=MAX_CHANNELS), line)
            builder = self.builders[row[R_OBIS]] = ColumnBuilder(row[R_OBIS], row[R_METER])
        key = builder.key_of((row[R_COSEM], row[R_SMGW], row[R_METER_STATUS]))
        builder.extend([target_us], [capture_us], [value], [key], [row[R_SIGNATURE]])


class RowsToSeries:
    """Columns of one database built from the CSV rows the integrity check derives from
    ``raw/`` (the same cells, so the same columns as reading the CSV), kept only when
    that CSV is then proven byte-equal to those rows; None when the rows would not give
    what :class:`SeriesReader` gives (an odd time, too many rows: then the CSV is read)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.builders: dict[str, ColumnBuilder] | None = {}
        self.count = 0
        self._recent: list[tuple[list[str], list[int]]] = []  # (texts, their micros)

    def add(self, obis: str, rows: list[list[str]]) -> None:
        """One window's rows of one channel (in the order the CSV has them)."""
        if self.builders is None or not rows:
            return
        cols = list(zip(*rows))  # noqa: B905 (unequal rows: fewer columns, refused below)
        if len(cols) != _N:
            self.builders = None
            return
        self.add_columns(obis, cols)

    def add_columns(self, obis: str, cols: Sequence[Sequence[str]]) -> None:
        """One window's cells of one channel as the CSV's 13 columns (rows in CSV order)."""
        builders = self.builders
        if builders is None or not cols or not cols[R_TARGET]:
            return
        self.count += len(cols[R_TARGET])
        if self.count > self.limit or len(cols) != _N or \
                (obis not in builders and len(builders) >= MAX_CHANNELS):
            self.builders = None
            return
        captures_text = list(cols[R_CAPTURE])
        try:
            targets = self._micros(list(cols[R_TARGET]))
            if "" in captures_text:
                captures = [micros_z(c) if c else NO_TIME for c in captures_text]
            else:
                captures = self._micros(captures_text)
            values = list(map(int, cols[R_VALUE]))
        except ValueError:
            self.builders = None
            return
        builder = builders.get(obis)
        if builder is None:
            builder = builders[obis] = ColumnBuilder(obis, cols[R_METER][0])
        words = zip(cols[R_COSEM], cols[R_SMGW], cols[R_METER_STATUS], strict=True)
        keys = list(map(_SEP.join, words))
        if sum(map(str.count, keys, repeat(_SEP))) != 2 * len(keys):  # a comma in a word
            keys = [builder.key_of(w) for w in zip(cols[R_COSEM], cols[R_SMGW],
                                                   cols[R_METER_STATUS], strict=True)]
        builder.extend(targets, captures, values, keys, cols[R_SIGNATURE])

    def _micros(self, texts: list[str]) -> list[int]:
        """:func:`micros_column`, reused for a column equal to one of the last few (the
        channels of one answer usually share their times)."""
        for known, found in self._recent:
            if texts == known:
                return found
        found = micros_column(texts)
        self._recent = [(texts, found), *self._recent[:3]]
        return found

    def finish(self) -> list[ChannelSeries] | None:
        """The database's series in OBIS order (None when they were not kept)."""
        if self.builders is None:
            return None
        return [self.builders[obis].finish() for obis in sorted(self.builders)]


def bad_row(name: str, line: int, exc: Exception) -> MemberProblem:
    """A malformed row of a CSV member, named by member and line."""
    return MemberProblem(name, msg("malformed row ({exc}).", exc=exc), line)


__all__ = ["ColumnBuilder", "RowsToSeries", "SeriesReader", "bad_row", "micros_column"]
