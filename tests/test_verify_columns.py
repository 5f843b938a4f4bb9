"""The column-by-column fast paths of issue 16 give exactly what the per-reading paths give.

Each fast path (an archive's billing-period window as columns in ``verify``, the integrity
check's re-derived CSV cells, the JSON shape pre-check, the time and value columns) is
compared with the exact per-reading or per-cell function it replaces, on ordinary input
and on the odd forms that must take the slow way.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Any

import pytest
from hostile_util import rewrite
from hypothesis import given, settings
from hypothesis import strategies as st
from verify_synth import profile

from trudi_py.archive import bounded
from trudi_py.archive.csvcells import (
    encode_columns,
    rows_of,
    scaled_column,
    text_cell,
    text_column,
)
from trudi_py.archive.csvformat import encode_rows, window_columns, window_rows
from trudi_py.archive.csvseries import ProvenSeries, micros_column, micros_z
from trudi_py.archive.integrity import check_archive
from trudi_py.archive.readahead import read_ahead, read_member
from trudi_py.errors import CannotCompute
from trudi_py.model import Channel
from trudi_py.model.readings import scaled_text
from trudi_py.model.series import NO_TIME, ChannelSeries, micros
from trudi_py.model.wire import _utc_texts
from trudi_py.verify.explain import describe_period, period_label
from trudi_py.verify.inputs import IntervalReading, ValueList
from trudi_py.verify.origin import OriginList
from trudi_py.verify.timeline import keys, lookup_keys, prepare
from trudi_py.verify.transparency import compute_transparency

US = 1_000_000
# Summer time ends on 2026-10-25 (02:00-03:00 local twice): repeated wall times.
T0 = datetime(2026, 10, 20, 22, 0, tzinfo=UTC)
WORDS = [("a000000020803800", "", ""), ("a000000020803b00", "", ""),  # fatal (4)
         ("", "a0000000", "20803800"), ("zz", "", ""), ("", "", "")]


def _series(n: int, *, shuffle_at: int | None = None, no_capture: int | None = None,
            status_every: int = 0) -> ChannelSeries:
    """``n`` 15-minute readings from T0, captures a few seconds early; optionally two
    readings swapped (unsorted), one without capture time and a status word cycling."""
    s = ChannelSeries("0100010800ff", "meter1")
    s.status_table.extend(WORDS)
    for i in range(n):
        target = micros(T0) + i * 900 * US
        s.targets.append(target)
        s.captures.append(NO_TIME if i == no_capture else target - (i % 5) * US)
        s.values.append(1000 + 7 * i)
        s.status_index.append((i // status_every) % len(WORDS) if status_every else 0)
        s.signed_flags.append(1)
    if shuffle_at is not None:
        j = shuffle_at
        s.targets[j], s.targets[j + 1] = s.targets[j + 1], s.targets[j]
    return s


def _as_objects(value_list: ValueList) -> ValueList:
    """The same list with its readings as objects and no columns (the per-reading path)."""
    readings = tuple(value_list.blocks[0].readings)
    assert all(isinstance(r, IntervalReading) for r in readings)
    return ValueList.original(value_list.obis, value_list.meter_id or "", readings,
                              scaler=value_list.scaler, uom=value_list.uom)


def _windows(series: ChannelSeries) -> tuple[ValueList, ValueList]:
    origin = OriginList.of(series, "meter1", -1, 72)
    fast = origin.window(T0 + timedelta(days=2), T0 + timedelta(days=6))
    assert (fast.columns is not None) == (len(series) > 0)
    return fast, _as_objects(fast)


CASES = [dict(n=900), dict(n=900, status_every=7), dict(n=900, shuffle_at=300),
         dict(n=900, no_capture=10, status_every=3), dict(n=1), dict(n=0)]


@pytest.mark.parametrize("case", CASES)
def test_window_as_columns_prepares_like_reading_objects(case: dict[str, Any]) -> None:
    fast, slow = _windows(_series(**case))
    assert fast == slow and fast.blocks == slow.blocks  # same start, span and readings
    a, b = prepare(fast), prepare(slow)
    assert a.period == b.period and a.readings() == b.readings()
    assert [(blk.spans, blk.by_target) for blk in a.blocks] == \
        [(blk.spans, blk.by_target) for blk in b.blocks]
    walls = [r.target_wall for r in b.readings()]
    probes = walls + [w + 1 for w in walls] + [min(walls, default=0) - 900 * US]
    assert lookup_keys(fast, probes) == [b.lookup(k) for k in probes]
    assert lookup_keys(slow, probes) == [b.lookup(k) for k in probes]
    if case["n"] > 1:
        assert len(set(walls)) < len(walls), "the window holds the repeated hour"


@pytest.mark.parametrize("case", CASES[:4])
def test_window_as_columns_explains_and_computes_like_reading_objects(
        case: dict[str, Any]) -> None:
    fast, slow = _windows(_series(**case))
    start = T0 + timedelta(days=2)
    tariffs = profile(start, 4)
    label = period_label(start, start + timedelta(days=4))
    end = start + timedelta(days=4)
    assert [f.to_dict() for f in describe_period([fast], tariffs, start, end, label)] == \
        [f.to_dict() for f in describe_period([slow], tariffs, start, end, label)]
    computed = _outcome(fast, tariffs)
    assert computed == _outcome(slow, tariffs)
    assert computed["registers"] or computed["refused"]


def _outcome(value_list: ValueList, tariffs: Any) -> dict[str, Any]:
    try:
        return compute_transparency([value_list], tariffs).to_dict()
    except CannotCompute as exc:
        return {"refused": (exc.rule, str(exc)), "registers": None}


def test_column_readings_behave_like_a_tuple() -> None:
    fast, slow = _windows(_series(50))
    readings, objects = fast.blocks[0].readings, slow.blocks[0].readings
    assert len(readings) == len(objects) and readings[-1] == objects[-1]
    assert readings[2:5] == objects[2:5] and list(readings) == list(objects)
    assert hash(readings) == hash(tuple(objects))
    assert keys(readings[0].target)[0] == readings[0].target_us  # type: ignore[arg-type]


# --- JSON shape pre-check ------------------------------------------------------------------

def _exact_shape(doc: bytes) -> str | None:
    """The pre-check as it was: strings blanked by the pattern, every bracket counted."""
    limit = bounded.MAX_JSON_VALUES
    values = doc.count(b",") + doc.count(b"{") + doc.count(b"[") + 1
    if values > limit:
        return f"more than {limit} JSON values"
    brackets = bounded._STRING.sub(b'""', doc).translate(None, bounded._BRACKETS)
    steps = [1 if b in b"[{" else -1 for b in brackets]
    if steps and max(accumulate(steps)) > bounded.MAX_JSON_DEPTH:
        return f"JSON nested deeper than {bounded.MAX_JSON_DEPTH} levels"
    return None


def _nested(depth: int, pattern: str = "[") -> bytes:
    opening = "".join(pattern[i % len(pattern)] for i in range(depth))
    closing = "".join({"[": "]", "{": "}"}[c] for c in reversed(opening))
    return "".join(c + ('"k":' if c == "{" else "") for c in opening[:-1]).encode() + \
        (opening[-1] + closing[0]).encode() + closing[1:].encode()


SHAPES = [b'{"readings": {"channels": [{"obis": "x", "readings": [{"a": "b"}, {}]}]}}',
          _nested(32), _nested(33), _nested(32, "{["), _nested(33, "[{"), _nested(16, "[{"),
          b'["' + b"[" * 40 + b'"]', b'["a]", "{{"]', b'["\\"' + b"[" * 40 + b'"]',
          b'["a", "b' + b"[" * 40, b"[" * 40, b"]" * 40 + b"[" * 40, b'[}', b'""""[]',
          b'{"a": [1, 2, {"b": "}}}"}]}', b"", b"[]" * 50, b",", b'"x"' + b"[" * 33]


@pytest.mark.parametrize("doc", SHAPES)
def test_json_shape_check_equals_the_exact_scan(doc: bytes) -> None:
    assert bounded.json_shape_problem(doc) == _exact_shape(doc)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet='[]{}",:a\\ ', max_size=80))
def test_json_shape_check_equals_the_exact_scan_on_any_text(text: str) -> None:
    assert bounded.json_shape_problem(text.encode()) == _exact_shape(text.encode())


def test_json_shape_check_still_bounds_values() -> None:
    doc = b"[" + b"0," * bounded.MAX_JSON_VALUES + b"0]"
    assert bounded.json_shape_problem(doc) == _exact_shape(doc) is not None


# --- cells and times column by column ------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.lists(st.from_regex(r"-?[0-9]{1,12}", fullmatch=True), max_size=20),
       st.integers(-6, 4))
def test_scaled_column_equals_scaled_text(values: list[str], scale: int) -> None:
    assert scaled_column(values, scale) == [scaled_text(int(v), scale) for v in values]


@pytest.mark.parametrize("values", [["150000000", "150000580", "5"], ["0", "7"], ["007"],
                                    ["12", "-3"], []])
@pytest.mark.parametrize("scale", [-3, -1, 0, 2])
def test_scaled_column_examples(values: list[str], scale: int) -> None:
    assert scaled_column(values, scale) == [scaled_text(int(v), scale) for v in values]


@pytest.mark.parametrize("cells", [["1lgz0000012345.sm", "abc"], ["=1+1", "x"], ["-12", ""],
                                   ["", ""], ["@x"]])
def test_text_column_equals_text_cell(cells: list[str]) -> None:
    assert text_column(cells) == list(map(text_cell, cells))


@pytest.mark.parametrize("cells", [["a", "b"], ["a,b", "c"], ['a"', "c"], ["a\nb", "c"],
                                   ["a\r", "c"]])
def test_encode_columns_equals_the_csv_rows_or_declines(cells: list[str]) -> None:
    columns = [cells, ["x", "y"], ["1", "2"]]
    block = encode_columns(columns)
    assert block is None or block == encode_rows(rows_of(columns))
    assert (block is None) == any(c in "".join(cells) for c in ',"\r\n')


TIMES = ["2026-03-29T01:15:00Z", "1999-12-31T23:59:59Z", "2026-03-01T00:15:00",
         "2026-03-01T00:15:00.5Z", "2026-03-01T0:15:00Z", "2026-03-01T00:15:00+01:00",
         "2026-03-01T00x15:00Z", "2026-03-01T00:15:0Z"]


@pytest.mark.parametrize("texts", [TIMES[:2], TIMES[:3], [TIMES[0], TIMES[3]],
                                   [TIMES[5]], [TIMES[1]] * 3])
def test_micros_column_equals_one_by_one(texts: list[str]) -> None:
    assert micros_column(texts) == list(map(micros_z, texts))


@pytest.mark.parametrize("texts", [[TIMES[0], TIMES[6]], [TIMES[7]], [TIMES[0], TIMES[4]],
                                   ["2026-13-01T00:00:00Z"]])
def test_micros_column_refuses_what_one_by_one_refuses(texts: list[str]) -> None:
    with pytest.raises(ValueError):
        list(map(micros_z, texts))
    with pytest.raises(ValueError):
        micros_column(texts)


def _utc_texts_one_by_one(texts: list[str]) -> bool:
    import re
    form = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
    try:
        return all(form.fullmatch(t) and datetime.fromisoformat(t[:-1]) for t in texts)
    except ValueError:
        return False


@pytest.mark.parametrize("text", ["2026-01-01T00:00:00Z", "2024-02-29T23:59:59Z",
                                  "2026-02-29T00:00:00Z", "2026-01-01T24:00:00Z",
                                  "2026-01-01T23:60:00Z", "2026-01-01T23:00:60Z",
                                  "0000-01-01T00:00:00Z", "2026-00-01T00:00:00Z",
                                  "2026-04-31T00:00:00Z", "2026-12-31T23:59:59Z",
                                  "2026-01-01T00:00:00", "2026-01-01 00:00:00Z"])
def test_utc_texts_checks_dates_like_the_parser(text: str) -> None:
    assert _utc_texts([text, "2026-01-01T00:00:00Z"]) == _utc_texts_one_by_one(
        [text, "2026-01-01T00:00:00Z"])


# --- a readings answer as columns ----------------------------------------------------------

META = {"0100010800ff": Channel("0100010800ff", -1, 30)}


def _answer(*channels: tuple[str, list[tuple[int, str]]]) -> bytes:
    def reading(minute: int, value: str) -> dict[str, Any]:
        t = (datetime(2026, 3, 1, tzinfo=UTC) + timedelta(minutes=minute)).strftime(
            "%Y-%m-%dT%H:%M:%SZ")
        return {"target-time": t, "capture-time": t, "value": value, "cosem-status": "a0",
                "smgw-status": "", "meter-status": "", "owner-number": "=own",
                "signature": None if minute % 2 else "ab"}
    return json.dumps({"readings": {"records": "3", "channels": [
        {"obis": name, "readings": [reading(m, v) for m, v in rs]}
        for name, rs in channels]}}).encode()


ANSWERS = [
    _answer(("0100010800ff", [(0, "10"), (15, "20"), (30, "0")])),
    _answer(("0100010800ff", [(30, "10"), (15, "20"), (15, "21")])),  # unsorted, duplicate
    _answer(("0100010800ff", [(0, "10")]), ("0100010800ff.m1.sm", [(15, "11"), (0, "9")])),
    _answer(("0100020800ff", [(0, "007"), (15, "-20")]), ("0100010800ff", [(0, "5")])),
    _answer(("0100010800ff", []), ("0100010800ff", [(0, "5")])),
]


@pytest.mark.parametrize("body", ANSWERS)
@pytest.mark.parametrize("bounds", [(None, None), (datetime(2026, 3, 1, 0, 0, tzinfo=UTC),
                                                   datetime(2026, 3, 1, 0, 15, tzinfo=UTC))])
def test_window_columns_equal_window_rows(body: bytes, bounds: tuple[Any, Any]) -> None:
    rows = window_rows(body, META, *bounds)
    cols = window_columns(body, META, *bounds)
    assert {obis: rows_of(c) for obis, c in cols.columns.items()} == rows.rows
    assert list(cols.columns) == list(rows.rows) == sorted(rows.rows)
    assert (cols.outside, cols.duplicates, cols.total, cols.records) == \
        (rows.outside, rows.duplicates, rows.total, rows.records)
    parsed = json.loads(body)
    assert window_rows(parsed, META, *bounds) == rows  # the tolerant parser: same rows



# --- raw answers read one step ahead -------------------------------------------------------

def test_read_ahead_gives_each_member_in_order_with_errors_as_values(tmp_path: Path) -> None:
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(7):
            zf.writestr(f"m{i}", bytes([i]) * (1000 * i + 1))
    names = [f"m{i}" for i in (3, 0, 6, 5, 1, 2, 4)]
    with zipfile.ZipFile(path) as zf:
        got = list(read_ahead(zf, names, limit=4000, ahead=2))
        assert [m.name for m in got] == names
        for m in got:
            if int(m.name[1:]) * 1000 + 1 > 4000:  # over the limit: an error, as read does
                assert m.data is None and m.error is not None and m.digest == ""
            else:
                assert m == read_member(zf, m.name, 4000)
                assert m.digest == hashlib.sha256(m.data or b"").hexdigest()
        early = read_ahead(zf, names, limit=4000)
        assert next(early).name == "m3"
        early.close()  # stops the helper; the archive stays usable
        assert read_member(zf, "m1", 4000).data == b"\x01" * 1001


# --- the readings CSV hashed beside the raw answers ----------------------------------------

def _problems(path: Path, series: ProvenSeries) -> list[tuple[str, str | None]]:
    return sorted((p.code, p.path) for p in check_archive(path, series).problems)


def test_csv_cut_at_other_channels_than_named_is_cut_again(two_consumer_archive: Path,
                                                         tmp_path: Path) -> None:
    """usage-point-info names a channel raw/ has no readings of: the CSV hashed beside the
    raw answers was cut at the wrong channels, so it is cut again; same result as the clean
    archive but for the changed member's manifest hash."""
    clean: ProvenSeries = {}
    expected = _problems(two_consumer_archive, clean)
    with zipfile.ZipFile(two_consumer_archive) as zf:
        info_name = next(n for n in sorted(zf.namelist()) if n.startswith("usage-points/")
                         and b'"origin"' in zf.read(n))
    changed: list[str] = []

    def extra_channel(name: str, data: bytes) -> list[tuple[str, bytes]]:
        if name != info_name:
            return [(name, data)]
        doc = json.loads(data)
        db = next(d for d in doc["databases"] if d["database"] == "origin")
        db["channels"].append({"obis": "0100630800ff", "scaler": "0", "unit": "30"})
        changed.append(name)
        return [(name, json.dumps(doc).encode())]

    odd = tmp_path / "odd.zip"
    rewrite(two_consumer_archive, odd, extra_channel)
    series: ProvenSeries = {}
    assert changed and _problems(odd, series) == sorted(
        expected + [("hash-mismatch", info_name)])
    assert series.keys() == clean.keys() and all(
        [(s.obis, list(s.targets), list(s.values)) for s in series[k]]
        == [(s.obis, list(s.targets), list(s.values)) for s in clean[k]] for k in clean)
