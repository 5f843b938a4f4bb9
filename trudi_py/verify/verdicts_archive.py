"""The verdicts (right / wrong / not checkable) of an archive or live-gateway verification."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from trudi_py.i18n import Message, by_language, msg, verbatim
from trudi_py.verify.explain import local_text
from trudi_py.verify.gateway_check import REGISTER_DATABASE, UsagePointCheck
from trudi_py.verify.ppc_verdicts import ppc_verdicts
from trudi_py.verify.result import format_obis
from trudi_py.verify.verdict import NOT_CHECKABLE, RIGHT, WRONG, Verdict

if TYPE_CHECKING:
    from trudi_py.verify.archive_report import ArchiveVerification


def archive_verdicts(result: ArchiveVerification) -> list[Verdict]:
    """Every check of an archive verification as a verdict (integrity, certificates,
    contracts, signatures)."""
    out: list[Verdict] = []
    if result.archive is not None:
        a = result.archive
        out.append(Verdict(
            msg("Archive integrity"), WRONG if a.failed else RIGHT,
            None if not a.failed else msg("{count} problem(s), complete: {complete}",
                                          count=len(a.problems),
                                          complete=msg("yes") if a.complete else msg("no")),
            (msg("{count} members, SHA-256 and sizes", count=a.members_checked),)))
        out += ppc_verdicts(a)  # a PPC archive's signed exports (none for other vendors)
    for cert in result.certificates:
        out.append(Verdict(
            msg("WAN certificate {cert_index}", cert_index=cert.cert_index),
            RIGHT if cert.sig_signed_by_sub_ca else WRONG,
            None if cert.sig_signed_by_sub_ca else msg("the sig certificate is not signed by "
                                                       "its sub-CA"),
            (msg("sig and sub-ca from smgw-info"),)))
    for up in result.usage_points:
        out += usage_point_verdicts(up)
    sig = result.reading_signatures
    out.append(Verdict(
        msg("Per-reading signatures"), NOT_CHECKABLE,
        msg("the signing rule is not published ({present} present, {null} null)",
            present=sig.present, null=sig.null), strict_counts=False))
    return out


def usage_point_verdicts(up: UsagePointCheck) -> list[Verdict]:
    """Profile and billing periods of one TAF-1/TAF-2 contract."""
    name = f"{up.name} (TAF-{up.taf})"
    out: list[Verdict] = []
    prof = up.profile
    subject = msg("{name}: tariff profile", name=name)
    if prof.present:
        ok = prof.signature == "valid" and prof.profile is not None
        reason = None if ok else msg("signature {status}", status=prof.signature) \
            if prof.profile is not None else \
            msg("signature {status}, format not recognised", status=prof.signature)
        out.append(Verdict(subject, RIGHT if ok else WRONG, reason,
                           (msg("CMS signature against WAN cert-index 0"),)))
    else:
        offered = any(f.code == "profile-absent" for f in prof.findings)
        out.append(Verdict(
            subject, WRONG if offered else NOT_CHECKABLE,
            msg("the transparency bit is set but the gateway supplied no profile") if offered
            else msg("the gateway offers no tariff profile for this contract")))
    source = up.readings_source
    database = REGISTER_DATABASE.get(up.taf, "")
    evidence = (msg("meter readings: origin of {source}", source=source) if source
                else msg("no meter readings"),
                msg("gateway registers: {database}", database=database))
    basis = msg("TAF profile") if prof.profile is not None else \
        msg("TAF-1 = one tariff: meter register difference")
    matched = [p for p in up.periods if p.status == "match"]
    wrong = [p for p in up.periods if p.status == "mismatch"]
    unknown = [p for p in up.periods if p.status in ("incomplete", "not-computable")]
    if matched:
        out.append(Verdict(
            msg("{name}: {count} closed billing period(s)", name=name, count=len(matched)),
            RIGHT, msg("recomputed amounts equal the gateway's registers"), (*evidence, basis)))
    for p in wrong:
        regs = ", ".join(format_obis(r.obis) for r in p.registers if r.difference not in (0, None))
        out.append(Verdict(
            _period_subject(name, p.start, p.end), WRONG,
            msg("register {registers} differs from the recomputation", registers=regs),
            (*evidence, basis)))
    for p in unknown:
        reasons = [f for f in p.findings if f.severity in ("warning", "error", "info")
                   and f.code not in ("period-open", "readings-source")]
        first = reasons[0] if reasons else None
        out.append(Verdict(
            _period_subject(name, p.start, p.end), NOT_CHECKABLE,
            first.msg if first else verbatim(p.status), evidence))
    return out


def _period_subject(name: str, start: datetime, end: datetime | None) -> Message:
    return msg("{name}: billing period {start} – {end}", name=name,
               start=by_language(local_text, start), end=by_language(local_text, end))
