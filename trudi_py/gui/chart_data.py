"""What the charts of readings draw, prepared from compact columns (no Qt: runs on a worker
thread or in the chart process).

Energy registers (Wh) are cumulative: the difference of two consecutive values divided by
their time distance is the average power of that interval (W). Daily and monthly bars are
the energy per local (Europe/Berlin) day/month. Consumption (x.8.x with C = 1) points up,
feed-in (C = 2) down. Everything is computed with numpy over the columns of
:class:`~trudi_py.model.series.ChannelSeries`: ten years of 15-minute values are drawn from
daily/monthly sums, never from a million points.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

import numpy as np

from trudi_py.archive.summary import DayChannel
from trudi_py.model import Channel
from trudi_py.model import energy as energy_mod
from trudi_py.model.series import ChannelSeries, micros
from trudi_py.model.units import Obis
from trudi_py.verify.loadprofile import UNASSIGNED, ClockRule, ProfileZones, ZoneRule

#: Load-profile resolution by loaded range: keep the number of drawn points below ~1500 so a
#: draw stays well under 50 ms on a slow machine.
HOURLY_ABOVE_DAYS = 14
DAILY_ABOVE_DAYS = 60
#: the regular interval of a load profile (15 minutes)
PERIOD_S = 900


@dataclass
class Series:
    """One energy channel, prepared: interval power and daily/monthly energy."""

    obis: str
    label: str
    direction: int  # +1 consumption, -1 feed-in, 0 other
    edges: np.ndarray = field(default_factory=lambda: np.array([], "datetime64[s]"))
    power_w: np.ndarray = field(default_factory=lambda: np.array([]))
    days: np.ndarray = field(default_factory=lambda: np.array([], "datetime64[D]"))
    day_kwh: np.ndarray = field(default_factory=lambda: np.array([]))
    months: np.ndarray = field(default_factory=lambda: np.array([], "datetime64[M]"))
    month_kwh: np.ndarray = field(default_factory=lambda: np.array([]))


@dataclass
class ChartData:
    """Everything the four charts draw, prepared on a worker from one loaded range."""

    series: list[Series]
    resolution: str  # "15min", "hour" or "day"
    zones: dict[str, float] = field(default_factory=dict)  # consumption kWh per tariff zone
    zone_source: str = ""  # "profile" (the signed TAF profile) or "clock" (HT 6–22 weekdays)
    #: charts this data cannot draw yet: it came from the archive's day summary, and these
    #: charts wait for the readings themselves (the tariff zones; a short range's profile)
    pending: frozenset[str] = frozenset()

    @property
    def empty(self) -> bool:
        """True when there is no value to draw."""
        return not any(s.power_w.size or s.day_kwh.size for s in self.series)


def direction(obis: str) -> int:
    """+1 for consumption (C = 1), -1 for feed-in (C = 2), 0 for anything else."""
    try:
        c = Obis.parse(obis).groups[2]
    except ValueError:
        return 0
    return {1: 1, 2: -1}.get(c, 0)


def short_obis(obis: str) -> str:
    """``0100010800ff`` → ``1.8.0`` (the text unchanged if it is no OBIS code)."""
    try:
        return Obis.parse(obis).short
    except ValueError:
        return obis


def columns(series: ChannelSeries) -> tuple[np.ndarray, np.ndarray]:
    """(UTC epoch seconds, raw values) of a series as int64 arrays (no copy of the times);
    the values of a series beyond 64 bits stay exact Python integers (object array)."""
    epoch = np.frombuffer(series.targets, dtype=np.int64) // 1_000_000 if len(series) else \
        np.array([], dtype=np.int64)
    if isinstance(series.values, list):
        return epoch, np.array(series.values, dtype=object)
    raw = np.frombuffer(series.values, dtype=np.int64) if len(series) else \
        np.array([], dtype=np.int64)
    return epoch, raw


def _unique_times(epoch: np.ndarray, raw: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The last value of each target time (a series is sorted by time; duplicates rare)."""
    if epoch.size < 2 or bool(np.all(epoch[1:] > epoch[:-1])):
        return epoch, raw
    keep = np.append(epoch[1:] != epoch[:-1], True)
    return epoch[keep], raw[keep]


def zone_sums(rule: ZoneRule, epoch: np.ndarray, raw: np.ndarray,
              period_s: int = PERIOD_S) -> dict[str, int]:
    """Raw consumption per tariff zone, exactly as
    :func:`trudi_py.verify.loadprofile.load_profile_stats` books it (the zone of the wall
    time an interval starts at; a longer interval whose quarter hours lie in different zones
    is ``unassigned``), but with one zone lookup per distinct kind of day and time of day
    instead of one per interval."""
    epoch, raw = _unique_times(epoch, raw)
    if epoch.size < 2:
        return {}
    delta = np.diff(raw)
    length = np.diff(epoch)
    wall = energy_mod.wall_seconds(epoch[:-1])
    day_no = wall // energy_mod.DAY_S
    second_of_day = wall - day_no * energy_mod.DAY_S
    uniq_days, day_inverse = np.unique(day_no, return_inverse=True)
    kinds = [_day_kind(rule, int(d)) for d in uniq_days.tolist()]
    kind_codes = {k: i for i, k in enumerate(dict.fromkeys(kinds))}
    day_kind = np.array([kind_codes[k] for k in kinds], dtype=np.int64)[day_inverse]
    keys = day_kind * energy_mod.DAY_S + second_of_day
    # one representative wall time per key: the first interval that has it
    _keys, first, key_inverse = np.unique(keys, return_index=True, return_inverse=True)
    names = [_zone_at(rule, int(wall[i])) for i in first.tolist()]
    codes = {n: i for i, n in enumerate(dict.fromkeys(names))}
    zone_code = np.array([codes[n] for n in names], dtype=np.int64)[key_inverse]
    labels = list(codes)
    long_rows = np.flatnonzero(length > period_s).tolist()
    if long_rows:  # a gap: the interval's quarter hours may lie in several zones
        if UNASSIGNED not in codes:
            codes[UNASSIGNED] = len(labels)
            labels.append(UNASSIGNED)
        for i in long_rows:
            w, n = int(wall[i]), int(length[i])
            found = {_zone_at(rule, w + k * period_s) for k in range(n // period_s)}
            if len(found) != 1:
                zone_code[i] = codes[UNASSIGNED]
    out: dict[str, int] = {}
    for code, amount in zip(*energy_mod.sum_by(zone_code, delta), strict=True):
        out[labels[int(code)]] = out.get(labels[int(code)], 0) + int(amount)
    return out


def _zone_at(rule: ZoneRule, wall_seconds: int) -> str:
    return rule.zone(datetime(1970, 1, 1) + timedelta(seconds=wall_seconds))


def _day_kind(rule: ZoneRule, day_no: int) -> object:
    """What a rule's zones depend on besides the time of day (the day itself if unknown)."""
    day = datetime(1970, 1, 1) + timedelta(days=day_no)
    if isinstance(rule, ClockRule):
        return rule.weekdays_only and day.weekday() >= 5
    if isinstance(rule, ProfileZones):
        return ("profile", rule._days.get(day.date()))
    return day_no


def zone_totals(channels: Sequence[ChannelSeries], meta: dict[str, Channel],
                rule: ZoneRule) -> dict[str, float]:
    """Consumption (1.8.x, Wh channels) in kWh per tariff zone of ``rule``."""
    totals: dict[str, float] = {}
    for ch in channels:
        m = meta.get(ch.obis)
        if m is None or m.unit != 30 or direction(ch.obis) <= 0:
            continue
        for zone, amount in zone_sums(rule, *columns(ch)).items():
            kwh = float(Decimal(amount).scaleb(m.scaler)) / 1000
            totals[zone] = totals.get(zone, 0.0) + kwh
    return totals


def prepare_chart_data(channels: Sequence[ChannelSeries], meta: dict[str, Channel],
                       zone_rule: ZoneRule | None = None, zone_source: str = "") -> ChartData:
    """Average power and daily/monthly energy of every Wh channel (runs on a worker).

    The energy of the interval ending at a reading is booked to the local hour/day/month
    of that end minus one second (the 23:45-00:00 quarter belongs to the day before); empty
    buckets between the first and the last are 0. Sums of raw register differences are
    exact integers (:mod:`trudi_py.model.energy`); only the result is scaled to float."""
    energy = [c for c in channels if (m := meta.get(c.obis)) is not None and m.unit == 30
              and len(c) >= 2]
    span_days = 0.0
    for ch in energy:
        span_days = max(span_days, (ch.targets[-1] - ch.targets[0]) / 86_400e6)
    resolution = "15min" if span_days <= HOURLY_ABOVE_DAYS else (
        "hour" if span_days <= DAILY_ABOVE_DAYS else "day")
    out = []
    for ch in sorted(energy, key=lambda c: (-direction(c.obis), c.obis)):
        factor = 10.0 ** meta[ch.obis].scaler  # raw -> Wh
        epoch, raw = columns(ch)
        delta = np.diff(raw)  # raw energy of the interval ending at epoch[1:]
        if delta.dtype == object:  # beyond 64 bits: exact sums, floats only for drawing
            delta = delta.astype(np.float64)
        seconds = np.diff(epoch).astype(np.float64)
        book = epoch[1:] - 1
        series = Series(ch.obis, f"({short_obis(ch.obis)})", direction(ch.obis))
        if resolution == "15min":
            series.edges = energy_mod.wall_seconds(epoch).astype("datetime64[s]")
            series.power_w = np.where(seconds > 0, delta * factor / np.maximum(seconds, 1)
                                      * 3600, 0.0)
        elif resolution == "hour":
            hours, sums = energy_mod.per_hour(book, delta)
            bounds = np.append(hours, hours[-1] + 1) * energy_mod.HOUR_S
            series.edges = energy_mod.wall_seconds(bounds).astype("datetime64[s]")
            series.power_w = sums * factor
        local_days = energy_mod.local_days(book)  # once: days and months both need it
        days, day_sums = energy_mod.dense_sums(local_days, delta)
        if resolution == "day":
            bounds = energy_mod.midnights(np.append(days, days[-1] + 1))
            series.edges = (np.append(days, days[-1] + 1) * energy_mod.DAY_S
                            ).astype("datetime64[s]")
            series.power_w = day_sums * factor / (np.diff(bounds) / 3600.0)
        series.days = days.astype("datetime64[D]")
        series.day_kwh = day_sums * factor / 1000
        months, month_sums = energy_mod.dense_sums(energy_mod.months_of_days(local_days),
                                                   delta)
        series.months = months.astype("datetime64[M]")
        series.month_kwh = month_sums * factor / 1000
        out.append(series)
    zones = zone_totals(channels, meta, zone_rule) if zone_rule is not None else {}
    return ChartData(out, resolution, zones, zone_source if zones else "")


def summary_chart_data(channels: Sequence[DayChannel], meta: dict[str, Channel],
                       start: datetime, end: datetime) -> ChartData:
    """Daily and monthly energy (and, above :data:`DAILY_ABOVE_DAYS`, the power per day) of
    every Wh channel from the archive's day summary: the local days from ``start``'s to
    ``end``'s, whole. The same arrays :func:`prepare_chart_data` makes from the readings of
    whole days (the CSV need not be read); the tariff zones — and a shorter range's load
    profile — wait for the readings (``pending``)."""
    first = energy_mod.day_of_epoch(micros(start) // 1_000_000)
    last = energy_mod.day_of_epoch(micros(end) // 1_000_000 - 1)
    out = []
    span_days = 0
    for ch in sorted(channels, key=lambda c: (-direction(c.obis), c.obis)):
        m = meta.get(ch.obis)
        rows = [r for r in ch.days if first <= r[0] <= last]
        if m is None or m.unit != 30 or ch.scaler != m.scaler or not rows:
            continue
        factor = 10.0 ** m.scaler
        days, day_sums = energy_mod.dense_sums(np.array([r[0] for r in rows], np.int64),
                                               np.array([r[1] for r in rows], np.int64))
        span_days = max(span_days, int(days[-1] - days[0]) + 1)
        series = Series(ch.obis, f"({short_obis(ch.obis)})", direction(ch.obis))
        bounds = energy_mod.midnights(np.append(days, days[-1] + 1))
        series.edges = (np.append(days, days[-1] + 1) * energy_mod.DAY_S).astype("datetime64[s]")
        series.power_w = day_sums * factor / (np.diff(bounds) / 3600.0)
        series.days = days.astype("datetime64[D]")
        series.day_kwh = day_sums * factor / 1000
        months, month_sums = energy_mod.dense_sums(energy_mod.months_of_days(days), day_sums)
        series.months = months.astype("datetime64[M]")
        series.month_kwh = month_sums * factor / 1000
        out.append(series)
    pending = {"zones"} if span_days > DAILY_ABOVE_DAYS else {"zones", "power"}
    return ChartData(out, "day", pending=frozenset(pending))


def same_chart(key: str, a: ChartData, b: ChartData) -> bool:
    """Whether chart ``key`` of ``a`` and ``b`` would show the same (then an image drawn
    from the day summary stays when the readings arrive)."""
    if len(a.series) != len(b.series) or key == "zones" or key in a.pending or \
            key in b.pending:
        return False
    fields = {"power": ("edges", "power_w"), "daily": ("days", "day_kwh"),
              "monthly": ("months", "month_kwh")}[key]
    if key == "power" and a.resolution != b.resolution:
        return False
    return all(x.obis == y.obis and all(np.array_equal(getattr(x, f), getattr(y, f))
                                        for f in fields)
               for x, y in zip(a.series, b.series, strict=True))
