"""The validations of verify.md §D.2, reported as findings (never a refusal)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from trudi_py.i18n import Message, msg
from trudi_py.model.certificate import read_certificate
from trudi_py.verify.ar2418 import Certificate, DeviceFile, SupplierFile, UsagePointFile
from trudi_py.verify.inputs import AnalysisProfile, ValueList, obis_group
from trudi_py.verify.result import Finding
from trudi_py.verify.timeline import US, abs_key, instant, key_date, keys

_KINDS = {0, 1, 2, 4, 5, 6, 7, 8}


def _w(code: str, message: Message) -> Finding:
    return Finding("warning", code, message)


def _hex12(obis: str) -> bool:
    try:
        obis_group(obis, 0)
        int(obis, 16)
    except ValueError:
        return False
    return True


def file_findings(doc: UsagePointFile, role: str) -> list[Finding]:
    """Parser observations and model checks of one file (``role``: device or supplier)."""
    out: list[Finding] = []
    if doc.usage_points > 1:
        out.append(_w("multiple-usage-points",
                      msg("The {role} file has {usage_points} UsagePoints; the last is used.",
                          role=role, usage_points=doc.usage_points)))
    if doc.unsupported:
        names = ", ".join(doc.unsupported)
        out.append(_w("unsupported-element",
                      msg("The {role} file has elements TRuDI does not support (ignored): "
                          "{names}.", role=role, names=names)))
    problems = list(doc.model_issues)
    if not (doc.usage_point_id or "").strip():
        problems.append("usagePointId missing or empty")
    if not (doc.tariff_name or "").strip():
        problems.append("tariffName missing or empty")
    if not doc.has_invoicing_party:
        problems.append("InvoicingParty missing")
    if not doc.has_smgw:
        problems.append("SMGW missing")
    if not doc.has_service_category:
        problems.append("ServiceCategory missing")
    elif doc.kind not in _KINDS:
        problems.append(f"ServiceCategory/kind {doc.kind} is invalid")
    for cert in doc.certificates:
        if cert.cert_type not in (1, 2, 3) or not cert.content_hex:
            problems.append(f"Certificate {cert.cert_id}: type not 1–3 or no content")
    if isinstance(doc, DeviceFile):
        if not doc.has_customer:
            problems.append("Customer missing")
        if not doc.certificates:
            problems.append("no Certificate")
        if not (doc.smgw_id or "").strip():
            problems.append("smgwId missing or empty")
        if not doc.cert_ids:
            problems.append("SMGW has no certId")
    if isinstance(doc, SupplierFile) and doc.analysis_profile is not None:
        problems += _profile_problems(doc.analysis_profile)
    for text in problems:
        out.append(_w("model-check", msg("{role} file: {text}.", role=role, text=text)))
    out += _certificate_findings(doc, role)
    if isinstance(doc, DeviceFile):
        out += block_findings(doc.value_lists)
    return out


def _profile_problems(profile: AnalysisProfile) -> list[str]:
    problems = []
    if not profile.stages:
        problems.append("no TariffStage")
    problems += [f"TariffStage {s.tariff_number}: obisCode {s.obis!r} is not hexadecimal"
                 for s in profile.stages if not _hex12(s.obis)]
    if not profile.has_time_trigger:
        problems.append("no TariffChangeTrigger/TimeTrigger")
    if not profile.day_profiles:
        problems.append("no DayProfile")
    if not profile.special_days:
        problems.append("no SpecialDayProfile")
    if profile.tariff_use_case not in (1, 2, 6, 7):
        problems.append(f"tariffUseCase {profile.tariff_use_case} is not 1, 2, 6 or 7")
    for dp in profile.day_profiles:
        if not dp.slots:
            problems.append(f"DayProfile {dp.day_id} has no DayTimeProfile")
            continue
        starts = sorted(s.seconds for s in dp.slots)
        if starts[0] != 0 or any(b - a != 900 for a, b in zip(starts, starts[1:], strict=False)) \
                or starts[-1] != 86400 - 900:
            problems.append(f"DayProfile {dp.day_id}: the slots are not given for every "
                            f"15-minute period")
    return problems


def _certificate_findings(doc: UsagePointFile, role: str) -> list[Finding]:
    out: list[Finding] = []
    ids = {c.cert_id for c in doc.certificates}
    if doc.cert_ids and (len(doc.cert_ids) != len(doc.certificates)
                         or any(i not in ids for i in doc.cert_ids)):
        out.append(_w("certificates",
                      msg("{role} file: the SMGW certIds do not match the certificates.",
                          role=role)))
    for cert in doc.certificates:
        if cert.content_hex and not _certificate_parses(cert):
            out.append(_w("certificates", msg("{role} file: certificate {cert_id} does not "
                                              "parse.", role=role, cert_id=cert.cert_id)))
    return out


def _certificate_parses(cert: Certificate) -> bool:
    try:
        raw = bytes.fromhex(cert.content_hex or "")
    except ValueError:
        return False
    return read_certificate(raw) is not None


def block_findings(lists: Sequence[ValueList]) -> list[Finding]:
    """Gaps and overlaps between consecutive interval blocks of one MeterReading."""
    out: list[Finding] = []
    for vl in lists:
        blocks = sorted((b for b in vl.blocks if b.start is not None),
                        key=lambda b: abs_key(b.start))  # type: ignore[arg-type]
        for prev, cur in zip(blocks, blocks[1:], strict=False):
            prev_end = abs_key(prev.start) + (prev.duration or 0) * US  # type: ignore[arg-type]
            cur_start = abs_key(cur.start)  # type: ignore[arg-type]
            if cur_start > prev_end:
                out.append(_w("interval-blocks", msg("{meter_reading_id}: gap between two "
                                                     "interval blocks.",
                                                     meter_reading_id=vl.meter_reading_id)))
            elif cur_start < prev_end:
                out.append(_w("interval-blocks", msg("{meter_reading_id}: two overlapping "
                                                     "interval blocks.",
                                                     meter_reading_id=vl.meter_reading_id)))
    return out


def pair_findings(device: DeviceFile, supplier: SupplierFile) -> list[Finding]:
    """Context checks between the two files and of the calendar."""
    out: list[Finding] = []
    pairs = [("usagePointId", device.usage_point_id, supplier.usage_point_id),
             ("invoicingPartyId", device.invoicing_party_id, supplier.invoicing_party_id),
             ("ServiceCategory/kind", device.kind, supplier.kind),
             ("smgwId", (device.smgw_id or "").lower(), (supplier.smgw_id or "").lower()),
             ("tariffName", device.tariff_name, supplier.tariff_name)]
    for name, a, b in pairs:
        if a != b:
            out.append(_w("files-do-not-match",
                          msg("Device and supplier file differ in {name} ({a!r} / {b!r}).",
                              name=name, a=a, b=b)))
    profile = supplier.analysis_profile
    if profile is not None:
        out += calendar_findings(profile)
    return out


def calendar_findings(profile: AnalysisProfile) -> list[Finding]:
    """Billing period length and calendar consistency (§D.2 ``billing-period-short``,
    ``calendar``)."""
    out: list[Finding] = []
    stages = [s for s in profile.stages if not (_hex12(s.obis) and obis_group(s.obis, 4) == 63)]
    if len(stages) > 20:
        out.append(_w("calendar", msg("{n_stages} tariff stages; at most 20 are allowed.",
                                      n_stages=len(stages))))
    numbers = {s.tariff_number for s in profile.stages}
    for dp in profile.day_profiles:
        unknown = sorted({s.tariff_number for s in dp.slots} - numbers)
        if unknown:
            out.append(_w("calendar", msg("DayProfile {day_id} uses tariffs {unknown} that are "
                                          "no tariff stage.", day_id=dp.day_id, unknown=unknown)))
    if profile.billing_start is None:
        return out
    start_abs, start_wall = keys(profile.billing_start)
    end_wall = keys(_end(profile, profile.billing_start))[1]
    if end_wall - start_wall < 86400 * US:
        out.append(_w("billing-period-short",
                      msg("The billing period is shorter than one full day.")))
    first, last = key_date(start_wall), key_date(end_wall)
    if end_wall % (86400 * US) == 0 and last > first:
        last -= timedelta(days=1)
    covered = {sd.day for sd in profile.special_days}
    period_days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    if not any(d in covered for d in period_days):
        out.append(_w("calendar", msg("No SpecialDayProfile lies within the billing period.")))
    else:
        missing = [d for d in period_days if d not in covered]
        if missing:
            out.append(_w("calendar", msg("{n_missing} day(s) of the billing period have no "
                                          "SpecialDayProfile (first: {first}).",
                                          n_missing=len(missing),
                                          first=missing[0].isoformat())))
    return out


def _end(profile: AnalysisProfile, start: datetime) -> datetime:
    return instant(abs_key(start) + (profile.billing_duration or 0) * US)
