"""The decommissioning archive job (archive.md), shared by CLI and GUI.

Plan (:func:`plan_archive`): ``smgw-info``, ``user-info``, each ``usage-point-info``, every
database's ≤31-day windows (TAF-9/10 one ``last-reading``, TAF-14 nothing), the logbook page
by page — over one keep-alive TLS connection. The request thread only sends requests and
hands each answer's bytes on; parsing, CSV and ZIP writing run in a second thread
(:class:`Pipeline` feeding :class:`ArchiveStore`), so window *n* is written while *n+1* is
in flight. A window that failed after the client's retries is tried once more after all
others (:attr:`Pass.RETRY`) before the archive is finished as incomplete.

Resume: every answer is journalled as soon as its bytes are in, every finished step is
committed in an fsynced journal in ``NAME.zip.part.d/``. ``resume=True`` truncates the
``.part`` to the last commit, re-plans from the stored contract data and archive moment,
skips committed steps, takes answers received but not committed from the journal instead
of fetching them again, and numbers requests on from the highest stored number. At the end
the written archive is verified like ``trudi-py verify X.zip``; report.html shows the
verdicts.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from trudi_py import __version__
from trudi_py.archive.plan import (
    SMGW_INFO_STEP,
    USER_INFO_STEP,
    DatabasePlan,
    Missing,
    WindowStep,
    log_page_number,
    log_step,
    usage_point_step,
)
from trudi_py.archive.rawlog import RawRecord
from trudi_py.archive.store import ArchiveResult, ArchiveStore, RunFigures, finished_result
from trudi_py.archive.writer import remove_finished_leftover
from trudi_py.errors import ArchiveConflict, Cancelled, ConnectError, GatewayError, TrudiError
from trudi_py.i18n import msg
from trudi_py.jobs.archive_steps import (
    FailedWindow,
    Pass,
    archive_vendor,
    check_same_gateway,
    databases_of,
    default_name,
    find_part,
    kept_error,
    plan_archive,
    with_stored_pin,
)
from trudi_py.jobs.base import CancelToken, EtaClock, Progress, ProgressCallback, no_progress
from trudi_py.jobs.pipeline import Pipeline
from trudi_py.jobs.timeline import RunTimeline
from trudi_py.jobs.written_check import CheckProcess, Prechecker
from trudi_py.m2m import ConnectionSettings, Exchange, GatewayClient
from trudi_py.m2m.client import LOG_PAGE
from trudi_py.m2m.pinning import PinStore, fingerprint
from trudi_py.model import GatewayInfo, LogAnswer, UsagePointInfo, parse_user_info
from trudi_py.model.jsonbody import parse_json
from trudi_py.model.times import parse_time

__all__ = ["ArchiveResult", "archive", "default_name"]

#: This many steps in a row failing with a connection error: the gateway is gone; stop and
#: keep the .part for --resume instead of marking the rest of the plan as missing.
CONNECT_FAILURES_TO_STOP = 2


def archive(settings: ConnectionSettings, out: Path, *, progress: ProgressCallback = no_progress,
            cancel: CancelToken | None = None, resume: bool = False,
            pin_store: PinStore | None = None, excel: bool = True, report: bool = True,
            vendor: str | None = None, users: Sequence[tuple[str, str]] = ()
            ) -> ArchiveResult:
    """Fetch everything (archive.md "What 'all' means") into ``out`` (a file or a directory
    for the default name). Raises :class:`Cancelled` (state kept for ``resume``) or the
    error that stopped the run; a window the gateway would not deliver is recorded as
    missing instead and the archive finishes with ``complete: false``. ``vendor`` ("theben"
    or "ppc"; None: see :func:`archive_vendor`); a PPC gateway's further HAN users
    ``users`` (name, password) go into the same archive (jobs/archive_ppc.py)."""
    if (vendor or archive_vendor(settings, Path(out), resume, pin_store)) == "ppc":
        from trudi_py.jobs.archive_ppc import archive_ppc  # only a PPC needs its modules
        return archive_ppc(with_stored_pin(settings, pin_store), Path(out), progress=progress,
                           cancel=cancel, resume=resume, excel=excel, report=report,
                           users=users)
    return ArchiveJob(settings, Path(out), progress, cancel or CancelToken(), resume,
                      pin_store, excel, report).run()


class ArchiveJob:
    """One run: the request thread's side (fetch, journal, hand on to the store)."""

    def __init__(self, settings: ConnectionSettings, out: Path, progress: ProgressCallback,
                 cancel: CancelToken, resume: bool, pin_store: PinStore | None, excel: bool,
                 report: bool) -> None:
        self.settings, self.out, self.progress, self.cancel = settings, out, progress, cancel
        self.resume, self.pin_store, self.excel, self.report = resume, pin_store, excel, report
        self.store: ArchiveStore | None = None
        self.pipeline = Pipeline()
        self.pending: list[RawRecord] = []
        self.bytes = 0
        self.done_steps = 0
        self.total_steps = 3
        self.connect_failures = 0
        self.failed: list[FailedWindow] = []
        self.clock: EtaClock | None = None
        self.t0 = time.monotonic()
        self.timeline = RunTimeline(self.t0)
        self.first_seq = 1
        self.requests = 0
        self.replayed: dict[int, RawRecord] = {}  # received before an interruption
        self.written_check = CheckProcess(cancel) if report else None
        self.prechecks = Prechecker(self.written_check) if self.written_check else None

    # -- request plumbing ---------------------------------------------------------------------
    def _on_exchange(self, ex: Exchange) -> None:
        self.timeline.exchange(ex.method, ex.elapsed_ms, len(ex.body))
        record = RawRecord.from_exchange(ex)
        self.pending.append(record)
        self._journal(record)  # fetched = on disk, before anything else happens to it
        self.bytes += len(ex.body)
        self.requests += 1

    def _journal(self, record: RawRecord) -> None:
        if self.store is not None:
            self.store.journal_received(record)

    def _from_journal(self, body: dict[str, Any]) -> bytes | None:
        """The answer to ``body`` received by an interrupted run but not yet committed
        (with every record numbered before it), or None: then it must be fetched."""
        wanted = json.dumps(body, sort_keys=True)
        for seq in sorted(self.replayed):
            rec = self.replayed[seq]
            if rec.status != 200 or not rec.body or rec.request is None or \
                    json.dumps(rec.request, sort_keys=True) != wanted:
                continue
            try:
                parse_json(rec.body, str(body.get("method")))
            except GatewayError:
                continue
            for earlier in sorted(s for s in self.replayed if s <= seq):
                self.pending.append(self.replayed.pop(earlier))
            return rec.body
        return None

    def _take(self) -> list[RawRecord]:
        taken, self.pending = self.pending, []
        return taken

    def _fetch(self, client: GatewayClient, body: dict[str, Any]) -> bytes:
        """One step's answer as received (the client retries inside); lost attempts keep
        their number. The next request can go out as soon as this returns."""
        if self.cancel.cancelled:
            raise Cancelled(msg("Cancelled by the user."))
        self.pipeline.raise_if_failed()
        if self.replayed:
            stored = self._from_journal(body)
            if stored is not None:
                return stored
        before = client.requests_sent
        error = ""
        try:
            return client.call_bytes(body)
        except TrudiError as exc:
            error = exc.message
            raise
        finally:
            self._note_lost(client, before, str(body.get("method")), body, error)

    def _call(self, client: GatewayClient, body: dict[str, Any]) -> dict[str, Any]:
        """One step's answer as a JSON object (the small meta and log answers)."""
        return parse_json(self._fetch(client, body), str(body.get("method")))

    def _connect(self, client: GatewayClient) -> None:
        before = client.requests_sent
        error = ""
        try:
            client.connect()
        except TrudiError as exc:
            error = exc.message
            raise
        finally:
            self._note_lost(client, before, "discovery", None, error)

    def _note_lost(self, client: GatewayClient, before: int, method: str,
                   body: dict[str, Any] | None, error: str) -> None:
        seen = {r.seq for r in self.pending}
        for seq in range(before + 1, client.requests_sent + 1):
            if seq not in seen:
                lost = RawRecord.lost(seq, method, body,
                                      error or "no complete answer (connection lost)")
                self.pending.append(lost)
                self._journal(lost)

    def _precheck(self, database: DatabasePlan, last: bool) -> None:
        """Writer thread, after ``database`` was finished: if it is large, check the archive
        written so far; after the ``last`` database the whole verification (not when the
        run is being cancelled). The child checks a copy, so the writer goes on at once."""
        if self.prechecks is None or self.cancel.cancelled:
            return
        started = time.monotonic()
        if self.prechecks.after_database(self._store(), database.finish_key, last):
            self.timeline.note_beside("precheck snapshot", time.monotonic() - started)

    def _report(self, phase: str, detail: str) -> None:
        self.done_steps += 1
        eta = self.clock.eta(self.done_steps) if self.clock else None
        self.progress(Progress(self.done_steps, self.total_steps, phase, detail, eta,
                               self.bytes))

    def _store(self) -> ArchiveStore:
        assert self.store is not None, "the store is created after smgw-info"
        return self.store

    # -- the run ------------------------------------------------------------------------------
    def run(self) -> ArchiveResult:
        """Run the whole job; see :func:`archive`."""
        if self.resume:
            part = find_part(self.out)
            finished = remove_finished_leftover(part)
            if finished is not None:
                return finished_result(finished, self.t0)
            self.store = ArchiveStore.resume(part, excel=self.excel, report=self.report)
            state = self.store.writer.state
            self.replayed = self.store.writer.received.replay(state.committed_seqs())
            self.first_seq = max([state.max_seq, *self.replayed]) + 1
        client = GatewayClient(self.settings, pin_store=self.pin_store,
                               on_exchange=self._on_exchange, first_seq=self.first_seq)
        try:
            result = self._run(client)
        except BaseException as exc:
            self._stop()
            if self.store is not None:
                kept = kept_error(exc, self.store.part)
                if kept is not None:
                    raise kept from exc
            raise
        finally:
            client.close()
            if self.written_check is not None:
                self.written_check.close()
        result.handshakes = client.handshakes
        return result

    def _stop(self) -> None:
        """After an interruption: commit what was fetched, then leave the .part resumable."""
        with contextlib.suppress(BaseException):  # its failure was the first one's effect
            self.pipeline.drain()
        self.pipeline.close()
        if self.store is not None:
            self.store.abandon()

    def _open_store(self, client: GatewayClient, info: GatewayInfo, tls: str) -> None:
        """Create the ``.part`` once ``smgw-info`` names the archive."""
        out = self.out / default_name(info.smgw_id, info.time) if self.out.is_dir() \
            else self.out
        remove_finished_leftover(out.with_name(out.name + ".part"))
        if out.exists():
            raise ArchiveConflict(msg("{out} exists already.", out=out))
        self.store = ArchiveStore.create(
            out.with_name(out.name + ".part"),
            {"url": self.settings.base_url, "userid": client.userid, "tls-sha256": tls,
             "tool": f"trudi_py {__version__}", "out": out.name},
            excel=self.excel, report=self.report)
        for record in self.pending:  # discovery and smgw-info: on disk now
            self._journal(record)

    def _run(self, client: GatewayClient) -> ArchiveResult:
        self.progress(Progress(0, 0, "connect", self.settings.base_url))
        self._connect(client)
        tls = fingerprint(client.pin.last_der)
        if self.store is not None:
            check_same_gateway(self.store.writer.state.header, self.store.part,
                               client.userid, tls)
        state = self.store.writer.state if self.store is not None else None
        done = set(state.done) if state else set()
        data = dict(state.data) if state else {}
        # smgw-info: names the archive and fixes the archive moment
        if SMGW_INFO_STEP in done:
            moment = parse_time(data[SMGW_INFO_STEP]["smgw-time"])
        else:
            answer = self._call(client, {"method": "smgw-info"})
            info = GatewayInfo.from_json(answer)
            moment = info.time
            if self.store is None:
                self._open_store(client, info, tls)
            extra = {"url": self.settings.base_url, "tls-sha256": tls, "userid": client.userid}
            self.pipeline.submit(self._store().store_smgw_info, SMGW_INFO_STEP, self._take(),
                                 answer, extra)
        self._report("meta", "smgw-info")
        store = self._store()
        # user-info and usage-point-info
        if USER_INFO_STEP in done:
            points = parse_user_info({"user-info": data[USER_INFO_STEP]})
        else:
            answer = self._call(client, {"method": "user-info"})
            points = parse_user_info(answer)
            self.pipeline.submit(store.store_user_info, USER_INFO_STEP, self._take(), answer)
        self._report("meta", "user-info")
        databases: dict[str, list[dict[str, Any]]] = {}
        for point in points:
            key = usage_point_step(point.usage_point_id)
            if key in done:
                databases[point.usage_point_id] = data[key]["databases"]
            else:
                answer = self._call(client, {"method": "usage-point-info",
                                             "usage-point-id": point.usage_point_id})
                databases[point.usage_point_id] = databases_of(UsagePointInfo.from_json(answer))
                self.pipeline.submit(store.store_usage_point, key, self._take(),
                                     point.usage_point_id, answer)
            self._report("meta", point.usage_point_id)
        plan = plan_archive(points, databases, moment)
        todo = [s for _, s in plan.windows() if s.key not in done]
        log_done = sorted((k for k in done if k.startswith("log|")), key=log_page_number)
        self.clock = EtaClock(len(todo) + 1)
        self.done_steps = 0
        self.total_steps = len(todo) + 1
        for n, database in enumerate(plan.databases, 1):
            for step in database.steps:
                if step.key not in done:
                    self._window(client, database, step, Pass.FIRST)
            if database.finish_key not in done:
                self.pipeline.submit(store.finish_database, database)
                if self.prechecks is not None:
                    self.pipeline.submit(self._precheck, database, n == len(plan.databases))
        retry, self.failed = self.failed, []
        self.total_steps += len(retry)
        for failed in retry:  # assembled by finish() at the end
            self._window(client, failed.plan, failed.step, Pass.RETRY)
        log_pages = self._logbook(client, log_done, data)
        for seq in sorted(self.replayed):  # received before, not needed again: kept in raw/
            self.pending.append(self.replayed.pop(seq))
        if self.pending:  # e.g. a resumed run whose only requests were the login
            self.pipeline.submit(store.store_raw_only, f"raw|{self.first_seq}", self._take())
        self.pipeline.drain()
        self.timeline.mark("drain")
        self.progress(Progress(self.done_steps, self.total_steps, "finish", str(store.out),
                               0.0, self.bytes))
        figures = RunFigures(self.requests, self.bytes, self.resume, self.t0,
                             self.pipeline.busy_s, self.timeline.mark)
        result = store.finish(plan.databases, log_pages, plan.warnings,
                              [m.to_dict() for m in plan.missing], figures,
                              self.written_check)
        self.pipeline.close()
        result.timings = self.timeline.breakdown()
        if self.written_check is not None:
            result.timings["check-child-cpu"] = self.written_check.child_cpu_s
        self.progress(Progress(self.done_steps, self.total_steps, "done", str(result.path),
                               0.0, self.bytes))
        return result

    def _window(self, client: GatewayClient, plan: DatabasePlan, step: WindowStep,
                this_pass: Pass) -> None:
        store = self._store()
        try:
            answer = self._fetch(client, step.request)
        except (GatewayError, ConnectError) as exc:
            if isinstance(exc, ConnectError):
                self.connect_failures += 1
                if self.connect_failures >= CONNECT_FAILURES_TO_STOP:
                    self.pipeline.submit(store.store_raw_only, f"lost|{step.key}",
                                         self._take())
                    raise
            self.pipeline.submit(store.store_failed, step.key, self._take(),
                                 plan.missing(step, exc.message))
            if this_pass is Pass.FIRST:
                self.failed.append(FailedWindow(plan, step))
            self._report("readings", f"{plan.usage_point_id} {plan.database}: failed")
            return
        self.connect_failures = 0
        # the writer parses the received bytes itself: a queued 2 MB answer stays 2 MB
        self.pipeline.submit(store.store_window, plan, step, self._take(), answer,
                             weight=len(answer))
        self._report("readings", f"{plan.usage_point_id} {plan.database} {step.label}")

    def _logbook(self, client: GatewayClient, log_done: list[str], data: dict[str, Any]
                 ) -> list[str]:
        """Page through the logbook (1500 per request), continuing after committed pages."""
        store = self._store()
        pages = list(log_done)
        body: dict[str, Any] = {"method": "log"}
        if pages:
            last = data[pages[-1]]
            if last["entries"] < LOG_PAGE:
                return pages
            body = {"method": "log", "fromindex": last["last-index"] + 1, "count": LOG_PAGE}
        while True:
            key = log_step(len(pages))
            try:
                answer = self._call(client, body)
                page = LogAnswer.from_json(answer)
            except (GatewayError, ConnectError) as exc:
                missing = Missing("logbook", f"page {len(pages) + 1}: {exc.message}")
                self.pipeline.submit(store.store_failed, key, self._take(), missing)
                if isinstance(exc, ConnectError):
                    raise
                return pages
            self.pipeline.submit(store.store_log, key, self._take(), answer)
            pages.append(key)
            self._report("log", f"{len(page.entries)} entries")
            if len(page.entries) < LOG_PAGE:
                return pages
            self.total_steps += 1
            body = {"method": "log", "fromindex": max(e.index for e in page.entries) + 1,
                    "count": LOG_PAGE}
