"""The :class:`~trudi_py.model.source.DataSource` over any :class:`Gateway` of the contract.

The GUI reads a PPC portal (and could read a CONEXA) through this source. It keeps one
gateway session open while it is used and caches what does not change within a session
(identity, contracts). What a vendor does not offer is said by :meth:`ContractSource.offers`,
so pages can name it in words instead of failing.

The PPC portal allows one session at a time and ends idle sessions (PPC_HAN.md §2): the
source logs out after :data:`IDLE_S` without a request and logs in again on the next call,
and :meth:`ContractSource.suspend` logs out before another job (the archive) opens its own
session. Logging in again is done only after the password was accepted once in this source;
a refused login is raised and never retried.
"""

from __future__ import annotations

import logging
import ssl
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Literal, TypeVar

from trudi_py.errors import SessionRefused, UsageError
from trudi_py.gateway.contract import Contract, Gateway, GatewayIdentity, Vendor
from trudi_py.i18n import msg
from trudi_py.jobs.base import CancelToken, ProgressCallback
from trudi_py.model import (
    ChannelReadings,
    FirmwareInfo,
    GatewayInfo,
    LogEntry,
    UsagePoint,
    UsagePointInfo,
)

log = logging.getLogger("trudi_py.gateway")

#: Seconds without a request after which the next call starts a fresh session (the PPC
#: portal's idle timeout is unknown, GUESS 300 s: stay well below it).
IDLE_S = 120.0

#: What a page may ask :meth:`ContractSource.offers` about.
Feature = Literal["clock", "state-word", "wan-certificates", "self-test-result",
                  "self-test-reboots", "history-sync"]

#: Per vendor, the features it offers (the CONEXA all of them).
_OFFERS: dict[Vendor, frozenset[str]] = {
    "theben": frozenset({"clock", "state-word", "wan-certificates", "self-test-result",
                         "history-sync"}),
    "ppc": frozenset({"self-test-reboots"}),
}

T = TypeVar("T")


def vendor_offers(vendor: Vendor, feature: Feature) -> bool:
    """Whether gateways of ``vendor`` offer ``feature`` (also for an archive or history of
    one, whose vendor the gateway id tells)."""
    return feature in _OFFERS[vendor]


class ContractSource:
    """A live :class:`DataSource` over sessions opened by ``open_session``.

    ``open_session`` returns an unconnected :class:`Gateway`; the source connects it (one
    login attempt) on first use and after an idle logout.
    """

    kind = "gateway"

    def __init__(self, open_session: Callable[[], Gateway], vendor: Vendor, *,
                 idle_s: float = IDLE_S, clock: Callable[[], float] = time.monotonic) -> None:
        """No network here: :meth:`connect` (or the first read) logs in."""
        self.vendor: Vendor = vendor
        self._open = open_session
        self._idle_s = idle_s
        self._clock = clock
        self._gateway: Gateway | None = None
        self._last_used = 0.0
        self._accepted = False  # the login succeeded once: a later re-login is no retry
        self._closed = False
        self._identity: GatewayIdentity | None = None
        self._info: GatewayInfo | None = None
        self._contracts: list[Contract] | None = None
        #: how many sessions this source opened (logins with a known-good password after 1)
        self.sessions_opened = 0

    # -- sessions ---------------------------------------------------------------------------
    def offers(self, feature: Feature) -> bool:
        """Whether this vendor's gateway offers ``feature`` (else a page says so in words)."""
        return vendor_offers(self.vendor, feature)

    def connect(self, *, progress: ProgressCallback | None = None,
                cancel: CancelToken | None = None) -> None:
        """Open the first session (one login attempt; a refusal is raised, not retried)."""
        self._session(progress, cancel)

    def _session(self, progress: ProgressCallback | None = None,
                 cancel: CancelToken | None = None) -> Gateway:
        if self._closed:
            raise UsageError(msg("The connection to the gateway was closed."))
        now = self._clock()
        if self._gateway is not None and now - self._last_used > self._idle_s:
            log.info("gateway session idle for %.0f s: logging out, a new one follows",
                     now - self._last_used)
            self.suspend()
        if self._gateway is None:
            gateway = self._open()
            try:
                gateway.connect(progress=progress, cancel=cancel)
            except BaseException:
                gateway.disconnect()
                raise
            self._gateway = gateway
            self._accepted = True
            self.sessions_opened += 1
        self._last_used = self._clock()
        return self._gateway

    def _call(self, fn: Callable[[Gateway], T], progress: ProgressCallback | None = None,
              cancel: CancelToken | None = None) -> T:
        """``fn`` on the open session. If the gateway ended the session meanwhile (expired,
        replaced), one fresh session is opened - with the password it accepted before."""
        gateway = self._session(progress, cancel)
        try:
            result = fn(gateway)
        except SessionRefused as exc:
            if not self._accepted:
                raise
            log.info("gateway ended the session (%s): one new session", exc)
            self.suspend()
            result = fn(self._session(progress, cancel))
        self._last_used = self._clock()
        return result

    def suspend(self) -> None:
        """Log out now (the next read logs in again); used before another job's session."""
        gateway, self._gateway = self._gateway, None
        if gateway is not None:
            gateway.disconnect()

    def close(self) -> None:
        """Log out and close; the source is unusable afterwards. Never raises."""
        self._closed = True
        self.suspend()

    # -- DataSource ---------------------------------------------------------------------------
    def identity(self) -> GatewayIdentity:
        """The vendor-neutral identity (id, firmware components, TLS certificate), cached."""
        if self._identity is None:
            self._identity = self._call(lambda g: g.identity())
        return self._identity

    def gateway_info(self, refresh: bool = False) -> GatewayInfo:
        """The identity as the pages' :class:`GatewayInfo`. A gateway that tells no clock
        (PPC) gets this PC's time of the answer; :meth:`offers` ("clock") says so."""
        if refresh:
            self._identity = self._info = None
        if self._info is None:
            ident = self.identity()
            self._info = ident.conexa or _info_of(ident)
        return self._info

    def contracts(self) -> list[Contract]:
        """The contracts of the contract interface (cached for the session)."""
        if self._contracts is None:
            self._contracts = self._call(lambda g: g.contracts())
        return self._contracts

    def contract(self, usage_point_id: str) -> Contract:
        """One contract by its id, or :class:`UsageError` naming it."""
        for contract in self.contracts():
            if contract.contract_id == usage_point_id:
                return contract
        raise UsageError(msg("The gateway has no contract {upid}.", upid=usage_point_id))

    def usage_points(self) -> list[UsagePoint]:
        """The contracts in the model's words."""
        return [c.point for c in self.contracts()]

    def usage_point_info(self, usage_point_id: str) -> UsagePointInfo:
        """Databases and channels of one contract."""
        contract = self.contract(usage_point_id)
        if contract.detail is not None:
            return contract.detail
        return UsagePointInfo(usage_point_id, contract.point.name, (), (), None, False)

    def readings(self, usage_point_id: str, database: str, start: datetime, end: datetime,
                 *, progress: ProgressCallback | None = None,
                 cancel: CancelToken | None = None) -> list[ChannelReadings]:
        """The readings of one contract's database in ``[start, end]``."""
        contract = self.contract(usage_point_id)
        return self._call(lambda g: g.readings(contract, start, end, database=database,
                                               progress=progress, cancel=cancel),
                          progress, cancel)

    def logbook(self, start: datetime | None = None,
                end: datetime | None = None) -> list[LogEntry]:
        """The logbook in the range (open ends: everything), oldest first."""
        return self._call(lambda g: g.logbook(start, end))

    def last_readings(self, usage_point_id: str, database: str = "origin"
                      ) -> list[ChannelReadings]:
        """The newest value of the channels of ``usage_point_id`` (PPC: the meters' current
        register values; the portal shows them independently of a contract)."""
        info = self.usage_point_info(usage_point_id)
        db = info.database(database)
        wanted = {c.obis for c in db.channels} if db is not None else None
        channels = self._call(lambda g: g.current_values())
        return [ch for ch in channels if wanted is None or ch.obis in wanted]

    def self_test(self) -> None:
        """Start the gateway's self-test. A PPC gateway restarts for it: the session ends
        with it and the source is closed (connect again after the restart)."""
        self._call(lambda g: g.self_test())
        if self.offers("self-test-reboots"):
            gateway, self._gateway = self._gateway, None
            self._closed = True
            if gateway is not None:
                gateway.disconnect()


def _info_of(ident: GatewayIdentity) -> GatewayInfo:
    """A :class:`GatewayInfo` for a gateway without ``smgw-info``: id, first firmware
    component, the HAN TLS certificate; no state word, no WAN certificates."""
    firmware = ident.firmware[0] if ident.firmware else FirmwareInfo("", "", "")
    pem = ssl.DER_cert_to_PEM_cert(ident.tls_der) if ident.tls_der else ""
    return GatewayInfo(smgw_id=ident.gateway_id, firmware=firmware, state="",
                       time=ident.time or datetime.now(UTC), han_tls_pem=pem)
