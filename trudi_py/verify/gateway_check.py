"""Checking a gateway's tariff registers against a recomputation (verify.md §F.1, §F.2).

Pure functions over model objects (no I/O). For one TAF-1 or TAF-2 usage point every billing
period of ``user-info`` is recomputed from the ``origin`` database (one original value list
per channel) with the CMS-unpacked TAF profile as the supplier side and that period as the
billing period, then compared with the gateway's amounts from ``derived`` (TAF-1) or
``calculated`` (TAF-2): value at the period's end − value at its start, raw integers,
tolerance 0.

Interpretation (documented in the report): the profile's ``SpecialDayProfile`` list covers
the whole contract, so for TAF-1 the special-day rule of §D.1 (check 10) counts only the
special days whose date lies inside the period being checked (wall dates start ≤ d < end).
TAF-2 uses the profile's calendar as it is (its walk only uses the days of the period).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from trudi_py.errors import CannotCompute
from trudi_py.i18n import Message, msg
from trudi_py.model import ChannelReadings, GatewayInfo, UsagePoint, UsagePointInfo
from trudi_py.model.readings import Reading
from trudi_py.model.series import ChannelSeries
from trudi_py.model.units import DLMS_TO_ESPI
from trudi_py.verify.ar2418 import InvalidDocument, parse_supplier
from trudi_py.verify.checks import calendar_findings
from trudi_py.verify.cms import certificate_signed_by, verify_signed_profile
from trudi_py.verify.explain import describe_period, mismatch_finding, period_label
from trudi_py.verify.gateway_result import (  # noqa: F401 (re-exported)
    CertificateCheck,
    PeriodCheck,
    ProfileCheck,
    RegisterComparison,
    SignatureCount,
    UsagePointCheck,
    utc_text,
)
from trudi_py.verify.inputs import AnalysisProfile, IntervalReading, ValueList
from trudi_py.verify.origin import OriginList, origin_lists, status_word
from trudi_py.verify.result import Finding, RegisterResult, dlms_unit, format_obis
from trudi_py.verify.taf2 import valid_day_ids
from trudi_py.verify.timeline import key_date, keys, lookup_keys, prepare
from trudi_py.verify.transparency import compute_transparency

#: Channels of a database: records from a live answer, or compact series from an archive.
Registers = Sequence[ChannelReadings | ChannelSeries]
#: Database holding the gateway's tariff registers per TAF (§F.1).
REGISTER_DATABASE = {"1": "derived", "2": "calculated"}
#: Meter readings of one billing period (all channels, with the 2-day margins) that become
#: objects at most: a year of 15-minute values of eight channels (~300 000, ~120 MiB).
MAX_PERIOD_READINGS = 300_000

PERIOD_STATUSES = ("match", "mismatch", "open", "incomplete", "not-computable")
#: Finding code: no TAF profile and the transparency bit false (not checkable, no failure).
NOT_OFFERED = "profile-not-offered"


# --- signatures and certificates -------------------------------------------------------------

def check_certificates(gateway: GatewayInfo) -> list[CertificateCheck]:
    """Each WAN ``sig`` certificate against its ``sub-ca`` (signature of the issuer's key)."""
    return [CertificateCheck(w.cert_index, certificate_signed_by(w.sig_der, w.sub_ca_der))
            for w in gateway.wan]


def count_signatures(channels: Registers) -> SignatureCount:
    """How many readings carry a signature and how many have ``null``."""
    present = total = 0
    for ch in channels:
        if isinstance(ch, ChannelSeries):
            present, total = present + ch.signed, total + len(ch)
        else:
            present += sum(1 for r in ch.readings if r.signature)
            total += len(ch.readings)
    return SignatureCount(present, total - present, 0)


def check_profile(container: bytes | None, gateway: GatewayInfo,
                  transparency_bit: bool = True) -> ProfileCheck:
    """The TAF profile's CMS signature against the WAN certificate with cert-index 0, and the
    AR 2418-6 ``AnalysisProfile`` inside (a profile that does not parse is reported, never
    guessed at). No profile with the transparency bit false is "not checkable" (the gateway
    offers none for this contract, IF_GW_CON.md field evidence), not a failure."""
    if not container:
        if not transparency_bit:
            return ProfileCheck(False, "absent", None, None, (Finding(
                "info", NOT_OFFERED,
                msg("The contract's tariff profile is not checkable: the gateway offers no "
                    "tariff profile for this contract (transparency bit not set).")),))
        return ProfileCheck(False, "absent", None, None, (Finding(
            "error", "profile-absent", msg("The gateway supplied no TAF profile for this "
                                           "contract although its transparency bit is set.")),))
    seal = next((w for w in gateway.wan if w.cert_index == "0"), None)
    checked = verify_signed_profile(container, seal.sig_der if seal else b"")
    findings: list[Finding] = []
    if checked.status != "valid":
        reason: Message | str = checked.reason or checked.status
        if seal is None:
            reason = msg("the gateway lists no WAN certificate with cert-index 0")
        findings.append(Finding(
            "error", f"profile-signature-{checked.status}",
            msg("The TAF profile's signature is {status}: {reason}.",
                status=_SIG_WORD.get(checked.status) or checked.status, reason=reason)))
    profile = None
    if checked.content is not None:
        try:
            profile = parse_supplier(checked.content).analysis_profile
        except (InvalidDocument, CannotCompute, ValueError):
            profile = None
        if profile is None:
            findings.append(Finding(
                "error", "profile-format",
                msg("Profile format not recognised: the TAF profile is no AR 2418-6 document "
                    "with an AnalysisProfile (kept as received).")))
    return ProfileCheck(True, checked.status, "0", profile, tuple(findings))


_SIG_WORD = {"valid": msg("valid"), "invalid": msg("invalid"), "unreadable": msg("unreadable")}


# --- value lists from the origin database ------------------------------------------------------

def _status_word(r: Reading) -> str | None:
    return status_word(r.cosem_status, r.smgw_status, r.meter_status)


def origin_value_lists(point: UsagePoint, info: UsagePointInfo,
                       channels: Sequence[ChannelReadings]) -> list[ValueList]:
    """One original value list per ``origin`` channel (capture/target times as delivered,
    statuses from ``cosem-status`` via §B.2, scaler and unit from ``usage-point-info``)."""
    out = []
    for ch in channels:
        meta = info.channel("origin", ch.obis)
        meter = ch.meter_id or (point.meters[0] if point.meters else "") or "meter"
        readings = [IntervalReading(r.raw, r.capture_time or r.target_time, r.target_time,
                            None, _status_word(r), r.signature)
                    for r in sorted(ch.readings, key=lambda r: r.target_time)]
        out.append(ValueList.original(
            ch.obis, meter, readings, scaler=meta.scaler if meta else 0,
            uom=DLMS_TO_ESPI.get(meta.unit) if meta else None))
    return out


def _slice(value_list: OriginList, start: datetime, end: datetime) -> ValueList:
    """The list restricted to target times within [start − 2 d, end + 2 d] (the computation
    never looks outside the billing period; only this window becomes reading objects)."""
    return value_list.window(start, end)


def _last_target(lists: Sequence[OriginList]) -> datetime | None:
    times = [t for t in (v.last_target for v in lists) if t is not None]
    return max(times) if times else None


# --- one period ----------------------------------------------------------------------------

def period_profile(profile: AnalysisProfile, start: datetime, end: datetime) -> AnalysisProfile:
    """The profile with [start, end) as billing period; for TAF-1 only the special days of that
    period are kept (the contract-wide calendar would break §D.1 check 10)."""
    result = replace(profile, billing_start=start,
                     billing_duration=int((end - start).total_seconds()))
    if profile.tariff_use_case == 1:
        first, last = key_date(keys(start)[1]), key_date(keys(end)[1])
        result = replace(result, special_days=tuple(
            sd for sd in profile.special_days if first <= sd.day < last))
    return result


def gateway_amounts(channels: Registers, start: datetime, end: datetime
                    ) -> dict[str, int | None]:
    """Per register OBIS: value at ``end`` − value at ``start`` (None if a boundary is missing)."""
    out: dict[str, int | None] = {}
    for ch in as_series(channels):
        a, b = ch.value_at(start), ch.value_at(end)
        out[ch.obis] = b - a if a is not None and b is not None else None
    return out


def as_series(channels: Registers) -> list[ChannelSeries]:
    """The channels as compact series (records that are already objects are converted)."""
    return [ch if isinstance(ch, ChannelSeries) else ChannelSeries.from_readings(ch)
            for ch in channels]


def _taf1_so_far(lists: Sequence[ValueList], profile: AnalysisProfile, start: datetime
                 ) -> list[RegisterResult]:
    """TAF-1 registers of an open period: last usable reading − reading at the start."""
    amounts = {s.obis.lower(): 0 for s in profile.stages}
    for value_list in lists:
        ovl = prepare(value_list)
        first = ovl.lookup(keys(start)[1])
        usable = [r for r in ovl.readings() if r.usable and r.value is not None]
        valid = valid_day_ids(profile, value_list.obis_c)
        if first is None or not first.usable or not usable or len(valid) != 1:
            raise CannotCompute("taf1-no-start-reading", msg("No usable reading at the period "
                                                             "start."))
        day = next(dp for dp in profile.day_profiles if dp.day_id == valid[0])
        stage = next((s for s in profile.stages if day.slots
                      and s.tariff_number == day.slots[0].tariff_number), None)
        if stage is not None and first.value is not None:
            amounts[stage.obis.lower()] += (usable[-1].value or 0) - first.value
    tariffs = {s.obis.lower(): s.tariff_number for s in profile.stages}
    meta = lists[0] if lists else None
    scaler = meta.scaler + meta.power_of_ten if meta else None
    unit = dlms_unit(meta.uom) if meta else None
    return [RegisterResult(obis, tariffs[obis], amount, scaler, unit)
            for obis, amount in amounts.items()]


def check_period(lists: Sequence[OriginList], profile: AnalysisProfile,
                 registers: Registers, start: datetime, end: datetime | None,
                 last_reading: datetime | None) -> PeriodCheck:
    """Recompute one billing period and compare it with the gateway (§F.1, §F.3).

    ``last_reading``: the end of the data (meter readings or the gateway's registers); a
    period whose end lies inside the data is closed, never "open"."""
    closed = end is not None and last_reading is not None and end <= last_reading
    stop = end if end is not None else (last_reading or start)
    label = period_label(start, end)
    findings: list[Finding] = []
    computed: list[RegisterResult] = []
    refused: CannotCompute | None = None
    size = sum(v.window_size(start, stop) for v in lists)
    if size > MAX_PERIOD_READINGS:  # a crafted period of many years: memory stays bounded
        sliced: list[ValueList] = []
        refused = CannotCompute("period-too-long", msg(
            "the period holds {count} meter readings, more than {limit} (a year of 15-minute "
            "values of several channels); not recomputed.", count=size,
            limit=MAX_PERIOD_READINGS))
    else:
        sliced = [_slice(v, start, stop) for v in lists]
    try:
        if refused is None and (closed or profile.tariff_use_case == 2):
            billing = period_profile(profile, start, end or stop)
            if closed:
                findings += [_in_period(f, label) for f in calendar_findings(billing)]
            result = compute_transparency(sliced, billing)
            computed = list(result.registers)
            findings += [_in_period(f, label) for f in result.findings if f.severity != "info"
                         and (closed or f.code != "period-not-covered")]
        elif refused is None and last_reading is not None and last_reading > start:
            computed = _taf1_so_far(sliced, profile, start)
    except CannotCompute as exc:
        refused = exc
    if not closed:
        findings.insert(0, Finding(
            "info", "period-open", msg("{label}: the period is still open; the registers are "
                                       "the consumption so far.", label=label)))
    findings += describe_period(sliced, profile, start, stop, label)
    if refused is not None:
        if closed:
            findings.insert(0, Finding(
                "error", refused.rule, msg("{label}: not computable — {message}",
                                           label=label, message=refused)))
            assert end is not None  # closed implies an end
            return PeriodCheck(start, end, "not-computable",
                               _compare([], registers, start, end), tuple(findings))
        findings.append(Finding(
            "info", refused.rule, msg("{label}: no registers so far — {message}",
                                      label=label, message=refused)))
        return PeriodCheck(start, end, "open", (), tuple(findings))
    if not closed:
        return PeriodCheck(start, end, "open", tuple(
            RegisterComparison(r.obis, r.tariff, r.amount, None, r.scaler, r.unit)
            for r in computed), tuple(findings))
    assert end is not None
    rows = _compare(computed, registers, start, end)
    wrong = [mismatch_finding(row, label) for row in rows
             if row.computed is not None and row.gateway is not None and row.difference != 0]
    status = "mismatch" if wrong else "match"
    findings[:0] = wrong
    if status == "match" and any(r.gateway is None or r.computed is None for r in rows):
        status = "incomplete"
        for row in rows:
            if row.gateway is None:
                findings.insert(0, Finding(
                    "warning", "gateway-value-missing",
                    msg("{label}, {register}: the gateway has no register value at the "
                        "period start or end; the period cannot be compared.",
                        label=label, register=format_obis(row.obis))))
            elif row.computed is None:
                findings.insert(0, Finding(
                    "warning", "register-not-in-profile",
                    msg("{label}, {register}: the gateway keeps a register the profile does "
                        "not define.", label=label, register=format_obis(row.obis))))
    return PeriodCheck(start, end, status, tuple(rows), tuple(findings))


def _in_period(finding: Finding, label: Message) -> Finding:
    return replace(finding, msg=msg("{label}: {finding}", label=label, finding=finding.msg))


def _compare(computed: Sequence[RegisterResult], registers: Registers,
             start: datetime, end: datetime) -> tuple[RegisterComparison, ...]:
    gateway = gateway_amounts(registers, start, end)
    rows = [RegisterComparison(r.obis, r.tariff, r.amount, gateway.get(r.obis), r.scaler, r.unit)
            for r in computed]
    known = {r.obis for r in computed}
    for obis, amount in gateway.items():
        if obis not in known:
            tariff = 63 if obis[8:10] == "3f" else int(obis[8:10], 16)
            rows.append(RegisterComparison(obis, tariff, None, amount))
    return tuple(rows)


# --- one usage point -----------------------------------------------------------------------

def check_usage_point(point: UsagePoint, info: UsagePointInfo, gateway: GatewayInfo,
                      origin: Sequence[ChannelReadings | ChannelSeries],
                      registers: Registers,
                      readings_source: str | None = None,
                      origin_info: UsagePointInfo | None = None) -> UsagePointCheck:
    """Every billing period of a TAF-1/TAF-2 usage point (``registers``: the ``derived`` or
    ``calculated`` channels). ``origin`` are the meter readings to recompute from: this usage
    point's own, or (``readings_source`` names it, ``origin_info`` describes its channels)
    those of another usage point of the same meter."""
    profile_check = check_profile(info.taf_profile, gateway, info.transparency_bit)
    source = readings_source or (point.usage_point_id if origin else None)
    lists = origin_lists(point, origin_info or info, origin)
    last = _data_end(lists, registers)
    profile = profile_check.profile
    periods = []
    for bp in point.billing_periods:
        if profile is None and point.taf == "1" and not profile_check.present \
                and lists and registers:
            periods.append(check_taf1_period(lists, registers, bp.start, bp.end, last))
            continue
        if profile is None or profile.tariff_use_case not in (1, 2):
            closed = bp.end is not None and last is not None and bp.end <= last
            status = "not-computable" if closed else "open"
            if not profile_check.present and not lists:
                reason = Finding("info", "not-checkable",
                                 msg("Not checkable: neither a TAF profile nor meter readings "
                                     "of this meter are available."))
            else:
                reason = Finding("error" if profile_check.present else "info",
                                 "no-usable-profile",
                                 msg("No usable TAF profile: the period cannot be recomputed."))
            rows = _compare([], registers, bp.start, bp.end) if closed and bp.end else ()
            periods.append(PeriodCheck(bp.start, bp.end, status, rows, (reason,)))
            continue
        periods.append(check_period(lists, profile, registers, bp.start, bp.end, last))
    findings = list(profile_check.findings)
    if source is not None and source != point.usage_point_id:
        findings.append(Finding(
            "info", "readings-source",
            msg("Recomputed from the meter readings (origin) of usage point {source} — the same "
                "meter; this contract keeps no meter readings of its own.", source=source)))
    if profile is not None and profile.tariff_use_case is not None \
            and str(profile.tariff_use_case) != point.taf:
        findings.append(Finding(
            "warning", "profile-taf-differs",
            msg("The profile's tariffUseCase {tariff_use_case} differs from the contract's TAF "
                "{taf}.", tariff_use_case=profile.tariff_use_case, taf=point.taf)))
    return UsagePointCheck(point.usage_point_id, point.name, point.taf, profile_check,
                           tuple(periods), tuple(findings), source)


def _data_end(lists: Sequence[OriginList], registers: Registers
              ) -> datetime | None:
    """The last target time of the meter readings or of the gateway's registers."""
    times = [t for t in (_last_target(lists),) if t is not None]
    times += [t for t in (ch.last_target for ch in as_series(registers)) if t is not None]
    return max(times) if times else None


def check_taf1_period(lists: Sequence[OriginList], registers: Registers,
                      start: datetime, end: datetime | None,
                      last: datetime | None) -> PeriodCheck:
    """A TAF-1 period without a TAF profile: TAF-1 has one tariff, so each register's amount
    is the meter's own register difference (same A-B-C, E = 0) between the period's
    boundaries (§A.7 lookup, usable readings only)."""
    label = period_label(start, end)
    closed = end is not None and last is not None and end <= last
    if not closed:
        return PeriodCheck(start, end, "open", (), (Finding(
            "info", "period-open", msg("{label}: the period is still open.", label=label)),))
    assert end is not None
    computed: list[RegisterResult] = []
    findings: list[Finding] = []
    for ch in registers:
        meter = [v for v in lists if v.obis.lower()[:8] == ch.obis.lower()[:8]
                 and v.obis.lower()[8:10] == "00"]
        if ch.obis.lower()[8:10] == "3f":
            continue
        if len(meter) != 1:
            findings.append(Finding(
                "info", "taf1-no-meter-register",
                msg("{label}, {register}: not checkable — the meter readings hold no "
                    "matching register.", label=label, register=format_obis(ch.obis))))
            continue
        size = meter[0].window_size(start, end)
        if size > MAX_PERIOD_READINGS:  # a crafted period of many years: memory stays bounded
            findings.append(Finding(
                "info", "period-too-long",
                msg("{label}, {register}: not checkable — the period holds {count} meter "
                    "readings, more than {limit}.", label=label,
                    register=format_obis(ch.obis), count=size, limit=MAX_PERIOD_READINGS)))
            continue
        a, b = lookup_keys(_slice(meter[0], start, end), (keys(start)[1], keys(end)[1]))
        if a is None or b is None or not a.usable or not b.usable \
                or a.value is None or b.value is None:
            findings.append(Finding(
                "info", "taf1-no-boundary-reading",
                msg("{label}, {register}: not checkable — no usable meter reading at the "
                    "period's {value}.",
                    label=label, register=format_obis(ch.obis),
                    value=msg("start") if a is None or not a.usable else msg("end"))))
            continue
        scaler = meter[0].scaler + meter[0].power_of_ten
        computed.append(RegisterResult(ch.obis.lower(), int(ch.obis[8:10], 16),
                                       b.value - a.value, scaler, dlms_unit(meter[0].uom)))
    rows = _compare(computed, registers, start, end)
    wrong = [mismatch_finding(row, label) for row in rows
             if row.computed is not None and row.gateway is not None and row.difference != 0]
    if wrong:
        return PeriodCheck(start, end, "mismatch", rows, tuple(wrong + findings))
    if findings or any(r.gateway is None or r.computed is None for r in rows):
        if not findings:
            findings.append(Finding(
                "warning", "gateway-value-missing",
                msg("{label}: the gateway has no register value at the period start or end; the "
                    "period cannot be compared.", label=label)))
        return PeriodCheck(start, end, "incomplete", rows, tuple(findings))
    return PeriodCheck(start, end, "match", rows, ())
