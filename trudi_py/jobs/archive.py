"""The decommissioning archive job (archive.md), shared by CLI and GUI.

Plan: ``smgw-info``, ``user-info``, one ``usage-point-info`` per usage point, then for every
database of every usage point its ≤31-day windows (``plan_windows``; TAF-9/10 one
``last-reading``, TAF-14 nothing), then the logbook page by page. Everything runs over one
:class:`GatewayClient` (one keep-alive TLS connection). The request thread only sends
requests; parsing, CSV and ZIP writing run in a second thread (:class:`Pipeline`), so window
*n* is written while window *n+1* is in flight.

Resume design: the ZIP is appended to ``NAME.zip.part``; every finished step (window, page,
…) is recorded in an fsynced journal in ``NAME.zip.part.d/`` together with the members written
for it and the zip offset after them; rows are spooled per window and channel in the same
directory. ``resume=True`` truncates the ``.part`` to the last committed offset, rebuilds the
ZIP directory entries from the journal, re-plans from the stored contract data and archive
moment (the gateway time of the first run), skips every committed step and numbers requests
on from the highest stored number. A window that failed (recorded as missing) is retried.

A window that failed after the client's retries (e.g. three resets or 500s in a row) is
tried once more after all other windows, before the archive is finished as incomplete.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from trudi_py import __version__
from trudi_py.archive.rawlog import RawRecord
from trudi_py.archive.writer import ArchiveWriter, remove_finished_leftover
from trudi_py.errors import ArchiveConflict, Cancelled, ConnectError, GatewayError, TrudiError
from trudi_py.i18n import msg
from trudi_py.jobs.archive_steps import WriterSteps, find_part, finish_archive, finished_result
from trudi_py.jobs.base import CancelToken, EtaClock, Progress, ProgressCallback, no_progress
from trudi_py.jobs.pipeline import Pipeline
from trudi_py.m2m import ConnectionSettings, Exchange, GatewayClient, plan_windows
from trudi_py.m2m.client import LOG_PAGE, parse_json
from trudi_py.m2m.pinning import PinStore, fingerprint
from trudi_py.model import (
    Channel,
    GatewayInfo,
    LogAnswer,
    UsagePoint,
    UsagePointInfo,
    parse_user_info,
)
from trudi_py.model.times import BERLIN, format_utc, parse_time

#: This many steps in a row failing with a connection error: the gateway is gone; stop and
#: keep the .part for --resume instead of marking the rest of the plan as missing.
CONNECT_FAILURES_TO_STOP = 2


@dataclass
class ArchiveResult:
    path: Path
    complete: bool
    missing: list[dict[str, Any]]
    gaps: list[dict[str, Any]]
    warnings: list[str]
    counts: dict[str, Any]
    requests_this_run: int
    handshakes: int
    bytes_received: int
    elapsed_s: float
    resumed: bool
    writer_busy_s: float = 0.0
    note: str = ""  # e.g. "already finished" for a --resume of a finished archive

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "complete": self.complete, "missing": self.missing,
                "gaps": self.gaps, "warnings": self.warnings, "counts": self.counts,
                "requests-this-run": self.requests_this_run, "handshakes": self.handshakes,
                "bytes-received": self.bytes_received, "elapsed-s": round(self.elapsed_s, 3),
                "resumed": self.resumed, **({"note": self.note} if self.note else {})}


@dataclass
class DatabasePlan:
    point: UsagePoint
    database: str
    meta: dict[str, Channel]
    steps: list[tuple[str, dict[str, Any], datetime | None, datetime | None]] = \
        field(default_factory=list)  # (key, request body, after, until)

    @property
    def finish_key(self) -> str:
        return f"db|{self.point.usage_point_id}|{self.database}"


def default_name(smgw_id: str, moment: datetime) -> str:
    """``smgw-<SMGW-ID upper case>-<YYYYMMDD>.zip`` (the local date of the archive moment)."""
    return f"smgw-{smgw_id.upper()}-{moment.astimezone(BERLIN):%Y%m%d}.zip"


def archive(settings: ConnectionSettings, out: Path, *, progress: ProgressCallback = no_progress,
            cancel: CancelToken | None = None, resume: bool = False,
            pin_store: PinStore | None = None, excel: bool = True, report: bool = True
            ) -> ArchiveResult:
    """Fetch everything (archive.md "What 'all' means") into ``out`` (a file or a directory
    for the default name). Raises :class:`Cancelled` (state kept for ``resume``) or the
    error that stopped the run; a window the gateway would not deliver is recorded as
    missing instead and the archive finishes with ``complete: false``."""
    return _Run(settings, Path(out), progress, cancel or CancelToken(), resume, pin_store,
                excel, report).run()


class _Run(WriterSteps):
    def __init__(self, settings: ConnectionSettings, out: Path, progress: ProgressCallback,
                 cancel: CancelToken, resume: bool, pin_store: PinStore | None, excel: bool,
                 report: bool) -> None:
        self.settings, self.out, self.progress, self.cancel = settings, out, progress, cancel
        self.resume, self.pin_store, self.excel, self.report = resume, pin_store, excel, report
        self.writer: ArchiveWriter | None = None
        self.pipeline = Pipeline()
        self.pending: list[RawRecord] = []
        self.bytes = 0
        self.done_steps = 0
        self.total_steps = 3
        self.connect_failures = 0
        self.failed_windows: list[tuple] | None = []  # None: in the second pass
        self.clock: EtaClock | None = None
        self.t0 = time.monotonic()
        self.first_seq = 1
        self.requests = 0
        self.replayed: dict[int, RawRecord] = {}  # received before an interruption
        self.replayed_used = 0

    # -- request plumbing ---------------------------------------------------------------------
    def _on_exchange(self, ex: Exchange) -> None:
        record = RawRecord.from_exchange(ex)
        self.pending.append(record)
        self._journal(record)  # fetched = on disk, before anything else happens to it
        self.bytes += len(ex.body)
        self.requests += 1

    def _journal(self, record: RawRecord) -> None:
        if self.writer is not None:
            self.writer.received.add(record)

    def _from_journal(self, body: dict[str, Any]) -> dict[str, Any] | None:
        """The answer to ``body`` received by an interrupted run but not yet committed
        (with every record numbered before it), or None: then it must be fetched."""
        wanted = json.dumps(body, sort_keys=True)
        for seq in sorted(self.replayed):
            rec = self.replayed[seq]
            if rec.status != 200 or not rec.body or rec.request is None or \
                    json.dumps(rec.request, sort_keys=True) != wanted:
                continue
            try:
                answer = parse_json(rec.body, str(body.get("method")))
            except GatewayError:
                continue
            for earlier in sorted(s for s in self.replayed if s <= seq):
                self.pending.append(self.replayed.pop(earlier))
            self.replayed_used += 1
            return answer
        return None

    def _take(self) -> list[RawRecord]:
        taken, self.pending = self.pending, []
        return taken

    def _call(self, client: GatewayClient, body: dict[str, Any] | None) -> dict[str, Any]:
        """One step's request (the client retries inside); lost attempts keep their number."""
        if self.cancel.cancelled:
            raise Cancelled(msg("Cancelled by the user."))
        self.pipeline.raise_if_failed()
        if body is not None and self.replayed:
            stored = self._from_journal(body)
            if stored is not None:
                return stored
        before = client.requests_sent
        error = ""
        try:
            return client.connect() if body is None else client.call(body)  # type: ignore
        except TrudiError as exc:
            error = exc.message
            raise
        finally:
            seen = {r.seq for r in self.pending}
            method = "discovery" if body is None else str(body.get("method"))
            for seq in range(before + 1, client.requests_sent + 1):
                if seq not in seen:
                    lost = RawRecord.lost(seq, method, body,
                                          error or "no complete answer (connection lost)")
                    self.pending.append(lost)
                    self._journal(lost)

    def _report(self, phase: str, detail: str) -> None:
        self.done_steps += 1
        eta = self.clock.eta(self.done_steps) if self.clock else None
        self.progress(Progress(self.done_steps, self.total_steps, phase, detail, eta,
                               self.bytes))

    def _submit(self, fn: Any, *args: Any, weight: int = 0) -> None:
        self.pipeline.submit(fn, *args, weight=weight)

    # -- the run ------------------------------------------------------------------------------
    def run(self) -> ArchiveResult:
        part: Path | None = None
        if self.resume:
            part = find_part(self.out)
            finished = remove_finished_leftover(part)
            if finished is not None:
                return finished_result(finished, self.t0)
            self.writer = ArchiveWriter.resume(part)
            self.replayed = self.writer.received.replay(self.writer.state.committed_seqs())
            self.first_seq = max([self.writer.state.max_seq, *self.replayed]) + 1
        client = GatewayClient(self.settings, pin_store=self.pin_store,
                               on_exchange=self._on_exchange, first_seq=self.first_seq)
        try:
            result = self._run(client)
        except BaseException as exc:
            self._stop()
            if isinstance(exc, ConnectError) and self.writer is not None:
                raise ConnectError(msg("{message} The incomplete archive {part} was kept: run "
                                       "again with --resume.",
                                       message=exc, part=self.writer.part)) from None
            if isinstance(exc, GatewayError) and self.writer is not None:  # e.g. 3 × 500
                exc.msg = msg("{message} The incomplete archive {part} was kept: run again "
                              "with --resume.", message=exc.msg, part=self.writer.part)
                exc.args = (exc.message,)
            if isinstance(exc, Cancelled) and self.writer is not None:
                raise Cancelled(msg("Cancelled. The incomplete archive {part} was kept: "
                                    "continue it with --resume.", part=self.writer.part)) from None
            raise
        finally:
            client.close()
        result.handshakes = client.handshakes
        return result

    def _stop(self) -> None:
        """After an interruption: commit what was fetched, then leave the .part resumable."""
        try:
            self.pipeline.drain()
        except BaseException:
            pass
        self.pipeline.close()
        if self.writer is not None:
            self.writer.abandon()

    def _run(self, client: GatewayClient) -> ArchiveResult:
        self.progress(Progress(0, 0, "connect", self.settings.base_url))
        self._call(client, None)
        tls = fingerprint(client.pin.last_der)
        state = self.writer.state if self.writer else None
        if state is not None:
            if state.header.get("userid") != client.userid:
                raise ArchiveConflict(msg("{part} belongs to user {owner}, not {userid}.",
                                          part=self.writer.part,
                                          owner=state.header.get("userid"),
                                          userid=client.userid))
            if state.header.get("tls-sha256") != tls:
                raise ArchiveConflict(msg("The gateway's certificate differs from the one of "
                                          "the interrupted run: not the same gateway?"))
        done = set(state.done) if state else set()
        data = dict(state.data) if state else {}
        # smgw-info: names the archive and fixes the archive moment
        if "smgw-info" in done:
            moment = parse_time(data["smgw-info"]["smgw-time"])
        else:
            answer = self._call(client, {"method": "smgw-info"})
            info = GatewayInfo.from_json(answer)
            moment = info.time
            if self.writer is None:
                out = self.out / default_name(info.smgw_id, moment) if self.out.is_dir() \
                    else self.out
                remove_finished_leftover(out.with_name(out.name + ".part"))
                if out.exists():
                    raise ArchiveConflict(msg("{out} exists already.", out=out))
                self.writer = ArchiveWriter.create(
                    out.with_name(out.name + ".part"),
                    {"url": self.settings.base_url, "userid": client.userid,
                     "tls-sha256": tls, "tool": f"trudi_py {__version__}",
                     "out": out.name})
                for record in self.pending:  # discovery and smgw-info: on disk now
                    self._journal(record)
            extra = {"url": self.settings.base_url, "tls-sha256": tls, "userid": client.userid}
            self._submit(self._store_meta, "smgw-info", self._take(),
                         lambda a=answer, e=extra: self.writer.store_smgw_info(a, e))
        self._report("meta", "smgw-info")
        writer = self.writer
        assert writer is not None
        out = writer.part.with_name(writer.state.header["out"])
        # user-info and usage-point-info
        if "user-info" in done:
            points = parse_user_info({"user-info": data["user-info"]})
        else:
            answer = self._call(client, {"method": "user-info"})
            points = parse_user_info(answer)
            self._submit(self._store_meta, "user-info", self._take(),
                         lambda a=answer: writer.store_user_info(a))
        self._report("meta", "user-info")
        details: dict[str, UsagePointInfo] = {}
        for point in points:
            key = f"upi|{point.usage_point_id}"
            if key in done:
                dbs = data[key]["databases"]
            else:
                body = {"method": "usage-point-info", "usage-point-id": point.usage_point_id}
                answer = self._call(client, body)
                info = UsagePointInfo.from_json(answer)
                dbs = [{"database": db.name,
                        "channels": [[c.obis, c.scaler, c.unit] for c in db.channels]}
                       for db in info.databases]
                self._submit(self._store_meta, key, self._take(),
                             lambda a=answer, p=point.usage_point_id:
                             writer.store_usage_point_info(p, a))
            details[point.usage_point_id] = dbs  # type: ignore[assignment]
            self._report("meta", point.usage_point_id)
        plans, warnings, plan_missing = self._plan(points, details, moment)
        todo = [s for p in plans for s in p.steps if s[0] not in done]
        log_done = sorted((k for k in done if k.startswith("log|")),
                          key=lambda k: int(k.split("|")[1]))
        self.clock = EtaClock(len(todo) + 1)
        self.done_steps = 0
        self.total_steps = len(todo) + 1
        for plan in plans:
            for key, body, after, until in plan.steps:
                if key in done:
                    continue
                self._window(client, plan, key, body, after, until)
            if plan.finish_key not in done:
                self._submit(self._finish_db, plan, False)
        second, self.failed_windows = self.failed_windows or [], None
        self.total_steps += len(second)
        for args in second:  # one more try at the end (assembled by finish_archive)
            self._window(client, *args)
        log_pages = self._logbook(client, log_done, data)
        for seq in sorted(self.replayed):  # received before, not needed again: kept in raw/
            self.pending.append(self.replayed.pop(seq))
        if self.pending:  # e.g. a resumed run whose only requests were the login
            self._submit(self._store_raw_only, f"raw|{self.first_seq}", self._take())
        self._submit(finish_archive, self, plans, log_pages, warnings, plan_missing, out)
        self.pipeline.drain()
        self.pipeline.close()
        self.progress(Progress(self.done_steps, self.total_steps, "done", str(out), 0.0,
                               self.bytes))
        return self.result

    def _plan(self, points: list[UsagePoint], details: dict[str, Any], moment: datetime
              ) -> tuple[list[DatabasePlan], list[str], list[dict[str, Any]]]:
        plans, warnings, missing = [], [], []
        for point in points:
            upid = point.usage_point_id
            for db in details[upid]:
                name = db["database"]
                meta = {o: Channel(o, int(s), int(u)) for o, s, u in db["channels"]}
                plan = DatabasePlan(point, name, meta)
                base = {"method": "readings", "usage-point-id": upid, "database": name}
                if point.taf == "14":
                    warnings.append(f"{upid}: TAF-14 keeps no values; nothing to fetch.")
                    continue
                if point.taf in ("9", "10"):
                    plan.steps.append((f"last|{upid}|{name}",
                                       {**base, "last-reading": True}, None, None))
                    plans.append(plan)
                    continue
                start = point.start or min((b.start for b in point.billing_periods),
                                           default=None)
                if start is None:
                    missing.append({"what": "readings", "usage-point-id": upid,
                                    "database": name, "from": None, "to": format_utc(moment),
                                    "reason": "the contract has no start-time"})
                    continue
                end = min(point.end, moment) if point.end else moment
                for w in plan_windows(start, end):
                    plan.steps.append((f"win|{upid}|{name}|{format_utc(w.after)}|"
                                       f"{format_utc(w.until)}",
                                       {**base, "last-reading": False,
                                        "fromtime": format_utc(w.after),
                                        "totime": format_utc(w.until)}, w.after, w.until))
                plans.append(plan)
        return plans, warnings, missing

    def _window(self, client: GatewayClient, plan: DatabasePlan, key: str,
                body: dict[str, Any], after: datetime | None, until: datetime | None) -> None:
        upid = plan.point.usage_point_id
        try:
            parsed = self._call(client, body)
        except (GatewayError, ConnectError) as exc:
            if isinstance(exc, ConnectError):
                self.connect_failures += 1
                if self.connect_failures >= CONNECT_FAILURES_TO_STOP:
                    self._submit(self._store_raw_only, f"lost|{key}", self._take())
                    raise
            missing = {"what": "readings", "usage-point-id": upid, "database": plan.database,
                       "from": format_utc(after) if after else None,
                       "to": format_utc(until) if until else None, "reason": exc.message}
            self._submit(self._store_failed, key, self._take(), missing)
            if self.failed_windows is not None:
                self.failed_windows.append((plan, key, body, after, until))
            self._report("readings", f"{upid} {plan.database}: failed")
            return
        self.connect_failures = 0
        records = self._take()
        # the writer parses the received bytes itself: a queued 2 MB answer stays 2 MB
        answer = next((r.body for r in reversed(records) if r.status == 200 and r.body),
                      None) or json.dumps(parsed).encode()
        del parsed
        self._submit(self._store_window, plan, key, records, answer, after, until,
                     weight=len(answer))
        self._report("readings", f"{upid} {plan.database} {format_utc(until) if until else ''}")

    def _logbook(self, client: GatewayClient, log_done: list[str], data: dict[str, Any]
                 ) -> list[str]:
        """Page through the logbook (1500 per request), continuing after committed pages."""
        pages = list(log_done)
        if pages:
            last = data[pages[-1]]
            if last["entries"] < LOG_PAGE:
                return pages
            body: dict[str, Any] = {"method": "log", "fromindex": last["last-index"] + 1,
                                    "count": LOG_PAGE}
        else:
            body = {"method": "log"}
        while True:
            key = f"log|{len(pages)}"
            try:
                answer = self._call(client, body)
                page = LogAnswer.from_json(answer)
            except (GatewayError, ConnectError) as exc:
                missing = {"what": "logbook", "usage-point-id": None, "database": None,
                           "from": None, "to": None,
                           "reason": f"page {len(pages) + 1}: {exc.message}"}
                self._submit(self._store_failed, key, self._take(), missing)
                if isinstance(exc, ConnectError):
                    raise
                return pages
            self._submit(self._store_log, key, self._take(), answer)
            pages.append(key)
            self._report("log", f"{len(page.entries)} entries")
            if len(page.entries) < LOG_PAGE:
                return pages
            self.total_steps += 1
            body = {"method": "log", "fromindex": max(e.index for e in page.entries) + 1,
                    "count": LOG_PAGE}
