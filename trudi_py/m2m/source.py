"""The :class:`~trudi_py.model.source.DataSource` over a live gateway connection."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from trudi_py.m2m.client import GatewayClient
from trudi_py.m2m.selftest import SelfTestResult
from trudi_py.model import (
    ChannelReadings,
    GatewayInfo,
    LogEntry,
    ReadingsAnswer,
    UsagePoint,
    UsagePointInfo,
)

#: Called after each fetched readings window with (windows done, windows in all, answer).
WindowCallback = Callable[[int, int, ReadingsAnswer], None]


class GatewaySource:
    """A :class:`~trudi_py.model.source.DataSource` over a connected :class:`GatewayClient`.

    The gateway's identity, the contract list and each contract's details are cached (they
    do not change during a session); readings and logbook are fetched on every call. Beyond
    the protocol it offers what only a live gateway can do: per-window progress while reading
    and starting the self-test.
    """

    kind = "gateway"

    def __init__(self, client: GatewayClient) -> None:
        self.client = client
        self._info: GatewayInfo | None = None
        self._points: list[UsagePoint] | None = None
        self._details: dict[str, UsagePointInfo] = {}

    def gateway_info(self, refresh: bool = False) -> GatewayInfo:
        """``smgw-info``, cached after the first call unless ``refresh``."""
        if self._info is None or refresh:
            self._info = self.client.smgw_info()
        return self._info

    def usage_points(self) -> list[UsagePoint]:
        """``user-info``: the consumer's contracts (cached)."""
        if self._points is None:
            self._points = self.client.user_info()
        return self._points

    def usage_point_info(self, usage_point_id: str) -> UsagePointInfo:
        """``usage-point-info`` of one contract (cached per contract)."""
        if usage_point_id not in self._details:
            self._details[usage_point_id] = self.client.usage_point_info(usage_point_id)
        return self._details[usage_point_id]

    def readings(self, usage_point_id: str, database: str, start: datetime,
                 end: datetime, *, on_window: WindowCallback | None = None
                 ) -> list[ChannelReadings]:
        """``readings`` over the range, window by window; ``on_window`` sees each window."""
        return self.client.readings(usage_point_id, database, start, end, on_window=on_window)

    def logbook(self, start: datetime | None = None,
                end: datetime | None = None) -> list[LogEntry]:
        """``log``: the consumer logbook in the range (paged by the client)."""
        return self.client.log(start, end)

    def last_readings(self, usage_point_id: str, database: str = "origin"
                      ) -> list[ChannelReadings]:
        """The newest value of every channel (``last-reading``)."""
        return list(self.client.last_reading(usage_point_id, database).channels)

    def self_test(self) -> SelfTestResult:
        """Ask the gateway to start its self-test (the outcome appears in the logbook)."""
        return self.client.self_test()

    def close(self) -> None:
        """Close the TLS connection; the source is unusable afterwards."""
        self.client.close()
