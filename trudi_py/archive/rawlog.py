"""``raw/NNNNNN-<method>.json`` and ``.meta.json``: every HTTP exchange, byte-exact."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from trudi_py.model.times import format_utc

RAW_NAME = re.compile(r"^raw/(\d{6})-([A-Za-z0-9-]+)\.json$")
META_NAME = re.compile(r"^raw/(\d{6})-([A-Za-z0-9-]+)\.meta\.json$")


def safe_segment(text: str) -> str:
    """A usage-point id or method as one harmless path segment."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]", "_", text).strip(".") or "_"
    return cleaned[:120]


def method_segment(method: str) -> str:
    """The method name as it appears in ``raw/`` member names."""
    return re.sub(r"[^A-Za-z0-9-]", "-", method) or "unknown"


@dataclass(frozen=True)
class RawRecord:
    """One request as the archive keeps it. ``status`` None: no answer (connection lost)."""

    seq: int
    method: str
    request: dict[str, Any] | None
    status: int | None
    body: bytes
    received: datetime
    elapsed_ms: float | None
    error: str | None = None

    @classmethod
    def from_exchange(cls, ex: Any) -> RawRecord:
        """The record of one request/answer pair the client reported."""
        return cls(ex.seq, ex.method, ex.request, ex.status, ex.body, ex.received,
                   ex.elapsed_ms)

    @classmethod
    def lost(cls, seq: int, method: str, request: dict[str, Any] | None,
             error: str) -> RawRecord:
        """A request that got no (complete) answer: numbered like the others, body empty."""
        return cls(seq, method, request, None, b"", datetime.now(UTC), None, error)

    @property
    def body_name(self) -> str:
        """``raw/NNNNNN-<method>.json``."""
        return f"raw/{self.seq:06d}-{method_segment(self.method)}.json"

    @property
    def meta_name(self) -> str:
        """``raw/NNNNNN-<method>.meta.json``."""
        return f"raw/{self.seq:06d}-{method_segment(self.method)}.meta.json"

    def meta_bytes(self) -> bytes:
        """The ``.meta.json`` content (no credentials, no headers)."""
        meta: dict[str, Any] = {"method": self.method, "request": self.request,
                                "status": self.status, "received": format_utc(self.received),
                                "elapsed-ms": self.elapsed_ms}
        if self.error:
            meta["error"] = self.error
        return json.dumps(meta, ensure_ascii=False, indent=1).encode("utf-8")


def meta_summary(meta: Any) -> dict[str, Any]:
    """The few fields of a ``.meta.json`` the check uses (small, whatever the member held)."""
    if not isinstance(meta, dict):
        return {}
    req = meta.get("request")
    keep = ("usage-point-id", "database", "last-reading", "fromtime", "totime")
    request = {k: req[k] for k in keep if k in req and isinstance(req[k], (str, bool))
               and len(str(req[k])) <= 200} if isinstance(req, dict) else None
    return {"method": meta.get("method") if isinstance(meta.get("method"), str) else None,
            "status": meta.get("status") if isinstance(meta.get("status"), int) else None,
            "request": request}


def readings_window(summary: dict[str, Any]) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """For a :func:`meta_summary` of a successful ``readings`` request: its database
    ``(usage point, database)`` and window ``(fromtime, totime)`` as requested, or
    ``("last", "")`` for a last-reading request; None for any other request. The integrity
    check and the GUI's raw/ route key answers by these (a later answer replaces)."""
    if summary.get("status") != 200 or summary.get("method") != "readings":
        return None
    request = summary.get("request")
    req: dict[str, Any] = request if isinstance(request, dict) else {}
    key = (str(req.get("usage-point-id")), str(req.get("database")))
    window = ("last", "") if req.get("last-reading") in (True, "true") else \
        (str(req.get("fromtime")), str(req.get("totime")))
    return key, window
