"""Superseded raw answers are kept exactly as deltas against the answer that holds them."""

from __future__ import annotations

import json
import random
import zlib

import pytest

from trudi_py.errors import HistoryError
from trudi_py.history.delta import decode, encode


def _answer(n: int, elapsed: int, seed: int = 1) -> bytes:
    r = random.Random(seed)
    values = [{"target-time": f"2026-01-{1 + k // 96:02d}T{k % 96 // 4:02d}:{k % 4 * 15:02d}"
               f":00Z", "value": str(r.randint(0, 10**9)),
               "signature": f"{r.getrandbits(256):064x}"} for k in range(n)]
    return json.dumps({"elapsed-time": elapsed, "readings": {"list": [
        {"obis": "0100010800ff", "entries": values}, {"obis": "0100020800ff",
                                                       "entries": values}]}}).encode()


def test_an_earlier_read_of_a_growing_window_costs_almost_nothing() -> None:
    old, new = _answer(1500, 12), _answer(2900, 47)
    delta = encode(old, new)
    assert decode(delta, new) == old
    assert len(delta) < len(zlib.compress(old)) / 100


@pytest.mark.parametrize("old, base", [(b"", b"abc"), (b"abc", b""), (b"x" * 100, b"y" * 100),
                                       (bytes(range(256)) * 20, bytes(range(256)) * 3),
                                       (b"head" + b"0123456789abcdef" * 40 + b"tail",
                                        b"0123456789abcdef" * 41)])
def test_round_trip_whatever_the_bytes(old: bytes, base: bytes) -> None:
    assert decode(encode(old, base), base) == old


def test_unrelated_bytes_round_trip() -> None:
    r = random.Random(7)
    old, base = r.randbytes(5000), r.randbytes(7000)
    assert decode(encode(old, base), base) == old


def test_a_damaged_delta_is_a_clear_error() -> None:
    delta = encode(_answer(50, 1), _answer(60, 2))
    with pytest.raises(HistoryError, match="damaged"):
        decode(delta[:-3], _answer(60, 2))
    with pytest.raises(HistoryError, match="does not fit"):
        decode(delta, b"short")
