"""The archive job's work in the writer thread: storing each step, finishing the archive.

:class:`WriterSteps` is mixed into the job's run object; every method here runs in the
:class:`~trudi_py.jobs.pipeline.Pipeline` thread, in the order the request thread queued it.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trudi_py.archive.assemble import finish_database, finish_logbook
from trudi_py.archive.rawlog import RAW_NAME, RawRecord
from trudi_py.archive.writer import sidecar_of
from trudi_py.errors import ArchiveConflict, ArchiveError, GatewayError
from trudi_py.i18n import msg
from trudi_py.model.times import format_utc

if TYPE_CHECKING:
    from trudi_py.archive.writer import ArchiveWriter
    from trudi_py.jobs.archive import DatabasePlan, _Run

FORMAT = "trudi-py-archive"
FORMAT_VERSION = 1


def collect_missing(run: _Run, plans: list[DatabasePlan], plan_missing: list[dict[str, Any]]
                    ) -> list[dict[str, Any]]:
    """Every gap of the plan: failed windows, windows never fetched, failed log pages."""
    st = run.writer.state
    missing = list(plan_missing)
    for plan in plans:
        for key, _, after, until in plan.steps:
            if key in st.missing:
                missing.append(st.missing[key])
            elif key not in st.done:
                missing.append({"what": "readings", "usage-point-id": plan.point.usage_point_id,
                                "database": plan.database,
                                "from": format_utc(after) if after else None,
                                "to": format_utc(until) if until else None,
                                "reason": "not fetched"})
    missing.extend(v for k, v in sorted(st.missing.items()) if k.startswith("log|"))
    return missing


def finish_archive(run: _Run, plans: list[DatabasePlan], log_pages: list[str],
                   plan_warnings: list[str], plan_missing: list[dict[str, Any]],
                   out: Path) -> None:
    from trudi_py import __version__
    from trudi_py.jobs.archive import ArchiveResult

    writer = run.writer
    st = writer.state
    for plan in plans:
        run._finish_db(plan, True)
    n_log, log_rows = finish_logbook(writer, [p for p in log_pages if p in st.done],
                                     excel=run.excel)
    missing = collect_missing(run, plans, plan_missing)
    databases = [st.data[p.finish_key] for p in plans if p.finish_key in st.data]
    gaps = [g for db in databases for c in db["channels"] for g in c["gaps"]]
    warnings = list(plan_warnings) + [w for k in sorted(st.warnings) for w in st.warnings[k]]
    info = st.data["smgw-info"]
    header = st.header
    gateway = {"smgw-id": info["smgw-id"], "firmware-version": info["firmware-version"],
               "firmware-hash": info["firmware-hash"], "url": header["url"],
               "tls-sha256": header["tls-sha256"]}
    readings: dict[str, dict[str, int]] = {}
    for db in databases:
        readings.setdefault(db["usage-point-id"], {})[db["database"]] = db["rows"]
    created = format_utc(datetime.now(UTC))
    complete = not missing
    if run.report:
        from trudi_py.archive.report import build_report
        charts = {db["chart"]: (writer.sidecar / db["chart"]).read_bytes()
                  for db in databases if db.get("chart")
                  and (writer.sidecar / db["chart"]).exists()}
        ctx = {"gateway": {**gateway, "smgw-time": info["smgw-time"]},
               "userid": header["userid"], "created": created, "complete": complete,
               "missing": missing, "gaps": gaps, "warnings": warnings,
               "usage-points": st.data.get("user-info", {}).get("usage-points", []),
               "databases": databases, "log-rows": log_rows}
        writer.write_member("report.html", build_report(ctx, charts).encode("utf-8"))
    requests = sum(1 for name in writer.zip.names if RAW_NAME.match(name))
    counts = {"requests": requests, "log-entries": n_log, "readings": readings}
    files = [{"path": m.path, "bytes": m.bytes, "sha256": m.sha256}
             for m in st.members + writer._new_members]
    manifest = {"format": FORMAT, "format-version": FORMAT_VERSION, "created": created,
                "tool": f"trudi_py {__version__}", "gateway": gateway,
                "userid": header["userid"], "complete": complete, "missing": missing,
                "counts": counts, "files": files,
                # extensions beyond archive.md (readers may ignore them):
                "archive-until": info["smgw-time"], "gaps": gaps, "warnings": warnings}
    writer.write_json("manifest.json", manifest)
    writer.close_and_rename(out)
    run.result = ArchiveResult(
        path=out, complete=complete, missing=missing, gaps=gaps, warnings=warnings,
        counts=counts, requests_this_run=run.requests, handshakes=0,
        bytes_received=run.bytes, elapsed_s=time.monotonic() - run.t0,
        resumed=run.resume, writer_busy_s=run.pipeline.busy_s)


def finished_result(path: Path, t0: float) -> Any:
    """``--resume`` on an archive that is already finished (a run killed between the final
    rename and the clean-up): nothing fetched; its manifest is reported."""
    import zipfile

    from trudi_py.archive.bounded import read_json_member
    from trudi_py.jobs.archive import ArchiveResult
    try:
        with zipfile.ZipFile(path) as zf:
            manifest = read_json_member(zf, "manifest.json")
    except (OSError, zipfile.BadZipFile, KeyError, ArchiveError) as exc:
        raise ArchiveError(msg("{path} exists but cannot be read ({exc}); nothing was resumed.",
                               path=path, exc=exc)) from None
    note = (f"{path.name} was already finished; nothing to resume (the interrupted "
            f"clean-up was completed).")
    return ArchiveResult(
        path=path, complete=manifest.get("complete") is True,
        missing=list(manifest.get("missing") or []), gaps=list(manifest.get("gaps") or []),
        warnings=[note, *(manifest.get("warnings") or [])],
        counts=manifest.get("counts") or {"requests": 0, "log-entries": 0, "readings": {}},
        requests_this_run=0, handshakes=0, bytes_received=0,
        elapsed_s=time.monotonic() - t0, resumed=True, note=note)


def find_part(out: Path) -> Path:
    """The ``.part`` to resume: ``out.part`` for a file, the only ``smgw-*.zip.part`` in a
    directory."""
    if out.is_dir():
        parts = sorted(p.with_name(p.name[:-2]) for p in out.glob("smgw-*.zip.part.d")
                       if p.is_dir())
        if len(parts) != 1:
            raise ArchiveConflict(
                msg("No incomplete archive in {out}: give the file name with --out.", out=out)
                if not parts else msg("More than one incomplete archive in {out}: give the file "
                                      "name with --out.", out=out))
        return parts[0]
    part = out.with_name(out.name + ".part")
    if not sidecar_of(part).is_dir() and not part.exists() and out.is_file():
        raise ArchiveError(msg("{out} is already finished: nothing to resume.", out=out))
    if not sidecar_of(part).is_dir():
        raise ArchiveConflict(msg("Nothing to resume: {part} (with {name}) not found.",
                                  part=part, name=sidecar_of(part).name))
    return part


class WriterSteps:
    """Storing what the request thread fetched (runs in the writer thread)."""

    writer: ArchiveWriter
    excel: bool
    report: bool

    def _store_meta(self, key: str, records: list[RawRecord], store: Any) -> None:
        self.writer.write_raw(records)
        self.writer.commit(key, data=store())

    def _store_raw_only(self, key: str, records: list[RawRecord]) -> None:
        self.writer.write_raw(records)
        self.writer.commit(key)

    def _store_failed(self, key: str, records: list[RawRecord], missing: dict) -> None:
        self.writer.write_raw(records)
        self.writer.commit(key, missing=missing)

    def _store_window(self, plan: DatabasePlan, key: str, records: list[RawRecord],
                      answer: bytes, after: datetime | None, until: datetime | None) -> None:
        w = self.writer
        w.write_raw(records)
        try:
            data = w.store_window(key, answer, plan.meta, after, until)
        except GatewayError as exc:  # MalformedAnswer: kept in raw/, the window is missing
            w.commit(key, missing={"what": "readings",
                                   "usage-point-id": plan.point.usage_point_id,
                                   "database": plan.database,
                                   "from": format_utc(after) if after else None,
                                   "to": format_utc(until) if until else None,
                                   "reason": exc.message})
            return
        warnings = []
        where = f"{plan.point.usage_point_id} {plan.database} window {key.split('|', 3)[-1]}"
        if data["records"] is not None and data["records"] != data["count"]:
            warnings.append(f"{where}: the answer says records={data['records']} but holds "
                            f"{data['count']} readings")
        if data["outside"]:
            warnings.append(f"{where}: {data['outside']} readings outside the requested "
                            f"window ignored")
        if data["duplicates"]:
            warnings.append(f"{where}: {data['duplicates']} duplicate readings ignored")
        w.commit(key, data=data, warnings=warnings)

    def _store_log(self, key: str, records: list[RawRecord], answer: dict[str, Any]) -> None:
        self.writer.write_raw(records)
        data = self.writer.store_log_page(key, answer)
        warnings = []
        if data["records"] is not None and data["records"] != data["entries"]:
            warnings.append(f"logbook page {key}: records={data['records']} but "
                            f"{data['entries']} entries")
        self.writer.commit(key, data=data, warnings=warnings)

    def _finish_db(self, plan: DatabasePlan, force: bool) -> None:
        """Assemble a database's CSV once all its windows are in (or at the end, anyway)."""
        st = self.writer.state
        if plan.finish_key in st.done:
            return
        if not force and any(k not in st.done for k, *_ in plan.steps):
            return  # a window is missing: retried on resume, assembled at the very end
        fetched = [(k, a) for k, _, a, _ in plan.steps if k in st.done]
        excluded = [(a, u) for k, _, a, u in plan.steps
                    if k not in st.done and a is not None and u is not None]
        summary = finish_database(self.writer, plan.point.usage_point_id, plan.database,
                                  fetched, plan.meta, plan.point.start, excluded,
                                  excel=self.excel, charts=self.report)
        self.writer.commit(plan.finish_key, data=summary)
