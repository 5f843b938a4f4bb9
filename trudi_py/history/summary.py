"""What a household wants to know about one history store at a glance (for the GUI's
history page): which gateway, how many values over which period, the last sync, and what
is missing or disputed. Read-only, cheap (indexed queries)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from trudi_py.errors import HistoryError
from trudi_py.i18n import msg
from trudi_py.model.times import parse_time


@dataclass(frozen=True)
class StoreSummary:
    """One store: identity, extent, last sync and problems."""

    path: Path
    smgw_id: str
    values: int
    first: datetime | None  # oldest stored value (target time)
    last: datetime | None  # newest stored value
    log_entries: int
    syncs: int
    last_sync: datetime | None  # when the newest sync finished (PC clock, UTC)
    last_status: str  # "ok" | "incomplete" | "interrupted" | "running" | ""
    open_gaps: int
    permanent_gaps: int
    conflicts: int
    backoff_until: datetime | None


def _time(text: str | None) -> datetime | None:
    try:
        return parse_time(text) if text else None
    except ValueError:
        return None


def summarise(path: Path) -> StoreSummary:
    """Read the summary of the store at ``path`` without changing it (read-only open)."""
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True,
                               timeout=5.0)
    except sqlite3.Error as exc:
        raise HistoryError(msg("The history store {name} cannot be read: {exc}.",
                               name=path.name, exc=exc)) from None
    try:
        one = lambda sql: conn.execute(sql).fetchone()  # noqa: E731
        values, first, last = one("SELECT COUNT(*), MIN(target_time), MAX(target_time) "
                                  "FROM readings")
        info = one("SELECT document FROM versions WHERE kind='smgw-info' ORDER BY id DESC "
                   "LIMIT 1")
        smgw_id = ""
        if info:
            document = json.loads(info[0])
            smgw_id = str(document.get("smgw-id", "")) if isinstance(document, dict) else ""
        sync = one("SELECT COALESCE(finished, started), status FROM syncs ORDER BY id DESC "
                   "LIMIT 1")
        gaps = dict(conn.execute("SELECT state, COUNT(*) FROM gaps GROUP BY state").fetchall())
        backoff = one("SELECT value FROM meta WHERE key='backoff-until'")
        return StoreSummary(
            Path(path), smgw_id or Path(path).stem.removeprefix("smgw-"), values,
            _time(first), _time(last), one("SELECT COUNT(*) FROM log")[0],
            one("SELECT COUNT(*) FROM syncs")[0], _time(sync[0]) if sync else None,
            sync[1] if sync else "", gaps.get("open", 0), gaps.get("permanent", 0),
            one("SELECT COUNT(*) FROM conflicts")[0],
            datetime.fromisoformat(backoff[0]) if backoff else None)
    except (sqlite3.Error, ValueError) as exc:
        raise HistoryError(msg("The history store {name} cannot be read: {exc}.",
                               name=path.name, exc=exc)) from None
    finally:
        conn.close()


def local_stores(folder: Path) -> list[Path]:
    """The history stores in ``folder`` (``smgw-*.sqlite``), sorted by name."""
    try:
        return sorted(p for p in folder.glob("smgw-*.sqlite") if p.is_file())
    except OSError:
        return []
