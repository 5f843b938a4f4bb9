"""Export of a usage point's readings as an AR 2418-6 device document (TRuDI can load it).

``write_device_xml(point, channels, gateway=…, info=…)`` writes one ``UsagePoints`` document
with one ``UsagePoint``: service category, ids, the gateway's certificates (WAN sig and
sub-CA, HAN TLS), the TAF profile container (``VendorConfig/tafProfile``, ignored by TRuDI)
and one ``MeterReading`` per channel, each an original value list in one ``IntervalBlock``.
Readings keep capture time (``timePeriod/start``), target time, the gateway's signature and
``statusFNN`` exactly as delivered; ``statusPTB`` is added as mapped from it (verify.md §B.2)
so that tools reading only statusPTB see the same usability. Element order follows
AR_2418-6.xsd; :func:`trudi_py.verify.parse_device` reads the result back.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from lxml import etree

from trudi_py import __version__
from trudi_py.model import ChannelReadings, GatewayInfo, UsagePoint, UsagePointInfo
from trudi_py.model.certificate import read_certificate
from trudi_py.model.readings import Reading
from trudi_py.model.status import ptb_status
from trudi_py.model.times import BERLIN
from trudi_py.model.units import DLMS_TO_ESPI
from trudi_py.verify.timeline import MEASURING_PERIODS

AR_NS = "http://vde.de/AR_2418-6.xsd"
ESPI_NS = "http://naesb.org/espi"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
_SERVICE_KIND = {"electricity": 0, "gas": 1, "water": 2, "heat": 5}


def _el(parent: etree._Element, tag: str, text: object | None = None,
        ns: str = AR_NS) -> etree._Element:
    el = etree.SubElement(parent, f"{{{ns}}}{tag}")
    if text is not None:
        el.text = str(text)
    return el


def xml_time(moment: datetime) -> str:
    """An instant as Europe/Berlin time with offset (``2026-03-01T00:15:00+01:00``)."""
    return moment.astimezone(BERLIN).isoformat()


def _pem_to_der(pem: str) -> bytes | None:
    facts = read_certificate(pem)  # also the field's NULL-parameter HAN certificate
    return facts.der if facts is not None else None


def _certificates(gateway: GatewayInfo | None) -> list[tuple[int, int, int | None, bytes]]:
    """(certId, certType, parentCertId, DER): per WAN entry its sub-CA (2) and sig (1),
    then the HAN TLS certificate (3)."""
    if gateway is None:
        return []
    out: list[tuple[int, int, int | None, bytes]] = []
    for entry in gateway.wan:
        sub_id = len(out) + 1
        if entry.sub_ca_der:
            out.append((sub_id, 2, None, entry.sub_ca_der))
        if entry.sig_der:
            out.append((len(out) + 1, 1, sub_id if entry.sub_ca_der else None, entry.sig_der))
    han = _pem_to_der(gateway.han_tls_pem) if gateway.han_tls_pem else None
    if han is not None:
        out.append((len(out) + 1, 3, None, han))
    return out


def _period(readings: Sequence[Reading]) -> int | None:
    """The most frequent spacing of target times in seconds, if it is a TRuDI period."""
    steps = Counter(int((b.target_time - a.target_time).total_seconds())
                    for a, b in zip(readings, readings[1:], strict=False))
    if not steps:
        return None
    step = steps.most_common(1)[0][0]
    return step if step in MEASURING_PERIODS else None


def _status(r: Reading) -> str | None:
    if r.cosem_status:
        return r.cosem_status
    if r.smgw_status and r.meter_status:
        return r.smgw_status.rjust(8, "0") + r.meter_status.rjust(8, "0")
    return None


def _meter_reading(up: etree._Element, ch: ChannelReadings, point: UsagePoint,
                   info: UsagePointInfo | None, database: str,
                   span: tuple[datetime | None, datetime | None]) -> None:
    meter = ch.meter_id or (point.meters[0] if point.meters else "") or "meter"
    meta = info.channel(database, ch.obis) if info is not None else None
    lo, hi = span
    readings = sorted((r for r in ch.readings if (lo is None or r.target_time >= lo)
                       and (hi is None or r.target_time <= hi)), key=lambda r: r.target_time)
    mr = _el(up, "MeterReading")
    _el(_el(mr, "Meter"), "meterId", meter)
    _el(mr, "meterReadingId", f"{ch.obis}.{meter}.{point.name or point.usage_point_id}")
    rt = _el(mr, "ReadingType")
    _el(rt, "powerOfTenMultiplier", 0, ESPI_NS)
    _el(rt, "uom", DLMS_TO_ESPI.get(meta.unit, 0) if meta else 72, ESPI_NS)
    _el(rt, "scaler", meta.scaler if meta else 0)
    _el(rt, "obisCode", ch.obis)
    _el(rt, "qualifiedLogicalName", f"{ch.obis}.{meter}.sm")
    period = _period(readings)
    if period:
        _el(rt, "measurementPeriod", period)
    if not readings:
        return
    block = _el(mr, "IntervalBlock")
    interval = _el(block, "interval")
    length = readings[-1].target_time - readings[0].target_time
    _el(interval, "duration", int(length.total_seconds()))
    _el(interval, "start", xml_time(readings[0].target_time))
    for r in readings:
        ir = _el(block, "IntervalReading")
        _el(ir, "value", r.value, ESPI_NS)
        tp = _el(ir, "timePeriod")
        _el(tp, "duration", 0)
        _el(tp, "start", xml_time(r.capture_time or r.target_time))
        _el(ir, "targetTime", xml_time(r.target_time))
        if r.signature:
            _el(ir, "signature", r.signature)
        status = _status(r)
        if status:
            _el(ir, "statusFNN", status.upper())
            _el(ir, "statusPTB", ptb_status(status))


def write_device_xml(point: UsagePoint, channels: Sequence[ChannelReadings], *,
                     gateway: GatewayInfo | None = None, info: UsagePointInfo | None = None,
                     database: str = "origin", customer_id: str | None = None,
                     service: str = "electricity", start: datetime | None = None,
                     end: datetime | None = None) -> bytes:
    """The AR 2418-6 device document (UTF-8 bytes with declaration) of one usage point.

    ``channels``: the readings of ``database`` (normally ``origin``); scaler and unit come
    from ``info`` (``usage-point-info``). Ids are chosen so that TRuDI pairs the file with
    the TAF profile: usagePointId, tariffName (the usage point name), invoicingPartyId (the
    delivery id) and smgwId (upper case) as the gateway's profile states them. ``start`` and
    ``end`` (inclusive, target time) restrict the readings written.
    """
    root = etree.Element(f"{{{AR_NS}}}UsagePoints",
                         nsmap={None: AR_NS, "espi": ESPI_NS, "xsi": XSI_NS})
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{AR_NS} AR_2418-6.xsd")
    _el(root, "GeneratorVersion", f"trudi_py {__version__}")
    up = _el(root, "UsagePoint")
    _el(_el(up, "ServiceCategory", ns=ESPI_NS), "kind", _SERVICE_KIND.get(service, 0), ESPI_NS)
    _el(up, "usagePointId", point.usage_point_id)
    _el(_el(up, "Customer"), "customerId",
        customer_id or point.metering_point_id or point.usage_point_id)
    _el(_el(up, "InvoicingParty"), "invoicingPartyId", point.delivery_id or "unknown")
    certs = _certificates(gateway)
    smgw = _el(up, "SMGW")
    for cert_id, *_ in certs:
        _el(smgw, "certId", cert_id)
    _el(smgw, "smgwId", gateway.display_id if gateway else "unknown")
    if gateway is not None:
        _el(smgw, "FirmwareVersion", gateway.firmware.version)
        fc = _el(smgw, "FirmwareComponent")
        _el(fc, "name", gateway.firmware.component or "Firmware")
        _el(fc, "version", gateway.firmware.version)
        if gateway.firmware.hash:
            _el(fc, "checksum", gateway.firmware.hash)
    if info is not None and info.taf_profile:
        _el(_el(up, "VendorConfig"), "tafProfile", info.taf_profile.hex().upper())
    for cert_id, cert_type, parent, der in certs:
        c = _el(up, "Certificate")
        _el(c, "certId", cert_id)
        _el(c, "certType", cert_type)
        if parent is not None:
            _el(c, "parentCertId", parent)
        _el(c, "certContent", der.hex().upper())
    _el(up, "tariffName", point.name or point.usage_point_id)
    for ch in sorted(channels, key=lambda c: c.obis):
        _meter_reading(up, ch, point, info, database, (start, end))
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
