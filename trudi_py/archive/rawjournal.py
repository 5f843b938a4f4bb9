"""Every answer on disk the moment it is received: ``NAME.zip.part.d/received/``.

An answer counts as fetched once its raw bytes are here, before it is queued for parsing and
ZIP writing. A run killed at any moment therefore loses at most the one request in flight: a
resumed run finds the answers received but not yet committed, replays them through the same
steps without asking the gateway again, and keeps their request numbers.

Per request two files: ``NNNNNN.body`` (the bytes received) and then ``NNNNNN.meta`` (the
``.meta.json`` content plus the body's length and SHA-256). The meta file is written last and
renamed into place, so a record is complete exactly when its meta file exists and the body
matches it. Files are written, not fsynced: they survive a killed process (the kernel keeps
them); after a power failure a damaged record is detected by its digest and that request is
simply sent again. Records of committed steps are deleted by the writer thread.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from trudi_py.archive.rawlog import RawRecord
from trudi_py.archive.zipio import storage_error

RECEIVED_DIR = "received"
MAX_META_BYTES = 256 * 1024


class RawJournal:
    """Writes and replays the received answers of one archive run."""

    def __init__(self, sidecar: Path) -> None:
        self.folder = sidecar / RECEIVED_DIR
        try:
            self.folder.mkdir(exist_ok=True)
        except OSError as exc:
            raise storage_error(exc, self.folder) from None

    def add(self, rec: RawRecord) -> None:
        """Put one record on disk (body first, then its meta by rename)."""
        body = self.folder / f"{rec.seq:06d}.body"
        meta = self.folder / f"{rec.seq:06d}.meta"
        doc = {"seq": rec.seq, "method": rec.method, "request": rec.request,
               "status": rec.status, "received": rec.received.isoformat(),
               "elapsed-ms": rec.elapsed_ms, "error": rec.error, "bytes": len(rec.body),
               "sha256": hashlib.sha256(rec.body).hexdigest()}
        tmp = meta.with_suffix(".meta.tmp")
        try:
            body.write_bytes(rec.body)
            tmp.write_text(json.dumps(doc), encoding="utf-8")
            os.replace(tmp, meta)
        except OSError as exc:
            raise storage_error(exc, self.folder) from None

    def forget(self, seqs: list[int]) -> None:
        """Delete the records of committed steps (their bytes are in the ZIP now)."""
        for seq in seqs:
            for suffix in (".meta", ".body"):
                with contextlib.suppress(OSError):
                    (self.folder / f"{seq:06d}{suffix}").unlink(missing_ok=True)

    def replay(self, committed: set[int]) -> dict[int, RawRecord]:
        """The records not yet ``committed`` (numbers already in the ZIP); a damaged one
        comes back as a lost request with an empty body, so that its number still appears
        in raw/. Replayed answers are committed out of number order, so only the committed
        numbers themselves tell what is in the ZIP."""
        out: dict[int, RawRecord] = {}
        for meta in sorted(self.folder.glob("*.meta")):
            try:
                seq = int(meta.stem)
            except ValueError:
                continue
            if seq in committed:
                self.forget([seq])
                continue
            out[seq] = _load(meta, self.folder / f"{seq:06d}.body", seq)
        return out


def _load(meta: Path, body_path: Path, seq: int) -> RawRecord:
    try:
        if meta.stat().st_size > MAX_META_BYTES:
            raise ValueError("meta record too large")
        doc: Any = json.loads(meta.read_text(encoding="utf-8"))
        received = datetime.fromisoformat(doc["received"])
        method = str(doc["method"])
        request = doc.get("request")
    except (OSError, ValueError, KeyError, TypeError):
        return RawRecord.lost(seq, "unknown", None, "answer damaged on disk after an "
                              "interruption")
    try:
        body = body_path.read_bytes() if body_path.stat().st_size == doc.get("bytes") else None
    except OSError:
        body = None
    if body is None or hashlib.sha256(body).hexdigest() != doc.get("sha256"):
        return RawRecord.lost(seq, method, request if isinstance(request, dict) else None,
                              "answer damaged on disk after an interruption")
    return RawRecord(seq, method, request if isinstance(request, dict) else None,
                     doc.get("status"), body, received.astimezone(UTC),
                     doc.get("elapsed-ms"), doc.get("error"))
