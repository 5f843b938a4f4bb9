"""One read interface over a live gateway, an opened archive and the history store.

The GUI's pages, the verify job and the archive report ask a :class:`DataSource`; they do not
care whether the data comes over TLS (:class:`trudi_py.m2m.source.GatewaySource`), from a ZIP
file (:class:`trudi_py.archive.reader.ArchiveSource`) or from the history database
(:class:`trudi_py.history.source.HistorySource`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol, runtime_checkable

from trudi_py.model.contracts import UsagePoint, UsagePointInfo
from trudi_py.model.gateway import GatewayInfo
from trudi_py.model.logbook import LogEntry
from trudi_py.model.readings import ChannelReadings


@runtime_checkable
class DataSource(Protocol):
    """What a page can read. Times are aware UTC datetimes; ranges are inclusive."""

    #: "gateway", "archive" or "history" (the GUI hides gateway-only actions otherwise)
    kind: str

    def gateway_info(self) -> GatewayInfo:
        """The gateway's identity, clock and firmware (for an archive: when it was made)."""
        ...

    def usage_points(self) -> list[UsagePoint]:
        """The contracts (usage points) this consumer may read."""
        ...

    def usage_point_info(self, usage_point_id: str) -> UsagePointInfo:
        """One contract's details: databases, channels, tariff profile."""
        ...

    def readings(self, usage_point_id: str, database: str, start: datetime,
                 end: datetime) -> list[ChannelReadings]:
        """The readings of one contract's database between ``start`` and ``end``."""
        ...

    def logbook(self, start: datetime | None = None,
                end: datetime | None = None) -> list[LogEntry]:
        """The consumer logbook entries in the range (all when open-ended)."""
        ...

    def close(self) -> None:
        """Release the connection or file; the source is unusable afterwards."""
        ...
