"""Turning spooled rows into the archive's tables: database CSVs, the logbook, Excel copies.

Runs in the writer thread when a database's last window is in (overlapping the next
requests) and at the very end for the logbook. Reads the spools twice (CSV, then Excel copy);
keeps only per-channel aggregates (:class:`~trudi_py.archive.summary.ChannelSummary`).
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from trudi_py.archive.bounded import split_records
from trudi_py.archive.colstore import year_members
from trudi_py.archive.csvformat import LOG_COLUMNS, READING_COLUMNS, encode_rows, header_line
from trudi_py.archive.csvseries import MAX_SERIES_READINGS, RowsToSeries
from trudi_py.archive.excel import BOM, ExcelTable
from trudi_py.archive.manifest import EXCEL_PREFIX, LOGBOOK, readings_member
from trudi_py.archive.rawlog import safe_segment
from trudi_py.archive.summary import (
    ChannelSummary,
    day_summary_member,
    parse_z,
    summaries_day_bytes,
)
from trudi_py.archive.writer import ArchiveWriter, spool_dir_name
from trudi_py.archive.zipio import storage_error
from trudi_py.model import Channel

READINGS_EXCEL = ExcelTable(READING_COLUMNS, ("target_time",),
                            ("physical_value",))
LOG_EXCEL = ExcelTable(LOG_COLUMNS, ("time",), ())
_CHUNK_LINES = 4000


def _spool_lines(paths: list[Path]) -> Iterator[str]:
    for path in paths:
        if path.exists():
            with open(path, encoding="utf-8", newline="") as handle:
                yield from handle


def _excel_line(fields: list[str]) -> str:
    line = ";".join(fields)
    if line.count(";") != len(fields) - 1 or '"' in line or "\n" in line or "\r" in line:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerow(fields)
        return buffer.getvalue()
    return line + "\r\n"


def finish_database(writer: ArchiveWriter, usage_point_id: str, database: str,
                    windows: list[tuple[str, datetime | None]], meta: dict[str, Channel],
                    start: datetime | None, excluded: list[tuple[datetime, datetime]],
                    excel: bool = True, charts: bool = True) -> dict[str, Any]:
    """Write ``readings/<up>/<db>.csv`` (and its Excel copy, its day summary and its column
    store) from the spools of ``windows`` (step keys with their window start, fetched ones
    only); returns the database summary."""
    ordered = [step for step, _ in sorted(windows, key=lambda w: (w[1] is not None, w[1]))]
    obis_set = sorted({obis for step in ordered
                       for obis in writer.state.data.get(step, {}).get("rows", {})})
    paths = {obis: [writer.spool_path(step, obis) for step in ordered] for obis in obis_set}
    summaries: dict[str, ChannelSummary] = {}
    columns = RowsToSeries(MAX_SERIES_READINGS)  # the columns reading the CSV would give
    staged = writer.sidecar / f"excel-{spool_dir_name(usage_point_id + database)}.tmp"
    # closed in the finally block below, after the generator has run
    excel_out = open(staged, "w", encoding="utf-8", newline="") if excel else None  # noqa: SIM115

    def csv_chunks() -> Iterator[bytes]:
        yield header_line(READING_COLUMNS)
        if excel_out is not None:
            excel_out.write(_excel_line(READINGS_EXCEL.out_header))
        for obis in obis_set:
            info = meta.get(obis)
            summary = ChannelSummary(usage_point_id, database, obis,
                                     info.scaler if info else 0, info.unit if info else 255,
                                     start, excluded)
            summaries[obis] = summary
            batch: list[str] = []
            excel_batch: list[str] = []
            rows: list[list[str]] = []
            for text, row in split_records(_spool_lines(paths[obis])):
                summary.add(parse_z(row[3]), row[4], bool(row[12]))
                batch.append(text)
                rows.append(row)
                if excel_out is not None:
                    excel_batch.append(_excel_line(READINGS_EXCEL.convert(row)))
                if len(batch) >= _CHUNK_LINES:
                    yield "".join(batch).encode("utf-8")
                    columns.add(obis, rows)
                    if excel_out is not None:
                        excel_out.write("".join(excel_batch))
                    batch, excel_batch, rows = [], [], []
            if batch:
                yield "".join(batch).encode("utf-8")
                columns.add(obis, rows)
            if excel_out is not None and excel_batch:
                excel_out.write("".join(excel_batch))
            summary.finish()

    try:
        record = writer.write_member(readings_member(usage_point_id, database), csv_chunks())
        writer.write_member(day_summary_member(usage_point_id, database), summaries_day_bytes(
            usage_point_id, database, list(summaries.values())))  # energy per local day
        series = columns.finish()  # None: a row the CSV reading would not take as columns
        for name, data in year_members(usage_point_id, database, series or []):
            writer.write_member(name, data)  # a year of the database as binary columns
        if excel_out is not None:
            excel_out.close()
            writer.write_member(EXCEL_PREFIX + readings_member(usage_point_id, database),
                                _file_chunks(staged, BOM))
    except OSError as exc:
        raise storage_error(exc, staged) from None
    finally:
        if excel_out is not None:
            excel_out.close()
            staged.unlink(missing_ok=True)
    chart = None
    if charts and database == "origin" and any(s.hour_first for s in summaries.values()):
        from trudi_py.archive.report import render_database_chart
        try:  # matplotlib/numpy are imported only here, for the chart
            png = render_database_chart(usage_point_id, database, list(summaries.values()))
        except (ImportError, OSError) as exc:  # no chart, but every reading is archived
            logging.getLogger(__name__).warning(
                "chart of %s/%s left out: matplotlib could not be loaded (%s: %s)",
                usage_point_id, database, type(exc).__name__, exc)
            png = None
        if png:
            chart = f"chart-{safe_segment(usage_point_id)}-{safe_segment(database)}.png"
            (writer.sidecar / chart).write_bytes(png)
    return {"usage-point-id": usage_point_id, "database": database, "path": record.path,
            "rows": sum(s.rows for s in summaries.values()),
            "channels": [s.to_dict() for s in summaries.values()], "chart": chart}


def _file_chunks(path: Path, prefix: bytes = b"") -> Iterator[bytes]:
    yield prefix
    with open(path, "rb") as handle:
        while chunk := handle.read(1024 * 1024):
            yield chunk


def finish_logbook(writer: ArchiveWriter, pages: list[str], excel: bool = True
                   ) -> tuple[int, list[list[str]]]:
    """``logbook.csv`` (and its Excel copy) from the spooled pages: sorted by index, each
    index once. The logbook is small enough to sort in memory."""
    by_index: dict[int, list[str]] = {}
    for step in pages:
        for row in csv.reader(_spool_lines([writer.log_spool(step)])):
            by_index.setdefault(int(row[0]), row)
    rows = [by_index[i] for i in sorted(by_index)]
    writer.write_member(LOGBOOK, [header_line(LOG_COLUMNS), encode_rows(rows)])
    if excel:
        writer.write_member("excel/logbook.csv", LOG_EXCEL.encode(rows, with_header=True))
    return len(rows), rows
