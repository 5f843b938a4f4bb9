"""Entry point of the transparency function: validate, dispatch to TAF-1/TAF-2, report."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from itertools import repeat
from operator import attrgetter, floordiv, sub

from trudi_py.errors import CannotCompute
from trudi_py.i18n import msg
from trudi_py.verify.ar2418 import (
    DeviceFile,
    SupplierFile,
    parse_device,
    parse_supplier,
)
from trudi_py.verify.checks import file_findings, pair_findings
from trudi_py.verify.inputs import AnalysisProfile, ValueList, obis_group
from trudi_py.verify.registers import ERROR_TARIFF, Register
from trudi_py.verify.result import (
    Finding,
    RegisterResult,
    TransparencyResult,
    dlms_unit,
    format_obis,
)
from trudi_py.verify.schema import schema_finding
from trudi_py.verify.taf1 import compute_taf1
from trudi_py.verify.taf2 import compute_taf2
from trudi_py.verify.timeline import US, PreparedList, abs_key, instant, keys

_TARGET_ABS = attrgetter("target_abs")


def verify_transparency(device_xml: bytes, supplier_xml: bytes) -> TransparencyResult:
    """Recompute the billing registers of a device/supplier file pair.

    Raises :class:`~trudi_py.errors.CannotCompute` (exit 8) when TRuDI gives no result; the
    exception carries the partial result as ``exc.result`` (for ``--json``). Raises
    :class:`~trudi_py.verify.ar2418.InvalidDocument` (exit 2) for a file that is not AR 2418-6.
    """
    result = evaluate_transparency(device_xml, supplier_xml)
    if result.refusal is not None:
        raise result.refusal
    return result


def evaluate_transparency(device_xml: bytes, supplier_xml: bytes) -> TransparencyResult:
    """Like :func:`verify_transparency`, but a refusal is returned in ``result.refusal``."""
    findings: list[Finding] = [f for f in (schema_finding(device_xml, "device"),
                                           schema_finding(supplier_xml, "supplier")) if f]
    profile: AnalysisProfile | None = None
    try:
        device = parse_device(device_xml)
        supplier = parse_supplier(supplier_xml)
        profile = supplier.analysis_profile
        findings += validate(device, supplier)
        profile = require_profile(supplier)
        return compute_transparency(device.value_lists, profile, findings)
    except CannotCompute as exc:
        return refused(exc, profile, findings)


def validate(device: DeviceFile, supplier: SupplierFile) -> list[Finding]:
    """All §D.2 checks of the pair, as warnings."""
    return (file_findings(device, "device") + file_findings(supplier, "supplier")
            + pair_findings(device, supplier))


def require_profile(supplier: SupplierFile) -> AnalysisProfile:
    """The supplier's analysis profile, or the refusals of §A.3."""
    profile = supplier.analysis_profile
    if profile is None:
        raise CannotCompute("no-analysis-profile", msg("The supplier file has no "
                                                       "AnalysisProfile."))
    if profile.tariff_use_case not in (1, 2):
        raise _unsupported(profile)
    return profile


def _unsupported(profile: AnalysisProfile) -> CannotCompute:
    return CannotCompute(
        "unsupported-tariff-use-case",
        msg("Tariff use case {tariff_use_case} is not supported (only 1 and 2).",
            tariff_use_case=profile.tariff_use_case))


def _billing(profile: AnalysisProfile | None) -> tuple[datetime | None, datetime | None]:
    if profile is None or profile.billing_start is None:
        return None, None
    start = abs_key(profile.billing_start)
    return instant(start), instant(start + (profile.billing_duration or 0) * US)


def refused(exc: CannotCompute, profile: AnalysisProfile | None,
            findings: Sequence[Finding] = ()) -> TransparencyResult:
    """The §E.2 document of a refusal (exit 8); also attached to ``exc.result``."""
    start, end = _billing(profile)
    taf = str(profile.tariff_use_case) if profile and profile.tariff_use_case else None
    error = Finding("error", exc.rule, exc.msg)
    result = TransparencyResult(taf, start, end, None, None, (), (*findings, error), exc)
    exc.result = result  # type: ignore[attr-defined]
    return result


def compute_transparency(lists: Sequence[ValueList], profile: AnalysisProfile,
                         findings: Sequence[Finding] = ()) -> TransparencyResult:
    """The source-independent core: registers of TAF-1 or TAF-2 plus computation findings.

    Raises :class:`~trudi_py.errors.CannotCompute` for the refusals of §C.13 and §D.1.
    """
    start, end = _billing(profile)
    begin_abs: int | None
    end_abs: int | None
    if profile.tariff_use_case == 1:
        out1 = compute_taf1(lists, profile)
        regs, begin_abs, end_abs, prepared = (out1.registers, out1.begin_abs, out1.end_abs,
                                              out1.prepared)
        skipped: list[str] = []
    elif profile.tariff_use_case == 2:
        out2 = compute_taf2(lists, profile)
        regs, begin_abs, end_abs, prepared = (out2.registers, out2.begin_abs, out2.end_abs,
                                              out2.prepared)
        skipped = [o.obis for o in out2.ovls if o.skipped]
    else:
        raise _unsupported(profile)
    originals = [v for v in lists if v.is_original]
    registers = tuple(_register_result(r, originals) for r in regs)
    begin = instant(begin_abs) if begin_abs is not None else None
    finish = instant(end_abs) if end_abs is not None else None
    extra = _computation_findings(profile, registers, prepared, begin_abs, end_abs, skipped)
    return TransparencyResult(str(profile.tariff_use_case), start, end, begin, finish,
                              registers, (*findings, *extra))


def _register_result(reg: Register, originals: Sequence[ValueList]) -> RegisterResult:
    def same(o: ValueList) -> bool:
        try:
            return all(obis_group(o.obis, i) == obis_group(reg.obis, i) for i in (0, 1, 2, 3, 5)) \
                and obis_group(o.obis, 4) == 0
        except ValueError:
            return False
    source = next((o for o in originals if same(o)), None)
    if source is None:
        return RegisterResult(reg.obis, reg.tariff, reg.amount)
    return RegisterResult(reg.obis, reg.tariff, reg.amount, source.scaler + source.power_of_ten,
                          dlms_unit(source.uom))


def _computation_findings(profile: AnalysisProfile, registers: Sequence[RegisterResult],
                          prepared: Sequence[PreparedList], begin_abs: int | None,
                          end_abs: int | None, skipped: Sequence[str]) -> list[Finding]:
    out: list[Finding] = []
    bs_abs, bs_wall = keys(profile.billing_start)  # type: ignore[arg-type]
    be_abs = bs_abs + (profile.billing_duration or 0) * US
    if begin_abs is not None and end_abs is not None and (begin_abs > bs_abs or end_abs < be_abs):
        out.append(Finding(
            "warning", "period-not-covered",
            msg("The readings cover only part of the billing period ({start} – "
                "{end}).",
                start=instant(begin_abs).isoformat(), end=instant(end_abs).isoformat())))
    for reg in registers:
        if reg.tariff == ERROR_TARIFF and reg.amount != 0:
            out.append(Finding(
                "warning", "error-register-used",
                msg("{register} = {amount}: consumption that could not be assigned to a "
                    "tariff because of gaps or unusable readings.",
                    register=format_obis(reg.obis), amount=reg.amount)))
    for ovl in prepared:
        inside = [r for r in ovl.readings() if bs_abs <= r.target_abs <= be_abs]
        bad = sum(1 for r in inside if not r.usable)
        name = format_obis(ovl.source.obis)
        out.append(Finding("info", "unusable-readings",
                           msg("{name}: {bad} of {n_inside} readings in the billing period have "
                               "status 3 or 4", name=name, bad=bad, n_inside=len(inside))))
        if ovl.period > 0 and inside:
            stamps = list(map(_TARGET_ABS, inside))
            missing = map(sub, map(floordiv, map(sub, stamps[1:], stamps), repeat(ovl.period * US)),
                          repeat(1))
            gaps = sum(map(max, repeat(0), missing))
            out.append(Finding("info", "gaps",
                               msg("{name}: {gaps} missing measuring periods of {period} s in "
                                   "the billing period", name=name, gaps=gaps, period=ovl.period)))
    for obis in skipped:
        out.append(Finding("info", "ovl-without-tariff",
                           msg("{register}: no valid day profile or no day in the period; "
                               "the list contributed nothing.", register=format_obis(obis))))
    return out
