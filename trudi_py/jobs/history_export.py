"""Exports of a period from the history store (``trudi-py export`` and the GUI's history
page): the readings of one usage point and database, or the logbook, in the archive's CSV
columns, or as the German Excel copy. Offline: no gateway needed.

Every cell of the plain CSV goes through :func:`~trudi_py.archive.csvformat.neutralise`
(text a spreadsheet would evaluate as a formula gets a leading apostrophe; numbers and
times are unchanged); the Excel copy does the same by itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from trudi_py.archive.assemble import LOG_EXCEL, READINGS_EXCEL
from trudi_py.archive.csvformat import (
    LOG_COLUMNS,
    READING_COLUMNS,
    log_rows,
    neutralise,
    reading_rows,
    write_csv,
)
from trudi_py.errors import UsageError
from trudi_py.history.source import HistorySource
from trudi_py.i18n import msg
from trudi_py.jobs.base import CancelToken


@dataclass(frozen=True)
class ExportRequest:
    """What to export: ``usage_point`` (id or name) and ``database``, or the logbook."""

    store: Path
    out: Path
    usage_point: str | None = None
    database: str = "origin"
    logbook: bool = False
    start: datetime | None = None
    end: datetime | None = None
    excel: bool = False


def _neutralised(rows: Iterable[list[str]], cancel: CancelToken | None
                 ) -> Iterator[list[str]]:
    for n, row in enumerate(rows):
        if cancel is not None and n % 10000 == 0:
            cancel.raise_if_cancelled()
        yield [neutralise(cell) for cell in row]


def export_period(request: ExportRequest, cancel: CancelToken | None = None) -> int:
    """Write the export; returns the number of rows. Raises :class:`UsageError` for an
    unknown usage point or an unwritable file."""
    source = HistorySource(request.store)
    columns: tuple[str, ...]
    try:
        if request.logbook:
            columns, rows, excel = LOG_COLUMNS, list(log_rows(
                source.logbook(request.start, request.end))), LOG_EXCEL
        else:
            points = source.usage_points()
            point = next((p for p in points if request.usage_point in
                          (p.usage_point_id, p.name)), None)
            if point is None:
                known = ", ".join(p.usage_point_id for p in points) or "none"
                raise UsageError(msg("Unknown usage point {usage_point!r}; known: {known}.",
                                     usage_point=request.usage_point, known=known))
            db = source.usage_point_info(point.usage_point_id).database(request.database)
            meta = {c.obis: c for c in db.channels} if db else {}
            channels = source.store.readings(point.usage_point_id, request.database,
                                             request.start, request.end)
            columns, rows, excel = READING_COLUMNS, list(reading_rows(channels, meta)), \
                READINGS_EXCEL
    finally:
        source.close()
    try:
        if request.excel:
            with open(request.out, "wb") as out:
                for chunk in excel.encode(_neutralised(rows, cancel), with_header=True):
                    out.write(chunk)
        else:
            with open(request.out, "w", encoding="utf-8", newline="") as text:
                write_csv(text, columns, _neutralised(rows, cancel))
    except OSError as exc:
        raise UsageError(msg("Cannot write {out}: {strerror}.",
                             out=request.out, strerror=exc.strerror)) from None
    return len(rows)
