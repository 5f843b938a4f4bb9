"""An archive as a :class:`~trudi_py.model.source.DataSource`: the GUI opens it offline like a
gateway. Reads the normalised JSON members and streams the CSVs (nothing extracted to disk)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from trudi_py.archive.assemble import readings_member
from trudi_py.archive.bounded import (
    MemberProblem,
    read_json_member,
    split_records,
)
from trudi_py.archive.colstore import (
    COLUMNS_PREFIX,
    MAX_COLUMNS_BYTES,
    ColumnsError,
    DecodedYears,
    columns_years,
    decode_year,
    stored_range,
)
from trudi_py.archive.csvformat import LOG_COLUMNS, READING_COLUMNS
from trudi_py.archive.csvseries import MAX_SERIES_READINGS as MAX_SERIES_READINGS
from trudi_py.archive.csvseries import ProvenSeries, SeriesReader, bad_row
from trudi_py.archive.csvseries import micros_z as micros_z  # re-exported (tests, GUI)
from trudi_py.archive.manifest import HASH_NAME
from trudi_py.archive.ppc_integrity import is_ppc_manifest
from trudi_py.archive.rawlog import safe_segment
from trudi_py.archive.rawseries import RawIndex
from trudi_py.archive.readahead import read_member
from trudi_py.archive.summary import (
    MAX_DAY_SUMMARY_BYTES,
    DayChannel,
    DaySummaryError,
    day_summary_member,
    parse_day_summary,
    parse_z,
)
from trudi_py.archive.zipio import iter_lines, open_archive
from trudi_py.errors import ArchiveError
from trudi_py.i18n import msg
from trudi_py.model import (
    ChannelReadings,
    GatewayInfo,
    LogEntry,
    Reading,
    UsagePoint,
    UsagePointInfo,
    parse_user_info,
)
from trudi_py.model.series import ChannelSeries

#: Column positions of the readings and logbook tables (archive.md), by name.
_R = {name: i for i, name in enumerate(READING_COLUMNS)}
R_OBIS, R_METER, R_CAPTURE, R_TARGET, R_VALUE = (
    _R["obis"], _R["meter_id"], _R["capture_time"], _R["target_time"], _R["value"])
R_COSEM, R_SMGW, R_METER_STATUS, R_OWNER, R_SIGNATURE = (
    _R["cosem_status"], _R["smgw_status"], _R["meter_status"], _R["owner_number"],
    _R["signature"])
_L = {name: i for i, name in enumerate(LOG_COLUMNS)}
L_INDEX, L_RECORD, L_TIME, L_LEVEL, L_VENDOR, L_EVENT, L_SUB_EVENT, L_OUTCOME = (
    _L["index"], _L["record_number"], _L["time"], _L["level"], _L["vendor_id"],
    _L["event_id"], _L["event_sub_id"], _L["outcome"])
L_MESSAGE, L_SUBJECT, L_USER, L_VERSION = (
    _L["message"], _L["subject_identity"], _L["user_identity"], _L["version"])

log = logging.getLogger(__name__)

#: ``origin`` databases kept (as columns) for a second contract of the same meter.
SERIES_CACHE = 1

class ArchiveSource:
    """Read access to a finished archive (``kind = "archive"``). Use as a context manager
    or call :meth:`close`."""

    kind = "archive"

    def __init__(self, path: Path, proven: ProvenSeries | None = None) -> None:
        """Open the archive; ``proven``: columns that :func:`~trudi_py.archive.integrity.
        check_archive` built from ``raw/`` and proved byte-equal to their CSVs (taken
        instead of parsing those CSVs again)."""
        self.path = Path(path)
        self._proven: ProvenSeries = dict(proven or {})
        self._zf, unsafe = open_archive(self.path)
        if unsafe:
            self._zf.close()
            raise ArchiveError(msg("{path} contains unsafe members ({member}: {reason}); not "
                                   "opened.",
                                   path=path, member=unsafe[0].path, reason=unsafe[0].reason))
        self._names = set(self._zf.namelist())
        self.manifest: dict[str, Any] = self._json("manifest.json")
        self._info: GatewayInfo | None = None
        self._points: list[UsagePoint] | None = None
        self._details: dict[str, UsagePointInfo] = {}
        self._series: dict[tuple[str, str], list[ChannelSeries]] = {}
        self._raw: RawIndex | None = None
        self._raw_lock = threading.Lock()  # the GUI's chart process reads it on a thread
        self._years: dict[tuple[str, str], dict[int, str]] = {}
        self._decoded = DecodedYears()

    def __enter__(self) -> ArchiveSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the ZIP file."""
        self._zf.close()

    def _json(self, name: str) -> Any:
        if name not in self._names:
            raise ArchiveError(msg("{path} has no {name}: not a trudi_py archive?",
                                   path=self.path, name=name))
        return read_json_member(self._zf, name)

    # -- DataSource ---------------------------------------------------------------------------
    def gateway_info(self) -> GatewayInfo:
        """The archived smgw-info (read once)."""
        if self._info is None:
            doc = self._json("smgw-info.json")
            self._info = GatewayInfo.from_json({"smgw-info": doc,
                                                "version": doc.get("interface-version", "")})
        return self._info

    def usage_points(self) -> list[UsagePoint]:
        """The archived user-info usage points (read once)."""
        if self._points is None:
            self._points = parse_user_info({"user-info": self._json("user-info.json")})
        return self._points

    def usage_point_info(self, usage_point_id: str) -> UsagePointInfo:
        """The archived usage-point-info of one contract."""
        if usage_point_id not in self._details:
            doc = self._json(f"usage-points/{safe_segment(usage_point_id)}.json")
            self._details[usage_point_id] = UsagePointInfo.from_json({"usage-point-info": doc})
        return self._details[usage_point_id]

    def readings(self, usage_point_id: str, database: str, start: datetime,
                 end: datetime) -> list[ChannelReadings]:
        """Every archived reading with ``start <= target time <= end``, per channel."""
        return self._channels(usage_point_id, database, start, end)

    def series(self, usage_point_id: str, database: str, start: datetime | None = None,
               end: datetime | None = None, pace: Callable[[], None] | None = None,
               vectorised: bool = False) -> list[ChannelSeries]:
        """Every archived reading of one database, per channel, as compact columns: the member
        is streamed row by row and no Python object per reading is kept (10 years of
        15-minute values: ~30 MB instead of ~600 MB); ``start``/``end`` bound the target
        times (inclusive) as in :meth:`readings`. More than
        :data:`MAX_SERIES_READINGS` rows is a :class:`MemberProblem`. ``pace`` is called
        between blocks of the CSV (it may wait, or raise to stop the read); ``vectorised``
        reads them with numpy (the GUI's chart process; see :class:`SeriesReader`)."""
        key = (usage_point_id, database)
        cached = self._series.get(key)
        if cached is None:
            cached = self._read_series(usage_point_id, database, pace, vectorised)
            if database == "origin":  # asked again for a contract of the same meter
                if len(self._series) >= SERIES_CACHE:
                    self._series.pop(next(iter(self._series)))
                self._series[key] = cached
        return [s.between(start, end) for s in cached]

    def _read_series(self, usage_point_id: str, database: str,
                     pace: Callable[[], None] | None = None, vectorised: bool = False
                     ) -> list[ChannelSeries]:
        proven = self._proven.pop((usage_point_id, database), None)
        if proven is not None and sum(map(len, proven)) <= MAX_SERIES_READINGS:
            return proven
        name = readings_member(usage_point_id, database)
        if name not in self._names:
            return []
        return SeriesReader(self._zf, name, MAX_SERIES_READINGS, pace, vectorised).read()

    def raw_series(self, usage_point_id: str, database: str, start: datetime, end: datetime,
                   max_share: float = 1.0, pace: Callable[[], None] | None = None
                   ) -> list[ChannelSeries] | None:
        """The readings with ``start <= target time <= end`` per channel, built from the
        ``raw/`` answers of the range (:mod:`~trudi_py.archive.rawseries`) — the same
        columns as :meth:`series` gives — when those answers' compressed size is at most
        ``max_share`` of the CSV member's; None when raw/ cannot promise the CSV's readings
        (then read the CSV). ``pace`` is called before each answer (it may wait, or raise
        to stop the build)."""
        share = self.raw_share(usage_point_id, database, start, end)
        if share is None or share > max_share:
            return None
        raw = self._raw_index()
        info = self.usage_point_info(usage_point_id)
        db = info.database(database)
        meta = {c.obis: c for c in (db.channels if db else ())}
        return raw.series(self._zf, usage_point_id, database, meta, start, end, pace)

    def has_column_store(self) -> bool:
        """Whether the archive has column store members at all (written since issue 16)."""
        return any(name.startswith(COLUMNS_PREFIX) for name in self._names)

    def column_years(self, usage_point_id: str, database: str) -> dict[int, str]:
        """The years of the database's column store (:mod:`~trudi_py.archive.colstore`),
        year → member; empty for an archive written before it existed."""
        key = (usage_point_id, database)
        if key not in self._years:
            self._years[key] = columns_years(self._names, usage_point_id, database)
        return self._years[key]

    def stored_series(self, usage_point_id: str, database: str, start: datetime,
                      end: datetime) -> list[ChannelSeries] | None:
        """The readings with ``start <= target time <= end`` per channel from the column
        store — the same columns as :meth:`series` gives, in milliseconds — when every year
        of the range has its member, listed in the manifest with its SHA-256 and
        well-formed; None otherwise (then read the CSV or raw/)."""
        years = self.column_years(usage_point_id, database)
        return stored_range(years, lambda year: self._decoded.get(
            years[year], lambda: self._stored_year(years[year], year)),
            start, end, MAX_SERIES_READINGS)

    def _stored_year(self, name: str, year: int) -> list[ChannelSeries] | None:
        listed = self.listed_sha256(name)
        member = read_member(self._zf, name, MAX_COLUMNS_BYTES)
        try:
            if member.data is None or member.digest != listed:
                raise ColumnsError(str(member.error or "its SHA-256 differs from the manifest"))
            return decode_year(member.data, year)
        except ColumnsError as exc:
            log.warning("column store member %s not used: %s", name, exc)
            return None

    def listed_sha256(self, name: str) -> str | None:
        """The SHA-256 the manifest lists for a member present in the archive (None if it
        is absent or not listed)."""
        if name not in self._names:
            return None
        files = self.manifest.get("files") if isinstance(self.manifest, dict) else None
        for entry in files if isinstance(files, list) else ():
            if isinstance(entry, dict) and entry.get("path") == name:
                digest = entry.get(HASH_NAME)
                return digest if isinstance(digest, str) else None
        return None

    def day_summary(self, usage_point_id: str, database: str) -> list[DayChannel] | None:
        """The database's energy per local day per channel from its day summary member
        (:mod:`~trudi_py.archive.summary`), when present, listed, of the manifest's SHA-256
        and well-formed; None otherwise (then the charts come from the readings)."""
        name = day_summary_member(usage_point_id, database)
        listed = self.listed_sha256(name)
        if listed is None:
            return None
        member = read_member(self._zf, name, MAX_DAY_SUMMARY_BYTES)
        if member.data is None or member.digest != listed:
            log.warning("day summary %s not used: %s", name, member.error or
                        "its SHA-256 differs from the manifest")
            return None
        try:
            return parse_day_summary(member.data)
        except DaySummaryError as exc:
            log.warning("day summary %s not used: %s", name, exc)
            return None

    def raw_share(self, usage_point_id: str, database: str, start: datetime, end: datetime
                  ) -> float | None:
        """What reading the range from ``raw/`` costs against the whole CSV (compressed
        bytes); None when raw/ cannot answer it."""
        name = readings_member(usage_point_id, database)
        if name not in self._names:
            return None
        return self._raw_index().share(self._zf, usage_point_id, database, start, end, name)

    def raw_until(self, usage_point_id: str, database: str) -> datetime | None:
        """The end of the latest request window in ``raw/`` for this database (None when
        raw/ cannot answer its ranges)."""
        raw = self._raw_index()
        if not raw.covers(usage_point_id, database):
            return None
        return max((w.until for w in raw.windows[(usage_point_id, database)]
                    if w.until is not None), default=None)

    def read_raw_index(self) -> None:
        """Index the ``raw/`` answers now (the GUI's chart process does it on a thread as
        soon as an archive is opened: a decade's ~600 metas take ~0.1 s)."""
        self._raw_index()

    def _raw_index(self) -> RawIndex:
        with self._raw_lock:  # read once, also when two threads ask at the same time
            if self._raw is None:
                # a PPC archive keeps the portal's answers, not CONEXA readings windows
                self._raw = RawIndex() if is_ppc_manifest(self.manifest) else \
                    RawIndex.read(self._zf)
            return self._raw

    def last_readings(self, usage_point_id: str, database: str = "origin"
                      ) -> list[ChannelReadings]:
        """The last archived reading of each channel."""
        return [ChannelReadings(c.obis, c.meter_id, c.readings[-1:])
                for c in self._channels(usage_point_id, database, None, None)]

    def logbook(self, start: datetime | None = None,
                end: datetime | None = None) -> list[LogEntry]:
        """Entries with ``start <= time < end`` (as the gateway's ``log``), sorted by index."""
        out = []
        for line, row in self._rows("logbook.csv", len(LOG_COLUMNS)):
            try:
                moment = parse_z(row[L_TIME])
                if (start is not None and moment < start) or \
                        (end is not None and moment >= end):
                    continue
                out.append(LogEntry(int(row[L_INDEX]), row[L_RECORD], moment, row[L_LEVEL],
                                    row[L_EVENT], row[L_SUB_EVENT], row[L_VENDOR],
                                    row[L_OUTCOME], row[L_MESSAGE], row[L_SUBJECT],
                                    row[L_USER], row[L_VERSION]))
            except ValueError as exc:
                raise bad_row("logbook.csv", line, exc) from None
        return out

    # -- helpers ------------------------------------------------------------------------------
    def _rows(self, name: str, columns: int) -> Iterator[tuple[int, list[str]]]:
        """(line number, fields) of a CSV member after its header; a row with the wrong
        number of fields is a :class:`MemberProblem` naming member and line."""
        if name not in self._names:
            raise ArchiveError(msg("{path} has no {name}.", path=self.path, name=name))
        lines = iter_lines(self._zf, name, "utf-8-sig")
        next(lines, None)  # header
        line = 1
        try:
            for text, row in split_records(lines):
                line += 1
                if len(row) != columns:
                    raise MemberProblem(name, msg("{n_row} fields instead of {columns}.",
                                                  n_row=len(row), columns=columns), line)
                yield line, row
                line += text.count("\n") - 1
        except ValueError as exc:  # a record running over MAX_CSV_RECORD
            raise bad_row(name, line + 1, exc) from None

    def _channels(self, usage_point_id: str, database: str, start: datetime | None,
                  end: datetime | None) -> list[ChannelReadings]:
        name = readings_member(usage_point_id, database)
        if name not in self._names:
            return []
        channels: dict[str, tuple[str, list[Reading]]] = {}
        for line, row in self._rows(name, len(READING_COLUMNS)):
            try:
                moment = parse_z(row[R_TARGET])
                if (start is not None and moment < start) or \
                        (end is not None and moment > end):
                    continue
                capture = row[R_CAPTURE]
                reading = Reading(moment, parse_z(capture) if capture else None, row[R_VALUE],
                                  row[R_COSEM], row[R_SMGW], row[R_METER_STATUS],
                                  row[R_OWNER], row[R_SIGNATURE] or None)
            except ValueError as exc:
                raise bad_row(name, line, exc) from None
            bucket = channels.setdefault(row[R_OBIS], (row[R_METER], []))
            bucket[1].append(reading)
        return [ChannelReadings(obis, meter, tuple(readings))
                for obis, (meter, readings) in sorted(channels.items())]
