"""Fetch a simulated gateway's data once over TLS and serve it as a DataSource (tests)."""

from __future__ import annotations

from datetime import datetime

from conftest import NOW

from trudi_py.m2m.source import GatewaySource
from trudi_py.model import ChannelReadings, GatewayInfo, UsagePoint, UsagePointInfo


class MemorySource:
    """A DataSource that fetched everything once over TLS (the tests re-read it many times)."""

    kind = "gateway"

    def __init__(self, source: GatewaySource, only_tafs: tuple[str, ...] | None = None) -> None:
        self.info: GatewayInfo = source.gateway_info()
        self.points: list[UsagePoint] = [p for p in source.usage_points()
                                          if only_tafs is None or p.taf in only_tafs]
        self.details: dict[str, UsagePointInfo] = {}
        self.data: dict[tuple[str, str], list[ChannelReadings]] = {}
        for p in self.points:
            info = self.details[p.usage_point_id] = source.usage_point_info(p.usage_point_id)
            end = max(bp.end for bp in p.billing_periods) if p.billing_periods else NOW
            for db in info.databases:
                self.data[(p.usage_point_id, db.name)] = source.readings(
                    p.usage_point_id, db.name, p.start, end)

    def gateway_info(self) -> GatewayInfo:
        return self.info

    def usage_points(self) -> list[UsagePoint]:
        return self.points

    def usage_point_info(self, usage_point_id: str) -> UsagePointInfo:
        return self.details[usage_point_id]

    def readings(self, usage_point_id: str, database: str, start: datetime,
                 end: datetime) -> list[ChannelReadings]:
        return [ChannelReadings(c.obis, c.meter_id,
                                tuple(r for r in c.readings if start <= r.target_time <= end))
                for c in self.data[(usage_point_id, database)]]

    def logbook(self, start=None, end=None):  # type: ignore[no-untyped-def]
        return []

    def close(self) -> None:
        pass
