"""A :class:`~trudi_py.model.source.DataSource` over the history store: the GUI's pages and
the verify job can read everything ever fetched, offline. Gateway info and contracts are
the newest stored versions; readings and the logbook the whole history."""

from __future__ import annotations

import json
from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from trudi_py.errors import HistoryError
from trudi_py.history.store import HistoryStore
from trudi_py.i18n import msg
from trudi_py.model import (
    ChannelReadings,
    GatewayInfo,
    LogEntry,
    UsagePoint,
    UsagePointInfo,
    parse_user_info,
)
from trudi_py.model.logbook import LogAnswer
from trudi_py.model.times import format_utc, parse_time


@dataclass(frozen=True)
class Origin:
    """Where the values of one channel came from: ``starts[i]`` is the first target time
    of the i-th run of values delivered by one gateway answer, received at ``fetched[i]``
    (PC clock, UTC) in sync number ``syncs[i]``."""

    starts: tuple[datetime, ...]
    fetched: tuple[datetime, ...]
    syncs: tuple[int, ...]

    def of(self, target_time: datetime) -> tuple[datetime, int] | None:
        """(fetch time, sync number) of the value at ``target_time``."""
        i = bisect_right(self.starts, target_time) - 1
        return (self.fetched[i], self.syncs[i]) if i >= 0 else None


class HistorySource:
    """The history store as a data source (``kind = "history"``); one connection, used by
    one thread at a time (the GUI's serial worker)."""

    kind = "history"

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.store = HistoryStore(path)

    def close(self) -> None:
        """Close the store."""
        self.store.close()

    def origins(self, usage_point_id: str, database: str, start: datetime | None = None,
                end: datetime | None = None) -> dict[str, Origin]:
        """Per channel (OBIS) which gateway answer delivered its values in ``start..end``
        (the first answer that held a value; later re-reads only confirmed it)."""
        lo = format_utc(start) if start else ""
        hi = format_utc(end) if end else "9999"
        fetched = {rid: (parse_time(received), sync_id) for rid, received, sync_id in
                   self.store.conn.execute("SELECT id, received, sync_id FROM raw WHERE id IN "
                                           "(SELECT DISTINCT raw_id FROM readings WHERE "
                                           "usage_point_id=? AND database=? AND target_time "
                                           "BETWEEN ? AND ?)", (usage_point_id, database, lo,
                                                                 hi))}
        runs: dict[str, list[tuple[datetime, int]]] = {}
        last: dict[str, int] = {}
        for obis, target, raw_id in self.store.conn.execute(
                "SELECT obis, target_time, raw_id FROM readings WHERE usage_point_id=? AND "
                "database=? AND target_time BETWEEN ? AND ? ORDER BY obis, target_time",
                (usage_point_id, database, lo, hi)):
            if last.get(obis) != raw_id:
                runs.setdefault(obis, []).append((parse_time(target), raw_id))
                last[obis] = raw_id
        return {obis: Origin(tuple(t for t, _ in items),
                             tuple(fetched[r][0] for _, r in items),
                             tuple(fetched[r][1] for _, r in items))
                for obis, items in runs.items()}

    def _latest(self, kind: str, key: str = "") -> dict:
        found = self.store.latest(kind, key)
        if found is None:
            raise HistoryError(msg("The history holds no {kind} yet.", kind=kind))
        return found

    def gateway_info(self) -> GatewayInfo:
        """The newest ``smgw-info`` answer exactly as received (time = last sync)."""
        raw_id = self.store.conn.execute("SELECT MAX(id) FROM raw WHERE method='smgw-info' "
                                         "AND status=200").fetchone()[0]
        if raw_id is None:
            raise HistoryError(msg("The history holds no gateway information yet."))
        return GatewayInfo.from_json(json.loads(self.store.raw(raw_id).body))

    def usage_points(self) -> list[UsagePoint]:
        """The contracts of the newest stored ``user-info``."""
        userid = self._latest("tls-connection")["document"]["userid"]
        return parse_user_info({"user-info": self._latest("user-info", userid)["document"]})

    def usage_point_info(self, usage_point_id: str) -> UsagePointInfo:
        """The newest stored details of one contract."""
        return UsagePointInfo.from_json(
            {"usage-point-info": self._latest("usage-point-info", usage_point_id)["document"]})

    def readings(self, usage_point_id: str, database: str, start: datetime,
                 end: datetime) -> list[ChannelReadings]:
        """Every stored value of one database in ``start``..``end``, per channel."""
        return self.store.readings(usage_point_id, database, start, end)

    def logbook(self, start: datetime | None = None,
                end: datetime | None = None) -> list[LogEntry]:
        """Stored log entries in ``start``..``end`` (all when None)."""
        entries = self.store.log_entries(start, end)
        return list(LogAnswer.from_json({"log": {"entries": entries}}).entries)
