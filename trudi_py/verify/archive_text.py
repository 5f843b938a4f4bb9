"""Human-readable printout of an archive verification (``trudi-py verify FILE.zip``)."""

from __future__ import annotations

from typing import Any

from trudi_py.verify.archive_report import ArchiveVerification
from trudi_py.verify.explain import local_text, physical_text
from trudi_py.verify.gateway_check import PeriodCheck, RegisterComparison
from trudi_py.verify.result import format_obis
from trudi_py.verify.verdict import summary

_L: dict[str, dict[str, Any]] = {
    "en": {"title": "Archive verification", "archive": "Archive",
           "complete": "complete", "incomplete": "INCOMPLETE", "members": "members checked",
           "problems": "problems", "none": "no problems", "certs": "WAN certificates",
           "signed": "sig signed by its sub-CA", "not_signed": "sig NOT signed by its sub-CA",
           "sigs": "Reading signatures",
           "sigs_text": "{p} present, {n} null — not checkable: the signing rule is not "
                        "published",
           "up": "Contract", "profile": "TAF profile", "signature": "signature",
           "absent": "absent", "computed": "recomputed", "gateway": "gateway",
           "diff": "difference", "findings": "Findings", "ok": "Result: everything checked is "
           "in order (exit 0).", "failed": "Result: some checks failed (exit 7).",
           "strict": "Result: some checks were not possible, and --strict was given (exit 8).",
           "note": "Note: not everything could be checked — see the verdicts marked "
                   "\"not checkable\" and why.", "verdicts": "Verdicts",
           "source": "meter readings from",
           "live": "Source: live gateway (no archive integrity check)",
           "status": {"match": "match", "mismatch": "MISMATCH", "open": "open",
                      "incomplete": "not checkable", "not-computable": "not computable"},
           "sig": {"valid": "valid", "invalid": "INVALID", "unreadable": "UNREADABLE",
                   "absent": "absent"}},
    "de": {"title": "Archivprüfung", "archive": "Archiv", "complete": "vollständig",
           "incomplete": "UNVOLLSTÄNDIG", "members": "Dateien geprüft", "problems": "Probleme",
           "none": "keine Probleme", "certs": "WAN-Zertifikate",
           "signed": "Signaturzertifikat von seiner Sub-CA signiert",
           "not_signed": "Signaturzertifikat NICHT von seiner Sub-CA signiert",
           "sigs": "Signaturen der Messwerte",
           "sigs_text": "{p} vorhanden, {n} leer — nicht prüfbar: Die Signaturregel ist nicht "
                        "veröffentlicht",
           "up": "Vertrag", "profile": "TAF-Profil", "signature": "Signatur",
           "absent": "fehlt", "computed": "nachgerechnet", "gateway": "Gateway",
           "diff": "Differenz", "findings": "Hinweise",
           "ok": "Ergebnis: Alles Geprüfte ist in Ordnung (Exit 0).",
           "failed": "Ergebnis: Prüfungen fehlgeschlagen (Exit 7).",
           "strict": "Ergebnis: Manches war nicht prüfbar, und --strict wurde angegeben "
                     "(Exit 8).",
           "note": "Hinweis: Nicht alles ließ sich prüfen — siehe die Urteile „nicht prüfbar“ "
                   "und ihre Gründe.", "verdicts": "Urteile",
           "source": "Zählerstände aus",
           "live": "Quelle: Gateway direkt (keine Archiv-Integritätsprüfung)",
           "status": {"match": "stimmt", "mismatch": "ABWEICHUNG", "open": "offen",
                      "incomplete": "nicht prüfbar", "not-computable": "nicht berechenbar"},
           "sig": {"valid": "gültig", "invalid": "UNGÜLTIG", "unreadable": "NICHT LESBAR",
                   "absent": "fehlt"}},
}
_SEVERITY = {"de": {"info": "Info", "warning": "Warnung", "error": "Fehler"}}


def _amount(reg: RegisterComparison, value: int | None, lang: str) -> str:
    if value is None:
        return "–"
    return physical_text(value, reg.scaler, reg.unit, lang)


def _period(period: PeriodCheck, lang: str) -> list[str]:
    lab = _L[lang]
    head = (f"    {local_text(period.start, lang)} – {local_text(period.end, lang)}  "
            f"{lab['status'][period.status]}")
    lines = [head]
    for reg in period.registers:
        diff = reg.difference
        tail = f"  {lab['diff']} {diff:+d}" if diff not in (None, 0) else ""
        lines.append(f"      {format_obis(reg.obis):<16} {lab['computed']}: "
                     f"{_amount(reg, reg.computed, lang)}   {lab['gateway']}: "
                     f"{_amount(reg, reg.gateway, lang)}{tail}")
    return lines


def render_archive_text(result: ArchiveVerification, lang: str = "en") -> str:
    """The printout for people, German (``de``) or English."""
    lang = "de" if lang.startswith("de") else "en"
    lab = _L[lang]
    lines = [lab["title"]]
    if result.archive is None:
        lines.append(lab["live"])
    else:
        a = result.archive
        state = lab["complete"] if a.complete else lab["incomplete"]
        probs = f"{len(a.problems)} {lab['problems']}" if a.problems else lab["none"]
        lines.append(f"{lab['archive']}: {state}, {a.members_checked} {lab['members']}, "
                     f"{probs}")
        for i, p in enumerate(a.problems):
            where = f" [{p['path']}]" if p.get("path") else ""
            lines.append(f"  - {p.get('code', '')}: {a.message(i, lang)}{where}")
    for cert in result.certificates:
        ok = lab["signed"] if cert.sig_signed_by_sub_ca else lab["not_signed"]
        lines.append(f"{lab['certs']} {cert.cert_index}: {ok}")
    sig = result.reading_signatures
    lines.append(f"{lab['sigs']}: " + lab["sigs_text"].format(p=sig.present, n=sig.null))
    for up in result.usage_points:
        lines.append("")
        lines.append(f"{lab['up']} {up.usage_point_id} ({up.name}, TAF-{up.taf})")
        prof = up.profile
        lines.append(f"  {lab['profile']}: {lab['signature']} {lab['sig'][prof.signature]}"
                     + (f" (WAN cert-index {prof.signer_cert_index})"
                        if prof.signer_cert_index else ""))
        if up.readings_source:
            lines.append(f"  {lab['source']}: {up.readings_source} (origin)")
        for period in up.periods:
            lines += _period(period, lang)
    shown = [f for f in result.findings if f.severity != "info" or f.code == "reading-signatures"]
    if shown:
        lines.append("")
        lines.append(f"{lab['findings']}:")
        for f in shown:
            sev = _SEVERITY.get(lang, {}).get(f.severity, f.severity)
            lines.append(f"  [{sev}] {f.code}: {f.text(lang)}")
    verdicts = result.verdicts
    lines.append("")
    lines.append(f"{lab['verdicts']} ({summary(verdicts, lang)}):")
    marks = {"right": "[ok]", "wrong": "[!!]", "not-checkable": "[?]"}
    for v in verdicts:
        lines.append(f"  {marks[v.outcome]} {v.text(lang)}")
    lines.append("")
    code = result.exit_code
    lines.append(lab["ok"] if code == 0 else lab["strict"] if code == 8 else lab["failed"])
    if code == 0 and any(v.outcome == "not-checkable" for v in verdicts):
        lines.append(lab["note"])
    return "\n".join(lines) + "\n"
