"""The GUI's CSV export of loaded readings: the archive's columns, every text cell defused
against formula injection (a spreadsheet must not run a meter id like ``=HYPERLINK(…)``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from trudi_py.archive.csvformat import READING_COLUMNS, neutralise, reading_rows, write_csv
from trudi_py.model import Channel, ChannelReadings


def safe_rows(rows: Iterable[list[str]]) -> Iterator[list[str]]:
    """Every cell through :func:`trudi_py.archive.csvformat.neutralise` (plain numbers stay)."""
    for row in rows:
        yield [neutralise(cell) for cell in row]


def write_readings_csv(path: Path, channels: Iterable[ChannelReadings],
                       meta: dict[str, Channel]) -> int:
    """Write the readings as CSV (UTF-8, ``\\n`` line ends); returns the number of rows."""
    with open(path, "w", encoding="utf-8", newline="") as out:
        return write_csv(out, READING_COLUMNS, safe_rows(reading_rows(channels, meta)))
