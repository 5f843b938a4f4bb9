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

Several HAN users of one gateway (PPC_HAN.md §5: often one per direction, 1.8.x and 2.8.x)
are one source: each read asks every user in turn (one session at a time, the other one
logged out first) and merges contracts, readings, current values and logbook.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import ssl
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Literal, TypeVar

from trudi_py.errors import GatewayError, SessionRefused, UsageError
from trudi_py.gateway.contract import Contract, Gateway, GatewayIdentity, Vendor
from trudi_py.i18n import msg
from trudi_py.jobs.base import CancelToken, ProgressCallback
from trudi_py.model import (
    Channel,
    ChannelReadings,
    Database,
    FirmwareInfo,
    GatewayInfo,
    LogEntry,
    UsagePoint,
    UsagePointInfo,
    merge_channels,
)

log = logging.getLogger("trudi_py.gateway")

#: Seconds without a request after which the next call starts a fresh session (the PPC
#: portal's idle timeout is unknown, GUESS 300 s: stay well below it).
IDLE_S = 120.0

#: What a page may ask :meth:`ContractSource.offers` about.
Feature = Literal["clock", "state-word", "wan-certificates", "self-test-result",
                  "self-test-reboots", "history-sync", "auto-refresh"]

#: Per vendor, the features it offers (the CONEXA all of them). "auto-refresh": reading
#: current values by itself every 15 minutes is fine; the PPC's HAN port is reported to die
#: under frequent polling (PPC_HAN.md §3), so it is read only when the user asks.
_OFFERS: dict[Vendor, frozenset[str]] = {
    "theben": frozenset({"clock", "state-word", "wan-certificates", "self-test-result",
                         "history-sync", "auto-refresh"}),
    "ppc": frozenset({"self-test-reboots"}),
}

T = TypeVar("T")


def vendor_offers(vendor: Vendor, feature: Feature) -> bool:
    """Whether gateways of ``vendor`` offer ``feature`` (also for an archive or history of
    one, whose vendor the gateway id tells)."""
    return feature in _OFFERS[vendor]


class ContractSource:
    """A live :class:`DataSource` over sessions opened by ``open_session``.

    ``open_session`` returns an unconnected :class:`Gateway` (one factory per HAN user of
    the gateway); the source connects it (one login attempt) on first use and after an idle
    logout.
    """

    kind = "gateway"

    def __init__(self, open_session: Callable[[], Gateway] | Sequence[Callable[[], Gateway]],
                 vendor: Vendor, *, idle_s: float = IDLE_S,
                 clock: Callable[[], float] = time.monotonic) -> None:
        """No network here: :meth:`connect` (or the first read) logs in."""
        self.vendor: Vendor = vendor
        self._opens = [open_session] if callable(open_session) else list(open_session)
        if not self._opens:
            raise UsageError(msg("No gateway user to connect with."))
        self._idle_s = idle_s
        self._clock = clock
        self._gateway: Gateway | None = None
        self._user = 0  # whose session ``_gateway`` is
        self._last_used = 0.0
        self._users_of: dict[str, list[int]] = {}  # contract id -> users that see it
        self._own: dict[tuple[int, str], Contract] = {}  # (user, contract id) -> theirs
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

    @property
    def is_open(self) -> bool:
        """Whether a gateway session is open now (a logout is due)."""
        return self._gateway is not None

    @property
    def users(self) -> int:
        """How many HAN users of the gateway this source reads with."""
        return len(self._opens)

    def connect(self, *, progress: ProgressCallback | None = None,
                cancel: CancelToken | None = None) -> None:
        """Log every user in once (one attempt each; a refusal is raised, not retried) and
        read what does not change in a session: identity and contracts."""
        self._session(0, progress, cancel)
        self._read_static(contracts=True)

    def _session(self, user: int = 0, progress: ProgressCallback | None = None,
                 cancel: CancelToken | None = None) -> Gateway:
        if self._closed:
            raise UsageError(msg("The connection to the gateway was closed."))
        now = self._clock()
        if self._gateway is not None and self._user != user:
            self.suspend()  # one session at a time: the other user logs out first
        if self._gateway is not None and now - self._last_used > self._idle_s:
            log.info("gateway session idle for %.0f s: logging out, a new one follows",
                     now - self._last_used)
            self.suspend()
        if self._gateway is None:
            gateway = self._opens[user]()
            try:
                gateway.connect(progress=progress, cancel=cancel)
            except BaseException:
                gateway.disconnect()
                raise
            self._gateway, self._user = gateway, user
            self.sessions_opened += 1
        self._last_used = self._clock()
        return self._gateway

    def _call(self, fn: Callable[[Gateway], T], user: int = 0,
              progress: ProgressCallback | None = None,
              cancel: CancelToken | None = None) -> T:
        """``fn`` on ``user``'s session. If the gateway ended the session meanwhile
        (expired, replaced), one fresh session is opened: the login just succeeded, so this
        is no retry of a refused one (a refused login raises in ``_session``)."""
        gateway = self._session(user, progress, cancel)
        try:
            result = fn(gateway)
        except SessionRefused as exc:
            log.info("gateway ended the session (%s): one new session", exc)
            self.suspend()
            result = fn(self._session(user, progress, cancel))
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
            self._read_static(contracts=self._contracts is None)
        assert self._identity is not None
        return self._identity

    def _order(self, users: list[int]) -> list[int]:
        """``users`` with the one whose session is open first (one login fewer)."""
        return sorted(users, key=lambda u: (u != self._user or self._gateway is None, u))

    def _read_static(self, *, contracts: bool) -> None:
        """Identity (and contracts) of every user, each user in one session."""
        idents: dict[int, GatewayIdentity] = {}
        lists: dict[int, list[Contract]] = {}
        for user in self._order(list(range(len(self._opens)))):
            idents[user] = self._call(lambda g: g.identity(), user)
            if contracts:
                lists[user] = self._call(lambda g: g.contracts(), user)
        ids = {i.gateway_id for i in idents.values()}
        if len(ids) > 1:
            raise GatewayError(msg("The users belong to different gateways ({ids}).",
                                   ids=", ".join(sorted(ids))))
        self._identity = idents[0]
        if not contracts:
            return
        merged: dict[str, Contract] = {}
        self._users_of.clear()
        for user in sorted(lists):
            for contract in lists[user]:
                cid = contract.contract_id
                self._own[(user, cid)] = contract
                self._users_of.setdefault(cid, []).append(user)
                merged[cid] = _merge_contract(merged[cid], contract) \
                    if cid in merged else contract
        self._contracts = list(merged.values())

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
            self._read_static(contracts=True)
        assert self._contracts is not None
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
        self.contract(usage_point_id)
        parts: list[ChannelReadings] = []
        for user in self._order(self._users_of[usage_point_id]):
            own = self._own[(user, usage_point_id)]
            parts += self._call(functools.partial(_readings, contract=own, start=start,
                                                  end=end, database=database,
                                                  progress=progress, cancel=cancel),
                                user, progress, cancel)
        return parts if len(self._opens) == 1 else merge_channels(parts)

    def logbook(self, start: datetime | None = None,
                end: datetime | None = None) -> list[LogEntry]:
        """The logbook in the range (open ends: everything), oldest first; with several
        users each entry once."""
        if len(self._opens) == 1:
            return self._call(lambda g: g.logbook(start, end))
        seen: dict[tuple[object, ...], LogEntry] = {}
        for user in self._order(list(range(len(self._opens)))):
            for entry in self._call(lambda g: g.logbook(start, end), user):
                seen.setdefault((entry.time, entry.index, entry.event_id, entry.message),
                                entry)
        return sorted(seen.values(), key=lambda e: (e.time, e.index))

    def last_readings(self, usage_point_id: str, database: str = "origin"
                      ) -> list[ChannelReadings]:
        """The newest value of the channels of ``usage_point_id`` (PPC: the meters' current
        register values; the portal shows them independently of a contract)."""
        info = self.usage_point_info(usage_point_id)
        db = info.database(database)
        wanted = {c.obis for c in db.channels} if db is not None else None
        parts: list[ChannelReadings] = []
        for user in self._order(self._users_of.get(usage_point_id, [0])):
            parts += self._call(lambda g: g.current_values(), user)
        channels = parts if len(self._opens) == 1 else merge_channels(parts)
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


def _readings(gateway: Gateway, *, contract: Contract, start: datetime, end: datetime,
              database: str, progress: ProgressCallback | None,
              cancel: CancelToken | None) -> list[ChannelReadings]:
    return gateway.readings(contract, start, end, database=database, progress=progress,
                            cancel=cancel)


def _merge_contract(first: Contract, second: Contract) -> Contract:
    """One contract seen by two users: the channels of both (each user may see only some
    registers), the rest as the first user saw it."""
    if first.detail is None or second.detail is None:
        return first
    databases = []
    names = [d.name for d in first.detail.databases] + [
        d.name for d in second.detail.databases if first.detail.database(d.name) is None]
    for name in names:
        channels: dict[str, Channel] = {}
        for detail in (first.detail, second.detail):
            db = detail.database(name)
            for channel in db.channels if db is not None else ():
                channels.setdefault(channel.obis, channel)
        databases.append(Database(name, tuple(channels[o] for o in sorted(channels))))
    detail = dataclasses.replace(first.detail, databases=tuple(databases))
    return dataclasses.replace(first, detail=detail)


def _info_of(ident: GatewayIdentity) -> GatewayInfo:
    """A :class:`GatewayInfo` for a gateway without ``smgw-info``: id, first firmware
    component, the HAN TLS certificate; no state word, no WAN certificates."""
    firmware = ident.firmware[0] if ident.firmware else FirmwareInfo("", "", "")
    pem = ssl.DER_cert_to_PEM_cert(ident.tls_der) if ident.tls_der else ""
    return GatewayInfo(smgw_id=ident.gateway_id, firmware=firmware, state="",
                       time=ident.time or datetime.now(UTC), han_tls_pem=pem)
