"""The JSON shapes of cli.md: the gateway's field names, values as sent, times UTC ``Z``."""

from __future__ import annotations

import json
import sys
from typing import Any

from trudi_py.model import (
    Channel,
    ChannelReadings,
    GatewayInfo,
    LogEntry,
    UsagePoint,
    UsagePointInfo,
)
from trudi_py.model.times import format_utc


def emit_json(document: Any) -> None:
    """One JSON document on stdout, nothing else there."""
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def info_json(info: GatewayInfo, tls_sha256: str, userid: str) -> dict[str, Any]:
    """The ``info --json`` document (docs/cli.md)."""
    return {"smgw-id": info.smgw_id,
            "firmware-info": {"component": info.firmware.component,
                              "version": info.firmware.version, "hash": info.firmware.hash},
            "smgw-state": info.state, "smgw-time": format_utc(info.time),
            "state-flags": info.state_flags, "tls-sha256": tls_sha256, "userid": userid,
            "han-certificate": _certificate_json(info.han_tls_pem)}


def _certificate_json(pem: str) -> dict[str, Any] | None:
    """Subject, issuer, serial, validity, key type and SHA-256 of the reported HAN
    certificate (read also when ``cryptography`` refuses it); None if none is readable."""
    from trudi_py.model.certificate import read_certificate
    facts = read_certificate(pem)
    if facts is None:
        return None
    return {"subject": facts.subject, "issuer": facts.issuer, "serial": str(facts.serial),
            "not-before": _time(facts.not_before), "not-after": _time(facts.not_after),
            "key-type": facts.key_type, "sha256": facts.sha256}


def _time(value: Any) -> str:
    return format_utc(value) if value is not None else ""


def usage_point_json(raw: dict[str, Any], point: UsagePoint,
                     detail: UsagePointInfo | None) -> dict[str, Any]:
    """A ``user-info`` entry as sent, times normalised, plus its databases and channels."""
    out = dict(raw)
    out["start-time"] = _time(point.start)
    out["end-time"] = _time(point.end)
    key = "billing-Periods" if "billing-Periods" in raw else "billing-periods"
    if key in raw:
        out[key] = [{"start-time": _time(p.start), "end-time": _time(p.end)}
                    for p in point.billing_periods]
    if detail is not None:
        out["databases"] = [{"database": db.name,
                             "channels": [{"obis": c.obis, "scaler": str(c.scaler),
                                           "unit": str(c.unit)} for c in db.channels]}
                            for db in detail.databases]
    return out


def readings_json(usage_point_id: str, database: str, channels: list[ChannelReadings],
                  meta: dict[str, Channel]) -> dict[str, Any]:
    """The ``readings --json`` document: channels with unit, scaler and values."""
    out = []
    for ch in channels:
        info = meta.get(ch.obis)
        out.append({"obis": ch.obis, "meter-id": ch.meter_id,
                    "scaler": str(info.scaler) if info else "",
                    "unit": str(info.unit) if info else "",
                    "readings": [{"target-time": format_utc(r.target_time),
                                  "capture-time": _time(r.capture_time), "value": r.value,
                                  "cosem-status": r.cosem_status, "smgw-status": r.smgw_status,
                                  "meter-status": r.meter_status,
                                  "owner-number": r.owner_number, "signature": r.signature}
                                 for r in ch.readings]})
    return {"usage-point-id": usage_point_id, "database": database, "channels": out}


def log_json(entries: list[LogEntry]) -> dict[str, Any]:
    """The ``log --json`` document: every entry with all its fields."""
    return {"entries": [{"index": str(e.index), "time": format_utc(e.time), "level": e.level,
                         "event-id": e.event_id, "event-sub-id": e.event_sub_id,
                         "vendor-id": e.vendor_id, "outcome": e.outcome, "message": e.message,
                         "subject-identity": e.subject_identity,
                         "user-identity": e.user_identity, "version": e.version}
                        for e in sorted(entries, key=lambda e: e.index)]}
