"""What one pass over a channel's sorted readings learns: gaps, monthly values, hourly power.

Fed row by row while a database's CSV is assembled (streaming; only small aggregates are
kept). A gap is reported only where the gateway really has no value: between two readings
of a 15-minute series more than 15 minutes apart, or between the contract's start and the
first reading — and never inside a window that could not be fetched (that is a *missing*
window, reported separately).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from trudi_py.model.energy import MonthlyRegister
from trudi_py.model.gaps import Gap
from trudi_py.model.times import format_utc

QUARTER = timedelta(minutes=15)
#: Units whose values are cumulative registers (monthly totals and power make sense).
ENERGY_UNITS = {30: "Wh", 31: "VAh", 32: "varh", 13: "m³", 14: "m³"}


def parse_z(text: str) -> datetime:
    """``2026-03-01T00:15:00Z`` (our own CSV form) → aware UTC datetime."""
    return datetime.fromisoformat(text[:-1] if text.endswith("Z") else text).replace(
        tzinfo=UTC)


@dataclass
class ChannelSummary:
    """Aggregates of one channel; :meth:`add` takes rows in target-time order."""

    usage_point_id: str
    database: str
    obis: str
    scaler: int = 0
    unit: int = 255
    start: datetime | None = None  # the contract start (for a leading gap)
    excluded: list[tuple[datetime, datetime]] = field(default_factory=list)  # missing windows
    rows: int = 0
    first: datetime | None = None
    last: datetime | None = None
    last_value: int | None = None
    signatures: int = 0
    monthly: MonthlyRegister = field(default_factory=MonthlyRegister)  # energy per month
    hour_first: dict[int, int] = field(default_factory=dict)  # epoch hour → first raw value
    gaps: list[Gap] = field(default_factory=list)
    _deltas: Counter = field(default_factory=Counter)
    _pending: list[tuple[datetime, datetime]] = field(default_factory=list)

    def add(self, target: datetime, value: str, signed: bool) -> None:
        """Take one reading (in time order)."""
        self.rows += 1
        if signed:
            self.signatures += 1
        raw = int(value)
        if self.last is not None:
            delta = target - self.last
            if len(self._deltas) < 50 or delta in self._deltas:
                self._deltas[delta] += 1
            if delta > QUARTER:
                self._pending.append((self.last, target))
        else:
            self.first = target
            if self.start is not None and target - self.start >= QUARTER:
                self._pending.append((self.start, target))
        self.last, self.last_value = target, raw
        if self.unit in ENERGY_UNITS:
            epoch = int(target.timestamp())
            self.monthly.add(epoch, raw)
            self.hour_first.setdefault(epoch // 3600, raw)

    @property
    def step(self) -> timedelta | None:
        """The series' usual distance between readings (None with fewer than two)."""
        return self._deltas.most_common(1)[0][0] if self._deltas else None

    def finish(self) -> None:
        """Turn candidate gaps into :class:`Gap` s (only for 15-minute series)."""
        if self.step != QUARTER:
            self._pending.clear()
            return
        for after, before in self._pending:
            if any(lo < before and after < hi for lo, hi in self.excluded):
                continue  # overlaps a window we could not fetch: not the gateway's gap
            missing = int((before - after) / QUARTER) - (0 if after == self.start else 1)
            if missing > 0:
                self.gaps.append(Gap(after, before, missing, self.usage_point_id,
                                     self.database, self.obis))
        self._pending.clear()

    def monthly_totals(self) -> list[tuple[str, Decimal]]:
        """Physical amount per local month (difference of the first values of consecutive
        months; the last month up to the last reading), from :mod:`trudi_py.model.energy`."""
        return [(month, Decimal(raw).scaleb(self.scaler))
                for month, raw in self.monthly.totals()]

    def hourly_power(self) -> tuple[list[datetime], list[float]]:
        """Mean power per hour (unit per hour, e.g. W from Wh) for a load-profile chart."""
        hours = sorted(self.hour_first)
        times, values = [], []
        factor = 10.0 ** self.scaler
        for a, b in zip(hours, hours[1:], strict=False):
            if b - a != 1:
                continue
            times.append(datetime.fromtimestamp(a * 3600, UTC))
            values.append((self.hour_first[b] - self.hour_first[a]) * factor)
        return times, values

    def to_dict(self) -> dict[str, Any]:
        """The small part kept in the journal and the manifest's neighbourhood."""
        return {"obis": self.obis, "scaler": self.scaler, "unit": self.unit, "rows": self.rows,
                "first": format_utc(self.first) if self.first else None,
                "last": format_utc(self.last) if self.last else None,
                "signatures": self.signatures,
                "monthly": [[m, str(v)] for m, v in self.monthly_totals()],
                "gaps": [g.to_dict() for g in self.gaps]}
