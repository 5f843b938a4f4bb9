"""The archive writer: streams members into ``NAME.zip.part``, resumable after any interruption.

State on disk while a run is in progress (design: see ``jobs/archive.py``):

- ``NAME.zip.part`` — the ZIP, members appended as they are produced (raw answers, JSON,
  finished CSVs); no central directory until the end.
- ``NAME.zip.part.d/journal.jsonl`` — one fsynced line per finished step (see
  :mod:`~trudi_py.archive.journal`): the members written for it and the zip offset after them.
- ``NAME.zip.part.d/spool/<step>/<obis>.rows`` — the CSV rows of each fetched window, per
  channel. A database's CSV is assembled from them (sorted by OBIS, then time) when its last
  window is in, so no database is ever held in memory.

Nothing here talks to the network or imports Qt. All methods run in one thread.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from trudi_py.archive.csvformat import WindowRows, encode_rows, log_rows, window_rows
from trudi_py.archive.journal import JOURNAL_NAME, JOURNAL_VERSION, Journal
from trudi_py.archive.rawjournal import RawJournal
from trudi_py.archive.rawlog import RAW_NAME, RawRecord, safe_segment
from trudi_py.archive.zipio import MemberRecord, ZipAppender, durable_write, storage_error
from trudi_py.errors import ArchiveConflict
from trudi_py.i18n import msg
from trudi_py.model import Channel, GatewayInfo, LogAnswer, UsagePointInfo
from trudi_py.model.times import format_utc, parse_optional_time


def sidecar_of(part: Path) -> Path:
    return part.with_name(part.name + ".d")


def finished_archive(part: Path) -> Path | None:
    """The finished archive whose clean-up was interrupted (``NAME.zip`` exists, the
    ``.part`` was already renamed, only its sidecar folder is left), or None."""
    sidecar = sidecar_of(part)
    final = part.with_name(part.name[:-len(".part")]) if part.name.endswith(".part") else None
    if final is not None and final.is_file() and not part.exists() and sidecar.is_dir():
        return final
    return None


def remove_finished_leftover(part: Path) -> Path | None:
    """Remove the sidecar left by a run killed between the final rename and its clean-up;
    returns the finished archive it belonged to (or None: nothing of that kind)."""
    final = finished_archive(part)
    if final is not None:
        shutil.rmtree(sidecar_of(part), ignore_errors=True)
    return final


def spool_dir_name(step: str) -> str:
    return hashlib.sha256(step.encode()).hexdigest()[:20]


@dataclass
class WriterState:
    """Everything committed so far (rebuilt from the journal on resume)."""

    header: dict[str, Any]
    members: list[MemberRecord] = field(default_factory=list)
    offset: int = 0
    max_seq: int = 0
    done: set[str] = field(default_factory=set)
    data: dict[str, Any] = field(default_factory=dict)
    missing: dict[str, dict[str, Any]] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)

    def committed_seqs(self) -> set[int]:
        """The request numbers whose raw answers are committed to the ZIP."""
        return {int(m.group(1)) for r in self.members if (m := RAW_NAME.match(r.path))}

    def apply(self, entry: dict[str, Any]) -> None:
        step = entry["step"]
        self.members.extend(MemberRecord.from_json(m) for m in entry.get("members", []))
        self.offset = entry["offset"]
        self.max_seq = max(self.max_seq, entry.get("seq", 0))
        if entry.get("warnings"):
            self.warnings[step] = entry["warnings"]
        if entry.get("missing"):
            self.missing[step] = entry["missing"]
            self.done.discard(step)
            return
        self.missing.pop(step, None)
        self.done.add(step)
        if entry.get("data") is not None:
            self.data[step] = entry["data"]


class ArchiveWriter:
    """Writes one archive; create with :meth:`create` or :meth:`resume`."""

    def __init__(self, part: Path, state: WriterState, zipper: ZipAppender,
                 journal: Journal) -> None:
        self.part = part
        self.sidecar = sidecar_of(part)
        self.state = state
        self.zip = zipper
        self.journal = journal
        self._new_members: list[MemberRecord] = []
        self._new_seqs: list[int] = []
        self.seq_written: set[int] = set()
        self.received = RawJournal(self.sidecar)

    # -- lifecycle ----------------------------------------------------------------------------
    @classmethod
    def create(cls, part: Path, header: dict[str, Any]) -> ArchiveWriter:
        sidecar = sidecar_of(part)
        if not part.parent.is_dir():
            raise ArchiveConflict(msg("The folder {parent} does not exist.", parent=part.parent))
        remove_finished_leftover(part)
        if part.exists() or sidecar.exists():
            raise ArchiveConflict(msg("An incomplete archive {part} exists already: continue it "
                                      "with --resume or delete it first.", part=part))
        try:
            (sidecar / "spool").mkdir(parents=True)
        except OSError as exc:
            raise storage_error(exc, sidecar) from None
        zipper = ZipAppender(part)
        journal = Journal(sidecar / JOURNAL_NAME)
        header = {"type": "header", "journal-version": JOURNAL_VERSION, **header}
        journal.append(header)
        return cls(part, WriterState(header), zipper, journal)

    @classmethod
    def resume(cls, part: Path) -> ArchiveWriter:
        sidecar = sidecar_of(part)
        entries = Journal.read(sidecar / JOURNAL_NAME)
        state = WriterState(entries[0])
        for entry in entries[1:]:
            if entry.get("type") == "commit":
                state.apply(entry)
        if not part.exists() or part.stat().st_size < state.offset:
            raise ArchiveConflict(msg("{part} is shorter than its journal says: cannot resume.",
                                      part=part))
        zipper = ZipAppender(part, state.members, state.offset)
        return cls(part, state, zipper, Journal(sidecar / JOURNAL_NAME))

    def abandon(self) -> None:
        """Stop after an interruption: everything committed stays for ``--resume``."""
        self.zip.abandon()
        self.journal.close()

    # -- members ------------------------------------------------------------------------------
    def write_member(self, path: str, data: bytes | Iterable[bytes]) -> MemberRecord:
        record = self.zip.write(path, data)
        self._new_members.append(record)
        return record

    def write_json(self, path: str, document: Any) -> MemberRecord:
        return self.write_member(path, json.dumps(document, ensure_ascii=False,
                                                  indent=2).encode("utf-8") + b"\n")

    def write_raw(self, records: Iterable[RawRecord]) -> None:
        for rec in sorted(records, key=lambda r: r.seq):
            if rec.seq in self.seq_written:
                continue  # the client may report a final 401 twice
            self.seq_written.add(rec.seq)
            self._new_seqs.append(rec.seq)
            self.write_member(rec.body_name, rec.body)
            self.write_member(rec.meta_name, rec.meta_bytes())
            self.state.max_seq = max(self.state.max_seq, rec.seq)

    def commit(self, step: str, data: Any = None, missing: dict[str, Any] | None = None,
               warnings: list[str] | None = None) -> None:
        """Make everything written since the last commit durable and record ``step``."""
        self.zip.sync()
        entry = {"type": "commit", "step": step, "offset": self.zip.offset,
                 "seq": self.state.max_seq,
                 "members": [m.to_json() for m in self._new_members]}
        if data is not None:
            entry["data"] = data
        if missing:
            entry["missing"] = missing
        if warnings:
            entry["warnings"] = warnings
        self.journal.append(entry)
        self._new_members = []
        self.state.apply(entry)
        self.received.forget(self._new_seqs)
        self._new_seqs = []

    # -- gateway information ------------------------------------------------------------------
    def store_smgw_info(self, answer: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
        info = GatewayInfo.from_json(answer)
        body = answer.get("smgw-info", {})
        doc = {"smgw-id": info.smgw_id,
               "firmware-info": {"component": info.firmware.component,
                                 "version": info.firmware.version, "hash": info.firmware.hash},
               "smgw-state": info.state, "smgw-time": format_utc(info.time),
               "state-flags": info.state_flags, "certificates": body.get("certificates", {}),
               "interface-version": info.version, **extra}
        self.write_json("smgw-info.json", doc)
        if info.han_tls_pem:
            self.write_member("certificates/han-tls.pem", info.han_tls_pem.encode("ascii"))
        for wan in info.wan:
            idx = safe_segment(wan.cert_index)
            if wan.sig_der:
                self.write_member(f"certificates/wan-{idx}-sig.der", wan.sig_der)
            if wan.sub_ca_der:
                self.write_member(f"certificates/wan-{idx}-sub-ca.der", wan.sub_ca_der)
        return {"smgw-id": info.smgw_id, "firmware-version": info.firmware.version,
                "firmware-hash": info.firmware.hash, "smgw-time": format_utc(info.time)}

    def store_user_info(self, answer: dict[str, Any]) -> dict[str, Any]:
        points = answer.get("user-info", {}).get("usage-points", [])
        normalised = []
        for raw in points:
            out = dict(raw)
            for key in ("start-time", "end-time"):
                moment = parse_optional_time(raw.get(key), key)
                out[key] = format_utc(moment) if moment else raw.get(key, "")
            for key in ("billing-Periods", "billing-periods"):
                if isinstance(raw.get(key), list):
                    out[key] = [{k: (format_utc(parse_optional_time(v, k)) if v else v)
                                 for k, v in bp.items()} for bp in raw[key]]
            normalised.append(out)
        self.write_json("user-info.json", {"usage-points": normalised})
        return {"usage-points": normalised}

    def store_usage_point_info(self, usage_point_id: str, answer: dict[str, Any]
                               ) -> dict[str, Any]:
        info = UsagePointInfo.from_json(answer)
        name = safe_segment(usage_point_id)
        self.write_json(f"usage-points/{name}.json", answer.get("usage-point-info", {}))
        if info.taf_profile:
            self.write_member(f"taf-profiles/{name}.p7s", info.taf_profile)
        return {"databases": [{"database": db.name,
                               "channels": [[c.obis, c.scaler, c.unit] for c in db.channels]}
                              for db in info.databases]}

    # -- readings and logbook -----------------------------------------------------------------
    def store_window(self, step: str, answer: dict[str, Any] | bytes,
                     meta: dict[str, Channel], after: datetime | None, until: datetime | None
                     ) -> dict[str, Any]:
        """Parse one readings answer (body or JSON object) and spool its rows per channel;
        returns step data."""
        rows: WindowRows = window_rows(answer, meta, after, until)
        folder = self.sidecar / "spool" / spool_dir_name(step)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for obis, obis_rows in rows.rows.items():
                with open(folder / f"{obis}.rows", "wb") as spool:
                    durable_write(spool, folder, encode_rows(obis_rows))
        except OSError as exc:
            raise storage_error(exc, folder) from None
        return {"rows": {obis: len(r) for obis, r in rows.rows.items()},
                "records": rows.records, "count": rows.total, "outside": rows.outside,
                "duplicates": rows.duplicates}

    def store_log_page(self, step: str, answer: dict[str, Any]) -> dict[str, Any]:
        page = LogAnswer.from_json(answer)
        path = self.sidecar / "spool" / f"{spool_dir_name(step)}.log"
        try:
            path.write_bytes(encode_rows(log_rows(page.entries)))
        except OSError as exc:
            raise storage_error(exc, path) from None
        last = max((e.index for e in page.entries), default=None)
        return {"entries": len(page.entries), "records": page.records, "last-index": last}

    def spool_path(self, step: str, obis: str) -> Path:
        return self.sidecar / "spool" / spool_dir_name(step) / f"{obis}.rows"

    def log_spool(self, step: str) -> Path:
        return self.sidecar / "spool" / f"{spool_dir_name(step)}.log"

    # -- the end ------------------------------------------------------------------------------
    def close_and_rename(self, out: Path) -> None:
        """Central directory, fsync, ``.part`` → ``out``, sidecar removed."""
        self.zip.close()
        self.journal.close()
        if out.exists():
            raise ArchiveConflict(msg("{out} exists already; the finished archive stays at "
                                      "{part}.", out=out, part=self.part))
        try:
            os.replace(self.part, out)
        except OSError as exc:
            raise storage_error(exc, out) from None
        shutil.rmtree(self.sidecar, ignore_errors=True)
