"""The billing check in sentences a household can read (one per contract and period)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication as QCA

from trudi_py.gui import i18n
from trudi_py.gui.format import energy_text, register_name
from trudi_py.model.times import to_berlin
from trudi_py.model.units import unit_name

MONTHS_DE = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
             "September", "Oktober", "November", "Dezember")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")

#: the tariff number of the error register (OBIS x.8.63)
ERROR_TARIFF = 63

#: worst first; a banner takes the colour of the worst finding
RANK = {"error": 3, "warning": 2, "info": 1, "ok": 0}


@dataclass(frozen=True)
class PeriodRow:
    """One row of the verification table, all text in the UI language."""
    contract: str
    period: str
    verdict: str  # short result word
    amounts: str  # computed / gateway in kWh
    sentence: str  # the whole finding in words, starting with the period
    severity: str  # ok / info / warning / error

    @property
    def explanation(self) -> str:
        """The sentence without the period in front (the table shows the period already)."""
        head = self.period + ": "
        return self.sentence[len(head):] if self.sentence.startswith(head) else self.sentence


def period_label(start: datetime, end: datetime | None) -> str:
    """``Dezember 2025`` for a calendar month (Berlin), else ``01.12.2025 – 15.12.2025``."""
    lang = i18n.current_language()
    local = to_berlin(start)
    months = MONTHS_DE if lang == "de" else MONTHS_EN
    if end is not None:
        last = to_berlin(end)
        whole_month = (local.day == 1 and local.hour == 0 and local.minute == 0 and
                       last.day == 1 and last.hour == 0 and
                       (last - timedelta(days=1)).month == local.month)
        if whole_month:
            return f"{months[local.month - 1]} {local.year}"
    fmt = "%d.%m.%Y" if lang == "de" else "%d %b %Y"
    tail = to_berlin(end).strftime(fmt) if end is not None else QCA.translate("Verify",
                                                                               "today")
    return f"{local.strftime(fmt)} – {tail}"


def _amount(raw: int | None, scaler: int | None, unit: int | None) -> str:
    if raw is None:
        return QCA.translate("Verify", "not reported")
    value = Decimal(raw).scaleb(scaler or 0)
    if unit is None or unit_name(unit) == "Wh":
        return energy_text(value).replace(" ", "\u00a0")  # never wrap between number and unit
    return f"{value}\u00a0{unit_name(unit)}"


def _tariffs(registers: Any) -> str:
    """"Tarif 1", "Tarif 1 und 2", "Tarif 1 und 2 sowie das Fehlerregister" (tariff 63 is the
    error register, not a tariff a household knows)."""
    numbers = sorted({r.tariff for r in registers} - {ERROR_TARIFF})
    error = any(r.tariff == ERROR_TARIFF for r in registers)
    if not numbers:
        return (QCA.translate("Verify", "The error register") if error
                else QCA.translate("Verify", "the registers"))
    if len(numbers) == 1:
        text = QCA.translate("Verify", "Tariff {0}").format(numbers[0])
    else:
        head = ", ".join(str(n) for n in numbers[:-1])
        text = QCA.translate("Verify", "Tariffs {0} and {1}").format(head, numbers[-1])
    if error:
        text = QCA.translate("Verify", "{0} and the error register").format(text)
    return text


def period_row(contract: str, period: Any, source: str | None = None) -> PeriodRow:
    """One row of the table from a ``PeriodCheck``; ``source`` names the contract whose meter
    readings were used when the contract has none of its own (e.g. TAF-1 from TAF-7)."""
    lang = i18n.current_language()
    label = period_label(period.start, period.end)
    regs = list(period.registers)
    amounts = "; ".join(
        f"{register_name(r.obis)}: {_amount(r.computed, r.scaler, r.unit)} / "
        f"{_amount(r.gateway, r.scaler, r.unit)}" for r in regs)
    notes = " ".join(f.text(lang) for f in period.findings)
    status = period.status
    if status == "match":
        verdict = QCA.translate("Verify", "✔ matches")
        if len({r.tariff for r in regs}) == 1:
            sentence = QCA.translate("Verify", "{0}: {1} matches your gateway to the "
                                               "watt-hour.").format(label, _tariffs(regs))
        else:
            sentence = QCA.translate("Verify", "{0}: {1} match your gateway to the watt-hour."
                                     ).format(label, _tariffs(regs))
        severity = "ok"
    elif status == "mismatch":
        verdict = QCA.translate("Verify", "✘ differs")
        diffs = [QCA.translate("Verify", "{0} differs by {1}").format(
            register_name(r.obis), _amount(abs(r.difference), r.scaler, r.unit))
            for r in regs if r.difference not in (0, None)]
        sentence = QCA.translate("Verify", "{0}: {1}. Ask your supplier about it.").format(
            label, ", ".join(diffs) or notes)
        severity = "error"
    elif status == "open":
        verdict = QCA.translate("Verify", "open")
        sentence = QCA.translate("Verify", "{0}: the period is not over yet; it is checked "
                                           "once it has ended.").format(label)
        severity = "info"
    elif status == "incomplete":
        verdict = QCA.translate("Verify", "not checkable")
        sentence = QCA.translate("Verify", "{0}: not checkable, the gateway did not report "
                                           "every register value.").format(label)
        severity = "warning"
    else:
        verdict = QCA.translate("Verify", "not checkable")
        sentence = QCA.translate("Verify", "{0}: not checkable. {1}").format(
            label, notes or QCA.translate("Verify", "No reason given."))
        severity = "warning"
    if notes and status in ("match", "open", "incomplete"):
        sentence += " " + notes
    if source and status in ("match", "mismatch"):
        sentence += " " + QCA.translate(
            "Verify", "Computed from the meter readings of {0} (same meter).").format(source)
    return PeriodRow(contract, label, verdict, amounts, sentence.strip(), severity)


#: Archive findings that report a check passed (PPC): shown as such, never as a problem.
CHECKED_RIGHT = frozenset({"ppc-exports-signed", "ppc-exports-agree", "ppc-registers-agree"})


def problem_text(code: str) -> str:
    """An archive integrity problem code in words."""
    texts = {
        "gap": QCA.translate("Verify", "the gateway has no values for some time spans (gaps)"),
        "coverage-gap": QCA.translate("Verify", "answers are missing for some time spans"),
        "incomplete": QCA.translate("Verify", "the archive was not finished"),
        "hash-mismatch": QCA.translate("Verify", "a file in the archive was changed"),
        "missing-member": QCA.translate("Verify", "a file is missing from the archive"),
        "han-certificate-differs": QCA.translate(
            "Verify", "the gateway's certificate changed while archiving"),
        "records-mismatch": QCA.translate("Verify", "counts in an answer do not agree"),
        "count-mismatch": QCA.translate("Verify", "counts in the archive do not agree"),
        "writer-warning": QCA.translate(
            "Verify", "a note from writing the archive (see the technical report)"),
        "csv-mismatch": QCA.translate(
            "Verify", "a table differs from the gateway's answers it was made from"),
        "raw-incomplete": QCA.translate("Verify", "gateway answers are missing in the archive"),
        "raw-numbering": QCA.translate("Verify", "the gateway answers are not numbered "
                                                 "without gaps"),
        "export-signature": QCA.translate("Verify", "a signed export's signature is not valid"),
        "export-differs": QCA.translate("Verify", "a signed export differs from the portal's "
                                                  "pages"),
        "ppc-exports-signed": QCA.translate("Verify", "every signed export of the portal has "
                                                      "a valid signature"),
        "ppc-exports-agree": QCA.translate("Verify", "the signed exports agree with the "
                                                     "portal's pages"),
        "ppc-registers-agree": QCA.translate("Verify", "the portal's tariff registers agree "
                                                       "with the meter readings"),
    }
    return texts.get(code, QCA.translate("Verify", "problem \"{0}\"").format(code))


def worst(severities: list[str]) -> str:
    """The worst of the severities (``ok`` when there are none)."""
    return max(severities, key=lambda s: RANK.get(s, 0), default="ok")
