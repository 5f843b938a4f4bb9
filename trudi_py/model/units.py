"""OBIS codes and DLMS/COSEM units (IEC 62056-6-2)."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: DLMS unit codes we name; any other code is shown as its number, never an error.
DLMS_UNITS: dict[int, str] = {
    1: "a", 2: "mo", 3: "wk", 4: "d", 5: "h", 6: "min", 7: "s", 8: "°", 9: "°C",
    10: "currency", 11: "m", 12: "m/s", 13: "m³", 14: "m³", 15: "m³/h", 16: "m³/h",
    17: "m³/d", 18: "m³/d", 19: "l", 20: "kg", 21: "N", 22: "Nm", 23: "Pa", 24: "bar",
    25: "J", 26: "J/h", 27: "W", 28: "VA", 29: "var", 30: "Wh", 31: "VAh", 32: "varh",
    33: "A", 34: "C", 35: "V", 36: "V/m", 37: "F", 38: "Ω", 39: "Ωm²/m", 40: "Wb",
    41: "T", 42: "A/m", 43: "H", 44: "Hz", 45: "1/(Wh)", 46: "1/(varh)", 47: "1/(VAh)",
    48: "V²h", 49: "A²h", 50: "kg/s", 51: "S", 52: "K", 53: "1/(V²h)", 54: "1/(A²h)",
    55: "1/m³", 56: "%", 57: "Ah", 60: "Wh/m³", 61: "J/m³", 62: "Mol %", 63: "g/m³",
    64: "Pa s", 65: "J/kg", 70: "dBm", 71: "dBµV", 72: "dB", 253: "", 254: "", 255: "",
}


#: ESPI unit of measure (AR 2418-6 ``uom``) → DLMS unit code (verify.md §E.2): 72 Wh → 30.
ESPI_TO_DLMS: dict[int, int] = {72: 30, 73: 32, 71: 31, 38: 27, 61: 28, 63: 29, 5: 33, 29: 35,
                                33: 44, 42: 13, 0: 255}
#: DLMS unit code → ESPI unit of measure (the inverse of :data:`ESPI_TO_DLMS`).
DLMS_TO_ESPI: dict[int, int] = {dlms: espi for espi, dlms in ESPI_TO_DLMS.items()}
#: The DLMS code given for an ESPI unit that has no DLMS counterpart here.
DLMS_UNKNOWN_UNIT = 254


def dlms_unit_of_espi(uom: int | None) -> int | None:
    """DLMS unit code of an ESPI ``uom`` (None stays None, unknown codes give 254)."""
    if uom is None:
        return None
    return ESPI_TO_DLMS.get(uom, DLMS_UNKNOWN_UNIT)


def unit_name(code: int) -> str:
    """The symbol of a DLMS unit code, or the code itself (``"unit 99"``) when unknown."""
    name = DLMS_UNITS.get(code)
    if name is None:
        return f"unit {code}"
    return name


_OBIS_HEX = re.compile(r"^[0-9a-fA-F]{12}$")


@dataclass(frozen=True)
class Obis:
    """An OBIS code as the gateway writes it: 12 hex digits, e.g. ``0100010800ff``."""

    hex: str

    @classmethod
    def parse(cls, value: str) -> Obis:
        """From 12 hex digits (any case)."""
        if not _OBIS_HEX.match(value):
            raise ValueError(f"not an OBIS code: {value!r}")
        return cls(value.lower())

    @property
    def groups(self) -> tuple[int, int, int, int, int, int]:
        """The six OBIS value groups A-F as integers."""
        b = bytes.fromhex(self.hex)
        return b[0], b[1], b[2], b[3], b[4], b[5]

    def __str__(self) -> str:
        """Human form ``1-0:1.8.0*255``."""
        a, b, c, d, e, f = self.groups
        return f"{a}-{b}:{c}.{d}.{e}*{f}"

    @property
    def short(self) -> str:
        """``1.8.0`` — the form printed on meters and bills."""
        _, _, c, d, e, _ = self.groups
        return f"{c}.{d}.{e}"


def format_obis(obis: str) -> str:
    """``0100010800ff`` → ``1-0:1.8.0*255``; text that is no OBIS code comes back unchanged."""
    try:
        return str(Obis.parse(obis))
    except ValueError:
        return obis


def split_qualified_obis(name: str) -> tuple[str, str]:
    """``0100010800ff.0551010038180402.sm`` → (``0100010800ff``, ``0551010038180402``).

    Firmware v3.87 sends the bare 12 hex digits; then the meter id is ``""``.
    """
    head, _, rest = name.partition(".")
    if rest.endswith(".sm"):
        rest = rest[:-3]
    return head.lower(), rest
