"""``trudi-py sync``: fetch what is new since the last sync into the local history store.

One TLS session per sync. Requests, in order: discovery, ``smgw-info``, ``user-info``, one
``usage-point-info`` per usage point, then per database of every usage point with a history
the windows of the archive's 31-day grid (:func:`~trudi_py.m2m.plan_windows` from the
contract start) that the store does not hold complete yet, always including the last (still
growing) window — that re-read lets late values land — and for TAF-9/10 one
``last-reading``; then the logbook from the entry after the newest stored one (1500 per
page). Nothing else: that is the minimum, reported as ``minimum`` next to ``requests``.

Each answer is stored in one transaction with its parsed rows. A killed sync leaves the
store consistent; the next one plans from what was committed and fetches the rest.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from trudi_py.errors import AuthError, Cancelled, ConnectError, GatewayError, TrudiError
from trudi_py.history import HistoryStore, StoreLock, store_path
from trudi_py.history.polite import back_off, check_polite, known_store, remember_store
from trudi_py.i18n import by_language, msg
from trudi_py.jobs.base import CancelToken, Progress, ProgressCallback, no_progress
from trudi_py.m2m import ConnectionSettings, Exchange, GatewayClient, Window, plan_windows
from trudi_py.m2m.client import LOG_PAGE
from trudi_py.m2m.pinning import PinStore, fingerprint
from trudi_py.model import GatewayInfo, LogAnswer, UsagePoint, UsagePointInfo, parse_user_info
from trudi_py.model.readings import ReadingsAnswer
from trudi_py.model.times import BERLIN, format_utc

#: HTTP statuses that mean "not now" (lockout, too many requests, busy).
REFUSALS = (403, 429, 503)
CONNECT_FAILURES_TO_STOP = 2


def utc_now() -> datetime:
    """The PC clock in UTC (tests pass their own clock)."""
    return datetime.now(UTC)


@dataclass
class SyncResult:
    """What one sync did: requests against the minimum, new values, gaps, failures."""
    store: Path
    status: str  # "ok" | "incomplete"
    gateway_time: datetime | None = None
    requests: int = 0  # logical requests (discovery + JSON calls)
    http_requests: int = 0  # including Digest challenges
    minimum: int = 0
    handshakes: int = 0
    new_values: int = 0
    same_values: int = 0
    conflicts: int = 0
    new_log_entries: int = 0
    new_versions: list[str] = field(default_factory=list)
    gaps_opened: int = 0
    gaps_filled: int = 0
    gaps_permanent: int = 0
    failed: list[str] = field(default_factory=list)
    elapsed_s: float = 0.0

    def to_json(self) -> dict[str, Any]:
        """The result for ``--json`` (kebab-case keys, UTC times)."""
        out = asdict(self)
        out["store"] = str(self.store)
        out["gateway_time"] = format_utc(self.gateway_time) if self.gateway_time else None
        out["elapsed_s"] = round(self.elapsed_s, 3)
        return {k.replace("_", "-"): v for k, v in out.items()}


def plan_database(store: HistoryStore, point: UsagePoint, database: str, moment: datetime
                  ) -> list[Window]:
    """The windows to fetch for one database: grid windows not stored complete + the last."""
    start = point.start or min((b.start for b in point.billing_periods), default=None)
    if start is None:
        return []
    end = min(point.end, moment) if point.end else moment
    grid = plan_windows(start, end)
    held: dict[datetime, datetime] = {}
    for w in store.windows(point.usage_point_id, database):
        held[w["after"]] = max(held.get(w["after"], w["until"]), w["until"])
    todo = [w for w in grid if held.get(w.after, w.after) < w.until]
    if grid and grid[-1] not in todo and (point.end is None or point.end > moment):
        todo.append(grid[-1])  # the last window is re-read: late values land
    return todo


def _local_minute(moment: datetime, lang: str) -> str:
    """``moment`` in Europe/Berlin to the minute, written the way ``lang`` writes dates."""
    local = moment.astimezone(BERLIN)
    return f"{local:%d.%m.%Y %H:%M}" if lang.startswith("de") else f"{local:%Y-%m-%d %H:%M}"


def _is_refusal(exc: BaseException) -> bool:
    return isinstance(exc, AuthError) or (isinstance(exc, GatewayError)
                                          and exc.status in REFUSALS)


def sync(settings: ConnectionSettings, *, store: Path | None = None, force: bool = False,
         pin_store: PinStore | None = None, progress: ProgressCallback = no_progress,
         cancel: CancelToken | None = None, now: Callable[[], datetime] = utc_now,
         wait_s: float = 0.0) -> SyncResult:
    """Fetch everything new into the history store (see the module text). Raises
    :class:`SyncDeferred` when it is too soon, :class:`HistoryError` when another sync holds
    the store, else what stopped the run (after recording a back-off for refusals)."""
    path = store or known_store(settings.base_url)
    if path is None:  # first sync of this address: the gateway's id names the store
        return _Sync(settings, None, force, pin_store, progress, cancel, now, wait_s).run()
    with StoreLock(path, wait_s), HistoryStore(path) as opened:
        if not force:
            check_polite(opened, now())
        return _Sync(settings, opened, force, pin_store, progress, cancel, now, wait_s).run()


class _Sync:
    def __init__(self, settings: ConnectionSettings, store: HistoryStore | None, force: bool,
                 pin_store: PinStore | None, progress: ProgressCallback,
                 cancel: CancelToken | None, now: Callable[[], datetime],
                 wait_s: float) -> None:
        self.settings, self.store, self.force = settings, store, force
        self.pin_store, self.progress = pin_store, progress
        self.cancel, self.now, self.wait_s = cancel or CancelToken(), now, wait_s
        self.pending: list[Exchange] = []
        self.sync_id = 0
        self.result = SyncResult(store.path if store else Path(), "ok")
        self.done = 0
        self.total = 3
        self.calls = 0

    def _on_exchange(self, ex: Exchange) -> None:
        self.pending.append(ex)

    def _call(self, client: GatewayClient, body: dict[str, Any] | None) -> dict[str, Any]:
        if self.cancel.cancelled:
            raise Cancelled(msg("Cancelled by the user; everything fetched so far is stored."))
        self.calls += 1
        self.before = client.requests_sent
        self.error = ""
        try:
            return client.connect() if body is None else client.call(body)  # type: ignore
        except TrudiError as exc:
            self.error = exc.message
            raise
        finally:
            self.done += 1
            self.progress(Progress(self.done, self.total, "sync",
                                   "discovery" if body is None else str(body.get("method"))))

    def _flush_raw(self, client: GatewayClient, method: str,
                   request: dict[str, Any] | None) -> int | None:
        """Store the exchanges of the last call (inside a transaction); id of the 200 one."""
        assert self.store is not None
        seen = {ex.seq for ex in self.pending}
        answer_id = None
        for ex in sorted(self.pending, key=lambda e: e.seq):
            rid = self.store.add_raw(self.sync_id, ex.seq, ex.method, ex.request, ex.status,
                                     ex.body, ex.received, ex.elapsed_ms)
            if ex.status in (200, 307, 302):
                answer_id = rid
        for seq in range(self.before + 1, client.requests_sent + 1):
            if seq not in seen:
                self.store.add_raw(self.sync_id, seq, method, request, None, b"", self.now(),
                                   None, self.error or "no complete answer (connection lost)")
        self.pending = []
        return answer_id

    def run(self) -> SyncResult:
        t0 = time.monotonic()
        first_seq = 1
        if self.store is not None:
            row = self.store.conn.execute("SELECT MAX(seq) FROM raw").fetchone()
            first_seq = (row[0] or 0) + 1
        client = GatewayClient(self.settings, pin_store=self.pin_store,
                               on_exchange=self._on_exchange, first_seq=first_seq)
        lock: StoreLock | None = None
        opened_here = self.store is None
        try:
            try:
                self._call(client, None)
                info_answer = self._call(client, {"method": "smgw-info"})
            except TrudiError as exc:
                if self.store is not None and (_is_refusal(exc)
                                               or isinstance(exc, ConnectError)):
                    at = back_off(self.store, self.now(), exc)
                    exc.msg = msg("{message} Next sync not before {when}.", message=exc.msg,
                                  when=by_language(_local_minute, at))
                    exc.args = (exc.message,)
                raise
            info = GatewayInfo.from_json(info_answer)
            if self.store is None:
                path = store_path(info.smgw_id)
                lock = StoreLock(path, self.wait_s).__enter__()
                self.store = HistoryStore(path)
                if not self.force:
                    check_polite(self.store, self.now())
                self.result.store = path
            remember_store(self.settings.base_url, self.store.path)
            self._run(client, info, info_answer)
        finally:
            client.close()
            if opened_here and self.store is not None:
                self.store.close()
            if lock is not None:
                lock.__exit__(None, None, None)
        self.result.handshakes = client.handshakes
        self.result.http_requests = client.requests_sent - first_seq + 1
        self.result.requests = self.calls
        self.result.elapsed_s = time.monotonic() - t0
        return self.result

    def _run(self, client: GatewayClient, info: GatewayInfo, info_answer: dict[str, Any]
             ) -> None:
        store = self.store
        assert store is not None
        started = self.now()
        self.sync_id = store.begin_sync(started)
        moment = info.time
        self.result.gateway_time = moment
        status = "interrupted"
        try:
            with store.transaction():
                store.set_meta("last-sync-started", started.isoformat())
                raw_id = self._flush_raw(client, "smgw-info", {"method": "smgw-info"})
                self._versions(client, info, info_answer, raw_id)
            points = self._contracts(client)
            plans: list[tuple[UsagePoint, str, Window | None]] = []
            for point in points:
                if point.taf == "14":
                    continue
                detail = self._detail(client, point)
                for db in detail.databases:
                    if point.taf in ("9", "10"):
                        plans.append((point, db.name, None))
                    else:
                        plans += [(point, db.name, w) for w in
                                  plan_database(store, point, db.name, moment)]
            self.total = self.done + len(plans) + 1
            before = {(p.usage_point_id, name): store.last_values(p.usage_point_id, name)
                      for p, name, w in plans if w is not None}
            planned = self.calls + len(plans)
            failures = 0
            for point, name, window in plans:
                try:
                    self._readings(client, point, name, window)
                    failures = 0
                except (GatewayError, ConnectError) as exc:
                    failures = failures + 1 if isinstance(exc, ConnectError) else 0
                    self._failed(client, point, name, window, exc)
                    if failures >= CONNECT_FAILURES_TO_STOP:
                        raise
            self._notice_lost(before)
            self._logbook(client)
            # the log needs one page per 1500 new entries, plus the one that comes back short
            self.result.minimum = planned + self.result.new_log_entries // LOG_PAGE + 1
            status = "incomplete" if self.result.failed else "ok"
            self.result.status = status
            with store.transaction():
                for key in ("backoff-level", "backoff-until", "backoff-reason"):
                    store.set_meta(key, None)
        finally:
            store.finish_sync(self.sync_id, status, self.now(), self.calls, moment,
                              "; ".join(self.result.failed)[:2000])

    def _versions(self, client: GatewayClient, info: GatewayInfo, answer: dict[str, Any],
                  raw_id: int | None) -> None:
        store, seen = self.store, self.now()
        assert store is not None
        body = dict(answer.get("smgw-info", {}))
        body.pop("smgw-time", None)
        certs = body.pop("certificates", {}) or {}
        changed = {"smgw-info": store.add_version("smgw-info", "", body, seen, raw_id),
                   "han-tls": store.add_version("han-tls", "", info.han_tls_pem, seen, raw_id),
                   "tls-connection": store.add_version(
                       "tls-connection", "", {"sha256": fingerprint(client.pin.last_der),
                                              "url": self.settings.base_url,
                                              "userid": client.userid}, seen, raw_id)}
        for i, wan in enumerate(certs.get("wan", []) if isinstance(certs, dict) else []):
            key = str(wan.get("cert-index", i)) if isinstance(wan, dict) else str(i)
            changed[f"wan-{key}"] = store.add_version("wan-certificate", key, wan, seen, raw_id)
        self.result.new_versions += [k for k, v in changed.items() if v]

    def _contracts(self, client: GatewayClient) -> list[UsagePoint]:
        answer = self._call(client, {"method": "user-info"})
        points = parse_user_info(answer)
        assert self.store is not None
        with self.store.transaction():
            raw_id = self._flush_raw(client, "user-info", {"method": "user-info"})
            # only the method's part: the envelope (elapsed-time, …) changes every time
            if self.store.add_version("user-info", client.userid or "",
                                      answer.get("user-info"), self.now(), raw_id):
                self.result.new_versions.append("user-info")
            else:
                self._prune_same("user-info", client.userid or "", raw_id)
        return points

    def _detail(self, client: GatewayClient, point: UsagePoint) -> UsagePointInfo:
        body = {"method": "usage-point-info", "usage-point-id": point.usage_point_id}
        answer = self._call(client, body)
        detail = UsagePointInfo.from_json(answer)
        assert self.store is not None
        with self.store.transaction():
            raw_id = self._flush_raw(client, "usage-point-info", body)
            if self.store.add_version("usage-point-info", point.usage_point_id,
                                      answer.get("usage-point-info"), self.now(), raw_id):
                self.result.new_versions.append(f"usage-point-info {point.usage_point_id}")
            else:
                self._prune_same("usage-point-info", point.usage_point_id, raw_id)
        return detail

    def _prune_same(self, kind: str, key: str, raw_id: int | None) -> None:
        """An unchanged contract answer: kept exactly, as a small delta against the answer
        the version was first seen in."""
        assert self.store is not None
        kept = self.store.version_raw(kind, key)
        if raw_id is not None and kept is not None and kept != raw_id:
            self.store.supersede_raw(raw_id, kept)

    @staticmethod
    def _body(point: UsagePoint, name: str, window: Window | None) -> dict[str, Any]:
        base = {"method": "readings", "usage-point-id": point.usage_point_id, "database": name}
        if window is None:
            return {**base, "last-reading": True}
        return {**base, "last-reading": False, "fromtime": format_utc(window.after),
                "totime": format_utc(window.until)}

    def _readings(self, client: GatewayClient, point: UsagePoint, name: str,
                  window: Window | None) -> None:
        body = self._body(point, name, window)
        answer = ReadingsAnswer.from_json(self._call(client, body))
        store, upid, now = self.store, point.usage_point_id, self.now()
        assert store is not None
        with store.transaction():
            raw_id = self._flush_raw(client, "readings", body)
            assert raw_id is not None
            merged = store.add_readings(upid, name, answer, raw_id, now)
            if window is not None:
                store.add_window(upid, name, window.after, window.until, raw_id, self.sync_id,
                                 answer.count)
                if not merged.conflicts:
                    store.supersede_window(upid, name, window.after, raw_id, {
                        (ch.obis, format_utc(r.target_time))
                        for ch in answer.channels for r in ch.readings})
                if answer.count:
                    self.result.gaps_filled += store.resolve_gaps(
                        upid, name, window.after, window.until, "filled", now)
                else:
                    self.result.gaps_permanent += store.resolve_gaps(
                        upid, name, window.after, window.until, "permanent", now,
                        "the gateway no longer holds values for this time (empty answer)")
        self.result.new_values += merged.new
        self.result.same_values += merged.same
        self.result.conflicts += merged.conflicts

    def _notice_lost(self, before: dict[tuple[str, str], dict[str, list[datetime]]]) -> None:
        """A hole after the newest value stored before this sync, longer than the channel's
        interval, that this sync's answers did not fill: the gateway no longer had it (e.g.
        no sync for longer than its memory). Recorded as a permanent gap per channel."""
        store = self.store
        assert store is not None
        now = self.now()
        with store.transaction():
            for (upid, name), channels in before.items():
                if any(g["usage-point-id"] == upid and g["database"] == name
                       for g in store.gaps("open")):
                    continue  # a failed window: filled next sync, not lost
                for obis, times in channels.items():
                    if len(times) < 2:
                        continue
                    interval = min(b - a for a, b in zip(times, times[1:], strict=False))
                    nxt = store.next_value(upid, name, obis, times[-1])
                    if interval > timedelta(0) and nxt is not None and \
                            nxt - times[-1] > interval * 3 / 2:
                        store.add_lost(upid, name, obis, times[-1], nxt, now)
                        self.result.gaps_permanent += 1

    def _failed(self, client: GatewayClient, point: UsagePoint, name: str,
                window: Window | None, exc: TrudiError) -> None:
        store = self.store
        assert store is not None
        where = f"{point.usage_point_id} {name}"
        if window is not None:
            where += f" {format_utc(window.after)}..{format_utc(window.until)}"
        self.result.failed.append(f"{where}: {exc.message}")
        with store.transaction():
            self._flush_raw(client, "readings", self._body(point, name, window))
            if window is not None:
                store.open_gap(point.usage_point_id, name, window.after, window.until,
                               exc.message, self.now())
                self.result.gaps_opened += 1

    def _logbook(self, client: GatewayClient) -> None:
        store = self.store
        assert store is not None
        last = store.max_log_index()
        body: dict[str, Any] = {"method": "log"} if last is None else \
            {"method": "log", "fromindex": last + 1, "count": LOG_PAGE}
        while True:
            try:
                answer = self._call(client, body)
                page = LogAnswer.from_json(answer)
            except (GatewayError, ConnectError) as exc:
                self.result.failed.append(f"logbook: {exc.message}")
                with store.transaction():
                    self._flush_raw(client, "log", body)
                return
            wire = answer.get("log", {}).get("entries", [])
            with store.transaction():
                raw_id = self._flush_raw(client, "log", body)
                assert raw_id is not None
                merged = store.add_log(zip(page.entries, wire, strict=False), raw_id, self.now())
            self.result.new_log_entries += merged.new
            self.result.conflicts += merged.conflicts
            if len(page.entries) < LOG_PAGE:
                return
            self.total += 1
            body = {"method": "log", "fromindex": max(e.index for e in page.entries) + 1,
                    "count": LOG_PAGE}
