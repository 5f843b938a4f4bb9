"""Safe reading of AR 2418-6 device and supplier files from bytes (verify.md §A).

Elements are matched by local name, as TRuDI does. The parser never resolves entities, never
loads a DTD and never touches the network. Parser rules of §A.8 raise
:class:`~trudi_py.errors.CannotCompute`; a document that is not XML or has no ``UsagePoint``
raises :class:`InvalidDocument` (exit 2).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from trudi_py.errors import CannotCompute
from trudi_py.i18n import msg
from trudi_py.model.status import StatusWord
from trudi_py.verify.ar2418_profile import parse_profile
from trudi_py.verify.inputs import AnalysisProfile, IntervalBlock, IntervalReading, ValueList
from trudi_py.verify.xmlread import (
    Collector,
    InvalidDocument,
    int_of,
    kids,
    local_name,
    parse_datetime,
    safe_root,
    text_of,
    valid_hex,
)

#: Kept name for the type the brief asks for.
OriginalValueList = ValueList

_KNOWN = frozenset([
    "UsagePoints", "UsagePoint", "GeneratorVersion", "usagePointId", "tariffName", "Customer",
    "customerId", "InvoicingParty", "invoicingPartyId", "ServiceCategory", "kind", "SMGW",
    "certId", "smgwId", "Certificate", "certType", "parentCertId", "certContent", "LogEntry",
    "recordNumber", "LogEvent", "level", "text", "outcome", "timestamp", "MeterReading", "Meter",
    "meterId", "meterReadingId", "ReadingType", "powerOfTenMultiplier", "uom", "scaler",
    "obisCode", "qualifiedLogicalName", "measurementPeriod", "IntervalBlock", "interval",
    "duration", "start", "IntervalReading", "value", "timePeriod", "targetTime", "signature",
    "meterSig", "statusFNN", "statusPTB", "AnalysisProfile", "tariffUseCase", "tariffId",
    "defaultTariffNumber", "billingPeriod", "TariffStage", "tariffNumber", "description",
    "TariffChangeTrigger", "TimeTrigger", "DayProfile", "dayId", "DayTimeProfile", "startTime",
    "hour", "minute", "second", "hundreds", "SpecialDayProfile", "specialDayDate", "year", "month",
    "day_of_month", "day_of_week", "FirmwareComponent", "name", "version", "checksum",
    "FirmwareVersion", "VendorConfig", "tafProfile", "statusVendor", "measurementTimeMeter",
    "type", "eventId", "vendorId", "eventSubId", "subjectIdentity", "userIdentity",
    "eventKindVendor", "secondsIndex", "evidence"
])

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


def _parse_reading(el: etree._Element, col: Collector) -> IntervalReading:
    value = capture = target = ptb = fnn = sig = None
    has_duration = False
    for name, kid in kids(el):
        if name == "value":
            value = int_of(kid, "value")
        elif name == "timePeriod":
            for n2, k2 in kids(kid):
                if n2 == "start":
                    capture = parse_datetime(text_of(k2) or "", "timePeriod/start")
                elif n2 == "duration":
                    has_duration = True
        elif name == "targetTime":
            target = parse_datetime(text_of(kid) or "", "targetTime")
        elif name == "statusPTB":
            ptb = int_of(kid, "statusPTB")
        elif name == "statusFNN":
            raw = text_of(kid)
            if valid_hex(raw):
                fnn = raw
            else:
                col.errors.append(CannotCompute(
                    "invalid-status-fnn", msg("statusFNN contains an invalid value.")))
        elif name in ("signature", "meterSig"):
            sig = text_of(kid)
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
    return IntervalReading(value, capture, target, ptb, fnn, sig)


def _parse_meter_reading(el: etree._Element, col: Collector) -> ValueList:
    meter_id = mr_id = obis = qln = None
    scaler = power = period = 0
    uom = None
    has_meter = has_type = False
    blocks: list[IntervalBlock] = []
    for name, kid in kids(el):
        if name == "Meter":
            if not has_meter:
                meter_id = text_of(next((k for n, k in kids(kid) if n == "meterId"), None))
            has_meter = True
        elif name == "meterReadingId":
            mr_id = text_of(kid)
        elif name == "ReadingType":
            has_type = True
            for n2, k2 in kids(kid):
                if n2 == "powerOfTenMultiplier":
                    power = int_of(k2, n2)
                elif n2 == "uom":
                    uom = int_of(k2, n2)
                elif n2 == "scaler":
                    scaler = int_of(k2, n2)
                elif n2 == "obisCode":
                    obis = (text_of(k2) or "").strip()
                elif n2 == "qualifiedLogicalName":
                    qln = text_of(k2)
                elif n2 == "measurementPeriod":
                    period = int_of(k2, n2)
            if power not in (-6, -3, 0, 1, 2, 3, 6, 9):
                col.issue("ReadingType with an invalid powerOfTenMultiplier")
            if uom is None:
                col.issue("ReadingType without uom")
            if not obis or not valid_hex(obis):
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


def _parse_block(el: etree._Element, col: Collector) -> IntervalBlock:
    start = duration = None
    readings: list[IntervalReading] = []
    for name, kid in kids(el):
        if name == "interval":
            for n2, k2 in kids(kid):
                if n2 == "start":
                    start = parse_datetime(text_of(k2) or "", "interval/start")
                elif n2 == "duration":
                    duration = int_of(k2, "interval/duration")
        elif name == "IntervalReading":
            readings.append(_parse_reading(kid, col))
    if start is None or duration is None:
        col.issue("IntervalBlock without interval/duration or interval/start")
    if not readings:
        col.issue("IntervalBlock without IntervalReading")
    return IntervalBlock(start, duration, tuple(readings))


def _unknown_names(up: etree._Element, col: Collector) -> None:
    stack = [up]
    while stack:
        el = stack.pop()
        for name, kid in kids(el):
            if name == "VendorConfig":
                continue
            if name not in _KNOWN:
                col.unknown.setdefault(name, None)
            if len(kid):
                stack.append(kid)


def _parse(data: bytes, cls: Callable[..., UsagePointFile]) -> UsagePointFile:
    root = safe_root(data)
    points = [el for el in root.iter() if local_name(el) == "UsagePoint"]
    if not points:
        raise InvalidDocument(msg("Not a valid file: no UsagePoint (not an AR 2418-6 document)."))
    up = points[-1]
    generator = next((text_of(el) for el in root.iter()
                      if local_name(el) == "GeneratorVersion"), None)
    col = Collector()
    f: dict = dict(usage_point_id=None, tariff_name=None, has_service_category=False,
                   kind=None, customer_id=None, has_customer=False, invoicing_party_id=None,
                   has_invoicing_party=False, has_smgw=False, smgw_id=None)
    cert_ids: list[int] = []
    certs: list[Certificate] = []
    lists: list[ValueList] = []
    profile = None
    for name, kid in kids(up):
        if name == "ServiceCategory":
            f["has_service_category"] = True
            for n2, k2 in kids(kid):
                if n2 == "kind":
                    f["kind"] = int_of(k2, "kind")
        elif name == "usagePointId":
            f["usage_point_id"] = text_of(kid)
        elif name == "tariffName":
            f["tariff_name"] = text_of(kid)
        elif name == "Customer":
            f["has_customer"] = True
            f["customer_id"] = text_of(next((k for n, k in kids(kid) if n == "customerId"), None))
        elif name == "InvoicingParty":
            f["has_invoicing_party"] = True
            f["invoicing_party_id"] = text_of(
                next((k for n, k in kids(kid) if n == "invoicingPartyId"), None))
        elif name == "SMGW":
            f["has_smgw"] = True
            for n2, k2 in kids(kid):
                if n2 == "certId":
                    cert_ids.append(int_of(k2, "SMGW/certId"))
                elif n2 == "smgwId":
                    f["smgw_id"] = text_of(k2)
        elif name == "Certificate":
            certs.append(_parse_certificate(kid, col))
        elif name == "MeterReading":
            lists.append(_parse_meter_reading(kid, col))
        elif name == "AnalysisProfile":
            profile = parse_profile(kid, col)
    _unknown_names(up, col)
    if col.errors:
        raise col.errors[0]
    return cls(**f, cert_ids=tuple(cert_ids), certificates=tuple(certs),
               value_lists=tuple(lists), analysis_profile=profile, usage_points=len(points),
               unsupported=tuple(col.unknown), model_issues=col.issue_list(),
               generator_version=generator)


def _parse_certificate(el: etree._Element, col: Collector) -> Certificate:
    values: dict[str, int | None] = {"certId": None, "certType": None, "parentCertId": None}
    content = None
    for name, kid in kids(el):
        if name in values:
            values[name] = int_of(kid, f"Certificate/{name}")
        elif name == "certContent":
            raw = text_of(kid)
            if valid_hex(raw):
                content = raw
            else:
                col.errors.append(CannotCompute(
                    "invalid-cert-content", msg("certContent contains no valid value.")))
    return Certificate(values["certId"], values["certType"], values["parentCertId"], content)


def parse_device(data: bytes) -> DeviceFile:
    """Parse a device file (AR 2418-6 ``UsagePoints`` with ``MeterReading``s) from bytes."""
    return _parse(data, DeviceFile)  # type: ignore[return-value]


def parse_supplier(data: bytes) -> SupplierFile:
    """Parse a supplier file (AR 2418-6 ``UsagePoints`` with an ``AnalysisProfile``)."""
    return _parse(data, SupplierFile)  # type: ignore[return-value]


__all__ = ["Certificate", "DeviceFile", "InvalidDocument", "OriginalValueList", "SupplierFile",
           "UsagePointFile", "parse_datetime", "parse_device", "parse_supplier",
           ]
