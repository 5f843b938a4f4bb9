"""`verify FILE.zip` streams (issue 16) and stays bounded (issue 13).

Each database is read row by row into compact columns (``ChannelSeries``) and a billing
period gets reading objects only for its own window; the verdicts must be exactly those of
the object path (a source that only offers ``readings``). The limits (readings per database
CSV, size of ``--device``/``--supplier`` files, regular files only) end as a finding or a
usage error, never a traceback.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from trudi_py.archive import bounded
from trudi_py.archive import reader as reader_module
from trudi_py.archive.integrity import check_archive
from trudi_py.archive.reader import ArchiveSource, micros_z
from trudi_py.archive.summary import parse_z
from trudi_py.cli import main
from trudi_py.model import ChannelReadings, Reading
from trudi_py.model.series import ChannelSeries, micros
from trudi_py.model.times import OFFSET_CACHE_HOURS, berlin_offset, berlin_offset_of_hour
from trudi_py.verify.archive_report import verify_source

T0 = datetime(2026, 3, 1, tzinfo=UTC)


class ReadingsOnly:
    """The archive as a plain DataSource (no ``series``): the object path of before."""

    def __init__(self, source: ArchiveSource) -> None:
        self._source = source

    def gateway_info(self):  # type: ignore[no-untyped-def]
        return self._source.gateway_info()

    def usage_points(self):  # type: ignore[no-untyped-def]
        return self._source.usage_points()

    def usage_point_info(self, upid: str):  # type: ignore[no-untyped-def]
        return self._source.usage_point_info(upid)

    def readings(self, upid: str, database: str, start: datetime, end: datetime
                 ) -> list[ChannelReadings]:
        return self._source.readings(upid, database, start, end)


def test_streamed_verdicts_equal_the_object_path(two_consumer_archive: Path) -> None:
    integrity = check_archive(two_consumer_archive)
    with ArchiveSource(two_consumer_archive) as source:
        streamed = verify_source(source, integrity).to_dict()
        objects = verify_source(ReadingsOnly(source), integrity).to_dict()  # type: ignore[arg-type]
    assert streamed == objects
    assert any(v["outcome"] == "right" for v in streamed["verdicts"])
    assert streamed["reading-signatures"]["present"] > 1000


def test_series_hold_the_same_readings_as_records(two_consumer_archive: Path) -> None:
    with ArchiveSource(two_consumer_archive) as source:
        point = source.usage_points()[0]
        for db in source.usage_point_info(point.usage_point_id).databases:
            records = source.readings(point.usage_point_id, db.name, T0 - timedelta(days=999),
                                      T0 + timedelta(days=999))
            series = source.series(point.usage_point_id, db.name)
            assert [s.obis for s in series] == [c.obis for c in records]
            for s, c in zip(series, records, strict=True):
                window = s.window()
                assert len(window.readings) == len(c.readings) > 0
                for a, b in zip(window.readings, c.readings, strict=True):
                    assert (a.target_time, a.capture_time, a.value, a.cosem_status,
                            a.smgw_status, a.meter_status) == \
                           (b.target_time, b.capture_time, b.value, b.cosem_status,
                            b.smgw_status, b.meter_status)
                assert s.signed == sum(1 for r in c.readings if r.signature)


def _reading(minutes: int, value: str, signature: str | None = None) -> Reading:
    t = T0 + timedelta(minutes=minutes)
    return Reading(t, t, value, "a0000000", "", "", "", signature)


def test_series_sorts_stably_keeps_big_values_exact_and_windows() -> None:
    huge = str(2 ** 70 + 1)
    channel = ChannelReadings("0100010800ff", "m", (
        _reading(30, "3", "s"), _reading(0, "1"), _reading(15, huge), _reading(15, "9")))
    s = ChannelSeries.from_readings(channel)
    assert [r.value for r in s.window().readings] == ["1", huge, "9", "3"]
    assert s.value_at(T0 + timedelta(minutes=15)) == 9  # the last of equal times, like a dict
    assert s.value_at(T0 + timedelta(minutes=5)) is None
    assert s.signed == 1 and len(s) == 4
    part = s.between(T0 + timedelta(minutes=15), T0 + timedelta(minutes=15))
    assert [r.value for r in part.window().readings] == [huge, "9"] and part.signed == 0
    assert s.last_target == T0 + timedelta(minutes=30)


@pytest.mark.parametrize("text", ["2026-03-29T01:15:00Z", "1999-12-31T23:59:59Z",
                                  "2026-03-01T00:15:00", "2026-03-01T00:15:00.5Z"])
def test_csv_time_fast_path_equals_the_parser(text: str) -> None:
    assert micros_z(text) == micros(parse_z(text))


@pytest.mark.parametrize("text", ["2026-13-01T00:00:00Z", "2026-03-01T24:00:00Z",
                                  "2026-03-01T00:60:00Z", "2026-03-01T00:00:6xZ", "garbage"])
def test_csv_time_fast_path_refuses_what_the_parser_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        micros_z(text)


def test_one_bounded_berlin_offset_cache() -> None:
    assert berlin_offset_of_hour.cache_info().maxsize == OFFSET_CACHE_HOURS
    spring = int(datetime(2026, 3, 29, 1, tzinfo=UTC).timestamp())  # 03:00 CEST
    assert berlin_offset(spring - 1) == 3600 and berlin_offset(spring) == 7200


@pytest.mark.parametrize("doc", [b'["' + b"[" * 40 + b'"]', b"[" * 40 + b"]" * 40,
                                 b'["\\"' + b"[" * 40 + b'"]', b'["a", "b' + b"[" * 40,
                                 b'{"a": [1, 2, {"b": "}}}"}]}'])
def test_json_shape_fast_path_equals_the_scanner(doc: bytes) -> None:
    slow = bounded._STRING.sub(b'""', doc).translate(None, bounded._BRACKETS)
    depth, deepest = 0, 0
    for byte in slow:
        depth += 1 if byte in b"[{" else -1
        deepest = max(deepest, depth)
    expected = f"JSON nested deeper than {bounded.MAX_JSON_DEPTH} levels" \
        if deepest > bounded.MAX_JSON_DEPTH else None
    assert bounded.json_shape_problem(doc) == expected


def test_database_over_the_reading_limit_is_a_finding(two_consumer_archive: Path, capsys,
                                                     monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(reader_module, "MAX_SERIES_READINGS", 50)
    code = main(["verify", "--json", str(two_consumer_archive)])
    out, _ = capsys.readouterr()
    assert code == 7
    finding = next(f for f in json.loads(out)["findings"]
                   if f["code"] == "archive-not-readable")
    assert "more than 50 readings" in finding["message"] and ".csv, line 52" in \
        finding["message"]


def test_oversized_device_file_is_a_usage_error(tmp_path: Path, capsys,
                                                monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from trudi_py.verify import inputfile
    monkeypatch.setitem(inputfile.LIMITS, "device", 1000)
    device, supplier = tmp_path / "device.xml", tmp_path / "supplier.xml"
    device.write_bytes(b"<x>" + b" " * 2000 + b"</x>")
    supplier.write_bytes(b"<x/>")
    code = main(["verify", "--device", str(device), "--supplier", str(supplier)])
    err = capsys.readouterr().err
    assert code == 2 and "larger than" in err and "Traceback" not in err


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are a POSIX thing")
def test_fifo_as_supplier_file_is_refused_without_hanging(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    device, fifo = tmp_path / "device.xml", tmp_path / "fifo.xml"
    device.write_bytes(b"<x/>")
    os.mkfifo(fifo)
    code = main(["verify", "--device", str(device), "--supplier", str(fifo)])
    err = capsys.readouterr().err
    assert code == 2 and "not a regular file" in err


def test_a_period_too_long_for_memory_is_not_recomputed(two_consumer_archive: Path, capsys,
                                                        monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A crafted billing period of many years never becomes millions of reading objects: over
    the limit it is named as not recomputed (exit 7), and no window is built."""
    from trudi_py.verify import gateway_check, origin
    monkeypatch.setattr(gateway_check, "MAX_PERIOD_READINGS", 100)
    built: list[int] = []
    real_window = origin.OriginList.window

    def counting_window(self, start, end):  # type: ignore[no-untyped-def]
        built.append(self.window_size(start, end))
        return real_window(self, start, end)

    monkeypatch.setattr(origin.OriginList, "window", counting_window)
    code = main(["verify", "--json", str(two_consumer_archive)])
    out, _ = capsys.readouterr()
    assert code in (0, 7)  # not recomputed: "not checkable" (TAF-1) or "not computable"
    assert out.count('"period-too-long"') >= 10  # named per period, never silently passed
    assert '"right"' not in json.dumps([v for v in json.loads(out)["verdicts"]
                                        if "TAF-1" in json.dumps(v)])
    assert all(size <= 100 for size in built)  # only small windows became objects
