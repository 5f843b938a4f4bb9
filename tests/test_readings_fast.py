"""The fast readings decoder (msgspec) gives exactly what the tolerant stdlib parser gives.

Every answer is parsed both ways: ``ReadingsAnswer.from_bytes`` (fast path, falling back)
and ``ReadingsAnswer.from_json(json.loads(...))`` (the old path); results and error messages
must be identical, values exact (no float anywhere).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from helpers import FIELD_ANSWERS
from hypothesis import given, settings
from hypothesis import strategies as st

from trudi_py.archive.csvformat import window_rows
from trudi_py.errors import MalformedAnswer, TrudiError
from trudi_py.model import Channel, Reading, ReadingsAnswer
from trudi_py.model.jsonbody import parse_json
from trudi_py.model.readings import decode_canonical, format_decimal, physical_value, scaled_text
from trudi_py.model.wire import decode_text

DATA = FIELD_ANSWERS  # tests/data/field (with its notice)
FIELD = json.loads((DATA / "readings.field-v3.87.json").read_text(encoding="utf-8"))
SPEC = json.loads((DATA / "readings.spec-example.json").read_text(encoding="utf-8"))
META = {"0100010800ff": Channel("0100010800ff", -1, 30)}


def _body(doc) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode()


def _both(data: bytes):
    """(result or error text) of the fast and of the old path."""
    out = []
    for parse in (ReadingsAnswer.from_bytes,
                  lambda d: ReadingsAnswer.from_json(parse_json(d, "readings"))):
        try:
            out.append(parse(data))
        except TrudiError as exc:
            out.append((type(exc).__name__, str(exc), exc.message))
    return out


def _with_reading(**changes) -> dict:
    doc = json.loads(json.dumps(FIELD))
    reading = doc["readings"]["channels"][0]["readings"][0]
    for key, value in changes.items():
        if value is ...:
            del reading[key]
        else:
            reading[key] = value
    return doc


def test_field_and_spec_examples_take_the_fast_path_with_the_same_result() -> None:
    for doc in (FIELD, SPEC):
        data = _body(doc)
        assert decode_canonical(data) is not None
        fast, old = _both(data)
        assert fast == old
    answer = ReadingsAnswer.from_bytes(_body(FIELD))
    reading = answer.channels[0].readings[0]
    assert reading.value == "171165808" and reading.physical(-1) == Decimal("17116580.8")
    assert reading.target_time == datetime(2026, 8, 14, 18, 30, tzinfo=UTC)
    assert reading.target_time.tzinfo is UTC
    assert answer.records == 1 and answer.channels[0].meter_id == ""


@pytest.mark.parametrize("changes", [
    {"value": 171165808},  # a JSON number: exact through the stdlib path
    {"value": 123456789012345678901234567890},  # beyond 64 bits: still exact
    {"value": " 42"}, {"value": "42\n"}, {"value": "+42"}, {"value": "-0"},
    {"cosem-status": "A0000000208C3800"}, {"smgw-status": "a0000000\n"},
    {"meter-status": ""}, {"meter-status": ...}, {"owner-number": 7},
    {"signature": ""}, {"signature": ...},
    {"capture-time": ...}, {"capture-time": None}, {"capture-time": ""},
    {"target-time": "2026-08-14T20:30:00+2:00"}, {"target-time": "2026-08-14T20:30:00+02:00"},
    {"target-time": "2026-08-14T18:30:00.1234567Z"}, {"target-time": "2026-08-14t18:30:00z"},
    {"target-time": "2026-08-14T18:29:59.9999996Z"},  # msgspec would round up to 18:30:00
    {"capture-time": "2026-08-14T18:29:56.9999999Z"}, {"owner-number": "\u00e4.sm"},
    {"target-time": "2026-08-14T18:30:00"}, {"target-time": "2026-08-14 18:30:00Z"},
])
def test_other_forms_give_the_same_records(changes) -> None:
    data = _body(_with_reading(**changes))
    fast, old = _both(data)
    assert fast == old
    assert isinstance(fast, ReadingsAnswer)
    value = fast.channels[0].readings[0].value
    assert isinstance(value, str)
    if changes.get("value") == 123456789012345678901234567890:
        assert value == "123456789012345678901234567890"
    for r in fast.channels[0].readings:
        assert r.target_time.tzinfo is UTC


def test_an_escaped_fraction_is_not_rounded() -> None:
    data = _body(FIELD).replace(b'"2026-08-14T18:30:00Z"',
                                b'"2026-08-14T18:29:59\\u002e9999996Z"')
    assert b"\\u002e" in data
    fast, old = _both(data)
    assert fast == old
    assert fast.channels[0].readings[0].target_time.microsecond == 999999


def test_a_non_utc_offset_is_stored_as_utc() -> None:
    answer = ReadingsAnswer.from_bytes(_body(_with_reading(
        **{"target-time": "2026-08-14T20:30:00+02:00"})))
    assert answer.channels[0].readings[0].target_time == \
        datetime(2026, 8, 14, 18, 30, tzinfo=UTC)
    assert answer.channels[0].readings[0].target_time.tzinfo is UTC


@pytest.mark.parametrize("data", [
    b"", b"<html><body>502</body></html>", b"[1, 2]", b'{"readings": 3}', b"{" * 5000,
    b'{"readings": {"channels": [{"obis": "01000108", "readings": []}]}}',
    b'{"readings": {"channels": [], "records": "x"}}',
    b'{"readings": {"channels": [], "records": 1.5}}',
    _body(_with_reading(value="12a")), _body(_with_reading(value=1.5)),
    _body(_with_reading(value=1e400 if False else "1" * 41)),
    _body(_with_reading(**{"target-time": "2026-02-30T00:00:00Z"})),
    _body(_with_reading(**{"target-time": None})), _body(_with_reading(value=...)),
    _body(_with_reading(**{"cosem-status": "xyz"})), _body(_with_reading(signature=5)),
    b'{"readings": {"channels": [{"obis": "0100010800ff", "readings": [1e400]}]}}',
])
def test_bad_answers_give_the_same_error(data: bytes) -> None:
    fast, old = _both(data)
    assert fast == old
    assert isinstance(fast, tuple), fast  # an error, not a result


def _mutations(doc, path=()):
    if isinstance(doc, dict):
        for key, child in doc.items():
            yield (*path, key)
            yield from _mutations(child, (*path, key))
    elif isinstance(doc, list):
        for i, child in enumerate(doc):
            yield (*path, i)
            yield from _mutations(child, (*path, i))


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20),
                    st.sampled_from(["", "-1", "007", "A0", "2026-01-01T00:00:00Z",
                                     "2026-01-01T01:00:00+01:00", "2026-01-01T00:00:00.5Z"]))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=8)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_any_mutation_of_a_real_answer_parses_the_same_both_ways(data) -> None:
    doc = json.loads(json.dumps(data.draw(st.sampled_from([FIELD, SPEC]))))
    path = data.draw(st.sampled_from(list(_mutations(doc))))
    target = doc
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = data.draw(values)
    body = _body(doc)
    fast, old = _both(body)
    assert fast == old
    try:
        rows_fast = window_rows(body, META, None, None)
    except MalformedAnswer as exc:
        rows_fast = exc.message
    try:
        rows_old = window_rows(parse_json(body, "readings"), META, None, None)
    except MalformedAnswer as exc:
        rows_old = exc.message
    assert rows_fast == rows_old


@given(st.integers(min_value=-10 ** 40, max_value=10 ** 40), st.integers(-9, 9))
def test_scaled_text_equals_the_decimal_formatting(raw: int, scaler: int) -> None:
    assert scaled_text(raw, scaler) == format_decimal(physical_value(raw, scaler))


def _many(n: int, *, offset: str = "Z") -> bytes:
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    rows = []
    for i in range(n):
        t = t0 + timedelta(minutes=15 * i)
        stamp = t.strftime("%Y-%m-%dT%H:%M:%S") + offset
        rows.append({"target-time": stamp, "capture-time": stamp, "value": str(10 ** 12 + i),
                     "cosem-status": "a0000000208c3800", "smgw-status": "a0000000",
                     "meter-status": "208c3800", "owner-number": "x.sm",
                     "signature": None if i % 7 else "ab" * 64})
    return _body({"readings": {"channels": [{"obis": "0100010800ff", "readings": rows}],
                               "records": str(n)}})


def test_csv_rows_of_bytes_equal_rows_of_the_json_object() -> None:
    for data in (_many(500), _many(50, offset="+00:00"), _body(FIELD), _body(SPEC)):
        after = datetime(2026, 1, 2, tzinfo=UTC)
        for bounds in ((None, None), (after, after + timedelta(days=1))):
            fast = window_rows(data, META, *bounds)
            old = window_rows(parse_json(data, "readings"), META, *bounds)
            assert fast == old
    assert decode_text(_many(500)) is not None  # the fast path was taken
    assert decode_text(_many(5, offset="+00:00")) is None  # offsets: the tolerant path


def test_reading_is_still_built_like_the_old_record() -> None:
    t = datetime(2026, 1, 1, tzinfo=UTC)
    a = Reading(t, None, "5", "", "", "", "", None)
    assert a == Reading(target_time=t, capture_time=None, value="5", cosem_status="",
                        smgw_status="", meter_status="", owner_number="", signature=None)
    assert hash(a) == hash(Reading(t, None, "5", "", "", "", "", None))
    assert a.raw == 5 and a.ptb_status == 0 and a.status is None
    with pytest.raises(AttributeError):
        a.value = "6"  # type: ignore[misc]
    b = a.replace(value="6")
    assert (b.value, a.value, b.target_time) == ("6", "5", t)


def test_physical_value_is_exact_beyond_the_decimal_context_precision() -> None:
    raw = 10 ** 28 + 1  # 29 digits: Decimal.scaleb would round to 28
    assert format_decimal(physical_value(raw, -1)) == "1000000000000000000000000000.1"
    assert physical_value("-5", -3) == Decimal("-0.005")
    assert format_decimal(physical_value(123, 2)) == "12300"


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=200), values.map(lambda v: _body({"readings": v}))))
def test_any_body_gives_a_result_or_our_error(data: bytes) -> None:
    fast, old = _both(data)
    assert fast == old
