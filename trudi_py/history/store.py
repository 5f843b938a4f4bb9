"""The history store: one SQLite file per gateway (WAL, versioned schema, raw answers kept).

Every answer is stored in one transaction together with what was parsed from it, so a
process killed at any moment leaves either the whole answer or nothing. A value already
stored is never overwritten: a re-read value that differs lands in ``conflicts``.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from trudi_py.errors import HistoryError
from trudi_py.history.delta import decode, encode
from trudi_py.history.gaps import GapsAndLog, MergeCount, canonical
from trudi_py.history.schema import migrate
from trudi_py.i18n import msg
from trudi_py.m2m.pinning import data_dir
from trudi_py.model import ChannelReadings
from trudi_py.model.readings import Reading, ReadingsAnswer
from trudi_py.model.times import format_utc, parse_time

#: The parsed fields of a reading as stored (after the key columns).
READING_FIELDS = ("meter_id", "capture_time", "value", "cosem_status", "smgw_status",
                  "meter_status", "owner_number", "signature")


def store_path(smgw_id: str, folder: Path | None = None) -> Path:
    """``<user data>/history/smgw-<ID>.sqlite`` (``TRUDI_DATA_DIR`` moves the data folder)."""
    name = re.sub(r"[^A-Za-z0-9_-]", "_", smgw_id.upper())[:64] or "_"
    return (folder or data_dir() / "history") / f"smgw-{name}.sqlite"


@dataclass(frozen=True)
class StoredRaw:
    """One stored gateway answer (metadata, SHA-256 and the exact bytes)."""
    id: int
    sync_id: int
    seq: int
    method: str
    request: dict[str, Any] | None
    status: int | None
    received: datetime
    elapsed_ms: float | None
    sha256: str
    body: bytes  # b"" only for a legacy emptied answer (``pruned_for``)
    error: str | None
    pruned_for: int | None = None
    superseded_by: int | None = None  # kept as a delta against this answer


def _reading_row(channel: ChannelReadings, r: Reading) -> tuple[Any, ...]:
    return (channel.meter_id, format_utc(r.capture_time) if r.capture_time else None,
            r.value, r.cosem_status, r.smgw_status, r.meter_status, r.owner_number,
            r.signature)


class HistoryStore(GapsAndLog):
    """An open store. Use as a context manager; writes happen inside :meth:`transaction`."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30.0,
                                        check_same_thread=False)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            migrate(self.conn)
        except sqlite3.DatabaseError as exc:
            raise HistoryError(msg("The history store {name} cannot be opened: {exc}.",
                                   name=self.path.name, exc=exc)) from None
        except OSError as exc:
            raise HistoryError(msg("The history folder {parent} is not usable: {strerror}.",
                                   parent=self.path.parent, strerror=exc.strerror)) from None

    def close(self) -> None:
        """Close the database connection."""
        self.conn.close()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``with store.transaction():`` — one IMMEDIATE transaction, rolled back on any error."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- meta and syncs -----------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        """A value of the key/value ``meta`` table (None when unset)."""
        row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str | None) -> None:
        """Set (or with None delete) a ``meta`` value; inside a transaction."""
        if value is None:
            self.conn.execute("DELETE FROM meta WHERE key=?", (key,))
        else:
            self.conn.execute("INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) "
                              "DO UPDATE SET value=excluded.value", (key, value))

    def begin_sync(self, started: datetime) -> int:
        """Record a new running sync (marking a killed one as interrupted); its id."""
        with self.transaction():
            # a sync that never finished (killed): its committed answers stay, it is marked
            self.conn.execute("UPDATE syncs SET status='interrupted' WHERE status='running'")
            cur = self.conn.execute("INSERT INTO syncs(started, status) VALUES(?, 'running')",
                                    (format_utc(started),))
            assert cur.lastrowid is not None
            return cur.lastrowid

    def finish_sync(self, sync_id: int, status: str, finished: datetime, requests: int,
                    gateway_time: datetime | None, message: str = "") -> None:
        """Record how a sync ended (status, requests, the gateway's clock)."""
        with self.transaction():
            self.conn.execute("UPDATE syncs SET status=?, finished=?, requests=?, "
                              "gateway_time=?, message=? WHERE id=?",
                              (status, format_utc(finished), requests,
                               format_utc(gateway_time) if gateway_time else None, message,
                               sync_id))

    def syncs(self) -> list[dict[str, Any]]:
        """Every sync so far, oldest first."""
        cur = self.conn.execute("SELECT id, started, finished, gateway_time, status, requests, "
                                "message FROM syncs ORDER BY id")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur]

    # -- raw answers --------------------------------------------------------------------------
    def add_raw(self, sync_id: int, seq: int, method: str, request: dict[str, Any] | None,
                status: int | None, body: bytes, received: datetime,
                elapsed_ms: float | None, error: str | None = None) -> int:
        """Store one answer: its bytes zlib-compressed with the SHA-256 of the original."""
        cur = self.conn.execute(
            "INSERT INTO raw(sync_id, seq, method, request, status, received, elapsed_ms, "
            "sha256, size, body, error) VALUES(?,?,?,?,?,?,?,?,?,?,?)",
            (sync_id, seq, method, canonical(request) if request is not None else None,
             status, format_utc(received), elapsed_ms, hashlib.sha256(body).hexdigest(),
             len(body), zlib.compress(body, 6), error))
        assert cur.lastrowid is not None
        return cur.lastrowid

    def raw(self, raw_id: int) -> StoredRaw:
        """One stored answer with its exact bytes (checked against its SHA-256); a legacy
        emptied answer (``pruned_for``) has an empty body."""
        cur = self.conn.cursor()
        cur.row_factory = sqlite3.Row  # columns by name
        row = cur.execute("SELECT id, sync_id, seq, method, request, status, received, "
                          "elapsed_ms, sha256, error, pruned_for, superseded_by FROM raw "
                          "WHERE id=?", (raw_id,)).fetchone()
        if row is None:
            raise HistoryError(msg("Raw answer {raw_id} is not in the store.", raw_id=raw_id))
        pruned = row["pruned_for"]
        body = self._body(raw_id) if pruned is None else b""
        if pruned is None and hashlib.sha256(body).hexdigest() != row["sha256"]:
            raise HistoryError(msg("Raw answer {raw_id} does not match its SHA-256: the store "
                                   "is damaged.", raw_id=raw_id))
        request = row["request"]
        return StoredRaw(row["id"], row["sync_id"], row["seq"], row["method"],
                         json.loads(request) if request is not None else None, row["status"],
                         parse_time(row["received"]), row["elapsed_ms"], row["sha256"], body,
                         row["error"], pruned, row["superseded_by"])

    def _body(self, raw_id: int) -> bytes:
        """The bytes of an answer: its body, or its delta applied to the body of the answer
        that superseded it (a chain: each re-read supersedes the one before)."""
        deltas: list[bytes] = []
        seen: set[int] = set()
        current: int | None = raw_id
        while current is not None:
            if current in seen:
                raise HistoryError(msg("Raw answer {raw_id} refers to itself in a loop: the "
                                       "store is damaged.", raw_id=raw_id))
            seen.add(current)
            found = self.conn.execute("SELECT body, superseded_by FROM raw WHERE id=?",
                                      (current,)).fetchone()
            if found is None:
                raise HistoryError(msg("Raw answer {current} is not in the store.",
                                       current=current))
            if found[1] is None:
                body = zlib.decompress(found[0])
                break
            deltas.append(found[0])
            current = found[1]
        for delta in reversed(deltas):
            body = decode(delta, body)
        return body

    def raw_ids(self, with_superseded: bool = False) -> list[int]:
        """Stored answers in order; without superseded ones unless asked."""
        return [r[0] for r in self.conn.execute(
            "SELECT id FROM raw WHERE ? OR (pruned_for IS NULL AND superseded_by IS NULL) "
            "ORDER BY id", (with_superseded,))]

    def supersede_raw(self, raw_id: int, kept_id: int) -> None:
        """``kept_id`` holds all the content of ``raw_id``: keep ``raw_id`` exactly, but as a
        small delta against ``kept_id`` (its SHA-256 and metadata stay)."""
        old = self._body(raw_id)
        self.conn.execute("UPDATE raw SET body=?, superseded_by=? WHERE id=?",
                          (encode(old, self._body(kept_id)), kept_id, raw_id))

    def supersede_window(self, usage_point_id: str, database: str, after: datetime,
                         raw_id: int, keys: set[tuple[str, str]]) -> int:
        """A re-read of the window starting at ``after`` (answer ``raw_id`` holding ``keys``,
        all equal to the stored values): earlier answers of that window, when every value
        stored for their time range is in it, are kept as deltas against it (the archive
        then takes the re-read). Returns how many. Values keep pointing at the answer that
        first delivered them."""
        done = 0
        for (old,) in self.conn.execute(
                "SELECT w.raw_id FROM windows w JOIN raw r ON r.id = w.raw_id WHERE "
                "w.usage_point_id=? AND w.database=? AND w.after=? AND w.raw_id<>? AND "
                "r.pruned_for IS NULL AND r.superseded_by IS NULL",
                (usage_point_id, database, format_utc(after), raw_id)).fetchall():
            window = self.conn.execute("SELECT after, until FROM windows WHERE raw_id=?",
                                       (old,)).fetchone()
            stored = self.conn.execute(
                "SELECT obis, target_time FROM readings WHERE usage_point_id=? AND database=? "
                "AND target_time > ? AND target_time <= ?",
                (usage_point_id, database, window[0], window[1])).fetchall()
            if all(tuple(k) in keys for k in stored):
                self.supersede_raw(old, raw_id)
                done += 1
        return done

    # -- versioned documents (gateway info, certificates, contracts) --------------------------
    def add_version(self, kind: str, key: str, document: Any, seen: datetime,
                    raw_id: int | None) -> bool:
        """Record ``document``; True when it differs from the latest version of (kind, key)."""
        text = canonical(document)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        row = self.conn.execute("SELECT id, sha256 FROM versions WHERE kind=? AND key=? "
                                "ORDER BY id DESC LIMIT 1", (kind, key)).fetchone()
        if row is not None and row[1] == digest:
            self.conn.execute("UPDATE versions SET last_seen=? WHERE id=?",
                              (format_utc(seen), row[0]))
            return False
        self.conn.execute("INSERT INTO versions(kind, key, sha256, document, first_seen, "
                          "last_seen, raw_id) VALUES(?,?,?,?,?,?,?)",
                          (kind, key, digest, text, format_utc(seen), format_utc(seen), raw_id))
        return True

    def version_raw(self, kind: str, key: str = "") -> int | None:
        """The raw answer the latest version of (kind, key) was first seen in."""
        row = self.conn.execute("SELECT raw_id FROM versions WHERE kind=? AND key=? "
                                "ORDER BY id DESC LIMIT 1", (kind, key)).fetchone()
        return row[0] if row else None

    def versions(self, kind: str, key: str = "") -> list[dict[str, Any]]:
        """Every stored version of (kind, key), oldest first, with first/last seen."""
        cur = self.conn.execute("SELECT document, first_seen, last_seen, raw_id FROM versions "
                                "WHERE kind=? AND key=? ORDER BY id", (kind, key))
        return [{"document": json.loads(d), "first-seen": f, "last-seen": last, "raw-id": r}
                for d, f, last, r in cur]

    def latest(self, kind: str, key: str = "") -> dict[str, Any] | None:
        """The newest version of (kind, key), or None."""
        found = self.versions(kind, key)
        return found[-1] if found else None

    # -- readings -----------------------------------------------------------------------------
    def add_readings(self, usage_point_id: str, database: str, answer: ReadingsAnswer,
                     raw_id: int, noticed: datetime) -> MergeCount:
        """Insert new values; identical ones are skipped, differing ones become conflicts."""
        count = MergeCount()
        rows = [(ch.obis, format_utc(r.target_time), _reading_row(ch, r))
                for ch in answer.channels for r in ch.readings]
        if not rows:
            return count
        lo, hi = min(r[1] for r in rows), max(r[1] for r in rows)
        stored = {(o, t): (tuple(rest[:-1]), rest[-1]) for o, t, *rest in self.conn.execute(
            f"SELECT obis, target_time, {', '.join(READING_FIELDS)}, raw_id FROM readings "
            f"WHERE usage_point_id=? AND database=? AND target_time BETWEEN ? AND ?",
            (usage_point_id, database, lo, hi))}
        fresh, conflicts, seen = [], [], set()
        for obis, target, fields in rows:
            if (obis, target) in seen:
                continue  # a duplicate inside one answer: the first counts
            seen.add((obis, target))
            old = stored.get((obis, target))
            if old is None:
                fresh.append((usage_point_id, database, obis, target, *fields, raw_id))
            elif old[0] == fields:
                count.same += 1
            else:
                key = f"{usage_point_id}|{database}|{obis}|{target}"
                stored_text = canonical(dict(zip(READING_FIELDS, old[0], strict=True)))
                received = canonical(dict(zip(READING_FIELDS, fields, strict=True)))
                conflicts.append(("reading", key, stored_text, received, old[1], raw_id,
                                  format_utc(noticed)))
        self.conn.executemany(
            f"INSERT INTO readings(usage_point_id, database, obis, target_time, "
            f"{', '.join(READING_FIELDS)}, raw_id) VALUES({', '.join('?' * 13)})", fresh)
        self.conn.executemany("INSERT INTO conflicts(kind, key, stored, received, "
                              "stored_raw_id, raw_id, noticed) VALUES(?,?,?,?,?,?,?)",
                              conflicts)
        count.new, count.conflicts = len(fresh), len(conflicts)
        return count

    def readings(self, usage_point_id: str, database: str, start: datetime | None = None,
                 end: datetime | None = None) -> list[ChannelReadings]:
        """Stored values of one database, ``start``..``end`` inclusive, per channel."""
        lo = format_utc(start) if start else ""
        hi = format_utc(end) if end else "9999"
        channels: dict[str, tuple[str, list[Reading]]] = {}
        for obis, target, meter, capture, *rest in self.conn.execute(
                f"SELECT obis, target_time, {', '.join(READING_FIELDS)} FROM readings WHERE "
                f"usage_point_id=? AND database=? AND target_time BETWEEN ? AND ? "
                f"ORDER BY obis, target_time", (usage_point_id, database, lo, hi)):
            entry = channels.setdefault(obis, (meter, []))
            entry[1].append(Reading(parse_time(target), parse_time(capture) if capture
                                    else None, *rest))
        return [ChannelReadings(obis, meter, tuple(values))
                for obis, (meter, values) in channels.items()]

    def reading_keys(self) -> set[tuple[str, str, str, str, str]]:
        """(usage point, database, obis, target time, value) of every stored value."""
        return set(self.conn.execute("SELECT usage_point_id, database, obis, target_time, value "
                                     "FROM readings"))

    def conflicts(self) -> list[dict[str, Any]]:
        """Re-read values (or log entries) that differed from the stored ones."""
        cur = self.conn.execute("SELECT kind, key, stored, received, noticed FROM conflicts "
                                "ORDER BY id")
        return [{"kind": k, "key": key, "stored": json.loads(s), "received": json.loads(r),
                 "noticed": n} for k, key, s, r, n in cur]

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables (for reports and benchmarks)."""
        return {t: self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("readings", "log", "raw", "conflicts", "syncs", "versions")}
