"""TAF-7 load profile statistics and the daily-values check (pure functions, numpy).

From cumulative register readings (usually every 15 minutes) of one channel:

- consumption per local (Europe/Berlin) day and month, and per tariff zone (from an
  ``AnalysisProfile`` or a simple HT/NT clock rule);
- peaks: the largest 15-minute average power, with the time of that quarter hour;
- gaps: where readings are missing.

Each interval between two consecutive readings is booked to the local day (month, zone) in
which it *starts*, so the 23:45–00:00 quarter belongs to the day before and the day sums add
up exactly to last − first value. An interval spanning a gap is booked whole to the day its
start lies in (that day is reported in ``incomplete_days``) and, unless one zone covers it
entirely, to the zone ``"unassigned"``.

The daily-values check compares each value of the ``daily`` database with the ``origin``
value at the same target time (exact raw equality) and expects it at local midnight.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Protocol

import numpy as np

from trudi_py.i18n import by_language, msg
from trudi_py.model import ChannelReadings
from trudi_py.model.energy import sum_by, wall_seconds
from trudi_py.model.gaps import Gap
from trudi_py.model.readings import Reading
from trudi_py.model.series import ChannelSeries, moment_of
from trudi_py.model.times import BERLIN
from trudi_py.verify.explain import local_text
from trudi_py.verify.inputs import AnalysisProfile
from trudi_py.verify.result import Finding, format_obis

UNASSIGNED = "unassigned"
_POWER_UNITS = {30: 27, 32: 29, 31: 28}  # Wh → W, varh → var, VAh → VA


class ZoneRule(Protocol):
    """Maps the local wall time at which a quarter hour starts to a tariff zone name."""

    def zone(self, wall: datetime) -> str:
        """The zone name of the quarter hour starting at ``wall``."""
        ...


@dataclass(frozen=True)
class ClockRule:
    """HT from ``ht_start`` to ``ht_end`` (wall time), NT otherwise; with ``weekdays_only``
    Saturdays and Sundays are NT all day."""

    ht_start: time = time(6)
    ht_end: time = time(22)
    weekdays_only: bool = True
    ht: str = "HT"
    nt: str = "NT"

    def zone(self, wall: datetime) -> str:
        """HT inside the clock window (weekdays only if so set), else NT."""
        if self.weekdays_only and wall.weekday() >= 5:
            return self.nt
        return self.ht if self.ht_start <= wall.time() < self.ht_end else self.nt


@dataclass(frozen=True)
class ProfileZones:
    """Zones from an AR 2418-6 ``AnalysisProfile``: the slot in force on that date (special
    day → day profile), named by the stage description or ``tariff N``."""

    profile: AnalysisProfile
    _days: dict[date, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_days", {sd.day: sd.day_id for sd in self.profile.special_days})

    def zone(self, wall: datetime) -> str:
        """The stage (description or tariff N) of the slot in force, else unassigned."""
        day_id = self._days.get(wall.date())
        dp = next((d for d in self.profile.day_profiles if d.day_id == day_id), None)
        if dp is None:
            return UNASSIGNED
        seconds = wall.hour * 3600 + wall.minute * 60 + wall.second
        slots = [s for s in sorted(dp.slots, key=lambda s: s.seconds) if s.seconds <= seconds]
        if not slots:
            return UNASSIGNED
        tariff = slots[-1].tariff_number
        stage = next((s for s in self.profile.stages if s.tariff_number == tariff), None)
        return (stage.description or f"tariff {tariff}") if stage else f"tariff {tariff}"


@dataclass(frozen=True)
class Peak:
    """The largest average power of one regular interval (``end`` = its target time)."""

    start: datetime
    end: datetime
    amount: int  # raw register difference
    power: Decimal  # amount × 10^scaler per hour (W for Wh)
    unit: int | None  # DLMS unit code of ``power`` (27 W for a Wh register)


@dataclass(frozen=True)
class LoadProfileStats:
    """Raw consumption (register differences) per day, month and zone; peaks and gaps."""

    obis: str
    scaler: int
    unit: int | None
    first: datetime | None
    last: datetime | None
    total: int
    days: dict[date, int]
    months: dict[tuple[int, int], int]
    zones: dict[str, int]
    peak: Peak | None
    monthly_peaks: dict[tuple[int, int], Peak]
    gaps: tuple[Gap, ...]
    incomplete_days: frozenset[date]
    decreases: int = 0  # intervals in which the register went down

    def physical(self, amount: int) -> Decimal:
        """amount × 10^scaler (e.g. Wh)."""
        return Decimal(amount).scaleb(self.scaler)


def load_profile_stats(channel: ChannelReadings | Sequence[Reading], *, scaler: int = 0,
                       unit: int | None = None, zones: ZoneRule | None = None,
                       period_s: int = 900) -> LoadProfileStats:
    """Statistics of one channel's cumulative readings (sorted or not; duplicates ignored)."""
    readings = channel.readings if isinstance(channel, ChannelReadings) else channel
    obis = channel.obis if isinstance(channel, ChannelReadings) else ""
    by_time = {r.target_time: r.raw for r in readings}
    times = sorted(by_time)
    empty = LoadProfileStats(obis, scaler, unit, times[0] if times else None,
                             times[-1] if times else None, 0, {}, {}, {}, None, {}, (),
                             frozenset())
    if len(times) < 2:
        return empty
    epoch = np.array([int(t.timestamp()) for t in times], dtype=np.int64)
    values = np.array([by_time[t] for t in times], dtype=np.int64)
    delta = np.diff(values)
    length = np.diff(epoch)
    wall = wall_seconds(epoch[:-1])
    day_no = wall // 86400
    regular = length == period_s
    days = _sum_by(day_no, delta)
    day_map = {date(1970, 1, 1) + timedelta(days=int(k)): v for k, v in days.items()}
    months: dict[tuple[int, int], int] = {}
    for d, v in day_map.items():
        months[(d.year, d.month)] = months.get((d.year, d.month), 0) + v
    gap_idx = np.flatnonzero(length > period_s).tolist()
    gaps = tuple(Gap(times[i], times[i + 1], int(length[i]) // period_s - 1) for i in gap_idx)
    incomplete = frozenset(date(1970, 1, 1) + timedelta(days=int(day_no[i])) for i in gap_idx)
    zone_map = _zones(zones, wall, length, delta, period_s) if zones is not None else {}
    power_unit = _POWER_UNITS.get(unit) if unit is not None else None
    peak: Peak | None = None
    monthly: dict[tuple[int, int], Peak] = {}
    if regular.any():
        candidates = np.flatnonzero(regular)
        best = candidates[np.argmax(delta[candidates])]
        peak = _peak(times, int(best), delta, scaler, period_s, power_unit)
        month_key = [(d.year, d.month) for d in
                     (date(1970, 1, 1) + timedelta(days=int(k)) for k in day_no[candidates])]
        for pos, key in zip(candidates.tolist(), month_key, strict=False):
            cur = monthly.get(key)
            if cur is None or delta[pos] > cur.amount:
                monthly[key] = _peak(times, pos, delta, scaler, period_s, power_unit)
    return LoadProfileStats(obis, scaler, unit, times[0], times[-1],
                            int(values[-1] - values[0]), day_map, months, zone_map, peak,
                            monthly, gaps, incomplete, int((delta < 0).sum()))


def _sum_by(keys: np.ndarray, amounts: np.ndarray) -> dict[int, int]:
    uniq, sums = sum_by(keys, amounts.astype(np.int64))
    return {int(k): int(v) for k, v in zip(uniq.tolist(), sums.tolist(), strict=True)}


def _peak(times: Sequence[datetime], i: int, delta: np.ndarray, scaler: int, period_s: int,
          unit: int | None) -> Peak:
    amount = int(delta[i])
    power = Decimal(amount).scaleb(scaler) * Decimal(3600) / Decimal(period_s)
    return Peak(times[i], times[i + 1], amount, power, unit)


def _zones(rule: ZoneRule, wall: np.ndarray, length: np.ndarray, delta: np.ndarray,
           period_s: int) -> dict[str, int]:
    """Sum per zone; zone names are looked up once per distinct wall slot and date."""
    cache: dict[int, str] = {}

    def zone_at(seconds: int) -> str:
        name = cache.get(seconds)
        if name is None:
            moment = datetime(1970, 1, 1) + timedelta(seconds=seconds)
            name = cache[seconds] = rule.zone(moment)
        return name
    out: dict[str, int] = {}
    for w, n, d in zip(wall.tolist(), length.tolist(), delta.tolist(), strict=False):
        name = zone_at(w)
        if n > period_s:
            names = {zone_at(w + k * period_s) for k in range(n // period_s)}
            name = name if len(names) == 1 else UNASSIGNED
        out[name] = out.get(name, 0) + d
    return out


# --- the daily values ----------------------------------------------------------------------

def _series(channels: Sequence[ChannelReadings | ChannelSeries]) -> list[ChannelSeries]:
    return [ch if isinstance(ch, ChannelSeries) else ChannelSeries.from_readings(ch)
            for ch in channels]


@dataclass(frozen=True)
class DailyDifference:
    """A ``daily`` value that differs from ``origin`` at the same target time."""

    obis: str
    time: datetime
    daily: int
    origin: int


@dataclass(frozen=True)
class DailyCheck:
    """Result of comparing ``daily`` with ``origin``; ``ok`` when no value differs."""

    compared: int
    equal: int
    differences: tuple[DailyDifference, ...]
    missing_in_origin: tuple[tuple[str, datetime], ...]
    not_midnight: tuple[tuple[str, datetime], ...]
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        """True when no daily value differs and all are stamped at midnight."""
        return not self.differences and not self.not_midnight


def check_daily(daily: Sequence[ChannelReadings | ChannelSeries],
                origin: Sequence[ChannelReadings | ChannelSeries],
                max_listed: int = 10) -> DailyCheck:
    """Each daily value must equal the origin value at its target time, at local midnight.
    The origin values are looked up in their compact series (no dict of a decade)."""
    origin_by = {ch.obis: ch for ch in _series(origin)}
    compared = equal = 0
    diffs: list[DailyDifference] = []
    missing: list[tuple[str, datetime]] = []
    odd: list[tuple[str, datetime]] = []
    for ch in _series(daily):
        values = origin_by.get(ch.obis)
        for i in range(len(ch)):
            target, raw = moment_of(ch.targets[i]), int(ch.values[i])
            local = target.astimezone(BERLIN)
            if (local.hour, local.minute, local.second) != (0, 0, 0):
                odd.append((ch.obis, target))
            other = values.value_at(target) if values is not None else None
            if other is None:
                missing.append((ch.obis, target))
                continue
            compared += 1
            if other == raw:
                equal += 1
            else:
                diffs.append(DailyDifference(ch.obis, target, raw, other))
    findings = [Finding(
        "warning", "daily-value-differs",
        msg("Daily value {register} at {time} (local time) is {daily}, the 15-minute "
            "value at the same time is {origin} (difference {value:+d}, raw).",
            register=format_obis(d.obis), time=by_language(local_text, d.time),
            daily=d.daily, origin=d.origin, value=d.daily - d.origin))
        for d in diffs[:max_listed]]
    if len(diffs) > max_listed:
        findings.append(Finding("warning", "daily-value-differs",
                                msg("{value} more daily values differ.",
                                    value=len(diffs) - max_listed)))
    for obis, moment in odd[:max_listed]:
        findings.append(Finding(
            "warning", "daily-not-midnight",
            msg("Daily value {register} at {time} is not stamped at local midnight.",
                register=format_obis(obis), time=by_language(local_text, moment))))
    if missing:
        first = by_language(local_text, min(m for _, m in missing))
        findings.append(Finding(
            "info", "daily-not-checkable",
            msg("{n_missing} daily values have no 15-minute value at the same time (gap in the "
                "origin data, first {first}); they could not be checked.",
                n_missing=len(missing), first=first)))
    findings.append(Finding(
        "info", "daily-checked",
        msg("Daily values: {equal} of {compared} equal the 15-minute value at the same time.",
            equal=equal, compared=compared)))
    return DailyCheck(compared, equal, tuple(diffs), tuple(missing), tuple(odd),
                      tuple(findings))
