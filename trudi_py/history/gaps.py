"""The windows, gaps and logbook parts of the history store (a mixin of
:class:`~trudi_py.history.store.HistoryStore`), and the small types both parts share."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from trudi_py.model import LogEntry
from trudi_py.model.times import format_utc, parse_time


@dataclass
class MergeCount:
    """What merging one answer did: values new, already stored, in conflict."""
    new: int = 0
    same: int = 0
    conflicts: int = 0


def canonical(document: Any) -> str:
    """Stable JSON text of a document (sorted keys, no spaces) for hashing and storing."""
    return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


class GapsAndLog:
    """Windows fetched, gaps (open, filled, permanent) and the logbook, on ``self.conn``."""

    conn: sqlite3.Connection

    # -- windows and gaps ---------------------------------------------------------------------
    def add_window(self, usage_point_id: str, database: str, after: datetime, until: datetime,
                   raw_id: int, sync_id: int, n_values: int) -> None:
        """Note which readings window an answer covered (for planning and the archive)."""
        self.conn.execute("INSERT INTO windows(usage_point_id, database, after, until, raw_id, "
                          "sync_id, n_values) VALUES(?,?,?,?,?,?,?)",
                          (usage_point_id, database, format_utc(after), format_utc(until),
                           raw_id, sync_id, n_values))

    def windows(self, usage_point_id: str, database: str) -> list[dict[str, Any]]:
        """The stored windows of one database, in the order they were fetched."""
        cur = self.conn.execute("SELECT after, until, raw_id, n_values FROM windows WHERE "
                                "usage_point_id=? AND database=? ORDER BY id",
                                (usage_point_id, database))
        return [{"after": parse_time(a), "until": parse_time(u), "raw-id": r, "values": n}
                for a, u, r, n in cur]

    def databases(self) -> list[tuple[str, str]]:
        """(usage point, database) pairs with stored windows."""
        return [tuple(r) for r in self.conn.execute(
            "SELECT DISTINCT usage_point_id, database FROM windows ORDER BY 1, 2")]

    def open_gap(self, usage_point_id: str, database: str, after: datetime, until: datetime,
                 reason: str, noticed: datetime) -> None:
        """A window that failed: open until a later sync fills it (or finds it gone)."""
        key = (usage_point_id, database, format_utc(after), format_utc(until))
        if self.conn.execute("SELECT 1 FROM gaps WHERE usage_point_id=? AND database=? AND "
                             "after=? AND until=? AND state='open'", key).fetchone():
            return
        self.conn.execute("INSERT INTO gaps(usage_point_id, database, after, until, state, "
                          "reason, noticed) VALUES(?,?,?,?,'open',?,?)",
                          (*key, reason, format_utc(noticed)))

    def resolve_gaps(self, usage_point_id: str, database: str, after: datetime,
                     until: datetime, state: str, when: datetime, reason: str = "") -> int:
        """Close the open gaps inside ``(after, until]`` as ``filled`` or ``permanent``."""
        cur = self.conn.execute(
            "UPDATE gaps SET state=?, resolved=?, reason=CASE WHEN ?='' THEN reason ELSE ? END "
            "WHERE usage_point_id=? AND database=? AND state='open' AND after>=? AND until<=?",
            (state, format_utc(when), reason, reason, usage_point_id, database,
             format_utc(after), format_utc(until)))
        return cur.rowcount

    def add_lost(self, usage_point_id: str, database: str, obis: str, after: datetime,
                 until: datetime, noticed: datetime) -> None:
        """A hole between two stored values the gateway did not deliver when asked: permanent."""
        self.conn.execute(
            "INSERT INTO gaps(usage_point_id, database, obis, after, until, state, reason, "
            "noticed, resolved) VALUES(?,?,?,?,?,'permanent',?,?,?)",
            (usage_point_id, database, obis, format_utc(after), format_utc(until),
             "no values between these times: the gateway did not (or no longer) hold them "
             "when asked", format_utc(noticed), format_utc(noticed)))

    def last_values(self, usage_point_id: str, database: str, n: int = 3
                    ) -> dict[str, list[datetime]]:
        """Per channel the newest ``n`` target times stored."""
        out: dict[str, list[datetime]] = {}
        for (obis,) in self.conn.execute("SELECT DISTINCT obis FROM readings WHERE "
                                         "usage_point_id=? AND database=?",
                                         (usage_point_id, database)).fetchall():
            out[obis] = [parse_time(t) for (t,) in self.conn.execute(
                "SELECT target_time FROM readings WHERE usage_point_id=? AND database=? AND "
                "obis=? ORDER BY target_time DESC LIMIT ?",
                (usage_point_id, database, obis, n))][::-1]
        return out

    def next_value(self, usage_point_id: str, database: str, obis: str, after: datetime
                   ) -> datetime | None:
        """The first stored target time of a channel after ``after`` (None if none)."""
        row = self.conn.execute("SELECT MIN(target_time) FROM readings WHERE usage_point_id=? "
                                "AND database=? AND obis=? AND target_time>?",
                                (usage_point_id, database, obis, format_utc(after))).fetchone()
        return parse_time(row[0]) if row and row[0] else None

    def gaps(self, state: str | None = None) -> list[dict[str, Any]]:
        """Recorded gaps, optionally only those in ``state`` (open/filled/permanent)."""
        cur = self.conn.execute("SELECT usage_point_id, database, after, until, state, reason, "
                                "noticed, resolved, obis FROM gaps WHERE ? IS NULL OR state=? "
                                "ORDER BY id", (state, state))
        names = ["usage-point-id", "database", "from", "to", "state", "reason", "noticed",
                 "resolved", "obis"]
        return [dict(zip(names, row, strict=True)) for row in cur]

    # -- logbook ------------------------------------------------------------------------------
    def add_log(self, entries: Iterable[tuple[LogEntry, dict[str, Any]]], raw_id: int,
                noticed: datetime) -> MergeCount:
        """Insert new log entries; identical ones are skipped, differing ones are conflicts."""
        count = MergeCount()
        for entry, wire in entries:
            text = canonical(wire)
            row = self.conn.execute("SELECT entry, raw_id FROM log WHERE idx=?",
                                    (entry.index,)).fetchone()
            if row is None:
                self.conn.execute("INSERT INTO log(idx, time, entry, raw_id) VALUES(?,?,?,?)",
                                  (entry.index, format_utc(entry.time), text, raw_id))
                count.new += 1
            elif row[0] == text:
                count.same += 1
            else:
                self.conn.execute("INSERT INTO conflicts(kind, key, stored, received, "
                                  "stored_raw_id, raw_id, noticed) VALUES(?,?,?,?,?,?,?)",
                                  ("log", str(entry.index), row[0], text, row[1], raw_id,
                                   format_utc(noticed)))
                count.conflicts += 1
        return count

    def max_log_index(self) -> int | None:
        """The highest stored log index (None when the log is empty)."""
        return self.conn.execute("SELECT MAX(idx) FROM log").fetchone()[0]

    def log_entries(self, start: datetime | None = None, end: datetime | None = None
                    ) -> list[dict[str, Any]]:
        """Stored log entries (as received) with a time in ``start``..``end``."""
        lo = format_utc(start) if start else ""
        hi = format_utc(end) if end else "9999"
        return [json.loads(e) for (e,) in self.conn.execute(
            "SELECT entry FROM log WHERE time BETWEEN ? AND ? ORDER BY idx", (lo, hi))]
