"""Shared pieces of the history tests: a simulator whose clock the test advances."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from trudi_py.m2m import ConnectionSettings, plan_windows
from trudi_py.simulator import Simulator, SimulatorConfig

#: Mid-quarter-hour, so that the few real seconds a sync takes never reveal a new value.
T0 = datetime(2026, 9, 28, 12, 7, tzinfo=UTC)
STEP = timedelta(days=2)
SYNCS = 30
RETENTION = timedelta(days=40)


def stepping_sim(state: Path, retention: timedelta | None = RETENTION) -> Simulator:
    return Simulator(SimulatorConfig(now=T0, data_until=T0 + STEP * (SYNCS + 1),
                                     state_dir=state, latency_ms=0, retention=retention))


def settings(sim: Simulator) -> ConnectionSettings:
    c = sim.data.consumers[0]
    return ConnectionSettings(url=sim.url, user=c.user, password=c.password,
                              pin=sim.fingerprint, retry_backoff_s=0.01, timeout_s=10.0)


def truth(sim: Simulator, since: datetime | None, until: datetime
          ) -> set[tuple[str, str, str, str, str]]:
    """Every value of every history-keeping database the gateway showed in [since, until]."""
    out = set()
    for up in sim.data.consumers[0].usage_points:
        if up.taf in ("9", "10", "14"):
            continue
        for db in up.databases:
            for ch in db.channels:
                for r in ch.readings:
                    if r.target_time <= until and (since is None or r.target_time >= since):
                        out.add((up.usage_point_id, db.name, ch.obis,
                                 r.target_time.strftime("%Y-%m-%dT%H:%M:%SZ"), str(r.value)))
    return out


def grid_index(sim: Simulator, moment: datetime) -> dict[tuple[str, str], int]:
    """Per history database: the number of 31-day grid windows up to ``moment``."""
    out = {}
    for up in sim.data.consumers[0].usage_points:
        if up.taf in ("9", "10", "14"):
            continue
        start = datetime.fromisoformat(up.user_info["start-time"].replace("Z", "+00:00"))
        for db in up.databases:
            out[(up.usage_point_id, db.name)] = len(plan_windows(start, moment))
    return out
