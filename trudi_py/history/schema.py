"""The history store's schema and its migrations (``PRAGMA user_version``).

Times are ISO-8601 UTC text (``2026-01-05T13:15:00Z``): they sort as text. Raw answers are
kept zlib-compressed next to the SHA-256 of the uncompressed bytes, so every parsed row can be
re-derived from (and proved by) the bytes the gateway sent.
"""

from __future__ import annotations

import sqlite3

from trudi_py.errors import HistoryError
from trudi_py.i18n import msg

_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE syncs (
    id INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT, gateway_time TEXT,
    status TEXT NOT NULL, requests INTEGER NOT NULL DEFAULT 0, message TEXT);
CREATE TABLE raw (
    id INTEGER PRIMARY KEY, sync_id INTEGER NOT NULL REFERENCES syncs(id), seq INTEGER NOT NULL,
    method TEXT NOT NULL, request TEXT, status INTEGER, received TEXT NOT NULL,
    elapsed_ms REAL, sha256 TEXT NOT NULL, size INTEGER NOT NULL, body BLOB NOT NULL,
    error TEXT);
CREATE TABLE versions (
    id INTEGER PRIMARY KEY, kind TEXT NOT NULL, key TEXT NOT NULL, sha256 TEXT NOT NULL,
    document TEXT NOT NULL, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL,
    raw_id INTEGER REFERENCES raw(id));
CREATE INDEX versions_kind ON versions(kind, key, id);
CREATE TABLE windows (
    id INTEGER PRIMARY KEY, usage_point_id TEXT NOT NULL, database TEXT NOT NULL,
    after TEXT NOT NULL, until TEXT NOT NULL, raw_id INTEGER NOT NULL REFERENCES raw(id),
    sync_id INTEGER NOT NULL, n_values INTEGER NOT NULL);
CREATE INDEX windows_db ON windows(usage_point_id, database, after, until);
CREATE TABLE readings (
    usage_point_id TEXT NOT NULL, database TEXT NOT NULL, obis TEXT NOT NULL,
    target_time TEXT NOT NULL, meter_id TEXT NOT NULL, capture_time TEXT, value TEXT NOT NULL,
    cosem_status TEXT NOT NULL, smgw_status TEXT NOT NULL, meter_status TEXT NOT NULL,
    owner_number TEXT NOT NULL, signature TEXT, raw_id INTEGER NOT NULL REFERENCES raw(id),
    PRIMARY KEY (usage_point_id, database, obis, target_time)) WITHOUT ROWID;
CREATE TABLE conflicts (
    id INTEGER PRIMARY KEY, kind TEXT NOT NULL, key TEXT NOT NULL, stored TEXT NOT NULL,
    received TEXT NOT NULL, stored_raw_id INTEGER, raw_id INTEGER NOT NULL, noticed TEXT NOT NULL);
CREATE TABLE log (
    idx INTEGER PRIMARY KEY, time TEXT NOT NULL, entry TEXT NOT NULL,
    raw_id INTEGER NOT NULL REFERENCES raw(id));
CREATE TABLE gaps (
    id INTEGER PRIMARY KEY, usage_point_id TEXT NOT NULL, database TEXT NOT NULL,
    after TEXT NOT NULL, until TEXT NOT NULL, state TEXT NOT NULL, reason TEXT NOT NULL,
    noticed TEXT NOT NULL, resolved TEXT);
"""

#: v2: gaps per channel (a hole between two syncs the gateway no longer had), "" = all.
_V2 = """
ALTER TABLE gaps ADD COLUMN obis TEXT NOT NULL DEFAULT '';
"""

#: v3: a raw answer whose content another stored answer holds completely (a re-read of the
#: growing window that reached further; an unchanged contract answer) keeps its metadata and
#: SHA-256 but drops its body: ``pruned_for`` names the answer that holds the content.
_V3 = """
ALTER TABLE raw ADD COLUMN pruned_for INTEGER REFERENCES raw(id);
CREATE INDEX readings_raw ON readings(raw_id);
"""

#: v4: superseded answers are no longer emptied: ``superseded_by`` names the answer that holds
#: all their content, and ``body`` holds the exact bytes as a compressed delta against it
#: (:mod:`trudi_py.history.delta`). Bodies emptied by v3 (``pruned_for``) stay as they are.
_V4 = """
ALTER TABLE raw ADD COLUMN superseded_by INTEGER REFERENCES raw(id);
"""

#: Migration steps: MIGRATIONS[n] takes a database at user_version n to n + 1.
MIGRATIONS: list[str] = [_V1, _V2, _V3, _V4]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database to :data:`SCHEMA_VERSION`, one transaction per step; returns the
    version found. A store written by a newer trudi_py is refused, never changed."""
    found = conn.execute("PRAGMA user_version").fetchone()[0]
    if found > SCHEMA_VERSION:
        raise HistoryError(msg("The history store has schema version {found}; this trudi_py "
                               "knows up to {SCHEMA_VERSION}. Update trudi_py.",
                               found=found, SCHEMA_VERSION=SCHEMA_VERSION))
    for version in range(found, SCHEMA_VERSION):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in MIGRATIONS[version].split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return found
