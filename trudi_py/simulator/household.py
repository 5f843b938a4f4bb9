"""One consumer's contracts: meter series, TAF-7/1/2/10 usage points, their databases.

All values derive from one gapless quarter-hour series of the meter's import (1.8.0) and
export (2.8.0) registers; TAF-1 ``derived`` and TAF-2 ``calculated`` registers are computed
from the same increments (``tariffs.py``), so a recomputation from ``origin`` matches exactly.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import pairwise
from typing import Any

import numpy as np

from trudi_py.simulator import tariffs as tf
from trudi_py.simulator.data import SimChannel, SimConsumer, SimDatabase, SimReading, SimUsagePoint
from trudi_py.simulator.loadshape import (
    BERLIN,
    DAY_S,
    HouseholdShape,
    TimeAxis,
    build_axis,
    household_increments,
)
from trudi_py.simulator.pki import WanPki
from trudi_py.simulator.profile import build_profile_xml, sign_profile

OBIS_IMPORT = "0100010800ff"
OBIS_EXPORT = "0100020800ff"
SCALER, UNIT_WH = -1, 30
GW_OK, GW_PTB_WARNING = "a0000000", "a0080000"  # gateway word 0x5 / 0x1005 (FNN order)
METER_IMPORTING, METER_EXPORTING = "20803800", "208c3800"  # 0x1C0104 / 0x1C3104
#: How each TAF appears: (id byte of the usage point id, usage point name).
TAF_IDS = {"7": ("27", "taf7"), "1": ("21", "taf1"), "2": ("22", "taf2"), "10": ("2a", "taf10")}
GAP_QUARTERS = 17  # 4 h 15 min of missing TAF-7 values


@dataclass(frozen=True)
class ConsumerPlan:
    """What a scenario wants for one consumer."""

    name: str  # "consumer1": Digest user and .p12 name
    userid: str  # "01005e318011.consumer1.sm"
    password: str
    p12_password: str
    meter_id: str
    up_prefix: str  # usage point ids are up_prefix + TAF id byte + ".tafN-1.sm"
    start: datetime  # contract/history start (a local month start, aware UTC)
    tafs: tuple[str, ...]  # e.g. ("7", "1", "2", "10")
    seed: int
    import_start: int = 150_000_000
    export_start: int = 30_000_000
    shape: HouseholdShape = HouseholdShape()


@dataclass
class ConsumerEvents:
    """What happened, for the logbook: gap and warnings of the TAF-7 series, boundaries."""

    gap: tuple[datetime, datetime] | None = None  # first and last missing target time
    warnings: list[datetime] = field(default_factory=list)  # first target of each episode
    boundaries: list[datetime] = field(default_factory=list)
    taf7_id: str | None = None
    tariff_ups: list[SimUsagePoint] = field(default_factory=list)


def _iso(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def _signature(seed: int, obis: str, epoch: int, value: int) -> str | None:
    sig = hashlib.sha512(f"{seed}:{obis}:{epoch}:{value}".encode()).hexdigest()
    return None if sig.startswith("00") else sig  # ~0.4 % null, as seen in the field


def _signatures(seed: int, obis: str, epochs: list[int], values: list[int]
                ) -> list[str | None]:
    """:func:`_signature` of many values (the same strings; the hash input built as bytes,
    no call per value: this is most of the time of building years of history)."""
    prefix, sha512 = f"{seed}:{obis}:".encode(), hashlib.sha512
    digests = [sha512(prefix + b"%d:%d" % ev).hexdigest()
               for ev in zip(epochs, values, strict=True)]
    return [None if d[:2] == "00" else d for d in digests]


def _series(obis: str, targets: list[datetime], captures: list[datetime], epoch: np.ndarray,
            values: np.ndarray, gw: list[str], meter: list[str], seed: int) -> list[SimReading]:
    raw = values.tolist()
    return list(map(SimReading, targets, captures, raw, gw, meter,
                    _signatures(seed, obis, epoch.tolist(), raw)))


def _channel(obis: str, meter_id: str, owner: str, readings: list[SimReading]) -> SimChannel:
    return SimChannel(obis, SCALER, UNIT_WH, meter_id, owner, readings)


def _metering_point_id(seed: int, up_id: str) -> str:
    digits = str(int(hashlib.sha256(f"{seed}:{up_id}".encode()).hexdigest(), 16))
    return "DE" + "0001" + digits[:27]


def _user_info(plan: ConsumerPlan, taf: str, up_id: str, name: str,
               boundaries: list[datetime]) -> dict[str, Any]:
    periods = [] if taf == "10" else [
        {"start-time": _iso(a), "end-time": _iso(b)} for a, b in pairwise(boundaries)]
    return {"billing-Periods": periods, "capture-time": "00:00:00", "delivery-id": "emt1",
            "end-time": "", "meter": [{"meter-id": plan.meter_id}],
            "metering-point-id": _metering_point_id(plan.seed, up_id),
            "on-demand-profile-configured": "true" if taf == "10" else "false",
            "start-time": _iso(plan.start), "taf-number": taf, "taf-state": "running",
            "usage-point-id": up_id, "usage-point-name": name}


def _status_words(axis: TimeAxis, exp: np.ndarray, imp: np.ndarray,
                  rng: np.random.Generator) -> tuple[list[str], list[str], list[int]]:
    """Gateway and meter words per index, and the first index of each warning episode."""
    n = len(axis)
    meter = np.where(exp > imp, METER_EXPORTING, METER_IMPORTING).tolist()
    gw_code = np.zeros(n, dtype=np.int8)
    episodes = sorted(int(x) for x in rng.integers(n // 10, n - n // 10, 3)) if n > 200 else []
    for first in episodes:
        gw_code[first:first + int(rng.integers(3, 9))] = 1
    palette = (GW_OK, GW_PTB_WARNING)
    return [palette[c] for c in gw_code.tolist()], meter, episodes


def _signed_readings(obis: str, owner: str, meter_id: str, times: list[datetime],
                     values: list[int], seed: int) -> SimChannel:
    readings = [SimReading(t, t - timedelta(seconds=3), v,
                           signature=_signature(seed, obis, int(t.timestamp()), v))
                for t, v in zip(times, values, strict=True)]
    return _channel(obis, meter_id, owner, readings)


def build_consumer(plan: ConsumerPlan, *, now: datetime, pki: WanPki, smgw_id: str,
                   corrupt: tuple[str, int, int] | None = None, field: bool = True
                   ) -> tuple[SimConsumer, ConsumerEvents]:
    """The consumer's usage points with all databases; ``corrupt`` = (obis, period index,
    delta) shifts one TAF-2 calculated register from that period's end on.

    ``field`` (default, as real firmware v3.87): billing periods monthly then daily; TAF-1
    has only its ``derived`` database and no TAF profile (``transparency-bit`` false).
    Otherwise (the description): monthly periods, TAF-1 with ``origin`` and a signed profile.
    """
    rng = np.random.default_rng(plan.seed)
    axis = build_axis(plan.start, now)
    imp, exp = household_increments(axis, rng, plan.shape)
    imp_values = plan.import_start + np.cumsum(imp)
    exp_values = plan.export_start + np.cumsum(exp)
    targets = axis.datetimes()
    early = [timedelta(seconds=2 + k) for k in range(3)]
    captures = [t - early[(i * 7919) % 3] for i, t in enumerate(targets)]
    gw, meter, episodes = _status_words(axis, exp, imp, rng)
    consumption = _series(OBIS_IMPORT, targets, captures, axis.epoch, imp_values, gw, meter,
                          plan.seed)
    boundaries = tf.billing_boundaries(plan.start, now, daily_tail=field)
    closed = [b for b in boundaries if b <= now]
    events = ConsumerEvents(warnings=[targets[i] for i in episodes], boundaries=boundaries)
    owner = f"{plan.meter_id}.sm"
    consumer = SimConsumer(plan.userid, plan.name, plan.password)

    for taf in plan.tafs:
        id_byte, name = TAF_IDS[taf]
        up_id = f"{plan.up_prefix}{id_byte}.{name}-1.sm"
        up = SimUsagePoint(up_id, _user_info(plan, taf, up_id, name, boundaries),
                           emts=["emt1.sm"])
        if taf == "7":
            feed_in = _series(OBIS_EXPORT, targets, captures, axis.epoch, exp_values, gw, meter,
                              plan.seed + 1)
            keep = np.ones(len(axis), dtype=bool)
            if len(axis) > 2000:
                day = int(axis.local_day[len(axis) * 11 // 20])
                gap_start = day * DAY_S + 8 * 3600 + 900  # 08:15 wall time
                first = int(np.flatnonzero(axis.local == gap_start)[0])
                keep[first:first + GAP_QUARTERS] = False
                events.gap = (targets[first], targets[first + GAP_QUARTERS - 1])
            kept = np.flatnonzero(keep).tolist()
            midnights = np.flatnonzero(keep & (axis.local % DAY_S == 0)).tolist()
            up.databases = [
                SimDatabase("origin", [
                    _channel(OBIS_IMPORT, plan.meter_id, owner, [consumption[i] for i in kept]),
                    _channel(OBIS_EXPORT, plan.meter_id, owner, [feed_in[i] for i in kept])]),
                SimDatabase("daily", [
                    _channel(OBIS_IMPORT, plan.meter_id, owner,
                             [consumption[i] for i in midnights]),
                    _channel(OBIS_EXPORT, plan.meter_id, owner,
                             [feed_in[i] for i in midnights])])]
            events.taf7_id = up_id
        elif taf == "10":
            up.databases = [SimDatabase("origin", [
                _channel(OBIS_IMPORT, plan.meter_id, owner, consumption[-1:])])]
        else:
            is_taf2 = taf == "2"
            stages = tf.TAF2_STAGES if is_taf2 else tf.TAF1_STAGES
            profiles = tf.TAF2_DAY_PROFILES if is_taf2 else tf.TAF1_DAY_PROFILES
            calendar = tf.TAF2_CALENDAR if is_taf2 else tf.TAF1_CALENDAR
            tariffs = tf.quarter_tariffs(axis, profiles, calendar)
            registers = tf.cumulative_registers(axis, imp, tariffs, stages, closed,
                                                with_error_register=is_taf2)
            if is_taf2 and corrupt is not None:
                obis, period, delta = corrupt
                values = registers[obis]
                for k in range(period + 1, len(values)):
                    values[k] += delta
            tag = f"{name}-1"
            register_db = SimDatabase("calculated" if is_taf2 else "derived", [
                _signed_readings(obis, f"{tag}.sm", tag, closed, values, plan.seed + 7)
                for obis, values in registers.items()])
            if field and not is_taf2:
                # the field's TAF-1: only `derived`, no TAF profile, transparency bit false
                up.databases = [register_db]
                up.transparency_bit = False
                events.tariff_ups.append(up)
                consumer.usage_points.append(up)
                continue
            up.databases = [
                SimDatabase("origin", [_channel(OBIS_IMPORT, plan.meter_id, owner,
                                                list(consumption))]),
                register_db]
            last_day = boundaries[-1].astimezone(BERLIN).date()
            xml = build_profile_xml(
                usage_point_id=up_id, smgw_id=smgw_id, tariff_name=name,
                invoicing_party="emt1", customer_id=plan.userid,
                tariff_use_case=int(taf), tariff_id=f"{name}-{plan.meter_id}",
                billing_start=boundaries[0],
                billing_duration_s=int((boundaries[1] - boundaries[0]).total_seconds()),
                stages=stages, default_tariff=stages[0].number, day_profiles=profiles,
                special_days=calendar.special_days(plan.start.astimezone(BERLIN).date(),
                                                   last_day))
            up.taf_profile_der = sign_profile(xml, pki.seal_cert, pki.seal_key)
            events.tariff_ups.append(up)
        consumer.usage_points.append(up)
    return consumer, events
