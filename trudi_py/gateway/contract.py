"""The one gateway contract: what every vendor's HAN client offers the jobs, CLI and GUI.

The shape is TRuDI's over eight vendors: connect (Digest user+password or PKCS#12, the
certificate pin unchanged), gateway identity (id, firmware, certificates), contracts with
billing periods, readings for a window, logbook for a window, current values, self-test,
disconnect. Every call takes an optional progress callback and cancel token; errors are the
ones of :mod:`trudi_py.errors` (ConnectError/GatewayTimeout, TrustError, AuthError,
LockedOut, SessionRefused, GatewayError/MalformedAnswer, Cancelled). Results are the records
of :mod:`trudi_py.model`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, Protocol, Self

from trudi_py.jobs.base import CancelToken, Progress, ProgressCallback
from trudi_py.model import (
    BillingPeriod,
    ChannelReadings,
    FirmwareInfo,
    GatewayInfo,
    LogEntry,
    UsagePoint,
    UsagePointInfo,
)

Vendor = Literal["theben", "ppc"]


@dataclass(frozen=True)
class GatewayIdentity:
    """Who the gateway is: id, vendor, firmware components, the certificate of this link."""

    vendor: Vendor
    gateway_id: str  # upper case, "EPPC0000012345"; "" where the gateway does not say
    firmware: tuple[FirmwareInfo, ...]
    tls_der: bytes  # the HAN TLS certificate this connection was pinned to
    user: str  # CONEXA: the discovered userid; PPC: the HAN user name
    time: datetime | None = None  # the gateway's clock (UTC) where it tells it
    conexa: GatewayInfo | None = None  # the full smgw-info of a CONEXA (state word, WAN certs)


@dataclass(frozen=True)
class Contract:
    """One contract (usage point / tariff profile) of the logged-in consumer."""

    point: UsagePoint  # id, name, TAF, meters, billing periods in the model's words
    detail: UsagePointInfo | None = None  # CONEXA: databases and channels
    profile: dict[str, str] = field(default_factory=dict)  # PPC: the profile's label/values

    @property
    def contract_id(self) -> str:
        """The id a user names the contract by (usage-point id or PPC Profil-ID)."""
        return self.point.usage_point_id

    @property
    def billing_periods(self) -> tuple[BillingPeriod, ...]:
        """The contract's billing periods, oldest first, as the gateway lists them."""
        return self.point.billing_periods


class Gateway(Protocol):
    """A session with one gateway (context manager: ``__exit__`` disconnects)."""

    vendor: Vendor

    def connect(self, *, progress: ProgressCallback | None = None,
                cancel: CancelToken | None = None) -> None:
        """Log in once (a refusal is raised, never retried)."""

    def identity(self, *, progress: ProgressCallback | None = None,
                 cancel: CancelToken | None = None) -> GatewayIdentity:
        """Gateway id, firmware and the TLS certificate of this connection."""

    def contracts(self, *, progress: ProgressCallback | None = None,
                  cancel: CancelToken | None = None) -> list[Contract]:
        """The consumer's contracts with their billing periods."""

    def readings(self, contract: Contract, start: datetime, end: datetime, *,
                 database: str = "origin", progress: ProgressCallback | None = None,
                 cancel: CancelToken | None = None) -> list[ChannelReadings]:
        """Every reading of ``contract`` with ``start <= target time <= end`` (aware)."""

    def logbook(self, start: datetime | None, end: datetime | None, *,
                progress: ProgressCallback | None = None,
                cancel: CancelToken | None = None) -> list[LogEntry]:
        """Logbook entries with ``start <= time < end`` (None: open), oldest first."""

    def current_values(self, *, progress: ProgressCallback | None = None,
                       cancel: CancelToken | None = None) -> list[ChannelReadings]:
        """The newest value of every register the consumer may see."""

    def self_test(self, *, progress: ProgressCallback | None = None,
                  cancel: CancelToken | None = None) -> None:
        """Start the gateway's self-test (a PPC reboots: the session ends with it)."""

    def disconnect(self) -> None:
        """Log out and close the connection; safe to call twice, never raises."""

    def __enter__(self) -> Gateway:
        """Connect (the adapters log in here) and return the session."""

    def __exit__(self, *exc: object) -> None:
        """Disconnect on every way out."""


class SessionScope:
    """``with gateway:`` for the adapters: connect on entry (disconnecting again if that
    fails), disconnect on every way out."""

    def connect(self, *, progress: ProgressCallback | None = None,
                cancel: CancelToken | None = None) -> None:
        """Log in (overridden by each adapter)."""
        raise NotImplementedError

    def disconnect(self) -> None:
        """Log out (overridden by each adapter)."""
        raise NotImplementedError

    def __enter__(self) -> Self:
        """Connect and return the session; disconnects if connecting fails."""
        try:
            self.connect()
        except BaseException:
            self.disconnect()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        """Disconnect on every way out."""
        self.disconnect()


class Step:
    """Progress and cancel of one contract call: ``step(phase, detail)`` before a request."""

    def __init__(self, progress: ProgressCallback | None, cancel: CancelToken | None,
                 total: int = 0) -> None:
        self._progress = progress
        self._cancel = cancel
        self.total = total
        self.done = 0

    def __call__(self, phase: str, detail: str = "") -> None:
        """Check the cancel token, then report one more step of ``phase``."""
        if self._cancel is not None:
            self._cancel.raise_if_cancelled()
        self.done += 1
        if self._progress is not None:
            total = self.total if self.total >= self.done else 0  # 0 = unknown
            self._progress(Progress(self.done, total, phase, detail))
