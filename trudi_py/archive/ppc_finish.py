"""Finishing a PPC archive: users merged, tables assembled, manifest written.

The fetching job (:mod:`trudi_py.jobs.archive_ppc`) commits one journal step per portal
query; here, after the last session, the steps of every HAN user are merged per meter (one
value per register and quarter hour, the first user's kept), the readings CSV and logbook
are assembled from the spools, the normalised documents (:mod:`.ppc_docs`) and
``exports.json`` are written, and the manifest (``gateway.vendor: "ppc"``) closes the ZIP.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from trudi_py import __version__
from trudi_py.archive.assemble import finish_database, finish_logbook
from trudi_py.archive.csvformat import encode_rows, log_rows
from trudi_py.archive.manifest import FORMAT, FORMAT_VERSION, REPORT, USER_INFO, usage_point_member
from trudi_py.archive.ppc_docs import (
    SCALER,
    UNIT_WH,
    meter_point,
    meter_point_id,
    point_info,
    profile_point,
)
from trudi_py.archive.ppc_raw import PPC_RAW_NAME
from trudi_py.archive.store import ArchiveResult, ArchiveStore
from trudi_py.archive.writer import ArchiveWriter
from trudi_py.model import Channel, LogEntry
from trudi_py.model.times import format_utc, parse_time
from trudi_py.vendors.ppc import logbook as ppc_logbook

EXPORTS = "exports.json"
LOG_MERGED = "ppc|log|merged"
LOG_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
VerdictHook = Callable[[Path], Sequence[Any]]


def _steps(writer: ArchiveWriter, kind: str) -> list[tuple[int, str, Any]]:
    """(user index, key, data) of the committed steps ``ppc|<i>|<kind>|…``, by user."""
    out = []
    for key, data in writer.state.data.items():
        parts = key.split("|")
        if len(parts) >= 3 and parts[0] == "ppc" and parts[1].isdigit() and parts[2] == kind:
            out.append((int(parts[1]), key, data))
    return sorted(out, key=lambda s: (s[0], s[1]))


def _merge_month(writer: ArchiveWriter, key: str, steps: list[str], first: str,
                 end: str) -> None:
    """One spool per register for the targets in ``[first, end)`` (UTC texts) from the
    steps that overlap it, in user order: each target once (the first user's), sorted.
    Users' windows differ (their register count sizes them), so months are the grid."""
    counts: dict[str, int] = {}
    registers = sorted({o for s in steps for o in writer.state.data[s]["rows"]})
    for obis in registers:
        rows: dict[str, str] = {}
        for step in steps:
            path = writer.spool_path(step, obis)
            if not path.exists():
                continue
            for line in path.read_text("utf-8").splitlines(keepends=True):
                target = line.split(",", 4)[3]  # target_time
                if first <= target < end:
                    rows.setdefault(target, line)
        out = writer.spool_path(key, obis)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("".join(rows[t] for t in sorted(rows)), "utf-8")
        counts[obis] = len(rows)
    writer.commit(key, data={"rows": counts})


def _months(first: datetime, last: datetime) -> list[tuple[datetime, datetime]]:
    """UTC calendar months ``[start, next start)`` covering ``first`` … ``last``."""
    out = []
    month = datetime(first.year, first.month, 1, tzinfo=UTC)
    while month <= last:
        nxt = datetime(month.year + month.month // 12, month.month % 12 + 1, 1, tzinfo=UTC)
        out.append((month, nxt))
        month = nxt
    return out


def _databases(writer: ArchiveWriter, meters: dict[str, dict[str, Any]], excel: bool,
               charts: bool) -> list[dict[str, Any]]:
    """Per meter: the merged windows, then ``readings/meter-<id>/origin.csv``."""
    st = writer.state
    values = _steps(writer, "values")
    out = []
    for meter_id, meter in sorted(meters.items()):
        upid = meter_point_id(meter_id)
        finish_key = f"ppc|finish|{upid}"
        if finish_key not in st.done:
            mine = [(parse_time(d["after"]), parse_time(d["until"]), key)
                    for _, key, d in values if d["meter-id"] == meter_id]  # in user order
            windows: list[tuple[str, datetime | None]] = []
            if mine:
                for a, b in _months(min(m[0] for m in mine), max(m[1] for m in mine)):
                    merged = f"ppc|merged|{meter_id}|{format_utc(a)}"
                    if merged not in st.done:
                        _merge_month(writer, merged, [k for lo, hi, k in mine
                                                      if lo < b and hi >= a],
                                     format_utc(a), format_utc(b))
                    windows.append((merged, a))
            excluded = [(parse_time(m["from"]), parse_time(m["to"]))
                        for m in st.missing.values() if m.get("what") == "readings"
                        and m.get("usage-point-id") == upid and m.get("from") and m.get("to")]
            meta = {o: Channel(o, SCALER, UNIT_WH) for o in meter["registers"]}
            start = parse_time(meter["start"]) if meter.get("start") else None
            summary = finish_database(writer, upid, "origin", windows, meta, start, excluded,
                                      excel=excel, charts=charts)
            writer.commit(finish_key, data=summary)
        out.append(st.data[finish_key])
    return out


def _logbook(writer: ArchiveWriter, moment: datetime, excel: bool
             ) -> tuple[int, list[list[str]]]:
    """``logbook.csv`` from every user's logbook: each entry once, oldest first."""
    if LOG_MERGED not in writer.state.done:
        windows = []
        for _, key, _data in _steps(writer, "log"):
            raw = json.loads(writer.log_spool(key).read_text("utf-8"))
            windows.append([LogEntry(**{**e, "time": parse_time(e["time"])}) for e in raw])
        entries = ppc_logbook.collect(windows, LOG_EPOCH, moment)
        writer.log_spool(LOG_MERGED).write_bytes(encode_rows(log_rows(entries)))
        writer.commit(LOG_MERGED, data={"entries": len(entries)})
    return finish_logbook(writer, [LOG_MERGED], excel=excel)


def _documents(writer: ArchiveWriter) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """Meters and profiles of every user, merged (meter id; Profil-ID, first kept)."""
    meters: dict[str, dict[str, Any]] = {}
    users_of: dict[int, set[str]] = {}
    for user, _key, data in _steps(writer, "meters"):
        for label, meter_id, registers in data["meters"]:
            m = meters.setdefault(meter_id, {"label": label, "registers": set(),
                                             "start": data.get("start")})
            m["registers"] |= set(registers)
            if data.get("start") and (not m["start"] or data["start"] < m["start"]):
                m["start"] = data["start"]
            users_of.setdefault(user, set()).add(meter_id)
    profiles: dict[str, dict[str, Any]] = {}
    for user, _key, data in _steps(writer, "profiles"):
        for prof in data["profiles"]:
            entry = profiles.setdefault(prof["id"], {**prof, "meters": set()})
            entry["meters"] |= users_of.get(user, set())
    points = [profile_point(p, p["meters"]) for _, p in sorted(profiles.items())]
    for meter_id, m in sorted(meters.items()):
        m["registers"] = sorted(m["registers"])
        start = parse_time(m["start"]) if m["start"] else None
        points.append(meter_point(meter_id, m["label"], start))
    return meters, points


def finish_ppc(writer: ArchiveWriter, moment: datetime, *, excel: bool, report: bool,
               requests: int, bytes_received: int, resumed: bool, started: float,
               verdicts: VerdictHook | None = None) -> ArchiveResult:
    """Assemble the archive after the last session and rename ``.part`` to its name."""
    st = writer.state
    meters, points = _documents(writer)
    databases = _databases(writer, meters, excel, report)
    n_log, log_table = _logbook(writer, moment, excel)
    writer.write_json(USER_INFO, {"usage-points": points})
    for point in points:
        upid = point["usage-point-id"]
        registers = meters[upid.removeprefix("meter-")]["registers"] if "ppc-meter" in point \
            else []
        writer.write_json(usage_point_member(upid),
                          point_info(upid, point["usage-point-name"], registers))
    exports = [{"kind": "values", **data, "user": user}
               for user, _k, data in _steps(writer, "export")]
    for user, _k, data in _steps(writer, "profiles"):
        exports += [{**p["export"], "profile": p["id"], "user": user}
                    for p in data["profiles"] if p.get("export")]
        if data.get("comm-export"):
            exports.append({**data["comm-export"], "user": user})
    for user, _k, data in _steps(writer, "log"):
        exports += [{**e, "user": user} for e in data.get("exports", [])]
    writer.write_json(EXPORTS, {"exports": exports})
    missing = [m for _, m in sorted(st.missing.items())]
    gaps = [g for db in databases for c in db["channels"] for g in c["gaps"]]
    warnings = [w for k in sorted(st.warnings) for w in st.warnings[k]]
    invalid = sum(d.get("not-valid", 0) for _, _, d in _steps(writer, "values"))
    if invalid:
        warnings.append(f"{invalid} values the portal marked not valid (istvalide 2/3) are "
                        f"not in the readings tables; raw/ keeps them")
    info, header = st.data["ppc|identity"], st.header
    gateway = {"smgw-id": info["smgw-id"], "firmware-version": info["firmware"],
               "firmware-hash": "", "url": header["url"], "tls-sha256": header["tls-sha256"],
               "vendor": "ppc"}
    readings = {db["usage-point-id"]: {db["database"]: db["rows"]} for db in databases}
    n_raw = sum(1 for m in st.members + writer.new_members if PPC_RAW_NAME.match(m.path))
    counts = {"requests": n_raw, "log-entries": n_log, "readings": readings,
              "exports": sum(1 for e in exports if e.get("raw"))}
    users = [d["user"] for _, _, d in _steps(writer, "profiles")]
    created = format_utc(datetime.now(UTC))
    manifest: dict[str, Any] = {
        "format": FORMAT, "format-version": FORMAT_VERSION, "created": created,
        "tool": f"trudi_py {__version__}", "gateway": gateway, "userid": header["userid"],
        "complete": not missing, "missing": missing, "counts": counts, "files": [],
        "archive-until": format_utc(moment), "gaps": gaps, "warnings": warnings,
        "users": users}
    store = ArchiveStore(writer, excel=excel, report=report)
    if report:
        found = store._verdicts(manifest, verdicts) if verdicts is not None else []
        from trudi_py.archive.report import build_report
        charts = {db["chart"]: (writer.sidecar / db["chart"]).read_bytes()
                  for db in databases if db.get("chart")
                  and (writer.sidecar / db["chart"]).exists()}
        ctx = {"gateway": {**gateway, "smgw-time": format_utc(moment)},
               "userid": ", ".join(users), "created": created, "complete": not missing,
               "missing": missing, "gaps": gaps, "warnings": warnings,
               "usage-points": points, "databases": databases, "log-rows": log_table,
               "verdicts": found, "verdicts-cover": manifest.get("verdicts")}
        writer.write_member(REPORT, build_report(ctx, charts).encode("utf-8"))
    store._write_manifest(manifest)
    out = store.out
    writer.close_and_rename(out)
    return ArchiveResult(
        path=out, complete=not missing, missing=missing, gaps=gaps, warnings=warnings,
        counts=counts, requests_this_run=requests, handshakes=0,
        bytes_received=bytes_received, elapsed_s=time.monotonic() - started,
        resumed=resumed)
