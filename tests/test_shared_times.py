"""Channels of one answer usually share their times: checked and converted once (issue 16).

The fast decoder's time check and :class:`RowsToSeries`' conversion to microseconds reuse
the result for a column equal to one seen before; a column that differs (even in one text,
or one that is invalid) is still checked and converted on its own.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from trudi_py.archive.csvseries import RowsToSeries
from trudi_py.model.series import micros
from trudi_py.model.wire import decode_columns

T0 = datetime(2026, 3, 1, tzinfo=UTC)


def _times(n: int, offset_s: int = 0) -> list[str]:
    return [(T0 + timedelta(minutes=15 * i, seconds=offset_s)).strftime("%Y-%m-%dT%H:%M:%SZ")
            for i in range(n)]


def _answer(channels: list[tuple[str, list[str], list[str]]]) -> bytes:
    return json.dumps({"readings": {"channels": [
        {"obis": obis, "readings": [
            {"target-time": t, "capture-time": c, "value": str(i), "cosem-status": "a0",
             "smgw-status": "a0", "meter-status": "20"}
            for i, (t, c) in enumerate(zip(targets, captures, strict=True))]}
        for obis, targets, captures in channels]}}).encode()


def test_a_second_channel_with_the_same_times_is_decoded_fast() -> None:
    targets, captures = _times(96), _times(96, -2)
    decoded = decode_columns(_answer([("0100010800ff", targets, captures),
                                      ("0100020800ff", targets, captures)]))
    assert decoded is not None
    assert [c.targets for _, _, c in decoded[1]] == [targets, targets]


def test_a_differing_time_in_a_later_channel_is_still_checked() -> None:
    targets, captures = _times(96), _times(96, -2)
    bad = [*targets[:50], "2026-02-30T00:00:00Z", *targets[51:]]  # no such day
    assert decode_columns(_answer([("0100010800ff", targets, captures),
                                   ("0100020800ff", bad, captures)])) is None
    odd = [*captures[:-1], captures[-1].replace("Z", "+00:00")]  # not the canonical form
    assert decode_columns(_answer([("0100010800ff", targets, captures),
                                   ("0100020800ff", targets, odd)])) is None


def _cells(obis: str, targets: list[str], captures: list[str]) -> list[list[str]]:
    n = len(targets)
    return [[obis] * n, ["m1"] * n, captures, targets, [str(i) for i in range(n)], ["-1"] * n,
            ["30"] * n, ["0.0"] * n, ["a0"] * n, ["a0"] * n, ["20"] * n, [""] * n, [""] * n]


def test_rows_to_series_converts_equal_columns_once_and_others_apart() -> None:
    targets, captures = _times(8), _times(8, -2)
    later = _times(8, 3600)
    rows = RowsToSeries(1000)
    rows.add_columns("0100010800ff", _cells("0100010800ff", targets, captures))
    rows.add_columns("0100020800ff", _cells("0100020800ff", targets, captures))
    rows.add_columns("0100030800ff", _cells("0100030800ff", later, targets))
    found = rows.finish()
    assert found is not None
    expect = [micros(datetime.fromisoformat(t)) for t in targets]
    assert [list(s.targets) for s in found] == [expect, expect,
                                                [micros(datetime.fromisoformat(t))
                                                 for t in later]]
    assert list(found[2].captures) == expect
    assert list(found[1].captures) == [micros(datetime.fromisoformat(c)) for c in captures]
