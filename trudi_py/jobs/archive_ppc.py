"""The decommissioning archive of a PPC gateway (its HAN portal), shared by CLI and GUI.

Entered from :func:`trudi_py.jobs.archive.archive` when the gateway is a PPC. Per HAN user
(one portal session each, one after the other — the portal allows one session at a time —
and always logged out): identity (``swversions``, the certificate), the tariff profiles with
their billing periods, the meters and their registers, every meter's values window by window
from the earliest billing period up to the archive moment (windows sized so that a query
stays under the portal's row limit; a query the portal still refuses is halved by the
client), the signed export (``exportMeterValues``) of each window, and the logbook. Several
users of one gateway (one per direction, 1.8.x / 2.8.x) become one archive: their meters'
registers are merged by meter, their profiles by Profil-ID.

Every request's answer goes byte-exact into ``raw/`` (:mod:`trudi_py.archive.ppc_raw`); the
normalised members follow :mod:`trudi_py.archive.ppc_docs`. Each finished step is committed
in the writer's journal: ``resume=True`` logs in again and skips what is committed (the
answers of a step cut off by the interruption stay in ``raw/``; the step is fetched anew).
"""

from __future__ import annotations

import dataclasses
import json
import ssl
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from trudi_py.archive.csvformat import encode_rows, reading_rows
from trudi_py.archive.manifest import HAN_CERTIFICATE, SMGW_INFO
from trudi_py.archive.plan import Missing
from trudi_py.archive.ppc_docs import SCALER, UNIT_WH, meter_point_id, smgw_info_doc
from trudi_py.archive.ppc_finish import finish_ppc
from trudi_py.archive.ppc_raw import PpcRawRecord
from trudi_py.archive.store import ArchiveResult
from trudi_py.archive.writer import ArchiveWriter, remove_finished_leftover
from trudi_py.errors import (
    ArchiveConflict,
    AuthError,
    Cancelled,
    ConnectError,
    GatewayError,
    LockedOut,
    SessionRefused,
    UsageError,
)
from trudi_py.i18n import msg
from trudi_py.jobs.archive_steps import default_name, find_part, verify_written
from trudi_py.jobs.base import CancelToken, Progress, ProgressCallback, no_progress
from trudi_py.m2m.pinning import fingerprint
from trudi_py.m2m.settings import ConnectionSettings
from trudi_py.m2m.transport import certificate_subject
from trudi_py.model import Channel, LogEntry
from trudi_py.model.times import format_utc, parse_time
from trudi_py.vendors.detect import gateway_id_in
from trudi_py.vendors.ppc import Meter, PpcPortal
from trudi_py.vendors.ppc import tariffs as ppc_tariffs
from trudi_py.vendors.ppc.exchange import PpcExchange
from trudi_py.vendors.ppc.query import local_text

#: The logbook from here (the portal refuses 1970, PPC_HAN.md §3).
LOG_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
#: The portal's row limit per query (GUESS of PPC_HAN.md: "…00 erlaubt"); windows are sized
#: to stay under it, and a refusal is still answered by halving.
ROW_LIMIT = 1000
QUARTER = timedelta(minutes=15)
#: Errors after which the session is gone or the gateway unreachable: the run stops and keeps
#: its ``.part`` for ``--resume`` (never a second login in this run).
STOPPING = (AuthError, LockedOut, SessionRefused, ConnectError, Cancelled)


def window_days(registers: int) -> int:
    """Days per values query: 96 rows per register and day under :data:`ROW_LIMIT`."""
    return max(1, min(10, ROW_LIMIT // (96 * max(1, registers))))


def plan_windows(start: datetime, end: datetime, days: int) -> list[tuple[datetime, datetime]]:
    """``[a, b]`` windows (both inclusive, on the quarter-hour grid) tiling ``[start, end]``."""
    out = []
    a = start
    while a <= end:
        nxt = a + timedelta(days=days)
        out.append((a, min(nxt - QUARTER, end)))
        a = nxt
    return out


def archive_ppc(settings: ConnectionSettings, out: Path, *,
                progress: ProgressCallback = no_progress, cancel: CancelToken | None = None,
                resume: bool = False, excel: bool = True, report: bool = True,
                users: Sequence[tuple[str, str]] = (), now: datetime | None = None
                ) -> ArchiveResult:
    """Archive the PPC gateway at ``settings.url`` (user ``settings.user`` and the further
    HAN users ``users`` as (name, password)) into ``out`` (a file, or a folder for the
    default name). Raises the error that stopped the run (``.part`` kept for ``resume``)."""
    return PpcArchiveJob(settings, Path(out), progress, cancel or CancelToken(), resume,
                         excel, report, users, now).run()


class PpcArchiveJob:
    """One run over one or more HAN users of one PPC gateway."""

    def __init__(self, settings: ConnectionSettings, out: Path, progress: ProgressCallback,
                 cancel: CancelToken, resume: bool, excel: bool, report: bool,
                 users: Sequence[tuple[str, str]], now: datetime | None) -> None:
        self.settings, self.out, self.progress, self.cancel = settings, out, progress, cancel
        self.resume, self.excel, self.report = resume, excel, report
        if not settings.user or settings.password is None:
            raise UsageError(msg("The PPC portal needs a user name and a password."))
        self.accounts = [(settings.user, settings.password), *users]
        moment = (now or datetime.now(UTC)).astimezone(UTC)
        self.moment = moment.replace(microsecond=0)
        self.writer: ArchiveWriter | None = None
        self.pending: list[PpcExchange] = []
        self.seq = 1
        self.done = 0
        self.bytes = 0
        self.requests = 0
        self.started = time.monotonic()

    # -- plumbing -----------------------------------------------------------------------------
    def _exchange(self, ex: PpcExchange) -> None:
        self.pending.append(ex)
        self.bytes += len(ex.body)
        self.requests += 1

    def _step(self, action: str) -> None:
        self.cancel.raise_if_cancelled()
        self.done += 1
        self.progress(Progress(self.done, 0, "archive", action, None, self.bytes))

    def _w(self) -> ArchiveWriter:
        assert self.writer is not None, "the writer is created after the identity"
        return self.writer

    def _commit(self, key: str, data: Any = None, missing: dict[str, Any] | None = None,
                warnings: list[str] | None = None) -> None:
        """Write the pending answers to ``raw/`` and commit ``key``."""
        w = self._w()
        taken, self.pending = self.pending, []
        for ex in sorted(taken, key=lambda e: e.seq):
            rec = PpcRawRecord(ex)
            w.write_member(rec.body_name, ex.body)
            w.write_member(rec.meta_name, rec.meta_bytes())
            w.state.max_seq = max(w.state.max_seq, ex.seq)
        w.commit(key, data=data, missing=missing, warnings=warnings)

    def _done(self, key: str) -> bool:
        return self.writer is not None and key in self.writer.state.done

    def _data(self, key: str) -> Any:
        return self._w().state.data.get(key)

    # -- the run ------------------------------------------------------------------------------
    def run(self) -> ArchiveResult:
        """Every user's session, then the archive's tables and manifest."""
        if self.resume:
            part = find_part(self.out)
            remove_finished_leftover(part)
            self.writer = ArchiveWriter.resume(part)
            header = self.writer.state.header
            if header.get("vendor") != "ppc":
                raise ArchiveConflict(msg("{part} is not the archive of a PPC gateway.",
                                          part=part))
            self.moment = parse_time(header["archive-until"])
            self.seq = self.writer.state.max_seq + 1
        try:
            for index, (user, password) in enumerate(self.accounts):
                self._session(index, dataclasses.replace(self.settings, user=user,
                                                         password=password))
            w = self._w()
            return finish_ppc(w, self.moment, excel=self.excel, report=self.report,
                              requests=self.requests, bytes_received=self.bytes,
                              resumed=self.resume, started=self.started,
                              verdicts=verify_written if self.report else None)
        except BaseException:
            if self.writer is not None:
                self.writer.abandon()
            raise

    def _session(self, index: int, settings: ConnectionSettings) -> None:
        portal = PpcPortal(settings, on_request=self._step, on_exchange=self._exchange,
                           first_seq=self.seq)
        try:
            portal.login()
            if index == 0 and not self._done("ppc|identity"):
                self._identity(portal)
            self._user(index, portal)
        finally:
            portal.close()  # the logout is one more exchange
            self.seq = portal.next_seq
            if self.writer is not None and self.pending:
                self._commit(f"ppc|raw|{self.pending[0].seq}")

    def _identity(self, portal: PpcPortal) -> None:
        versions = portal.firmware_versions()
        der = portal.pin_check.last_der
        gateway_id = gateway_id_in(certificate_subject(der)) if der else ""
        tls = fingerprint(der) if der else ""
        if self.writer is None:
            name = default_name(gateway_id or "EPPC-UNKNOWN", self.moment)
            out = self.out / name if self.out.is_dir() else self.out
            remove_finished_leftover(out.with_name(out.name + ".part"))
            if out.exists():
                raise ArchiveConflict(msg("{out} exists already.", out=out))
            self.writer = ArchiveWriter.create(out.with_name(out.name + ".part"), {
                "vendor": "ppc", "url": self.settings.base_url, "userid": self.settings.user,
                "tls-sha256": tls, "out": out.name, "archive-until": format_utc(self.moment)})
        pem = ssl.DER_cert_to_PEM_cert(der) if der else ""
        w = self._w()
        w.write_json(SMGW_INFO, smgw_info_doc(
            gateway_id, portal.firmware, [(v.component, v.version, v.hash) for v in versions],
            pem, self.moment, {"url": self.settings.base_url, "tls-sha256": tls,
                               "userid": self.settings.user}))
        if pem:
            w.write_member(HAN_CERTIFICATE, pem.encode("ascii"))
        self._commit("ppc|identity", data={"smgw-id": gateway_id, "firmware": portal.firmware,
                                           "tls-sha256": tls})

    def _user(self, index: int, portal: PpcPortal) -> None:
        """Profiles, meters, values, exports and logbook of one HAN user."""
        key = f"ppc|{index}|profiles"
        if not self._done(key):
            profiles = []
            for option in portal.tariffs():
                rows = portal.tariff_profile(option)
                periods, ttids = portal.tarification(option)
                shown = self._registers(portal, ttids)
                container = self._optional_export(portal, "tariff-profile",
                                                  "exportTariffProfile", tid=option.tid)
                profiles.append({
                    "id": rows.get("Profil-ID") or option.label, "label": option.label,
                    "taf": ppc_tariffs.taf(rows), "rows": rows, "registers": shown,
                    "periods": [[format_utc(p.start), format_utc(p.end) if p.end else None]
                                for p in periods], "export": container})
            comm = self._optional_export(portal, "comm-profile", "exportCommProfile")
            self._commit(key, data={"profiles": profiles, "user": portal.settings.user,
                                    "comm-export": comm})
        starts = [parse_time(p[0]) for k in self._profile_keys()
                  for prof in self._data(k)["profiles"] for p in prof["periods"]]
        meters = portal.meters()
        registers = {m.label: sorted({c.obis for c in portal.current_values(m)})
                     for m in meters}
        start = min(starts) if starts else None
        self._commit(f"ppc|{index}|meters|{self.seq}", data={
            "meters": [[m.label, m.meter_id, registers[m.label]] for m in meters],
            "start": format_utc(start) if start else None})
        end = self.moment.replace(minute=self.moment.minute - self.moment.minute % 15,
                                  second=0)
        for meter in meters:
            if start is None:
                self._commit(f"ppc|{index}|nostart|{meter.label}", missing=Missing(
                    "readings", "no billing period tells where the values start",
                    meter_point_id(meter.meter_id), "origin", None, self.moment).to_dict())
                continue
            for a, b in plan_windows(start, end, window_days(len(registers[meter.label]))):
                self._values(index, portal, meter, a, b)
                self._export(index, portal, meter, a, b)
        self._logbook(index, portal)

    def _registers(self, portal: PpcPortal, ttids: list[str]) -> int | str:
        """Fetch the registers of each linked billing period (raw/ keeps the pages, the
        check re-reads them); the count, or why the portal did not show them."""
        try:
            return sum(len(portal.tariff_registers(t)) for t in ttids)
        except STOPPING:
            raise
        except GatewayError as exc:
            return exc.message

    def _optional_export(self, portal: PpcPortal, kind: str, action: str,
                         **fields: str) -> dict[str, Any]:
        """A signed container the portal may or may not offer: its raw member, or why none
        (an error page is a note, not a gap: the data it would hold is archived otherwise)."""
        try:
            body, name = portal.export(action, **fields)
        except STOPPING:
            raise
        except GatewayError as exc:
            return {"kind": kind, "raw": None, "note": exc.message}
        sent = [e for e in self.pending if e.action == action]
        raw = PpcRawRecord(sent[-1]).body_name if sent and body else None
        return {"kind": kind, "raw": raw, "filename": name,
                "note": "" if body else "empty answer"}

    def _profile_keys(self) -> list[str]:
        w = self._w()
        return sorted((k for k in w.state.done if k.endswith("|profiles")),
                      key=lambda k: int(k.split("|")[1]))

    def _values(self, index: int, portal: PpcPortal, meter: Meter, a: datetime,
                b: datetime) -> None:
        key = f"ppc|{index}|values|{meter.label}|{format_utc(a)}"
        if self._done(key):
            return
        upid = meter_point_id(meter.meter_id)
        try:
            result = portal.readings(meter, a, b)
        except STOPPING:
            raise
        except GatewayError as exc:
            self._commit(key, missing=Missing("readings", exc.message, upid, "origin", a,
                                              b).to_dict())
            return
        meta = {c.obis: Channel(c.obis, SCALER, UNIT_WH) for c in result.channels}
        w = self._w()
        counts = {}
        for channel in result.channels:
            path = w.spool_path(key, channel.obis)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(encode_rows(reading_rows([channel], meta)))
            counts[channel.obis] = len(channel.readings)
        self._commit(key, data={"rows": counts, "meter": meter.label, "meter-id": meter.meter_id,
                                "after": format_utc(a), "until": format_utc(b),
                                "not-valid": len(result.not_valid),
                                "split": result.split_for_limit})

    def _export(self, index: int, portal: PpcPortal, meter: Meter, a: datetime,
                b: datetime) -> None:
        key = f"ppc|{index}|export|{meter.label}|{format_utc(a)}"
        if self._done(key):
            return
        try:
            export = portal.export_values(meter, a, b)
        except STOPPING:
            raise
        except GatewayError as exc:
            shown = self._data(f"ppc|{index}|values|{meter.label}|{format_utc(a)}")
            if shown is not None and not sum(shown["rows"].values()):
                # no values in the window: an error answer is the portal's "no data" (its
                # form is a GUESS of PPC_HAN.md §4), not a gap
                self._commit(key, data={"kind": "values", "meter": meter.label, "raw": None,
                                        "from": format_utc(a), "to": format_utc(b),
                                        "note": exc.message, "values": 0})
                return
            self._commit(key, missing=Missing("export", exc.message,
                                              meter_point_id(meter.meter_id), "origin", a,
                                              b).to_dict())
            return
        sent = [e for e in self.pending if e.action == "exportMeterValues"]
        raw = PpcRawRecord(sent[-1]).body_name if sent and export.container else None
        values = sum(len(c.readings) for c in export.channels)
        self._commit(key, data={"kind": "values", "meter": meter.label, "from": format_utc(a),
                                "to": format_utc(b), "raw": raw, "filename": export.filename,
                                "values": values})

    def _logbook(self, index: int, portal: PpcPortal) -> None:
        key = f"ppc|{index}|log"
        if self._done(key):
            return
        try:
            entries = portal.logbook(LOG_EPOCH, self.moment)
        except STOPPING:
            raise
        except GatewayError as exc:
            self._commit(key, missing=Missing("logbook", exc.message).to_dict())
            return
        exports = []
        for i in range(0, len(entries), ROW_LIMIT):  # the export refuses more than 1000
            chunk = entries[i:i + ROW_LIMIT]
            exports.append({**self._optional_export(
                portal, "log", "exportLogData", **{"from": local_text(chunk[0].time),
                                                  "to": local_text(chunk[-1].time)}),
                "from": format_utc(chunk[0].time), "to": format_utc(chunk[-1].time)})
        path = self._w().log_spool(key)
        path.write_text(json.dumps([_entry_json(e) for e in entries]), "utf-8")
        self._commit(key, data={"entries": len(entries), "exports": exports})


def _entry_json(e: LogEntry) -> dict[str, Any]:
    return {**dataclasses.asdict(e), "time": format_utc(e.time)}
