"""A range of readings from the archive's ``raw/`` answers (the GUI's first range right after
opening, issue 16): exactly the columns, table and chart data the CSV gives, on an archive
the simulator made over TLS; a damaged, missing or odd answer falls back to the CSV or still
gives the same readings, never fewer."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from trudi_py.archive.csvformat import window_rows
from trudi_py.archive.csvseries import ColumnBuilder, micros_column
from trudi_py.archive.rawseries import (
    RawIndex,
    _take_canonical,
    _take_rows,
    int_column,
    utc_micros,
)
from trudi_py.archive.reader import ArchiveSource
from trudi_py.gui import archive_worker
from trudi_py.gui.background_read import in_foreground
from trudi_py.model.series import NO_TIME, ChannelSeries

TAF7 = "7"


@pytest.fixture(scope="module")
def archive(archive_before_columns: Path) -> Path:
    """The household's archive without its column store (made once per session,
    tests/conftest.py): ranges from raw/ and the CSV; read only."""
    return archive_before_columns


def _taf7(path: Path) -> str:
    with ArchiveSource(path) as source:
        return next(p.usage_point_id for p in source.usage_points() if p.taf == TAF7)


def _content(series: list[ChannelSeries]) -> list[tuple]:
    """Everything a series says, status words resolved (their table order may differ)."""
    return [(s.obis, s.meter_id, s.targets.tolist(), s.captures.tolist(), list(s.values),
             [s.status_table[i] for i in s.status_index], s.signed_flags.tolist())
            for s in series]


def _ranges(path: Path, upid: str) -> list[tuple[datetime, datetime]]:
    """A month inside, a range starting and one ending exactly on window bounds, a week
    across a bound, a range past the last reading."""
    with zipfile.ZipFile(path) as zf:
        index = RawIndex.read(zf)
    windows = index.windows[(upid, "origin")]
    assert len(windows) >= 6 and index.covers(upid, "origin")
    w = windows[len(windows) // 2]
    assert w.after is not None and w.until is not None
    last = windows[-1].until
    assert last is not None
    return [(w.after + timedelta(days=3), w.after + timedelta(days=33)),
            (w.after, w.until), (w.until, w.until + timedelta(days=40)),
            (w.until - timedelta(days=3), w.until + timedelta(days=4)),
            (last - timedelta(days=20), last + timedelta(days=300))]


def test_raw_route_gives_the_csv_columns(archive: Path) -> None:
    upid = _taf7(archive)
    with ArchiveSource(archive) as source:
        full = source.series(upid, "origin")
        assert sum(map(len, full)) > 30000
        for start, end in _ranges(archive, upid):
            raw = source.raw_series(upid, "origin", start, end)
            assert raw is not None, (start, end)
            assert _content(raw) == _content([s.between(start, end) for s in full])
        # the whole database is dearer from raw/ than from the CSV: not taken at that share
        first, last = full[0].targets[0], full[0].targets[-1]
        whole = (datetime.fromtimestamp(first / 1e6, UTC),
                 datetime.fromtimestamp(last / 1e6, UTC))
        assert source.raw_series(upid, "origin", *whole, max_share=1 / 3) is None
        assert source.raw_series(upid, "origin", *whole) is not None
        # no answer before the first reading: the CSV's (empty) channels, not none at all
        assert source.raw_series(upid, "origin", datetime(2000, 1, 1, tzinfo=UTC),
                                 datetime(2000, 2, 1, tzinfo=UTC)) is None


@pytest.fixture
def worker() -> Iterator[None]:
    yield
    archive_worker.release()


def _served_from_raw(path: Path, upid: str, start: datetime,
                     end: datetime) -> archive_worker.ArchiveWindow:
    """load_window right after prefetch, the CSV read held before its first block (as the
    chart process runs every task: the reader paused)."""
    def both() -> archive_worker.ArchiveWindow:
        archive_worker.prefetch(path, upid, "origin")
        return archive_worker.load_window(path, upid, "origin", start, end)
    return in_foreground(both)


def _same_window(a: archive_worker.ArchiveWindow, b: archive_worker.ArchiveWindow) -> None:
    assert a.table.count == b.table.count > 0
    assert [a.table.row(i) for i in range(a.table.count)] == \
        [b.table.row(i) for i in range(b.table.count)]
    assert a.table.notable == b.table.notable and a.table.tariff_names == b.table.tariff_names
    assert a.chart.resolution == b.chart.resolution
    assert a.chart.zones == b.chart.zones and a.chart.zone_source == b.chart.zone_source
    for s, t in zip(a.chart.series, b.chart.series, strict=True):
        assert s.obis == t.obis
        for name in ("edges", "power_w", "days", "day_kwh", "months", "month_kwh"):
            assert np.array_equal(getattr(s, name), getattr(t, name)), name


def test_chart_process_first_range_from_raw_equals_the_csv_range(archive: Path,
                                                                 worker: None) -> None:
    """The chart process answers the first range from raw/ while its thread reads the CSV;
    table and chart data equal those from the CSV's columns read afterwards."""
    upid = _taf7(archive)
    start, end = _ranges(archive, upid)[0]
    first = _served_from_raw(archive, upid, start, end)
    assert first.route == "raw"
    assert archive_worker.wait_for_columns(archive, upid, "origin") > 30000
    again = archive_worker.load_window(archive, upid, "origin", start, end)
    assert again.route == "columns"
    _same_window(first, again)


def test_every_range_from_the_recent_raw_columns_or_raw_equals_the_csv(archive: Path,
                                                                      worker: None) -> None:
    """prefetch builds the last year from raw/; ranges inside it are cut from it, older ones
    are built from raw/ on demand: all equal to the CSV's columns."""
    upid = _taf7(archive)
    ranges = _ranges(archive, upid)
    served = [_served_from_raw(archive, upid, start, end) for start, end in ranges]
    assert {w.route for w in served} == {"raw"}
    archive_worker.wait_for_columns(archive, upid, "origin")
    for (start, end), first in zip(ranges, served, strict=True):
        again = archive_worker.load_window(archive, upid, "origin", start, end)
        assert again.route == "columns"
        _same_window(first, again)
    assert archive_worker._opened(archive).recent == {}


def _rewrite(src: Path, dst: Path, change: Callable[[str, bytes], bytes | None]) -> None:
    """A copy of the archive with members changed (None: left out)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info))
            if data is not None:
                zout.writestr(info, data)


def _answer_of(path: Path, upid: str, start: datetime) -> str:
    with zipfile.ZipFile(path) as zf:
        windows = RawIndex.read(zf).windows[(upid, "origin")]
    return next(w.member for w in windows
                if w.after is not None and w.until is not None and w.after < start <= w.until)


@pytest.mark.parametrize("damage", ["garbage", "missing", "meta-missing"])
def test_damaged_or_missing_answer_falls_back_to_the_csv(archive: Path, tmp_path: Path,
                                                         worker: None, damage: str) -> None:
    upid = _taf7(archive)
    start, end = _ranges(archive, upid)[0]
    member = _answer_of(archive, upid, start + timedelta(days=1))
    meta = member.replace(".json", ".meta.json")

    def change(name: str, data: bytes) -> bytes | None:
        if damage == "garbage" and name == member:
            return b'{"readings": {"channels": [{"obis": 7}]}}'
        if damage == "missing" and name == member:
            return None
        if damage == "meta-missing" and name == meta:
            return None
        return data

    damaged = tmp_path / "damaged.zip"
    _rewrite(archive, damaged, change)
    with ArchiveSource(damaged) as source:
        assert source.raw_series(upid, "origin", start, end) is None
        expected = _content([s.between(start, end) for s in source.series(upid, "origin")])
    served = _served_from_raw(damaged, upid, start, end)
    assert served.route == "csv"
    got = _content([served.table.series[i] for i in range(len(served.table.series))])
    assert got == expected and sum(len(s[2]) for s in got) > 2000


def test_answer_in_another_form_goes_the_integrity_checks_way(archive: Path,
                                                             tmp_path: Path) -> None:
    """An answer with its times as ``+01:00`` offsets (the field sends both forms) is not
    taken by the fast decoder; the integrity check's row derivation gives the same readings
    as the CSV (written from the same answer)."""
    upid = _taf7(archive)
    start, end = _ranges(archive, upid)[0]
    member = _answer_of(archive, upid, start + timedelta(days=1))

    def offset(text: str) -> str:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return moment.astimezone(UTC).replace(tzinfo=None).isoformat() + "+00:00" \
            if moment.hour % 2 else \
            (moment + timedelta(hours=1)).replace(tzinfo=None).isoformat() + "+01:00"

    def change(name: str, data: bytes) -> bytes | None:
        if name != member:
            return data
        doc = json.loads(data)
        for channel in doc["readings"]["channels"]:
            for r in channel["readings"]:
                r["target-time"] = offset(r["target-time"])
        return json.dumps(doc).encode()

    odd = tmp_path / "offsets.zip"
    _rewrite(archive, odd, change)
    with ArchiveSource(odd) as source:
        raw = source.raw_series(upid, "origin", start, end)
        assert raw is not None
        assert _content(raw) == _content([s.between(start, end)
                                          for s in source.series(upid, "origin")])


def test_fast_columns_equal_the_row_derivation(archive: Path) -> None:
    """An answer the fast decoder takes gives, built straight into columns, what the
    integrity check's row derivation gives: values beyond 64 bits, one status for every
    reading and several, unsigned readings."""
    upid = _taf7(archive)
    start, _end = _ranges(archive, upid)[0]
    member = _answer_of(archive, upid, start + timedelta(days=1))
    with zipfile.ZipFile(archive) as zf:
        window = next(w for w in RawIndex.read(zf).windows[(upid, "origin")]
                      if w.member == member)
        doc = json.loads(zf.read(member))
    first, second = doc["readings"]["channels"][:2]
    for i, r in enumerate(first["readings"]):  # one status throughout, some wide values
        r["cosem-status"], r["smgw-status"], r["meter-status"] = "a0", "b1", "c2"
        if i % 5 == 0:
            r["value"] = str(2 ** 63 + i) if i % 10 else "9" * 19
        if i % 7 == 0:
            r.pop("signature", None)
    for i, r in enumerate(second["readings"]):  # three statuses, as they come
        r["meter-status"] = ("00", "0f", "ff")[i % 3]
    data = json.dumps(doc).encode()
    with ArchiveSource(archive) as source:
        meta = {c.obis: c for c in source.usage_point_info(upid).database("origin").channels}
    fast: dict[str, ColumnBuilder] = {}
    rows: dict[str, ColumnBuilder] = {}
    assert _take_canonical(data, window, fast) == _take_rows(
        window_rows(data, meta, window.after, window.until), rows) > 2000
    assert _content([b.finish() for b in fast.values()]) == \
        _content([b.finish() for b in rows.values()])
    assert isinstance(fast[first["obis"]].series.values, list)  # exact Python integers
    assert len(fast[second["obis"]].series.status_table) >= 3


def test_an_archive_without_raw_answers_reads_the_csv(archive: Path, tmp_path: Path) -> None:
    upid = _taf7(archive)
    start, end = _ranges(archive, upid)[0]
    bare = tmp_path / "bare.zip"
    _rewrite(archive, bare, lambda name, data: None if name.startswith("raw/") else data)
    with ArchiveSource(bare) as source:
        assert source.raw_series(upid, "origin", start, end) is None
        assert sum(map(len, source.series(upid, "origin", start, end))) > 2000


def test_utc_micros_equals_the_csv_readers_times() -> None:
    base = datetime(2024, 2, 28, 22, 59, 59, tzinfo=UTC)
    texts = [(base + timedelta(minutes=15 * i, seconds=i % 3)).strftime("%Y-%m-%dT%H:%M:%SZ")
             for i in range(3000)]
    assert utc_micros(texts).tolist() == micros_column(texts)
    odd = ["2024-02-29T00:00:00+01:00", "2024-02-29T00:00:00Z"]  # the CSV reader's way
    assert utc_micros(odd).tolist() == micros_column(odd)
    for bad in (["2024-02-30T00:00:00Z"], ["2024-02-29T24:00:00Z"]):
        with pytest.raises(ValueError):
            micros_column(bad)
        with pytest.raises(ValueError):
            utc_micros(bad)
    assert utc_micros([]).tolist() == []


def test_int_column_is_exact_at_and_beyond_64_bits() -> None:
    """numpy parses what fits 64 bits (at most 18 characters); longer texts, 19 digits
    and beyond 2**63, are Python integers (the exact values either way)."""
    texts = ["0", "007", "-12", "999999999999999999", "-99999999999999999", "123456"]
    assert list(int_column(texts)) == [0, 7, -12, 999999999999999999, -99999999999999999,
                                       123456]
    wide = [*texts, "9223372036854775808", "1" * 40]
    assert int_column(wide) == [int(t) for t in wide]
    assert list(int_column([])) == []


# -- the vectorised CSV reading of the chart process ---------------------------------------

def _read_both(zf: zipfile.ZipFile, name: str, limit: int = 2_500_000
               ) -> tuple[object, object]:
    """The member read the string way and with numpy: columns, or the error's message."""
    from trudi_py.archive.csvseries import SeriesReader
    from trudi_py.errors import TrudiError
    out = []
    for vectorised in (False, True):
        try:
            out.append(_content(SeriesReader(zf, name, limit, vectorised=vectorised).read()))
        except TrudiError as exc:
            out.append(str(exc))
    return out[0], out[1]


def test_vectorised_csv_reading_gives_the_same_columns(archive: Path) -> None:
    with zipfile.ZipFile(archive) as zf:
        names = [n for n in zf.namelist() if n.startswith("readings/")]
        assert len(names) >= 3
        for name in names:
            plain, vectorised = _read_both(zf, name)
            assert isinstance(plain, list) and plain == vectorised, name


HEADER = ("obis,meter_id,capture_time,target_time,value,scaler,unit,physical_value,"
          "cosem_status,smgw_status,meter_status,owner_number,signature\n")


def _row(obis: str = "0100010800ff", capture: str = "2026-03-01T00:15:03Z",
         target: str = "2026-03-01T00:15:00Z", value: str = "12345",
         status: str = "00000000,00000000,00000000", signature: str = "") -> str:
    return f"{obis},1EMH0012345678,{capture},{target},{value},-1,30,1234.5,{status},," \
           f"{signature}\n"


@pytest.mark.parametrize("rows", [
    [_row(value="-12"), _row(value="-0"), _row(value="007"), _row(capture=""),
     _row(signature="3045022100ab"), _row(obis="0100020800ff", status="00000002,0,a"),
     _row(), _row(value="999999999999999999")],
    [_row(value="1234567890123456789")],  # 19 digits: the text way
    [_row(value="12_3")], [_row(value="+5")], [_row(value="")], [_row(value="-")],
    [_row(target="0000-01-01T00:00:00Z")], [_row(target="2026-02-30T00:00:00Z")],
    [_row(target="2026-03-01T00:15:00+01:00")], [_row(capture="2026-03-01 00:15:03Z")],
    [_row(status="00000000,00000000,0000000\0")], [_row().replace(",,", ",x,y,")],
])
def test_vectorised_csv_reading_of_odd_rows(tmp_path: Path, rows: list[str]) -> None:
    """Every form the numpy way cannot take exactly goes the text way: same columns, or
    the same message naming the row."""
    path = tmp_path / "odd.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readings/x/origin.csv", HEADER + "".join(rows * 3))
    with zipfile.ZipFile(path) as zf:
        plain, vectorised = _read_both(zf, "readings/x/origin.csv")
    assert plain == vectorised


def test_vectorised_csv_reading_keeps_the_row_limit(tmp_path: Path) -> None:
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readings/x/origin.csv", HEADER + _row() * 50)
    with zipfile.ZipFile(path) as zf:
        plain, vectorised = _read_both(zf, "readings/x/origin.csv", limit=40)
    assert plain == vectorised and "40" in str(plain)


def test_plain_block_is_taken_by_numpy() -> None:
    from trudi_py.archive.csvblock import parse_block
    rows = [_row(value="-12"), _row(capture=""), _row(obis="0100020800ff", value="7"),
            _row(signature="ab")]
    found = parse_block("".join(rows).encode(), 0, 1, 2, 3, 4, (8, 9, 10), 12)
    assert found is not None and found.rows == 4
    assert [(r.obis, r.values, r.signed) for r in found.runs] == [
        ("0100010800ff", [-12, 12345], [False, False]), ("0100020800ff", [7], [False]),
        ("0100010800ff", [12345], [True])]
    assert found.runs[0].captures[1] == NO_TIME
    assert found.runs[0].statuses == ["00000000,00000000,00000000"] * 2


def test_background_reader_preempts_hands_over_and_stops(archive: Path) -> None:
    """A database asked for while another one is being read (that one is put back behind
    it): both are handed over with the CSV's columns; the reader stops when told, also
    while it waits at a closed gate."""
    from trudi_py.gui.background_read import Gate, Reader
    upid = _taf7(archive)
    with ArchiveSource(archive) as source:
        expected = {db: _content(source.series(upid, db)) for db in ("origin", "daily")}
    gate = Gate()
    gate.close()  # a task runs: the reader waits at its first block
    reader = Reader(archive, gate)
    reader.want((upid, "origin"))
    reader.want((upid, "daily"))  # asked last: read first, origin put back
    assert reader.pending((upid, "origin")) and reader.pending((upid, "daily"))
    assert reader.take((upid, "daily")) is None
    assert _content(reader.wait((upid, "daily"))) == expected["daily"]  # gate held open
    gate.open()
    assert _content(reader.wait((upid, "origin"))) == expected["origin"]
    assert not reader.pending((upid, "origin"))
    gate.close()
    reader.want((upid, "origin"))  # read again (handed over already), held at the gate
    reader.stop()
    assert reader._thread is not None and not reader._thread.is_alive()
