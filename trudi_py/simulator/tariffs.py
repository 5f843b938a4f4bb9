"""Tariff calendars of the simulated contracts and the gateway's tariff registers.

The registers are computed the way ``verify.md`` §C/§D recomputes them from gapless, usable
original values: each quarter hour's consumption goes to the tariff of the day-profile slot
in which it starts (Europe/Berlin wall time), except that the last slot (23:45) takes the
tariff of the slot before it (§C.5 quirk: the 23:45 boundary closes at the next midnight
with τ₉₄). TAF-1 books the whole period to its single stage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np

from trudi_py.simulator.loadshape import BERLIN, DAY_S, QUARTER_S, TimeAxis
from trudi_py.simulator.profile import SLOTS_PER_DAY, DayProfile, TariffStage

ERROR_TARIFF = 63

TAF1_STAGES = (TariffStage(1, "ET", "0100010801ff"),)
TAF1_DAY_PROFILES = (DayProfile(1, (1,) * SLOTS_PER_DAY),)

NT, HT = 1, 2
TAF2_STAGES = (TariffStage(NT, "NT", "0100010801ff"), TariffStage(HT, "HT", "0100010802ff"))
#: Weekdays: NT 00:00–06:00 and 22:00–24:00, HT 06:00–22:00 (wall time).
WEEKDAY_PROFILE = DayProfile(1, tuple(HT if 24 <= k < 88 else NT for k in range(SLOTS_PER_DAY)))
#: Saturdays and Sundays: NT all day.
WEEKEND_PROFILE = DayProfile(2, (NT,) * SLOTS_PER_DAY)
TAF2_DAY_PROFILES = (WEEKDAY_PROFILE, WEEKEND_PROFILE)
TAF2_ERROR_OBIS = "010001083fff"


@dataclass(frozen=True)
class Calendar:
    """Which day profile applies on which date (weekday/weekend rule)."""

    weekday_id: int
    weekend_id: int

    def day_id(self, day: date) -> int:
        """The day profile id in force on ``day``."""
        return self.weekend_id if day.weekday() >= 5 else self.weekday_id

    def special_days(self, first: date, last: date) -> list[tuple[date, int]]:
        """``(date, dayId)`` for every date from ``first`` to ``last`` (both included)."""
        out = []
        day = first
        while day <= last:
            out.append((day, self.day_id(day)))
            day += timedelta(days=1)
        return out


TAF1_CALENDAR = Calendar(1, 1)
TAF2_CALENDAR = Calendar(WEEKDAY_PROFILE.day_id, WEEKEND_PROFILE.day_id)


def month_boundaries(first: datetime, last_after: datetime) -> list[datetime]:
    """Local month starts (as aware UTC datetimes) from ``first`` until the first one after
    ``last_after`` (included): the billing-period boundaries of a monthly contract."""
    local = first.astimezone(BERLIN)
    y, m = local.year, local.month
    out: list[datetime] = []
    while True:
        b = datetime(y, m, 1, tzinfo=BERLIN).astimezone(first.tzinfo)
        out.append(b)
        if b > last_after:
            return out
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def billing_boundaries(first: datetime, last_after: datetime, *,
                       daily_tail: bool) -> list[datetime]:
    """The billing-period boundaries of a contract from ``first`` until the first one after
    ``last_after``: monthly (local month starts); with ``daily_tail`` (as real firmware lists
    them) monthly up to the start of the current local month, then daily (local midnights)."""
    months = month_boundaries(first, last_after)
    if not daily_tail or len(months) < 2:
        return months
    out = months[:-1]  # the month starts up to the current month's start
    day = out[-1].astimezone(BERLIN).date()
    while out[-1] <= last_after:
        day += timedelta(days=1)
        out.append(datetime(day.year, day.month, day.day, tzinfo=BERLIN)
                   .astimezone(first.tzinfo))
    return out


def quarter_tariffs(axis: TimeAxis, profiles: Sequence[DayProfile],
                    calendar: Calendar) -> np.ndarray:
    """Tariff number of the quarter hour ending at each target time (index 0: unused, 0)."""
    start_local = axis.local - QUARTER_S
    slot = (start_local % DAY_S) // QUARTER_S
    slot = np.where(slot == SLOTS_PER_DAY - 1, SLOTS_PER_DAY - 2, slot)  # 23:45 → τ of 23:30
    day = start_local // DAY_S
    weekday = (day + 3) % 7
    by_id = {p.day_id: np.asarray(p.slots, dtype=np.int64) for p in profiles}
    weekday_slots = by_id[calendar.weekday_id]
    weekend_slots = by_id[calendar.weekend_id]
    tariffs = np.where(weekday >= 5, weekend_slots[slot], weekday_slots[slot])
    tariffs[0] = 0
    return tariffs


def cumulative_registers(axis: TimeAxis, increments: np.ndarray, tariffs: np.ndarray,
                         stages: Sequence[TariffStage], boundaries: Sequence[datetime],
                         *, with_error_register: bool) -> dict[str, list[int]]:
    """Cumulative raw register values at each boundary (starting at 0 at the first one).

    Returns ``{obis: [value at boundary 0, value at boundary 1, …]}`` in register order
    (stages, then the error register if requested). Boundaries must lie on the axis.
    """
    idx = np.array([axis.index_of(b) for b in boundaries], dtype=np.int64)
    out: dict[str, list[int]] = {}
    for stage in stages:
        booked = np.where(tariffs == stage.number, increments, 0)
        booked[0] = 0
        csum = np.cumsum(booked)
        out[stage.obis] = [int(v) for v in csum[idx] - csum[idx[0]]]
    if with_error_register:
        out[TAF2_ERROR_OBIS] = [0] * len(boundaries)
    return out
