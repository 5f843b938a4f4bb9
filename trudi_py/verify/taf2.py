"""TAF-2 (time-variable tariff) exactly as TRuDI computes it (verify.md §C).

Works on wall keys (see :mod:`trudi_py.verify.timeline`); every reading lookup is a dict
access, so a year of 15-minute values is computed in well under a second.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from trudi_py.errors import CannotCompute
from trudi_py.i18n import msg
from trudi_py.verify.inputs import AnalysisProfile, DayProfile, SpecialDay, ValueList
from trudi_py.verify.registers import (
    ERROR_TARIFF,
    Register,
    book,
    build_registers,
    obis_c,
    undefined,
)
from trudi_py.verify.timeline import (
    DAY_US,
    US,
    PreparedList,
    PreparedReading,
    day_key,
    key_date,
    keys,
    prepare,
    wall_of_abs,
)

_LAST_SLOT = (23 * 3600 + 45 * 60) * US
_QUARTER = 900 * US


@dataclass
class OvlReport:
    """What one original value list contributed (for findings)."""

    obis: str
    begin_abs: int
    end_abs: int
    days: int = 0
    counted_days: int = 0
    skipped: bool = False


@dataclass
class Taf2Outcome:
    """Registers in §C.1 order, Begin/End (absolute keys) of the last OVL, per-OVL reports."""

    registers: list[Register]
    begin_abs: int | None
    end_abs: int | None
    ovls: list[OvlReport] = field(default_factory=list)
    prepared: list[PreparedList] = field(default_factory=list)


def billing_bounds(profile: AnalysisProfile) -> tuple[int, int, int, int]:
    """(start abs, start wall, end abs, end wall) of the billing period (end = start + duration)."""
    if profile.billing_start is None:
        raise undefined("the billing period has no start")
    start_abs, start_wall = keys(profile.billing_start)
    end_abs = start_abs + (profile.billing_duration or 0) * US
    return start_abs, start_wall, end_abs, wall_of_abs(end_abs)


def valid_day_ids(profile: AnalysisProfile, c: int) -> list[int]:
    """Day ids whose every slot has a tariff of a stage with group C = ``c`` (§C.2 step 2)."""
    if not profile.stages or not profile.day_profiles:
        raise CannotCompute("no-tariff-stages-or-day-profiles",
                            msg("No tariff stages or day profiles were found."))
    tariffs = {s.tariff_number for s in profile.stages if obis_c(s.obis) == c}
    return [dp.day_id for dp in profile.day_profiles
            if all(slot.tariff_number in tariffs for slot in dp.slots)]


def reading_span(ovl: PreparedList, lo: int, hi: int) -> tuple[PreparedReading, PreparedReading]:
    """First and last reading whose target wall time lies in [lo, hi], whatever its status."""
    inside = [r for r in ovl.readings() if lo <= r.target_wall <= hi]
    if not inside or inside[0].target_wall == inside[-1].target_wall:
        raise CannotCompute("no-readings-in-billing-period",
                            msg("No readings found within the billing period."))
    return inside[0], inside[-1]


def compute_taf2(lists: Sequence[ValueList], profile: AnalysisProfile) -> Taf2Outcome:
    """Recompute the TAF-2 registers from the value lists and the analysis profile."""
    ovls = [prepare(v) for v in lists if v.is_original]
    if not ovls:
        raise CannotCompute("no-original-value-list", msg("No original value list is available."))
    registers = build_registers(profile.stages, error_registers=True)
    _, bp_lo, _, bp_hi = billing_bounds(profile)
    outcome = Taf2Outcome(registers, None, None, prepared=ovls)
    counted = 0
    for ovl in ovls:
        first, last = reading_span(ovl, bp_lo, bp_hi)
        report = OvlReport(ovl.source.obis, first.target_abs, last.target_abs)
        outcome.ovls.append(report)
        outcome.begin_abs, outcome.end_abs = first.target_abs, last.target_abs
        c = obis_c(ovl.source.obis)
        valid = valid_day_ids(profile, c)
        begin_date, end_date = key_date(first.target_wall), key_date(last.target_wall)
        days = sorted((sd for sd in profile.special_days
                       if sd.day_id in valid and begin_date <= sd.day <= end_date),
                      key=lambda sd: sd.day)
        if not valid or not days:
            report.skipped = True
            continue
        walker = _DayWalker(ovl, registers, c, first.target_wall, last.target_wall)
        for special in days:
            if walker.run(special, _day_profile(profile.day_profiles, special)):
                report.counted_days += 1
            report.days += 1
        counted += report.counted_days
        if counted == 0:
            raise undefined("no day of the billing period has a usable reading")
    return outcome


def _day_profile(profiles: Sequence[DayProfile], special: SpecialDay) -> DayProfile:
    for dp in profiles:
        if dp.day_id == special.day_id:
            return dp
    raise undefined(f"no day profile {special.day_id}")  # parser rule prevents this


class _DayWalker:
    """Walks the days of one OVL, carrying V (value) and K (tariff) across days (§C.3–§C.8)."""

    def __init__(self, ovl: PreparedList, registers: list[Register], c: int,
                 begin: int, end: int) -> None:
        self.lookup = ovl.lookup
        self.registers = registers
        self.c = c
        self.begin, self.end = begin, end
        self.begin_date, self.end_date = key_date(begin), key_date(end)
        self.v = 0
        self.k = ERROR_TARIFF
        self.booked = False

    # -- helpers ------------------------------------------------------------------------

    def _book(self, tariff: int, amount: int) -> None:
        book(self.registers, tariff, self.c, amount)
        self.booked = True

    def _raise_v(self, reading: PreparedReading | None) -> None:
        if reading is not None and reading.usable and reading.value is not None:
            self.v = max(self.v, reading.value)

    def _closing(self, k: int) -> tuple[PreparedReading | None, int]:
        """Closing reading and time of slot k (§C.3): 23:45 as last slot → next midnight."""
        t = self.t[k]
        if k == self.n - 1 and t % DAY_US == _LAST_SLOT:
            nxt = self.lookup(t + _QUARTER)
            if nxt is not None and nxt.usable:
                return nxt, t + _QUARTER
        return self.lookup(t), t

    def _usable_at(self, k: int) -> bool:
        r = self.lookup(self.t[k])
        return r is not None and r.usable

    # -- one day ------------------------------------------------------------------------

    def _slots(self, special: SpecialDay, profile: DayProfile) -> None:
        if not profile.slots:
            raise CannotCompute(
                "day-profile-empty", msg("The current day profile contains no tariff switching "
                                         "information."))
        slots = [(s.seconds * US, s.tariff_number) for s in profile.slots]
        d = special.day
        if d == self.begin_date:
            lo = self.begin % DAY_US
            slots = [s for s in slots if s[0] >= lo]
            if d == self.end_date:
                hi = self.end % DAY_US
                slots = [s for s in slots if s[0] <= hi]
        elif d == self.end_date:
            hi = self.end % DAY_US
            slots = [s for s in slots if s[0] <= hi]
        slots.sort(key=lambda s: s[0])
        if not slots:
            raise undefined(f"no slot of the day profile lies in the period on {d.isoformat()}")
        base = day_key(d)
        self.t = [base + s[0] for s in slots]
        self.tau = [s[1] for s in slots]
        self.n = len(slots)

    def run(self, special: SpecialDay, profile: DayProfile) -> bool:
        """Compute one day; True if it counts (has a start or booked a range)."""
        self._slots(special, profile)
        self.booked = False
        n, t, tau = self.n, self.t, self.tau
        anchor = self.lookup(t[0])
        a = t[0]
        index = 1
        if anchor is None or not anchor.usable:
            anchor, a, index = self._bridge()
        has_start = anchor is not None and anchor.usable
        i = index
        while i < n:
            switch = tau[i - 1] != tau[i]
            if switch or i == n - 1:
                e, c = self._closing(i)
                if e is not None and e.usable:
                    rng = (a, c, tau[i - 1], _value(e) - _value(anchor))
                    new_anchor, next_i, k_empty = e, i, self.k
                else:
                    # typing only: the type allows None here; the behaviour is as before
                    rng, new_anchor, next_i, k_empty = self._gap(
                        i, a, anchor)  # type: ignore[arg-type]
                tariff = rng[2]
                empty = rng[0] == rng[1] and rng[3] == 0
                if empty:
                    tariff = k_empty
                self._raise_v(new_anchor)
                self.k = tariff
                if not empty:
                    self._book(tariff, rng[3])
                a = new_anchor.target_wall if switch else t[i]
                anchor = new_anchor
                i = next_i
            i += 1
        return has_start or self.booked

    def _bridge(self) -> tuple[PreparedReading | None, int, int]:
        """§C.7: the day's first reading is missing or unusable."""
        n, t, tau = self.n, self.t, self.tau
        if n == 1:
            raise undefined("a day with a single slot has no usable reading")
        for j in range(1, n):
            if self.k != ERROR_TARIFF and tau[j] != self.k:
                self.k = ERROR_TARIFF
            r = self.lookup(t[j])
            if r is not None and r.usable:
                self._book(self.k, _value(r) - self.v)
                self._raise_v(r)
                self.k = tau[j]
                return r, t[j], j
        midnight = t[n - 1] + _QUARTER
        r = self.lookup(midnight)
        if r is not None and r.usable:
            self._book(self.k, _value(r) - self.v)
            return r, midnight, n
        return r, t[0], n

    def _find_near(self, p: int, a: int) -> int:
        """§C.6 step 1: slot f of a usable reading near the gap at boundary p."""
        n, t = self.n, self.t
        h = p - 1
        while True:
            if t[h] == a:
                m = p - 1
                while m < n and not self._usable_at(m):
                    m += 1
                h = min(m, n - 1)
                if h + 1 == n:
                    return h
            if self._usable_at(h):
                return h
            h -= 1
            if h < 0:
                raise CannotCompute(
                    "all-readings-invalid",
                    msg("The PTB or FNN status of all readings is critical or fatal."))

    def _gap(self, p: int, a: int, anchor: PreparedReading
             ) -> tuple[tuple[int, int, int, int], PreparedReading, int, int]:
        """§C.6: close over a gap; returns (range, new anchor, next index, K if empty)."""
        n, t, tau = self.n, self.t, self.tau
        k_local = self.k
        f = self._find_near(p, a)
        e2, c = self._closing(f)
        if t[f] < t[p] and e2 is not None:
            rng = (a, c, tau[f], _value(e2) - _value(anchor))
        elif e2 is not None and e2.usable:
            rng = (a, c, ERROR_TARIFF, _value(e2) - _value(anchor))
        else:
            k_local = ERROR_TARIFF
            e2 = anchor
            rng = (0, 0, k_local, 0)
        next_i = f
        if f == p - 1:
            self._raise_v(e2)
            k_local = rng[2]
            self._book(rng[2], rng[3])
            j = f
            q, qc = self._closing(j + 1)
            while q is None or not q.usable:
                j += 1
                if j >= n:
                    raise undefined("the last slot's closing reading is unusable")
                if j < n - 1:
                    q, qc = self._closing(j + 1)
                else:
                    q, qc = self._closing(j)
                    if q is None:
                        q, qc = e2, c
                        break
            rng = (c, qc, ERROR_TARIFF, _value(q) - _value(e2))
            e2 = q
            next_i = j + 1
        if p == n - 1:
            next_i = p
        return rng, e2, next_i, k_local


def _value(reading: PreparedReading | None) -> int:
    if reading is None or reading.value is None:
        raise undefined("a reading without a value is needed")
    return reading.value

