"""Copies of the archive's tables for German Excel (``excel/…``).

Semicolon separator, decimal comma, a local (Europe/Berlin) time column after the main UTC
time column (``target_time``, ``time``), CRLF line ends, UTF-8 with BOM. Cells that Excel
would take as a formula (text starting with ``=``, ``+``, ``-``, ``@``, tab or CR) get a
leading apostrophe (:func:`~trudi_py.archive.csvformat.neutralise`, as in the main CSVs);
plain numbers (``-1``) stay numbers. The raw answers in ``raw/`` stay byte-exact.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import timedelta

from trudi_py.archive.csvformat import _FORMULA_START, neutralise
from trudi_py.archive.summary import parse_z
from trudi_py.model.times import berlin_offset

BOM = "\ufeff".encode("utf-8")


def local_time(utc_text: str) -> str:
    """``2026-03-01T00:15:00Z`` → ``01.03.2026 01:15:00`` (Europe/Berlin)."""
    if not utc_text:
        return ""
    try:
        moment = parse_z(utc_text)
    except ValueError:
        return ""
    t = moment + timedelta(seconds=berlin_offset(int(moment.timestamp())))
    return f"{t.day:02d}.{t.month:02d}.{t.year:04d} {t.hour:02d}:{t.minute:02d}:{t.second:02d}"


class ExcelTable:
    """Converts rows of one of our CSV tables; ``time_columns`` get a local twin column."""

    def __init__(self, header: Sequence[str], time_columns: Iterable[str],
                 decimal_columns: Iterable[str]) -> None:
        self.header = list(header)
        times = set(time_columns)
        self._time_idx = [i for i, name in enumerate(self.header) if name in times]
        self._dec_idx = {i for i, name in enumerate(self.header) if name in decimal_columns}
        out = []
        for i, name in enumerate(self.header):
            out.append(name)
            if i in self._time_idx:
                out.append(f"{name}_local")
        self.out_header = out

    def convert(self, row: Sequence[str]) -> list[str]:
        """One CSV row in the Excel form (decimal comma, local time added)."""
        cells = list(row)
        for i in self._dec_idx:
            if i < len(cells):
                cells[i] = cells[i].replace(".", ",")
        out = [cell if not cell or cell[0] not in _FORMULA_START else neutralise(cell)
               for cell in cells]
        for i in reversed(self._time_idx):
            if i < len(row):
                out.insert(i + 1, local_time(row[i]))
        return out

    def encode(self, rows: Iterable[Sequence[str]], with_header: bool = False,
               batch: int = 5000) -> Iterator[bytes]:
        """Chunks of the Excel file (BOM and header first when ``with_header``)."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        if with_header:
            writer.writerow(self.out_header)
            yield BOM + buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
        for n, row in enumerate(rows, 1):
            writer.writerow(self.convert(row))
            if n % batch == 0:
                yield buffer.getvalue().encode("utf-8")
                buffer.seek(0)
                buffer.truncate()
        if buffer.tell():
            yield buffer.getvalue().encode("utf-8")
