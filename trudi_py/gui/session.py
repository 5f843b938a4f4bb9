"""The connection to one gateway (or one opened archive) as the pages see it.

All gateway calls run on one serial :class:`~trudi_py.gui.worker.Runner`; the pages call
:meth:`Session.run` with a function of the :class:`~trudi_py.model.source.DataSource`.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from trudi_py.archive.reader import ArchiveSource
from trudi_py.errors import (
    AuthError,
    ConnectError,
    LockedOut,
    PinMismatch,
    TrudiError,
    UnknownCertificate,
    UsageError,
)
from trudi_py.gateway import Vendor, choose_vendor, open_gateway
from trudi_py.gateway.source import ContractSource, Feature, vendor_offers
from trudi_py.gui import certinfo
from trudi_py.gui.worker import Runner, TaskHandle
from trudi_py.history.source import HistorySource
from trudi_py.i18n import msg
from trudi_py.jobs.base import CancelToken, Progress
from trudi_py.m2m import ConnectionSettings, GatewayClient, PinStore
from trudi_py.m2m.netcheck import check_network
from trudi_py.m2m.source import GatewaySource
from trudi_py.model import FirmwareInfo, GatewayInfo, UsagePoint
from trudi_py.model.source import DataSource
from trudi_py.vendors.detect import vendor_from_gateway_id

log = logging.getLogger("trudi_py.gui")

#: Milliseconds without a request after which an open PPC portal session is logged out.
RELEASE_AFTER_MS = 60_000


@dataclass(frozen=True)
class Snapshot:
    """What the overview shows, fetched right after connecting (or opening an archive)."""

    info: GatewayInfo
    usage_points: list[UsagePoint]
    received_at: datetime  # PC clock when the smgw-info answer arrived (for the drift)
    elapsed_s: float
    #: every firmware component the gateway names (PPC: portal footer and ``swversions``)
    components: tuple[FirmwareInfo, ...] = ()


class Session(QObject):
    """One connection or archive at a time; emits what the main window needs to know."""

    #: "disconnected", "connecting", "connected", "archive", "history"
    state_changed = Signal(str)
    #: a new DataSource with its snapshot (None when disconnected)
    source_changed = Signal(object)
    trust_required = Signal(object)  # UnknownCertificate
    pin_mismatch = Signal(object)  # PinMismatch
    connect_failed = Signal(object, object)  # TrudiError/Exception, NetCheck | None
    #: the portal is locked after failed logins: (LockedOut, monotonic end of the lock)
    locked_out = Signal(object, float)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, *,
                 pin_store: PinStore | None = None) -> None:
        super().__init__(parent)
        self.pin_store = pin_store or PinStore()
        self.runner = Runner(threads=1, parent=self)
        self.runner.busy_changed.connect(self.busy_changed)
        #: a portal that allows one session at a time (PPC) is released after this long
        #: without a request: other clients of the household may log in meanwhile
        self.release_timer = QTimer(self)
        self.release_timer.setSingleShot(True)
        self.release_timer.setInterval(RELEASE_AFTER_MS)
        self.release_timer.timeout.connect(self._release_portal)
        self.runner.busy_changed.connect(self._work_changed)
        #: for local work that must not wait behind gateway requests (exports, plots)
        self.compute = Runner(threads=1, parent=self)
        self.settings: ConnectionSettings | None = None
        self._wanted_vendor: Vendor | None = None  # the vendor the user named, if any
        self._second: tuple[str, str] | None = None  # a second HAN user (name, password)
        #: the vendor the last connection attempt spoke to (for its error's wording)
        self.attempted_vendor: Vendor = "theben"
        self.source: DataSource | None = None
        self.snapshot: Snapshot | None = None
        self.archive_path: Path | None = None
        #: the local history store shown offline (state "history")
        self.history_path: Path | None = None
        #: the settings of the last successful gateway connection (for syncing the history)
        self.sync_settings: ConnectionSettings | None = None
        self.state = "disconnected"
        #: the vendor of the last gateway connection ("theben", "ppc")
        self.vendor: Vendor = "theben"
        #: refused logins in a row per (address, user) in this program run
        self.refused_logins: dict[tuple[str, str], int] = {}
        #: monotonic time until which a gateway said its login is locked, per address
        self.locked_until: dict[str, float] = {}

    # -- state ------------------------------------------------------------------------------
    def _set_state(self, state: str) -> None:
        self.state = state
        self.state_changed.emit(state)

    @property
    def is_gateway(self) -> bool:
        """True while a live gateway (not an archive) is the source."""
        return self.source is not None and self.source.kind == "gateway"

    @property
    def data_vendor(self) -> Vendor:
        """The vendor of the data shown: the live gateway's, else the one its id names."""
        if isinstance(self.source, ContractSource):
            return self.source.vendor
        if self.is_gateway or self.snapshot is None:
            return "theben"
        return vendor_from_gateway_id(self.snapshot.info.smgw_id) or "theben"

    @property
    def extra_users(self) -> list[tuple[str, str]]:
        """The live PPC connection's further HAN users (name, password), for the archive."""
        if self._second is None or not isinstance(self.source, ContractSource):
            return []
        return [self._second]

    def offers(self, feature: Feature) -> bool:
        """Whether the gateway of the data shown offers ``feature`` (pages say it if not)."""
        return vendor_offers(self.data_vendor, feature)

    def lock_remaining_s(self, url: str) -> float:
        """Seconds the gateway at ``url`` still refuses logins (0: not locked, as far as
        this program saw)."""
        return max(0.0, self.locked_until.get(url, 0.0) - time.monotonic())

    def gateway_now(self) -> datetime:
        """The gateway's clock now (an archive: the time it was made); ranges end here."""
        snapshot = self.snapshot
        if snapshot is None:
            return datetime.now(UTC)
        if self.state in ("archive", "history"):
            return snapshot.info.time
        return snapshot.info.time + (datetime.now(UTC) - snapshot.received_at)

    def _work_changed(self, busy: bool) -> None:
        if busy:
            self.release_timer.stop()
        elif isinstance(self.source, ContractSource) and self.source.is_open:
            self.release_timer.start()

    def _release_portal(self) -> None:
        """Log out of an idle portal session (the next read logs in again)."""
        source = self.source
        if isinstance(source, ContractSource) and source.is_open and not self.runner.busy:
            self.runner.submit(lambda _p, _c: source.suspend())

    # -- running work -----------------------------------------------------------------------
    def run(self, fn: Callable[[DataSource, Callable[[Progress], None], CancelToken], Any], *,
            on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None,
            on_progress: Callable[[Progress], None] | None = None) -> TaskHandle | None:
        """Run ``fn(source, progress, cancel)`` on the serial queue; None without a source."""
        source = self.source
        if source is None:
            return None
        return self.runner.submit(lambda progress, cancel: fn(source, progress, cancel),
                                  on_done=on_done, on_error=on_error, on_progress=on_progress)

    # -- connecting -------------------------------------------------------------------------
    def connect_gateway(self, settings: ConnectionSettings, vendor: Vendor | None = None, *,
                        second: tuple[str, str] | None = None) -> None:
        """Connect in the background; ends in ``source_changed`` or one of the failure signals.

        The vendor is the one given, else found as the CLI does (stored pin, the gateway id
        in the certificate, one unauthenticated request per vendor). Exactly one login
        attempt is made per user; a refused login is never repeated automatically.
        ``second``: a second HAN user (name, password) of the same gateway (PPC: often one
        per direction); its registers appear beside the first user's."""
        self._close_current()
        self.settings = settings
        self._wanted_vendor = vendor
        self._second = second
        self.attempted_vendor = vendor or "theben"
        self._set_state("connecting")
        store = self.pin_store

        def work(progress: Callable[[Progress], None], cancel: CancelToken
                 ) -> tuple[DataSource, Snapshot]:
            started = time.monotonic()
            choice = choose_vendor(settings, given=vendor, pin_store=store)
            self.attempted_vendor = choice.vendor  # read on the GUI thread after the end
            if choice.vendor == "ppc":
                users = [settings] + ([dataclasses.replace(settings, user=second[0],
                                                           password=second[1])]
                                      if second else [])
                return _connect_contract(users, "ppc", store, progress, cancel, started)
            if second is not None:
                raise UsageError(msg("This gateway (CONEXA) shows all registers to one user: "
                                     "leave the second user empty."))
            client = GatewayClient(settings, pin_store=store)
            source = GatewaySource(client)
            return source, _read_snapshot(source, client.connect, progress, started)

        self.runner.submit(work, on_done=self._connected, on_error=self._connect_error)

    def _connected(self, result: tuple[DataSource, Snapshot]) -> None:
        self.source, self.snapshot = result
        self.archive_path = self.history_path = None
        self.vendor = self.data_vendor
        # the history sync reads a CONEXA only (jobs/sync.py): no sync settings for others
        self.sync_settings = self.settings if self.offers("history-sync") else None
        if self.settings is not None:
            url = self.settings.base_url
            self.refused_logins.pop((url, self.settings.user or ""), None)
            self.locked_until.pop(url, None)
        self._set_state("connected")
        self.source_changed.emit(self.source)

    def _connect_error(self, exc: BaseException) -> None:
        self._set_state("disconnected")
        settings = self.settings
        if isinstance(exc, LockedOut) and settings is not None:
            until = time.monotonic() + exc.remaining_s
            self.locked_until[settings.base_url] = until
            self.locked_out.emit(exc, until)
            return
        if isinstance(exc, AuthError) and settings is not None:
            key = (settings.base_url, settings.user or "")
            self.refused_logins[key] = self.refused_logins.get(key, 0) + 1
        if isinstance(exc, UnknownCertificate):
            self.trust_required.emit(exc)
        elif isinstance(exc, PinMismatch):
            self.pin_mismatch.emit(exc)
        elif isinstance(exc, ConnectError) and settings is not None:
            host, port = settings.host, _port(settings)
            self.runner.submit(lambda _p, _c: check_network(host, port),
                               on_done=lambda check: self.connect_failed.emit(exc, check),
                               on_error=lambda _e: self.connect_failed.emit(exc, None))
        else:
            self.connect_failed.emit(exc, None)

    def refused_count(self, settings: ConnectionSettings) -> int:
        """Refused logins in a row for this address and user (in this program run)."""
        return self.refused_logins.get((settings.base_url, settings.user or ""), 0)

    def trust_and_reconnect(self, exc: UnknownCertificate) -> None:
        """The user compared the fingerprint and accepted it: pin it, connect again."""
        if self.settings is None:
            return
        self.pin_store.set(self.settings.base_url, exc.fingerprint, exc.subject)
        self.connect_gateway(self.settings, self._wanted_vendor, second=self._second)

    def disconnect_gateway(self) -> None:
        """Close the connection (or the opened archive/history)."""
        self._close_current()
        self._set_state("disconnected")
        self.source_changed.emit(None)

    def run_own_session(self, fn: Callable[[Callable[[Progress], None], CancelToken], Any], *,
                        on_done: Callable[[Any], None] | None = None,
                        on_error: Callable[[BaseException], None] | None = None,
                        on_progress: Callable[[Progress], None] | None = None
                        ) -> TaskHandle:
        """Run a job that opens its own gateway session (the archive) on the serial queue.
        A gateway that allows one session at a time (PPC) is logged out first; the pages
        log in again on their next read."""
        source = self.source

        def work(progress: Callable[[Progress], None], cancel: CancelToken) -> Any:
            if isinstance(source, ContractSource):
                source.suspend()
            return fn(progress, cancel)

        return self.runner.submit(work, on_done=on_done, on_error=on_error,
                                  on_progress=on_progress)

    def _close_current(self) -> None:
        source, self.source, self.snapshot = self.source, None, None
        if source is not None:  # closed on the worker: it may be mid-request
            self.runner.submit(lambda _p, _c: source.close())

    # -- archives ---------------------------------------------------------------------------
    def open_archive(self, path: Path, on_error: Callable[[BaseException], None]) -> None:
        """Load an archive offline into the same pages."""
        def work(_p: Callable[[Progress], None], _c: CancelToken) -> tuple[DataSource, Snapshot]:
            started = time.monotonic()
            source = ArchiveSource(path)
            info = source.gateway_info()
            certinfo.read_ahead(info)
            return source, Snapshot(info, source.usage_points(), info.time,
                                    time.monotonic() - started)

        def done(result: tuple[DataSource, Snapshot]) -> None:
            self._close_current()
            self.source, self.snapshot = result
            self.archive_path, self.history_path = path, None
            self._set_state("archive")
            self.source_changed.emit(self.source)

        self.runner.submit(work, on_done=done, on_error=on_error)

    # -- the local history ------------------------------------------------------------------
    def open_history(self, path: Path, on_error: Callable[[BaseException], None]) -> None:
        """Show the local history store ``path`` offline in the same pages."""
        def work(_p: Callable[[Progress], None], _c: CancelToken
                 ) -> tuple[HistorySource, Snapshot]:
            started = time.monotonic()
            source = HistorySource(path)
            try:
                info = source.gateway_info()
                points = source.usage_points()
                certinfo.read_ahead(info)
            except BaseException:
                source.close()
                raise
            return source, Snapshot(info, points, info.time, time.monotonic() - started)

        def done(result: tuple[HistorySource, Snapshot]) -> None:
            self._close_current()
            self.source, self.snapshot = result
            self.archive_path, self.history_path = None, path
            self._set_state("history")
            self.source_changed.emit(self.source)

        self.runner.submit(work, on_done=done, on_error=on_error)

    def shutdown(self) -> None:
        """Cancel queued work, close the connection, wait briefly for the worker."""
        self.release_timer.stop()
        self.runner.cancel_all()
        self.compute.cancel_all()
        self._close_current()
        self.runner.wait(3000)
        self.compute.wait(3000)
        self.runner.forget_all()  # results still on their way find no closed page
        self.compute.forget_all()


def _connect_contract(users: list[ConnectionSettings], vendor: Vendor, store: PinStore,
                      progress: Callable[[Progress], None], cancel: CancelToken,
                      started: float) -> tuple[ContractSource, Snapshot]:
    """Log in through the gateway contract (one attempt per user) and read identity and
    contracts."""
    if users[0].pin is None:  # choose_vendor checked the certificate against the store
        stored = store.get(users[0].base_url)
        users = [dataclasses.replace(u, pin=stored.sha256 if stored else None) for u in users]
    source = ContractSource([functools.partial(open_gateway, u, vendor, pin_store=store)
                             for u in users], vendor)
    snapshot = _read_snapshot(source, lambda: source.connect(cancel=cancel), progress, started)
    return source, dataclasses.replace(snapshot, components=source.identity().firmware)


def _read_snapshot(source: DataSource, connect: Callable[[], object],
                   progress: Callable[[Progress], None], started: float) -> Snapshot:
    """Connect ``source`` and read what the overview shows; on any failure the source is
    closed before the error goes on."""
    try:
        progress(Progress(0, 3, "connect"))
        connect()
        progress(Progress(1, 3, "smgw-info"))
        info = source.gateway_info()
        received = datetime.now(UTC)
        progress(Progress(2, 3, "user-info"))
        points = source.usage_points()
        certinfo.read_ahead(info)
    except BaseException:
        source.close()
        raise
    return Snapshot(info, points, received, time.monotonic() - started)


def _port(settings: ConnectionSettings) -> int:
    try:
        return int(settings.base_url.rsplit(":", 1)[1])
    except (ValueError, IndexError, TrudiError):
        return 443
