"""``trudi-py archive --from-history``: the decommissioning archive of the whole history.

Written through the archive writer (:class:`~trudi_py.archive.writer.ArchiveWriter` and the
archive job's :class:`~trudi_py.jobs.archive_steps.WriterSteps`), from the raw answers the
store kept, byte-exact, renumbered 1…N in the order they were received. Per database the
archive takes one chain of non-overlapping 31-day windows (for each grid window the answer
that reached furthest), so ``verify`` re-derives every CSV from ``raw/``; re-read answers of
the still-growing window stay in the store only. All logbook pages, gateway-info and contract
answers go in. Open gaps make the archive ``complete: false`` (listed as missing); permanent
gaps and conflicts are listed as warnings.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from trudi_py import __version__
from trudi_py.archive.rawlog import RawRecord
from trudi_py.archive.writer import ArchiveWriter
from trudi_py.errors import ArchiveConflict
from trudi_py.history import HistoryStore
from trudi_py.i18n import msg
from trudi_py.jobs.archive import ArchiveResult, DatabasePlan, default_name
from trudi_py.jobs.archive_steps import WriterSteps, finish_archive
from trudi_py.m2m.client import parse_json
from trudi_py.model import Channel, UsagePointInfo, parse_user_info
from trudi_py.model.times import format_utc, parse_time


@dataclass
class _NoPipeline:
    busy_s: float = 0.0


class _Replay(WriterSteps):
    def __init__(self, store: HistoryStore, excel: bool, report: bool) -> None:
        self.store, self.excel, self.report = store, excel, report
        self.writer: ArchiveWriter | None = None  # type: ignore[assignment]
        self.pipeline = _NoPipeline()
        self.t0 = time.monotonic()
        self.resume = False
        self.requests = 0
        self.bytes = 0
        self.result: ArchiveResult | None = None
        self.numbers: dict[int, int] = {}

    def record(self, raw_id: int) -> RawRecord:
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
    """Write the decommissioning archive of the whole store to ``out`` (see the module text)."""
    with HistoryStore(store_file) as store:
        run = _Replay(store, excel, report)
        info_v = store.latest("smgw-info")
        conn_v = store.latest("tls-connection")
        if info_v is None or conn_v is None:
            raise ArchiveConflict(msg("{name} holds no completed sync yet.", name=store_file.name))
        # the newest smgw-info answer fixes the archive moment
        latest_info = store.conn.execute("SELECT MAX(id) FROM raw WHERE method='smgw-info' "
                                         "AND status=200").fetchone()[0]
        info_raw = store.raw(latest_info)
        info_answer = parse_json(info_raw.body, "smgw-info")
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
        run.numbers = {rid: n for n, rid in enumerate(keep, 1)}
        run.requests = len(keep)
        if out.is_dir():
            out = out / default_name(info_answer["smgw-info"]["smgw-id"], moment)
        if out.exists():
            raise ArchiveConflict(msg("{out} exists already.", out=out))
        run.writer = writer = ArchiveWriter.create(
            out.with_name(out.name + ".part"),
            {"url": conn_v["document"]["url"], "userid": userid,
             "tls-sha256": conn_v["document"]["sha256"], "tool": f"trudi_py {__version__}",
             "out": out.name, "from-history": store_file.name})
        used = set()
        meta_ids = [rid for rid in keep if store.raw(rid).method not in ("readings", "log")]
        writer.write_raw(run.record(rid) for rid in meta_ids)
        used |= set(meta_ids)
        extra = {"url": conn_v["document"]["url"], "tls-sha256": conn_v["document"]["sha256"],
                 "userid": userid}
        writer.commit("smgw-info", data=writer.store_smgw_info(info_answer, extra))
        writer.commit("user-info", data=writer.store_user_info(
            {"user-info": contracts["document"]}))
        plans: list[DatabasePlan] = []
        warnings: list[str] = []
        missing: list[dict[str, Any]] = []
        for point in points:
            version = store.latest("usage-point-info", point.usage_point_id)
            if version is None:
                continue
            answer = {"usage-point-info": version["document"]}
            writer.commit(f"upi|{point.usage_point_id}",
                          data=writer.store_usage_point_info(point.usage_point_id, answer))
            detail = UsagePointInfo.from_json(answer)
            for db in detail.databases:
                meta = {c.obis: Channel(c.obis, c.scaler, c.unit) for c in db.channels}
                plan = DatabasePlan(point, db.name, meta)
                base = {"method": "readings", "usage-point-id": point.usage_point_id,
                        "database": db.name}
                if point.taf in ("9", "10"):
                    rid = last_readings.get((point.usage_point_id, db.name))
                    if rid is not None:
                        key = f"last|{point.usage_point_id}|{db.name}"
                        plan.steps.append((key, {**base, "last-reading": True}, None, None))
                        run._store_window(plan, key, [run.record(rid)],
                                          store.raw(rid).body, None, None)
                        used.add(rid)
                    plans.append(plan)
                    continue
                for w in chains.get((point.usage_point_id, db.name), []):
                    key = f"win|{point.usage_point_id}|{db.name}|{format_utc(w['after'])}|" \
                          f"{format_utc(w['until'])}"
                    plan.steps.append((key, {**base}, w["after"], w["until"]))
                    run._store_window(plan, key, [run.record(w["raw-id"])],
                                      store.raw(w["raw-id"]).body, w["after"], w["until"])
                    used.add(w["raw-id"])
                plans.append(plan)
        log_pages: list[str] = []
        for rid in keep:
            raw = store.raw(rid)
            if raw.method == "log":
                key = f"log|{len(log_pages)}"
                if raw.status == 200 and raw.body:
                    run._store_log(key, [run.record(rid)], parse_json(raw.body, "log"))
                    log_pages.append(key)
                else:
                    run._store_raw_only(key, [run.record(rid)])
                used.add(rid)
        rest = [rid for rid in keep if rid not in used]  # failed readings attempts
        if rest:
            run._store_raw_only("raw|rest", [run.record(rid) for rid in rest])
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
        finish_archive(run, plans, log_pages, warnings, missing, out)  # type: ignore[arg-type]
        assert run.result is not None
        run.result.elapsed_s = time.monotonic() - run.t0
        return run.result
