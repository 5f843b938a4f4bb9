"""``raw/`` of a PPC archive: every portal request's answer byte-exact, with its meta.

The PPC portal answers HTML pages and binary CMS exports, not JSON, so its raw members are
named ``raw/NNNNNN-<action>.html`` (a page), ``raw/NNNNNN-<action>.cms`` (an export container)
or ``raw/NNNNNN-<action>.bin`` (anything else, also an empty answer to an export), each
with ``raw/NNNNNN-<action>.meta.json``: ``{"action", "fields" (the form sent, without the
session's tkn), "status", "content-type", "filename", "received", "elapsed-ms",
"digest-challenges"}`` (plus ``"error"`` when no answer came). No credentials, no headers.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from trudi_py.archive.rawlog import method_segment
from trudi_py.model.times import format_utc
from trudi_py.vendors.ppc.exchange import PpcExchange

PPC_RAW_NAME = re.compile(r"^raw/(\d{6})-([A-Za-z0-9-]+)\.(html|cms|bin)$")
PPC_META_NAME = re.compile(r"^raw/(\d{6})-([A-Za-z0-9-]+)\.meta\.json$")
EXPORT_ACTIONS = frozenset({"exportMeterValues", "exportLogData", "exportTariffProfile",
                            "exportCommProfile", "exportMeterProfile"})


def body_suffix(ex: PpcExchange) -> str:
    """``html`` for a page, ``cms`` for an export container, ``bin`` otherwise."""
    kind = ex.content_type.lower()
    if ex.action in EXPORT_ACTIONS and ex.body and not kind.startswith("text/html"):
        return "cms"
    if kind.startswith("text/html") or (ex.body[:64].lstrip().lower().startswith(b"<")):
        return "html"
    return "bin"


@dataclass(frozen=True)
class PpcRawRecord:
    """One exchange as the archive writes it (members and their content)."""

    exchange: PpcExchange

    @property
    def seq(self) -> int:
        """The request number."""
        return self.exchange.seq

    @property
    def body_name(self) -> str:
        """``raw/NNNNNN-<action>.<html|cms|bin>``."""
        ex = self.exchange
        return f"raw/{ex.seq:06d}-{method_segment(ex.action)}.{body_suffix(ex)}"

    @property
    def meta_name(self) -> str:
        """``raw/NNNNNN-<action>.meta.json``."""
        ex = self.exchange
        return f"raw/{ex.seq:06d}-{method_segment(ex.action)}.meta.json"

    def meta(self) -> dict[str, Any]:
        """The ``.meta.json`` document."""
        ex = self.exchange
        doc: dict[str, Any] = {
            "action": ex.action, "fields": dict(ex.fields), "status": ex.status,
            "content-type": ex.content_type, "filename": ex.filename,
            "received": format_utc(ex.received), "elapsed-ms": ex.elapsed_ms,
            "digest-challenges": ex.challenges}
        if ex.error:
            doc["error"] = ex.error
        return doc

    def meta_bytes(self) -> bytes:
        """The ``.meta.json`` content."""
        return json.dumps(self.meta(), ensure_ascii=False, indent=1).encode("utf-8")
