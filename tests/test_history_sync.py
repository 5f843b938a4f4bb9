"""``sync`` against the simulator with its clock advanced in steps (issue 18 "Must show")."""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from history_helpers import RETENTION, STEP, SYNCS, T0, grid_index, settings, stepping_sim, truth

from trudi_py.errors import GatewayError, HistoryError, SyncDeferred
from trudi_py.history import HistoryStore, StoreLock
from trudi_py.jobs.sync import sync


@pytest.fixture(scope="module")
def sixty_days(tmp_path_factory: pytest.TempPathFactory):
    """30 syncs over 60 simulated days, retention 40 days; per sync: result, sim requests,
    the gateway time."""
    state = tmp_path_factory.mktemp("sim60")
    db = tmp_path_factory.mktemp("hist60") / "h.sqlite"
    runs = []
    with stepping_sim(state) as sim:
        for k in range(SYNCS):
            if k:
                sim.advance_clock(STEP)
            sim.reset_counters()
            result = sync(settings(sim), store=db, force=True)
            seen = Counter(r.method for r in sim.requests if r.status != 401)
            runs.append((result, seen, sim.gateway_now(), len(sim.requests)))
        yield sim, db, runs


def test_thirty_syncs_equal_the_gateway_truth(sixty_days) -> None:
    sim, db, runs = sixty_days
    last = runs[-1][2]
    with HistoryStore(db) as store:
        stored = store.reading_keys()
        n_rows = store.conn.execute("SELECT COUNT(*) FROM readings").fetchone()[0]
        history = {k for k in stored if not k[0].endswith("taf10-1.sm")}
        # everything the gateway ever showed: from T0 - retention (first sync) to the end
        expected = truth(sim, T0 - RETENTION, last)
        assert len(expected) > 20000
        assert history == expected  # 0 lost, nothing extra
        assert n_rows == len(stored)  # 0 duplicated (one row per channel and time)
        assert store.conflicts() == []
        log = store.log_entries()
        indexes = [e["index"] for e in log]
        assert len(indexes) == len(set(indexes))
        visible = [e for e in sim.data.consumers[0].log if T0 - RETENTION <= e.time <= last]
        assert {int(i) for i in indexes} == {e.index for e in visible}
        assert [s["status"] for s in store.syncs()] == ["ok"] * SYNCS
        # re-reads of the growing window keep the answers they contain as small deltas:
        # one plain answer per window start, every answer (and so every value's answer)
        # byte-exact behind its SHA-256, and the superseded ones take little room
        per_window = store.conn.execute(
            "SELECT COUNT(*) FROM windows w JOIN raw r ON r.id = w.raw_id WHERE "
            "r.superseded_by IS NULL GROUP BY w.usage_point_id, w.database, w.after").fetchall()
        assert {n for (n,) in per_window} == {1}
        assert store.conn.execute("SELECT COUNT(*) FROM raw WHERE pruned_for IS NOT NULL"
                                  ).fetchone()[0] == 0
        superseded = store.conn.execute("SELECT id, size, LENGTH(body) FROM raw WHERE "
                                        "superseded_by IS NOT NULL").fetchall()
        assert len(superseded) > SYNCS  # re-reads and unchanged contract answers
        for rid, size, stored_size in superseded:
            assert len(store.raw(rid).body) == size  # decoded, SHA-256 checked in raw()
            assert stored_size < max(200, size // 50)
        first_answer = store.raw(min(r[0] for r in superseded))
        assert first_answer.superseded_by is not None and first_answer.body
        sample = store.conn.execute("SELECT obis, target_time, value, raw_id FROM readings "
                                    "WHERE usage_point_id NOT LIKE '%taf10%' "
                                    "ORDER BY target_time DESC LIMIT 1").fetchone()
        body = store.raw(sample[3]).body.decode()
        assert f'"value": "{sample[2]}"' in body or f'"value":"{sample[2]}"' in body
        # the history is longer than the gateway's memory now
        oldest = min(k[3] for k in history)
        assert oldest < (last - RETENTION).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_request_count_per_sync_is_the_minimum(sixty_days) -> None:
    sim, _, runs = sixty_days
    points = [up for up in sim.data.consumers[0].usage_points if up.taf != "14"]
    current = [up for up in points if up.taf in ("9", "10")]
    previous = None
    for result, seen, moment, _ in runs:
        grid = grid_index(sim, moment)
        windows = sum(grid.values()) if previous is None else \
            sum(n - previous[k] + 1 for k, n in grid.items())
        previous = grid
        log_pages = result.new_log_entries // 1500 + 1
        minimum = 2 + 1 + len(points) + windows + sum(len(up.databases) for up in current) \
            + log_pages
        assert result.minimum == minimum
        assert result.requests == minimum
        assert sum(seen.values()) == minimum  # what the gateway saw (Digest 401s aside)
        assert seen["discovery"] == 1 and seen["smgw-info"] == 1 and seen["user-info"] == 1
        assert result.handshakes == 1  # one TLS session per sync
    assert runs[1][0].requests < runs[0][0].requests / 3  # incremental, not everything again


def test_versions_are_kept_once_each(sixty_days) -> None:
    _, db, runs = sixty_days
    assert "smgw-info" in runs[0][0].new_versions
    assert all(r[0].new_versions == [] for r in runs[1:])
    with HistoryStore(db) as store:
        assert len(store.versions("smgw-info")) == 1
        assert store.versions("han-tls")[0]["document"].startswith("-----BEGIN CERTIFICATE")
        raw = store.raw(store.versions("smgw-info")[0]["raw-id"])
        assert b'"smgw-info"' in raw.body  # the bytes the gateway sent, checked by SHA-256


def test_schema_version_and_wal(sixty_days) -> None:
    _, db, _ = sixty_days
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    with pytest.raises(HistoryError, match="schema version 99"):
        HistoryStore(db)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()


def test_polite_interval_lock_and_backoff(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    with stepping_sim(tmp_path / "sim", retention=timedelta(days=35)) as sim:
        clock = [T0]
        sync(settings(sim), store=db, now=lambda: clock[0])
        sim.reset_counters()
        clock[0] += timedelta(minutes=10)
        with pytest.raises(SyncDeferred, match="less than 15 minutes") as caught:
            sync(settings(sim), store=db, now=lambda: clock[0])
        assert caught.value.retry_at == T0 + timedelta(minutes=15)
        assert sim.requests == []  # refused before connecting
        with StoreLock(db), pytest.raises(SyncDeferred, match="Another sync"):
            sync(settings(sim), store=db, force=True)
        # a refusal (429) backs off and says when it tries again
        clock[0] += timedelta(minutes=10)
        sim.inject(429, b"", times=1)
        with pytest.raises(GatewayError, match="Next sync not before"):
            sync(settings(sim), store=db, now=lambda: clock[0])
        clock[0] += timedelta(minutes=5)
        with pytest.raises(SyncDeferred, match="refused the last sync") as caught:
            sync(settings(sim), store=db, now=lambda: clock[0])
        assert caught.value.retry_at == clock[0] + timedelta(minutes=10)
        clock[0] += timedelta(minutes=11)
        assert sync(settings(sim), store=db, now=lambda: clock[0]).status == "ok"


def test_conflict_is_kept_not_overwritten(tmp_path: Path) -> None:
    from dataclasses import replace
    db = tmp_path / "h.sqlite"
    with stepping_sim(tmp_path / "sim", retention=None) as sim:
        sync(settings(sim), store=db, force=True)
        up = next(u for u in sim.data.consumers[0].usage_points if u.taf == "7")
        channel = up.databases[0].channels[0]
        now = sim.gateway_now()
        i = max(j for j, r in enumerate(channel.readings) if r.target_time <= now) - 3
        old = channel.readings[i]
        channel.readings[i] = replace(old, value=old.value + 5)  # the gateway "changes" a value
        try:
            result = sync(settings(sim), store=db, force=True)
        finally:
            channel.readings[i] = old
    assert result.conflicts == 1
    with HistoryStore(db) as store:
        (conflict,) = store.conflicts()
        assert conflict["stored"]["value"] == str(old.value)
        assert conflict["received"]["value"] == str(old.value + 5)
        kept = [k for k in store.reading_keys() if k[0] == up.usage_point_id and
                k[2] == channel.obis and
                k[3] == old.target_time.strftime("%Y-%m-%dT%H:%M:%SZ") and k[1] ==
                up.databases[0].name]
        assert [k[4] for k in kept] == [str(old.value)]


def test_gap_filled_next_sync_or_recorded_permanent(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    with stepping_sim(tmp_path / "sim", retention=timedelta(days=200)) as sim:
        armed = []

        def fail_first_windows(p) -> None:  # after the last usage-point-info: break 2 windows
            if p.detail == "usage-point-info" and not armed and p.done == 7:
                armed.append(1)
                sim.inject(500, b"", times=6)  # 3 attempts each

        first = sync(settings(sim), store=db, force=True, progress=fail_first_windows)
        assert first.status == "incomplete" and first.gaps_opened == 2
        with HistoryStore(db) as store:
            gaps = store.gaps("open")
        assert len(gaps) == 2
        # the older one of the two windows has left the gateway's memory by the next sync
        sim.advance_clock(timedelta(days=200) - (T0 - min(
            __import__("trudi_py.model.times", fromlist=["x"]).parse_time(g["to"])
            for g in gaps)) + timedelta(days=1))
        second = sync(settings(sim), store=db, force=True)
        assert second.status == "ok"
    with HistoryStore(db) as store:
        states = sorted((g["from"], g["state"]) for g in store.gaps())
        assert [s for _, s in states] == ["permanent", "filled"]
        permanent = store.gaps("permanent")[0]
        assert permanent["resolved"] and "no longer holds" in permanent["reason"]


def test_archive_from_history_is_longer_than_the_gateway_memory_and_verifies(
        sixty_days, tmp_path: Path) -> None:
    import json
    import zipfile

    from trudi_py.archive.integrity import check_archive
    from trudi_py.cli import main
    sim, db, runs = sixty_days
    out = tmp_path / "hist.zip"
    assert main(["archive", "--from-history", str(db), "--out", str(out)]) == 0
    report = check_archive(out)
    assert report.ok, [p.message for p in report.problems if p.severity == "error"]
    # (`trudi-py verify` adds the tariff checks: periods before the first sync, which the
    # gateway had already dropped, are "not computable" there — honestly so)
    with zipfile.ZipFile(out) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        assert manifest["complete"] is True
        with HistoryStore(db) as store:
            expected = Counter((k[0], k[1]) for k in store.reading_keys())
        for upid, dbs in manifest["counts"]["readings"].items():
            for name, n in dbs.items():
                assert n == expected[(upid, name)]
        # older values than the gateway holds now are in the archive
        last = runs[-1][2]
        up = next(u for u in sim.data.consumers[0].usage_points if u.taf == "7")
        csv = zf.read(f"readings/{up.usage_point_id}/origin.csv").decode()
        first_time = csv.splitlines()[1].split(",")[1]
        assert first_time < (last - RETENTION).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_history_is_a_data_source(sixty_days) -> None:
    from trudi_py.history.source import HistorySource
    from trudi_py.model.source import DataSource
    sim, db, runs = sixty_days
    source = HistorySource(db)
    try:
        assert isinstance(source, DataSource)
        assert source.gateway_info().smgw_id == sim.data.smgw_id
        points = source.usage_points()
        up = next(p for p in points if p.taf == "7")
        detail = source.usage_point_info(up.usage_point_id)
        first, last = T0 - RETENTION, runs[-1][2]
        channels = source.readings(up.usage_point_id, "origin", first, last)
        got = {(up.usage_point_id, "origin", c.obis,
                r.target_time.strftime("%Y-%m-%dT%H:%M:%SZ"), r.value)
               for c in channels for r in c.readings}
        want = {k for k in truth(sim, first, last) if k[:2] == (up.usage_point_id, "origin")}
        assert got == want and {c.obis for c in channels} <= {
            c.obis for c in detail.database("origin").channels}
        log = source.logbook()
        assert len(log) == len({e.index for e in log}) > 0
    finally:
        source.close()


def test_no_sync_for_longer_than_the_gateway_memory_records_a_permanent_gap(
        tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    with stepping_sim(tmp_path / "sim", retention=timedelta(days=40)) as sim:
        sync(settings(sim), store=db, force=True)
        last_before = sim.gateway_now()
        sim.advance_clock(timedelta(days=55))  # 15 days fall out of the gateway's memory
        result = sync(settings(sim), store=db, force=True)
        oldest_held = sim.gateway_now() - timedelta(days=40)
    assert result.status == "ok" and result.gaps_permanent > 0
    with HistoryStore(db) as store:
        lost = store.gaps("permanent")
    origin = [g for g in lost if g["database"] == "origin" and g["obis"] == "0100010800ff"]
    assert origin and all(g["noticed"] for g in origin)
    for g in origin:
        assert g["from"] <= last_before.strftime("%Y-%m-%dT%H:%M:%SZ")
        to = g["to"]
        assert oldest_held.strftime("%Y-%m-%dT%H:%M:%SZ") <= to <= (
            oldest_held + timedelta(minutes=15)).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_migration_from_version_1_keeps_the_data(tmp_path: Path) -> None:
    from trudi_py.history.schema import MIGRATIONS
    db = tmp_path / "old.sqlite"
    conn = sqlite3.connect(db)
    conn.executescript(MIGRATIONS[0] + "; PRAGMA user_version = 1;")
    conn.execute("INSERT INTO gaps(usage_point_id, database, after, until, state, reason, "
                 "noticed) VALUES('u', 'origin', '2026-01-01T00:00:00Z', "
                 "'2026-01-02T00:00:00Z', 'open', 'timeout', '2026-01-03T00:00:00Z')")
    conn.commit()
    conn.close()
    with HistoryStore(db) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        (gap,) = store.gaps()
        assert gap["reason"] == "timeout" and gap["obis"] == ""


def test_archive_from_history_prechecks_beside_the_writing(
        sixty_days, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The history job checks its large databases (and then the tariffs) in the child
    process while it writes on, as the archive job does; report.html's verdicts are those
    of ``verify`` over the finished file, and the copies checked are gone."""
    import json
    import zipfile

    from trudi_py.jobs.archive_steps import verify_written
    from trudi_py.jobs.history_archive import archive_from_history
    from trudi_py.jobs.written_check import CheckProcess
    made: list[tuple[int, list]] = []
    original = CheckProcess.__call__

    def recording(self: CheckProcess, path: Path) -> list:
        verdicts = list(original(self, path))
        made.append((self.prechecks, verdicts))
        return verdicts

    monkeypatch.setattr(CheckProcess, "__call__", recording)
    _, db, _ = sixty_days
    result = archive_from_history(db, tmp_path / "h.zip")
    assert len(made) == 1
    prechecks, verdicts = made[0]
    assert prechecks >= 2  # at least one large database and the final tariff precheck

    def rendered(found: list) -> list[tuple[str, str]]:
        return [(v.subject.text("en"), v.outcome) for v in found]

    assert rendered(verdicts) == rendered(verify_written(result.path))
    with zipfile.ZipFile(result.path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    assert sum(manifest["verdicts"]["outcomes"].values()) == len(verdicts)
    assert [p.name for p in tmp_path.iterdir()] == ["h.zip"]
