"""``showTarificationRegister`` of the simulated portal: the registers of a billing period.

What a real portal lists there for TAF-1 is a GUESS of PPC_HAN.md §4; the simulator shows,
per register the user may see, the meter reading at the period's begin and at its end
(``sollzeitpunkt`` = the boundary, ``zeitstempel`` = the reading's own :01 stamp), tariff
stage 1 — and nothing for a boundary without a valid reading. ``offset`` (0.1 Wh) makes a
portal whose registers disagree with its own meter values, for the checked-wrong case.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from trudi_py.simulator.loadshape import BERLIN
from trudi_py.simulator.ppc.data import PpcRow


@dataclass(frozen=True)
class RegisterRow:
    """One row of ``table_tafregister``."""

    zeitstempel: str
    sollzeitpunkt: str
    qualitaet: str
    wert: str  # kWh, four decimals
    einheit: str
    obis: str
    kostenstufe: str


def register_rows(rows: Mapping[str, Sequence[PpcRow]], obis: Sequence[str],
                  boundaries: Sequence[str], offset: int = 0) -> list[RegisterRow]:
    """The register rows of a period with the given local boundaries (``YYYY-MM-DD
    HH:MM:SS``), per boundary and register."""
    out = []
    for text in boundaries:
        if not text:
            continue
        target = datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=BERLIN)
        for code in obis:
            found = next((r for r in rows.get(code, ()) if r.target == target
                          and r.valid == 1), None)
            if found is None:
                continue
            raw = found.raw + offset
            out.append(RegisterRow(found.local_text, text, "0",
                                   f"{raw // 10000}.{raw % 10000:04d}", "kWh", code, "1"))
    return out
