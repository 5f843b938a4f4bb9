"""The archive's column store (``columns/<up>/<db>/<year>.bin``, issue 16): a database's
readings per UTC year as binary columns, written beside its CSV; every range read from it
equals the CSV's columns (one and three years, ranges across New Year); verify compares
each member with the readings and flags an edited, malformed or missing one; an archive
without it still verifies and reads its CSV."""

from __future__ import annotations

import hashlib
import json
import zipfile
from array import array
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from helpers import without_members

from trudi_py.archive.colstore import (
    MAGIC,
    ColumnsError,
    columns_years,
    decode_year,
    encode_year,
    merge_years,
    year_members,
)
from trudi_py.archive.reader import ArchiveSource
from trudi_py.model.series import ChannelSeries, micros

FAR_PAST, FAR_FUTURE = datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC)


def _databases(path: Path) -> list[tuple[str, str]]:
    with zipfile.ZipFile(path) as zf:
        return sorted({(n.split("/")[1], n.split("/")[2]) for n in zf.namelist()
                       if n.startswith("columns/")})


def _content(series: list[ChannelSeries]) -> list[tuple]:
    """Everything a reader of the columns sees (status words, not table positions)."""
    return [(s.obis, s.meter_id if len(s) else None, list(s.targets), list(s.captures),
             list(s.values), [s.status_table[i] for i in s.status_index],
             list(s.signed_flags)) for s in series]


def _assert_equal_to_csv(path: Path) -> int:
    """Every database: the whole range and the weeks around each New Year equal the CSV's
    columns; returns how many ranges were compared."""
    compared = 0
    with ArchiveSource(path) as src:
        databases = _databases(path)
        assert {db for _up, db in databases} >= {"origin", "daily", "calculated", "derived"}
        for upid, db in databases:
            whole = src.series(upid, db)
            assert _content(src.stored_series(upid, db, FAR_PAST, FAR_FUTURE)) == \
                _content(whole)
            years = sorted(src.column_years(upid, db))
            for year in range(years[0], years[-1] + 2):
                start = datetime(year, 1, 1, tzinfo=UTC) - timedelta(days=20)
                end = start + timedelta(days=40)
                assert _content(src.stored_series(upid, db, start, end)) == \
                    _content(src.series(upid, db, start, end)), (upid, db, year)
                compared += 1
            before = src.stored_series(upid, db, FAR_PAST, FAR_PAST + timedelta(days=1))
            assert before is not None and _content(before) == \
                _content(src.series(upid, db, FAR_PAST, FAR_PAST + timedelta(days=1)))
    return compared


def test_one_year_reads_as_the_csv(household_archive: Path) -> None:
    assert _assert_equal_to_csv(household_archive) >= 10


def test_three_years_read_as_the_csv(three_years: Path) -> None:
    assert _assert_equal_to_csv(three_years) >= 20
    with zipfile.ZipFile(three_years) as zf:
        years = columns_years(zf.namelist(), *next(
            d for d in _databases(three_years) if d[1] == "origin"))
        csv_size = sum(i.compress_size for i in zf.infolist() if i.filename.startswith(
            "readings/"))
        store_size = sum(i.compress_size for i in zf.infolist() if i.filename.startswith(
            "columns/"))
    assert sorted(years) == list(range(min(years), max(years) + 1)) and len(years) >= 4
    assert store_size < csv_size  # the store costs less than the CSV it mirrors


def _findings(path: Path, prefix: str = "columns-") -> tuple[bool, list]:
    from trudi_py.archive.integrity import check_archive
    report = check_archive(path, {})
    return report.ok, [p for p in report.problems if p.code.startswith(prefix)]


def _edited(src: Path, dst: Path, edit, year_index: int = 1,  # noqa: ANN001
            manifest_agrees: bool = True) -> str:
    """Copy the archive with one origin column store member passed through ``edit`` (None:
    dropped); the manifest made to agree unless ``manifest_agrees`` is False."""
    with zipfile.ZipFile(src) as zin:
        data = {i.filename: zin.read(i) for i in zin.infolist()}
    upid, db = next(d for d in _databases(src) if d[1] == "origin")
    target = sorted(columns_years(data, upid, db).values())[year_index]
    new = edit(data[target])
    manifest = json.loads(data["manifest.json"])
    files = [f for f in manifest["files"] if f["path"] != target] if manifest_agrees \
        else manifest["files"]
    if new is None:
        del data[target]
    else:
        data[target] = new
        if manifest_agrees:
            files.append({"path": target, "bytes": len(new),
                          "sha256": hashlib.sha256(new).hexdigest()})
    manifest["files"] = files
    data["manifest.json"] = json.dumps(manifest, indent=2).encode()
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout:
        for name, body in data.items():
            zout.writestr(name, body)
    return target


def _year_of(name: str) -> int:
    return int(name.rsplit("/", 1)[1][:4])


def test_verify_accepts_the_store_as_written(three_years: Path) -> None:
    ok, found = _findings(three_years)
    assert ok and found == []


def test_verify_flags_an_edited_value(three_years: Path, tmp_path: Path) -> None:
    def plus_one(data: bytes) -> bytes:
        year = decode_year(data, _year_of(target_name[0]))
        year[0].values[100] += 1
        return encode_year(_year_of(target_name[0]), year)
    with zipfile.ZipFile(three_years) as zf:
        upid, db = next(d for d in _databases(three_years) if d[1] == "origin")
        target_name = [sorted(columns_years(zf.namelist(), upid, db).values())[1]]
    out = tmp_path / "edited.zip"
    target = _edited(three_years, out, plus_one)
    ok, found = _findings(out)
    assert not ok and [(f.code, f.path) for f in found] == [("columns-mismatch", target)]
    with ArchiveSource(out) as src:
        obis = src.series(upid, db)[0].obis
    assert obis in found[0].message and "differ" in found[0].message
    assert "weicht" in found[0].text("de")


def test_verify_flags_a_malformed_member_and_the_gui_reads_around_it(
        three_years: Path, tmp_path: Path) -> None:
    out = tmp_path / "malformed.zip"
    target = _edited(three_years, out, lambda data: data[:-5])
    ok, found = _findings(out)
    assert not ok and [(f.code, f.path) for f in found] == [("columns-invalid", target)]
    assert "cannot be read" in found[0].message
    upid, db = next(d for d in _databases(out) if d[1] == "origin")
    year = _year_of(target)
    with ArchiveSource(out) as src:  # that year from the CSV instead, the others stored
        inside = datetime(year, 6, 1, tzinfo=UTC), datetime(year, 6, 30, tzinfo=UTC)
        assert src.stored_series(upid, db, *inside) is None
        later = datetime(year + 1, 6, 1, tzinfo=UTC), datetime(year + 1, 6, 30, tzinfo=UTC)
        assert _content(src.stored_series(upid, db, *later)) == \
            _content(src.series(upid, db, *later))


def test_verify_flags_a_missing_year(three_years: Path, tmp_path: Path) -> None:
    out = tmp_path / "gap.zip"
    target = _edited(three_years, out, lambda _data: None)
    ok, found = _findings(out)
    assert not ok and [(f.code, f.path) for f in found] == [("columns-mismatch", target)]
    assert "missing" in found[0].message
    upid, db = next(d for d in _databases(out) if d[1] == "origin")
    year = _year_of(target)
    with ArchiveSource(out) as src:
        assert src.stored_series(upid, db, datetime(year - 1, 12, 1, tzinfo=UTC),
                                 datetime(year, 1, 31, tzinfo=UTC)) is None


def test_a_member_that_differs_from_the_manifest_is_not_used(
        household_archive: Path, tmp_path: Path) -> None:
    """Edited without the manifest knowing: the GUI reads the CSV; verify reports the
    digest (its own check), no column store finding on top of it."""
    out = tmp_path / "tampered.zip"
    target = _edited(household_archive, out, lambda data: data[:-1] + bytes([data[-1] ^ 1]),
                     year_index=0, manifest_agrees=False)
    upid, db = next(d for d in _databases(out) if d[1] == "origin")
    year = _year_of(target)
    with ArchiveSource(out) as src:
        assert src.stored_series(upid, db, datetime(year, 12, 1, tzinfo=UTC),
                                 datetime(year, 12, 31, tzinfo=UTC)) is None
    from trudi_py.archive.integrity import check_archive
    report = check_archive(out, {})
    assert not report.ok and any(p.path == target for p in report.problems)


def test_an_archive_without_the_store_still_verifies(household_archive: Path,
                                                     tmp_path: Path) -> None:
    old = without_members(household_archive, tmp_path / "old.zip", "columns/")
    ok, found = _findings(old)
    assert ok and found == []
    upid, db = _databases(household_archive)[0]
    with ArchiveSource(old) as src:
        assert not src.has_column_store() and src.column_years(upid, db) == {}
        assert src.stored_series(upid, db, FAR_PAST, FAR_FUTURE) is None
        assert len(src.series(upid, db)) > 0


def _series(obis: str = "0100010800ff", values: list[int] | None = None) -> ChannelSeries:
    start = micros(datetime(2025, 12, 31, 23, 0, tzinfo=UTC))
    n = 8
    vals = values if values is not None else [1000 + 5 * i for i in range(n)]
    return ChannelSeries(obis, "1EMH0001", array("q", [start + 900_000_000 * i for i in
                                                         range(n)]),
                         array("q", [start + 900_000_000 * i + 7 for i in range(n)]),
                         array("q", vals) if values is None else vals,
                         array("I", [0, 0, 1, 0, 0, 0, 1, 0]),
                         [("0", "a", "b"), ("8", "a,b", "c\n")],
                         array("B", [1, 0, 1, 0, 1, 0, 1, 0]))


def test_round_trip_across_new_year_and_merge() -> None:
    members = year_members("up", "origin", [_series(), _series("0100020800ff")])
    assert [name for name, _ in members] == ["columns/up/origin/2025.bin",
                                             "columns/up/origin/2026.bin"]
    parts = [decode_year(data, _year_of(name)) for name, data in members]
    assert [len(s) for s in parts[0]] == [4, 4] and [len(s) for s in parts[1]] == [4, 4]
    assert _content(merge_years(parts)) == _content([_series(), _series("0100020800ff")])


def test_values_beyond_64_bits_give_no_store() -> None:
    assert year_members("up", "origin", [_series(values=[2 ** 70] * 8)]) == []


def _good() -> bytes:
    return year_members("up", "origin", [_series()])[0][1]


def _with_header(change) -> bytes:  # noqa: ANN001
    data = _good()
    end = data.index(b"\n", len(MAGIC))
    header = json.loads(data[len(MAGIC):end])
    change(header)
    return MAGIC + json.dumps(header).encode() + data[end:]


@pytest.mark.parametrize(("data", "reason"), [
    (b"PK\x03\x04", "not a column store"),
    (MAGIC + b"{", "no header"),
    (MAGIC + b"{]\n", "header"),
    (_good()[:-3], "fewer bytes"),
    (_good() + b"\x00", "bytes after"),
    (_with_header(lambda h: h.update(year=2024)), "not of the form"),
    (_with_header(lambda h: h["channels"].append(h["channels"][0])), "twice"),
    (_with_header(lambda h: h["channels"][0].update(readings=-1)), "not of the form"),
    (_with_header(lambda h: h["channels"][0].update({"status-table": [["0", "a"]]})),
     "not of the form"),
    (_with_header(lambda h: h["channels"][0]["status-table"].pop()), "out of range"),
])
def test_a_malformed_member_is_refused(data: bytes, reason: str) -> None:
    with pytest.raises(ColumnsError, match=reason):
        decode_year(data, 2025)


def test_times_outside_the_year_and_flags_other_than_0_1_are_refused() -> None:
    s = _series()
    with pytest.raises(ColumnsError, match="inside the year"):
        decode_year(encode_year(2025, [s]), 2025)  # four readings are in 2026
    cut = ChannelSeries(s.obis, s.meter_id, s.targets[:4], s.captures[:4], s.values[:4],
                        s.status_index[:4], s.status_table, array("B", [0, 2, 0, 0]))
    with pytest.raises(ColumnsError, match="out of range"):
        decode_year(encode_year(2025, [cut]), 2025)
    backwards = ChannelSeries(s.obis, s.meter_id, s.targets[3::-1], s.captures[:4],
                              s.values[:4], s.status_index[:4], s.status_table,
                              s.signed_flags[:4])
    with pytest.raises(ColumnsError, match="inside the year"):
        decode_year(encode_year(2025, [backwards]), 2025)
