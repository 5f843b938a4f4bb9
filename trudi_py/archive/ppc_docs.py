"""The normalised members of a PPC archive, in the shapes the CONEXA archive uses.

So that :class:`~trudi_py.archive.reader.ArchiveSource` (and with it the GUI and ``verify``)
reads a PPC archive like any other, the portal's data is written as:

- ``smgw-info.json``: the gateway id from the certificate, the portal footer's firmware
  (``firmware-info``), every ``swversions`` row (``firmware-components``), the HAN TLS
  certificate, ``vendor: "ppc"``; ``smgw-time`` is the archive moment of this computer's
  clock (the portal shows no gateway time);
- ``user-info.json``: one usage point per tariff profile (id = its Profil-ID, TAF, billing
  periods, the profile's label/value rows as ``ppc-profile``) and one per meter
  (``meter-<meter id>``), which holds that meter's values: the portal shows values per meter,
  not per profile; a profile names its meters in ``meter``;
- ``usage-points/<id>.json``: a profile has no database, a meter point the database
  ``origin`` with one channel per register (scaler -1, unit 30 = Wh: 0.1 Wh integers).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from trudi_py.model.times import format_utc

#: The portal's values in 0.1 Wh.
SCALER, UNIT_WH = -1, 30
METER_POINT_PREFIX = "meter-"


def meter_point_id(meter_id: str) -> str:
    """The usage-point id under which a meter's values are archived."""
    return f"{METER_POINT_PREFIX}{meter_id}"


def smgw_info_doc(gateway_id: str, footer: str, components: Sequence[Sequence[str]],
                  han_pem: str, moment: datetime, extra: Mapping[str, Any]) -> dict[str, Any]:
    """``smgw-info.json`` of a PPC gateway."""
    certs = {"han": {"tls": han_pem.encode("ascii").hex()}} if han_pem else {}
    return {"smgw-id": gateway_id,
            "firmware-info": {"component": "han-portal", "version": footer, "hash": ""},
            "firmware-components": [{"component": c, "version": v, "hash": h}
                                    for c, v, h in components],
            "smgw-state": "", "smgw-time": format_utc(moment), "state-flags": [],
            "certificates": certs, "interface-version": "", "vendor": "ppc", **extra}


def profile_point(profile: Mapping[str, Any], meters: Iterable[str]) -> dict[str, Any]:
    """A tariff profile as a ``user-info`` usage point. ``profile``: label, rows, periods
    (``[[start, end or None], …]`` as UTC texts), taf."""
    rows = dict(profile["rows"])
    return {"usage-point-id": profile["id"], "usage-point-name": profile["label"],
            "taf-number": profile["taf"], "taf-state": "", "start-time": None,
            "end-time": None, "capture-time": "",
            "meter": [{"meter-id": m} for m in sorted(set(meters))],
            "metering-point-id": rows.get("Zählpunktbezeichnung", ""),
            "billing-periods": [{"start-time": s, "end-time": e} for s, e in profile["periods"]],
            "ppc-profile": rows}


def meter_point(meter_id: str, label: str, start: datetime | None) -> dict[str, Any]:
    """A meter as a ``user-info`` usage point holding its values."""
    return {"usage-point-id": meter_point_id(meter_id), "usage-point-name": label,
            "taf-number": "", "taf-state": "",
            "start-time": format_utc(start) if start else None, "end-time": None,
            "capture-time": "", "meter": [{"meter-id": meter_id}], "ppc-meter": label}


def point_info(usage_point_id: str, name: str, registers: Iterable[str]) -> dict[str, Any]:
    """``usage-points/<id>.json``: ``origin`` with the registers (none for a profile)."""
    obis = sorted(set(registers))
    databases = [{"database": "origin",
                  "channels": [{"obis": o, "scaler": SCALER, "unit": UNIT_WH} for o in obis]}
                 ] if obis else []
    return {"usage-point-id": usage_point_id, "usage-point-name": name,
            "databases": databases}
