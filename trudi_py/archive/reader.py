"""An archive as a :class:`~trudi_py.model.source.DataSource`: the GUI opens it offline like a
gateway. Reads the normalised JSON members and streams the CSVs (nothing extracted to disk)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from trudi_py.archive.assemble import readings_member
from trudi_py.archive.bounded import MemberProblem, read_json_member, split_records
from trudi_py.archive.csvformat import LOG_COLUMNS, READING_COLUMNS
from trudi_py.archive.rawlog import safe_segment
from trudi_py.archive.summary import parse_z
from trudi_py.archive.zipio import iter_lines, open_archive
from trudi_py.errors import ArchiveError
from trudi_py.model import (
    ChannelReadings,
    GatewayInfo,
    LogEntry,
    Reading,
    UsagePoint,
    UsagePointInfo,
    parse_user_info,
)


class ArchiveSource:
    """Read access to a finished archive (``kind = "archive"``). Use as a context manager
    or call :meth:`close`."""

    kind = "archive"

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._zf, unsafe = open_archive(self.path)
        if unsafe:
            self._zf.close()
            raise ArchiveError(f"{path} contains unsafe members ({unsafe[0].path}: "
                               f"{unsafe[0].reason}); not opened.",
                               f"{path} enthält unsichere Einträge ({unsafe[0].path}); "
                               f"nicht geöffnet.")
        self._names = set(self._zf.namelist())
        self.manifest: dict[str, Any] = self._json("manifest.json")
        self._info: GatewayInfo | None = None
        self._points: list[UsagePoint] | None = None
        self._details: dict[str, UsagePointInfo] = {}

    def __enter__(self) -> ArchiveSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._zf.close()

    def _json(self, name: str) -> Any:
        if name not in self._names:
            raise ArchiveError(f"{self.path} has no {name}: not a trudi_py archive?",
                               f"{self.path} enthält kein {name}: kein trudi_py-Archiv?")
        return read_json_member(self._zf, name)

    # -- DataSource ---------------------------------------------------------------------------
    def gateway_info(self) -> GatewayInfo:
        if self._info is None:
            doc = self._json("smgw-info.json")
            self._info = GatewayInfo.from_json({"smgw-info": doc,
                                                "version": doc.get("interface-version", "")})
        return self._info

    def usage_points(self) -> list[UsagePoint]:
        if self._points is None:
            self._points = parse_user_info({"user-info": self._json("user-info.json")})
        return self._points

    def usage_point_info(self, usage_point_id: str) -> UsagePointInfo:
        if usage_point_id not in self._details:
            doc = self._json(f"usage-points/{safe_segment(usage_point_id)}.json")
            self._details[usage_point_id] = UsagePointInfo.from_json({"usage-point-info": doc})
        return self._details[usage_point_id]

    def readings(self, usage_point_id: str, database: str, start: datetime,
                 end: datetime) -> list[ChannelReadings]:
        """Every archived reading with ``start <= target time <= end``, per channel."""
        return self._channels(usage_point_id, database, start, end)

    def last_readings(self, usage_point_id: str, database: str = "origin"
                      ) -> list[ChannelReadings]:
        return [ChannelReadings(c.obis, c.meter_id, c.readings[-1:])
                for c in self._channels(usage_point_id, database, None, None)]

    def logbook(self, start: datetime | None = None,
                end: datetime | None = None) -> list[LogEntry]:
        """Entries with ``start <= time < end`` (as the gateway's ``log``), sorted by index."""
        out = []
        for line, row in self._rows("logbook.csv", len(LOG_COLUMNS)):
            try:
                moment = parse_z(row[2])
                if (start is not None and moment < start) or \
                        (end is not None and moment >= end):
                    continue
                out.append(LogEntry(int(row[0]), row[1], moment, row[3], row[5], row[6],
                                    row[4], row[7], row[8], row[9], row[10], row[11]))
            except ValueError as exc:
                raise _bad_row("logbook.csv", line, exc) from None
        return out

    # -- helpers ------------------------------------------------------------------------------
    def _rows(self, name: str, columns: int) -> Iterator[tuple[int, list[str]]]:
        """(line number, fields) of a CSV member after its header; a row with the wrong
        number of fields is a :class:`MemberProblem` naming member and line."""
        if name not in self._names:
            raise ArchiveError(f"{self.path} has no {name}.", f"{self.path} enthält kein "
                               f"{name}.")
        lines = iter_lines(self._zf, name, "utf-8-sig")
        next(lines, None)  # header
        line = 1
        try:
            for text, row in split_records(lines):
                line += 1
                if len(row) != columns:
                    raise MemberProblem(name, f"{len(row)} fields instead of {columns}.",
                                        f"{len(row)} Felder statt {columns}.", line)
                yield line, row
                line += text.count("\n") - 1
        except ValueError as exc:  # a record running over MAX_CSV_RECORD
            raise _bad_row(name, line + 1, exc) from None

    def _channels(self, usage_point_id: str, database: str, start: datetime | None,
                  end: datetime | None) -> list[ChannelReadings]:
        name = readings_member(usage_point_id, database)
        if name not in self._names:
            return []
        channels: dict[str, tuple[str, list[Reading]]] = {}
        for line, row in self._rows(name, len(READING_COLUMNS)):
            try:
                moment = parse_z(row[3])
                if (start is not None and moment < start) or \
                        (end is not None and moment > end):
                    continue
                reading = Reading(moment, parse_z(row[2]) if row[2] else None, row[4],
                                  row[8], row[9], row[10], row[11], row[12] or None)
            except ValueError as exc:
                raise _bad_row(name, line, exc) from None
            bucket = channels.setdefault(row[0], (row[1], []))
            bucket[1].append(reading)
        return [ChannelReadings(obis, meter, tuple(readings))
                for obis, (meter, readings) in sorted(channels.items())]


def _bad_row(name: str, line: int, exc: Exception) -> MemberProblem:
    return MemberProblem(name, f"malformed row ({exc}).", f"fehlerhafte Zeile ({exc}).", line)
