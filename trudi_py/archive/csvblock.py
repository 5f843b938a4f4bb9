"""A block of readings CSV lines taken apart with numpy, for the GUI's chart process.

:class:`~trudi_py.archive.csvseries.SeriesReader` reads a decade's CSV (~700 000 rows) in
blocks of ~1 MiB; splitting each block into Python strings (13 per row) and converting the
times one by one is most of its cost. Here the block's bytes are looked at as an array: the
comma and line-break positions give every field's place, the times are parsed by numpy in
C, the values by digit arithmetic, the three status words are taken as one key per row (the
key :class:`~trudi_py.archive.csvseries.ColumnBuilder` uses) and only the distinct keys,
OBIS codes and meter ids become strings. It takes only what it can take exactly: plain
ASCII lines of 13 fields, times in our ``…Z`` form (or an empty capture time), integer
values of at most 18 digits; for anything else it answers None and the caller goes the
string way, which gives the same columns and names a bad row. numpy is imported here only
(the CLI's ``verify`` never loads this module).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from trudi_py.model.series import NO_TIME

_FIELDS = 13
_COMMA, _NL, _ZERO, _NINE, _MINUS = ord(","), ord("\n"), ord("0"), ord("9"), ord("-")
#: the positions of digits and separators in ``YYYY-MM-DDThh:mm:ssZ``
_TIME_DIGITS = np.array([0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18])
_TIME_SEPARATORS = {4: ord("-"), 7: ord("-"), 10: ord("T"), 13: ord(":"), 16: ord(":"),
                    19: ord("Z")}
_MAX_DIGITS = 18  # fits int64 whatever the digits


@dataclass
class Run:
    """Consecutive rows of one channel in a block, as columns."""

    obis: str
    meter_id: str
    targets: list[int]
    captures: list[int]
    values: list[int]
    statuses: list[str]  # the three status words joined by commas
    signed: list[bool]


@dataclass
class BlockColumns:
    """A block's rows as runs of one channel each, in row order."""

    rows: int
    runs: list[Run]


def parse_block(data: bytes, obis_col: int, meter_col: int, capture_col: int,
                target_col: int, value_col: int, status_cols: tuple[int, int, int],
                signature_col: int) -> BlockColumns | None:
    """The rows of ``data`` (whole lines, each ending with ``\\n``) or None when a row is
    not in the plain form (then read the block as text)."""
    if not data.endswith(b"\n") or not data.isascii() or b'"' in data or b"\r" in data \
            or b"\0" in data:  # numpy's fixed-width bytes drop trailing NULs
        return None
    arr = np.frombuffer(data, dtype=np.uint8)
    ends = np.flatnonzero(arr == _NL)
    n = ends.size
    commas = np.flatnonzero(arr == _COMMA)
    if commas.size != (_FIELDS - 1) * n:
        return None
    cut = commas.reshape(n, _FIELDS - 1)
    line_starts = np.empty(n, dtype=np.int64)
    line_starts[0] = 0
    line_starts[1:] = ends[:-1] + 1
    if not (bool((cut[:, 0] >= line_starts).all()) and bool((cut[:, -1] < ends).all())):
        return None  # some line has more or fewer fields
    starts = np.empty((n, _FIELDS), dtype=np.int64)
    starts[:, 0] = line_starts
    starts[:, 1:] = cut + 1
    stops = np.empty((n, _FIELDS), dtype=np.int64)
    stops[:, :-1] = cut
    stops[:, -1] = ends
    lengths = stops - starts
    targets = _times(arr, starts[:, target_col], lengths[:, target_col])
    if targets is None:
        return None
    capture_lengths = lengths[:, capture_col]
    empty = capture_lengths == 0
    if bool(empty.any()):
        some = np.flatnonzero(~empty)
        found = _times(arr, starts[some, capture_col], capture_lengths[some])
        if found is None:
            return None
        captures = np.full(n, NO_TIME, dtype=np.int64)
        captures[some] = found
    else:
        every = _times(arr, starts[:, capture_col], capture_lengths)
        if every is None:
            return None
        captures = every
    values = _integers(arr, starts[:, value_col], lengths[:, value_col])
    if values is None:
        return None
    first_status, _, last_status = status_cols
    statuses = _texts(data, arr, starts[:, first_status], stops[:, last_status])
    obis_of_row = _fixed(arr, starts[:, obis_col], lengths[:, obis_col])
    if obis_of_row is None:
        return None
    change = np.flatnonzero(obis_of_row[1:] != obis_of_row[:-1]) + 1
    bounds = [0, *change.tolist(), n]
    signed = (lengths[:, signature_col] > 0).tolist()
    target_list, capture_list, value_list = targets.tolist(), captures.tolist(), values.tolist()
    runs = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        obis = data[starts[a, obis_col]:stops[a, obis_col]].decode("ascii")
        meter = data[starts[a, meter_col]:stops[a, meter_col]].decode("ascii")
        runs.append(Run(obis, meter, target_list[a:b], capture_list[a:b], value_list[a:b],
                        statuses[a:b], signed[a:b]))
    return BlockColumns(n, runs)


def _fixed(arr: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray | None:
    """Fields of one length as one bytes value each (None when the lengths differ)."""
    width = int(lengths[0])
    if width == 0 or not bool((lengths == width).all()):
        return None
    cells = arr[starts[:, None] + np.arange(width)]
    return np.ascontiguousarray(cells).view(f"S{width}").ravel()


def _times(arr: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray | None:
    """Microseconds since 1970 of ``YYYY-MM-DDThh:mm:ssZ`` fields (None for another form or
    an invalid date)."""
    if not bool((lengths == 20).all()):
        return None
    cells = arr[starts[:, None] + np.arange(20)]
    digits = cells[:, _TIME_DIGITS]
    if not bool(((digits >= _ZERO) & (digits <= _NINE)).all()) or \
            bool((cells[:, :4] == _ZERO).all(axis=1).any()):  # year 0: numpy's, not ours
        return None
    for position, char in _TIME_SEPARATORS.items():
        if not bool((cells[:, position] == char).all()):
            return None
    try:
        seconds = np.ascontiguousarray(cells[:, :19]).view("S19").ravel().astype(
            "datetime64[s]")
    except ValueError:  # e.g. 30 February: the text way names the row
        return None
    result: np.ndarray = seconds.astype(np.int64) * 1_000_000
    return result


def _integers(arr: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray | None:
    """Fields of an optional ``-`` and 1–18 ASCII digits as int64 (None otherwise)."""
    if lengths.size == 0:
        return np.zeros(0, dtype=np.int64)
    negative = arr[starts] == _MINUS
    count = lengths - negative
    width = int(lengths.max())
    if int(count.min()) < 1 or int(count.max()) > _MAX_DIGITS:
        return None
    stops = starts + lengths
    index = stops[:, None] - width + np.arange(width)  # right-aligned
    keep = np.arange(width) >= (width - count)[:, None]  # the digits, not sign or padding
    cells = arr[np.clip(index, 0, None)].astype(np.int64) - _ZERO
    if not bool(((cells >= 0) & (cells <= 9))[keep].all()):
        return None
    cells[~keep] = 0
    powers = 10 ** np.arange(width - 1, -1, -1, dtype=np.int64)
    values = cells @ powers
    values[negative] *= -1
    result: np.ndarray = values
    return result


def _texts(data: bytes, arr: np.ndarray, starts: np.ndarray, stops: np.ndarray) -> list[str]:
    """The text from each start to stop (the few distinct ones decoded once)."""
    lengths = stops - starts
    width = int(lengths[0]) if lengths.size else 0
    if width and bool((lengths == width).all()):
        cells = np.ascontiguousarray(arr[starts[:, None] + np.arange(width)]).view(
            f"S{width}").ravel()
        if bool((cells == cells[0]).all()):  # the usual block: one status throughout
            return [data[int(starts[0]):int(stops[0])].decode("ascii")] * len(cells)
        distinct, inverse = np.unique(cells, return_inverse=True)
        words = [d.decode("ascii") for d in distinct.tolist()]
        return [words[i] for i in inverse.ravel().tolist()]
    return [data[a:b].decode("ascii") for a, b in zip(starts.tolist(), stops.tolist(),
                                                      strict=True)]


__all__ = ["BlockColumns", "Run", "parse_block"]
