"""The supplier's ``AnalysisProfile`` in AR 2418-6 (verify.md §A.3) and its parser rules."""

from __future__ import annotations

from datetime import date

from lxml import etree

from trudi_py.errors import CannotCompute
from trudi_py.i18n import msg
from trudi_py.verify.inputs import AnalysisProfile, DayProfile, Slot, SpecialDay, TariffStage
from trudi_py.verify.xmlread import Collector, int_of, kids, parse_datetime, text_of


def _parse_slot(el: etree._Element) -> Slot:
    parts = {"hour": 0, "minute": 0, "second": 0, "hundreds": 0}
    tariff = -1
    for name, kid in kids(el):
        if name == "startTime":
            for n2, k2 in kids(kid):
                if n2 in parts:
                    parts[n2] = int_of(k2, f"startTime/{n2}")
        elif name == "tariffNumber":
            tariff = int_of(kid, "DayTimeProfile/tariffNumber")
    return Slot(parts["hour"], parts["minute"], parts["second"], tariff, parts["hundreds"])


def parse_profile(el: etree._Element, col: Collector) -> AnalysisProfile:
    """An ``AnalysisProfile`` element; parser-rule errors go to ``col.errors``."""
    use_case = start = duration = tariff_id = default = None
    stages: list[TariffStage] = []
    day_profiles: list[DayProfile] = []
    specials: list[tuple[etree._Element, int]] = []
    has_trigger = False
    for name, kid in kids(el):
        if name == "tariffUseCase":
            use_case = int_of(kid, name)
        elif name == "tariffId":
            tariff_id = text_of(kid)
        elif name == "defaultTariffNumber":
            default = int_of(kid, name)
        elif name == "billingPeriod":
            for n2, k2 in kids(kid):
                if n2 == "start":
                    start = parse_datetime(text_of(k2) or "", "billingPeriod/start")
                elif n2 == "duration":
                    duration = int_of(k2, "billingPeriod/duration")
        elif name == "TariffStage":
            number, obis, desc = 0, "", None
            for n2, k2 in kids(kid):
                if n2 == "tariffNumber":
                    number = int_of(k2, "TariffStage/tariffNumber")
                elif n2 == "obisCode":
                    obis = (text_of(k2) or "").strip()
                elif n2 == "description":
                    desc = text_of(k2)
            stages.append(TariffStage(number, obis, desc))
        elif name == "TariffChangeTrigger":
            for _, trigger in ((n, k) for n, k in kids(kid) if n == "TimeTrigger"):
                has_trigger = True
                for n3, k3 in kids(trigger):
                    if n3 == "DayProfile":
                        day_profiles.append(_parse_day_profile(k3, col))
                    elif n3 == "SpecialDayProfile":
                        specials.append((k3, len(col.errors)))
    # errors of SpecialDayProfiles are inserted where the element stood (document order)
    special_days = [_parse_special(k, day_profiles, col, pos + offset)
                    for offset, (k, pos) in enumerate(specials)]
    return AnalysisProfile(use_case, start, duration, tuple(stages), tuple(day_profiles),
                           tuple(s for s in special_days if s is not None), tariff_id, default,
                           has_trigger)


def _parse_day_profile(el: etree._Element, col: Collector) -> DayProfile:
    day_id = None
    slots: list[Slot] = []
    for name, kid in kids(el):
        if name == "dayId":
            if day_id is not None:
                col.errors.append(CannotCompute(
                    "duplicate-day-id", msg("Only one dayId is allowed within a DayProfile.")))
            else:
                day_id = int_of(kid, "dayId")
        elif name == "DayTimeProfile":
            slots.append(_parse_slot(kid))
    return DayProfile(day_id if day_id is not None else -1, tuple(slots))


def _parse_special(el: etree._Element, profiles: list[DayProfile], col: Collector,
                   pos: int) -> SpecialDay | None:
    parts: dict[str, int] = {}
    day_id = None
    for name, kid in kids(el):
        if name == "specialDayDate":
            for n2, k2 in kids(kid):
                if n2 in ("year", "month", "day_of_month"):
                    parts[n2] = int_of(k2, f"specialDayDate/{n2}")
        elif name == "dayId":
            day_id = int_of(kid, "SpecialDayProfile/dayId")
    try:
        day = date(parts["year"], parts["month"], parts["day_of_month"])
    except (KeyError, ValueError):
        col.errors.insert(pos, CannotCompute(
            "special-day-date-incomplete", msg("SpecialDayProfile date is incomplete.")))
        return None
    matches = sum(1 for dp in profiles if dp.day_id == day_id)
    if matches != 1:
        which = msg("no DayProfile defines") if matches == 0 else \
            msg("{matches} DayProfiles define", matches=matches)
        col.errors.insert(pos, CannotCompute(
            "special-day-unknown-day-profile",
            msg("SpecialDayProfile of {day} refers to dayId {day_id}, which {which}.",
                day=day.isoformat(), day_id=day_id, which=which)))
    return SpecialDay(day, day_id if day_id is not None else -1)
