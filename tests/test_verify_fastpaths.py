"""The fast paths of ``verify FILE.zip`` (issue 16) give exactly what the exact ways give.

- ``encode_rows`` joins plain rows itself: byte-equal to the csv writer for any cells;
- the integrity check proves a readings CSV equal to ``raw/`` by per-channel digests of its
  byte stream; a CSV in another order is still compared row by row (no false alarm), a
  changed byte is still found and named by channel;
- the columns the integrity check hands over equal those read from the CSV, and the CSV is
  read block by block into the same columns as row by row.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from hostile_util import rewrite
from hypothesis import given, settings
from hypothesis import strategies as st

from trudi_py.archive.bounded import split_records
from trudi_py.archive.csvformat import encode_rows
from trudi_py.archive.csvseries import ProvenSeries, SeriesReader
from trudi_py.archive.integrity import check_archive
from trudi_py.archive.reader import ArchiveSource
from trudi_py.model.series import ChannelSeries

CELL = st.text(alphabet=st.sampled_from(list('ab1,"\n\r -=+@\t\'\x00ü')), max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(CELL, min_size=1, max_size=5), max_size=6))
def test_encode_rows_equals_the_csv_writer(rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    assert encode_rows(rows) == buffer.getvalue().encode("utf-8")
    assert encode_rows(iter(rows)) == buffer.getvalue().encode("utf-8")


def _readings_csv(names: list[str]) -> str:
    return next(n for n in sorted(names) if n.startswith("readings/")
                and n.endswith("/origin.csv"))


def _columns(series: list[ChannelSeries]) -> list[tuple]:
    return [(s.obis, s.meter_id, list(s.targets), list(s.captures), list(s.values),
             [s.status_table[i] for i in s.status_index], list(s.signed_flags))
            for s in series]


def _codes(path: Path) -> dict[str, set[str | None]]:
    out: dict[str, set[str | None]] = {}
    for p in check_archive(path).problems:
        out.setdefault(p.code, set()).add(p.path)
    return out


def test_csv_in_another_row_order_is_compared_row_by_row(two_consumer_archive: Path,
                                                         tmp_path: Path) -> None:
    """Channels interleaved (each channel's rows still in order): the digests of the blocks
    cannot prove equality, the row-by-row comparison finds the same rows: no csv-mismatch
    (only the manifest hash of the rewritten member differs)."""
    with zipfile.ZipFile(two_consumer_archive) as zf:
        name = _readings_csv(zf.namelist())
        lines = zf.read(name).decode().splitlines(keepends=True)
    header, rows = lines[0], lines[1:]
    by_channel: dict[str, list[str]] = {}
    for row in rows:
        by_channel.setdefault(row.split(",")[0], []).append(row)
    assert len(by_channel) >= 2, "the scenario's origin database has several channels"
    mixed = [row for group in zip(*by_channel.values(), strict=False) for row in group]
    mixed += [row for group in by_channel.values()
              for row in group[min(map(len, by_channel.values())):]]
    assert sorted(mixed) == sorted(rows) and mixed != rows
    bad = tmp_path / "mixed.zip"
    rewrite(two_consumer_archive, bad, lambda n, d: [(n, (header + "".join(mixed)).encode()
                                                         if n == name else d)])
    codes = _codes(bad)
    assert "csv-mismatch" not in codes and codes.get("hash-mismatch") == {name}


def test_a_changed_byte_in_a_channel_is_named(two_consumer_archive: Path,
                                             tmp_path: Path) -> None:
    with zipfile.ZipFile(two_consumer_archive) as zf:
        name = _readings_csv(zf.namelist())
        text = zf.read(name).decode()
    lines = text.splitlines(keepends=True)
    last = lines[-1].split(",")
    last[4] = str(int(last[4]) + 1)  # the last channel's last value
    changed = "".join(lines[:-1]) + ",".join(last)
    bad = tmp_path / "changed.zip"
    rewrite(two_consumer_archive, bad, lambda n, d: [(n, changed.encode() if n == name
                                                      else d)])
    problems = [p for p in check_archive(bad).problems if p.code == "csv-mismatch"]
    assert len(problems) == 1 and problems[0].path == name
    assert f"channel {last[0]} differs" in problems[0].message


def test_proven_columns_equal_the_csv(two_consumer_archive: Path) -> None:
    proven: ProvenSeries = {}
    assert check_archive(two_consumer_archive, proven).ok
    assert proven, "a clean archive: every readings CSV is proven"
    with ArchiveSource(two_consumer_archive) as source:
        for (upid, db), series in proven.items():
            assert _columns(series) == _columns(source.series(upid, db)), (upid, db)


def test_no_columns_are_handed_over_for_a_changed_csv(two_consumer_archive: Path,
                                                     tmp_path: Path) -> None:
    with zipfile.ZipFile(two_consumer_archive) as zf:
        name = _readings_csv(zf.namelist())
    bad = tmp_path / "changed.zip"
    rewrite(two_consumer_archive, bad, lambda n, d: [(n, d.replace(b",a", b",b", 1)
                                                      if n == name else d)])
    proven: ProvenSeries = {}
    check_archive(bad, proven)
    database = name.split("/")[1], name.split("/")[2].removesuffix(".csv")
    assert database not in proven and proven  # the other databases still are


def test_block_reading_equals_row_by_row(two_consumer_archive: Path, tmp_path: Path) -> None:
    """A CSV whose middle rows need the exact path (a quoted cell) gives the same columns
    as reading every row one by one."""
    with zipfile.ZipFile(two_consumer_archive) as zf:
        name = _readings_csv(zf.namelist())
        lines = zf.read(name).decode().splitlines(keepends=True)
    middle = len(lines) // 2
    cells = lines[middle].rstrip("\n").split(",")
    cells[11] = '"owner, with comma"'
    lines[middle] = ",".join(cells) + "\n"
    body = "".join(lines[1:]) * 40  # > 1 MiB: several blocks, some fast, one not
    path = tmp_path / "quoted.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(name, lines[0] + body)
    with zipfile.ZipFile(path) as zf:
        fast = SeriesReader(zf, name, 10**7).read()
        exact = SeriesReader(zf, name, 10**7)
        exact._slow(iter([body]))
        slow = [exact.builders[obis].finish() for obis in sorted(exact.builders)]
    assert len(body) > 2 * 1024 * 1024 and sum(map(len, fast)) == 40 * (len(lines) - 1)
    assert _columns(fast) == _columns(slow)
    owners = [fields[11] for _, fields in split_records(iter(lines[1:]))]
    assert "owner, with comma" in owners
