"""A range of one database's readings built from the archive's ``raw/`` answers, fast.

The archive keeps every gateway answer byte-exact (``raw/NNNNNN-readings.json``, one window
of about a month each, with its request in ``.meta.json``); the readings CSV is derived from
them (archive.md), and the integrity check proves it equal by deriving it again. For one
range (a year: ~12 answers of ~2 MB) decoding those answers is several times cheaper than
reading the whole CSV (a decade: 187 MB), so the GUI shows a range from ``raw/`` while the
CSV is still being read.

The derivation follows :mod:`~trudi_py.archive.integrity` exactly (read-only use of its
rules): a window is (fromtime, totime) per (usage point, database); the latest answer with
status 200 per window counts; an answer gives the readings with fromtime < target ≤ totime
(:func:`~trudi_py.archive.csvformat.window_rows`); windows in their sorted order, each
channel's rows in that order, then sorted stably by target time
(:class:`~trudi_py.archive.csvseries.RowsToSeries`). Whenever ``raw/`` cannot promise the
same readings as the CSV — a PPC archive, no answers, a hole between the windows, an answer
missing, too large or not decodable — the answer is None and the caller reads the CSV.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter, lt

from trudi_py.archive.bounded import MAX_CHANNELS, MAX_JSON_BYTES, check_json_bounds, load_json
from trudi_py.archive.csvformat import WindowRows, neutralise, window_rows
from trudi_py.archive.csvseries import (
    MAX_SERIES_READINGS,
    ColumnBuilder,
    RowsToSeries,
    micros_column,
)
from trudi_py.archive.manifest import META_NAME, RAW_NAME
from trudi_py.archive.rawlog import meta_summary, readings_window
from trudi_py.archive.zipio import read_chunks
from trudi_py.errors import TrudiError
from trudi_py.model import Channel
from trudi_py.model.readings import channel_name, records_field
from trudi_py.model.series import ChannelSeries
from trudi_py.model.times import format_utc, parse_time
from trudi_py.model.wire import TextColumns, TextReading, decode_columns

#: A ``.meta.json`` is < 1 KB; a larger one is not ours and ends the raw route (the CSV is
#: read): ~20 000 metas read at most 160 MB.
MAX_META_BYTES = 8 * 1024
#: ``readings`` answers indexed per archive (a decade of monthly windows for a handful of
#: databases is ~600); more and the raw route is not taken (the CSV is read).
MAX_RAW_ANSWERS = 20_000
#: What reading a member or decoding an answer can raise for content that is not as written.
_LOWER_HEX = re.compile(r"[0-9a-f]+")
_SIGNATURE = attrgetter("signature")
_READ_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError,
                ValueError, KeyError, TypeError, RecursionError, TrudiError)


@dataclass(frozen=True)
class RawWindow:
    """One request window of a database with the answer that counts for it."""

    after: datetime | None  # None: a last-reading request (no bounds)
    until: datetime | None
    key: tuple[str, str]  # (fromtime, totime) as requested, or ("last", ""): the sort order
    member: str  # raw/NNNNNN-readings.json


@dataclass
class RawIndex:
    """The ``readings`` answers of an archive per (usage point, database), from the
    ``.meta.json`` members only (small; the answers are read when a range needs them)."""

    windows: dict[tuple[str, str], list[RawWindow]] = field(default_factory=dict)
    #: databases whose windows leave a hole or cannot be read: never answered from raw/
    unusable: set[tuple[str, str]] = field(default_factory=set)

    @classmethod
    def read(cls, zf: zipfile.ZipFile) -> RawIndex:
        """Index every ``readings`` answer of an opened archive (reads only the metas)."""
        names = set(zf.namelist())
        bodies = {int(m.group(1)): n for n in names
                  if (m := RAW_NAME.match(n)) and m.group(2) == "readings"}
        metas = sorted((int(m.group(1)), n) for n in names
                       if (m := META_NAME.match(n)) and m.group(2) == "readings")
        index = cls()
        if len(metas) > MAX_RAW_ANSWERS:
            return index
        latest: dict[tuple[str, str], dict[tuple[str, str], tuple[int, str]]] = {}
        for seq, name in metas:  # ascending: a later answer to the same window replaces
            try:
                summary = meta_summary(load_json(b"".join(read_chunks(
                    zf, name, MAX_META_BYTES)), name, MAX_META_BYTES))
            except _READ_ERRORS:
                return cls()  # a meta that cannot be read: the raw route is not taken at all
            found = readings_window(summary)
            if found is None or seq not in bodies:
                continue
            key, window = found
            latest.setdefault(key, {})[window] = (seq, bodies[seq])
        for key, windows in latest.items():
            try:
                index.windows[key] = [
                    RawWindow(parse_time(a) if a != "last" else None,
                              parse_time(u) if u else None, (a, u), member)
                    for (a, u), (_seq, member) in sorted(windows.items())]
            except (ValueError, TrudiError):
                index.unusable.add(key)
                continue
            if _has_hole(index.windows[key]):
                index.unusable.add(key)
        return index

    def covers(self, usage_point_id: str, database: str) -> bool:
        """True when ``raw/`` can answer ranges of this database (windows without a hole)."""
        key = (usage_point_id, database)
        return key in self.windows and key not in self.unusable

    def needed(self, usage_point_id: str, database: str, start: datetime,
               end: datetime) -> list[RawWindow]:
        """The windows whose answers may hold readings with ``start <= target <= end``."""
        return [w for w in self.windows.get((usage_point_id, database), ())
                if w.after is None or w.until is None or (w.after < end and w.until >= start)]

    def share(self, zf: zipfile.ZipFile, usage_point_id: str, database: str,
              start: datetime, end: datetime, csv_member: str) -> float | None:
        """Compressed bytes of the answers a range needs over those of the CSV member (what
        reading the range from ``raw/`` costs against reading the whole CSV); None when raw/
        cannot answer the range."""
        if not self.covers(usage_point_id, database):
            return None
        try:
            csv_bytes = zf.getinfo(csv_member).compress_size
            raw_bytes = sum(zf.getinfo(w.member).compress_size
                            for w in self.needed(usage_point_id, database, start, end))
        except KeyError:
            return None
        return raw_bytes / max(csv_bytes, 1)

    def series(self, zf: zipfile.ZipFile, usage_point_id: str, database: str,
               meta: dict[str, Channel], start: datetime, end: datetime,
               pace: Callable[[], None] | None = None) -> list[ChannelSeries] | None:
        """The readings with ``start <= target time <= end`` per channel (OBIS order), as
        reading the CSV gives them; None when ``raw/`` cannot promise that. ``pace`` is
        called before each answer (it may wait, or raise to stop the build)."""
        if not self.covers(usage_point_id, database):
            return None
        builders: dict[str, ColumnBuilder] = {}
        count = 0
        for window in self.needed(usage_point_id, database, start, end):
            if pace is not None:
                pace()
            try:
                data = b"".join(read_chunks(zf, window.member, MAX_JSON_BYTES))
                taken = _take_canonical(data, window, builders)
                if taken is None:  # the integrity check's own derivation, row by row
                    check_json_bounds(data, window.member)
                    taken = _take_rows(window_rows(data, meta, window.after, window.until),
                                       builders)
            except _READ_ERRORS:
                return None
            count += taken if taken is not None else MAX_SERIES_READINGS + 1
            if count > MAX_SERIES_READINGS or len(builders) > MAX_CHANNELS:
                return None
        if not builders or not set(meta) <= set(builders):
            return None  # a channel the CSV may list (empty) that these answers lack
        return [builders[obis].finish().between(start, end) for obis in sorted(builders)]


def _take_rows(rows: WindowRows, builders: dict[str, ColumnBuilder]) -> int | None:
    """Add one answer's derived CSV rows (:func:`window_rows`) to the channels' columns;
    the number of rows, None when they do not make columns."""
    columns = RowsToSeries(MAX_SERIES_READINGS)
    for obis, obis_rows in rows.rows.items():
        columns.add(obis, obis_rows)
    found = columns.finish()
    if found is None:
        return None
    for series in found:  # each sorted stably: sorting the whole again keeps that order
        builder = builders.get(series.obis)
        if builder is None:
            builder = builders[series.obis] = ColumnBuilder(series.obis, series.meter_id)
        keys = [builder.key_of(words) for words in series.status_table]
        builder.extend(series.targets.tolist(), series.captures.tolist(), list(series.values),
                       [keys[i] for i in series.status_index], series.signed_flags)
    return sum(map(len, found))


def _take_canonical(data: bytes, window: RawWindow, builders: dict[str, ColumnBuilder]
                    ) -> int | None:
    """The usual answer, straight into columns: the model's fast decoder took it (canonical
    times, plain values, hex status words), each channel once, every reading inside the
    window and in strictly rising time — then :func:`window_rows` would give every reading
    as one row in the answer's order (its ``_take_whole``), and the columns of those rows
    are built here without making the rows. None (nothing added) for any other answer."""
    fast = decode_columns(data)
    if fast is None:
        return None
    records, channels = fast
    records_field(records)  # a bad `records` fails the answer, as in window_rows
    lo = format_utc(window.after) if window.after is not None else None
    hi = format_utc(window.until) if window.until is not None else None
    taken: list[tuple[str, str, list[TextReading], TextColumns]] = []
    for i, (name, readings, cols) in enumerate(channels):
        obis, meter_id = channel_name(name, f"readings.channels[{i}]")
        if not _LOWER_HEX.fullmatch(obis) or any(obis == t[0] for t in taken):
            return None
        targets = cols.targets
        if targets and ((lo is not None and targets[0] <= lo) or
                        (hi is not None and targets[-1] > hi) or
                        not all(map(lt, targets, targets[1:]))):
            return None
        taken.append((obis, neutralise(meter_id), readings, cols))
    count = 0
    for obis, meter_id, readings, cols in taken:
        if not readings:
            continue
        builder = builders.get(obis)
        if builder is None:
            builder = builders[obis] = ColumnBuilder(obis, meter_id)
        keys, positions = _status_keys(builder, cols)
        builder.add_block(utc_micros(cols.targets), utc_micros(cols.captures),
                          int_column(cols.values), keys, positions,
                          bytes(map(bool, map(_SIGNATURE, readings))))
        count += len(readings)
    return count


def _status_keys(builder: ColumnBuilder, cols: TextColumns) -> tuple[list[str], array]:
    """The distinct status keys of a channel's readings and each reading's position in them
    (one key, without work per reading, when all three words never change: the usual)."""
    cosem, smgw, meter = cols.cosem, cols.smgw, cols.meter
    n = len(cosem)
    if cosem.count(cosem[0]) == n and smgw.count(smgw[0]) == n and meter.count(meter[0]) == n:
        return [builder.key_of((cosem[0], smgw[0], meter[0]))], array("I", bytes(4 * n))
    words = list(zip(cosem, smgw, meter, strict=True))
    distinct = {w: i for i, w in enumerate(dict.fromkeys(words))}
    return [builder.key_of(w) for w in distinct], array("I", map(distinct.__getitem__, words))


def int_column(texts: list[str]) -> array | list[int]:
    """The integers of plain integer texts (``-?[0-9]+``, as the fast decoder checked
    them): parsed by numpy in C when each fits 64 bits, else exactly by ``int``."""
    import numpy as np  # here: the CLI's verify works where numpy cannot be loaded

    if texts and max(map(len, texts)) <= 18:  # at most 18 characters: |value| < 10**18
        parsed = np.fromstring(" ".join(texts), dtype=np.int64, sep=" ")
        if parsed.size == len(texts):
            return array("q", parsed.tobytes())
    return list(map(int, texts))


def utc_micros(texts: list[str]) -> array:
    """Microseconds since 1970 of times ``YYYY-MM-DDThh:mm:ssZ`` (the form the model's fast
    decoder has checked), parsed by numpy in C (the GUI's chart process); any other text as
    :func:`~trudi_py.archive.csvseries.micros_column` does it."""
    import numpy as np  # here: the CLI's verify works where numpy cannot be loaded

    if not texts:
        return array("q")
    try:
        raw = np.frombuffer("".join(texts).encode("ascii"), dtype=np.uint8)
        if raw.size != 20 * len(texts):
            raise ValueError("not 20 characters each")
        table = raw.reshape(-1, 20)
        if not (bool((table[:, 19] == ord("Z")).all()) and bool((table[:, 10] == ord("T")).all())):
            raise ValueError("not UTC")
        seconds = np.ascontiguousarray(table[:, :19]).view("S19").ravel().astype(
            "datetime64[s]")
    except (ValueError, UnicodeError):
        return array("q", micros_column(texts))
    return array("q", (seconds.astype(np.int64) * 1_000_000).tobytes())


def _has_hole(windows: list[RawWindow]) -> bool:
    """True when the bounded windows, in time order, leave a time no answer covers."""
    spans = sorted((w.after, w.until) for w in windows
                   if w.after is not None and w.until is not None)
    reach = spans[0][1] if spans else None
    for after, until in spans[1:]:
        if reach is not None and after > reach:
            return True
        reach = max(reach, until) if reach is not None else until
    return False


__all__ = ["RawIndex", "RawWindow", "int_column", "utc_micros"]
