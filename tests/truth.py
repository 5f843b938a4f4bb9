"""The simulator's own data, shaped for comparison with what the client returns."""

from __future__ import annotations

from datetime import datetime


def point(sim, taf: str, consumer: int = 0):
    return next(p for p in sim.data.consumers[consumer].usage_points if p.taf == taf)


def truth_readings(sim_point, database: str, start: datetime, end: datetime
                   ) -> set[tuple[str, datetime, str]]:
    """(obis, target time, value) of every stored reading with start <= t <= end."""
    db = next(d for d in sim_point.databases if d.name == database)
    return {(ch.obis, r.target_time, str(r.value)) for ch in db.channels for r in ch.readings
            if start <= r.target_time <= end}


def client_readings(channels) -> list[tuple[str, datetime, str]]:
    return [(ch.obis, r.target_time, r.value) for ch in channels for r in ch.readings]
