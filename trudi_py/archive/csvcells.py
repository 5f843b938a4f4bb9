"""Cells of the readings CSV built column by column from a decoded answer (the hot path).

A ``readings`` answer in canonical form (decoded by :func:`~trudi_py.model.wire.decode_text`)
becomes per channel the 13 columns of ``READING_COLUMNS`` as lists of text: whole columns at a
time with C-level ``map``/``zip``, no row list per reading. The columns give exactly the cells
the row-by-row functions of :mod:`trudi_py.archive.csvformat` give (the same
:func:`neutralise`, the same physical value text as
:func:`~trudi_py.model.readings.scaled_text`); any column that is not in the plain form
takes the per-cell functions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import repeat
from operator import add, attrgetter, getitem, lt

from trudi_py.model.readings import scaled_text
from trudi_py.model.wire import TextColumns, TextReading

_FORMULA_START = "=+-@\t\r"
_FORMULA_FIRST = frozenset(_FORMULA_START)
_NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")
_FIRST = slice(0, 1)

#: One channel's cells: the 13 columns of ``READING_COLUMNS``, equally long lists of text.
Columns = list[list[str]]


def neutralise(cell: str) -> str:
    """Defuse gateway text a spreadsheet would evaluate as a formula (CSV injection).

    A cell starting with ``= + - @``, tab or CR gets a leading apostrophe, unless it is a
    plain number. The raw answers in ``raw/`` keep the text exactly as sent.
    """
    if cell and cell[0] in _FORMULA_START and not _NUMBER.match(cell):
        return "'" + cell
    return cell


def text_cell(cell: str) -> str:
    """:func:`neutralise`, with the common harmless case decided inline (hot path)."""
    return neutralise(cell) if cell[:1] in _FORMULA_FIRST else cell


def text_column(cells: list[str]) -> list[str]:
    """:func:`text_cell` of every cell; the column itself when no cell starts like a formula."""
    if _FORMULA_FIRST.isdisjoint(map(getitem, cells, repeat(_FIRST))):
        return cells
    return list(map(text_cell, cells))


def scaled_column(values: list[str], scale: int) -> list[str]:
    """``scaled_text(int(v), scale)`` of every integer text ``v``, whole columns at a time
    when the values are written canonically (digits only, no leading zero)."""
    joined = "".join(values)
    if not (joined.isascii() and joined.isdigit()) or "" in values or \
            "0" in set(map(getitem, values, repeat(_FIRST))):
        return list(map(scaled_text, map(int, values), repeat(scale)))
    if scale >= 0:
        return list(map(add, values, repeat("0" * scale)))
    digits = list(map(str.rjust, values, repeat(1 - scale), repeat("0")))
    return list(map(add, map(add, map(getitem, digits, repeat(slice(None, scale))),
                             repeat(".")),
                    map(getitem, digits, repeat(slice(scale, None)))))


@dataclass
class WindowColumns:
    """The cells one readings answer contributes, per OBIS (sorted), each column sorted by
    target time; the counts as in :class:`~trudi_py.archive.csvformat.WindowRows`."""

    columns: dict[str, Columns] = field(default_factory=dict)
    outside: int = 0
    duplicates: int = 0
    total: int = 0
    records: int | None = None


def rows_of(columns: Columns) -> list[list[str]]:
    """The rows of one channel's columns."""
    return list(map(list, zip(*columns, strict=True)))


def columns_of(rows: list[list[str]]) -> Columns:
    """The columns of one channel's rows (13 cells each)."""
    return list(map(list, zip(*rows, strict=True)))


def encode_columns(columns: Columns) -> bytes | None:
    """The CSV lines of one channel's columns (no header), when no cell needs quoting (no
    comma, quote or line break: then csv writes the cells joined by commas); None else."""
    n = len(columns[0]) if columns else 0
    if not n:
        return b""
    text = "\n".join(map(",".join, zip(*columns, strict=True)))
    if '"' in text or "\r" in text or text.count(",") != (len(columns) - 1) * n or \
            text.count("\n") != n - 1:
        return None
    return (text + "\n").encode("utf-8")


_OWNER, _SIGNATURE = attrgetter("owner_number"), attrgetter("signature")


def whole_columns(obis: str, meter_id: str, scaler: str, unit: str, scale: int,
                  readings: Sequence[TextReading], text: TextColumns, lo: str | None,
                  hi: str | None) -> Columns | None:
    """The columns of a channel whose readings (``text``: their checked columns) are all
    inside the window (``lo < t <= hi``) and strictly ascending in target time (the usual
    answer); None (nothing taken) otherwise."""
    targets = text.targets
    n = len(targets)
    if not n or (lo is not None and targets[0] <= lo) or (hi is not None and targets[-1] > hi) \
            or not all(map(lt, targets, targets[1:])):
        return None
    signatures: list[str | None] = list(map(_SIGNATURE, readings))
    if None in signatures:
        signatures = [s or "" for s in signatures]
    return [[obis] * n, [meter_id] * n, text.captures, targets, text.values,
            [scaler] * n, [unit] * n, scaled_column(text.values, scale), text.cosem, text.smgw,
            text.meter, text_column(list(map(_OWNER, readings))),
            text_column(signatures)]  # type: ignore[arg-type]
