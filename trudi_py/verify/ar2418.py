"""Safe reading of AR 2418-6 device and supplier files from bytes (verify.md §A).

Elements are matched by local name, as TRuDI does. The parser never resolves entities, never
loads a DTD and never touches the network. Parser rules of §A.8 raise
:class:`~trudi_py.errors.CannotCompute`; a document that is not XML or has no ``UsagePoint``
raises :class:`InvalidDocument` (exit 2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Callable, Iterator

from lxml import etree

from trudi_py.model.status import StatusWord
from trudi_py.errors import CannotCompute, UsageError
from trudi_py.verify.inputs import (AnalysisProfile, DayProfile, IntervalBlock, Reading, Slot,
                                    SpecialDay, TariffStage, ValueList)

#: Kept names for the types the brief asks for.
XmlReading = Reading
OriginalValueList = ValueList

_KNOWN = frozenset("""
UsagePoints UsagePoint GeneratorVersion usagePointId tariffName Customer customerId InvoicingParty
invoicingPartyId ServiceCategory kind SMGW certId smgwId Certificate certType parentCertId
certContent LogEntry recordNumber LogEvent level text outcome timestamp MeterReading Meter meterId
meterReadingId ReadingType powerOfTenMultiplier uom scaler obisCode qualifiedLogicalName
measurementPeriod IntervalBlock interval duration start IntervalReading value timePeriod targetTime
signature meterSig statusFNN statusPTB AnalysisProfile tariffUseCase tariffId defaultTariffNumber
billingPeriod TariffStage tariffNumber description TariffChangeTrigger TimeTrigger DayProfile dayId
DayTimeProfile startTime hour minute second hundreds SpecialDayProfile specialDayDate year month
day_of_month day_of_week FirmwareComponent name version checksum FirmwareVersion VendorConfig
tafProfile statusVendor measurementTimeMeter type eventId vendorId eventSubId subjectIdentity
userIdentity eventKindVendor secondsIndex evidence""".split())

_DATETIME = re.compile(r"\s*(-?\d{4,})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:[.,](\d+))?"
                       r"(Z|z|[+-]\d\d:?\d\d)?\s*$")
_HEX = re.compile(r"[0-9A-Fa-f]*")
_ZONES: dict[str, timezone] = {}


class InvalidDocument(UsageError):
    """Not well-formed XML or no AR 2418-6 document (exit 2, "Keine gültige Datei.")."""


@dataclass(frozen=True)
class Certificate:
    """A ``Certificate`` of the usage point."""

    cert_id: int | None
    cert_type: int | None
    parent_cert_id: int | None
    content_hex: str | None


@dataclass(frozen=True)
class UsagePointFile:
    """Fields common to device and supplier files (§A.2, §A.3)."""

    usage_point_id: str | None
    tariff_name: str | None
    has_service_category: bool
    kind: int | None
    customer_id: str | None
    has_customer: bool
    invoicing_party_id: str | None
    has_invoicing_party: bool
    has_smgw: bool
    smgw_id: str | None
    cert_ids: tuple[int, ...]
    certificates: tuple[Certificate, ...]
    value_lists: tuple[ValueList, ...]
    analysis_profile: AnalysisProfile | None
    usage_points: int = 1
    unsupported: tuple[str, ...] = ()
    model_issues: tuple[str, ...] = ()
    generator_version: str | None = None


@dataclass(frozen=True)
class DeviceFile(UsagePointFile):
    """A device file (the gateway's data)."""


@dataclass(frozen=True)
class SupplierFile(UsagePointFile):
    """A supplier file (``AnalysisProfile``, the tariff)."""


def _local(el: etree._Element) -> str:
    tag = el.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _kids(el: etree._Element) -> Iterator[tuple[str, etree._Element]]:
    for child in el:
        if isinstance(child.tag, str):
            yield child.tag.rpartition("}")[2], child


def _text(el: etree._Element | None) -> str | None:
    if el is None:
        return None
    return "".join(el.itertext())


def _int(el: etree._Element, name: str) -> int:
    try:
        return int((_text(el) or "").strip())
    except ValueError:
        raise InvalidDocument(f"Element {name} is not a number: {(_text(el) or '')[:40]!r}.",
                              f"Das Element {name} ist keine Zahl.") from None


def parse_datetime(text: str, name: str = "dateTime") -> datetime:
    """An ``xs:dateTime``: aware with an offset or Z, naive (= Berlin wall time) without."""
    m = _DATETIME.match(text)
    if not m:
        raise InvalidDocument(f"Element {name} is not a date and time: {text[:40]!r}.",
                              f"Das Element {name} ist keine gültige Zeitangabe.")
    y, mo, d, h, mi, s, frac, zone = m.groups()
    micro = int((frac or "0")[:6].ljust(6, "0"))
    try:
        moment = datetime(int(y), int(mo), int(d), int(h), int(mi), int(s), micro)
    except ValueError:
        raise InvalidDocument(f"Element {name} is not a valid date: {text[:40]!r}.",
                              f"Das Element {name} ist kein gültiges Datum.") from None
    if zone is None:
        return moment
    tz = _ZONES.get(zone)
    if tz is None:
        if zone in ("Z", "z"):
            tz = timezone.utc
        else:
            body = zone[1:].replace(":", "")
            offset = timedelta(hours=int(body[:2]), minutes=int(body[2:]))
            tz = timezone(-offset if zone[0] == "-" else offset)
        _ZONES[zone] = tz
    return moment.replace(tzinfo=tz)


def _valid_hex(text: str | None) -> bool:
    return bool(text) and not text.isspace() and len(text) % 2 == 0 and bool(
        _HEX.fullmatch(text))


def _root(data: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise InvalidDocument(f"Not a valid file: not well-formed XML ({exc}).",
                              "Keine gültige Datei.") from None
    if root is None:
        raise InvalidDocument("Not a valid file: empty document.", "Keine gültige Datei.")
    return root


class _Collector:
    """Collects parser-rule errors (raised first-come), model issues and unknown names."""

    def __init__(self) -> None:
        self.errors: list[CannotCompute] = []
        self.issues: dict[str, int] = {}
        self.unknown: dict[str, None] = {}

    def issue(self, text: str) -> None:
        self.issues[text] = self.issues.get(text, 0) + 1

    def issue_list(self) -> tuple[str, ...]:
        return tuple(t if n == 1 else f"{t} ({n}×)" for t, n in self.issues.items())


def _parse_reading(el: etree._Element, col: _Collector) -> Reading:
    value = capture = target = ptb = fnn = sig = None
    has_duration = False
    for name, kid in _kids(el):
        if name == "value":
            value = _int(kid, "value")
        elif name == "timePeriod":
            for n2, k2 in _kids(kid):
                if n2 == "start":
                    capture = parse_datetime(_text(k2) or "", "timePeriod/start")
                elif n2 == "duration":
                    has_duration = True
        elif name == "targetTime":
            target = parse_datetime(_text(kid) or "", "targetTime")
        elif name == "statusPTB":
            ptb = _int(kid, "statusPTB")
        elif name == "statusFNN":
            raw = _text(kid)
            if _valid_hex(raw):
                fnn = raw
            else:
                col.errors.append(CannotCompute(
                    "invalid-status-fnn", "statusFNN contains an invalid value.",
                    'Das Element "statusFNN" enthält einen ungültigen Wert.'))
        elif name in ("signature", "meterSig"):
            sig = _text(kid)
    if value is None:
        col.issue("IntervalReading without value")
    if capture is None or not has_duration:
        col.issue("IntervalReading without timePeriod/start or duration")
    if ptb is None and fnn is None:
        col.issue("IntervalReading without statusFNN or statusPTB")
    if ptb is not None and not 0 <= ptb <= 4:
        col.issue("statusPTB outside 0–4")
    if fnn is not None:
        try:
            if not StatusWord.parse(fnn).well_formed:
                col.issue("statusFNN not well-formed (identification bits missing)")
        except ValueError:
            col.issue("statusFNN longer than 16 hex digits")
    return Reading(value, capture, target, ptb, fnn, sig)


def _parse_meter_reading(el: etree._Element, col: _Collector) -> ValueList:
    meter_id = mr_id = obis = qln = None
    scaler = power = period = 0
    uom = None
    has_meter = has_type = False
    blocks: list[IntervalBlock] = []
    for name, kid in _kids(el):
        if name == "Meter":
            if not has_meter:
                meter_id = _text(next((k for n, k in _kids(kid) if n == "meterId"), None))
            has_meter = True
        elif name == "meterReadingId":
            mr_id = _text(kid)
        elif name == "ReadingType":
            has_type = True
            for n2, k2 in _kids(kid):
                if n2 == "powerOfTenMultiplier":
                    power = _int(k2, n2)
                elif n2 == "uom":
                    uom = _int(k2, n2)
                elif n2 == "scaler":
                    scaler = _int(k2, n2)
                elif n2 == "obisCode":
                    obis = (_text(k2) or "").strip()
                elif n2 == "qualifiedLogicalName":
                    qln = _text(k2)
                elif n2 == "measurementPeriod":
                    period = _int(k2, n2)
            if power not in (-6, -3, 0, 1, 2, 3, 6, 9):
                col.issue("ReadingType with an invalid powerOfTenMultiplier")
            if uom is None:
                col.issue("ReadingType without uom")
            if not obis or not _valid_hex(obis):
                col.issue("ReadingType with a non-hex obisCode")
            if not qln:
                col.issue("ReadingType without qualifiedLogicalName")
        elif name == "IntervalBlock":
            blocks.append(_parse_block(kid, col))
    if not has_meter:
        col.issue("MeterReading without Meter")
    if not has_type:
        col.issue("MeterReading without ReadingType")
    if not mr_id:
        col.issue("MeterReading without meterReadingId")
    return ValueList(obis or "", tuple(blocks), scaler, power, uom, meter_id, qln, period, mr_id)


def _parse_block(el: etree._Element, col: _Collector) -> IntervalBlock:
    start = duration = None
    readings: list[Reading] = []
    for name, kid in _kids(el):
        if name == "interval":
            for n2, k2 in _kids(kid):
                if n2 == "start":
                    start = parse_datetime(_text(k2) or "", "interval/start")
                elif n2 == "duration":
                    duration = _int(k2, "interval/duration")
        elif name == "IntervalReading":
            readings.append(_parse_reading(kid, col))
    if start is None or duration is None:
        col.issue("IntervalBlock without interval/duration or interval/start")
    if not readings:
        col.issue("IntervalBlock without IntervalReading")
    return IntervalBlock(start, duration, tuple(readings))


def _parse_slot(el: etree._Element) -> Slot:
    parts = {"hour": 0, "minute": 0, "second": 0, "hundreds": 0}
    tariff = -1
    for name, kid in _kids(el):
        if name == "startTime":
            for n2, k2 in _kids(kid):
                if n2 in parts:
                    parts[n2] = _int(k2, f"startTime/{n2}")
        elif name == "tariffNumber":
            tariff = _int(kid, "DayTimeProfile/tariffNumber")
    return Slot(parts["hour"], parts["minute"], parts["second"], tariff, parts["hundreds"])


def _parse_profile(el: etree._Element, col: _Collector) -> AnalysisProfile:
    use_case = start = duration = tariff_id = default = None
    stages: list[TariffStage] = []
    day_profiles: list[DayProfile] = []
    specials: list[tuple[etree._Element, int]] = []
    has_trigger = False
    for name, kid in _kids(el):
        if name == "tariffUseCase":
            use_case = _int(kid, name)
        elif name == "tariffId":
            tariff_id = _text(kid)
        elif name == "defaultTariffNumber":
            default = _int(kid, name)
        elif name == "billingPeriod":
            for n2, k2 in _kids(kid):
                if n2 == "start":
                    start = parse_datetime(_text(k2) or "", "billingPeriod/start")
                elif n2 == "duration":
                    duration = _int(k2, "billingPeriod/duration")
        elif name == "TariffStage":
            number, obis, desc = 0, "", None
            for n2, k2 in _kids(kid):
                if n2 == "tariffNumber":
                    number = _int(k2, "TariffStage/tariffNumber")
                elif n2 == "obisCode":
                    obis = (_text(k2) or "").strip()
                elif n2 == "description":
                    desc = _text(k2)
            stages.append(TariffStage(number, obis, desc))
        elif name == "TariffChangeTrigger":
            for _, trigger in ((n, k) for n, k in _kids(kid) if n == "TimeTrigger"):
                has_trigger = True
                for n3, k3 in _kids(trigger):
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


def _parse_day_profile(el: etree._Element, col: _Collector) -> DayProfile:
    day_id = None
    slots: list[Slot] = []
    for name, kid in _kids(el):
        if name == "dayId":
            if day_id is not None:
                col.errors.append(CannotCompute(
                    "duplicate-day-id", "Only one dayId is allowed within a DayProfile.",
                    'Es ist nur ein Element "dayId" innerhalb des Elements "DayProfile" '
                    'erlaubt.'))
            else:
                day_id = _int(kid, "dayId")
        elif name == "DayTimeProfile":
            slots.append(_parse_slot(kid))
    return DayProfile(day_id if day_id is not None else -1, tuple(slots))


def _parse_special(el: etree._Element, profiles: list[DayProfile], col: _Collector,
                   pos: int) -> SpecialDay | None:
    parts: dict[str, int] = {}
    day_id = None
    for name, kid in _kids(el):
        if name == "specialDayDate":
            for n2, k2 in _kids(kid):
                if n2 in ("year", "month", "day_of_month"):
                    parts[n2] = _int(k2, f"specialDayDate/{n2}")
        elif name == "dayId":
            day_id = _int(kid, "SpecialDayProfile/dayId")
    try:
        day = date(parts["year"], parts["month"], parts["day_of_month"])
    except (KeyError, ValueError):
        col.errors.insert(pos, CannotCompute(
            "special-day-date-incomplete", "SpecialDayProfile date is incomplete.",
            "Das Datum eines SpecialDayProfile ist unvollständig."))
        return None
    matches = sum(1 for dp in profiles if dp.day_id == day_id)
    if matches != 1:
        which = "no DayProfile defines" if matches == 0 else f"{matches} DayProfiles define"
        col.errors.insert(pos, CannotCompute(
            "special-day-unknown-day-profile",
            f"SpecialDayProfile of {day.isoformat()} refers to dayId {day_id}, which {which}.",
            "Sequence contains no matching element" if matches == 0
            else "Sequence contains more than one matching element"))
    return SpecialDay(day, day_id if day_id is not None else -1)


def _unknown_names(up: etree._Element, col: _Collector) -> None:
    stack = [up]
    while stack:
        el = stack.pop()
        for name, kid in _kids(el):
            if name == "VendorConfig":
                continue
            if name not in _KNOWN:
                col.unknown.setdefault(name, None)
            if len(kid):
                stack.append(kid)


def _parse(data: bytes, cls: Callable[..., UsagePointFile]) -> UsagePointFile:
    root = _root(data)
    points = [el for el in root.iter() if _local(el) == "UsagePoint"]
    if not points:
        raise InvalidDocument("Not a valid file: no UsagePoint (not an AR 2418-6 document).",
                              "Keine gültige Datei.")
    up = points[-1]
    generator = next((_text(el) for el in root.iter() if _local(el) == "GeneratorVersion"), None)
    col = _Collector()
    f: dict = dict(usage_point_id=None, tariff_name=None, has_service_category=False,
                   kind=None, customer_id=None, has_customer=False, invoicing_party_id=None,
                   has_invoicing_party=False, has_smgw=False, smgw_id=None)
    cert_ids: list[int] = []
    certs: list[Certificate] = []
    lists: list[ValueList] = []
    profile = None
    for name, kid in _kids(up):
        if name == "ServiceCategory":
            f["has_service_category"] = True
            for n2, k2 in _kids(kid):
                if n2 == "kind":
                    f["kind"] = _int(k2, "kind")
        elif name == "usagePointId":
            f["usage_point_id"] = _text(kid)
        elif name == "tariffName":
            f["tariff_name"] = _text(kid)
        elif name == "Customer":
            f["has_customer"] = True
            f["customer_id"] = _text(next((k for n, k in _kids(kid) if n == "customerId"), None))
        elif name == "InvoicingParty":
            f["has_invoicing_party"] = True
            f["invoicing_party_id"] = _text(
                next((k for n, k in _kids(kid) if n == "invoicingPartyId"), None))
        elif name == "SMGW":
            f["has_smgw"] = True
            for n2, k2 in _kids(kid):
                if n2 == "certId":
                    cert_ids.append(_int(k2, "SMGW/certId"))
                elif n2 == "smgwId":
                    f["smgw_id"] = _text(k2)
        elif name == "Certificate":
            certs.append(_parse_certificate(kid, col))
        elif name == "MeterReading":
            lists.append(_parse_meter_reading(kid, col))
        elif name == "AnalysisProfile":
            profile = _parse_profile(kid, col)
    _unknown_names(up, col)
    if col.errors:
        raise col.errors[0]
    return cls(**f, cert_ids=tuple(cert_ids), certificates=tuple(certs),
               value_lists=tuple(lists), analysis_profile=profile, usage_points=len(points),
               unsupported=tuple(col.unknown), model_issues=col.issue_list(),
               generator_version=generator)


def _parse_certificate(el: etree._Element, col: _Collector) -> Certificate:
    values: dict[str, int | None] = {"certId": None, "certType": None, "parentCertId": None}
    content = None
    for name, kid in _kids(el):
        if name in values:
            values[name] = _int(kid, f"Certificate/{name}")
        elif name == "certContent":
            raw = _text(kid)
            if _valid_hex(raw):
                content = raw
            else:
                col.errors.append(CannotCompute(
                    "invalid-cert-content", "certContent contains no valid value.",
                    'Das Element "certContent" enthält keinen gültigen Wert.'))
    return Certificate(values["certId"], values["certType"], values["parentCertId"], content)


def parse_device(data: bytes) -> DeviceFile:
    """Parse a device file (AR 2418-6 ``UsagePoints`` with ``MeterReading``s) from bytes."""
    return _parse(data, DeviceFile)  # type: ignore[return-value]


def parse_supplier(data: bytes) -> SupplierFile:
    """Parse a supplier file (AR 2418-6 ``UsagePoints`` with an ``AnalysisProfile``)."""
    return _parse(data, SupplierFile)  # type: ignore[return-value]


__all__ = ["Certificate", "DeviceFile", "InvalidDocument", "OriginalValueList", "SupplierFile",
           "UsagePointFile", "XmlReading", "parse_datetime", "parse_device", "parse_supplier",
           ]
