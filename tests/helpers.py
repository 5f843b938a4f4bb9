"""What several test modules share: the per-user sandbox, reference data paths, the fixed
clock, simulator connection settings, the simulator's own data as comparison truth, an
in-memory DataSource and keyring. Test modules import from here (never from conftest or
from another test module); ``conftest.py`` builds its fixtures from it.

Imported first by ``conftest.py``: the sandbox environment below is set before anything
imports trudi_py, platformdirs, matplotlib or Qt.
"""

from __future__ import annotations

import atexit
import json
import math
import os
import shutil
import signal
import subprocess
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

#: One temp folder per test session that stands in for every per-user folder: the suite
#: (and every subprocess it starts: they inherit os.environ) never writes into the real
#: user's data, log, config or cache folders. Individual tests narrow TRUDI_DATA_DIR and
#: TRUDI_LOG_DIR further (conftest's ``_isolated_user_data``).
SANDBOX = Path(tempfile.mkdtemp(prefix="trudi-tests-"))
atexit.register(shutil.rmtree, SANDBOX, ignore_errors=True)
SANDBOX_ENV = {
    "TRUDI_DATA_DIR": str(SANDBOX / "data"),
    "TRUDI_LOG_DIR": str(SANDBOX / "logs"),
    "MPLCONFIGDIR": str(SANDBOX / "matplotlib"),
    # platformdirs and Qt's QStandardPaths on Linux/BSD; fontconfig's cache
    "XDG_DATA_HOME": str(SANDBOX / "xdg-data"),
    "XDG_CONFIG_HOME": str(SANDBOX / "xdg-config"),
    "XDG_CACHE_HOME": str(SANDBOX / "xdg-cache"),
    "XDG_STATE_HOME": str(SANDBOX / "xdg-state"),
}
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.update(SANDBOX_ENV)

# only now (E402 is ignored for this file in pyproject.toml)
from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, PasswordDeleteError

from trudi_py.m2m.settings import ConnectionSettings
from trudi_py.model import ChannelReadings, GatewayInfo, LogEntry, UsagePoint, UsagePointInfo
from trudi_py.model.times import parse_time

if TYPE_CHECKING:
    from trudi_py.gui.main_window import MainWindow
    from trudi_py.m2m.source import GatewaySource
    from trudi_py.simulator import Simulator

#: POSIX-only facts (file modes, clean exit on SIGTERM/SIGINT) are asserted only there;
#: on Windows a mode is not a permission and Popen.terminate() is TerminateProcess (exit 1).
POSIX = os.name == "posix"
POSIX_ONLY = "POSIX file modes and signals; Windows has neither"

REPO = Path(__file__).resolve().parents[1]
#: Reference data carried by the repository (each folder has its licence/notice file).
DATA = Path(__file__).resolve().parent / "data"
TRUDI_CASES = DATA / "trudi"
FIELD_ANSWERS = DATA / "field"

#: A fixed gateway "now" so the generated data are the same in every run.
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def stop_process(proc: subprocess.Popen[Any], sig: int | None = None) -> int | None:
    """Stop a child as a user would (``sig``, default SIGTERM) and wait for it. Returns its
    exit code on POSIX, None on Windows (forced stop: the exit code says nothing)."""
    if POSIX:
        proc.send_signal(signal.SIGTERM if sig is None else sig)
    else:
        proc.terminate()
    code = proc.wait(timeout=30)
    return code if POSIX else None


def archive_cli(sim: Simulator, out: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    """``trudi-py archive … --json`` of the simulator's first consumer (password from the
    environment, as a user would pass it): the exit code and the printed summary."""
    import io

    import pytest

    from trudi_py.cli import main
    c = sim.data.consumers[0]
    mp = pytest.MonkeyPatch()
    mp.setenv("TRUDI_PASSWORD", c.password)
    buffer = io.StringIO()
    mp.setattr("sys.stdout", buffer)
    try:
        code = main(["archive", "--url", sim.url, "--user", c.user, "--pin",
                     f"sha256:{sim.fingerprint}", "--out", str(out), "--json", *extra])
    finally:
        mp.undo()
    return code, json.loads(buffer.getvalue())


def without_members(src: Path, dst: Path, *prefixes: str) -> Path:
    """A copy of an archive without the members under ``prefixes`` and without their
    manifest entries: an archive of a version written before those members existed
    (``summary/``, ``columns/``)."""
    import zipfile
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED,
                                                      compresslevel=1) as out:
        for info in zin.infolist():
            if info.filename.startswith(prefixes):
                continue
            data = zin.read(info)
            if info.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["files"] = [f for f in manifest["files"]
                                     if not f["path"].startswith(prefixes)]
                data = json.dumps(manifest, indent=2).encode()
            out.writestr(info.filename, data)
    return dst


def settings_for(sim: Simulator, consumer: int = 0, **overrides: Any) -> ConnectionSettings:
    """Digest settings for a simulator consumer, pinned, with fast retries."""
    c = sim.data.consumers[consumer]
    values: dict[str, Any] = dict(url=sim.url, user=c.user, password=c.password,
                                  pin=sim.fingerprint, retry_backoff_s=0.01, timeout_s=10.0)
    values.update(overrides)
    return ConnectionSettings(**values)


# -- the simulator's own data as the truth to compare with -----------------------------------
def point(sim: Simulator, taf: str, consumer: int = 0) -> Any:
    """The simulator's usage point of ``consumer`` with tariff use case ``taf``."""
    return next(p for p in sim.data.consumers[consumer].usage_points if p.taf == taf)


def truth_readings(sim_point: Any, database: str, start: datetime, end: datetime
                   ) -> set[tuple[str, datetime, str]]:
    """(obis, target time, value) of every stored reading with start <= t <= end."""
    db = next(d for d in sim_point.databases if d.name == database)
    return {(ch.obis, r.target_time, str(r.value)) for ch in db.channels for r in ch.readings
            if start <= r.target_time <= end}


def client_readings(channels: list[ChannelReadings]) -> list[tuple[str, datetime, str]]:
    """(obis, target time, value) of what the client returned, in its order."""
    return [(ch.obis, r.target_time, r.value) for ch in channels for r in ch.readings]


def archive_truth(sim: Simulator, until: datetime) -> tuple[set[tuple], set[tuple], int]:
    """What the gateway holds for consumer 1 up to ``until`` (readings, logbook) and the
    minimal number of readings requests an archive needs for it."""
    readings: set[tuple] = set()
    minimal = 0
    consumer = sim.data.consumers[0]
    for up in consumer.usage_points:
        start = parse_time(up.user_info["start-time"])
        for db in up.databases:
            if up.taf == "14":
                continue
            if up.taf in ("9", "10"):
                minimal += 1
                chosen = {ch.obis: [r for r in ch.readings if r.target_time <= until][-1:]
                          for ch in db.channels}
            else:
                span = (until - (start - timedelta(seconds=1))).total_seconds()
                minimal += math.ceil(span / timedelta(days=31).total_seconds())
                chosen = {ch.obis: [r for r in ch.readings if start <= r.target_time <= until]
                          for ch in db.channels}
            for obis, values in chosen.items():
                readings |= {(up.usage_point_id, db.name, obis,
                              r.target_time.strftime("%Y-%m-%dT%H:%M:%SZ"), str(r.value))
                             for r in values}
    log = {(e.index, e.time.strftime("%Y-%m-%dT%H:%M:%SZ"), e.message) for e in consumer.log
           if e.time <= until}
    return readings, log, minimal


# -- fetched once, read many times ------------------------------------------------------------
class MemorySource:
    """A DataSource that fetched everything once over TLS (the tests re-read it many times)."""

    kind = "gateway"

    def __init__(self, info: GatewayInfo, points: list[UsagePoint],
                 details: dict[str, UsagePointInfo],
                 data: dict[tuple[str, str], list[ChannelReadings]]) -> None:
        self.info, self.points, self.details, self.data = info, points, details, data

    @classmethod
    def fetch(cls, source: GatewaySource, only_tafs: tuple[str, ...] | None = None
              ) -> MemorySource:
        """Read every contract (or those with a TAF in ``only_tafs``) and all its databases
        over their whole billing range."""
        points = [p for p in source.usage_points() if only_tafs is None or p.taf in only_tafs]
        details: dict[str, UsagePointInfo] = {}
        data: dict[tuple[str, str], list[ChannelReadings]] = {}
        for p in points:
            info = details[p.usage_point_id] = source.usage_point_info(p.usage_point_id)
            end = max(bp.end for bp in p.billing_periods) if p.billing_periods else NOW
            for db in info.databases:
                data[(p.usage_point_id, db.name)] = source.readings(
                    p.usage_point_id, db.name, p.start, end)
        return cls(source.gateway_info(), points, details, data)

    def only(self, *tafs: str) -> MemorySource:
        """The same data restricted to the contracts with these TAFs (nothing re-fetched)."""
        points = [p for p in self.points if p.taf in tafs]
        ids = {p.usage_point_id for p in points}
        return MemorySource(self.info, points,
                            {k: v for k, v in self.details.items() if k in ids},
                            {k: v for k, v in self.data.items() if k[0] in ids})

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

    def logbook(self, start: datetime | None = None,
                end: datetime | None = None) -> list[LogEntry]:
        return []

    def close(self) -> None:
        pass


class MemoryKeyring(KeyringBackend):
    """A keyring that lives in a dict (tests only)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}
        self.locked = False

    def get_password(self, service: str, username: str) -> str | None:
        if self.locked:
            raise KeyringLocked("locked")
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.locked:
            raise KeyringLocked("locked")
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.items.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")


# -- GUI --------------------------------------------------------------------------------------
def followed(qtbot: Any, win: MainWindow) -> None:
    """Wait until the hidden pages took the new source too (they do a few turns of the event
    loop after the shown one: :mod:`trudi_py.gui.follow`)."""
    from trudi_py.gui.follow import SourceFollower
    followers = win.findChildren(SourceFollower)
    assert followers
    qtbot.waitUntil(lambda: not any(f.pending for f in followers), timeout=5000)


def connect(qtbot: Any, win: MainWindow, sim: Simulator, *, pin: bool = True) -> None:
    """Connect the window (pinning the simulator first, so no trust dialog appears)."""
    if pin:
        win.session.pin_store.set(sim.url, sim.fingerprint, "sim")
    with qtbot.waitSignal(win.session.source_changed, timeout=15000):
        win.connect_page.connect_button.click()
    assert win.session.state == "connected"
    followed(qtbot, win)
