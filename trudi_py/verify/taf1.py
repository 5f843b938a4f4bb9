"""TAF-1 (one register per tariff stage over the whole billing period), verify.md §D.1."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from trudi_py.errors import CannotCompute
from trudi_py.i18n import msg
from trudi_py.verify.inputs import AnalysisProfile, ValueList
from trudi_py.verify.registers import Register, book, build_registers, obis_c, undefined
from trudi_py.verify.taf2 import billing_bounds, valid_day_ids
from trudi_py.verify.timeline import US, PreparedList, instant, key_naive, prepare


@dataclass
class Taf1Outcome:
    """Registers (the stages, file order) and the billing period as Begin/End (absolute keys)."""

    registers: list[Register]
    begin_abs: int
    end_abs: int
    prepared: list[PreparedList] = field(default_factory=list)


def _add_months(moment: datetime, months: int) -> datetime:
    """.NET ``AddMonths``: same day, clamped to the month's length."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    lengths = (31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31,
               30, 31, 31, 30, 31, 30, 31)
    return moment.replace(year=year, month=month, day=min(moment.day, lengths[month - 1]))


def _format_days(days: float) -> str:
    return f"{days:.15g}"


def compute_taf1(lists: Sequence[ValueList], profile: AnalysisProfile) -> Taf1Outcome:
    """Recompute the TAF-1 registers; checks in the order of §D.1."""
    ovls = [v for v in lists if v.is_original]
    if not ovls:
        raise CannotCompute("no-original-value-list", msg("No original value list is available."))
    if len(ovls) > 3:
        raise CannotCompute("taf1-too-many-original-value-lists",
                            msg("At most 3 original value lists are supported."))
    if len(ovls) != len(lists):
        raise CannotCompute("taf1-only-original-value-lists",
                            msg("Only original value lists are allowed."))
    if len(profile.stages) > len(ovls):
        raise CannotCompute(
            "taf1-too-many-tariff-stages",
            msg("The number of tariff stages must not exceed the number of original value lists."))
    start_abs, start_wall, end_abs, end_wall = billing_bounds(profile)
    start, end = key_naive(start_wall), key_naive(end_wall)
    if start.day != 1:
        iso = instant(start_abs).isoformat()
        raise CannotCompute("taf1-billing-period-start",
                            msg("The billing period {iso} does not start at the beginning of a "
                                "month.", iso=iso))
    days_exact = (end_wall - start_wall) / (86400 * US)
    if not any(_add_months(start, m) == end for m in (1, 2, 3, 6, 12)):
        days = _format_days(days_exact)
        raise CannotCompute(
            "taf1-billing-period-length",
            msg("The billing period of {days} days is invalid; 1, 2, 3, 6 or 12 months are "
                "supported.", days=days))
    whole_days = int(days_exact)
    registers = build_registers(profile.stages, error_registers=False)
    prepared = [prepare(v) for v in ovls]
    for ovl in prepared:
        first = ovl.lookup(start_wall)
        if first is None or not first.usable:
            iso = instant(start_abs).isoformat()
            raise CannotCompute(
                "taf1-no-start-reading",
                msg("At {iso} there is no reading, or its status is critical or fatal.", iso=iso))
        last = ovl.lookup(end_wall)
        if last is None or not last.usable:
            iso = instant(end_abs).isoformat()
            raise CannotCompute(
                "taf1-no-end-reading",
                msg("At {iso} there is no reading, or its status is critical or fatal.", iso=iso))
        valid = valid_day_ids(profile, obis_c(ovl.source.obis))
        if len(valid) != 1:
            raise CannotCompute(
                "taf1-one-day-profile",
                msg("There are {n_valid} day profiles; exactly 1 is allowed.", n_valid=len(valid)))
        day_profile = next(dp for dp in profile.day_profiles if dp.day_id == valid[0])
        if not day_profile.slots:
            raise undefined("the day profile has no slots")
        tariff = day_profile.slots[0].tariff_number
        if not any(s.tariff_number == tariff for s in profile.stages):
            raise undefined(f"tariff {tariff} is no tariff stage")
        count = sum(1 for sd in profile.special_days if sd.day_id == valid[0])
        if whole_days == 0 or count % whole_days != 0:
            raise CannotCompute(
                "taf1-special-day-count",
                msg("The number of SpecialDayProfiles must be a multiple of {whole_days}.",
                    whole_days=whole_days))
        if first.value is None or last.value is None:
            raise undefined("a boundary reading has no value")
        book(registers, tariff, None, last.value - first.value)
    return Taf1Outcome(registers, start_abs, end_abs, prepared)
