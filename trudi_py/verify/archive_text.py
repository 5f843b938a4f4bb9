"""Human-readable printout of an archive verification (``trudi-py verify FILE.zip``)."""

from __future__ import annotations

from typing import Any

from trudi_py.i18n import msg
from trudi_py.verify.archive_report import ArchiveVerification
from trudi_py.verify.explain import local_text, physical_text
from trudi_py.verify.gateway_check import PeriodCheck, RegisterComparison
from trudi_py.verify.result import format_obis
from trudi_py.verify.verdict import summary

_L: dict[str, Any] = {
    "title": msg("Archive verification"),
    "archive": msg("Archive"),
    "complete": msg("complete"),
    "incomplete": msg("INCOMPLETE"),
    "members": msg("members checked"),
    "problems": msg("problems"),
    "none": msg("no problems"),
    "certs": msg("WAN certificates"),
    "signed": msg("sig signed by its sub-CA"),
    "not_signed": msg("sig NOT signed by its sub-CA"),
    "sigs": msg("Reading signatures"),
    "up": msg("Contract"),
    "profile": msg("TAF profile"),
    "signature": msg("signature"),
    "absent": msg("absent"),
    "computed": msg("recomputed"),
    "gateway": msg("gateway"),
    "diff": msg("difference"),
    "findings": msg("Findings"),
    "ok": msg("Result: everything checked is in order (exit 0)."),
    "failed": msg("Result: some checks failed (exit 7)."),
    "strict": msg("Result: some checks were not possible, and --strict was given (exit 8)."),
    "note": msg("Note: not everything could be checked — see the verdicts marked "
                "\"not checkable\" and why."),
    "verdicts": msg("Verdicts"),
    "source": msg("meter readings from"),
    "live": msg("Source: live gateway (no archive integrity check)"),
    "status": {"match": msg("match"), "mismatch": msg("MISMATCH"), "open": msg("open"),
               "incomplete": msg("not checkable"), "not-computable": msg("not computable")},
    "sig": {"valid": msg("valid"), "invalid": msg("INVALID"), "unreadable": msg("UNREADABLE"),
            "absent": msg("absent")},
}
_SEVERITY = {"info": msg("info"), "warning": msg("warning"), "error": msg("error")}


def _amount(reg: RegisterComparison, value: int | None, lang: str) -> str:
    if value is None:
        return "–"
    return physical_text(value, reg.scaler, reg.unit, lang)


def _labels(lang: str) -> dict[str, Any]:
    """The labels of the printout in ``lang`` (nested tables included)."""
    return {key: {k: m.text(lang) for k, m in value.items()} if isinstance(value, dict)
            else value.text(lang) for key, value in _L.items()}


def _period(period: PeriodCheck, lang: str) -> list[str]:
    lab = _labels(lang)
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
    lab = _labels(lang)
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
    lines.append(f"{lab['sigs']}: " + msg("{present} present, {null} null — not checkable: the "
                                          "signing rule is not published",
                                          present=sig.present, null=sig.null).text(lang))
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
            sev = _SEVERITY[f.severity].text(lang) if f.severity in _SEVERITY else f.severity
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
