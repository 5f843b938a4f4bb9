"""The meter values the portal shows, from the household generator of the CONEXA simulator.

Registers are kept as integers in 0.1 Wh (scaler -1, as the household generator makes
them); the portal prints them in kWh with four decimals, so every value is exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np

from trudi_py.simulator.loadshape import BERLIN, build_axis, household_increments

IMPORT, EXPORT = "1-0:1.8.0", "1-0:2.8.0"
_NAMES = {IMPORT: "Bezug", EXPORT: "Einspeisung"}
INVALID_EVERY = 97  # one row in 97 is flagged invalid (istvalide=2), deterministically


@dataclass(frozen=True)
class PpcRow:
    """One table row of showMeterValues: one register at one quarter hour."""

    target: datetime  # UTC, on the 15-minute grid
    obis: str  # "1-0:1.8.0"
    raw: int  # 0.1 Wh
    valid: int  # 1 valid, 2 invalid

    @property
    def local_text(self) -> str:
        """The portal's timestamp: Berlin wall time at second :01."""
        return (self.target + timedelta(seconds=1)).astimezone(BERLIN).strftime(
            "%Y-%m-%d %H:%M:%S")

    @property
    def kwh_text(self) -> str:
        """kWh with a decimal point and four decimals ("724.9204")."""
        return f"{self.raw // 10000}.{self.raw % 10000:04d}"

    @property
    def name(self) -> str:
        """The register's name as the portal shows it."""
        return _NAMES.get(self.obis, self.obis)


def build_rows(start: datetime, end: datetime, seed: int) -> dict[str, list[PpcRow]]:
    """Import and export register rows from ``start`` to ``end`` (UTC, quarter-hour grid),
    oldest first, keyed by OBIS."""
    axis = build_axis(start.astimezone(UTC), end.astimezone(UTC))
    imp, exp = household_increments(axis, np.random.default_rng(seed))
    times = axis.datetimes()
    series = {IMPORT: 72_490_000 + np.cumsum(imp), EXPORT: 18_120_000 + np.cumsum(exp)}
    rows: dict[str, list[PpcRow]] = {}
    for k, (obis, values) in enumerate(series.items()):
        rows[obis] = [PpcRow(t, obis, int(v), 2 if (i + 31 * k) % INVALID_EVERY == 50 else 1)
                      for i, (t, v) in enumerate(zip(times, values, strict=True))]
    return rows



def obis_hex(text: str) -> str:
    """``"1-0:1.8.0"`` → ``"0100010800ff"`` (the simulator's own, independent of the client)."""
    a, rest = text.split("-", 1)
    b, rest = rest.split(":", 1)
    c, d, e = rest.split(".")
    return "".join(f"{int(g):02x}" for g in (a, b, c, d, e)) + "ff"


@dataclass(frozen=True)
class PpcLogRow:
    """One logbook entry of the portal (PPC_HAN.md §4: levels INFO/WARNING/ERROR/FATAL,
    outcomes erfolgreich/fehlgeschlagen)."""

    time: datetime  # UTC, whole seconds
    level: str
    log_id: str
    text: str
    outcome: str

    @property
    def local_text(self) -> str:
        """The row's time as the portal prints it (local, second :01)."""
        return self.time.astimezone(BERLIN).strftime("%Y-%m-%d %H:%M:%S")


_EVENTS = (("INFO", "2001", "Zählerwerte vom Zähler {meter} empfangen", "erfolgreich"),
           ("INFO", "3010", "Anmeldung am HAN-Portal", "erfolgreich"),
           ("WARNING", "3011", "Anmeldung am HAN-Portal: falsches Passwort", "fehlgeschlagen"),
           ("ERROR", "2107", "Zähler {meter} antwortet nicht (LMN)", "fehlgeschlagen"),
           ("INFO", "1005", "Zeitsynchronisation durchgeführt", "erfolgreich"))


def build_log(start: datetime, end: datetime, seed: int, meter_id: str) -> list[PpcLogRow]:
    """A deterministic logbook: an entry roughly every 47 minutes, oldest first."""
    rng = np.random.default_rng(seed + 7)
    out: list[PpcLogRow] = []
    t = start.astimezone(UTC).replace(microsecond=0) + timedelta(seconds=17)
    while t <= end:
        level, log_id, text, outcome = _EVENTS[int(rng.integers(0, len(_EVENTS)))]
        out.append(PpcLogRow(t, level, log_id, text.format(meter=meter_id), outcome))
        t += timedelta(seconds=int(rng.integers(600, 5000)))
    return out


#: Tariff profiles: name → label/value rows of showTariffProfile (PPC_HAN.md §4; values GUESS).
TARIFFS: dict[str, list[tuple[str, str]]] = {
    "Bezug 15-Minuten": [("Profil-ID", "27"), ("TAF-Typ", "TAF7 Zählerstandsgangmessung"),
                         ("Abrechnungsperiode (sek.)", "2678400"),
                         ("Registerperiode (sek.)", "900"), ("Vorhaltezeit (Tage)", "395"),
                         ("Beginn Validierungsperiode", "unbegrenzt")],
    "Bezug Monat": [("Profil-ID", "21"), ("TAF-Typ", "TAF1 Datensparsamer Tarif"),
                    ("Abrechnungsperiode (sek.)", "2678400"),
                    ("Registerperiode (sek.)", "2678400"), ("Vorhaltezeit (Tage)", "395"),
                    ("Beginn Validierungsperiode", "unbegrenzt")],
}

SW_VERSIONS = (("smgw-bootstream", "33918", "9f3c2a61"), ("smgw-services", "34868", "0b77de12"),
               ("smgw-han-portal", "00950-34900", "5e1a0c9d"))
