"""The integrity check on two cores (archive/verify_pool.py, archive/spawned.py).

The parallel route must give exactly the sequential report (same findings in the same order,
the same columns for the tariff check, the same §F.3 JSON), also for a damaged archive and
for one whose check stops at a hostile member; a child that dies or raises never hangs the
check nor loses a result: its databases are checked in the parent.
"""

from __future__ import annotations

import io
import json
import logging
import os
import time
import zipfile
from collections.abc import Iterator
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from hostile_util import rewrite

from trudi_py.archive import verify_pool
from trudi_py.archive.csvseries import ProvenSeries
from trudi_py.archive.integrity import check_archive
from trudi_py.archive.problems import IntegrityReport
from trudi_py.archive.spawned import ChildCall, ChildFailed
from trudi_py.cli import main
from trudi_py.jobs import verify_archive
from trudi_py.verify.archive_report import check_points


class CountingChildCall(ChildCall):
    """ChildCall noting each child it starts (proof that the parallel route ran)."""

    started: list[int | None] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        CountingChildCall.started.append(self.pid)


@pytest.fixture()
def small_parts(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int | None]]:
    """Every archive gets a child, whatever its size; yields the children started."""
    monkeypatch.setattr(verify_pool, "MIN_CHILD_BYTES", 1)
    monkeypatch.setattr(verify_pool, "CHILD_START_BYTES", 0)
    monkeypatch.setattr(CountingChildCall, "started", [])
    monkeypatch.setattr(verify_pool, "ChildCall", CountingChildCall)
    yield CountingChildCall.started


def _largest_csv(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return max((i for i in zf.infolist() if i.filename.startswith("readings/")),
                   key=lambda i: i.file_size).filename


def _both(path: Path) -> tuple[IntegrityReport, IntegrityReport, ProvenSeries, ProvenSeries]:
    seq_series: ProvenSeries = {}
    par_series: ProvenSeries = {}
    seq = check_archive(path, seq_series)
    par = check_archive(path, par_series, verify_pool.ParallelChecker)
    return seq, par, seq_series, par_series


def _same(seq: IntegrityReport, par: IntegrityReport) -> None:
    assert par.to_dict() == seq.to_dict()
    assert [p.text("de") for p in par.problems] == [p.text("de") for p in seq.problems]
    assert par.reading_signatures == seq.reading_signatures


def test_parallel_check_gives_the_sequential_report_and_columns(
        two_consumer_archive: Path, small_parts: list[int | None]) -> None:
    seq, par, seq_series, par_series = _both(two_consumer_archive)
    assert len(small_parts) == 1 and small_parts[0] != os.getpid()
    _same(seq, par)
    assert par.ok and par.members_checked > 10
    assert par_series == seq_series and len(par_series) >= 2


def test_parallel_check_of_a_changed_csv_names_the_same_channel(
        two_consumer_archive: Path, small_parts: list[int | None], tmp_path: Path) -> None:
    target = _largest_csv(two_consumer_archive)  # the child's database

    def change(name: str, data: bytes) -> Iterator[tuple[str, bytes]]:
        if name == target:
            lines = data.split(b"\n")
            cells = lines[5].split(b",")
            cells[4] = str(int(cells[4]) + 1).encode()
            lines[5] = b",".join(cells)
            data = b"\n".join(lines)
        yield name, data

    rewrite(two_consumer_archive, tmp_path / "changed.zip", change)
    seq, par, seq_series, par_series = _both(tmp_path / "changed.zip")
    assert small_parts
    _same(seq, par)
    codes = [p.code for p in par.problems]
    assert "csv-mismatch" in codes and "hash-mismatch" in codes
    assert par_series == seq_series


@pytest.mark.parametrize("which", ["largest", "all"])
def test_a_check_stopped_by_a_bad_row_stops_the_same_way(
        two_consumer_archive: Path, small_parts: list[int | None], tmp_path: Path,
        which: str) -> None:
    target = _largest_csv(two_consumer_archive)

    def change(name: str, data: bytes) -> Iterator[tuple[str, bytes]]:
        if name.startswith("readings/") and (which == "all" or name == target):
            data = data.replace(b"\n", b"\nbroken,row\n", 1)  # 2 fields, not 13
        yield name, data

    rewrite(two_consumer_archive, tmp_path / "bad-row.zip", change)
    seq, par, _, _ = _both(tmp_path / "bad-row.zip")
    assert small_parts
    _same(seq, par)
    last = par.problems[-1]
    assert last.code == "member-unreadable" and "fields instead of 13" in last.message
    assert par.members_checked == 0  # stopped before the manifest comparison, as before


def _die(*args: object) -> None:
    """A child that dies without an answer (as if killed or out of memory)."""
    os._exit(3)


def _fail(*args: object) -> None:
    raise ValueError("boom")


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


def _twice(value: int) -> int:
    return 2 * value


def test_a_dying_child_costs_only_time(two_consumer_archive: Path,
                                       small_parts: list[int | None],
                                       monkeypatch: pytest.MonkeyPatch,
                                       caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(verify_pool, "check_in_child", _die)
    with caplog.at_level(logging.WARNING, logger="trudi_py.archive.verify_pool"):
        seq, par, seq_series, par_series = _both(two_consumer_archive)
    assert small_parts
    _same(seq, par)
    assert par_series == seq_series
    assert "ended without an answer (exit code 3)" in caplog.text


def test_child_call_results_and_failures() -> None:
    with ChildCall(_twice, 21) as call:
        assert call.result() == 42
    with pytest.raises(ChildFailed, match="ValueError: boom"):
        ChildCall(_fail).result()
    with pytest.raises(ChildFailed, match="ended without an answer"):
        ChildCall(_die).result()


def test_child_call_cancelled_stops_the_child() -> None:
    call = ChildCall(_sleep, 60.0)
    with pytest.raises(ChildFailed, match="cancelled"):
        call.result(cancelled=lambda: True)
    assert not call._process.is_alive()


@pytest.mark.parametrize("strict", [False, True])
def test_cli_json_is_byte_identical_on_both_routes(
        two_consumer_archive: Path, monkeypatch: pytest.MonkeyPatch,
        small_parts: list[int | None], strict: bool) -> None:
    early: list[str] = []

    def counting(*args: Any) -> dict[str, Any]:
        found = check_points(*args)
        early.extend(found)
        return found

    monkeypatch.setattr(verify_archive, "check_points", counting)
    # the child gets the daily values: the TAF-1 contract (its own database and the TAF-7
    # contract's origin) is ready here while the child works
    monkeypatch.setattr(verify_pool, "child_tasks", lambda zf, tasks, bodies: {
        i for i, task in enumerate(tasks) if task[0][1] == "daily"})

    def run() -> tuple[int, str]:
        out = io.StringIO()
        with redirect_stdout(out):
            code = main(["verify", str(two_consumer_archive), "--json",
                         *(["--strict"] if strict else [])])
        return code, out.getvalue()

    parallel = run()
    assert len(small_parts) == 1
    assert early == ["01005e318121.taf1-1.sm"]  # its tariffs checked while the child works
    monkeypatch.setattr(verify_pool, "child_tasks", lambda zf, tasks, bodies: set())
    sequential = run()
    assert len(small_parts) == 1  # no second child
    assert parallel == sequential
    assert json.loads(parallel[1])["usage-points"]


def test_the_child_refuses_a_file_that_is_not_the_one_checked(two_consumer_archive: Path,
                                                                tmp_path: Path) -> None:
    with zipfile.ZipFile(two_consumer_archive) as zf:
        identity = verify_pool.file_identity(zf)
    copy = tmp_path / "copy.zip"
    copy.write_bytes(two_consumer_archive.read_bytes())  # same bytes, another file
    assert verify_pool.check_in_child(str(two_consumer_archive), identity, [], [], {},
                                      {"details": {}}, {}, True) == []
    with pytest.raises(verify_pool.OtherFile, match="replaced or changed"):
        verify_pool.check_in_child(str(copy), identity, [], [], {}, {"details": {}}, {}, True)

