"""Result of the transparency function and its JSON form (verify.md §E.2)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from trudi_py.errors import CannotCompute
from trudi_py.i18n import Message
from trudi_py.verify.timeline import BERLIN

#: ESPI unit of measure → DLMS unit code (§E.2).
DLMS_UNITS = {72: 30, 73: 32, 71: 31, 38: 27, 61: 28, 63: 29, 5: 33, 29: 35, 33: 44, 42: 13,
              0: 255}


def dlms_unit(uom: int | None) -> int | None:
    """DLMS unit code of an ESPI ``uom`` (None stays None, unknown codes give 254)."""
    if uom is None:
        return None
    return DLMS_UNITS.get(uom, 254)


def format_obis(obis: str) -> str:
    """``0100010800ff`` → ``1-0:1.8.0*255`` (the text is returned unchanged if not OBIS)."""
    try:
        a, b, c, d, e, f = (int(obis[i:i + 2], 16) for i in range(0, 12, 2))
    except ValueError:
        return obis
    return f"{a}-{b}:{c}.{d}.{e}*{f}"


def format_time(moment: datetime | None) -> str | None:
    """ISO 8601 with the Europe/Berlin offset, seconds precision (fraction only if non-zero)."""
    if moment is None:
        return None
    return moment.astimezone(BERLIN).isoformat()


@dataclass(frozen=True)
class Finding:
    """A check result: severity ``info``/``warning``/``error``, code, translatable text."""

    severity: str
    code: str
    msg: Message

    @property
    def message(self) -> str:
        """The text in English (the JSON document's ``message``)."""
        return self.msg.text("en")

    def text(self, lang: str = "en") -> str:
        """The message in ``de`` or ``en``."""
        return self.msg.text(lang)

    def to_dict(self) -> dict[str, str]:
        """The §E.2 JSON object."""
        return {"severity": self.severity, "code": self.code, "message": self.message}


@dataclass(frozen=True)
class RegisterResult:
    """A billing register: physical value = amount × 10^scaler in ``unit`` (DLMS code)."""

    obis: str
    tariff: int
    amount: int
    scaler: int | None = None
    unit: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The §E.2 JSON object (amount as a decimal string)."""
        return {"obis": self.obis, "tariff": self.tariff, "amount": str(self.amount),
                "scaler": self.scaler, "unit": self.unit}


@dataclass(frozen=True)
class TransparencyResult:
    """Registers, Begin/End and findings; on refusal ``refusal`` holds the exit-8 error."""

    taf: str | None
    billing_start: datetime | None
    billing_end: datetime | None
    begin: datetime | None
    end: datetime | None
    registers: tuple[RegisterResult, ...] = ()
    findings: tuple[Finding, ...] = ()
    refusal: CannotCompute | None = field(default=None, compare=False)

    @property
    def exit_code(self) -> int:
        """0 for a computed result, 8 for a refusal."""
        return 8 if self.refusal is not None else 0

    @property
    def warnings(self) -> list[Finding]:
        """Findings of severity warning or error (for stderr)."""
        return [f for f in self.findings if f.severity != "info"]

    def to_dict(self) -> dict[str, Any]:
        """The §E.2 document as a dict."""
        period = None
        if self.billing_start is not None:
            period = {"start": format_time(self.billing_start),
                      "end": format_time(self.billing_end)}
        return {
            "taf": self.taf,
            "billing-period": period,
            "begin": format_time(self.begin),
            "end": format_time(self.end),
            "registers": [r.to_dict() for r in self.registers],
            "findings": [f.to_dict() for f in self.findings],
        }

    def to_json(self, indent: int | None = 2) -> str:
        """The §E.2 JSON document (one document, UTF-8 safe)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)
