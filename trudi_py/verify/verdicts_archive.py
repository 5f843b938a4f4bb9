"""The verdicts (right / wrong / not checkable) of an archive or live-gateway verification."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trudi_py.verify.explain import local_text
from trudi_py.verify.gateway_check import REGISTER_DATABASE, UsagePointCheck
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
            "Archive integrity", "Archiv-Integrität", WRONG if a.failed else RIGHT,
            "" if not a.failed else f"{len(a.problems)} problem(s), complete: {a.complete}",
            "" if not a.failed else f"{len(a.problems)} Problem(e), vollständig: "
                                    f"{'ja' if a.complete else 'nein'}",
            (f"{a.members_checked} members, SHA-256 and sizes",),
            evidence_de=(f"{a.members_checked} Dateien, SHA-256 und Größen",)))
    for cert in result.certificates:
        out.append(Verdict(
            f"WAN certificate {cert.cert_index}", f"WAN-Zertifikat {cert.cert_index}",
            RIGHT if cert.sig_signed_by_sub_ca else WRONG,
            "" if cert.sig_signed_by_sub_ca else "the sig certificate is not signed by its "
                                                 "sub-CA",
            "" if cert.sig_signed_by_sub_ca else "Das Signaturzertifikat ist nicht von seiner "
                                                 "Sub-CA signiert",
            ("sig and sub-ca from smgw-info",),
            evidence_de=("sig und sub-ca aus smgw-info",)))
    for up in result.usage_points:
        out += usage_point_verdicts(up)
    sig = result.reading_signatures
    out.append(Verdict(
        "Per-reading signatures", "Signaturen der Messwerte", NOT_CHECKABLE,
        f"the signing rule is not published ({sig.present} present, {sig.null} null)",
        f"Die Signaturregel ist nicht veröffentlicht ({sig.present} vorhanden, "
        f"{sig.null} leer)", strict_counts=False))
    return out


def usage_point_verdicts(up: UsagePointCheck) -> list[Verdict]:
    """Profile and billing periods of one TAF-1/TAF-2 contract."""
    name = f"{up.name} (TAF-{up.taf})"
    out: list[Verdict] = []
    prof = up.profile
    if prof.present:
        ok = prof.signature == "valid" and prof.profile is not None
        out.append(Verdict(
            f"{name}: tariff profile", f"{name}: Tarifprofil", RIGHT if ok else WRONG,
            "" if ok else f"signature {prof.signature}" + (
                "" if prof.profile is not None else ", format not recognised"),
            "" if ok else f"Signatur {prof.signature}" + (
                "" if prof.profile is not None else ", Format nicht erkannt"),
            ("CMS signature against WAN cert-index 0",),
            evidence_de=("CMS-Signatur gegen WAN cert-index 0",)))
    else:
        offered = any(f.code == "profile-absent" for f in prof.findings)
        out.append(Verdict(
            f"{name}: tariff profile", f"{name}: Tarifprofil",
            WRONG if offered else NOT_CHECKABLE,
            "the transparency bit is set but the gateway supplied no profile" if offered else
            "the gateway offers no tariff profile for this contract",
            "Das Transparenzbit ist gesetzt, aber das Gateway lieferte kein Profil" if offered
            else "Das Gateway bietet für diesen Vertrag kein Tarifprofil an"))
    source = up.readings_source
    database = REGISTER_DATABASE.get(up.taf, "")
    evidence = (f"meter readings: origin of {source}" if source else "no meter readings",
                f"gateway registers: {database}")
    evidence_de = (f"Zählerstände: origin von {source}" if source else "keine Zählerstände",
                   f"Register des Gateways: {database}")
    basis, basis_de = ("TAF profile", "TAF-Profil") if prof.profile is not None else (
        "TAF-1 = one tariff: meter register difference",
        "TAF-1 = ein Tarif: Differenz der Zählerstände")
    matched = [p for p in up.periods if p.status == "match"]
    wrong = [p for p in up.periods if p.status == "mismatch"]
    unknown = [p for p in up.periods if p.status in ("incomplete", "not-computable")]
    if matched:
        out.append(Verdict(
            f"{name}: {len(matched)} closed billing period(s)",
            f"{name}: {len(matched)} abgeschlossene(r) Abrechnungszeitraum/-räume", RIGHT,
            "recomputed amounts equal the gateway's registers",
            "nachgerechnete Mengen gleich den Registern des Gateways",
            (*evidence, basis), evidence_de=(*evidence_de, basis_de)))
    for p in wrong:
        regs = ", ".join(format_obis(r.obis) for r in p.registers if r.difference not in (0, None))
        out.append(Verdict(
            f"{name}: billing period {local_text(p.start)} – {local_text(p.end)}",
            f"{name}: Abrechnungszeitraum {local_text(p.start, 'de')} – "
            f"{local_text(p.end, 'de')}", WRONG,
            f"register {regs} differs from the recomputation",
            f"Register {regs} weicht von der Nachrechnung ab", (*evidence, basis),
            evidence_de=(*evidence_de, basis_de)))
    for p in unknown:
        reasons = [f for f in p.findings if f.severity in ("warning", "error", "info")
                   and f.code not in ("period-open", "readings-source")]
        first = reasons[0] if reasons else None
        out.append(Verdict(
            f"{name}: billing period {local_text(p.start)} – {local_text(p.end)}",
            f"{name}: Abrechnungszeitraum {local_text(p.start, 'de')} – "
            f"{local_text(p.end, 'de')}", NOT_CHECKABLE,
            first.message if first else p.status,
            (first.message_de or first.message) if first else p.status, evidence,
            evidence_de=evidence_de))
    return out
