"""The CONEXA 3.0 (IF_GW_CON, :mod:`trudi_py.m2m`) behind the gateway contract."""

from __future__ import annotations

from datetime import datetime

from trudi_py.gateway.contract import (
    Contract,
    GatewayIdentity,
    SessionScope,
    Step,
    Vendor,
)
from trudi_py.jobs.base import CancelToken, ProgressCallback
from trudi_py.m2m.client import GatewayClient
from trudi_py.m2m.pinning import PinStore
from trudi_py.m2m.settings import ConnectionSettings
from trudi_py.model import ChannelReadings, LogEntry, ReadingsAnswer, merge_channels


class ConexaGateway(SessionScope):
    """An adapter: the unchanged :class:`GatewayClient` speaking the contract."""

    vendor: Vendor = "theben"

    def __init__(self, settings: ConnectionSettings, *, pin_store: PinStore | None = None,
                 client: GatewayClient | None = None) -> None:
        """``client``: an already built (perhaps connected) client to wrap."""
        self.client = client or GatewayClient(settings, pin_store=pin_store)
        self.settings = settings

    def connect(self, *, progress: ProgressCallback | None = None,
                cancel: CancelToken | None = None) -> None:
        """Discovery with Digest or client certificate (one login; once per session)."""
        if self.client.userid is None:
            Step(progress, cancel, 1)("connect", "discovery")
            self.client.connect()

    def identity(self, *, progress: ProgressCallback | None = None,
                 cancel: CancelToken | None = None) -> GatewayIdentity:
        """``smgw-info`` in the contract's words (the full answer kept in ``conexa``)."""
        Step(progress, cancel, 1)("info", "smgw-info")
        info = self.client.smgw_info()
        return GatewayIdentity(vendor=self.vendor, gateway_id=info.display_id,
                               firmware=(info.firmware,), tls_der=self.client.pin.last_der,
                               user=self.client.userid or "", time=info.time, conexa=info)

    def contracts(self, *, progress: ProgressCallback | None = None,
                  cancel: CancelToken | None = None) -> list[Contract]:
        """``user-info`` and one ``usage-point-info`` per usage point."""
        step = Step(progress, cancel)
        step("contracts", "user-info")
        points = self.client.user_info()
        step.total = 1 + len(points)
        out = []
        for point in points:
            step("contracts", point.usage_point_id)
            out.append(Contract(point, self.client.usage_point_info(point.usage_point_id)))
        return out

    def readings(self, contract: Contract, start: datetime, end: datetime, *,
                 database: str = "origin", progress: ProgressCallback | None = None,
                 cancel: CancelToken | None = None) -> list[ChannelReadings]:
        """``readings`` in windows of at most 31 days; cancel is checked between windows."""
        step = Step(progress, cancel)
        step("readings", contract.contract_id)

        def on_window(done: int, total: int, _: ReadingsAnswer) -> None:
            step.total = total + 1
            if done < total:
                step("readings", f"window {done + 1} of {total}")

        return self.client.readings(contract.contract_id, database, start, end,
                                    on_window=on_window)

    def logbook(self, start: datetime | None, end: datetime | None, *,
                progress: ProgressCallback | None = None,
                cancel: CancelToken | None = None) -> list[LogEntry]:
        """``log`` page by page (1500 entries each), cancel checked between pages."""
        step = Step(progress, cancel)
        entries: list[LogEntry] = []
        step("log", "page 1")
        for page in self.client.log_pages(start, end):
            entries += page
            step("log", f"{len(entries)} entries")
        return sorted(entries, key=lambda e: e.index)

    def current_values(self, *, progress: ProgressCallback | None = None,
                       cancel: CancelToken | None = None) -> list[ChannelReadings]:
        """The ``last-reading`` of every usage point (its origin database, else its first:
        a TAF-1 has only "derived"), merged."""
        contracts = self.contracts(progress=progress, cancel=cancel)
        step = Step(progress, cancel, len(contracts))
        parts: list[ChannelReadings] = []
        for contract in contracts:
            names = [db.name for db in contract.detail.databases] if contract.detail else []
            if not names:
                continue
            step("current", contract.contract_id)
            database = "origin" if "origin" in names else names[0]
            parts += self.client.last_reading(contract.contract_id, database).channels
        return merge_channels(parts)

    def self_test(self, *, progress: ProgressCallback | None = None,
                  cancel: CancelToken | None = None) -> None:
        """``self-test`` (SelfTestLocked during the gateway's 600 s lock)."""
        Step(progress, cancel, 1)("self-test", "self-test")
        self.client.self_test()

    def disconnect(self) -> None:
        """Close the connection (IF_GW_CON has no logout)."""
        self.client.close()
