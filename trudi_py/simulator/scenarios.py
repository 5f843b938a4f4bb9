"""Named scenarios of the simulated gateway, and "truth" helpers for tests.

``build_scenario(name, now=…, state_dir=…)`` returns the :class:`GatewayData` the server
answers from. Scenarios are deterministic for a given (seed, now) apart from the
certificates, which are created once per state directory and then reused. Built scenarios
are cached in-process.

- ``household``: one consumer (``consumer1``) with a TAF-7 usage point (consumption and PV
  feed-in, ≥ 14 months, one gap, a few PTB warnings, ``daily`` values), TAF-1 (``derived``;
  on the field gateway only that, no profile), TAF-2 (NT/HT, ``calculated``, signed profile)
  and TAF-10 (current value only), and a logbook of several thousand entries.
- ``two-consumers``: two consumers of one gateway, three months each, nothing shared.
"""

from __future__ import annotations

import bisect
import hashlib
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path

from trudi_py.errors import UsageError
from trudi_py.i18n import msg
from trudi_py.simulator.data import GatewayData, SimChannel, SimReading, SimUsagePoint
from trudi_py.simulator.household import ConsumerPlan, build_consumer
from trudi_py.simulator.loadshape import BERLIN, HouseholdShape
from trudi_py.simulator.logbook import build_logbook
from trudi_py.simulator.pki import (
    issue_client_p12,
    load_or_create_server_identity,
    load_or_create_wan_pki,
)
from trudi_py.simulator.tariffs import billing_boundaries

SMGW_ID = "ethe0300004261"
FIRMWARE_COMPONENT = "Firmware"
#: firmware-info.version per simulated gateway (the field's has the "-cc" suffix).
FIRMWARE_VERSIONS = {"field": "v3.87.0-cc", "description": "v3.87.0"}
FIRMWARE_VERSION = FIRMWARE_VERSIONS["field"]
SMGW_STATE = "a0000000"
HISTORY_MONTHS = {"household": 14, "two-consumers": 3}
MAX_YEARS = 30  # `--years`: a gateway's storage holds far less; bounds memory and build time
SCENARIOS = tuple(HISTORY_MONTHS)


@dataclass(frozen=True)
class CorruptCalculated:
    """Where ``corrupt_calculated=True`` puts its error: the amount of one closed billing
    period (0-based index into ``billing-Periods``) of one register of the TAF-2 usage point
    is off by ``delta`` (the cumulative values from that period's end on are shifted)."""

    usage_point_name: str
    obis: str
    period_index: int
    delta: int


#: The wrong register of ``corrupt_calculated=True`` (household: the 7th monthly period).
CORRUPT_CALCULATED = CorruptCalculated("taf2", "0100010802ff", 6, 7)


def _floor_quarter(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise UsageError(msg("now must be an aware datetime"))
    now = now.astimezone(UTC).replace(second=0, microsecond=0)
    return now - timedelta(minutes=now.minute % 15)


def history_start(now: datetime, months: int) -> datetime:
    """The local (Europe/Berlin) month start ``months`` months before now's month, in UTC."""
    local = now.astimezone(BERLIN)
    k = local.year * 12 + local.month - 1 - months
    return datetime(k // 12, k % 12 + 1, 1, tzinfo=BERLIN).astimezone(UTC)


def corrupt_period_index(n_closed: int) -> int:
    """The period :data:`CORRUPT_CALCULATED` hits when only ``n_closed`` periods are closed."""
    return min(CORRUPT_CALCULATED.period_index, max(n_closed // 2, 0))


def _plans(name: str, start: datetime, seed: int) -> list[ConsumerPlan]:
    if name == "household":
        return [ConsumerPlan("consumer1", "01005e318011.consumer1.sm", "demo-consumer1",
                             "demo-p12-consumer1", "1lgz0000012345", "01005e3180", start,
                             ("7", "1", "2", "10"), seed)]
    return [
        ConsumerPlan("consumer1", "01005e318011.consumer1.sm", "demo-consumer1",
                     "demo-p12-consumer1", "1lgz0000012345", "01005e3180", start,
                     ("7", "2"), seed),
        ConsumerPlan("consumer2", "01005e318012.consumer2.sm", "demo-consumer2",
                     "demo-p12-consumer2", "1emh0012345678", "01005e3181", start,
                     ("7", "1"), seed + 1000, import_start=42_000_000, export_start=0,
                     shape=HouseholdShape(base_w=120.0, winter_extra_w=300.0, pv_peak_w=0.0,
                                          evening_w=400.0)),
    ]


_CACHE: dict[tuple[object, ...], GatewayData] = {}
_CACHE_SIZE = 4  # a long-running server rebuilds every quarter hour: keep only a few
_LOCK = threading.Lock()


def history_months(name: str, years: int | None = None) -> int:
    """Months of history of scenario ``name``: ``12 × years``, or its default when None."""
    if years is None:
        return HISTORY_MONTHS[name]
    if not 1 <= years <= MAX_YEARS:
        raise UsageError(msg("Years of history must be between 1 and {limit} (got {years}).",
                             limit=MAX_YEARS, years=years))
    return 12 * years


def build_scenario(name: str, *, seed: int = 1, now: datetime, state_dir: Path,
                   corrupt_calculated: bool = False, years: int | None = None,
                   variant: str = "field") -> GatewayData:
    """Build (or return the cached) scenario ``name`` as seen at ``now`` (aware UTC).

    ``years`` sets the length of the history (default: the scenario's own, e.g. 14 months
    for ``household``). ``variant`` "field" (default) is the gateway as real firmware
    v3.87.0-cc behaves, "description" the interface description's (see
    ``household.build_consumer``). Raises :class:`UsageError` for an unknown name.
    Certificates and the consumers' demo ``.p12`` files are created in ``state_dir`` on first
    use and reused afterwards.
    """
    if name not in HISTORY_MONTHS:
        raise UsageError(msg("Unknown scenario {name!r}; known: {known}.",
                             name=name, known=", ".join(SCENARIOS)))
    months = history_months(name, years)
    now = _floor_quarter(now)
    state_dir = Path(state_dir).resolve()
    if variant not in FIRMWARE_VERSIONS:
        raise UsageError(msg("Unknown gateway variant {variant!r}.", variant=variant))
    key = (name, seed, now, str(state_dir), corrupt_calculated, months, variant)
    with _LOCK:
        if key not in _CACHE:
            while len(_CACHE) >= _CACHE_SIZE:
                del _CACHE[next(iter(_CACHE))]
            _CACHE[key] = _build(name, seed, now, state_dir, corrupt_calculated, months,
                                 variant)
        return _CACHE[key]


def _build(name: str, seed: int, now: datetime, state_dir: Path,
           corrupt_calculated: bool, months: int, variant: str) -> GatewayData:
    state_dir.mkdir(parents=True, exist_ok=True)
    field = variant == "field"
    firmware = FIRMWARE_VERSIONS[variant]
    identity = load_or_create_server_identity(state_dir, SMGW_ID, field=field)
    wan = load_or_create_wan_pki(state_dir, field=field)
    start = history_start(now, months)
    consumers = []
    corrupt_done = False
    for plan in _plans(name, start, seed):
        corrupt = None
        if corrupt_calculated and not corrupt_done and "2" in plan.tafs:
            n_closed = sum(1 for b in billing_boundaries(start, now, daily_tail=field)
                           if b <= now) - 1
            corrupt = (CORRUPT_CALCULATED.obis, corrupt_period_index(n_closed),
                       CORRUPT_CALCULATED.delta)
            corrupt_done = True
        consumer, events = build_consumer(plan, now=now, pki=wan, smgw_id=SMGW_ID,
                                          corrupt=corrupt, field=field)
        consumer.log = build_logbook(userid=plan.userid, smgw_id=SMGW_ID,
                                     firmware=firmware, meter_id=plan.meter_id,
                                     start=start, now=now, events=events, seed=plan.seed + 99)
        p12_path, fingerprint = issue_client_p12(state_dir, plan.name, plan.p12_password)
        consumer.p12_path = str(p12_path)
        consumer.p12_password = plan.p12_password
        consumer.client_cert_sha256 = fingerprint
        consumers.append(consumer)
    return GatewayData(smgw_id=SMGW_ID, firmware_component=FIRMWARE_COMPONENT,
                       firmware_version=firmware,
                       firmware_hash=hashlib.sha256(f"trudi_py simulator firmware {firmware}"
                                                    .encode()).hexdigest(),
                       smgw_state=SMGW_STATE, han_tls_pem=identity.cert_pem.decode("ascii"),
                       wan=wan.entries, consumers=consumers)


# ---------------------------------------------------------------------------------------------
# Truth helpers for tests


def readings_between(channel: SimChannel, start_exclusive: datetime,
                     end_inclusive: datetime) -> list[SimReading]:
    """The channel's readings with start_exclusive < target_time <= end_inclusive (as the
    gateway's ``readings`` method selects them)."""
    times = [r.target_time for r in channel.readings]
    lo = bisect.bisect_right(times, start_exclusive)
    hi = bisect.bisect_right(times, end_inclusive)
    return channel.readings[lo:hi]


def find_usage_point(data: GatewayData, name_or_id: str) -> SimUsagePoint:
    """The first usage point (of any consumer) with that id or ``usage-point-name``."""
    for consumer in data.consumers:
        for up in consumer.usage_points:
            if name_or_id in (up.usage_point_id, up.user_info.get("usage-point-name")):
                return up
    raise KeyError(name_or_id)


def channel(up: SimUsagePoint, database: str, obis: str) -> SimChannel:
    """One channel of one database of a usage point."""
    for db in up.databases:
        if db.name == database:
            for ch in db.channels:
                if ch.obis == obis:
                    return ch
    raise KeyError(f"{up.usage_point_id} {database} {obis}")


def period_amounts(register: SimChannel) -> dict[datetime, int]:
    """Gateway amount per billing period (keyed by the period start): differences of the
    cumulative values stamped at consecutive boundaries."""
    rs = register.readings
    return {a.target_time: b.value - a.value for a, b in pairwise(rs)}


def corrupted_period(data: GatewayData) -> tuple[str, str, datetime, datetime]:
    """(usage point id, obis, period start, period end) that ``corrupt_calculated`` falsifies."""
    up = find_usage_point(data, CORRUPT_CALCULATED.usage_point_name)
    reg = channel(up, "calculated", CORRUPT_CALCULATED.obis)
    k = corrupt_period_index(len(reg.readings) - 1)
    return (up.usage_point_id, CORRUPT_CALCULATED.obis, reg.readings[k].target_time,
            reg.readings[k + 1].target_time)
