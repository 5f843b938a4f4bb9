"""Builders of small synthetic TAF inputs for the verify unit tests and the benchmark."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from trudi_py.model.times import BERLIN
from trudi_py.verify.inputs import (
    AnalysisProfile,
    DayProfile,
    IntervalBlock,
    IntervalReading,
    Slot,
    SpecialDay,
    TariffStage,
    ValueList,
)

METER = "0A01454D4800005DE461"


def berlin(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, s, tzinfo=BERLIN)


def series(start: datetime, end: datetime, step_s: int = 900, increment: int = 10,
           missing: set[str] = frozenset(), status3: set[str] = frozenset(),
           first_value: int = 0) -> list[IntervalReading]:
    """Readings every ``step_s`` (absolute) from start to end; ``missing``/``status3`` name
    Berlin wall times ``"MM-DD HH:MM"`` (``+01``/``+02`` suffix to pick one of a DST pair)."""
    out, value, t = [], first_value, start.astimezone(UTC)
    while t <= end:
        local = t.astimezone(BERLIN)
        label = local.strftime("%m-%d %H:%M")
        tagged = label + local.strftime("%z")[:3]
        if label not in missing and tagged not in missing:
            ptb = 3 if label in status3 or tagged in status3 else 0
            out.append(IntervalReading(value, t, None, ptb))
        value += increment
        t += timedelta(seconds=step_s)
    return out


def ovl(readings: list[IntervalReading], obis: str = "0100010800FF", start: datetime | None = None,
        duration: int | None = None) -> ValueList:
    first = start or readings[0].capture
    span = duration if duration is not None else int(
        (readings[-1].capture.astimezone(UTC)
         - first.astimezone(UTC)).total_seconds())
    return ValueList(obis, (IntervalBlock(first, span, tuple(readings)),), -1, 0, 72, METER,
                     f"{obis}.{METER}.sm")


def day_profile(day_id: int, tariff_at, step_min: int = 15) -> DayProfile:
    slots = []
    for k in range(24 * 60 // step_min):
        h, m = divmod(k * step_min, 60)
        slots.append(Slot(h, m, 0, tariff_at(h, m)))
    return DayProfile(day_id, tuple(slots))


def nt_ht(h: int, m: int) -> int:
    """NT (1) 00:00–06:00 and 21:00–24:00, HT (2) 06:00–21:00."""
    return 2 if 6 <= h < 21 else 1


def profile(start: datetime, days: int, *, use_case: int = 2, profiles=None,
            stages=None, duration: int | None = None) -> AnalysisProfile:
    profiles = profiles or [day_profile(1, nt_ht)]
    stages = stages or [TariffStage(1, "0100010801ff", "NT"), TariffStage(2, "0100010802ff", "HT")]
    first = start.astimezone(BERLIN).date()
    specials = tuple(SpecialDay(first + timedelta(days=i), profiles[0].day_id)
                     for i in range(days))
    if duration is None:
        end = datetime.combine(first + timedelta(days=days), datetime.min.time(), BERLIN)
        duration = int((end.astimezone(UTC)
                        - start.astimezone(UTC)).total_seconds())
    return AnalysisProfile(use_case, start, duration, tuple(stages), tuple(profiles), specials)


def amounts(result) -> dict[str, int]:
    return {r.obis: r.amount for r in result.registers}


