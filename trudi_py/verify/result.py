"""Result of the transparency function and its JSON form (verify.md §E.2)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from trudi_py.errors import CannotCompute
from trudi_py.i18n import Message
from trudi_py.model.times import BERLIN
from trudi_py.model.units import dlms_unit_of_espi as dlms_unit
from trudi_py.model.units import format_obis

__all__ = ["Finding", "RegisterResult", "TransparencyResult", "dlms_unit", "format_obis",
           "format_time"]


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
