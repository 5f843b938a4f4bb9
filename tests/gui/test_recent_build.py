"""The chart process builds a database's last days from the archive's ``raw/`` answers on a
thread of its own (issue 16): a range inside them asked for meanwhile waits for that build
(the same columns as the CSV gives), the day-summary chart does not, and closing the archive
stops the build."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from trudi_py.archive.reader import ArchiveSource
from trudi_py.gui import archive_worker, recent_build
from trudi_py.gui.background_read import FOREGROUND, Gate, GatedJob, Stopped, in_foreground
from trudi_py.model.series import ChannelSeries

DB = "origin"
#: The recent days built in these tests: this archive's ~a year is too short for the
#: application's (its answers would cost more than a third of the CSV: not built)
RECENT_DAYS = 45


@pytest.fixture(scope="module")
def archive(archive_before_columns: Path) -> Path:
    """The household's archive without its column store (made once per session,
    tests/conftest.py): ranges from raw/ and the CSV; read only."""
    return archive_before_columns


@pytest.fixture
def worker(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(recent_build.RecentBuild, "days", RECENT_DAYS)
    yield
    archive_worker.release()


def _point(path: Path) -> tuple[str, datetime, datetime, list[ChannelSeries]]:
    """The TAF-7 contract: its id, contract start, the end of its last raw/ window, and every
    reading of its database as the CSV gives them."""
    with ArchiveSource(path) as source:
        point = next(p for p in source.usage_points() if p.taf == "7")
        until = source.raw_until(point.usage_point_id, DB)
        assert until is not None and point.start is not None
        return point.usage_point_id, point.start, until, source.series(point.usage_point_id, DB)


def _content(series: list[ChannelSeries]) -> list[tuple]:
    """Everything a series says, status words resolved (their table order may differ)."""
    return [(s.obis, s.meter_id, s.targets.tolist(), s.captures.tolist(), list(s.values),
             [s.status_table[i] for i in s.status_index], s.signed_flags.tolist())
            for s in series]


def _held_pace(monkeypatch: pytest.MonkeyPatch, after: int
               ) -> tuple[threading.Event, threading.Event]:
    """Hold every build at its pace call number ``after`` (0: the first) until ``go`` is
    set; ``reached`` is set when a build got there."""
    reached, go = threading.Event(), threading.Event()
    calls: dict[int, int] = {}
    original: Callable[[GatedJob[object]], None] = GatedJob._pace

    def pace(job: GatedJob[object]) -> None:
        n = calls[id(job)] = calls.get(id(job), -1) + 1
        if n == after:
            reached.set()
            assert go.wait(30)
        original(job)

    monkeypatch.setattr(GatedJob, "_pace", pace)
    return reached, go


def test_covered_range_waits_for_the_running_build(archive: Path, worker: None) -> None:
    """prefetch returns with the build not begun (a task runs: the gate is closed); a range
    inside the recent days then waits for the build (the gate held open) and is cut from
    its columns — those the CSV gives for the range."""
    upid, _start, until, full = _point(archive)
    start, end = until - timedelta(days=30), until

    def both() -> tuple[list[ChannelSeries], str, bool]:
        archive_worker.prefetch(archive, upid, DB)
        opened = archive_worker._opened(archive)
        running = not opened.building[(upid, DB)].job.done()
        return (*opened.range_series(upid, DB, start, end), running)

    series, route, running = in_foreground(both)
    assert running and route == "raw"
    assert _content(series) == _content([s.between(start, end) for s in full])
    opened = archive_worker._opened(archive)
    assert opened.building == {} and (upid, DB) in opened.recent  # the build's, not a new one
    since = opened.recent[(upid, DB)][0]
    assert since == until - timedelta(days=RECENT_DAYS)
    # a range before the build's start does not take it
    older = in_foreground(opened.range_series, upid, DB, since - timedelta(days=40),
                          since - timedelta(days=10))
    assert older[1] == "raw"
    assert _content(older[0]) == _content(
        [s.between(since - timedelta(days=40), since - timedelta(days=10)) for s in full])


def test_range_outside_the_running_build_does_not_wait(archive: Path, worker: None,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A range the build will not hold is built from raw/ as before while it runs."""
    upid, _start, until, full = _point(archive)
    reached, go = _held_pace(monkeypatch, 1)  # the raw/ index read, before the first answer
    archive_worker.prefetch(archive, upid, DB)
    assert reached.wait(30)
    start, end = until - timedelta(days=90), until - timedelta(days=60)
    series, route = in_foreground(archive_worker._opened(archive).range_series, upid, DB,
                                  start, end)
    build = archive_worker._opened(archive).building[(upid, DB)]
    assert route == "raw" and not build.job.done()
    assert _content(series) == _content([s.between(start, end) for s in full])
    go.set()
    assert isinstance(build.job.wait(), tuple)


def test_summary_chart_while_the_build_runs(archive: Path, worker: None,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole contract's chart from the day summary does not wait for the build; the
    build goes on afterwards and a last-month range is cut from it."""
    upid, start, until, _full = _point(archive)
    reached, go = _held_pace(monkeypatch, 2)  # between the first and the second answer
    archive_worker.prefetch(archive, upid, DB)
    assert reached.wait(30)
    build = archive_worker._opened(archive).building[(upid, DB)]
    chart = in_foreground(archive_worker.summary_window, archive, upid, DB, start, until)
    assert chart is not None and chart.series and chart.resolution == "day"
    assert not build.job.done()
    go.set()
    window = in_foreground(archive_worker.load_window, archive, upid, DB,
                           until - timedelta(days=30), until)
    assert window.route == "raw" and window.table.count > 0
    assert (upid, DB) in archive_worker._opened(archive).recent


def test_release_stops_the_build(archive: Path, worker: None,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Closing the archive in the middle of the build ends it at its next answer."""
    upid, _start, _until, _full = _point(archive)
    reached, go = _held_pace(monkeypatch, 2)
    archive_worker.prefetch(archive, upid, DB)
    assert reached.wait(30)
    build = archive_worker._opened(archive).building[(upid, DB)]
    threading.Timer(0.2, go.set).start()  # the build goes on while release() waits for it
    in_foreground(archive_worker.release)
    assert build.job.done() and not build.job._thread.is_alive()
    with pytest.raises(Stopped):
        build.job.wait()
    assert FOREGROUND._no_jobs.is_set()  # the CSV readers are no longer held back


def test_gated_job_hands_over_errors_and_holds_readers_back() -> None:
    """A job's error reaches whoever waits for it; readers wait at the gate while a job
    runs, the job itself only while a task runs."""
    gate = Gate()
    started, go = threading.Event(), threading.Event()

    def work(pace: Callable[[], None]) -> int:
        started.set()
        assert go.wait(30)
        pace()
        raise ValueError("broken answer")

    gate.close()
    job = GatedJob(work, "test job", gate)
    assert not started.wait(0.2)  # a task runs: the job waits at the gate
    gate.open()
    assert started.wait(30)
    behind = threading.Thread(target=gate.wait, kwargs={"behind": True})
    behind.start()
    behind.join(0.5)
    assert behind.is_alive()  # a reader waits while the job runs
    go.set()
    with pytest.raises(ValueError, match="broken answer"):
        job.wait()
    behind.join(5)
    assert not behind.is_alive()


def test_opened_early_reads_the_raw_index_and_stays_for_its_own_path(
        archive: Path, tmp_path: Path, worker: None) -> None:
    """Opening an archive in the chart process ahead of the GUI reads its raw/ index on a
    thread; releasing another path keeps it open, its own closes it; a file that is no
    archive is left to the GUI's own opening (no error from the early opening)."""
    in_foreground(archive_worker.open_early, archive)
    opened = archive_worker._opened(archive)
    opened.indexing.wait()
    assert opened.source._raw is not None and opened.source._raw.windows
    upid = _point(archive)[0]
    assert opened.source.raw_until(upid, DB) is not None  # the index read once, not again
    in_foreground(archive_worker.release, tmp_path / "other.zip")
    assert archive_worker._state.get("archive") is opened
    in_foreground(archive_worker.release, archive)
    assert "archive" not in archive_worker._state
    garbage = tmp_path / "no-archive.zip"
    garbage.write_bytes(b"not a zip file")
    in_foreground(archive_worker.open_early, garbage)
    assert "archive" not in archive_worker._state


def test_grace_ends_when_a_task_waits_and_jobs_do_not_wait_for_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """After a task the readers wait the grace time — a task that then waits for a reader
    ends it at once; a gated job starts right after a task (it is wanted first)."""
    from trudi_py.gui import background_read
    monkeypatch.setattr(background_read, "GRACE_S", 60.0)
    gate = Gate()
    gate.close()
    gate.open()  # a task just ended
    reader_on = threading.Event()
    reader = threading.Thread(target=lambda: (gate.wait(behind=True), reader_on.set()),
                              daemon=True)
    reader.start()
    job = GatedJob(lambda _pace: 42, "test job", gate)
    assert job.wait() == 42  # (wait holds the gate open: check the job did not need it)
    assert not reader_on.wait(0.2)  # still in its grace
    with gate.held_open():
        assert reader_on.wait(30)
    started = threading.Event()
    gate.close()
    gate.open()
    GatedJob(lambda _pace: started.set(), "test job", gate)
    assert started.wait(30)  # not 60 s of grace


def test_build_of_most_of_the_database_although_it_costs_like_the_csv(archive: Path) -> None:
    """The application's 400 days are most of this ~15-month archive: built from raw/
    although those answers cost more than a third of its CSV (the build is bounded, and
    wanted before the CSV — a household's first year is all of it), a range of them is cut
    from the build — the CSV's readings."""
    upid, _start, until, full = _point(archive)
    start = until - timedelta(days=recent_build.RECENT_DAYS - 1)
    with ArchiveSource(archive) as source:
        share = source.raw_share(upid, DB, start, until)
    assert share is not None and share > recent_build.RAW_SHARE

    def build() -> tuple[list[ChannelSeries], str]:
        archive_worker.prefetch(archive, upid, DB)
        return archive_worker._opened(archive).range_series(upid, DB, start, until)

    try:
        series, route = in_foreground(build)
        assert route == "raw"
        assert (upid, DB) in archive_worker._opened(archive).recent
        assert _content(series) == _content([s.between(start, until) for s in full])
    finally:
        archive_worker.release()
