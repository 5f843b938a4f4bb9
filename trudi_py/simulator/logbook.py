"""A consumer logbook over the life of the contracts (German messages, syslog levels).

Regular entries: cyclic self-tests (every 4 hours on the old firmware, every 24 hours from
v3.87 on, as the handbook v2.13.0 says), twice-daily transmissions of the TAF-7
values to the market participant, daily time synchronisation, closed billing periods, the
consumer's own logins; irregular ones: gateway starts every few weeks (each with the
``THE``/``19013``/``0`` entry listing the active special functions), a firmware update, the
meter outage behind the TAF-7 gap and the PTB warnings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise

import numpy as np

from trudi_py.model.gateway import self_test_interval_h
from trudi_py.simulator.data import SimLogEntry
from trudi_py.simulator.household import ConsumerEvents
from trudi_py.simulator.loadshape import BERLIN

OLD_FIRMWARE = "v3.80.2"
SPECIAL_FUNCTIONS = ("Aktive Sonderfunktionen: Transparenzbit gesetzt (TAF-1, TAF-2); "
                     "HAN-Zugang Letztverbraucher (HTTP-Digest, TLS-Client-Zertifikat).")


@dataclass(frozen=True)
class _Event:
    time: datetime
    level: str
    event_id: str
    sub_id: str
    vendor: str
    outcome: str
    message: str
    subject: str


def _local(t: datetime) -> str:
    """Wall time with offset as the gateway writes it into messages (``+02:00``)."""
    return t.astimezone(BERLIN).isoformat(timespec="seconds")


def build_logbook(*, userid: str, smgw_id: str, firmware: str, meter_id: str,
                  start: datetime, now: datetime, events: ConsumerEvents,
                  seed: int) -> list[SimLogEntry]:
    """The consumer's logbook from shortly before ``start`` until ``now``, indices from 1."""
    rng = np.random.default_rng(seed)
    out: list[_Event] = []
    install = start - timedelta(days=2, hours=-9)

    def add(t: datetime, level: str, eid: str, vendor: str, message: str,
            subject: str = smgw_id, outcome: str = "0", sub_id: str = "0") -> None:
        if install <= t <= now:
            out.append(_Event(t.replace(microsecond=0), level, eid, sub_id, vendor, outcome,
                              message, subject))

    update_at = start + (now - start) * 0.4
    add(install, "5", "19001", "THE", "Das Smart Meter Gateway wurde in Betrieb genommen.")
    add(update_at, "5", "19020", "THE",
        f"Firmware-Update auf Version {firmware} erfolgreich installiert.")

    # Gateway starts: after installation, every 2-5 weeks, and right after the update.
    starts = [install + timedelta(minutes=3)]
    t = starts[0]
    while t < now:
        t += timedelta(days=int(rng.integers(14, 36)), minutes=int(rng.integers(0, 1440)))
        starts.append(t)
    starts.append(update_at + timedelta(minutes=2))
    for t in sorted(starts):
        fw = firmware if t > update_at else OLD_FIRMWARE
        add(t, "5", "1001", "BSI", f"Das Smart Meter Gateway wurde gestartet (Firmware {fw}).")
        add(t + timedelta(seconds=41), "6", "19013", "THE", SPECIAL_FUNCTIONS)
        add(t + timedelta(seconds=95), "6", "10003", "BSI",
            "Der Selbsttest nach dem Systemstart wurde erfolgreich abgeschlossen.")
        add(t + timedelta(seconds=130), "6", "12002", "BSI",
            "Die Systemzeit wurde nach dem Start synchronisiert.")

    # Daily routine.
    day = start.replace(hour=0, minute=0, second=0) - timedelta(days=1)
    value_id = int(rng.integers(10_000, 20_000))
    last_sent = start
    up_ids = [up.usage_point_id for up in events.tariff_ups]
    taf7 = events.taf7_id or (up_ids[0] if up_ids else smgw_id)
    while day < now:
        fw = firmware if day > update_at else OLD_FIRMWARE
        for h in range(0, 24, self_test_interval_h(fw) or 4):
            add(day + timedelta(hours=h, seconds=int(rng.integers(5, 60))), "6", "10001", "BSI",
                "Der zyklische Selbsttest wurde erfolgreich abgeschlossen.")
        add(day + timedelta(hours=3, minutes=int(rng.integers(0, 20)),
                            seconds=int(rng.integers(0, 60))), "6", "12001", "BSI",
            f"Die Systemzeit wurde synchronisiert (Abweichung {int(rng.integers(1, 400))} ms).")
        for h in (1, 13):
            sent = day + timedelta(hours=h, minutes=int(rng.integers(1, 15)),
                                   seconds=int(rng.integers(0, 60)))
            if sent <= start:
                continue
            upto = sent.replace(minute=0, second=0)
            n = 2 * int((upto - last_sent) // timedelta(minutes=15))
            if events.gap and last_sent < events.gap[0] <= upto:
                n -= 2 * int((events.gap[1] - events.gap[0]) // timedelta(minutes=15) + 1)
            add(sent, "6", "16001", "BSI",
                f"Es wurden {n} Messwerte an den Marktteilnehmer für den Zeitraum "
                f"{_local(last_sent)} (Id={value_id + 1}) bis {_local(upto)} "
                f"(Id={value_id + n}) übertragen.", subject=taf7)
            value_id += n
            last_sent = upto
        if rng.random() < 0.3:
            add(day + timedelta(hours=int(rng.integers(7, 22)), minutes=int(rng.integers(0, 60))),
                "6", "11001", "BSI",
                "Der Letztverbraucher hat sich an der HAN-Schnittstelle angemeldet.",
                subject=userid)
        day += timedelta(days=1)

    for a, b in pairwise(events.boundaries):
        for up_id in up_ids:
            add(b + timedelta(minutes=20, seconds=int(rng.integers(0, 60))), "6", "16002", "BSI",
                f"Die Abrechnungsperiode {_local(a)} bis {_local(b)} wurde abgeschlossen; die "
                f"Tarifregister wurden an den Marktteilnehmer übertragen.", subject=up_id)
    if events.gap:
        g0, g1 = events.gap
        add(g0 - timedelta(minutes=14), "3", "14001", "BSI",
            f"Der Zähler {meter_id} antwortet nicht. Ab {_local(g0 - timedelta(minutes=15))} "
            f"liegen keine Messwerte vor.", subject=taf7, outcome="1")
        add(g1 + timedelta(minutes=16), "6", "14002", "BSI",
            f"Die Verbindung zum Zähler {meter_id} wurde wiederhergestellt.", subject=taf7)
    for w in events.warnings:
        add(w - timedelta(minutes=13), "4", "12010", "THE",
            "Die Abweichung der Systemzeit überschreitet die Warnschwelle; Messwerte werden mit "
            "PTB-Warnung gekennzeichnet.")

    out.sort(key=lambda e: e.time)
    return [SimLogEntry(i, e.time, e.level, e.event_id, e.sub_id, e.vendor, e.outcome,
                        e.message, e.subject, userid)
            for i, e in enumerate(out, start=1)]
