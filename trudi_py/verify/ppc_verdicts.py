"""The verdicts only a PPC archive has: its signed exports (verify.md §F, PPC_HAN.md §4).

The PPC integrity check (``archive/ppc_integrity.py``) records the exports' outcomes as
findings; here they become verdicts of their own, so that CLI, GUI and report.html show
them beside the archive's integrity: signatures checked with the certificate each container
carries (right / wrong), the exports' values against the portal's pages (right / wrong), or
not checkable with the reason when the archive holds no export.
"""

from __future__ import annotations

from typing import Any

from trudi_py.i18n import Message, msg, verbatim
from trudi_py.verify.verdict import NOT_CHECKABLE, RIGHT, WRONG, Verdict

SIGNED, SIGNATURE_WRONG = "ppc-exports-signed", "export-signature"
AGREE, DIFFERS = "ppc-exports-agree", "export-differs"
NO_EXPORTS = "ppc-no-exports"
REGISTERS_AGREE, REGISTER_DIFFERS = "ppc-registers-agree", "ppc-register-differs"
REGISTERS_UNKNOWN, NO_REGISTERS = "ppc-registers-not-checkable", "ppc-no-registers"


def ppc_verdicts(section: Any) -> list[Verdict]:
    """Verdicts from the PPC findings of an ``ArchiveSection`` (none for other archives)."""
    by_code: dict[str, list[Message]] = {}
    for i, problem in enumerate(section.problems):
        code = str(problem.get("code", ""))
        text = section.messages[i] if i < len(section.messages) and \
            section.messages[i] is not None else verbatim(str(problem.get("message", "")))
        by_code.setdefault(code, []).append(text)
    out = _register_verdicts(by_code)
    if not any(c in by_code for c in (SIGNED, SIGNATURE_WRONG, AGREE, DIFFERS, NO_EXPORTS)):
        return out
    subject = msg("Signed exports of the PPC portal (CMS)")
    if NO_EXPORTS in by_code:
        out.insert(0, Verdict(subject, NOT_CHECKABLE, by_code[NO_EXPORTS][0]))
        return out
    exports: list[Verdict] = []
    if SIGNATURE_WRONG in by_code:
        exports.append(Verdict(subject, WRONG, by_code[SIGNATURE_WRONG][0],
                               tuple(by_code.get(SIGNED, ()))))
    else:
        exports.append(Verdict(subject, RIGHT, None, tuple(by_code.get(SIGNED, ()))))
    values = msg("Signed exports against the portal's pages (values, logbook)")
    if DIFFERS in by_code:
        exports.append(Verdict(values, WRONG, by_code[DIFFERS][0]))
    elif AGREE in by_code:
        exports.append(Verdict(values, RIGHT, None, tuple(by_code[AGREE])))
    return exports + out


def _register_verdicts(by_code: dict[str, list[Message]]) -> list[Verdict]:
    """The portal's tariff registers against the meter readings at their target times."""
    subject = msg("Tariff registers shown by the PPC portal against the meter readings")
    if REGISTER_DIFFERS in by_code:
        return [Verdict(subject, WRONG, by_code[REGISTER_DIFFERS][0],
                        tuple(by_code.get(REGISTERS_AGREE, ())))]
    if REGISTERS_AGREE in by_code:
        return [Verdict(subject, RIGHT, None, tuple(by_code[REGISTERS_AGREE]
                                                   + by_code.get(REGISTERS_UNKNOWN, [])))]
    for code in (REGISTERS_UNKNOWN, NO_REGISTERS):
        if code in by_code:
            return [Verdict(subject, NOT_CHECKABLE, by_code[code][0])]
    return []
