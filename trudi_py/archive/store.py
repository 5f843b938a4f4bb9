"""The archive being written: :class:`ArchiveStore` owns the ZIP, its journal and spools.

The archive job's request thread fetches; every ``store_*`` method here runs in the writer
thread, in the order the request thread queued it, and ends with a journal commit (see
:mod:`~trudi_py.archive.writer` for the on-disk state). :meth:`ArchiveStore.finish`
assembles what is left, writes ``report.html`` and ``manifest.json`` and returns the
:class:`ArchiveResult`.
"""

from __future__ import annotations

import json
import shutil
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from trudi_py import __version__
from trudi_py.archive.assemble import finish_database, finish_logbook
from trudi_py.archive.bounded import read_json_member
from trudi_py.archive.manifest import FORMAT, FORMAT_VERSION, MANIFEST, REPORT, file_entry
from trudi_py.archive.plan import DatabasePlan, Missing, WindowStep
from trudi_py.archive.rawlog import RAW_NAME, RawRecord
from trudi_py.archive.writer import ArchiveWriter
from trudi_py.archive.zipio import storage_error
from trudi_py.errors import ArchiveError, GatewayError
from trudi_py.i18n import msg
from trudi_py.model.times import format_utc

#: Verdicts over a finished, readable archive file (the archive job passes the verify code).
VerdictHook = Callable[[Path], Sequence[Any]]


@dataclass
class ArchiveResult:
    """What an archive run produced (``trudi-py archive --json`` prints :meth:`to_dict`)."""

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
    #: seconds per part of the run (jobs/timeline.py), for benchmarks; not in the JSON
    timings: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The result as the CLI's JSON document."""
        return {"path": str(self.path), "complete": self.complete, "missing": self.missing,
                "gaps": self.gaps, "warnings": self.warnings, "counts": self.counts,
                "requests-this-run": self.requests_this_run, "handshakes": self.handshakes,
                "bytes-received": self.bytes_received, "elapsed-s": round(self.elapsed_s, 3),
                "resumed": self.resumed, **({"note": self.note} if self.note else {})}

    def to_json(self) -> str:
        """:meth:`to_dict` as a JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


@dataclass(frozen=True)
class RunFigures:
    """What the fetching side counted, for the result."""

    requests: int
    bytes_received: int
    resumed: bool
    started: float  # time.monotonic() at the start of the run
    writer_busy_s: float = 0.0
    mark: Callable[[str], None] = lambda name: None  # a finish stage ends now (timeline)


class ArchiveStore:
    """Stores each fetched step and finishes the archive (create / resume / from a writer)."""

    def __init__(self, writer: ArchiveWriter, *, excel: bool = True, report: bool = True
                 ) -> None:
        self.writer = writer
        self.excel = excel
        self.report = report

    @classmethod
    def create(cls, part: Path, header: dict[str, Any], *, excel: bool = True,
               report: bool = True) -> ArchiveStore:
        """A new ``part`` with its sidecar; ``header`` goes into the journal."""
        return cls(ArchiveWriter.create(part, header), excel=excel, report=report)

    @classmethod
    def resume(cls, part: Path, *, excel: bool = True, report: bool = True) -> ArchiveStore:
        """Continue the interrupted ``part`` from its journal."""
        return cls(ArchiveWriter.resume(part), excel=excel, report=report)

    @property
    def part(self) -> Path:
        """The ``NAME.zip.part`` being written."""
        return self.writer.part

    @property
    def out(self) -> Path:
        """The finished archive's path."""
        return self.writer.part.with_name(self.writer.state.header["out"])

    def journal_received(self, record: RawRecord) -> None:
        """Make a received answer durable at once (request thread; resume replays it)."""
        self.writer.received.add(record)

    def abandon(self) -> None:
        """After an interruption: everything committed stays for ``--resume``."""
        self.writer.abandon()

    # -- steps (writer thread) -----------------------------------------------------------------
    def store_smgw_info(self, key: str, records: list[RawRecord], answer: dict[str, Any],
                        extra: dict[str, Any]) -> None:
        """Raw answers, ``smgw-info.json`` and the certificates."""
        self.writer.write_raw(records)
        self.writer.commit(key, data=self.writer.store_smgw_info(answer, extra))

    def store_user_info(self, key: str, records: list[RawRecord], answer: dict[str, Any]
                        ) -> None:
        """Raw answers and ``user-info.json``."""
        self.writer.write_raw(records)
        self.writer.commit(key, data=self.writer.store_user_info(answer))

    def store_usage_point(self, key: str, records: list[RawRecord], usage_point_id: str,
                          answer: dict[str, Any]) -> None:
        """Raw answers, ``usage-points/<id>.json`` and the TAF profile."""
        self.writer.write_raw(records)
        self.writer.commit(key, data=self.writer.store_usage_point_info(usage_point_id,
                                                                         answer))

    def store_raw_only(self, key: str, records: list[RawRecord]) -> None:
        """Raw answers that belong to no step (lost attempts, a resumed run's login)."""
        self.writer.write_raw(records)
        self.writer.commit(key)

    def store_failed(self, key: str, records: list[RawRecord], missing: Missing) -> None:
        """A step the gateway would not deliver: its attempts, and the gap."""
        self.writer.write_raw(records)
        self.writer.commit(key, missing=missing.to_dict())

    def store_window(self, plan: DatabasePlan, step: WindowStep, records: list[RawRecord],
                     answer: bytes) -> None:
        """One readings answer (the body as received): raw, then its rows spooled."""
        w = self.writer
        w.write_raw(records)
        try:
            data = w.store_window(step.key, answer, plan.meta, step.after, step.until)
        except GatewayError as exc:  # MalformedAnswer: kept in raw/, the window is missing
            w.commit(step.key, missing=plan.missing(step, exc.message).to_dict())
            return
        warnings = []
        where = f"{plan.usage_point_id} {plan.database} window {step.label}"
        if data["records"] is not None and data["records"] != data["count"]:
            warnings.append(f"{where}: the answer says records={data['records']} but holds "
                            f"{data['count']} readings")
        if data["outside"]:
            warnings.append(f"{where}: {data['outside']} readings outside the requested "
                            f"window ignored")
        if data["duplicates"]:
            warnings.append(f"{where}: {data['duplicates']} duplicate readings ignored")
        w.commit(step.key, data=data, warnings=warnings)

    def store_log(self, key: str, records: list[RawRecord], answer: dict[str, Any]) -> None:
        """One logbook page: raw, then its rows spooled."""
        self.writer.write_raw(records)
        data = self.writer.store_log_page(key, answer)
        warnings = []
        if data["records"] is not None and data["records"] != data["entries"]:
            warnings.append(f"logbook page {key}: records={data['records']} but "
                            f"{data['entries']} entries")
        self.writer.commit(key, data=data, warnings=warnings)

    def finish_database(self, plan: DatabasePlan, force: bool = False) -> None:
        """Assemble a database's CSV once all its windows are in (``force``: at the end,
        with whatever was fetched)."""
        st = self.writer.state
        if plan.finish_key in st.done:
            return
        if not force and any(s.key not in st.done for s in plan.steps):
            return  # a window is missing: retried on resume, assembled at the very end
        fetched = [(s.key, s.after) for s in plan.steps if s.key in st.done]
        excluded = [(s.after, s.until) for s in plan.steps
                    if s.key not in st.done and s.after is not None and s.until is not None]
        summary = finish_database(self.writer, plan.usage_point_id, plan.database, fetched,
                                  plan.meta, plan.point.start, excluded, excel=self.excel,
                                  charts=self.report)
        self.writer.commit(plan.finish_key, data=summary)

    def precheck(self, hook: Callable[[Path, int], object]) -> None:
        """Run ``hook(path, end)`` over the archive written so far (its members end at
        ``end``) — with a provisional manifest (the
        finished databases' counts) and a ZIP directory, both taken out again afterwards —
        so that the final verification finds those databases checked
        (:mod:`~trudi_py.archive.checkmemo`). An interruption meanwhile loses nothing: a
        resumed run cuts the file back to the last commit."""
        mark = self._provisional_end()
        try:
            hook(self.part, mark[0])
        finally:
            self._take_back(mark)

    def snapshot(self, name: str) -> tuple[Path, int]:
        """A copy of the archive written so far, readable as a ZIP (provisional manifest
        and directory, as :meth:`precheck` gives the hook), at ``name`` in the sidecar
        folder, and where its members end. Checking the copy lets the writer go on at once
        (the members before ``end`` are the final file's); the caller deletes it."""
        dest = self.writer.sidecar / name
        mark = self._provisional_end()
        try:
            shutil.copyfile(self.part, dest)  # the kernel copies (sendfile); the GIL is free
        except OSError as exc:
            raise storage_error(exc, dest) from None
        finally:
            self._take_back(mark)
        return dest, mark[0]

    def _provisional_end(self) -> tuple[int, int]:
        """Append a provisional manifest and a ZIP directory; returns the mark before."""
        st = self.writer.state
        readings: dict[str, dict[str, int]] = {}
        for data in st.data.values():
            if isinstance(data, dict) and "usage-point-id" in data and "rows" in data:
                readings.setdefault(data["usage-point-id"], {})[data["database"]] = data["rows"]
        requests = sum(1 for name in self.writer.zip.names if RAW_NAME.match(name))
        manifest: dict[str, Any] = {
            "format": FORMAT, "format-version": FORMAT_VERSION, "complete": False,
            "missing": [], "files": [],
            "counts": {"requests": requests, "log-entries": 0, "readings": readings}}
        mark = self.writer.zip.mark()
        self._write_manifest(manifest)
        self.writer.zip.write_directory()
        return mark

    def _take_back(self, mark: tuple[int, int]) -> None:
        """Cut the provisional manifest and directory off again."""
        self.writer.zip.rewind(mark)
        self.writer.forget_new_members(MANIFEST)

    # -- the end -------------------------------------------------------------------------------
    def collect_missing(self, plans: list[DatabasePlan], plan_missing: list[dict[str, Any]]
                        ) -> list[dict[str, Any]]:
        """Every gap: planned ones, failed windows, windows never fetched, failed log pages."""
        st = self.writer.state
        missing = list(plan_missing)
        for plan in plans:
            for step in plan.steps:
                if step.key in st.missing:
                    missing.append(st.missing[step.key])
                elif step.key not in st.done:
                    missing.append(plan.missing(step, "not fetched").to_dict())
        missing.extend(v for k, v in sorted(st.missing.items()) if k.startswith("log|"))
        return missing

    def finish(self, plans: list[DatabasePlan], log_pages: list[str], plan_warnings: list[str],
               plan_missing: list[dict[str, Any]], figures: RunFigures,
               verdicts: VerdictHook | None = None) -> ArchiveResult:
        """Assemble the rest, write ``report.html`` (with the verdicts of ``verdicts`` over
        everything else) and ``manifest.json``, rename ``.part`` to the final name."""
        writer, st, out = self.writer, self.writer.state, self.out
        for plan in plans:
            self.finish_database(plan, True)
        figures.mark("databases")
        n_log, log_rows = finish_logbook(writer, [p for p in log_pages if p in st.done],
                                         excel=self.excel)
        figures.mark("logbook")
        missing = self.collect_missing(plans, plan_missing)
        databases = [st.data[p.finish_key] for p in plans if p.finish_key in st.data]
        gaps = [g for db in databases for c in db["channels"] for g in c["gaps"]]
        warnings = list(plan_warnings) + [w for k in sorted(st.warnings)
                                          for w in st.warnings[k]]
        info, header = st.data["smgw-info"], st.header
        gateway = {"smgw-id": info["smgw-id"], "firmware-version": info["firmware-version"],
                   "firmware-hash": info["firmware-hash"], "url": header["url"],
                   "tls-sha256": header["tls-sha256"]}
        readings: dict[str, dict[str, int]] = {}
        for db in databases:
            readings.setdefault(db["usage-point-id"], {})[db["database"]] = db["rows"]
        created = format_utc(datetime.now(UTC))
        requests = sum(1 for name in writer.zip.names if RAW_NAME.match(name))
        counts = {"requests": requests, "log-entries": n_log, "readings": readings}
        manifest: dict[str, Any] = {
            "format": FORMAT, "format-version": FORMAT_VERSION, "created": created,
            "tool": f"trudi_py {__version__}", "gateway": gateway, "userid": header["userid"],
            "complete": not missing, "missing": missing, "counts": counts, "files": [],
            # extensions beyond archive.md (readers may ignore them):
            "archive-until": info["smgw-time"], "gaps": gaps, "warnings": warnings}
        if self.report:
            found = self._verdicts(manifest, verdicts) if verdicts is not None else []
            figures.mark("verify")
            from trudi_py.archive.report import build_report
            charts = {db["chart"]: (writer.sidecar / db["chart"]).read_bytes()
                      for db in databases if db.get("chart")
                      and (writer.sidecar / db["chart"]).exists()}
            ctx = {"gateway": {**gateway, "smgw-time": info["smgw-time"]},
                   "userid": header["userid"], "created": created, "complete": not missing,
                   "missing": missing, "gaps": gaps, "warnings": warnings,
                   "usage-points": st.data.get("user-info", {}).get("usage-points", []),
                   "databases": databases, "log-rows": log_rows, "verdicts": found,
                   "verdicts-cover": manifest.get("verdicts")}
            writer.write_member(REPORT, build_report(ctx, charts).encode("utf-8"))
            figures.mark("report")
        self._write_manifest(manifest)
        writer.close_and_rename(out)
        figures.mark("close")
        return ArchiveResult(
            path=out, complete=not missing, missing=missing, gaps=gaps, warnings=warnings,
            counts=counts, requests_this_run=figures.requests, handshakes=0,
            bytes_received=figures.bytes_received,
            elapsed_s=time.monotonic() - figures.started, resumed=figures.resumed,
            writer_busy_s=figures.writer_busy_s)

    def _write_manifest(self, manifest: dict[str, Any]) -> None:
        st = self.writer.state
        manifest["files"] = [file_entry(m.path, m.bytes, m.sha256)
                             for m in st.members + self.writer.new_members]
        self.writer.write_json(MANIFEST, manifest)

    def _verdicts(self, manifest: dict[str, Any], hook: VerdictHook) -> list[Any]:
        """Run ``hook`` over the archive as it stands (a manifest without ``report.html``
        and a temporary ZIP directory), then take that manifest back out: the verdicts
        cover every member except ``report.html`` and ``manifest.json`` itself."""
        mark = self.writer.zip.mark()
        self._write_manifest(manifest)
        self.writer.zip.write_directory()
        try:
            found = list(hook(self.part))
        finally:
            self.writer.zip.rewind(mark)
            self.writer.forget_new_members(MANIFEST)
        manifest["verdicts"] = verdict_summary(found)
        return found


def verdict_summary(verdicts: Sequence[Any]) -> dict[str, Any]:
    """The manifest's ``verdicts`` entry: what the verdicts in ``report.html`` cover, and
    how many were right / wrong / not checkable."""
    tally: dict[str, int] = {}
    for v in verdicts:
        outcome = str(getattr(v, "outcome", "unknown"))
        tally[outcome] = tally.get(outcome, 0) + 1
    return {"in": REPORT, "covers": f"every member listed in files except {REPORT} "
                                    f"(and {MANIFEST} itself)", "outcomes": tally}


def finished_result(path: Path, started: float) -> ArchiveResult:
    """``--resume`` on an archive that is already finished (a run killed between the final
    rename and the clean-up): nothing fetched; its manifest is reported."""
    try:
        with zipfile.ZipFile(path) as zf:
            manifest = read_json_member(zf, MANIFEST)
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
        elapsed_s=time.monotonic() - started, resumed=True, note=note)
