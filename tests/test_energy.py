"""The one energy aggregation (model/energy.py) against a plain datetime computation, across
both daylight-saving changes and a gap, and the charts built on it."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import numpy as np

from trudi_py.model import energy
from trudi_py.model.times import BERLIN, local_day_start


def _series(start: datetime, quarters: int, skip: range) -> tuple[np.ndarray, np.ndarray]:
    epochs, values, value = [], [], 1_000_000
    for i in range(quarters):
        if i in skip:
            continue
        value += (i * 7919) % 113 + 2 ** 40 * (i == quarters - 1)  # one huge step: exact?
        epochs.append(int((start + timedelta(minutes=15 * i)).timestamp()))
        values.append(value)
    return np.array(epochs, np.int64), np.array(values, np.int64)


def _expected(book: np.ndarray, amounts: np.ndarray, key) -> Counter:  # noqa: ANN001
    out: Counter = Counter()
    for b, a in zip(book.tolist(), amounts.tolist(), strict=True):
        out[key(datetime.fromtimestamp(b, UTC).astimezone(BERLIN))] += a
    return out


def test_days_months_hours_across_dst_and_a_gap() -> None:
    for start in (datetime(2026, 3, 27, 22, tzinfo=UTC), datetime(2026, 10, 23, 22, tzinfo=UTC)):
        epochs, values = _series(start, 4 * 24 * 12, range(300, 420))
        delta, book = np.diff(values), epochs[1:] - 1
        days, sums = energy.per_day(book, delta, dense=True)
        want = _expected(book, delta, lambda t: t.date())
        got = {date(1970, 1, 1) + timedelta(days=int(d)): int(s)
               for d, s in zip(days, sums, strict=True)}
        assert got == {d: want.get(d, 0) for d in got} and set(want) <= set(got)
        assert sum(got.values()) == int(values[-1] - values[0])  # exact, 2**40 included
        months, msums = energy.per_month(book, delta)
        want_m = _expected(book, delta, lambda t: (t.year, t.month))
        assert {(1970 + int(m) // 12, int(m) % 12 + 1): int(s)
                for m, s in zip(months, msums, strict=True)} == dict(want_m)
        hours, hsums = energy.per_hour(book, delta)
        assert len(hours) == hours[-1] - hours[0] + 1 and 0 in hsums.tolist()  # gap: zeros
        assert int(hsums.sum()) == int(delta.sum())


def test_local_midnights_and_wall_time() -> None:
    for day in (date(2026, 3, 29), date(2026, 3, 30), date(2026, 10, 25), date(2026, 10, 26)):
        n = (day - date(1970, 1, 1)).days
        midnight = int(local_day_start(day).timestamp())
        assert energy.midnights(np.array([n])).tolist() == [midnight]
        assert energy.wall_seconds(np.array([midnight])).tolist() == [n * 86400]
    unsorted = np.array([1_800_000_000, 1_700_000_000, 1_800_000_000], np.int64)
    assert energy.wall_seconds(unsorted).tolist() == [
        t + int(datetime.fromtimestamp(t, UTC).astimezone(BERLIN).utcoffset().total_seconds())
        for t in unsorted.tolist()]


def test_monthly_register_streams_local_months_exactly() -> None:
    """The archive summary's per-month totals (no numpy) equal a plain datetime computation,
    across New Year and both daylight-saving changes."""
    from zoneinfo import ZoneInfo

    from trudi_py.model.energy import MonthlyRegister
    berlin = ZoneInfo("Europe/Berlin")
    register, first, last = MonthlyRegister(), {}, None
    t, raw = datetime(2025, 12, 31, 21, 0, tzinfo=UTC), 0
    while t < datetime(2026, 11, 2, tzinfo=UTC):
        register.add(int(t.timestamp()), raw)
        local = t.astimezone(berlin)
        first.setdefault(f"{local.year:04d}-{local.month:02d}", raw)
        last = raw
        t += timedelta(minutes=15)
        raw += 7
    months = sorted(first)
    expected = [(m, (first[months[i + 1]] if i + 1 < len(months) else last) - first[m])
                for i, m in enumerate(months)]
    assert register.totals() == expected
    assert expected[0] == ("2025-12", 8 * 7)  # 21:00-22:45 UTC = 22:00-23:45 local
