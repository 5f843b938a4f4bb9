"""The report's verification done early (prechecks) stays the verification of the file.

The archive job checks snapshots while requests are in flight and reuses those outcomes
only for members that hash the same at the end (jobs/written_check.py,
archive/checkmemo.py). These tests change members after a precheck and expect exactly
the verdicts ``trudi-py verify`` gives for the changed file.
"""

from __future__ import annotations

import shutil
import threading
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from trudi_py.jobs.archive import archive
from trudi_py.jobs.archive_steps import verify_written
from trudi_py.jobs.timeline import Exchanged, RunTimeline
from trudi_py.jobs.written_check import CheckProcess, WrittenCheck
from trudi_py.m2m import ConnectionSettings
from trudi_py.simulator import Simulator, SimulatorConfig
from trudi_py.verify.verdict import RIGHT, WRONG

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def _settings(sim: Simulator) -> ConnectionSettings:
    c = sim.data.consumers[0]
    return ConnectionSettings(url=sim.url, user=c.user, password=c.password,
                              pin=sim.fingerprint, retry_backoff_s=0.01)


@pytest.fixture(scope="module")
def finished(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A finished two-consumers archive with report.html, made by the archive job."""
    base = tmp_path_factory.mktemp("precheck")
    with Simulator(SimulatorConfig("two-consumers", now=NOW)) as sim:
        result = archive(_settings(sim), base / "a.zip")
    assert result.complete
    return result.path


def _rendered(verdicts: Any) -> list[tuple[str, str, str]]:
    """Verdicts as comparable text (Message objects compare by identity)."""
    return [(v.subject.text("en"), v.outcome, v.reason.text("en") if v.reason else "")
            for v in verdicts]


def _origin_csv(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        names = [n for n in zf.namelist()
                 if n.startswith("readings/") and n.endswith("/origin.csv")]
    assert names, "the archive has an origin load profile"
    return sorted(names)[0]


def _damage(path: Path, member: str) -> None:
    """Flip one byte in the middle of ``member``'s compressed data, in place (same size)."""
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(member)
    with open(path, "r+b") as fp:
        fp.seek(info.header_offset + 26)
        head = fp.read(4)
        name_len, extra_len = int.from_bytes(head[:2], "little"), int.from_bytes(head[2:], "little")
        at = info.header_offset + 30 + name_len + extra_len + info.compress_size // 2
        fp.seek(at)
        byte = fp.read(1)
        fp.seek(at)
        fp.write(bytes([byte[0] ^ 0x55]))


def _members_end(path: Path) -> int:
    """Where the members before manifest.json (the last one) end."""
    with zipfile.ZipFile(path) as zf:
        return zf.getinfo("manifest.json").header_offset


def test_final_check_reuses_the_precheck_and_equals_verify(finished: Path) -> None:
    check = WrittenCheck()
    check.precheck(finished, tariffs=True, end=_members_end(finished))
    assert check.memo.misses > 0 and check.memo.hits == 0
    verdicts = check(finished)
    assert check.memo.hits == check.memo.misses  # every database taken from the precheck
    assert check.source_reused  # and the tariff verification too
    with zipfile.ZipFile(finished) as zf:  # every member but the manifest not re-read
        assert check.memo.unchanged_members == len(zf.namelist()) - 1
    assert _rendered(verdicts) == _rendered(verify_written(finished))
    assert all(v.outcome != WRONG for v in verdicts)
    assert any(v.outcome == RIGHT for v in verdicts)


@pytest.mark.parametrize("which", ["csv", "raw"])
def test_a_member_damaged_after_the_precheck_is_checked_and_wrong(
        finished: Path, tmp_path: Path, which: str) -> None:
    copy = tmp_path / "a.zip"
    shutil.copyfile(finished, copy)
    check = WrittenCheck()
    check.precheck(copy, tariffs=True, end=_members_end(copy))
    if which == "csv":  # a table the tariff check reads: nothing of it may be reused
        member = _origin_csv(copy)
    else:  # a raw answer: the tariff outcome is reused, the integrity check is not
        with zipfile.ZipFile(copy) as zf:
            member = max((i for i in zf.infolist() if i.filename.startswith("raw/")
                          and not i.filename.endswith(".meta.json")),
                         key=lambda i: i.compress_size).filename
    _damage(copy, member)
    verdicts = check(copy)
    assert check.memo.unchanged_members == 0  # the region's bytes differ: all re-read
    assert WRONG in [v.outcome for v in verdicts]
    assert check.source_reused is (which == "raw")
    assert _rendered(verdicts) == _rendered(verify_written(copy))


def test_the_job_prechecks_and_still_sees_a_member_damaged_before_the_end(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A member damaged in the .part after the prechecks and before the final check: the
    report says "checked and WRONG", as verify does for the finished file."""
    made: list[CheckProcess] = []
    original = CheckProcess.__call__

    def damaging(self: CheckProcess, path: Path) -> Any:
        made.append(self)
        _damage(path, _origin_csv(path))
        return original(self, path)

    monkeypatch.setattr(CheckProcess, "__call__", damaging)
    with Simulator(SimulatorConfig("two-consumers", now=NOW)) as sim:
        result = archive(_settings(sim), tmp_path / "a.zip")
    assert made and made[0].prechecks >= 1  # the last database was prechecked in the child
    with zipfile.ZipFile(result.path) as zf:
        report = zf.read("report.html").decode("utf-8")
    assert "FALSCH" in report
    assert any(v.outcome == WRONG for v in verify_written(result.path))


def test_origin_databases_are_fetched_first(finished: Path) -> None:
    """The load profiles come first: their checks overlap the smaller databases' requests."""
    import json
    with zipfile.ZipFile(finished) as zf:
        metas = [json.loads(zf.read(n)) for n in sorted(zf.namelist())
                 if n.startswith("raw/") and n.endswith(".meta.json")]
    databases = [m["request"]["database"] for m in metas
                 if m["method"] == "readings" and not m["request"].get("last-reading")]
    first_other = next(i for i, db in enumerate(databases) if db != "origin")
    assert "origin" in databases[:first_other]
    assert "origin" not in databases[first_other:]


def test_timeline_breakdown_adds_up() -> None:
    timeline = RunTimeline(100.0)
    timeline.exchanges += [Exchanged("a", 100.5, 101.0, 10), Exchanged("b", 101.25, 102.0, 20)]
    timeline.marks += [("early", 101.1), ("verify", 102.5), ("close", 103.0)]
    timeline.note_beside("precheck", 0.75)
    out = timeline.breakdown()
    assert out["start"] == pytest.approx(0.5)
    assert out["in-flight"] == pytest.approx(1.25)
    assert out["gaps"] == pytest.approx(0.25) and out["gap-max"] == pytest.approx(0.25)
    assert "early" not in out  # before the last answer: not part of the finish
    assert out["verify"] == pytest.approx(0.5) and out["close"] == pytest.approx(0.5)
    assert out["total"] == pytest.approx(3.0)
    assert out["beside:precheck"] == pytest.approx(0.75) and out["beside:precheck:n"] == 1


def test_a_cancelled_job_stops_the_running_precheck(finished: Path, tmp_path: Path) -> None:
    """Cancel during a precheck: the child is stopped at once, the precheck does not count
    and the final verdicts are then computed here, equal to ``verify_written``'s."""
    from trudi_py.jobs.base import CancelToken
    copy = tmp_path / "a.zip"
    shutil.copyfile(finished, copy)
    cancel = CancelToken()
    check = CheckProcess(cancel)
    seen: list[bool] = []

    def cancel_when_running() -> None:
        while not check.running:  # the child started: now its precheck is under way
            time.sleep(0.01)
        seen.append(True)
        cancel.cancel()

    watcher = threading.Thread(target=cancel_when_running)
    watcher.start()
    check.precheck(copy, tariffs=True, end=_members_end(copy))
    watcher.join(timeout=30)
    assert seen == [True]
    assert check.prechecks == 0  # stopped before its answer, not waited for
    assert not check.running
    assert _rendered(check(copy)) == _rendered(verify_written(copy))
    check.close()


def test_a_snapshot_precheck_does_not_wait_and_is_collected_at_the_end(
        finished: Path, tmp_path: Path) -> None:
    """precheck_snapshot hands a copy to the child and returns before its answer (the
    writer thread goes on); the final check collects it, deletes the copy, and its
    verdicts equal verify's."""
    copy, snapshot = tmp_path / "a.zip", tmp_path / "snap.zip"
    shutil.copyfile(finished, copy)
    shutil.copyfile(finished, snapshot)
    check = CheckProcess()
    try:
        check.precheck_snapshot(snapshot, tariffs=True, end=_members_end(snapshot))
        assert check.pending == [snapshot] and check.prechecks == 0  # not waited for
        verdicts = check(copy)
        assert check.pending == [] and check.prechecks == 1
        assert not snapshot.exists()
        assert _rendered(verdicts) == _rendered(verify_written(copy))
    finally:
        check.close()


def test_a_stopped_check_deletes_its_pending_snapshots(finished: Path, tmp_path: Path) -> None:
    snapshot = tmp_path / "snap.zip"
    shutil.copyfile(finished, snapshot)
    check = CheckProcess()
    check.precheck_snapshot(snapshot, tariffs=True, end=_members_end(snapshot))
    check.close()
    assert check.pending == [] and not snapshot.exists() and not check.running


def test_the_job_prechecks_a_snapshot_and_leaves_the_part_as_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The job's prechecks check copies of the .part (members up to ``end`` equal to the
    final file's, so the final check reuses them) and the copies are gone at the end."""
    from trudi_py.archive.store import ArchiveStore
    made: list[tuple[bytes, int, Path]] = []
    original = ArchiveStore.snapshot

    def recording(self: ArchiveStore, name: str) -> tuple[Path, int]:
        snapshot, end = original(self, name)
        made.append((snapshot.read_bytes()[:end], end, snapshot))
        return snapshot, end

    monkeypatch.setattr(ArchiveStore, "snapshot", recording)
    with Simulator(SimulatorConfig("two-consumers", now=NOW)) as sim:
        result = archive(_settings(sim), tmp_path / "a.zip")
    assert result.complete and made
    final = result.path.read_bytes()
    for head, end, snapshot in made:
        assert final[:end] == head  # the members checked early are the final file's
        assert not snapshot.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["a.zip"]
