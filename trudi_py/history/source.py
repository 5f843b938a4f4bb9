"""A :class:`~trudi_py.model.source.DataSource` over the history store: the GUI's pages and
the verify job can read everything ever fetched, offline. Gateway info and contracts are
the newest stored versions; readings and the logbook the whole history."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from trudi_py.errors import HistoryError
from trudi_py.history.store import HistoryStore
from trudi_py.model import (
    ChannelReadings,
    GatewayInfo,
    LogEntry,
    UsagePoint,
    UsagePointInfo,
    parse_user_info,
)
from trudi_py.model.logbook import LogAnswer


class HistorySource:
    kind = "history"

    def __init__(self, path: Path) -> None:
        self.store = HistoryStore(path)

    def close(self) -> None:
        self.store.close()

    def _latest(self, kind: str, key: str = "") -> dict:
        found = self.store.latest(kind, key)
        if found is None:
            raise HistoryError(f"The history holds no {kind} yet.",
                               f"Der Verlauf enthält noch kein {kind}.")
        return found

    def gateway_info(self) -> GatewayInfo:
        """The newest ``smgw-info`` answer exactly as received (time = last sync)."""
        raw_id = self.store.conn.execute("SELECT MAX(id) FROM raw WHERE method='smgw-info' "
                                         "AND status=200").fetchone()[0]
        if raw_id is None:
            raise HistoryError("The history holds no gateway information yet.",
                               "Der Verlauf enthält noch keine Gateway-Information.")
        return GatewayInfo.from_json(json.loads(self.store.raw(raw_id).body))

    def usage_points(self) -> list[UsagePoint]:
        userid = self._latest("tls-connection")["document"]["userid"]
        return parse_user_info({"user-info": self._latest("user-info", userid)["document"]})

    def usage_point_info(self, usage_point_id: str) -> UsagePointInfo:
        return UsagePointInfo.from_json(
            {"usage-point-info": self._latest("usage-point-info", usage_point_id)["document"]})

    def readings(self, usage_point_id: str, database: str, start: datetime,
                 end: datetime) -> list[ChannelReadings]:
        return self.store.readings(usage_point_id, database, start, end)

    def logbook(self, start: datetime | None = None,
                end: datetime | None = None) -> list[LogEntry]:
        entries = self.store.log_entries(start, end)
        return list(LogAnswer.from_json({"log": {"entries": entries}}).entries)
