"""One read interface over a live gateway and an opened archive.

The GUI's Readings, Logbook and Verification pages (and the verify job) ask a
:class:`DataSource`; they do not care whether the data comes over TLS or from a ZIP file.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol, runtime_checkable

from trudi_py.m2m import GatewayClient
from trudi_py.model import ChannelReadings, GatewayInfo, LogEntry, UsagePoint, UsagePointInfo


@runtime_checkable
class DataSource(Protocol):
    """What a page can read. Times are aware UTC datetimes; ranges are inclusive."""

    #: "gateway" or "archive" (the GUI hides gateway-only actions for archives)
    kind: str

    def gateway_info(self) -> GatewayInfo: ...

    def usage_points(self) -> list[UsagePoint]: ...

    def usage_point_info(self, usage_point_id: str) -> UsagePointInfo: ...

    def readings(self, usage_point_id: str, database: str, start: datetime,
                 end: datetime) -> list[ChannelReadings]: ...

    def logbook(self, start: datetime | None = None,
                end: datetime | None = None) -> list[LogEntry]: ...


class GatewaySource:
    """A :class:`DataSource` over a connected :class:`GatewayClient` (answers cached)."""

    kind = "gateway"

    def __init__(self, client: GatewayClient) -> None:
        self.client = client
        self._info: GatewayInfo | None = None
        self._points: list[UsagePoint] | None = None
        self._details: dict[str, UsagePointInfo] = {}

    def gateway_info(self, refresh: bool = False) -> GatewayInfo:
        if self._info is None or refresh:
            self._info = self.client.smgw_info()
        return self._info

    def usage_points(self) -> list[UsagePoint]:
        if self._points is None:
            self._points = self.client.user_info()
        return self._points

    def usage_point_info(self, usage_point_id: str) -> UsagePointInfo:
        if usage_point_id not in self._details:
            self._details[usage_point_id] = self.client.usage_point_info(usage_point_id)
        return self._details[usage_point_id]

    def readings(self, usage_point_id: str, database: str, start: datetime,
                 end: datetime) -> list[ChannelReadings]:
        return self.client.readings(usage_point_id, database, start, end)

    def logbook(self, start: datetime | None = None,
                end: datetime | None = None) -> list[LogEntry]:
        return self.client.log(start, end)

    def last_readings(self, usage_point_id: str, database: str = "origin"
                      ) -> list[ChannelReadings]:
        return list(self.client.last_reading(usage_point_id, database).channels)
