"""``trudi-py archive --from-history``: the decommissioning archive of the whole history.

Written through the archive job's :class:`~trudi_py.archive.store.ArchiveStore`, from the
raw answers the history store kept, byte-exact, renumbered 1…N in the order they were
received. Per database the archive takes one chain of non-overlapping 31-day windows (for
each grid window the answer that reached furthest), so ``verify`` re-derives every CSV
from ``raw/``; re-read answers of the still-growing window stay in the store only. All
logbook pages, gateway-info and contract answers go in. Open gaps make the archive
``complete: false`` (listed as missing); permanent gaps and conflicts are listed as
warnings.
"""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from typing import Any

from trudi_py import __version__
from trudi_py.archive.plan import (
    SMGW_INFO_STEP,
    USER_INFO_STEP,
    DatabasePlan,
    log_step,
    usage_point_step,
)
from trudi_py.archive.rawlog import RawRecord
from trudi_py.archive.store import ArchiveResult, ArchiveStore, RunFigures
from trudi_py.errors import ArchiveConflict
from trudi_py.history import HistoryStore
from trudi_py.i18n import msg
from trudi_py.jobs.archive_steps import default_name
from trudi_py.jobs.written_check import CheckProcess, Prechecker
from trudi_py.model import Channel, UsagePointInfo, parse_user_info
from trudi_py.model.jsonbody import parse_json
from trudi_py.model.times import parse_time


class _Numbering:
    """The history store's raw answers, renumbered 1…N for the archive."""

    def __init__(self, store: HistoryStore, keep: list[int]) -> None:
        self.store = store
        self.numbers = {rid: n for n, rid in enumerate(keep, 1)}

    def record(self, raw_id: int) -> RawRecord:
        """The stored answer ``raw_id`` as the archive numbers it."""
        raw = self.store.raw(raw_id)
        return RawRecord(self.numbers[raw_id], raw.method, raw.request, raw.status, raw.body,
                         raw.received, raw.elapsed_ms, raw.error)


def _chains(store: HistoryStore) -> dict[tuple[str, str], list[dict[str, Any]]]:
    out = {}
    for upid, db in store.databases():
        best: dict[datetime, dict[str, Any]] = {}
        pruned = {r for (r,) in store.conn.execute("SELECT id FROM raw WHERE pruned_for "
                                                    "IS NOT NULL OR superseded_by IS NOT NULL")}
        for w in store.windows(upid, db):  # in stored order: a later equal answer wins
            if w["raw-id"] in pruned:
                continue
            if w["after"] not in best or w["until"] >= best[w["after"]]["until"]:
                best[w["after"]] = w
        out[(upid, db)] = [best[a] for a in sorted(best)]
    return out


def archive_from_history(store_file: Path, out: Path, *, excel: bool = True,
                         report: bool = True) -> ArchiveResult:
    """Write the decommissioning archive of everything ``store_file`` holds to ``out``
    (a file, or a directory for the default name)."""
    started = time.monotonic()
    with HistoryStore(store_file) as store:
        info_v = store.latest("smgw-info")
        conn_v = store.latest("tls-connection")
        if info_v is None or conn_v is None:
            raise ArchiveConflict(msg("{name} holds no completed sync yet.", name=store_file.name))
        # the newest smgw-info answer fixes the archive moment
        latest_info = store.conn.execute("SELECT MAX(id) FROM raw WHERE method='smgw-info' "
                                         "AND status=200").fetchone()[0]
        info_answer = parse_json(store.raw(latest_info).body, "smgw-info")
        moment = parse_time(info_answer["smgw-info"]["smgw-time"])
        userid = conn_v["document"]["userid"]
        contracts = store.latest("user-info", userid)
        if contracts is None:
            raise ArchiveConflict(msg("{name} holds no contracts yet.", name=store_file.name))
        points = parse_user_info({"user-info": contracts["document"]})
        chains = _chains(store)
        last_readings = {}
        for upid, db, rid in store.conn.execute(
                "SELECT json_extract(request, '$.\"usage-point-id\"'), "
                "json_extract(request, '$.database'), MAX(id) FROM raw WHERE method='readings' "
                "AND status=200 AND json_extract(request, '$.\"last-reading\"') = 1 "
                "GROUP BY 1, 2"):
            last_readings[(upid, db)] = rid
        chosen = {w["raw-id"] for chain in chains.values() for w in chain}
        chosen |= set(last_readings.values())
        # superseded answers (their content is in a kept one) stay in the store only
        keep = [rid for (rid, method) in store.conn.execute(
                "SELECT id, method FROM raw WHERE pruned_for IS NULL AND superseded_by IS NULL "
                "ORDER BY id") if method != "readings" or rid in chosen]
        numbering = _Numbering(store, keep)
        record = numbering.record
        if out.is_dir():
            out = out / default_name(info_answer["smgw-info"]["smgw-id"], moment)
        if out.exists():
            raise ArchiveConflict(msg("{out} exists already.", out=out))
        archive = ArchiveStore.create(
            out.with_name(out.name + ".part"),
            {"url": conn_v["document"]["url"], "userid": userid,
             "tls-sha256": conn_v["document"]["sha256"], "tool": f"trudi_py {__version__}",
             "out": out.name, "from-history": store_file.name}, excel=excel, report=report)
        used = set()
        meta_ids = [rid for rid in keep if store.raw(rid).method not in ("readings", "log")]
        extra = {"url": conn_v["document"]["url"], "tls-sha256": conn_v["document"]["sha256"],
                 "userid": userid}
        archive.store_smgw_info(SMGW_INFO_STEP, [record(rid) for rid in meta_ids],
                                info_answer, extra)
        used |= set(meta_ids)
        archive.store_user_info(USER_INFO_STEP, [], {"user-info": contracts["document"]})
        plans: list[DatabasePlan] = []
        warnings: list[str] = []
        missing: list[dict[str, Any]] = []
        check = CheckProcess() if report else None  # the report's checks, in a child
        try:
            return _write_rest(store, archive, points, chains, last_readings, record, keep,
                               used, plans, warnings, missing, started, check)
        finally:
            if check is not None:
                check.close()


def _write_rest(store: HistoryStore, archive: ArchiveStore, points: list[Any],
                chains: dict[tuple[str, str], list[dict[str, Any]]],
                last_readings: dict[tuple[str, str], int], record: Any, keep: list[int],
                used: set[int], plans: list[DatabasePlan], warnings: list[str],
                missing: list[dict[str, Any]], started: float,
                check: CheckProcess | None) -> ArchiveResult:
    """The databases (each large one prechecked in the child as soon as it is written, the
    job going on meanwhile), the logbook, the gaps, then the finished archive."""
    prechecks = Prechecker(check) if check is not None else None
    for point in points:
        version = store.latest("usage-point-info", point.usage_point_id)
        if version is None:
            continue
        answer = {"usage-point-info": version["document"]}
        archive.store_usage_point(usage_point_step(point.usage_point_id), [],
                                  point.usage_point_id, answer)
        detail = UsagePointInfo.from_json(answer)
        for db in detail.databases:
            meta = {c.obis: Channel(c.obis, c.scaler, c.unit) for c in db.channels}
            plan = DatabasePlan(point, db.name, meta)
            if point.taf in ("9", "10"):
                rid = last_readings.get((point.usage_point_id, db.name))
                if rid is not None:
                    step = plan.add_last_reading()
                    archive.store_window(plan, step, [record(rid)], store.raw(rid).body)
                    used.add(rid)
                plans.append(plan)
                continue
            for w in chains.get((point.usage_point_id, db.name), []):
                step = plan.add_window(w["after"], w["until"], plan.base_request())
                archive.store_window(plan, step, [record(w["raw-id"])],
                                     store.raw(w["raw-id"]).body)
                used.add(w["raw-id"])
            plans.append(plan)
            archive.finish_database(plan)  # its CSV now: a precheck can cover it
            if prechecks is not None:
                prechecks.after_database(archive, plan.finish_key, last=False)
    for plan in plans:
        archive.finish_database(plan)  # the TAF-9/10 ones
    if prechecks is not None and plans:  # every database written: the tariffs too
        prechecks.after_database(archive, plans[-1].finish_key, last=True)
    log_pages: list[str] = []
    for rid in keep:
        raw = store.raw(rid)
        if raw.method == "log":
            key = log_step(len(log_pages))
            if raw.status == 200 and raw.body:
                archive.store_log(key, [record(rid)], parse_json(raw.body, "log"))
                log_pages.append(key)
            else:
                archive.store_raw_only(key, [record(rid)])
            used.add(rid)
    rest = [rid for rid in keep if rid not in used]  # failed readings attempts
    if rest:
        archive.store_raw_only("raw|rest", [record(rid) for rid in rest])
    for gap in store.gaps("open"):
        missing.append({"what": "readings", "usage-point-id": gap["usage-point-id"],
                        "database": gap["database"], "from": gap["from"], "to": gap["to"],
                        "reason": f"not fetched yet: {gap['reason']}"})
    for gap in store.gaps("permanent"):
        warnings.append(f"{gap['usage-point-id']} {gap['database']} {gap['from']}.."
                        f"{gap['to']}: {gap['reason']} (noticed {gap['resolved']})")
    for c in store.conflicts():
        warnings.append(f"conflict {c['kind']} {c['key']}: stored {c['stored']}, "
                        f"re-read {c['received']} (noticed {c['noticed']}); the store "
                        f"keeps the first")
    figures = RunFigures(len(keep), 0, False, started)
    return archive.finish(plans, log_pages, warnings, missing, figures, check)
