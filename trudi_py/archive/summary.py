"""What one pass over a channel's sorted readings learns: gaps, monthly and daily energy,
hourly power.

Fed row by row while a database's CSV is assembled (streaming; only small aggregates are
kept). A gap is reported only where the gateway really has no value: between two readings
of a 15-minute series more than 15 minutes apart, or between the contract's start and the
first reading — and never inside a window that could not be fetched (that is a *missing*
window, reported separately).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from trudi_py.archive.rawlog import safe_segment
from trudi_py.model.energy import DayRegister, MonthlyRegister, day_text
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
    daily: DayRegister = field(default_factory=DayRegister)  # energy per local day
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
            self.daily.add(epoch, raw)
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


# -- the day summary member: summary/<usage-point-id>/<database>.json ------------------------
#: The marker of the day summary document (its ``format``) and its version.
DAY_SUMMARY_FORMAT = "trudi-py-day-energy"
DAY_SUMMARY_VERSION = 1
#: A day summary larger than this is not read (a decade of two channels is ~0.3 MB).
MAX_DAY_SUMMARY_BYTES = 16 * 1024 * 1024
#: How the document states its booking rule (for a human reading it).
BOOKING = ("energy of the interval ending at a reading, booked to the Europe/Berlin day of "
           "that reading's time minus one second; raw register units (value * 10^scaler "
           "= unit)")


def day_summary_member(usage_point_id: str, database: str) -> str:
    """``summary/<usage-point-id>/<database>.json``: the energy per local day per channel."""
    return f"summary/{safe_segment(usage_point_id)}/{safe_segment(database)}.json"


@dataclass(frozen=True)
class DayChannel:
    """One channel of a day summary: (day number since 1970-01-01, raw energy, intervals)."""

    obis: str
    scaler: int
    unit: int
    days: list[tuple[int, int, int]]


def day_summary_bytes(usage_point_id: str, database: str,
                      channels: list[tuple[str, int, int, list[tuple[int, int, int]]]]
                      ) -> bytes:
    """The member's text: indented JSON with one line per day, readable by a human.
    ``channels``: (obis, scaler, unit, :meth:`DayRegister.totals`) per channel."""
    head = {"format": DAY_SUMMARY_FORMAT, "format-version": DAY_SUMMARY_VERSION,
            "usage-point-id": usage_point_id, "database": database,
            "timezone": "Europe/Berlin", "booking": BOOKING}
    parts = [json.dumps(head, ensure_ascii=False, indent=2)[:-2], ',\n  "channels": [']
    for i, (obis, scaler, unit, days) in enumerate(channels):
        rows = ",\n".join(f'        ["{day_text(d)}", {e}, {n}]' for d, e, n in days)
        listed = f"[\n{rows}\n      ]" if rows else "[]"
        parts.append(("," if i else "") + f'\n    {{"obis": {json.dumps(obis)}, '
                     f'"scaler": {scaler}, "unit": {unit}, "days": {listed}}}')
    parts.append("\n  ]\n}\n")
    return "".join(parts).encode("utf-8")


def summaries_day_bytes(usage_point_id: str, database: str,
                        summaries: list[ChannelSummary]) -> bytes:
    """:func:`day_summary_bytes` of a database's channel summaries (registers only)."""
    return day_summary_bytes(usage_point_id, database, [
        (s.obis, s.scaler, s.unit, s.daily.totals()) for s in summaries
        if s.unit in ENERGY_UNITS])


class DaySummaryError(ValueError):
    """A day summary member cannot be read (its English reason; the caller words it)."""


def parse_day_summary(data: bytes) -> list[DayChannel]:
    """The channels of a day summary member; :class:`DaySummaryError` if it is oversized,
    not JSON or not of this form (every field checked: types, dates, ascending days)."""
    if len(data) > MAX_DAY_SUMMARY_BYTES:
        raise DaySummaryError(f"larger than {MAX_DAY_SUMMARY_BYTES} bytes")
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise DaySummaryError(f"not JSON ({type(exc).__name__})") from None
    if not isinstance(doc, dict) or doc.get("format") != DAY_SUMMARY_FORMAT or \
            doc.get("format-version") != DAY_SUMMARY_VERSION:
        raise DaySummaryError("not a day summary of format version 1")
    channels = doc.get("channels")
    if not isinstance(channels, list):
        raise DaySummaryError("no list of channels")
    return [_channel(c) for c in channels]


def _channel(item: Any) -> DayChannel:
    if not isinstance(item, dict) or not isinstance(item.get("obis"), str) or \
            type(item.get("scaler")) is not int or type(item.get("unit")) is not int or \
            not isinstance(item.get("days"), list):
        raise DaySummaryError("a channel lacks obis, scaler, unit or days")
    days: list[tuple[int, int, int]] = []
    for row in item["days"]:
        if not (isinstance(row, list) and len(row) == 3 and isinstance(row[0], str)
                and type(row[1]) is int and type(row[2]) is int and row[2] > 0):
            raise DaySummaryError(f"channel {item['obis']}: a day is not [date, energy, "
                                  f"readings]")
        try:
            day = (date.fromisoformat(row[0]) - _EPOCH_DATE).days
        except ValueError:
            raise DaySummaryError(f"channel {item['obis']}: {row[0]!r} is no date") from None
        if days and day <= days[-1][0]:
            raise DaySummaryError(f"channel {item['obis']}: days not ascending at {row[0]}")
        days.append((day, row[1], row[2]))
    return DayChannel(item["obis"], item["scaler"], item["unit"], days)


_EPOCH_DATE = date(1970, 1, 1)
