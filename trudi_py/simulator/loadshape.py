"""Quarter-hour time axis and a household's load and PV feed-in shapes (numpy, seeded).

The axis holds the target times of 15-minute register values (UTC, on :00/:15/:30/:45) with
their Europe/Berlin wall time. The shapes give, per quarter hour, the raw register
increments (scaler -1, Wh: tenths of a watt-hour) of the import (1.8.0) and export (2.8.0)
registers. Index i's increment is the energy of the quarter hour that *ends* at target i;
index 0 has none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np

from trudi_py.model.times import BERLIN

QUARTER = timedelta(minutes=15)
QUARTER_S = 900
DAY_S = 86400


@dataclass
class TimeAxis:
    """Target times of a gapless 15-minute series from ``start`` to ``end`` (both included)."""

    start: datetime
    end: datetime
    epoch: np.ndarray  # int64 seconds since 1970 (UTC) of each target time
    local: np.ndarray  # int64 "seconds since 1970" of the Berlin wall time of each target

    def __len__(self) -> int:
        return len(self.epoch)

    @property
    def local_day(self) -> np.ndarray:
        """Wall-time day number (days since 1970-01-01) of each target time."""
        return self.local // DAY_S

    def index_of(self, instant: datetime) -> int:
        """Index of the target time ``instant`` (must lie on the axis)."""
        i = int((instant - self.start) // QUARTER)
        if not 0 <= i < len(self) or self.start + i * QUARTER != instant:
            raise ValueError(f"{instant} is not on the axis")
        return i

    def datetimes(self) -> list[datetime]:
        """The target times as aware UTC datetimes."""
        return [self.start + i * QUARTER for i in range(len(self))]


def _offsets(epoch: np.ndarray) -> np.ndarray:
    """Europe/Berlin UTC offset (seconds) at each instant; offsets change on whole hours."""
    hours = epoch // 3600
    first, last = int(hours.min()), int(hours.max())
    table = np.empty(last - first + 1, dtype=np.int64)
    for h in range(first, last + 1):
        off = datetime.fromtimestamp(h * 3600, UTC).astimezone(BERLIN).utcoffset()
        table[h - first] = int(off.total_seconds()) if off is not None else 0
    return table[hours - first]


def build_axis(start: datetime, end: datetime) -> TimeAxis:
    """The 15-minute axis from ``start`` to ``end`` (aware, on the quarter-hour grid)."""
    start = start.astimezone(UTC)
    end = end.astimezone(UTC)
    n = int((end - start) // QUARTER) + 1
    epoch = int(start.timestamp()) + QUARTER_S * np.arange(n, dtype=np.int64)
    return TimeAxis(start, end, epoch, epoch + _offsets(epoch))


def _gauss(x: np.ndarray, mu: float | np.ndarray, sigma: float) -> np.ndarray:
    return np.exp(-0.5 * ((x - mu) / sigma) ** 2)


@dataclass(frozen=True)
class HouseholdShape:
    """Parameters of one household (defaults: ~3 500 kWh/a, 6.5 kWp PV)."""

    base_w: float = 180.0
    winter_extra_w: float = 70.0
    pv_peak_w: float = 6500.0
    evening_w: float = 750.0


def household_increments(axis: TimeAxis, rng: np.random.Generator,
                         shape: HouseholdShape = HouseholdShape()) -> tuple[np.ndarray, np.ndarray]:
    """Raw increments (0.1 Wh) of the import and export registers per quarter hour."""
    n = len(axis)
    mid_local = axis.local - QUARTER_S // 2  # middle of the quarter ending at target i
    mid_utc = axis.epoch - QUARTER_S // 2
    hour = (mid_local % DAY_S) / 3600.0
    hour_utc = (mid_utc % DAY_S) / 3600.0
    day = mid_local // DAY_S
    day_idx = day - day.min()
    n_days = int(day_idx.max()) + 1
    weekday = (day + 3) % 7  # 1970-01-01 was a Thursday; Monday = 0
    weekend = weekday >= 5
    doy = (day.astype("datetime64[D]") - day.astype("datetime64[D]").astype("datetime64[Y]")
           ).astype(np.int64)
    winter = 0.5 * (1.0 + np.cos(2.0 * np.pi * (doy - 15) / 365.25))  # 1 mid-Jan, 0 mid-July

    # Consumption: base load, morning/midday/evening peaks, appliances, noise.
    day_level = rng.normal(0.0, 25.0, n_days)[day_idx]
    load = shape.base_w + shape.winter_extra_w * winter + day_level
    morning_at = np.where(weekend, 8.75, 6.75)
    load += np.where(weekend, 350.0, 500.0) * _gauss(hour, morning_at, 0.8)
    load += np.where(weekend, 450.0, 220.0) * _gauss(hour, 12.5, 1.0)
    load += (shape.evening_w + 450.0 * winter) * _gauss(hour, 19.0, 1.6)
    active = (hour > 6.0) & (hour < 23.0)
    events = active & (rng.random(n) < 0.035)
    load += events * rng.uniform(800.0, 2200.0, n)
    load *= rng.lognormal(0.0, 0.15, n)
    load = np.clip(load, 90.0, None)

    # PV: solar day around 11:05 UTC, seasonal day length and amplitude, cloudy days.
    half_day = 0.5 * (12.2 + 4.4 * np.cos(2.0 * np.pi * (doy - 172) / 365.25))
    x = (hour_utc - 11.1) / half_day
    sun = np.where(np.abs(x) < 1.0, np.cos(0.5 * np.pi * np.clip(x, -1.0, 1.0)), 0.0) ** 1.4
    season = 0.3 + 0.7 * (1.0 - winter)
    clear_day = rng.beta(2.2, 1.2, n_days)[day_idx]
    flicker = 1.0 - (1.0 - clear_day) * rng.random(n) * 0.7
    pv = shape.pv_peak_w * 0.8 * sun * season * clear_day * flicker

    # The meter nets per quarter hour; a little two-way flow at cloud edges.
    net = load - pv
    both = np.where(pv > 0, rng.uniform(0.0, 20.0, n), 0.0)
    import_w = np.clip(net, 0.0, None) + both
    export_w = np.clip(-net, 0.0, None) + both
    imp = np.rint(import_w * 2.5).astype(np.int64)  # W × 0.25 h × 10 (scaler -1)
    exp = np.rint(export_w * 2.5).astype(np.int64)
    imp[0] = 0
    exp[0] = 0
    return imp, exp
