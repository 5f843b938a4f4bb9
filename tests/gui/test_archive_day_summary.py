"""The readings page draws an archive's daily and monthly charts from its day summary
(``summary/<up>/<db>.json``, issue 16) at once — before the table, without the CSV — and
keeps those images when the readings arrive; an archive without the member works as before
and caches its day sums for the next opening; a member that does not match its manifest
entry is not used."""

from __future__ import annotations

import functools
import hashlib
import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest
from helpers import archive_cli, without_members

from trudi_py.archive.manifest import readings_member
from trudi_py.archive.reader import ArchiveSource
from trudi_py.archive.summary import day_summary_member
from trudi_py.gui import archive_worker, day_cache
from trudi_py.gui.background_read import in_foreground
from trudi_py.gui.main_window import MainWindow
from trudi_py.gui.recent_build import RECENT_DAYS, RecentBuild
from trudi_py.gui.worker import process_runner


@pytest.fixture(scope="module")
def archive(sim, tmp_path_factory) -> Path:  # noqa: ANN001
    out = tmp_path_factory.mktemp("gui-day-summary") / "household.zip"
    code, _summary = archive_cli(sim, out, "--no-excel", "--no-report")
    assert code == 0
    return out


def _without_summary(src: Path, dst: Path, replace: bytes | None = None) -> None:
    """The archive without its day summaries and column store (an earlier version's), or
    with each day summary replaced by ``replace`` while the manifest keeps the old SHA-256."""
    if replace is None:
        without_members(src, dst, "summary/", "columns/")
        return
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        manifest = json.loads(zin.read("manifest.json"))
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.startswith("summary/"):
                data = replace
            elif info.filename == "manifest.json":
                data = json.dumps(manifest, indent=2).encode()
            out.writestr(info.filename, data)


def _whole_contract(qtbot, win: MainWindow, path: Path) -> object:  # noqa: ANN001
    with qtbot.waitSignal(win.session.source_changed, timeout=20000):
        win.open_archive(path)
    page = win.readings_page
    win.show_page("readings")
    index = next(i for i, p in enumerate(page._points) if p.taf == "7")
    if page.contract.currentIndex() != index:
        with qtbot.waitSignal(page.databases_ready, timeout=10000):
            page.contract.setCurrentIndex(index)
    qtbot.waitUntil(lambda: page.database.findData("origin") >= 0, timeout=10000)
    page.database.setCurrentIndex(page.database.findData("origin"))
    page.choose_preset(4)  # whole contract
    page.charts.show_chart("monthly")
    return page


@pytest.fixture
def short_recent() -> Iterator[None]:
    """The chart process builds only the last 45 days from raw/: the whole contract is a
    range longer than them (this archive's ~13 months would be all of its 400 days: the
    charts would come with the table)."""
    _in_child(functools.partial(setattr, RecentBuild, "days", 45))
    yield
    _in_child(functools.partial(setattr, RecentBuild, "days", RECENT_DAYS))


def _in_child(fn: Callable[[], object]) -> None:
    """Run ``fn`` in the chart process and wait for it (without running Qt's events)."""
    assert process_runner().submit(fn).future.result(timeout=30) is None


def test_monthly_chart_from_the_summary_before_the_table(qtbot, offline, archive,  # noqa: ANN001
                                                         short_recent):
    page = _whole_contract(qtbot, offline, archive)
    drawn: list[str] = []
    page.charts.drawn.connect(drawn.append)
    with qtbot.waitSignal(page.charts.drawn, timeout=30000,
                          check_params_cb=lambda k: k == "monthly"):
        page.load_button.click()
    early = page.charts.data
    assert page.result is None  # the readings are asked for only after these charts
    assert early.pending == frozenset({"zones"}) and early.resolution == "day"
    assert page.charts.views["monthly"].image is not None
    kept: list[bool] = []  # when the readings arrive: is the monthly image still there?
    page.loaded.connect(lambda: kept.append(page.charts.views["monthly"].image is not None))
    with qtbot.waitSignal(page.loaded, timeout=60000):
        pass
    full = page.result.chart
    for a, b in zip(early.series, full.series, strict=True):  # the same sums as the CSV's
        assert a.obis == b.obis
        assert np.array_equal(a.months, b.months) and np.array_equal(a.month_kwh, b.month_kwh)
        assert np.array_equal(a.days, b.days) and np.array_equal(a.day_kwh, b.day_kwh)
        assert np.array_equal(a.power_w, b.power_w)
    assert kept == [True]  # the same chart: kept, not drawn again
    page.charts.show_chart("zones")
    qtbot.waitUntil(lambda: "zones" in drawn, timeout=30000)


def test_a_short_range_comes_with_the_table_as_before(archive) -> None:  # noqa: ANN001
    with ArchiveSource(archive) as source:
        upid = next(p.usage_point_id for p in source.usage_points() if p.taf == "7")
        last = source.series(upid, "origin")[0].last_target
    from datetime import timedelta
    assert last is not None
    assert in_foreground(archive_worker.summary_window, archive, upid, "origin",
                         last - timedelta(days=30), last) is None
    archive_worker.release()


def test_old_archive_without_member_caches_its_day_sums(archive, tmp_path) -> None:  # noqa: ANN001
    """An earlier version's archive: no charts ahead of the readings at first; once its CSV
    is read the day sums are cached (keyed by the CSV's SHA-256), and the next opening draws
    them at once, equal to the readings' (in this process: the chart process's functions)."""
    old = tmp_path / "old.zip"
    _without_summary(archive, old)
    with ArchiveSource(old) as source:
        point = next(p for p in source.usage_points() if p.taf == "7")
        digest = source.listed_sha256(readings_member(point.usage_point_id, "origin"))
    upid, start = point.usage_point_id, point.start
    last = ArchiveSource(old).series(upid, "origin")[0].last_target
    assert digest is not None and start is not None and last is not None
    args = (old, upid, "origin", start, last)
    assert in_foreground(archive_worker.summary_window, *args) is None
    full = in_foreground(archive_worker.load_window, *args).chart
    assert (day_cache.cache_dir() / f"{digest}.json").is_file()
    archive_worker.release()  # the next opening
    cached = in_foreground(archive_worker.summary_window, *args)
    archive_worker.release()
    assert cached is not None and len(cached.series) == len(full.series) == 2
    for a, b in zip(cached.series, full.series, strict=True):
        assert np.array_equal(a.month_kwh, b.month_kwh)
        assert np.array_equal(a.day_kwh, b.day_kwh)


def test_a_member_not_matching_the_manifest_is_not_used(archive, tmp_path) -> None:  # noqa: ANN001
    edited = tmp_path / "edited.zip"
    _without_summary(archive, edited, replace=b'{"format": "trudi-py-day-energy"}')
    with ArchiveSource(edited) as source:
        upid = next(p.usage_point_id for p in source.usage_points() if p.taf == "7")
        name = day_summary_member(upid, "origin")
        assert source.listed_sha256(name) not in (None, hashlib.sha256(b"").hexdigest())
        assert source.day_summary(upid, "origin") is None
    with ArchiveSource(archive) as source:
        assert source.day_summary(upid, "origin")


def test_gui_archive_check_compares_the_member_with_the_readings(  # noqa: ANN201
        qtbot, offline, archive, tmp_path):  # noqa: ANN001
    """The verify page's "check an archive" runs the same job as ``trudi-py verify``: a day
    summary edited together with its manifest hash (so only the comparison with the proven
    readings can see it) is reported as summary-mismatch, not merely parsed."""
    with zipfile.ZipFile(archive) as zf:
        target = next(n for n in zf.namelist() if n.startswith("summary/"))
        doc = json.loads(zf.read(target))
    doc["channels"][0]["days"][5][1] += 7
    edited = json.dumps(doc).encode()
    out = tmp_path / "edited.zip"
    with zipfile.ZipFile(archive) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        manifest = json.loads(zin.read("manifest.json"))
        for entry in manifest["files"]:
            if entry["path"] == target:
                entry["bytes"], entry["sha256"] = len(edited), hashlib.sha256(edited).hexdigest()
        for info in zin.infolist():
            data = edited if info.filename == target else zin.read(info)
            if info.filename == "manifest.json":
                data = json.dumps(manifest, indent=2).encode()
            zo.writestr(info.filename, data)
    page = offline.verify_page
    with qtbot.waitSignal(page.verified, timeout=120000) as verified:
        page.verify_archive(out)
    problems = verified.args[0]["archive"]["problems"]
    assert [(p["code"], p["path"]) for p in problems if p["severity"] == "error"] == \
        [("summary-mismatch", target)]
