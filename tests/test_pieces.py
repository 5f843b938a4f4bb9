"""Columns pickled in pieces (trudi_py.model.pieces): the same series and table come back,
in as many pieces as their size asks, each rebuilt by a call of Python code."""

from __future__ import annotations

import pickle
from array import array

import numpy as np
import pytest

from trudi_py.gui.pages.readings_table import ReadingsTable
from trudi_py.model import pieces
from trudi_py.model.series import ChannelSeries


def _series(n: int, values: array | list[int] | None = None) -> ChannelSeries:
    return ChannelSeries("1-0:1.8.0", "1EMH0012345678", array("q", range(0, 900 * n, 900)),
                         array("q", range(5, 900 * n + 5, 900)),
                         array("q", range(n)) if values is None else values,
                         array("I", [i % 3 for i in range(n)]),
                         [("", "", ""), ("a", "b", "c"), ("x", "y", "z")],
                         array("B", [i % 2 for i in range(n)]))


@pytest.mark.parametrize("n", [0, 1, 200_000])
def test_series_and_table_come_back_equal(n: int) -> None:
    series = _series(n)
    back = pickle.loads(pickle.dumps(series, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == series and back.values.typecode == "q"
    table = ReadingsTable.build([series, _series(n)], {})
    again = pickle.loads(pickle.dumps(table))
    assert again.series == table.series and again.notable == table.notable
    for name in ("row_channel", "row_position"):
        assert getattr(again, name).dtype == getattr(table, name).dtype
        assert np.array_equal(getattr(again, name), getattr(table, name))


def test_values_beyond_64_bits_stay_python_integers() -> None:
    series = _series(2, [2 ** 70, -5])
    back = pickle.loads(pickle.dumps(series))
    assert back.values == [2 ** 70, -5] and back == series


def test_a_large_column_travels_in_pieces_rebuilt_by_python_calls() -> None:
    """~1.6 MB per column: two pieces each, every piece a call of ``_piece`` (where another
    thread gets the interpreter lock)."""
    n = 200_000
    typecode, parts = pieces.array_pieces(_series(n).targets)
    assert typecode == "q" and len(parts) == -(-8 * n // pieces.PIECE_BYTES) == 2
    data = pickle.dumps(_series(n))
    calls: list[int] = []
    original = pieces._piece
    try:
        pieces._piece = lambda chunk: calls.append(len(chunk)) or chunk  # type: ignore[assignment]
        assert pickle.loads(data) == _series(n)
    finally:
        pieces._piece = original
    assert sum(calls) == 200_000 * (8 + 8 + 8 + 4 + 1)
    assert max(calls) <= pieces.PIECE_BYTES
