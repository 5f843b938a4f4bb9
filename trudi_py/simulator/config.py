"""Settings of one simulated gateway and the latency model."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

#: Realistic answer times in ms per request label (IF_GW_CON "Device behaviour"); used when
#: ``SimulatorConfig.latency_ms`` is None. Readings add time per returned value, see
#: :func:`realistic_latency_ms`.
REALISTIC_LATENCY_MS: dict[str, int] = {
    "discovery": 100,
    "smgw-info": 300,
    "user-info": 1500,
    "usage-point-info": 900,
    "readings": 200,
    "log": 200,
    "self-test": 150,
    "selfTest": 150,
}


@dataclass
class SimulatorConfig:
    """How to run a simulated gateway (see ``trudi_py.simulator.Simulator``).

    ``now`` None means real UTC time floored to the quarter hour; the gateway clock advances
    with real time from ``now``. ``latency_ms`` None means realistic per-method latencies, an
    int a fixed latency per request. ``quirks`` are names from ``quirks.QUIRKS``.
    ``fault_probability`` > 0 injects random transport faults (``faults.py``). ``gateway``
    picks the field's gateway (default) or the interface description's variant.
    """

    scenario: str = "household"
    #: "field" (default): the gateway as real firmware v3.87.0-cc behaves (IF_GW_CON.md,
    #: "Field evidence"); "description": as the interface description says.
    gateway: str = "field"
    port: int = 0
    host: str = "127.0.0.1"
    state_dir: Path | None = None
    seed: int = 1
    now: datetime | None = None
    quirks: frozenset[str] = field(default_factory=frozenset)
    latency_ms: int | None = 0
    idle_timeout_s: float = 600
    corrupt_calculated: bool = False
    fault_probability: float = 0.0  # quirk random-faults=P
    fault_seed: int | None = None  # quirk fault-seed=N; None: ``seed``
    #: Build the data up to this moment instead of ``now`` (values after the gateway clock
    #: stay invisible until :meth:`Simulator.advance_clock` moves the clock past them).
    data_until: datetime | None = None
    #: Values (and log entries) older than the gateway clock minus this are dropped.
    retention: timedelta | None = None
    years: int | None = None  # years of history; None: the scenario's own (household: 14 mo.)
    #: ``trudi-py simulate --clock-step``: every ``step_every_s`` real seconds the gateway
    #: clock jumps forward by this much, ``steps`` times (the data reach that far).
    clock_step: timedelta | None = None
    step_every_s: float = 60.0
    steps: int = 30


def realistic_latency_ms(label: str, records: int = 0) -> float:
    """The modelled gateway time for one request (readings: 200 ms + 0.25 ms/value, ≤ 600)."""
    base = REALISTIC_LATENCY_MS.get(label, 50)
    if label == "readings":
        return min(600.0, base + 0.25 * records)
    if label == "log":
        return min(400.0, base + 0.1 * records)
    return float(base)


def floor_quarter_hour(moment: datetime | None = None) -> datetime:
    """``moment`` (default: now) in UTC, floored to :00/:15/:30/:45."""
    moment = (moment or datetime.now(UTC)).astimezone(UTC)
    return moment.replace(minute=moment.minute - moment.minute % 15, second=0, microsecond=0)
