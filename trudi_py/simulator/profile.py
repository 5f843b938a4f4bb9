"""The TAF profile of a usage point: an AR 2418-6 document inside CMS signed-data.

The XML has the shape of TRuDI's supplier files (``UsagePoints/UsagePoint`` with an
``AnalysisProfile``): tariff stages, one or more day profiles of 96 quarter-hour slots, and a
``SpecialDayProfile`` per calendar date of the contract that names the day profile in force.
The container is signed with the seal key (WAN cert-index 0), the signer certificate included.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs7
from lxml import etree

from trudi_py.model.times import BERLIN

AR_NS = "http://vde.de/AR_2418-6.xsd"
ESPI_NS = "http://naesb.org/espi"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
ATOM_NS = "http://www.w3.org/2005/Atom"
SLOTS_PER_DAY = 96


@dataclass(frozen=True)
class TariffStage:
    """One tariff stage: its number, a short name (NT/HT) and its register OBIS."""

    number: int
    description: str
    obis: str  # 12 hex digits, e.g. "0100010801ff"


@dataclass(frozen=True)
class DayProfile:
    """A day profile: ``slots[k]`` is the tariff number from k·15 min wall time on."""

    day_id: int
    slots: tuple[int, ...]

    def __post_init__(self) -> None:
        if len(self.slots) != SLOTS_PER_DAY:
            raise ValueError(f"day profile {self.day_id} has {len(self.slots)} slots, not 96")


def _sub(parent: etree._Element, tag: str, text: object | None = None,
         ns: str = AR_NS) -> etree._Element:
    el = etree.SubElement(parent, f"{{{ns}}}{tag}")
    if text is not None:
        el.text = str(text)
    return el


def format_offset_time(instant: datetime) -> str:
    """An instant as Europe/Berlin wall time with offset, e.g. ``2025-06-01T00:00:00+02:00``."""
    return instant.astimezone(BERLIN).isoformat(timespec="seconds")


def build_profile_xml(*, usage_point_id: str, smgw_id: str, tariff_name: str,
                      invoicing_party: str, customer_id: str, tariff_use_case: int,
                      tariff_id: str, billing_start: datetime, billing_duration_s: int,
                      stages: Sequence[TariffStage], default_tariff: int,
                      day_profiles: Sequence[DayProfile],
                      special_days: Sequence[tuple[date, int]],
                      service_kind: int = 0) -> bytes:
    """The AR 2418-6 ``UsagePoints`` document of a TAF profile (UTF-8 bytes with declaration).

    ``billing_start`` is an aware instant (written with its Europe/Berlin offset);
    ``special_days`` maps each calendar date to a day profile id, in date order.
    """
    known = {p.day_id for p in day_profiles}
    for day, day_id in special_days:
        if day_id not in known:
            raise ValueError(f"special day {day} names unknown day profile {day_id}")
    root = etree.Element(f"{{{AR_NS}}}UsagePoints",
                         nsmap={None: AR_NS, "xsi": XSI_NS, "espi": ESPI_NS, "atom": ATOM_NS})
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{AR_NS} AR_2418-6.xsd")
    up = _sub(root, "UsagePoint")
    _sub(_sub(up, "ServiceCategory", ns=ESPI_NS), "kind", service_kind, ns=ESPI_NS)
    _sub(up, "usagePointId", usage_point_id)
    _sub(_sub(up, "Customer"), "customerId", customer_id)
    _sub(_sub(up, "InvoicingParty"), "invoicingPartyId", invoicing_party)
    _sub(_sub(up, "SMGW"), "smgwId", smgw_id.upper())
    _sub(up, "tariffName", tariff_name)
    ap = _sub(up, "AnalysisProfile")
    _sub(ap, "tariffUseCase", tariff_use_case)
    _sub(ap, "tariffId", tariff_id)
    bp = _sub(ap, "billingPeriod")
    _sub(bp, "duration", billing_duration_s)
    _sub(bp, "start", format_offset_time(billing_start))
    for stage in stages:
        ts = _sub(ap, "TariffStage")
        _sub(ts, "tariffNumber", stage.number)
        _sub(ts, "description", stage.description)
        _sub(ts, "obisCode", stage.obis.lower())
    _sub(ap, "defaultTariffNumber", default_tariff)
    trigger = _sub(_sub(ap, "TariffChangeTrigger"), "TimeTrigger")
    for profile in day_profiles:
        dp = _sub(trigger, "DayProfile")
        _sub(dp, "dayId", profile.day_id)
        for k, tariff in enumerate(profile.slots):
            dtp = _sub(dp, "DayTimeProfile")
            start = _sub(dtp, "startTime")
            _sub(start, "hour", k // 4)
            _sub(start, "minute", (k % 4) * 15)
            _sub(dtp, "tariffNumber", tariff)
    for day, day_id in special_days:
        sdp = _sub(trigger, "SpecialDayProfile")
        sd = _sub(sdp, "specialDayDate")
        _sub(sd, "year", day.year)
        _sub(sd, "month", day.month)
        _sub(sd, "day_of_month", day.day)
        _sub(sdp, "dayId", day_id)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def sign_profile(xml: bytes, cert: x509.Certificate, key: ec.EllipticCurvePrivateKey) -> bytes:
    """CMS signed-data (DER) with ``xml`` as included content, signed by ``key``.

    The signer certificate is included; signed attributes (content type, signing time,
    message digest) are the library's defaults; the content is signed byte-exact.
    """
    return (pkcs7.PKCS7SignatureBuilder()
            .set_data(xml)
            .add_signer(cert, key, hashes.SHA256())
            .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.Binary]))
