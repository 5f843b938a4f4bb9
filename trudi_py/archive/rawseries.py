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

import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime

from trudi_py.archive.bounded import MAX_JSON_BYTES, check_json_bounds, load_json
from trudi_py.archive.csvformat import window_rows
from trudi_py.archive.csvseries import MAX_SERIES_READINGS, RowsToSeries
from trudi_py.archive.manifest import META_NAME, RAW_NAME
from trudi_py.archive.rawlog import meta_summary
from trudi_py.archive.zipio import read_chunks
from trudi_py.errors import TrudiError
from trudi_py.model import Channel
from trudi_py.model.series import ChannelSeries
from trudi_py.model.times import parse_time

#: A ``.meta.json`` is < 1 KB; anything larger is not ours and ends the raw route.
MAX_META_BYTES = 64 * 1024
#: ``readings`` answers indexed per archive (a decade of monthly windows for a handful of
#: databases is ~600); more and the raw route is not taken (the CSV is read).
MAX_RAW_ANSWERS = 20_000
#: What reading a member or decoding an answer can raise for content that is not as written.
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
            request = summary.get("request")
            req = request if isinstance(request, dict) else {}
            if summary.get("status") != 200 or seq not in bodies or \
                    summary.get("method") != "readings":
                continue
            key = (str(req.get("usage-point-id")), str(req.get("database")))
            window = ("last", "") if req.get("last-reading") in (True, "true") else \
                (str(req.get("fromtime")), str(req.get("totime")))
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
               meta: dict[str, Channel], start: datetime, end: datetime
               ) -> list[ChannelSeries] | None:
        """The readings with ``start <= target time <= end`` per channel (OBIS order), as
        reading the CSV gives them; None when ``raw/`` cannot promise that."""
        if not self.covers(usage_point_id, database):
            return None
        columns = RowsToSeries(MAX_SERIES_READINGS)
        for window in self.needed(usage_point_id, database, start, end):
            try:
                data = b"".join(read_chunks(zf, window.member, MAX_JSON_BYTES))
                check_json_bounds(data, window.member)
                rows = window_rows(data, meta, window.after, window.until)
            except _READ_ERRORS:
                return None
            for obis, obis_rows in rows.rows.items():
                columns.add(obis, obis_rows)
        found = columns.finish()
        if found is None:
            return None
        return [s.between(start, end) for s in found]


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


__all__ = ["RawIndex", "RawWindow"]
