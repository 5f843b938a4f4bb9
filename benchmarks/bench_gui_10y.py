"""The GUI with a 10-year archive: open to the overview, one year of readings with charts, the
10-year monthly chart, and the longest event-loop stall meanwhile — with a second CPU-busy
process running (the issue's condition; ``--quiet-machine`` leaves it out).

Without ``--archive FILE`` it first makes one: ``trudi-py simulate --years N`` and
``trudi-py archive --no-excel --no-report`` as child processes (~1 min for 10 years here).
Then, in this process, the main window (German) opens the archive and the user's steps are
timed from the click to the last chart drawn:

1. open the archive → overview shown (goal < 2 s);
2. readings page, TAF-7 ``origin``, "last 12 months" → table and the load-profile, daily and
   monthly charts drawn (goal < 1 s): right after opening (the chart process's thread is
   still reading the database's CSV into columns: the year comes from its ``raw/``
   answers), the year before (likewise), then — the CSV read — the year before that;
3. "whole contract" (10 years) → the monthly chart drawn (goal < 1 s), once with the CSV
   read and once right after opening the archive again (the chart process forgot it): from
   the archive's day summary (``summary/<up>/<db>.json``), and — a copy of the archive
   without it, as written before that member existed — waiting for the CSV; a second
   opening of that copy draws from the day sums cached at the first;
4. the same year loaded the way the GUI did it before (``ArchiveSource.readings`` on the
   session's worker thread, table and charts in this process): the baseline of this run.

A 5 ms precise QTimer records how late each tick comes: its idle jitter is measured first
(same run), then the longest stall over steps 1–3 (goal < 50 ms) and over step 4.

    python benchmarks/bench_gui_10y.py [--years 10] [--archive FILE] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TRUDI_DATA_DIR", tempfile.mkdtemp(prefix="trudi-bench-"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_10y import CLI, readings_in, start_simulator  # noqa: E402
from bench_gui_stall import BUSY, StallMeter, run_for, summary, wait  # noqa: E402

GOALS = {"open": 2.0, "year": 1.0, "decade_monthly": 1.0, "stall_ms": 50.0}


def make_archive(years: int, work: Path) -> Path:
    """``simulate --years N`` + ``archive`` as child processes; the ZIP's path."""
    env = dict(os.environ, TRUDI_DATA_DIR=str(work / "data"), TRUDI_LOG_DIR=str(work / "log"))
    sim, url, pin, user, password, _ready = start_simulator(years, env, work / "sim")
    out = work / f"{years}y.zip"
    try:
        t0 = time.perf_counter()
        subprocess.run([*CLI, "archive", "--url", url, "--user", user, "--pin", pin, "--out",
                        str(out), "--no-excel", "--no-report"],
                       env=dict(env, TRUDI_PASSWORD=password), check=True,
                       stdout=subprocess.DEVNULL)
        print(f"archive of {years} years made in {time.perf_counter() - t0:.0f} s: "
              f"{readings_in(out)} readings, {out.stat().st_size / 1e6:.0f} MB", flush=True)
    finally:
        sim.terminate()
        sim.wait(timeout=30)
    return out


def in_child(app, fn, *args) -> object:  # noqa: ANN001
    """Run ``fn(*args)`` in the chart process and wait (the event loop keeps running)."""
    from trudi_py.gui.worker import process_runner
    result: list[object] = []
    process_runner().submit(fn, *args, on_done=result.append, on_error=result.append)
    wait(app, lambda: bool(result))
    if isinstance(result[0], BaseException):
        raise result[0]
    return result[0]


def load_and_draw(app, page, keys: tuple[str, ...]) -> tuple[float, float]:  # noqa: ANN001
    """Click »Laden« with chart ``keys[0]`` on top, wait for the table and that chart, then
    look at the others in turn: seconds from the click to the first chart and to the last."""
    done: list[float] = []
    drawn: list[str] = []
    page.charts.show_chart(keys[0])
    page.loaded.connect(lambda: done.append(time.monotonic()))
    page.charts.drawn.connect(drawn.append)
    started = time.monotonic()
    page.load_button.click()
    wait(app, lambda: bool(done))
    wait(app, lambda: keys[0] in drawn)
    first = time.monotonic() - started
    for key in keys[1:]:
        page.charts.show_chart(key)
        wait(app, lambda key=key: key in drawn)
    page.loaded.disconnect()
    page.charts.drawn.disconnect()
    return first, time.monotonic() - started


def draw_first(app, page, key: str) -> tuple[float, float]:  # noqa: ANN001
    """Click »Laden« with chart ``key`` on top: seconds until that chart is drawn, and until
    the table is there too."""
    done: list[float] = []
    drawn: list[float] = []
    page.charts.show_chart(key)
    page.loaded.connect(lambda: done.append(time.monotonic()))
    page.charts.drawn.connect(  # not the empty chart of the reopened archive
        lambda k: drawn.append(time.monotonic())
        if k == key and page.charts.data is not None else None)
    started = time.monotonic()
    page.load_button.click()
    wait(app, lambda: bool(drawn) and bool(done))
    page.loaded.disconnect()
    page.charts.drawn.disconnect()
    return drawn[0] - started, done[0] - started


#: The members an archive written before issue 16's day summary and column store lacks.
ISSUE_16_MEMBERS = ("summary/", "columns/")


def without_summary(src: Path, dst: Path, prefixes: tuple[str, ...] = ISSUE_16_MEMBERS
                    ) -> Path:
    """A copy of the archive without its day summary and column store members (an earlier
    version's)."""
    import json
    import zipfile
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED,
                                                      compresslevel=1) as out:
        for info in zin.infolist():
            if info.filename.startswith(prefixes):
                continue
            if info.filename == "manifest.json":
                manifest = json.loads(zin.read(info))
                manifest["files"] = [f for f in manifest["files"]
                                     if not f["path"].startswith(prefixes)]
                out.writestr(info.filename, json.dumps(manifest, indent=2))
                continue
            with zin.open(info) as data, out.open(info.filename, "w", force_zip64=True) as w:
                shutil.copyfileobj(data, w, 1024 * 1024)
    return dst


def reopen_decade(app, window, path: Path, taf7: int) -> object:  # noqa: ANN001
    """The chart process forgets the archive, the GUI opens ``path``; whole contract chosen."""
    from trudi_py.gui import archive_worker
    in_child(app, archive_worker.release)
    changed: list[object] = []
    window.session.source_changed.connect(changed.append)
    window.open_archive(path)
    wait(app, lambda: bool(changed) and window.session.state == "archive")
    window.session.source_changed.disconnect(changed.append)
    page = window.readings_page
    window.show_page("readings")
    wait(app, lambda: len(page._points) > taf7)
    page.contract.setCurrentIndex(taf7)
    wait(app, lambda: page.database.findData("origin") >= 0)
    page.database.setCurrentIndex(page.database.findData("origin"))
    page.choose_preset(4)
    return page


def old_way_year(app, window, upid: str, start, end) -> float:  # noqa: ANN001
    """The path before issue 16's GUI step: objects on the worker thread, charts drawn in
    this process (the chart data and drawing as then)."""
    from trudi_py.gui.chart_draw import chart_texts, render_rgba
    from trudi_py.gui.pages.readings_load import load_readings
    result: list[object] = []
    started = time.monotonic()
    window.session.run(lambda source, progress, cancel: load_readings(
        source, progress, cancel, upid, "origin", start, end), on_done=result.append,
        on_error=result.append)
    wait(app, lambda: bool(result))
    loaded = result[0]
    if isinstance(loaded, BaseException):
        raise loaded
    window.readings_page.model.set_table(loaded.table)
    texts = chart_texts()
    images: list[object] = []
    for key in ("power", "daily", "monthly"):
        window.session.compute.submit(lambda _p, _c, key=key: render_rgba(
            key, loaded.chart, 900, 380, 1.0, texts), on_done=images.append)
    wait(app, lambda: len(images) == 3)
    return time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--archive", type=Path, help="use this archive instead of making one")
    parser.add_argument("--keep", type=Path, help="keep the archive made in this folder")
    parser.add_argument("--no-old-copy", action="store_true",
                        help="skip the decade from a copy without the day summary")
    parser.add_argument("--quiet-machine", action="store_true",
                        help="no second CPU-busy process")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="trudi-bench-gui10y-"))
    busy = None
    try:
        archive = args.archive or make_archive(args.years, work)
        if args.keep and not args.archive:
            args.keep.mkdir(parents=True, exist_ok=True)
            shutil.copy(archive, args.keep / archive.name)
        old_copy = None
        if not args.no_old_copy:
            t0 = time.perf_counter()
            old_copy = without_summary(archive, work / "without-summary.zip")
            print(f"copy without day summary made in {time.perf_counter() - t0:.0f} s",
                  flush=True)
        if not args.quiet_machine:
            busy = subprocess.Popen([sys.executable, "-c", BUSY])
        return measure(archive, loaded_machine=busy is not None, old_copy=old_copy)
    finally:
        if busy is not None:
            busy.kill()
            busy.wait()
        shutil.rmtree(work, ignore_errors=True)


def measure(archive: Path, loaded_machine: bool, old_copy: Path | None = None) -> int:
    from trudi_py.gui import archive_worker
    from trudi_py.gui.app import create_app, warm_up
    from trudi_py.gui.main_window import MainWindow
    from trudi_py.gui.session import Session
    from trudi_py.gui.worker import process_runner

    app = create_app(language="de")
    window = MainWindow(Session())
    window.resize(1200, 800)
    window.show()
    warm_up(window)  # as run_gui() does
    process_runner().submit(len, "")  # the chart process starts with the window (as in use)
    wait(app, lambda: not process_runner().busy and not window.session.compute.busy)
    run_for(app, 1.0)
    meter = StallMeter()
    meter.start()
    run_for(app, 2.0)
    baseline = meter.stop()

    figures: dict[str, float] = {}
    stalls: dict[str, float] = {}
    ticks: list[float] = []

    def step_done(key: str) -> None:
        late = meter.stop()
        stalls[key] = max(late, default=0.0)
        ticks.extend(late)
        meter.start()

    routes: dict[str, str] = {}
    meter.start()
    started = opened_at = time.monotonic()
    window.open_archive(archive)
    wait(app, lambda: window.session.state == "archive" and
         window.overview_page.gateway_id.text() != "")
    window.show_page("overview")
    app.processEvents()
    figures["open"] = time.monotonic() - started
    step_done("open")
    page = window.readings_page
    window.show_page("readings")
    taf7 = next(i for i, p in enumerate(page._points) if p.taf == "7")
    page.contract.setCurrentIndex(taf7)
    wait(app, lambda: page.database.findData("origin") >= 0)
    page.database.setCurrentIndex(page.database.findData("origin"))
    upid = page.selected_point().usage_point_id
    page.choose_preset(3)  # last 12 months
    year_start, year_end = page._range
    step_done("choose")
    figures["year_first"], figures["year"] = load_and_draw(app, page,
                                                           ("power", "daily", "monthly"))
    routes["year"] = f"{page.result.route}, child CPU {page.result.cpu_s:.2f} s"
    step_done("year")
    year_rows = page.model.rowCount()
    page._range = (year_start - timedelta(days=365), year_start)  # the year before
    figures["year_before_first"], figures["year_before"] = load_and_draw(
        app, page, ("power", "daily", "monthly"))
    routes["year_before"] = f"{page.result.route}, child CPU {page.result.cpu_s:.2f} s"
    step_done("year_before")
    started = time.monotonic()
    in_child(app, archive_worker.wait_for_columns, archive, upid, "origin")
    figures["columns_after_open"] = time.monotonic() - opened_at
    figures["columns_wait"] = time.monotonic() - started
    step_done("columns")
    page._range = (year_start - timedelta(days=730), year_start - timedelta(days=365))
    figures["year_warm_first"], figures["year_warm"] = load_and_draw(
        app, page, ("power", "daily", "monthly"))
    routes["year_warm"] = f"{page.result.route}, child CPU {page.result.cpu_s:.2f} s"
    step_done("year_warm")
    page.choose_preset(4)  # whole contract
    figures["decade_monthly"], _ = load_and_draw(app, page, ("monthly",))
    routes["decade_monthly"] = f"{page.result.route}, child CPU {page.result.cpu_s:.2f} s"
    step_done("decade_monthly")
    decade_rows = page.model.rowCount()
    months = max(len(s.months) for s in page.result.chart.series)
    # the decade right after opening: the child forgets the archive, the GUI opens it again
    page = reopen_decade(app, window, archive, taf7)
    step_done("reopen")
    figures["decade_first"], figures["decade_first_table"] = draw_first(app, page, "monthly")
    routes["decade_first"] = f"{page.result.route}, child CPU {page.result.cpu_s:.2f} s"
    step_done("decade_first")
    if old_copy is not None:  # an archive without the day summary: first and second opening
        page = reopen_decade(app, window, old_copy, taf7)
        step_done("reopen_old")
        figures["decade_old_first"], figures["decade_old_first_table"] = draw_first(
            app, page, "monthly")
        step_done("decade_old_first")
        page = reopen_decade(app, window, old_copy, taf7)
        step_done("reopen_old2")
        figures["decade_old_cached"], figures["decade_old_cached_table"] = draw_first(
            app, page, "monthly")
        step_done("decade_old_cached")
    meter.stop()
    stall_new = ticks
    gui_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    meter.start()
    figures["year_old_way"] = old_way_year(app, window, upid, year_start, year_end)
    stall_old = meter.stop()
    window.close()

    base_max = max(baseline, default=0.0)
    floor = max(base_max, 1.0)
    new_max, old_max = max(stall_new, default=0.0), max(stall_old, default=0.0)
    print(f"platform {app.platformName()}, python {sys.version.split()[0]}, "
          f"{os.cpu_count()} cores, second CPU-busy process: "
          f"{'yes' if loaded_machine else 'no'}, load average {os.getloadavg()[0]:.1f}")
    print(f"archive {archive.name}: {archive.stat().st_size / 1e6:.0f} MB; one year = "
          f"{year_rows} values, whole contract = {decade_rows} values, {months} months")
    rows: tuple[tuple[str, str, float], ...] = (
            ("open → overview", "open", GOALS["open"]),
            ("1 year: table + load profile, right after opening", "year_first", GOALS["year"]),
            ("          … + daily + monthly chart", "year", GOALS["year"]),
            ("1 year before: table + load profile", "year_before_first", GOALS["year"]),
            ("          … + daily + monthly chart", "year_before", GOALS["year"]),
            ("1 year, the CSV read: table + load profile", "year_warm_first", GOALS["year"]),
            ("          … + daily + monthly chart", "year_warm", GOALS["year"]),
            ("whole contract → monthly chart, the CSV read", "decade_monthly",
             GOALS["decade_monthly"]),
            ("whole contract → monthly chart, right after opening", "decade_first",
             GOALS["decade_monthly"]),
            ("          … the table there too", "decade_first_table", 99.0))
    if old_copy is not None:
        rows += (("without day summary: monthly chart right after opening", "decade_old_first",
                  GOALS["decade_monthly"]),
                 ("          … the table there too", "decade_old_first_table", 99.0),
                 ("          … opened again (day sums cached)", "decade_old_cached",
                  GOALS["decade_monthly"]),
                 ("          … the table there too", "decade_old_cached_table", 99.0))
    for label, key, goal in rows:
        stall = f";  longest stall {stalls[key]:5.1f} ms" if key in stalls else ""
        route = f" [{routes[key.removesuffix('_first')]}]" \
            if key.removesuffix("_first") in routes else ""
        verdict = "" if goal > 50 else \
            f"  goal < {goal:.0f} s: {'met' if figures[key] < goal else 'NOT met'}"
        print(f"{label:<56} {figures[key]:6.2f} s{verdict}{route}{stall}")
    print(f"{'(choosing contract and database)':<52} longest stall {stalls['choose']:5.1f} ms")
    reopened = [stalls[k] for k in ("reopen", "reopen_old", "reopen_old2") if k in stalls]
    print(f"{'(opening the archive again, then its contract)':<52} longest stall "
          f"{max(reopened, default=0.0):5.1f} ms")
    print(f"the chart process's thread had the CSV read {figures['columns_after_open']:.1f} s "
          f"after opening (waited {figures['columns_wait']:.1f} s for it after the two years; "
          f"longest stall meanwhile {stalls['columns']:.1f} ms)")
    print(f"baseline in this run: 1 year the old way (objects on the worker thread, charts "
          f"drawn in the GUI's process) {figures['year_old_way']:.2f} s = "
          f"{figures['year_old_way'] / figures['year_warm']:.1f} x the new way")
    print(f"timer idle jitter : {summary(baseline)}")
    print(f"new way (steps 1-3): {summary(stall_new)}")
    print(f"old way (1 year)   : {summary(stall_old)}")
    print(f"longest stall {new_max:.1f} ms = {new_max / floor:.1f} x the idle jitter; the "
          f"old way {old_max:.1f} ms ({old_max / max(new_max, 1.0):.1f} x the new); goal < "
          f"{GOALS['stall_ms']:.0f} ms: {'met' if new_max < GOALS['stall_ms'] else 'NOT met'}")
    print(f"peak RSS of the GUI process: {gui_rss_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
