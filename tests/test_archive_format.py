"""Archive building blocks without a gateway: rows, Excel copies, gaps, ZIP resume, safety."""

from __future__ import annotations

import errno
import io
import json
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trudi_py.archive.assemble import split_records
from trudi_py.archive.csvformat import _fast_row, _model_row, encode_rows, window_rows
from trudi_py.archive.excel import ExcelTable, local_time, neutralise
from trudi_py.archive.integrity import check_archive
from trudi_py.archive.summary import ChannelSummary
from trudi_py.archive.zipio import ZipAppender, open_archive, storage_error
from trudi_py.errors import ArchiveError, MalformedAnswer
from trudi_py.model import Channel

UTC = UTC
T0 = datetime(2026, 3, 1, tzinfo=UTC)


def reading(t: datetime, value: str = "12345", **extra: object) -> dict:
    r = {"capture-time": (t - timedelta(seconds=3)).strftime("%Y-%m-%dT%H:%M:%SZ"),
         "target-time": t.strftime("%Y-%m-%dT%H:%M:%SZ"), "value": value,
         "cosem-status": "a0000000208c3800", "smgw-status": "a0000000",
         "meter-status": "208c3800", "owner-number": "1lgz0000012345.sm", "signature": None}
    r.update(extra)
    return r


def answer(*channels: tuple[str, list[dict]]) -> dict:
    return {"readings": {"records": str(sum(len(r) for _, r in channels)),
                         "channels": [{"obis": o, "readings": r} for o, r in channels]}}


META = {"0100010800ff": Channel("0100010800ff", -1, 30)}


def test_physical_value_is_exact_and_window_bounds_hold() -> None:
    rows = window_rows(answer(("0100010800ff.1lgz0000012345.sm", [
        reading(T0), reading(T0 + timedelta(minutes=15), "12346"),
        reading(T0 + timedelta(minutes=30), "1")])), META, T0, T0 + timedelta(minutes=15))
    assert rows.outside == 2 and rows.total == 3 and rows.records == 3
    (row,) = rows.rows["0100010800ff"]
    assert row[1] == "1lgz0000012345" and row[3] == "2026-03-01T00:15:00Z"
    assert row[4:8] == ["12346", "-1", "30", "1234.6"]


def test_offsets_bare_obis_and_duplicates_are_normalised() -> None:
    odd = reading(T0, signature="ab" * 64)
    odd["target-time"] = "2026-03-01T01:00:00+1:00"  # same instant as T0
    odd["cosem-status"] = "A0000000208C3800"
    rows = window_rows(answer(("0100010800FF", [odd]),
                              ("0100010800ff.x.sm", [reading(T0)])), META, None, None)
    assert rows.duplicates == 1
    (row,) = rows.rows["0100010800ff"]
    assert row[3] == "2026-03-01T00:00:00Z" and row[8] == "a0000000208c3800"


def test_malformed_value_raises() -> None:
    with pytest.raises(MalformedAnswer):
        window_rows(answer(("0100010800ff", [reading(T0, "12a")])), META, None, None)


@settings(max_examples=80, deadline=None)
@given(value=st.integers(-10**15, 10**15), scaler=st.integers(-6, 4),
       sig=st.one_of(st.none(), st.text("0123456789abcdef", min_size=1, max_size=8)),
       moment=st.datetimes(datetime(2000, 1, 1), datetime(2090, 1, 1)),
       offset=st.sampled_from(["Z", "+1:00", "+02:00", "-0:30", "+23:59", "+24:00", "+1",
                               "+01:00:00"]))
def test_fast_path_equals_model_path(value: int, scaler: int, sig: str | None,
                                     moment: datetime, offset: str) -> None:
    r = reading(T0, str(value), signature=sig)
    r["target-time"] = moment.strftime("%Y-%m-%dT%H:%M:%S") + offset
    args = ("0100010800ff", "m", str(scaler), "30", scaler)
    try:
        slow = _model_row(r, "x", *args)
    except MalformedAnswer:
        slow = None
    fast = _fast_row(r, *args)
    assert fast is None or fast == slow


def test_excel_copy_neutralises_formulas_and_adds_local_time() -> None:
    assert neutralise("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert neutralise("+49") == "'+49" and neutralise("@x") == "'@x"
    assert neutralise("-1") == "-1" and neutralise("-0,5") == "-0,5"
    assert local_time("2026-07-01T10:00:00Z") == "01.07.2026 12:00:00"
    assert local_time("2026-01-01T10:00:00Z") == "01.01.2026 11:00:00"
    table = ExcelTable(("t", "v", "msg"), ("t",), ("v",))
    data = b"".join(table.encode([["2026-01-01T10:00:00Z", "-0.5", "-cmd;x"]],
                                 with_header=True))
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    assert text == "t;t_local;v;msg\r\n2026-01-01T10:00:00Z;01.01.2026 11:00:00;-0,5;" \
                   "\"'-cmd;x\"\r\n"


def test_split_records_handles_quoted_line_breaks() -> None:
    text = encode_rows([["a", "b"], ["x", "y\nz"], ["q", 'say "hi"'], ["1", "2"]]).decode()
    rows = [row for _, row in split_records(iter(io.StringIO(text, newline="")))]
    assert rows == [["a", "b"], ["x", "y\nz"], ["q", 'say "hi"'], ["1", "2"]]


def test_gap_reported_only_where_the_gateway_has_none() -> None:
    s = ChannelSummary("up", "origin", "0100010800ff", -1, 30, start=T0,
                       excluded=[(T0 + timedelta(days=2), T0 + timedelta(days=3))])
    t = T0
    for i in range(4 * 96):
        moment = T0 + timedelta(minutes=15 * i)
        if T0 + timedelta(hours=5) < moment < T0 + timedelta(hours=6):
            continue  # a real gap: 3 values
        if T0 + timedelta(days=2) < moment <= T0 + timedelta(days=3):
            continue  # a window we could not fetch: not a gateway gap
        s.add(moment, str(1000 + i), False)
        t = moment
    s.finish()
    assert [(g.after, g.before, g.missing) for g in s.gaps] == [
        (T0 + timedelta(hours=5), T0 + timedelta(hours=6), 3)]
    assert s.last == t


def test_zip_appender_resumes_after_a_crash(tmp_path: Path) -> None:
    part = tmp_path / "a.zip.part"
    first = ZipAppender(part)
    kept = [first.write("raw/000001-x.json", b"{}"), first.write("b.csv", [b"a,b\n"] * 1000)]
    offset = first.offset
    first.write("lost.json", b"not committed")
    first._fp.flush()
    first._fp.close()  # a crash: no central directory written
    first._zf.fp = None
    second = ZipAppender(part, kept, offset)
    second.write("c.json", b"[]")
    second.close()
    with zipfile.ZipFile(part) as zf:
        assert zf.namelist() == ["raw/000001-x.json", "b.csv", "c.json"]
        assert zf.testzip() is None and zf.read("b.csv") == b"a,b\n" * 1000


def test_unsafe_members_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("../../etc/passwd", b"x")
        zf.writestr("manifest.json", json.dumps({"format": "x", "files": []}))
    _, unsafe = open_archive(path)
    assert [u.path for u in unsafe] == ["../../etc/passwd"]
    report = check_archive(path)
    assert not report.ok
    assert any(p.code == "unsafe-member" and p.path == "../../etc/passwd"
               for p in report.problems)
    assert check_archive(tmp_path / "none.zip").problems[0].code == "not-readable"


def test_storage_errors_are_clear() -> None:
    full = storage_error(OSError(errno.ENOSPC, "No space left"), "x.zip.part")
    ro = storage_error(OSError(errno.EROFS, "Read-only file system"), "x.zip.part")
    assert isinstance(full, ArchiveError) and "disk is full" in full.message
    assert "read-only" in ro.message and full.exit_code == 9


def test_logbook_csv_neutralises_formula_text() -> None:
    """Gateway text such as a log message never becomes a spreadsheet formula."""
    from datetime import datetime

    from trudi_py.archive.csvformat import log_rows
    from trudi_py.model import LogEntry
    entry = LogEntry(index=7, record_number="", time=datetime(2026, 1, 1, tzinfo=UTC),
                     level="6", event_id="1", event_sub_id="0", vendor_id="@SUM(A1)",
                     outcome="0", message="=HYPERLINK(\"http://x\")", subject_identity="+1",
                     user_identity="-cmd|' /C calc'!A0", version="1")
    (row,) = list(log_rows([entry]))
    assert row[8] == "'=HYPERLINK(\"http://x\")" and row[4] == "'@SUM(A1)"
    assert row[10] == "'-cmd|' /C calc'!A0"
    assert row[9] == "'+1"
    assert row[0] == "7" and row[3] == "6"  # numbers stay numbers
