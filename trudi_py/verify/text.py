"""Human-readable printout of a transparency result (CLI, verify.md §E), German or English."""

from __future__ import annotations

from datetime import datetime

from trudi_py.i18n import msg
from trudi_py.model.times import BERLIN
from trudi_py.verify.result import RegisterResult, TransparencyResult, format_obis

_UNIT_NAMES = {30: "Wh", 32: "varh", 31: "VAh", 27: "W", 28: "VA", 29: "var", 33: "A", 35: "V",
               44: "Hz", 13: "m³", 255: ""}

_LABELS = {"period": msg("Billing period"), "span": msg("Readings used"),
           "registers": msg("Registers"), "error": msg("error register"), "raw": msg("raw"),
           "total": msg("total (display only)"), "findings": msg("Findings")}
_SEVERITY = {"info": msg("info"), "warning": msg("warning"), "error": msg("error")}


def _time(moment: datetime | None, lang: str) -> str:
    if moment is None:
        return "–"
    local = moment.astimezone(BERLIN)
    text = local.strftime("%d.%m.%Y %H:%M:%S") if lang == "de" else local.isoformat()
    return text


def _physical(reg: RegisterResult, lang: str) -> str:
    if reg.scaler is None:
        return ""
    digits = max(0, -reg.scaler)
    value = reg.amount * (10 ** reg.scaler) if reg.scaler >= 0 else reg.amount / 10 ** digits
    number = f"{value:,.{digits}f}"
    if lang == "de":
        number = number.replace(",", "\u2009").replace(".", ",")
    else:
        number = number.replace(",", "\u2009")
    return f"{number} {_UNIT_NAMES.get(reg.unit or 254, '')}".rstrip()


def render_text(result: TransparencyResult, lang: str = "en") -> str:
    """The printout for people: period, registers with physical values, findings."""
    lang = "de" if lang.startswith("de") else "en"
    lab = {key: label.text(lang) for key, label in _LABELS.items()}
    lines = [msg("Transparency function – TAF-{taf}", taf=result.taf or "?").text(lang)]
    lines.append(f"{lab['period']}: {_time(result.billing_start, lang)} – "
                 f"{_time(result.billing_end, lang)}")
    if result.refusal is not None:
        lines.append(msg("No result (rule {rule})", rule=result.refusal.rule).text(lang) + ": "
                     + result.refusal.text(lang))
    else:
        lines.append(f"{lab['span']}: {_time(result.begin, lang)} – {_time(result.end, lang)}")
        lines.append(f"{lab['registers']}:")
        for reg in result.registers:
            kind = lab["error"] if reg.tariff == 63 else \
                msg("tariff {tariff}", tariff=reg.tariff).text(lang)
            physical = _physical(reg, lang)
            raw = f"({lab['raw']} {reg.amount})" if physical else f"{reg.amount}"
            lines.append(f"  {format_obis(reg.obis):<16} {kind:<16} {physical:>16} {raw}")
        for c in sorted({r.obis[4:6] for r in result.registers}):
            group = [r for r in result.registers if r.obis[4:6] == c and r.obis[6:8] == "08"]
            if group and all(r.scaler == group[0].scaler for r in group):
                total = RegisterResult(group[0].obis[:8] + "00" + group[0].obis[10:], 0,
                                       sum(r.amount for r in group), group[0].scaler,
                                       group[0].unit)
                shown = _physical(total, lang) or str(total.amount)
                lines.append(f"  {format_obis(total.obis):<16} {lab['total']:<16} {shown:>16}")
    if result.findings:
        lines.append(f"{lab['findings']}:")
        for f in result.findings:
            sev = _SEVERITY[f.severity].text(lang) if f.severity in _SEVERITY else f.severity
            lines.append(f"  [{sev}] {f.code}: {f.text(lang)}")
    return "\n".join(lines) + "\n"
