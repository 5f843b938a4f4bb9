"""The PPC HAN portal (:mod:`trudi_py.vendors.ppc`) behind the gateway contract.

The portal knows tariff profiles (contracts, with billing periods) and meters (values); it
shows the meter values independently of a profile, so the readings of any PPC contract are
the values of the consumer's meters. Only one database exists ("origin"). The logbook with
an open start begins at 2000-01-01 (the portal refuses 1970, PPC_HAN.md §3).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from trudi_py.errors import UsageError
from trudi_py.gateway.contract import (
    Contract,
    GatewayIdentity,
    SessionScope,
    Step,
    Vendor,
)
from trudi_py.i18n import msg
from trudi_py.jobs.base import CancelToken, ProgressCallback
from trudi_py.m2m.settings import ConnectionSettings
from trudi_py.m2m.transport import certificate_subject
from trudi_py.model import (
    Channel,
    ChannelReadings,
    Database,
    FirmwareInfo,
    LogEntry,
    UsagePoint,
    UsagePointInfo,
    merge_channels,
)
from trudi_py.vendors.detect import gateway_id_in
from trudi_py.vendors.ppc import Meter, PpcPortal
from trudi_py.vendors.ppc import tariffs as ppc_tariffs

LOG_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
#: The portal's kWh with 4 decimals become integers of 0.1 Wh: scaler -1, DLMS unit 30 (Wh).
SCALER, UNIT_WH = -1, 30


def gateway_id_of(der: bytes) -> str:
    """The gateway id in a certificate's subject (the CN names it), upper case; "" if none."""
    return gateway_id_in(certificate_subject(der)) if der else ""


class PpcGateway(SessionScope):
    """An adapter: one :class:`PpcPortal` session (one login, always a logout)."""

    vendor: Vendor = "ppc"

    def __init__(self, settings: ConnectionSettings, *,
                 curves: tuple[str, ...] | None = None) -> None:
        """No network here: :meth:`connect` logs in. ``curves`` overrides the profile's."""
        self.settings = settings
        self._step: Step | None = None
        self._phase = ""
        self._connected = False
        self.portal = PpcPortal(settings, curves=curves, on_request=self._on_request)

    def _on_request(self, action: str) -> None:
        if self._step is not None:
            self._step(self._phase, action)

    def _begin(self, phase: str, progress: ProgressCallback | None,
               cancel: CancelToken | None) -> Step:
        self._phase = phase
        self._step = Step(progress, cancel)
        if cancel is not None:
            cancel.raise_if_cancelled()
        return self._step

    def connect(self, *, progress: ProgressCallback | None = None,
                cancel: CancelToken | None = None) -> None:
        """One login attempt; a refusal (AuthError, LockedOut, SessionRefused) is final.
        Once connected, a further call does nothing (``with`` on a connected session)."""
        if self._connected:
            return
        self._connected = True
        step = self._begin("connect", progress, cancel)
        step.total = 1
        step("connect", "login")
        self.portal.login()

    def identity(self, *, progress: ProgressCallback | None = None,
                 cancel: CancelToken | None = None) -> GatewayIdentity:
        """Id from the certificate's CN, firmware from the footer and ``swversions``."""
        self._begin("info", progress, cancel).total = 1
        versions = self.portal.firmware_versions()
        footer = FirmwareInfo("han-portal", self.portal.firmware, "")
        der = self.portal.pin_check.last_der
        return GatewayIdentity(vendor=self.vendor, gateway_id=gateway_id_of(der),
                               firmware=(footer, *versions), tls_der=der,
                               user=self.settings.user or "")

    def _meters(self) -> list[Meter]:
        return self.portal.meters()

    def contracts(self, *, progress: ProgressCallback | None = None,
                  cancel: CancelToken | None = None) -> list[Contract]:
        """The tariff profiles with their billing periods (2 requests per profile); the
        channels are the registers the meters show this user (one request per meter)."""
        self._begin("contracts", progress, cancel)
        found = self._meters()
        meters = tuple(m.meter_id for m in found)
        registers = sorted({c.obis for m in found for c in self.portal.current_values(m)})
        origin = Database("origin", tuple(Channel(o, SCALER, UNIT_WH) for o in registers))
        out = []
        for option in self.portal.tariffs():
            rows = self.portal.tariff_profile(option)
            periods = tuple(self.portal.billing_periods(option))
            point = UsagePoint(
                usage_point_id=rows.get("Profil-ID") or option.label, name=option.label,
                taf=ppc_tariffs.taf(rows), state="", start=None, end=None, capture_time="",
                meters=meters, metering_point_id=rows.get("Zählpunktbezeichnung", ""),
                delivery_id="", on_demand_profile=False, billing_periods=periods)
            detail = UsagePointInfo(point.usage_point_id, option.label, (origin,), (), None,
                                    False)
            out.append(Contract(point, detail, rows))
        return out

    def readings(self, contract: Contract, start: datetime, end: datetime, *,
                 database: str = "origin", progress: ProgressCallback | None = None,
                 cancel: CancelToken | None = None) -> list[ChannelReadings]:
        """The values of the consumer's meters in [start, end]; only "origin" exists."""
        if database != "origin":
            raise UsageError(msg("The PPC portal has only meter values (database origin), not "
                                 "{database!r}.", database=database))
        self._begin("readings", progress, cancel)
        parts: list[ChannelReadings] = []
        for meter in self._meters():
            parts += self.portal.readings(meter, start, end).channels
        return merge_channels(parts)

    def logbook(self, start: datetime | None, end: datetime | None, *,
                progress: ProgressCallback | None = None,
                cancel: CancelToken | None = None) -> list[LogEntry]:
        """Entries with ``start <= time < end``; an open start is 2000-01-01, an open end
        now."""
        self._begin("log", progress, cancel)
        last = (end or datetime.now(UTC)) - timedelta(microseconds=1)
        first = start or LOG_EPOCH
        if last < first:
            return []
        return self.portal.logbook(first, last)

    def current_values(self, *, progress: ProgressCallback | None = None,
                       cancel: CancelToken | None = None) -> list[ChannelReadings]:
        """``showMeterProfile`` of every meter: the register values shown now."""
        self._begin("current", progress, cancel)
        parts: list[ChannelReadings] = []
        for meter in self._meters():
            parts += self.portal.current_values(meter)
        return merge_channels(parts)

    def self_test(self, *, progress: ProgressCallback | None = None,
                  cancel: CancelToken | None = None) -> None:
        """Start the self-test; the gateway reboots and ends the session."""
        self._begin("self-test", progress, cancel).total = 1
        self.portal.self_test()

    def disconnect(self) -> None:
        """Log out (if logged in) and close; never raises a logout error."""
        self._step = None
        self.portal.close()
